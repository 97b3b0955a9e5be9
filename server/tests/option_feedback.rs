//! Each option's own feedback (issue 13): a GIFT or Moodle XML file's per-option feedback is
//! stored with the option (`question_option.feedback`) by the import, kept through the
//! preview → save path, and written back by the GIFT, Moodle XML, Excel and CSV exports, so an
//! import → export → import changes nothing. Run on SQLite and, with TEST_DATABASE_URL, PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use app::entities::{question, question_option};
use app::staff::Role;
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

async fn organizer(t: &common::TestDb, tag: &str) -> Client {
    let email = format!("btc.{tag}@{}.example.vn", t.backend);
    account(&t.db, &email, Role::Organizer).await;
    signed_in(common::router(&t.db), &email).await
}

const GIFT: &str = "$CATEGORY: Phản hồi từng phương án\n\n\
    [plain]Theo Nghị định 61/2018/NĐ-CP, bộ phận một cửa cấp tỉnh có tên là gì? {\n\
    \t~Trung tâm hành chính công #Chưa đúng\\: đó là tên thường gọi ở một số địa phương.\n\
    \t=Trung tâm Phục vụ hành chính công #Đúng: Điều 7.\n\
    \t~Văn phòng một cửa\n\
    \t####Điều 7 Nghị định 61/2018/NĐ-CP.\n}\n\n";

const MOODLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n\
    <question type=\"category\"><category><text>$course$/top/Phản hồi từng phương án</text></category></question>\n\
    <question type=\"multichoice\"><name><text>Q</text></name>\
    <questiontext format=\"html\"><text><![CDATA[<p>Thời hạn giải quyết <b>khiếu nại</b> lần đầu tối đa là bao lâu?</p>]]></text></questiontext>\
    <generalfeedback format=\"html\"><text>Điều 28 Luật Khiếu nại.</text></generalfeedback>\
    <single>true</single>\
    <answer fraction=\"0\" format=\"html\"><text>15 ngày</text><feedback format=\"html\"><text>&lt;p&gt;Quá ngắn &amp; sai.&lt;/p&gt;</text></feedback></answer>\
    <answer fraction=\"100\" format=\"html\"><text>30 ngày</text><feedback format=\"html\"><text>Đúng.</text></feedback></answer>\
    <answer fraction=\"0\" format=\"html\"><text>60 ngày</text><feedback format=\"html\"><text></text></feedback></answer>\
    </question>\n</quiz>\n";

/// The two questions' starts, none of them in the demo bank.
const ONE_STOP: &str = "Theo Nghị định 61/2018/NĐ-CP, bộ phận một cửa cấp tỉnh có tên";
const COMPLAINT: &str = "Thời hạn giải quyết khiếu nại lần đầu";

/// The feedback stored for the options of the question whose text starts with `start`.
async fn stored(t: &common::TestDb, start: &str) -> Vec<Option<String>> {
    let q = question::Entity::find()
        .filter(question::Column::Text.starts_with(start))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no question “{start}…”"));
    question_option::Entity::find()
        .filter(question_option::Column::QuestionId.eq(q.id))
        .order_by_asc(question_option::Column::Position)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.feedback)
        .collect()
}

/// Imports a GIFT file for real through the stable import API; its report.
async fn import_gift(c: &mut Client, name: &str, text: &str) -> serde_json::Value {
    let (status, report) =
        c.upload("/api/admin/questions/import", &[("dry_run", "false")], Some((name, text.as_bytes()))).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    report
}

async fn export(c: &mut Client, path: &str) -> Vec<u8> {
    let req = c.request(http::Method::GET, path).body(axum::body::Body::empty()).unwrap();
    let (status, bytes) = c.send_raw(req).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    bytes
}

/// The one question of `bytes` (an export) whose text starts with `start`, as read back.
fn read_back(bytes: &[u8], name: &str, start: &str) -> bankfile::ParsedQuestion {
    let parsed = bankfile::parse(bytes, Some(name));
    assert_eq!(parsed.problems, vec![], "{name}");
    parsed
        .questions
        .into_iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| panic!("{name}: {start}"))
}

#[tokio::test]
async fn per_option_feedback_is_stored_and_exported_back_unchanged() {
    for t in common::demo_databases("option_feedback", chrono::Utc::now()).await {
        let mut c = organizer(&t, "feedback").await;
        // GIFT through the stable import API.
        let report = import_gift(&mut c, "phan-hoi.gift", GIFT).await;
        assert_eq!(report, json!({"questions": 1, "duplicates": 0, "errors": []}));
        let gift_feedback = vec![
            Some("Chưa đúng: đó là tên thường gọi ở một số địa phương.".to_string()),
            Some("Đúng: Điều 7.".to_string()),
            None,
        ];
        assert_eq!(stored(&t, ONE_STOP).await, gift_feedback, "{}", t.backend);
        // Moodle XML through the dashboard's preview, then save: the browser holds the rows
        // in between, feedback included.
        let (status, preview) = c
            .upload("/api/admin/questions/import_preview", &[], Some(("moodle.xml", MOODLE.as_bytes())))
            .await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        let rows = preview["rows"].clone();
        assert_eq!(rows[0]["option_feedback"], json!(["Quá ngắn & sai.", "Đúng.", null]), "{preview}");
        assert_eq!(rows[0]["explanation"], json!("Điều 28 Luật Khiếu nại."), "{preview}");
        let (status, report) = c
            .post(
                "/api/admin/questions/import_save",
                json!({"rows": rows, "default_topic_id": 1, "skip_duplicates": true, "file_name": "moodle.xml"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!(report["errors"], json!([]), "{report}");
        let moodle_feedback = vec![Some("Quá ngắn & sai.".to_string()), Some("Đúng.".to_string()), None];
        assert_eq!(stored(&t, COMPLAINT).await, moodle_feedback, "{}", t.backend);
        // Every export but Aiken writes each option's feedback back in its place.
        let gift = export(&mut c, "/api/admin/questions/export.gift?status=all").await;
        let text = String::from_utf8(gift.clone()).unwrap();
        assert!(text.contains("\t=Trung tâm Phục vụ hành chính công #Đúng\\: Điều 7.\n"), "{text}");
        let xml = export(&mut c, "/api/admin/questions/export.moodle.xml?status=all").await;
        // Excel and CSV get "Phản hồi A" … "Phản hồi F" columns since this bank has feedback.
        let xlsx = export(&mut c, "/api/admin/questions/export.xlsx?status=all").await;
        let csv = export(&mut c, "/api/admin/questions/export.csv?status=all").await;
        for (bytes, name) in
            [(&gift, "xuat.gift"), (&xml, "xuat.moodle.xml"), (&xlsx, "xuat.xlsx"), (&csv, "xuat.csv")]
        {
            let q = read_back(bytes, name, ONE_STOP);
            assert_eq!(q.option_feedback, gift_feedback, "{name}");
            assert_eq!(q.explanation.as_deref(), Some("Điều 7 Nghị định 61/2018/NĐ-CP."), "{name}");
            let q = read_back(bytes, name, COMPLAINT);
            assert_eq!(q.option_feedback, moodle_feedback, "{name}");
            // Importing the export back changes nothing: every question is already there.
            let (status, report) =
                c.upload("/api/admin/questions/import", &[("dry_run", "true")], Some((name, bytes))).await;
            assert_eq!(status, StatusCode::OK, "{report}");
            assert_eq!(report["questions"], json!(0), "{name}: {report}");
            assert_eq!(report["errors"], json!([]), "{name}: {report}");
        }
        t.finish().await;
    }
}

/// The question editor rewrites options by position: an option whose text stays keeps its
/// feedback, and a position that gets another text loses the feedback written for the old one
/// (it would otherwise explain the wrong answer).
#[tokio::test]
async fn editing_an_option_drops_only_the_feedback_of_the_changed_text() {
    for t in common::demo_databases("option_feedback_edit", chrono::Utc::now()).await {
        let mut c = organizer(&t, "edit").await;
        import_gift(&mut c, "phan-hoi.gift", GIFT).await;
        let q = question::Entity::find()
            .filter(question::Column::Text.starts_with(ONE_STOP))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        // The first two options swap places; the third keeps its text.
        let draft = json!({"id": q.id, "topic_id": q.topic_id, "text": q.text,
            "options": ["Trung tâm Phục vụ hành chính công", "Trung tâm hành chính công", "Văn phòng một cửa"],
            "correct": 0, "explanation": q.explanation, "legal_source": q.legal_source,
            "difficulty": q.difficulty, "active": true});
        let (status, body) =
            c.post("/api/admin/questions/save", json!({"draft": draft, "allow_duplicate": false})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(stored(&t, ONE_STOP).await, vec![None, None, None], "{}: swapped options", t.backend);

        // Saving again with the same texts keeps what is there.
        import_gift(&mut c, "phan-hoi-2.gift", &GIFT.replace("một cửa cấp tỉnh", "một cửa cấp huyện")).await;
        let start = ONE_STOP.replace("cấp tỉnh", "cấp huyện");
        let q = question::Entity::find()
            .filter(question::Column::Text.starts_with(start.as_str()))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let before = stored(&t, &start).await;
        assert!(before.iter().any(Option::is_some), "{}: imported feedback", t.backend);
        let draft = json!({"id": q.id, "topic_id": q.topic_id, "text": q.text,
            "options": ["Trung tâm hành chính công", "Trung tâm Phục vụ hành chính công", "Văn phòng một cửa"],
            "correct": 1, "explanation": q.explanation, "legal_source": q.legal_source,
            "difficulty": q.difficulty, "active": true});
        let (status, body) =
            c.post("/api/admin/questions/save", json!({"draft": draft, "allow_duplicate": false})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(stored(&t, &start).await, before, "{}: unchanged options", t.backend);
        t.finish().await;
    }
}
