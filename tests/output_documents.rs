//! The JSON text of output documents, written by their derived `Serialize`
//! and serde_json (what the CLI prints and the wasm API hands to
//! `JSON.parse`): camelCase member names in declaration order, enums in
//! their documented spelling, `null` for absent and for non-finite numbers
//! (JSON has no NaN or infinity), control characters escaped, optional
//! members left out, a flattened roll-up. Every expected text is written by
//! hand from the documented format (docs/sla.md, docs/scorecard.md).
#![cfg(not(target_arch = "wasm32"))]

use sla_scorecard::ingest::LoadSummary;
use sla_scorecard::report::{AgeBucket, Cell};
use sla_scorecard::scorecard::{PerspectiveScore, Rag, Rollup, Trend};
use sla_scorecard::sla::clock::SegmentKind;
use sla_scorecard::sla::report::{ComplianceRow, OutcomeRow, SegmentRow};
use sla_scorecard::sla::State;
use sla_scorecard::support::error::RowError;

#[test]
fn compliance_row_in_camel_case_with_null_for_no_value() {
    let row = ComplianceRow {
        policy: "P1 resolution".into(),
        version: None,
        period: "2026-03".into(),
        value: None,
        met: 7,
        breached: 1,
        in_progress: 2,
        at_risk: 0,
        paused: 1,
        not_applicable: 0,
        // 7 / (7 + 1) × 100 = 87.5
        compliance: Some(87.5),
    };
    assert_eq!(
        serde_json::to_string(&row).unwrap(),
        r#"{"policy":"P1 resolution","period":"2026-03","value":null,"met":7,"breached":1,"inProgress":2,"atRisk":0,"paused":1,"notApplicable":0,"compliance":87.5}"#
    );
    // A policy version (docs/sla.md §3.7) is written after the policy; without one, no key.
    let row = ComplianceRow { version: Some("from 2026-07-01".into()), ..row };
    assert!(serde_json::to_string(&row).unwrap().starts_with(r#"{"policy":"P1 resolution","version":"from 2026-07-01","period":"2026-03","#));
}

#[test]
fn non_finite_numbers_become_null_and_states_are_snake_case() {
    let outcome = |percent: f64| OutcomeRow {
        ticket: "INC1".into(),
        policy: "P".into(),
        state: State::AtRisk,
        start: "2026-03-02T09:00:00Z".into(),
        due: None,
        stop: None,
        breach: None,
        elapsed_seconds: 10_800,
        target_seconds: 14_400,
        percent,
        late_seconds: None,
        paused_seconds: 0,
        timeline: vec![SegmentRow { from: "2026-03-02T09:00:00Z".into(), to: "2026-03-02T17:00:00Z".into(), kind: SegmentKind::OutsideHours, status: None }],
    };
    let expected = |percent: &str| {
        format!(
            r#"{{"ticket":"INC1","policy":"P","state":"at_risk","start":"2026-03-02T09:00:00Z","due":null,"stop":null,"breach":null,"elapsedSeconds":10800,"targetSeconds":14400,"percent":{percent},"lateSeconds":null,"pausedSeconds":0,"timeline":[{{"from":"2026-03-02T09:00:00Z","to":"2026-03-02T17:00:00Z","kind":"outside_hours","status":null}}]}}"#
        )
    };
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(serde_json::to_string(&outcome(x)).unwrap(), expected("null"), "{x}");
    }
    // 10,800 s of a 14,400 s target: 75 %.
    assert_eq!(serde_json::to_string(&outcome(75.0)).unwrap(), expected("75.0"));
}

#[test]
fn refused_values_escape_quotes_backslashes_and_control_characters() {
    let summary = LoadSummary {
        rows_read: 1,
        rejected: 1,
        errors: vec![RowError {
            row: 1,
            column: "opened".into(),
            // quote, backslash, tab, U+0001, U+007F (not a control character in JSON), é
            value: "C\"\\\t\u{1}\u{7f}é".into(),
            reason: "expected a timestamp".into(),
        }],
        ..LoadSummary::default()
    };
    let expected = "{
  \"rowsRead\": 1,
  \"loaded\": 0,
  \"rejected\": 1,
  \"skipped\": 0,
  \"tickets\": 0,
  \"outages\": 0,
  \"changes\": 0,
  \"warnings\": [],
  \"errors\": [
    {
      \"row\": 1,
      \"column\": \"opened\",
      \"value\": \"C\\\"\\\\\\t\\u0001\u{7f}é\",
      \"reason\": \"expected a timestamp\"
    }
  ]
}";
    assert_eq!(serde_json::to_string_pretty(&summary).unwrap(), expected);
}

#[test]
fn buckets_only_on_backlog_cells() {
    let plain = Cell { period: "2026-03".into(), value: None, n: 0.0, buckets: None };
    assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"period":"2026-03","value":null,"n":0.0}"#);
    let backlog = Cell { period: "2026-03".into(), value: Some(3.0), n: 3.0, buckets: Some(vec![AgeBucket { label: "<1d", count: 3 }]) };
    assert_eq!(serde_json::to_string(&backlog).unwrap(), r#"{"period":"2026-03","value":3.0,"n":3.0,"buckets":[{"label":"<1d","count":3}]}"#);
}

#[test]
fn a_perspective_carries_its_rollup_members_between_weight_and_kpis() {
    let p = PerspectiveScore {
        name: "Speed".into(),
        weight: 2.0,
        rollup: Rollup { score: Some(50.0), rag: Rag::Amber, trend: Trend { previous: None, delta: None, direction: None, good: None }, series: vec![] },
        kpis: vec![],
    };
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"{"name":"Speed","weight":2.0,"score":50.0,"rag":"amber","trend":{"previous":null,"delta":null,"direction":null,"good":null},"series":[],"kpis":[]}"#
    );
}
