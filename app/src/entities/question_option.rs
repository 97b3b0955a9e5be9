//! An option (phương án) of a question. `is_correct` is the answer key
//! (đáp án): it must never reach a contestant before grading.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question_option")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub question_id: i32,
    pub position: i16,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub is_correct: bool,
    /// The option's own feedback (GIFT `#…`, Moodle XML `<answer><feedback>`), kept so the
    /// bank exports back as it came; like the key, only for organizers.
    #[sea_orm(column_type = "Text", nullable)]
    pub feedback: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
