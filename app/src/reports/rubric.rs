//! The organizer's rubric turning an agency's contest results into points of
//! the administrative-reform index. Pure; stored as JSON in `contest.reform_rubric`.
use serde::{Deserialize, Serialize};

/// At least `min` (a % or an average score) earns `points`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub min: f64,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rubric {
    /// Participation % bands; the highest band reached counts.
    pub participation: Vec<Band>,
    /// Average-score bands (0–100); the highest band reached counts.
    pub average_score: Vec<Band>,
    /// Points per individual prize of a member…
    pub per_prize: f64,
    /// …up to this many.
    pub max_prize_points: f64,
    /// Points for holding any collective prize.
    pub collective_prize: f64,
    /// The criterion's ceiling in the index.
    pub max_points: f64,
}

impl Default for Rubric {
    fn default() -> Self {
        Rubric {
            participation: vec![
                Band { min: 80.0, points: 1.5 },
                Band { min: 50.0, points: 1.0 },
                Band { min: 30.0, points: 0.5 },
            ],
            average_score: vec![Band { min: 80.0, points: 0.5 }, Band { min: 60.0, points: 0.25 }],
            per_prize: 0.25,
            max_prize_points: 0.5,
            collective_prize: 0.5,
            max_points: 3.0,
        }
    }
}

fn band_points(bands: &[Band], value: f64) -> f64 {
    bands.iter().filter(|b| value >= b.min).map(|b| b.points).fold(0.0, f64::max)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// (participation, score, prizes, collective, total) points.
pub struct Points {
    pub participation: f64,
    pub score: f64,
    pub prizes: f64,
    pub collective: f64,
    pub total: f64,
}

impl Rubric {
    #[cfg(feature = "ssr")]
    pub fn from_stored(text: Option<&str>) -> Self {
        text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
    }

    /// Plain-Vietnamese problems; empty when the rubric can be used.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let ok = |x: f64| x.is_finite() && x >= 0.0;
        for b in self.participation.iter().chain(&self.average_score) {
            if !ok(b.points) || !(0.0..=100.0).contains(&b.min) {
                out.push(format!(
                    "Mức {} – {} điểm: ngưỡng phải từ 0 đến 100, điểm không âm.",
                    b.min, b.points
                ));
            }
        }
        for (x, name) in [
            (self.per_prize, "Điểm mỗi giải cá nhân"),
            (self.max_prize_points, "Điểm giải cá nhân tối đa"),
            (self.collective_prize, "Điểm giải tập thể"),
            (self.max_points, "Điểm tối đa của tiêu chí"),
        ] {
            if !ok(x) {
                out.push(format!("{name} phải là số không âm."));
            }
        }
        out
    }

    pub fn score(
        &self,
        participation_pct: f64,
        average: Option<f64>,
        prizes: i64,
        collective: bool,
    ) -> Points {
        let participation = band_points(&self.participation, participation_pct);
        let score = average.map(|a| band_points(&self.average_score, a)).unwrap_or(0.0);
        let prizes = (prizes as f64 * self.per_prize).min(self.max_prize_points);
        let collective = if collective { self.collective_prize } else { 0.0 };
        let total = (participation + score + prizes + collective).min(self.max_points);
        Points {
            participation: round2(participation),
            score: round2(score),
            prizes: round2(prizes),
            collective: round2(collective),
            total: round2(total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_band_reached_counts_and_the_total_is_capped() {
        let r = Rubric::default();
        let p = r.score(85.0, Some(82.0), 5, true);
        assert_eq!((p.participation, p.score, p.prizes, p.collective), (1.5, 0.5, 0.5, 0.5));
        assert_eq!(p.total, 3.0);
        let q = r.score(49.9, Some(59.0), 1, false);
        assert_eq!((q.participation, q.score, q.prizes, q.total), (0.5, 0.0, 0.25, 0.75));
        let nothing = r.score(10.0, None, 0, false);
        assert_eq!(nothing.total, 0.0);
        let capped = Rubric { max_points: 1.0, ..Rubric::default() }.score(100.0, Some(100.0), 0, false);
        assert_eq!(capped.total, 1.0);
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn rubrics_are_stored_and_checked() {
        let r = Rubric { per_prize: 0.5, ..Rubric::default() };
        assert_eq!(Rubric::from_stored(Some(&serde_json::to_string(&r).unwrap())), r);
        let bad = Rubric {
            per_prize: -1.0,
            participation: vec![Band { min: 120.0, points: 1.0 }],
            ..Rubric::default()
        };
        assert_eq!(bad.problems().len(), 2);
    }
}
