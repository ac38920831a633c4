//! `inspect`: the preset proposed for each preset's export, a mapping for
//! renamed columns that loads every row, event logs found in any row
//! order, and clean profiles of hostile headers. Expected values are read
//! off the texts below by hand (and, for the sample, from
//! tests/independent/sample_figures.py's figures).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{at, load_csv, sample_text};
use serde_json::{json, Value};
use sla_scorecard::ingest::inspect::profile::ValueType;
use sla_scorecard::ingest::inspect::{inspect_bytes, InspectOptions, Inspection};
use sla_scorecard::ingest::{load, presets, Input, LoadOptions};

fn inspect(text: &str) -> Inspection {
    inspect_bytes(text.as_bytes(), &InspectOptions::default()).unwrap()
}

fn options(i: &Inspection) -> Value {
    Value::Object(i.options.clone())
}

fn guess<'a>(i: &'a Inspection, option: &str) -> &'a sla_scorecard::ingest::inspect::Guess {
    i.guesses.iter().find(|g| g.option == option).unwrap_or_else(|| panic!("no guess for {option}: {:#?}", i.guesses))
}

/// The ServiceNow `incident` list export of tests/ingest_forms.rs.
const SERVICENOW_INCIDENTS: &str = "\
short_description,close_code,made_sla,assignment_group,business_stc,sys_updated_on,hold_reason,closed_by,parent_incident,number,sys_id,contact_type,resolved_by,reopened_by,sys_updated_by,incident_state,urgency,opened_by,sys_created_on,reassignment_count,sys_created_by,severity,calendar_stc,closed_at,impact,sys_mod_count,active,reopen_count,priority,opened_at,resolved_at,reopened_time,category,subcategory
Unable to connect to email,Solved (Permanently),true,g1,28800,2016-12-14 02:46:44,,u1,,INC0000060,s1,self-service,u2,,employee,7,2,u1,2016-12-12 15:19:57,2,employee,3,102197,2016-12-14 02:46:44,2,15,false,0,3,2016-12-12 15:19:57,2016-12-13 21:43:14,,inquiry,email
Printer jam,,false,,0,2023-01-11 19:03:10,,,,INC0009002,s2,,,,system,2,2,u1,2018-09-16 12:50:05,0,admin,3,0,,2,9,true,1,1,2018-09-16 12:49:23,,,Hardware,
";

/// The Jira Service Management export of tests/ingest_forms.rs.
const JIRA: &str = "\u{feff}Summary,Issue key,Issue id,Issue Type,Status,Project key,Priority,Resolution,Assignee,Reporter,Created,Updated,Resolved,Component/s,Component/s,Custom field (Request Type),Satisfaction rating\r\n\
VPN broken,ITSM-7,10007,Incident,Resolved,ITSM,High,Done,Dana,Sam,12/Mar/24 9:41 AM,13/Mar/24 10:00 AM,12/Mar/24 1:05 PM,Network,VPN,Get IT help,4\r\n\
New laptop,ITSM-8,10008,Service Request,Waiting for support,ITSM,Medium,,,Sam,13/Mar/24 11:00 PM,13/Mar/24 11:00 PM,,,,Request new hardware,\r\n";

/// Each preset's test export, by preset name.
fn preset_file(name: &str) -> String {
    match name {
        "servicenow-event-log" => sample_text(),
        "servicenow-incidents" => SERVICENOW_INCIDENTS.to_string(),
        "jira" => JIRA.to_string(),
        "zendesk" | "freshservice" | "glpi" | "otrs" | "process-mining" => {
            std::fs::read_to_string(format!("{}/tests/data/presets/{name}.csv", env!("CARGO_MANIFEST_DIR"))).unwrap()
        }
        other => panic!("preset {other} has no test export here: add one"),
    }
}

#[test]
fn every_preset_export_proposes_its_preset() {
    for name in presets::NAMES {
        let text = preset_file(name);
        let i = inspect(&text);
        assert_eq!(i.options["preset"], name, "{name}: {:#?}", i.guesses);
        // Loaded with the proposal, each file gives the rows that
        // tests/data/presets/expected.py counts (loaded, rejected); the
        // files of the newer presets carry broken rows on purpose, so the
        // proposal asks for lenient mode there.
        let expected = match name {
            "zendesk" => Some((21, 3)),
            "freshservice" => Some((17, 3)),
            "glpi" => Some((15, 3)),
            "otrs" => Some((19, 3)),
            "process-mining" => Some((41, 2)),
            _ => None,
        };
        match expected {
            None => assert_eq!(i.check.rejected, 0, "{name}"),
            Some((loaded, rejected)) => {
                assert_eq!((guess(&i, "mode").value.as_str(), guess(&i, "mode").question), (Some("lenient"), true), "{name}");
                let options = LoadOptions::from_json(&options(&i), "").unwrap();
                let summary = load(Input::Csv(&text), &options).unwrap().summary;
                assert_eq!((summary.loaded, summary.rejected), (loaded, rejected), "{name}");
            }
        }
        // Every export but the process-mining log (`2012-04-07T08:09:00+02:00`)
        // has naive timestamps (no offset): the zone is asked.
        if name == "process-mining" {
            assert!(i.guesses.iter().all(|g| g.option != "timezone"), "{name}");
        } else {
            let zone = guess(&i, "timezone");
            assert!(zone.question && zone.value == "UTC", "{name}");
        }
    }
    // The sample's opened_at reads with the preset's own format; 36 columns, 1000 rows sampled.
    let i = inspect(&sample_text());
    assert_eq!((i.columns.len(), i.rows_sampled, i.delimiter.as_str()), (36, 1000, ","));
    let opened = &i.columns[9];
    assert_eq!(
        (opened.name.as_str(), opened.value_type, opened.format.as_deref(), opened.naive),
        ("opened_at", ValueType::Timestamp, Some("%d-%m-%Y %H:%M"), true)
    );
    // `cmdb_ci` is "?" in every row of the sample; `made_sla` is TRUE/FALSE.
    assert_eq!(i.columns[19].value_type, ValueType::Empty);
    assert_eq!(i.columns[19].nulls[0].value, "?");
    assert_eq!(i.columns[19].nulls[0].count, 1000);
    assert_eq!(i.columns[6].value_type, ValueType::YesNo);
    // Jira: the header's byte order mark is not part of the first name; the
    // dates read with the preset's "%d/%b/%y %I:%M %p".
    let j = inspect(JIRA);
    assert_eq!(j.columns[0].name, "Summary");
    assert_eq!(j.columns[10].format.as_deref(), Some("%d/%b/%y %I:%M %p"));
    // The two Component/s columns are both profiled.
    assert_eq!((j.columns[13].name.as_str(), j.columns[14].name.as_str()), ("Component/s", "Component/s"));
}

/// A list export with the usual columns under other names, `;`-separated,
/// day-first dates without an offset.
const RENAMED: &str = "\
Ticket No;Created Date;Resolution Date;Priority Level;Support Team;Subject;Satisfaction;Notes\n\
R-1;25/03/2026 09:00;25/03/2026 17:30;High;Desk;Mail down;4;n/a\n\
R-2;26/03/2026 10:15;;Low;Network;VPN slow;;call back\n\
R-3;27/03/2026 08:00;28/03/2026 12:00;High;Desk;Printer;5;n/a\n";

#[test]
fn renamed_columns_give_a_mapping_that_loads_every_row() {
    let i = inspect(RENAMED);
    let o = options(&i);
    assert_eq!(o["delimiter"], ";");
    assert_eq!(o["eventLog"], false);
    assert_eq!(
        o["mapping"],
        json!({"id": "Ticket No", "opened": "Created Date", "resolved": "Resolution Date", "title": "Subject", "csat": "Satisfaction",
               "dimensions": {"priority": "Priority Level", "assignment_group": "Support Team"}})
    );
    // 25/03: a day above 12, so day first; with minutes but no seconds.
    assert_eq!(o["timestampFormats"], json!(["%d/%m/%Y %H:%M"]));
    assert_eq!(o["timezone"], "UTC");
    // "n/a" (twice in Notes) joins the default null tokens.
    assert_eq!(o["nullTokens"], json!(["", "?", "n/a"]));
    assert_eq!(i.columns[7].nulls[0].value, "n/a");
    assert_eq!(i.columns[7].nulls[0].count, 2);
    assert!(guess(&i, "mapping.id").reason.contains("Ticket No"));
    // The whole file loads with the proposal: 3 rows, none refused.
    let l = load_csv(RENAMED, o).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.rejected), (3, 3, 0));
    assert_eq!(l.dataset.tickets[0].opened, at("2026-03-25T09:00:00Z"));
    // 28/03 12:00 - 27/03 08:00 = 28 h = 100,800 s.
    let t3 = &l.dataset.tickets[2];
    assert_eq!(t3.resolved.get().unwrap() - t3.opened, 100_800);
    assert_eq!(t3.csat.as_deref().map(|c| c.score), Some(5.0));
}

#[test]
fn month_first_dates_and_unnamed_ids() {
    // No column is named like an id or an opening: the first complete
    // column, and the first timestamp column. 03/25: a month first.
    let text = "Ref,When,Area\nA7,03/25/2026 9:00 PM,Mail\nA8,03/26/2026 10:15 AM,Mail\n";
    let i = inspect(text);
    let o = options(&i);
    assert_eq!((o["mapping"]["id"].as_str(), o["mapping"]["opened"].as_str()), (Some("Ref"), Some("When")));
    assert_eq!(o["timestampFormats"], json!(["%m/%d/%Y %I:%M %p"]));
    assert!(o["mapping"].get("dimensions").is_none(), "Area holds one value only: no dimension");
    let l = load_csv(text, o).unwrap();
    // 9:00 PM = 21:00.
    assert_eq!(l.dataset.tickets[0].opened, at("2026-03-25T21:00:00Z"));
}

/// The sample event log with its columns renamed (but `sys_mod_count`,
/// which orders same-minute updates) and its rows shuffled.
fn renamed_shuffled_sample() -> String {
    let text = sample_text();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let renames = [
        ("number", "Ticket"),
        ("incident_state", "Status"),
        ("sys_updated_at", "Last change"),
        ("opened_at", "Opened on"),
        ("resolved_at", "Resolved on"),
        ("closed_at", "Closed on"),
        ("priority", "Prio"),
        ("assignment_group", "Team"),
    ];
    let header: Vec<&str> = header.split(',').map(|c| renames.iter().find(|(a, _)| *a == c).map_or(c, |(_, b)| b)).collect();
    // Fisher–Yates with a fixed 64-bit LCG (Knuth's MMIX constants).
    let mut x: u64 = 42;
    for k in (1..lines.len()).rev() {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        lines.swap(k, (x >> 33) as usize % (k + 1));
    }
    let mut out = header.join(",") + "\n";
    for l in lines {
        out += l;
        out += "\n";
    }
    out
}

#[test]
fn shuffled_renamed_event_log_is_still_an_event_log() {
    let text = renamed_shuffled_sample();
    let i = inspect(&text);
    let o = options(&i);
    assert_eq!(o.get("preset"), None, "the renamed header fits no preset");
    assert_eq!(o["eventLog"], true);
    assert_eq!(guess(&i, "eventLog").reason, "values repeat per id: event log (one row per update of a ticket)");
    let m = &o["mapping"];
    assert_eq!((m["id"].as_str(), m["opened"].as_str(), m["status"].as_str()), (Some("Ticket"), Some("Opened on"), Some("Status")));
    assert_eq!((m["updated"].as_str(), m["sequence"].as_str()), (Some("Last change"), Some("sys_mod_count")));
    assert_eq!(o["timestampFormats"], json!(["%d-%m-%Y %H:%M"]));
    // The log's statuses include "New", the opening one.
    assert_eq!(o["openingStatuses"], json!(["New"]));
    // The whole log loads: 5998 events of 890 incidents (sample_figures.json), none refused.
    let l = load_csv(&text, o).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.rejected, l.summary.tickets), (5998, 0, 890));
}

#[test]
fn hostile_headers_give_clean_profiles() {
    let long = "x".repeat(10_000);
    let names = ["=HYPERLINK(\"http://e.test\",\"id\")", "<img src=x onerror=alert(1)>", long.as_str(), "dup", "dup", "", "+cmd|' /C calc'!A0", "opened"];
    let header: Vec<String> = names.iter().map(|n| format!("\"{}\"", n.replace('"', "\"\""))).collect();
    let text = format!("{}\nT1,a,b,c,d,e,f,2026-01-05T10:00:00Z\nT2,a,b,c,d,e,f,2026-01-06T10:00:00Z\nT3,z,b,c,d,e,f,2026-01-07T10:00:00Z\n", header.join(","));
    let i = inspect(&text);
    let got: Vec<&str> = i.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(got, names, "names kept as text, byte for byte");
    assert_eq!(i.columns[2].name.len(), 10_000);
    // The proposal loads: the formula-named column holds the only complete, distinct values
    // but is not named like an id; it is the first complete column, so the id.
    let o = options(&i);
    assert_eq!((o["mapping"]["id"].as_str(), o["mapping"]["opened"].as_str()), (Some(names[0]), Some("opened")));
    // Offsets present: no time zone question.
    assert!(i.guesses.iter().all(|g| g.option != "timezone"));
    // The second "dup" is never mapped (a mapping finds the first), nor the empty name twice.
    let mapped = o["mapping"].to_string();
    assert_eq!(mapped.matches("\"dup\"").count(), 0, "dup holds one value: no dimension");
    for g in &i.guesses {
        assert!(g.option.len() <= "mapping.dimensions.".len() + 40, "{}", g.option.len());
    }
    let l = load_csv(&text, o).unwrap();
    assert_eq!((l.summary.loaded, l.summary.rejected), (3, 0));
}

#[test]
fn no_header_and_bad_options() {
    let e = inspect_bytes(b"", &InspectOptions::default()).unwrap_err();
    assert_eq!(e.to_string(), "input: has no header row to inspect");
    let e = sla_scorecard::support::json_reader::from_value::<Option<InspectOptions>>(&json!({"sampleRows": 0}), "options").unwrap_err();
    assert!(e.to_string().starts_with("options.sampleRows: expected a whole number of at least 1"), "{e}");
    // A header alone: columns, all empty, and a proposal that asks for the id.
    let i = inspect("a,b\n");
    assert_eq!(i.columns.len(), 2);
    assert!(i.columns.iter().all(|c| c.value_type == ValueType::Empty));
    assert!(guess(&i, "mapping.id").question);
}

/// `sla-scorecard`, the command-line tool.
fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
}

#[test]
fn cli_inspect_write_options_then_report_equals_the_preset_path() {
    let dir = std::env::temp_dir().join(format!("inspect-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |f: &str| dir.join(f).to_string_lossy().into_owned();
    std::fs::write(path("original.csv"), sample_text()).unwrap();
    std::fs::write(path("renamed.csv"), renamed_shuffled_sample()).unwrap();
    let out = bin().args(["inspect", &path("renamed.csv"), "--write-options", &path("load.json")]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(printed.contains("? timezone = \"UTC\""), "{printed}");
    assert!(printed.contains("- eventLog = true: values repeat per id: event log"), "{printed}");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(path("load.json")).unwrap()).unwrap();
    assert_eq!(written["mapping"]["id"], "Ticket");
    let policies = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/servicenow-sample.json");
    let report = |args: &[&str]| -> Value {
        let out = bin().args(["report", "--policies", policies, "--period", "month", "--as-of", "2017-03-01T00:00:00Z"]).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let by_preset = report(&["--data", &path("original.csv"), "--preset", "servicenow-event-log"]);
    let by_inspect = report(&["--data", &path("renamed.csv"), "--load", &path("load.json")]);
    // The same figures: every KPI over all tickets per period, SLA
    // compliance and the scorecard. Means may differ in the last bits: the
    // shuffled rows build the tickets in another order, so sums add up in
    // another order.
    let all = |r: &Value| -> Vec<(Value, Value)> { r["kpis"].as_array().unwrap().iter().map(|k| (k["kpi"].clone(), k["all"].clone())).collect() };
    same(&json!(all(&by_inspect)), &json!(all(&by_preset)), "kpis");
    same(&by_inspect["slaCompliance"], &by_preset["slaCompliance"], "slaCompliance");
    same(&by_inspect["scorecard"], &by_preset["scorecard"], "scorecard");
    // Volume over the sample's months adds up to its 890 incidents.
    let volume = all(&by_preset).into_iter().find(|(k, _)| k == "volume").unwrap().1;
    let total: f64 = volume.as_array().unwrap().iter().filter_map(|v| v["value"].as_f64()).sum();
    assert_eq!(total, 890.0);
}

/// Asserts `a` and `b` are the same document, numbers within a relative 1e-12.
fn same(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!((x - y).abs() <= 1e-12 * x.abs().max(y.abs()), "{path}: {x} != {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}");
            for (k, (x, y)) in x.iter().zip(y).enumerate() {
                same(x, y, &format!("{path}[{k}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>(), "{path}");
            for (k, v) in x {
                same(v, &y[k], &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}
