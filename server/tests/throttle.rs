//! Floods of sign-ins, registrations and ID-number checks, on every backend:
//! malformed input is refused before any hash, a full hashing queue answers
//! 503 at once, the limits hold per address, per (account, address) and per
//! account, one attacker cannot lock the owner out, two servers on one
//! database share the limits, and the counters behave the same on SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use app::client_address::TrustedProxies;
use app::password::HashQueue;
use app::state::AppState;
use app::throttle::rules::{self, Limit, Verdict};
use app::throttle::store;
use axum::body::Body;
use common::client::Client;
use http::{header, Method, Request, StatusCode};
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};
use tower::ServiceExt;

/// A server that reads the client's address from X-Forwarded-For (the test
/// requests have no socket; the peer counts as the trusted proxy).
fn behind_proxy(db: &DatabaseConnection, hashing: HashQueue) -> axum::Router {
    common::router_with(AppState {
        trusted_proxies: TrustedProxies::new(Vec::new(), true),
        hashing,
        ..AppState::new(db.clone())
    })
}

/// POSTs JSON from `address`; answers status, Retry-After seconds and body.
async fn post_from(
    app: &axum::Router,
    address: &str,
    uri: &str,
    body: Value,
) -> (StatusCode, Option<u64>, Value) {
    let req = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", format!("6.6.6.6, {address}"))
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = app.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let retry_after =
        response.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, retry_after, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn login(phone: &str, password: &str) -> Value {
    json!({"phone": phone, "password": password})
}

const PASSWORD: &str = "mật khẩu an toàn";

async fn snv(db: &DatabaseConnection) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let unit = app::entities::unit::Entity::find().filter(app::entities::unit::Column::Code.eq("SNV"));
    unit.one(db).await.unwrap().unwrap().id
}

fn registration(phone: &str, unit_id: i32) -> Value {
    json!({"full_name": "Nguyễn Thị Hà", "birth_date": "1990-05-17", "phone": phone,
           "category": "civil_servant", "unit_id": unit_id, "password": PASSWORD})
}

#[tokio::test]
async fn malformed_sign_ins_are_refused_before_any_hash() {
    for t in common::migrated_databases("throttle_malformed").await {
        // A queue with no place at all: any request that tried to hash would get 503.
        let app = behind_proxy(&t.db, HashQueue::new(0, 0));
        let address = "203.0.113.10";
        let long = "m".repeat(129);
        let cases = [
            ("/api/session/login", login("x", "y"), "phone"),
            ("/api/session/login", login("0912345678", ""), "password"),
            ("/api/session/login", login("0912345678", &long), "password"),
            ("/api/admin/session/login", json!({"email": "x", "password": "y"}), "email"),
            ("/api/admin/session/login", json!({"email": "btc@so.example.vn", "password": long}), "password"),
        ];
        for (uri, body, field) in cases {
            let (status, retry_after, answer) = post_from(&app, address, uri, body.clone()).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {uri} {body}: {answer}", t.backend);
            assert_eq!(answer["error"], "invalid_input");
            let message = answer["fields"][field].as_str().unwrap_or_default();
            assert!(!message.is_empty() && !message.is_ascii(), "a Vietnamese message for {field}: {answer}");
            assert_eq!(retry_after, None);
        }
        // Well-formed tries do reach the queue: full, it answers 503 with Retry-After at once.
        for (uri, body) in [
            ("/api/session/login", login("0912 345 678", "sai mật khẩu")),
            ("/api/admin/session/login", json!({"email": "btc@so.example.vn", "password": "sai mật khẩu"})),
        ] {
            let (status, retry_after, answer) = post_from(&app, address, uri, body).await;
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{}: {uri}: {answer}", t.backend);
            assert_eq!(answer["error"], "unavailable");
            assert_eq!(retry_after, Some(u64::from(app::error::RETRY_AFTER_SECONDS)));
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn guessing_from_one_address_does_not_lock_the_owner_out() {
    let now = chrono::Utc::now();
    for t in common::demo_databases("throttle_pair", now).await {
        let app = behind_proxy(&t.db, HashQueue::for_this_machine());
        let unit = snv(&t.db).await;
        let (status, _, body) =
            post_from(&app, "198.51.100.7", "/api/contestants/register", registration("0912345678", unit))
                .await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);

        let limits = rules::CONTESTANT_SIGN_IN;
        let attacker = "203.0.113.66";
        for i in 0..limits.per_pair.max {
            let (status, _, body) =
                post_from(&app, attacker, "/api/session/login", login("0912345678", "đoán")).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{}: try {i}: {body}", t.backend);
        }
        // The pair is spent: 429 with the real wait, even with the right password.
        let (status, retry_after, body) =
            post_from(&app, attacker, "/api/session/login", login("0912345678", PASSWORD)).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{}: {body}", t.backend);
        assert_eq!(body["error"], "too_many_requests");
        let wait = retry_after.unwrap();
        assert!(wait > 60 && wait <= limits.per_pair.window_secs as u64, "Retry-After {wait}");
        // The owner, from their own address, signs in as usual.
        let (status, _, body) =
            post_from(&app, "198.51.100.7", "/api/session/login", login("0912 345 678", PASSWORD)).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);

        // Guessing spread over many addresses meets the account's ceiling:
        // the pair that was refused above never counted towards it.
        let spread = limits.per_account.max - limits.per_pair.max;
        for i in 0..spread {
            let address = format!("192.0.2.{}", i + 1);
            let (status, _, body) =
                post_from(&app, &address, "/api/session/login", login("0912345678", "đoán")).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{}: address {address}: {body}", t.backend);
        }
        let (status, retry_after, _) =
            post_from(&app, "192.0.2.250", "/api/session/login", login("0912345678", PASSWORD)).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{}", t.backend);
        assert!(retry_after.unwrap() > 60);
        t.finish().await;
    }
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_stopped() {
    for t in common::migrated_databases("throttle_address").await {
        let app = behind_proxy(&t.db, HashQueue::for_this_machine());
        let limit = rules::STAFF_SIGN_IN.per_address;
        let address = "203.0.113.77";
        let try_as = |i: i32| json!({"email": format!("khach{i}@so.example.vn"), "password": "sai mật khẩu"});
        for i in 0..limit.max {
            let (status, _, _) = post_from(&app, address, "/api/admin/session/login", try_as(i)).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{}: try {i}", t.backend);
        }
        let (status, retry_after, _) =
            post_from(&app, address, "/api/admin/session/login", try_as(999)).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{}", t.backend);
        assert!(retry_after.unwrap() > 60);
        // Another address is not affected.
        let (status, _, _) = post_from(&app, "203.0.113.78", "/api/admin/session/login", try_as(999)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn two_servers_on_one_database_share_the_limit() {
    for t in common::migrated_databases("throttle_servers").await {
        // Two app servers: their own state and hashing queue, one database.
        let servers = [
            behind_proxy(&t.db, HashQueue::for_this_machine()),
            behind_proxy(&t.db, HashQueue::for_this_machine()),
        ];
        let limit = rules::CONTESTANT_SIGN_IN.per_pair;
        let mut statuses = Vec::new();
        for i in 0..limit.max + 1 {
            let server = &servers[i as usize % 2];
            statuses.push(
                post_from(server, "203.0.113.5", "/api/session/login", login("0987654321", "đoán")).await.0,
            );
        }
        let refused = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
        assert_eq!(refused, limit.max as usize, "{}: {statuses:?}", t.backend);
        assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{}: {statuses:?}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn registrations_are_limited_per_address_and_per_phone() {
    let now = chrono::Utc::now();
    for t in common::demo_databases("throttle_register", now).await {
        let app = behind_proxy(&t.db, HashQueue::for_this_machine());
        let unit = snv(&t.db).await;
        let limit = rules::REGISTER_PER_ADDRESS;
        let office = "203.0.113.20";
        for i in 0..limit.max {
            let phone = format!("0912000{i:03}");
            let (status, _, body) =
                post_from(&app, office, "/api/contestants/register", registration(&phone, unit)).await;
            assert_eq!(status, StatusCode::OK, "{}: {phone}: {body}", t.backend);
        }
        let (status, retry_after, body) =
            post_from(&app, office, "/api/contestants/register", registration("0912000099", unit)).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{}: {body}", t.backend);
        assert!(retry_after.unwrap() > 60);
        // Form mistakes are not counted: they never reach the hash.
        let (status, _, _) =
            post_from(&app, "203.0.113.21", "/api/contestants/register", registration("12", unit)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        // Per phone, from many addresses: each try says whether the number is taken.
        let phone_limit = rules::REGISTER_PER_PHONE;
        let mut statuses = Vec::new();
        for i in 0..phone_limit.max + 1 {
            let address = format!("192.0.2.{}", i + 1);
            statuses.push(
                post_from(&app, &address, "/api/contestants/register", registration("0912000000", unit))
                    .await
                    .0,
            );
        }
        // 0912000000 was registered above (1 try), so the rest answer "taken" until the limit.
        let taken = statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count();
        assert_eq!(taken, phone_limit.max as usize - 1, "{}: {statuses:?}", t.backend);
        assert_eq!(statuses[statuses.len() - 2..], [StatusCode::TOO_MANY_REQUESTS; 2], "{statuses:?}");
        t.finish().await;
    }
}

#[tokio::test]
async fn id_number_checks_on_the_profile_are_limited() {
    let now = chrono::Utc::now();
    for t in common::demo_databases("throttle_profile", now).await {
        let app = behind_proxy(&t.db, HashQueue::for_this_machine());
        let unit = snv(&t.db).await;
        let mut me = Client::new(app.clone());
        me.address = Some("203.0.113.30".into());
        let (status, body) = me.post("/api/contestants/register", registration("0912345678", unit)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let change = |id: &str| {
            json!({"full_name": "Nguyễn Thị Hà", "birth_date": "1990-05-17", "id_number": id,
                   "email": null, "unit_id": unit})
        };
        let limit = rules::PROFILE_PER_ACCOUNT;
        for i in 0..limit.max {
            let (status, body) =
                me.post("/api/me/profile/update", change(&format!("0201900012{i:02}"))).await;
            assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        }
        let (status, body) = me.post("/api/me/profile/update", change("020190001299")).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{}: {body}", t.backend);
        // Saving without a new ID number (e.g. the e-mail) is not counted.
        let mut same = change(&format!("0201900012{:02}", limit.max - 1));
        same["email"] = json!("ha@example.vn");
        let (status, body) = me.post("/api/me/profile/update", same).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn counters_behave_the_same_on_sqlite_and_postgres() {
    let limit = Limit { name: "test.window", max: 2, window_secs: 100 };
    let mut seen = Vec::new();
    for t in common::migrated_databases("throttle_store").await {
        let db = &t.db;
        let mut verdicts = Vec::new();
        for now in [1000, 1010, 1020, 1099, 1100, 1101, 1102] {
            verdicts.push(store::hit(db, &limit, "k", now).await.unwrap());
        }
        let refused = |retry_after| Verdict::Refused { retry_after };
        let expected = [
            Verdict::Allowed,
            Verdict::Allowed,
            refused(80),
            refused(1),
            // The window ended at 1100: a new one starts.
            Verdict::Allowed,
            Verdict::Allowed,
            refused(98),
        ];
        assert_eq!(verdicts, expected, "{}", t.backend);
        // A refund gives one try back; clearing forgets the key.
        store::refund(db, &limit, "k").await.unwrap();
        store::refund(db, &limit, "k").await.unwrap();
        assert_eq!(store::hit(db, &limit, "k", 1103).await.unwrap(), Verdict::Allowed);
        store::clear(db, &limit, "k").await.unwrap();
        assert_eq!(store::hit(db, &limit, "k", 1104).await.unwrap(), Verdict::Allowed);
        // Concurrent hits each get their own count: exactly `max` pass.
        let hits = (0..20).map(|_| store::hit(db, &limit, "together", 2000));
        let outcomes = futures::future::join_all(hits).await;
        let allowed = outcomes.iter().filter(|v| matches!(v, Ok(Verdict::Allowed))).count();
        assert!(outcomes.iter().all(Result::is_ok), "{}: {outcomes:?}", t.backend);
        assert_eq!(allowed, limit.max as usize, "{}", t.backend);
        // Housekeeping deletes ended windows only.
        assert_eq!(store::forget_expired(db, 2050).await.unwrap(), 1, "{}", t.backend);
        assert_eq!(store::forget_expired(db, 2100).await.unwrap(), 1, "{}", t.backend);
        seen.push((t.backend, verdicts));
        t.finish().await;
    }
    if let [(_, a), (_, b)] = seen.as_slice() {
        assert_eq!(a, b, "SQLite and PostgreSQL agree");
    }
}
