//! The organizers' dashboard: account state for revoking sessions, the audit
//! log, and contestant locks.
use crate::{drop_tables, fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter().table("staff_account").add_column(boolean("active").default(true)).to_owned(),
            )
            .await?;
        // Every session remembers the epoch it was made in; raising it signs the
        // account out everywhere, on every app server, without a shared cache.
        manager
            .alter_table(
                Table::alter()
                    .table("staff_account")
                    .add_column(integer("session_epoch").default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("contestant")
                    .add_column(timestamp_with_time_zone_null("locked_at"))
                    .to_owned(),
            )
            .await?;
        // Name (folded), phone and ID number in one lower-case ASCII string, so the
        // dashboard's search ignores diacritics in SQL. Filled by the app.
        manager
            .alter_table(
                Table::alter().table("contestant").add_column(text("search_key").default("")).to_owned(),
            )
            .await?;
        // The address a contestant registered from, for the duplicate-account report.
        manager
            .alter_table(
                Table::alter()
                    .table("contestant")
                    .add_column(string_len_null("registered_from", 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(integer_null("staff_account_id"))
                    // The account's e-mail when the change was made: kept even if the account goes.
                    .col(string_len("actor", 255))
                    // e.g. question.update, import.save, round.update, contestant.lock
                    .col(string_len("action", 64))
                    .col(string_len("entity", 32))
                    .col(string_len_null("entity_id", 64))
                    .col(text_null("summary"))
                    // JSON snapshots of the changed fields.
                    .col(text_null("before"))
                    .col(text_null("after"))
                    .col(text_null("reason"))
                    .foreign_key(&mut fk(
                        "audit_log",
                        "staff_account_id",
                        "staff_account",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("audit_log", &["at"], false)).await?;
        manager.create_index(index("audit_log", &["entity", "entity_id"], false)).await?;
        manager.create_index(index("contestant", &["registered_from"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["audit_log"]).await?;
        manager
            .drop_index(Index::drop().name("idx_contestant_registered_from").table("contestant").to_owned())
            .await?;
        for (table, column) in [
            ("contestant", "registered_from"),
            ("contestant", "search_key"),
            ("contestant", "locked_at"),
            ("staff_account", "session_epoch"),
            ("staff_account", "active"),
        ] {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
