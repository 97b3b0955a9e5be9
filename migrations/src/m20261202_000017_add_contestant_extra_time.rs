//! Extra time (WCAG 2.2.1 "Timing adjustable"): an organizer may give one
//! contestant a longer time limit, as a percentage of each round's limit,
//! with a reason. `contestant_extra_time` holds the grant in force (at most
//! one per contestant; removing it deletes the row, the audit log keeps the
//! history). `attempt.extra_time_percent` is what the attempt was started
//! with: its deadline was set from it, and ranking by duration reads it, so a
//! grant changed later never moves an attempt already taken.
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
                    .table("contestant_extra_time")
                    // One grant per contestant: the key is the contestant.
                    .col(integer("contestant_id").primary_key())
                    // Added to the round's time limit, in percent (10–100).
                    .col(integer("percent"))
                    .col(text("reason"))
                    // The organizer who granted it; kept empty if their account is deleted.
                    .col(integer_null("granted_by"))
                    .col(timestamp_with_time_zone("granted_at"))
                    .foreign_key(&mut fk(
                        "contestant_extra_time",
                        "contestant_id",
                        "contestant",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "contestant_extra_time",
                        "granted_by",
                        "staff_account",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // Every attempt taken so far had no extra time.
        let column = integer("extra_time_percent").default(0).to_owned();
        manager.alter_table(Table::alter().table("attempt").add_column(column).to_owned()).await?;
        // The review asks for a round's largest percentage on every result
        // page: an index answers that without reading the round's attempts.
        manager.create_index(index("attempt", &["round_id", "extra_time_percent"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite drops no column an index still names.
        manager
            .drop_index(
                Index::drop().name("idx_attempt_round_id_extra_time_percent").table("attempt").to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("attempt").drop_column("extra_time_percent").to_owned())
            .await?;
        drop_tables(manager, &["contestant_extra_time"]).await
    }
}
