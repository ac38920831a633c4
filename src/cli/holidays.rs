//! `sla-scorecard calendar-holidays`: the holidays of an iCalendar (.ics)
//! file as a JSON list of `holidays` rules, for calendars used in the
//! browser (whose build leaves the iCalendar reader out, docs/calendar.md).

use super::Failure;
use crate::calendar::ics;
use std::path::PathBuf;

/// The options of `calendar-holidays`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  \
    sla-scorecard calendar-holidays england-and-wales.ics\n\n\
    Prints [\"2019-01-01\", …, \"12-25 from 2020\", …]: paste it as a calendar's \"holidays\".")]
pub struct Args {
    /// The iCalendar file
    #[arg(value_name = "FILE.ics")]
    pub file: PathBuf,
}

/// Reads the file and prints its holidays as rule strings, one per line of a JSON array.
pub fn run(a: Args) -> Result<String, Failure> {
    let name = a.file.display();
    let text = std::fs::read_to_string(&a.file).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
    let rules = ics::read(&text).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
    let texts: Vec<String> = rules.iter().map(|r| serde_json::Value::from(r.to_text()).to_string()).collect();
    Ok(format!("[\n  {}\n]\n", texts.join(",\n  ")))
}
