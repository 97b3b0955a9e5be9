//! The quiz form of a running attempt.
//!
//! It is a real form, rendered by the server ([`Quiz`]): before the wasm
//! arrives it can be answered and submitted as plain HTML (`POST
//! /api/ui/submit` carries every ticked answer), and the first-tap script
//! ([`super::first_tap`]) saves each click. The live part is one small island,
//! [`QuizLive`]: the countdown, the progress and the save summary, plus the
//! form's behaviour, which it adds to the server's HTML ([`super::quiz_client`])
//! instead of rendering the questions again. That keeps the quiz page's own
//! bundle (`contest-quiz`, app/src/bundle.rs) small enough for slow 3G.
//!
//! Once hydrated, each click goes into the [`SaveQueue`] and is sent at once;
//! an answer the server has not confirmed stays queued (and in the browser's
//! storage, across reloads) through outages, throttling and lost networks, is
//! retried with back-off, and is shown as "Chưa lưu" until it lands. Only a
//! refusal (the attempt is closed, the option is not the question's) drops it,
//! and the page says so. At the deadline the queue is flushed, then the form
//! submits itself; a submit that meets an outage is retried too. The
//! prediction answer goes through the same queue (saved on change, kept across
//! reloads, retried), and leaving the page while anything is unsaved warns.
use super::api::{AttemptView, SubmitForm};
use super::save_queue::{summary, Hold, Mark, SaveQueue};
use crate::error::AppError;
use crate::ui::Countdown;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub(super) fn mark_label(mark: Option<Mark>) -> String {
    match mark {
        None => String::new(),
        Some(Mark::Saving) => "Đang lưu…".into(),
        Some(Mark::Saved) => "Đã lưu".into(),
        Some(Mark::Unsaved(Hold::Offline)) => "Chưa lưu — chưa gửi được, sẽ tự gửi lại khi có mạng".into(),
        Some(Mark::Unsaved(Hold::Busy)) => "Chưa lưu — máy chủ đang bận, đang thử lại…".into(),
        Some(Mark::Refused(reason)) => format!("Không lưu được: {reason}"),
    }
}

/// The class of a question's save line for its mark.
pub(super) fn mark_class(mark: Option<&Mark>) -> &'static str {
    match mark {
        Some(Mark::Saved) => "save-state saved",
        Some(Mark::Unsaved(_)) | Some(Mark::Refused(_)) => "save-state problem",
        _ => "save-state",
    }
}

/// A navigator link's name: its number, answered or not, saved or not.
pub(super) fn nav_label(number: usize, answered: bool, waiting: bool) -> String {
    let answered = if answered { ", đã trả lời" } else { ", chưa trả lời" };
    format!("Câu {number}{answered}{}", if waiting { ", chưa lưu" } else { "" })
}

/// What a refused submit says on the page.
pub(super) fn refusal_text(err: &AppError) -> String {
    match err {
        AppError::Invalid(fields) => fields.values().next().cloned().unwrap_or_default(),
        other => other.to_string(),
    }
}

/// The question id in a radio's name, `answers[12]` → 12.
#[cfg(any(test, feature = "hydrate"))]
pub(super) fn question_of_field(name: &str) -> Option<i32> {
    name.strip_prefix("answers[")?.strip_suffix(']')?.parse().ok()
}

/// Where the form posts: the server function's own address.
pub(super) fn submit_url() -> &'static str {
    <SubmitForm as leptos::server_fn::ServerFn>::url()
}

/// What the live part needs of the attempt. The questions' text stays in the
/// page's HTML and never travels twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizState {
    pub attempt_id: i32,
    /// Unix milliseconds, server clock.
    pub deadline_ms: i64,
    pub server_now_ms: i64,
    /// In page order: question `i` is `#cau-{i + 1}`.
    pub question_ids: Vec<i32>,
    /// Saved answers: question id → option id.
    pub answers: BTreeMap<i32, i32>,
    pub prediction: Option<i64>,
}

/// The queue as the page starts: what the server has is saved.
fn first_queue(state: &QuizState) -> SaveQueue {
    let queue = SaveQueue::new(state.answers.keys().copied());
    if state.prediction.is_some() {
        queue.with_saved_prediction()
    } else {
        queue
    }
}

/// The quiz page's body, rendered by the server: the live bar, then the
/// navigator and the form, as HTML that works without any code.
#[component]
pub fn Quiz(attempt: AttemptView) -> impl IntoView {
    let AttemptView {
        attempt_id,
        deadline_ms,
        server_now_ms,
        questions,
        answers,
        prediction_prompt,
        prediction,
        extra_time_note,
        ..
    } = attempt;
    let state = QuizState {
        attempt_id,
        deadline_ms,
        server_now_ms,
        question_ids: questions.iter().map(|q| q.id).collect(),
        answers: answers.clone(),
        prediction,
    };
    let queue = first_queue(&state);
    // A submit posted without JavaScript that was refused comes back with its
    // error in the address (Leptos's `__path`/`__err`; the router provides it).
    let refused = use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == submit_url())
        .and_then(|e| decode_error(e.err()))
        .map(|err| refusal_text(&err));

    let nav_items = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let done = answers.contains_key(&q.id);
            view! {
                <li>
                    <a href=format!("#cau-{}", i + 1) class:answered=done aria-label=nav_label(i + 1, done, false)>
                        {i + 1}
                    </a>
                </li>
            }
        })
        .collect_view();

    let items = questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let qid = q.id;
            let mark = queue.mark(qid);
            let options = q
                .options
                .into_iter()
                .enumerate()
                .map(|(j, o)| {
                    let letter = ["A", "B", "C", "D", "E", "F"].get(j).copied().unwrap_or("");
                    let input_id = format!("q{qid}-o{}", o.id);
                    view! {
                        <div class="option">
                            <input type="radio" id=input_id.clone() name=format!("answers[{qid}]") value=o.id.to_string()
                                checked=answers.get(&qid) == Some(&o.id)/>
                            <label for=input_id>{format!("{letter}. ")}{o.text}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="question" id=format!("cau-{}", i + 1)>
                    <legend>{format!("Câu {}. ", i + 1)}{q.text}</legend>
                    {options}
                    <p class=mark_class(mark.as_ref()) aria-live="polite">{mark_label(mark.clone())}</p>
                </fieldset>
            }
        })
        .collect_view();
    let prediction_mark = queue.prediction_mark();

    view! {
        <QuizLive state=state/>
        {extra_time_note.map(|note| view! { <p class="notice extra-time">{note}</p> })}
        <nav class="navigator" aria-label="Danh sách câu hỏi"><ol>{nav_items}</ol></nav>
        <form action=submit_url() method="post" class="quiz">
            <input type="hidden" name="attempt_id" value=attempt_id.to_string()/>
            {items}
            {prediction_prompt.map(|prompt| view! {
                <fieldset class="question prediction">
                    <legend>"Câu hỏi dự đoán"</legend>
                    <label for="prediction">{prompt}</label>
                    // Saved when it changes (and on leaving the field), like an answer.
                    <input id="prediction" name="prediction" type="number" min="0" step="1" inputmode="numeric"
                        max=super::prediction::MAX_PREDICTION.to_string()
                        aria-describedby="prediction-state"
                        value=prediction.map(|p| p.to_string()).unwrap_or_default()/>
                    <p id="prediction-state" class=mark_class(prediction_mark.as_ref()) aria-live="polite">
                        {mark_label(prediction_mark.clone())}
                    </p>
                </fieldset>
            })}
            // Hidden until a submit is refused; the browser code fills it in.
            <p class="form-error" role="alert" hidden=refused.is_none()>{refused.clone()}</p>
            <p class="submit-status" role="status" aria-live="polite"></p>
            <button type="submit" class="primary">"Nộp bài"</button>
        </form>
    }
}

/// The error a server function sent back in the address (JSON, its encoding).
fn decode_error(text: &str) -> Option<AppError> {
    #[cfg(feature = "ssr")]
    return serde_json::from_str(text).ok();
    #[cfg(not(feature = "ssr"))]
    {
        let _ = text;
        None
    }
}

/// The live bar of the quiz, an island in the quiz page's own bundle: it
/// shows the countdown (from the server's clock), how many questions are
/// answered and how many are not saved yet, and in the browser it drives the
/// server-rendered form ([`super::quiz_client::drive`]).
#[cfg_attr(not(any(feature = "islands-pages", feature = "islands-live")), island)]
#[cfg_attr(any(feature = "islands-pages", feature = "islands-live"), component)]
pub fn QuizLive(state: QuizState) -> impl IntoView {
    let total = state.question_ids.len();
    let chosen = RwSignal::new(state.answers.clone());
    let queue = RwSignal::new(first_queue(&state));
    // Set by the countdown at zero: the form then flushes and submits itself.
    let time_up = RwSignal::new(false);
    let (deadline_ms, server_now_ms) = (state.deadline_ms, state.server_now_ms);

    // Browser only: once hydrated, the form's listeners and the page's marks.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        super::quiz_client::drive(state.clone(), chosen, queue, time_up);
    });

    view! {
        <div class="quiz-bar">
            <Countdown label="Thời gian còn lại".to_owned() at_ms=deadline_ms server_now_ms=server_now_ms
                on_zero=Callback::new(move |_| time_up.set(true)) announce=true/>
            <p class="progress">{move || format!("Đã trả lời {}/{}", chosen.with(|c| c.len()), total)}</p>
            // Always in the page, so that screen readers hear it change.
            <p class="save-summary" role="status" aria-live="polite">{move || summary(queue.with(SaveQueue::unsaved))}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::question_of_field;

    #[test]
    fn a_radio_name_gives_its_question() {
        assert_eq!(question_of_field("answers[12]"), Some(12));
        assert_eq!(question_of_field("answers[]"), None);
        assert_eq!(question_of_field("prediction"), None);
        assert_eq!(question_of_field("answers[12"), None);
        assert_eq!(question_of_field("answers[x]"), None);
    }
}
