//! No input makes a load panic, and the row counts always add up.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use serde_json::json;

fn options(mode: &str, event_log: bool) -> serde_json::Value {
    let mapping = if event_log {
        json!({"id": "id", "status": "s", "updated": "u", "opened": "o", "sequence": "q", "dimensions": {"p": "p"}})
    } else {
        json!({"id": "id", "opened": "o", "resolved": "u", "reopenCount": "q", "csat": "s", "dimensions": {"p": "p"}})
    };
    json!({"mapping": mapping, "mode": mode, "eventLog": event_log, "timestampFormats": ["%d/%m/%Y %H:%M"], "asOf": "2026-01-01T00:00:00Z"})
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn csv_never_panics_and_counts_add_up(
        body in "[A-C0-9,;\"?\r\n /:T-]{0,200}",
        lenient in any::<bool>(),
        event_log in any::<bool>(),
    ) {
        let text = format!("id,o,u,s,q,p\n{body}");
        let mode = if lenient { "lenient" } else { "strict" };
        if let Ok(l) = common::load_csv(&text, options(mode, event_log)) {
            prop_assert_eq!(l.summary.loaded + l.summary.rejected, l.summary.rows_read);
            prop_assert_eq!(l.summary.errors.len(), l.summary.rejected);
            if !event_log {
                prop_assert_eq!(l.summary.tickets, l.summary.loaded);
            }
        }
    }

    #[test]
    fn objects_never_panic(values in prop::collection::vec(prop_oneof![
        Just(json!(null)), Just(json!(true)), Just(json!([1])), Just(json!({"a": 1})),
        any::<i64>().prop_map(|n| json!(n)), any::<f64>().prop_map(|x| json!(x)),
        "[0-9/: T?Z+-]{0,20}".prop_map(|s| json!(s)),
    ], 0..24)) {
        let rows: Vec<serde_json::Value> = values.chunks(6).map(|c| {
            let keys = ["id", "o", "u", "s", "q", "p"];
            serde_json::Value::Object(keys.iter().zip(c).map(|(k, v)| (k.to_string(), v.clone())).collect())
        }).collect();
        if let Ok(l) = common::load_json(&json!(rows), options("lenient", false)) {
            prop_assert_eq!(l.summary.loaded + l.summary.rejected, l.summary.rows_read);
        }
    }
}
