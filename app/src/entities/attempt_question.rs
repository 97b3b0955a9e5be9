//! One drawn question of an attempt: snapshot, answer key and saved answer.
//! `correct_option_id` must never reach the contestant before grading.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attempt_question")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub attempt_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i32,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub question_text: String,
    /// JSON `[{"id": option_id, "text": "..."}]` in the order shown.
    #[sea_orm(column_type = "Text")]
    pub options: String,
    pub correct_option_id: i32,
    pub chosen_option_id: Option<i32>,
    pub answered_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
