//! The demo organizer account. Its password is random per installation (no
//! built-in secret) and kept in `DATA_DIR/demo-organizer.txt`, which the run
//! command prints.
use super::{io_error, DemoError};
use app::entities::staff_account;
use chrono::{DateTime, Utc};
use rand::{distributions::Alphanumeric, Rng};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use std::path::{Path, PathBuf};

pub const DEMO_ORGANIZER_EMAIL: &str = "btc@cuocthi.example";

pub struct DemoOrganizer {
    pub email: String,
    password: String,
}

pub async fn create(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<DemoOrganizer, DemoError> {
    let password: String = rand::thread_rng().sample_iter(&Alphanumeric).take(14).map(char::from).collect();
    let password_hash = app::password::hash(&password)
        .map_err(|e| DemoError::Data { file: "organizer.rs", reason: e.to_string() })?;
    staff_account::ActiveModel {
        email: Set(DEMO_ORGANIZER_EMAIL.to_owned()),
        full_name: Set("Ban Tổ chức (tài khoản mẫu)".to_owned()),
        role: Set(app::staff::Role::Organizer),
        unit_id: Set(None),
        password_hash: Set(password_hash),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(DemoOrganizer { email: DEMO_ORGANIZER_EMAIL.to_owned(), password })
}

/// Where the demo organizer's sign-in is kept.
pub fn organizer_file(data_dir: &Path) -> PathBuf {
    data_dir.join("demo-organizer.txt")
}

pub fn remember(data_dir: &Path, organizer: &DemoOrganizer) -> Result<(), DemoError> {
    let path = organizer_file(data_dir);
    std::fs::create_dir_all(data_dir).map_err(io_error(data_dir))?;
    let text = format!(
        "Tài khoản Ban Tổ chức (demo) / demo organizer sign-in: {} / {}\n",
        organizer.email, organizer.password
    );
    // The password signs in as an organizer: owner-only, like the session secret.
    crate::secret::replace_private(&path, &text).map_err(io_error(&path))
}
