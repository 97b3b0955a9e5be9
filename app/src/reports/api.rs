//! Report server functions (organizers).
use super::rubric::Rubric;
use super::{ReformIndex, WeeklyReport};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The weekly per-unit participation table of a contest.
#[server(prefix = "/api", endpoint = "admin/reports/weekly", input = GetUrl)]
pub async fn admin_weekly_report(contest_id: i32) -> Result<WeeklyReport, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::weekly(&db, contest_id, chrono::Utc::now()).await
}

/// The reform-index scoring table of a contest, by its rubric.
#[server(prefix = "/api", endpoint = "admin/reports/reform-index", input = GetUrl)]
pub async fn admin_reform_index(contest_id: i32) -> Result<ReformIndex, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::reform_index(&db, contest_id).await
}

/// Sets the contest's reform-index rubric.
#[server(prefix = "/api", endpoint = "admin/reports/rubric", input = Json)]
pub async fn admin_save_rubric(contest_id: i32, rubric: Rubric) -> Result<(), AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::save_rubric(&db, &staff, contest_id, rubric, chrono::Utc::now()).await
}
