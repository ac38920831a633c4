#!/usr/bin/env python3
"""Independent check of the SLA figures of the sample event log under
policies/servicenow-sample.json (resolution, 24x7, no pauses, reopen =
continue, retroactive priority): written from docs/sla.md, not from the Rust
code. Reads the gzipped sample and prints the figures as JSON.

Rules used (docs/sla.md §2-3): events of an incident ordered by
(sys_updated_at, sys_mod_count, row); the clock starts at opened_at; it is
stopped while the status is Resolved or Closed; the stop is the first event of
the final run of such statuses (or the resolved_at / closed_at timestamp when
the history has none); elapsed = time not stopped between start and stop
(24x7, no pauses); met iff elapsed <= target; the policy is the one of the
priority in force at the stop (last event at or before it)."""
import csv, gzip, io, json, sys, datetime as dt, collections

TARGETS = {"1 - Critical": 5 * 3600, "2 - High": 8 * 3600, "3 - Moderate": 4 * 86400, "4 - Low": 5 * 86400}
RESOLVED = {"Resolved", "Closed"}

def ts(s):
    return None if s in ("", "?") else int(dt.datetime.strptime(s, "%d-%m-%Y %H:%M").replace(tzinfo=dt.timezone.utc).timestamp())

path = sys.argv[1] if len(sys.argv) > 1 else "data/servicenow-incident-event-log.csv.gz"
text = gzip.open(path, "rt", encoding="utf-8").read() if path.endswith(".gz") else open(path, encoding="utf-8").read()
rows = list(csv.DictReader(io.StringIO(text)))
by = collections.defaultdict(list)
for i, r in enumerate(rows):
    by[r["number"]].append((ts(r["sys_updated_at"]), int(r["sys_mod_count"]), i, r))

figures = collections.defaultdict(lambda: {"met": 0, "breached": 0, "agree": 0, "withFlag": 0})
for number, evs in by.items():
    evs.sort(key=lambda e: (e[0], e[1], e[2]))
    first, last = evs[0][3], evs[-1][3]
    opened = ts(first["opened_at"])
    before = [e for e in evs if e[0] <= opened]
    opening = (before[-1] if before else evs[0])[3]["incident_state"]
    marks = [(opened, opening in RESOLVED)] + [(e[0], e[3]["incident_state"] in RESOLVED) for e in evs if e[0] > opened]
    stop = None
    if marks[-1][1]:
        i = len(marks) - 1
        while i > 0 and marks[i - 1][1]:
            i -= 1
        stop = marks[i][0]
    elif not any(m[1] for m in marks):
        stop = ts(last["resolved_at"]) or ts(last["closed_at"])
        marks = [(opened, False)]
    assert stop is not None, number  # every sample incident is closed
    stop = max(stop, opened)
    elapsed = 0
    for (a, stopped), nxt in zip(marks, marks[1:] + [(stop, True)]):
        b = min(nxt[0], stop)
        if not stopped and b > a:
            elapsed += b - a
    at_stop = [e for e in evs if e[0] <= stop]
    priority = (at_stop[-1] if at_stop else evs[0])[3]["priority"]
    met = elapsed <= TARGETS[priority]
    f = figures[priority]
    f["met" if met else "breached"] += 1
    flag = last["made_sla"]
    if flag in ("TRUE", "FALSE"):
        f["withFlag"] += 1
        f["agree"] += (flag == "TRUE") == met

print(json.dumps({"incidents": len(by), "perPriority": dict(sorted(figures.items()))}, indent=2, sort_keys=True))
