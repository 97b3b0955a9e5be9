//! Contestants (registered once, platform-wide: one account per phone number)
//! and their attempts.
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
                    .table("contestant")
                    .col(pk_auto("id"))
                    .col(string_len("full_name", 255))
                    .col(date("birth_date"))
                    // Normalised to 0xxxxxxxxx: one account per phone number.
                    .col(string_len_uniq("phone", 16))
                    // CCCD, 12 digits; unique when given.
                    .col(string_len_null("id_number", 12))
                    .col(string_len_null("email", 255))
                    // The category's stable code, e.g. civil_servant or citizen.
                    .col(string_len("category", 64))
                    .col(integer("unit_id"))
                    .col(string_len("password_hash", 255))
                    // Set at the first attempt: prize-deciding fields lock then.
                    .col(timestamp_with_time_zone_null("profile_locked_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("contestant", "unit_id", "unit", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("contestant", &["id_number"], true)).await?;
        manager.create_index(index("contestant", &["unit_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("attempt")
                    .col(pk_auto("id"))
                    .col(integer("round_id"))
                    .col(integer("contestant_id"))
                    // 1-based sequence of this contestant's attempts in the round.
                    .col(integer("sequence"))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(timestamp_with_time_zone("deadline_at"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    // Written first by every answer save: the row lock orders saves and the submit.
                    .col(timestamp_with_time_zone_null("last_answer_at"))
                    .col(integer_null("correct_count"))
                    .col(integer("question_count"))
                    .col(integer_null("score"))
                    .col(integer_null("duration_ms"))
                    .col(big_integer_null("prediction"))
                    // False for people on the contest's exclusion list.
                    .col(boolean("eligible").default(true))
                    .foreign_key(&mut fk("attempt", "round_id", "round", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("attempt", "contestant_id", "contestant", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        // The unique sequence is what keeps two simultaneous "start" presses within the limit.
        manager.create_index(index("attempt", &["round_id", "contestant_id", "sequence"], true)).await?;
        manager.create_index(index("attempt", &["contestant_id"], false)).await?;
        manager.create_index(index("attempt", &["deadline_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["attempt", "contestant"]).await
    }
}
