//! Reading date-time text with strftime-style formats: the part of chrono's
//! format syntax that ticket exports need, and the ISO 8601 forms.
//!
//! Supported specifiers (docs/ingest.md): `%Y` (year, up to 4 digits), `%y`
//! (two-digit year: 00–69 is 2000–2069, 70–99 is 1970–1999), `%m`, `%b`/`%h`
//! (English month abbreviation, any case), `%B` (full or abbreviated month
//! name), `%d`/`%e`, `%H`/`%k`, `%I`/`%l` with `%p`/`%P` (AM/PM, any case),
//! `%M`, `%S`, `%f` and `%.f` (fraction of a second, truncated), `%z`/`%:z`
//! (`+hh:mm`, `+hhmm`), `%#z` (also `Z` and `+hh`), the shorthands `%F`
//! (`%Y-%m-%d`), `%T` (`%H:%M:%S`), `%R` (`%H:%M`), `%D` (`%m/%d/%y`), and
//! `%%`, `%t`, `%n`. Padding flags (`%-d`, `%_d`, `%0d`) are accepted and
//! ignored.
//!
//! Reading follows chrono's rules: numeric fields take one digit up to
//! their width (`%d/%m/%Y` reads `29/2/2016`), whitespace may precede a
//! number or an offset, whitespace in the format matches any whitespace
//! (also none), a second of 60 (a leap second) reads as 59, and the whole
//! text must match.

/// One step of a compiled format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A character that must appear as is.
    Literal(char),
    /// Whitespace: skips any whitespace in the text, also none.
    Space,
    /// `T`, `t` or a space, between an ISO 8601 date and time.
    DateTimeSeparator,
    /// A field of the date or time.
    Field(Field),
}

/// A field of a date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `%Y`.
    Year,
    /// `%y`.
    YearOfCentury,
    /// `%m`.
    Month,
    /// `%b`: a three-letter English month name.
    MonthAbbreviation,
    /// `%B`: a full or three-letter English month name.
    MonthName,
    /// `%d`.
    Day,
    /// `%H`.
    Hour,
    /// `%I`.
    Hour12,
    /// `%p`.
    AmPm,
    /// `%M`.
    Minute,
    /// `%S`.
    Second,
    /// `%f`: digits of a fraction of a second.
    FractionDigits,
    /// `%.f`: an optional `.` and fraction digits.
    Fraction,
    /// `%z`, or `%#z` when `permissive` (`Z` and a bare hour allowed).
    Offset {
        /// Whether `Z` and `+hh` are accepted.
        permissive: bool,
    },
}

/// `YYYY-MM-DD[T ]HH:MM:SS[.fff]` followed by `Z` or an offset.
pub const ISO_SECONDS_OFFSET: &[Item] = &[
    Item::Field(Field::Year),
    Item::Literal('-'),
    Item::Field(Field::Month),
    Item::Literal('-'),
    Item::Field(Field::Day),
    Item::DateTimeSeparator,
    Item::Field(Field::Hour),
    Item::Literal(':'),
    Item::Field(Field::Minute),
    Item::Literal(':'),
    Item::Field(Field::Second),
    Item::Field(Field::Fraction),
    Item::Field(Field::Offset { permissive: true }),
];
/// `YYYY-MM-DD[T ]HH:MM` followed by `Z` or an offset.
pub const ISO_MINUTES_OFFSET: &[Item] = &[
    Item::Field(Field::Year),
    Item::Literal('-'),
    Item::Field(Field::Month),
    Item::Literal('-'),
    Item::Field(Field::Day),
    Item::DateTimeSeparator,
    Item::Field(Field::Hour),
    Item::Literal(':'),
    Item::Field(Field::Minute),
    Item::Field(Field::Offset { permissive: true }),
];
/// `YYYY-MM-DD[T ]HH:MM:SS[.fff]`, no offset.
pub const ISO_SECONDS: &[Item] = ISO_SECONDS_OFFSET.split_at(ISO_SECONDS_OFFSET.len() - 1).0;
/// `YYYY-MM-DD[T ]HH:MM`, no offset.
pub const ISO_MINUTES: &[Item] = ISO_MINUTES_OFFSET.split_at(ISO_MINUTES_OFFSET.len() - 1).0;
/// `YYYY-MM-DD`.
pub const DATE: &[Item] = ISO_MINUTES.split_at(5).0;

/// The specifiers an error message lists.
const SUPPORTED: &str =
    "%Y %y %m %b %h %B %d %e %H %k %I %l %p %P %M %S %f %.f %z %:z %#z %F %T %R %D %% %t %n";

/// Compiles a format. The error says what is wrong with it (an unsupported
/// specifier, or a field the reading needs that is missing).
pub fn compile(format: &str) -> Result<Vec<Item>, String> {
    use Field::*;
    let mut items = Vec::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            if items.last() != Some(&Item::Space) {
                items.push(Item::Space);
            }
            continue;
        }
        if c != '%' {
            items.push(Item::Literal(c));
            continue;
        }
        if let Some('-' | '_' | '0') = chars.peek() {
            chars.next();
        }
        let mut spec = String::from('%');
        // `%.f`, `%.3f`, `%3f`, `%:z`, `%#z`: a prefix and the letter.
        while let Some(&p @ ('.' | ':' | '#' | '3' | '6' | '9')) = chars.peek() {
            spec.push(p);
            chars.next();
        }
        if let Some(letter) = chars.next() {
            spec.push(letter);
        }
        let fields: &[Field] = match spec.as_str() {
            "%Y" => &[Year],
            "%y" => &[YearOfCentury],
            "%m" => &[Month],
            "%b" | "%h" => &[MonthAbbreviation],
            "%B" => &[MonthName],
            "%d" | "%e" => &[Day],
            "%H" | "%k" => &[Hour],
            "%I" | "%l" => &[Hour12],
            "%p" | "%P" => &[AmPm],
            "%M" => &[Minute],
            "%S" => &[Second],
            "%f" | "%3f" | "%6f" | "%9f" => &[FractionDigits],
            "%.f" | "%.3f" | "%.6f" | "%.9f" => &[Fraction],
            "%z" | "%:z" => &[Offset { permissive: false }],
            "%#z" => &[Offset { permissive: true }],
            "%%" => {
                items.push(Item::Literal('%'));
                continue;
            }
            "%t" | "%n" => {
                items.push(Item::Space);
                continue;
            }
            "%F" => &[Year, Month, Day],
            "%T" => &[Hour, Minute, Second],
            "%R" => &[Hour, Minute],
            "%D" => &[Month, Day, YearOfCentury],
            other => return Err(format!("{other} is not one of {SUPPORTED}")),
        };
        // A shorthand's fields are separated by its separator.
        let separator = match spec.as_str() {
            "%F" => '-',
            "%D" => '/',
            _ => ':',
        };
        for (i, &f) in fields.iter().enumerate() {
            if i > 0 {
                items.push(Item::Literal(separator));
            }
            items.push(Item::Field(f));
        }
    }
    let has = |wanted: &[Field]| items.iter().any(|i| matches!(i, Item::Field(f) if wanted.contains(f)));
    if !(has(&[Year, YearOfCentury]) && has(&[Month, MonthAbbreviation, MonthName]) && has(&[Day])) {
        return Err("it needs a year, a month and a day".to_string());
    }
    if has(&[Hour12]) != has(&[AmPm]) {
        return Err("%I and %p go together".to_string());
    }
    if has(&[Hour, Hour12]) != has(&[Minute]) {
        return Err("a time of day needs an hour and a minute".to_string());
    }
    Ok(items)
}

/// What a text gave: its wall-clock seconds since 1970-01-01T00:00 (local
/// midnight when the format has no time of day) and its offset from UTC in
/// seconds, when the text carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Wall-clock seconds since 1970-01-01T00:00, as if local time were UTC.
    pub local: i64,
    /// Local minus UTC, in seconds (`+02:00` is 7200).
    pub offset: Option<i64>,
}

impl Reading {
    /// The instant (seconds since the epoch), when the text carries an
    /// offset.
    pub fn instant(self) -> Option<i64> {
        self.offset.map(|o| self.local - o)
    }
}

/// Reads `text` with the compiled format `items`: `None` unless the whole
/// text matches and names an existing date and time.
pub fn read(text: &str, items: &[Item]) -> Option<Reading> {
    let mut f = Fields::default();
    let mut s = text;
    for item in items {
        s = match *item {
            Item::Literal(c) => s.strip_prefix(c)?,
            Item::Space => s.trim_start(),
            Item::DateTimeSeparator => s.strip_prefix(['T', 't', ' '])?,
            Item::Field(field) => f.read(field, s)?,
        };
    }
    if !s.is_empty() {
        return None;
    }
    f.resolve()
}

/// The fields read so far. Reading a field twice must give the same value.
#[derive(Default)]
struct Fields {
    year: Option<i64>,
    year_of_century: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    hour: Option<i64>,
    hour12: Option<i64>,
    pm: Option<i64>,
    minute: Option<i64>,
    second: Option<i64>,
    offset: Option<i64>,
}

/// Sets `slot` to `value`; fails when it holds another value.
fn set(slot: &mut Option<i64>, value: i64) -> Option<()> {
    match *slot {
        Some(old) if old != value => None,
        _ => {
            *slot = Some(value);
            Some(())
        }
    }
}

const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

impl Fields {
    /// Reads `field` at the start of `s`; returns the rest.
    fn read<'a>(&mut self, field: Field, s: &'a str) -> Option<&'a str> {
        use Field::*;
        let (slot, width, range) = match field {
            Year => (&mut self.year, 4, 0..=9999),
            YearOfCentury => (&mut self.year_of_century, 2, 0..=99),
            Month => (&mut self.month, 2, 1..=12),
            Day => (&mut self.day, 2, 1..=31),
            Hour => (&mut self.hour, 2, 0..=23),
            Hour12 => (&mut self.hour12, 2, 1..=12),
            Minute => (&mut self.minute, 2, 0..=59),
            // A leap second reads as the second before it.
            Second => (&mut self.second, 2, 0..=60),
            FractionDigits => return digits(s.trim_start(), 9).map(|(_, rest)| rest),
            Fraction => return s.strip_prefix('.').map_or(Some(s), |f| digits(f, usize::MAX).map(|(_, rest)| rest)),
            MonthAbbreviation | MonthName => return self.month_name(s, field == MonthName),
            AmPm => {
                let pm = match s.get(..2)?.to_ascii_lowercase().as_str() {
                    "am" => 0,
                    "pm" => 1,
                    _ => return None,
                };
                set(&mut self.pm, pm)?;
                return s.get(2..);
            }
            Offset { permissive } => return self.offset(s.trim_start(), permissive),
        };
        let (value, rest) = digits(s.trim_start(), width)?;
        if !range.contains(&value) {
            return None;
        }
        set(slot, if field == Second { value.min(59) } else { value })?;
        Some(rest)
    }

    fn month_name<'a>(&mut self, s: &'a str, long: bool) -> Option<&'a str> {
        let head = s.get(..3)?.to_ascii_lowercase();
        let index = MONTHS.iter().position(|m| m.get(..3) == Some(head.as_str()))?;
        set(&mut self.month, index as i64 + 1)?;
        let rest = s.get(3..)?;
        let tail = MONTHS[index].get(3..)?;
        match rest.get(..tail.len()) {
            Some(t) if long && !tail.is_empty() && t.eq_ignore_ascii_case(tail) => rest.get(tail.len()..),
            _ => Some(rest),
        }
    }

    /// `±hh:mm`, `±hhmm` (and with `permissive`, `Z` and `±hh`); the minus
    /// may be U+2212.
    fn offset<'a>(&mut self, s: &'a str, permissive: bool) -> Option<&'a str> {
        if permissive {
            if let Some(rest) = s.strip_prefix(['Z', 'z']) {
                set(&mut self.offset, 0)?;
                return Some(rest);
            }
        }
        let (sign, s) = match s.chars().next()? {
            '+' => (1, s.get(1..)?),
            '-' => (-1, s.get(1..)?),
            '\u{2212}' => (-1, s.get('\u{2212}'.len_utf8()..)?),
            _ => return None,
        };
        let two = |s: &str| s.get(..2).filter(|d| d.bytes().all(|b| b.is_ascii_digit())).map(|d| d.parse::<i64>().unwrap_or(0));
        let hours = two(s)?;
        let s = s.get(2..)?.trim_start();
        let s = s.strip_prefix(':').unwrap_or(s).trim_start();
        let (minutes, s) = match two(s) {
            Some(m) if m < 60 => (m, s.get(2..)?),
            Some(_) => return None,
            None if permissive => (0, s),
            None => return None,
        };
        if hours >= 24 {
            return None;
        }
        set(&mut self.offset, sign * (hours * 3600 + minutes * 60))?;
        Some(s)
    }

    fn resolve(&self) -> Option<Reading> {
        let year = match (self.year, self.year_of_century) {
            (Some(y), None) => y,
            (None, Some(c)) => c + if c < 70 { 2000 } else { 1900 },
            (Some(y), Some(c)) if y % 100 == c => y,
            _ => return None,
        };
        let date = crate::civil::Date::new(year as i32, self.month? as u32, self.day? as u32)?;
        let hour = match (self.hour, self.hour12, self.pm) {
            (Some(h), None, _) => Some(h),
            (None, Some(h), Some(pm)) => Some(h % 12 + 12 * pm),
            (Some(h), Some(h12), Some(pm)) if h == h12 % 12 + 12 * pm => Some(h),
            (None, None, _) => None,
            _ => return None,
        };
        let time = match (hour, self.minute) {
            (Some(h), Some(m)) => h * 3600 + m * 60 + self.second.unwrap_or(0),
            _ => 0,
        };
        Some(Reading { local: date.epoch_day() * 86_400 + time, offset: self.offset })
    }
}

/// One to `max` ASCII digits at the start of `s`, as a number, and the rest.
fn digits(s: &str, max: usize) -> Option<(i64, &str)> {
    let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    // At most 18 digits count (more only for fractions, whose value is unused).
    let value = s.get(..n.min(18))?.bytes().fold(0i64, |v, b| v * 10 + i64::from(b - b'0'));
    Some((value, s.get(n..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2016-02-29T00:00:00 = 16860 days * 86400 (16860 days from 1970-01-01).
    const FEB29: i64 = 1_456_704_000;

    fn local(text: &str, format: &str) -> Option<i64> {
        read(text, &compile(format).unwrap()).map(|r| r.local)
    }

    #[test]
    fn numeric_fields_with_or_without_padding() {
        assert_eq!(local("29-02-2016 01:16", "%d-%m-%Y %H:%M"), Some(FEB29 + 4560));
        assert_eq!(local("29/2/2016 1:16", "%d/%m/%Y %H:%M"), Some(FEB29 + 4560));
        // Widths bound the digits: `%Y%m%d%H%M%S` reads a packed value.
        assert_eq!(local("20160229011630", "%Y%m%d%H%M%S"), Some(FEB29 + 4590));
        // No time of day: midnight.
        assert_eq!(local("2016-02-29", "%F"), Some(FEB29));
        // 23:59:60 (leap second) reads as 23:59:59.
        assert_eq!(local("2016-02-29 23:59:60", "%F %T"), Some(FEB29 + 86_399));
    }

    #[test]
    fn names_twelve_hour_clock_and_two_digit_years() {
        // 1:05 PM = 13:05 = 47100 s after midnight.
        assert_eq!(local("29/Feb/16 1:05 PM", "%d/%b/%y %I:%M %p"), Some(FEB29 + 47_100));
        assert_eq!(local("29/feb/16 1:05 pm", "%d/%b/%y %I:%M %p"), Some(FEB29 + 47_100));
        // 12 AM is midnight, 12 PM noon.
        assert_eq!(local("29/Feb/2016 12:00 AM", "%d/%b/%Y %I:%M %p"), Some(FEB29));
        assert_eq!(local("29/Feb/2016 12:00 PM", "%d/%b/%Y %I:%M %p"), Some(FEB29 + 43_200));
        assert_eq!(local("February 29, 2016", "%B %d, %Y"), Some(FEB29));
        assert_eq!(local("Feb 29, 2016", "%B %d, %Y"), Some(FEB29));
        // %y: 69 is 2069, 70 is 1970 (chrono's rule). 2069-01-01 is day
        // 36160 (99 years of 365 days + 25 leap days 1972..2068; checked
        // with Python's datetime).
        assert_eq!(local("01/01/69", "%D"), Some(36_160 * 86_400));
        assert_eq!(local("01/01/70", "%D"), Some(0));
        // A `%y` value of a full year stops after two digits.
        assert_eq!(local("29/Feb/2016 1:05 PM", "%d/%b/%y %I:%M %p"), None);
    }

    #[test]
    fn offsets() {
        let r = read("2016-02-29T02:16:00+01:00", ISO_SECONDS_OFFSET).unwrap();
        assert_eq!(r.instant(), Some(FEB29 + 4560)); // 02:16 at +01:00 = 01:16Z = 3600 + 960
        let z = |t: &str| read(t, ISO_MINUTES_OFFSET).and_then(Reading::instant);
        assert_eq!(z("2016-02-29T07:00+05:30"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29 07:00+0530"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29t01:30Z"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29T00:30 -01"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29T00:30\u{2212}01:00"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29T00:30+24:00"), None);
        assert_eq!(z("2016-02-29T00:30+01:60"), None);
        // %z needs minutes and refuses Z.
        let f = compile("%Y-%m-%d %H:%M %z").unwrap();
        assert_eq!(read("2016-02-29 02:16 +0100", &f).and_then(Reading::instant), Some(FEB29 + 4560));
        assert_eq!(read("2016-02-29 02:16 +01", &f), None);
        assert_eq!(read("2016-02-29 02:16 Z", &f), None);
    }

    #[test]
    fn fractions_are_truncated() {
        assert_eq!(read("2016-02-29 01:16:30.999", ISO_SECONDS).map(|r| r.local), Some(FEB29 + 4590));
        assert_eq!(read("2016-02-29T01:16:30", ISO_SECONDS).map(|r| r.local), Some(FEB29 + 4590));
        assert_eq!(read("2016-02-29T01:16:30.", ISO_SECONDS), None);
        assert_eq!(local("01:16:30.5 29.02.2016", "%H:%M:%S%.f %d.%m.%Y"), Some(FEB29 + 4590));
        assert_eq!(local("01:16:30 123 29.02.2016", "%T %f %d.%m.%Y"), Some(FEB29 + 4590));
    }

    #[test]
    fn whole_text_valid_dates_and_consistent_fields() {
        assert_eq!(local("31/31/2016 10:00", "%d/%m/%Y %H:%M"), None);
        assert_eq!(local("30-02-2016 10:00", "%d-%m-%Y %H:%M"), None);
        assert_eq!(local("29-02-2016 10:00x", "%d-%m-%Y %H:%M"), None);
        assert_eq!(local("29-02-2016 24:00", "%d-%m-%Y %H:%M"), None);
        assert_eq!(local("", "%d-%m-%Y"), None);
        // Whitespace in the format matches any run of whitespace, or none.
        assert_eq!(local("29-02-2016   01:16", "%d-%m-%Y %H:%M"), Some(FEB29 + 4560));
        // The same field twice must agree.
        assert_eq!(local("2016-02-29 Feb", "%F %b"), Some(FEB29));
        assert_eq!(local("2016-02-29 Mar", "%F %b"), None);
        assert_eq!(local("1:16 PM 13:16 2016-02-29", "%I:%M %p %H:%M %F"), Some(FEB29 + 47_760));
    }

    #[test]
    fn format_errors() {
        assert_eq!(compile("%Q").unwrap_err(), format!("%Q is not one of {SUPPORTED}"));
        assert_eq!(compile("%d/%m/%Y %a").unwrap_err(), format!("%a is not one of {SUPPORTED}"));
        assert_eq!(compile("%H:%M").unwrap_err(), "it needs a year, a month and a day");
        assert_eq!(compile("%d/%m/%Y %I:%M").unwrap_err(), "%I and %p go together");
        assert_eq!(compile("%d/%m/%Y %H").unwrap_err(), "a time of day needs an hour and a minute");
        assert_eq!(compile("%-d/%-m/%Y %%").unwrap(), compile("%d/%m/%Y %%").unwrap());
        assert_eq!(compile("%d/%m/%Y%").unwrap_err(), format!("% is not one of {SUPPORTED}"));
    }
}
