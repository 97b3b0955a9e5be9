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

/// Where a session's start (its sign-in: every sign-in gets a fresh session
/// through `cycle_id`) is kept, in Unix seconds, inside the session's data.
const STARTED_KEY: &str = "session_started_at";
/// A session's expiry in the table is moved on at most this often, so that a
/// contestant answering a question a second does not write the session row
/// each time; the idle limit is therefore exact to within this.
const TOUCH_EVERY: chrono::Duration = chrono::Duration::minutes(5);

/// How long a session lives: until `idle` has passed since its last use
/// (rolling), and in any case no longer than `absolute` after sign-in.
/// Staff (dashboard) sessions have their own, shorter idle limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLifetime {
    pub idle: chrono::Duration,
    pub staff_idle: chrono::Duration,
    pub absolute: chrono::Duration,
}

impl Default for SessionLifetime {
    fn default() -> Self {
        Self {
            idle: chrono::Duration::days(7),
            staff_idle: chrono::Duration::hours(12),
            absolute: chrono::Duration::days(30),
        }
    }
}

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    lifetime: SessionLifetime,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db, lifetime: SessionLifetime::default() }
    }

    pub fn with_lifetime(mut self, lifetime: SessionLifetime) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// Deletes expired sessions; run periodically.
    pub async fn delete_expired(&self, now: DateTime<Utc>) -> Result<u64, sea_orm::DbErr> {
        let done =
            session::Entity::delete_many().filter(session::Column::ExpiresAt.lt(now)).exec(&self.db).await?;
        Ok(done.rows_affected)
    }

    /// When `record`, used at `now`, expires: its idle limit from now, capped
    /// by the absolute limit from its start.
    fn expiry(&self, record: &Record, now: DateTime<Utc>) -> DateTime<Utc> {
        let idle = if record.data.contains_key(crate::staff::guard::STAFF_KEY) {
            self.lifetime.staff_idle
        } else {
            self.lifetime.idle
        };
        (now + idle).min(started(record, now) + self.lifetime.absolute)
    }

    /// [`SessionStore::create`] as of `now`: the session starts now.
    pub async fn create_at(&self, record: &mut Record, now: DateTime<Utc>) -> StoreResult<()> {
        record.data.insert(STARTED_KEY.to_owned(), serde_json::Value::from(now.timestamp()));
        for _ in 0..4 {
            match session::Entity::insert(self.row_of(record, now)?).exec(&self.db).await {
                Ok(_) => return Ok(()),
                Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
                    record.id = Id::default();
                }
                Err(e) => return Err(backend(e)),
            }
        }
        Err(StoreError::Backend("could not find a free session id".into()))
    }

    /// [`SessionStore::save`] as of `now`.
    pub async fn save_at(&self, record: &Record, now: DateTime<Utc>) -> StoreResult<()> {
        session::Entity::insert(self.row_of(record, now)?)
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

    /// [`SessionStore::load`] as of `now`. Using a session moves its expiry
    /// on (at most every [`TOUCH_EVERY`]), never past the absolute limit.
    pub async fn load_at(&self, id: &Id, now: DateTime<Utc>) -> StoreResult<Option<Record>> {
        let row = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let record: Record =
            serde_json::from_str(&row.data).map_err(|e| StoreError::Decode(e.to_string()))?;
        let expires_at = self.expiry(&record, now);
        if expires_at <= now {
            return Ok(None);
        }
        if expires_at - row.expires_at >= TOUCH_EVERY {
            session::Entity::update_many()
                .col_expr(session::Column::ExpiresAt, sea_orm::sea_query::Expr::value(expires_at))
                .filter(session::Column::Id.eq(row.id))
                .exec(&self.db)
                .await
                .map_err(backend)?;
        }
        Ok(Some(record))
    }

    /// The row that stores `record` as of `now`.
    fn row_of(&self, record: &Record, now: DateTime<Utc>) -> StoreResult<session::ActiveModel> {
        Ok(session::ActiveModel {
            id: Set(record.id.to_string()),
            data: Set(serde_json::to_string(record).map_err(|e| StoreError::Encode(e.to_string()))?),
            expires_at: Set(self.expiry(record, now)),
        })
    }
}

/// When the session started; a session stored before starts were kept counts from now.
fn started(record: &Record, now: DateTime<Utc>) -> DateTime<Utc> {
    record
        .data
        .get(STARTED_KEY)
        .and_then(serde_json::Value::as_i64)
        .and_then(|t| DateTime::from_timestamp(t, 0))
        .unwrap_or(now)
}

fn backend(err: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(err.to_string())
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    /// Inserts a new session; an id that already exists (astronomically
    /// unlikely with 128 random bits) gets a fresh one instead of overwriting.
    async fn create(&self, record: &mut Record) -> StoreResult<()> {
        self.create_at(record, Utc::now()).await
    }

    async fn save(&self, record: &Record) -> StoreResult<()> {
        self.save_at(record, Utc::now()).await
    }

    async fn load(&self, id: &Id) -> StoreResult<Option<Record>> {
        self.load_at(id, Utc::now()).await
    }

    async fn delete(&self, id: &Id) -> StoreResult<()> {
        session::Entity::delete_by_id(id.to_string()).exec(&self.db).await.map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of `contestant_id` (on every server: they live in the
/// table), e.g. when the account is locked. Returns how many ended.
pub async fn end_contestant_sessions(
    db: &impl sea_orm::ConnectionTrait,
    contestant_id: i32,
) -> Result<u64, sea_orm::DbErr> {
    // The data is our own compact JSON; the LIKE narrows, the parse decides.
    let candidates = session::Entity::find()
        .filter(session::Column::Data.contains(format!("\"{CONTESTANT_KEY}\":{contestant_id}")))
        .all(db)
        .await?;
    let ids: Vec<String> = candidates
        .into_iter()
        .filter(|row| {
            serde_json::from_str::<Record>(&row.data).is_ok_and(|r| {
                r.data.get(CONTESTANT_KEY).and_then(serde_json::Value::as_i64)
                    == Some(i64::from(contestant_id))
            })
        })
        .map(|row| row.id)
        .collect();
    if ids.is_empty() {
        return Ok(0);
    }
    let done = session::Entity::delete_many().filter(session::Column::Id.is_in(ids)).exec(db).await?;
    Ok(done.rows_affected)
}

/// The current request's session (the session layer must be installed).
pub async fn current() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| crate::error::AppError::internal_because("session layer missing", e))
}

/// The signed-in contestant's id, or `Unauthenticated`.
pub async fn require_contestant() -> Result<i32, AppError> {
    let session = current().await?;
    match session.get::<i32>(CONTESTANT_KEY).await {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err(AppError::Unauthenticated),
        // The sessions are in the database: away → 503, retried by the quiz.
        Err(e) => Err(crate::error::session_failed(e)),
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
