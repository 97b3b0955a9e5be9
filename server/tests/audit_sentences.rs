//! The audit log in plain words, through the real router: each entry carries
//! a Vietnamese sentence naming the person (not their e-mail, not the action
//! code), and the raw JSON stays in the API (the export). The page itself
//! renders after hydration; end2end/tests/plain_words.spec.ts checks it.
#![allow(clippy::unwrap_used)]

mod common;

use app::staff::Role;
use common::staff::{account, signed_in};
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_rename_reads_as_a_sentence_and_keeps_its_json() {
    for t in common::migrated_databases("audit_sentences").await {
        let email = format!("nhatky@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(common::router(&t.db), &email).await;

        let (status, topic) = c.post("/api/admin/topics/save", json!({"name": "Luật Đất đai"})).await;
        assert_eq!(status, StatusCode::OK, "{topic}");
        let id = topic["id"].as_i64().unwrap();
        let (status, _) =
            c.post("/api/admin/topics/save", json!({"id": id, "name": "Luật Đất đai 2024"})).await;
        assert_eq!(status, StatusCode::OK);

        let (status, log) = c.get("/api/admin/audit?action=topic.").await;
        assert_eq!(status, StatusCode::OK, "{log}");
        let items = log["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{log}");
        // Newest first; the person by name (the test account's name), the e-mail kept apart.
        assert_eq!(
            items[0]["sentence"],
            "Cán bộ Ban Tổ chức đổi tên chủ đề “Luật Đất đai” thành “Luật Đất đai 2024”"
        );
        assert_eq!(items[1]["sentence"], "Cán bộ Ban Tổ chức thêm chủ đề “Luật Đất đai”");
        assert_eq!(items[0]["actor_name"], "Cán bộ Ban Tổ chức");
        assert_eq!(items[0]["actor"], email.as_str());
        // The export (this API) keeps the code and the raw JSON.
        assert_eq!(items[0]["action"], "topic.update");
        let after: serde_json::Value = serde_json::from_str(items[0]["after"].as_str().unwrap()).unwrap();
        assert_eq!(after, json!({"name": "Luật Đất đai 2024"}));

        t.finish().await;
    }
}
