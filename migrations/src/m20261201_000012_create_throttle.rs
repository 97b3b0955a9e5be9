//! Throttling counters shared by every app server (sign-in, registration,
//! profile changes): one row per key, a fixed window each. Kept in the
//! database so that N servers together allow what one would, not N times it.
use crate::{drop_tables, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("throttle")
                    // e.g. `login.pair:0912345678|203.0.113.7`; inputs are validated
                    // (phone, e-mail, IP address) before they become keys, so they are short.
                    .col(string_len("key", 400).primary_key())
                    .col(integer("hits"))
                    // Unix seconds: plain integers behave the same on both backends.
                    .col(big_integer("window_start"))
                    .col(big_integer("expires_at"))
                    .to_owned(),
            )
            .await?;
        // Housekeeping deletes expired rows by this column.
        manager.create_index(index("throttle", &["expires_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["throttle"]).await
    }
}
