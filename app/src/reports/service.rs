//! The Department's tables, read from the per-unit statistics table (so they
//! cost no scan of the attempts) and the stored prize lists.
use super::rubric::Rubric;
use super::*;
use crate::audit::service::{record, Change};
use crate::entities::{award, contest, prize_list, round, unit, unit_award, unit_stat};
use crate::error::{AppError, Result};
use crate::prizes::collective::CollectiveRule;
use crate::staff::guard::Staff;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// For each unit, the sum of `own` over its branch (itself and every unit under it).
fn branch_sums(units: &[unit::Model], own: &HashMap<i32, (i64, i64, i64)>) -> HashMap<i32, (i64, i64, i64)> {
    let order = crate::unit_admin::service::depth_first(units);
    let parent: HashMap<i32, Option<i32>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    let mut sums: HashMap<i32, (i64, i64, i64)> = HashMap::new();
    // Children come after parents depth-first, so walking backwards adds each
    // finished subtree into its parent.
    for (u, _) in order.iter().rev() {
        let mine = own.get(&u.id).copied().unwrap_or_default();
        let total = sums.entry(u.id).or_default();
        total.0 += mine.0;
        total.1 += mine.1;
        total.2 += mine.2;
        let done = *total;
        if let Some(Some(p)) = parent.get(&u.id) {
            let up = sums.entry(*p).or_default();
            up.0 += done.0;
            up.1 += done.1;
            up.2 += done.2;
        }
    }
    sums
}

async fn stats_of(
    db: &impl ConnectionTrait,
    contest_id: i32,
    round_id: i32,
) -> Result<HashMap<i32, (i64, i64, i64)>> {
    Ok(unit_stat::Entity::find()
        .filter(unit_stat::Column::ContestId.eq(contest_id))
        .filter(unit_stat::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.unit_id, (s.contestants, s.attempts, s.score_sum)))
        .collect())
}

/// The contest, its figures computed if they never were.
async fn refreshed_contest<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    contest_id: i32,
) -> Result<contest::Model> {
    let contest = contest::Entity::find_by_id(contest_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("cuộc thi"))?;
    crate::results::stats::ensure_refreshed(db, contest_id).await?;
    Ok(contest)
}

/// The weekly table: every unit of the tree (parents with their branch's
/// totals) and its participation in each round and in the whole contest.
pub async fn weekly<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    contest_id: i32,
    now: DateTime<Utc>,
) -> Result<WeeklyReport> {
    let contest = refreshed_contest(db, contest_id).await?;
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.eq(contest_id))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?;
    let units = unit::Entity::find().all(db).await?;
    let heads: HashMap<i32, (i64, i64, i64)> =
        units.iter().map(|u| (u.id, (i64::from(u.headcount), 0, 0))).collect();
    let headcount = branch_sums(&units, &heads);
    let mut weeks = Vec::new();
    for r in &rounds {
        weeks.push(branch_sums(&units, &stats_of(db, contest_id, r.id).await?));
    }
    let whole = branch_sums(&units, &stats_of(db, contest_id, 0).await?);
    let rows = crate::unit_admin::service::depth_first(&units)
        .into_iter()
        .map(|(u, depth)| {
            let h = headcount.get(&u.id).map(|x| x.0).unwrap_or(0);
            let c = whole.get(&u.id).map(|x| x.0).unwrap_or(0);
            WeeklyRow {
                unit_id: u.id,
                code: u.code.clone(),
                unit_name: u.name.clone(),
                depth,
                headcount: h,
                weeks: weeks
                    .iter()
                    .map(|w| {
                        let c = w.get(&u.id).map(|x| x.0).unwrap_or(0);
                        (c, crate::results::participation_pct(c, h))
                    })
                    .collect(),
                contestants: c,
                participation_pct: crate::results::participation_pct(c, h),
            }
        })
        .collect();
    Ok(WeeklyReport {
        contest_id,
        title: contest.title,
        organizer_name: contest.organizer_name,
        round_titles: rounds.into_iter().map(|r| r.title).collect(),
        rows,
        made_on: crate::format::local_date(now),
    })
}

/// The reform-index table: one line per competing agency (the collective
/// prizes' level), scored by the contest's rubric.
pub async fn reform_index<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    contest_id: i32,
) -> Result<ReformIndex> {
    let contest = refreshed_contest(db, contest_id).await?;
    let rubric = Rubric::from_stored(contest.reform_rubric.as_deref());
    let level = CollectiveRule::from_stored(contest.collective_rule.as_deref()).level;
    let (agencies, agency_of) = crate::results::stats::agency_figures(db, contest_id, level).await?;
    let list_ids: Vec<i32> = prize_list::Entity::find()
        .filter(prize_list::Column::ContestId.eq(contest_id))
        .filter(prize_list::Column::Status.ne(crate::prizes::ListStatus::Draft))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let mut prizes: HashMap<i32, i64> = HashMap::new();
    for a in award::Entity::find().filter(award::Column::PrizeListId.is_in(list_ids.clone())).all(db).await? {
        if let Some(agency) = agency_of.get(&a.unit_id) {
            *prizes.entry(*agency).or_default() += 1;
        }
    }
    let collective: HashMap<i32, String> = unit_award::Entity::find()
        .filter(unit_award::Column::PrizeListId.is_in(list_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.unit_id, u.prize_name))
        .collect();
    let mut rows: Vec<IndexRow> = agencies
        .into_iter()
        .map(|f| {
            let participation = if f.headcount > 0 {
                ((f.contestants as f64 * 100.0 / f.headcount as f64).min(100.0) * 10.0).round() / 10.0
            } else {
                0.0
            };
            let average =
                (f.attempts > 0).then(|| (f.score_sum as f64 * 10.0 / f.attempts as f64).round() / 10.0);
            let n = prizes.get(&f.unit_id).copied().unwrap_or(0);
            let won = collective.get(&f.unit_id).cloned();
            let p = rubric.score(participation, average, n, won.is_some());
            IndexRow {
                unit_id: f.unit_id,
                unit_name: f.name,
                headcount: f.headcount,
                contestants: f.contestants,
                participation_pct: participation,
                average_score: average,
                prizes: n,
                collective_prize: won,
                participation_points: p.participation,
                score_points: p.score,
                prize_points: p.prizes,
                collective_points: p.collective,
                total: p.total,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.total.total_cmp(&a.total).then(b.participation_pct.total_cmp(&a.participation_pct))
    });
    Ok(ReformIndex { contest_id, title: contest.title, rubric, rows })
}

/// Saves the contest's rubric.
pub async fn save_rubric<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    rubric: Rubric,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(problem) = rubric.problems().into_iter().next() {
        return Err(AppError::invalid("rubric", &problem));
    }
    let contest = contest::Entity::find_by_id(contest_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("cuộc thi"))?;
    let before = contest.reform_rubric.clone();
    let text =
        serde_json::to_string(&rubric).map_err(|e| AppError::internal_because("rubric not written", e))?;
    let txn = db.begin().await?;
    let mut active = contest.into_active_model();
    active.reform_rubric = Set(Some(text.clone()));
    active.update(&txn).await?;
    record(
        &txn,
        staff,
        Change::new("reports.rubric", "contest", contest_id)
            .summary("Thang điểm Chỉ số CCHC")
            .before(serde_json::json!(before))
            .after(serde_json::json!(text)),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(id: i32, parent: Option<i32>) -> unit::Model {
        unit::Model {
            id,
            parent_id: parent,
            code: format!("U{id}"),
            name: format!("Đơn vị {id}"),
            kind: crate::entities::unit::UnitKind::Other,
            headcount: 0,
            sort_order: id,
            contact_name: None,
            contact_phone: None,
        }
    }

    #[test]
    fn branch_sums_add_every_unit_under_a_parent() {
        let units = vec![u(1, None), u(2, Some(1)), u(3, Some(2)), u(4, Some(1))];
        let own = HashMap::from([(1, (1, 0, 0)), (2, (10, 0, 0)), (3, (100, 1, 0)), (4, (1000, 0, 0))]);
        let sums = branch_sums(&units, &own);
        assert_eq!(sums[&3].0, 100);
        assert_eq!(sums[&2], (110, 1, 0));
        assert_eq!(sums[&1].0, 1111);
    }
}
