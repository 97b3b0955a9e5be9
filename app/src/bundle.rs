//! Which browser bundle a page loads. Four are built from this one crate:
//!
//! - `contest` (frontend, `islands-pages`): the pages with forms
//!   (registration, sign-in, profile, password reset, the start page, the
//!   staff sign-in) and any other page. Their forms are plain HTML, posted by
//!   the browser; the bundle holds the unit search, the countdowns and live
//!   counters, and what `form::enhance` adds to those forms;
//! - `contest-live` (frontend_live, `islands-live`): the countdowns and the
//!   live counters only, for the pages most visitors see first (home,
//!   contest, statistics, result), which have no form island;
//! - `contest-quiz` (frontend_quiz, `islands-quiz`): the quiz page's only,
//!   so that a contestant on a slow phone network downloads nothing else
//!   before the countdown and the autosave run (issue 12's 150 KB);
//! - `contest-admin` (frontend_admin): the whole [`crate::App`], hydrated,
//!   for dashboard pages after staff sign-in.
//!
//! An island a bundle leaves out is an ordinary component there
//! (`cfg_attr(feature = …, component)` at the island), so the linker drops
//! it; the server always renders every island, and each page names the one
//! bundle that holds its islands.

/// The dashboard bundle's base name (`/pkg/contest-admin.js`, `.wasm`).
pub const ADMIN_OUTPUT_NAME: &str = "contest-admin";
/// The quiz page's bundle (`/pkg/contest-quiz.js`, `.wasm`).
pub const QUIZ_OUTPUT_NAME: &str = "contest-quiz";
/// The bundle of the pages without a form (`/pkg/contest-live.js`, `.wasm`).
pub const LIVE_OUTPUT_NAME: &str = "contest-live";

/// The bundle a page at `path` loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// cargo-leptos's own `contest` islands bundle.
    Pages,
    Live,
    Quiz,
    Dashboard,
}

impl Bundle {
    pub fn of_path(path: &str) -> Self {
        if is_dashboard_path(path) {
            Bundle::Dashboard
        } else if is_quiz_path(path) {
            Bundle::Quiz
        } else if is_live_path(path) {
            Bundle::Live
        } else {
            Bundle::Pages
        }
    }
}

/// Whether `path` is a dashboard page, which loads the dashboard bundle:
/// `/quan-tri` and below, except the staff sign-in page (which, like every
/// contestant and public page, loads an islands bundle).
pub fn is_dashboard_path(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    (path == "/quan-tri" || path.starts_with("/quan-tri/")) && path != "/quan-tri/dang-nhap"
}

/// Whether `path` is a quiz page, `/bai-thi/<attempt>`.
pub fn is_quiz_path(path: &str) -> bool {
    path.strip_prefix("/bai-thi/").is_some_and(|rest| !rest.trim_end_matches('/').is_empty())
}

/// Whether `path` is a page whose only islands are countdowns and live
/// counters: the home page, a contest's page, the statistics, a result.
pub fn is_live_path(path: &str) -> bool {
    let named =
        |prefix: &str| path.strip_prefix(prefix).is_some_and(|rest| !rest.trim_end_matches('/').is_empty());
    path == "/" || path.trim_end_matches('/') == "/thong-ke" || named("/cuoc-thi/") || named("/ket-qua/")
}

/// The entry point of every islands bundle (frontend, frontend_live, frontend_quiz): Leptos's
/// island script calls it, then each island's own export, in page order; the
/// last island of every page ([`crate::HydratedMarker`]) marks it hydrated.
#[cfg(feature = "hydrate")]
pub fn hydrate_islands() {
    leptos::mount::hydrate_islands();
    // The forms' bundle: its pages' forms are plain HTML (form::enhance).
    #[cfg(not(any(feature = "islands-quiz", feature = "islands-live")))]
    crate::form::enhance::plain_forms();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_gets_the_bundle_holding_its_islands() {
        for dashboard in ["/quan-tri", "/quan-tri/", "/quan-tri/cau-hoi/12"] {
            assert_eq!(Bundle::of_path(dashboard), Bundle::Dashboard, "{dashboard}");
        }
        for quiz in ["/bai-thi/3", "/bai-thi/3/"] {
            assert_eq!(Bundle::of_path(quiz), Bundle::Quiz, "{quiz}");
        }
        for live in ["/", "/cuoc-thi/cchc-lang-son-2022", "/thong-ke", "/thong-ke/", "/ket-qua/3"] {
            assert_eq!(Bundle::of_path(live), Bundle::Live, "{live}");
        }
        // The forms' pages get the forms' bundle, and so does any other. The
        // staff sign-in page comes before signing in; a longer name that
        // merely starts the same is not the dashboard; a prefix alone names
        // no attempt, contest or result.
        for page in [
            "/quan-tri/dang-nhap",
            "/quan-tri/dang-nhap/",
            "/dang-ky",
            "/dang-nhap",
            "/ho-so",
            "/quen-mat-khau",
            "/quan-tri-vien",
            "/bai-thi/",
            "/ket-qua/",
            "/cuoc-thi/",
            "/thong-ke-khac",
            "/vao-thi/1",
        ] {
            assert_eq!(Bundle::of_path(page), Bundle::Pages, "{page}");
        }
    }
}
