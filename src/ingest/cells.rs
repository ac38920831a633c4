//! One input value (a CSV field or a JSON member) and its typed readings.
//!
//! Every reading either gives a value, `None` for "no value" (missing, JSON
//! `null`, or one of the configured null tokens such as `""` and `"?"`), or
//! a reason that completes the sentence "<the quoted value> …", for a
//! [`RowError`](crate::support::error::RowError).

use std::borrow::Cow;

/// A raw input value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Absent: a JSON object without the member.
    Missing,
    /// Text (every CSV field; JSON strings).
    Text(&'a str),
    /// A JSON number.
    Number(f64),
    /// A JSON boolean.
    Bool(bool),
    /// A JSON array or object, which no field accepts.
    Nested,
}

impl<'a> Cell<'a> {
    /// The value as it appeared, for error messages.
    pub fn shown(&self) -> String {
        match self {
            Cell::Missing => String::new(),
            Cell::Text(s) => s.to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Nested => "[object]".to_string(),
        }
    }
}

/// The tokens that mean "no value", compared after trimming white space.
#[derive(Debug, Clone)]
pub struct NullTokens(Vec<String>);

impl NullTokens {
    /// Tokens as configured (`["", "?"]` by default).
    pub fn new(tokens: Vec<String>) -> Self {
        NullTokens(tokens.into_iter().map(|t| t.trim().to_string()).collect())
    }

    /// Whether `text` means "no value".
    pub fn is_null(&self, text: &str) -> bool {
        self.is_null_trimmed(trim(text))
    }

    fn is_null_trimmed(&self, t: &str) -> bool {
        t.is_empty() || self.0.iter().any(|n| n == t)
    }
}

/// `text` without leading and trailing white space (as `str::trim`),
/// answered from the first and last byte alone when both are printable
/// ASCII, as nearly every value is.
#[inline]
pub fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if (0x21..0x7f).contains(first) && (0x21..0x7f).contains(last) => text,
        [only] if (0x21..0x7f).contains(only) => text,
        _ => text.trim(),
    }
}

/// The text of a cell, `None` for no value. Numbers and booleans are shown
/// as JSON writes them (`10001`, `true`).
pub fn text<'a>(cell: &Cell<'a>, nulls: &NullTokens) -> Result<Option<Cow<'a, str>>, String> {
    match cell {
        Cell::Missing => Ok(None),
        Cell::Text(s) => {
            let t = trim(s);
            Ok(if nulls.is_null_trimmed(t) { None } else { Some(Cow::Borrowed(t)) })
        }
        Cell::Number(n) => Ok(Some(Cow::Owned(n.to_string()))),
        Cell::Bool(b) => Ok(Some(Cow::Owned(b.to_string()))),
        Cell::Nested => Err("is an array or object; expected a string, number or boolean".to_string()),
    }
}

/// A yes/no value: `true`/`false`, `yes`/`no`, `y`/`n`, `1`/`0` in any case.
pub fn boolean(cell: &Cell<'_>, nulls: &NullTokens) -> Result<Option<bool>, String> {
    if let Cell::Bool(b) = cell {
        return Ok(Some(*b));
    }
    let Some(t) = text(cell, nulls)? else { return Ok(None) };
    let is = |words: [&str; 4]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
    if is(["true", "yes", "y", "1"]) {
        Ok(Some(true))
    } else if is(["false", "no", "n", "0"]) {
        Ok(Some(false))
    } else {
        Err("is not a yes/no value; expected true/false, yes/no or 1/0".to_string())
    }
}

/// A whole number from 0 up (`3`, `3.0`).
pub fn count(cell: &Cell<'_>, nulls: &NullTokens) -> Result<Option<u32>, String> {
    let Some(x) = number(cell, nulls).map_err(|_| "is not a whole number; expected 0, 1, 2…".to_string())? else {
        return Ok(None);
    };
    if x >= 0.0 && x.fract() == 0.0 && x <= u32::MAX as f64 {
        Ok(Some(x as u32))
    } else {
        Err("is not a whole number; expected 0, 1, 2…".to_string())
    }
}

/// A finite number (`4`, `4.5`, `-1`).
pub fn number(cell: &Cell<'_>, nulls: &NullTokens) -> Result<Option<f64>, String> {
    if let Cell::Number(n) = cell {
        return Ok(Some(*n));
    }
    let Some(t) = text(cell, nulls)? else { return Ok(None) };
    decimal(&t).map(Some).ok_or_else(|| "is not a number; expected digits with an optional sign and decimal point".to_string())
}

/// Reads a plain decimal number: an optional `-` or `+`, digits, and an
/// optional `.` with digits (`4`, `-1`, `4.5`, `.5`, `1456704000000`); no
/// exponent, no `NaN` or `inf`. The value is the nearest `f64` (correctly
/// rounded, as `str::parse` reads it); `None` beyond the `f64` range.
///
/// Nearly every cell has at most 19 digits whose value as an integer `m`
/// is at most 2^53, with at most 22 after the point: then `m` and `10^k`
/// are exact doubles and their quotient, one IEEE division, is the
/// correctly rounded value (Clinger's fast path, the first step of every
/// exact reader; hand-written because serde_json's reader alone is slower
/// on this hot path: +1.5 % instructions on the flat load and +3.4 % on the
/// event log of `benches/native.rs`, where this path first gives −0.4 % and
/// −0.8 % against `str::parse`, docs/size.md). Other digits go to
/// serde_json's exact reader (its `float_roundtrip` feature, which the
/// documents need anyway): core's
/// `str::parse::<f64>` would link a second exact reader and its table of
/// powers of five (5.5 KB gzip of wasm, docs/size.md). For it the
/// unsigned digits are put in JSON's grammar (no leading zeros, a digit
/// before the point) and the sign applied after: rounding to nearest is
/// symmetric, so `-x` reads as the negation of `x` (`-0` as `-0.0`).
pub fn decimal(text: &str) -> Option<f64> {
    let (negative, sign) = match text.as_bytes() {
        [b'-', ..] => (true, 1),
        [b'+', ..] => (false, 1),
        _ => (false, 0),
    };
    let unsigned = text.as_bytes().get(sign..)?;
    // Digits with at most one point, which a digit must follow; `m` is the
    // digits as an integer while there are at most 19 of them.
    let mut point = None;
    let mut m: u64 = 0;
    for (i, &b) in unsigned.iter().enumerate() {
        match b {
            b'0'..=b'9' => m = m.wrapping_mul(10).wrapping_add(u64::from(b - b'0')),
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    if unsigned.is_empty() || point == Some(unsigned.len() - 1) {
        return None;
    }
    let after_point = point.map_or(0, |p| unsigned.len() - 1 - p);
    let digits = unsigned.len() - usize::from(point.is_some());
    let x = if digits <= 19 && m <= 1 << 53 && after_point < POWERS_OF_TEN.len() { m as f64 / POWERS_OF_TEN[after_point] } else { exact(text.get(sign..)?)? };
    Some(if negative { -x } else { x }).filter(|x| x.is_finite())
}

/// 10^0 to 10^22, the powers of ten that are exact doubles.
const POWERS_OF_TEN: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// The nearest `f64` to unsigned digits with an optional point (checked
/// by [`decimal`]), by serde_json's exact reader; `None` beyond the range.
#[inline(never)]
fn exact(unsigned: &str) -> Option<f64> {
    // JSON's grammar: leading zeros dropped but the one before the point
    // (`007` → `7`, `00.5` → `0.5`, `000` → `0`), a zero before a leading
    // point (`.5` → `0.5`).
    let zeros = unsigned.bytes().take_while(|&b| b == b'0').count();
    let start = match unsigned.as_bytes().get(zeros) {
        None | Some(b'.') if zeros > 0 => zeros - 1,
        _ => zeros,
    };
    let digits = unsigned.get(start..)?;
    // As a `Value`: the wasm build already has that instance of the
    // parser (`support::json_reader::parse`), where `from_str::<f64>` would
    // add one (1.9 KB raw).
    let value: serde_json::Value =
        if digits.starts_with('.') { serde_json::from_str(&["0", digits].concat()).ok()? } else { serde_json::from_str(digits).ok()? };
    value.as_f64()
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;

    fn nulls() -> NullTokens {
        NullTokens::new(vec!["".into(), "?".into()])
    }

    #[test]
    fn null_tokens_and_trimming() {
        assert_eq!(text(&Cell::Text(" ? "), &nulls()), Ok(None));
        assert_eq!(text(&Cell::Text(""), &nulls()), Ok(None));
        assert_eq!(text(&Cell::Text(" x "), &nulls()).unwrap().as_deref(), Some("x"));
        assert_eq!(text(&Cell::Number(10001.0), &nulls()).unwrap().as_deref(), Some("10001"));
        assert!(text(&Cell::Nested, &nulls()).is_err());
    }

    #[test]
    fn fast_trim_agrees_with_str_trim() {
        for s in ["", " ", "x", " x", "x ", "\tx\n", "a b", "\u{a0}x", "x\u{3000}", "é", "\u{1}", "~", "\x7f"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn booleans_counts_numbers() {
        assert_eq!(boolean(&Cell::Text("TRUE"), &nulls()), Ok(Some(true)));
        assert_eq!(boolean(&Cell::Text("no"), &nulls()), Ok(Some(false)));
        assert!(boolean(&Cell::Text("maybe"), &nulls()).is_err());
        assert_eq!(count(&Cell::Text("3"), &nulls()), Ok(Some(3)));
        assert!(count(&Cell::Text("-1"), &nulls()).is_err());
        assert!(count(&Cell::Text("1.5"), &nulls()).is_err());
        assert_eq!(number(&Cell::Text("4.5"), &nulls()), Ok(Some(4.5)));
        assert!(number(&Cell::Text("NaN"), &nulls()).is_err());
        assert!(number(&Cell::Text("1e3"), &nulls()).is_err());
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal("4.5"), Some(4.5));
        assert_eq!(decimal("-1"), Some(-1.0));
        assert_eq!(decimal("+0.25"), Some(0.25));
        assert_eq!(decimal(".5"), Some(0.5));
        assert_eq!(decimal("1456704000999"), Some(1_456_704_000_999.0));
        assert_eq!(decimal("0.1"), Some(0.1));
        assert_eq!(decimal("-.5"), Some(-0.5));
        assert_eq!(decimal("-0").map(f64::is_sign_negative), Some(true));
        for bad in ["", "-", ".", "1.", "1.2.3", "1,5", " 1", "inf", "1e3", "--1", "+-1", "-+1", "0x10", "1_000"] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
        // Beyond the f64 range (a 310-digit integer) is not a number.
        assert_eq!(decimal(&"9".repeat(310)), None);
    }

    /// `decimal` against core's correctly rounded `str::parse` on the
    /// grammar it takes: signs, leading zeros, leading points, short and
    /// long digit strings (beyond 19 digits serde_json takes its slow exact
    /// path), and values beyond the `f64` range.
    #[cfg(not(target_arch = "wasm32"))]
    mod same_as_str_parse {
        use proptest::prelude::*;

        fn core(text: &str) -> Option<u64> {
            text.parse::<f64>().ok().filter(|x| x.is_finite()).map(f64::to_bits)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(20_000))]
            #[test]
            fn plain_decimals(text in "[-+]?0{0,3}[0-9]{0,25}(\\.[0-9]{1,25})?") {
                prop_assume!(!text.trim_start_matches(['-', '+']).is_empty());
                prop_assert_eq!(super::decimal(&text).map(f64::to_bits), core(&text), "{}", text);
            }

            #[test]
            fn leading_points(text in "[-+]?\\.[0-9]{1,30}") {
                prop_assert_eq!(super::decimal(&text).map(f64::to_bits), core(&text), "{}", text);
            }

            #[test]
            fn shortest_texts_of_any_double(bits in any::<u64>(), sign in "[-+]?") {
                let x = f64::from_bits(bits).abs();
                prop_assume!(x.is_finite());
                let text = format!("{sign}{x}");
                prop_assert_eq!(super::decimal(&text).map(f64::to_bits), core(&text), "{}", text);
            }

            #[test]
            fn long_and_huge(int in "[0-9]{1,320}", frac in proptest::option::of("[0-9]{1,340}")) {
                let text = match frac { Some(f) => format!("{int}.{f}"), None => int };
                prop_assert_eq!(super::decimal(&text).map(f64::to_bits), core(&text), "{}", text);
            }
        }

        /// The slow path alone (what texts beyond the fast path take).
        #[test]
        fn exact_path_on_short_texts() {
            for text in ["0", "000", "00.5", ".5", "007", "4.5", "0.1", "1456704000999", "9007199254740993", "123456789012345678901234"] {
                assert_eq!(super::exact(text).map(f64::to_bits), core(text), "{text}");
            }
        }

        #[test]
        fn edges() {
            for text in [
                "0", "-0", "+0", "000", "-000", "0.0", "-0.0", "00.5", "-00.5", ".5", "-.5", "+.5", "007", "-007.25",
                "0.000000000000000000000000000000000000000000000000000000000000000000000000001",
                "9007199254740992", "9007199254740993", "1234567890123456789", "0.30000000000000004", "99999999999999999.5", "18446744073709551615", "18446744073709551616", "18446744073709551617",
                "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
                "179769313486231580000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
                "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000024703282292062327",
                "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000024703282292062328",
            ] {
                assert_eq!(super::decimal(text).map(f64::to_bits), core(text), "{text}");
            }
            assert_eq!(super::decimal("-0").map(f64::is_sign_negative), Some(true));
            assert_eq!(super::decimal("-.0").map(f64::is_sign_negative), Some(true));
        }
    }

    #[test]
    fn long_decimals_round_to_the_nearest_f64() {
        // Expected values from Python, whose float() rounds correctly, e.g.
        // python3 -c 'print(repr(float("98782.28403894151")))'
        // The former digit-by-digit reader gave the neighbour in brackets.
        for (text, nearest) in [
            ("901.6388307163181", 901.6388307163181),   // [901.638830716318]
            ("98782.28403894151", 98782.2840389415),    // [98782.28403894152]
            ("9057.259884260453", 9057.259884260453),   // [9057.259884260451]
            ("9424.848194843259", 9424.848194843258),   // [9424.84819484326]
            ("243774294087851.05", 243774294087851.06), // [243774294087851.03]
            ("3027048.9651842077", 3027048.9651842075), // [3027048.965184208]
            ("988148.26099404135", 988148.2609940413),  // [988148.2609940412]
            ("-620103.93955330502", -620103.939553305), // [-620103.9395533049]
        ] {
            assert_eq!(decimal(text).map(f64::to_bits), Some(f64::to_bits(nearest)), "{text}");
        }
    }
}
