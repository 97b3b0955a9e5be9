//! The quiz and result pages.
//!
//! The quiz is a real form: before the wasm arrives it can be answered and
//! submitted as plain HTML. Once hydrated, each click is saved at once, the
//! page shows whether each answer is saved, answers made while offline wait in
//! the browser (and survive a reload) until the network returns, and the form
//! submits itself when the server's time is up.
use super::api::{get_attempt, get_result, get_review, save_answer, AttemptView, Review, SubmitForm};
use crate::contest::Countdown;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
enum SaveState {
    Saving,
    Saved,
    /// Not sent yet (offline); retried until the server takes it.
    Queued,
    Refused(String),
}

impl SaveState {
    fn label(&self) -> String {
        match self {
            SaveState::Saving => "Đang lưu…".into(),
            SaveState::Saved => "Đã lưu".into(),
            SaveState::Queued => "Chưa gửi được, sẽ tự gửi lại khi có mạng".into(),
            SaveState::Refused(message) => message.clone(),
        }
    }
}

fn attempt_id_param() -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("attempt_id").and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// `/bai-thi/:attempt_id`
#[component]
pub fn QuizPage() -> impl IntoView {
    let attempt_id = attempt_id_param();
    let attempt = Resource::new(attempt_id, get_attempt);
    view! {
        <Title text="Bài thi"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải bài thi…"</p> }>
            {move || Suspend::new(async move {
                match attempt.await {
                    Ok(view) => view! { <Quiz attempt=view/> }.into_any(),
                    Err(AppError::Conflict { code, .. }) if code == "attempt_submitted" => view! {
                        <section class="card">
                            <h1>"Bài thi đã được nộp"</h1>
                            <p><a href=format!("/ket-qua/{}", attempt_id())>"Xem kết quả"</a></p>
                        </section>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <section class="card" role="alert">
                            <h1>"Bạn cần đăng nhập"</h1>
                            <p><a href="/dang-nhap">"Đăng nhập để tiếp tục bài thi"</a></p>
                        </section>
                    }.into_any(),
                    Err(err) => view! {
                        <section class="card" role="alert"><h1>"Không mở được bài thi"</h1><p>{err.to_string()}</p></section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Quiz(attempt: AttemptView) -> impl IntoView {
    let AttemptView { attempt_id, deadline_ms, server_now_ms, questions, answers, prediction_prompt, .. } =
        attempt;
    let total = questions.len();
    let chosen = RwSignal::new(answers.clone());
    let states =
        RwSignal::new(answers.keys().map(|q| (*q, SaveState::Saved)).collect::<BTreeMap<i32, SaveState>>());
    let queue = RwSignal::new(BTreeMap::<i32, i32>::new());
    let submit = ServerAction::<SubmitForm>::new();
    let form_ref = NodeRef::<leptos::html::Form>::new();

    // Sends one answer; a network failure queues it (and keeps it across reloads).
    let send = move |question_id: i32, option_id: i32| {
        states.update(|s| {
            s.insert(question_id, SaveState::Saving);
        });
        leptos::task::spawn_local(async move {
            let outcome = save_answer(attempt_id, question_id, option_id).await;
            let still_current = chosen.with_untracked(|c| c.get(&question_id) == Some(&option_id));
            match outcome {
                Ok(_) => {
                    queue.update(|q| {
                        if q.get(&question_id) == Some(&option_id) {
                            q.remove(&question_id);
                        }
                    });
                    if still_current {
                        states.update(|s| {
                            s.insert(question_id, SaveState::Saved);
                        });
                    }
                }
                Err(AppError::Network(_)) => {
                    queue.update(|q| {
                        q.insert(question_id, option_id);
                    });
                    states.update(|s| {
                        s.insert(question_id, SaveState::Queued);
                    });
                }
                Err(err) => {
                    queue.update(|q| {
                        q.remove(&question_id);
                    });
                    states.update(|s| {
                        s.insert(question_id, SaveState::Refused(err.to_string()));
                    });
                }
            }
            offline::store(attempt_id, &queue.get_untracked());
        });
    };

    // Browser only: restore answers queued before a reload, then retry the queue every 3 s.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let restored = offline::load(attempt_id);
            for (q, o) in &restored {
                chosen.update(|c| {
                    c.insert(*q, *o);
                });
            }
            queue.set(restored.clone());
            for (q, o) in restored {
                send(q, o);
            }
            let retry = set_interval_with_handle(
                move || {
                    for (q, o) in queue.get_untracked() {
                        if states.with_untracked(|s| s.get(&q) != Some(&SaveState::Saving)) {
                            send(q, o);
                        }
                    }
                },
                std::time::Duration::from_secs(3),
            );
            if let Ok(handle) = retry {
                on_cleanup(move || handle.clear());
            }
        }
    });

    let answered = move || chosen.with(|c| c.len());
    let on_zero = Callback::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(form) = form_ref.get_untracked() {
            // Time is up on the server's clock: hand in what is there.
            let _ = form.request_submit();
        }
    });
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
        Some(Err(AppError::Invalid(fields))) => fields.values().next().cloned(),
        Some(Err(err)) => Some(err.to_string()),
        _ => None,
    };

    let nav_items = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let qid = q.id;
            let done = move || chosen.with(|c| c.contains_key(&qid));
            view! {
                <li>
                    <a href=format!("#cau-{}", i + 1) class:answered=done
                        aria-label=move || format!("Câu {}{}", i + 1, if done() { ", đã trả lời" } else { ", chưa trả lời" })>
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
            let state_label = move || states.with(|s| s.get(&qid).map(SaveState::label).unwrap_or_default());
            let state_class = move || match states.with(|s| s.get(&qid).cloned()) {
                Some(SaveState::Saved) => "save-state saved",
                Some(SaveState::Queued) | Some(SaveState::Refused(_)) => "save-state problem",
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
                                    send(qid, oid);
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
                    <p class=state_class aria-live="polite">{state_label}</p>
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <div class="quiz-bar">
            <Countdown label="Thời gian còn lại".to_owned() at_ms=deadline_ms server_now_ms=server_now_ms
                on_zero=on_zero announce=true/>
            <p class="progress">{move || format!("Đã trả lời {}/{}", answered(), total)}</p>
        </div>
        <nav class="navigator" aria-label="Danh sách câu hỏi"><ol>{nav_items}</ol></nav>
        <ActionForm action=submit node_ref=form_ref attr:class="quiz">
            <input type="hidden" name="attempt_id" value=attempt_id.to_string()/>
            {items}
            {prediction_prompt.map(|prompt| view! {
                <fieldset class="question prediction">
                    <legend>"Câu hỏi dự đoán"</legend>
                    <label for="prediction">{prompt}</label>
                    <input id="prediction" name="prediction" type="number" min="0" step="1" inputmode="numeric"/>
                </fieldset>
            })}
            <Show when=move || submit_error().is_some()>
                <p class="form-error" role="alert">{submit_error}</p>
            </Show>
            <button type="submit" class="primary" on:click=confirm_unanswered disabled=move || submit.pending().get()>
                "Nộp bài"
            </button>
        </ActionForm>
    }
}

/// Answers waiting for the network, kept in the browser's storage per attempt.
mod offline {
    use std::collections::BTreeMap;

    #[cfg(feature = "hydrate")]
    fn key(attempt_id: i32) -> String {
        format!("cho-gui-{attempt_id}")
    }

    #[cfg(feature = "hydrate")]
    pub fn load(attempt_id: i32) -> BTreeMap<i32, i32> {
        let Some(storage) = leptos::prelude::window().local_storage().ok().flatten() else {
            return BTreeMap::new();
        };
        storage
            .get_item(&key(attempt_id))
            .ok()
            .flatten()
            .map(|text| {
                text.split(',')
                    .filter_map(|pair| {
                        let (q, o) = pair.split_once(':')?;
                        Some((q.parse().ok()?, o.parse().ok()?))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn store(attempt_id: i32, queue: &BTreeMap<i32, i32>) {
        #[cfg(feature = "hydrate")]
        if let Some(storage) = leptos::prelude::window().local_storage().ok().flatten() {
            let text: Vec<String> = queue.iter().map(|(q, o)| format!("{q}:{o}")).collect();
            let _ = if text.is_empty() {
                storage.remove_item(&key(attempt_id))
            } else {
                storage.set_item(&key(attempt_id), &text.join(","))
            };
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (attempt_id, queue);
    }
}

/// `/ket-qua/:attempt_id`
#[component]
pub fn ResultPage() -> impl IntoView {
    let attempt_id = attempt_id_param();
    let result = Resource::new(attempt_id, get_result);
    let review = Resource::new(attempt_id, get_review);
    view! {
        <Title text="Kết quả bài thi"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(r) => view! {
                        <section class="card result" aria-labelledby="result-heading">
                            <h1 id="result-heading">"Kết quả bài thi"</h1>
                            <p class="score"><strong>{r.score}</strong>" điểm"</p>
                            <p>{format!("Trả lời đúng {}/{} câu", r.correct, r.total)}</p>
                            <p>{format!("Thời gian làm bài: {}", duration(r.duration_ms))}</p>
                            <p><a href="/">"Về trang chủ"</a></p>
                        </section>
                    }.into_any(),
                    Err(err) => view! {
                        <section class="card" role="alert"><h1>"Không xem được kết quả"</h1><p>{err.to_string()}</p></section>
                    }.into_any(),
                }
            })}
            {move || Suspend::new(async move {
                review.await.ok().map(|review| view! { <ReviewList review=review/> })
            })}
        </Suspense>
    }
}

#[component]
fn ReviewList(review: Review) -> impl IntoView {
    if review.items.is_empty() {
        return view! { <section class="card"><h2>"Đáp án"</h2><p>{review.note}</p></section> }.into_any();
    }
    let items = review
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let right = item.chosen_option_id == Some(item.correct_option_id);
            let options = item
                .options
                .into_iter()
                .enumerate()
                .map(|(j, o)| {
                    let letter = ["A", "B", "C", "D", "E", "F"].get(j).copied().unwrap_or("");
                    let mark = match (o.id == item.correct_option_id, Some(o.id) == item.chosen_option_id) {
                        (true, true) => " ✓ (bạn chọn, đúng)",
                        (true, false) => " ✓ (đáp án đúng)",
                        (false, true) => " ✗ (bạn chọn)",
                        _ => "",
                    };
                    view! { <li class:correct=o.id == item.correct_option_id>{format!("{letter}. {}{mark}", o.text)}</li> }
                })
                .collect_view();
            view! {
                <li class=if right { "review-item right" } else { "review-item wrong" }>
                    <p>{format!("Câu {}. {}", i + 1, item.text)}</p>
                    <ul>{options}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <section class="card" aria-labelledby="review-heading"><h2 id="review-heading">"Đáp án"</h2><ol class="review">{items}</ol></section> }
        .into_any()
}

/// "12 phút 34,5 giây": to the tenth of a second, Vietnamese decimal comma.
pub fn duration(ms: i32) -> String {
    let tenths = ms.max(0) / 100;
    let (minutes, rest) = (tenths / 600, tenths % 600);
    let seconds = format!("{},{}", rest / 10, rest % 10);
    if minutes > 0 {
        format!("{minutes} phút {seconds} giây")
    } else {
        format!("{seconds} giây")
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_show_tenths_with_a_comma() {
        assert_eq!(duration(734_512), "12 phút 14,5 giây");
        assert_eq!(duration(59_949), "59,9 giây");
        assert_eq!(duration(0), "0,0 giây");
    }
}
