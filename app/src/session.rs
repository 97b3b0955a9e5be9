//! Sign-in sessions: tower-sessions with its records kept in the `session`
//! table, so app servers stay stateless and several can share one PostgreSQL.
use crate::entities::session;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error as StoreError, Result as StoreResult};
use tower_sessions::{Session, SessionStore};

/// The session key under which a signed-in contestant's id is kept.
pub(crate) const CONTESTANT_KEY: &str = "contestant_id";

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Deletes expired sessions; run periodically.
    pub async fn delete_expired(&self, now: DateTime<Utc>) -> Result<u64, sea_orm::DbErr> {
        let done =
            session::Entity::delete_many().filter(session::Column::ExpiresAt.lt(now)).exec(&self.db).await?;
        Ok(done.rows_affected)
    }
}

fn backend(err: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(err.to_string())
}

/// The row that stores `record`.
fn row_of(record: &Record) -> StoreResult<session::ActiveModel> {
    Ok(session::ActiveModel {
        id: Set(record.id.to_string()),
        data: Set(serde_json::to_string(record).map_err(|e| StoreError::Encode(e.to_string()))?),
        expires_at: Set(DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0).unwrap_or_default()),
    })
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    /// Inserts a new session; an id that already exists (astronomically
    /// unlikely with 128 random bits) gets a fresh one instead of overwriting.
    async fn create(&self, record: &mut Record) -> StoreResult<()> {
        for _ in 0..4 {
            match session::Entity::insert(row_of(record)?).exec(&self.db).await {
                Ok(_) => return Ok(()),
                Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
                    record.id = Id::default();
                }
                Err(e) => return Err(backend(e)),
            }
        }
        Err(StoreError::Backend("could not find a free session id".into()))
    }

    async fn save(&self, record: &Record) -> StoreResult<()> {
        session::Entity::insert(row_of(record)?)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .update_columns([session::Column::Data, session::Column::ExpiresAt])
                    .to_owned(),
            )
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> StoreResult<Option<Record>> {
        let row = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        match row {
            Some(row) => {
                serde_json::from_str(&row.data).map(Some).map_err(|e| StoreError::Decode(e.to_string()))
            }
            None => Ok(None),
        }
    }

    async fn delete(&self, id: &Id) -> StoreResult<()> {
        session::Entity::delete_by_id(id.to_string()).exec(&self.db).await.map_err(backend)?;
        Ok(())
    }
}

/// The current request's session (the session layer must be installed).
pub async fn current() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "session layer missing");
        AppError::Internal
    })
}

/// The signed-in contestant's id, or `Unauthenticated`.
pub async fn require_contestant() -> Result<i32, AppError> {
    let session = current().await?;
    match session.get::<i32>(CONTESTANT_KEY).await {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err(AppError::Unauthenticated),
        // The sessions are in the database: away → 503, retried by the quiz.
        Err(e) => Err(crate::error::fail(crate::error::session_failed(e))),
    }
}

/// Signs `contestant_id` in: a new session id (no fixation), then the id.
pub async fn sign_in_contestant(contestant_id: i32) -> Result<(), AppError> {
    let session = current().await?;
    let stored = async {
        session.cycle_id().await?;
        session.insert(CONTESTANT_KEY, contestant_id).await
    };
    stored.await.map_err(crate::error::session_failed)
}

/// Ends the session, whoever is signed in.
pub async fn sign_out() -> Result<(), AppError> {
    current().await?.flush().await.map_err(crate::error::session_failed)
}
