//! Password resets: single-use secrets that let a contestant set a new
//! password, either a link sent by e-mail (30 minutes) or a code issued from
//! the dashboard by an organizer or the unit contact (24 hours). Only a
//! SHA-256 of each secret is kept, so the table is useless to whoever reads it.
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
                    .table("password_reset")
                    .col(pk_auto("id"))
                    .col(integer("contestant_id"))
                    // `link` (e-mailed) or `code` (issued from the dashboard).
                    .col(string_len("kind", 8))
                    // Hex SHA-256 of the secret (a code's hash includes the contestant id).
                    .col(string_len_uniq("secret_hash", 64))
                    // Who issued a code; none for a link the contestant asked for.
                    .col(integer_null("issued_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    // Set when used or replaced by a newer secret: never usable again.
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk(
                        "password_reset",
                        "contestant_id",
                        "contestant",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "password_reset",
                        "issued_by",
                        "staff_account",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("password_reset", &["contestant_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["password_reset"]).await
    }
}
