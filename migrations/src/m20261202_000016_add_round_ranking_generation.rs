//! `round.ranking_generation`: a counter bumped, in the same transaction, by
//! every organizer's change that moves a round's ranking other than a newly
//! graded attempt (a disqualification or its reversal, a lock or unlock, the
//! exclusion list, the round's own rules, the recorded true figure). Each
//! server's ranking cache remembers the generation it ranked at and ranks
//! again when the stored one differs, so a cheater disqualified on one server
//! leaves the leaderboards of every server at their next request.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = big_integer("ranking_generation").default(0).to_owned();
        manager.alter_table(Table::alter().table("round").add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("round").drop_column("ranking_generation").to_owned()).await
    }
}
