//! The crate's timestamp reader (`src/strptime.rs`) against chrono, which
//! read the formats before (and still ships natively with chrono-tz): random
//! date-times written in the formats of the presets and docs, padded or not,
//! must give the same wall-clock seconds and offsets from both.

use chrono::format::{parse, Parsed, StrftimeItems};
use proptest::prelude::*;
use sla_scorecard::strptime::{self, Reading};

/// chrono's reading of `text`: wall-clock seconds (midnight without a time)
/// and the offset when the format has one.
fn chrono_read(text: &str, format: &str) -> Option<Reading> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, text, StrftimeItems::new(format)).ok()?;
    let offset = parsed.offset.map(i64::from);
    let local = match parsed.to_naive_datetime_with_offset(0) {
        Ok(dt) => dt.and_utc().timestamp(),
        Err(_) => parsed.to_naive_date().ok()?.and_hms_opt(0, 0, 0)?.and_utc().timestamp(),
    };
    Some(Reading { local, offset })
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

proptest! {
    #[test]
    fn same_readings_as_chrono(
        year in 1900i32..2200, month in 1u32..=12, day in 1u32..=31,
        hour in 0u32..24, minute in 0u32..60, second in 0u32..60,
        offset_minutes in -1439i32..=1439, // ±23:59
        padded in any::<bool>(),
    ) {
        let p = |n: u32| if padded { format!("{n:02}") } else { n.to_string() };
        let (h12, ampm) = (if hour % 12 == 0 { 12 } else { hour % 12 }, if hour < 12 { "AM" } else { "PM" });
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let off = format!("{sign}{:02}:{:02}", offset_minutes.abs() / 60, offset_minutes.abs() % 60);
        let cases = [
            (format!("{}-{}-{year} {}:{}", p(day), p(month), p(hour), p(minute)), "%d-%m-%Y %H:%M"),
            (format!("{}/{}/{year} {}:{}", p(day), p(month), p(hour), p(minute)), "%d/%m/%Y %H:%M"),
            (format!("{}/{}/{:02} {}:{} {ampm}", p(day), MONTHS[month as usize - 1], year % 100, h12, p(minute)), "%d/%b/%y %I:%M %p"),
            (format!("{}/{}/{year} {}:{} {ampm}", p(day), MONTHS[month as usize - 1], h12, p(minute)), "%d/%b/%Y %I:%M %p"),
            (format!("{}/{}/{:02}", p(day), MONTHS[month as usize - 1], year % 100), "%d/%b/%y"),
            (format!("{year}-{}-{}T{}:{}:{}{off}", p(month), p(day), p(hour), p(minute), p(second)), "%Y-%m-%dT%H:%M:%S%#z"),
            (format!("{year}-{}-{} {}:{}:{}.5 {off}", p(month), p(day), p(hour), p(minute), p(second)), "%F %T%.f %z"),
        ];
        for (text, format) in cases {
            let items = strptime::compile(format).unwrap();
            prop_assert_eq!(strptime::read(&text, &items), chrono_read(&text, format), "{} as {}", text, format);
        }
    }

    #[test]
    fn same_refusals_as_chrono_on_mangled_text(text in "[0-9]{1,2}[-/][0-9A-Za-z]{1,4}[-/][0-9]{2,4} [0-9]{1,2}:[0-9]{1,2}( [AaPp][Mm])?") {
        for format in ["%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M", "%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p"] {
            let items = strptime::compile(format).unwrap();
            prop_assert_eq!(strptime::read(&text, &items), chrono_read(&text, format), "{} as {}", text, format);
        }
    }
}

#[test]
fn iso_instants_as_chrono_reads_them() {
    for text in ["2026-03-29T01:30:00Z", "2026-03-29T03:30:00+02:00", "2026-03-29 01:30:00.999Z", "2026-03-29t01:30:00z"] {
        let chrono = chrono::DateTime::parse_from_rfc3339(text).unwrap().timestamp();
        assert_eq!(sla_scorecard::time::parse_instant(text), Ok(chrono), "{text}");
    }
}
