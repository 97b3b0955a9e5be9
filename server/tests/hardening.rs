//! What the server refuses before any work, on every backend (issue 10, items
//! 3, 4 (multipart), 5 and 6): cross-site writes, bodies of the wrong type or
//! size, bad uploads, unknown leaderboard categories and oversized forms; the
//! security headers; 503 with Retry-After when the database is away; and
//! in-flight requests finishing after SIGTERM.
// Test helpers may panic: a failed request should stop the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::entities::{attempt_question, category, contest};
use app::staff::Role;
use axum::body::Body;
use common::client::Client;
use http::{header, Method, Request, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The live copy's open round (week 2).
async fn open_round(c: &mut Client) -> i64 {
    let (status, contests) = c.get("/api/contests").await;
    assert_eq!(status, StatusCode::OK, "{contests}");
    let live =
        contests.as_array().unwrap().iter().find(|c| c["slug"] == "cchc-lang-son-trai-nghiem").unwrap();
    live["rounds"][1]["id"].as_i64().unwrap()
}

/// A freshly registered, signed-in contestant.
async fn contestant(app: axum::Router, phone: &str) -> Client {
    let mut c = Client::new(app);
    let (_, units) = c.get("/api/units?q=so%20noi%20vu").await;
    let unit_id = units[0]["id"].as_i64().unwrap();
    let form = json!({"full_name": "Hoàng Văn Nam", "birth_date": "1988-02-29", "phone": phone,
        "category": "civil_servant", "unit_id": unit_id, "password": "mật khẩu dài"});
    let (status, body) = c.post("/api/contestants/register", form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(c.cookie.is_some());
    c
}

/// The client's request with a body of `content_type`.
fn with_body(
    c: &Client,
    method: Method,
    uri: &str,
    content_type: &str,
    body: impl Into<Body>,
) -> Request<Body> {
    c.request(method, uri).header(header::CONTENT_TYPE, content_type).body(body.into()).unwrap()
}

async fn my_attempts(c: &mut Client) -> usize {
    let (status, mine) = c.get("/api/me/attempts").await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    mine.as_array().unwrap().len()
}

#[tokio::test]
async fn cross_site_writes_are_refused_and_the_sites_own_allowed() {
    for t in common::demo_databases("guard_cross_site", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let mut c = contestant(app.clone(), "0912345601").await;
        let round_id = open_round(&mut c).await;
        let start = json!({"round_id": round_id}).to_string();

        // The attack of the issue: the contestant's cookie, another site, a text/plain body.
        let attack = c
            .request(Method::POST, "/api/attempts/start")
            .header(header::ORIGIN, "https://evil.example")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(start.clone()))
            .unwrap();
        let (status, body) = c.send(attack).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}: {body}", t.backend);
        assert_eq!(body["error"], "forbidden");
        assert!(body["message"].as_str().unwrap().contains("trang web khác"), "{body}");
        // Even as JSON, and however the browser says it.
        let json_attack = c
            .request(Method::POST, "/api/attempts/start")
            .header(header::ORIGIN, "https://evil.example")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(start.clone()))
            .unwrap();
        assert_eq!(c.send(json_attack).await.0, StatusCode::FORBIDDEN);
        let fetch_site = c
            .request(Method::POST, "/api/attempts/start")
            .header("sec-fetch-site", "cross-site")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(start.clone()))
            .unwrap();
        assert_eq!(c.send(fetch_site).await.0, StatusCode::FORBIDDEN);
        let form_attack = c
            .request(Method::POST, "/api/ui/start")
            .header(header::ORIGIN, "https://evil.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("round_id={round_id}")))
            .unwrap();
        assert_eq!(c.send(form_attack).await.0, StatusCode::FORBIDDEN);
        assert_eq!(my_attempts(&mut c).await, 0, "{}: nothing was started", t.backend);

        // The site's own page (same Origin as Host) starts it.
        let own = c
            .request(Method::POST, "/api/attempts/start")
            .header(header::HOST, "thi.example.vn")
            .header(header::ORIGIN, "https://thi.example.vn")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(start.clone()))
            .unwrap();
        let (status, body) = c.send(own).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        // A program (no Origin, no Sec-Fetch-Site) resumes it.
        let (status, again) = c.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!((status, again["attempt_id"].clone()), (StatusCode::OK, body["attempt_id"].clone()));
        // The no-JavaScript form from the site itself works too.
        let own_form = c
            .request(Method::POST, "/api/ui/start")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::HOST, "thi.example.vn")
            .header(header::ORIGIN, "https://thi.example.vn")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("round_id={round_id}")))
            .unwrap();
        let response = c.app.clone().oneshot(own_form).await.unwrap();
        assert!(response.status().is_redirection(), "{}: {}", t.backend, response.status());
        let to = response.headers().get(header::LOCATION).unwrap().to_str().unwrap().to_owned();
        assert_eq!(to, format!("/bai-thi/{}", body["attempt_id"]));
        assert_eq!(my_attempts(&mut c).await, 1);
        t.finish().await;
    }
}

#[tokio::test]
async fn json_endpoints_take_only_json() {
    for t in common::demo_databases("guard_json", chrono::Utc::now()).await {
        let mut c = contestant(common::router(&t.db), "0912345602").await;
        let round_id = open_round(&mut c).await;
        let start = json!({"round_id": round_id}).to_string();
        for content_type in ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded"] {
            let req = with_body(&c, Method::POST, "/api/attempts/start", content_type, start.clone());
            let (status, body) = c.send(req).await;
            assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}: {content_type}: {body}", t.backend);
            assert_eq!(body["error"], "unsupported_media_type");
            assert!(body["message"].as_str().unwrap().contains("JSON"));
        }
        let no_type = c.request(Method::POST, "/api/attempts/start").body(Body::from(start.clone())).unwrap();
        assert_eq!(c.send(no_type).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(my_attempts(&mut c).await, 0, "{}", t.backend);
        // A form endpoint takes its form, not JSON.
        let req = with_body(&c, Method::POST, "/api/ui/start", "application/json", start.clone());
        assert_eq!(c.send(req).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let req =
            with_body(&c, Method::POST, "/api/attempts/start", "application/json; charset=utf-8", start);
        assert_eq!(c.send(req).await.0, StatusCode::OK);
        t.finish().await;
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_any_handler() {
    for t in common::demo_databases("guard_size", chrono::Utc::now()).await {
        let mut c = contestant(common::router(&t.db), "0912345603").await;
        let round_id = open_round(&mut c).await;
        let padding = "x".repeat(100 * 1024);
        let big = json!({"round_id": round_id, "padding": padding}).to_string();
        let req = with_body(&c, Method::POST, "/api/attempts/start", "application/json", big.clone());
        let (status, body) = c.send(req).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{}: {body}", t.backend);
        assert_eq!(body["error"], "payload_too_large");
        assert_eq!(body["message"], "Dữ liệu gửi lên quá lớn (tối đa 64 KB).");
        // The same without a declared length (chunked): read up to the limit only.
        let chunks: Vec<Result<String, std::io::Error>> =
            big.as_bytes().chunks(8 * 1024).map(|b| Ok(String::from_utf8_lossy(b).into_owned())).collect();
        let req = c
            .request(Method::POST, "/api/attempts/start")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from_stream(futures::stream::iter(chunks)))
            .unwrap();
        assert_eq!(c.send(req).await.0, StatusCode::PAYLOAD_TOO_LARGE, "{}", t.backend);
        assert_eq!(my_attempts(&mut c).await, 0);
        // A small chunked body still goes through.
        let small: Vec<Result<String, std::io::Error>> = vec![Ok(json!({"round_id": round_id}).to_string())];
        let req = c
            .request(Method::POST, "/api/attempts/start")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from_stream(futures::stream::iter(small)))
            .unwrap();
        assert_eq!(c.send(req).await.0, StatusCode::OK, "{}", t.backend);

        // Uploads take files well over 64 KB (up to bankfile's 10 MB).
        common::staff::account(&t.db, "bd@langson.gov.vn", Role::Organizer).await;
        let mut organizer = common::staff::signed_in(common::router(&t.db), "bd@langson.gov.vn").await;
        let csv = "Câu hỏi;A;B;C;D;Đáp án\n".to_owned() + &"Câu hỏi thử?;1;2;3;4;A\n".repeat(4000);
        assert!(csv.len() > 64 * 1024);
        let (status, body) = organizer
            .upload(
                "/api/admin/questions/import",
                &[("dry_run", "true")],
                Some(("cau-hoi.csv", csv.as_bytes())),
            )
            .await;
        assert!(
            !matches!(status.as_u16(), 400 | 413 | 415 | 500),
            "{}: the import read the file: {status} {body}",
            t.backend
        );
        assert!(body.is_object(), "{body}");
        t.finish().await;
    }
}

#[tokio::test]
async fn multipart_without_a_boundary_is_401_for_strangers_and_400_for_organizers() {
    for t in common::demo_databases("guard_multipart", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let paths =
            ["/api/admin/questions/import", "/api/admin/questions/import_preview", "/api/admin/units/import"];
        let mut stranger = Client::new(app.clone());
        common::staff::account(&t.db, "bd@langson.gov.vn", Role::Organizer).await;
        common::staff::account(&t.db, "dv@langson.gov.vn", Role::UnitContact).await;
        let mut organizer = common::staff::signed_in(app.clone(), "bd@langson.gov.vn").await;
        let mut contact = common::staff::signed_in(app.clone(), "dv@langson.gov.vn").await;
        for path in paths {
            let req = with_body(&stranger, Method::POST, path, "multipart/form-data", "--x\r\n");
            let (status, body) = stranger.send(req).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{}: {path}: {body}", t.backend);
            assert_eq!(body["error"], "unauthenticated");
            // Even a huge declared body is not read for a stranger.
            let req = stranger
                .request(Method::POST, path)
                .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
                .header(header::CONTENT_LENGTH, "900000000")
                .body(Body::empty())
                .unwrap();
            assert_eq!(stranger.send(req).await.0, StatusCode::UNAUTHORIZED, "{path}");

            let req = with_body(&contact, Method::POST, path, "multipart/form-data", "--x\r\n");
            assert_eq!(contact.send(req).await.0, StatusCode::FORBIDDEN, "{}: {path}", t.backend);

            for bad in [
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "multipart/form-data; charset=utf-8",
            ] {
                let req = with_body(
                    &organizer,
                    Method::POST,
                    path,
                    bad,
                    "--x\r\nContent-Disposition: form-data\r\n",
                );
                let (status, body) = organizer.send(req).await;
                assert_eq!(status, StatusCode::BAD_REQUEST, "{}: {path} {bad}: {body}", t.backend);
                assert_eq!(body["error"], "invalid_input");
                assert!(body["message"].as_str().unwrap().contains("multipart"), "{body}");
            }
            let req = with_body(&organizer, Method::POST, path, "application/json", "{}");
            assert_eq!(organizer.send(req).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{path}");
            // Framed but cut short: the function's own error, not a panic.
            let req = with_body(
                &organizer,
                Method::POST,
                path,
                "multipart/form-data; boundary=x",
                "--x\r\nContent-Dis",
            );
            let (status, _) = organizer.send(req).await;
            assert!(status.is_client_error(), "{}: {path}: {status}", t.backend);
        }
        t.finish().await;
    }
}

/// The nonce of a page's `script-src`.
fn nonce_of(csp: &str) -> String {
    let start = csp.find("'nonce-").expect("a nonce in the page's policy") + "'nonce-".len();
    csp[start..].split('\'').next().unwrap().to_owned()
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_page_scripts_the_nonce() {
    for t in common::demo_databases("guard_headers", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        for uri in ["/", "/dang-nhap", "/khong-co-trang-nay", "/api/contests", "/healthz"] {
            let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
            let headers = response.headers().clone();
            let get =
                |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
            assert_eq!(get("x-content-type-options"), "nosniff", "{uri}");
            assert_eq!(get("referrer-policy"), "strict-origin-when-cross-origin", "{uri}");
            assert_eq!(get("x-frame-options"), "DENY", "{uri}");
            let csp = get("content-security-policy");
            for part in [
                "default-src 'self'",
                "script-src 'self' 'wasm-unsafe-eval'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src 'self'",
                "frame-ancestors 'none'",
                "base-uri 'self'",
                "form-action 'self'",
            ] {
                assert!(csp.contains(part), "{uri}: {part} in {csp}");
            }
            assert!(!csp.contains("'unsafe-inline'; ") || csp.contains("style-src-attr 'unsafe-inline'"));
            assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
            let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.unwrap();
            let html = String::from_utf8_lossy(&bytes);
            if html.contains("<script") {
                // A page: each inline script carries this response's nonce.
                let nonce = nonce_of(&csp);
                assert!(nonce.len() >= 16, "{uri}: {nonce}");
                let scripts = html.matches("<script").count();
                let signed = html.matches(&format!("nonce=\"{nonce}\"")).count();
                assert!(
                    signed >= scripts,
                    "{}: {uri}: {scripts} scripts, {signed} with the nonce",
                    t.backend
                );
            } else {
                assert!(!csp.contains("nonce"), "{uri}: no script, no nonce");
            }
        }
        // A new page, a new nonce.
        let csp =
            |r: &http::Response<Body>| r.headers()["content-security-policy"].to_str().unwrap().to_owned();
        let a = app.clone().oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        let b = app.clone().oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        assert_ne!(nonce_of(&csp(&a)), nonce_of(&csp(&b)));
        t.finish().await;
    }
}

#[tokio::test]
async fn leaderboards_refuse_unknown_categories_without_ranking_them() {
    for t in common::demo_databases("guard_category", chrono::Utc::now()).await {
        // The router's own ranking cache (each AppState, each server, has one).
        let state = app::state::AppState::new(t.db.clone());
        let cache = state.rankings.clone();
        let mut c = Client::new(common::router_with(state));
        let live = contest::Entity::find()
            .filter(contest::Column::Slug.eq("cchc-lang-son-trai-nghiem"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let round_id = open_round(&mut c).await;
        let code = category::Entity::find()
            .filter(category::Column::ContestId.eq(live.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .code;
        let held = cache.rankings();
        for i in 0..50 {
            let (status, body) =
                c.get(&format!("/api/rounds/leaderboard?round_id={round_id}&category=loai-{i}")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {body}", t.backend);
            assert_eq!(body["fields"]["category"], "Cuộc thi không có đối tượng dự thi này.");
            let (status, _) =
                c.get(&format!("/api/contests/leaderboard?contest_id={}&category=loai-{i}", live.id)).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        }
        assert!(cache.rankings() <= held, "{}: unknown categories were ranked and cached", t.backend);
        for uri in [
            format!("/api/rounds/leaderboard?round_id={round_id}&category={code}"),
            format!("/api/rounds/leaderboard?round_id={round_id}&category="),
            format!("/api/contests/leaderboard?contest_id={}&category={code}", live.id),
            format!("/api/contests/leaderboard?contest_id={}", live.id),
        ] {
            let (status, body) = c.get(&uri).await;
            assert_eq!(status, StatusCode::OK, "{}: {uri}: {body}", t.backend);
        }
        t.finish().await;
    }
}

/// The no-JavaScript quiz form's body: `attempt_id`, `answers[Q]=O`…, `prediction`.
fn quiz_form(attempt_id: i64, answers: &[(i64, i64)]) -> String {
    let mut body = format!("attempt_id={attempt_id}&prediction=5");
    for (q, o) in answers {
        body.push_str(&format!("&answers%5B{q}%5D={o}"));
    }
    body
}

async fn saved_answers(db: &sea_orm::DatabaseConnection, attempt_id: i64) -> u64 {
    attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt_id as i32))
        .filter(attempt_question::Column::ChosenOptionId.is_not_null())
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_quiz_form_saves_its_answers_at_once_and_refuses_a_flood() {
    for t in common::demo_databases("guard_form", chrono::Utc::now()).await {
        let mut c = contestant(common::router(&t.db), "0912345604").await;
        let round_id = open_round(&mut c).await;
        let (status, attempt) = c.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!(status, StatusCode::OK, "{attempt}");
        let attempt_id = attempt["attempt_id"].as_i64().unwrap();
        let chosen: Vec<(i64, i64)> = attempt["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| (q["id"].as_i64().unwrap(), q["options"][0]["id"].as_i64().unwrap()))
            .collect();
        assert_eq!(chosen.len(), 20);

        // 20,000 entries: refused whole, before any is looked at.
        let flood: Vec<(i64, i64)> = (0..20_000).map(|i| (1_000_000 + i, 1)).collect();
        let req = with_body(
            &c,
            Method::POST,
            "/api/ui/submit",
            "application/x-www-form-urlencoded",
            quiz_form(attempt_id, &flood),
        );
        let began = Instant::now();
        let (status, body) = c.send(req).await;
        eprintln!("{}: 20,000-entry form answered {status} in {:?}", t.backend, began.elapsed());
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{}: {body}", t.backend);
        // More entries than questions, within the size limit: 422, nothing saved.
        let mut too_many = chosen.clone();
        too_many.extend((0..30).map(|i| (2_000_000 + i, 1)));
        let req = with_body(
            &c,
            Method::POST,
            "/api/ui/submit",
            "application/x-www-form-urlencoded",
            quiz_form(attempt_id, &too_many),
        );
        let (status, body) = c.send(req).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {body}", t.backend);
        assert!(body["fields"]["answers"].as_str().unwrap().contains("20 câu hỏi"), "{body}");
        assert_eq!(saved_answers(&t.db, attempt_id).await, 0, "{}: nothing saved", t.backend);
        let (_, view) = c.get(&format!("/api/ui/attempt?attempt_id={attempt_id}")).await;
        assert_eq!(view["answers"], json!({}), "{}: still running, nothing saved", t.backend);

        // The real form: every answer saved, then graded.
        let mut form = chosen.clone();
        form[0].1 = 999_999_999; // an option of no question: skipped, the rest saved
        let req = with_body(
            &c,
            Method::POST,
            "/api/ui/submit",
            "application/x-www-form-urlencoded",
            quiz_form(attempt_id, &form),
        );
        // A browser without JavaScript: it takes HTML, so it is sent on with a 302.
        let mut req = req;
        req.headers_mut().insert(header::ACCEPT, http::HeaderValue::from_static("text/html"));
        let response = c.app.clone().oneshot(req).await.unwrap();
        assert!(response.status().is_redirection(), "{}: {}", t.backend, response.status());
        assert_eq!(response.headers()[header::LOCATION], format!("/ket-qua/{attempt_id}").as_str());
        assert_eq!(saved_answers(&t.db, attempt_id).await, 19, "{}", t.backend);
        let (status, result) = c.get(&format!("/api/ui/result?attempt_id={attempt_id}")).await;
        assert_eq!(status, StatusCode::OK, "{result}");
        assert_eq!(result["total"], 20);
        t.finish().await;
    }
}

#[tokio::test]
async fn a_database_that_goes_away_is_503_with_retry_after_not_500() {
    for t in common::demo_databases("guard_outage", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let mut c = contestant(app.clone(), "0912345605").await;
        let round_id = open_round(&mut c).await;
        let (_, attempt) = c.post("/api/attempts/start", json!({"round_id": round_id})).await;
        let q = &attempt["questions"][0];
        let answer = json!({"attempt_id": attempt["attempt_id"], "question_id": q["id"], "option_id": q["options"][0]["id"]});

        t.db.clone().close().await.unwrap();
        let began = Instant::now();
        for (method, uri, body) in [
            (Method::POST, "/api/attempts/answer", Some(answer.clone())),
            (
                Method::POST,
                "/api/attempts/submit",
                Some(json!({"attempt_id": attempt["attempt_id"], "prediction": 3})),
            ),
            (Method::GET, "/api/contests", None),
            (Method::GET, "/healthz", None),
        ] {
            let req = match &body {
                Some(b) => with_body(&c, method.clone(), uri, "application/json", b.to_string()),
                None => c.request(method.clone(), uri).body(Body::empty()).unwrap(),
            };
            let response = c.app.clone().oneshot(req).await.unwrap();
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{}: {method} {uri}", t.backend);
            assert_eq!(response.headers()[header::RETRY_AFTER], "2", "{}: {uri}", t.backend);
            let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
            let body: Value = serde_json::from_slice(&bytes).unwrap();
            if uri != "/healthz" {
                assert_eq!(body["error"], "unavailable", "{}: {uri}: {body}", t.backend);
            }
        }
        assert!(began.elapsed() < Duration::from_secs(2), "{}: {:?}", t.backend, began.elapsed());
        t.finish().await;
    }
}

#[tokio::test]
async fn an_unreachable_postgres_is_503_within_the_bounded_wait() {
    // Nothing listens on port 1: every connection attempt is refused, and the
    // pool retries until its acquire timeout.
    let options =
        server::db::options("postgres://contest@127.0.0.1:1/contest", server::db::DEFAULT_ACQUIRE_TIMEOUT);
    let mut options = options;
    options.connect_lazy(true);
    let db = sea_orm::Database::connect(options).await.unwrap();
    let app = common::router(&db);
    for uri in ["/api/contests", "/healthz"] {
        let began = Instant::now();
        let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        let waited = began.elapsed();
        eprintln!("unreachable postgres: {uri} answered in {waited:?}");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{uri}");
        assert_eq!(response.headers()[header::RETRY_AFTER], "2", "{uri}");
        assert!(waited < Duration::from_secs(2), "{uri}: answered after {waited:?}");
    }
    let anonymous_save = Request::post("/api/attempts/answer")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"attempt_id": 1, "question_id": 1, "option_id": 1}).to_string()))
        .unwrap();
    let response = app.clone().oneshot(anonymous_save).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "no session, no database needed");
}

/// Sends the first part of a request, then SIGTERM, then the rest: the
/// server must answer it before it exits.
#[test]
fn sigterm_lets_the_request_in_flight_finish() {
    use std::io::{Read, Write};
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = std::env::temp_dir().join(format!("contest-sigterm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", format!("sqlite://{}/c.db?mode=rwc", dir.display()))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("DATA_DIR", dir.join("data"))
        .env("DEMO_DATA", "false")
        .env("SESSION_SECRET", "a-test-secret-that-is-long-enough-0123456789")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for it to listen (migrations first).
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut stream = loop {
        if let Ok(s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            break s;
        }
        assert!(Instant::now() < deadline, "the server did not start");
        assert!(child.try_wait().unwrap().is_none(), "the server exited at start");
        std::thread::sleep(Duration::from_millis(100));
    };
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let body = json!({"attempt_id": 1, "question_id": 1, "option_id": 1}).to_string();
    let head = format!(
        "POST /api/attempts/answer HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body.as_bytes()[..5]).unwrap();
    stream.flush().unwrap();
    // The request is in flight (its body half sent) when the signal comes.
    std::thread::sleep(Duration::from_millis(300));
    let killed =
        std::process::Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "the server must wait for the request in flight");
    stream.write_all(&body.as_bytes()[5..]).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "the request was answered: {answer}");
    // Then it exits, cleanly.
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status}");
    let _ = std::fs::remove_dir_all(dir);
}
