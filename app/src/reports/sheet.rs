//! The Department's tables as .xlsx (numbers as numbers, the contest's
//! heading on top), at `/api/admin/reports/weekly.xlsx` and
//! `/api/admin/reports/reform-index.xlsx` (organizers).
use super::{ReformIndex, WeeklyReport};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

pub const WEEKLY_PATH: &str = "/api/admin/reports/weekly.xlsx";
pub const INDEX_PATH: &str = "/api/admin/reports/reform-index.xlsx";

pub fn weekly_xlsx(report: &WeeklyReport) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tham gia theo tuần")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, report.organizer_name.as_str(), &bold)?;
    sheet.write_string_with_format(
        1,
        0,
        format!("KẾT QUẢ THAM GIA {}", report.title.to_uppercase()),
        &bold,
    )?;
    sheet.write_string(2, 0, format!("Số liệu đến ngày {}", report.made_on))?;
    let mut headers = vec!["Mã đơn vị".to_owned(), "Đơn vị".to_owned(), "Biên chế".to_owned()];
    for t in &report.round_titles {
        headers.push(format!("{t}: thí sinh"));
        headers.push(format!("{t}: tỷ lệ (%)"));
    }
    headers.push("Cả cuộc thi: thí sinh".into());
    headers.push("Cả cuộc thi: tỷ lệ (%)".into());
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(4, c as u16, h.as_str(), &bold)?;
    }
    for (i, r) in report.rows.iter().enumerate() {
        let row = (i + 5) as u32;
        let format = if r.depth <= 1 { bold.clone() } else { Format::new() };
        sheet.write_string(row, 0, r.code.as_str())?;
        sheet.write_string_with_format(
            row,
            1,
            format!("{}{}", "  ".repeat(r.depth), r.unit_name),
            &format,
        )?;
        sheet.write_number(row, 2, r.headcount as f64)?;
        let mut col = 3u16;
        for (c, p) in r.weeks.iter().chain(std::iter::once(&(r.contestants, r.participation_pct))) {
            sheet.write_number(row, col, *c as f64)?;
            if let Some(p) = p {
                sheet.write_number(row, col + 1, *p)?;
            }
            col += 2;
        }
    }
    sheet.set_column_width(1, 60)?;
    sheet.set_freeze_panes(5, 2)?;
    book.save_to_buffer()
}

pub fn index_xlsx(index: &ReformIndex) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Chỉ số CCHC")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, format!("BẢNG ĐIỂM CHỈ SỐ CCHC — {}", index.title), &bold)?;
    let headers = [
        "Đơn vị",
        "Biên chế",
        "Thí sinh",
        "Tỷ lệ tham gia (%)",
        "Điểm trung bình",
        "Giải cá nhân",
        "Giải tập thể",
        "Điểm tham gia",
        "Điểm kết quả",
        "Điểm giải cá nhân",
        "Điểm giải tập thể",
        "Tổng điểm",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    for (i, r) in index.rows.iter().enumerate() {
        let row = (i + 3) as u32;
        sheet.write_string(row, 0, r.unit_name.as_str())?;
        sheet.write_number(row, 1, r.headcount as f64)?;
        sheet.write_number(row, 2, r.contestants as f64)?;
        sheet.write_number(row, 3, r.participation_pct)?;
        if let Some(a) = r.average_score {
            sheet.write_number(row, 4, a)?;
        }
        sheet.write_number(row, 5, r.prizes as f64)?;
        sheet.write_string(row, 6, r.collective_prize.as_deref().unwrap_or(""))?;
        for (c, v) in [r.participation_points, r.score_points, r.prize_points, r.collective_points, r.total]
            .into_iter()
            .enumerate()
        {
            sheet.write_number(row, 7 + c as u16, v)?;
        }
    }
    sheet.set_column_width(0, 60)?;
    sheet.set_freeze_panes(3, 1)?;
    book.save_to_buffer()
}

#[derive(Debug, serde::Deserialize)]
pub struct ReportQuery {
    contest_id: i32,
}

pub fn routes() -> crate::download::FileRoutes {
    crate::download::FileRoutes::default().get(WEEKLY_PATH, weekly).get(INDEX_PATH, reform_index)
}

fn internal(e: impl std::fmt::Display) -> crate::error::AppError {
    crate::error::AppError::internal_because("report download failed", e)
}

async fn weekly(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Query(q): axum::extract::Query<ReportQuery>,
) -> axum::response::Response {
    let made = async {
        crate::staff::guard::check(&state.db, &session, crate::staff::guard::Access::Organizer).await?;
        let report = super::service::weekly(&state.db, q.contest_id, chrono::Utc::now()).await?;
        weekly_xlsx(&report).map_err(internal)
    };
    crate::download::attachment(made.await, crate::download::XLSX, "bao-cao-tham-gia-theo-tuan.xlsx")
}

async fn reform_index(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Query(q): axum::extract::Query<ReportQuery>,
) -> axum::response::Response {
    let made = async {
        crate::staff::guard::check(&state.db, &session, crate::staff::guard::Access::Organizer).await?;
        let index = super::service::reform_index(&state.db, q.contest_id).await?;
        index_xlsx(&index).map_err(internal)
    };
    crate::download::attachment(made.await, crate::download::XLSX, "bang-diem-chi-so-cchc.xlsx")
}
