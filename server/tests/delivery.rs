//! The browser bundle under its fingerprint, precompressed and cached for a
//! year; the caching rules of pages and data (server/src/assets.rs).
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use http::{header, Request, StatusCode};
use tower::ServiceExt;

/// A built site in a temporary folder: a bundle and its compressed copies.
fn site(tag: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("delivery-site-{tag}-{}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (name, body) in
        [("contest.js", "export default 1;"), ("contest.wasm", "\0asm"), ("contest.css", "body{}")]
    {
        std::fs::write(pkg.join(name), body).unwrap();
        std::fs::write(pkg.join(format!("{name}.br")), format!("brotli of {name}")).unwrap();
        std::fs::write(pkg.join(format!("{name}.gz")), format!("gzip of {name}")).unwrap();
    }
    root
}

fn router(db: &sea_orm::DatabaseConnection, root: &std::path::Path) -> axum::Router {
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("contest")
        .site_root(root.to_string_lossy().as_ref())
        .build();
    let secret =
        server::secret::load_or_create(Some(&"test-secret-".repeat(4)), std::path::Path::new(".")).unwrap();
    let cookies = server::routes::CookiePolicy { secret, secure: false, lifetime: Default::default() };
    server::routes::router(app::state::AppState::new(db.clone()), options, cookies)
}

async fn get(app: &axum::Router, uri: &str, encoding: &str) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let request = Request::get(uri).header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 10 * 1024 * 1024).await.unwrap();
    (parts.status, parts.headers, bytes.to_vec())
}

fn cache(headers: &http::HeaderMap) -> &str {
    headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).unwrap_or("(none)")
}

#[tokio::test]
async fn the_bundle_is_fingerprinted_precompressed_and_immutable() {
    let root = site("fresh");
    let fingerprint = server::assets::fingerprint(&root.join("pkg")).unwrap();
    for t in common::demo_databases("delivery", chrono::Utc::now()).await {
        let app = router(&t.db, &root);
        let (status, headers, html) = get(&app, "/", "identity").await;
        assert_eq!(status, StatusCode::OK, "{}", t.backend);
        let html = String::from_utf8(html).unwrap();
        // The page names the bundle under its fingerprint, stylesheet included.
        assert!(html.contains(&format!("/pkg/{fingerprint}/contest-live.js")), "{}: {html}", t.backend);
        assert!(html.contains(&format!("/pkg/{fingerprint}/contest.css")), "{}", t.backend);
        assert_eq!(cache(&headers), "private, no-cache", "{}: a public page is revalidated", t.backend);

        let wasm = format!("/pkg/{fingerprint}/contest.wasm");
        let (status, headers, body) = get(&app, &wasm, "gzip, deflate, br").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers.get(header::CONTENT_ENCODING).unwrap(), "br", "the brotli copy as it is");
        assert_eq!(body, b"brotli of contest.wasm");
        assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "application/wasm");
        assert_eq!(cache(&headers), "public, max-age=31536000, immutable");

        let (_, headers, body) = get(&app, &wasm, "gzip").await;
        assert_eq!(headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
        assert_eq!(body, b"gzip of contest.wasm");

        // A file that is not there is not remembered for a year.
        let (status, headers, _) = get(&app, &format!("/pkg/{fingerprint}/missing.js"), "br").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_ne!(cache(&headers), "public, max-age=31536000, immutable");

        // Personal pages and data never go into a shared cache.
        for personal in ["/ho-so", "/api/me/attempts", "/quan-tri"] {
            let (_, headers, _) = get(&app, personal, "identity").await;
            assert_eq!(cache(&headers), "private, no-store", "{}: {personal}", t.backend);
        }
        t.finish().await;
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[tokio::test]
async fn old_compressed_copies_are_never_served_for_a_new_bundle() {
    let root = site("stale");
    let pkg = root.join("pkg");
    // A rebuild that skipped the compression step: the copies are now older.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(pkg.join("contest.wasm"), "\0asm new").unwrap();
    let fingerprint = server::assets::fingerprint(&pkg).unwrap();
    for t in common::demo_databases("delivery_stale", chrono::Utc::now()).await {
        let app = router(&t.db, &root);
        let (status, headers, body) = get(&app, &format!("/pkg/{fingerprint}/contest.wasm"), "br").await;
        assert_eq!(status, StatusCode::OK, "{}", t.backend);
        // Served from the file itself (possibly compressed on the fly), never the old copy.
        assert_ne!(body, b"brotli of contest.wasm", "{}", t.backend);
        if headers.get(header::CONTENT_ENCODING).is_none() {
            assert_eq!(body, b"\0asm new");
        }
        t.finish().await;
    }
    std::fs::remove_dir_all(&root).unwrap();
}
