//! Getting back into an account, on every backend: a reset link by e-mail
//! (single use, 30 minutes, the same answer whoever is named), a reset code
//! from the dashboard (unit scoping, audit entry without the code, single
//! use, 24 hours), the password change in the profile, every path
//! throttled, and the sign-out and header that know who is signed in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::account_recovery::{mail::Mailer, service};
use app::client_address::TrustedProxies;
use app::entities::{audit_log, password_reset, unit};
use app::staff::{service as staff_service, Role};
use app::state::AppState;
use axum::body::Body;
use common::client::Client;
use common::staff::{account, signed_in, PASSWORD as STAFF_PASSWORD};
use http::{header, Method, StatusCode};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const OLD: &str = "mật khẩu cũ dài";
const NEW: &str = "mật khẩu mới dài";

/// The real router, writing mail into `dir`, reading the client's address
/// from X-Forwarded-For (the peer counts as the trusted proxy).
fn app_with_mail(db: &DatabaseConnection, dir: &Path) -> axum::Router {
    common::router_with(AppState {
        trusted_proxies: TrustedProxies::new(Vec::new(), true),
        mail: Mailer::to_folder(dir, "https://thi.example.vn"),
        ..AppState::new(db.clone())
    })
}

fn mail_dir(t: &common::TestDb) -> PathBuf {
    t.data_dir.join("mail")
}

async fn unit_by_code(db: &DatabaseConnection, code: &str) -> unit::Model {
    unit::Entity::find().filter(unit::Column::Code.eq(code)).one(db).await.unwrap().unwrap()
}

/// Registers a contestant (signed in on the returned client) and returns the client and id.
async fn register(app: &axum::Router, phone: &str, email: Option<&str>, unit_id: i32) -> (Client, i64) {
    let mut c = Client::new(app.clone());
    c.address = Some("198.51.100.7".into());
    let (status, body) = c
        .post(
            "/api/contestants/register",
            json!({"full_name": "Nguyễn Thị Hà", "birth_date": "1990-05-17", "phone": phone, "email": email,
                   "category": "civil_servant", "unit_id": unit_id, "password": OLD}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (c, body["contestant_id"].as_i64().unwrap())
}

async fn sign_in(app: &axum::Router, phone: &str, password: &str) -> (StatusCode, Client) {
    let mut c = Client::new(app.clone());
    c.address = Some("192.0.2.200".into());
    let (status, _) = c.post("/api/session/login", json!({"phone": phone, "password": password})).await;
    (status, c)
}

async fn signed_in_as(c: &mut Client) -> StatusCode {
    c.get("/api/me/profile").await.0
}

/// The .eml files in `dir`, oldest first, once there are at least `count`
/// (mail is written on its own task after the answer).
async fn mails(dir: &Path, count: usize) -> Vec<String> {
    for _ in 0..400 {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|e| e == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        if files.len() >= count {
            files.sort();
            return files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("fewer than {count} messages in {}", dir.display());
}

/// The token of the reset link in a message.
fn token_in(message: &str) -> String {
    let start = message.find("https://thi.example.vn/dat-lai-mat-khau?ma=").expect("a reset link") + 43;
    message[start..start + 64].to_owned()
}

#[tokio::test]
async fn a_reset_link_by_mail_works_once_says_nothing_and_ends_every_session() {
    for t in common::demo_databases("reset_link", chrono::Utc::now()).await {
        let dir = mail_dir(&t);
        let app = app_with_mail(&t.db, &dir);
        let snv = unit_by_code(&t.db, "SNV").await.id;
        let (mut first_device, id) = register(&app, "0912000101", Some("Ha.Nguyen@Example.vn"), snv).await;
        let (status, mut second_device) = sign_in(&app, "0912000101", OLD).await;
        assert_eq!(status, StatusCode::OK);
        register(&app, "0912000102", None, snv).await;

        // The same answer for an account with e-mail, one without, and nobody.
        let mut visitor = Client::new(app.clone());
        visitor.address = Some("203.0.113.50".into());
        let mut answers = Vec::new();
        for account in ["0912 000 103", "0912000102", "0912000101"] {
            answers
                .push(visitor.post("/api/account/password-reset/request", json!({"account": account})).await);
        }
        assert_eq!(answers[0].0, StatusCode::OK, "{}: {:?}", t.backend, answers[0]);
        assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
        assert!(answers[0].1["message"].as_str().unwrap().contains("Nếu thông tin này khớp"));
        let sent = mails(&dir, 1).await;
        assert!(sent[0].contains("To: ha.nguyen@example.vn"), "{}", sent[0]);
        let first_token = token_in(&sent[0]);
        // Only a hash is stored.
        let stored = password_reset::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert!(stored.iter().all(|r| !r.secret_hash.contains(&first_token) && r.contestant_id as i64 == id));

        // Asking again by e-mail sends a new link; the older one stops working.
        let again = visitor
            .post("/api/account/password-reset/request", json!({"account": " HA.NGUYEN@example.vn "}))
            .await;
        assert_eq!(again, answers[0]);
        let sent = mails(&dir, 2).await;
        assert_eq!(sent.len(), 2, "nothing was mailed to the account without e-mail or to nobody");
        let token = token_in(&sent[1]);
        assert_ne!(token, first_token);
        let (status, body) = visitor
            .post(
                "/api/account/password-reset/link",
                json!({"token": first_token, "password": NEW, "password_confirm": NEW}),
            )
            .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::CONFLICT, Some("reset_link_invalid")),
            "{body}"
        );

        // Malformed input is refused before any lookup.
        let (status, body) =
            visitor.post("/api/account/password-reset/request", json!({"account": "không phải số"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = visitor
            .post(
                "/api/account/password-reset/link",
                json!({"token": token, "password": NEW, "password_confirm": "khác hẳn"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["fields"]["password_confirm"].is_string(), "{body}");

        // Expired after 30 minutes (the service takes the clock from its caller).
        let late = chrono::Utc::now() + chrono::Duration::minutes(31);
        let expired = service::reset_with_link(&t.db, &token, NEW, NEW, None, late).await;
        assert_eq!(expired.unwrap_err().code(), "reset_link_invalid");

        let (status, usable) =
            visitor.get(&format!("/api/account/password-reset/link-status?token={token}")).await;
        assert_eq!((status, usable), (StatusCode::OK, json!(true)));
        let (status, body) = visitor
            .post(
                "/api/account/password-reset/link",
                json!({"token": token, "password": NEW, "password_confirm": NEW}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);

        // Every session of the account ended; the old password is gone, the new one works.
        assert_eq!(signed_in_as(&mut first_device).await, StatusCode::UNAUTHORIZED);
        assert_eq!(signed_in_as(&mut second_device).await, StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in(&app, "0912000101", OLD).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in(&app, "0912000101", NEW).await.0, StatusCode::OK);

        // Single use.
        let (status, body) = visitor
            .post(
                "/api/account/password-reset/link",
                json!({"token": token, "password": "lần thứ hai nữa", "password_confirm": "lần thứ hai nữa"}),
            )
            .await;
        assert_eq!((status, body["error"].as_str()), (StatusCode::CONFLICT, Some("reset_link_invalid")));
        let (_, usable) =
            visitor.get(&format!("/api/account/password-reset/link-status?token={token}")).await;
        assert_eq!(usable, json!(false));
        t.finish().await;
    }
}

/// A unit contact of `unit_id`, signed in.
async fn unit_contact(app: &axum::Router, db: &DatabaseConnection, email: &str, unit_id: i32) -> Client {
    let new = staff_service::NewAccount {
        email: email.to_owned(),
        full_name: "Đầu mối thử".to_owned(),
        role: Role::UnitContact,
        unit_id: Some(unit_id),
        password: STAFF_PASSWORD.to_owned(),
    };
    staff_service::create_account(db, new, chrono::Utc::now()).await.unwrap();
    signed_in(app.clone(), email).await
}

#[tokio::test]
async fn a_reset_code_from_the_dashboard_is_scoped_audited_and_single_use() {
    for t in common::demo_databases("reset_code", chrono::Utc::now()).await {
        let app = app_with_mail(&t.db, &mail_dir(&t));
        let snv = unit_by_code(&t.db, "SNV").await;
        let other = unit::Entity::find()
            .filter(unit::Column::ParentId.eq(snv.parent_id))
            .filter(unit::Column::Id.ne(snv.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let (mut device, id) = register(&app, "0912000201", None, snv.id).await;
        let mut outsider =
            unit_contact(&app, &t.db, &format!("daumoi.khac@{}.vn", t.backend), other.id).await;
        let mut contact = unit_contact(&app, &t.db, &format!("daumoi.snv@{}.vn", t.backend), snv.id).await;
        account(&t.db, &format!("btc.ma@{}.vn", t.backend), Role::Organizer).await;
        let mut organizer = signed_in(app.clone(), &format!("btc.ma@{}.vn", t.backend)).await;

        // A unit contact of another unit does not even learn that the person exists.
        let (status, body) = outsider.post("/api/admin/contestants/reset-code", json!({"id": id})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}: {body}", t.backend);
        // The contestant's own unit contact may; so may an organizer, whose code replaces it.
        let (status, by_contact) = contact.post("/api/admin/contestants/reset-code", json!({"id": id})).await;
        assert_eq!(status, StatusCode::OK, "{by_contact}");
        let (status, by_organizer) =
            organizer.post("/api/admin/contestants/reset-code", json!({"id": id})).await;
        assert_eq!(status, StatusCode::OK, "{by_organizer}");
        let (old_code, code) = (by_contact["code"].as_str().unwrap(), by_organizer["code"].as_str().unwrap());
        assert_eq!(code.len(), 9, "ABCD-EFGH: {code}");
        assert_ne!(old_code, code);

        // Audited: who issued a code for whom, never the code.
        let entries = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("contestant.reset_code"))
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(entries.len(), 2);
        let actors: Vec<&str> = entries.iter().map(|e| e.actor.as_str()).collect();
        assert!(actors.contains(&format!("daumoi.snv@{}.vn", t.backend).as_str()), "{actors:?}");
        assert!(entries.iter().all(|e| e.entity_id.as_deref() == Some(id.to_string().as_str())));
        for entry in &entries {
            let text = format!("{entry:?}");
            for c in [old_code, code, &old_code.replace('-', ""), &code.replace('-', "")] {
                assert!(!text.contains(c), "the code is in the log: {text}");
            }
            assert!(entry.summary.as_deref().unwrap().contains("Nguyễn Thị Hà"));
        }

        let mut visitor = Client::new(app.clone());
        visitor.address = Some("203.0.113.60".into());
        let with_code = |phone: &str, code: &str| json!({"phone": phone, "code": code, "password": NEW, "password_confirm": NEW});
        // Wrong code, the replaced code, and an unknown phone: the same refusal.
        let wrong =
            visitor.post("/api/account/password-reset/code", with_code("0912000201", "ABCD-EFGH")).await;
        let replaced =
            visitor.post("/api/account/password-reset/code", with_code("0912000201", old_code)).await;
        let nobody = visitor.post("/api/account/password-reset/code", with_code("0912000299", code)).await;
        assert_eq!(wrong.0, StatusCode::CONFLICT, "{:?}", wrong.1);
        assert_eq!(wrong.1["error"], "reset_code_invalid");
        assert_eq!((&replaced, &nobody), (&wrong, &wrong));
        // A malformed code is a field error.
        let (status, body) =
            visitor.post("/api/account/password-reset/code", with_code("0912000201", "0O1I")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["fields"]["code"].is_string(), "{body}");

        // Expired after 24 hours.
        let late = chrono::Utc::now() + chrono::Duration::hours(25);
        let expired = service::reset_with_code(&t.db, "0912000201", code, NEW, NEW, None, late).await;
        assert_eq!(expired.unwrap_err().code(), "reset_code_invalid");

        // Typed in lower case with spaces: it works, once, and ends every session.
        let typed = code.to_lowercase().replace('-', " ");
        let (status, body) =
            visitor.post("/api/account/password-reset/code", with_code("0912 000 201", &typed)).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        assert_eq!(signed_in_as(&mut device).await, StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in(&app, "0912000201", NEW).await.0, StatusCode::OK);
        let again = visitor.post("/api/account/password-reset/code", with_code("0912000201", code)).await;
        assert_eq!(again.1["error"], "reset_code_invalid");

        // Outsiders of the dashboard cannot issue codes at all.
        let (status, _) =
            Client::new(app.clone()).post("/api/admin/contestants/reset-code", json!({"id": id})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (_, mut contestant) = sign_in(&app, "0912000201", NEW).await;
        let (status, _) = contestant.post("/api/admin/contestants/reset-code", json!({"id": id})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        t.finish().await;
    }
}

/// POSTs the header's sign-out form as a browser without JavaScript would.
async fn sign_out_form(c: &mut Client) -> StatusCode {
    let req = c
        .request(Method::POST, "/api/ui/logout")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://localhost")
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .unwrap();
    c.send(req).await.0
}

#[tokio::test]
async fn a_password_change_keeps_this_session_ends_the_others_and_the_header_follows() {
    for t in common::demo_databases("password_change", chrono::Utc::now()).await {
        let app = app_with_mail(&t.db, &mail_dir(&t));
        let snv = unit_by_code(&t.db, "SNV").await.id;
        let (mut here, _) = register(&app, "0912000301", None, snv).await;
        let (_, mut elsewhere) = sign_in(&app, "0912000301", OLD).await;

        // The header's data: the name when signed in, nobody otherwise.
        assert_eq!(Client::new(app.clone()).get("/api/me/visitor").await, (StatusCode::OK, Value::Null));
        let (status, me) = here.get("/api/me/visitor").await;
        assert_eq!((status, me["full_name"].as_str()), (StatusCode::OK, Some("Nguyễn Thị Hà")));
        let page = here.get_text("/dang-nhap").await;
        assert!(page.contains("Bạn đang đăng nhập với tên") && page.contains("Nguyễn Thị Hà"), "{page}");
        assert!(page.contains("action=\"/api/ui/logout\""), "a real sign-out form");
        let profile = here.get_text("/ho-so").await;
        assert!(profile.contains("Đổi mật khẩu") && profile.contains("Mật khẩu hiện tại"), "{profile}");
        // The recovery pages render on the server; a bad link says so at once.
        let mut anonymous = Client::new(app.clone());
        let forgot = anonymous.get_text("/quen-mat-khau").await;
        assert!(
            forgot.contains("Số điện thoại hoặc email")
                && forgot.contains("href=\"/dat-lai-mat-khau-bang-ma\"")
        );
        assert!(
            forgot.contains("href=\"/dang-nhap\">Đăng nhập</a>"),
            "signed out: the header offers sign-in"
        );
        let bad_link = anonymous.get_text("/dat-lai-mat-khau?ma=khong-dung").await;
        assert!(bad_link.contains("đã được dùng hoặc đã hết hạn"), "{bad_link}");
        assert!(anonymous.get_text("/dat-lai-mat-khau-bang-ma").await.contains("Mã đặt lại"));
        // Inside the dashboard the public header links are not shown.
        let dashboard = anonymous.get_text("/quan-tri/dang-nhap").await;
        assert!(!dashboard.contains("href=\"/dang-ky\""), "{dashboard}");
        let anonymous_page = Client::new(app.clone()).get_text("/dang-nhap").await;
        assert!(!anonymous_page.contains("Bạn đang đăng nhập"));
        assert!(anonymous_page.contains("href=\"/quen-mat-khau\""), "Quên mật khẩu? is on the sign-in page");

        let change = |current: &str, new: &str, again: &str| json!({"current_password": current, "password": new, "password_confirm": again});
        let (status, body) = here.post("/api/me/password", change("sai mật khẩu", NEW, NEW)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["fields"]["current_password"].is_string());
        let (status, body) = here.post("/api/me/password", change(OLD, NEW, "không khớp")).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body["fields"]["password_confirm"].is_string());
        let (status, body) = here.post("/api/me/password", change(OLD, "ngắn", "ngắn")).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body["fields"]["password"].is_string());
        let (status, body) = here.post("/api/me/password", change(OLD, NEW, NEW)).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        assert_eq!(signed_in_as(&mut here).await, StatusCode::OK, "this session goes on");
        assert_eq!(signed_in_as(&mut elsewhere).await, StatusCode::UNAUTHORIZED, "the other one ended");
        assert_eq!(sign_in(&app, "0912000301", OLD).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in(&app, "0912000301", NEW).await.0, StatusCode::OK);
        // Not signed in: no password change.
        let (status, _) = Client::new(app.clone()).post("/api/me/password", change(NEW, OLD, OLD)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        // The sign-out form ends the session: the profile and the header forget the person.
        let status = sign_out_form(&mut here).await;
        assert!(status.is_redirection() || status == StatusCode::OK, "{status}");
        assert_eq!(signed_in_as(&mut here).await, StatusCode::UNAUTHORIZED);
        assert_eq!(here.get("/api/me/visitor").await, (StatusCode::OK, Value::Null));
        t.finish().await;
    }
}

#[tokio::test]
async fn every_recovery_path_is_throttled_and_malformed_input_costs_nothing() {
    for t in common::demo_databases("reset_throttle", chrono::Utc::now()).await {
        // No hashing place at all: anything that tried to hash would answer 503.
        let app = common::router_with(AppState {
            trusted_proxies: TrustedProxies::new(Vec::new(), true),
            mail: Mailer::to_folder(mail_dir(&t), "https://thi.example.vn"),
            ..AppState::new(t.db.clone())
        });
        let snv = unit_by_code(&t.db, "SNV").await.id;
        let (mut me, id) = register(&app, "0912000401", Some("ha@example.vn"), snv).await;
        let from = |address: String| {
            let mut c = Client::new(app.clone());
            c.address = Some(address);
            c
        };
        let request = |account: &str| json!({"account": account});

        // Reset e-mails for one phone, from many addresses: a few, then 429.
        let limit = app::throttle::rules::RESET_REQUEST_PER_ACCOUNT.max;
        let mut last = StatusCode::OK;
        for i in 0..=limit {
            last = from(format!("10.4.0.{i}"))
                .post("/api/account/password-reset/request", request("0912000401"))
                .await
                .0;
            if i < limit {
                assert_eq!(last, StatusCode::OK, "{i}");
            }
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
        // Many phones from one address: stopped too; malformed ones never count.
        for _ in 0..50 {
            let (status, _) =
                from("10.5.0.1".into()).post("/api/account/password-reset/request", request("abc")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let limit = app::throttle::rules::RESET_REQUEST_PER_ADDRESS.max;
        for i in 0..limit {
            let (status, _) = from("10.5.0.1".into())
                .post("/api/account/password-reset/request", request(&format!("09130{i:05}")))
                .await;
            assert_eq!(status, StatusCode::OK, "{i}");
        }
        let (status, _) =
            from("10.5.0.1".into()).post("/api/account/password-reset/request", request("0913999999")).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

        // Codes: guessed from one address, stopped after a few; the owner elsewhere is not.
        let (status, issued) = {
            account(&t.db, &format!("btc.gioihan@{}.vn", t.backend), Role::Organizer).await;
            let mut organizer = signed_in(app.clone(), &format!("btc.gioihan@{}.vn", t.backend)).await;
            organizer.post("/api/admin/contestants/reset-code", json!({"id": id})).await
        };
        assert_eq!(status, StatusCode::OK, "{issued}");
        let guess =
            json!({"phone": "0912000401", "code": "ABCD-EFGH", "password": NEW, "password_confirm": NEW});
        let pair = app::throttle::rules::RESET_CODE.per_pair.max;
        for i in 0..pair {
            let (status, _) =
                from("10.6.0.1".into()).post("/api/account/password-reset/code", guess.clone()).await;
            assert_eq!(status, StatusCode::CONFLICT, "{i}");
        }
        let (status, _) =
            from("10.6.0.1".into()).post("/api/account/password-reset/code", guess.clone()).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        // Reset links, per address (a flood of forms).
        let link = json!({"token": "a".repeat(64), "password": NEW, "password_confirm": NEW});
        let limit = app::throttle::rules::RESET_LINK_PER_ADDRESS.max;
        for _ in 0..limit {
            let (status, _) =
                from("10.7.0.1".into()).post("/api/account/password-reset/link", link.clone()).await;
            assert_eq!(status, StatusCode::CONFLICT);
        }
        let (status, _) =
            from("10.7.0.1".into()).post("/api/account/password-reset/link", link.clone()).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

        // Password changes per contestant, whatever the address.
        let wrong = json!({"current_password": "sai mật khẩu", "password": NEW, "password_confirm": NEW});
        let limit = app::throttle::rules::PASSWORD_CHANGE_PER_ACCOUNT.max;
        for i in 0..limit {
            me.address = Some(format!("10.8.0.{i}"));
            let (status, _) = me.post("/api/me/password", wrong.clone()).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{i}");
        }
        let (status, _) = me.post("/api/me/password", wrong.clone()).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

        // The right code still works from the owner's own address.
        let code = issued["code"].as_str().unwrap();
        let (status, body) = from("10.9.9.9".into())
            .post(
                "/api/account/password-reset/code",
                json!({"phone": "0912000401", "code": code, "password": NEW, "password_confirm": NEW}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn malformed_reset_forms_are_refused_before_any_hash() {
    for t in common::demo_databases("reset_malformed", chrono::Utc::now()).await {
        let app = common::router_with(AppState {
            trusted_proxies: TrustedProxies::new(Vec::new(), true),
            hashing: app::password::HashQueue::new(0, 0),
            mail: Mailer::to_folder(mail_dir(&t), "https://thi.example.vn"),
            ..AppState::new(t.db.clone())
        });
        let mut c = Client::new(app.clone());
        c.address = Some("10.10.0.1".into());
        let long = "m".repeat(129);
        let cases = [
            (
                "/api/account/password-reset/code",
                json!({"phone": "12", "code": "ABCD-EFGH", "password": NEW, "password_confirm": NEW}),
                "phone",
            ),
            (
                "/api/account/password-reset/code",
                json!({"phone": "0912000501", "code": "ABCD", "password": NEW, "password_confirm": NEW}),
                "code",
            ),
            (
                "/api/account/password-reset/code",
                json!({"phone": "0912000501", "code": "ABCD-EFGH", "password": long, "password_confirm": long}),
                "password",
            ),
            (
                "/api/account/password-reset/link",
                json!({"token": "a".repeat(64), "password": "ngắn", "password_confirm": "ngắn"}),
                "password",
            ),
        ];
        for (path, body, field) in cases {
            let (status, answer) = c.post(path, body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {answer}");
            assert!(answer["fields"][field].is_string(), "{path}: {answer}");
        }
        // A well-formed code for nobody costs no hash either: it is refused after the lookup.
        let (status, _) = c
            .post(
                "/api/account/password-reset/code",
                json!({"phone": "0912000501", "code": "ABCD-EFGH", "password": NEW, "password_confirm": NEW}),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        t.finish().await;
    }
}
