//! Prizes: each round's and the whole contest's prize structure, the
//! disqualifications an organizer makes (with the reason kept), the prize
//! lists with their draft → approved → published state, the awards of an
//! approved list, the corrections made after publishing (shown to the public),
//! collective prizes for units, each round's recorded true figure, and the
//! contest's formulas for collective prizes and the reform-index rubric.
//! Also the chart figures of the public statistics (attempts per day, scores
//! by band), refreshed with the per-unit table.
use crate::{drop_tables, fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [big_integer_null("truth"), timestamp_with_time_zone_null("truth_at")] {
            manager.alter_table(Table::alter().table("round").add_column(column).to_owned()).await?;
        }
        for column in [
            boolean("one_prize_per_person").default(true).to_owned(),
            text_null("collective_rule"),
            text_null("reform_rubric"),
        ] {
            manager.alter_table(Table::alter().table("contest").add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("prize_tier")
                    .col(pk_auto("id"))
                    .col(integer("contest_id"))
                    // 0: the prizes of the whole contest (all rounds together).
                    .col(integer("round_id"))
                    // "" for every category together.
                    .col(string_len("category", 32).default(""))
                    // 1 for the highest prize.
                    .col(integer("position"))
                    .col(string_len("name", 100))
                    .col(integer("quantity"))
                    // What each such prize adds to its unit's collective score.
                    .col(double("unit_points").default(0.0))
                    .foreign_key(&mut fk("prize_tier", "contest_id", "contest", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("prize_tier", &["contest_id", "round_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("disqualification")
                    .col(pk_auto("id"))
                    .col(integer("contest_id"))
                    .col(integer("contestant_id"))
                    .col(text("reason"))
                    .col(string_len("actor", 255))
                    .col(timestamp_with_time_zone("at"))
                    .foreign_key(&mut fk(
                        "disqualification",
                        "contest_id",
                        "contest",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "disqualification",
                        "contestant_id",
                        "contestant",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("disqualification", &["contest_id", "contestant_id"], true)).await?;
        manager
            .create_table(
                Table::create()
                    .table("prize_list")
                    .col(pk_auto("id"))
                    .col(integer("contest_id"))
                    // 0: the whole contest (individual prizes over all rounds, and collective prizes).
                    .col(integer("round_id"))
                    // draft | approved | published
                    .col(string_len("status", 16))
                    .col(big_integer_null("truth"))
                    .col(string_len_null("approved_by", 255))
                    .col(timestamp_with_time_zone_null("approved_at"))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .foreign_key(&mut fk("prize_list", "contest_id", "contest", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("prize_list", &["contest_id", "round_id"], true)).await?;
        manager
            .create_table(
                Table::create()
                    .table("award")
                    .col(pk_auto("id"))
                    .col(integer("prize_list_id"))
                    .col(integer("position"))
                    .col(string_len("prize_name", 100))
                    .col(string_len("category", 32))
                    .col(integer("rank"))
                    .col(integer("contestant_id"))
                    // Snapshots: what was published stays as published.
                    .col(string_len("full_name", 255))
                    .col(integer("unit_id"))
                    .col(integer("score"))
                    .col(integer("duration_ms"))
                    .col(double("unit_points"))
                    .foreign_key(&mut fk("award", "prize_list_id", "prize_list", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("award", &["prize_list_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("unit_award")
                    .col(pk_auto("id"))
                    .col(integer("prize_list_id"))
                    .col(integer("position"))
                    .col(string_len("prize_name", 100))
                    .col(integer("rank"))
                    .col(integer("unit_id"))
                    .col(string_len("unit_name", 255))
                    .col(double("participation_pct"))
                    .col(double("points"))
                    .foreign_key(&mut fk(
                        "unit_award",
                        "prize_list_id",
                        "prize_list",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("unit_award", &["prize_list_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("award_correction")
                    .col(pk_auto("id"))
                    .col(integer("prize_list_id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(string_len("actor", 255))
                    .col(text("reason"))
                    .col(text("summary"))
                    .foreign_key(&mut fk(
                        "award_correction",
                        "prize_list_id",
                        "prize_list",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("award_correction", &["prize_list_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("chart_stat")
                    .col(integer("contest_id"))
                    // 0: the whole contest.
                    .col(integer("round_id"))
                    // day (bucket = yyyymmdd, local) | score (bucket = lower bound of a 10-point band)
                    .col(string_len("kind", 16))
                    .col(integer("bucket"))
                    .col(big_integer("attempts"))
                    .col(big_integer("contestants"))
                    .primary_key(Index::create().col("contest_id").col("round_id").col("kind").col("bucket"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "chart_stat",
                "award_correction",
                "unit_award",
                "award",
                "prize_list",
                "disqualification",
                "prize_tier",
            ],
        )
        .await?;
        for column in ["reform_rubric", "collective_rule", "one_prize_per_person"] {
            manager.alter_table(Table::alter().table("contest").drop_column(column).to_owned()).await?;
        }
        for column in ["truth_at", "truth"] {
            manager.alter_table(Table::alter().table("round").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
