//! A contest's exclusion list (danh sách không được dự thi): organizers, jury
//! and secretariat, by phone number or ID number. They may take part, but
//! their attempts are marked ineligible for prizes.
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
                    .table("exclusion")
                    .col(pk_auto("id"))
                    .col(integer("contest_id"))
                    // Normalised like contestant.phone (0xxxxxxxxx).
                    .col(string_len_null("phone", 16))
                    .col(string_len_null("id_number", 12))
                    .col(string_len("reason", 255))
                    .foreign_key(&mut fk("exclusion", "contest_id", "contest", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("exclusion", &["contest_id", "phone"], false)).await?;
        manager.create_index(index("exclusion", &["contest_id", "id_number"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["exclusion"]).await
    }
}
