#!/usr/bin/env python3
"""Independent check of where the sample's SLA clock time went
(docs/sla.md §8), written from the documentation, not from the Rust code:
standard library only. Reads the gzipped sample event log and prints, per
policy document, per policy x month (of the stop instant, UTC) x group and
x status, the working seconds of breached and met outcomes and the number
of breaches each group or status held; then the three statuses and groups
that consumed most of the breached working time of March 2016.

Two policy documents: "sample" is policies/servicenow-sample.json (24x7, no
pauses); "office" runs the same targets on Monday-Friday 09:00-17:00 UTC and
pauses in the Awaiting statuses, so the working-time arithmetic (windows,
pauses, out of hours) is exercised.

Rules (docs/ingest.md, docs/sla.md): events of an incident ordered by
(sys_updated_at, sys_mod_count, row). Status history: the first event's
status at opened_at, then each event whose status differs from the one before
at its sys_updated_at. Group history: each event's assignment_group ('?' is
skipped) when it differs from the last recorded one, at opened_at for the
first event, else at sys_updated_at; no group before the first. Value in force
at t: the last change at or before t. The resolution clock starts at
opened_at in the status in force then; Resolved/Closed stop it, pause statuses
pause it; the stop is the first instant of the final run of stopped statuses
(resolved_at, else closed_at, when the history never stops). Working time
counted = running time inside the calendar's windows. Due = the instant the
counted time reaches the target; met iff stop <= due. The policy is the one of
the priority in force at the stop."""
import collections, csv, datetime as dt, gzip, io, json, sys

TARGETS = {"1 - Critical": ("P1 resolution", 5 * 3600), "2 - High": ("P2 resolution", 8 * 3600),
           "3 - Moderate": ("P3 resolution", 4 * 86400), "4 - Low": ("P4 resolution", 5 * 86400)}
RESOLVED = {"Resolved", "Closed"}
PAUSES = {"office": {"Awaiting User Info", "Awaiting Vendor", "Awaiting Problem", "Awaiting Evidence"}, "sample": set()}
DAY = 86400


def ts(s):
    return None if s in ("", "?") else int(dt.datetime.strptime(s, "%d-%m-%Y %H:%M").replace(tzinfo=dt.timezone.utc).timestamp())


def windows(calendar, a, b):
    """Working intervals of [a, b): everything on 24x7; on "office", Monday to
    Friday 09:00-17:00 UTC (1970-01-01, day 0, was a Thursday)."""
    if b <= a:
        return []
    if calendar == "sample":
        return [(a, b)]
    out = []
    for day in range(a // DAY, (b - 1) // DAY + 1):
        if (day + 3) % 7 < 5:
            lo, hi = max(a, day * DAY + 9 * 3600), min(b, day * DAY + 17 * 3600)
            if hi > lo:
                out.append((lo, hi))
    return out


def at(changes, t, before=None):
    value = before
    for when, v in changes:
        if when <= t:
            value = v
    return value


path = sys.argv[1] if len(sys.argv) > 1 else "data/servicenow-incident-event-log.csv.gz"
rows = list(csv.DictReader(io.StringIO(gzip.open(path, "rt", encoding="utf-8").read())))
by = collections.defaultdict(list)
for i, r in enumerate(rows):
    by[r["number"]].append((ts(r["sys_updated_at"]), int(r["sys_mod_count"]), i, r))

result = {}
for calendar in ("sample", "office"):
    cells = collections.defaultdict(lambda: {"breachedSeconds": 0, "metSeconds": 0, "breachesHeld": 0, "pausedSeconds": 0, "outsideHoursSeconds": 0})
    for number, evs in by.items():
        evs.sort(key=lambda e: (e[0], e[1], e[2]))
        opened = ts(evs[0][3]["opened_at"])
        last = evs[-1][3]
        statuses = [(opened, evs[0][3]["incident_state"])]
        for e in evs[1:]:
            if e[3]["incident_state"] != statuses[-1][1]:
                statuses.append((e[0], e[3]["incident_state"]))
        groups = []
        for k, e in enumerate(evs):
            g = e[3]["assignment_group"]
            if g != "?" and (not groups or groups[-1][1] != g):
                groups.append((opened if k == 0 else e[0], g))
        groups.sort(key=lambda c: c[0])
        statuses_sorted = sorted(statuses, key=lambda c: c[0])
        priorities = [(opened, evs[0][3]["priority"])] + [(e[0], e[3]["priority"]) for e in evs[1:]]

        def phase(status):
            return "stopped" if status in RESOLVED else "paused" if status in PAUSES[calendar] else "running"

        opening = at(statuses_sorted, opened, statuses[0][1])
        marks = [(opened, phase(opening))] + [(w, phase(s)) for w, s in statuses if w > opened]
        if any(p == "stopped" for _, p in marks):
            i = len(marks) - 1
            assert marks[i][1] == "stopped", number  # every sample incident ends stopped
            while i > 0 and marks[i - 1][1] == "stopped":
                i -= 1
            stop = marks[i][0]
        else:
            stop = max(ts(last["resolved_at"]) or ts(last["closed_at"]), opened)
            marks = [m for m in marks if m[0] < stop]
        policy, target = TARGETS[at(priorities, stop)]
        # Pieces of [opened, stop) with their phase, cut at every mark and every change of group and status.
        cuts = sorted({opened, stop} | {w for w, _ in marks if opened < w < stop} | {w for w, _ in groups if opened < w < stop}
                      | {w for w, _ in statuses_sorted if opened < w < stop})
        counted, due, pieces = 0, None, []
        for a, b in zip(cuts, cuts[1:]):
            ph = at(marks, a)
            status, group = at(statuses_sorted, a, statuses_sorted[0][1]), at(groups, a)
            work = windows(calendar, a, b)
            worked = sum(y - x for x, y in work)
            if ph == "running":
                for x, y in work:
                    if due is None and counted + (y - x) >= target:
                        due = x + (target - counted)
                    counted += y - x
            pieces.append((ph, status, group, worked, (b - a) - worked))
        breached = due is not None and stop > due
        month = dt.datetime.fromtimestamp(stop, dt.timezone.utc).strftime("%Y-%m")
        for ph, status, group, worked, outside in pieces:
            if ph == "stopped":
                continue  # between a resolution and a reopen: no time counted, no row
            for axis, value in (("status", status), ("group", group)):
                c = cells[(policy, month, axis, value or "")]
                if ph == "running":
                    c["breachedSeconds" if breached else "metSeconds"] += worked
                    if breached:
                        c["outsideHoursSeconds"] += outside
                elif ph == "paused" and breached:
                    c["pausedSeconds"] += worked
        if breached:
            cells[(policy, month, "status", at(statuses_sorted, due, statuses_sorted[0][1]))]["breachesHeld"] += 1
            cells[(policy, month, "group", at(groups, due) or "")]["breachesHeld"] += 1
    out = {"|".join(k): v for k, v in sorted(cells.items())}
    top = {}
    for axis in ("status", "group"):
        totals = collections.Counter()
        for (policy, month, ax, value), c in cells.items():
            if month == "2016-03" and ax == axis:
                totals[value] += c["breachedSeconds"]
        top[axis] = [[v, s] for v, s in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    result[calendar] = {"cells": out, "march2016Top": top}
print(json.dumps(result, indent=1, sort_keys=True))
