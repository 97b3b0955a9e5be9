//! Getting back into an account, and leaving it: "Quên mật khẩu?" (a
//! single-use link by e-mail, or a code from the unit contact or the
//! organizers), the password change in the profile, and sign-out. Secrets
//! are stored hashed (`secret`), mail goes through `mail`, the rules are in
//! `service`.
mod api;
#[cfg(feature = "ssr")]
pub mod mail;
mod page;
#[cfg(feature = "ssr")]
pub mod secret;
#[cfg(feature = "ssr")]
pub mod service;
mod types;

pub use api::*;
pub use page::{ForgotPasswordPage, PasswordChange, ResetWithCodePage, ResetWithLinkPage};
