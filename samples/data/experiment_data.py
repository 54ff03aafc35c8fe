# SPDX-License-Identifier: MIT
"""Writes the data of ../experiment.json, a detector calibration run
(fixed seed): /usr/bin/python3 samples/data/experiment_data.py. The files
are committed; rerun only to change them."""
import csv
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(4242)

# calibration: 24 reference charges (pC), the readout with its sigma,
# one channel that dropped out (empty cell)
ref = np.linspace(5, 120, 24)
sigma = 0.6 + 0.025 * ref
reading = 1.03 * ref - 0.8 + rng.normal(0, 1, ref.size) * sigma
temp = 21.5 + 0.04 * np.arange(ref.size) + rng.normal(0, 0.15, ref.size)
with open(os.path.join(HERE, "calibration.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["reference_pC", "reading_pC", "sigma_pC", "temperature_C"])
    for i in range(ref.size):
        cell = "" if i == 15 else f"{reading[i]:.3f}"
        w.writerow([f"{ref[i]:.3f}", cell, f"{sigma[i]:.3f}",
                    f"{temp[i]:.2f}"])

# a 32 x 48 pixel map of the detector's response: a beam spot, a gradient
# and one hot pixel
yy, xx = np.mgrid[0:32, 0:48]
resp = (900 * np.exp(-((xx - 30) ** 2 + (yy - 13) ** 2) / 40.0)
        + 4 * xx + 40 + rng.poisson(20, (32, 48)))
resp[25, 8] = 1400
np.save(os.path.join(HERE, "detector.npy"), resp.astype(np.float64))

# 20,000 event energies (keV): two lines on a falling background
bg = rng.exponential(180, 16000) + 20
l1 = rng.normal(511, 14, 2800)
l2 = rng.normal(662, 17, 1200)
np.save(os.path.join(HERE, "events.npy"),
        np.concatenate([bg, l1, l2]).astype(np.float64))

# gain of the 8 readout boards, two runs
np.save(os.path.join(HERE, "gain_run1.npy"),
        np.array([1.02, 0.97, 1.05, 0.99, 1.08, 0.94, 1.01, 1.00]))
np.save(os.path.join(HERE, "gain_run2.npy"),
        np.array([1.01, 0.98, 1.03, 1.00, 1.04, 0.97, 1.00, 1.01]))
