//! Civil dates of the proleptic Gregorian calendar, without a time zone:
//! day numbers, ISO weeks, and the `YYYY-MM-DD` text form.
//!
//! The core needs little calendar arithmetic (period boundaries, labels,
//! holidays), so it is done here in a few lines instead of through a date
//! library, which keeps the wasm package small (docs/size.md). The day
//! conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`
//! (<https://howardhinnant.github.io/date_algorithms.html>).

/// A calendar date. Always valid: build it with [`Date::new`] or
/// [`Date::from_epoch_day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// The date `year-month-day`, or `None` when there is no such day.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_epoch_day(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097; // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365], from 1 March
        let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The number of days from 1970-01-01 to this date.
    pub fn epoch_day(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400; // [0, 399]
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1; // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
        era * 146_097 + doe - 719_468
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u32 {
        self.day
    }

    /// The ISO 8601 week-numbering year and week (1 to 53) holding this date.
    pub fn iso_week(self) -> (i32, u32) {
        // The ISO week belongs to the year of its Thursday.
        let thursday = self.epoch_day() - weekday(self.epoch_day()) + 3;
        let year = Date::from_epoch_day(thursday).year;
        let jan1 = Date { year, month: 1, day: 1 }.epoch_day();
        (year, ((thursday - jan1) / 7 + 1) as u32)
    }

    /// The Monday of ISO week `week` of week-numbering year `year`, or
    /// `None` when that year has no such week.
    pub fn from_iso_week(year: i32, week: u32) -> Option<Date> {
        let jan4 = Date { year, month: 1, day: 4 }.epoch_day();
        let monday = jan4 - weekday(jan4) + (i64::from(week) - 1) * 7;
        let date = Date::from_epoch_day(monday);
        (week >= 1 && date.iso_week() == (year, week)).then_some(date)
    }

    /// Reads `YYYY-MM-DD` (`%Y-%m-%d`, so month and day may be one digit):
    /// `None` unless `text` is such a date.
    pub fn parse(text: &str) -> Option<Date> {
        let reading = crate::strptime::read(text, crate::strptime::DATE)?;
        Some(Date::from_epoch_day(reading.local.div_euclid(86_400)))
    }
}

/// Monday = 0 … Sunday = 6 of the day `days` after 1970-01-01 (a Thursday).
pub fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// The number of days in `month` (1 to 12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        // 1970-01-01 is day 0; 2026-03-29 is day 20541 (56 years of 365
        // days + 14 leap days 1972..2024 = 20454, + 31 + 28 + 28 = 87).
        assert_eq!(Date::new(1970, 1, 1).unwrap().epoch_day(), 0);
        assert_eq!(Date::new(2026, 3, 29).unwrap().epoch_day(), 20_541);
        assert_eq!(Date::from_epoch_day(20_541), Date::new(2026, 3, 29).unwrap());
        // 1969-12-31 is day -1; 1900-01-01 is -25567 (70 years, 17 leap days).
        assert_eq!(Date::from_epoch_day(-1), Date::new(1969, 12, 31).unwrap());
        assert_eq!(Date::new(1900, 1, 1).unwrap().epoch_day(), -25_567);
        // 2000-03-01 (after a 400-year leap day) is day 11017.
        assert_eq!(Date::new(2000, 3, 1).unwrap().epoch_day(), 11_017);
        assert_eq!(Date::from_epoch_day(11_016), Date::new(2000, 2, 29).unwrap());
    }

    #[test]
    fn every_day_round_trips() {
        // 1899-12-01 .. 2200-01-31, checked against a day-by-day walk.
        let mut date = Date::new(1899, 12, 1).unwrap();
        let mut day = date.epoch_day();
        while date.year < 2200 || date.month < 2 {
            assert_eq!(Date::from_epoch_day(day), date);
            assert_eq!(date.epoch_day(), day);
            date = if date.day < days_in_month(date.year, date.month) {
                Date { day: date.day + 1, ..date }
            } else if date.month < 12 {
                Date { month: date.month + 1, day: 1, ..date }
            } else {
                Date { year: date.year + 1, month: 1, day: 1 }
            };
            day += 1;
        }
    }

    #[test]
    fn invalid_dates() {
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none()); // century, not divisible by 400
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
    }

    #[test]
    fn iso_weeks() {
        // 2021-01-03 (Sunday) is in 2020-W53; 2021-01-04 (Monday) opens 2021-W01.
        assert_eq!(Date::new(2021, 1, 3).unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::new(2021, 1, 4).unwrap().iso_week(), (2021, 1));
        // 2024-12-30 (Monday) is in 2025-W01.
        assert_eq!(Date::new(2024, 12, 30).unwrap().iso_week(), (2025, 1));
        assert_eq!(Date::from_iso_week(2020, 53), Date::new(2020, 12, 28));
        assert_eq!(Date::from_iso_week(2025, 1), Date::new(2024, 12, 30));
        // 2021 has 52 weeks (it starts on a Friday).
        assert_eq!(Date::from_iso_week(2021, 53), None);
        assert_eq!(Date::from_iso_week(2021, 0), None);
        // 1970-01-01 is a Thursday.
        assert_eq!(weekday(0), 3);
    }

    #[test]
    fn text() {
        assert_eq!(Date::parse("2016-02-29"), Date::new(2016, 2, 29));
        assert_eq!(Date::parse("2016-2-9"), Date::new(2016, 2, 9));
        assert_eq!(Date::parse("2016-02-30"), None);
        assert_eq!(Date::parse("2016-02"), None);
        assert_eq!(Date::parse("2016-02-29x"), None);
        assert_eq!(Date::parse("+2016-02-29"), None);
        assert_eq!(Date::new(2016, 2, 9).unwrap().to_string(), "2016-02-09");
    }
}
