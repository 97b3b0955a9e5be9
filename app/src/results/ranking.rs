//! Ranking counted attempts by a tie-break chain. Pure: the service feeds it
//! rows and keeps the order. Default chain (the rules of the directive):
//! score (higher first) → distance of the prediction from the true figure
//! (smaller first) → duration (shorter first) → submission time (earlier first).
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// The chain of the directive's rules, as stored in `round.tie_break`.
pub const DEFAULT_CHAIN: &str = "score,prediction,duration,submitted";

/// One criterion of the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    Score,
    Prediction,
    Duration,
    Submitted,
}

impl TieBreak {
    pub const DEFAULT: [TieBreak; 4] =
        [TieBreak::Score, TieBreak::Prediction, TieBreak::Duration, TieBreak::Submitted];

    pub fn code(self) -> &'static str {
        match self {
            TieBreak::Score => "score",
            TieBreak::Prediction => "prediction",
            TieBreak::Duration => "duration",
            TieBreak::Submitted => "submitted",
        }
    }

    /// "score,prediction,duration,submitted" → the chain; unknown or repeated names are refused.
    pub fn parse_chain(text: &str) -> Option<Vec<TieBreak>> {
        let mut chain = Vec::new();
        for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let step = [TieBreak::Score, TieBreak::Prediction, TieBreak::Duration, TieBreak::Submitted]
                .into_iter()
                .find(|t| t.code() == name)?;
            if chain.contains(&step) {
                return None;
            }
            chain.push(step);
        }
        (!chain.is_empty()).then_some(chain)
    }
}

/// What the chain compares, for one contestant's counted attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub attempt_id: i32,
    pub contestant_id: i32,
    pub score: i32,
    /// None when the round asks no prediction or none was given (ranked after any given one).
    pub prediction: Option<i64>,
    pub duration_ms: i32,
    /// Milliseconds since the epoch.
    pub submitted_ms: i64,
}

/// How `a` stands against `b` by the chain: `Less` when `a` is better.
pub fn compare(a: &Entry, b: &Entry, chain: &[TieBreak], truth: Option<i64>) -> Ordering {
    for step in chain {
        let order = match step {
            TieBreak::Score => b.score.cmp(&a.score),
            TieBreak::Prediction => {
                let distance = |e: &Entry| match (e.prediction, truth) {
                    (Some(p), Some(t)) => (p - t).unsigned_abs(),
                    _ => u64::MAX,
                };
                distance(a).cmp(&distance(b))
            }
            TieBreak::Duration => a.duration_ms.cmp(&b.duration_ms),
            TieBreak::Submitted => a.submitted_ms.cmp(&b.submitted_ms),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

/// Sorts `entries` best first and gives each its rank; entries equal on the
/// whole chain share a rank (1, 2, 2, 4). `truth` is the prediction question's
/// true figure.
pub fn rank(mut entries: Vec<Entry>, chain: &[TieBreak], truth: Option<i64>) -> Vec<(u32, Entry)> {
    // The attempt id last keeps the order the same on every run, also for full ties.
    entries.sort_by(|a, b| compare(a, b, chain, truth).then(a.attempt_id.cmp(&b.attempt_id)));
    let mut out: Vec<(u32, Entry)> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.into_iter().enumerate() {
        let rank = match out.last() {
            Some((r, prev)) if compare(prev, &entry, chain, truth) == Ordering::Equal => *r,
            _ => i as u32 + 1,
        };
        out.push((rank, entry));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: i32, score: i32, prediction: Option<i64>, duration_ms: i32, submitted_ms: i64) -> Entry {
        Entry { attempt_id: id, contestant_id: id, score, prediction, duration_ms, submitted_ms }
    }

    fn order(ranked: &[(u32, Entry)]) -> Vec<(u32, i32)> {
        ranked.iter().map(|(r, e)| (*r, e.attempt_id)).collect()
    }

    #[test]
    fn each_level_of_the_chain_breaks_the_ties_left_by_the_one_before() {
        let truth = Some(100);
        let entries = vec![
            e(1, 90, Some(100), 60_000, 5),  // lower score: last
            e(2, 100, Some(130), 50_000, 1), // full marks, prediction 30 off
            e(3, 100, Some(90), 70_000, 9),  // 10 off, slower
            e(4, 100, Some(110), 65_000, 8), // 10 off, faster than 3
            e(5, 100, Some(110), 65_000, 7), // same as 4 but submitted earlier
            e(6, 100, None, 10_000, 0),      // no prediction: after every given one
        ];
        let ranked = rank(entries, &TieBreak::DEFAULT, truth);
        assert_eq!(order(&ranked), vec![(1, 5), (2, 4), (3, 3), (4, 2), (5, 6), (6, 1)]);
    }

    #[test]
    fn a_full_tie_shares_the_rank_and_the_next_rank_is_skipped() {
        let entries = vec![e(7, 80, Some(5), 1000, 1), e(3, 80, Some(5), 1000, 1), e(9, 70, None, 1, 1)];
        let ranked = rank(entries, &TieBreak::DEFAULT, Some(5));
        assert_eq!(order(&ranked), vec![(1, 3), (1, 7), (3, 9)]);
    }

    #[test]
    fn another_chain_orders_by_its_own_criteria() {
        let chain = TieBreak::parse_chain("score, duration").unwrap();
        let entries = vec![e(1, 100, Some(1), 9_000, 1), e(2, 100, Some(999), 8_000, 2)];
        assert_eq!(order(&rank(entries, &chain, Some(1))), vec![(1, 2), (2, 1)]);
    }

    #[test]
    fn chains_are_checked() {
        assert_eq!(
            TieBreak::parse_chain("score,prediction,duration,submitted").unwrap(),
            TieBreak::DEFAULT.to_vec()
        );
        assert!(TieBreak::parse_chain("score,score").is_none());
        assert!(TieBreak::parse_chain("score,luck").is_none());
        assert!(TieBreak::parse_chain("").is_none());
    }
}
