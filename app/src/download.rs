//! File downloads served by plain axum handlers (exports, templates, public
//! tables): one response shape for every file, errors as the usual JSON.
use crate::error::AppError;
use crate::state::AppState;
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The made file as an attachment called `name`, or the error.
pub fn attachment(made: Result<Vec<u8>, AppError>, content_type: &str, name: &str) -> Response {
    match made {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// Every file route of the app (exports, templates, public tables), each
/// registered through [`FileRoutes::get`], so that the list of paths the
/// authorization test walks is the list the server serves.
pub fn routes() -> FileRoutes {
    crate::question_bank::download::routes()
        .merge(crate::unit_admin::download::routes())
        .merge(crate::results::stats::routes())
        .merge(crate::reports::sheet::routes())
}

/// File routes and their paths, built together: a route cannot be added
/// without its path being listed (see `server/tests/dashboard_auth.rs`).
pub struct FileRoutes {
    router: axum::Router<AppState>,
    paths: Vec<String>,
}

impl Default for FileRoutes {
    fn default() -> Self {
        FileRoutes { router: axum::Router::new(), paths: Vec::new() }
    }
}

impl FileRoutes {
    /// A GET route at `path`.
    pub fn get<H, T>(mut self, path: &str, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, axum::routing::get(handler));
        self.paths.push(path.to_owned());
        self
    }

    pub fn merge(mut self, other: FileRoutes) -> Self {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }

    /// Every path, in the order registered.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// The routes with their state, to merge into the main router.
    pub fn into_router<S>(self, state: AppState) -> axum::Router<S> {
        self.router.with_state(state)
    }
}
