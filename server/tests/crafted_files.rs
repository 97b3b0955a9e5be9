//! Crafted files (issue 10, item 4) through the real router: a 1.5 KB .xlsx whose used range is
//! the whole sheet (A1 and XFD1048576) is refused by both imports instead of aborting the
//! process, and text that a spreadsheet would run as a formula stays text in every export.
#![allow(clippy::unwrap_used)]

mod common;

use app::entities::{contestant, question, unit};
use app::staff::Role;
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set};

/// What calamine used to allocate for: 17 billion cells (512 GiB) from a file of 1.5 KB.
fn whole_sheet_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Câu hỏi").unwrap();
    sheet.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
    book.save_to_buffer().unwrap()
}

async fn organizer(t: &common::TestDb, tag: &str) -> Client {
    let email = format!("btc.{tag}@{}.example.vn", t.backend);
    account(&t.db, &email, Role::Organizer).await;
    signed_in(common::router(&t.db), &email).await
}

async fn download(c: &mut Client, path: &str) -> Vec<u8> {
    let req = c.request(http::Method::GET, path).body(axum::body::Body::empty()).unwrap();
    let (status, bytes) = c.send_raw(req).await;
    assert_eq!(status, StatusCode::OK, "{path}: {}", String::from_utf8_lossy(&bytes));
    bytes
}

#[tokio::test]
async fn a_sheet_reaching_xfd1048576_is_refused_by_both_imports() {
    let crafted = whole_sheet_xlsx();
    assert!(crafted.len() < 10_000, "a small file: {} bytes", crafted.len());
    for t in common::demo_databases("crafted_range", chrono::Utc::now()).await {
        let mut c = organizer(&t, "range").await;
        let questions = question::Entity::find().all(&t.db).await.unwrap().len();
        for path in ["/api/admin/questions/import", "/api/admin/units/import"] {
            let (status, body) = c
                .upload(path, &[("dry_run", "false"), ("topic_id", "1")], Some(("bang.xlsx", &crafted)))
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {path}: {body}", t.backend);
            let errors = body["errors"].to_string();
            assert!(errors.contains("Tệp quá lớn: trang tính có hơn 10.000 dòng"), "{path}: {errors}");
        }
        assert_eq!(question::Entity::find().all(&t.db).await.unwrap().len(), questions, "nothing saved");
        // The process is still there and still imports a real file.
        let units = download(&mut c, app::unit_admin::download::PATH).await;
        let (status, report) =
            c.upload("/api/admin/units/import", &[("dry_run", "true")], Some(("don-vi.xlsx", &units))).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        t.finish().await;
    }
}

/// Every cell of every sheet as text, and how many cells hold a formula.
fn xlsx_cells(bytes: &[u8]) -> (Vec<String>, usize) {
    use calamine::{DataType, Reader};
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let (mut texts, mut formulas) = (Vec::new(), 0);
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        texts.extend(range.cells().filter_map(|(_, _, v)| v.get_string().map(|s| s.trim().to_owned())));
        formulas += book.worksheet_formula(&name).unwrap().cells().filter(|(_, _, f)| !f.is_empty()).count();
    }
    (texts, formulas)
}

/// Every field of a CSV export (BOM and header included).
fn csv_fields(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader.records().flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect()
}

const QUESTION: &str = "=1+1";
const UNIT: &str = "=HYPERLINK(\"http://evil.example\";\"Sở Nội vụ\")";
const NAME: &str = "@SUM(1+1)*cmd|' /C calc'!A0";

fn assert_safe_csv(path: &str, bytes: &[u8], expected: &str) {
    let fields = csv_fields(bytes);
    let bad: Vec<&String> =
        fields.iter().filter(|f| f.starts_with(['=', '+', '-', '@', '\t', '\r'])).collect();
    assert!(bad.is_empty(), "{path}: live formulas {bad:?}");
    assert!(fields.contains(&format!("'{expected}")), "{path}: {expected} quoted");
}

fn assert_safe_xlsx(path: &str, bytes: &[u8], expected: &str) {
    let (texts, formulas) = xlsx_cells(bytes);
    assert_eq!(formulas, 0, "{path}: no formula cells");
    // Written as a typed string: Excel shows it and never runs it.
    assert!(texts.iter().any(|t| t == expected), "{path}: {expected} as text");
}

#[tokio::test]
async fn formula_like_text_stays_text_in_every_export() {
    for t in common::demo_databases("crafted_export", chrono::Utc::now()).await {
        // A question, a unit and a contestant whose text starts with a formula character.
        let q =
            question::Entity::find().order_by_asc(question::Column::Id).one(&t.db).await.unwrap().unwrap();
        let mut q = q.into_active_model();
        q.text = Set(QUESTION.to_owned());
        q.normalized_text = Set(app::text::fold(QUESTION));
        q.update(&t.db).await.unwrap();
        let root =
            unit::Entity::find().filter(unit::Column::ParentId.is_null()).one(&t.db).await.unwrap().unwrap();
        let agency = unit::Entity::find()
            .filter(unit::Column::ParentId.eq(root.id))
            .order_by_asc(unit::Column::Id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let a_id = agency.id;
        let mut a = agency.into_active_model();
        a.name = Set(UNIT.to_owned());
        a.update(&t.db).await.unwrap();
        contestant::ActiveModel {
            full_name: Set(NAME.to_owned()),
            birth_date: Set(chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap()),
            phone: Set("0912000001".into()),
            category: Set("civil_servant".into()),
            unit_id: Set(a_id),
            password_hash: Set("x".into()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
        app::results::stats::refresh(&t.db, 1, chrono::Utc::now()).await.unwrap();

        let mut c = organizer(&t, "export").await;
        let csv = download(&mut c, "/api/admin/questions/export.csv").await;
        assert_safe_csv("questions.csv", &csv, QUESTION);
        // The quote comes off again on import: the export reads back as it was.
        let parsed = bankfile::parse(&csv, Some("ngan-hang.csv"));
        assert!(parsed.questions.iter().any(|q| q.text == QUESTION), "round trip keeps {QUESTION}");
        let (status, report) =
            c.upload("/api/admin/questions/import", &[("dry_run", "true")], Some(("xuat.csv", &csv))).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!(report["questions"], 0, "every question of the export is already in the bank: {report}");

        let path = "/api/admin/questions/export.xlsx";
        assert_safe_xlsx(path, &download(&mut c, path).await, QUESTION);
        assert_safe_xlsx(
            app::unit_admin::download::PATH,
            &download(&mut c, app::unit_admin::download::PATH).await,
            UNIT,
        );
        let path = "/api/stats/units.csv?contest_id=1";
        assert_safe_csv(path, &download(&mut c, path).await, UNIT);
        let path = "/api/stats/units.xlsx?contest_id=1";
        assert_safe_xlsx(path, &download(&mut c, path).await, UNIT);
        for path in [
            "/api/admin/reports/weekly.xlsx?contest_id=1",
            "/api/admin/reports/reform-index.xlsx?contest_id=1",
        ] {
            assert_safe_xlsx(path, &download(&mut c, path).await, UNIT);
        }
        let path = "/api/admin/units/participation.csv";
        let list = download(&mut c, path).await;
        assert_safe_csv(path, &list, NAME);
        assert!(String::from_utf8(list).unwrap().starts_with("\u{feff}Họ tên;"), "BOM and header");
        // The list is for staff only.
        let (status, _) = Client::new(common::router(&t.db))
            .send_raw(
                Client::new(common::router(&t.db))
                    .request(http::Method::GET, path)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        t.finish().await;
    }
}
