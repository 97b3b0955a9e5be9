//! The one list of the server functions that the site's no-JavaScript forms
//! post to (`application/x-www-form-urlencoded`, as a browser sends a plain
//! `<form method="post">`). The server's body guard takes the type a path
//! must carry from here (`server::guard::body`), not from a path prefix, so
//! a form that is left out is refused its browser posts in the tests, and a
//! JSON function cannot be added here: [`form`] accepts only functions whose
//! input is `PostUrl`. A test in `server/tests/hardening.rs` checks that the
//! list holds every such function the app declares, and no other.
use server_fn::codec::PostUrl;
use server_fn::{Http, ServerFn};

/// The path of a server function whose body is a urlencoded form; a function
/// of any other input (JSON, multipart, GET) does not compile here.
const fn form<F, Output>() -> &'static str
where
    F: ServerFn<Protocol = Http<PostUrl, Output>>,
{
    F::PATH
}

/// Every no-JavaScript form's endpoint, e.g. `/api/ui/login`.
pub const FORM_ROUTES: [&str; 12] = [
    form::<crate::contestant::RegisterForm, _>(),
    form::<crate::contestant::LoginForm, _>(),
    form::<crate::contestant::ProfileForm, _>(),
    form::<crate::attempt::StartForm, _>(),
    form::<crate::attempt::SubmitForm, _>(),
    form::<crate::staff::AdminLoginForm, _>(),
    form::<crate::staff::AdminLogoutForm, _>(),
    form::<crate::account_recovery::LogoutForm, _>(),
    form::<crate::account_recovery::RequestPasswordResetForm, _>(),
    form::<crate::account_recovery::ResetPasswordWithLinkForm, _>(),
    form::<crate::account_recovery::ResetPasswordWithCodeForm, _>(),
    form::<crate::account_recovery::ChangePasswordForm, _>(),
];

/// Whether `path` is one of the no-JavaScript forms' endpoints.
pub fn is_form_route(path: &str) -> bool {
    FORM_ROUTES.contains(&path)
}
