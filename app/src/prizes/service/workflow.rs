//! The workflow that changes prize lists: tiers and rules, approve, unapprove,
//! publish, corrections, disqualifications; each with its audit entry in the
//! same transaction.
use super::*;

pub(super) fn check_tiers(tiers: &[TierDraft], categories: &HashSet<String>) -> Result<()> {
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

pub(super) fn not_draft(status: ListStatus) -> AppError {
    AppError::conflict(
        "prize_list_not_draft",
        &format!(
            "Danh sách giải đang ở trạng thái “{}”: hãy bỏ duyệt trước khi sửa cơ cấu giải.",
            status.label()
        ),
    )
}

/// Records `change` in the audit log and commits: a change and its log entry land together or not at all.
pub(super) async fn log_and_commit<T: ConnectionTrait + TransactionSession>(
    txn: T,
    staff: &Staff,
    change: Change,
    now: DateTime<Utc>,
) -> Result<()> {
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces a list's prize structure. Only while the list is a draft.
pub async fn save_tiers<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    key: ListKey,
    tiers: Vec<TierDraft>,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    if key != ListKey::Contest && book.round(key).is_none() {
        return Err(AppError::not_found("đợt thi"));
    }
    let round_id = key.round_id();
    let status = book.status(key);
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
            .summary(format!("Cơ cấu giải: {}", book.title(key)))
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
    if book.lists.values().any(|l| l.status != ListStatus::Draft)
        && one_prize_per_person != book.contest.one_prize_per_person
    {
        return Err(AppError::conflict(
            "prize_list_not_draft",
            "Đã có danh sách giải được duyệt: không thể đổi quy tắc mỗi người một giải.",
        ));
    }
    if book.status(ListKey::Contest) != ListStatus::Draft {
        return Err(not_draft(book.status(ListKey::Contest)));
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
pub(super) async fn store_awards(
    db: &impl ConnectionTrait,
    list_id: i32,
    key: ListKey,
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

pub(super) async fn list_row(
    db: &impl ConnectionTrait,
    book: &Book,
    key: ListKey,
) -> Result<prize_list::Model> {
    if let Some(l) = book.lists.get(&key) {
        return Ok(l.clone());
    }
    Ok(prize_list::ActiveModel {
        contest_id: Set(book.contest.id),
        round_id: Set(key.round_id()),
        status: Set(ListStatus::Draft),
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
    key: ListKey,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    if key != ListKey::Contest && book.round(key).is_none() {
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
    let collective_only = key == ListKey::Contest
        && !CollectiveRule::from_stored(book.contest.collective_rule.as_deref()).prizes.is_empty();
    if book.tiers_of(key).is_empty() && !collective_only {
        return Err(AppError::conflict(
            "no_prizes",
            "Danh sách chưa có cơ cấu giải: hãy nhập các loại giải trước.",
        ));
    }
    if key == ListKey::Contest
        && book
            .rounds
            .iter()
            .map(|r| ListKey::Round(r.id))
            .any(|round| book.status(round) == ListStatus::Draft && !book.tiers_of(round).is_empty())
    {
        return Err(AppError::conflict(
            "rounds_not_approved",
            "Hãy duyệt danh sách giải của từng đợt thi trước khi duyệt giải toàn cuộc thi.",
        ));
    }
    let drafts: Vec<ListKey> =
        book.keys().into_iter().filter(|k| book.status(*k) == ListStatus::Draft).collect();
    let (allocation, extra) = draw_up(db, &book, &drafts).await?;
    let truth = extra.get(&key).and_then(|e| e.1);
    let txn = db.begin().await?;
    let list = list_row(&txn, &book, key).await?;
    let stored = store_awards(&txn, list.id, key, &allocation).await?;
    if key == ListKey::Contest {
        store_collective(&txn, &book, list.id).await?;
    }
    let mut active = list.into_active_model();
    active.status = Set(ListStatus::Approved);
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
pub(super) async fn store_collective(db: &impl ConnectionTrait, book: &Book, list_id: i32) -> Result<()> {
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
    key: ListKey,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    let list = book.lists.get(&key).cloned().ok_or_else(|| AppError::not_found("danh sách giải"))?;
    match list.status {
        ListStatus::Approved => {}
        ListStatus::Published => {
            return Err(AppError::conflict(
                "prize_list_published",
                "Danh sách đã công bố không thể bỏ duyệt; hãy dùng “Đính chính” và ghi rõ lý do.",
            ))
        }
        ListStatus::Draft => return Ok(()),
    }
    if key != ListKey::Contest && book.status(ListKey::Contest) != ListStatus::Draft {
        return Err(AppError::conflict(
            "contest_list_approved",
            "Giải toàn cuộc thi đã duyệt dựa trên danh sách này: hãy bỏ duyệt giải toàn cuộc thi trước.",
        ));
    }
    let txn = db.begin().await?;
    award::Entity::delete_many().filter(award::Column::PrizeListId.eq(list.id)).exec(&txn).await?;
    unit_award::Entity::delete_many().filter(unit_award::Column::PrizeListId.eq(list.id)).exec(&txn).await?;
    let mut active = list.clone().into_active_model();
    active.status = Set(ListStatus::Draft);
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
    key: ListKey,
    now: DateTime<Utc>,
) -> Result<()> {
    let book = book(db, contest_id).await?;
    let list = book.lists.get(&key).cloned().ok_or_else(|| AppError::not_found("danh sách giải"))?;
    if list.status != ListStatus::Approved {
        return Err(AppError::conflict("prize_list_not_approved", "Chỉ công bố danh sách đã được duyệt."));
    }
    let txn = db.begin().await?;
    let mut active = list.clone().into_active_model();
    active.status = Set(ListStatus::Published);
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
pub(super) async fn redo_list(
    db: &impl ConnectionTrait,
    staff: &Staff,
    book: &Book,
    key: ListKey,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let list = book.lists.get(&key).cloned().ok_or_else(|| AppError::not_found("danh sách giải"))?;
    let before = stored_awards(db, list.id).await?;
    let (allocation, _) = draw_up(db, book, &[key]).await?;
    let after = store_awards(db, list.id, key, &allocation).await?;
    if key == ListKey::Contest {
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
    if list.status == ListStatus::Published {
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
pub(super) fn reason_given<'a>(reason: &'a str, decision: &str) -> Result<&'a str> {
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
    key: ListKey,
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
    let mut keys: Vec<ListKey> =
        book.lists.iter().filter(|(_, l)| held.contains(&l.id)).map(|(key, _)| *key).collect();
    keys.sort_by_key(|k| k.redo_order());
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
