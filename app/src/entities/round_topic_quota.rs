//! How many questions of a topic each attempt of a round draws.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_topic_quota")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub topic_id: i32,
    pub question_count: i32,
}

impl ActiveModelBehavior for ActiveModel {}
