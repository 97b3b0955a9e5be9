//! Collective prizes (giải tập thể): units scored by a formula the organizer
//! sets per contest. A unit's score is its participation rate (contestants ÷
//! headcount, at most 100 %) times a weight, plus the points of every
//! individual prize its members won. A unit whose rate is below the minimum
//! for its size is not ranked. Pure: the service feeds it the units' figures.
use serde::{Deserialize, Serialize};

/// The minimum participation rate of units with fewer than `under` staff
/// (`under` None: every larger unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinRate {
    pub under: Option<i32>,
    pub pct: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrizeLine {
    pub name: String,
    pub quantity: i32,
}

/// The contest's formula (stored as JSON in `contest.collective_rule`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectiveRule {
    /// Which level of the unit tree competes: 1 = the agencies and districts
    /// directly under the province (their whole branch counts).
    pub level: usize,
    /// Checked in order; the first whose `under` the headcount is below applies.
    pub min_rates: Vec<MinRate>,
    /// Points per percentage point of participation.
    pub rate_weight: f64,
    pub prizes: Vec<PrizeLine>,
}

impl Default for CollectiveRule {
    fn default() -> Self {
        CollectiveRule {
            level: 1,
            min_rates: vec![
                MinRate { under: Some(50), pct: 30.0 },
                MinRate { under: Some(500), pct: 20.0 },
                MinRate { under: None, pct: 10.0 },
            ],
            rate_weight: 1.0,
            prizes: vec![
                PrizeLine { name: "Giải Nhất tập thể".into(), quantity: 1 },
                PrizeLine { name: "Giải Nhì tập thể".into(), quantity: 2 },
                PrizeLine { name: "Giải Ba tập thể".into(), quantity: 3 },
            ],
        }
    }
}

impl CollectiveRule {
    /// The rule stored on a contest (the default when none is stored).
    #[cfg(feature = "ssr")]
    pub fn from_stored(text: Option<&str>) -> Self {
        text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
    }

    /// Plain-Vietnamese problems with the rule; empty when it can be used.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.level == 0 || self.level > 5 {
            out.push("Cấp đơn vị xét giải phải từ 1 đến 5.".to_owned());
        }
        if !self.rate_weight.is_finite() || self.rate_weight < 0.0 {
            out.push("Hệ số điểm tỷ lệ tham gia phải là số không âm.".to_owned());
        }
        for m in &self.min_rates {
            if !(0.0..=100.0).contains(&m.pct) {
                out.push(format!("Tỷ lệ tối thiểu {} không nằm trong khoảng 0–100%.", m.pct));
            }
        }
        for p in &self.prizes {
            if p.name.trim().is_empty() || p.quantity < 1 || p.quantity > 100 {
                out.push("Mỗi giải tập thể cần tên và số lượng từ 1 đến 100.".to_owned());
            }
        }
        out
    }

    /// The minimum rate for a unit of `headcount` staff.
    pub fn min_pct(&self, headcount: i32) -> f64 {
        self.min_rates.iter().find(|m| m.under.is_none_or(|u| headcount < u)).map(|m| m.pct).unwrap_or(0.0)
    }
}

/// What the formula reads of one competing unit (figures over its branch).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitFigures {
    pub unit_id: i32,
    pub name: String,
    pub headcount: i32,
    pub contestants: i64,
    /// Sum of the unit points of prizes its members won.
    pub prize_points: f64,
    pub prizes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitScore {
    pub unit_id: i32,
    pub unit_name: String,
    pub headcount: i32,
    pub contestants: i64,
    pub participation_pct: f64,
    pub min_pct: f64,
    pub prizes: i64,
    pub prize_points: f64,
    pub points: f64,
    /// None when below the minimum rate (or without headcount).
    pub rank: Option<u32>,
    pub prize: Option<String>,
    /// 1 for the highest collective prize.
    pub position: Option<i32>,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Scores and ranks the units, best first (equal points share a rank; the
/// higher rate, then the name, orders them), and hands out the prizes.
pub fn score_units(rule: &CollectiveRule, units: &[UnitFigures]) -> Vec<UnitScore> {
    let mut scored: Vec<UnitScore> = units
        .iter()
        .map(|u| {
            let pct = if u.headcount > 0 {
                round2((u.contestants as f64 * 100.0 / f64::from(u.headcount)).min(100.0))
            } else {
                0.0
            };
            UnitScore {
                unit_id: u.unit_id,
                unit_name: u.name.clone(),
                headcount: u.headcount,
                contestants: u.contestants,
                participation_pct: pct,
                min_pct: rule.min_pct(u.headcount),
                prizes: u.prizes,
                prize_points: u.prize_points,
                points: round2(pct * rule.rate_weight + u.prize_points),
                rank: None,
                prize: None,
                position: None,
            }
        })
        .collect();
    scored.sort_by(|a, b| {
        b.points
            .total_cmp(&a.points)
            .then(b.participation_pct.total_cmp(&a.participation_pct))
            .then(a.unit_name.cmp(&b.unit_name))
    });
    let mut prizes =
        rule.prizes.iter().enumerate().flat_map(|(i, p)| {
            std::iter::repeat_n((i as i32 + 1, p.name.clone()), p.quantity.max(0) as usize)
        });
    let (mut n, mut last): (u32, Option<(u32, f64)>) = (0, None);
    for s in scored.iter_mut().filter(|s| s.headcount > 0 && s.participation_pct >= s.min_pct) {
        n += 1;
        let rank = match last {
            Some((r, p)) if p == s.points => r,
            _ => n,
        };
        last = Some((rank, s.points));
        s.rank = Some(rank);
        if let Some((position, name)) = prizes.next() {
            s.position = Some(position);
            s.prize = Some(name);
        }
    }
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i32, headcount: i32, contestants: i64, prize_points: f64) -> UnitFigures {
        UnitFigures {
            unit_id: id,
            name: format!("Đơn vị {id}"),
            headcount,
            contestants,
            prize_points,
            prizes: 0,
        }
    }

    #[test]
    fn the_minimum_rate_depends_on_the_unit_size() {
        let rule = CollectiveRule::default();
        assert_eq!(rule.min_pct(49), 30.0);
        assert_eq!(rule.min_pct(50), 20.0);
        assert_eq!(rule.min_pct(5000), 10.0);
    }

    #[test]
    fn units_are_scored_by_rate_and_prize_points_and_small_units_need_a_higher_rate() {
        let rule = CollectiveRule {
            prizes: vec![
                PrizeLine { name: "Nhất".into(), quantity: 1 },
                PrizeLine { name: "Nhì".into(), quantity: 1 },
            ],
            ..CollectiveRule::default()
        };
        let scores = score_units(
            &rule,
            &[
                unit(1, 40, 10, 50.0), // 25 % < 30 % for a unit under 50: not ranked despite its prizes
                unit(2, 100, 60, 0.0), // 60 points
                unit(3, 1000, 150, 50.0), // 15 % ≥ 10 %: 15 + 50 = 65 points
                unit(4, 10, 20, 0.0),  // rate capped at 100 %: 100 points
                unit(5, 0, 0, 0.0),    // no headcount: not ranked
            ],
        );
        let view: Vec<(i32, f64, Option<u32>, Option<String>)> =
            scores.iter().map(|s| (s.unit_id, s.points, s.rank, s.prize.clone())).collect();
        assert_eq!(
            view,
            vec![
                (4, 100.0, Some(1), Some("Nhất".into())),
                (1, 75.0, None, None),
                (3, 65.0, Some(2), Some("Nhì".into())),
                (2, 60.0, Some(3), None),
                (5, 0.0, None, None),
            ]
        );
    }

    #[test]
    fn equal_points_share_a_rank() {
        let rule = CollectiveRule::default();
        let scores =
            score_units(&rule, &[unit(1, 100, 50, 0.0), unit(2, 200, 100, 0.0), unit(3, 100, 40, 0.0)]);
        assert_eq!(scores.iter().map(|s| s.rank).collect::<Vec<_>>(), vec![Some(1), Some(1), Some(3)]);
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn a_stored_rule_is_read_back_and_bad_rules_are_explained() {
        let rule = CollectiveRule { rate_weight: 2.0, ..CollectiveRule::default() };
        let text = serde_json::to_string(&rule).unwrap();
        assert_eq!(CollectiveRule::from_stored(Some(&text)), rule);
        assert_eq!(CollectiveRule::from_stored(None), CollectiveRule::default());
        let bad = CollectiveRule {
            level: 0,
            rate_weight: -1.0,
            min_rates: vec![MinRate { under: None, pct: 120.0 }],
            prizes: vec![PrizeLine { name: " ".into(), quantity: 0 }],
        };
        assert_eq!(bad.problems().len(), 4);
    }
}
