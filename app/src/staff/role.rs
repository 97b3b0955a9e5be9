//! The three dashboard roles. Shared with the browser so menus can hide what a
//! role cannot do; the server re-checks every call.
use serde::{Deserialize, Serialize};

/// On the server also the `staff_account.role` column, stored as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including accounts.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
    /// Contest content, contestants and results (Ban Tổ chức).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "organizer"))]
    Organizer,
    /// Read-only: their own unit and the units under it (đầu mối đơn vị).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "unit_contact"))]
    UnitContact,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Organizer, Role::UnitContact];

    /// The code stored in `staff_account.role` and used in the API.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organizer => "organizer",
            Role::UnitContact => "unit_contact",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// As shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị hệ thống",
            Role::Organizer => "Ban Tổ chức",
            Role::UnitContact => "Đầu mối đơn vị",
        }
    }

    /// May change contest content, contestants and results.
    pub fn can_edit(self) -> bool {
        matches!(self, Role::Admin | Role::Organizer)
    }
}
