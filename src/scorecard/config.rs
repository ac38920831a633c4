//! The scorecard configuration, read from JSON with the JSON path in every
//! error (format in `docs/scorecard.md`).

use crate::calendar::Calendar;
use crate::kpi::{Clock, Direction, Granularity, KpiId, KpiSpec};
use crate::support::error::Error;
use crate::support::json_reader::{checked, from_value, join, parse_opt_str, parse_str, Number};
use serde::de::Deserializer;
use serde::Deserialize;
use serde_json::Value;

/// A validated scorecard configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Title of the scorecard.
    pub name: String,
    /// Default period length.
    pub period: Granularity,
    /// IANA zone of the periods.
    pub timezone: String,
    /// Business calendar for KPIs on the business clock.
    pub calendar: Calendar,
    /// Number of periods in each sparkline series (current one included).
    pub sparkline: usize,
    /// Score thresholds for the RAG of perspectives and the overall score.
    pub score_rag: ScoreRag,
    /// The perspectives, in display order.
    pub perspectives: Vec<Perspective>,
}

/// Score thresholds (0–100) for perspective and overall RAG.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreRag {
    /// Green at or above this score.
    pub green: f64,
    /// Amber at or above this score (red below).
    pub amber: f64,
}

/// A group of KPIs (Service delivery, Customer, …).
#[derive(Debug, Clone)]
pub struct Perspective {
    /// Display name.
    pub name: String,
    /// Relative weight in the overall score.
    pub weight: f64,
    /// The KPIs.
    pub kpis: Vec<KpiTarget>,
}

/// How a threshold is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThresholdMode {
    /// In the KPI's own unit.
    Absolute,
    /// As a percentage of the target (`110` = 1.1 × target).
    Percent,
}

/// A KPI in a perspective, with its target and scoring parameters.
#[derive(Debug, Clone)]
pub struct KpiTarget {
    /// The KPI and clock.
    pub spec: KpiSpec,
    /// Which way is good (the catalog's, unless overridden).
    pub direction: Direction,
    /// The target value.
    pub target: f64,
    /// The value that scores 0.
    pub baseline: f64,
    /// Relative weight in the perspective.
    pub weight: f64,
    /// How the thresholds were given.
    pub threshold_mode: ThresholdMode,
    /// Green threshold in the KPI's unit (resolved from percent mode).
    pub green: f64,
    /// Amber threshold in the KPI's unit.
    pub amber: f64,
}

/// A scorecard configuration as written (`docs/scorecard.md`); unknown keys
/// are refused. [`Config::from_document`] validates it and fills in the
/// defaults.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a scorecard configuration {\"perspectives\": […], …}")]
pub struct ConfigDocument {
    name: Option<String>,
    #[serde(default, deserialize_with = "period")]
    period: Option<Granularity>,
    #[serde(default, deserialize_with = "timezone")]
    timezone: Option<String>,
    calendar: Option<Calendar>,
    #[serde(default, deserialize_with = "sparkline")]
    sparkline: Option<usize>,
    rag: Option<RagSpec>,
    perspectives: Vec<PerspectiveSpec>,
}

/// `rag` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "score bands {\"green\": 90, \"amber\": 70}")]
struct RagSpec {
    #[serde(deserialize_with = "score")]
    green: f64,
    #[serde(deserialize_with = "score")]
    amber: f64,
}

/// A perspective as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a perspective {\"name\": …, \"kpis\": […]}")]
struct PerspectiveSpec {
    name: String,
    #[serde(default, deserialize_with = "weight")]
    weight: Option<f64>,
    kpis: Vec<KpiEntry>,
}

/// A KPI of a perspective as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a KPI {\"kpi\": …, \"target\": …}")]
struct KpiEntry {
    #[serde(deserialize_with = "kpi_id")]
    kpi: KpiId,
    clock: Option<ClockName>,
    direction: Option<DirectionName>,
    target: Number,
    baseline: Option<Number>,
    #[serde(default, deserialize_with = "weight")]
    weight: Option<f64>,
    thresholds: Option<Thresholds>,
}

/// `thresholds` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "thresholds {\"mode\": …, \"green\": …, \"amber\": …}")]
struct Thresholds {
    mode: Option<ThresholdMode>,
    green: Number,
    amber: Number,
}

/// `clock`: `"wall"` or `"business"`.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ClockName {
    Wall,
    Business,
}

/// `direction`: `"higher"` or `"lower"`.
#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
enum DirectionName {
    Higher,
    Lower,
}

impl Config {
    /// Reads and validates a configuration; `path` prefixes error paths.
    pub fn from_json(value: &Value, path: &str) -> Result<Config, Error> {
        Config::from_document(from_value(value, path)?, path)
    }

    /// Validates a configuration read at `path` (RAG bands, baselines and
    /// thresholds against targets and directions) and fills in defaults.
    pub fn from_document(doc: ConfigDocument, path: &str) -> Result<Config, Error> {
        let score_rag = match doc.rag {
            Some(RagSpec { green, amber }) => {
                if amber > green {
                    return Err(Error::invalid(join(&join(path, "rag"), "amber"), format!("amber ({}) must not be above green ({})", amber, green)));
                }
                ScoreRag { green, amber }
            }
            None => ScoreRag { green: 90.0, amber: 70.0 },
        };
        let list = join(path, "perspectives");
        if doc.perspectives.is_empty() {
            return Err(Error::invalid(list, "expected at least one perspective"));
        }
        let perspectives = doc.perspectives.into_iter().enumerate().map(|(i, p)| perspective(p, &format!("{list}[{i}]"))).collect::<Result<_, _>>()?;
        Ok(Config {
            name: doc.name.unwrap_or_else(|| "Scorecard".to_string()),
            period: doc.period.unwrap_or(Granularity::Month),
            timezone: doc.timezone.unwrap_or_else(|| "UTC".to_string()),
            calendar: doc.calendar.unwrap_or_else(Calendar::always),
            sparkline: doc.sparkline.unwrap_or(6),
            score_rag,
            perspectives,
        })
    }

    /// Every KPI the scorecard needs, without repeats.
    pub fn kpi_specs(&self) -> Vec<KpiSpec> {
        let mut out: Vec<KpiSpec> = Vec::new();
        for k in self.perspectives.iter().flat_map(|p| &p.kpis) {
            if !out.contains(&k.spec) {
                out.push(k.spec);
            }
        }
        out
    }
}

/// A perspective at JSON path `at`.
fn perspective(p: PerspectiveSpec, at: &str) -> Result<Perspective, Error> {
    let list = join(at, "kpis");
    if p.kpis.is_empty() {
        return Err(Error::invalid(list, "expected at least one KPI"));
    }
    let kpis = p.kpis.into_iter().enumerate().map(|(i, k)| kpi_target(k, &format!("{list}[{i}]"))).collect::<Result<_, _>>()?;
    Ok(Perspective { name: p.name, weight: p.weight.unwrap_or(1.0), kpis })
}

/// A KPI at JSON path `at`, with its direction, baseline and thresholds
/// resolved.
fn kpi_target(k: KpiEntry, at: &str) -> Result<KpiTarget, Error> {
    let id = k.kpi;
    let direction = match k.direction {
        Some(DirectionName::Higher) => Direction::Higher,
        Some(DirectionName::Lower) => Direction::Lower,
        None if id.direction() == Direction::Neutral => {
            return Err(Error::invalid(join(at, "kpi"), format!("{} has no natural direction; add \"direction\": \"higher\" or \"lower\"", id.id())))
        }
        None => id.direction(),
    };
    let target = k.target.0;
    let higher = direction == Direction::Higher;
    let baseline = match k.baseline {
        Some(Number(b)) => {
            if (higher && b > target) || (!higher && b < target) {
                let side = if higher { "at or below" } else { "at or above" };
                return Err(Error::invalid(
                    join(at, "baseline"),
                    format!("the baseline ({}) must be {side} the target ({}) for a {} KPI", b, target, word(direction)),
                ));
            }
            b
        }
        // Default: 0 for higher-is-better, twice the target for lower-is-better.
        None if higher => target.min(0.0),
        None => (2.0 * target).max(target),
    };
    let (threshold_mode, green, amber) = match k.thresholds {
        Some(t) => thresholds(t, target, direction, &join(at, "thresholds"))?,
        None if higher => (ThresholdMode::Percent, target, 0.9 * target),
        None => (ThresholdMode::Percent, target, 1.1 * target),
    };
    let clock = match k.clock {
        Some(ClockName::Business) if id.uses_clock() => Clock::Business,
        _ => Clock::Wall,
    };
    let spec = KpiSpec { id, clock };
    Ok(KpiTarget { spec, direction, target, baseline, weight: k.weight.unwrap_or(1.0), threshold_mode, green, amber })
}

/// Resolves `{"mode": "absolute"|"percent", "green": x, "amber": y}` (at
/// JSON path `at`) to thresholds in the KPI's unit.
fn thresholds(t: Thresholds, target: f64, direction: Direction, at: &str) -> Result<(ThresholdMode, f64, f64), Error> {
    let mode = t.mode.unwrap_or(ThresholdMode::Absolute);
    let resolve = |x: f64| if mode == ThresholdMode::Percent { target * x / 100.0 } else { x };
    let green = resolve(t.green.0);
    let amber = resolve(t.amber.0);
    let ordered = match direction {
        Direction::Lower => amber >= green,
        _ => amber <= green,
    };
    if !ordered {
        let side = if direction == Direction::Lower { "at or above" } else { "at or below" };
        return Err(Error::invalid(
            join(at, "amber"),
            format!("the amber threshold ({}) must be {side} the green threshold ({}) for a {} KPI", amber, green, word(direction)),
        ));
    }
    Ok((mode, green, amber))
}

fn word(direction: Direction) -> &'static str {
    match direction {
        Direction::Lower => "lower-is-better",
        _ => "higher-is-better",
    }
}

fn period<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Granularity>, D::Error> {
    parse_opt_str(d, |text| Granularity::parse(text, ""))
}

/// An IANA zone name, checked and kept as written.
fn timezone<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    parse_opt_str(d, |name| crate::support::tz::TimeZone::named(name, "").map(|_| name.to_string()))
}

fn kpi_id<'de, D: Deserializer<'de>>(d: D) -> Result<KpiId, D::Error> {
    parse_str(d, |id| KpiId::parse(id, ""))
}

fn sparkline<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    checked(d, |n: Option<Number>| match n {
        Some(Number(x)) if x.fract() != 0.0 || !(1.0..=120.0).contains(&x) => {
            Err(["expected a whole number of periods from 1 to 120, found ", &x.to_string()].concat())
        }
        n => Ok(n.map(|n| n.0 as usize)),
    })
}

fn weight<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked(d, |n: Option<Number>| match n {
        Some(Number(w)) if w < 0.0 => Err(["expected a weight of 0 or more, found ", &w.to_string()].concat()),
        n => Ok(n.map(|n| n.0)),
    })
}

fn score<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(d, |Number(x)| if (0.0..=100.0).contains(&x) { Ok(x) } else { Err(["expected a score from 0 to 100, found ", &x.to_string()].concat()) })
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(v: Value) -> String {
        Config::from_json(&v, "").unwrap_err().to_string()
    }

    #[test]
    fn defaults_fill_in() {
        let c = Config::from_json(
            &json!({"perspectives": [{"name": "D", "kpis": [
                {"kpi": "mttr", "target": 8},
                {"kpi": "sla_compliance", "target": 95}
            ]}]}),
            "",
        )
        .unwrap();
        assert_eq!((c.period, c.timezone.as_str(), c.sparkline), (Granularity::Month, "UTC", 6));
        let mttr = &c.perspectives[0].kpis[0];
        // lower-is-better: baseline 2 × 8 = 16; green 8, amber 110 % of 8 = 8.8
        assert_eq!((mttr.direction, mttr.baseline, mttr.green), (Direction::Lower, 16.0, 8.0));
        assert!((mttr.amber - 8.8).abs() < 1e-9);
        let sla = &c.perspectives[0].kpis[1];
        // higher-is-better: baseline 0; amber 90 % of 95 = 85.5
        assert_eq!((sla.baseline, sla.green, sla.amber, sla.weight), (0.0, 95.0, 85.5, 1.0));
    }

    #[test]
    fn percent_thresholds_resolve_against_the_target() {
        let c = Config::from_json(
            &json!({"perspectives": [{"name": "D", "kpis": [
                {"kpi": "mttr_median", "target": 8, "baseline": 24, "thresholds": {"mode": "percent", "green": 100, "amber": 125}}
            ]}]}),
            "",
        )
        .unwrap();
        let k = &c.perspectives[0].kpis[0];
        // green 100 % of 8 = 8, amber 125 % of 8 = 10
        assert_eq!((k.green, k.amber, k.threshold_mode), (8.0, 10.0, ThresholdMode::Percent));
    }

    #[test]
    fn errors_carry_json_paths() {
        assert_eq!(
            err(json!({"perspective": []})),
            "perspective: unknown field `perspective`, expected one of `name`, `period`, `timezone`, `calendar`, `sparkline`, `rag`, `perspectives`"
        );
        assert_eq!(err(json!({})), "perspectives: is required but missing");
        assert!(err(json!({"perspectives": [{"name": "D", "kpis": [{"kpi": "mtr", "target": 1}]}]}))
            .starts_with("perspectives[0].kpis[0].kpi: \"mtr\" is not a KPI"));
        assert_eq!(
            err(json!({"perspectives": [{"name": "D", "kpis": [{"kpi": "volume", "target": 1}]}]})),
            "perspectives[0].kpis[0].kpi: volume has no natural direction; add \"direction\": \"higher\" or \"lower\""
        );
        assert_eq!(
            err(json!({"perspectives": [{"name": "D", "kpis": [{"kpi": "mttr", "target": 8, "baseline": 4}]}]})),
            "perspectives[0].kpis[0].baseline: the baseline (4) must be at or above the target (8) for a lower-is-better KPI"
        );
        assert_eq!(
            err(json!({"perspectives": [{"name": "D", "kpis": [{"kpi": "reopen_rate", "target": 2, "thresholds": {"green": 2, "amber": 1}}]}]})),
            "perspectives[0].kpis[0].thresholds.amber: the amber threshold (1) must be at or above the green threshold (2) for a lower-is-better KPI"
        );
        assert_eq!(
            err(json!({"perspectives": [{"name": "D", "weight": -1, "kpis": [{"kpi": "mttr", "target": 8}]}]})),
            "perspectives[0].weight: expected a weight of 0 or more, found -1"
        );
        assert_eq!(err(json!({"period": "year", "perspectives": []})), "period: \"year\" is not one of: day, week, month, quarter, all");
        assert_eq!(err(json!({"timezone": "Mars/Base", "perspectives": []})), "timezone: \"Mars/Base\" is not an IANA time zone");
        assert_eq!(err(json!({"perspectives": []})), "perspectives: expected at least one perspective");
        assert_eq!(err(json!({"perspectives": [{"name": "D", "kpis": []}]})), "perspectives[0].kpis: expected at least one KPI");
        assert_eq!(err(json!({"rag": {"green": 50, "amber": 70}, "perspectives": []})), "rag.amber: amber (70) must not be above green (50)");
        assert_eq!(err(json!({"rag": {"green": 150, "amber": 70}, "perspectives": []})), "rag.green: expected a score from 0 to 100, found 150");
        assert_eq!(err(json!({"sparkline": 1.5, "perspectives": []})), "sparkline: expected a whole number of periods from 1 to 120, found 1.5");
        assert_eq!(
            err(json!({"perspectives": [{"name": "D", "kpis": [{"kpi": "mttr", "target": 8, "clock": "cpu"}]}]})),
            "perspectives[0].kpis[0].clock: unknown variant `cpu`, expected `wall` or `business`"
        );
        assert_eq!(
            err(json!({"perspectives": [{"name": "D", "kpis": [{"kpi": "mttr", "target": "8h"}]}]})),
            "perspectives[0].kpis[0].target: invalid type: string \"8h\", expected a number"
        );
    }
}
