//! Word banks in the dashboard import (issue 13): the preview names the layout it recognised,
//! lists the layouts that work (with their templates) when it recognises none, and every Word
//! template downloads and imports as it is.
#![allow(clippy::unwrap_used)]

mod common;

use app::staff::Role;
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use serde_json::json;

async fn organizer(t: &common::TestDb, tag: &str) -> Client {
    let email = format!("btc.{tag}@{}.example.vn", t.backend);
    account(&t.db, &email, Role::Organizer).await;
    signed_in(common::router(&t.db), &email).await
}

async fn download(c: &mut Client, path: &str) -> (StatusCode, Vec<u8>) {
    let req = c.request(http::Method::GET, path).body(axum::body::Body::empty()).unwrap();
    c.send_raw(req).await
}

#[tokio::test]
async fn every_word_template_downloads_and_imports_with_its_layout_named() {
    for t in common::demo_databases("docx_templates", chrono::Utc::now()).await {
        let mut c = organizer(&t, "mau").await;
        for (path, _) in app::question_bank::DOCX_TEMPLATES {
            let (status, bytes) = download(&mut c, path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let (status, preview) =
                c.upload("/api/admin/questions/import_preview", &[], Some(("mau.docx", &bytes))).await;
            assert_eq!(status, StatusCode::OK, "{path}: {preview}");
            assert_eq!(preview["format"], json!("Word (.docx)"));
            assert!(preview["layout"].as_str().unwrap().starts_with("Đã nhận dạng: "), "{path}: {preview}");
            let rows = preview["rows"].as_array().unwrap();
            assert_eq!(rows.len(), 2, "{path}");
            assert!(rows.iter().all(|r| r["problems"].as_array().unwrap().is_empty()), "{path}: {preview}");
            assert_eq!(preview["layouts"], json!([]), "layouts are listed only when nothing was read");
        }
        // Someone not signed in gets no template.
        let mut anonymous = Client::new(common::router(&t.db));
        let (status, _) = download(&mut anonymous, "/api/admin/questions/template-table.docx").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        t.finish().await;
    }
}

#[tokio::test]
async fn a_word_file_with_no_question_lists_the_layouts_that_work_with_their_templates() {
    for t in common::demo_databases("docx_unknown", chrono::Utc::now()).await {
        let mut c = organizer(&t, "khong").await;
        // A Word document with no question in it.
        let path = common::manifest_dir().join("../bankfile/tests/fixtures/empty.docx");
        let bytes = std::fs::read(path).unwrap();
        let (status, preview) =
            c.upload("/api/admin/questions/import_preview", &[], Some(("bien-ban.docx", &bytes))).await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        assert_eq!(preview["layout"], json!(null));
        let templates: Vec<&str> =
            preview["layouts"].as_array().unwrap().iter().map(|l| l["template"].as_str().unwrap()).collect();
        let mut want = vec!["/api/admin/questions/template.xlsx"];
        want.extend(app::question_bank::DOCX_TEMPLATES.iter().map(|(p, _)| *p));
        assert_eq!(templates, want);
        for l in preview["layouts"].as_array().unwrap() {
            assert!(!l["name"].as_str().unwrap().is_empty() && !l["how"].as_str().unwrap().is_empty(), "{l}");
        }
        t.finish().await;
    }
}
