//! Attempts: drawing the questions, saving answers as they are clicked,
//! submitting, grading, and the server's clock over all of it.
mod api;
#[cfg(feature = "ssr")]
pub mod draw;
/// The quiz page's first-tap saver script, and the wasm's hand-over from it.
pub mod first_tap;
#[cfg(any(test, feature = "hydrate"))]
mod outbox;
mod pages;
/// The prediction answer's rules (range, what a typed figure means).
pub mod prediction;
mod quiz;
#[cfg(feature = "hydrate")]
mod quiz_client;
#[cfg(feature = "ssr")]
pub mod review;
/// The quiz page's queue of unsaved answers: pure, so unit-tested without a browser.
pub mod save_queue;
#[cfg(feature = "ssr")]
pub mod service;
mod start_page;
mod types;

pub use api::*;
pub use pages::{duration, QuizPage, ResultPage};
pub use start_page::{sign_in_path, start_page_path, SignInReason, StartPage};
