//! Contest integrity on every backend: no answer key while any attempt of the
//! round can still run, practice rounds, the prediction's figure withheld
//! until its true value is recorded, locked and disqualified accounts counted
//! nowhere, sessions that end, what unit contacts see, and private files.
// Test helpers may panic: a missing demo row should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use app::attempt::service::{self, Answer};
use app::contestant::service::{register, Registration};
use app::entities::{attempt, audit_log, contest, contestant, round, session, unit, unit_stat};
use app::session::{DbSessionStore, SessionLifetime};
use app::staff::Role;
use chrono::{DateTime, Duration, DurationRound, Utc};
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::{json, Value};
use tower_sessions::session::{Id, Record};

const GRACE: i64 = 5;

/// Rankings are cached per process by round id, and every test's databases
/// share the demo's ids: the tests that rank take turns.
static RANKINGS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn form(phone: &str, unit_id: i32) -> Registration {
    Registration {
        full_name: "Lê Văn Bình".into(),
        birth_date: "1988-03-09".into(),
        phone: phone.into(),
        id_number: Some("020088001234".into()),
        email: Some("binh@example.vn".into()),
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

/// A submitted attempt straight in the table (for figures, not for the key).
async fn sat(db: &DatabaseConnection, round: &round::Model, who: i32, score: i32) {
    let started = round.opens_at + Duration::minutes(1);
    attempt::ActiveModel {
        round_id: Set(round.id),
        contestant_id: Set(who),
        sequence: Set(1),
        started_at: Set(started),
        deadline_at: Set(started + Duration::minutes(20)),
        submitted_at: Set(Some(started + Duration::minutes(5))),
        correct_count: Set(Some(score / 5)),
        question_count: Set(20),
        score: Set(Some(score)),
        duration_ms: Set(Some(300_000)),
        prediction: Set(Some(3)),
        eligible: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

async fn person(db: &DatabaseConnection, n: usize, unit: i32) -> i32 {
    contestant::ActiveModel {
        full_name: Set(format!("Phạm Thị Số {n}")),
        birth_date: Set(chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()),
        phone: Set(format!("09{:08}", 30_000_000 + n)),
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

/// The 1-minute round: A submits before the close, B starts 5 s
/// before it. One second after the close A's review holds no key; only once B
/// can no longer answer (close + time limit + grace) does it.
#[tokio::test]
async fn no_answer_key_while_any_attempt_of_the_round_can_still_run() {
    let close = Utc::now().duration_trunc(Duration::minutes(1)).unwrap();
    for t in common::demo_databases("key_window", close - Duration::minutes(30)).await {
        let snv = unit_id(&t.db, "SNV").await;
        let round = live_round(&t.db, close - Duration::minutes(30), |r| {
            r.opens_at = Set(close - Duration::hours(1));
            r.closes_at = Set(close);
            r.time_limit_seconds = Set(60);
            r.prediction_kind = Set(app::entities::round::PredictionKind::None);
            r.review_policy = Set(app::entities::round::ReviewPolicy::AfterClose);
        })
        .await;
        let a = register(&t.db, form("0913000001", snv), None, close).await.unwrap();
        let mut b_form = form("0913000002", snv);
        b_form.id_number = None;
        let b = register(&t.db, b_form, None, close).await.unwrap();

        let a_view = service::start(&t.db, a, round.id, close - Duration::seconds(50), GRACE).await.unwrap();
        let answer = |q: usize| Answer {
            attempt_id: a_view.attempt_id,
            question_id: a_view.questions[q].id,
            option_id: a_view.questions[q].options[0].id,
        };
        service::answer(&t.db, a, answer(0), close - Duration::seconds(40), GRACE).await.unwrap();
        service::submit(&t.db, a, a_view.attempt_id, None, close - Duration::seconds(30), GRACE)
            .await
            .unwrap();
        let b_view = service::start(&t.db, b, round.id, close - Duration::seconds(5), GRACE).await.unwrap();

        // One second after the close: score only, for the after_close and after_submit policies alike.
        for policy in [round::ReviewPolicy::AfterClose, round::ReviewPolicy::AfterSubmit] {
            let mut r =
                round::Entity::find_by_id(round.id).one(&t.db).await.unwrap().unwrap().into_active_model();
            r.review_policy = Set(policy);
            r.update(&t.db).await.unwrap();
            for at in
                [close - Duration::seconds(20), close + Duration::seconds(1), close + Duration::seconds(64)]
            {
                let review = service::review(&t.db, a, a_view.attempt_id, at, GRACE).await.unwrap();
                assert!(review.items.is_empty(), "{} {policy:?} at {at}: key shown", t.backend);
                assert!(review.note.contains("đã kết thúc"), "{}", review.note);
                let json = serde_json::to_string(&review).unwrap();
                assert!(!json.contains("correct_option_id"), "{json}");
            }
        }
        // The result itself says how many were right, never which.
        let result = service::own_result(&t.db, a, a_view.attempt_id).await.unwrap();
        let json = serde_json::to_value(result).unwrap();
        // Counts and the contestant's own prediction only: nothing per question.
        let mut keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["attempt_id", "correct", "duration_ms", "prediction", "score", "total", "unanswered"],
            "{json}"
        );
        assert!(json["unanswered"].is_u64(), "a count, not a list of questions: {json}");

        // B is still answering a second after the close.
        let b_answer = Answer {
            attempt_id: b_view.attempt_id,
            question_id: b_view.questions[0].id,
            option_id: b_view.questions[0].options[0].id,
        };
        service::answer(&t.db, b, b_answer, close + Duration::seconds(1), GRACE).await.unwrap();

        // close + limit + grace: B can no longer answer, so A's key is shown.
        let over = close + Duration::seconds(60 + GRACE);
        let review = service::review(&t.db, a, a_view.attempt_id, over, GRACE).await.unwrap();
        assert_eq!(review.items.len(), a_view.questions.len(), "{}: {}", t.backend, review.note);

        // An attempt whose deadline runs longer (say the limit was shortened
        // after it started) holds the key back until it is over too.
        let mut late = attempt::Entity::find_by_id(b_view.attempt_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        late.deadline_at = Set(close + Duration::minutes(3));
        late.update(&t.db).await.unwrap();
        let held = service::review(&t.db, a, a_view.attempt_id, over, GRACE).await.unwrap();
        assert!(held.items.is_empty(), "{}", t.backend);
        let done = close + Duration::minutes(3) + Duration::seconds(GRACE + 1);
        let review = service::review(&t.db, a, a_view.attempt_id, done, GRACE).await.unwrap();
        assert!(!review.items.is_empty(), "{}", t.backend);
        t.finish().await;
    }
}

/// A practice round shows the key right after submit, and is ranked nowhere:
/// not on its leaderboard, not in the contest's ranking, not in the contest's figures.
#[tokio::test]
async fn a_practice_round_reviews_at_once_and_is_ranked_nowhere() {
    let now = Utc::now();
    let _turn = RANKINGS.lock().await;
    for t in common::demo_databases("practice", now).await {
        let snv = unit_id(&t.db, "SNV").await;
        let round = live_round(&t.db, now, |r| {
            r.practice = Set(true);
            r.review_policy = Set(app::entities::round::ReviewPolicy::AfterSubmit);
            r.prediction_kind = Set(app::entities::round::PredictionKind::None);
        })
        .await;
        let me = register(&t.db, form("0913000003", snv), None, now).await.unwrap();
        let view = service::start(&t.db, me, round.id, now, GRACE).await.unwrap();
        service::submit(&t.db, me, view.attempt_id, None, now + Duration::seconds(30), GRACE).await.unwrap();
        let review =
            service::review(&t.db, me, view.attempt_id, now + Duration::seconds(31), GRACE).await.unwrap();
        assert_eq!(review.items.len(), view.questions.len(), "{}: {}", t.backend, review.note);

        let ranked = app::results::service::rank_round(&t.db, round.id, None).await.unwrap();
        assert!(ranked.rows.is_empty(), "{}", t.backend);
        assert!(ranked.left_out.iter().any(|l| l.reason.contains("thi thử")), "{:?}", ranked.left_out);
        let mut c = Client::new(common::router(&t.db));
        let (status, board) = c.get(&format!("/api/rounds/leaderboard?round_id={}", round.id)).await;
        assert_eq!((status, board), (StatusCode::OK, json!([])), "{}", t.backend);
        let (status, board) =
            c.get(&format!("/api/contests/leaderboard?contest_id={}", round.contest_id)).await;
        assert_eq!((status, board), (StatusCode::OK, json!([])), "{}", t.backend);

        // Its own figures are there; the whole contest's (collective prizes, reform index) leave it out.
        app::results::stats::refresh(&t.db, round.contest_id, now).await.unwrap();
        let attempts = |round_id: i32| {
            let db = t.db.clone();
            let contest_id = round.contest_id;
            async move {
                unit_stat::Entity::find()
                    .filter(unit_stat::Column::ContestId.eq(contest_id))
                    .filter(unit_stat::Column::RoundId.eq(round_id))
                    .all(&db)
                    .await
                    .unwrap()
                    .iter()
                    .map(|s| s.attempts)
                    .sum::<i64>()
            }
        };
        assert_eq!(attempts(round.id).await, 1, "{}", t.backend);
        assert_eq!(attempts(0).await, 0, "{}", t.backend);

        // The round editor keeps the setting.
        account(&t.db, "btc@thithu.example.vn", Role::Organizer).await;
        let mut btc = signed_in(common::router(&t.db), "btc@thithu.example.vn").await;
        let (status, setup) = btc.get(&format!("/api/admin/rounds/get?id={}", round.id)).await;
        assert_eq!(status, StatusCode::OK, "{setup}");
        assert_eq!(setup["round"]["practice"], true, "{setup}");
        t.finish().await;
    }
}

/// The full-marks figure of the live round (its prediction question) is not
/// published anywhere until the round's true figure is recorded.
#[tokio::test]
async fn the_prediction_figure_is_withheld_until_the_truth_is_recorded() {
    let now = Utc::now();
    let _turn = RANKINGS.lock().await;
    for t in common::demo_databases("withheld", now).await {
        let snv = unit_id(&t.db, "SNV").await;
        let round = live_round(&t.db, now, |_| {}).await;
        assert_eq!(round.prediction_kind, app::entities::round::PredictionKind::FullMarks);
        for (n, score) in [100, 100, 80].into_iter().enumerate() {
            let who = person(&t.db, n, snv).await;
            sat(&t.db, &round, who, score).await;
        }
        app::results::stats::refresh(&t.db, round.contest_id, now).await.unwrap();
        let mut c = Client::new(common::router(&t.db));
        let tables = [
            format!("/api/stats/units?contest_id={}&round_id={}", round.contest_id, round.id),
            format!("/api/stats/units?contest_id={}", round.contest_id),
        ];
        for url in &tables {
            let (status, table) = c.get(url).await;
            assert_eq!(status, StatusCode::OK, "{table}");
            let rows = table.as_array().unwrap();
            assert!(rows.iter().all(|r| r["full_marks"].is_null()), "{}: {url}", t.backend);
            // Attempt counters stay.
            assert_eq!(rows.iter().map(|r| r["attempts"].as_i64().unwrap()).sum::<i64>(), 3);
            let csv = c.get_text(&url.replace("/api/stats/units?", "/api/stats/units.csv?")).await;
            let snv_line = csv.lines().find(|l| l.starts_with(&format!("{snv};"))).unwrap();
            assert!(snv_line.ends_with(";;93,3"), "full marks left blank: {snv_line}");
        }
        let charts = format!("/api/stats/charts?contest_id={}&round_id={}", round.contest_id, round.id);
        let (_, figures) = c.get(&charts).await;
        let bands = figures["scores"].as_array().unwrap();
        assert!(bands.iter().all(|b| b["from"].as_i64() != Some(100)), "{figures}");
        let top = bands.iter().find(|b| b["from"] == 90).unwrap();
        assert_eq!((top["to"].clone(), top["attempts"].clone()), (json!(100), json!(2)));
        let board = format!("/api/rounds/leaderboard?round_id={}&limit=100", round.id);
        assert_eq!(c.get(&board).await.1, json!([]), "{}", t.backend);

        // Once the round has settled and its figure is recorded, all of it is published.
        let settled = round.closes_at + Duration::seconds(i64::from(round.time_limit_seconds) + 60);
        app::results::service::record_truths(&t.db, settled, GRACE).await.unwrap();
        let recorded = round::Entity::find_by_id(round.id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(recorded.truth, Some(2), "{}", t.backend);
        let (_, table) = c.get(&tables[0]).await;
        let row = table.as_array().unwrap().iter().find(|r| r["unit_id"] == snv).unwrap().clone();
        assert_eq!(row["full_marks"], 2, "{}", t.backend);
        let (_, figures) = c.get(&charts).await;
        assert!(figures["scores"].as_array().unwrap().iter().any(|b| b["from"] == 100), "{figures}");
        let (_, board) = c.get(&board).await;
        assert_eq!(board.as_array().unwrap().len(), 3, "{}: {board}", t.backend);
        assert_eq!(board[0]["prediction_distance"], 1);
        t.finish().await;
    }
}

/// Locked and disqualified accounts count nowhere after the next refresh;
/// the audit log says so; locking also signs the account out everywhere.
#[tokio::test]
async fn locked_and_disqualified_accounts_count_nowhere_and_lose_their_sessions() {
    let now = Utc::now();
    let _turn = RANKINGS.lock().await;
    for t in common::demo_databases("locked", now).await {
        let snv = unit_id(&t.db, "SNV").await;
        let round = live_round(&t.db, now, |_| {}).await;
        let app = common::router(&t.db);
        // The locked one signs in for real and keeps a second session elsewhere.
        let locked = register(&t.db, form("0913000004", snv), None, now).await.unwrap();
        let mut phone = Client::new(app.clone());
        let (status, body) = phone
            .post("/api/session/login", json!({"phone": "0913000004", "password": "mật khẩu an toàn"}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(phone.get("/api/me/attempts").await.0, StatusCode::OK);
        let store = DbSessionStore::new(t.db.clone());
        let mut elsewhere = Record { id: Id::default(), data: Default::default(), expiry_date: time_now() };
        elsewhere.data.insert("contestant_id".into(), json!(locked));
        store.create_at(&mut elsewhere, now).await.unwrap();
        let disqualified = person(&t.db, 1, snv).await;
        let kept = person(&t.db, 2, snv).await;
        let mut someone_else =
            Record { id: Id::default(), data: Default::default(), expiry_date: time_now() };
        // An id that starts with the locked one's digits: the LIKE finds it, the parse keeps it.
        someone_else.data.insert("contestant_id".into(), json!(locked * 10 + 1));
        store.create_at(&mut someone_else, now).await.unwrap();
        for who in [locked, disqualified, kept] {
            sat(&t.db, &round, who, 100).await;
        }
        app::results::stats::refresh(&t.db, round.contest_id, now).await.unwrap();
        let before = app::results::stats::agency_figures(&t.db, round.contest_id, 1).await.unwrap().0;
        assert_eq!(before.iter().map(|a| a.contestants).sum::<i64>(), 3, "{}", t.backend);

        account(&t.db, "btc@khoa.example.vn", Role::Organizer).await;
        let mut btc = signed_in(app.clone(), "btc@khoa.example.vn").await;
        let (status, body) = btc
            .post("/api/admin/contestants/lock", json!({"id": locked, "locked": true, "reason": "Thi hộ"}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = btc
            .post(
                "/api/admin/prizes/disqualify",
                json!({"contest_id": round.contest_id, "contestant_id": disqualified, "reason": "Khai gian"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        // Signed out on every device at once.
        assert_eq!(phone.get("/api/me/attempts").await.0, StatusCode::UNAUTHORIZED, "{}", t.backend);
        assert!(store.load_at(&elsewhere.id, now).await.unwrap().is_none());
        assert!(
            store.load_at(&someone_else.id, now).await.unwrap().is_some(),
            "only that account's sessions"
        );

        // After the next refresh: one contestant, everywhere.
        app::results::stats::refresh(&t.db, round.contest_id, now).await.unwrap();
        let after = app::results::stats::agency_figures(&t.db, round.contest_id, 1).await.unwrap().0;
        assert_eq!(after.iter().map(|a| a.contestants).sum::<i64>(), 1, "{}", t.backend);
        for round_id in [round.id, 0] {
            let rows = unit_stat::Entity::find()
                .filter(unit_stat::Column::ContestId.eq(round.contest_id))
                .filter(unit_stat::Column::RoundId.eq(round_id))
                .all(&t.db)
                .await
                .unwrap();
            let sums = rows
                .iter()
                .fold((0, 0, 0), |s, r| (s.0 + r.attempts, s.1 + r.contestants, s.2 + r.full_marks));
            assert_eq!(sums, (1, 1, 1), "{} round {round_id}", t.backend);
        }
        let charts = app::results::stats::charts(&t.db, round.contest_id, Some(round.id)).await.unwrap();
        assert_eq!(charts.scores.iter().map(|b| b.attempts).sum::<i64>(), 1);
        // The true figure, live and recorded.
        let ranked = app::results::service::rank_round(&t.db, round.id, None).await.unwrap();
        assert_eq!((ranked.truth, ranked.rows.len()), (Some(1), 1), "{}", t.backend);
        let settled = round.closes_at + Duration::seconds(i64::from(round.time_limit_seconds) + 60);
        app::results::service::record_truths(&t.db, settled, GRACE).await.unwrap();
        let recorded = round::Entity::find_by_id(round.id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(recorded.truth, Some(1), "{}", t.backend);

        // The audit log says what changed.
        for action in ["contestant.lock", "prizes.disqualify"] {
            let entry = audit_log::Entity::find()
                .filter(audit_log::Column::Action.eq(action))
                .one(&t.db)
                .await
                .unwrap()
                .unwrap();
            let summary = entry.summary.unwrap_or_default();
            assert!(summary.contains("không còn được tính"), "{action}: {summary}");
            let after: Value = serde_json::from_str(&entry.after.unwrap()).unwrap();
            assert_eq!(after["counted"], false, "{action}: {after}");
        }
        t.finish().await;
    }
}

/// Two servers on one database, each with its own ranking cache: a
/// disqualification, its reversal, a lock and an exclusion decided on server A
/// show on server B's leaderboards (round and contest) at B's next request,
/// not when B's cached ranking runs out.
#[tokio::test]
async fn a_decision_on_one_server_moves_the_leaderboards_of_every_server() {
    let now = Utc::now();
    for t in common::demo_databases("two_servers_rank", now).await {
        let snv = unit_id(&t.db, "SNV").await;
        // No prediction question: the leaderboard is public while the round runs.
        let round =
            live_round(&t.db, now, |r| r.prediction_kind = Set(app::entities::round::PredictionKind::None))
                .await;
        let (a, b) = (common::router(&t.db), common::router(&t.db));
        let people =
            [person(&t.db, 11, snv).await, person(&t.db, 12, snv).await, person(&t.db, 13, snv).await];
        for (who, score) in people.iter().zip([100, 90, 80]) {
            sat(&t.db, &round, *who, score).await;
        }
        account(&t.db, "btc@haimaychu.example.vn", Role::Organizer).await;
        let mut btc = signed_in(a.clone(), "btc@haimaychu.example.vn").await;
        let mut public = Client::new(b.clone());
        let round_board = format!("/api/rounds/leaderboard?round_id={}&limit=100", round.id);
        let contest_board = format!("/api/contests/leaderboard?contest_id={}&limit=100", round.contest_id);
        // The scores server B lists, on both boards (each cached by B's first request).
        let mut scores = async || {
            let mut seen = Vec::new();
            for url in [&round_board, &contest_board] {
                let (status, body) = public.get(url).await;
                assert_eq!(status, StatusCode::OK, "{url}: {body}");
                let listed: Vec<i64> =
                    body.as_array().unwrap().iter().filter_map(|r| r["score"].as_i64()).collect();
                seen.push(listed.into_iter().filter(|s| [100, 90, 80].contains(s)).collect::<Vec<_>>());
            }
            seen
        };
        assert_eq!(scores().await, [vec![100, 90, 80], vec![100, 90, 80]], "{}", t.backend);

        let (status, body) = btc
            .post(
                "/api/admin/prizes/disqualify",
                json!({"contest_id": round.contest_id, "contestant_id": people[0], "reason": "Thi hộ"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(scores().await, [vec![90, 80], vec![90, 80]], "{}: disqualified on A", t.backend);
        let (status, body) = btc.post("/api/admin/prizes/reinstate", json!({"id": body})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(scores().await, [vec![100, 90, 80], vec![100, 90, 80]], "{}: reinstated on A", t.backend);

        let (status, body) = btc
            .post(
                "/api/admin/contestants/lock",
                json!({"id": people[1], "locked": true, "reason": "Mạo danh"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(scores().await, [vec![100, 80], vec![100, 80]], "{}: locked on A", t.backend);

        let (status, body) = btc
            .post(
                "/api/admin/contests/exclusions/add",
                json!({"contest_id": round.contest_id, "phone": "0930000013", "id_number": null, "reason": "Thành viên Ban Tổ chức"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(scores().await, [vec![100], vec![100]], "{}: excluded on A", t.backend);

        // Recording the true figure starts a new generation too.
        let before = round::Entity::find_by_id(round.id).one(&t.db).await.unwrap().unwrap();
        let mut asks = before.clone().into_active_model();
        asks.prediction_kind = Set(app::entities::round::PredictionKind::Participants);
        asks.update(&t.db).await.unwrap();
        let settled = round.closes_at + Duration::seconds(i64::from(round.time_limit_seconds) + 60);
        app::results::service::record_truths(&t.db, settled, GRACE).await.unwrap();
        let after = round::Entity::find_by_id(round.id).one(&t.db).await.unwrap().unwrap();
        // Took part and counted: the reinstated one and the excluded one (not the locked one).
        assert_eq!(after.truth, Some(2), "{}", t.backend);
        assert!(after.ranking_generation > before.ranking_generation, "{}", t.backend);
        t.finish().await;
    }
}

fn time_now() -> tower_sessions::cookie::time::OffsetDateTime {
    tower_sessions::cookie::time::OffsetDateTime::now_utc()
}

/// Sessions end after their idle limit, which every use moves on, and in
/// any case at the absolute limit after sign-in.
#[tokio::test]
async fn sessions_expire_when_idle_and_at_a_fixed_maximum() {
    for t in common::migrated_databases("session_expiry").await {
        let lifetime = SessionLifetime {
            idle: Duration::days(7),
            staff_idle: Duration::hours(12),
            absolute: Duration::days(30),
        };
        let store = DbSessionStore::new(t.db.clone()).with_lifetime(lifetime);
        let t0 = Utc::now();
        let record = |key: &str| {
            let mut r = Record { id: Id::default(), data: Default::default(), expiry_date: time_now() };
            r.data.insert(key.into(), json!(1));
            r
        };

        // Rolling: used every 6 days it lives past the first 7, up to 30 days.
        let mut used = record("contestant_id");
        store.create_at(&mut used, t0).await.unwrap();
        for day in (6..30).step_by(6) {
            let at = t0 + Duration::days(day);
            assert!(store.load_at(&used.id, at).await.unwrap().is_some(), "{}: day {day}", t.backend);
        }
        let row = session::Entity::find_by_id(used.id.to_string()).one(&t.db).await.unwrap().unwrap();
        assert_eq!(row.expires_at.timestamp(), (t0 + Duration::days(30)).timestamp(), "capped at 30 days");
        assert!(store.load_at(&used.id, t0 + Duration::days(29)).await.unwrap().is_some());
        assert!(store
            .load_at(&used.id, t0 + Duration::days(30) + Duration::minutes(1))
            .await
            .unwrap()
            .is_none());
        // A save (a sign-in change) does not restart the 30 days either.
        store.save_at(&used, t0 + Duration::days(29)).await.unwrap();
        assert!(store
            .load_at(&used.id, t0 + Duration::days(30) + Duration::minutes(1))
            .await
            .unwrap()
            .is_none());

        // Idle: left alone for more than 7 days, it is gone; a use on day 3 moved that to day 10.
        let mut idle = record("contestant_id");
        store.create_at(&mut idle, t0).await.unwrap();
        assert!(store
            .load_at(&idle.id, t0 + Duration::days(7) + Duration::minutes(1))
            .await
            .unwrap()
            .is_none());
        let mut used_once = record("contestant_id");
        store.create_at(&mut used_once, t0).await.unwrap();
        assert!(store.load_at(&used_once.id, t0 + Duration::days(3)).await.unwrap().is_some());
        let idle_until = t0 + Duration::days(10);
        assert!(store.load_at(&used_once.id, idle_until + Duration::minutes(1)).await.unwrap().is_none());

        // Staff sessions have the shorter idle limit.
        let mut staff = record("staff");
        store.create_at(&mut staff, t0).await.unwrap();
        assert!(store.load_at(&staff.id, t0 + Duration::hours(11)).await.unwrap().is_some());
        assert!(store
            .load_at(&staff.id, t0 + Duration::hours(23) + Duration::minutes(1))
            .await
            .unwrap()
            .is_none());

        // And the expired rows are swept.
        assert!(store.delete_expired(t0 + Duration::days(31)).await.unwrap() >= 3);
        t.finish().await;
    }
}

/// Through the real router: the cookie lasts no longer than the absolute
/// limit, and the session row's expiry is the idle limit, not 30 days.
#[tokio::test]
async fn a_signed_in_session_is_stored_with_the_idle_limit() {
    for t in common::demo_databases("session_cookie", Utc::now()).await {
        let snv = unit_id(&t.db, "SNV").await;
        register(&t.db, form("0913000005", snv), None, Utc::now()).await.unwrap();
        let mut c = Client::new(common::router(&t.db));
        let (status, body) = c
            .post("/api/session/login", json!({"phone": "0913000005", "password": "mật khẩu an toàn"}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let rows = session::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        let left = rows[0].expires_at - Utc::now();
        assert!(left <= Duration::days(7) && left > Duration::days(6), "{}: {left}", t.backend);
        t.finish().await;
    }
}

/// A unit contact sees a member's name, unit and participation, never their
/// ID number, date of birth, e-mail or network address, and cannot search by ID number.
/// The phone only masked to its last three digits: in the search, the detail,
/// the participation list and its CSV, and a reset code's confirmation.
#[tokio::test]
async fn unit_contacts_see_no_id_number_birth_date_email_or_address() {
    let now = Utc::now();
    for t in common::demo_databases("privacy", now).await {
        let snv = unit_id(&t.db, "SNV").await;
        let member = register(&t.db, form("0913000006", snv), Some("203.0.113.9"), now).await.unwrap();
        let app = common::router(&t.db);
        account(&t.db, "daumoi@donvi.example.vn", Role::UnitContact).await;
        account(&t.db, "btc@riengtu.example.vn", Role::Organizer).await;
        let mut contact = signed_in(app.clone(), "daumoi@donvi.example.vn").await;
        let mut btc = signed_in(app.clone(), "btc@riengtu.example.vn").await;
        let secret =
            ["020088001234", "09/03/1988", "1988-03-09", "binh@example.vn", "203.0.113.9", "0913000006"];
        let masked = "•••••••006";
        let hidden = ["id_number", "birth_date", "birth_date_iso", "email", "registered_from"];
        let urls = [
            "/api/admin/contestants?q=binh".to_owned(),
            format!("/api/admin/contestants/get?id={member}"),
            "/api/admin/units/participation".to_owned(),
        ];
        for url in &urls {
            let (status, body) = contact.get(url).await;
            assert_eq!(status, StatusCode::OK, "{url}: {body}");
            let text = body.to_string();
            assert!(text.contains("Lê Văn Bình"), "{url}: {text}");
            assert!(text.contains(masked), "{}: {url} lacks the masked phone: {text}", t.backend);
            for s in secret {
                assert!(!text.contains(s), "{}: {url} shows {s}: {text}", t.backend);
            }
            for key in hidden {
                assert!(!text.contains(&format!("\"{key}\"")), "{}: {url} carries {key}", t.backend);
            }
        }
        // The download, and the reset code a contact hands over, mask it too.
        let csv = contact.get_text("/api/admin/units/participation.csv").await;
        assert!(csv.contains("Lê Văn Bình") && csv.contains(masked), "{}: {csv}", t.backend);
        assert!(!csv.contains("0913000006"), "{}: the CSV shows the phone", t.backend);
        let (status, issued) = contact.post("/api/admin/contestants/reset-code", json!({"id": member})).await;
        assert_eq!(status, StatusCode::OK, "{issued}");
        assert_eq!(issued["phone"], masked, "{}: {issued}", t.backend);
        // Nor can the ID number be found by searching for it.
        let (_, found) = contact.get("/api/admin/contestants?q=020088001234").await;
        assert_eq!(found["total"], 0, "{found}");
        // The organizer still sees everything, to correct it.
        let (_, detail) = btc.get(&format!("/api/admin/contestants/get?id={member}")).await;
        assert_eq!(detail["row"]["id_number"], "020088001234", "{detail}");
        assert_eq!(detail["email"], "binh@example.vn");
        assert_eq!(detail["row"]["phone"], "0913000006", "{detail}");
        let csv = btc.get_text("/api/admin/units/participation.csv").await;
        assert!(csv.contains("0913000006"), "{}: organizers get the whole phone", t.backend);
        let (_, found) = btc.get("/api/admin/contestants?q=020088001234").await;
        assert_eq!(found["total"], 1, "{found}");
        t.finish().await;
    }
}

/// The demo organizer's password file and the session secret are readable by their owner only.
#[cfg(unix)]
#[tokio::test]
async fn the_demo_sign_in_and_the_session_secret_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for t in common::migrated_databases("file_modes").await {
        // A file left world-readable by an older version is replaced, not reused.
        std::fs::create_dir_all(&t.data_dir).unwrap();
        let file = server::demo::organizer_file(&t.data_dir);
        std::fs::write(&file, "cũ").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        server::demo::seed(&t.db, &t.data_dir, Utc::now()).await.unwrap();
        assert_eq!(mode(&file), 0o600, "{}", t.backend);
        assert!(std::fs::read_to_string(&file).unwrap().contains("btc@"));

        server::secret::load_or_create(None, &t.data_dir).unwrap();
        let secret = t.data_dir.join("session.secret");
        assert_eq!(mode(&secret), 0o600);
        // An existing secret that others could read is made private on start-up.
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
        server::secret::load_or_create(None, &t.data_dir).unwrap();
        assert_eq!(mode(&secret), 0o600);
        t.finish().await;
    }
}
