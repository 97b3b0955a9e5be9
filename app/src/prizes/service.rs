//! The prize workflow on the database. A list in draft is allocated afresh
//! from the rankings whenever it is looked at; approving stores its awards
//! (with names, units and scores as they then were); publishing makes them
//! public; after that only a correction, recorded with its reason and shown
//! to the public, changes them.
use super::allocate::{allocate, Allocation, ListInput, Standing, Tier};
use super::collective::{score_units, CollectiveRule, UnitFigures, UnitScore};
use super::*;
use crate::audit::service::{record, Change};
use crate::entities::{
    award, award_correction, category, contest, contestant, disqualification, prize_list, prize_tier, round,
    unit, unit_award,
};
use crate::error::{AppError, Result};
use crate::results::ranking::{rank, Entry, TieBreak};
use crate::results::service::rank_round;
use crate::staff::guard::Staff;
use crate::time::local_datetime;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// A contest-wide ranking: each contestant's counted attempts of every round
/// added up. Chain: total score (higher first) → total distance of the
/// predictions (smaller first; a missing one counts as far off) → total
/// duration (shorter first) → last submission (earlier first).
///
/// `cached`: from the rounds' cached rankings (the public leaderboard, which
/// must not rank every round on every request); otherwise ranked now (prize
/// lists, which must see a disqualification at once).
pub async fn rank_contest(
    db: &impl ConnectionTrait,
    contest_id: i32,
    category: Option<&str>,
    cached: Option<&crate::results::cache::RankingCache>,
) -> Result<Vec<(u32, Entry)>> {
    const MISSING_PREDICTION: i64 = 1_000_000_000;
    let rounds = round::Entity::find().filter(round::Column::ContestId.eq(contest_id)).all(db).await?;
    let mut totals: HashMap<i32, Entry> = HashMap::new();
    for r in rounds {
        // The public ranking adds in only the rounds whose true figure is
        // recorded: an open round's scores would give away its figure.
        if cached.is_some() && crate::results::service::figure_withheld(&r) {
            continue;
        }
        let ranked = match cached {
            Some(cache) => crate::results::service::ranked_cached(db, cache, &r, category).await?,
            None => std::sync::Arc::new(rank_round(db, r.id, category).await?),
        };
        for (_, e, _) in &ranked.rows {
            let distance = match (ranked.truth, e.prediction) {
                (Some(t), Some(p)) => (p - t).abs(),
                (Some(_), None) => MISSING_PREDICTION,
                (None, _) => 0,
            };
            let total = totals.entry(e.contestant_id).or_insert(Entry {
                attempt_id: e.contestant_id,
                contestant_id: e.contestant_id,
                score: 0,
                prediction: Some(0),
                duration_ms: 0,
                submitted_ms: 0,
            });
            total.score += e.score;
            total.prediction = total.prediction.map(|d| d.saturating_add(distance));
            total.duration_ms = total.duration_ms.saturating_add(e.duration_ms);
            total.submitted_ms = total.submitted_ms.max(e.submitted_ms);
        }
    }
    // The summed distance stands in for the prediction, with a true figure of 0.
    Ok(rank(totals.into_values().collect(), &TieBreak::DEFAULT, Some(0)))
}

/// `with_prediction`: a round's ranking carries each attempt's prediction; the
/// whole contest's holds a summed distance there instead, which is not one.
fn standings(rows: impl IntoIterator<Item = (u32, Entry)>, with_prediction: bool) -> Vec<Standing> {
    rows.into_iter()
        .map(|(rank, e)| Standing {
            contestant_id: e.contestant_id,
            rank,
            score: e.score,
            duration_ms: e.duration_ms,
            prediction: e.prediction.filter(|_| with_prediction),
        })
        .collect()
}

fn tier_of(t: &prize_tier::Model) -> Tier {
    Tier {
        id: t.id,
        position: t.position,
        name: t.name.clone(),
        quantity: t.quantity,
        category: t.category.clone(),
        unit_points: t.unit_points,
    }
}

/// What a contest's prize work reads once.
struct Book {
    contest: contest::Model,
    rounds: Vec<round::Model>,
    tiers: Vec<prize_tier::Model>,
    lists: HashMap<i32, prize_list::Model>,
}

async fn book(db: &impl ConnectionTrait, contest_id: i32) -> Result<Book> {
    let contest = contest::Entity::find_by_id(contest_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("cuộc thi"))?;
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.eq(contest_id))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?;
    let tiers = prize_tier::Entity::find()
        .filter(prize_tier::Column::ContestId.eq(contest_id))
        .order_by_asc(prize_tier::Column::Position)
        .order_by_asc(prize_tier::Column::Id)
        .all(db)
        .await?;
    let lists = prize_list::Entity::find()
        .filter(prize_list::Column::ContestId.eq(contest_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.round_id, l))
        .collect();
    Ok(Book { contest, rounds, tiers, lists })
}

impl Book {
    fn status(&self, key: i32) -> ListStatus {
        self.lists.get(&key).map(|l| ListStatus::parse(&l.status)).unwrap_or(ListStatus::Draft)
    }
    /// The list keys in order of precedence: the whole contest, then the rounds.
    fn keys(&self) -> Vec<i32> {
        std::iter::once(0).chain(self.rounds.iter().map(|r| r.id)).collect()
    }
    fn tiers_of(&self, key: i32) -> Vec<Tier> {
        self.tiers.iter().filter(|t| t.round_id == key).map(tier_of).collect()
    }
    fn closed(&self, key: i32, now: DateTime<Utc>) -> bool {
        if key == 0 {
            !self.rounds.is_empty() && self.rounds.iter().all(|r| r.closes_at <= now)
        } else {
            self.rounds.iter().any(|r| r.id == key && r.closes_at <= now)
        }
    }
    fn title(&self, key: i32) -> String {
        if key == 0 {
            "Toàn cuộc thi".to_owned()
        } else {
            self.rounds.iter().find(|r| r.id == key).map(|r| r.title.clone()).unwrap_or_default()
        }
    }
}

/// The rankings a list's tiers need, by category.
async fn list_input(
    db: &impl ConnectionTrait,
    book: &Book,
    key: i32,
) -> Result<(ListInput, Vec<crate::results::LeftOut>, Option<i64>)> {
    let tiers = book.tiers_of(key);
    let mut rankings = HashMap::new();
    let mut left_out = Vec::new();
    let mut truth = None;
    let categories: HashSet<String> = tiers.iter().map(|t| t.category.clone()).collect();
    for cat in categories {
        let filter = (!cat.is_empty()).then_some(cat.as_str());
        let rows = if key == 0 {
            standings(rank_contest(db, book.contest.id, filter, None).await?, false)
        } else {
            let ranked = rank_round(db, key, filter).await?;
            if left_out.is_empty() {
                left_out = ranked.left_out.clone();
            }
            truth = ranked.truth;
            standings(ranked.rows.into_iter().map(|(r, e, _)| (r, e)), true)
        };
        rankings.insert(cat, rows);
    }
    if key != 0 && truth.is_none() {
        truth = book.rounds.iter().find(|r| r.id == key).and_then(|r| r.truth);
    }
    Ok((ListInput { key, tiers, rankings }, left_out, truth))
}

/// People holding a prize in a stored (approved or published) list, other than `except`.
async fn holders(db: &impl ConnectionTrait, book: &Book, except: Option<i32>) -> Result<HashSet<i32>> {
    let ids: Vec<i32> = book
        .lists
        .values()
        .filter(|l| ListStatus::parse(&l.status) != ListStatus::Draft && Some(l.round_id) != except)
        .map(|l| l.id)
        .collect();
    Ok(award::Entity::find()
        .select_only()
        .column(award::Column::ContestantId)
        .filter(award::Column::PrizeListId.is_in(ids))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Allocates `keys` together (draft lists, or one list being corrected).
async fn draw_up(
    db: &impl ConnectionTrait,
    book: &Book,
    keys: &[i32],
) -> Result<(Allocation, HashMap<i32, (Vec<crate::results::LeftOut>, Option<i64>)>)> {
    let mut inputs = Vec::new();
    let mut extra = HashMap::new();
    for key in keys {
        let (input, left_out, truth) = list_input(db, book, *key).await?;
        inputs.push(input);
        extra.insert(*key, (left_out, truth));
    }
    let except = (keys.len() == 1).then(|| keys[0]);
    let holders = holders(db, book, except).await?;
    Ok((allocate(&inputs, &holders, book.contest.one_prize_per_person), extra))
}

struct People {
    names: HashMap<i32, (String, i32)>,
    units: HashMap<i32, String>,
}

async fn people(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<People> {
    let mut names = HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(i32, String, i32)> = contestant::Entity::find()
            .select_only()
            .columns([contestant::Column::Id, contestant::Column::FullName, contestant::Column::UnitId])
            .filter(contestant::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        names.extend(rows.into_iter().map(|(id, n, u)| (id, (n, u))));
    }
    let units = unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    Ok(People { names, units })
}

fn award_rows(won: &[&super::allocate::Won], people: &People) -> Vec<AwardRow> {
    won.iter()
        .map(|w| {
            let (full_name, unit_id) =
                people.names.get(&w.standing.contestant_id).cloned().unwrap_or_default();
            AwardRow {
                position: w.tier.position,
                prize_name: w.tier.name.clone(),
                category: w.tier.category.clone(),
                rank: w.standing.rank,
                contestant_id: w.standing.contestant_id,
                full_name,
                unit_id,
                unit_name: people.units.get(&unit_id).cloned().unwrap_or_default(),
                score: w.standing.score,
                duration_ms: w.standing.duration_ms,
                prediction: w.standing.prediction,
            }
        })
        .collect()
}

fn stored_rows(awards: &[award::Model], units: &HashMap<i32, String>) -> Vec<AwardRow> {
    awards
        .iter()
        .map(|a| AwardRow {
            position: a.position,
            prize_name: a.prize_name.clone(),
            category: a.category.clone(),
            rank: a.rank as u32,
            contestant_id: a.contestant_id,
            full_name: a.full_name.clone(),
            unit_id: a.unit_id,
            unit_name: units.get(&a.unit_id).cloned().unwrap_or_default(),
            score: a.score,
            duration_ms: a.duration_ms,
            prediction: a.prediction,
        })
        .collect()
}

async fn stored_awards(db: &impl ConnectionTrait, list_id: i32) -> Result<Vec<award::Model>> {
    Ok(award::Entity::find()
        .filter(award::Column::PrizeListId.eq(list_id))
        .order_by_asc(award::Column::Position)
        .order_by_asc(award::Column::Category)
        .order_by_asc(award::Column::Rank)
        .order_by_asc(award::Column::Id)
        .all(db)
        .await?)
}

async fn corrections(db: &impl ConnectionTrait, list_id: i32) -> Result<Vec<CorrectionRow>> {
    Ok(award_correction::Entity::find()
        .filter(award_correction::Column::PrizeListId.eq(list_id))
        .order_by_asc(award_correction::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CorrectionRow { at: local_datetime(c.at), reason: c.reason, summary: c.summary })
        .collect())
}

/// Each competing unit's figures over its branch for the whole contest, with
/// the unit points of the prizes its members hold in `awards` (contestant, unit, points).
async fn collective_scores(
    db: &impl ConnectionTrait,
    contest: &contest::Model,
    awards: &[(i32, i32, f64)],
) -> Result<Vec<UnitScore>> {
    let rule = CollectiveRule::from_stored(contest.collective_rule.as_deref());
    let (agencies, agency_of) = crate::results::stats::agency_figures(db, contest.id, rule.level).await?;
    let mut units: Vec<UnitFigures> = agencies
        .into_iter()
        .map(|f| UnitFigures {
            unit_id: f.unit_id,
            name: f.name,
            headcount: i32::try_from(f.headcount).unwrap_or(i32::MAX),
            contestants: f.contestants,
            prize_points: 0.0,
            prizes: 0,
        })
        .collect();
    let at: HashMap<i32, usize> = units.iter().enumerate().map(|(i, u)| (u.unit_id, i)).collect();
    for (_, unit_id, points) in awards {
        if let Some(i) = agency_of.get(unit_id).and_then(|a| at.get(a)) {
            units[*i].prize_points += points;
            units[*i].prizes += 1;
        }
    }
    Ok(score_units(&rule, &units))
}

/// The dashboard's view of a contest's prizes.
pub async fn overview(
    db: &impl ConnectionTrait,
    contest_id: i32,
    now: DateTime<Utc>,
) -> Result<PrizeOverview> {
    let book = book(db, contest_id).await?;
    let drafts: Vec<i32> = book.keys().into_iter().filter(|k| book.status(*k) == ListStatus::Draft).collect();
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
            round_id: key,
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
    let collective = match book.lists.get(&0).filter(|l| l.status != "draft") {
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

async fn stored_unit_scores(db: &impl ConnectionTrait, list_id: i32) -> Result<Vec<UnitScore>> {
    Ok(unit_award::Entity::find()
        .filter(unit_award::Column::PrizeListId.eq(list_id))
        .order_by_asc(unit_award::Column::Rank)
        .all(db)
        .await?
        .into_iter()
        .map(|u| UnitScore {
            unit_id: u.unit_id,
            unit_name: u.unit_name,
            headcount: 0,
            contestants: 0,
            participation_pct: u.participation_pct,
            min_pct: 0.0,
            prizes: 0,
            prize_points: 0.0,
            points: u.points,
            rank: Some(u.rank as u32),
            prize: Some(u.prize_name),
            position: Some(u.position),
        })
        .collect())
}

fn check_tiers(tiers: &[TierDraft], categories: &HashSet<String>) -> Result<()> {
    if tiers.len() > 50 {
        return Err(AppError::invalid("tiers", "Tối đa 50 loại giải cho một danh sách."));
    }
    for t in tiers {
        let problem = if t.name.trim().is_empty() {
            Some("Mỗi loại giải cần có tên, ví dụ “Giải Nhất”.".to_owned())
        } else if !(1..=1000).contains(&t.quantity) {
            Some(format!("Số lượng của “{}” phải từ 1 đến 1000.", t.name.trim()))
        } else if !(1..=20).contains(&t.position) {
            Some(format!("Thứ hạng của “{}” phải từ 1 (cao nhất) đến 20.", t.name.trim()))
        } else if !t.unit_points.is_finite() || t.unit_points < 0.0 {
            Some(format!("Điểm cho đơn vị của “{}” phải là số không âm.", t.name.trim()))
        } else if !t.category.is_empty() && !categories.contains(&t.category) {
            Some(format!("Cuộc thi không có đối tượng dự thi “{}”.", t.category))
        } else {
            None
        };
        if let Some(message) = problem {
            return Err(AppError::invalid("tiers", &message));
        }
    }
    Ok(())
}

fn not_draft(status: ListStatus) -> AppError {
    AppError::conflict(
        "prize_list_not_draft",
        &format!(
            "Danh sách giải đang ở trạng thái “{}”: hãy bỏ duyệt trước khi sửa cơ cấu giải.",
            status.label()
        ),
    )
}

/// Records `change` in the audit log and commits: a change and its log entry land together or not at all.
async fn log_and_commit<T: ConnectionTrait + TransactionSession>(
    txn: T,
    staff: &Staff,
    change: Change,
    now: DateTime<Utc>,
) -> Result<()> {
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces a list's prize structure (round 0: the whole contest). Only while the list is a draft.
pub async fn save_tiers<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    round_id: i32,
    tiers: Vec<TierDraft>,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    if round_id != 0 && !book.rounds.iter().any(|r| r.id == round_id) {
        return Err(AppError::not_found("đợt thi"));
    }
    let status = book.status(round_id);
    if status != ListStatus::Draft {
        return Err(not_draft(status));
    }
    let categories: HashSet<String> = category::Entity::find()
        .filter(category::Column::ContestId.eq(contest_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    check_tiers(&tiers, &categories)?;
    let before: Vec<TierDraft> = book
        .tiers_of(round_id)
        .into_iter()
        .map(|t| TierDraft {
            position: t.position,
            name: t.name,
            quantity: t.quantity,
            category: t.category,
            unit_points: t.unit_points,
        })
        .collect();
    let txn = db.begin().await?;
    prize_tier::Entity::delete_many()
        .filter(prize_tier::Column::ContestId.eq(contest_id))
        .filter(prize_tier::Column::RoundId.eq(round_id))
        .exec(&txn)
        .await?;
    for t in &tiers {
        prize_tier::ActiveModel {
            contest_id: Set(contest_id),
            round_id: Set(round_id),
            category: Set(t.category.clone()),
            position: Set(t.position),
            name: Set(t.name.trim().to_owned()),
            quantity: Set(t.quantity),
            unit_points: Set(t.unit_points),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    log_and_commit(
        txn,
        staff,
        Change::new("prizes.tiers", "contest", contest_id)
            .summary(format!("Cơ cấu giải: {}", book.title(round_id)))
            .before(serde_json::to_value(&before).unwrap_or_default())
            .after(serde_json::to_value(&tiers).unwrap_or_default()),
        now,
    )
    .await
}

/// Sets the one-prize rule and the collective formula of a contest.
pub async fn save_rules<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    one_prize_per_person: bool,
    rule: CollectiveRule,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    if let Some(problem) = rule.problems().into_iter().next() {
        return Err(AppError::invalid("collective_rule", &problem));
    }
    if book.lists.values().any(|l| l.status != "draft")
        && one_prize_per_person != book.contest.one_prize_per_person
    {
        return Err(AppError::conflict(
            "prize_list_not_draft",
            "Đã có danh sách giải được duyệt: không thể đổi quy tắc mỗi người một giải.",
        ));
    }
    if book.status(0) != ListStatus::Draft {
        return Err(not_draft(book.status(0)));
    }
    let before = serde_json::json!({
        "one_prize_per_person": book.contest.one_prize_per_person,
        "collective_rule": book.contest.collective_rule,
    });
    let text =
        serde_json::to_string(&rule).map_err(|e| AppError::internal_because("prize rule not written", e))?;
    let txn = db.begin().await?;
    let mut active = book.contest.into_active_model();
    active.one_prize_per_person = Set(one_prize_per_person);
    active.collective_rule = Set(Some(text.clone()));
    active.update(&txn).await?;
    log_and_commit(
        txn,
        staff,
        Change::new("prizes.rules", "contest", contest_id)
            .summary("Quy tắc giải cá nhân và công thức giải tập thể")
            .before(before)
            .after(
                serde_json::json!({"one_prize_per_person": one_prize_per_person, "collective_rule": text}),
            ),
        now,
    )
    .await
}

/// Writes `key`'s awards (replacing any) from `allocation`; returns them.
async fn store_awards(
    db: &impl ConnectionTrait,
    list_id: i32,
    key: i32,
    allocation: &Allocation,
) -> Result<Vec<award::Model>> {
    award::Entity::delete_many().filter(award::Column::PrizeListId.eq(list_id)).exec(db).await?;
    let won: Vec<_> = allocation.of_list(key).collect();
    let people = people(db, won.iter().map(|w| w.standing.contestant_id).collect()).await?;
    for row in award_rows(&won, &people).into_iter().zip(&won) {
        let (a, w) = row;
        award::ActiveModel {
            prize_list_id: Set(list_id),
            position: Set(a.position),
            prize_name: Set(a.prize_name),
            category: Set(a.category),
            rank: Set(a.rank as i32),
            contestant_id: Set(a.contestant_id),
            full_name: Set(a.full_name),
            unit_id: Set(a.unit_id),
            score: Set(a.score),
            duration_ms: Set(a.duration_ms),
            unit_points: Set(w.tier.unit_points),
            prediction: Set(a.prediction),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    stored_awards(db, list_id).await
}

async fn list_row(db: &impl ConnectionTrait, book: &Book, key: i32) -> Result<prize_list::Model> {
    if let Some(l) = book.lists.get(&key) {
        return Ok(l.clone());
    }
    Ok(prize_list::ActiveModel {
        contest_id: Set(book.contest.id),
        round_id: Set(key),
        status: Set(ListStatus::Draft.code().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Approves a draft list: its awards are allocated now and stored. A round's
/// list needs the round closed; the contest's list needs every round's list
/// approved, and also fixes the collective prizes.
pub async fn approve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    key: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    if key != 0 && !book.rounds.iter().any(|r| r.id == key) {
        return Err(AppError::not_found("đợt thi"));
    }
    let status = book.status(key);
    if status != ListStatus::Draft {
        return Err(AppError::conflict(
            "prize_list_not_draft",
            &format!("Danh sách đang ở trạng thái “{}”.", status.label()),
        ));
    }
    if !book.closed(key, now) {
        return Err(AppError::conflict(
            "round_not_closed",
            "Chỉ duyệt giải sau khi đợt thi (mọi đợt thi) đã kết thúc.",
        ));
    }
    let collective_only =
        key == 0 && !CollectiveRule::from_stored(book.contest.collective_rule.as_deref()).prizes.is_empty();
    if book.tiers_of(key).is_empty() && !collective_only {
        return Err(AppError::conflict(
            "no_prizes",
            "Danh sách chưa có cơ cấu giải: hãy nhập các loại giải trước.",
        ));
    }
    if key == 0
        && book
            .rounds
            .iter()
            .any(|r| book.status(r.id) == ListStatus::Draft && !book.tiers_of(r.id).is_empty())
    {
        return Err(AppError::conflict(
            "rounds_not_approved",
            "Hãy duyệt danh sách giải của từng đợt thi trước khi duyệt giải toàn cuộc thi.",
        ));
    }
    let drafts: Vec<i32> = book.keys().into_iter().filter(|k| book.status(*k) == ListStatus::Draft).collect();
    let (allocation, extra) = draw_up(db, &book, &drafts).await?;
    let truth = extra.get(&key).and_then(|e| e.1);
    let txn = db.begin().await?;
    let list = list_row(&txn, &book, key).await?;
    let stored = store_awards(&txn, list.id, key, &allocation).await?;
    if key == 0 {
        store_collective(&txn, &book, list.id).await?;
    }
    let mut active = list.into_active_model();
    active.status = Set(ListStatus::Approved.code().to_owned());
    active.truth = Set(truth);
    active.approved_by = Set(Some(staff.email.clone()));
    active.approved_at = Set(Some(now));
    let list = active.update(&txn).await?;
    log_and_commit(
        txn,
        staff,
        Change::new("prizes.approve", "prize_list", list.id)
            .summary(format!("Duyệt danh sách giải: {} ({} giải)", book.title(key), stored.len()))
            .after(serde_json::json!(stored
                .iter()
                .map(|a| (a.contestant_id, &a.prize_name))
                .collect::<Vec<_>>())),
        now,
    )
    .await
}

/// Collective prizes from every stored award of the contest.
async fn store_collective(db: &impl ConnectionTrait, book: &Book, list_id: i32) -> Result<()> {
    let list_ids: Vec<i32> = prize_list::Entity::find()
        .filter(prize_list::Column::ContestId.eq(book.contest.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let awards: Vec<(i32, i32, f64)> = award::Entity::find()
        .filter(award::Column::PrizeListId.is_in(list_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.contestant_id, a.unit_id, a.unit_points))
        .collect();
    unit_award::Entity::delete_many().filter(unit_award::Column::PrizeListId.eq(list_id)).exec(db).await?;
    for s in collective_scores(db, &book.contest, &awards).await? {
        let (Some(rank), Some(prize), Some(position)) = (s.rank, s.prize, s.position) else { continue };
        unit_award::ActiveModel {
            prize_list_id: Set(list_id),
            position: Set(position),
            prize_name: Set(prize),
            rank: Set(rank as i32),
            unit_id: Set(s.unit_id),
            unit_name: Set(s.unit_name),
            participation_pct: Set(s.participation_pct),
            points: Set(s.points),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Approved → draft (not once published: then only a correction changes it).
pub async fn unapprove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    key: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    let list = book.lists.get(&key).cloned().ok_or_else(|| AppError::not_found("danh sách giải"))?;
    match ListStatus::parse(&list.status) {
        ListStatus::Approved => {}
        ListStatus::Published => {
            return Err(AppError::conflict(
                "prize_list_published",
                "Danh sách đã công bố không thể bỏ duyệt; hãy dùng “Đính chính” và ghi rõ lý do.",
            ))
        }
        ListStatus::Draft => return Ok(()),
    }
    if key != 0 && book.status(0) != ListStatus::Draft {
        return Err(AppError::conflict(
            "contest_list_approved",
            "Giải toàn cuộc thi đã duyệt dựa trên danh sách này: hãy bỏ duyệt giải toàn cuộc thi trước.",
        ));
    }
    let txn = db.begin().await?;
    award::Entity::delete_many().filter(award::Column::PrizeListId.eq(list.id)).exec(&txn).await?;
    unit_award::Entity::delete_many().filter(unit_award::Column::PrizeListId.eq(list.id)).exec(&txn).await?;
    let mut active = list.clone().into_active_model();
    active.status = Set(ListStatus::Draft.code().to_owned());
    active.approved_by = Set(None);
    active.approved_at = Set(None);
    active.update(&txn).await?;
    log_and_commit(
        txn,
        staff,
        Change::new("prizes.unapprove", "prize_list", list.id)
            .summary(format!("Bỏ duyệt: {}", book.title(key))),
        now,
    )
    .await
}

/// Approved → published: the list appears on the site and in the API.
pub async fn publish<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    key: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    let list = book.lists.get(&key).cloned().ok_or_else(|| AppError::not_found("danh sách giải"))?;
    if ListStatus::parse(&list.status) != ListStatus::Approved {
        return Err(AppError::conflict("prize_list_not_approved", "Chỉ công bố danh sách đã được duyệt."));
    }
    let txn = db.begin().await?;
    let mut active = list.clone().into_active_model();
    active.status = Set(ListStatus::Published.code().to_owned());
    active.published_at = Set(Some(now));
    active.update(&txn).await?;
    log_and_commit(
        txn,
        staff,
        Change::new("prizes.publish", "prize_list", list.id)
            .summary(format!("Công bố giải: {}", book.title(key))),
        now,
    )
    .await
}

/// Recomputes a stored (approved or published) list after something changed,
/// e.g. a winner disqualified. A published list keeps a public record of the
/// change: what it was, what it is, and why.
async fn redo_list(
    db: &impl ConnectionTrait,
    staff: &Staff,
    book: &Book,
    key: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let list = book.lists.get(&key).cloned().ok_or_else(|| AppError::not_found("danh sách giải"))?;
    let before = stored_awards(db, list.id).await?;
    let (allocation, _) = draw_up(db, book, &[key]).await?;
    let after = store_awards(db, list.id, key, &allocation).await?;
    if key == 0 {
        store_collective(db, book, list.id).await?;
    }
    let was: HashSet<(i32, String)> =
        before.iter().map(|a| (a.contestant_id, a.prize_name.clone())).collect();
    let now_set: HashSet<(i32, String)> =
        after.iter().map(|a| (a.contestant_id, a.prize_name.clone())).collect();
    let mut changes = Vec::new();
    for a in before.iter().filter(|a| !now_set.contains(&(a.contestant_id, a.prize_name.clone()))) {
        changes.push(format!("Bỏ {} của {}", a.prize_name, a.full_name));
    }
    for a in after.iter().filter(|a| !was.contains(&(a.contestant_id, a.prize_name.clone()))) {
        changes.push(format!("Trao {} cho {}", a.prize_name, a.full_name));
    }
    let summary = if changes.is_empty() {
        "Không thay đổi người đoạt giải.".to_owned()
    } else {
        changes.join("; ")
    };
    if ListStatus::parse(&list.status) == ListStatus::Published {
        award_correction::ActiveModel {
            prize_list_id: Set(list.id),
            at: Set(now),
            actor: Set(staff.email.clone()),
            reason: Set(reason.to_owned()),
            summary: Set(summary.clone()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    record(
        db,
        staff,
        Change::new("prizes.correct", "prize_list", list.id)
            .summary(format!("{}: {summary}", book.title(key)))
            .reason(reason),
        now,
    )
    .await?;
    Ok(summary)
}

/// The reason for a decision, trimmed; at least 5 characters.
fn reason_given<'a>(reason: &'a str, decision: &str) -> Result<&'a str> {
    let reason = reason.trim();
    if reason.chars().count() < 5 {
        return Err(AppError::invalid("reason", &format!("Hãy ghi lý do {decision} (ít nhất 5 ký tự).")));
    }
    Ok(reason)
}

/// Recomputes a published list and records the correction with its reason.
pub async fn correct<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    key: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let reason = reason_given(reason, "đính chính")?;
    let book = book(db, contest_id).await?;
    if book.status(key) != ListStatus::Published {
        return Err(AppError::conflict("prize_list_not_published", "Chỉ đính chính danh sách đã công bố."));
    }
    let txn = db.begin().await?;
    let summary = redo_list(&txn, staff, &book, key, reason, now).await?;
    txn.commit().await?;
    Ok(summary)
}

/// Disqualifies a contestant from the contest's prizes. Draft lists follow at
/// once; stored lists holding the person are recomputed now, and a published
/// one records the correction with this reason.
pub async fn disqualify<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    contestant_id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<i32> {
    let reason = reason_given(reason, "loại")?;
    let book = book(db, contest_id).await?;
    let person = contestant::Entity::find_by_id(contestant_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("thí sinh"))?;
    let already = disqualification::Entity::find()
        .filter(disqualification::Column::ContestId.eq(contest_id))
        .filter(disqualification::Column::ContestantId.eq(contestant_id))
        .one(db)
        .await?;
    if already.is_some() {
        return Err(AppError::conflict(
            "already_disqualified",
            "Thí sinh này đã bị loại khỏi xét giải của cuộc thi.",
        ));
    }
    let txn = db.begin().await?;
    let saved = disqualification::ActiveModel {
        contest_id: Set(contest_id),
        contestant_id: Set(contestant_id),
        reason: Set(reason.to_owned()),
        actor: Set(staff.email.clone()),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Every server's leaderboards of the contest drop the person at their next request.
    crate::results::generation::contest_changed(&txn, contest_id).await?;
    record(
        &txn,
        staff,
        Change::new("prizes.disqualify", "contestant", contestant_id)
            .summary(format!(
                "Loại khỏi xét giải: {} ({}). Từ lần cập nhật số liệu tiếp theo, các lượt thi của người này \
                 không còn được tính vào bảng xếp hạng, số liệu tham gia, giải tập thể, chỉ số cải cách \
                 hành chính và con số thực tế của câu hỏi dự đoán.",
                person.full_name, book.contest.title
            ))
            .after(serde_json::json!({"counted": false}))
            .reason(reason),
        now,
    )
    .await?;
    // Stored lists where the person holds a prize; the contest list last (its collective prizes read the others).
    let held: HashSet<i32> = award::Entity::find()
        .filter(award::Column::ContestantId.eq(contestant_id))
        .filter(award::Column::PrizeListId.is_in(book.lists.values().map(|l| l.id).collect::<Vec<_>>()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.prize_list_id)
        .collect();
    let mut keys: Vec<i32> =
        book.lists.values().filter(|l| held.contains(&l.id)).map(|l| l.round_id).collect();
    keys.sort_by_key(|k| if *k == 0 { i32::MAX } else { *k });
    for key in keys {
        redo_list(&txn, staff, &book, key, &format!("Loại {}: {reason}", person.full_name), now).await?;
    }
    txn.commit().await?;
    Ok(saved.id)
}

/// Lifts a disqualification. Draft lists follow at once; stored lists change
/// only through an explicit correction.
pub async fn reinstate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let row = disqualification::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("quyết định loại"))?;
    let txn = db.begin().await?;
    disqualification::Entity::delete_by_id(id).exec(&txn).await?;
    crate::results::generation::contest_changed(&txn, row.contest_id).await?;
    record(
        &txn,
        staff,
        Change::new("prizes.reinstate", "contestant", row.contestant_id)
            .summary("Bỏ quyết định loại khỏi xét giải")
            .before(serde_json::json!({"reason": row.reason, "by": row.actor})),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
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
        let Some(list) = book.lists.get(&key).filter(|l| l.status == ListStatus::Published.code()) else {
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
            round_id: key,
            title: book.title(key),
            truth: list.truth,
            published_at: list.published_at.map(local_datetime).unwrap_or_default(),
            winners,
            corrections: corrections(db, list.id).await?,
        };
        if key == 0 {
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
