//! The question bank: topics, questions and their options (A–F).
use crate::{drop_tables, fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("topic")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("code", 64))
                    .col(string_len("name", 255))
                    .col(integer("sort_order").default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("question")
                    .col(pk_auto("id"))
                    .col(integer("topic_id"))
                    .col(text("text"))
                    // Lower-case, diacritics stripped, spaces collapsed: for search and duplicate checks.
                    .col(text("normalized_text"))
                    .col(text_null("explanation"))
                    .col(string_len_null("legal_source", 255))
                    // 1 easy, 2 medium, 3 hard
                    .col(small_integer("difficulty").default(1))
                    .col(boolean("active").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("question", "topic_id", "topic", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("question", &["topic_id"], false)).await?;
        manager.create_index(index("question", &["normalized_text"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("question_option")
                    .col(pk_auto("id"))
                    .col(integer("question_id"))
                    // 0-based position as written in the bank (A = 0).
                    .col(small_integer("position"))
                    .col(text("text"))
                    .col(boolean("is_correct").default(false))
                    .foreign_key(&mut fk(
                        "question_option",
                        "question_id",
                        "question",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("question_option", &["question_id", "position"], true)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["question_option", "question", "topic"]).await
    }
}
