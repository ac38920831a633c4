//! Each input form and preset on small files written for the test, with
//! the expected tickets worked out by hand.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{at, load_csv, load_json};
use serde_json::json;
use sla_scorecard::ingest::model::{ChangeOutcome, ChangeType, Dataset, Ticket};

fn dim<'a>(ds: &'a Dataset, t: &Ticket, name: &str) -> Option<&'a str> {
    ds.dimension_value(t, ds.dimension_index(name).unwrap())
}

fn statuses(ds: &Dataset, t: &Ticket) -> Vec<(String, String)> {
    t.statuses().iter().map(|s| (sla_scorecard::support::time::format_instant(s.at), ds.strings.get(s.status).to_string())).collect()
}

const GENERIC: &str = "\
ticket,opened,resolved,prio,summary,reopens,sla,score\r\n\
T-1,2026-03-02 09:00,2026-03-02 17:30,P1,\"Mail down, again\r\nsecond line\",0,yes,5\r\n\
T-2,2026-03-03T10:00:00+01:00,,P2,\"Said \"\"hello\"\"\",2,no,\r\n\
T-3,1772528400,?,?,plain,1,,1\r\n";

fn generic_mapping() -> serde_json::Value {
    json!({"id": "ticket", "opened": "opened", "resolved": "resolved", "title": "summary", "reopenCount": "reopens",
           "slaMet": "sla", "csat": "score", "dimensions": {"priority": "prio"}})
}

#[test]
fn csv_with_mapping_quotes_newlines_crlf() {
    let l = load_csv(GENERIC, json!({"mapping": generic_mapping()})).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.rejected, l.summary.tickets), (3, 3, 0, 3));
    let ds = &l.dataset;
    let [t1, t2, t3] = &ds.tickets[..] else { panic!("3 tickets") };
    // Naive times read in the default zone, UTC.
    assert_eq!((t1.id.as_str(), t1.opened, t1.resolved.get()), ("T-1", at("2026-03-02T09:00:00Z"), Some(at("2026-03-02T17:30:00Z"))));
    // The quoted field keeps its delimiter and its line break (CRLF inside quotes is data).
    assert_eq!(t1.title, "Mail down, again\r\nsecond line");
    assert_eq!(t2.title, "Said \"hello\"");
    assert_eq!((t1.source_sla_met, t2.source_sla_met, t3.source_sla_met), (Some(true), Some(false), None));
    // 10:00 at +01:00 = 09:00Z.
    assert_eq!(t2.opened, at("2026-03-03T09:00:00Z"));
    assert_eq!(t2.resolved.get(), None);
    // 1772528400 s = 20515 days * 86400 + 32400 = 2026-03-03T09:00:00Z (20515 days from 1970-01-01 to 2026-03-03).
    assert_eq!(t3.opened, at("2026-03-03T09:00:00Z"));
    assert_eq!(t3.resolved.get(), None, "? means no value");
    assert_eq!((t1.reopen_count, t2.reopen_count, t3.reopen_count), (0, 2, 1));
    assert_eq!((dim(ds, t1, "priority"), dim(ds, t3, "priority")), (Some("P1"), None));
    assert_eq!(t1.csat.as_deref().map(|c| (c.score, c.normalised())), Some((5.0, 1.0)));
    assert_eq!(t2.csat, None);
    assert_eq!(ds.strings.get(t1.kind), "incident");
    assert_eq!((t1.source_row, t2.source_row, t3.source_row), (1, 2, 3));
    assert!(t1.statuses().is_empty(), "a flat list has no status history");
}

#[test]
fn semicolons_detected_and_bom_stripped() {
    let text = "\u{feff}ticket;opened\nA;2026-01-05 08:00\nB;2026-01-06 08:00\n";
    let l = load_csv(text, json!({"mapping": {"id": "ticket", "opened": "opened"}})).unwrap();
    assert_eq!(l.dataset.tickets.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["A", "B"]);
    // The BOM is not part of the first column's name: "ticket" was found.
}

#[test]
fn tab_delimiter_given() {
    let text = "id\topened\tnote\nA\t2026-01-05 08:00\tx,y;z\n";
    let l = load_csv(text, json!({"mapping": {"id": "id", "opened": "opened", "title": "note"}, "delimiter": "\t"})).unwrap();
    assert_eq!(l.dataset.tickets[0].title, "x,y;z");
}

#[test]
fn zero_rows_and_header_only() {
    let l = load_csv("", json!({"mapping": {"id": "id", "opened": "opened"}})).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.tickets), (0, 0, 0));
    let l = load_csv("id,opened\r\n", json!({"mapping": {"id": "id", "opened": "opened"}})).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.tickets), (0, 0, 0));
    // A header only is still checked against the mapping.
    let e = load_csv("id,opened_at\n", json!({"mapping": {"id": "id", "opened": "opened"}})).unwrap_err();
    assert!(e.to_string().starts_with("mapping.opened: column \"opened\" is not in the input"), "{e}");
}

#[test]
fn missing_column_names_it_and_lists_the_available_ones() {
    let e = load_csv(GENERIC, json!({"mapping": {"id": "ticket", "opened": "opened_at"}})).unwrap_err();
    assert_eq!(
        e.to_string(),
        "mapping.opened: column \"opened_at\" is not in the input; available columns: \"ticket\", \"opened\", \"resolved\", \"prio\", \"summary\", \"reopens\", \"sla\", \"score\""
    );
}

#[test]
fn json_array_of_objects() {
    let rows = json!([
        {"key": "J-1", "created": 1_772_441_100_000_i64, "done": "2026-03-02T10:00:00Z", "fcr": true, "team": "Ops"},
        {"key": 42, "created": "2026-03-02 08:45", "fcr": null, "extra": [1]}
    ]);
    let l = load_json(
        &rows,
        json!({"mapping": {"id": "key", "opened": "created", "resolved": "done",
        "firstContactResolution": "fcr", "dimensions": {"team": "team"}}}),
    )
    .unwrap();
    let ds = &l.dataset;
    // 1772441100000 ms = 1772441100 s = 20514 days * 86400 + 31500 = 2026-03-02T08:45:00Z.
    assert_eq!(ds.tickets[0].opened, at("2026-03-02T08:45:00Z"));
    assert_eq!(ds.tickets[1].opened, at("2026-03-02T08:45:00Z"));
    assert_eq!(ds.tickets[1].id, "42");
    assert_eq!(ds.tickets[0].resolved.get(), Some(at("2026-03-02T10:00:00Z")));
    assert_eq!((ds.tickets[0].first_contact_resolution, ds.tickets[1].first_contact_resolution), (Some(true), None));
    assert_eq!((dim(ds, &ds.tickets[0], "team"), dim(ds, &ds.tickets[1], "team")), (Some("Ops"), None));
}

#[test]
fn naive_times_in_a_configured_zone() {
    // Berlin: UTC+1 in January, UTC+2 in July.
    let text = "id,opened\nA,2026-01-15 09:00\nB,2026-07-15 09:00\n";
    let l = load_csv(text, json!({"mapping": {"id": "id", "opened": "opened"}, "timezone": "Europe/Berlin"})).unwrap();
    assert_eq!(l.dataset.tickets[0].opened, at("2026-01-15T08:00:00Z"));
    assert_eq!(l.dataset.tickets[1].opened, at("2026-07-15T07:00:00Z"));
}

const EVENTS: &str = "\
id,state,updated,seq,opened,group,person,prio,resolved,reopens,made_sla
A,New,2026-03-02 09:05,0,2026-03-02 09:00,G1,,P3,,0,true
B,New,2026-03-02 10:00,0,2026-03-02 10:00,,,P2,,0,true
A,Active,2026-03-02 09:30,1,2026-03-02 09:00,G1,ann,P3,,0,true
A,Awaiting User Info,2026-03-02 10:00,2,2026-03-02 09:00,G2,ann,P2,,0,true
A,Resolved,2026-03-02 12:00,4,2026-03-02 09:00,G2,bob,P2,2026-03-02 12:00,1,false
A,Active,2026-03-02 12:00,3,2026-03-02 09:00,G2,bob,P2,,0,true
B,New,2026-03-02 11:00,1,2026-03-02 10:00,,,P2,,0,true
";

fn events_mapping() -> serde_json::Value {
    json!({"id": "id", "status": "state", "updated": "updated", "sequence": "seq", "opened": "opened",
           "assignmentGroup": "group", "assignee": "person", "resolved": "resolved", "reopenCount": "reopens",
           "slaMet": "made_sla", "dimensions": {"priority": "prio"}})
}

#[test]
fn event_log_derives_history() {
    let l = load_csv(EVENTS, json!({"mapping": events_mapping(), "eventLog": true})).unwrap();
    assert_eq!((l.summary.rows_read, l.summary.loaded, l.summary.tickets), (7, 7, 2));
    let ds = &l.dataset;
    let a = &ds.tickets[0];
    assert_eq!(a.id, "A");
    // Ordered by update instant, then sequence: the two 12:00 events go Active (3) then Resolved (4).
    assert_eq!(
        statuses(ds, a),
        [
            ("2026-03-02T09:00:00Z".into(), "New".into()),
            ("2026-03-02T09:30:00Z".into(), "Active".into()),
            ("2026-03-02T10:00:00Z".into(), "Awaiting User Info".into()),
            ("2026-03-02T12:00:00Z".into(), "Active".into()),
            ("2026-03-02T12:00:00Z".into(), "Resolved".into()),
        ]
    );
    // First response: first move out of the opening status New (09:30).
    assert_eq!(a.first_response.get(), Some(at("2026-03-02T09:30:00Z")));
    // Resolution, reopen count and made_sla from the last event (seq 4).
    assert_eq!((a.resolved.get(), a.reopen_count, a.source_sla_met), (Some(at("2026-03-02T12:00:00Z")), 1, Some(false)));
    // Groups: G1 from the opening, G2 from 10:00.
    let groups: Vec<_> = a.assignments().iter().map(|g| (g.at, ds.strings.get(g.group))).collect();
    assert_eq!(groups, [(at("2026-03-02T09:00:00Z"), "G1"), (at("2026-03-02T10:00:00Z"), "G2")]);
    // Priority P3 at opening, P2 from 10:00; final P2.
    assert_eq!(dim(ds, a, "priority"), Some("P2"));
    let prio: Vec<_> = a.dimension_changes().iter().map(|c| (c.at, c.value.map(|v| ds.strings.get(v)))).collect();
    assert_eq!(prio, [(at("2026-03-02T09:00:00Z"), Some("P3")), (at("2026-03-02T10:00:00Z"), Some("P2"))]);
    assert_eq!(a.source_row, 1);

    let b = &ds.tickets[1];
    assert_eq!(statuses(ds, b), [("2026-03-02T10:00:00Z".into(), "New".into())]);
    assert_eq!((b.first_response.get(), b.resolved.get(), b.assignments().len()), (None, None, 0));
    assert!(b.dimension_changes().is_empty(), "a constant dimension has no history");
    assert_eq!(b.source_row, 2);
}

#[test]
fn event_log_first_response_by_assignment() {
    let l = load_csv(EVENTS, json!({"mapping": events_mapping(), "eventLog": true, "firstResponse": "assignment"})).unwrap();
    // A: first event with an assignee ("ann") is at 09:30.
    assert_eq!(l.dataset.tickets[0].first_response.get(), Some(at("2026-03-02T09:30:00Z")));
    // Without an assignee column, the first event with a group: A's first event (09:05).
    let mut m = events_mapping();
    m["assignee"] = serde_json::Value::Null;
    let l = load_csv(EVENTS, json!({"mapping": m, "eventLog": true, "firstResponse": "assignment"})).unwrap();
    assert_eq!(l.dataset.tickets[0].first_response.get(), Some(at("2026-03-02T09:05:00Z")));
}

#[test]
fn preset_servicenow_event_log_excerpt() {
    // Two incidents in the shape of the UCI log, values written for the test.
    let header = "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at";
    let rows = [
        "INC1,New,TRUE,0,0,0,TRUE,Caller 1,Opened by 1,29-02-2016 01:16,Created by 1,29-02-2016 01:23,Updated by 1,29-02-2016 01:23,Phone,Location 1,Category 1,Subcategory 1,Symptom 1,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,?,TRUE,FALSE,Do Not Notify,?,?,?,?,code 5,Resolved by 1,29-02-2016 11:29,05-03-2016 12:00",
        "INC1,Resolved,TRUE,0,0,2,TRUE,Caller 1,Opened by 1,29-02-2016 01:16,Created by 1,29-02-2016 01:23,Updated by 2,29-02-2016 08:53,Phone,Location 1,Category 1,Subcategory 1,Symptom 1,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,Resolver 1,TRUE,FALSE,Do Not Notify,?,?,?,?,code 5,Resolved by 1,29-02-2016 11:29,05-03-2016 12:00",
        "INC1,Closed,FALSE,0,0,4,TRUE,Caller 1,Opened by 1,29-02-2016 01:16,Created by 1,29-02-2016 01:23,Updated by 3,05-03-2016 12:00,Phone,Location 1,Category 1,Subcategory 1,Symptom 1,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,Resolver 1,TRUE,FALSE,Do Not Notify,?,?,?,?,code 5,Resolved by 1,29-02-2016 11:29,05-03-2016 12:00",
        "INC2,New,TRUE,0,0,0,FALSE,Caller 2,Opened by 2,1/3/2016 9:00,Created by 2,1/3/2016 9:00,Updated by 4,1/3/2016 9:10,Phone,Location 2,Category 2,Subcategory 2,Symptom 2,?,1 - High,1 - High,1 - Critical,?,?,TRUE,FALSE,Do Not Notify,?,?,?,?,?,?,?,?",
    ];
    let text = format!("{header}\n{}\n", rows.join("\n"));
    let l = load_csv(&text, json!({"preset": "servicenow-event-log"})).unwrap();
    let ds = &l.dataset;
    assert_eq!((l.summary.rows_read, l.summary.tickets), (4, 2));
    let inc1 = &ds.tickets[0];
    assert_eq!(inc1.opened, at("2016-02-29T01:16:00Z"));
    assert_eq!(inc1.first_response.get(), Some(at("2016-02-29T08:53:00Z")));
    assert_eq!(inc1.resolved.get(), Some(at("2016-02-29T11:29:00Z")));
    assert_eq!(inc1.closed.get(), Some(at("2016-03-05T12:00:00Z")));
    assert_eq!(statuses(ds, inc1).iter().map(|s| s.1.as_str()).collect::<Vec<_>>(), ["New", "Resolved", "Closed"]);
    assert_eq!(dim(ds, inc1, "priority"), Some("3 - Moderate"));
    assert_eq!(dim(ds, inc1, "service"), None, "? is no value");
    assert_eq!(dim(ds, inc1, "assignment_group"), Some("Group 56"));
    assert_eq!(inc1.source_sla_met, Some(true));
    // The full log's non-padded "1/3/2016 9:00" (d/m/Y) reads as 1 March.
    let inc2 = &ds.tickets[1];
    assert_eq!(inc2.opened, at("2016-03-01T09:00:00Z"));
    assert_eq!((inc2.first_response.get(), inc2.resolved.get(), inc2.closed.get(), inc2.source_sla_met), (None, None, None, Some(false)));
    assert!(inc2.assignments().is_empty());
}

#[test]
fn preset_servicenow_incidents_list_export() {
    // Header of a REST Table API export (as in the ServiceNow demo data), rows written for the test.
    let text = "\
short_description,close_code,made_sla,assignment_group,business_stc,sys_updated_on,hold_reason,closed_by,parent_incident,number,sys_id,contact_type,resolved_by,reopened_by,sys_updated_by,incident_state,urgency,opened_by,sys_created_on,reassignment_count,sys_created_by,severity,calendar_stc,closed_at,impact,sys_mod_count,active,reopen_count,priority,opened_at,resolved_at,reopened_time,category,subcategory
Unable to connect to email,Solved (Permanently),true,g1,28800,2016-12-14 02:46:44,,u1,,INC0000060,s1,self-service,u2,,employee,7,2,u1,2016-12-12 15:19:57,2,employee,3,102197,2016-12-14 02:46:44,2,15,false,0,3,2016-12-12 15:19:57,2016-12-13 21:43:14,,inquiry,email
Printer jam,,false,,0,2023-01-11 19:03:10,,,,INC0009002,s2,,,,system,2,2,u1,2018-09-16 12:50:05,0,admin,3,0,,2,9,true,1,1,2018-09-16 12:49:23,,,Hardware,
";
    let l = load_csv(text, json!({"preset": "servicenow-incidents"})).unwrap();
    let ds = &l.dataset;
    let [a, b] = &ds.tickets[..] else { panic!("2 tickets") };
    assert_eq!((a.id.as_str(), a.title.as_str()), ("INC0000060", "Unable to connect to email"));
    assert_eq!(a.opened, at("2016-12-12T15:19:57Z"));
    assert_eq!(a.resolved.get(), Some(at("2016-12-13T21:43:14Z")));
    // Resolved - opened = 1 day 6:23:17 = 86400 + 22997 = 109397 s. (This incident is the one of
    // the demo export whose calendar_stc, 102197, is 7200 s shorter than its wall-clock span.)
    assert_eq!(a.resolved.get().unwrap() - a.opened, 109_397);
    assert_eq!(a.closed.get(), Some(at("2016-12-14T02:46:44Z")));
    assert_eq!((dim(ds, a, "status"), dim(ds, a, "priority")), (Some("Closed"), Some("3 - Moderate")));
    assert_eq!((dim(ds, b, "status"), dim(ds, b, "priority")), (Some("In Progress"), Some("1 - Critical")));
    assert_eq!((a.source_sla_met, b.source_sla_met, b.reopen_count, b.resolved.get()), (Some(true), Some(false), 1, None));
    assert_eq!(dim(ds, a, "channel"), Some("self-service"));
}

#[test]
fn preset_jira_service_management_export() {
    // Header columns as in a Jira Cloud "Export CSV (all fields)": repeated columns keep the first.
    let text = "\u{feff}Summary,Issue key,Issue id,Issue Type,Status,Project key,Priority,Resolution,Assignee,Reporter,Created,Updated,Resolved,Component/s,Component/s,Custom field (Request Type),Satisfaction rating\r\n\
VPN broken,ITSM-7,10007,Incident,Resolved,ITSM,High,Done,Dana,Sam,12/Mar/24 9:41 AM,13/Mar/24 10:00 AM,12/Mar/24 1:05 PM,Network,VPN,Get IT help,4\r\n\
New laptop,ITSM-8,10008,Service Request,Waiting for support,ITSM,Medium,,,Sam,13/Mar/24 11:00 PM,13/Mar/24 11:00 PM,,,,Request new hardware,\r\n";
    let l = load_csv(text, json!({"preset": "jira", "timezone": "Europe/Berlin"})).unwrap();
    let ds = &l.dataset;
    let [a, b] = &ds.tickets[..] else { panic!("2 tickets") };
    assert_eq!((a.id.as_str(), ds.strings.get(a.kind), a.title.as_str()), ("ITSM-7", "Incident", "VPN broken"));
    // Berlin is UTC+1 on 12 March 2024: 09:41 local = 08:41Z; 1:05 PM = 13:05 local = 12:05Z.
    assert_eq!(a.opened, at("2024-03-12T08:41:00Z"));
    assert_eq!(a.resolved.get(), Some(at("2024-03-12T12:05:00Z")));
    // 11:00 PM on the 13th = 23:00 local = 22:00Z.
    assert_eq!(b.opened, at("2024-03-13T22:00:00Z"));
    assert_eq!(a.csat.as_deref().map(|c| (c.score, c.scale_min, c.scale_max)), Some((4.0, 1.0, 5.0)));
    assert_eq!(b.csat, None);
    assert_eq!(dim(ds, a, "component"), Some("Network"));
    assert_eq!(dim(ds, a, "request_type"), Some("Get IT help"));
    assert_eq!((dim(ds, b, "status"), dim(ds, b, "assignee")), (Some("Waiting for support"), None));
    assert_eq!(ds.strings.get(b.kind), "Service Request");
}

#[test]
fn outages_and_changes() {
    let outages = "service;from;to;planned\nMail;2026-03-01T10:00:00Z;2026-03-01T11:30:00Z;false\nVPN;2026-03-02T22:00:00Z;;yes\n";
    let l = load_csv(outages, json!({"record": "outages", "mapping": {"service": "service", "start": "from", "end": "to", "planned": "planned"}})).unwrap();
    let ds = &l.dataset;
    assert_eq!((l.summary.outages, l.summary.tickets), (2, 0));
    assert_eq!(ds.strings.get(ds.outages[0].service), "Mail");
    assert_eq!(ds.outages[0].end.unwrap() - ds.outages[0].start, 5400);
    assert_eq!((ds.outages[0].planned, ds.outages[1].planned, ds.outages[1].end), (false, true, None));

    let changes = json!([
        {"n": "CHG1", "t": "Normal", "o": "Successful", "s": "2026-03-01T10:00:00Z", "e": "2026-03-01T11:00:00Z", "svc": "Mail"},
        {"n": "CHG2", "t": "emergency", "o": "Backed out", "s": "2026-03-02T10:00:00Z"},
        {"n": "CHG3", "t": "standard", "s": "2026-03-03T10:00:00Z"}
    ]);
    let l = load_json(&changes, json!({"record": "changes", "mapping": {"id": "n", "type": "t", "outcome": "o", "start": "s", "end": "e", "service": "svc"}}))
        .unwrap();
    let c = &l.dataset.changes;
    assert_eq!(c.iter().map(|c| c.change_type).collect::<Vec<_>>(), [ChangeType::Normal, ChangeType::Emergency, ChangeType::Standard]);
    assert_eq!(c.iter().map(|c| c.outcome).collect::<Vec<_>>(), [Some(ChangeOutcome::Successful), Some(ChangeOutcome::BackedOut), None]);
    assert_eq!((c[0].service.map(|s| l.dataset.strings.get(s)), c[1].service), (Some("Mail"), None));
}

#[test]
fn summary_serialises_in_camel_case() {
    let l = load_csv(GENERIC, json!({"mapping": generic_mapping()})).unwrap();
    let v = serde_json::to_value(&l.summary).unwrap();
    assert_eq!(v, json!({"rowsRead": 3, "loaded": 3, "rejected": 0, "skipped": 0, "tickets": 3, "outages": 0, "changes": 0, "warnings": [], "errors": []}));
}

#[test]
fn outages_load_into_a_ticket_data_set() {
    let mut l = load_csv(GENERIC, json!({"mapping": generic_mapping()})).unwrap();
    let options = sla_scorecard::ingest::LoadOptions::from_json(&json!({"record": "outages", "mapping": {"service": "service", "start": "from"}}), "").unwrap();
    let s = sla_scorecard::ingest::load_into(&mut l.dataset, sla_scorecard::ingest::Input::Csv("service,from\nMail,2026-03-01T10:00:00Z\n"), &options).unwrap();
    assert_eq!((s.rows_read, s.outages, s.tickets), (1, 1, 0));
    assert_eq!((l.dataset.tickets.len(), l.dataset.outages.len()), (3, 1));
    // A failed load leaves the data set as it was.
    let e =
        sla_scorecard::ingest::load_into(&mut l.dataset, sla_scorecard::ingest::Input::Csv("service,from\nVPN,2026-03-01T10:00:00Z\nVPN,never\n"), &options);
    assert!(e.is_err());
    assert_eq!(l.dataset.outages.len(), 1);
}

/// An event log's rows repeat most texts of the row before, whose readings
/// are then taken over: the same rows with every other one padded with
/// spaces (read the same, but never the same text as the row before) give
/// the same tickets, warnings and refused rows.
#[test]
fn event_log_rows_repeating_the_row_before_read_as_padded_ones() {
    use sla_scorecard::support::generate::{tickets_csv, Form, Spec};
    let generated = tickets_csv(&Spec::new(300, 7), Form::Events);
    // After the fourth line: the same event again, then a copy without its
    // id (refused), after which the next row cannot take anything over.
    let mut lines: Vec<String> = generated.lines().map(str::to_string).collect();
    let without_id = lines[3].split_once(',').map(|(_, rest)| format!(",{rest}")).unwrap();
    lines.splice(4..4, [lines[3].clone(), without_id]);
    let edited = lines.join("\n");
    for text in [common::sample_text(), edited] {
        let padded: String =
            text.lines().enumerate().map(|(i, line)| if i % 2 == 1 { format!("{} \n", line.replace(',', " ,")) } else { format!("{line}\n") }).collect();
        let options = json!({"preset": "servicenow-event-log", "mode": "lenient"});
        let (a, b) = (load_csv(&text, options.clone()).unwrap(), load_csv(&padded, options).unwrap());
        assert!(a.dataset.tickets.len() > 100);
        assert_eq!(a.dataset.tickets, b.dataset.tickets);
        assert_eq!(a.dataset.strings.len(), b.dataset.strings.len());
        assert_eq!(format!("{:?}", a.summary.warnings), format!("{:?}", b.summary.warnings));
        let refused = |l: &sla_scorecard::ingest::Loaded| l.summary.errors.iter().map(|e| (e.row, e.column.clone())).collect::<Vec<_>>();
        assert_eq!(refused(&a), refused(&b));
        assert_eq!((a.summary.loaded, a.summary.rejected), (b.summary.loaded, b.summary.rejected));
    }
}
