//! Contestants and attempts at the service level, on every backend: the draw,
//! the server's clock, limits under races, idempotent saves and submits,
//! resume, ownership, snapshots, and no answer key in any response.
// Test helpers may panic: a missing demo row should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use app::attempt::service::{self, Answer};
use app::contestant::service::{login, register, Registration};
use app::entities::{attempt, attempt_question, contest, question, round, unit};
use app::error::AppError;
use chrono::{Duration, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};
use std::collections::HashSet;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

async fn unit_id(db: &DatabaseConnection, code: &str) -> i32 {
    unit::Entity::find().filter(unit::Column::Code.eq(code)).one(db).await.unwrap().unwrap().id
}

fn form(phone: &str, unit_id: i32) -> Registration {
    Registration {
        full_name: "Nguyễn Thị Hà".into(),
        birth_date: "1990-05-17".into(),
        phone: phone.into(),
        id_number: None,
        email: None,
        category: "civil_servant".into(),
        unit_id,
        password: "mật khẩu an toàn".into(),
    }
}

/// Week 2 of the live copy: open at `now()`.
async fn open_round(db: &DatabaseConnection) -> round::Model {
    let live = contest::Entity::find()
        .filter(contest::Column::Slug.eq("cchc-lang-son-trai-nghiem"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    round::Entity::find()
        .filter(round::Column::ContestId.eq(live.id))
        .filter(round::Column::Number.eq(2))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn registration_checks_every_field_and_one_account_per_phone() {
    for t in common::demo_databases("register", now()).await {
        let snv = unit_id(&t.db, "SNV").await;
        let bad = Registration {
            full_name: "Hà".into(),
            birth_date: "17/05/1990".into(),
            phone: "12345".into(),
            id_number: Some("123".into()),
            email: Some("an@".into()),
            category: "khong-co".into(),
            unit_id: 999_999,
            password: "ngắn".into(),
        };
        let Err(AppError::Invalid(fields)) = register(&t.db, bad, None, now()).await else {
            panic!("invalid")
        };
        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            vec!["birth_date", "category", "email", "full_name", "id_number", "password", "phone", "unit_id"],
            "{}",
            t.backend
        );
        assert!(fields.values().all(|m| !m.is_ascii()), "messages are Vietnamese");

        let id = register(&t.db, form("0912 345 678", snv), None, now()).await.unwrap();
        // The same number in another form is the same phone.
        let Err(AppError::Invalid(fields)) = register(&t.db, form("+84912345678", snv), None, now()).await
        else {
            panic!("duplicate")
        };
        assert!(fields["phone"].contains("đã được đăng ký"), "{}", t.backend);

        assert_eq!(login(&t.db, "84912345678", "mật khẩu an toàn", None, now()).await.unwrap(), id);
        let wrong_password = login(&t.db, "0912345678", "sai mật khẩu", None, now()).await.unwrap_err();
        let unknown_phone = login(&t.db, "0987654321", "mật khẩu an toàn", None, now()).await.unwrap_err();
        assert_eq!(wrong_password, unknown_phone, "never reveals whether an account exists");
        assert_eq!(wrong_password.status_code(), 401);

        // Guessing is throttled per phone number: past the account's ceiling, 429 for the
        // rest of the window (the pair and address limits are in tests/throttle.rs).
        // The counters live in each backend's own database, so both use one number.
        let phone = "0911111111";
        let ceiling = app::throttle::rules::CONTESTANT_SIGN_IN.per_account;
        let mut statuses = Vec::new();
        for _ in 0..ceiling.max + 2 {
            statuses.push(login(&t.db, phone, "đoán mò", None, now()).await.unwrap_err().status_code());
        }
        assert_eq!(statuses.iter().filter(|s| **s == 401).count(), ceiling.max as usize, "{statuses:?}");
        let refused = login(&t.db, phone, "đoán mò", None, now()).await.unwrap_err();
        assert!(matches!(refused, AppError::Throttled { .. }), "{refused:?}");
        t.finish().await;
    }
}

#[tokio::test]
async fn an_attempt_draws_a_snapshot_saves_answers_and_grades_once() {
    for t in common::demo_databases("flow", now()).await {
        let me = register(&t.db, form("0912345678", unit_id(&t.db, "SNV").await), None, now()).await.unwrap();
        let round = open_round(&t.db).await;
        let view = service::start(&t.db, me, round.id, now(), 5).await.unwrap();
        assert_eq!(view.questions.len(), 20);
        assert_eq!(view.questions.iter().map(|q| q.id).collect::<HashSet<_>>().len(), 20);
        assert!(view.questions.iter().all(|q| q.options.len() == 4));
        assert!(view.answers.is_empty() && view.prediction_required);
        assert_eq!(view.deadline_ms - view.server_now_ms, 20 * 60 * 1000);
        // Options are shuffled per attempt: not all in the bank's order.
        let bank_order = app::entities::question_option::Entity::find()
            .filter(
                app::entities::question_option::Column::QuestionId.is_in(view.questions.iter().map(|q| q.id)),
            )
            .order_by_asc(app::entities::question_option::Column::Position)
            .all(&t.db)
            .await
            .unwrap();
        let shuffled = view.questions.iter().filter(|q| {
            let shown: Vec<i32> = q.options.iter().map(|o| o.id).collect();
            let bank: Vec<i32> = bank_order.iter().filter(|o| o.question_id == q.id).map(|o| o.id).collect();
            shown != bank
        });
        assert!(shuffled.count() > 5, "{}: options are shuffled", t.backend);
        // No answer key anywhere in what the contestant receives.
        let json = serde_json::to_string(&view).unwrap();
        assert!(!json.contains("correct") && !json.contains("is_correct"), "{json}");

        // Answer the first 10: correctly for even positions, wrongly for odd ones.
        let keys = attempt_question::Entity::find()
            .filter(attempt_question::Column::AttemptId.eq(view.attempt_id))
            .all(&t.db)
            .await
            .unwrap();
        let key_of = |qid: i32| keys.iter().find(|k| k.question_id == qid).unwrap().correct_option_id;
        for (i, q) in view.questions.iter().take(10).enumerate() {
            let right = key_of(q.id);
            let option_id =
                if i % 2 == 0 { right } else { q.options.iter().find(|o| o.id != right).unwrap().id };
            for _ in 0..2 {
                // Saving the same answer twice is harmless.
                let a = Answer { attempt_id: view.attempt_id, question_id: q.id, option_id };
                assert!(service::answer(&t.db, me, a, now() + Duration::seconds(30), 5).await.unwrap().saved);
            }
        }
        // An option of another question is refused.
        let foreign = Answer {
            attempt_id: view.attempt_id,
            question_id: view.questions[0].id,
            option_id: view.questions[1].options[0].id,
        };
        assert!(matches!(service::answer(&t.db, me, foreign, now(), 5).await, Err(AppError::Invalid(_))));

        // Resume: the same attempt, same order, answers ticked.
        let again = service::start(&t.db, me, round.id, now() + Duration::minutes(1), 5).await.unwrap();
        assert_eq!(again.attempt_id, view.attempt_id);
        assert_eq!(again.questions, view.questions);
        assert_eq!(again.answers.len(), 10);

        // Editing the bank later changes nothing in the attempt.
        let first = question::Entity::find_by_id(view.questions[0].id).one(&t.db).await.unwrap().unwrap();
        let mut edited: question::ActiveModel = first.into();
        edited.text = Set("Câu hỏi đã được sửa sau khi thi".into());
        edited.update(&t.db).await.unwrap();
        let resumed = service::start(&t.db, me, round.id, now() + Duration::minutes(2), 5).await.unwrap();
        assert_eq!(resumed.questions[0].text, view.questions[0].text);

        // No answer key before submitting.
        let early = service::review(&t.db, me, view.attempt_id, now(), 5).await.unwrap();
        assert!(early.items.is_empty() && early.note.contains("sau khi nộp bài"));

        // The prediction is required before submitting in time.
        let missing =
            service::submit(&t.db, me, view.attempt_id, None, now() + Duration::minutes(3), 5).await;
        assert!(matches!(missing, Err(AppError::Invalid(f)) if f.contains_key("prediction")));

        let result =
            service::submit(&t.db, me, view.attempt_id, Some(120), now() + Duration::seconds(190), 5)
                .await
                .unwrap();
        assert_eq!((result.correct, result.total, result.score, result.duration_ms), (5, 20, 25, 190_000));
        // A double submit grades once and returns the same result.
        let twice = service::submit(&t.db, me, view.attempt_id, Some(999), now() + Duration::minutes(9), 5)
            .await
            .unwrap();
        assert_eq!(twice, result);
        // No more answers after submitting.
        let late = Answer {
            attempt_id: view.attempt_id,
            question_id: view.questions[15].id,
            option_id: view.questions[15].options[0].id,
        };
        let refused = service::answer(&t.db, me, late, now() + Duration::minutes(4), 5).await.unwrap_err();
        assert_eq!(refused.code(), "attempt_submitted", "{}", t.backend);

        // While the week runs, others could still use the key: score only.
        let open =
            service::review(&t.db, me, view.attempt_id, now() + Duration::minutes(5), 5).await.unwrap();
        assert!(open.items.is_empty() && open.note.contains("đã kết thúc"), "{}", open.note);
        // Once no attempt of the week can take answers, the key is shown.
        let over = round.closes_at + Duration::seconds(i64::from(round.time_limit_seconds) + 5);
        let review = service::review(&t.db, me, view.attempt_id, over, 5).await.unwrap();
        assert_eq!(review.items.len(), 20);
        let right = review.items.iter().filter(|i| i.chosen_option_id == Some(i.correct_option_id)).count();
        assert_eq!(right, 5);

        let status = service::contest_status(&t.db, me, round.contest_id).await.unwrap();
        assert_eq!(status.full_name, "Nguyễn Thị Hà");
        let week2 = status.allowances.iter().find(|a| a.round_id == round.id).unwrap();
        assert_eq!((week2.used, week2.allowed), (1, 2));

        let mine = service::attempts_of(&t.db, me).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!((mine[0].status, mine[0].score), (app::attempt::AttemptStatus::Submitted, Some(25)));
        t.finish().await;
    }
}

#[tokio::test]
async fn time_is_the_servers_and_overdue_attempts_close_themselves() {
    for t in common::demo_databases("deadline", now()).await {
        let me = register(&t.db, form("0912345678", unit_id(&t.db, "SNV").await), None, now()).await.unwrap();
        let round = open_round(&t.db).await;
        let view = service::start(&t.db, me, round.id, now(), 5).await.unwrap();
        let q = &view.questions[0];
        let saved = Answer { attempt_id: view.attempt_id, question_id: q.id, option_id: q.options[0].id };
        // Within the grace after the deadline: still saved.
        service::answer(&t.db, me, saved, now() + Duration::seconds(20 * 60 + 4), 5).await.unwrap();
        // After it: refused with a clear message, not silently dropped.
        let q2 = &view.questions[1];
        let late = Answer { attempt_id: view.attempt_id, question_id: q2.id, option_id: q2.options[0].id };
        let err =
            service::answer(&t.db, me, late, now() + Duration::seconds(20 * 60 + 6), 5).await.unwrap_err();
        assert_eq!(err.code(), "time_up", "{}", t.backend);
        assert!(err.to_string().contains("hết thời gian"));

        // The browser never came back: the server graded what was saved, as of the deadline.
        let closed = attempt::Entity::find_by_id(view.attempt_id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(closed.submitted_at, Some(closed.deadline_at));
        assert_eq!(closed.duration_ms, Some(20 * 60 * 1000));
        assert_eq!(closed.prediction, None);
        assert!(closed.correct_count.is_some());

        // A late submit returns that grade rather than a new one.
        let result = service::submit(&t.db, me, view.attempt_id, Some(5), now() + Duration::hours(1), 5)
            .await
            .unwrap();
        assert_eq!(result.duration_ms, 20 * 60 * 1000);
        t.finish().await;
    }
}

#[tokio::test]
async fn limits_hold_under_concurrent_starts_and_rounds_keep_their_windows() {
    for t in common::demo_databases("limits", now()).await {
        let me = register(&t.db, form("0912345678", unit_id(&t.db, "SNV").await), None, now()).await.unwrap();
        let round = open_round(&t.db).await;
        // Four tabs press "start" at once: one attempt.
        let starts = (0..4).map(|_| service::start(&t.db, me, round.id, now(), 5));
        let ids: HashSet<i32> = futures_ids(starts)
            .await
            .into_iter()
            .map(|r| r.unwrap_or_else(|e| panic!("{}: {e:?}", t.backend)))
            .collect();
        assert_eq!(ids.len(), 1, "{}", t.backend);
        let in_round =
            attempt::Entity::find().filter(attempt::Column::RoundId.eq(round.id)).count(&t.db).await;
        assert_eq!(in_round.unwrap(), 1);

        let first = *ids.iter().next().unwrap();
        service::submit(&t.db, me, first, Some(1), now() + Duration::minutes(1), 5).await.unwrap();
        let second = service::start(&t.db, me, round.id, now() + Duration::minutes(2), 5).await.unwrap();
        service::submit(&t.db, me, second.attempt_id, Some(1), now() + Duration::minutes(3), 5)
            .await
            .unwrap();
        let third = service::start(&t.db, me, round.id, now() + Duration::minutes(4), 5).await.unwrap_err();
        assert_eq!((third.code(), third.status_code()), ("attempt_limit_reached", 409));

        // Week 1 has closed, week 3 has not opened.
        let other = |n: i32| {
            round::Entity::find()
                .filter(round::Column::ContestId.eq(round.contest_id))
                .filter(round::Column::Number.eq(n))
        };
        let week1 = other(1).one(&t.db).await.unwrap().unwrap();
        let week3 = other(3).one(&t.db).await.unwrap().unwrap();
        assert_eq!(service::start(&t.db, me, week1.id, now(), 5).await.unwrap_err().code(), "round_closed");
        assert_eq!(service::start(&t.db, me, week3.id, now(), 5).await.unwrap_err().code(), "round_not_open");
        t.finish().await;
    }
}

/// Runs the futures concurrently and returns their attempt ids.
async fn futures_ids<F>(starts: impl Iterator<Item = F>) -> Vec<Result<i32, AppError>>
where
    F: std::future::Future<Output = Result<app::attempt::AttemptView, AppError>>,
{
    let handles: Vec<_> = starts.collect();
    let mut out = Vec::new();
    for r in futures::future::join_all(handles).await {
        out.push(r.map(|v| v.attempt_id));
    }
    out
}

#[tokio::test]
async fn people_on_the_exclusion_list_may_take_part_but_are_not_eligible() {
    for t in common::demo_databases("excluded", now()).await {
        let snv = unit_id(&t.db, "SNV").await;
        let member = register(&t.db, form("0912345678", snv), None, now()).await.unwrap();
        let citizen = register(&t.db, form("0987654321", snv), None, now()).await.unwrap();
        let round = open_round(&t.db).await;
        app::entities::exclusion::ActiveModel {
            contest_id: Set(round.contest_id),
            phone: Set(Some("0912345678".into())),
            id_number: Set(None),
            reason: Set("Thành viên Ban Tổ chức".into()),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
        let a = service::start(&t.db, member, round.id, now(), 5).await.unwrap();
        let b = service::start(&t.db, citizen, round.id, now(), 5).await.unwrap();
        let eligible = |id: i32| {
            let db = t.db.clone();
            async move { attempt::Entity::find_by_id(id).one(&db).await.unwrap().unwrap().eligible }
        };
        assert!(!eligible(a.attempt_id).await, "{}", t.backend);
        assert!(eligible(b.attempt_id).await, "{}", t.backend);
        t.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_answer_counts_even_when_racing_the_submit() {
    for t in common::demo_databases("race", now()).await {
        let me = register(&t.db, form("0912345678", unit_id(&t.db, "SNV").await), None, now()).await.unwrap();
        let round = open_round(&t.db).await;
        let view = service::start(&t.db, me, round.id, now(), 5).await.unwrap();
        let keys: std::collections::HashMap<i32, i32> = attempt_question::Entity::find()
            .filter(attempt_question::Column::AttemptId.eq(view.attempt_id))
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|k| (k.question_id, k.correct_option_id))
            .collect();
        // Every question answered correctly, all at once, while the submit runs.
        let mut saves = Vec::new();
        for q in &view.questions {
            let db = t.db.clone();
            let a = Answer { attempt_id: view.attempt_id, question_id: q.id, option_id: keys[&q.id] };
            saves.push(tokio::spawn(async move { service::answer(&db, me, a, now(), 5).await }));
        }
        let db = t.db.clone();
        let attempt_id = view.attempt_id;
        let submit =
            tokio::spawn(async move { service::submit(&db, me, attempt_id, Some(3), now(), 5).await });
        let mut acknowledged = 0;
        for s in saves {
            match s.await.unwrap() {
                Ok(saved) => acknowledged += i32::from(saved.saved),
                Err(e) => assert_eq!(e.code(), "attempt_submitted", "{}: {e:?}", t.backend),
            }
        }
        let result = submit.await.unwrap().unwrap();
        assert_eq!(result.correct, acknowledged, "{}: every acknowledged answer is in the grade", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn prize_deciding_details_lock_at_the_first_attempt() {
    use app::contestant::service::{profile, update_profile, ProfileChanges};
    for t in common::demo_databases("profile", now()).await {
        let snv = unit_id(&t.db, "SNV").await;
        let stp = unit_id(&t.db, "STP").await;
        let me = register(&t.db, form("0912345678", snv), None, now()).await.unwrap();
        let changes = |name: &str, unit: i32| ProfileChanges {
            full_name: name.into(),
            birth_date: "1990-05-17".into(),
            id_number: None,
            email: Some("ha@example.vn".into()),
            unit_id: unit,
        };
        // Before any attempt: everything may change.
        let p = update_profile(&t.db, me, changes("Nguyễn Thị Thu Hà", stp), None, now()).await.unwrap();
        assert_eq!((p.full_name.as_str(), p.unit_id, p.locked), ("Nguyễn Thị Thu Hà", stp, false));
        assert_eq!(p.unit_path, "Tỉnh Lạng Sơn › Sở Tư pháp");

        service::start(&t.db, me, open_round(&t.db).await.id, now(), 5).await.unwrap();
        assert!(profile(&t.db, me).await.unwrap().locked);
        let refused =
            update_profile(&t.db, me, changes("Nguyễn Thị Hà", stp), None, now()).await.unwrap_err();
        assert_eq!((refused.code(), refused.status_code()), ("profile_locked", 409), "{}", t.backend);
        // E-mail stays editable.
        let mut only_email = changes("Nguyễn Thị Thu Hà", stp);
        only_email.email = Some("thuha@example.vn".into());
        assert_eq!(
            update_profile(&t.db, me, only_email, None, now()).await.unwrap().email.as_deref(),
            Some("thuha@example.vn")
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn an_attempt_is_only_its_owners() {
    for t in common::demo_databases("owner", now()).await {
        let snv = unit_id(&t.db, "SNV").await;
        let me = register(&t.db, form("0912345678", snv), None, now()).await.unwrap();
        let other = register(&t.db, form("0987654321", snv), None, now()).await.unwrap();
        let round = open_round(&t.db).await;
        let view = service::start(&t.db, me, round.id, now(), 5).await.unwrap();
        let q = &view.questions[0];
        let a = Answer { attempt_id: view.attempt_id, question_id: q.id, option_id: q.options[0].id };
        assert_eq!(service::answer(&t.db, other, a, now(), 5).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(
            service::submit(&t.db, other, view.attempt_id, Some(1), now(), 5).await.unwrap_err(),
            AppError::Forbidden
        );
        assert!(service::attempts_of(&t.db, other).await.unwrap().is_empty());
        t.finish().await;
    }
}
