//! A round's counted attempts and their ranking. Left out, with the reason
//! kept: attempts marked ineligible (exclusion list), locked accounts, and
//! contestants the organizer disqualified (their reasons are in
//! `disqualification`). A practice round ranks nobody: its key is shown
//! while others still answer, so it awards no prizes.
use super::ranking::{compare, rank, Entry, TieBreak};
use super::{LeaderboardRow, LeftOut};
use crate::entities::{attempt, contestant, disqualification, round, unit};
use crate::error::{AppError, Result};
use round::{CountedAttempt, PredictionKind};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// A ranked round.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub round_id: i32,
    /// The round's `ranking_generation` when ranked: read before its attempts,
    /// so the ranking holds every decision up to it (`super::generation`).
    pub generation: i64,
    /// The prediction question's true figure (None when the round has none).
    pub truth: Option<i64>,
    /// (rank, entry, category) best first.
    pub rows: Vec<(u32, Entry, String)>,
    pub left_out: Vec<LeftOut>,
    /// Closed more than an hour ago: nothing but an organizer's decision moves it now.
    pub settled: bool,
}

/// Whether the round's prediction question asks for a figure whose true
/// value is not recorded yet. Its public leaderboard (whose scores would
/// count the full marks, and whose order depends on the truth) waits for it.
pub fn figure_withheld(round: &round::Model) -> bool {
    !round.practice && round.asks_prediction() && round.truth.is_none()
}

type Row =
    (i32, i32, i32, Option<i32>, Option<i64>, Option<i32>, Option<chrono::DateTime<chrono::Utc>>, bool, i32);

/// Ranks one round (per category when `category` is given) as of now.
pub async fn rank_round(db: &impl ConnectionTrait, round_id: i32, category: Option<&str>) -> Result<Ranked> {
    let round =
        round::Entity::find_by_id(round_id).one(db).await?.ok_or_else(|| AppError::not_found("đợt thi"))?;
    let chain = TieBreak::parse_chain(&round.tie_break).unwrap_or(TieBreak::DEFAULT.to_vec());
    let rows: Vec<Row> = attempt::Entity::find()
        .select_only()
        .columns([attempt::Column::Id, attempt::Column::ContestantId, attempt::Column::Sequence])
        .columns([attempt::Column::Score, attempt::Column::Prediction, attempt::Column::DurationMs])
        .columns([attempt::Column::SubmittedAt, attempt::Column::Eligible, attempt::Column::ExtraTimePercent])
        .filter(attempt::Column::RoundId.eq(round_id))
        .filter(attempt::Column::SubmittedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let people: HashSet<i32> = rows.iter().map(|r| r.1).collect();
    let locked: HashSet<i32> = contestant::Entity::find()
        .select_only()
        .column(contestant::Column::Id)
        .filter(contestant::Column::LockedAt.is_not_null())
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let disqualified: HashSet<i32> = disqualification::Entity::find()
        .select_only()
        .column(disqualification::Column::ContestantId)
        .filter(disqualification::Column::ContestId.eq(round.contest_id))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let categories: HashMap<i32, String> = if category.is_some() {
        contestant::Entity::find()
            .select_only()
            .columns([contestant::Column::Id, contestant::Column::Category])
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .filter(|(id, _)| people.contains(id))
            .collect()
    } else {
        HashMap::new()
    };
    // The true figure counts everyone who took part, eligible or not, but not
    // locked or disqualified accounts; once the round has closed it is
    // recorded (`record_truths`) and read from there.
    let counts = |person: &i32| !locked.contains(person) && !disqualified.contains(person);
    let truth = round
        .truth
        .or(match round.prediction_kind {
            PredictionKind::Participants => Some(people.iter().filter(|p| counts(p)).count() as i64),
            PredictionKind::FullMarks => Some(
                rows.iter()
                    .filter(|r| r.3 == Some(100) && counts(&r.1))
                    .map(|r| r.1)
                    .collect::<HashSet<_>>()
                    .len() as i64,
            ),
            PredictionKind::None => None,
        })
        .filter(|_| round.asks_prediction());
    let (mut excluded, mut locked_out, mut disqualified_out) =
        (HashSet::new(), HashSet::new(), HashSet::new());
    let mut counted: HashMap<i32, (i32, Entry)> = HashMap::new();
    for (id, person, sequence, score, prediction, duration, submitted, eligible, extra_percent) in rows {
        if !eligible {
            excluded.insert(person);
            continue;
        }
        if locked.contains(&person) {
            locked_out.insert(person);
            continue;
        }
        if disqualified.contains(&person) {
            disqualified_out.insert(person);
            continue;
        }
        let entry = Entry {
            attempt_id: id,
            contestant_id: person,
            score: score.unwrap_or(0),
            prediction,
            // With extra time, the share of one's own allowance used (crate::extra_time).
            duration_ms: crate::extra_time::counted_duration_ms(duration.unwrap_or(i32::MAX), extra_percent),
            submitted_ms: submitted.map(|t| t.timestamp_millis()).unwrap_or(i64::MAX),
        };
        let keep = match counted.get(&person) {
            None => true,
            Some((seq, held)) => match round.counted_attempt {
                CountedAttempt::First => sequence < *seq,
                CountedAttempt::Last => sequence > *seq,
                // The better one by the same chain that ranks them (the earlier attempt on a full tie).
                CountedAttempt::Best => {
                    compare(&entry, held, &chain, truth).then(entry.attempt_id.cmp(&held.attempt_id)).is_lt()
                }
            },
        };
        if keep {
            counted.insert(person, (sequence, entry));
        }
    }
    let entries: Vec<Entry> = counted
        .into_values()
        .map(|(_, e)| e)
        .filter(|e| category.is_none_or(|c| categories.get(&e.contestant_id).is_some_and(|k| k == c)))
        .collect();
    let mut left_out = Vec::new();
    let ranked = if round.practice {
        if !entries.is_empty() {
            left_out.push(LeftOut {
                reason: "Đợt thi thử: không xếp hạng, không xét giải".into(),
                contestants: entries.len() as u64,
            });
        }
        Vec::new()
    } else {
        rank(entries, &chain, truth)
    };
    if !excluded.is_empty() {
        left_out.push(LeftOut {
            reason: "Trong danh sách không được dự thi".into(),
            contestants: excluded.len() as u64,
        });
    }
    if !locked_out.is_empty() {
        left_out.push(LeftOut {
            reason: "Tài khoản bị Ban Tổ chức khóa".into(),
            contestants: locked_out.len() as u64,
        });
    }
    if !disqualified_out.is_empty() {
        left_out.push(LeftOut {
            reason: "Bị Ban Tổ chức loại khỏi xét giải".into(),
            contestants: disqualified_out.len() as u64,
        });
    }
    let category = category.unwrap_or("").to_owned();
    Ok(Ranked {
        round_id,
        generation: round.ranking_generation,
        truth,
        rows: ranked.into_iter().map(|(r, e)| (r, e, category.clone())).collect(),
        left_out,
        settled: round.closes_at + chrono::Duration::hours(1) < chrono::Utc::now(),
    })
}

/// "Nguyễn Văn An" → "Nguyễn V. A.": the family name, then initials.
pub fn mask_name(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let Some(family) = words.next() else { return String::new() };
    let initials: Vec<String> =
        words.filter_map(|w| w.chars().next()).map(|c| format!("{}.", c.to_uppercase())).collect();
    if initials.is_empty() {
        family.to_owned()
    } else {
        format!("{family} {}", initials.join(" "))
    }
}

/// Rankings are recomputed at most once a minute per round and server (every
/// ten minutes once a round has settled): the public leaderboard may be that
/// far behind, never slower. The housekeeping task re-ranks the rounds the
/// public pages show before their entry runs out, so no visitor waits for a
/// ranking of half a million attempts. The cache itself is bounded
/// (`super::cache`), and only the contest's own categories are ranked. An
/// organizer's decision takes effect at once on every server: it bumps the
/// round's stored generation, and a ranking of another generation is not used.
use super::cache::RankingCache;

pub const REFRESH: Duration = Duration::from_secs(60);
/// For rounds closed more than an hour ago (only an organizer's decision moves
/// them, and that bumps their generation).
pub const REFRESH_SETTLED: Duration = Duration::from_secs(600);

fn fresh_for(ranked: &Ranked) -> Duration {
    if ranked.settled {
        REFRESH_SETTLED
    } else {
        REFRESH
    }
}

/// The cached ranking if it was made at the round's current generation and
/// has at least `margin` of its life left.
fn cached(
    cache: &RankingCache,
    key: &(i32, Option<String>),
    generation: i64,
    margin: Duration,
) -> Option<Arc<Ranked>> {
    let (at, ranked) = cache.get(key)?;
    (ranked.generation == generation && at.elapsed() + margin < fresh_for(&ranked)).then_some(ranked)
}

/// Ranks the rounds the public pages show by default (the latest opened round
/// of each published contest, and every running round) whose cached ranking
/// would run out within the next 70 s. Returns how many were ranked.
pub async fn warm_leaderboards(
    db: &impl ConnectionTrait,
    cache: &RankingCache,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize> {
    use crate::entities::contest;
    use sea_orm::QueryOrder;
    let published: HashSet<i32> = contest::Entity::find()
        .filter(contest::Column::Published.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let opened = round::Entity::find()
        .filter(round::Column::OpensAt.lte(now))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?;
    let mut shown: HashMap<i32, &round::Model> = HashMap::new();
    let mut wanted: HashMap<i32, &round::Model> = HashMap::new();
    for r in opened.iter().filter(|r| published.contains(&r.contest_id)) {
        shown.insert(r.contest_id, r);
        if r.closes_at >= now {
            wanted.insert(r.id, r);
        }
    }
    wanted.extend(shown.into_values().map(|r| (r.id, r)));
    let mut n = 0;
    for (id, r) in wanted {
        let key = (id, None);
        if cached(cache, &key, r.ranking_generation, Duration::from_secs(70)).is_none() {
            let fresh = Arc::new(rank_round(db, id, None).await?);
            cache.insert(key, fresh);
            n += 1;
        }
    }
    Ok(n)
}

/// Records the true figure of every closed round that has none yet, once no
/// attempt can still come in: an attempt started just before the close runs
/// its full time limit (with the largest extra time of the round), plus the
/// grace period, plus the 10 s it may take the server to grade it.
pub async fn record_truths(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    grace_seconds: i64,
) -> Result<usize> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let closed = round::Entity::find()
        .filter(round::Column::Truth.is_null())
        .filter(round::Column::PredictionKind.ne("none"))
        .filter(round::Column::ClosesAt.lt(now))
        .all(db)
        .await?;
    let mut n = 0;
    for r in closed {
        let extra_percent = crate::extra_time::service::largest_for_round(db, r.id).await?;
        let limit = crate::extra_time::limit_seconds(r.time_limit_seconds, extra_percent);
        let settled = r.closes_at + chrono::Duration::seconds(limit + grace_seconds + 10);
        if settled > now {
            continue;
        }
        let truth = rank_round(db, r.id, None).await?.truth;
        // One statement: the figure, and a new generation so that every
        // server's leaderboards are ranked by the recorded figure (and may be
        // published now). Only while none is recorded: two servers doing this
        // at once record it once.
        let recorded = round::Entity::update_many()
            .col_expr(round::Column::Truth, Expr::value(truth))
            .col_expr(round::Column::TruthAt, Expr::value(Some(now)))
            .col_expr(round::Column::RankingGeneration, Expr::col(round::Column::RankingGeneration).add(1))
            .filter(round::Column::Id.eq(r.id))
            .filter(round::Column::Truth.is_null())
            .exec(db)
            .await?;
        n += recorded.rows_affected as usize;
    }
    Ok(n)
}

/// The round's ranking from `cache` if it is fresh and of the generation
/// `round` (just read) holds; otherwise ranked now and kept.
pub async fn ranked_cached(
    db: &impl ConnectionTrait,
    cache: &RankingCache,
    round: &round::Model,
    category: Option<&str>,
) -> Result<Arc<Ranked>> {
    let key = (round.id, category.map(str::to_owned));
    if let Some(ranked) = cached(cache, &key, round.ranking_generation, Duration::ZERO) {
        return Ok(ranked);
    }
    let fresh = Arc::new(rank_round(db, round.id, category).await?);
    cache.insert(key, fresh.clone());
    Ok(fresh)
}

/// 422 unless `code` is one of the contest's categories: each new value would
/// otherwise be ranked (and cached) afresh.
pub async fn check_category(db: &impl ConnectionTrait, contest_id: i32, code: &str) -> Result<()> {
    use crate::entities::category;
    let known = category::Entity::find()
        .filter(category::Column::ContestId.eq(contest_id))
        .filter(category::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some();
    if known {
        Ok(())
    } else {
        Err(AppError::invalid("category", "Cuộc thi không có đối tượng dự thi này."))
    }
}

/// The first `limit` rows of a round's ranking, names masked, with units;
/// none while the round's true figure is withheld ([`figure_withheld`]).
pub async fn leaderboard(
    db: &impl ConnectionTrait,
    cache: &RankingCache,
    round_id: i32,
    category: Option<&str>,
    limit: usize,
) -> Result<Vec<LeaderboardRow>> {
    let round =
        round::Entity::find_by_id(round_id).one(db).await?.ok_or_else(|| AppError::not_found("đợt thi"))?;
    if let Some(code) = category {
        check_category(db, round.contest_id, code).await?;
    }
    if figure_withheld(&round) {
        return Ok(Vec::new());
    }
    let ranked = ranked_cached(db, cache, &round, category).await?;
    let top: Vec<&(u32, Entry, String)> = ranked.rows.iter().take(limit).collect();
    let ids: Vec<i32> = top.iter().map(|(_, e, _)| e.contestant_id).collect();
    let people: HashMap<i32, (String, i32)> = contestant::Entity::find()
        .select_only()
        .columns([contestant::Column::Id, contestant::Column::FullName, contestant::Column::UnitId])
        .filter(contestant::Column::Id.is_in(ids))
        .into_tuple::<(i32, String, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name, unit)| (id, (name, unit)))
        .collect();
    let units: HashMap<i32, String> =
        unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    Ok(top
        .into_iter()
        .map(|(rank, e, _)| {
            let (name, unit_id) = people.get(&e.contestant_id).cloned().unwrap_or_default();
            LeaderboardRow {
                rank: *rank,
                name: mask_name(&name),
                unit_id,
                unit_name: units.get(&unit_id).cloned().unwrap_or_default(),
                score: e.score,
                duration_ms: e.duration_ms,
                prediction_distance: match (e.prediction, ranked.truth) {
                    (Some(p), Some(t)) => Some((p - t).unsigned_abs()),
                    _ => None,
                },
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::mask_name;

    #[test]
    fn names_are_masked_to_family_name_and_initials() {
        assert_eq!(mask_name("Nguyễn Văn An"), "Nguyễn V. A.");
        assert_eq!(mask_name("  Hoàng  thị   lan "), "Hoàng T. L.");
        assert_eq!(mask_name("Vi"), "Vi");
        assert_eq!(mask_name(""), "");
    }
}
