//! Import: file → preview rows (with duplicates and problems marked) → saved
//! questions, all or nothing. Parsing itself lives in the `bankfile` crate.
use super::service::{check_draft, clean, find_topic, insert_topic, letter};
use super::{ImportPreview, ImportReport, ImportRow, LayoutHelp, LineError, QuestionDraft};
use crate::audit::service::{record, Change};
use crate::entities::{question, question_option, topic};
use crate::error::{AppError, Result};
use crate::staff::guard::Staff;
use crate::text::fold;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, QuerySelect, Set, TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

fn row_of(q: bankfile::ParsedQuestion) -> ImportRow {
    let correct = match q.correct.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    ImportRow {
        line: q.line,
        topic: q.topic,
        text: q.text,
        options: q.options,
        correct,
        explanation: q.explanation,
        option_feedback: q.option_feedback,
        legal_source: q.legal_source,
        difficulty: q.difficulty.unwrap_or(1),
        duplicate_of: None,
        duplicate_line: None,
        problems: Vec::new(),
    }
}

/// normalized text → id of every question in the bank.
async fn bank_texts(db: &impl ConnectionTrait) -> Result<HashMap<String, i32>> {
    let rows: Vec<(i32, String)> = question::Entity::find()
        .select_only()
        .column(question::Column::Id)
        .column(question::Column::NormalizedText)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, text)| (text, id)).collect())
}

/// Marks duplicates (against the bank and earlier rows) and each row's
/// problems (kept as they are where the parser already worded them).
async fn mark(db: &impl ConnectionTrait, rows: &mut [ImportRow], keep_problems: bool) -> Result<Vec<String>> {
    let bank = bank_texts(db).await?;
    let topics = topic::Entity::find().all(db).await?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut new_topics: Vec<String> = Vec::new();
    for row in rows.iter_mut() {
        let normalized = fold(&row.text);
        row.duplicate_of = bank.get(&normalized).copied();
        row.duplicate_line = seen.get(&normalized).copied();
        seen.entry(normalized).or_insert(row.line);
        if let Some(name) = row.topic.as_deref().map(clean).filter(|n| !n.is_empty()) {
            let known = topics.iter().any(|t| fold(&t.name) == fold(&name) || fold(&t.code) == fold(&name));
            if !known && !new_topics.iter().any(|n| fold(n) == fold(&name)) {
                new_topics.push(name);
            }
        }
        if !keep_problems || row.problems.is_empty() {
            row.problems = row_problems(row);
        }
    }
    Ok(new_topics)
}

/// Why a row cannot be saved as it is, in plain Vietnamese.
fn row_problems(row: &ImportRow) -> Vec<String> {
    let draft = QuestionDraft {
        id: None,
        topic_id: 0,
        text: row.text.clone(),
        options: row.options.clone(),
        correct: row.correct.unwrap_or(usize::MAX),
        explanation: row.explanation.clone(),
        legal_source: row.legal_source.clone(),
        difficulty: row.difficulty,
        active: true,
    };
    let mut problems: Vec<String> = check_draft(&draft, true)
        .into_iter()
        .map(|(field, message)| match field.as_str() {
            "correct" if row.correct.is_none() => "Chưa có đáp án đúng.".to_owned(),
            "correct" => format!("Đáp án {} không có trong các phương án.", letter(row.correct.unwrap_or(0))),
            _ => message,
        })
        .collect();
    problems.dedup();
    problems
}

pub async fn preview(db: &impl ConnectionTrait, bytes: &[u8], name: Option<&str>) -> Result<ImportPreview> {
    // Parsing a 10 MB file is CPU work: off the async workers, so other requests go on.
    let (owned, name) = (bytes.to_vec(), name.map(str::to_owned));
    let parsed = tokio::task::spawn_blocking(move || bankfile::parse(&owned, name.as_deref()))
        .await
        .map_err(|e| AppError::internal_because("bank file reader failed", e))?;
    let format = parsed.format.map(|f| f.label().to_owned()).unwrap_or_default();
    let mut rows: Vec<ImportRow> = parsed.questions.into_iter().map(row_of).collect();
    let mut errors = Vec::new();
    // Questions with problems come back as far as they could be read, with the
    // parser's own words, so the organizer can fix them in the preview.
    let mut rejected: Vec<ImportRow> = parsed.rejected.into_iter().map(row_of).collect();
    for problem in parsed.problems {
        match rejected.iter_mut().find(|r| r.line == problem.line && problem.line > 0) {
            Some(row) => row.problems.push(problem.message),
            None => errors.push(LineError { line: problem.line, message: problem.message }),
        }
    }
    rows.append(&mut rejected);
    rows.sort_by_key(|r| r.line);
    let new_topics = mark(db, &mut rows, true).await?;
    let layouts = if rows.is_empty() { known_layouts() } else { Vec::new() };
    Ok(ImportPreview { format, layout: parsed.layout, layouts, rows, errors, new_topics })
}

/// Every layout the import reads, each with its template, for a file that gave no question.
pub fn known_layouts() -> Vec<LayoutHelp> {
    let excel = LayoutHelp {
        name: "Bảng tính Excel (.xlsx) hoặc CSV".to_owned(),
        how: "Dòng 1 là tiêu đề cột (Câu hỏi, Phương án A, Phương án B, …, Đáp án); mỗi dòng sau là một câu hỏi."
            .to_owned(),
        template: "/api/admin/questions/template.xlsx".to_owned(),
    };
    let word = bankfile::DOCX_LAYOUTS.iter().map(|l| LayoutHelp {
        name: format!("Word (.docx): {}", l.name.to_lowercase()),
        how: l.how.to_owned(),
        template: super::download::docx_template_path(l.slug),
    });
    std::iter::once(excel).chain(word).collect()
}

fn is_duplicate(row: &ImportRow) -> bool {
    row.duplicate_of.is_some() || row.duplicate_line.is_some()
}

/// (valid questions that are not duplicates, duplicates).
fn counts(rows: &[ImportRow]) -> (usize, usize) {
    let duplicates = rows.iter().filter(|r| is_duplicate(r)).count();
    let fresh = rows.iter().filter(|r| !is_duplicate(r) && r.problems.is_empty()).count();
    (fresh, duplicates)
}

/// Every problem of a preview, one per line, sorted by line.
fn all_errors(preview: &ImportPreview, topic_needed: bool) -> Vec<LineError> {
    let mut errors = preview.errors.clone();
    for row in &preview.rows {
        for message in &row.problems {
            errors.push(LineError { line: row.line, message: message.clone() });
        }
        if topic_needed && row.topic.as_deref().map(str::trim).unwrap_or("").is_empty() {
            errors.push(LineError {
                line: row.line,
                message: "Câu hỏi chưa có chủ đề: thêm cột “Chủ đề” hoặc gửi topic_id làm chủ đề mặc định."
                    .to_owned(),
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    errors
}

/// The stable import: preview, then (unless a dry run or anything is wrong)
/// save every non-duplicate row.
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    bytes: &[u8],
    name: Option<&str>,
    default_topic: Option<i32>,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    if let Some(id) = default_topic {
        if topic::Entity::find_by_id(id).one(db).await?.is_none() {
            return Err(AppError::invalid("topic_id", "Không tìm thấy chủ đề mặc định đã chọn."));
        }
    }
    let preview = preview(db, bytes, name).await?;
    let errors = all_errors(&preview, default_topic.is_none());
    let (fresh, duplicates) = counts(&preview.rows);
    if dry_run || !errors.is_empty() {
        return Ok(ImportReport { questions: fresh, duplicates, errors });
    }
    let file_name = name.map(str::to_owned);
    save_rows(db, staff, preview.rows, default_topic, true, file_name, now).await
}

/// Saves rows in one transaction: re-checks everything (the browser may have
/// edited them), creates the topics they name, skips duplicates if asked.
pub async fn save_rows<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    staff: &Staff,
    mut rows: Vec<ImportRow>,
    default_topic: Option<i32>,
    skip_duplicates: bool,
    file_name: Option<String>,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    if let Some(id) = default_topic {
        if topic::Entity::find_by_id(id).one(db).await?.is_none() {
            return Err(AppError::invalid("topic_id", "Không tìm thấy chủ đề mặc định đã chọn."));
        }
    }
    if rows.is_empty() {
        return Err(AppError::invalid("file", "Không có câu hỏi nào để lưu."));
    }
    let new_topics = mark(db, &mut rows, false).await?;
    let preview = ImportPreview {
        format: String::new(),
        layout: None,
        layouts: Vec::new(),
        rows,
        errors: Vec::new(),
        new_topics,
    };
    let errors = all_errors(&preview, default_topic.is_none());
    let (fresh, duplicates) = counts(&preview.rows);
    if !errors.is_empty() {
        return Ok(ImportReport { questions: fresh, duplicates, errors });
    }
    let skipped = if skip_duplicates { duplicates } else { 0 };
    let to_save: Vec<&ImportRow> =
        preview.rows.iter().filter(|r| !(skip_duplicates && is_duplicate(r))).collect();
    if to_save.is_empty() {
        // Nothing new: no change, so nothing for the audit log either.
        return Ok(ImportReport { questions: 0, duplicates: skipped, errors: Vec::new() });
    }
    let txn = db.begin().await?;
    let mut topic_ids: HashMap<String, i32> = HashMap::new();
    let mut saved = 0usize;
    let mut first_id = None;
    for row in to_save {
        let topic_id = match row.topic.as_deref().map(clean).filter(|n| !n.is_empty()) {
            Some(name) => match topic_ids.get(&fold(&name)) {
                Some(id) => *id,
                None => {
                    let topic = match find_topic(&txn, &name).await? {
                        Some(found) => found,
                        None => insert_topic(&txn, &name).await?,
                    };
                    topic_ids.insert(fold(&name), topic.id);
                    topic.id
                }
            },
            None => default_topic.ok_or_else(|| AppError::internal("the bank's default topic is missing"))?,
        };
        let text = clean(&row.text);
        let inserted = question::ActiveModel {
            topic_id: Set(topic_id),
            normalized_text: Set(fold(&text)),
            text: Set(text),
            explanation: Set(row.explanation.as_deref().map(clean).filter(|t| !t.is_empty())),
            legal_source: Set(row.legal_source.as_deref().map(clean).filter(|t| !t.is_empty())),
            difficulty: Set(row.difficulty),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        first_id.get_or_insert(inserted.id);
        let correct = row.correct.unwrap_or(0);
        let options = row.options.iter().enumerate().map(|(position, text)| {
            let feedback = row.option_feedback.get(position).and_then(|f| f.as_deref()).map(clean);
            question_option::ActiveModel {
                question_id: Set(inserted.id),
                position: Set(position as i16),
                text: Set(clean(text)),
                is_correct: Set(position == correct),
                feedback: Set(feedback.filter(|f| !f.is_empty())),
                ..Default::default()
            }
        });
        // One statement per question: a 10,000-question file is 10,000 option inserts, not 40,000.
        question_option::Entity::insert_many(options).exec(&txn).await?;
        saved += 1;
    }
    let change = Change {
        action: "question.import",
        entity: "question",
        entity_id: first_id.map(|id| id.to_string()),
        summary: Some(format!(
            "Nhập {saved} câu hỏi{}{}",
            file_name.map(|n| format!(" từ tệp “{n}”")).unwrap_or_default(),
            if skipped > 0 { format!(", bỏ qua {skipped} câu trùng") } else { String::new() }
        )),
        after: Some(
            serde_json::json!({"questions": saved, "duplicates_skipped": skipped, "new_topics": preview.new_topics}),
        ),
        ..Default::default()
    };
    record(&txn, staff, change, now).await?;
    txn.commit().await?;
    Ok(ImportReport { questions: saved, duplicates: skipped, errors: Vec::new() })
}
