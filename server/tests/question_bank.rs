//! The question bank through the real router: the stable import API with real
//! files (good and broken), search, editing that leaves attempts alone, and
//! the export round trip.
#![allow(clippy::unwrap_used)]

mod common;

use app::entities::question;
use app::staff::Role;
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../bankfile/tests/fixtures/", common::manifest_dir().display());
    std::fs::read(format!("{path}{name}")).unwrap()
}

async fn organizer(t: &common::TestDb, tag: &str) -> Client {
    let email = format!("btc.{tag}@{}.example.vn", t.backend);
    account(&t.db, &email, Role::Organizer).await;
    signed_in(common::router(&t.db), &email).await
}

async fn bank_size(t: &common::TestDb) -> u64 {
    question::Entity::find().count(&t.db).await.unwrap()
}

#[tokio::test]
async fn a_word_file_is_previewed_by_a_dry_run_then_saved_and_duplicates_skipped() {
    for t in common::demo_databases("import_docx", chrono::Utc::now()).await {
        let mut c = organizer(&t, "docx").await;
        let before = bank_size(&t).await;
        let file = fixture("good.docx");
        let (status, dry) = c
            .upload(
                "/api/admin/questions/import",
                &[("dry_run", "true"), ("topic_id", "1")],
                Some(("ngan-hang.docx", &file)),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {dry}", t.backend);
        assert_eq!(dry, json!({"questions": 8, "duplicates": 0, "errors": []}));
        assert_eq!(bank_size(&t).await, before, "a dry run saves nothing");

        let (status, saved) = c
            .upload(
                "/api/admin/questions/import",
                &[("dry_run", "false"), ("topic_id", "1")],
                Some(("ngan-hang.docx", &file)),
            )
            .await;
        assert_eq!(
            (status, saved.clone()),
            (StatusCode::OK, json!({"questions": 8, "duplicates": 0, "errors": []}))
        );
        assert_eq!(bank_size(&t).await, before + 8);

        // The same file again: every question is a duplicate, skipped and counted.
        let (status, again) = c
            .upload(
                "/api/admin/questions/import",
                &[("dry_run", "false"), ("topic_id", "1")],
                Some(("lan-2.docx", &file)),
            )
            .await;
        assert_eq!((status, again), (StatusCode::OK, json!({"questions": 0, "duplicates": 8, "errors": []})));
        assert_eq!(bank_size(&t).await, before + 8);

        // The import is in the audit log.
        let (_, log) = c.get("/api/admin/audit?action=question.import").await;
        assert!(log["items"][0]["summary"].as_str().unwrap().contains("Nhập 8 câu hỏi"), "{log}");
        t.finish().await;
    }
}

#[tokio::test]
async fn every_other_format_imports_by_content() {
    for t in common::demo_databases("import_formats", chrono::Utc::now()).await {
        let mut c = organizer(&t, "formats").await;
        // (file, name sent) — the .txt one is really a Word file.
        for (file, name) in [
            ("good.xlsx", "cau-hoi.xlsx"),
            ("good.csv", "cau-hoi.csv"),
            ("good.gift", "moodle.txt"),
            ("good.aiken.txt", "aiken.txt"),
            ("renamed.txt", "doi-ten.txt"),
        ] {
            let (status, body) = c
                .upload(
                    "/api/admin/questions/import",
                    &[("dry_run", "true"), ("topic_id", "2")],
                    Some((name, &fixture(file))),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{}: {file}: {body}", t.backend);
            assert!(body["questions"].as_u64().unwrap() >= 2, "{file}: {body}");
            assert_eq!(body["errors"], json!([]), "{file}");
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn broken_files_give_their_reasons_and_import_nothing() {
    for t in common::demo_databases("import_broken", chrono::Utc::now()).await {
        let mut c = organizer(&t, "broken").await;
        let before = bank_size(&t).await;
        for (file, expect) in [
            ("broken.docx", "Chưa có đáp án đúng"),
            ("broken.xlsx", "Đáp án"),
            ("errors.xlsx", "Mức độ"),
            ("empty.docx", "không có câu hỏi"),
            ("empty.xlsx", ""),
            ("not_docx.docx", "không phải tài liệu Word"),
            ("legacy.doc", ".docx"),
            ("broken.gift", "chưa được hỗ trợ"),
            ("broken.aiken.txt", ""),
        ] {
            let (status, body) = c
                .upload(
                    "/api/admin/questions/import",
                    &[("dry_run", "false"), ("topic_id", "1")],
                    Some((file, &fixture(file))),
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {file}: {body}", t.backend);
            let errors = body["errors"].as_array().unwrap();
            assert!(!errors.is_empty(), "{file}");
            assert!(errors.iter().all(|e| e["line"].is_u64() && !e["message"].as_str().unwrap().is_empty()));
            let all = body["errors"].to_string();
            assert!(all.contains(expect), "{file}: expected “{expect}” in {all}");
        }
        assert_eq!(bank_size(&t).await, before, "nothing saved from any broken file");

        // A 50 MB upload is refused with a reason before it is read (its declared length).
        let huge = vec![b'a'; 50 * 1024 * 1024];
        let (status, body) =
            c.upload("/api/admin/questions/import", &[("dry_run", "true")], Some(("lon.csv", &huge))).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        assert_eq!(body["error"], "payload_too_large");
        assert!(body["message"].as_str().unwrap().contains("quá lớn"), "{body}");
        // Just over bankfile's 10 MB but within the request limit: the function's own 422.
        let over = vec![b'a'; bankfile::MAX_FILE_BYTES + 1];
        let (status, body) =
            c.upload("/api/admin/questions/import", &[("dry_run", "true")], Some(("lon.csv", &over))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["fields"]["file"].as_str().unwrap().contains("quá lớn"), "{body}");

        // dry_run is required and must be true or false.
        let (status, body) = c
            .upload(
                "/api/admin/questions/import",
                &[("dry_run", "co")],
                Some(("a.txt", &fixture("good.aiken.txt"))),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["fields"]["dry_run"].is_string(), "{body}");
        t.finish().await;
    }
}

#[tokio::test]
async fn the_preview_returns_flagged_questions_that_can_be_fixed_and_saved() {
    for t in common::demo_databases("import_fix", chrono::Utc::now()).await {
        let mut c = organizer(&t, "fix").await;
        let before = bank_size(&t).await;
        let (status, preview) = c
            .upload("/api/admin/questions/import_preview", &[], Some(("loi.docx", &fixture("broken.docx"))))
            .await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        let mut rows = preview["rows"].as_array().unwrap().clone();
        let flagged = rows.iter().filter(|r| !r["problems"].as_array().unwrap().is_empty()).count();
        assert!(flagged >= 3, "{preview}");
        // Saving as is: nothing saved, every problem given back by line.
        let (status, report) = c
            .post("/api/admin/questions/import_save", json!({"rows": rows, "default_topic_id": 1, "skip_duplicates": true, "file_name": "loi.docx"}))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(!report["errors"].as_array().unwrap().is_empty());
        assert_eq!(bank_size(&t).await, before);
        // Fix every row the way an organizer would: two options at least, answer A.
        for row in rows.iter_mut() {
            let options = row["options"].as_array().unwrap().clone();
            if options.len() < 2 {
                row["options"] = json!(["Đúng", "Sai"]);
            }
            let n = row["options"].as_array().unwrap().len();
            row["options"] =
                json!((0..n).map(|i| format!("Phương án sửa {i} dòng {}", row["line"])).collect::<Vec<_>>());
            if row["text"].as_str().unwrap().trim().is_empty() {
                row["text"] = json!(format!("Câu hỏi sửa ở dòng {}", row["line"]));
            }
            row["correct"] = json!(0);
        }
        let (status, report) = c
            .post("/api/admin/questions/import_save", json!({"rows": rows, "default_topic_id": 1, "skip_duplicates": true, "file_name": "loi.docx"}))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(report["errors"], json!([]), "{report}");
        assert_eq!(bank_size(&t).await, before + rows.len() as u64);
        t.finish().await;
    }
}

#[tokio::test]
async fn search_ignores_diacritics_and_case_and_pages() {
    for t in common::demo_databases("bank_search", chrono::Utc::now()).await {
        let mut c = organizer(&t, "search").await;
        let (status, page) = c.get("/api/admin/questions?q=THU%20TUC%20hanh%20chinh&page=1").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let total = page["total"].as_u64().unwrap();
        assert!(total >= 5, "{page}");
        for item in page["items"].as_array().unwrap() {
            let folded = app::text::fold(item["text"].as_str().unwrap());
            assert!(folded.contains("thu tuc hanh chinh"), "{folded}");
            assert!(item["options"].as_array().unwrap().iter().filter(|o| o["correct"] == true).count() == 1);
            assert!(item["topic"].is_i64());
        }
        let (_, topic2) = c.get("/api/admin/questions?topic=2").await;
        assert!(topic2["items"].as_array().unwrap().iter().all(|i| i["topic"] == 2));
        let (_, all) = c.get("/api/admin/questions").await;
        let (_, page3) = c.get("/api/admin/questions?page=3").await;
        assert_eq!(all["total"], 132);
        assert_eq!(page3["items"].as_array().unwrap().len(), 32, "50 + 50 + 32");
        t.finish().await;
    }
}

#[tokio::test]
async fn editing_a_question_leaves_attempts_already_made_as_they_were() {
    for t in common::demo_databases("bank_edit", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let mut contestant = Client::new(app.clone());
        let (status, _) = contestant
            .post(
                "/api/contestants/register",
                json!({"full_name": "Vi Văn Sơn", "birth_date": "1985-03-12", "phone": "0912 111 222",
                    "category": "civil_servant", "unit_id": 1, "password": "mật khẩu dài"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (_, contests) = contestant.get("/api/contests").await;
        let live =
            contests.as_array().unwrap().iter().find(|c| c["slug"] == "cchc-lang-son-trai-nghiem").unwrap();
        let open_round = live["rounds"][1]["id"].as_i64().unwrap();
        let (status, attempt) = contestant.post("/api/attempts/start", json!({"round_id": open_round})).await;
        assert_eq!(status, StatusCode::OK, "{attempt}");
        let first = attempt["questions"][0].clone();
        let id = first["id"].as_i64().unwrap();

        let mut c = organizer(&t, "edit").await;
        let (_, detail) = c.get(&format!("/api/admin/questions/get?id={id}")).await;
        assert_eq!(detail["item"]["times_drawn"], 1, "{detail}");
        let draft = json!({"id": id, "topic_id": detail["item"]["topic"], "text": "Nội dung đã sửa?", "options": ["Một", "Hai", "Ba"],
            "correct": 2, "explanation": null, "legal_source": null, "difficulty": 2, "active": true});
        let (status, body) =
            c.post("/api/admin/questions/save", json!({"draft": draft, "allow_duplicate": false})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, after) = c.get(&format!("/api/admin/questions/get?id={id}")).await;
        assert_eq!(after["item"]["text"], "Nội dung đã sửa?");
        assert_eq!(after["item"]["options"].as_array().unwrap().len(), 3);

        // The contestant resumes the same attempt and sees what was drawn.
        let (_, resumed) = contestant.post("/api/attempts/start", json!({"round_id": open_round})).await;
        assert_eq!(resumed["questions"][0], first);

        // The edit is in the audit log with before and after.
        let (_, log) = c.get(&format!("/api/admin/audit?action=question.update&entity_id={id}")).await;
        let entry = &log["items"][0];
        assert!(entry["before"].as_str().unwrap().contains(first["text"].as_str().unwrap()));
        assert!(entry["after"].as_str().unwrap().contains("Nội dung đã sửa?"));

        // A new question with the same text is flagged as a duplicate unless allowed.
        let twin = json!({"id": null, "topic_id": 1, "text": "  nội dung ĐÃ sửa? ", "options": ["A", "B"], "correct": 0,
            "explanation": null, "legal_source": null, "difficulty": 1, "active": true});
        let (status, body) = c
            .post("/api/admin/questions/save", json!({"draft": twin.clone(), "allow_duplicate": false}))
            .await;
        assert_eq!((status, body["error"].clone()), (StatusCode::CONFLICT, json!("duplicate_question")));
        let (status, _) =
            c.post("/api/admin/questions/save", json!({"draft": twin, "allow_duplicate": true})).await;
        assert_eq!(status, StatusCode::OK);

        // Bad drafts come back with a reason per field.
        let bad = json!({"id": null, "topic_id": 999, "text": " ", "options": ["Một"], "correct": 3,
            "explanation": null, "legal_source": null, "difficulty": 7, "active": true});
        let (status, body) =
            c.post("/api/admin/questions/save", json!({"draft": bad, "allow_duplicate": false})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        for field in ["text", "options", "correct", "difficulty", "topic_id"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn the_bank_exports_to_xlsx_and_reads_back_the_same() {
    for t in common::demo_databases("bank_export", chrono::Utc::now()).await {
        let mut c = organizer(&t, "export").await;
        let req = c
            .request(http::Method::GET, "/api/admin/questions/export.xlsx")
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, bytes) = c.send_raw(req).await;
        assert_eq!(status, StatusCode::OK);
        let parsed = bankfile::parse(&bytes, Some("ngan-hang.xlsx"));
        assert_eq!(parsed.problems, vec![], "{:?}", parsed.problems);
        assert_eq!(parsed.questions.len(), 132);
        let (_, page) = c.get("/api/admin/questions?q=&page=3").await;
        let last = &page["items"].as_array().unwrap()[31]; // the oldest question
        let first = &parsed.questions[0];
        assert_eq!(first.text, last["text"].as_str().unwrap());
        let correct = last["options"].as_array().unwrap().iter().position(|o| o["correct"] == true).unwrap();
        assert_eq!(first.correct, vec![correct]);
        // Importing the export back changes nothing: every question is a duplicate.
        let (status, report) = c
            .upload("/api/admin/questions/import", &[("dry_run", "true")], Some(("xuat.xlsx", &bytes)))
            .await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!(report, json!({"questions": 0, "duplicates": 132, "errors": []}));
        t.finish().await;
    }
}

#[tokio::test]
async fn the_bank_exports_to_moodle_xml_and_a_moodle_export_imports() {
    for t in common::demo_databases("bank_moodle", chrono::Utc::now()).await {
        let mut c = organizer(&t, "moodle").await;
        let before = bank_size(&t).await;
        let req = c
            .request(http::Method::GET, "/api/admin/questions/export.moodle.xml")
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, bytes) = c.send_raw(req).await;
        assert_eq!(status, StatusCode::OK);
        assert!(bytes.starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"));
        let parsed = bankfile::parse(&bytes, Some("ngan-hang-cau-hoi.moodle.xml"));
        assert_eq!(parsed.format, Some(bankfile::Format::MoodleXml));
        assert_eq!(parsed.problems, vec![], "{:?}", parsed.problems);
        assert_eq!(parsed.questions.len(), 132);
        // Importing the export back changes nothing: every question is a duplicate.
        let (status, report) =
            c.upload("/api/admin/questions/import", &[("dry_run", "true")], Some(("xuat.xml", &bytes))).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!(report, json!({"questions": 0, "duplicates": 132, "errors": []}));
        // A file as Moodle exports it: the true/false question is refused by name, on its line,
        // and (all or nothing) the multiple-choice ones are not saved either.
        let (status, body) = c
            .upload(
                "/api/admin/questions/import",
                &[("dry_run", "false"), ("topic_id", "1")],
                Some(("moodle.xml", &fixture("good.moodle.xml"))),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["errors"][0]["line"], 82, "{body}");
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("“đúng/sai” (truefalse)"), "{body}");
        assert_eq!(bank_size(&t).await, before);
        t.finish().await;
    }
}
