//! The two yardsticks the answer-save benchmark is read against (issue #15):
//!
//! - `--mode naive`: an axum server doing what a first draft would, one upsert
//!   per `POST /api/attempts/answer` and one commit each, with none of the
//!   product's checks (session, deadline, ownership, snapshot). SQLite gets the
//!   product's own pool settings (WAL, synchronous=NORMAL, 8 connections).
//! - `--mode ceiling`: the same route answering the same JSON with no database
//!   at all: what HTTP and JSON cost on this machine.
//!
//! Absolute figures move with the machine and its load; the ratios of the real
//! server to these two, measured in the same run, are what the docs quote.
//! `loadgen/run.sh` starts both next to the real server.
use axum::{extract::State, http::StatusCode, routing::post, Json, Router};
use clap::{Parser, ValueEnum};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use serde::Deserialize;
use serde_json::{json, Value};
use std::time::Duration;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Mode {
    Naive,
    Ceiling,
}

#[derive(Parser, Debug)]
#[command(about = "Naive and no-database answer-save servers to compare the real one against")]
struct Args {
    #[arg(long, value_enum)]
    mode: Mode,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:3201")]
    addr: String,
    /// The naive server's database (a fresh one: it creates its own table).
    #[arg(long, default_value = "sqlite::memory:")]
    database_url: String,
}

/// The product's answer body, as the load generator sends it.
#[derive(Deserialize)]
struct Answer {
    attempt_id: i64,
    question_id: i64,
    option_id: i64,
}

type Failure = Box<dyn std::error::Error>;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let args = Args::parse();
    let app = match args.mode {
        Mode::Ceiling => Router::new().route("/api/attempts/answer", post(ceiling)),
        Mode::Naive => {
            let db = connect(&args.database_url).await?;
            db.execute_unprepared(
                "CREATE TABLE IF NOT EXISTS naive_answer (attempt_id BIGINT NOT NULL, \
                 question_id BIGINT NOT NULL, option_id BIGINT NOT NULL, \
                 PRIMARY KEY (attempt_id, question_id))",
            )
            .await?;
            Router::new().route("/api/attempts/answer", post(naive)).with_state(db)
        }
    };
    let listener = tokio::net::TcpListener::bind(&args.addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// The same pool settings as server/src/db.rs, so that the comparison is about
/// the save path and not about the connection settings.
async fn connect(url: &str) -> Result<DatabaseConnection, Failure> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).acquire_timeout(Duration::from_millis(1500)).map_sqlx_sqlite_opts(|o| {
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
    });
    options.max_connections(if url.starts_with("sqlite:") { 8 } else { 32 });
    Ok(Database::connect(options).await?)
}

async fn ceiling(Json(answer): Json<Answer>) -> Json<Value> {
    Json(json!({"saved": true, "question_id": answer.question_id, "option_id": answer.option_id}))
}

async fn naive(
    State(db): State<DatabaseConnection>,
    Json(answer): Json<Answer>,
) -> Result<Json<Value>, (StatusCode, String)> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO naive_answer (attempt_id, question_id, option_id) VALUES ($1, $2, $3) \
             ON CONFLICT (attempt_id, question_id) DO UPDATE SET option_id = excluded.option_id"
        }
        _ => {
            "INSERT INTO naive_answer (attempt_id, question_id, option_id) VALUES (?, ?, ?) \
             ON CONFLICT (attempt_id, question_id) DO UPDATE SET option_id = excluded.option_id"
        }
    };
    let statement = Statement::from_sql_and_values(
        backend,
        sql,
        [answer.attempt_id.into(), answer.question_id.into(), answer.option_id.into()],
    );
    db.execute_raw(statement).await.map_err(|e| (StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
    Ok(Json(json!({"saved": true, "question_id": answer.question_id, "option_id": answer.option_id})))
}
