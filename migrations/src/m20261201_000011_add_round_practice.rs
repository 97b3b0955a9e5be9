//! `round.practice`: a practice round (đợt thi thử) shows the answer key right
//! after submit, and in exchange is never ranked and awards no prizes.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Every existing round is a real one.
        let column = boolean("practice").default(false).to_owned();
        manager.alter_table(Table::alter().table("round").add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("round").drop_column("practice").to_owned()).await
    }
}
