//! `sla-scorecard generate`: seeded synthetic tickets, outages or changes as
//! CSV on standard output (see `crate::support::generate` for the shape of the data).

use super::Failure;
use crate::support::generate::{changes_csv, outages_csv, tickets_csv, Form, Spec};
use clap::ValueEnum;

/// The options of `generate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  \
    sla-scorecard generate --tickets 100000 --seed 1 --form events > tickets.csv\n\n\
    The same seed gives the same text. Outages and changes load with the mappings\n\
    given in the README (Performance).")]
pub struct Args {
    /// Number of tickets (outages and changes scale with it)
    #[arg(long, value_name = "N")]
    pub tickets: usize,
    /// Seed of the random sequence
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Row shape of the tickets
    #[arg(long, value_enum, value_name = "FORM", default_value_t = FormArg::Flat)]
    pub form: FormArg,
    /// What to write
    #[arg(long, value_enum, value_name = "RECORD", default_value_t = Record::Tickets)]
    pub record: Record,
}

/// `--form`: the row shape of generated tickets.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormArg {
    /// One row per ticket, preset servicenow-incidents
    Flat,
    /// One row per update, preset servicenow-event-log
    Events,
}

/// `--record`: the kind of record to write.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Record {
    /// Tickets, in the shape `--form` says
    Tickets,
    /// Service outages
    Outages,
    /// Changes
    Changes,
}

/// Runs `generate` with its options.
pub fn run(a: Args) -> Result<String, Failure> {
    let spec = Spec::new(a.tickets, a.seed);
    let form = match a.form {
        FormArg::Flat => Form::Flat,
        FormArg::Events => Form::Events,
    };
    Ok(match a.record {
        Record::Tickets => tickets_csv(&spec, form),
        Record::Outages => outages_csv(&spec),
        Record::Changes => changes_csv(&spec),
    })
}
