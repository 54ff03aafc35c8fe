# SPDX-License-Identifier: MIT
"""Writes the data of ../timeseries.json (fixed seed):
/usr/bin/python3 samples/data/timeseries_data.py. The files are
committed; rerun only to change them.

station.csv: three weeks of hourly readings from a building's weather
station and its heat pump, stamped in local winter time (ISO 8601 with
+01:00), two readings missing. meter_daily.csv: two years of the
building's daily electricity use (ISO dates)."""
import csv
import datetime as dt
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2024)
CET = dt.timezone(dt.timedelta(hours=1))

t0 = dt.datetime(2024, 1, 8, tzinfo=CET)
hours = np.arange(21 * 24)
# a cold spell in the second week, a daily cycle peaking mid-afternoon
front = -6.0 * np.exp(-((hours - 250) / 60.0) ** 2)
# the daily swing changes with the cloud cover of each day
swing = np.repeat(rng.uniform(1.0, 4.5, 21), 24)
weather = np.cumsum(rng.normal(0, 0.35, hours.size))
weather -= np.linspace(0, weather[-1], hours.size)  # no drift overall
temp = (2.0 + front + swing * np.sin(2 * np.pi * (hours % 24 - 9) / 24)
        + weather + rng.normal(0, 0.3, hours.size))
humid = np.clip(82 - 2.2 * (temp - 2) + rng.normal(0, 3, hours.size), 35,
                100)
# the heat pump works against the outside temperature, harder at night
power = np.clip(2.8 - 0.22 * temp + 0.6 * (hours % 24 < 6)
                + rng.normal(0, 0.25, hours.size), 0.3, None)
with open(os.path.join(HERE, "station.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["time", "temp_C", "humidity_pct", "heatpump_kW"])
    for i, h in enumerate(hours):
        stamp = (t0 + dt.timedelta(hours=int(h))).isoformat(timespec="minutes")
        tc = "" if i in (130, 131) else f"{temp[i]:.2f}"
        w.writerow([stamp, tc, f"{humid[i]:.1f}", f"{power[i]:.3f}"])

d0 = dt.date(2022, 1, 1)
days = np.arange(730)
season = 38 + 14 * np.cos(2 * np.pi * (days - 15) / 365.25)
weekend = np.array([(d0 + dt.timedelta(days=int(d))).weekday() >= 5
                    for d in days])
use = season - 6 * weekend + rng.normal(0, 2.5, days.size)
use[days >= 480] -= 4.0  # new insulation from late April 2023
with open(os.path.join(HERE, "meter_daily.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["date", "energy_kWh"])
    for d, u in zip(days, use):
        w.writerow([(d0 + dt.timedelta(days=int(d))).isoformat(), f"{u:.2f}"])
