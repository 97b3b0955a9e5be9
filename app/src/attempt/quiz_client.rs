//! The quiz form's browser side, for the [`super::quiz::QuizLive`] island.
//!
//! The server rendered the whole form; the island holds the answers and the
//! save queue in signals. This finds the form's elements once, listens to
//! the form (every radio and the prediction field, by delegation), sends the
//! saves and the submit, and keeps the page's marks (each question's save
//! line, the navigator, the submit's status) in step with the signals. The
//! questions are not rendered a second time in the browser: that is what
//! keeps the quiz's bundle small on a slow phone network.
use super::first_tap;
use super::outbox;
use super::prediction;
use super::quiz::{mark_class, mark_label, nav_label, question_of_field, refusal_text, QuizState};
use super::save_queue::{backoff_ms, Mark, Outgoing, SaveQueue, Verdict, FLUSH_WAIT_MS};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast};
use std::collections::BTreeMap;
use web_sys::{Element, HtmlButtonElement, HtmlFormElement, HtmlInputElement};

/// The server-rendered elements the island keeps up to date.
#[derive(Clone)]
struct Page {
    form: HtmlFormElement,
    /// Per question, in page order: (id, navigator link, save line).
    questions: Vec<(i32, Option<Element>, Option<Element>)>,
    guess: Option<HtmlInputElement>,
    guess_state: Option<Element>,
    submit_error: Option<Element>,
    submit_status: Option<Element>,
    button: Option<HtmlButtonElement>,
}

impl Page {
    fn find(question_ids: &[i32]) -> Option<Page> {
        let doc = document();
        let form: HtmlFormElement = doc.query_selector("form.quiz").ok()??.dyn_into().ok()?;
        let pick = |selector: &str| doc.query_selector(selector).ok().flatten();
        let questions = question_ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let n = i + 1;
                (
                    *id,
                    pick(&format!(".navigator a[href=\"#cau-{n}\"]")),
                    pick(&format!("#cau-{n} > .save-state")),
                )
            })
            .collect();
        Some(Page {
            questions,
            guess: pick("#prediction").and_then(|e| e.dyn_into().ok()),
            guess_state: pick("#prediction-state"),
            submit_error: form.query_selector(".form-error").ok().flatten(),
            submit_status: form.query_selector(".submit-status").ok().flatten(),
            button: form.query_selector("button[type=submit]").ok().flatten().and_then(|e| e.dyn_into().ok()),
            form,
        })
    }

    /// (question, option) of every radio ticked in the form right now.
    fn ticked(&self) -> Vec<(i32, i32)> {
        let Ok(list) = self.form.query_selector_all("input[type=radio]:checked") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<HtmlInputElement>().ok())
            .filter_map(|input| Some((question_of_field(&input.name())?, input.value().parse().ok()?)))
            .collect()
    }

    fn tick(&self, question_id: i32, option_id: i32) {
        let selector = format!("input[name=\"answers[{question_id}]\"][value=\"{option_id}\"]");
        if let Some(radio) = self
            .form
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            radio.set_checked(true);
        }
    }

    /// Writes every mark from the answers and the queue. Text is only
    /// replaced when it changes, so live regions speak only then.
    fn show(&self, chosen: &BTreeMap<i32, i32>, queue: &SaveQueue, guess_error: Option<&str>) {
        for (number, (id, link, line)) in self.questions.iter().enumerate() {
            let mark = queue.mark(*id);
            let done = chosen.contains_key(id);
            let waiting = matches!(mark, Some(Mark::Unsaved(_)));
            if let Some(link) = link {
                let _ = link.class_list().toggle_with_force("answered", done);
                let _ = link.class_list().toggle_with_force("unsaved", waiting);
                set_attr(link, "aria-label", &nav_label(number + 1, done, waiting));
            }
            if let Some(line) = line {
                set_class(line, mark_class(mark.as_ref()));
                set_text(line, &mark_label(mark));
            }
        }
        if let Some(line) = &self.guess_state {
            let mark = queue.prediction_mark();
            let class = if guess_error.is_some() { "save-state problem" } else { mark_class(mark.as_ref()) };
            set_class(line, class);
            set_text(line, &guess_error.map(str::to_owned).unwrap_or_else(|| mark_label(mark)));
        }
    }

    /// The submit's line: `retrying` while an outage is waited out.
    fn show_submit(&self, pending: bool, retrying: bool, refused: Option<&str>) {
        if let Some(button) = &self.button {
            button.set_disabled(pending);
        }
        if let Some(line) = &self.submit_status {
            let text = if retrying {
                "Chưa nộp được bài — máy chủ đang bận hoặc mất kết nối, đang thử lại…"
            } else {
                ""
            };
            set_text(line, text);
        }
        if let Some(line) = &self.submit_error {
            line.toggle_attribute_with_force("hidden", refused.is_none()).ok();
            set_text(line, refused.unwrap_or_default());
        }
    }
}

fn set_text(element: &Element, text: &str) {
    if element.text_content().unwrap_or_default() != text {
        element.set_text_content(Some(text));
    }
}

fn set_class(element: &Element, class: &str) {
    if element.class_name() != class {
        element.set_class_name(class);
    }
}

fn set_attr(element: &Element, name: &str, value: &str) {
    if element.get_attribute(name).as_deref() != Some(value) {
        let _ = element.set_attribute(name, value);
    }
}

/// Where the submit stands.
#[derive(Debug, Clone, Default, PartialEq)]
struct Submit {
    /// On the wire, or done and leaving for the result page.
    pending: bool,
    tries: u32,
    retrying: bool,
    refused: Option<String>,
}

/// Takes the form over from the first-tap script and drives it until the page
/// is left. Called once, from the island's effect, after hydration.
pub fn drive(
    state: QuizState,
    chosen: RwSignal<BTreeMap<i32, i32>>,
    queue: RwSignal<SaveQueue>,
    time_up: RwSignal<bool>,
) {
    let Some(page) = Page::find(&state.question_ids) else {
        return;
    };
    let attempt_id = state.attempt_id;
    let total = state.question_ids.len();
    let saved_guess = state.prediction;
    let guess_error = RwSignal::new(None::<String>);
    let submit = RwSignal::new(Submit::default());
    let closing_since = StoredValue::new(None::<f64>);

    // What is unconfirmed is in the browser's storage before it is on the wire.
    let persist = move || {
        if let Some((pending, guess)) = queue.try_with_untracked(|q| (q.pending(), q.pending_prediction())) {
            outbox::store(attempt_id, &pending);
            outbox::store_prediction(attempt_id, guess);
        }
    };
    let dispatch = move |sends: Vec<Outgoing>| {
        for send in sends {
            leptos::task::spawn_local(async move {
                let verdict = outbox::send(attempt_id, send).await;
                let _ = queue.try_update(|q| q.settle(&send, verdict, outbox::now_ms(), outbox::jitter()));
                persist();
            });
        }
    };
    let form = page.form.clone();
    let pump = move || {
        // While the first-tap script still has a save on the wire, a newer
        // choice of the same question could overtake it: wait for its reply.
        if first_tap::sending(&form) {
            return;
        }
        if let Some(sends) = queue.try_update(|q| q.due(outbox::now_ms())) {
            dispatch(sends);
        }
    };

    // The first-tap script stops here; what the server confirmed to it is
    // saved, like the answers the page came with. Before the outbox is read,
    // which the script kept until now.
    let now = outbox::now_ms();
    let confirmed = first_tap::take_over(&page.form);
    let held: Vec<(i32, i32)> = queue
        .try_update(|q| confirmed.into_iter().filter(|(question, _)| q.held_by_server(*question)).collect())
        .unwrap_or_default();
    chosen.update(|c| c.extend(held));
    // Unconfirmed answers from before a reload: ticked again and queued.
    let restored = outbox::load(attempt_id);
    let restored_guess = outbox::load_prediction(attempt_id);
    for (question, option) in &restored {
        page.tick(*question, *option);
    }
    chosen.update(|c| c.extend(restored.iter().map(|(q, o)| (*q, *o))));
    queue.update(|q| {
        for (question, option) in &restored {
            q.choose(*question, *option, now);
        }
        if let Some(guess) = restored_guess {
            q.predict(guess, now);
        }
    });
    // The quiz is a real form, so on a slow network a contestant can answer
    // long before this code runs. What the page shows ticked or typed now is
    // the latest choice: queue what the server lacks.
    let ticked: Vec<(i32, i32)> =
        page.ticked().into_iter().filter(|(q, o)| chosen.with_untracked(|c| c.get(q) != Some(o))).collect();
    chosen.update(|c| c.extend(ticked.iter().copied()));
    queue.update(|q| {
        for (question, option) in &ticked {
            q.choose(*question, *option, now);
        }
    });
    if let Some(input) = &page.guess {
        let typed = input.value();
        match prediction::parse(&typed) {
            Ok(Some(guess)) if Some(guess) != saved_guess && Some(guess) != restored_guess => {
                queue.update(|q| q.predict(guess, now));
            }
            // What the field shows: the figure kept from before a reload, else the saved one.
            _ => input.set_value(&restored_guess.or(saved_guess).map(|g| g.to_string()).unwrap_or_default()),
        }
    }
    persist();
    pump();

    // The marks follow the answers, the queue and the submit.
    let shown = page.clone();
    Effect::new(move |_| {
        let error = guess_error.get();
        chosen.with(|c| queue.with(|q| shown.show(c, q, error.as_deref())));
    });
    let shown = page.clone();
    Effect::new(move |_| submit.with(|s| shown.show_submit(s.pending, s.retrying, s.refused.as_deref())));

    // A click on an option, or a figure typed in the prediction field.
    let pump_on_change = pump.clone();
    let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        if input.type_() == "radio" {
            let (Some(question), Ok(option)) =
                (question_of_field(&input.name()), input.value().parse::<i32>())
            else {
                return;
            };
            chosen.update(|c| {
                c.insert(question, option);
            });
            queue.update(|s| s.choose(question, option, outbox::now_ms()));
        } else if input.id() == "prediction" {
            match prediction::parse(&input.value()) {
                Ok(Some(guess)) => {
                    guess_error.set(None);
                    queue.update(|q| q.predict(guess, outbox::now_ms()));
                }
                // Emptied: the figure saved before stays; the submit asks for one.
                Ok(None) => guess_error.set(None),
                Err(_) => guess_error.set(Some(prediction::range_message())),
            }
        } else {
            return;
        }
        persist();
        pump_on_change();
    });
    let _ = page.form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // The listeners live as long as the page: nothing ever removes them.
    on_change.forget();

    // The submit goes through fetch, so that an outage is waited out and sent
    // again instead of leaving the contestant on an error page.
    let submit_form = {
        let form = page.form.clone();
        move || {
            let _ = form.request_submit();
        }
    };
    let send_submit = {
        let form = page.form.clone();
        let submit_form = submit_form.clone();
        move || {
            let Ok(fields) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            submit.update(|s| s.pending = true);
            let submit_form = submit_form.clone();
            leptos::task::spawn_local(async move {
                match send(&fields).await {
                    Verdict::Saved => {
                        // Graded: what was still queued is in the grade or past saving.
                        outbox::store(attempt_id, &Default::default());
                        outbox::store_prediction(attempt_id, None);
                        let _ = window().location().set_href(&format!("/ket-qua/{attempt_id}"));
                    }
                    Verdict::Retry { after_ms, .. } => {
                        let tries = submit.with_untracked(|s| s.tries) + 1;
                        submit.set(Submit { pending: false, tries, retrying: true, refused: None });
                        let wait = backoff_ms(tries, after_ms, outbox::jitter());
                        set_timeout(submit_form, std::time::Duration::from_millis(wait as u64));
                    }
                    Verdict::Refused(reason) => {
                        submit.set(Submit { refused: Some(reason), ..Submit::default() });
                    }
                }
            });
        }
    };
    let on_submit = Closure::<dyn FnMut(web_sys::SubmitEvent)>::new(move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if submit.with_untracked(|s| s.pending) {
            return;
        }
        // A click on "Nộp bài" asks first when questions are left; the
        // deadline's own submit (no submitter) does not.
        let missing = total - chosen.with_untracked(|c| c.len()).min(total);
        if ev.submitter().is_some() && missing > 0 {
            let question = format!("Bạn còn {missing} câu chưa trả lời. Vẫn nộp bài?");
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
        }
        send_submit();
    });
    let _ = page.form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();

    // At the deadline: everything waiting goes at once, and the form submits
    // when the queue is empty or after FLUSH_WAIT_MS, still inside the grace.
    Effect::new(move |_| {
        if time_up.get() && closing_since.get_value().is_none() {
            let now = outbox::now_ms();
            closing_since.set_value(Some(now));
            if let Some(sends) = queue.try_update(|q| q.flush(now)) {
                dispatch(sends);
            }
        }
    });
    let auto_submitted = StoredValue::new(false);
    let pump_on_tick = pump.clone();
    let tick = move || {
        pump_on_tick();
        if let Some(since) = closing_since.try_get_value().flatten() {
            let drained = queue.try_with_untracked(SaveQueue::is_empty).unwrap_or(true);
            if !auto_submitted.try_get_value().unwrap_or(true)
                && (drained || outbox::now_ms() - since >= FLUSH_WAIT_MS)
            {
                auto_submitted.set_value(true);
                submit_form();
            }
        }
    };
    // Drive the queue every 250 ms, and at once when the network returns.
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(250)) {
        on_cleanup(move || handle.clear());
    }
    let online = window_event_listener(leptos::ev::online, move |_| {
        let _ = queue.try_update(|q| q.retry_now(outbox::now_ms()));
        pump();
    });
    on_cleanup(move || online.remove());
    // Leaving with answers not yet on the server: the browser asks first. Not
    // while the submit is under way: it carries every ticked answer anyway.
    let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
        let submitting = submit.try_with_untracked(|s| s.pending).unwrap_or(false);
        if !submitting && !queue.try_with_untracked(SaveQueue::is_empty).unwrap_or(true) {
            ev.prevent_default();
            ev.set_return_value("Một số câu trả lời chưa được lưu.");
        }
    });
    on_cleanup(move || leaving.remove());
}

/// Posts the form's fields to the submit's server function as the plain form
/// would, and says what the reply means: the same verdicts as a save.
async fn send(fields: &web_sys::FormData) -> Verdict {
    let Ok(body) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(fields) else {
        return Verdict::Refused("Không đọc được bài làm trên trang.".into());
    };
    let request = gloo_net::http::Request::post(super::quiz::submit_url())
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body);
    let reply = match request {
        Ok(request) => request.send().await,
        Err(e) => Err(e),
    };
    let Ok(reply) = reply else {
        return Verdict::Retry { hold: super::save_queue::Hold::Offline, after_ms: None };
    };
    let status = reply.status();
    if (200..300).contains(&status) {
        return Verdict::Saved;
    }
    let retry_after = reply.headers().get("retry-after");
    // The server function's error, in its JSON encoding; a proxy's page is not.
    match reply.json::<AppError>().await {
        Ok(err) => match Verdict::of_error(&err) {
            Verdict::Refused(_) => Verdict::Refused(refusal_text(&err)),
            other => other,
        },
        Err(_) => Verdict::of_reply(status, false, retry_after.as_deref(), None),
    }
}
