//! `sla-scorecard generate`: seeded synthetic tickets, outages or changes as
//! CSV on standard output (see `crate::generate` for the shape of the data).

use super::args::Options;
use super::Failure;
use crate::error::quote;
use crate::generate::{changes_csv, outages_csv, tickets_csv, Form, Spec};

/// Usage of the `generate` command.
pub const USAGE: &str = "usage: sla-scorecard generate --tickets N [--seed S] [--form flat|events] [--record tickets|outages|changes]

  --tickets  number of tickets (outages and changes scale with it)
  --seed     seed of the random sequence (default 1); the same seed gives the same text
  --form     flat: one row per ticket, preset servicenow-incidents (default);
             events: one row per update, preset servicenow-event-log
  --record   what to write (default tickets); outages and changes load with the
             mappings given in the README (Performance)";

/// Runs `generate` with its arguments.
pub fn run(args: &[String]) -> Result<String, Failure> {
    let o = Options::parse(args, &["tickets", "seed", "form", "record"], &["help"], USAGE)?;
    if o.flag("help") {
        return Ok(format!("{USAGE}\n"));
    }
    let tickets = whole(o.required("tickets", USAGE)?, "tickets")?;
    let seed = match o.get("seed") {
        Some(s) => whole(s, "seed")?,
        None => 1,
    };
    let tickets = usize::try_from(tickets).map_err(|_| Failure::Usage(format!("--tickets: {tickets} is too large")))?;
    let form = match o.get("form").unwrap_or("flat") {
        "flat" => Form::Flat,
        "events" => Form::Events,
        other => return Err(Failure::Usage(format!("--form: {} is not one of: flat, events", quote(other)))),
    };
    let spec = Spec::new(tickets, seed);
    match o.get("record").unwrap_or("tickets") {
        "tickets" => Ok(tickets_csv(&spec, form)),
        "outages" => Ok(outages_csv(&spec)),
        "changes" => Ok(changes_csv(&spec)),
        other => Err(Failure::Usage(format!("--record: {} is not one of: tickets, outages, changes", quote(other)))),
    }
}

fn whole(text: &str, name: &str) -> Result<u64, Failure> {
    text.parse::<u64>().map_err(|_| Failure::Usage(format!("--{name}: {} is not a whole number", quote(text))))
}
