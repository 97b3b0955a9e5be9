//! Contests: the list, one contest's set-up, saving and publishing it, and
//! the exclusions (people kept out of its ranking).
use super::*;

pub async fn contests(db: &impl ConnectionTrait) -> Result<Vec<ContestRow>> {
    let rows = contest::Entity::find().order_by_desc(contest::Column::CreatedAt).all(db).await?;
    let rounds = round::Entity::find().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|c| ContestRow {
            rounds: rounds.iter().filter(|r| r.contest_id == c.id).count(),
            id: c.id,
            slug: c.slug,
            title: c.title,
            published: c.published,
        })
        .collect())
}

/// How many active questions the round's pool holds now.
pub(super) async fn pool_size(db: &impl ConnectionTrait, round: &round::Model) -> Result<u64> {
    Ok(crate::contest_admin::pool::active_questions(db, round).await?.len() as u64)
}

pub async fn contest(db: &impl ConnectionTrait, id: i32) -> Result<ContestSetup> {
    let found =
        contest::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("cuộc thi"))?;
    let categories = category::Entity::find()
        .filter(category::Column::ContestId.eq(id))
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?;
    let mut rounds = Vec::new();
    for r in round::Entity::find()
        .filter(round::Column::ContestId.eq(id))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?
    {
        rounds.push(RoundRow {
            pool_size: pool_size(db, &r).await?,
            attempts: attempt::Entity::find().filter(attempt::Column::RoundId.eq(r.id)).count(db).await?,
            id: r.id,
            number: r.number,
            title: r.title,
            opens: crate::time::local_datetime(r.opens_at),
            closes: crate::time::local_closing(r.closes_at),
        });
    }
    let exclusions = exclusion::Entity::find()
        .filter(exclusion::Column::ContestId.eq(id))
        .order_by_asc(exclusion::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| ExclusionRow { id: e.id, phone: e.phone, id_number: e.id_number, reason: e.reason })
        .collect();
    Ok(ContestSetup {
        published: found.published,
        contest: ContestDraft {
            id: Some(found.id),
            slug: found.slug,
            title: found.title,
            organizer_name: found.organizer_name,
            rules: found.rules,
            id_number_required: found.id_number_required,
            categories: categories
                .into_iter()
                .map(|c| CategoryDraft { code: c.code, name: c.name })
                .collect(),
        },
        rounds,
        exclusions,
    })
}

/// The rules as stored: only harmless formatting tags survive (ammonia's
/// defaults: paragraphs, lists, emphasis, links with rel=noopener…).
pub fn sanitize_rules(rules: &str) -> String {
    ammonia::clean(rules.trim())
}

pub(super) fn valid_slug(slug: &str) -> bool {
    (3..=128).contains(&slug.len())
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

pub async fn save_contest<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    draft: ContestDraft,
    now: DateTime<Utc>,
) -> Result<i32> {
    let mut fields = FieldErrors::new();
    let title = draft.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() || title.chars().count() > 512 {
        fields.insert("title".into(), "Vui lòng nhập tên cuộc thi (tối đa 512 ký tự).".into());
    }
    let slug = draft.slug.trim().to_lowercase();
    if slug.is_empty() {
        fields.insert("slug".into(), "Vui lòng nhập địa chỉ rút gọn, ví dụ cchc-2026.".into());
    } else if !valid_slug(&slug) {
        fields.insert(
            "slug".into(),
            "Địa chỉ rút gọn gồm 3–128 chữ thường không dấu, số và dấu gạch ngang, ví dụ cchc-2026.".into(),
        );
    } else {
        let twin = contest::Entity::find().filter(contest::Column::Slug.eq(&slug)).one(db).await?;
        if twin.is_some_and(|t| Some(t.id) != draft.id) {
            fields.insert("slug".into(), "Địa chỉ rút gọn này đã được dùng cho cuộc thi khác.".into());
        }
    }
    let organizer = draft.organizer_name.trim().to_owned();
    if organizer.is_empty() {
        fields.insert("organizer_name".into(), "Vui lòng nhập tên Ban Tổ chức.".into());
    }
    let categories: Vec<CategoryDraft> = draft
        .categories
        .iter()
        .map(|c| CategoryDraft { code: c.code.trim().to_lowercase(), name: c.name.trim().to_owned() })
        .filter(|c| !(c.code.is_empty() && c.name.is_empty()))
        .collect();
    let codes: BTreeSet<&str> = categories.iter().map(|c| c.code.as_str()).collect();
    if categories.is_empty() {
        fields.insert("categories".into(), "Cần ít nhất một đối tượng dự thi.".into());
    } else if codes.len() != categories.len()
        || categories.iter().any(|c| {
            c.name.is_empty()
                || c.code.is_empty()
                || !c.code.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        })
    {
        fields.insert(
            "categories".into(),
            "Mỗi đối tượng cần tên và mã riêng (chữ thường không dấu, số, dấu gạch dưới).".into(),
        );
    }
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let rules = sanitize_rules(&draft.rules);
    let txn = db.begin().await?;
    let (id, before) = match draft.id {
        Some(id) => {
            let found = contest::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or_else(|| AppError::not_found("cuộc thi"))?;
            let before = json!({"title": found.title, "slug": found.slug, "organizer_name": found.organizer_name,
                "id_number_required": found.id_number_required, "rules": found.rules});
            let mut active = found.into_active_model();
            active.title = Set(title.clone());
            active.slug = Set(slug.clone());
            active.organizer_name = Set(organizer.clone());
            active.rules = Set(rules.clone());
            active.id_number_required = Set(draft.id_number_required);
            active.update(&txn).await?;
            (id, Some(before))
        }
        None => {
            let saved = contest::ActiveModel {
                slug: Set(slug.clone()),
                title: Set(title.clone()),
                organizer_name: Set(organizer.clone()),
                rules: Set(rules.clone()),
                id_number_required: Set(draft.id_number_required),
                published: Set(false),
                root_unit_id: Set(None),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (saved.id, None)
        }
    };
    // Categories by code: keep the rows of codes still listed, so nothing keyed on them moves.
    let existing = category::Entity::find().filter(category::Column::ContestId.eq(id)).all(&txn).await?;
    for old in &existing {
        if !codes.contains(old.code.as_str()) {
            category::Entity::delete_by_id(old.id).exec(&txn).await?;
        }
    }
    for (order, c) in categories.iter().enumerate() {
        match existing.iter().find(|old| old.code == c.code) {
            Some(old) => {
                let mut active = old.clone().into_active_model();
                active.name = Set(c.name.clone());
                active.sort_order = Set(order as i32);
                active.update(&txn).await?;
            }
            None => {
                category::ActiveModel {
                    contest_id: Set(id),
                    code: Set(c.code.clone()),
                    name: Set(c.name.clone()),
                    sort_order: Set(order as i32),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    let after = json!({"title": title, "slug": slug, "organizer_name": organizer,
        "id_number_required": draft.id_number_required, "rules": rules,
        "categories": categories.iter().map(|c| json!({"code": c.code, "name": c.name})).collect::<Vec<_>>()});
    let change = Change::saved(["contest.create", "contest.update"], "contest", id, before, after)
        .summary(format!("Cuộc thi “{title}”"));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn publish<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    id: i32,
    published: bool,
    now: DateTime<Utc>,
) -> Result<i32> {
    let found =
        contest::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("cuộc thi"))?;
    if published {
        let rounds = round::Entity::find().filter(round::Column::ContestId.eq(id)).all(db).await?;
        if rounds.is_empty() {
            return Err(AppError::conflict(
                "no_rounds",
                "Cuộc thi chưa có đợt thi nào nên chưa thể công bố.",
            ));
        }
        for r in rounds {
            if pool_size(db, &r).await? < r.questions_per_attempt.max(0) as u64 {
                return Err(AppError::conflict(
                    "pool_too_small",
                    &format!("{}: ngân hàng câu hỏi của đợt thi ít hơn số câu mỗi lượt thi.", r.title),
                ));
            }
        }
    }
    let txn = db.begin().await?;
    let was = found.published;
    let title = found.title.clone();
    let mut active = found.into_active_model();
    active.published = Set(published);
    active.update(&txn).await?;
    let change = Change::new(if published { "contest.publish" } else { "contest.unpublish" }, "contest", id)
        .summary(format!("{} cuộc thi “{title}”", if published { "Công bố" } else { "Ngừng công bố" }))
        .before(json!({"published": was}))
        .after(json!({"published": published}));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(id)
}

/// Re-marks the eligibility of every attempt in the contest by `people`
/// against the exclusion list as it is now.
pub(super) async fn refresh_eligibility(
    db: &impl ConnectionTrait,
    contest_id: i32,
    people: Vec<i32>,
) -> Result<()> {
    let rounds: Vec<i32> = round::Entity::find()
        .select_only()
        .column(round::Column::Id)
        .filter(round::Column::ContestId.eq(contest_id))
        .into_tuple()
        .all(db)
        .await?;
    for person in people {
        let excluded = crate::attempt::service::is_excluded(db, person, contest_id).await?;
        attempt::Entity::update_many()
            .col_expr(attempt::Column::Eligible, sea_orm::sea_query::Expr::value(!excluded))
            .filter(attempt::Column::ContestantId.eq(person))
            .filter(attempt::Column::RoundId.is_in(rounds.clone()))
            .exec(db)
            .await?;
    }
    // An attempt counted or not moves the ranking on every server.
    crate::results::generation::contest_changed(db, contest_id).await?;
    Ok(())
}

pub(super) async fn people_matching(
    db: &impl ConnectionTrait,
    phone: &Option<String>,
    id_number: &Option<String>,
) -> Result<Vec<i32>> {
    let mut who = Condition::any();
    if let Some(phone) = phone {
        who = who.add(contestant::Column::Phone.eq(phone.clone()));
    }
    if let Some(id) = id_number {
        who = who.add(contestant::Column::IdNumber.eq(id.clone()));
    }
    Ok(contestant::Entity::find()
        .select_only()
        .column(contestant::Column::Id)
        .filter(who)
        .into_tuple()
        .all(db)
        .await?)
}

/// A field that may be left empty; when given it must normalise, or `field` gets the reason.
pub(super) fn optional(
    fields: &mut FieldErrors,
    field: &str,
    raw: Option<String>,
    normalize: fn(&str) -> std::result::Result<String, &'static str>,
) -> Option<String> {
    let raw = raw.as_deref().map(str::trim).filter(|p| !p.is_empty())?;
    normalize(raw).map_err(|message| fields.insert(field.to_owned(), message.to_owned())).ok()
}

pub async fn add_exclusion<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    contest_id: i32,
    phone: Option<String>,
    id_number: Option<String>,
    reason: String,
    now: DateTime<Utc>,
) -> Result<i32> {
    contest::Entity::find_by_id(contest_id).one(db).await?.ok_or_else(|| AppError::not_found("cuộc thi"))?;
    let mut fields = FieldErrors::new();
    let phone = optional(&mut fields, "phone", phone, crate::contestant::validate::normalize_phone);
    let id_number =
        optional(&mut fields, "id_number", id_number, crate::contestant::validate::normalize_id_number);
    if phone.is_none() && id_number.is_none() && fields.is_empty() {
        fields.insert(
            "phone".into(),
            "Nhập số điện thoại hoặc số căn cước của người không được dự thi.".into(),
        );
    }
    let reason = reason.trim().to_owned();
    if reason.is_empty() {
        fields.insert("reason".into(), "Vui lòng ghi lý do, ví dụ: Thành viên Ban Tổ chức.".into());
    }
    if !fields.is_empty() {
        return Err(AppError::Invalid(fields));
    }
    let txn = db.begin().await?;
    let saved = exclusion::ActiveModel {
        contest_id: Set(contest_id),
        phone: Set(phone.clone()),
        id_number: Set(id_number.clone()),
        reason: Set(reason.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let people = people_matching(&txn, &phone, &id_number).await?;
    refresh_eligibility(&txn, contest_id, people).await?;
    let change = Change::new("contest.exclusion_add", "exclusion", saved.id)
        .summary("Thêm vào danh sách không được dự thi")
        .after(json!({"contest_id": contest_id, "phone": phone, "id_number": id_number}))
        .reason(reason);
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(saved.id)
}

pub async fn remove_exclusion<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    id: i32,
    now: DateTime<Utc>,
) -> Result<i32> {
    let found =
        exclusion::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::not_found("mục cần xóa"))?;
    let txn = db.begin().await?;
    exclusion::Entity::delete_by_id(id).exec(&txn).await?;
    let people = people_matching(&txn, &found.phone, &found.id_number).await?;
    refresh_eligibility(&txn, found.contest_id, people).await?;
    let change = Change::new("contest.exclusion_remove", "exclusion", id)
        .summary("Xóa khỏi danh sách không được dự thi")
        .before(json!({"contest_id": found.contest_id, "phone": found.phone, "id_number": found.id_number, "reason": found.reason}));
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(id)
}
