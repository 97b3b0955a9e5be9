//! Unit tree server functions.
// Re-exported so the pages, which import from `api`, keep their paths.
pub use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json, MultipartData, MultipartFormData};

/// The tree in display order (depth-first); a unit contact gets their branch.
#[server(prefix = "/api", endpoint = "admin/units", input = GetUrl)]
pub async fn admin_units() -> Result<Vec<UnitNode>, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Staff).await?;
    let db = crate::state::db()?;
    super::service::tree(&db, &staff).await
}

/// Creates or updates a unit; moving it (a new parent) keeps its contestants.
#[server(prefix = "/api", endpoint = "admin/units/save", input = Json)]
pub async fn admin_save_unit(draft: UnitDraft) -> Result<UnitNode, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::save(&db, &staff, draft, chrono::Utc::now()).await
}

/// Deletes a unit that has no units under it and no contestants.
#[server(prefix = "/api", endpoint = "admin/units/delete", input = Json)]
pub async fn admin_delete_unit(id: i32) -> Result<crate::staff::Done, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    super::service::delete(&db, &staff, id, chrono::Utc::now()).await?;
    Ok(crate::staff::Done { ok: true })
}

/// Imports the tree from .xlsx (the export's layout), matching units by code:
/// multipart `file` and `dry_run` (`true`/`false`). All or nothing.
#[server(prefix = "/api", endpoint = "admin/units/import", input = MultipartFormData)]
pub async fn admin_import_units(data: MultipartData) -> Result<UnitImportReport, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    let upload = crate::question_bank::read_upload(data).await?;
    let Some((_, bytes)) = upload.file.filter(|_| !upload.too_big) else {
        return Err(AppError::invalid("file", "Vui lòng gửi tệp Excel (.xlsx) dưới 10 MB."));
    };
    let dry_run = upload.fields.get("dry_run").map(|v| v.trim() == "true").unwrap_or(true);
    let report = super::service::import(&db, &staff, &bytes, dry_run, chrono::Utc::now()).await?;
    crate::question_bank::unprocessable_if(!report.errors.is_empty());
    Ok(report)
}

/// Contestants of the caller's units and their attempts in `round_id` (default:
/// the latest round that has opened), one page of 50, optionally only those of
/// `unit_id` and its sub-units, in the order asked (default: not yet taken part first).
#[server(prefix = "/api", endpoint = "admin/units/participation", input = GetUrl)]
pub async fn admin_unit_participation(
    round_id: Option<i32>,
    page: Option<u64>,
    unit_id: Option<i32>,
    order: Option<Order>,
) -> Result<Participation, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Staff).await?;
    let db = crate::state::db()?;
    let mut list = super::service::participation::list(
        &db,
        &staff,
        round_id,
        unit_id,
        order.unwrap_or_default(),
        chrono::Utc::now(),
    )
    .await?;
    let (page, pages) = super::service::participation::page_of(list.members.len(), page.unwrap_or(1));
    let start = (page as usize - 1) * PAGE_SIZE;
    list.members = list.members.into_iter().skip(start).take(PAGE_SIZE).collect();
    list.page = page;
    list.pages = pages;
    Ok(list)
}
