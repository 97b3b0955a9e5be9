//! Widgets that several features use: the countdown (quiz, contest page),
//! and the dashboard's refusal notice, contest choice and browser-only data.
mod client_resource;
mod contest_picker;
mod countdown;
mod refused;

pub use client_resource::client_resource;
pub use contest_picker::{contest_resource, ContestPicker};
pub use countdown::{Countdown, CountdownIsland};
pub use refused::Refused;
