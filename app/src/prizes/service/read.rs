//! The read side: the organizers' overview of a contest's prizes, the public
//! winners list and the contest-wide leaderboard.
use super::*;

/// The dashboard's view of a contest's prizes.
pub async fn overview(
    db: &impl ConnectionTrait,
    contest_id: i32,
    now: DateTime<Utc>,
) -> Result<PrizeOverview> {
    let book = book(db, contest_id).await?;
    let drafts: Vec<ListKey> =
        book.keys().into_iter().filter(|k| book.status(*k) == ListStatus::Draft).collect();
    let (allocation, extra) = draw_up(db, &book, &drafts).await?;
    let mut ids: Vec<i32> = allocation.won.iter().map(|w| w.standing.contestant_id).collect();
    ids.extend(allocation.passed_over.iter().map(|p| p.contestant_id));
    let disqualified_rows = disqualification::Entity::find()
        .filter(disqualification::Column::ContestId.eq(contest_id))
        .order_by_asc(disqualification::Column::Id)
        .all(db)
        .await?;
    ids.extend(disqualified_rows.iter().map(|d| d.contestant_id));
    let people = people(db, ids).await?;
    let mut lists = Vec::new();
    // For the collective scores: every award as it stands (stored, or drafted).
    let mut all_awards: Vec<(i32, i32, f64)> = Vec::new();
    for key in book.keys() {
        let status = book.status(key);
        let tiers = book
            .tiers_of(key)
            .into_iter()
            .map(|t| TierDraft {
                position: t.position,
                name: t.name,
                quantity: t.quantity,
                category: t.category,
                unit_points: t.unit_points,
            })
            .collect();
        let stored = book.lists.get(&key);
        let (awards, passed_over, left_out, truth, fixes) = if status == ListStatus::Draft {
            let won: Vec<_> = allocation.of_list(key).collect();
            all_awards.extend(won.iter().map(|w| {
                let unit = people.names.get(&w.standing.contestant_id).map(|p| p.1).unwrap_or(0);
                (w.standing.contestant_id, unit, w.tier.unit_points)
            }));
            let passed = allocation
                .passed_over
                .iter()
                .filter(|p| p.list == key)
                .map(|p| PassedOverRow {
                    contestant_id: p.contestant_id,
                    full_name: people.names.get(&p.contestant_id).map(|n| n.0.clone()).unwrap_or_default(),
                    rank: p.rank,
                    reason: p.reason.clone(),
                })
                .collect();
            let (left_out, truth) = extra.get(&key).cloned().unwrap_or_default();
            (award_rows(&won, &people), passed, left_out, truth, Vec::new())
        } else {
            let list = stored.ok_or_else(|| AppError::internal("a saved prize list cannot be read back"))?;
            let awards = stored_awards(db, list.id).await?;
            all_awards.extend(awards.iter().map(|a| (a.contestant_id, a.unit_id, a.unit_points)));
            (
                stored_rows(&awards, &people.units),
                Vec::new(),
                Vec::new(),
                list.truth,
                corrections(db, list.id).await?,
            )
        };
        lists.push(ListView {
            round_id: key.round_id(),
            title: book.title(key),
            status,
            closed: book.closed(key, now),
            truth,
            tiers,
            awards,
            passed_over,
            left_out,
            corrections: fixes,
            approved_by: stored.and_then(|l| l.approved_by.clone()),
            published_at: stored.and_then(|l| l.published_at).map(local_datetime),
        });
    }
    let collective = match book.lists.get(&ListKey::Contest).filter(|l| l.status != ListStatus::Draft) {
        Some(list) => stored_unit_scores(db, list.id).await?,
        None => collective_scores(db, &book.contest, &all_awards).await?,
    };
    let categories = category::Entity::find()
        .filter(category::Column::ContestId.eq(contest_id))
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    Ok(PrizeOverview {
        contest_id,
        title: book.contest.title.clone(),
        one_prize_per_person: book.contest.one_prize_per_person,
        categories,
        lists,
        disqualified: disqualified_rows
            .into_iter()
            .map(|d| {
                let (full_name, unit_id) = people.names.get(&d.contestant_id).cloned().unwrap_or_default();
                DisqualifiedRow {
                    id: d.id,
                    contestant_id: d.contestant_id,
                    full_name,
                    unit_name: people.units.get(&unit_id).cloned().unwrap_or_default(),
                    reason: d.reason,
                    actor: d.actor,
                    at: local_datetime(d.at),
                }
            })
            .collect(),
        collective_rule: CollectiveRule::from_stored(book.contest.collective_rule.as_deref()),
        collective,
    })
}

/// The published lists of a published contest (404 otherwise).
pub async fn winners(db: &impl ConnectionTrait, contest_id: i32) -> Result<Winners> {
    let book = book(db, contest_id).await?;
    if !book.contest.published {
        return Err(AppError::not_found("cuộc thi"));
    }
    let units: HashMap<i32, String> =
        unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let mut rounds = Vec::new();
    let mut whole = None;
    let mut collective = Vec::new();
    for key in book.keys() {
        let Some(list) = book.lists.get(&key).filter(|l| l.status == ListStatus::Published) else {
            continue;
        };
        let winners = stored_rows(&stored_awards(db, list.id).await?, &units)
            .into_iter()
            .map(|a| Winner {
                prize: a.prize_name,
                position: a.position,
                category: a.category,
                rank: a.rank,
                full_name: a.full_name,
                unit_id: a.unit_id,
                unit_name: a.unit_name,
                score: a.score,
                duration_ms: a.duration_ms,
                prediction: a.prediction,
            })
            .collect();
        let published = PublishedList {
            round_id: key.round_id(),
            title: book.title(key),
            truth: list.truth,
            published_at: list.published_at.map(local_datetime).unwrap_or_default(),
            winners,
            corrections: corrections(db, list.id).await?,
        };
        if key == ListKey::Contest {
            collective = stored_unit_scores(db, list.id)
                .await?
                .into_iter()
                .map(|s| CollectiveWinner {
                    prize: s.prize.unwrap_or_default(),
                    position: s.position.unwrap_or(0),
                    rank: s.rank.unwrap_or(0),
                    unit_id: s.unit_id,
                    unit_name: s.unit_name,
                    participation_pct: s.participation_pct,
                    points: s.points,
                })
                .collect();
            whole = Some(published);
        } else {
            rounds.push(published);
        }
    }
    Ok(Winners { contest_id, title: book.contest.title, rounds, contest: whole, collective })
}

/// The first `limit` of the contest-wide ranking, names masked (published contests only).
pub async fn contest_leaderboard(
    db: &impl ConnectionTrait,
    cache: &crate::results::cache::RankingCache,
    contest_id: i32,
    category: Option<&str>,
    limit: usize,
) -> Result<Vec<crate::results::LeaderboardRow>> {
    let published = contest::Entity::find_by_id(contest_id).one(db).await?.is_some_and(|c| c.published);
    if !published {
        return Err(AppError::not_found("cuộc thi"));
    }
    if let Some(code) = category {
        crate::results::service::check_category(db, contest_id, code).await?;
    }
    let ranked = rank_contest(db, contest_id, category, Some(cache)).await?;
    let top: Vec<(u32, Entry)> = ranked.into_iter().take(limit).collect();
    let people = people(db, top.iter().map(|(_, e)| e.contestant_id).collect()).await?;
    Ok(top
        .into_iter()
        .map(|(rank, e)| {
            let (name, unit_id) = people.names.get(&e.contestant_id).cloned().unwrap_or_default();
            crate::results::LeaderboardRow {
                rank,
                name: crate::results::service::mask_name(&name),
                unit_id,
                unit_name: people.units.get(&unit_id).cloned().unwrap_or_default(),
                score: e.score,
                duration_ms: e.duration_ms,
                prediction_distance: e.prediction.map(|d| d.unsigned_abs()),
            }
        })
        .collect())
}
