#!/usr/bin/env python3
"""Independent figures for the ServiceNow incident event log sample.

Reads data/servicenow-incident-event-log.csv.gz with the Python standard
library only (gzip, csv, datetime, json) and prints the figures that
tests/sample_data.rs compares with what the Rust ingest loads.
Run from the repository root:

    python3 tests/independent/sample_figures.py > tests/independent/sample_figures.json

Definitions (the same words are in docs/ingest.md):
- events: data rows of the file (the header is not counted).
- incidents: distinct values of `number`.
- The events of one incident are ordered by `sys_updated_at` (read as a
  naive `dd-mm-yyyy HH:MM` date-time), then by `sys_mod_count` as an
  integer, then by position in the file. The *last event* is the last in
  that order.
- resolved: incidents whose last event has a `resolved_at` (not "?").
- closed: incidents whose last event has a `closed_at` (not "?").
- reopened: incidents whose last event has `reopen_count` > 0.
- made_sla_false: incidents whose last event has `made_sla` = FALSE.
- status_changes: over all incidents, the number of pairs of consecutive
  events whose `incident_state` differs. The opening state is not a change:
  an incident whose events are New, New, Active, Resolved has 2.
- assignment_group_changes: over all incidents, reading the non-"?"
  `assignment_group` values in event order, the number of values that
  differ from the previous non-"?" value (the first group is not a change).
- first_responses: incidents with an event whose `incident_state` is not
  "New" (first response = first move out of the opening state New).
- first_response_minutes_total: the sum over those incidents of the minutes
  from `opened_at` (first event) to the `sys_updated_at` of that first event
  not in state New.
- resolved_before_opened: incidents whose last event's `resolved_at` is
  earlier than `opened_at`.
- updates_before_opened: events whose `sys_updated_at` is earlier than
  their `opened_at`.
- order_differs_from_mod_count: incidents whose event order above differs
  from the order by `sys_mod_count` alone (informative).
"""
import csv
import datetime
import gzip
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "data", "servicenow-incident-event-log.csv.gz")
FMT = "%d-%m-%Y %H:%M"


def when(text):
    return datetime.datetime.strptime(text, FMT)


def main():
    with gzip.open(SAMPLE, "rb") as f:
        text = f.read().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    by_incident = {}
    for position, row in enumerate(rows):
        by_incident.setdefault(row["number"], []).append((position, row))

    figures = {
        "events": len(rows),
        "incidents": len(by_incident),
        "resolved": 0,
        "closed": 0,
        "reopened": 0,
        "made_sla_false": 0,
        "status_changes": 0,
        "assignment_group_changes": 0,
        "first_responses": 0,
        "first_response_minutes_total": 0,
        "resolved_before_opened": 0,
        "updates_before_opened": 0,
        "order_differs_from_mod_count": 0,
    }
    for number, events in by_incident.items():
        ordered = sorted(events, key=lambda e: (when(e[1]["sys_updated_at"]), int(e[1]["sys_mod_count"]), e[0]))
        by_mod = sorted(events, key=lambda e: (int(e[1]["sys_mod_count"]), e[0]))
        if [e[0] for e in ordered] != [e[0] for e in by_mod]:
            figures["order_differs_from_mod_count"] += 1
        states = [row["incident_state"] for _, row in ordered]
        last = ordered[-1][1]
        opened = when(ordered[0][1]["opened_at"])
        if last["resolved_at"] != "?":
            figures["resolved"] += 1
            if when(last["resolved_at"]) < opened:
                figures["resolved_before_opened"] += 1
        if last["closed_at"] != "?":
            figures["closed"] += 1
        if int(last["reopen_count"]) > 0:
            figures["reopened"] += 1
        if last["made_sla"] == "FALSE":
            figures["made_sla_false"] += 1
        figures["status_changes"] += sum(1 for a, b in zip(states, states[1:]) if a != b)
        groups = [row["assignment_group"] for _, row in ordered if row["assignment_group"] != "?"]
        figures["assignment_group_changes"] += sum(1 for a, b in zip(groups, groups[1:]) if a != b)
        for _, row in ordered:
            if row["incident_state"] != "New":
                figures["first_responses"] += 1
                delta = when(row["sys_updated_at"]) - opened
                figures["first_response_minutes_total"] += int(delta.total_seconds()) // 60
                break
        for _, row in ordered:
            if when(row["sys_updated_at"]) < when(row["opened_at"]):
                figures["updates_before_opened"] += 1
    json.dump(figures, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
