//! Delivery of the browser bundle and the caching rules of every response.
//!
//! The wasm, js and css are served under `/pkg/<fingerprint>/…`, where the
//! fingerprint is a hash of the bundle's files computed at start-up. A new
//! build gets a new address, so the files can be cached for a year as
//! immutable and a second visit downloads almost nothing. The build writes
//! brotli and gzip copies next to each file (scripts/precompress.mjs); they are
//! sent as they are to browsers that accept them, instead of being compressed
//! again on every request.
//!
//! Everything else is dynamic: personal pages and answers must never sit in a
//! shared cache (an office proxy would show one contestant's quiz to the
//! next), and public pages are revalidated on every visit.
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue},
    middleware::{self, Next},
    response::Response,
    Router,
};
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::services::ServeDir;

/// A year: the longest lifetime browsers honour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A short hash of every bundle file's name and content, in name order; the
/// brotli and gzip copies are left out because they follow from the rest.
/// `None` when the folder cannot be read (the site is then served unhashed).
pub fn fingerprint(pkg_dir: &Path) -> Option<String> {
    let mut names: Vec<_> = std::fs::read_dir(pkg_dir)
        .ok()?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".br") && !name.ends_with(".gz"))
        .collect();
    if names.is_empty() {
        return None;
    }
    names.sort();
    let mut hash = Sha256::new();
    for name in names {
        let bytes = std::fs::read(pkg_dir.join(&name)).ok()?;
        hash.update(name.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Some(hex::encode(&hash.finalize()[..8]))
}

/// `/pkg/<fingerprint>/…` from `pkg_dir`: precompressed copies when the
/// browser accepts them, a year's immutable caching on every file found.
pub fn bundle_routes<S: Clone + Send + Sync + 'static>(pkg_dir: &Path, fingerprint: &str) -> Router<S> {
    let files = if copies_are_fresh(pkg_dir) {
        ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip()
    } else {
        // A build that skipped scripts/precompress.mjs (e.g. `cargo leptos
        // watch`) leaves old copies behind; sending them would hand out an
        // old bundle under the new fingerprint.
        tracing::warn!("compressed copies of the bundle are missing or older than the bundle; serving it uncompressed from disk (run `make build-release`)");
        ServeDir::new(pkg_dir)
    };
    Router::new()
        .nest_service(&format!("/pkg/{fingerprint}"), files)
        .layer(middleware::map_response(immutable_when_found))
}

/// Whether every `.br` and `.gz` copy in `pkg_dir` is at least as new as the
/// file it was made from, and each wasm, js and css file has both.
fn copies_are_fresh(pkg_dir: &Path) -> bool {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let Ok(entries) = std::fs::read_dir(pkg_dir) else { return false };
    entries.filter_map(|e| e.ok()).map(|e| e.path()).all(|source| {
        let bundled = matches!(source.extension().and_then(|e| e.to_str()), Some("wasm" | "js" | "css"));
        if !bundled {
            return true;
        }
        let Some(made) = modified(&source) else { return false };
        ["br", "gz"].iter().all(|ext| {
            let copy = source.with_extension(format!(
                "{}.{ext}",
                source.extension().and_then(|e| e.to_str()).unwrap_or_default()
            ));
            modified(&copy).is_some_and(|at| at >= made)
        })
    })
}

async fn immutable_when_found(mut response: Response) -> Response {
    // A missing file must not be remembered for a year.
    if response.status().is_success() || response.status() == http::StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    }
    response
}

/// The `Cache-Control` a response gets when its handler set none.
pub fn cache_policy(path: &str, has_session_cookie: bool) -> &'static str {
    // The password-reset pages' addresses hold a one-time secret.
    const PERSONAL: [&str; 11] = [
        "/bai-thi/",
        "/ket-qua/",
        "/ho-so",
        "/quan-tri",
        "/vao-thi/",
        "/dat-lai-mat-khau",
        "/api/me/",
        "/api/account/",
        "/api/attempts/",
        "/api/admin/",
        "/api/ui/",
    ];
    if path.starts_with("/pkg/") || path == "/favicon.svg" {
        // Unhashed static files (an old page, or a build without fingerprint):
        // kept, but checked again before each use.
        "public, no-cache"
    } else if has_session_cookie || PERSONAL.iter().any(|p| path.starts_with(p)) {
        // Someone's own page or data: never in a shared cache, nor on disk.
        "private, no-store"
    } else {
        // Public pages and figures: fresh on every visit; never shared, since
        // the same address shows a signed-in visitor's own panel.
        "private, no-cache"
    }
}

/// Sets [`cache_policy`] on responses that have no `Cache-Control` yet.
pub async fn apply_cache_policy(request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let has_session_cookie = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| cookies.split(';').any(|c| c.trim_start().starts_with("phien=")));
    let mut response = next.run(request).await;
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_policy(&path, has_session_cookie)));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_pages_and_data_are_never_stored() {
        for path in [
            "/bai-thi/31",
            "/ket-qua/31",
            "/ho-so",
            "/quan-tri/cau-hoi",
            "/api/me/attempts",
            "/api/attempts/answer",
            "/dat-lai-mat-khau?ma=abc",
            "/dat-lai-mat-khau-bang-ma",
            "/vao-thi/6",
            "/api/account/password-reset/link-status",
        ] {
            assert_eq!(cache_policy(path, false), "private, no-store", "{path}");
        }
        // A public address seen with a session may hold the visitor's own panel.
        assert_eq!(cache_policy("/", true), "private, no-store");
        assert_eq!(cache_policy("/", false), "private, no-cache");
        assert_eq!(cache_policy("/api/contests/home", false), "private, no-cache");
        assert_eq!(cache_policy("/pkg/contest.wasm", true), "public, no-cache");
    }

    #[test]
    fn the_fingerprint_follows_every_file_but_not_the_compressed_copies() {
        let dir = std::env::temp_dir().join(format!("pkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("contest.js"), "a").unwrap();
        std::fs::write(dir.join("contest.wasm"), "b").unwrap();
        let first = fingerprint(&dir).unwrap();
        assert_eq!(first.len(), 16);
        std::fs::write(dir.join("contest.wasm.br"), "compressed").unwrap();
        assert_eq!(fingerprint(&dir).unwrap(), first);
        std::fs::write(dir.join("contest.wasm"), "c").unwrap();
        assert_ne!(fingerprint(&dir).unwrap(), first);
        assert!(!copies_are_fresh(&dir), "contest.js has no copies");
        for name in ["contest.js.br", "contest.js.gz", "contest.wasm.br", "contest.wasm.gz"] {
            std::fs::write(dir.join(name), "compressed").unwrap();
        }
        assert!(copies_are_fresh(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(fingerprint(&dir), None);
    }
}
