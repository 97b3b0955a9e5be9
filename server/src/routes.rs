//! The HTTP surface: server-rendered pages, server functions under `/api`,
//! static files (the bundle fingerprinted and precompressed: assets.rs), and
//! `/healthz`, with request logging, compression and caching rules.
use crate::guard::{self, cross_site::SiteOrigins};
use crate::secret::SessionSecret;
use app::session::DbSessionStore;
use app::{shell, state::AppState, App};
use axum::{
    extract::DefaultBodyLimit, http::StatusCode, middleware, response::IntoResponse, routing::get, Json,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer},
    LatencyUnit,
};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};
use tracing::Level;

/// How the session cookie is sent.
#[derive(Debug, Clone)]
pub struct CookiePolicy {
    pub secret: SessionSecret,
    /// HTTPS only (behind TLS in production).
    pub secure: bool,
    /// Idle and absolute limits, enforced by the session store.
    pub lifetime: app::session::SessionLifetime,
}

/// The app's routes, listed once per process. Listing them renders the whole
/// app with resource loading switched off by a process-wide flag (leptos_server's
/// `SuppressResourceLoad`); a page whose resource first polled meanwhile on
/// another thread waited forever (leptos-rs/leptos#4773). Tests build a router
/// per test while others render pages: CI hung on `GET /quen-mat-khau` so. One
/// listing, before any router exists, overlaps no render.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole app as one axum router; tests drive it without a socket.
/// Cross-site writes are judged against the request's own `Host` only.
pub fn router(state: AppState, options: LeptosOptions, cookies: CookiePolicy) -> Router {
    router_for_site(state, options, cookies, SiteOrigins::default())
}

/// [`router`] for a site also served from `origins` (`PUBLIC_ORIGIN`).
pub fn router_for_site(
    state: AppState,
    options: LeptosOptions,
    cookies: CookiePolicy,
    origins: SiteOrigins,
) -> Router {
    let routes = route_list();
    // The bundle under its fingerprint; pages then name it there (see assets.rs).
    let pkg_dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let fingerprint = crate::assets::fingerprint(&pkg_dir);
    let mut page_options = options.clone();
    if let Some(fingerprint) = &fingerprint {
        page_options.site_pkg_dir = format!("{}/{fingerprint}", options.site_pkg_dir).into();
    }
    let bundle = match &fingerprint {
        Some(fingerprint) => crate::assets::bundle_routes(&pkg_dir, fingerprint),
        None => Router::new(),
    };
    let guard_state = state.clone();
    let dashboard_state = state.clone();
    let db = state.db.clone();
    // Every file route through one list (app::download), which the authorization test walks.
    let downloads =
        app::download::routes().into_router(state.clone()).merge(app::attempt::first_tap::routes());
    // HttpOnly + SameSite=Lax, signed with the session secret. The store ends a
    // session after its idle limit (moved on by every use) or its absolute
    // limit since sign-in, whichever comes first; the cookie is kept as long
    // as the absolute limit so that it never outlives the server's decision.
    let cookie_days =
        tower_sessions::cookie::time::Duration::seconds(cookies.lifetime.absolute.num_seconds());
    let store = DbSessionStore::new(state.db.clone()).with_lifetime(cookies.lifetime);
    let sessions = SessionManagerLayer::new(store)
        .with_name("phien")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(cookies.secure)
        .with_expiry(Expiry::OnInactivity(cookie_days))
        .with_signed(cookies.secret.cookie_key());
    Router::new()
        .route("/healthz", get(move || healthz(db.clone())))
        .leptos_routes_with_context(
            &options,
            routes,
            move || {
                provide_context(state.clone());
                guard::headers::provide_page_policy();
            },
            move || shell(page_options.clone()),
        )
        .merge(downloads)
        .merge(bundle)
        // Files outside any reactive owner, so none takes a page's headers (site_files.rs).
        .fallback(crate::site_files::file_or_not_found)
        .with_state(options)
        // Inner to outer: a server function's error answered with its own status
        // (app::error::server_fn_status, the only place one is set); bounded bodies;
        // uploads only for organizers and well framed; dashboard pages only for staff
        // (others are sent to sign in); the session; the body's type; cross-site
        // refusal; headers.
        .layer(middleware::from_fn(app::error::server_fn_status))
        .layer(DefaultBodyLimit::max(guard::body::UPLOAD_LIMIT))
        .layer(middleware::from_fn(guard::body::limit_size))
        .layer(middleware::from_fn_with_state(guard_state, guard::upload::guard_uploads))
        .layer(middleware::from_fn_with_state(dashboard_state, guard::dashboard::staff_only))
        .layer(sessions)
        .layer(middleware::from_fn(guard::body::require_type))
        .layer(middleware::from_fn_with_state(origins, guard::cross_site::refuse_cross_site))
        .layer(middleware::from_fn(guard::headers::page_policy_from_page))
        .layer(guard::headers::layers())
        .layer(middleware::from_fn(crate::assets::apply_cache_policy))
        .layer(CompressionLayer::new())
        // A bug must answer 500 with the API's error, never drop the connection.
        .layer(CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            app::error::AppError::internal("a request handler panicked").into_response()
        }))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Millis)),
        )
}

/// 200 when the database answers, 503 otherwise; for load balancers and monitors.
async fn healthz(db: DatabaseConnection) -> impl IntoResponse {
    match db.ping().await {
        Ok(()) => {
            (StatusCode::OK, Json(serde_json::json!({"status": "ok", "database": "ok"}))).into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(http::header::RETRY_AFTER, app::error::RETRY_AFTER_SECONDS.to_string())],
                Json(serde_json::json!({"status": "error", "database": "unreachable"})),
            )
                .into_response()
        }
    }
}
