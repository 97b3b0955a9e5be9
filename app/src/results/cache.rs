//! The ranking cache: each round's ranking (overall and per category) kept
//! for the public leaderboards, bounded in size and in time so that no
//! stream of requests can make it grow: at most [`CAPACITY_ROWS`] ranked rows
//! in all (least used rankings go first), and nothing older than
//! [`TIME_TO_LIVE`]. Categories are checked against the contest's own before
//! anything is ranked (`service::check_category`), so the keys are the
//! rounds × (their contest's categories + 1).
//!
//! One per server (held in `AppState`): rankings are a read-only cache of the
//! database, recomputed at most once a minute. Each ranking carries the
//! round's `ranking_generation` it was made at; an organizer's decision bumps
//! the stored one in its own transaction, so every server ranks that round
//! again at its next request (`service::ranked_cached`), whichever server the
//! decision was taken on.
use super::service::{Ranked, REFRESH_SETTLED};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Round id and category code (None: every category).
pub type Key = (i32, Option<String>);

/// About 80 bytes a row: some 250 MB at most, the rankings of a 1,000,000-attempt
/// contest's rounds in all categories with room to spare.
pub const CAPACITY_ROWS: u64 = 3_000_000;
/// The longest a ranking is ever kept (a settled round's refresh period).
pub const TIME_TO_LIVE: Duration = REFRESH_SETTLED;

#[derive(Clone)]
pub struct RankingCache {
    inner: moka::sync::Cache<Key, (Instant, Arc<Ranked>)>,
}

impl RankingCache {
    /// A cache of at most `capacity_rows` ranked rows, each ranking kept at most `ttl`.
    /// The server's cache: [`CAPACITY_ROWS`] rows, [`TIME_TO_LIVE`].
    pub fn bounded() -> Self {
        Self::new(CAPACITY_ROWS, TIME_TO_LIVE)
    }

    pub fn new(capacity_rows: u64, ttl: Duration) -> Self {
        let inner = moka::sync::Cache::builder()
            .max_capacity(capacity_rows)
            // An empty ranking still costs its key: weigh it as one row.
            .weigher(|_: &Key, (_, ranked): &(Instant, Arc<Ranked>)| {
                u32::try_from(ranked.rows.len()).unwrap_or(u32::MAX).saturating_add(1)
            })
            .time_to_live(ttl)
            .build();
        RankingCache { inner }
    }

    /// The ranking and when it was made.
    pub fn get(&self, key: &Key) -> Option<(Instant, Arc<Ranked>)> {
        self.inner.get(key)
    }

    pub fn insert(&self, key: Key, ranked: Arc<Ranked>) {
        self.inner.insert(key, (Instant::now(), ranked));
    }

    pub fn clear(&self) {
        self.inner.invalidate_all();
    }

    /// Rows held now (after pending evictions), for tests and monitoring.
    pub fn rows(&self) -> u64 {
        self.inner.run_pending_tasks();
        self.inner.weighted_size()
    }

    /// Rankings held now (after pending evictions).
    pub fn rankings(&self) -> u64 {
        self.inner.run_pending_tasks();
        self.inner.entry_count()
    }
}

// Not derived: moka's would print every ranking held.
impl std::fmt::Debug for RankingCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RankingCache").field("rankings", &self.inner.entry_count()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::ranking::Entry;

    fn ranked(round_id: i32, rows: usize) -> Arc<Ranked> {
        let entry = |i: usize| Entry {
            attempt_id: i as i32,
            contestant_id: i as i32,
            score: 100,
            prediction: None,
            duration_ms: 1000,
            submitted_ms: 0,
        };
        Arc::new(Ranked {
            round_id,
            generation: 0,
            truth: None,
            rows: (0..rows).map(|i| (i as u32 + 1, entry(i), String::new())).collect(),
            left_out: Vec::new(),
            settled: false,
        })
    }

    #[test]
    fn the_cache_never_holds_more_than_its_capacity() {
        let cache = RankingCache::new(1_000, TIME_TO_LIVE);
        // 5,000 different keys (as random categories would make), 10 rows each.
        for i in 0..5_000 {
            cache.insert((i % 7, Some(format!("loai-{i}"))), ranked(i % 7, 10));
        }
        assert!(cache.rows() <= 1_000, "{} rows held", cache.rows());
        assert!(cache.rankings() <= 1_000 / 11 + 1, "{} rankings held", cache.rankings());
        cache.clear();
        assert_eq!(cache.rankings(), 0);
        // Within its capacity, what goes in comes out.
        cache.insert((1, None), ranked(1, 3));
        assert_eq!(cache.get(&(1, None)).map(|(_, r)| (r.round_id, r.rows.len())), Some((1, 3)));
    }

    #[test]
    fn nothing_is_kept_longer_than_a_settled_rounds_refresh() {
        let cache = RankingCache::bounded();
        assert_eq!(cache.inner.policy().time_to_live(), Some(TIME_TO_LIVE));
        assert_eq!(cache.inner.policy().max_capacity(), Some(CAPACITY_ROWS));
        assert_eq!(TIME_TO_LIVE, Duration::from_secs(600));
    }
}
