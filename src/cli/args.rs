//! `--name value` options of a command.

use super::Failure;
use crate::error::quote;

/// Parsed options: each `--name value` pair, and flags without value.
#[derive(Debug, Default)]
pub struct Options {
    pairs: Vec<(String, String)>,
    flags: Vec<String>,
}

impl Options {
    /// Parses `args` given the option names that take a value (`valued`)
    /// and those that do not (`flags`); refuses anything else, repeated
    /// options and missing values.
    pub fn parse(args: &[String], valued: &[&str], flags: &[&str], usage: &str) -> Result<Options, Failure> {
        let mut out = Options::default();
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            let name = a.strip_prefix("--").ok_or_else(|| Failure::Usage(format!("unexpected argument {}\n{usage}", quote(a))))?;
            if flags.contains(&name) {
                out.flags.push(name.to_string());
                i += 1;
                continue;
            }
            if !valued.contains(&name) {
                return Err(Failure::Usage(format!("unknown option {}\n{usage}", quote(a))));
            }
            if out.pairs.iter().any(|(n, _)| n == name) {
                return Err(Failure::Usage(format!("option --{name} is given twice")));
            }
            let value = args.get(i + 1).filter(|v| !v.starts_with("--")).ok_or_else(|| Failure::Usage(format!("option --{name} needs a value\n{usage}")))?;
            out.pairs.push((name.to_string(), value.clone()));
            i += 2;
        }
        Ok(out)
    }

    /// The value of `--name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The value of `--name`, or a usage error saying it is required.
    pub fn required(&self, name: &str, usage: &str) -> Result<&str, Failure> {
        self.get(name).ok_or_else(|| Failure::Usage(format!("option --{name} is required\n{usage}")))
    }

    /// Whether the flag `--name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
}
