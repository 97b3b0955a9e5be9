//! Real databases for tests: a fresh SQLite file always, and a fresh PostgreSQL
//! database when `TEST_DATABASE_URL` names a server (databases are created
//! under that database's name, so CI can drop them all by prefix).
#![allow(dead_code)]
// Test support: a broken test database should stop the test loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod client;
pub mod forms;
pub mod staff;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub struct TestDb {
    pub backend: &'static str,
    pub db: DatabaseConnection,
    pub data_dir: std::path::PathBuf,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

fn unique(tag: &str) -> String {
    format!("{tag}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// An empty, un-migrated database on every configured backend.
pub async fn empty_databases(tag: &str) -> Vec<TestDb> {
    let mut out = Vec::new();

    let dir = std::env::temp_dir().join(format!("contest-test-{}", unique(tag)));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/test.db?mode=rwc", dir.display());
    let db = server::db::connect(&url).await.expect("sqlite connects");
    out.push(TestDb { backend: "sqlite", db, data_dir: dir.join("data"), cleanup: Cleanup::Sqlite(dir) });

    if let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") {
        if !admin_url.trim().is_empty() {
            let (base, admin_db) = admin_url.rsplit_once('/').expect("TEST_DATABASE_URL has a database name");
            let admin_db = admin_db.split('?').next().unwrap_or("test");
            let name = format!("{admin_db}_{}", unique(tag)).to_lowercase();
            let admin = Database::connect(&admin_url).await.expect("TEST_DATABASE_URL connects");
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create database");
            admin.close().await.ok();
            let db = server::db::connect(&format!("{base}/{name}")).await.expect("postgres connects");
            let data_dir = std::env::temp_dir().join(format!("contest-test-{name}"));
            out.push(TestDb {
                backend: "postgres",
                db,
                data_dir,
                cleanup: Cleanup::Postgres { admin_url, name },
            });
        }
    }
    out
}

/// Migrated databases on every configured backend.
pub async fn migrated_databases(tag: &str) -> Vec<TestDb> {
    let dbs = empty_databases(tag).await;
    for t in &dbs {
        server::db::migrate(&t.db).await.unwrap_or_else(|e| panic!("{}: migrate: {e}", t.backend));
    }
    dbs
}

/// Migrated databases holding the demo data, seeded as of `now`.
pub async fn demo_databases(tag: &str, now: chrono::DateTime<chrono::Utc>) -> Vec<TestDb> {
    let dbs = migrated_databases(tag).await;
    for t in &dbs {
        server::demo::seed(&t.db, &t.data_dir, now)
            .await
            .unwrap_or_else(|e| panic!("{}: seed: {e}", t.backend));
    }
    dbs
}

impl TestDb {
    /// Drops the database; call at the end of each test.
    pub async fn finish(self) {
        self.db.close().await.ok();
        let _ = std::fs::remove_dir_all(&self.data_dir);
        match self.cleanup {
            Cleanup::Sqlite(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .await;
                    admin.close().await.ok();
                }
            }
        }
    }
}

/// The server package's folder at run time: cargo reuses a test binary built
/// in another checkout of the same tree, whose compile-time folder may be gone.
pub fn manifest_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(
        std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned()),
    )
}

/// The real router over `db`, with a test session secret.
pub fn router(db: &DatabaseConnection) -> axum::Router {
    router_with(app::state::AppState::new(db.clone()))
}

/// The real router over a given state (e.g. trusting X-Forwarded-For).
pub fn router_with(state: app::state::AppState) -> axum::Router {
    let options =
        leptos::prelude::LeptosOptions::builder().output_name("contest").site_root("target/site").build();
    let secret =
        server::secret::load_or_create(Some(&"test-secret-".repeat(4)), std::path::Path::new(".")).unwrap();
    let cookies = server::routes::CookiePolicy { secret, secure: false, lifetime: Default::default() };
    server::routes::router(state, options, cookies)
}
