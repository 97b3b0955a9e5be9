//! The prediction answer saved while the attempt runs, and the start page
//! before a timed attempt, on every backend: save, resume, grading with the
//! saved figure (also for a closed tab), refusals (late, someone else's, out of
//! range), and through the real router: the endpoint's contract, the start
//! page's redirect and wording, and sign-in coming back to it.
// Test helpers may panic: a missing demo row should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use app::attempt::prediction::MAX_PREDICTION;
use app::attempt::service;
use app::contestant::service::{register, Registration};
use app::entities::{attempt, contest, round, unit};
use app::error::AppError;
use axum::body::Body;
use chrono::{Duration, TimeZone, Utc};
use common::client::Client;
use http::{header, Method, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::json;
use tower::ServiceExt;

const GRACE: i64 = 5;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

async fn person(db: &DatabaseConnection, phone: &str) -> i32 {
    let snv = unit::Entity::find().filter(unit::Column::Code.eq("SNV")).one(db).await.unwrap().unwrap().id;
    let form = Registration {
        full_name: "Nông Thị Hằng".into(),
        birth_date: "1992-03-08".into(),
        phone: phone.into(),
        id_number: None,
        email: None,
        category: "civil_servant".into(),
        unit_id: snv,
        password: "mật khẩu an toàn".into(),
    };
    register(db, form, None, now()).await.unwrap()
}

/// Week 2 of the live copy (open at `now()`, 20 questions, 20 minutes, 2 attempts, a prediction).
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

async fn stored(db: &DatabaseConnection, attempt_id: i32) -> attempt::Model {
    attempt::Entity::find_by_id(attempt_id).one(db).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_saved_prediction_is_resumed_and_graded_without_being_sent_again() {
    for t in common::demo_databases("predict_save", now()).await {
        let me = person(&t.db, "0913000001").await;
        let round = open_round(&t.db).await;
        let view = service::start(&t.db, me, round.id, now(), GRACE).await.unwrap();
        assert_eq!(view.prediction, None, "{}", t.backend);

        let at = now() + Duration::minutes(2);
        let saved = service::predict(&t.db, me, view.attempt_id, 1234, at, GRACE).await.unwrap();
        assert!(saved.saved);
        // Saved again (changed): the later figure replaces it.
        service::predict(&t.db, me, view.attempt_id, 1250, at + Duration::seconds(5), GRACE).await.unwrap();
        assert_eq!(stored(&t.db, view.attempt_id).await.submitted_at, None, "still running");

        // A reload (or another device) shows it.
        let resumed = service::start(&t.db, me, round.id, at + Duration::minutes(1), GRACE).await.unwrap();
        assert_eq!((resumed.attempt_id, resumed.prediction), (view.attempt_id, Some(1250)), "{}", t.backend);
        let page =
            service::own_view(&t.db, me, view.attempt_id, at + Duration::minutes(1), GRACE).await.unwrap();
        assert_eq!(page.prediction, Some(1250));

        // The submit carries none (the form's field was left as it was): the
        // saved figure counts as given, and is the one graded.
        let result = service::submit(&t.db, me, view.attempt_id, None, at + Duration::minutes(3), GRACE)
            .await
            .unwrap();
        assert_eq!(result.prediction, Some(1250), "{}", t.backend);
        assert_eq!(stored(&t.db, view.attempt_id).await.prediction, Some(1250));
        assert_eq!(result.unanswered, 20, "nothing was answered");
        assert_eq!(service::own_result(&t.db, me, view.attempt_id).await.unwrap(), result);

        // A figure sent with the submit in time replaces the saved one.
        let second = service::start(&t.db, me, round.id, at + Duration::minutes(4), GRACE).await.unwrap();
        assert_ne!(second.attempt_id, view.attempt_id);
        service::predict(&t.db, me, second.attempt_id, 50, at + Duration::minutes(5), GRACE).await.unwrap();
        let graded =
            service::submit(&t.db, me, second.attempt_id, Some(60), at + Duration::minutes(6), GRACE)
                .await
                .unwrap();
        assert_eq!(graded.prediction, Some(60), "{}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn a_closed_tab_and_a_late_submit_are_graded_with_the_prediction_saved_in_time() {
    for t in common::demo_databases("predict_closed_tab", now()).await {
        let round = open_round(&t.db).await;
        let limit = Duration::seconds(i64::from(round.time_limit_seconds));

        // The tab is closed after the prediction was saved: the server's sweep grades it.
        let gone = person(&t.db, "0913000002").await;
        let a = service::start(&t.db, gone, round.id, now(), GRACE).await.unwrap();
        service::predict(&t.db, gone, a.attempt_id, 777, now() + Duration::minutes(1), GRACE).await.unwrap();
        let swept =
            service::close_overdue(&t.db, now() + limit + Duration::seconds(GRACE + 1), GRACE).await.unwrap();
        assert!(swept >= 1, "{}", t.backend);
        let closed = stored(&t.db, a.attempt_id).await;
        assert!(closed.submitted_at.is_some() && closed.score.is_some(), "{}: graded", t.backend);
        assert_eq!(closed.prediction, Some(777), "{}: graded with the saved prediction", t.backend);

        // A submit after the deadline and its grace: graded as of the deadline,
        // with the figure saved in time, not the one sent late.
        let late = person(&t.db, "0913000003").await;
        let b = service::start(&t.db, late, round.id, now(), GRACE).await.unwrap();
        service::predict(&t.db, late, b.attempt_id, 10, now() + Duration::minutes(1), GRACE).await.unwrap();
        let result =
            service::submit(&t.db, late, b.attempt_id, Some(99), now() + limit + Duration::minutes(1), GRACE)
                .await
                .unwrap();
        assert_eq!(result.prediction, Some(10), "{}", t.backend);
        assert_eq!(result.duration_ms, round.time_limit_seconds * 1000);

        // Without a saved prediction the sweep still grades, with none.
        let silent = person(&t.db, "0913000004").await;
        let c = service::start(&t.db, silent, round.id, now(), GRACE).await.unwrap();
        service::close_overdue(&t.db, now() + limit + Duration::seconds(GRACE + 1), GRACE).await.unwrap();
        assert_eq!(stored(&t.db, c.attempt_id).await.prediction, None);
        t.finish().await;
    }
}

#[tokio::test]
async fn a_prediction_is_refused_late_for_someone_else_out_of_range_and_after_submit() {
    for t in common::demo_databases("predict_refused", now()).await {
        let round = open_round(&t.db).await;
        let limit = Duration::seconds(i64::from(round.time_limit_seconds));
        let me = person(&t.db, "0913000005").await;
        let other = person(&t.db, "0913000006").await;
        let view = service::start(&t.db, me, round.id, now(), GRACE).await.unwrap();
        let id = view.attempt_id;
        let during = now() + Duration::minutes(1);

        // Someone else's attempt: 403, and nothing written.
        let theirs = service::predict(&t.db, other, id, 5, during, GRACE).await;
        assert!(matches!(theirs, Err(AppError::Forbidden)), "{}: {theirs:?}", t.backend);
        // An attempt that does not exist: 404.
        let unknown = service::predict(&t.db, me, 999_999, 5, during, GRACE).await;
        assert!(matches!(unknown, Err(AppError::NotFound(_))), "{unknown:?}");
        // Out of range, either side: 422 on the prediction field, in Vietnamese.
        for bad in [-1, MAX_PREDICTION + 1, i64::MAX] {
            let refused = service::predict(&t.db, me, id, bad, during, GRACE).await;
            let Err(AppError::Invalid(fields)) = refused else { panic!("{bad}: {refused:?}") };
            assert!(fields["prediction"].contains("từ 0 đến 100.000.000"), "{fields:?}");
        }
        // The submit applies the same range.
        let submitted = service::submit(&t.db, me, id, Some(-3), during, GRACE).await;
        assert!(matches!(submitted, Err(AppError::Invalid(f)) if f.contains_key("prediction")));
        assert_eq!(stored(&t.db, id).await.prediction, None, "{}: nothing was saved", t.backend);

        // Inside the grace after the deadline it is still taken (a save in flight)…
        service::predict(&t.db, me, id, 42, now() + limit + Duration::seconds(3), GRACE).await.unwrap();
        // …past it, refused and the attempt is closed on the spot, with 42.
        let late =
            service::predict(&t.db, me, id, 43, now() + limit + Duration::seconds(GRACE + 1), GRACE).await;
        assert!(matches!(&late, Err(AppError::Conflict { code, .. }) if code == "time_up"), "{late:?}");
        let closed = stored(&t.db, id).await;
        assert!(closed.submitted_at.is_some());
        assert_eq!(closed.prediction, Some(42), "{}", t.backend);
        // After the submit: refused as a change to a submitted attempt.
        let after = service::predict(&t.db, me, id, 44, now() + limit + Duration::minutes(1), GRACE).await;
        assert!(matches!(&after, Err(AppError::Conflict { code, .. }) if code == "attempt_submitted"));
        assert_eq!(stored(&t.db, id).await.prediction, Some(42));

        // A round without a prediction question takes none.
        let mut plain: round::ActiveModel = round.clone().into();
        plain.prediction_kind = Set(app::entities::round::PredictionKind::None);
        plain.update(&t.db).await.unwrap();
        let next = service::start(&t.db, other, round.id, during, GRACE).await.unwrap();
        let none = service::predict(&t.db, other, next.attempt_id, 5, during, GRACE).await;
        assert!(
            matches!(none, Err(AppError::Invalid(f)) if f["prediction"].contains("không có câu hỏi dự đoán"))
        );
        t.finish().await;
    }
}

/// A freshly registered, signed-in contestant on the real router.
async fn signed_in(app: axum::Router, phone: &str) -> Client {
    let mut c = Client::new(app);
    let (_, units) = c.get("/api/units?q=so%20noi%20vu").await;
    let unit_id = units[0]["id"].as_i64().unwrap();
    let form = json!({"full_name": "Hoàng Thị Lan", "birth_date": "1990-01-15", "phone": phone,
        "category": "civil_servant", "unit_id": unit_id, "password": "mật khẩu dài"});
    let (status, body) = c.post("/api/contestants/register", form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    c
}

async fn live_round_id(c: &mut Client) -> i64 {
    let (_, contests) = c.get("/api/contests").await;
    let live =
        contests.as_array().unwrap().iter().find(|c| c["slug"] == "cchc-lang-son-trai-nghiem").unwrap();
    live["rounds"][1]["id"].as_i64().unwrap()
}

/// GET of a page as a browser without JavaScript: status, Location, body.
async fn page(c: &Client, uri: &str) -> (StatusCode, Option<String>, String) {
    let req = c.request(Method::GET, uri).header(header::ACCEPT, "text/html").body(Body::empty()).unwrap();
    let response = c.app.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let location = response.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_owned());
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.unwrap();
    (status, location, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn the_prediction_endpoint_saves_and_the_quiz_page_shows_it() {
    for t in common::demo_databases("predict_http", Utc::now()).await {
        let app = common::router(&t.db);
        let mut anonymous = Client::new(app.clone());
        let (status, body) =
            anonymous.post("/api/attempts/prediction", json!({"attempt_id": 1, "prediction": 5})).await;
        assert_eq!((status, body["error"].clone()), (StatusCode::UNAUTHORIZED, json!("unauthenticated")));

        let mut c = signed_in(app.clone(), "0913 100 001").await;
        let round_id = live_round_id(&mut c).await;
        let (_, attempt) = c.post("/api/attempts/start", json!({"round_id": round_id})).await;
        let attempt_id = attempt["attempt_id"].as_i64().unwrap();
        assert_eq!(attempt["prediction"], json!(null));

        let save = json!({"attempt_id": attempt_id, "prediction": 1234});
        assert_eq!(c.post("/api/attempts/prediction", save).await, (StatusCode::OK, json!({"saved": true})));
        let (status, body) =
            c.post("/api/attempts/prediction", json!({"attempt_id": attempt_id, "prediction": -1})).await;
        assert_eq!(
            (status, body["error"].clone()),
            (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid_input"))
        );
        assert!(body["fields"]["prediction"].as_str().unwrap().contains("100.000.000"), "{body}");
        let mut stranger = signed_in(app.clone(), "0913 100 002").await;
        let (status, _) = stranger
            .post("/api/attempts/prediction", json!({"attempt_id": attempt_id, "prediction": 1}))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}", t.backend);

        // The quiz data and the server-rendered page (no JavaScript) carry it.
        let (_, view) = c.get(&format!("/api/ui/attempt?attempt_id={attempt_id}")).await;
        assert_eq!(view["prediction"], 1234, "{}", t.backend);
        let (status, _, html) = page(&c, &format!("/bai-thi/{attempt_id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(r#"value="1234""#), "{}: the field shows the saved figure", t.backend);

        // The no-JavaScript submit with the field emptied is graded with the saved figure.
        let req = c
            .request(Method::POST, "/api/ui/submit")
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("attempt_id={attempt_id}&prediction=")))
            .unwrap();
        let response = c.app.clone().oneshot(req).await.unwrap();
        assert!(response.status().is_redirection(), "{}: {}", t.backend, response.status());
        let (status, result) = c.get(&format!("/api/ui/result?attempt_id={attempt_id}")).await;
        assert_eq!(status, StatusCode::OK, "{result}");
        assert_eq!((result["prediction"].clone(), result["unanswered"].clone()), (json!(1234), json!(20)));
        let (_, _, html) = page(&c, &format!("/ket-qua/{attempt_id}")).await;
        assert!(html.contains("/100 điểm"), "the score with its scale");
        assert!(html.contains("Chưa trả lời: 20 câu"), "{}: unanswered questions are counted", t.backend);
        assert!(html.contains("Câu hỏi dự đoán: 1.234"), "the prediction is on the result page");
        t.finish().await;
    }
}

#[tokio::test]
async fn the_start_page_comes_before_the_timed_attempt() {
    for t in common::demo_databases("start_page", Utc::now()).await {
        let app = common::router(&t.db);
        let mut visitor = Client::new(app.clone());
        let round_id = live_round_id(&mut visitor).await;

        // Not signed in: to the sign-in page, which says why and comes back.
        let (status, location, _) = page(&visitor, &format!("/vao-thi/{round_id}")).await;
        assert!(status.is_redirection(), "{}: {status}", t.backend);
        assert_eq!(location.as_deref(), Some(format!("/dang-nhap?vong={round_id}").as_str()));
        let (status, _, sign_in) = page(&visitor, &format!("/dang-nhap?vong={round_id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(sign_in.contains("Vui lòng đăng nhập để vào thi Tuần 2"), "{}", t.backend);

        let mut c = signed_in(app.clone(), "0913 100 003").await;
        let (status, _, html) = page(&c, &format!("/vao-thi/{round_id}")).await;
        assert_eq!(status, StatusCode::OK, "{}", t.backend);
        assert!(html.contains("20 câu · 20 phút · lượt 1/2"), "{html}");
        assert!(html.contains("Bắt đầu làm bài</button>") && !html.contains("Tiếp tục làm bài"));
        // Looking at it used nothing.
        let (_, mine) = c.get("/api/me/attempts").await;
        assert_eq!(mine.as_array().unwrap().len(), 0, "{}: the start page starts nothing", t.backend);

        // Its form (no JavaScript) starts the attempt and goes to the quiz.
        let req = c
            .request(Method::POST, "/api/ui/start")
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("round_id={round_id}")))
            .unwrap();
        let response = c.app.clone().oneshot(req).await.unwrap();
        let to = response.headers().get(header::LOCATION).unwrap().to_str().unwrap().to_owned();
        assert!(to.starts_with("/bai-thi/"), "{to}");

        // While it runs, the start page offers it back, and nothing new is used.
        let (_, _, html) = page(&c, &format!("/vao-thi/{round_id}")).await;
        assert!(html.contains("Tiếp tục làm bài") && html.contains(&format!("href=\"{to}\"")), "{html}");
        assert!(!html.contains("Bắt đầu làm bài</button>"), "no second attempt offered");
        let (_, home) = c.get("/api/contests").await;
        assert!(home.is_array());
        let (_, mine) = c.get("/api/me/attempts").await;
        assert_eq!(mine.as_array().unwrap().len(), 1);

        // Signing in from the sign-in page with ?vong= comes back to the start page, starting nothing.
        let again = Client::new(app.clone());
        let req = again
            .request(Method::POST, "/api/ui/login")
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "phone=0913100003&password=m%E1%BA%ADt+kh%E1%BA%A9u+d%C3%A0i&round_id={round_id}"
            )))
            .unwrap();
        let response = again.app.clone().oneshot(req).await.unwrap();
        assert!(response.status().is_redirection(), "{}: {}", t.backend, response.status());
        assert_eq!(response.headers()[header::LOCATION], format!("/vao-thi/{round_id}").as_str());
        t.finish().await;
    }
}

/// Two full marks in the closed 2022 demo round 1, told apart by their predictions.
async fn two_hundreds(db: &DatabaseConnection, round: &round::Model) -> [i32; 2] {
    let mut ids = [0; 2];
    for (i, (phone, prediction)) in [("0913200001", 400_i64), ("0913200002", 9_000)].into_iter().enumerate() {
        ids[i] = person(db, phone).await;
        let started = round.opens_at + Duration::hours(1);
        attempt::ActiveModel {
            round_id: Set(round.id),
            contestant_id: Set(ids[i]),
            sequence: Set(1),
            started_at: Set(started),
            deadline_at: Set(started + Duration::minutes(20)),
            submitted_at: Set(Some(started + Duration::minutes(5))),
            correct_count: Set(Some(20)),
            question_count: Set(20),
            score: Set(Some(100)),
            duration_ms: Set(Some(300_000)),
            prediction: Set(Some(prediction)),
            eligible: Set(true),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    ids
}

#[tokio::test]
async fn prize_lists_show_each_winners_prediction_once_public() {
    use app::staff::Role;
    for t in common::demo_databases("predict_prizes", Utc::now()).await {
        let r1 = round::Entity::find()
            .filter(round::Column::ContestId.eq(1))
            .filter(round::Column::Number.eq(1))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        two_hundreds(&t.db, &r1).await;
        let app = common::router(&t.db);
        common::staff::account(&t.db, "btc@du-doan.example.vn", Role::Organizer).await;
        let mut btc = common::staff::signed_in(app.clone(), "btc@du-doan.example.vn").await;
        let tiers =
            json!([{"position": 1, "name": "Giải Nhất", "quantity": 2, "category": "", "unit_points": 0.0}]);
        let (status, body) = btc
            .post("/api/admin/prizes/tiers", json!({"contest_id": 1, "round_id": r1.id, "tiers": tiers}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let predictions_of = |awards: &serde_json::Value| -> Vec<i64> {
            awards
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["full_name"] == "Nông Thị Hằng")
                .map(|a| a["prediction"].as_i64().unwrap())
                .collect()
        };
        // The organizer's draft shows them.
        let (_, overview) = btc.get("/api/admin/prizes?contest_id=1").await;
        let list = overview["lists"].as_array().unwrap().iter().find(|l| l["round_id"] == r1.id).unwrap();
        let mut drafted = predictions_of(&list["awards"]);
        drafted.sort();
        assert_eq!(drafted, vec![400, 9_000], "{}: {list}", t.backend);

        // Nothing public before publishing; then the stored list carries them.
        let mut public = Client::new(app.clone());
        let (_, before) = public.get("/api/contests/winners?contest_id=1").await;
        assert_eq!(before["rounds"], json!([]));
        for step in ["approve", "publish"] {
            let (status, body) = btc
                .post(&format!("/api/admin/prizes/{step}"), json!({"contest_id": 1, "round_id": r1.id}))
                .await;
            assert_eq!(status, StatusCode::OK, "{step}: {body}");
        }
        let (_, published) = public.get("/api/contests/winners?contest_id=1").await;
        let mut shown = predictions_of(&published["rounds"][0]["winners"]);
        shown.sort();
        assert_eq!(shown, vec![400, 9_000], "{}: {published}", t.backend);
        let (status, _, html) = page(&public, "/thong-ke?cuoc_thi=1").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Dự đoán: 9.000"), "{}: the public winners list names it", t.backend);
        t.finish().await;
    }
}
