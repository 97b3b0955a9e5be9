//! The dashboard frame's live numbers ("Tổng quan": the open round, attempts
//! started today, people in a quiz now) and the home page's confirmation
//! after a registration posted without JavaScript. Both backends.
#![allow(clippy::unwrap_used)]

mod common;

use app::dashboard::service::overview;
use app::entities::{attempt, contestant, round};
use app::staff::Role;
use chrono::{Duration, TimeZone, Utc};
use common::client::Client;
use common::staff::{account, signed_in};
use http::{header, Method, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

fn now() -> chrono::DateTime<Utc> {
    // Wednesday 25/11/2026 15:00 in Viet Nam; week 2 of the demo contest is open.
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

async fn start_attempt(
    db: &sea_orm::DatabaseConnection,
    round_id: i32,
    started: chrono::DateTime<Utc>,
    minutes: i64,
) {
    let someone = match contestant::Entity::find().one(db).await.unwrap() {
        Some(someone) => someone.id,
        None => register_one(db).await,
    };
    attempt::ActiveModel {
        round_id: Set(round_id),
        contestant_id: Set(someone),
        sequence: Set(90 + minutes as i32),
        started_at: Set(started),
        deadline_at: Set(started + Duration::minutes(minutes)),
        submitted_at: Set(None),
        last_answer_at: Set(None),
        correct_count: Set(None),
        question_count: Set(20),
        score: Set(None),
        duration_ms: Set(None),
        prediction: Set(None),
        eligible: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

async fn register_one(db: &sea_orm::DatabaseConnection) -> i32 {
    let unit = app::entities::unit::Entity::find().one(db).await.unwrap().unwrap();
    let form = app::contestant::service::Registration {
        full_name: "Hoàng Văn Nam".into(),
        birth_date: "1988-02-03".into(),
        phone: "0912 000 600".into(),
        id_number: None,
        email: None,
        category: "citizen".into(),
        unit_id: unit.id,
        password: "mật khẩu an toàn".into(),
    };
    app::contestant::service::register(db, form, None, now()).await.unwrap()
}

#[tokio::test]
async fn the_overview_counts_the_open_round_today_and_people_in_a_quiz() {
    for t in common::demo_databases("live_overview", now()).await {
        let before = overview(&t.db, now()).await.unwrap();
        let titles: Vec<&str> = before.open_rounds.iter().map(|r| r.round_title.as_str()).collect();
        assert_eq!(titles, ["Tuần 2"], "{}", t.backend);
        assert_eq!(before.open_rounds[0].closes_label, "30/11/2026 00:00", "{}", t.backend);

        let week2 =
            round::Entity::find_by_id(before.open_rounds[0].round_id).one(&t.db).await.unwrap().unwrap();
        // Started 10 minutes ago with 20 minutes: in the quiz now and today.
        start_attempt(&t.db, week2.id, now() - Duration::minutes(10), 20).await;
        // Started yesterday evening (local), never submitted, time long up: neither.
        start_attempt(&t.db, week2.id, now() - Duration::hours(20), 30).await;
        let after = overview(&t.db, now()).await.unwrap();
        assert_eq!(after.attempts_today, before.attempts_today + 1, "{}", t.backend);
        assert_eq!(after.in_quiz_now, before.in_quiz_now + 1, "{}", t.backend);

        // Half an hour later the first one's time is up too.
        let later = overview(&t.db, now() + Duration::minutes(30)).await.unwrap();
        assert_eq!(later.in_quiz_now, before.in_quiz_now, "{}", t.backend);
        // Local midnight is 17:00 UTC: the next day starts from zero.
        let next_day = overview(&t.db, Utc.with_ymd_and_hms(2026, 11, 25, 17, 0, 0).unwrap()).await.unwrap();
        assert_eq!(next_day.attempts_today, 0, "{}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn organizers_get_the_live_numbers_over_http_and_unit_contacts_do_not() {
    for t in common::demo_databases("live_http", Utc::now()).await {
        let app = common::router(&t.db);
        account(&t.db, &format!("btc@{}.example.vn", t.backend), Role::Organizer).await;
        account(&t.db, &format!("daumoi@{}.example.vn", t.backend), Role::UnitContact).await;
        let mut organizer = signed_in(app.clone(), &format!("btc@{}.example.vn", t.backend)).await;
        let (status, body) = organizer.get("/api/admin/overview/live").await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        assert!(
            body["open_rounds"].is_array() && body["attempts_today"].is_u64() && body["in_quiz_now"].is_u64(),
            "{body}"
        );
        let mut contact = signed_in(app.clone(), &format!("daumoi@{}.example.vn", t.backend)).await;
        let (status, _) = contact.get("/api/admin/overview/live").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}", t.backend);
        let (status, _) = Client::new(app).get("/api/admin/overview/live").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{}", t.backend);
        t.finish().await;
    }
}

const HOST: &str = "thi.example.vn";

#[tokio::test]
async fn a_registration_without_javascript_ends_on_the_home_page_with_a_confirmation() {
    for t in common::demo_databases("registered", Utc::now()).await {
        let mut c = Client::new(common::router(&t.db));
        let unit = app::entities::unit::Entity::find()
            .filter(app::entities::unit::Column::Name.eq("Sở Nội vụ"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let form = format!(
            "full_name=L%C3%AA+Th%E1%BB%8B+Mai&birth_date=1991-04-30&phone=0912+000+{:03}&id_number=&email=&category=citizen&unit_id={}&password=m%E1%BA%ADt+kh%E1%BA%A9u+an+to%C3%A0n",
            if t.backend == "sqlite" { 601 } else { 602 },
            unit.id
        );
        let req = c
            .request(Method::POST, "/api/ui/register")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, format!("https://{HOST}"))
            .header(header::REFERER, format!("https://{HOST}/dang-ky"))
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(form))
            .unwrap();
        let response = tower::ServiceExt::oneshot(c.app.clone(), req).await.unwrap();
        if let Some(set) = response.headers().get(header::SET_COOKIE) {
            c.cookie = Some(set.to_str().unwrap().split(';').next().unwrap().to_owned());
        }
        assert!(response.status().is_redirection(), "{}: {}", t.backend, response.status());
        let location = response.headers().get(header::LOCATION).unwrap().to_str().unwrap().to_owned();
        assert_eq!(location, app::contestant::REGISTERED_PATH, "{}", t.backend);
        let page = c.get_text(&location).await;
        assert!(page.contains("Đăng ký thành công"), "{}: no confirmation", t.backend);
        assert!(page.contains("Chào mừng Lê Thị Mai."), "{}: no name", t.backend);
        // The plain home page says nothing of the kind, nor does the address to someone else.
        let home = c.get_text("/").await;
        assert!(!home.contains("Đăng ký thành công"), "{}", t.backend);
        let stranger = Client::new(common::router(&t.db)).get_text(&location).await;
        assert!(!stranger.contains("Đăng ký thành công"), "{}: shown to a visitor not signed in", t.backend);
        t.finish().await;
    }
}
