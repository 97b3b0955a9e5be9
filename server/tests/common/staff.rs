//! Staff accounts for tests, made straight in the database.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)]

use super::client::Client;
use app::staff::{service, Role};
use http::StatusCode;
use sea_orm::DatabaseConnection;
use serde_json::json;

pub const PASSWORD: &str = "mật-khẩu-quản-trị";

/// Creates an account with `role` (a unit contact gets unit 1) and returns its id.
pub async fn account(db: &DatabaseConnection, email: &str, role: Role) -> i32 {
    let new = service::NewAccount {
        email: email.to_owned(),
        full_name: format!("Cán bộ {}", role.label()),
        role,
        unit_id: (role == Role::UnitContact).then_some(1),
        password: PASSWORD.to_owned(),
    };
    service::create_account(db, new, chrono::Utc::now()).await.unwrap().id
}

/// A client signed in as `email`.
pub async fn signed_in(app: axum::Router, email: &str) -> Client {
    let mut c = Client::new(app);
    let (status, body) =
        c.post("/api/admin/session/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(status, StatusCode::OK, "{email}: {body}");
    c
}
