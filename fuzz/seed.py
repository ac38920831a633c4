#!/usr/bin/env python3
"""Writes the seed inputs of every fuzz target to fuzz/seeds/<target>/ from
the repository's sample data, policies, scorecard defaults and the shapes of
the ingest tests. Run by scripts/fuzz.sh; the seeds are not committed (the
minimised corpus in fuzz/corpus/ is)."""
import gzip, json, os, pathlib, re, struct

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "seeds"
MIN = -2_208_988_800

def put(target, name, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())

sample = gzip.open(root / "data" / "servicenow-incident-event-log.csv.gz", "rt").read().splitlines()
header, rows = sample[0], sample[1:]
for i, start in enumerate([0, 500, 2000, 4000, 5900]):
    put("csv_servicenow_event_log", f"sample{i}.csv", "\n".join([header] + rows[start:start + 25]) + "\n")
    put("pipeline", f"sample{i}.csv", b"\x00" + ("\n".join([header] + rows[start:start + 40]) + "\n").encode())

forms = (root / "tests" / "ingest_forms.rs").read_text()
incidents = re.search(r'preset_servicenow_incidents_list_export.*?let text = "\\\n(.*?)";', forms, re.S).group(1)
put("csv_servicenow_incidents", "list.csv", incidents.replace("\\n", "\n"))
put("csv_servicenow_incidents", "states.csv", "number,opened_at,resolved_at,state,priority,impact\nINC1,2016-12-12 15:19:57,2016-12-13 21:43:14,7,1,2\nINC2,2016-12-12T15:19:57Z,,2,5,3\n")
jira = ("\ufeffSummary,Issue key,Issue id,Issue Type,Status,Project key,Priority,Resolution,Assignee,Reporter,Created,Updated,Resolved,Component/s,Component/s,Custom field (Request Type),Satisfaction rating\r\n"
        "VPN broken,ITSM-7,10007,Incident,Resolved,ITSM,High,Done,Dana,Sam,12/Mar/24 9:41 AM,13/Mar/24 10:00 AM,12/Mar/24 1:05 PM,Network,VPN,Get IT help,4\r\n"
        "New laptop,ITSM-8,10008,Service Request,Waiting for support,ITSM,Medium,,,Sam,13/Mar/24 11:00 PM,13/Mar/24 11:00 PM,,,,Request new hardware,\r\n")
put("csv_jira", "export.csv", jira)
put("csv_jira", "dates.csv", "Issue key,Created,Resolved,Priority\nA-1,01/Jan/2024 12:00 AM,02/Jan/24,Low\nA-2,\"31/Dec/23 11:59 PM\",,High\n")

tickets = "id,kind,title,opened,resolved,closed,first,reopens,csat,fcr,met,priority,service\n" \
          "T1,I,\"Mail, down\",2026-03-02T09:00:00Z,02/03/2026 17:00,,2026-03-02 09:30,0,4,true,yes,P1,mail\n" \
          "T2,R,=HYPERLINK(\"x\"),1767225600,1767229200000,?,NULL,2,10,false,no,P2,\n"
events = "id,opened,status,updated,seq,group,assignee,resolved,priority,service\n" \
         "E1,2026-03-02 09:00,New,2026-03-02 09:00,0,G1,,,1,svc\nE1,2026-03-02 09:00,In Progress,2026-03-02 09:05,1,G1,ann,,1,svc\n" \
         "E1,2026-03-02 09:00,Resolved,2026-03-02 10:00,2,G1,ann,2026-03-02 10:00,2,svc\n"
outages = "service,start,end,planned\nmail,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,false\nweb,2026-03-03 09:00,,true\n"
changes = "id,type,outcome,service,start,end\nC1,normal,success,mail,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\nC2,emergency,failed,,2026-03-03 09:00,\n"
for sel, body in [(0, tickets), (1, events), (2, outages), (3, changes), (4, events), (5, tickets.replace(",", ";")), (6, events.replace(",", "\t")), (7, outages.replace(",", "|"))]:
    put("csv_mapping", f"sel{sel}.csv", bytes([sel]) + body.encode())
    if sel in (1, 4):
        put("pipeline", f"mapping{sel}.csv", bytes([sel]) + body.encode())
    # csv_chunks: the same inputs cut after every 7th byte, with a byte
    # order mark, CRLF line ends, or read as bytes of unknown format.
    raw = body.encode()
    for variant, data, flag in [("plain", raw, 0), ("bom-crlf", b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"), 0), ("detect", raw, 0x80)]:
        cuts = list(range(1, len(data), 7))[:15]
        put("csv_chunks", f"sel{sel}-{variant}.bin", bytes([sel | flag, len(cuts)]) + b"".join(struct.pack("<H", c) for c in cuts) + data)

def csv_objects(text):
    lines = text.strip().splitlines()
    keys = lines[0].split(",")
    return [dict(zip(keys, l.split(","))) for l in lines[1:]]

put("json_ingest", "rows.json", json.dumps(csv_objects(tickets)))
put("json_ingest", "numbers.json", json.dumps([{"id": 1, "opened": 1767225600000, "resolved": 1767229200, "csat": 3.5, "fcr": True, "priority": None}]))
put("json_ingest", "options.json", json.dumps({"options": {"eventLog": True, "mapping": {"id": "id", "opened": "opened", "status": "status", "updated": "updated", "dimensions": {"priority": "priority"}}, "mode": "lenient"}, "rows": csv_objects(events)}))
put("json_ingest", "outages.json", json.dumps({"options": {"record": "outages", "mapping": {"service": "service", "start": "start", "end": "end", "planned": "planned"}}, "rows": csv_objects(outages)}))
put("json_ingest", "preset.json", json.dumps({"options": {"preset": "servicenow-event-log", "asOf": "2016-03-01T00:00:00Z"}, "rows": [dict(zip(header.split(","), r.split(","))) for r in rows[:6]]}))

office = {"timezone": "Europe/Berlin", "week": {d: [["09:00", "17:00"]] for d in ["mon", "tue", "wed", "thu", "fri"]}, "holidays": ["2026-12-25", "2027-01-01"]}
def ops(*items):
    b = b""
    for op, a, n in items:
        b += bytes([op]) + struct.pack("<q", a - MIN) + struct.pack("<q", n)
    return b
for name, spec in [("office", office), ("always", "24x7"),
                   ("overnight", {"timezone": "America/New_York", "week": {"sat": [["22:00", "24:00"]], "sun": [["00:00", "06:00"]]}}),
                   ("lordhowe", {"timezone": "Australia/Lord_Howe", "week": {d: [["01:30", "02:30"], ["12:00", "13:00"]] for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}})]:
    put("calendar", f"{name}.bin", json.dumps(spec).encode() + b"\x00" + ops((0, 1_766_563_200, 864_000), (1, 1_766_592_000, 57_600), (2, 1_766_656_800, 0), (3, 1_766_682_000, 0), (4, 1_711_846_800, 3600), (0x80, 1_766_563_200, 400 * 86_400), (0x81, 1_766_563_200, 200 * 86_400)))
    put("calendar", f"{name}.json", json.dumps(spec))

for name, text in [("z", "2026-03-29T01:30:00Z"), ("offset", "2026-03-29T03:30:00+02:00"), ("space", "2026-03-29 01:30+01:00"),
                   ("fraction", "2026-03-29T01:30:00.123456Z"), ("dmy", "%d-%m-%Y %H:%M|%d/%m/%Y %H:%M\n29-02-2016 01:16"),
                   ("jira", "%d/%b/%y %I:%M %p\n12/Mar/24 9:41 AM"), ("naive", "2026-10-25 02:30"), ("epoch", "1767225600000"),
                   ("epochs", "1767225600"), ("duration", "2d 4h"), ("duration2", "1h30m"), ("edge", "2199-12-31T23:59:59Z")]:
    put("timestamp", name, text)

policies = json.loads((root / "policies" / "servicenow-sample.json").read_text())
put("policy", "sample.json", json.dumps(policies))
put("policy", "sample-options.json", json.dumps([policies, "2016-03-10T00:00:00Z", {"period": "week", "by": "start", "dimension": "priority", "zone": "Europe/Berlin"}]))
sla_doc = (root / "docs" / "sla.md").read_text()
for i, block in enumerate(re.findall(r"```json\n(.*?)```", sla_doc, re.S)):
    try:
        doc = json.loads(block)
    except ValueError:
        continue
    if isinstance(doc, dict) and "policies" in doc:
        put("policy", f"doc{i}.json", json.dumps(doc))
put("policy", "pauses.json", json.dumps({"calendars": {"office": office}, "resolvedStatuses": ["Resolved", "Closed"], "policies": [
    {"name": "response", "metric": "response", "target": "4h", "calendar": "office", "warning": 0.8},
    {"name": "resolution", "when": {"priority": ["1 - Critical", "2 - High"]}, "metric": "resolution", "target": "1d 2h 3m 4s", "pauseStatuses": ["On Hold", "Awaiting User Info"]}]}))
# Dimension conditions (runWhile, pauseWhen, startWhen, stopWhen; one value
# and a list) and a negotiated goal on a dimension the fixture holds but
# that is no date, on the fixture's groups and locations.
put("policy", "conditions.json", json.dumps({"policies": [
    {"name": "ola", "metric": "resolution", "target": "8h", "runWhile": {"assignment_group": ["Group 70", "Group 23"]}, "pauseStatuses": ["Awaiting User Info"]},
    {"name": "group", "metric": "resolution", "target": "2d", "startWhen": {"assignment_group": "Group 24"}, "stopWhen": {"assignment_group": ["Group 28"]}, "reopen": "restart"},
    {"name": "paused", "metric": "response", "target": "4h", "pauseWhen": {"location": "Location 93"}, "dueAt": "location"}]}))
# Vendor semantics, metAtDue, effective-dated versions (both ends, an offset,
# a calendar switch) and versionBy "stopped", dated where the fixture's tickets are.
put("policy", "versions-semantics.json", json.dumps(json.loads(r'''[{"semantics": "jsm", "calendars": {"office": {"timezone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}}}, "policies": [{"name": "resolution", "when": {"priority": ["1 - Critical", "2 - High"]}, "metric": "resolution", "target": "2d", "calendar": "office", "pauseStatuses": ["On Hold"], "metAtDue": false, "versions": [{"validFrom": "2016-02-01", "validTo": "2016-02-29T12:00", "name": "february", "target": "1d", "pauseStatuses": ["Awaiting User Info"]}, {"validFrom": "2016-02-29T12:00:00+01:00", "calendar": "24x7", "target": "8h"}], "versionBy": "stopped"}, {"name": "response", "metric": "response", "target": "4h", "reopen": "restart", "priorityChange": "carry-percent"}]}, "2016-06-01T00:00:00Z", {"period": "month", "dimension": "priority"}]''')))

default = re.search(r'DEFAULT_SCORECARD: &str = r#"(.*?)"#', (root / "src" / "scorecard" / "defaults.rs").read_text(), re.S)
if default:
    cfg = json.loads(default.group(1))
    put("scorecard", "default.json", json.dumps(cfg))
    put("scorecard", "default-options.json", json.dumps([cfg, {"period": "week", "asOf": "2016-03-10T00:00:00Z", "groupBy": "priority"}]))
    put("scorecard", "default-at.json", json.dumps([cfg, {"period": "day", "at": "2016-02-29"}]))
sc_doc = (root / "docs" / "scorecard.md").read_text()
for i, block in enumerate(re.findall(r"```json\n(.*?)```", sc_doc, re.S)):
    try:
        doc = json.loads(block)
    except ValueError:
        continue
    if isinstance(doc, dict) and "perspectives" in doc:
        put("scorecard", f"doc{i}.json", json.dumps(doc))
put("scorecard", "business.json", json.dumps({"name": "x", "period": "quarter", "timezone": "Asia/Kolkata", "calendar": office, "rag": {"green": 90, "amber": 60},
    "perspectives": [{"name": "p", "weight": 2, "kpis": [{"kpi": "mttr", "clock": "business", "target": 4, "baseline": 48, "thresholds": {"mode": "percent", "green": 10, "amber": 25}}]}]}))
# inspect: the presets' exports and the sample, with selectors for the
# sample size and delimiter (low nibble: rows = 1 + 8n; bits 4-5: detected,
# ",", ";", tab).
for f in sorted((root / "tests" / "data" / "presets").iterdir()):
    if f.suffix in (".csv", ".tsv", ".txt"):
        put("inspect", f.name, bytes([0x0f]) + f.read_bytes()[:16000])
put("inspect", "sample.csv", bytes([0x0f]) + ("\n".join([header] + rows[:120]) + "\n").encode())
put("inspect", "tickets.csv", bytes([0x13]) + tickets.encode())
put("inspect", "events-semicolon.csv", bytes([0x2f]) + events.replace(",", ";").encode())

# calendar_ics: the GOV.UK feed of the ingest tests, and small feeds with
# yearly rules, durations and a cancelled event.
for f in sorted((root / "tests" / "data" / "holidays").glob("*.ics")):
    put("calendar_ics", f.name, f.read_bytes()[:20000])
put("calendar_ics", "rules.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241128\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;UNTIL=20301231\r\nSUMMARY:Thanksgiving\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241224\r\nDURATION:P3D\r\nRRULE:FREQ=YEARLY;COUNT=5\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250526\r\nRRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250101\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
print("seeds written to", out)

# partial: the header alone (the committed corpus holds two whole partials of
# the fixture, written by the engine).
put("partial", "header.json", json.dumps({"format": "sla-scorecard-partial", "version": 1}))
