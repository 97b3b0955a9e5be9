//! Dashboard pages for staff only, decided before the page renders: a visitor
//! who is not signed in as staff is sent to the staff sign-in page (which
//! loads only the small islands bundle), so the dashboard's bundle reaches
//! nobody but staff. Every dashboard server function still checks the role
//! itself (app::staff::guard); this gate only keeps the code and the page
//! shell away from the public.
use app::staff::guard::{check, Access};
use app::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// The sign-in page, with where to come back to (`tiep`, which the sign-in
/// form only follows inside the dashboard).
pub fn sign_in_address(path_and_query: &str) -> String {
    let back = percent_encoding::utf8_percent_encode(path_and_query, percent_encoding::NON_ALPHANUMERIC);
    format!("/quan-tri/dang-nhap?tiep={back}")
}

/// The middleware (inside the session layer). Only page loads (GET/HEAD of a
/// dashboard path) are gated; server functions answer 401/403 themselves.
pub async fn staff_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let page_load = req.method() == http::Method::GET || req.method() == http::Method::HEAD;
    if !page_load || !app::is_dashboard_path(req.uri().path()) {
        return next.run(req).await;
    }
    let Some(session) = req.extensions().get::<tower_sessions::Session>().cloned() else {
        return app::error::AppError::internal("dashboard guard runs outside the session layer")
            .into_response();
    };
    match check(&state.db, &session, Access::Staff).await {
        Ok(_) => next.run(req).await,
        // Not staff (nobody, or a contestant): the staff sign-in page (303).
        // The answer is never cached: assets::cache_policy makes /quan-tri personal.
        Err(app::error::AppError::Unauthenticated | app::error::AppError::Forbidden) => {
            let back = req.uri().path_and_query().map_or("/quan-tri", |p| p.as_str());
            Redirect::to(&sign_in_address(back)).into_response()
        }
        Err(other) => other.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_back_is_encoded_into_the_sign_in_address() {
        assert_eq!(sign_in_address("/quan-tri"), "/quan-tri/dang-nhap?tiep=%2Fquan%2Dtri");
        assert_eq!(
            sign_in_address("/quan-tri/ket-qua?vong=3&x=1"),
            "/quan-tri/dang-nhap?tiep=%2Fquan%2Dtri%2Fket%2Dqua%3Fvong%3D3%26x%3D1"
        );
    }
}
