//! What each attempt drew: the questions in order with a snapshot of their text
//! and shuffled options, the answer key, and the contestant's saved answer.
//! A snapshot, so that editing the bank later never changes an attempt.
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
                    .table("attempt_question")
                    .col(integer("attempt_id"))
                    .col(integer("question_id"))
                    // 0-based place of the question in this attempt.
                    .col(integer("position"))
                    .col(text("question_text"))
                    // JSON [{"id": option_id, "text": "..."}] in the order shown.
                    .col(text("options"))
                    // The answer key; never sent to the contestant before grading.
                    .col(integer("correct_option_id"))
                    .col(integer_null("chosen_option_id"))
                    .col(timestamp_with_time_zone_null("answered_at"))
                    .primary_key(Index::create().col("attempt_id").col("question_id"))
                    .foreign_key(&mut fk(
                        "attempt_question",
                        "attempt_id",
                        "attempt",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("attempt_question", &["question_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("round_topic_quota")
                    .col(integer("round_id"))
                    .col(integer("topic_id"))
                    .col(integer("question_count"))
                    .primary_key(Index::create().col("round_id").col("topic_id"))
                    .foreign_key(&mut fk("round_topic_quota", "round_id", "round", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("round_topic_quota", "topic_id", "topic", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("session")
                    .col(string_len("id", 64).primary_key())
                    .col(text("data"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("session", &["expires_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["session", "round_topic_quota", "attempt_question"]).await
    }
}
