//! Importing question files. `POST /api/admin/questions/import` is the stable
//! contract for scripts; the dashboard uses the preview and save functions,
//! which keep the server stateless: the browser holds the preview until saved.
use super::types::{ImportPreview, ImportReport, ImportRow};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};

/// The Word templates, one per layout the import reads (served by `download.rs` from
/// `bankfile::DOCX_LAYOUTS`), linked next to the Excel template.
pub const DOCX_TEMPLATES: [(&str, &str); 5] = [
    ("/api/admin/questions/template-list.docx", "danh sách"),
    ("/api/admin/questions/template-table.docx", "bảng mỗi câu một dòng"),
    ("/api/admin/questions/template-two-column.docx", "bảng hai cột"),
    ("/api/admin/questions/template-answer-key.docx", "bảng đáp án cuối tệp"),
    ("/api/admin/questions/template-starred.docx", "đáp án có dấu *"),
];

#[cfg(feature = "ssr")]
pub struct Upload {
    pub file: Option<(Option<String>, Vec<u8>)>,
    pub fields: std::collections::HashMap<String, String>,
    pub too_big: bool,
}

/// Reads a multipart upload, stopping at the size limit instead of buffering
/// whatever a client sends.
#[cfg(feature = "ssr")]
pub async fn read_upload(data: MultipartData) -> Result<Upload, AppError> {
    let mut data = data
        .into_inner()
        .ok_or_else(|| AppError::internal("a multipart upload reached the server without its body"))?;
    let mut upload = Upload { file: None, fields: Default::default(), too_big: false };
    let bad = || AppError::invalid("file", "Không đọc được dữ liệu tải lên. Vui lòng chọn lại tệp.");
    while let Some(mut field) = data.next_field().await.map_err(|_| bad())? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().map(str::to_owned);
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|_| bad())? {
                if bytes.len() + chunk.len() > bankfile::MAX_FILE_BYTES {
                    upload.too_big = true;
                    break;
                }
                bytes.extend_from_slice(&chunk);
            }
            if upload.too_big {
                break;
            }
            upload.file = Some((file_name, bytes));
        } else {
            let value = field.text().await.map_err(|_| bad())?;
            upload.fields.insert(name, value);
        }
    }
    Ok(upload)
}

/// Answers 422 while still sending the report as the body: the stable import
/// contracts return the same JSON on success and on rejected files.
#[cfg(feature = "ssr")]
pub fn unprocessable_if(rejected: bool) {
    if rejected {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
        }
    }
}

#[cfg(feature = "ssr")]
fn too_big() -> AppError {
    AppError::invalid(
        "file",
        &format!(
            "Tệp quá lớn: tối đa {} MB. Hãy chia ngân hàng thành nhiều tệp.",
            bankfile::MAX_FILE_BYTES / 1024 / 1024
        ),
    )
}

/// Imports a question file: multipart `file` (.docx, .xlsx, .csv, GIFT,
/// Aiken or Moodle XML, recognised by content) and `dry_run` (`true`/`false`), optionally
/// `topic_id` for questions the file gives no topic. A dry run saves nothing;
/// a real run with any error saves nothing and answers 422 with the same body.
/// Duplicates are skipped and counted.
#[server(prefix = "/api", endpoint = "admin/questions/import", input = MultipartFormData)]
pub async fn admin_import_questions(data: MultipartData) -> Result<ImportReport, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    let upload = read_upload(data).await?;
    if upload.too_big {
        return Err(too_big());
    }
    let (name, bytes) = upload
        .file
        .ok_or_else(|| AppError::invalid("file", "Vui lòng gửi tệp câu hỏi trong trường “file”."))?;
    let dry_run = match upload.fields.get("dry_run").map(|v| v.trim().to_lowercase()).as_deref() {
        Some("true") | Some("1") => true,
        Some("false") | Some("0") => false,
        _ => return Err(AppError::invalid("dry_run", "Trường dry_run phải là true hoặc false.")),
    };
    let default_topic = upload.fields.get("topic_id").and_then(|v| v.trim().parse::<i32>().ok());
    let report =
        super::import::run(&db, &staff, &bytes, name.as_deref(), default_topic, dry_run, chrono::Utc::now())
            .await?;
    unprocessable_if(!report.errors.is_empty());
    Ok(report)
}

/// Reads a file and lists every question and every problem, saving nothing.
#[server(prefix = "/api", endpoint = "admin/questions/import_preview", input = MultipartFormData)]
pub async fn admin_import_preview(data: MultipartData) -> Result<ImportPreview, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    let upload = read_upload(data).await?;
    if upload.too_big {
        return Err(too_big());
    }
    let (name, bytes) = upload.file.ok_or_else(|| AppError::invalid("file", "Vui lòng chọn tệp câu hỏi."))?;
    super::import::preview(&db, &bytes, name.as_deref()).await
}

/// Saves previewed (and possibly corrected) rows, all or nothing.
/// Duplicates are skipped when `skip_duplicates`, otherwise saved too.
#[server(prefix = "/api", endpoint = "admin/questions/import_save", input = Json)]
pub async fn admin_import_save(
    rows: Vec<ImportRow>,
    default_topic_id: Option<i32>,
    skip_duplicates: bool,
    file_name: Option<String>,
) -> Result<ImportReport, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    let now = chrono::Utc::now();
    // Row errors come back in the report (200) for the page to show next to each row.
    super::import::save_rows(&db, &staff, rows, default_topic_id, skip_duplicates, file_name, now).await
}
