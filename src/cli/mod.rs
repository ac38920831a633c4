//! The command-line tool's commands, over the same core as the JS API.
//! clap parses the arguments ([`Cli`]): unknown, missing or malformed
//! options are usage errors (exit status 2) with the command's usage line,
//! and `--help` shows each command's options, value names, defaults and an
//! example.

use clap::{Parser, Subcommand};

pub mod causes;
pub mod data;
pub mod generate;
pub mod holidays;
pub mod inspect;
pub mod merge;
pub mod report;
pub mod review;
pub mod sla;

/// Why a command failed: bad usage (exit status 2) or a failure of the
/// input or the computation (exit status 1).
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong; the message says how.
    Usage(String),
    /// An input could not be read or used.
    Input(String),
}

/// The command line: one command and its options.
#[derive(Debug, Parser)]
#[command(
    name = "sla-scorecard",
    version,
    about = "SLA compliance and ITSM KPI scorecards from ticket exports, as JSON or CSV on standard output",
    after_help = "Run `sla-scorecard <COMMAND> --help` for a command's options and an example.\n\
                  Exit status: 0 success, 1 an input could not be read or used, 2 usage error.",
    arg_required_else_help = true
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate SLA policies on ticket data and print the compliance report.
    Sla(sla::Args),
    /// Compute KPIs and the scorecard (with SLA compliance) and print the report.
    Report(report::Args),
    /// Merge partial reports (`report --partial`) into the report of the whole data.
    Merge(merge::Args),
    /// Write a self-contained HTML service review of one period (no script, no external resource).
    Review(review::Args),
    /// Profile the columns of a CSV export and propose the load options that read it.
    Inspect(inspect::Args),
    /// Write seeded synthetic ticket, outage or change data as CSV.
    Generate(generate::Args),
    /// Print the holidays of an iCalendar (.ics) file as calendar "holidays" rules.
    CalendarHolidays(holidays::Args),
}

/// Runs a parsed command line and returns what to print on standard output.
pub fn run(cli: Cli) -> Result<String, Failure> {
    match cli.command {
        Command::Sla(args) => sla::run(args),
        Command::Report(args) => report::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Review(args) => review::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Generate(args) => generate::run(args),
        Command::CalendarHolidays(args) => holidays::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        // clap's own check of the derived definition (names, groups, defaults).
        <Cli as clap::CommandFactory>::command().debug_assert();
    }
}
