//! Contests, their contestant categories, their rounds and each round's question pool.
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
                    .table("contest")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("slug", 128))
                    .col(string_len("title", 512))
                    .col(string_len("organizer_name", 255))
                    .col(text("rules"))
                    .col(boolean("id_number_required").default(false))
                    .col(boolean("published").default(false))
                    .col(integer_null("root_unit_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("contest", "root_unit_id", "unit", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("category")
                    .col(pk_auto("id"))
                    .col(integer("contest_id"))
                    // Stable code used by API clients, e.g. civil_servant, citizen.
                    .col(string_len("code", 64))
                    .col(string_len("name", 255))
                    .col(integer("sort_order").default(0))
                    .foreign_key(&mut fk("category", "contest_id", "contest", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("category", &["contest_id", "code"], true)).await?;
        manager
            .create_table(
                Table::create()
                    .table("round")
                    .col(pk_auto("id"))
                    .col(integer("contest_id"))
                    .col(integer("number"))
                    .col(string_len("title", 255))
                    // Stored in UTC; shown in Asia/Ho_Chi_Minh.
                    .col(timestamp_with_time_zone("opens_at"))
                    .col(timestamp_with_time_zone("closes_at"))
                    .col(integer("questions_per_attempt"))
                    .col(integer("time_limit_seconds"))
                    .col(integer("attempts_allowed"))
                    // best | first | last
                    .col(string_len("counted_attempt", 16))
                    // none | full_marks | participants
                    .col(string_len("prediction_kind", 16))
                    .col(text_null("prediction_prompt"))
                    // never | after_submit | after_close
                    .col(string_len("review_policy", 16))
                    .foreign_key(&mut fk("round", "contest_id", "contest", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("round", &["contest_id", "number"], true)).await?;
        manager
            .create_table(
                Table::create()
                    .table("round_question")
                    .col(integer("round_id"))
                    .col(integer("question_id"))
                    .primary_key(Index::create().col("round_id").col("question_id"))
                    .foreign_key(&mut fk("round_question", "round_id", "round", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk(
                        "round_question",
                        "question_id",
                        "question",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("round_question", &["question_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["round_question", "round", "category", "contest"]).await
    }
}
