//! The quiz page's first-tap saver (app/src/attempt/first_tap.js): named in
//! the head of quiz pages only, ahead of the bundle, and served under its
//! content hash, compressed and cached for a year as immutable.
// Test helpers may panic: a failed request should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use common::client::Client;
use http::{header, Request, StatusCode};
use serde_json::json;
use tower::ServiceExt;

#[tokio::test]
async fn quiz_pages_load_the_first_tap_script_before_the_bundle_and_it_is_cached_as_immutable() {
    for t in common::demo_databases("first_tap", chrono::Utc::now()).await {
        let mut c = Client::new(common::router(&t.db));
        let (status, home) = c.get("/api/contests/home").await;
        assert_eq!(status, StatusCode::OK, "{}", t.backend);
        let open = home["rounds"].as_array().unwrap().iter().find(|r| r["status"] == "Open").unwrap();
        let round_id = open["id"].as_i64().unwrap();
        let (status, body) = c
            .post(
                "/api/contestants/register",
                json!({"full_name": "Hà Thị Lan", "birth_date": "1992-08-19", "phone": "0912 345 001", "category": "civil_servant", "unit_id": 1, "password": "mật khẩu dài"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        let (status, attempt) = c.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!(status, StatusCode::OK, "{attempt}");

        let quiz = c.get_text(&format!("/bai-thi/{}", attempt["attempt_id"])).await;
        let address = app::attempt::first_tap::address();
        let tag = format!("<script src=\"{address}\" defer");
        let at = quiz.find(&tag).unwrap_or_else(|| panic!("{}: no {tag} in {quiz}", t.backend));
        // Before the bundle's module script, so that it runs first. The quiz
        // page loads its own bundle (app/src/bundle.rs), not the other pages'.
        let bundle = quiz
            .find("/contest-quiz.js")
            .unwrap_or_else(|| panic!("{}: no quiz bundle in {quiz}", t.backend));
        assert!(at < bundle, "{}: the script comes after the bundle", t.backend);
        assert!(!quiz.contains("/contest.js") && !quiz.contains("contest-admin"), "{}: {quiz}", t.backend);
        // The form it works on, as the script finds it.
        assert!(quiz.contains("class=\"quiz\""), "{}", t.backend);
        assert!(quiz.contains("name=\"attempt_id\""), "{}", t.backend);

        // Other pages do not download it.
        for page in ["/", "/thong-ke", "/ho-so"] {
            let html = c.get_text(page).await;
            assert!(!html.contains("first-tap"), "{}: {page} names the script", t.backend);
            // Each page names its own bundle (app/src/bundle.rs): no form on the first two.
            let bundle = if page == "/ho-so" { "/contest.js" } else { "/contest-live.js" };
            assert!(
                html.contains(bundle) && !html.contains("contest-quiz"),
                "{}: {page}'s bundle: {html}",
                t.backend
            );
        }

        let request =
            Request::get(address).header(header::ACCEPT_ENCODING, "gzip, br").body(Body::empty()).unwrap();
        let response = c.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers();
        assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "text/javascript; charset=utf-8");
        assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "public, max-age=31536000, immutable");
        assert_eq!(headers.get(header::CONTENT_ENCODING).unwrap(), "br");
        let request = Request::get(address).body(Body::empty()).unwrap();
        let response = c.app.clone().oneshot(request).await.unwrap();
        let script = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        let script = String::from_utf8(script.to_vec()).unwrap();
        assert!(script.contains("/api/attempts/answer") && script.contains("cho-gui-"));
        // Small: it is what a phone downloads before the first tap is safe.
        assert!(script.len() < 16 * 1024, "{} bytes", script.len());
        t.finish().await;
    }
}
