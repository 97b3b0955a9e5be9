//! The demo data: the Lạng Sơn 2022 administrative-reform contest from the
//! founding directive, its units and question bank, a live copy of the contest
//! placed around today, and a demo organizer. Loaded in one transaction when
//! the database is empty, so a failure leaves nothing half-written.
mod contests;
pub mod history;
mod organizer;
pub mod prizes;
mod questions;
mod units;

use app::entities::{contest, unit};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, TransactionTrait};
use std::{
    fmt,
    path::{Path, PathBuf},
};

pub use organizer::organizer_file;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    Database(#[from] DbErr),
    #[error("dữ liệu mẫu hỏng / broken demo file {file}: {reason}")]
    Data { file: &'static str, reason: String },
    #[error("không ghi được {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// What was loaded, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub units: usize,
    pub topics: usize,
    pub questions: usize,
    pub contests: usize,
    pub rounds: usize,
    pub organizer_email: String,
}

impl fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Đã nạp dữ liệu mẫu / demo data loaded: {} đơn vị, {} chủ đề, {} câu hỏi, {} cuộc thi, {} đợt thi",
            self.units, self.topics, self.questions, self.contests, self.rounds
        )
    }
}

/// Loads the demo data if the database has no contest and no unit yet.
pub async fn seed_if_empty(
    db: &DatabaseConnection,
    data_dir: &Path,
    now: DateTime<Utc>,
) -> Result<Option<DemoSummary>, DemoError> {
    let empty = contest::Entity::find().count(db).await? == 0 && unit::Entity::find().count(db).await? == 0;
    if !empty {
        return Ok(None);
    }
    let summary = seed(db, data_dir, now).await?;
    // The 2022 contest's simulated history, in its own transaction: the demo is
    // usable even if this part failed, and tests that seed the demo skip it.
    let started = std::time::Instant::now();
    let txn = db.begin().await?;
    let history = history::insert(&txn, contests::SLUG_2022).await?;
    let awards = prizes::award_2022(&txn, contests::SLUG_2022, now).await?;
    txn.commit().await?;
    tracing::info!(
        contestants = history.contestants,
        attempts = history.attempts,
        awards,
        seconds = started.elapsed().as_secs_f64(),
        "demo history of the 2022 contest loaded"
    );
    Ok(Some(summary))
}

/// Loads the demo data, all or nothing.
pub async fn seed(
    db: &DatabaseConnection,
    data_dir: &Path,
    now: DateTime<Utc>,
) -> Result<DemoSummary, DemoError> {
    let txn = db.begin().await?;
    let root_unit_id = units::insert_all(&txn).await?;
    let units = unit::Entity::find().count(&txn).await? as usize;
    let bank = questions::insert_all(&txn, now).await?;
    let contests = contests::insert_all(&txn, root_unit_id, &bank.question_ids, now).await?;
    let organizer = organizer::create(&txn, now).await?;
    txn.commit().await?;

    // Only after the commit: the file must never name an account that does not exist.
    organizer::remember(data_dir, &organizer)?;
    Ok(DemoSummary {
        units,
        topics: bank.topics,
        questions: bank.question_ids.len(),
        contests: contests.contests,
        rounds: contests.rounds,
        organizer_email: organizer.email,
    })
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> DemoError + '_ {
    move |source| DemoError::Io { path: PathBuf::from(path).display().to_string(), source }
}
