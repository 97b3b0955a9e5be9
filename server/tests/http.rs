//! The real router end to end (without a socket): pages, server functions,
//! health check and error statuses.
// Test helpers may panic: a failed request should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use http::{Request, StatusCode};
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn home_page_is_server_rendered_in_vietnamese_from_the_database() {
    for t in common::demo_databases("http_home", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let (status, html) = get(&app, "/").await;
        assert_eq!(status, StatusCode::OK, "{}", t.backend);
        assert!(html.contains("<html lang=\"vi\""));
        assert!(html.contains("Cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Lạng Sơn"));
        assert!(html.contains("Tuần 2 kết thúc sau"), "{}: countdown rendered on the server", t.backend);
        assert!(html.contains("Đang mở"));
        // The home page has no form: the small bundle of countdowns and counters (app/src/bundle.rs).
        assert!(html.contains("/contest-live.js"), "hydration scripts: {html}");
        t.finish().await;
    }
}

#[tokio::test]
async fn server_functions_answer_json_on_stable_paths() {
    for t in common::demo_databases("http_api", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let (status, body) = get(&app, "/api/contests/home").await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        let home: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(home["slug"], "cchc-lang-son-trai-nghiem");
        assert_eq!(home["rounds"].as_array().unwrap().len(), 4);

        let (status, body) = get(&app, "/api/contests/home?slug=cchc-lang-son-2022").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["contest_id"].as_i64().unwrap();

        let (status, body) = get(&app, &format!("/api/contests/counters?contest_id={id}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&body).unwrap(),
            serde_json::json!({"contestants": 0, "attempts": 0})
        );

        let (status, body) = get(&app, "/api/contests/home?slug=khong-ton-tai").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}: {body}", t.backend);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&body).unwrap(),
            serde_json::json!({"error": "not_found", "message": "Không tìm thấy cuộc thi."})
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn health_check_and_unknown_pages() {
    for t in common::migrated_databases("http_health").await {
        let app = common::router(&t.db);
        let (status, body) = get(&app, "/healthz").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&body).unwrap(),
            serde_json::json!({"status": "ok", "database": "ok"})
        );

        let (status, html) = get(&app, "/khong-co-trang-nay").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", t.backend);
        assert!(html.contains("Không tìm thấy trang"));
        // A page whose own data is missing answers that error's status too, not a 200.
        let (status, html) = get(&app, "/cuoc-thi/khong-ton-tai").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", t.backend);
        assert!(html.contains("Không tìm thấy cuộc thi"), "{html}");

        // With the database gone, the health check says so instead of pretending.
        t.db.clone().close().await.unwrap();
        let (status, _) = get(&app, "/healthz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{}", t.backend);
        t.finish().await;
    }
}

/// Listing the app's routes switches resource loading off process-wide while
/// it runs (leptos-rs/leptos#4773): a page rendered meanwhile waited forever,
/// and CI hung so. Routers are built over and over on another thread while
/// pages render here; every page must still answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn building_routers_while_pages_render_stalls_no_page() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    for t in common::demo_databases("route_list", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let stop = Arc::new(AtomicBool::new(false));
        let (db, done) = (t.db.clone(), stop.clone());
        let builder = tokio::task::spawn_blocking(move || {
            // Bounded, so that a stalled page still meets its timeout below.
            let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
            let mut built = 0_u32;
            while !done.load(Ordering::Relaxed) && std::time::Instant::now() < until {
                drop(common::router(&db));
                built += 1;
            }
            built
        });
        for _ in 0..60 {
            let page = tokio::time::timeout(
                std::time::Duration::from_secs(10),
                common::client::Client::new(app.clone()).get_text("/quen-mat-khau"),
            )
            .await
            .unwrap_or_else(|_| panic!("{}: a page stalled while routers were built", t.backend));
            assert!(page.contains("Quên mật khẩu"));
        }
        stop.store(true, Ordering::Relaxed);
        assert!(builder.await.unwrap() > 0, "routers were built meanwhile");
        t.finish().await;
    }
}
