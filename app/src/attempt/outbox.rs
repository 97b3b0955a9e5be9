//! The quiz page's side of answer saves in the browser: one save sent to
//! `POST /api/attempts/answer` (or, for the prediction answer,
//! `POST /api/attempts/prediction`) with its reply read as a [`Verdict`], the
//! unsaved answers and prediction kept in the browser's storage per attempt
//! (so a reload during an outage loses nothing), and the clock and jitter the
//! queue is fed.
//!
//! The save goes through `fetch` rather than Leptos' server-function client
//! because the retry needs the reply's status and `Retry-After`, which that
//! client does not hand back. Browser only (the quiz's [`super::quiz_client`]).
#[cfg(feature = "hydrate")]
use super::save_queue::{Outgoing, Verdict};
#[cfg(feature = "hydrate")]
use std::collections::BTreeMap;

#[cfg(feature = "hydrate")]
const SAVE_URL: &str = "/api/attempts/answer";
#[cfg(feature = "hydrate")]
const PREDICTION_URL: &str = "/api/attempts/prediction";

/// Sends one save and says what the reply means for it.
#[cfg(feature = "hydrate")]
pub async fn send(attempt_id: i32, save: Outgoing) -> Verdict {
    use super::save_queue::{is_refusal, Hold, Slot};
    use super::types::Saved;
    use crate::error::{AppError, WireError};

    #[derive(serde::Serialize)]
    struct Answer {
        attempt_id: i32,
        question_id: i32,
        option_id: i64,
    }
    #[derive(serde::Serialize)]
    struct Prediction {
        attempt_id: i32,
        prediction: i64,
    }
    let request = match save.slot {
        Slot::Question(question_id) => gloo_net::http::Request::post(SAVE_URL)
            .header("Accept", "application/json")
            .json(&Answer { attempt_id, question_id, option_id: save.value }),
        Slot::Prediction => gloo_net::http::Request::post(PREDICTION_URL)
            .header("Accept", "application/json")
            .json(&Prediction { attempt_id, prediction: save.value }),
    };
    let reply = match request {
        Ok(request) => request.send().await,
        Err(e) => Err(e),
    };
    let Ok(reply) = reply else {
        return Verdict::Retry { hold: Hold::Offline, after_ms: None };
    };
    let status = reply.status();
    let retry_after = reply.headers().get("retry-after");
    let saved = (200..300).contains(&status) && reply.json::<Saved>().await.is_ok_and(|s| s.saved);
    let message = if is_refusal(status) {
        reply.json::<WireError>().await.ok().map(|wire| AppError::from(wire).explain())
    } else {
        None
    };
    Verdict::of_reply(status, saved, retry_after.as_deref(), message)
}

/// The browser's monotonic clock in milliseconds (the queue's time).
#[cfg(feature = "hydrate")]
pub fn now_ms() -> f64 {
    leptos::prelude::window().performance().map(|p| p.now()).unwrap_or_default()
}

/// A number in [0, 1) to spread retries.
#[cfg(feature = "hydrate")]
pub fn jitter() -> f64 {
    js_sys::Math::random()
}

#[cfg(feature = "hydrate")]
fn key(attempt_id: i32) -> String {
    format!("cho-gui-{attempt_id}")
}

#[cfg(feature = "hydrate")]
fn prediction_key(attempt_id: i32) -> String {
    format!("du-doan-cho-gui-{attempt_id}")
}

/// The prediction of `attempt_id` not confirmed before the page was left.
#[cfg(feature = "hydrate")]
pub fn load_prediction(attempt_id: i32) -> Option<i64> {
    let storage = leptos::prelude::window().local_storage().ok().flatten()?;
    storage.get_item(&prediction_key(attempt_id)).ok().flatten()?.parse().ok()
}

/// Keeps the unconfirmed prediction of `attempt_id`; `None` removes it.
#[cfg(feature = "hydrate")]
pub fn store_prediction(attempt_id: i32, pending: Option<i64>) {
    if let Some(storage) = leptos::prelude::window().local_storage().ok().flatten() {
        let _ = match pending {
            Some(value) => storage.set_item(&prediction_key(attempt_id), &value.to_string()),
            None => storage.remove_item(&prediction_key(attempt_id)),
        };
    }
}

/// The answers of `attempt_id` not confirmed before the page was left.
#[cfg(feature = "hydrate")]
pub fn load(attempt_id: i32) -> BTreeMap<i32, i32> {
    let Some(storage) = leptos::prelude::window().local_storage().ok().flatten() else {
        return BTreeMap::new();
    };
    storage.get_item(&key(attempt_id)).ok().flatten().map(|text| parse_pairs(&text)).unwrap_or_default()
}

/// Answers written as "question:option,question:option" (the outbox, and what
/// the first-tap script confirmed); a damaged pair is skipped, not fatal.
#[cfg(any(test, feature = "hydrate"))]
pub fn parse_pairs(text: &str) -> std::collections::BTreeMap<i32, i32> {
    text.split(',')
        .filter_map(|pair| {
            let (q, o) = pair.split_once(':')?;
            Some((q.trim().parse().ok()?, o.trim().parse().ok()?))
        })
        .collect()
}

/// Keeps `pending` (question → option) for `attempt_id`; nothing left removes the key.
#[cfg(feature = "hydrate")]
pub fn store(attempt_id: i32, pending: &BTreeMap<i32, i32>) {
    if let Some(storage) = leptos::prelude::window().local_storage().ok().flatten() {
        let text: Vec<String> = pending.iter().map(|(q, o)| format!("{q}:{o}")).collect();
        let _ = if text.is_empty() {
            storage.remove_item(&key(attempt_id))
        } else {
            storage.set_item(&key(attempt_id), &text.join(","))
        };
    }
}

#[cfg(test)]
mod tests {
    use super::parse_pairs;
    use std::collections::BTreeMap;

    #[test]
    fn stored_answers_are_read_back_and_a_damaged_pair_is_skipped() {
        assert_eq!(parse_pairs("12:47,13:51"), BTreeMap::from([(12, 47), (13, 51)]));
        assert_eq!(parse_pairs("12:47,x:1,13,:5,14:51"), BTreeMap::from([(12, 47), (14, 51)]));
        assert_eq!(parse_pairs(""), BTreeMap::new());
    }
}
