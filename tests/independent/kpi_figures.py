#!/usr/bin/env python3
"""Independent monthly KPI figures for the ServiceNow incident event log sample.

Reads data/servicenow-incident-event-log.csv.gz with the Python standard
library only and prints, per calendar month (UTC; the file's naive
timestamps read as UTC), the figures that tests/kpi_sample.rs compares with
the Rust KPI engine. Run from the repository root:

    python3 tests/independent/kpi_figures.py > tests/independent/kpi_figures.json

Definitions (docs/kpi.md):
- The events of one incident are ordered by sys_updated_at, then
  sys_mod_count as an integer, then file position; the first event gives
  opened_at, the last event gives resolved_at and reopen_count.
- volume(M): incidents whose opened_at falls in month M.
- resolved(M): incidents whose resolved_at (not "?") falls in month M.
- mttr_hours(M): mean of (resolved_at - opened_at) in hours over resolved(M);
  mttr_median_hours: median (mean of the two middle values for an even
  count); mttr_p90_hours: nearest-rank 90th percentile (rank ceil(0.9 n)).
- reopen_rate(M): 100 * incidents of resolved(M) with reopen_count > 0 /
  |resolved(M)|.
- Months with no resolved incident have null MTTR and reopen rate.
"""
import csv
import datetime
import gzip
import io
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "data", "servicenow-incident-event-log.csv.gz")
FMT = "%d-%m-%Y %H:%M"


def when(text):
    return datetime.datetime.strptime(text, FMT)


def month(t):
    return "%04d-%02d" % (t.year, t.month)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def p90(xs):
    s = sorted(xs)
    return s[max(1, math.ceil(0.9 * len(s))) - 1]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else SAMPLE
    with gzip.open(path, "rb") as f:
        rows = list(csv.DictReader(io.StringIO(f.read().decode("utf-8"), newline="")))
    by_incident = {}
    for position, row in enumerate(rows):
        by_incident.setdefault(row["number"], []).append((position, row))

    volume, durations, reopened = {}, {}, {}
    for events in by_incident.values():
        ordered = sorted(events, key=lambda e: (when(e[1]["sys_updated_at"]), int(e[1]["sys_mod_count"]), e[0]))
        first, last = ordered[0][1], ordered[-1][1]
        opened = when(first["opened_at"])
        volume[month(opened)] = volume.get(month(opened), 0) + 1
        if last["resolved_at"] == "?":
            continue
        resolved = when(last["resolved_at"])
        m = month(resolved)
        durations.setdefault(m, []).append((resolved - opened).total_seconds() / 3600)
        reopened[m] = reopened.get(m, 0) + (1 if int(last["reopen_count"]) > 0 else 0)

    months = sorted(set(volume) | set(durations))
    # every month from the first to the last, empty ones included
    y, mo = map(int, months[0].split("-"))
    out = []
    while "%04d-%02d" % (y, mo) <= months[-1]:
        m = "%04d-%02d" % (y, mo)
        d = durations.get(m, [])
        out.append({
            "month": m,
            "volume": volume.get(m, 0),
            "resolved": len(d),
            "mttr_hours": sum(d) / len(d) if d else None,
            "mttr_median_hours": median(d) if d else None,
            "mttr_p90_hours": p90(d) if d else None,
            "reopen_rate": 100 * reopened[m] / len(d) if d else None,
        })
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    json.dump({"months": out}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
