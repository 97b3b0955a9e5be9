//! The schema migrates up, down and up again on every backend.
mod common;

use migration::{Migrator, MigratorTrait, SchemaManager};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use server::db::{migrate_with, Step};
use std::collections::BTreeSet;

/// The tables in the database, as the backend itself lists them (sea-orm's
/// own bookkeeping table left out).
async fn tables_in(db: &DatabaseConnection) -> BTreeSet<String> {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => {
            "SELECT name AS name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        _ => "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()",
    };
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("listing tables: {e}"));
    rows.iter()
        .map(|row| row.try_get::<String>("", "name").unwrap_or_else(|e| panic!("a table's name: {e}")))
        .filter(|name| name != "seaql_migrations")
        .collect()
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    for t in common::empty_databases("migrations").await {
        let manager = SchemaManager::new(&t.db);
        migrate_with(&t.db, Step::Up(None)).await.unwrap_or_else(|e| panic!("{}: up: {e}", t.backend));
        // Every entity's table, and no table without an entity: the list comes
        // from app::entities itself, the tables from the backend's catalogue.
        let entities: BTreeSet<String> = app::entities::tables().into_iter().map(str::to_owned).collect();
        assert_eq!(entities.len(), 28, "entity modules");
        assert_eq!(tables_in(&t.db).await, entities, "{}: tables after up", t.backend);
        // Columns added to existing tables: each goes with its own migration's down.
        for (table, column) in [
            ("round", "ranking_generation"),
            ("attempt", "extra_time_percent"),
            ("question_option", "feedback"),
        ] {
            assert!(
                manager.has_column(table, column).await.unwrap(),
                "{}: {table}.{column} missing",
                t.backend
            );
        }
        migrate_with(&t.db, Step::Down(Some(1)))
            .await
            .unwrap_or_else(|e| panic!("{}: down one: {e}", t.backend));
        migrate_with(&t.db, Step::Up(None))
            .await
            .unwrap_or_else(|e| panic!("{}: up after one down: {e}", t.backend));
        migrate_with(&t.db, Step::Down(None)).await.unwrap_or_else(|e| panic!("{}: down: {e}", t.backend));
        assert_eq!(tables_in(&t.db).await, BTreeSet::new(), "{}: tables left after down", t.backend);
        migrate_with(&t.db, Step::Up(None)).await.unwrap_or_else(|e| panic!("{}: up again: {e}", t.backend));
        assert_eq!(Migrator::get_pending_migrations(&t.db).await.unwrap().len(), 0);
        t.finish().await;
    }
}
