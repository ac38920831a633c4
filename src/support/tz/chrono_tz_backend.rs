//! Native offsets from chrono-tz's compiled-in IANA database.

use chrono::{Offset, TimeZone as _};
use chrono_tz::Tz;

/// A zone of chrono-tz's database.
pub(super) struct Backend(Tz);

impl Backend {
    /// The zone called `name`, if the database has it.
    pub(super) fn new(name: &str) -> Option<Backend> {
        name.parse::<Tz>().ok().map(Backend)
    }

    /// Local minus UTC, in seconds, at UTC instant `t` (in the supported range).
    pub(super) fn offset_at(&self, t: i64) -> i32 {
        match chrono::DateTime::from_timestamp(t, 0) {
            Some(dt) => self.0.offset_from_utc_datetime(&dt.naive_utc()).fix().local_minus_utc(),
            None => 0,
        }
    }
}
