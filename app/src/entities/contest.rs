//! A contest (cuộc thi).
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contest")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub organizer_name: String,
    #[sea_orm(column_type = "Text")]
    pub rules: String,
    pub id_number_required: bool,
    pub published: bool,
    pub root_unit_id: Option<i32>,
    pub created_at: DateTimeUtc,
    /// One person wins at most one individual prize in the contest (the highest).
    pub one_prize_per_person: bool,
    /// JSON of `prizes::CollectiveRule`; None = the default rule.
    #[sea_orm(column_type = "Text", nullable)]
    pub collective_rule: Option<String>,
    /// JSON of `reports::Rubric`; None = the default rubric.
    #[sea_orm(column_type = "Text", nullable)]
    pub reform_rubric: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
