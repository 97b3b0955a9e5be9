//! Dashboard accounts: admins, organizers and unit contacts.
use crate::{drop_tables, fk};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("staff_account")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("email", 255))
                    .col(string_len("full_name", 255))
                    // admin | organizer | unit_contact
                    .col(string_len("role", 16))
                    // The unit a unit contact may see (with the units under it).
                    .col(integer_null("unit_id"))
                    .col(string_len("password_hash", 255))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("staff_account", "unit_id", "unit", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["staff_account"]).await
    }
}
