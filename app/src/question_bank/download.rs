//! File downloads of the bank (plain axum handlers: a file, not JSON). Each
//! checks the role like every dashboard function.
use crate::download::{attachment, FileRoutes, XLSX};
use crate::entities::{question, question_option, topic};
use crate::error::AppError;
use crate::staff::guard::{check, Access};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use std::collections::HashMap;
use tower_sessions::Session;

/// The download routes (merged into the server's by `crate::download::routes`).
pub fn routes() -> FileRoutes {
    let routes = FileRoutes::default()
        .get("/api/admin/questions/export.xlsx", export_xlsx)
        .get("/api/admin/questions/export.csv", export_csv)
        .get("/api/admin/questions/export.gift", export_gift)
        .get("/api/admin/questions/export.aiken.txt", export_aiken)
        .get("/api/admin/questions/export.moodle.xml", export_moodle_xml)
        .get("/api/admin/questions/template.xlsx", template);
    // One Word template per layout the import reads.
    bankfile::DOCX_LAYOUTS.iter().fold(routes, |routes, layout| {
        let slug = layout.slug;
        routes.get(&docx_template_path(slug), move |State(state): State<AppState>, session: Session| {
            docx_template(state, session, slug)
        })
    })
}

/// `/api/admin/questions/template-{slug}.docx`, one per `bankfile::DOCX_LAYOUTS`.
pub fn docx_template_path(slug: &str) -> String {
    format!("/api/admin/questions/template-{slug}.docx")
}

/// The GET paths above, for the authorization walk in the tests.
pub const PATHS: [&str; 11] = [
    "/api/admin/questions/export.xlsx",
    "/api/admin/questions/export.csv",
    "/api/admin/questions/export.gift",
    "/api/admin/questions/export.aiken.txt",
    "/api/admin/questions/export.moodle.xml",
    "/api/admin/questions/template.xlsx",
    "/api/admin/questions/template-list.docx",
    "/api/admin/questions/template-table.docx",
    "/api/admin/questions/template-two-column.docx",
    "/api/admin/questions/template-answer-key.docx",
    "/api/admin/questions/template-starred.docx",
];

#[derive(Debug, Deserialize)]
pub struct ExportFilter {
    topic: Option<i32>,
    /// `active` (default) | `all`
    status: Option<String>,
}

async fn questions(
    db: &impl ConnectionTrait,
    filter: &ExportFilter,
) -> Result<Vec<bankfile::ExportQuestion>, AppError> {
    let mut query = question::Entity::find();
    if let Some(topic) = filter.topic {
        query = query.filter(question::Column::TopicId.eq(topic));
    }
    if filter.status.as_deref() != Some("all") {
        query = query.filter(question::Column::Active.eq(true));
    }
    let rows =
        query.order_by_asc(question::Column::TopicId).order_by_asc(question::Column::Id).all(db).await?;
    let topics: HashMap<i32, String> =
        topic::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.name)).collect();
    let mut options: HashMap<i32, Vec<question_option::Model>> = HashMap::new();
    // All options in one query; chunks would only matter far beyond real banks.
    for option in
        question_option::Entity::find().order_by_asc(question_option::Column::Position).all(db).await?
    {
        options.entry(option.question_id).or_default().push(option);
    }
    Ok(rows
        .into_iter()
        .map(|q| {
            let opts = options.remove(&q.id).unwrap_or_default();
            bankfile::ExportQuestion {
                topic: topics.get(&q.topic_id).cloned().unwrap_or_default(),
                text: q.text,
                correct: opts.iter().enumerate().filter(|(_, o)| o.is_correct).map(|(i, _)| i).collect(),
                option_feedback: opts.iter().map(|o| o.feedback.clone()).collect(),
                options: opts.into_iter().map(|o| o.text).collect(),
                explanation: q.explanation,
                legal_source: q.legal_source,
                difficulty: q.difficulty,
            }
        })
        .collect())
}

async fn guarded(state: &AppState, session: &Session) -> Result<(), AppError> {
    check(&state.db, session, Access::Organizer).await.map(|_| ())
}

/// Runs `make` on the filtered bank for a signed-in organizer.
async fn render<T>(
    state: &AppState,
    session: &Session,
    filter: &ExportFilter,
    make: impl FnOnce(&[bankfile::ExportQuestion]) -> Result<T, AppError>,
) -> Result<T, AppError> {
    guarded(state, session).await?;
    make(&questions(&state.db, filter).await?)
}

fn xlsx_failed(e: bankfile::ExportError) -> AppError {
    AppError::internal_because("xlsx export failed", e)
}

/// A text download (CSV, GIFT, Aiken, Moodle XML) or the error as JSON.
async fn text_file(
    state: AppState,
    session: Session,
    filter: ExportFilter,
    content_type: &str,
    name: &str,
    make: fn(&[bankfile::ExportQuestion]) -> String,
) -> Response {
    attachment(render(&state, &session, &filter, |q| Ok(make(q).into_bytes())).await, content_type, name)
}

async fn export_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<ExportFilter>,
) -> Response {
    let made = render(&state, &session, &filter, |q| bankfile::export_xlsx(q).map_err(xlsx_failed)).await;
    attachment(made, XLSX, "ngan-hang-cau-hoi.xlsx")
}

async fn export_csv(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<ExportFilter>,
) -> Response {
    text_file(
        state,
        session,
        filter,
        "text/csv; charset=utf-8",
        "ngan-hang-cau-hoi.csv",
        bankfile::export_csv,
    )
    .await
}

async fn export_gift(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<ExportFilter>,
) -> Response {
    text_file(
        state,
        session,
        filter,
        "text/plain; charset=utf-8",
        "ngan-hang-cau-hoi.gift.txt",
        bankfile::export_gift,
    )
    .await
}

async fn export_aiken(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<ExportFilter>,
) -> Response {
    text_file(
        state,
        session,
        filter,
        "text/plain; charset=utf-8",
        "ngan-hang-cau-hoi.aiken.txt",
        bankfile::export_aiken,
    )
    .await
}

/// Moodle XML, for Moodle's "Nhập câu hỏi" (import) with the "Moodle XML" format.
async fn export_moodle_xml(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<ExportFilter>,
) -> Response {
    text_file(
        state,
        session,
        filter,
        "application/xml; charset=utf-8",
        "ngan-hang-cau-hoi.moodle.xml",
        bankfile::export_moodle_xml,
    )
    .await
}

async fn template(State(state): State<AppState>, session: Session) -> Response {
    let made = async {
        guarded(&state, &session).await?;
        bankfile::template_xlsx().map_err(xlsx_failed)
    };
    attachment(made.await, XLSX, "mau-nhap-cau-hoi.xlsx")
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async fn docx_template(state: AppState, session: Session, slug: &'static str) -> Response {
    let made = async {
        guarded(&state, &session).await?;
        bankfile::template_docx(slug)
            .ok_or_else(|| AppError::internal("a Word template of the import is missing"))
    };
    let name =
        bankfile::DOCX_LAYOUTS.iter().find(|l| l.slug == slug).map_or("mau-word.docx", |l| l.file_name);
    attachment(made.await, DOCX, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_template_is_routed_listed_and_linked() {
        let paths: Vec<String> = bankfile::DOCX_LAYOUTS.iter().map(|l| docx_template_path(l.slug)).collect();
        let linked: Vec<String> = super::super::DOCX_TEMPLATES.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(paths, linked);
        for path in &paths {
            assert!(PATHS.contains(&path.as_str()), "{path} is in the authorization walk");
        }
    }
}
