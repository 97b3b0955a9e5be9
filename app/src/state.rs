//! What every server function may use, provided as context per request, so
//! that tests can hand in their own database instead of a global.
use crate::error::AppError;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
}

/// The request's database connection, or an internal error if the server was
/// wired without one (a bug, logged).
pub fn db() -> Result<DatabaseConnection, AppError> {
    match use_context::<AppState>() {
        Some(state) => Ok(state.db),
        None => {
            tracing::error!("AppState missing from server-function context");
            Err(AppError::Internal)
        }
    }
}
