//! Connecting to SQLite or PostgreSQL and migrating the schema.
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr, TransactionTrait};
use std::time::Duration;

/// How long a request waits for a pooled connection before it is answered
/// 503 with `Retry-After` (`DB_ACQUIRE_TIMEOUT_MS`). Well under the 2 s in
/// which an outage must be reported, so that a save never hangs.
pub const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_millis(1500);

/// Connects with the default bounded wait; see [`connect_with`].
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, DEFAULT_ACQUIRE_TIMEOUT).await
}

/// Connects with the settings each backend needs (see [`options`]).
pub async fn connect_with(url: &str, acquire_timeout: Duration) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_file(url) {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
            }
        }
    }
    Database::connect(options(url, acquire_timeout)).await
}

/// The pool settings. Both backends: a bounded wait for a connection (an
/// unreachable database is a quick "unavailable", not a hung request). For
/// SQLite: WAL (readers never wait for the writer), foreign keys on, and a
/// busy timeout so that concurrent writers queue instead of failing.
pub fn options(url: &str, acquire_timeout: Duration) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).acquire_timeout(acquire_timeout).map_sqlx_sqlite_opts(|o| {
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
    });
    if url.starts_with("sqlite:") {
        // One writer at a time is all SQLite allows; more pooled connections only add lock waits.
        options.max_connections(8);
    } else {
        options.max_connections(32);
    }
    options
}

/// Applies every pending migration, all or none (see [`migrate_with`]).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrate_with(db, Step::Up(None)).await
}

/// One run of the migrator.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// Apply this many pending migrations (`None`: all of them).
    Up(Option<u32>),
    /// Roll back this many applied migrations (`None`: all of them).
    Down(Option<u32>),
}

/// Runs the migrator inside one transaction, so on one pooled connection.
///
/// On SQLite the migrator would otherwise send each statement to whichever
/// pooled connection is free, and a connection still reading an older WAL
/// snapshot judges DDL against the schema of that snapshot: about one run in
/// ten of the up → down → up test failed with "index … already exists" or
/// "duplicate column name". One connection sees its own changes. It also
/// makes a failed run leave nothing half-applied on either backend.
pub async fn migrate_with(db: &DatabaseConnection, step: Step) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    match step {
        Step::Up(n) => Migrator::up(&txn, n).await?,
        Step::Down(n) => Migrator::down(&txn, n).await?,
    }
    txn.commit().await
}

/// The file path of a `sqlite://path?mode=rwc` URL, or None for other backends
/// and in-memory databases.
pub fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn finds_the_file_of_a_sqlite_url() {
        assert_eq!(sqlite_file("sqlite://data/contest.db?mode=rwc").as_deref(), Some("data/contest.db"));
        assert_eq!(sqlite_file("sqlite:///tmp/x.db").as_deref(), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/test"), None);
    }
}
