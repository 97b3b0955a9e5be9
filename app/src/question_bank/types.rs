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
