//! Which body type each server function takes comes from the functions
//! themselves, not from where their path lives: the list of no-JavaScript
//! form endpoints (`app::form::routes::FORM_ROUTES`) holds exactly the
//! functions the app declares with a urlencoded input, and through the real
//! router every function takes its own type and is refused (415) the other.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use http::{header, Method, StatusCode};
use std::collections::BTreeSet;
use std::path::Path;

/// Every `#[server(…)]` in `app/src`: (path, input encoding), the macro's
/// defaults filled in (prefix `/api`, input `PostUrl`).
fn declared() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("#[server(") {
                    let args = &text[at + "#[server(".len()..];
                    let args = &args[..args.find(")]").unwrap()];
                    let value = |key: &str| {
                        let start = args.find(&format!("{key} = "))? + key.len() + 3;
                        let rest = &args[start..];
                        let end = rest.find(',').unwrap_or(rest.len());
                        Some(rest[..end].trim().trim_matches('"').to_owned())
                    };
                    let prefix = value("prefix").unwrap_or_else(|| "/api".into());
                    let endpoint =
                        value("endpoint").unwrap_or_else(|| panic!("{path:?}: no endpoint: {args}"));
                    let input = value("input").unwrap_or_else(|| "PostUrl".into());
                    out.push((format!("{prefix}/{endpoint}"), input));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&common::manifest_dir().join("../app/src"), &mut out);
    out
}

/// The functions registered with the server that take a body (POST).
fn registered_posts() -> BTreeSet<String> {
    server_fn::axum::server_fn_paths()
        .filter(|(_, method)| *method == Method::POST)
        .map(|(path, _)| path.to_owned())
        .collect()
}

#[test]
fn the_form_list_holds_every_urlencoded_function_and_nothing_else() {
    let declared = declared();
    assert!(declared.len() >= 100, "the scan found only {} server functions", declared.len());
    let forms: BTreeSet<String> =
        declared.iter().filter(|(_, input)| input == "PostUrl").map(|(p, _)| p.clone()).collect();
    let listed: BTreeSet<String> = app::form::routes::FORM_ROUTES.iter().map(|p| (*p).to_owned()).collect();
    assert_eq!(listed, forms, "FORM_ROUTES and the functions declared with a form input differ");
    // The scan saw every function that takes a body, so none escapes the comparison.
    let posts: BTreeSet<String> =
        declared.iter().filter(|(_, input)| input != "GetUrl").map(|(p, _)| p.clone()).collect();
    assert_eq!(registered_posts(), posts, "registered POST functions and the declarations differ");
    for path in &listed {
        assert_eq!(server::guard::body::body_kind(path), server::guard::body::BodyKind::Form, "{path}");
    }
}

#[tokio::test]
async fn every_function_takes_only_its_own_body_type() {
    use server::guard::body::{body_kind, BodyKind};
    const FORM: &str = "application/x-www-form-urlencoded";
    const JSON: &str = "application/json";
    for t in common::migrated_databases("form_routes").await {
        let app = common::router(&t.db);
        let mut checked = 0;
        for path in registered_posts() {
            let (own, other) = match body_kind(&path) {
                BodyKind::Form => (FORM, JSON),
                BodyKind::Json => (JSON, FORM),
                // Uploads: their own guard, tested in hardening.rs.
                BodyKind::Multipart | BodyKind::Any => continue,
            };
            let send = |content_type: &str| {
                let req = http::Request::post(&path)
                    .header(header::CONTENT_TYPE, content_type)
                    .body(Body::empty())
                    .unwrap();
                let app = app.clone();
                async move { tower::ServiceExt::oneshot(app, req).await.unwrap().status() }
            };
            assert_eq!(
                send(other).await,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{}: {path} took {other}",
                t.backend
            );
            assert_ne!(
                send(own).await,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{}: {path} refused {own}",
                t.backend
            );
            checked += 1;
        }
        assert!(checked >= 50, "{}: only {checked} functions checked", t.backend);
        t.finish().await;
    }
}
