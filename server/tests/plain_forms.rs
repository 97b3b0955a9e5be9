//! The public and contestant forms are plain HTML, posted by the browser
//! itself: no page of theirs hydrates a form (issue 12's 150 KB), so each
//! must come back from the server the way the hydrated form used to show it.
//! A save goes on to a page that says so; a failure comes back to the form
//! with its message and what was typed, never a password or a one-time code.
#![allow(clippy::unwrap_used)]

mod common;

use app::staff::Role;
use common::client::Client;
use common::forms::{follow, post_form, value_of, BROWSER};
use http::StatusCode;
use serde_json::json;

async fn registered(app: axum::Router, phone: &str) -> Client {
    let mut c = Client::new(app);
    let (status, body) = c
        .post(
            "/api/contestants/register",
            json!({"full_name": "Hoàng Văn Nam", "birth_date": "1988-02-03", "phone": phone, "id_number": null,
                "email": null, "category": "citizen", "unit_id": 1, "password": "mật khẩu an toàn"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    c
}

fn profile(full_name: &str, email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("full_name", full_name.to_owned()),
        ("birth_date", "1988-02-03".to_owned()),
        ("id_number", String::new()),
        ("email", email.to_owned()),
        ("unit_id", "1".to_owned()),
    ]
}

fn fields<'a>(list: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    list.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn a_profile_saved_by_the_browser_says_so_and_a_failed_one_keeps_what_was_typed() {
    for t in common::demo_databases("plain_profile", chrono::Utc::now()).await {
        let mut c = registered(common::router(&t.db), "0912000811").await;

        let form = profile("Hoàng Văn Nam Mới", "nam.moi@example.vn");
        let (status, location, _) =
            post_form(&mut c, "/api/ui/profile", "/ho-so", &fields(&form), BROWSER).await;
        assert!(status.is_redirection(), "{}: {status}", t.backend);
        assert_eq!(location.as_deref(), Some("/ho-so?da-luu=1"), "{}", t.backend);
        let page = follow(&mut c, "/ho-so?da-luu=1").await;
        assert!(page.contains("Đã lưu hồ sơ."), "{}", t.backend);
        assert_eq!(value_of(&page, "p-full_name").as_deref(), Some("Hoàng Văn Nam Mới"));
        assert_eq!(value_of(&page, "p-email").as_deref(), Some("nam.moi@example.vn"));
        // Without the query the page does not claim a save.
        assert!(!follow(&mut c, "/ho-so").await.contains("Đã lưu hồ sơ."), "{}", t.backend);

        // A bad e-mail: back to the profile with the error next to the field
        // and what was typed, not what is saved.
        let form = profile("Hoàng Văn Nam Sửa", "không-phải-email");
        let (status, location, _) =
            post_form(&mut c, "/api/ui/profile", "/ho-so", &fields(&form), BROWSER).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", t.backend);
        let location = location.unwrap();
        assert!(location.starts_with("/ho-so?__path=%2Fapi%2Fui%2Fprofile&__err="), "{location}");
        let page = follow(&mut c, &location).await;
        assert!(page.contains(r#"id="p-email-error""#), "{}: the field's error", t.backend);
        assert!(!page.contains("Đã lưu hồ sơ."), "{}", t.backend);
        assert_eq!(value_of(&page, "p-full_name").as_deref(), Some("Hoàng Văn Nam Sửa"));
        assert_eq!(value_of(&page, "p-email").as_deref(), Some("không-phải-email"));
        // Nothing of the failed save was written.
        let (_, saved) = c.get("/api/me/profile").await;
        assert_eq!(saved["full_name"], "Hoàng Văn Nam Mới", "{}", t.backend);

        // The password form beside it: a wrong current password is said next
        // to its field (Leptos's own way back for a plain post), the profile
        // shows what is saved.
        let form = [
            ("current_password", "không phải mật khẩu"),
            ("password", "mật khẩu mới đây"),
            ("password_confirm", "mật khẩu mới đây"),
        ];
        let (status, location, _) = post_form(&mut c, "/api/ui/password", "/ho-so", &form, BROWSER).await;
        assert!(status.is_redirection(), "{}: {status}", t.backend);
        let location = location.unwrap();
        assert!(location.starts_with("/ho-so?"), "{location}");
        let page = follow(&mut c, &location).await;
        assert!(page.contains("Mật khẩu hiện tại không đúng."), "{}", t.backend);
        assert_eq!(value_of(&page, "p-full_name").as_deref(), Some("Hoàng Văn Nam Mới"));
        assert!(!page.contains("không phải mật khẩu"), "{}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn failed_recovery_and_staff_sign_in_keep_the_account_but_no_secret() {
    for t in common::demo_databases("plain_recovery", chrono::Utc::now()).await {
        let app = common::router(&t.db);

        let mut c = Client::new(app.clone());
        let form = [("account", "mai@")];
        let (status, location, _) =
            post_form(&mut c, "/api/ui/password-reset/request", "/quen-mat-khau", &form, BROWSER).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", t.backend);
        let page = follow(&mut c, &location.unwrap()).await;
        assert!(page.contains("Địa chỉ email không hợp lệ."), "{}", t.backend);
        assert_eq!(value_of(&page, "reset-account").as_deref(), Some("mai@"));

        let mut c = Client::new(app.clone());
        let form = [
            ("phone", "0912 000 812"),
            ("code", "WXYZ-2345"),
            ("password", "mật khẩu mới đây"),
            ("password_confirm", "mật khẩu mới đây"),
        ];
        let (status, location, _) =
            post_form(&mut c, "/api/ui/password-reset/code", "/dat-lai-mat-khau-bang-ma", &form, BROWSER)
                .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", t.backend);
        let location = location.unwrap();
        assert!(location.starts_with("/dat-lai-mat-khau-bang-ma?"), "{location}");
        let page = follow(&mut c, &location).await;
        assert!(page.contains(r#"class="form-error""#), "{}: the refusal is said", t.backend);
        assert_eq!(value_of(&page, "code-phone").as_deref(), Some("0912 000 812"));
        assert_eq!(value_of(&page, "code-code"), None, "{}: the code is not kept", t.backend);
        assert!(!page.contains("mật khẩu mới đây") && !page.contains("WXYZ-2345"), "{}", t.backend);

        common::staff::account(&t.db, "bt@example.vn", Role::Organizer).await;
        let mut c = Client::new(app);
        let form = [("email", "bt@example.vn"), ("password", "sai-mật-khẩu"), ("next", "/quan-tri/cau-hoi")];
        let page = "/quan-tri/dang-nhap?tiep=%2Fquan-tri%2Fcau-hoi";
        let (status, location, _) = post_form(&mut c, "/api/admin/ui/login", page, &form, BROWSER).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", t.backend);
        let location = location.unwrap();
        assert!(location.starts_with("/quan-tri/dang-nhap?tiep=%2Fquan-tri%2Fcau-hoi&__path="), "{location}");
        let page = follow(&mut c, &location).await;
        assert!(page.contains(r#"class="form-error""#), "{}", t.backend);
        assert_eq!(value_of(&page, "staff-email").as_deref(), Some("bt@example.vn"));
        assert!(!page.contains("sai-mật-khẩu"), "{}", t.backend);
        t.finish().await;
    }
}

/// The forms' pages name no form island: their forms are the server's HTML
/// alone. Only the unit search is an island there.
#[tokio::test]
async fn the_forms_pages_hydrate_no_form() {
    for t in common::demo_databases("plain_islands", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let mut visitor = Client::new(app.clone());
        for page in
            ["/dang-ky", "/dang-nhap", "/quen-mat-khau", "/dat-lai-mat-khau-bang-ma", "/quan-tri/dang-nhap"]
        {
            let html = visitor.get_text(page).await;
            assert!(html.contains("<form"), "{}: {page} has its form", t.backend);
            let islands: Vec<&str> = html
                .match_indices("data-component=\"")
                .map(|(at, m)| {
                    let name = &html[at + m.len()..];
                    &name[..name.find('"').unwrap_or(0)]
                })
                .collect();
            let allowed = ["UnitSearch", "HydratedMarker"];
            assert!(
                islands.iter().all(|i| allowed.iter().any(|a| i.starts_with(a))),
                "{}: {page} hydrates {islands:?}",
                t.backend
            );
        }
        let mut contestant = registered(app, "0912000813").await;
        let html = contestant.get_text("/ho-so").await;
        assert!(html.contains("UnitSearch"), "{}: the profile has the unit search", t.backend);
        assert!(!html.contains("ProfileFormView"), "{}", t.backend);
        t.finish().await;
    }
}
