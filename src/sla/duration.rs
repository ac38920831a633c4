//! Target durations: `"4h"`, `"2d 4h"`, `"30m"`, `"1h30m"`, `"90s"` or a
//! number of seconds.
//!
//! A duration counts seconds of the policy's calendar (working time), so
//! units are plain multiples of a second: `1m` = 60 s, `1h` = 3,600 s and
//! `1d` = 24 h = 86,400 s of *working* time, ServiceNow's convention. On a
//! 09:00–17:00 calendar `"1d"` is therefore three working days, not one;
//! write `"8h"` for "one working day". This keeps `"1d"` and `"24h"` equal on
//! every calendar, which no "working day" reading can.

use crate::error::{quote, Error};
use crate::json_reader::Node;
use serde_json::Value;

/// Reads a positive duration from a string such as `"2d 4h"` or a whole
/// number of seconds.
pub fn read(node: &Node) -> Result<i64, Error> {
    let seconds = match node.value() {
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| node.error(format!("the number {n} is not a whole number of seconds")))?,
        Value::String(s) => parse(s).map_err(|m| node.error(m))?,
        _ => return Err(node.error(format!("expected a duration such as \"4h\" or a number of seconds, found {}", crate::json_reader::describe(node.value())))),
    };
    if seconds <= 0 {
        return Err(node.error("a target must be longer than zero seconds"));
    }
    if seconds > MAX_SECONDS {
        return Err(node.error("a target may be at most 100 years"));
    }
    Ok(seconds)
}

/// 100 years of seconds: longer targets are certainly mistakes, and the
/// bound keeps every sum of instants and targets far from overflow.
const MAX_SECONDS: i64 = 100 * 366 * 86_400;

/// Parses `"2d 4h"`, `"1h30m"`, `"45s"`: one or more `<whole number><unit>`
/// parts, units `d`, `h`, `m`, `s` each at most once and in that order,
/// spaces allowed between parts.
pub fn parse(text: &str) -> Result<i64, String> {
    let bad = || format!("{} is not a duration (expected e.g. \"4h\", \"2d 4h\", \"30m\", \"1h30m\" or a number of seconds)", quote(text));
    let units = [('d', 86_400i64), ('h', 3_600), ('m', 60), ('s', 1)];
    let mut total: i64 = 0;
    let mut next_unit = 0; // index into `units` of the smallest unit still allowed
    let mut digits = String::new();
    let mut parts = 0;
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c == ' ' && digits.is_empty() {
            continue;
        } else {
            let pos = units.iter().position(|(u, _)| *u == c).ok_or_else(bad)?;
            if digits.is_empty() || pos < next_unit {
                return Err(bad());
            }
            let n: i64 = digits.parse().map_err(|_| bad())?;
            total = n.checked_mul(units[pos].1).and_then(|x| total.checked_add(x)).ok_or_else(bad)?;
            digits.clear();
            next_unit = pos + 1;
            parts += 1;
        }
    }
    if !digits.is_empty() || parts == 0 {
        return Err(bad());
    }
    Ok(total)
}

/// Formats seconds the way [`parse`] reads them: `"2d 4h"`, `"1h 30m"`,
/// `"0s"`; negative values get a leading `-`.
pub fn format(seconds: i64) -> String {
    let mut left = seconds.unsigned_abs();
    let mut out = Vec::new();
    for (unit, size) in [("d", 86_400u64), ("h", 3_600), ("m", 60), ("s", 1)] {
        if left >= size {
            out.push(format!("{}{unit}", left / size));
            left %= size;
        }
    }
    if out.is_empty() {
        return "0s".to_string();
    }
    let sign = if seconds < 0 { "-" } else { "" };
    format!("{sign}{}", out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_units_and_combinations() {
        assert_eq!(parse("4h"), Ok(4 * 3600));
        assert_eq!(parse("30m"), Ok(1800));
        assert_eq!(parse("1h30m"), Ok(3600 + 1800));
        // 2 d = 48 h of working time; + 4 h = 52 h = 187,200 s
        assert_eq!(parse("2d 4h"), Ok(187_200));
        assert_eq!(parse(" 1d 2h 3m 4s "), Ok(86_400 + 7_200 + 180 + 4));
        assert_eq!(parse("90s"), Ok(90));
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "h", "4", "4 h", "4x", "30m 1h", "1h1h", "-4h", "4.5h", "4 hours"] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn reads_numbers_and_paths_errors() {
        let doc = json!({"a": 3600, "b": "0m", "c": 1.5, "d": true, "e": "4 hours"});
        let root = Node::root(&doc, "policies[0]");
        assert_eq!(read(&root.required("a").unwrap()), Ok(3600));
        assert_eq!(read(&root.required("b").unwrap()).unwrap_err().to_string(), "policies[0].b: a target must be longer than zero seconds");
        assert!(read(&root.required("c").unwrap()).unwrap_err().to_string().starts_with("policies[0].c: the number 1.5"));
        assert!(read(&root.required("d").unwrap()).is_err());
        assert_eq!(
            read(&root.required("e").unwrap()).unwrap_err().to_string(),
            "policies[0].e: \"4 hours\" is not a duration (expected e.g. \"4h\", \"2d 4h\", \"30m\", \"1h30m\" or a number of seconds)"
        );
    }

    #[test]
    fn formats_round_trip() {
        assert_eq!(format(187_200), "2d 4h");
        assert_eq!(format(5_400), "1h 30m");
        assert_eq!(format(0), "0s");
        assert_eq!(format(-61), "-1m 1s");
        assert_eq!(parse(&format(93_784)), Ok(93_784));
    }
}
