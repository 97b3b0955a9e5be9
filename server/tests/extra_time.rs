//! Extra time (WCAG 2.2.1) on every backend: an organizer's grant lengthens
//! the contestant's new attempts and only those, is refused to unit contacts
//! and outside its bounds (in Vietnamese), is in the audit log, holds the
//! answer key back until the longer attempt is over, and ranks by the share
//! of one's own allowance used.
// Test helpers may panic: a missing demo row should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use app::attempt::service;
use app::attempt::StartChoice;
use app::contestant::service::{register, Registration};
use app::entities::{attempt, contest, contestant, round, unit};
use app::staff::Role;
use chrono::{DateTime, Duration, DurationRound, Utc};
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::{json, Value};

const GRACE: i64 = 5;

fn form(phone: &str, unit_id: i32) -> Registration {
    Registration {
        full_name: "Hoàng Thị Mai".into(),
        birth_date: "1991-04-02".into(),
        phone: phone.into(),
        id_number: None,
        email: None,
        category: "civil_servant".into(),
        unit_id,
        password: "mật khẩu an toàn".into(),
    }
}

async fn unit_id(db: &DatabaseConnection, code: &str) -> i32 {
    unit::Entity::find().filter(unit::Column::Code.eq(code)).one(db).await.unwrap().unwrap().id
}

/// The live demo contest's round open at `at`, reshaped by `shape`.
async fn live_round(
    db: &DatabaseConnection,
    at: DateTime<Utc>,
    shape: impl FnOnce(&mut round::ActiveModel),
) -> round::Model {
    let live = contest::Entity::find()
        .filter(contest::Column::Slug.eq("cchc-lang-son-trai-nghiem"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let open = round::Entity::find()
        .filter(round::Column::ContestId.eq(live.id))
        .filter(round::Column::OpensAt.lte(at))
        .filter(round::Column::ClosesAt.gt(at))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut active = open.into_active_model();
    shape(&mut active);
    active.update(db).await.unwrap()
}

/// An organizer signed in on `app` (the account is made on `db`).
async fn organizer(app: &axum::Router, db: &DatabaseConnection, backend: &str) -> Client {
    let email = format!("btc.thoigian@{backend}.example.vn");
    account(db, &email, Role::Organizer).await;
    signed_in(app.clone(), &email).await
}

async fn grant(btc: &mut Client, id: i32, percent: i32, reason: &str) -> (StatusCode, Value) {
    btc.post(
        "/api/admin/contestants/extra-time/grant",
        json!({"id": id, "percent": percent, "reason": reason}),
    )
    .await
}

#[tokio::test]
async fn a_grant_lengthens_new_attempts_and_leaves_the_running_one_alone() {
    let t0 = Utc::now().duration_trunc(Duration::seconds(1)).unwrap();
    for t in common::demo_databases("extra_time_deadline", t0).await {
        let app = common::router(&t.db);
        let snv = unit_id(&t.db, "SNV").await;
        let round = live_round(&t.db, t0, |r| {
            r.time_limit_seconds = Set(20 * 60);
            r.attempts_allowed = Set(2);
            r.prediction_kind = Set(app::entities::round::PredictionKind::None);
        })
        .await;
        let mai = register(&t.db, form("0914000001", snv), None, t0).await.unwrap();
        let mut btc = organizer(&app, &t.db, t.backend).await;

        // Without a grant: the round's 20 minutes, and nothing said about extra time.
        let first = service::start(&t.db, mai, round.id, t0, GRACE).await.unwrap();
        assert_eq!(first.deadline_ms - first.server_now_ms, 20 * 60 * 1000, "{}", t.backend);
        assert_eq!(first.extra_time_note, None);

        let (status, body) = grant(&mut btc, mai, 50, "Khiếm thị, dùng trình đọc màn hình").await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        assert_eq!(body["percent"], 50);
        assert_eq!(body["reason"], "Khiếm thị, dùng trình đọc màn hình");
        let (status, read) = btc.get(&format!("/api/admin/contestants/extra-time?id={mai}")).await;
        assert_eq!((status, read["percent"].clone()), (StatusCode::OK, json!(50)), "{read}");

        // The attempt already running keeps its deadline.
        let resumed = service::start(&t.db, mai, round.id, t0 + Duration::seconds(60), GRACE).await.unwrap();
        assert_eq!(resumed.attempt_id, first.attempt_id);
        assert_eq!(resumed.deadline_ms, first.deadline_ms, "{}: running attempt moved", t.backend);
        let stored = attempt::Entity::find_by_id(first.attempt_id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(stored.extra_time_percent, 0);
        service::submit(&t.db, mai, first.attempt_id, None, t0 + Duration::seconds(120), GRACE)
            .await
            .unwrap();

        // The start page tells her before she starts the next one.
        let info = service::start_info(&t.db, Some(mai), round.id, t0 + Duration::seconds(130), GRACE)
            .await
            .unwrap();
        assert_eq!(info.choice, StartChoice::Start { sequence: 2 });
        assert_eq!(
            info.extra_time_note.as_deref(),
            Some("Bạn được cộng thêm 10 phút (50%): thời gian làm bài của bạn là 30 phút.")
        );
        assert_eq!(info.minutes_with_extra_time, 30);

        // The new attempt: start + 20 min × 1.5, on the server's clock, and the quiz says so.
        let second = service::start(&t.db, mai, round.id, t0 + Duration::seconds(130), GRACE).await.unwrap();
        assert_ne!(second.attempt_id, first.attempt_id);
        assert_eq!(second.deadline_ms - second.server_now_ms, 30 * 60 * 1000, "{}", t.backend);
        assert!(second.extra_time_note.as_deref().is_some_and(|n| n.contains("cộng thêm 10 phút")));
        let stored = attempt::Entity::find_by_id(second.attempt_id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(stored.extra_time_percent, 50);
        // Answers are taken past the round's own 20 minutes.
        let late = app::attempt::service::Answer {
            attempt_id: second.attempt_id,
            question_id: second.questions[0].id,
            option_id: second.questions[0].options[0].id,
        };
        service::answer(&t.db, mai, late, t0 + Duration::seconds(130 + 25 * 60), GRACE).await.unwrap();

        // The grant is in the audit log with its reason, as a sentence.
        let (_, log) = btc.get("/api/admin/audit?action=contestant.extra_time").await;
        let entry = &log["items"][0];
        assert_eq!(entry["action"], "contestant.extra_time", "{log}");
        assert_eq!(entry["entity_id"], mai.to_string());
        assert_eq!(entry["reason"], "Khiếm thị, dùng trình đọc màn hình");
        let sentence = entry["sentence"].as_str().unwrap();
        assert!(sentence.contains("“Hoàng Thị Mai” được cộng thêm 50% thời gian làm bài"), "{sentence}");

        // Removed (with a reason): a running attempt keeps its deadline, the next has none.
        let (status, body) = btc
            .post("/api/admin/contestants/extra-time/remove", json!({"id": mai, "reason": "Đã hết nhu cầu"}))
            .await;
        assert_eq!((status, body), (StatusCode::OK, Value::Null));
        let (_, read) = btc.get(&format!("/api/admin/contestants/extra-time?id={mai}")).await;
        assert_eq!(read, Value::Null);
        let again = service::start(&t.db, mai, round.id, t0 + Duration::seconds(200), GRACE).await.unwrap();
        assert_eq!(again.deadline_ms, second.deadline_ms);
        let (_, log) = btc.get("/api/admin/audit?action=contestant.extra_time_remove").await;
        assert_eq!(log["items"][0]["reason"], "Đã hết nhu cầu", "{log}");
        assert!(log["items"][0]["sentence"].as_str().unwrap().contains("bỏ thời gian cộng thêm (50%)"));
        t.finish().await;
    }
}

#[tokio::test]
async fn grants_are_for_organizers_within_bounds_and_with_a_reason() {
    let now = Utc::now();
    for t in common::demo_databases("extra_time_rules", now).await {
        let app = common::router(&t.db);
        let snv = unit_id(&t.db, "SNV").await;
        let mai = register(&t.db, form("0914000002", snv), None, now).await.unwrap();
        let mut btc = organizer(&app, &t.db, t.backend).await;

        // Out of bounds or without a reason: 422, each field said in Vietnamese, nothing saved.
        let bounds = "Thời gian cộng thêm phải từ 10% đến 100% thời gian làm bài.";
        for percent in [0, 9, 101, 150] {
            let (status, body) = grant(&mut btc, mai, percent, "Khiếm thị").await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {percent}: {body}", t.backend);
            assert_eq!(body["fields"]["percent"], bounds, "{body}");
        }
        let (status, body) = grant(&mut btc, mai, 30, "   ").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["fields"]["reason"], "Vui lòng ghi lý do (được lưu vào nhật ký thay đổi).");
        let (_, read) = btc.get(&format!("/api/admin/contestants/extra-time?id={mai}")).await;
        assert_eq!(read, Value::Null, "{}: a refused grant was saved", t.backend);
        assert_eq!(grant(&mut btc, mai, 10, "Tay run, bấm chậm").await.0, StatusCode::OK);
        assert_eq!(grant(&mut btc, mai, 100, "Khiếm thị nặng").await.0, StatusCode::OK);
        let (status, body) =
            btc.post("/api/admin/contestants/extra-time/remove", json!({"id": mai, "reason": ""})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["fields"]["reason"].is_string(), "{body}");
        let (status, _) = grant(&mut btc, 999_999, 50, "Không có ai").await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // A unit contact, even of her own unit, can neither grant, remove nor read it.
        let contact = format!("daumoi.thoigian@{}.example.vn", t.backend);
        account(&t.db, &contact, Role::UnitContact).await;
        let mut daumoi = signed_in(app.clone(), &contact).await;
        let (status, body) = grant(&mut daumoi, mai, 50, "Xin thêm giờ").await;
        assert_eq!((status, body["error"].clone()), (StatusCode::FORBIDDEN, json!("forbidden")), "{body}");
        let (status, _) =
            daumoi.post("/api/admin/contestants/extra-time/remove", json!({"id": mai, "reason": "Bỏ"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = daumoi.get(&format!("/api/admin/contestants/extra-time?id={mai}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // Nor can anyone not signed in.
        let (status, _) = grant(&mut Client::new(app.clone()), mai, 50, "x").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // What the organizer granted last is what stands.
        let (_, read) = btc.get(&format!("/api/admin/contestants/extra-time?id={mai}")).await;
        assert_eq!((read["percent"].clone(), read["reason"].clone()), (json!(100), json!("Khiếm thị nặng")));
        assert!(read["granted_by"].as_str().is_some_and(|s| !s.is_empty()), "{read}");
        t.finish().await;
    }
}

/// The 1-minute round: A submits before the close; B, with +100 %,
/// starts 5 s before it and may answer until close + 115 s. A's key waits
/// for B, and for as long as an attempt with the largest grant could run.
#[tokio::test]
async fn the_answer_key_waits_until_an_attempt_with_extra_time_is_over() {
    let close = Utc::now().duration_trunc(Duration::minutes(1)).unwrap();
    for t in common::demo_databases("extra_time_key", close - Duration::minutes(30)).await {
        let app = common::router(&t.db);
        let snv = unit_id(&t.db, "SNV").await;
        let round = live_round(&t.db, close - Duration::minutes(30), |r| {
            r.opens_at = Set(close - Duration::hours(1));
            r.closes_at = Set(close);
            r.time_limit_seconds = Set(60);
            r.prediction_kind = Set(app::entities::round::PredictionKind::None);
            r.review_policy = Set(app::entities::round::ReviewPolicy::AfterClose);
        })
        .await;
        let a = register(&t.db, form("0914000003", snv), None, close).await.unwrap();
        let b = register(&t.db, form("0914000004", snv), None, close).await.unwrap();
        let mut btc = organizer(&app, &t.db, t.backend).await;
        assert_eq!(grant(&mut btc, b, 100, "Khiếm thị").await.0, StatusCode::OK);

        let a_view = service::start(&t.db, a, round.id, close - Duration::seconds(50), GRACE).await.unwrap();
        service::submit(&t.db, a, a_view.attempt_id, None, close - Duration::seconds(30), GRACE)
            .await
            .unwrap();
        let b_view = service::start(&t.db, b, round.id, close - Duration::seconds(5), GRACE).await.unwrap();
        assert_eq!(b_view.deadline_ms, (close + Duration::seconds(115)).timestamp_millis(), "{}", t.backend);

        // Past close + 60 s + grace, when the key would open without extra time: B still answers.
        let b_answer = |q: usize| app::attempt::service::Answer {
            attempt_id: b_view.attempt_id,
            question_id: b_view.questions[q].id,
            option_id: b_view.questions[q].options[0].id,
        };
        for (q, seconds) in [66, 100, 118].into_iter().enumerate() {
            let at = close + Duration::seconds(seconds);
            let review = service::review(&t.db, a, a_view.attempt_id, at, GRACE).await.unwrap();
            assert!(review.items.is_empty(), "{}: key shown at close+{seconds}s", t.backend);
            let json = serde_json::to_string(&review).unwrap();
            assert!(!json.contains("correct_option_id"), "{json}");
            if seconds <= 115 {
                service::answer(&t.db, b, b_answer(q), at, GRACE).await.unwrap();
            }
        }
        // The note names the later time: close + 120 s + grace, to the minute.
        let note = service::review(&t.db, a, a_view.attempt_id, close + Duration::seconds(66), GRACE)
            .await
            .unwrap()
            .note;
        let opens = app::time::local_datetime(close + Duration::seconds(120 + GRACE + 59));
        assert!(note.ends_with(&format!("(sau {opens}).")), "{note} / {opens}");

        // B is over at close + 115 s + grace; the key waits to close + 2 × 60 s + grace in any case.
        let held = service::review(&t.db, a, a_view.attempt_id, close + Duration::seconds(121), GRACE)
            .await
            .unwrap();
        assert!(held.items.is_empty(), "{}", t.backend);
        let shown =
            service::review(&t.db, a, a_view.attempt_id, close + Duration::seconds(120 + GRACE), GRACE)
                .await
                .unwrap();
        assert_eq!(shown.items.len(), a_view.questions.len(), "{}: {}", t.backend, shown.note);
        t.finish().await;
    }
}

/// A submitted attempt straight in the table.
async fn sat(
    db: &DatabaseConnection,
    round: &round::Model,
    who: i32,
    duration_ms: i32,
    extra_percent: i32,
    submitted: DateTime<Utc>,
) -> i32 {
    attempt::ActiveModel {
        round_id: Set(round.id),
        contestant_id: Set(who),
        sequence: Set(1),
        started_at: Set(submitted - Duration::milliseconds(i64::from(duration_ms))),
        deadline_at: Set(submitted + Duration::minutes(30)),
        submitted_at: Set(Some(submitted)),
        correct_count: Set(Some(18)),
        question_count: Set(20),
        score: Set(Some(90)),
        duration_ms: Set(Some(duration_ms)),
        eligible: Set(true),
        extra_time_percent: Set(extra_percent),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

async fn person(db: &DatabaseConnection, n: usize, unit: i32) -> i32 {
    contestant::ActiveModel {
        full_name: Set(format!("Vi Văn Số {n}")),
        birth_date: Set(chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()),
        phone: Set(format!("09{:08}", 40_000_000 + n)),
        category: Set("civil_servant".into()),
        unit_id: Set(unit),
        password_hash: Set("x".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

/// Equal scores: 14 minutes with +50 % counts as 9 min 20 s and beats 10
/// minutes without; 15 minutes with +50 % counts as 10 and ties on time.
#[tokio::test]
async fn ranking_by_duration_compares_the_share_of_ones_own_allowance() {
    let now = Utc::now().duration_trunc(Duration::seconds(1)).unwrap();
    for t in common::demo_databases("extra_time_rank", now).await {
        let snv = unit_id(&t.db, "SNV").await;
        let round = live_round(&t.db, now, |r| {
            r.prediction_kind = Set(app::entities::round::PredictionKind::None);
            r.tie_break = Set("score,duration,submitted".into());
        })
        .await;
        let plain = person(&t.db, 1, snv).await;
        let quick = person(&t.db, 2, snv).await;
        let equal = person(&t.db, 3, snv).await;
        let at = now - Duration::minutes(1);
        let a = sat(&t.db, &round, plain, 600_000, 0, at).await;
        let b = sat(&t.db, &round, quick, 840_000, 50, at + Duration::seconds(2)).await;
        let c = sat(&t.db, &round, equal, 900_000, 50, at + Duration::seconds(1)).await;
        let ranked = app::results::service::rank_round(&t.db, round.id, None).await.unwrap();
        // Only these three (the demo may have others in the round), in their order.
        let order: Vec<(i32, i32)> = ranked
            .rows
            .iter()
            .filter(|(_, e, _)| [a, b, c].contains(&e.attempt_id))
            .map(|(_, e, _)| (e.attempt_id, e.duration_ms))
            .collect();
        // The leaderboard's time is the counted one; equal counted times go by submission.
        assert_eq!(order, vec![(b, 560_000), (a, 600_000), (c, 600_000)], "{}", t.backend);
        t.finish().await;
    }
}

/// The start page, as the server renders it (before any JavaScript), says
/// the allowance and the contestant's own minutes.
#[tokio::test]
async fn the_start_page_tells_the_contestant_their_allowance() {
    let now = Utc::now();
    for t in common::demo_databases("extra_time_page", now).await {
        let app = common::router(&t.db);
        let snv = unit_id(&t.db, "SNV").await;
        let round = live_round(&t.db, now, |r| {
            r.time_limit_seconds = Set(20 * 60);
            r.questions_per_attempt = Set(20);
        })
        .await;
        let mut mai = Client::new(app.clone());
        mai.address = Some("198.51.100.41".into());
        let (status, body) = mai
            .post(
                "/api/contestants/register",
                json!({"full_name": "Hoàng Thị Mai", "birth_date": "1991-04-02", "phone": "0914000005",
                       "category": "civil_servant", "unit_id": snv, "password": "mật khẩu an toàn"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let id = body["contestant_id"].as_i64().unwrap() as i32;
        let page = format!("/vao-thi/{}", round.id);
        let before = mai.get_text(&page).await;
        assert!(before.contains("20 câu · 20 phút") && !before.contains("cộng thêm"), "{}", t.backend);

        let mut btc = organizer(&app, &t.db, t.backend).await;
        assert_eq!(grant(&mut btc, id, 50, "Khiếm thị").await.0, StatusCode::OK);
        let after = mai.get_text(&page).await;
        assert!(
            after.contains("Bạn được cộng thêm 10 phút (50%): thời gian làm bài của bạn là 30 phút."),
            "{}: {after}",
            t.backend
        );
        assert!(after.contains("20 câu · 30 phút"), "{}", t.backend);
        assert!(after.contains("đồng hồ 30 phút bắt đầu chạy"), "{}", t.backend);
        t.finish().await;
    }
}
