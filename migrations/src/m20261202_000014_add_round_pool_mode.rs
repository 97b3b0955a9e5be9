//! A round's pool as the organizer chose it: `round.pool_mode` (all | topics |
//! manual) and, for a pool by topic, the chosen topics in `round_pool_topic`.
//! The pool is resolved when an attempt is drawn, so a question added to a
//! chosen topic later joins the round; `round_question` keeps only the
//! questions picked one by one.
use crate::{drop_tables, fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Existing rounds hold their pool as a list of questions: "Chọn từng câu".
        let column = string_len("pool_mode", 16).default("manual").to_owned();
        manager.alter_table(Table::alter().table("round").add_column(column).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("round_pool_topic")
                    .col(integer("round_id"))
                    .col(integer("topic_id"))
                    .primary_key(Index::create().col("round_id").col("topic_id"))
                    .foreign_key(&mut fk("round_pool_topic", "round_id", "round", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("round_pool_topic", "topic_id", "topic", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("round_pool_topic", &["topic_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["round_pool_topic"]).await?;
        manager.alter_table(Table::alter().table("round").drop_column("pool_mode").to_owned()).await
    }
}
