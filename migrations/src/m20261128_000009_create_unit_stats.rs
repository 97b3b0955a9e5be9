//! Results: the per-unit statistics table the public pages read (refreshed
//! every minute while a round runs, so no request scans the attempts), and
//! each round's tie-break chain.
use crate::{drop_tables, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("round")
                    .add_column(string_len("tie_break", 64).default("score,prediction,duration,submitted"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("unit_stat")
                    .col(integer("contest_id"))
                    // 0: the whole contest, all rounds together.
                    .col(integer("round_id"))
                    .col(integer("unit_id"))
                    .col(big_integer("attempts"))
                    .col(big_integer("contestants"))
                    .col(big_integer("full_marks"))
                    .col(big_integer("score_sum"))
                    .col(timestamp_with_time_zone("refreshed_at"))
                    .primary_key(Index::create().col("contest_id").col("round_id").col("unit_id"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("unit_stat", &["unit_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["unit_stat"]).await?;
        manager.alter_table(Table::alter().table("round").drop_column("tie_break").to_owned()).await
    }
}
