# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../dates.json, figure for figure (same
size, dpi, data and titles; ConciseDateFormatter through rcParams
date.converter): /usr/bin/python3 dates.py OUTDIR [NAME ...]
(compare.sh runs this and shmplot and writes the diff panels)."""
import datetime as dt

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

matplotlib.rcParams["date.converter"] = "concise"
FIGS, figure = mplfigs.registry()


def days(a, b, n):
    """np.linspace of Unix seconds as matplotlib's date numbers."""
    return np.linspace(a, b, n) / 86400.0


def iso(values):
    return [np.datetime64(v.rstrip("Z"), "us") for v in values]


u = np.linspace(0, 6, 60)


def pair(title_a, title_b):
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.5), dpi=100)
    a.set_title(title_a)
    b.set_title(title_b)
    return fig, a, b


@figure
def dates_short():
    fig, a, b = pair("10 seconds, ISO strings", "half a second")
    a.plot(iso(["2023-04-05T12:00:00", "2023-04-05T12:00:02.5",
                "2023-04-05T12:00:04", "2023-04-05T12:00:06.25",
                "2023-04-05T12:00:08", "2023-04-05T12:00:10Z"]),
           [0.2, 0.9, 0.4, 0.7, 0.3, 0.8], marker="o")
    b.xaxis_date()
    b.plot(days(1680696000.1, 1680696000.6, 60), np.cos(u), color="C1")
    return fig


@figure
def dates_hours():
    fig, a, b = pair("24 hours", "6 hours, tz +02:00, minor ticks")
    a.xaxis_date()
    a.plot(days(1680696000, 1680782400, 60), np.sin(u))
    b.xaxis_date(tz=dt.timezone(dt.timedelta(hours=2)))
    b.plot(days(1680732000, 1680753600, 60), np.cos(u), color="C1")
    b.minorticks_on()
    return fig


@figure
def dates_long():
    fig, a, b = pair("4 months", "50 years")
    a.xaxis_date()
    a.plot(days(1672531200, 1683000000, 60), np.cos(u), color="C2")
    b.xaxis_date()
    b.plot(days(-315619200, 1262304000, 60), np.sin(u), color="C3")
    return fig


@figure
def dates_edges():
    fig, a, b = pair("leap day", "year boundary")
    yl = [3, 1, 4, 1, 5, 9]
    a.plot(iso(["2024-02-27", "2024-02-28T06:00", "2024-02-29",
                "2024-02-29T18:00", "2024-03-01T12:00", "2024-03-02"]),
           yl, color="C4", marker="o")
    b.plot(iso(["2023-12-20", "2023-12-24T12:00", "2023-12-31T23:00",
                "2024-01-03", "2024-01-09", "2024-01-14"]),
           yl, color="C5", marker="s")
    return fig


@figure
def dates_y():
    fig, a, b = pair("dates on y: one day", "dates on y: three years")
    runs = [1, 2, 3, 4, 5, 6, 7]
    a.plot(runs, iso(["2023-06-01T09:12", "2023-06-01T11:40",
                      "2023-06-01T14:05", "2023-06-01T15:30",
                      "2023-06-01T18:55", "2023-06-01T20:10",
                      "2023-06-01T23:45"]), marker="o")
    b.plot(runs, iso(["2021-03-14", "2021-09-30", "2022-02-11", "2022-08-01",
                      "2023-01-20", "2023-05-05", "2023-11-30"]),
           color="C1", marker="D")
    return fig


@figure
def dates_twins():
    fig, a, b = pair("twiny: ISO dates on the twin's own x",
                     "twinx: ISO dates on the twin's own y")
    yl = [3, 1, 4, 1, 5, 9]
    a.set_xlabel("run")
    a.plot(yl, marker="o")
    a.twiny().plot(iso(["2024-01-01", "2024-01-08", "2024-01-15",
                        "2024-01-22", "2024-01-29", "2024-02-05"]),
                   [2, 5, 9, 12, 18, 21], color="C1", marker="s")
    b.plot(yl, marker="o")
    b.twinx().plot(iso(["2023-06-01T09:12", "2023-06-01T11:40",
                        "2023-06-01T14:05", "2023-06-01T15:30",
                        "2023-06-01T18:55", "2023-06-01T20:10",
                        "2023-06-01T23:45"]), color="C1", marker="D")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
