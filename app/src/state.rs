//! What every server function may use, provided as context per request, so
//! that tests can hand in their own database instead of a global.
use crate::error::AppError;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// Seconds after an attempt's deadline during which answers in flight are
    /// still accepted (slow networks); after it the server closes the attempt.
    pub grace_seconds: i64,
    /// Which proxies' `X-Forwarded-For` hops to believe when finding the
    /// client's address (per-address throttling, duplicate-account report).
    pub trusted_proxies: crate::client_address::TrustedProxies,
    /// The bounded queue in front of password hashing, shared by this server's requests.
    pub hashing: crate::password::HashQueue,
    /// Where password-reset mail goes (SMTP, or .eml files in a folder).
    pub mail: crate::account_recovery::mail::Mailer,
    /// This server's cache of round rankings for the public leaderboards
    /// (bounded; checked against the database's ranking generation).
    pub rankings: crate::results::cache::RankingCache,
}

impl AppState {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            grace_seconds: 5,
            trusted_proxies: crate::client_address::TrustedProxies::default(),
            // Its own, like the rankings: no queue is shared between two AppStates.
            hashing: crate::password::HashQueue::for_this_machine(),
            // The server's defaults (DATA_DIR/mail, LEPTOS_SITE_ADDR); tests hand in their own folder.
            mail: crate::account_recovery::mail::Mailer::to_folder("data/mail", "http://127.0.0.1:3000"),
            // Its own: a second AppState is a second server.
            rankings: crate::results::cache::RankingCache::bounded(),
        }
    }
}

/// The whole request state, or an internal error if the server was wired without it.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>()
        .ok_or_else(|| AppError::internal("AppState missing from server-function context"))
}

/// The request's database connection, or an internal error if the server was
/// wired without one (a bug, logged).
pub fn db() -> Result<DatabaseConnection, AppError> {
    state().map(|state| state.db)
}
