//! Each answer's Content-Security-Policy is its own, however many requests are
//! in flight on the same thread: a page carries the nonce policy its own
//! render set, with the nonce its own scripts carry; a file or a server
//! function never carries a page's policy.
//!
//! Before the fix a page rendering on a worker thread left its reactive owner
//! as that thread's current owner while it waited for its data, and a static
//! file (the favicon) answered in between on the same thread took the page's
//! headers; the page then came without its policy (docs/security.md §5).
// Test helpers may panic: a failed request should stop the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use http::{header, Request, StatusCode};
use std::path::{Path, PathBuf};
use tower::ServiceExt;

/// The real router over `db`, serving static files from `site_root`.
fn router_at(db: &sea_orm::DatabaseConnection, site_root: &Path) -> axum::Router {
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("contest")
        .site_root(site_root.display().to_string())
        .build();
    let secret = server::secret::load_or_create(Some(&"test-secret-".repeat(4)), Path::new(".")).unwrap();
    let cookies = server::routes::CookiePolicy { secret, secure: false, lifetime: Default::default() };
    server::routes::router(app::state::AppState::new(db.clone()), options, cookies)
}

/// A site folder holding only the favicon (served by the router's fallback).
fn site_with_favicon(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("contest-site-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    dir
}

struct Answer {
    uri: &'static str,
    status: StatusCode,
    policy: String,
    body: String,
}

async fn get(app: axum::Router, uri: &'static str) -> Answer {
    let response = app.oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let policy = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.unwrap();
    Answer { uri, status, policy, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// The nonce of a policy's `script-src`, if it has one.
fn nonce_of(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    policy[start..].split('\'').next()
}

// The default test runtime has one thread: every request below takes its turns
// on it, which is where a leaked owner showed (in the browser runs, on one of
// the server's two worker threads).
#[tokio::test]
async fn concurrent_pages_each_carry_their_own_nonce_policy_and_files_none() {
    for t in common::demo_databases("page_policy", chrono::Utc::now()).await {
        let site = site_with_favicon(t.backend);
        let app = router_at(&t.db, &site);
        let uris = ["/", "/thong-ke", "/dang-nhap", "/dang-ky", "/favicon.svg", "/api/contests"];
        let mut tasks = Vec::new();
        for _ in 0..12 {
            for uri in uris {
                tasks.push(tokio::spawn(get(app.clone(), uri)));
            }
        }
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        let default_policy = server::guard::headers::content_security_policy("");
        let mut wrong = Vec::new();
        let mut nonces = std::collections::HashSet::new();
        for a in &answers {
            assert_eq!(a.status, StatusCode::OK, "{}: {}: {}", t.backend, a.uri, a.body);
            if a.uri.starts_with("/api/") || a.uri == "/favicon.svg" {
                // Another request's page policy must never land here.
                if a.policy != default_policy {
                    wrong.push(format!("{} got {:?}", a.uri, a.policy));
                }
                continue;
            }
            let Some(nonce) = nonce_of(&a.policy) else {
                wrong.push(format!("{} came without its nonce policy: {:?}", a.uri, a.policy));
                continue;
            };
            let scripts = a.body.matches("<script").count();
            let signed = a.body.matches(&format!("nonce=\"{nonce}\"")).count();
            if scripts == 0 || signed != scripts {
                wrong.push(format!("{}: {scripts} scripts, {signed} with the policy's nonce", a.uri));
            }
            assert!(nonces.insert(nonce.to_owned()), "{}: {}: a nonce used twice", t.backend, a.uri);
        }
        assert!(wrong.is_empty(), "{}: {} of {} answers: {wrong:#?}", t.backend, wrong.len(), answers.len());
        let _ = std::fs::remove_dir_all(&site);
        t.finish().await;
    }
}
