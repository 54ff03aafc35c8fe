# SPDX-License-Identifier: MIT
"""Writes the data of ../showcase.json (fixed seed): /usr/bin/python3
showcase_data.py. The .npy files are committed; rerun only to change them."""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261202)


def save(name, a):
    np.save(os.path.join(HERE, "..", "showcase_" + name + ".npy"),
            np.ascontiguousarray(a, dtype=np.float64))


# a decay measured at 25 times with a 10 % noise, one lost reading
t = np.linspace(0.5, 12, 25)
model = 8 * np.exp(-t / 4) + 1
err = 0.1 * model + 0.15
meas = model + rng.normal(0, 1, t.size) * err
meas[17] = np.nan
save("t", t)
save("meas", meas)
save("err", err)
# residuals of 4000 repeated fits
save("resid", rng.normal(0.2, 1.0, 4000))
# a 2-D field: two peaks on a 48 x 64 grid
yy, xx = np.mgrid[0:48, 0:64]
field = (np.exp(-((xx - 20) ** 2 + (yy - 30) ** 2) / 120.0)
         + 0.6 * np.exp(-((xx - 46) ** 2 + (yy - 14) ** 2) / 60.0)
         + 0.05 * rng.random((48, 64)))
save("field", field)
# 300 samples: size over 3 decades, efficiency, temperature
size = 10 ** rng.uniform(0, 3, 300)
eff = 0.9 - 0.12 * np.log10(size) + rng.normal(0, 0.05, 300)
temp = 20 + 15 * rng.random(300)
save("size", size)
save("eff", eff)
save("temp", temp)
