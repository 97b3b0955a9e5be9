//! `award.prediction`: the prediction answer of the attempt that won the
//! prize, kept with the award like its score, so that a published list shows
//! why one 100 ranks above another ("Dự đoán: 1.234") and never changes
//! silently. Awards approved before this migration have none (NULL).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = big_integer_null("prediction").to_owned();
        manager.alter_table(Table::alter().table("award").add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("award").drop_column("prediction").to_owned()).await
    }
}
