//! `question_option.feedback`: an option's own feedback (phản hồi của phương án), as GIFT
//! (`~text#feedback`) and Moodle XML (`<answer><feedback>`) carry it, so an imported bank
//! exports back unchanged. Nullable: most options have none.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = text_null("feedback").to_owned();
        manager.alter_table(Table::alter().table("question_option").add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("question_option").drop_column("feedback").to_owned()).await
    }
}
