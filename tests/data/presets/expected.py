#!/usr/bin/env python3
"""Expected load figures of the preset test files, computed independently of
the engine (Python standard library only) from docs/ingest.md's rules:

- rows read: CSV data rows after the header (quoted line breaks do not start
  a row; a leading byte order mark is not part of the first column's name);
- a row is rejected when it has another number of fields than the header,
  when its id or opening instant is missing, when a mapped timestamp does not
  read in the preset's formats, ISO 8601 with an offset or naive ISO 8601,
  when a reopen count is not a whole number >= 0, or (flat lists) when its id
  repeats an id of an earlier loaded row;
- tickets: loaded rows (flat lists) or distinct ids of loaded rows (event log);
- resolved: loaded tickets with a resolution instant;
- per-dimension counts over loaded tickets (empty values not counted).

Event log (process-mining): events grouped by case id, ordered by timestamp
then input row; the status history adds an entry when the activity differs
from the previous event's; first response is the first event whose activity
differs from the case's first one; `lifecycle` is the last event's value.

Regenerate the figures asserted in tests/ingest_presets.rs with
    python3 tests/data/presets/expected.py
"""
import csv
import json
import os
import re
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))

ISO_OFFSET = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$")
ISO_NAIVE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$")


def valid_date(y, m, d, hh=0, mm=0, ss=0):
    try:
        datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        return True
    except ValueError:
        return False


def reads_as_timestamp(value, formats):
    for regex in formats:
        m = re.match(regex, value)
        if m:
            return valid_date(*m.groups())
    for pattern in (ISO_OFFSET, ISO_NAIVE):
        m = pattern.match(value)
        if m:
            return valid_date(*m.groups()[:6])
    return False


# Each preset: delimiter, id column, timestamp columns (required first), whole
# number columns, dimension columns, resolution column, extra formats as
# regexes giving (year, month, day, hour, minute[, second]).
PRESETS = {
    "zendesk": dict(delim=",", id="Id", opened="Created at", times=["Solved at"], wholes=["Reopens"],
                    resolved="Solved at", dims={"priority": "Priority", "status": "Status"}, formats=[]),
    "freshservice": dict(delim=",", id="Ticket ID", opened="Created time",
                         times=["Initial response time", "Resolved time", "Closed time"], wholes=[],
                         resolved="Resolved time", dims={"priority": "Priority", "status": "Status"}, formats=[]),
    # %d-%m-%Y %H:%M: the groups are reordered below.
    "glpi": dict(delim=";", id="ID", opened="Opening date", times=["Resolution date", "Closing date"], wholes=[],
                 resolved="Resolution date", dims={"status": "Status", "priority": "Priority"},
                 formats=["glpi"]),
    "otrs": dict(delim=";", id="Ticket#", opened="Created", times=["FirstResponse", "Close Time"], wholes=[],
                 resolved="Close Time", dims={"status": "State", "state_type": "StateType"},
                 formats=[r"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) \(\S+$"]),
}


def glpi_reads(value):
    m = re.match(r"^(\d{1,2})-(\d{1,2})-(\d{4}) (\d{1,2}):(\d{2})$", value)
    if m:
        d, mo, y, hh, mm = m.groups()
        return valid_date(y, mo, d, hh, mm)
    return reads_as_timestamp(value, [])


def rows_of(name, delim):
    with open(os.path.join(HERE, name + ".csv"), encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter=delim) if r]
    return rows[0], rows[1:]


def flat(name, p):
    header, rows = rows_of(name, p["delim"])
    col = {h: i for i, h in reversed(list(enumerate(header)))}
    reads = glpi_reads if p["formats"] == ["glpi"] else (lambda v: reads_as_timestamp(v, p["formats"]))
    seen, loaded, rejected = set(), [], 0
    for r in rows:
        ok = len(r) == len(header)
        if ok:
            get = lambda c: r[col[c]].strip()
            ok = get(p["id"]) != "" and get(p["opened"]) != "" and reads(get(p["opened"]))
            ok = ok and all(get(c) == "" or reads(get(c)) for c in p["times"] if c in col)
            ok = ok and all(get(c) == "" or get(c).isdigit() for c in p["wholes"])
            ok = ok and get(p["id"]) not in seen
        if ok:
            seen.add(r[col[p["id"]]].strip())
            loaded.append(r)
        else:
            rejected += 1
    out = {"rowsRead": len(rows), "loaded": len(loaded), "rejected": rejected, "tickets": len(loaded),
           "resolved": sum(1 for r in loaded if r[col[p["resolved"]]].strip())}
    for dim, c in p["dims"].items():
        counts = {}
        for r in loaded:
            v = r[col[c]].strip()
            if v:
                counts[v] = counts.get(v, 0) + 1
        out[dim] = dict(sorted(counts.items()))
    return out


def instant(value):
    m = ISO_OFFSET.match(value)
    if not m or not valid_date(*m.groups()[:6]):
        return None
    return datetime.fromisoformat(value).timestamp()


def process_mining():
    header, rows = rows_of("process-mining", ",")
    col = {h: i for i, h in enumerate(header)}
    cases, rejected = {}, 0
    for n, r in enumerate(rows):
        t = instant(r[col["time:timestamp"]].strip()) if len(r) == len(header) else None
        if t is None or not r[col["case:concept:name"]].strip() or not r[col["concept:name"]].strip():
            rejected += 1
            continue
        cases.setdefault(r[col["case:concept:name"]].strip(), []).append((t, n, r))
    changes, completed, responded, lifecycle = 0, 0, 0, {}
    for events in cases.values():
        events.sort(key=lambda e: (e[0], e[1]))
        acts = [e[2][col["concept:name"]] for e in events]
        changes += sum(1 for a, b in zip(acts, acts[1:]) if a != b)
        completed += acts[-1] == "Completed"
        responded += any(a != acts[0] for a in acts)
        last = events[-1][2][col["lifecycle:transition"]]
        lifecycle[last] = lifecycle.get(last, 0) + 1
    loaded = len(rows) - rejected
    return {"rowsRead": len(rows), "loaded": loaded, "rejected": rejected, "tickets": len(cases),
            "statusChanges": changes, "lastStatusCompleted": completed, "withFirstResponse": responded,
            "lifecycle": dict(sorted(lifecycle.items()))}


if __name__ == "__main__":
    figures = {name: flat(name, p) for name, p in PRESETS.items()}
    figures["process-mining"] = process_mining()
    print(json.dumps(figures, indent=1, ensure_ascii=False))
