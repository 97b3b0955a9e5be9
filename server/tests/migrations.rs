//! The schema migrates up, down and up again on every backend.
mod common;

use migration::{Migrator, MigratorTrait, SchemaManager};

const TABLES: [&str; 15] = [
    "unit",
    "topic",
    "question",
    "question_option",
    "contest",
    "category",
    "round",
    "round_question",
    "contestant",
    "attempt",
    "staff_account",
    "attempt_question",
    "round_topic_quota",
    "session",
    "exclusion",
];

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    for t in common::empty_databases("migrations").await {
        let manager = SchemaManager::new(&t.db);
        Migrator::up(&t.db, None).await.unwrap_or_else(|e| panic!("{}: up: {e}", t.backend));
        for table in TABLES {
            assert!(manager.has_table(table).await.unwrap(), "{}: {table} missing after up", t.backend);
        }
        // Columns added to existing tables: each goes with its own migration's down.
        for (table, column) in [("round", "ranking_generation")] {
            assert!(
                manager.has_column(table, column).await.unwrap(),
                "{}: {table}.{column} missing",
                t.backend
            );
        }
        Migrator::down(&t.db, Some(1)).await.unwrap_or_else(|e| panic!("{}: down one: {e}", t.backend));
        Migrator::up(&t.db, None).await.unwrap_or_else(|e| panic!("{}: up after one down: {e}", t.backend));
        Migrator::down(&t.db, None).await.unwrap_or_else(|e| panic!("{}: down: {e}", t.backend));
        for table in TABLES {
            assert!(!manager.has_table(table).await.unwrap(), "{}: {table} left after down", t.backend);
        }
        Migrator::up(&t.db, None).await.unwrap_or_else(|e| panic!("{}: up again: {e}", t.backend));
        assert_eq!(Migrator::get_pending_migrations(&t.db).await.unwrap().len(), 0);
        t.finish().await;
    }
}
