//! The demo question bank: real questions on the six areas of the Government's
//! master programme for state administrative reform 2021–2030 (Resolution
//! 76/NQ-CP), one JSON file per topic.
use super::DemoError;
use app::entities::{question, question_option, topic};
use app::text::fold;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde::Deserialize;

/// (code, name as on screen, file) in the order of Resolution 76/NQ-CP.
const TOPICS: [(&str, &str, &str, &str); 6] = [
    ("institutional", "Cải cách thể chế", "institutional.json", include_str!("questions/institutional.json")),
    (
        "procedures",
        "Cải cách thủ tục hành chính",
        "procedures.json",
        include_str!("questions/procedures.json"),
    ),
    (
        "apparatus",
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        "apparatus.json",
        include_str!("questions/apparatus.json"),
    ),
    (
        "civil_service",
        "Cải cách chế độ công vụ",
        "civil_service.json",
        include_str!("questions/civil_service.json"),
    ),
    (
        "public_finance",
        "Cải cách tài chính công",
        "public_finance.json",
        include_str!("questions/public_finance.json"),
    ),
    (
        "digital_government",
        "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        "digital_government.json",
        include_str!("questions/digital_government.json"),
    ),
];

#[derive(Debug, Deserialize)]
struct DemoQuestion {
    text: String,
    options: Vec<String>,
    correct: usize,
    explanation: Option<String>,
    source: Option<String>,
    difficulty: i16,
}

pub struct Bank {
    pub topics: usize,
    pub question_ids: Vec<i32>,
}

pub async fn insert_all(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Bank, DemoError> {
    let mut question_ids = Vec::new();
    for (order, (code, name, file, json)) in TOPICS.iter().enumerate() {
        let items: Vec<DemoQuestion> =
            serde_json::from_str(json).map_err(|e| DemoError::Data { file, reason: e.to_string() })?;
        let topic = topic::ActiveModel {
            code: Set((*code).to_owned()),
            name: Set((*name).to_owned()),
            sort_order: Set(order as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (n, item) in items.into_iter().enumerate() {
            if item.correct >= item.options.len() || item.options.len() < 2 {
                return Err(DemoError::Data {
                    file,
                    reason: format!("câu {} có đáp án không hợp lệ", n + 1),
                });
            }
            let saved = question::ActiveModel {
                topic_id: Set(topic.id),
                normalized_text: Set(fold(&item.text)),
                text: Set(item.text),
                explanation: Set(item.explanation),
                legal_source: Set(item.source),
                difficulty: Set(item.difficulty.clamp(1, 3)),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            let options =
                item.options.into_iter().enumerate().map(|(position, text)| question_option::ActiveModel {
                    question_id: Set(saved.id),
                    position: Set(position as i16),
                    is_correct: Set(position == item.correct),
                    text: Set(text),
                    ..Default::default()
                });
            question_option::Entity::insert_many(options).exec(db).await?;
            question_ids.push(saved.id);
        }
    }
    Ok(Bank { topics: TOPICS.len(), question_ids })
}
