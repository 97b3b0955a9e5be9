//! A topic chosen for a round's pool ("Theo chủ đề"): every active question of
//! the topic, at the moment an attempt is drawn, is in the round's pool.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_pool_topic")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub topic_id: i32,
}

impl ActiveModelBehavior for ActiveModel {}
