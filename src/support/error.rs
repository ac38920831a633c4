//! The core's error type.
//!
//! Every public entry of the core returns [`Error`]. Its `Display` form is the
//! message a person reads: it always says *where* (a JSON path such as
//! `week.mon[0]`, or a row and column) and *what was expected*.

use std::fmt;

/// An error from any stage of the core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A specification or configuration value is wrong. `path` is the JSON
    /// path of the offending value (`week.mon[0]`, `policies[2].target`), or
    /// the name of the argument for plain values (`start`).
    Invalid {
        /// Where the value sits.
        path: String,
        /// What is wrong with it, quoting the value.
        message: String,
    },
    /// A data row could not be read (strict loading stops at the first one).
    Row(RowError),
    /// A computation has no answer, for example adding working time on a
    /// calendar that never opens.
    Compute {
        /// What could not be computed and why.
        message: String,
    },
}

/// One input row that could not be read: where it is, what it held, and why
/// it was refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    /// 1-based number of the record in the input (the header of a CSV file is
    /// not counted; for JSON, the index in the array plus one).
    pub row: usize,
    /// The source column (or JSON key) whose value was refused; empty when the
    /// whole row is at fault.
    pub column: String,
    /// The refused value as it appeared in the input (truncated when long).
    pub value: String,
    /// Why it was refused, saying what was expected.
    pub reason: String,
}

impl Error {
    /// An [`Error::Invalid`] at `path`.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid { path: path.into(), message: message.into() }
    }

    /// An [`Error::Compute`].
    pub fn compute(message: impl Into<String>) -> Self {
        Error::Compute { message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid { path, message } if path.is_empty() => f.write_str(message),
            Error::Invalid { path, message } => write!(f, "{path}: {message}"),
            Error::Row(e) => e.fmt(f),
            Error::Compute { message } => f.write_str(message),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "row {}: {}", self.row, self.reason)
        } else {
            write!(f, "row {}, column {}: {} {}", self.row, quote(&self.column), quote(&self.value), self.reason)
        }
    }
}

impl std::error::Error for Error {}

/// Quotes a user-supplied value for an error message: JSON string escaping
/// (so control and bidi characters are visible) and at most 80 characters.
pub fn quote(value: &str) -> String {
    const MAX_CHARS: usize = 80;
    let mut shown: String = value.chars().take(MAX_CHARS).collect();
    if shown.len() < value.len() {
        shown.push('…');
    }
    let mut out = String::with_capacity(shown.len() + 2);
    out.push('"');
    for c in shown.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || is_bidi_control(c) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_shows_path_then_message() {
        let e = Error::invalid("week.mon[0]", "\"25:00\" is not a time of day");
        assert_eq!(e.to_string(), "week.mon[0]: \"25:00\" is not a time of day");
    }

    #[test]
    fn quote_escapes_controls_and_truncates() {
        assert_eq!(quote("a\"b\n\u{202e}"), "\"a\\\"b\\u{000a}\\u{202e}\"");
        let long = "x".repeat(100);
        assert_eq!(quote(&long).chars().count(), 80 + 3);
    }
}
