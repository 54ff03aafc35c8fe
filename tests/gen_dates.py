# SPDX-License-Identifier: MIT
"""Writes tests/data/dates_mpl.txt: matplotlib 3.6's date ticks
(AutoDateLocator) and labels (ConciseDateFormatter, with its offset text)
for views from 10 seconds to 50 years, the edge cases around a leap day,
a year boundary and sub-second spans, and fixed zone offsets, as a real
axis autoscales them (5% margins) from two datetimes, and the minor
ticks minorticks_on() adds (AutoMinorLocator on the date numbers). test_dates checks
render/date_locate.c and date_format.c against it. Run with
/usr/bin/python3 from the repository root."""
import datetime as dt
import random

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

UTC = dt.timezone.utc


def d(s):
    return dt.datetime.fromisoformat(s).replace(tzinfo=UTC)


S = dt.timedelta(seconds=1)
# (start, span, zone offset in minutes)
SPANS = [
    ("2023-04-05T12:00:00", 10 * S, 0),
    ("2023-04-05T12:00:07", 30 * S, 0),
    ("2023-04-05T12:00:00", 90 * S, 0),
    ("2023-04-05T12:03:00", 5 * 60 * S, 0),
    ("2023-04-05T12:00:00", 20 * 60 * S, 0),
    ("2023-04-05T11:50:00", 45 * 60 * S, 0),
    ("2023-04-05T10:00:00", 2 * 3600 * S, 0),
    ("2023-04-05T09:30:00", 6 * 3600 * S, 0),
    ("2023-04-05T00:00:00", 18 * 3600 * S, 0),
    ("2023-04-05T06:00:00", 36 * 3600 * S, 0),
    ("2023-04-03T00:00:00", 4 * 86400 * S, 0),
    ("2023-04-01T00:00:00", 10 * 86400 * S, 0),
    ("2023-03-20T00:00:00", 25 * 86400 * S, 0),
    ("2023-02-10T00:00:00", 60 * 86400 * S, 0),
    ("2023-01-15T00:00:00", 130 * 86400 * S, 0),
    ("2022-11-01T00:00:00", 300 * 86400 * S, 0),
    ("2021-06-01T00:00:00", 2 * 365 * 86400 * S, 0),
    ("2019-01-01T00:00:00", 5 * 365 * 86400 * S, 0),
    ("2010-03-01T00:00:00", 12 * 365 * 86400 * S, 0),
    ("1995-01-01T00:00:00", 25 * 365 * 86400 * S, 0),
    ("1973-07-01T00:00:00", 50 * 365 * 86400 * S, 0),
    ("1900-01-01T00:00:00", 200 * 365 * 86400 * S, 0),
    # leap day, year boundary, month ends
    ("2024-02-27T00:00:00", 4 * 86400 * S, 0),
    ("2024-02-28T20:00:00", 8 * 3600 * S, 0),
    ("2023-12-31T22:00:00", 4 * 3600 * S, 0),
    ("2023-12-20T00:00:00", 25 * 86400 * S, 0),
    ("2023-12-31T23:59:55", 10 * S, 0),
    ("2024-01-31T00:00:00", 45 * 86400 * S, 0),
    # sub-second
    ("2023-04-05T12:00:00", 0.5 * S, 0),
    ("2023-04-05T12:00:01.250000", 0.04 * S, 0),
    ("2023-04-05T12:00:00", 2.5 * S, 0),
    ("1970-01-01T00:00:00", 0.001 * S, 0),
    # before the epoch
    ("1969-12-31T18:00:00", 12 * 3600 * S, 0),
    # fixed zone offsets
    ("2023-04-05T22:00:00", 6 * 3600 * S, 120),
    ("2023-12-31T20:00:00", 10 * 86400 * S, -300),
    ("2023-06-01T00:00:00", 30 * 60 * S, 330),
]


def one(start, span, tzmin):
    tz = dt.timezone(dt.timedelta(minutes=tzmin))
    a = d(start)
    b = a + span
    fig, ax = plt.subplots()
    loc = mdates.AutoDateLocator(tz=tz)
    fmt = mdates.ConciseDateFormatter(loc, tz=tz)
    ax.plot([a, b], [0, 1])
    ax.xaxis.set_major_locator(loc)
    ax.xaxis.set_major_formatter(fmt)
    fig.canvas.draw()
    lo, hi = ax.get_xlim()
    ticks = loc()
    labels = fmt.format_ticks(ticks)
    # minorticks_on(): AutoMinorLocator on the date numbers
    ax.minorticks_on()
    minor = ax.xaxis.get_minorticklocs()
    out = ["view\t%r\t%r\t%d\t%d" % (lo, hi, tzmin, len(ticks))]
    for t, lab in zip(ticks, labels):
        out.append("tick\t%r\t%s" % (float(t), lab))
    out.append("offset\t%s" % fmt.get_offset())
    out.append("minor\t%d\t%s" % (len(minor),
                                   " ".join("%r" % float(m) for m in minor)))
    plt.close(fig)
    return out


def random_spans(n):
    """n spans log-uniform from 1 ms to 100 years at random starts in
    1950..2050 (microseconds kept), a third with a random offset."""
    rng = random.Random(17)
    spans = []
    for _ in range(n):
        start = dt.datetime(1950, 1, 1) + dt.timedelta(
            microseconds=rng.randrange(100 * 365 * 86400 * 10**6))
        span = dt.timedelta(seconds=10 ** rng.uniform(-3, 9.5))
        tz = rng.choice([0, 0, 60, -480, 345])
        spans.append((start.isoformat(), span, tz))
    return spans


def main():
    out = []
    for start, span, tzmin in SPANS + random_spans(40):
        out += one(start, span, tzmin)
    with open("tests/data/dates_mpl.txt", "w") as f:
        f.write("# written by tests/gen_dates.py (matplotlib %s)\n"
                % matplotlib.__version__)
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
