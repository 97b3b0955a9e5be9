//! The unit tree (province → agency / district → commune / office) with each
//! unit's headcount, the basis of every participation rate.
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
                    .table("unit")
                    .col(pk_auto("id"))
                    .col(integer_null("parent_id"))
                    .col(string_len_uniq("code", 64))
                    .col(string_len("name", 255))
                    // province | agency | district | commune | office
                    .col(string_len("kind", 16))
                    .col(integer("headcount").default(0))
                    .col(integer("sort_order").default(0))
                    .col(string_len_null("contact_name", 255))
                    .col(string_len_null("contact_phone", 32))
                    // Restrict: a unit with children or members cannot vanish by accident.
                    .foreign_key(&mut fk("unit", "parent_id", "unit", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("unit", &["parent_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["unit"]).await
    }
}
