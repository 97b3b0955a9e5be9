//! The unit pages' files: the tree as .xlsx (what the import reads) and the
//! participation list as CSV.
use super::{Member, Order, CSV_PATH};
use serde::Deserialize;

/// `GET /api/admin/units/export.xlsx`: the tree (a unit contact's branch) as .xlsx; and the
/// participation list as CSV.
pub fn routes() -> crate::download::FileRoutes {
    crate::download::FileRoutes::default().get(PATH, export).get(CSV_PATH, download_csv)
}

pub const PATH: &str = "/api/admin/units/export.xlsx";

async fn export(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    let made = async {
        let staff =
            crate::staff::guard::check(&state.db, &session, crate::staff::guard::Access::Staff).await?;
        let nodes = super::service::tree(&state.db, &staff).await?;
        super::sheet::write(&nodes)
            .map_err(|e| crate::error::AppError::internal_because("unit export failed", e))
    };
    crate::download::attachment(made.await, crate::download::XLSX, "don-vi.xlsx")
}

/// The list as CSV for Excel with Vietnamese settings (UTF-8 with BOM so Excel shows the
/// diacritics, ";" between fields, as every CSV download). Names and units are text a
/// contestant typed, so a name like "=HYPERLINK(…)" is quoted rather than run by Excel.
pub fn to_csv(members: &[Member]) -> Result<Vec<u8>, csv::Error> {
    use bankfile::cell::neutralise;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(crate::format::CSV_DELIMITER)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(["Họ tên", "Điện thoại", "Đơn vị", "Lượt thi", "Điểm cao nhất"])?;
    for m in members {
        writer.write_record([
            neutralise(&m.full_name).into_owned(),
            neutralise(&m.phone).into_owned(),
            neutralise(&m.unit_name).into_owned(),
            m.attempts.to_string(),
            m.best_score.map(|s| s.to_string()).unwrap_or_default(),
        ])?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[derive(Debug, Deserialize)]
pub struct CsvQuery {
    round_id: Option<i32>,
    unit_id: Option<i32>,
    order: Option<Order>,
}

/// `GET /api/admin/units/participation.csv?round_id=ID&unit_id=ID&order=not_yet`: the page's
/// list, every page of it, as a file.
pub async fn download_csv(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Query(query): axum::extract::Query<CsvQuery>,
) -> axum::response::Response {
    let made = async {
        let staff =
            crate::staff::guard::check(&state.db, &session, crate::staff::guard::Access::Staff).await?;
        let list = super::service::participation::list(
            &state.db,
            &staff,
            query.round_id,
            query.unit_id,
            query.order.unwrap_or_default(),
            chrono::Utc::now(),
        )
        .await?;
        to_csv(&list.members)
            .map_err(|e| crate::error::AppError::internal_because("participation export failed", e))
    };
    crate::download::attachment(made.await, "text/csv; charset=utf-8", "tham-gia.csv")
}
