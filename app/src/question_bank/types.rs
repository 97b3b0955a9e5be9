//! The wire types of the question bank: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionItem {
    pub id: i32,
    pub text: String,
    pub correct: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionItem {
    pub id: i32,
    pub text: String,
    /// The topic's id (the `topic` filter takes the same ids).
    pub topic: i32,
    pub topic_name: String,
    /// 1 easy, 2 medium, 3 hard.
    pub difficulty: i16,
    pub active: bool,
    pub options: Vec<OptionItem>,
    /// How many attempts drew it, and the % of those answers that were right.
    pub times_drawn: u64,
    pub correct_pct: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionPage {
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
    pub items: Vec<QuestionItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDetail {
    pub item: QuestionItem,
    pub explanation: Option<String>,
    pub legal_source: Option<String>,
    /// Rounds whose pool holds it, e.g. "Cuộc thi … — Tuần 2".
    pub rounds: Vec<String>,
    pub updated_at: String,
}

/// A question as typed in the editor (or fixed in the import preview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    /// None: a new question.
    pub id: Option<i32>,
    pub topic_id: i32,
    pub text: String,
    pub options: Vec<String>,
    /// 0-based index of the correct option.
    pub correct: usize,
    pub explanation: Option<String>,
    pub legal_source: Option<String>,
    pub difficulty: i16,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Similar {
    pub id: i32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuestion {
    pub id: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicItem {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub questions: u64,
    pub active_questions: u64,
}

/// Search filters; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionFilter {
    pub q: Option<String>,
    pub topic: Option<i32>,
    pub difficulty: Option<i16>,
    /// `active` | `retired` | (anything else) all
    pub status: Option<String>,
    /// `used` (in some round's pool) | `unused` | all
    pub usage: Option<String>,
    pub page: Option<u64>,
}

// Importing question files (the server functions are in `import_api.rs`).

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineError {
    /// Row (spreadsheets) or line/paragraph number (documents); 0 = the whole file.
    pub line: usize,
    pub message: String,
}

/// The answer of the stable import API, for dry and real runs alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Questions saved (real run) or that would be saved (dry run).
    pub questions: usize,
    /// Questions skipped because the bank or an earlier row has the same text.
    pub duplicates: usize,
    pub errors: Vec<LineError>,
}

/// One question of an import preview, editable in the browser before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    pub line: usize,
    /// The topic as the file names it (None: the default topic is used).
    pub topic: Option<String>,
    pub text: String,
    pub options: Vec<String>,
    /// 0-based; None when the file gives no (or no single) answer.
    pub correct: Option<usize>,
    pub explanation: Option<String>,
    /// Each option's own feedback, by position (GIFT and Moodle XML files); empty when none.
    #[serde(default)]
    pub option_feedback: Vec<Option<String>>,
    pub legal_source: Option<String>,
    pub difficulty: i16,
    /// Filled by the server in previews: same text as bank question #id.
    #[serde(default)]
    pub duplicate_of: Option<i32>,
    /// Filled by the server in previews: same text as an earlier row (its line).
    #[serde(default)]
    pub duplicate_line: Option<usize>,
    /// Filled by the server in previews: why this row cannot be saved as it is.
    #[serde(default)]
    pub problems: Vec<String>,
}

/// A layout the import reads, with its template: listed when a file gave no question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutHelp {
    pub name: String,
    /// How a question is written, in one sentence.
    pub how: String,
    /// Path of the template to download.
    pub template: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// e.g. "Word (.docx)".
    pub format: String,
    /// Which layout of the file was recognised, e.g. "Đã nhận dạng: bảng, mỗi câu một dòng,
    /// cột Đáp án" (Word files).
    #[serde(default)]
    pub layout: Option<String>,
    /// When no question could be read: the layouts that work, with their templates.
    #[serde(default)]
    pub layouts: Vec<LayoutHelp>,
    pub rows: Vec<ImportRow>,
    /// Problems not tied to a question that could be shown (whole file, unreadable blocks).
    pub errors: Vec<LineError>,
    /// Topic names the file uses that the bank does not have yet (created on save).
    pub new_topics: Vec<String>,
}

// `/quan-tri/thong-ke-cau-hoi`: how each question behaved in a round.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionStat {
    pub question_id: i32,
    pub text: String,
    pub drawn: u64,
    pub correct_pct: f64,
    /// −1 to 1; below 0.2 separates poorly (null with fewer than 10 draws).
    pub discrimination: Option<f64>,
    /// "Quá dễ", "Quá khó", "Phân loại kém", or empty.
    pub flag: String,
}

/// A round the statistics can be shown for, in the picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundChoice {
    pub id: i32,
    pub title: String,
    pub contest_title: String,
    /// Submitted attempts so far.
    pub attempts: u64,
}

/// Below this many answers a question is not flagged: one or two attempts say
/// nothing about whether it is too hard.
pub const MIN_SAMPLE: usize = 30;
