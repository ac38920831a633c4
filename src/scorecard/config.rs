//! The scorecard configuration, read from JSON with the JSON path in every
//! error (format in `docs/scorecard.md`).

use crate::calendar::Calendar;
use crate::error::Error;
use crate::json_reader::Node;
use crate::json_writer::{Json, ToJson};
use crate::kpi::{Clock, Direction, Granularity, KpiId, KpiSpec};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThresholdMode {
    /// In the KPI's own unit.
    Absolute,
    /// As a percentage of the target (`110` = 1.1 × target).
    Percent,
}

impl ToJson for ThresholdMode {
    fn write_json(&self, w: &mut Json) {
        w.string(match self {
            ThresholdMode::Absolute => "absolute",
            ThresholdMode::Percent => "percent",
        });
    }
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

impl Config {
    /// Reads and validates a configuration; `path` prefixes error paths.
    pub fn from_json(value: &Value, path: &str) -> Result<Config, Error> {
        let root = Node::root(value, path);
        root.deny_unknown(&["name", "period", "timezone", "calendar", "sparkline", "rag", "perspectives"])?;
        let name = root.opt_str("name")?.unwrap_or("Scorecard").to_string();
        let period = match root.get("period") {
            Some(n) => Granularity::parse(n.str()?, n.path())?,
            None => Granularity::Month,
        };
        let timezone = match root.get("timezone") {
            Some(n) => {
                let tz = n.str()?;
                crate::tz::TimeZone::named(tz, n.path())?;
                tz.to_string()
            }
            None => "UTC".to_string(),
        };
        let calendar = match root.get("calendar") {
            Some(n) => Calendar::from_json(n.value(), n.path())?,
            None => Calendar::always(),
        };
        let sparkline = match root.get("sparkline") {
            Some(n) => {
                let x = n.f64()?;
                if x.fract() != 0.0 || !(1.0..=120.0).contains(&x) {
                    return Err(n.number_error("expected a whole number of periods from 1 to 120, found ", x, ""));
                }
                x as usize
            }
            None => 6,
        };
        let score_rag = match root.get("rag") {
            Some(n) => {
                n.deny_unknown(&["green", "amber"])?;
                let green = score(&n.required("green")?)?;
                let amber_node = n.required("amber")?;
                let amber = score(&amber_node)?;
                if amber > green {
                    return Err(amber_node.error(format!("amber ({}) must not be above green ({})", amber, green)));
                }
                ScoreRag { green, amber }
            }
            None => ScoreRag { green: 90.0, amber: 70.0 },
        };
        let list = root.required("perspectives")?;
        let mut perspectives = Vec::new();
        for p in list.items()? {
            perspectives.push(perspective(&p)?);
        }
        if perspectives.is_empty() {
            return Err(list.error("expected at least one perspective"));
        }
        Ok(Config { name, period, timezone, calendar, sparkline, score_rag, perspectives })
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

fn perspective(node: &Node) -> Result<Perspective, Error> {
    node.deny_unknown(&["name", "weight", "kpis"])?;
    let name = node.required("name")?.str()?.to_string();
    let weight = weight(node)?;
    let list = node.required("kpis")?;
    let mut kpis = Vec::new();
    for k in list.items()? {
        kpis.push(kpi_target(&k)?);
    }
    if kpis.is_empty() {
        return Err(list.error("expected at least one KPI"));
    }
    Ok(Perspective { name, weight, kpis })
}

fn kpi_target(node: &Node) -> Result<KpiTarget, Error> {
    node.deny_unknown(&["kpi", "clock", "direction", "target", "baseline", "weight", "thresholds"])?;
    let id_node = node.required("kpi")?;
    let id = KpiId::parse(id_node.str()?, id_node.path())?;
    let clock = match node.opt_choice("clock", &["wall", "business"])? {
        Some(1) => Clock::Business,
        _ => Clock::Wall,
    };
    let direction = match node.opt_choice("direction", &["higher", "lower"])? {
        Some(0) => Direction::Higher,
        Some(_) => Direction::Lower,
        None if id.direction() == Direction::Neutral => {
            return Err(id_node.error(format!(
                "{} has no natural direction; add \"direction\": \"higher\" or \"lower\"",
                id.id()
            )))
        }
        None => id.direction(),
    };
    let target_node = node.required("target")?;
    let target = target_node.f64()?;
    let higher = direction == Direction::Higher;
    let baseline = match node.get("baseline") {
        Some(n) => {
            let b = n.f64()?;
            if (higher && b > target) || (!higher && b < target) {
                let side = if higher { "at or below" } else { "at or above" };
                return Err(n.error(format!("the baseline ({}) must be {side} the target ({}) for a {} KPI", b, target, word(direction))));
            }
            b
        }
        // Default: 0 for higher-is-better, twice the target for lower-is-better.
        None if higher => target.min(0.0),
        None => (2.0 * target).max(target),
    };
    let weight = weight(node)?;
    let (threshold_mode, green, amber) = match node.get("thresholds") {
        Some(n) => thresholds(&n, target, direction)?,
        None if higher => (ThresholdMode::Percent, target, 0.9 * target),
        None => (ThresholdMode::Percent, target, 1.1 * target),
    };
    let spec = KpiSpec { id, clock: if id.uses_clock() { clock } else { Clock::Wall } };
    Ok(KpiTarget { spec, direction, target, baseline, weight, threshold_mode, green, amber })
}

/// Reads `{"mode": "absolute"|"percent", "green": x, "amber": y}` and
/// returns the thresholds in the KPI's unit.
fn thresholds(node: &Node, target: f64, direction: Direction) -> Result<(ThresholdMode, f64, f64), Error> {
    node.deny_unknown(&["mode", "green", "amber"])?;
    let mode = match node.opt_choice("mode", &["absolute", "percent"])? {
        Some(1) => ThresholdMode::Percent,
        _ => ThresholdMode::Absolute,
    };
    let resolve = |x: f64| if mode == ThresholdMode::Percent { target * x / 100.0 } else { x };
    let green = resolve(node.required("green")?.f64()?);
    let amber_node = node.required("amber")?;
    let amber = resolve(amber_node.f64()?);
    let ordered = match direction {
        Direction::Lower => amber >= green,
        _ => amber <= green,
    };
    if !ordered {
        let side = if direction == Direction::Lower { "at or above" } else { "at or below" };
        return Err(amber_node.error(format!(
            "the amber threshold ({}) must be {side} the green threshold ({}) for a {} KPI",
            amber,
            green,
            word(direction)
        )));
    }
    Ok((mode, green, amber))
}

fn word(direction: Direction) -> &'static str {
    match direction {
        Direction::Lower => "lower-is-better",
        _ => "higher-is-better",
    }
}

fn weight(node: &Node) -> Result<f64, Error> {
    match node.get("weight") {
        Some(n) => {
            let w = n.f64()?;
            if w < 0.0 {
                return Err(n.number_error("expected a weight of 0 or more, found ", w, ""));
            }
            Ok(w)
        }
        None => Ok(1.0),
    }
}

fn score(node: &Node) -> Result<f64, Error> {
    let x = node.f64()?;
    if !(0.0..=100.0).contains(&x) {
        return Err(node.number_error("expected a score from 0 to 100, found ", x, ""));
    }
    Ok(x)
}

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
        assert_eq!(err(json!({"perspective": []})), "perspective: unknown field; expected one of: name, period, timezone, calendar, sparkline, rag, perspectives");
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
        assert_eq!(
            err(json!({"period": "year", "perspectives": []})),
            "period: \"year\" is not one of: day, week, month, quarter"
        );
        assert_eq!(
            err(json!({"timezone": "Mars/Base", "perspectives": []})),
            "timezone: \"Mars/Base\" is not an IANA time zone"
        );
        assert_eq!(err(json!({"perspectives": []})), "perspectives: expected at least one perspective");
        assert_eq!(
            err(json!({"perspectives": [{"name": "D", "kpis": [{"kpi": "mttr", "target": "8h"}]}]})),
            "perspectives[0].kpis[0].target: expected a number, found the string \"8h\""
        );
    }
}
