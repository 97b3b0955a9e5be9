//! Forms posted without JavaScript come back to the form, not to a page of
//! JSON: a 303 to the form with `#error-summary`, the page then shows the
//! error summary ("Có lỗi cần sửa", a link per field) and every field as it
//! was typed, except the password; the typed values are read once. The
//! hydrated page's posts (JSON) are answered as before. Empty fields are
//! asked for ("Vui lòng nhập …"), not called malformed.
#![allow(clippy::unwrap_used)]

mod common;

use app::staff::Role;
use common::client::Client;
use common::forms::{follow, post_form, summary_link, value_of, BROWSER};
use common::staff::{account, signed_in};
use http::StatusCode;
use serde_json::{json, Value};

fn registration<'a>(phone: &'a str, unit: &'a str, password: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("full_name", "Lê Thị Mai"),
        ("birth_date", "1991-04-30"),
        ("phone", phone),
        ("id_number", ""),
        ("email", "mai.le@example.vn"),
        ("category", "citizen"),
        ("unit_id", unit),
        ("password", password),
    ]
}

#[tokio::test]
async fn registration_without_javascript_comes_back_with_the_summary_and_what_was_typed() {
    for t in common::demo_databases("summary_register", chrono::Utc::now()).await {
        let mut c = Client::new(common::router(&t.db));
        let secret = "bí-mật-không-lộ-42";
        let (status, location, body) =
            post_form(&mut c, "/api/ui/register", "/dang-ky", &registration("", "", secret), BROWSER).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}: {body}", t.backend);
        let location = location.unwrap();
        assert!(location.starts_with("/dang-ky?__path=%2Fapi%2Fui%2Fregister&__err="), "{location}");
        assert!(location.ends_with("#error-summary"), "{location}");
        assert!(c.cookie.is_some(), "{}: the typed values are kept in a session", t.backend);
        assert!(
            !location.contains("Mai") && !location.contains("example.vn"),
            "nothing typed in the address"
        );

        let page = follow(&mut c, &location).await;
        // The summary, focused when the page loads, with a link per field in the form's order.
        assert!(page.contains("Có lỗi cần sửa"), "{}", t.backend);
        let summary = &page[page.find(r#"id="error-summary""#).unwrap()..];
        let summary_tag = &summary[..summary.find('>').unwrap()];
        assert!(
            summary_tag.contains("autofocus") && summary_tag.contains(r#"tabindex="-1""#),
            "{summary_tag}"
        );
        assert!(summary_tag.contains(r#"role="alert""#) && !summary_tag.contains("hidden"), "{summary_tag}");
        assert_eq!(summary_link(&page, "phone").as_deref(), Some("Vui lòng nhập số điện thoại."));
        assert_eq!(summary_link(&page, "unit_id").as_deref(), Some("Vui lòng chọn đơn vị."));
        assert_eq!(summary_link(&page, "full_name"), None, "a good field has no line");
        assert!(page.find(r##"href="#phone""##) < page.find(r##"href="#unit_id""##), "form order");
        // Next to the field too.
        assert!(page.contains(r#"id="phone-error""#), "{}", t.backend);
        // What was typed, except the password.
        assert_eq!(value_of(&page, "full_name").as_deref(), Some("Lê Thị Mai"));
        assert_eq!(value_of(&page, "birth_date").as_deref(), Some("1991-04-30"));
        assert_eq!(value_of(&page, "email").as_deref(), Some("mai.le@example.vn"));
        assert!(page.contains(r#"<option value="citizen" selected"#), "{}: category kept", t.backend);
        assert_eq!(value_of(&page, "password"), None);
        assert!(!page.contains(secret), "{}: the password is never sent back", t.backend);

        // Read once: a reload shows the errors of the address but no longer the values.
        let again = follow(&mut c, &location).await;
        assert!(again.contains("Có lỗi cần sửa"));
        assert_eq!(value_of(&again, "full_name"), None, "{}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn a_duplicate_phone_without_javascript_is_in_the_summary_linked_to_the_phone() {
    for t in common::demo_databases("summary_duplicate", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let phone = "0912000777";
        let mut first = Client::new(app.clone());
        let (status, body) = first
            .post(
                "/api/contestants/register",
                json!({"full_name": "Hoàng Văn Nam", "birth_date": "1988-02-03", "phone": phone, "id_number": null,
                    "email": null, "category": "citizen", "unit_id": 1, "password": "mật khẩu an toàn"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);

        let mut c = Client::new(app);
        let form = registration("0912 000 777", "1", "mật khẩu khác nữa");
        let (status, location, _) = post_form(&mut c, "/api/ui/register", "/dang-ky", &form, BROWSER).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", t.backend);
        let page = follow(&mut c, &location.unwrap()).await;
        let line = summary_link(&page, "phone").unwrap_or_default();
        assert!(line.starts_with("Số điện thoại này đã được đăng ký"), "{}: {line}", t.backend);
        assert_eq!(value_of(&page, "phone").as_deref(), Some("0912 000 777"));
        assert!(page.contains(r#"<option value="1" selected"#), "{}: unit kept", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn the_hydrated_page_gets_its_json_answer_and_nothing_is_kept() {
    for t in common::demo_databases("summary_json", chrono::Utc::now()).await {
        let mut c = Client::new(common::router(&t.db));
        let form = registration("", "", "");
        let (status, location, body) =
            post_form(&mut c, "/api/ui/register", "/dang-ky", &form, "application/json").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {body}", t.backend);
        assert_eq!(location, None);
        assert!(c.cookie.is_none(), "{}: no session for a fetch", t.backend);
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["fields"]["phone"], "Vui lòng nhập số điện thoại.");
        assert_eq!(body["fields"]["password"], "Vui lòng nhập mật khẩu.");
        assert_eq!(body["fields"]["unit_id"], "Vui lòng chọn đơn vị.");
        assert_eq!(body["fields"]["full_name"], json!(null), "{body}");
        // The JSON API says the same for empty fields.
        let (status, body) = c
            .post(
                "/api/contestants/register",
                json!({"full_name": " ", "birth_date": "", "phone": "", "id_number": null, "email": null,
                    "category": "", "unit_id": 0, "password": ""}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["fields"]["full_name"], "Vui lòng nhập họ và tên.");
        assert_eq!(body["fields"]["birth_date"], "Vui lòng nhập ngày sinh.");
        assert_eq!(body["fields"]["category"], "Vui lòng chọn đối tượng dự thi.");
        // Typed but wrong: still the format.
        let (_, body) = c
            .post(
                "/api/contestants/register",
                json!({"full_name": "Mai", "birth_date": "30/04/1991", "phone": "123", "id_number": null,
                    "email": null, "category": "citizen", "unit_id": 1, "password": "ngắn"}),
            )
            .await;
        assert!(
            body["fields"]["phone"].as_str().unwrap().starts_with("Số điện thoại không hợp lệ"),
            "{body}"
        );
        assert!(
            body["fields"]["birth_date"].as_str().unwrap().starts_with("Ngày sinh không hợp lệ"),
            "{body}"
        );
        assert!(body["fields"]["full_name"].as_str().unwrap().starts_with("Vui lòng nhập đầy đủ"), "{body}");
        t.finish().await;
    }
}

#[tokio::test]
async fn sign_in_without_javascript_comes_back_with_the_summary_and_the_phone() {
    for t in common::demo_databases("summary_login", chrono::Utc::now()).await {
        let mut c = Client::new(common::router(&t.db));
        let form = [("phone", "0912 345 999"), ("password", "không-đúng-đâu"), ("round_id", "")];
        let (status, location, _) =
            post_form(&mut c, "/api/ui/login", "/dang-nhap?vong=5", &form, BROWSER).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", t.backend);
        let location = location.unwrap();
        // Back to the same sign-in page, its round kept.
        assert!(location.starts_with("/dang-nhap?vong=5&__path=%2Fapi%2Fui%2Flogin&__err="), "{location}");
        let page = follow(&mut c, &location).await;
        let line = summary_link(&page, "login-phone").unwrap_or_default();
        assert!(line.contains("không đúng"), "{}: {line}", t.backend);
        assert_eq!(value_of(&page, "login-phone").as_deref(), Some("0912 345 999"));
        assert!(!page.contains("không-đúng-đâu"), "{}: the password is never sent back", t.backend);

        // Empty fields: asked for, each linked.
        let form = [("phone", ""), ("password", ""), ("round_id", "")];
        let (_, location, _) = post_form(&mut c, "/api/ui/login", "/dang-nhap", &form, BROWSER).await;
        let page = follow(&mut c, &location.unwrap()).await;
        assert_eq!(summary_link(&page, "login-phone").as_deref(), Some("Vui lòng nhập số điện thoại."));
        assert_eq!(summary_link(&page, "login-password").as_deref(), Some("Vui lòng nhập mật khẩu."));
        t.finish().await;
    }
}

#[tokio::test]
async fn a_round_with_empty_times_asks_for_them() {
    for t in common::demo_databases("summary_round", chrono::Utc::now()).await {
        let email = format!("btc.loi@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(common::router(&t.db), &email).await;
        let mut draft = json!({"id": null, "contest_id": 2, "number": 9, "title": "",
            "opens_at": "", "closes_at": "  ", "questions_per_attempt": 5, "time_limit_minutes": 10,
            "attempts_allowed": 1, "counted_attempt": "best", "prediction_kind": "none", "prediction_prompt": null,
            "review_policy": "after_close", "practice": false, "pool_mode": "all", "pool_topics": [],
            "pool_questions": [], "quotas": []});
        let (status, body) =
            c.post("/api/admin/rounds/save", json!({"draft": draft, "confirm": false})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {body}", t.backend);
        assert_eq!(body["fields"]["opens_at"], "Vui lòng nhập thời gian bắt đầu.", "{body}");
        assert_eq!(body["fields"]["closes_at"], "Vui lòng nhập thời gian kết thúc.", "{body}");
        assert!(body["fields"]["title"].as_str().unwrap().starts_with("Vui lòng nhập tên đợt thi"), "{body}");
        draft["opens_at"] = json!("ngày mai");
        let (_, body) = c.post("/api/admin/rounds/save", json!({"draft": draft, "confirm": false})).await;
        assert!(body["fields"]["opens_at"].as_str().unwrap().contains("chưa đúng dạng"), "{body}");
        t.finish().await;
    }
}
