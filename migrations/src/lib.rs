//! The one schema of the platform, for SQLite and PostgreSQL alike.
//!
//! Migrations run at server start-up (`Migrator::up`). Each has a real `down`,
//! and the test suite runs them up → down → up on both backends.
pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_units;
mod m20261127_000002_create_question_bank;
mod m20261127_000003_create_contests;
mod m20261127_000004_create_contestants;
mod m20261127_000005_create_staff_accounts;
mod m20261127_000006_create_attempt_questions;
mod m20261127_000007_create_exclusions;
mod m20261128_000008_create_dashboard;
mod m20261128_000009_create_unit_stats;
mod m20261128_000010_create_prizes;
mod m20261201_000011_add_round_practice;
mod m20261201_000012_create_throttle;
mod m20261202_000013_create_password_reset;
mod m20261202_000014_add_round_pool_mode;
mod m20261202_000015_add_award_prediction;
mod m20261202_000016_add_round_ranking_generation;
mod m20261202_000017_add_contestant_extra_time;
mod m20261203_000018_add_question_option_feedback;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_units::Migration),
            Box::new(m20261127_000002_create_question_bank::Migration),
            Box::new(m20261127_000003_create_contests::Migration),
            Box::new(m20261127_000004_create_contestants::Migration),
            Box::new(m20261127_000005_create_staff_accounts::Migration),
            Box::new(m20261127_000006_create_attempt_questions::Migration),
            Box::new(m20261127_000007_create_exclusions::Migration),
            Box::new(m20261128_000008_create_dashboard::Migration),
            Box::new(m20261128_000009_create_unit_stats::Migration),
            Box::new(m20261128_000010_create_prizes::Migration),
            Box::new(m20261201_000011_add_round_practice::Migration),
            Box::new(m20261201_000012_create_throttle::Migration),
            Box::new(m20261202_000013_create_password_reset::Migration),
            Box::new(m20261202_000014_add_round_pool_mode::Migration),
            Box::new(m20261202_000015_add_award_prediction::Migration),
            Box::new(m20261202_000016_add_round_ranking_generation::Migration),
            Box::new(m20261202_000017_add_contestant_extra_time::Migration),
            Box::new(m20261203_000018_add_question_option_feedback::Migration),
        ]
    }
}

/// A named foreign key from `table.column` to `target.id`.
pub(crate) fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(on_delete)
        .to_owned()
}

/// A named (optionally unique) index over `columns` of `table`.
pub(crate) fn index(table: &'static str, columns: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("idx_{table}_{}", columns.join("_"))).table(table);
    for column in columns {
        stmt.col(*column);
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}

/// Drops `tables` in the order given (children before parents).
pub(crate) async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&'static str]) -> Result<(), DbErr> {
    for table in tables {
        manager.drop_table(Table::drop().table(*table).to_owned()).await?;
    }
    Ok(())
}
