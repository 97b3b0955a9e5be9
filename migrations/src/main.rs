//! The sea-orm-migration CLI for this schema: `DATABASE_URL=... cargo run -p migration --features cli -- status`.
use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migration::Migrator).await;
}
