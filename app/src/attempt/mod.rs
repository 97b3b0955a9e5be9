//! Attempts: drawing the questions, saving answers as they are clicked,
//! submitting, grading, and the server's clock over all of it.
mod api;
#[cfg(feature = "ssr")]
pub mod draw;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use api::*;
pub use pages::{duration, QuizPage, ResultPage};
