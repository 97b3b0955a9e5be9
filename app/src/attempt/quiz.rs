//! The quiz form of a running attempt.
//!
//! It is a real form: before the wasm arrives it can be answered and submitted
//! as plain HTML (`POST /api/ui/submit` carries every ticked answer). Once
//! hydrated, each click goes into the [`SaveQueue`] and is sent at once; an
//! answer the server has not confirmed stays queued (and in the browser's
//! storage, across reloads) through outages, throttling and lost networks, is
//! retried with back-off, and is shown as "Chưa lưu" until it lands. Only a
//! refusal (the attempt is closed, the option is not the question's) drops it,
//! and the page says so. At the deadline the queue is flushed, then the form
//! submits itself; a submit that meets an outage is retried too. The
//! prediction answer goes through the same queue (saved on change, kept across
//! reloads, retried), and leaving the page while anything is unsaved warns.
//! Before the wasm runs, the first-tap script ([`super::first_tap`]) does the
//! saving; the wasm takes over from it when it hydrates.
use super::api::{AttemptView, SubmitForm};
#[cfg(feature = "hydrate")]
use super::first_tap;
use super::outbox;
use super::prediction;
use super::save_queue::{backoff_ms, summary, Hold, Mark, Outgoing, SaveQueue, Verdict, FLUSH_WAIT_MS};
use crate::error::AppError;
use crate::ui::Countdown;
use leptos::prelude::*;

fn mark_label(mark: Option<Mark>) -> String {
    match mark {
        None => String::new(),
        Some(Mark::Saving) => "Đang lưu…".into(),
        Some(Mark::Saved) => "Đã lưu".into(),
        Some(Mark::Unsaved(Hold::Offline)) => "Chưa lưu — chưa gửi được, sẽ tự gửi lại khi có mạng".into(),
        Some(Mark::Unsaved(Hold::Busy)) => "Chưa lưu — máy chủ đang bận, đang thử lại…".into(),
        Some(Mark::Refused(reason)) => format!("Không lưu được: {reason}"),
    }
}

/// The question id in a radio's name, `answers[12]` → 12.
#[cfg(any(test, feature = "hydrate"))]
fn question_of_field(name: &str) -> Option<i32> {
    name.strip_prefix("answers[")?.strip_suffix(']')?.parse().ok()
}

/// (question, option) of every radio ticked in the form right now.
#[cfg(feature = "hydrate")]
fn ticked_in_page(form: &web_sys::HtmlFormElement) -> Vec<(i32, i32)> {
    use leptos::wasm_bindgen::JsCast;
    let Ok(list) = form.query_selector_all("input[type=radio]:checked") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter_map(|input| Some((question_of_field(&input.name())?, input.value().parse().ok()?)))
        .collect()
}

/// An island: its props (the attempt as the server loaded it, with the
/// server's clock) are all it knows; it hydrates in the islands bundle.
#[island]
pub fn Quiz(attempt: AttemptView) -> impl IntoView {
    let AttemptView {
        attempt_id,
        deadline_ms,
        server_now_ms,
        questions,
        answers,
        prediction_prompt,
        prediction: saved_guess,
        extra_time_note,
        ..
    } = attempt;
    let total = questions.len();
    let chosen = RwSignal::new(answers.clone());
    let mut initial = SaveQueue::new(answers.keys().copied());
    if saved_guess.is_some() {
        initial = initial.with_saved_prediction();
    }
    let queue = RwSignal::new(initial);
    // What the prediction field shows: the saved figure, then what is typed.
    // Written into the field by hand (see the hydrate effect), never through
    // `prop:value`: hydrating that property would wipe a figure typed before
    // the wasm ran.
    let guess_text = RwSignal::new(saved_guess.map(|p| p.to_string()).unwrap_or_default());
    let guess_ref = NodeRef::<leptos::html::Input>::new();
    let guess_error = RwSignal::new(None::<String>);
    let submit = ServerAction::<SubmitForm>::new();
    let form_ref = NodeRef::<leptos::html::Form>::new();

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
                // The page may be gone (submitted); then there is nothing to update.
                let _ = queue.try_update(|q| q.settle(&send, verdict, outbox::now_ms(), outbox::jitter()));
                persist();
            });
        }
    };
    let pump = move || {
        // While the first-tap script still has a save on the wire, a newer
        // choice of the same question could overtake it: wait for its reply.
        #[cfg(feature = "hydrate")]
        if form_ref.try_get_untracked().flatten().is_some_and(|form| first_tap::sending(&form)) {
            return;
        }
        if let Some(sends) = queue.try_update(|q| q.due(outbox::now_ms())) {
            dispatch(sends);
        }
    };

    // At the deadline: everything waiting goes at once, and the form submits
    // when the queue is empty or after FLUSH_WAIT_MS, still inside the grace.
    let closing_since = StoredValue::new(None::<f64>);
    let auto_submitted = StoredValue::new(false);
    let submit_form = move || {
        // The page may be gone by the time a retry fires.
        #[cfg(feature = "hydrate")]
        if let Some(form) = form_ref.try_get_untracked().flatten() {
            let _ = form.request_submit();
        }
    };
    let on_zero = Callback::new(move |_| {
        let now = outbox::now_ms();
        closing_since.set_value(Some(now));
        if let Some(sends) = queue.try_update(|q| q.flush(now)) {
            dispatch(sends);
        }
    });
    let tick = move || {
        pump();
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

    // Browser only: take back what was unconfirmed before a reload, send it,
    // then drive the queue every 250 ms and at once when the network returns.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let now = outbox::now_ms();
            // The first-tap script stops here; what the server confirmed to
            // it is saved, like the answers the page came with. Before the
            // outbox is read, which the script kept until now.
            if let Some(form) = form_ref.get_untracked() {
                let confirmed = first_tap::take_over(&form);
                let held: Vec<(i32, i32)> = queue
                    .try_update(|q| {
                        confirmed.into_iter().filter(|(question, _)| q.held_by_server(*question)).collect()
                    })
                    .unwrap_or_default();
                chosen.update(|c| c.extend(held));
            }
            let restored = outbox::load(attempt_id);
            chosen.update(|c| c.extend(restored.iter().map(|(q, o)| (*q, *o))));
            let restored_guess = outbox::load_prediction(attempt_id);
            queue.update(|q| {
                for (question, option) in &restored {
                    q.choose(*question, *option, now);
                }
                if let Some(guess) = restored_guess {
                    q.predict(guess, now);
                }
            });
            if let Some(guess) = restored_guess {
                guess_text.set(guess.to_string());
            }
            // The quiz is a real form, so on a slow network a contestant can
            // answer long before this code runs. What the page shows ticked or
            // typed now is the latest choice: queue what the server lacks.
            if let Some(form) = form_ref.get_untracked() {
                let ticked: Vec<(i32, i32)> = ticked_in_page(&form)
                    .into_iter()
                    .filter(|(q, o)| chosen.with_untracked(|c| c.get(q) != Some(o)))
                    .collect();
                chosen.update(|c| c.extend(ticked.iter().copied()));
                queue.update(|q| {
                    for (question, option) in &ticked {
                        q.choose(*question, *option, now);
                    }
                });
            }
            if let Some(input) = guess_ref.get_untracked() {
                let typed = input.value();
                match prediction::parse(&typed) {
                    Ok(Some(guess)) if Some(guess) != saved_guess && Some(guess) != restored_guess => {
                        guess_text.set(typed);
                        queue.update(|q| q.predict(guess, now));
                    }
                    _ => input.set_value(&guess_text.get_untracked()),
                }
            }
            persist();
            pump();
            if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(250)) {
                on_cleanup(move || handle.clear());
            }
            let online = window_event_listener(leptos::ev::online, move |_| {
                let _ = queue.try_update(|q| q.retry_now(outbox::now_ms()));
                pump();
            });
            on_cleanup(move || online.remove());
            // Leaving with answers not yet on the server: the browser asks first.
            // Not while the submit is under way: its answer sends the browser to
            // the result page (a page load, with islands), and the submit carries
            // every ticked answer anyway.
            let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
                let submitting = submit.pending().try_get_untracked().unwrap_or(false);
                if !submitting && !queue.try_with_untracked(SaveQueue::is_empty).unwrap_or(true) {
                    ev.prevent_default();
                    ev.set_return_value("Một số câu trả lời chưa được lưu.");
                }
            });
            on_cleanup(move || leaving.remove());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = tick;
    });

    // A submit that met an outage (5xx, 429, no network) is sent again with
    // back-off; a refusal (e.g. the prediction is missing) is shown instead.
    let submit_tries = StoredValue::new(0_u32);
    let submit_retrying = RwSignal::new(false);
    let handled_version = StoredValue::new(0_usize);
    Effect::new(move |_| {
        // Once per finished dispatch, however many signals it touched.
        let version = submit.version().get();
        if version == handled_version.get_value() {
            return;
        }
        handled_version.set_value(version);
        match submit.value().get_untracked() {
            Some(Err(err)) => {
                if let Verdict::Retry { after_ms, .. } = Verdict::of_error(&err) {
                    let tries = submit_tries.get_value() + 1;
                    submit_tries.set_value(tries);
                    submit_retrying.set(true);
                    let wait = backoff_ms(tries, after_ms, outbox::jitter());
                    #[cfg(feature = "hydrate")]
                    set_timeout(submit_form, std::time::Duration::from_millis(wait as u64));
                    #[cfg(not(feature = "hydrate"))]
                    let _ = wait;
                } else {
                    submit_retrying.set(false);
                }
            }
            Some(Ok(())) => {
                submit_retrying.set(false);
                // Graded: what was still queued is in the grade or past saving.
                outbox::store(attempt_id, &Default::default());
                outbox::store_prediction(attempt_id, None);
            }
            None => {}
        }
    });

    let answered = move || chosen.with(|c| c.len());
    let unsaved = move || queue.with(SaveQueue::unsaved);
    let confirm_unanswered = move |ev: leptos::ev::MouseEvent| {
        let missing = total - answered();
        if missing > 0 {
            let question = format!("Bạn còn {missing} câu chưa trả lời. Vẫn nộp bài?");
            if !window().confirm_with_message(&question).unwrap_or(false) {
                ev.prevent_default();
            }
        }
    };
    let submit_error = move || match submit.value().get() {
        Some(Err(err)) if matches!(Verdict::of_error(&err), Verdict::Refused(_)) => Some(match err {
            AppError::Invalid(fields) => fields.values().next().cloned().unwrap_or_default(),
            other => other.to_string(),
        }),
        _ => None,
    };
    let submit_status = move || {
        if submit_retrying.get() {
            "Chưa nộp được bài — máy chủ đang bận hoặc mất kết nối, đang thử lại…"
        } else {
            ""
        }
    };

    let nav_items = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let qid = q.id;
            let done = move || chosen.with(|c| c.contains_key(&qid));
            let waiting = move || queue.with(|s| matches!(s.mark(qid), Some(Mark::Unsaved(_))));
            let label = move || {
                let answered = if done() { ", đã trả lời" } else { ", chưa trả lời" };
                format!("Câu {}{answered}{}", i + 1, if waiting() { ", chưa lưu" } else { "" })
            };
            view! {
                <li>
                    <a href=format!("#cau-{}", i + 1) class:answered=done class:unsaved=waiting aria-label=label>
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
            let mark = move || queue.with(|s| s.mark(qid));
            let state_class = move || match mark() {
                Some(Mark::Saved) => "save-state saved",
                Some(Mark::Unsaved(_)) | Some(Mark::Refused(_)) => "save-state problem",
                _ => "save-state",
            };
            let options = q
                .options
                .into_iter()
                .enumerate()
                .map(|(j, o)| {
                    let oid = o.id;
                    let letter = ["A", "B", "C", "D", "E", "F"].get(j).copied().unwrap_or("");
                    let input_id = format!("q{qid}-o{oid}");
                    view! {
                        <div class="option">
                            <input type="radio" id=input_id.clone() name=format!("answers[{qid}]") value=oid.to_string()
                                checked=move || chosen.with(|c| c.get(&qid) == Some(&oid))
                                on:change=move |_| {
                                    chosen.update(|c| { c.insert(qid, oid); });
                                    queue.update(|s| s.choose(qid, oid, outbox::now_ms()));
                                    persist();
                                    pump();
                                }/>
                            <label for=input_id>{format!("{letter}. ")}{o.text}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="question" id=format!("cau-{}", i + 1)>
                    <legend>{format!("Câu {}. ", i + 1)}{q.text}</legend>
                    {options}
                    <p class=state_class aria-live="polite">{move || mark_label(mark())}</p>
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <div class="quiz-bar">
            <Countdown label="Thời gian còn lại".to_owned() at_ms=deadline_ms server_now_ms=server_now_ms
                on_zero=on_zero announce=true/>
            <p class="progress">{move || format!("Đã trả lời {}/{}", answered(), total)}</p>
            // Always in the page, so that screen readers hear it change.
            <p class="save-summary" role="status" aria-live="polite">{move || summary(unsaved())}</p>
        </div>
        {extra_time_note.map(|note| view! { <p class="notice extra-time">{note}</p> })}
        <nav class="navigator" aria-label="Danh sách câu hỏi"><ol>{nav_items}</ol></nav>
        <ActionForm action=submit node_ref=form_ref attr:class="quiz">
            <input type="hidden" name="attempt_id" value=attempt_id.to_string()/>
            {items}
            {prediction_prompt.map(|prompt| view! {
                <fieldset class="question prediction">
                    <legend>"Câu hỏi dự đoán"</legend>
                    <label for="prediction">{prompt}</label>
                    // Saved when it changes (and on leaving the field), like an answer.
                    <input id="prediction" name="prediction" type="number" min="0" step="1" inputmode="numeric"
                        max=prediction::MAX_PREDICTION.to_string()
                        aria-describedby="prediction-state"
                        value=guess_text.get_untracked()
                        node_ref=guess_ref
                        on:change:target=move |ev| {
                            let typed = ev.target().value();
                            guess_text.set(typed.clone());
                            match prediction::parse(&typed) {
                                Ok(Some(guess)) => {
                                    guess_error.set(None);
                                    queue.update(|q| q.predict(guess, outbox::now_ms()));
                                    persist();
                                    pump();
                                }
                                // Emptied: the figure saved before stays; the submit asks for one.
                                Ok(None) => guess_error.set(None),
                                Err(_) => guess_error.set(Some(prediction::range_message())),
                            }
                        }/>
                    <p id="prediction-state" class=move || match (guess_error.get(), queue.with(SaveQueue::prediction_mark)) {
                        (Some(_), _) | (_, Some(Mark::Unsaved(_)) | Some(Mark::Refused(_))) => "save-state problem",
                        (_, Some(Mark::Saved)) => "save-state saved",
                        _ => "save-state",
                    } aria-live="polite">
                        {move || guess_error.get().unwrap_or_else(|| mark_label(queue.with(SaveQueue::prediction_mark)))}
                    </p>
                </fieldset>
            })}
            <Show when=move || submit_error().is_some()>
                <p class="form-error" role="alert">{submit_error}</p>
            </Show>
            <p class="submit-status" role="status" aria-live="polite">{submit_status}</p>
            <button type="submit" class="primary" on:click=confirm_unanswered disabled=move || submit.pending().get()>
                "Nộp bài"
            </button>
        </ActionForm>
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
