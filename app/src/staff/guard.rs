//! The role guard. Every dashboard server function calls [`require`] before it
//! touches anything and returns its error as is: there is no redirect that
//! would let the function run on.
use super::Role;
use crate::entities::staff_account;
use crate::error::AppError;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};

/// The session key of a signed-in staff member.
pub(crate) const STAFF_KEY: &str = "staff";

/// What a session remembers about a staff sign-in.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct StaffSession {
    pub id: i32,
    /// The account's `session_epoch` at sign-in; a raised epoch revokes the session.
    pub epoch: i32,
}

/// The signed-in staff member, as loaded for this request.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: i32,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i32>,
    /// The account's session epoch when loaded; a new session is stamped with it.
    pub(crate) epoch: i32,
}

/// Who may call a dashboard function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Admins only (accounts).
    Admin,
    /// Admins and organizers (contest content, contestants, results).
    Organizer,
    /// Any staff role, unit contacts included (read-only views that the
    /// function itself narrows to the contact's units).
    Staff,
}

impl Access {
    fn allows(self, role: Role) -> bool {
        match self {
            Access::Admin => role == Role::Admin,
            Access::Organizer => role.can_edit(),
            Access::Staff => true,
        }
    }
}

/// The staff member of this request if their role has `access`. Otherwise
/// 401 for nobody, 403 for a contestant or a role without `access`, with the
/// HTTP status set.
pub async fn require(access: Access) -> Result<Staff, AppError> {
    let db = crate::state::db()?;
    let session = crate::session::current().await?;
    check(&db, &session, access).await
}

/// [`require`] for plain axum handlers (downloads), which have the session
/// as an extractor instead of the leptos context.
pub async fn check(
    db: &impl ConnectionTrait,
    session: &tower_sessions::Session,
    access: Access,
) -> Result<Staff, AppError> {
    let stored = session.get::<StaffSession>(STAFF_KEY).await.map_err(crate::error::session_failed)?;
    let Some(stored) = stored else {
        // A signed-in contestant is known but not allowed; anyone else must sign in.
        let contestant = matches!(session.get::<i32>(crate::session::CONTESTANT_KEY).await, Ok(Some(_)));
        return Err(if contestant { AppError::Forbidden } else { AppError::Unauthenticated });
    };
    let staff = load(db, stored).await?.ok_or(AppError::Unauthenticated)?;
    if access.allows(staff.role) {
        Ok(staff)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The account behind a session, unless it was disabled or signed out everywhere.
pub(crate) async fn load(db: &impl ConnectionTrait, stored: StaffSession) -> Result<Option<Staff>, AppError> {
    let account = staff_account::Entity::find_by_id(stored.id).one(db).await?;
    Ok(account.filter(|a| a.session_epoch == stored.epoch).and_then(staff_of))
}

/// The staff member an active account is.
pub fn staff_of(account: staff_account::Model) -> Option<Staff> {
    if !account.active {
        return None;
    }
    Some(Staff {
        id: account.id,
        email: account.email,
        full_name: account.full_name,
        role: account.role,
        unit_id: account.unit_id,
        epoch: account.session_epoch,
    })
}
