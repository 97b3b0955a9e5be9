//! `/quan-tri/dot-thi/:id` (or `moi?cuoc_thi=ID`): a round's times, draw,
//! limits, prediction question, review policy and pool, with its live monitor.
use crate::contest_admin::{
    admin_new_round, admin_round, admin_round_monitor, admin_save_round, PoolMode, QuotaDraft, RoundDraft,
    RoundMonitor, RoundSetup,
};
use crate::error::AppError;
use crate::question_bank::{admin_topics, TopicItem};
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn RoundEditPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok());
    let contest_id = move || query.read().get("cuoc_thi").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    // After the first save of a new round the page reopens it with ?da_luu=1.
    let just_saved = move || query.read_untracked().get("da_luu").is_some();
    let data = crate::ui::client_resource(
        move || (id(), contest_id()),
        |(id, contest_id)| async move {
            let topics = admin_topics().await?;
            let setup = match id {
                Some(id) => admin_round(id).await?,
                // Numbered by the server after the contest's last round.
                None => admin_new_round(contest_id).await?,
            };
            Ok::<_, AppError>((topics, setup))
        },
    );
    // The live monitor's figures, made here and not inside the form (no resource
    // is created inside another resource's Suspend); refreshed every 10 s.
    let tick = RwSignal::new(0u32);
    let figures = crate::ui::client_resource(
        move || (id(), tick.get()),
        |(id, _)| async move {
            match id {
                Some(id) => admin_round_monitor(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    #[cfg(feature = "hydrate")]
    {
        let handle =
            set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(10));
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    }
    view! {
        <Title text="Đợt thi"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((topics, setup)) => view! {
                        <RoundForm topics=topics setup=setup just_saved=just_saved()/>
                        <Monitor figures=figures/>
                    }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn select(
    id: &'static str,
    value: RwSignal<String>,
    choices: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    view! {
        <select id=id on:change:target=move |ev| value.set(ev.target().value())>
            {choices.iter().map(|(v, l)| view! { <option value=*v selected=move || value.get() == *v>{*l}</option> }).collect_view()}
        </select>
    }
}

/// The round form's fields in page order: name on the wire, element id
/// (the per-topic quotas, `quota_<topic>` → `r-quota-<topic>`, follow).
const ROUND_FIELDS: [(&str, &str); 12] = [
    ("number", "r-number"),
    ("title", "r-title"),
    ("opens_at", "r-opens"),
    ("closes_at", "r-closes"),
    ("questions_per_attempt", "r-count"),
    ("time_limit_minutes", "r-minutes"),
    ("attempts_allowed", "r-allowed"),
    ("counted_attempt", "r-counted"),
    ("prediction_kind", "r-prediction"),
    ("prediction_prompt", "r-prompt"),
    ("review_policy", "r-review"),
    ("pool", "pool-all"),
];

#[component]
fn RoundForm(topics: Vec<TopicItem>, setup: RoundSetup, just_saved: bool) -> impl IntoView {
    let d = setup.round.clone();
    // Open now: the draw and the times stay as they are (the server refuses changes too).
    let locked = setup.running;
    let id = d.id;
    let contest_id = d.contest_id;
    let number = RwSignal::new(d.number.to_string());
    let title = RwSignal::new(d.title.clone());
    let opens = RwSignal::new(d.opens_at.clone());
    let closes = RwSignal::new(d.closes_at.clone());
    let per_attempt = RwSignal::new(d.questions_per_attempt.to_string());
    let minutes = RwSignal::new(d.time_limit_minutes.to_string());
    let allowed = RwSignal::new(d.attempts_allowed.to_string());
    let counted = RwSignal::new(d.counted_attempt.clone());
    let prediction = RwSignal::new(d.prediction_kind.clone());
    let prompt = RwSignal::new(d.prediction_prompt.clone().unwrap_or_default());
    let review = RwSignal::new(d.review_policy.clone());
    let practice = RwSignal::new(d.practice);
    let mode = RwSignal::new(d.pool_mode);
    let pool_topics = RwSignal::new(d.pool_topics.clone());
    let pool_questions =
        RwSignal::new(d.pool_questions.iter().map(i32::to_string).collect::<Vec<_>>().join(", "));
    let quotas = RwSignal::new(d.quotas.clone());
    let confirm = RwSignal::new(false);
    let outcome = RwSignal::new(just_saved.then_some(Ok::<&'static str, AppError>("Đã lưu đợt thi.")));
    let navigate = use_navigate();
    let number_of = |s: RwSignal<String>| s.get_untracked().trim().parse::<i32>().unwrap_or(0);

    let save = move |_| {
        // Number fields left empty go as 0; they are then asked for, not called out of range.
        let blanks = crate::form::blanks(&[
            (number, "number", "Vui lòng nhập số thứ tự đợt thi."),
            (per_attempt, "questions_per_attempt", "Vui lòng nhập số câu mỗi lượt thi."),
            (minutes, "time_limit_minutes", "Vui lòng nhập thời gian làm bài."),
            (allowed, "attempts_allowed", "Vui lòng nhập số lượt thi mỗi người."),
        ]);
        let draft = RoundDraft {
            id,
            contest_id,
            number: number_of(number),
            title: title.get_untracked(),
            opens_at: opens.get_untracked(),
            closes_at: closes.get_untracked(),
            questions_per_attempt: number_of(per_attempt),
            time_limit_minutes: number_of(minutes),
            attempts_allowed: number_of(allowed),
            counted_attempt: counted.get_untracked(),
            prediction_kind: prediction.get_untracked(),
            prediction_prompt: Some(prompt.get_untracked()),
            review_policy: review.get_untracked(),
            practice: practice.get_untracked(),
            pool_mode: mode.get_untracked(),
            pool_topics: pool_topics.get_untracked(),
            pool_questions: pool_questions
                .get_untracked()
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|s| s.parse().ok())
                .collect(),
            quotas: quotas.get_untracked(),
        };
        let navigate = navigate.clone();
        let confirmed = confirm.get_untracked();
        leptos::task::spawn_local(async move {
            match admin_save_round(draft, confirmed).await {
                Ok(saved) if id.is_none() => {
                    navigate(&format!("/quan-tri/dot-thi/{}?da_luu=1", saved.id), Default::default())
                }
                Ok(_) => {
                    confirm.set(false);
                    outcome.set(Some(Ok("Đã lưu đợt thi.")));
                }
                Err(e) => {
                    // A round with attempts: the second press confirms.
                    if matches!(&e, AppError::Conflict { code, .. } if code == "round_has_attempts") {
                        confirm.set(true);
                    }
                    outcome.set(Some(Err(crate::form::ask_for_blanks(e, &blanks))));
                }
            }
        });
    };
    let field = move |name: &str| crate::form::field_message(outcome, name);
    // Errors are in the summary at the top of the form, each linked to its field.
    let message = move || crate::form::saved_notice(outcome, "Đã lưu đợt thi.");
    let quota_fields: Vec<(String, String)> =
        topics.iter().map(|t| (format!("quota_{}", t.id), format!("r-quota-{}", t.id))).collect();
    let problems = Signal::derive(move || {
        let mut fields: Vec<(&str, &str)> = ROUND_FIELDS.to_vec();
        fields.extend(quota_fields.iter().map(|(name, id)| (name.as_str(), id.as_str())));
        outcome.with(|o| crate::form::problems_of(o.as_ref(), &fields, None))
    });
    let topics_for_quota = topics.clone();
    view! {
        <section class="card form-card wide">
            <h1>{if id.is_some() { "Sửa đợt thi" } else { "Thêm đợt thi" }}</h1>
            <p><a href=format!("/quan-tri/cuoc-thi/{contest_id}")>"← Về cuộc thi"</a></p>
            {(setup.attempts > 0).then(|| view! {
                <p class="hint">{format!("Đợt thi đã có {} lượt thi. Lượt đang làm luôn giữ nguyên thời gian làm bài.", setup.attempts)}</p>
            })}
            {locked.then(|| view! {
                <p class="notice-warn" id="round-locked">"Đợt thi đang diễn ra: không thể đổi câu hỏi của đợt thi, thời gian bắt đầu, thời gian làm bài, số câu và số lượt thi mỗi người. Vẫn có thể đổi tên, giờ kết thúc và cách xem lại bài."</p>
            })}
            <div class="form">
                <crate::form::ErrorSummary problems=problems/>
                {move || message().map(|(class, text)| view! { <p class=class role="status">{text}</p> })}
                <label for="r-number">"Số thứ tự"</label>
                <input id="r-number" type="number" min="1" prop:value=move || number.get() on:input:target=move |ev| number.set(ev.target().value())/>
                <p class="field-error">{move || field("number")}</p>
                <label for="r-title">"Tên đợt thi"</label>
                <input id="r-title" placeholder="Tuần thi thứ nhất" prop:value=move || title.get() on:input:target=move |ev| title.set(ev.target().value())/>
                <p class="field-error">{move || field("title")}</p>
                <label for="r-opens">"Bắt đầu (giờ Việt Nam)"</label>
                <input id="r-opens" type="datetime-local" disabled=locked prop:value=move || opens.get() on:input:target=move |ev| opens.set(ev.target().value())/>
                <p class="field-error">{move || field("opens_at")}</p>
                <label for="r-closes">"Kết thúc (giờ Việt Nam)"</label>
                <input id="r-closes" type="datetime-local" prop:value=move || closes.get() on:input:target=move |ev| closes.set(ev.target().value())/>
                <p class="field-error">{move || field("closes_at")}</p>
                <label for="r-count">"Số câu mỗi lượt thi"</label>
                <input id="r-count" type="number" min="1" disabled=locked prop:value=move || per_attempt.get() on:input:target=move |ev| per_attempt.set(ev.target().value())/>
                <p class="field-error">{move || field("questions_per_attempt")}</p>
                <label for="r-minutes">"Thời gian làm bài (phút)"</label>
                <input id="r-minutes" type="number" min="1" disabled=locked prop:value=move || minutes.get() on:input:target=move |ev| minutes.set(ev.target().value())/>
                <p class="field-error">{move || field("time_limit_minutes")}</p>
                <label for="r-allowed">"Số lượt thi mỗi người"</label>
                <input id="r-allowed" type="number" min="1" disabled=locked prop:value=move || allowed.get() on:input:target=move |ev| allowed.set(ev.target().value())/>
                <p class="field-error">{move || field("attempts_allowed")}</p>
                <label for="r-counted">"Lượt được tính"</label>
                {select("r-counted", counted, &[("best", "Lượt cao nhất"), ("first", "Lượt đầu tiên"), ("last", "Lượt cuối cùng")])}
                <label for="r-prediction">"Câu hỏi dự đoán"</label>
                {select("r-prediction", prediction, &[("none", "Không có"), ("full_marks", "Bao nhiêu người trả lời đúng tất cả"), ("participants", "Bao nhiêu người dự thi")])}
                <label for="r-prompt">"Nội dung câu hỏi dự đoán"</label>
                <input id="r-prompt" prop:value=move || prompt.get() on:input:target=move |ev| prompt.set(ev.target().value())/>
                <p class="field-error">{move || field("prediction_prompt")}</p>
                <label for="r-review">"Xem lại bài"</label>
                {select("r-review", review, &[("never", "Không cho xem đáp án"), ("after_submit", "Ngay sau khi nộp bài (chỉ với đợt thi thử)"), ("after_close", "Khi mọi lượt thi của đợt đã kết thúc")])}
                <p class="hint">"Với đợt thi thật, đáp án chỉ hiện khi không còn ai có thể làm bài: sau giờ kết thúc đợt, cộng thời gian làm bài và vài giây chờ. Trước đó thí sinh chỉ thấy điểm, số câu đúng và thời gian."</p>
                <label class="checkbox"><input id="r-practice" type="checkbox" prop:checked=move || practice.get() on:change:target=move |ev| practice.set(ev.target().checked())/>" Đợt thi thử (luyện tập)"</label>
                <p class="hint">"Đợt thi thử cho thí sinh xem đáp án ngay sau khi nộp bài. Vì ai cũng có thể xem đáp án trong lúc người khác còn đang thi, đợt thi thử không được xếp hạng và không có giải: không có trong bảng xếp hạng, danh sách giải và giải tập thể."</p>
                <fieldset>
                    <legend>"Câu hỏi của đợt thi"</legend>
                    <label class="checkbox" for="pool-all"><input type="radio" name="pool" id="pool-all" value="all" disabled=locked prop:checked=move || mode.get() == PoolMode::All on:change=move |_| mode.set(PoolMode::All)/>" Tất cả câu hỏi đang dùng"</label>
                    <label class="checkbox" for="pool-topics"><input type="radio" name="pool" id="pool-topics" value="topics" disabled=locked prop:checked=move || mode.get() == PoolMode::Topics on:change=move |_| mode.set(PoolMode::Topics)/>" Theo chủ đề"</label>
                    <Show when=move || mode.get() == PoolMode::Topics>
                        <div class="topic-choices" role="group" aria-label="Chủ đề của đợt thi">
                            {topics.iter().map(|t| {
                                let tid = t.id;
                                let box_id = format!("pool-topic-{tid}");
                                let for_id = box_id.clone();
                                view! {
                                    <label class="checkbox" for=for_id><input type="checkbox" id=box_id value=tid.to_string() disabled=locked
                                        prop:checked=move || pool_topics.with(|p| p.contains(&tid))
                                        on:change:target=move |ev| {
                                            let on = ev.target().checked();
                                            pool_topics.update(|p| { p.retain(|x| *x != tid); if on { p.push(tid); } });
                                        }/>
                                        {format!(" {} ({} câu đang dùng)", t.name, t.active_questions)}</label>
                                }
                            }).collect_view()}
                        </div>
                    </Show>
                    <label class="checkbox" for="pool-manual"><input type="radio" name="pool" id="pool-manual" value="manual" disabled=locked prop:checked=move || mode.get() == PoolMode::Manual on:change=move |_| mode.set(PoolMode::Manual)/>" Chọn từng câu (mã câu hỏi)"</label>
                    <Show when=move || mode.get() == PoolMode::Manual>
                        <textarea rows="3" aria-label="Mã câu hỏi" disabled=locked prop:value=move || pool_questions.get()
                            on:input:target=move |ev| pool_questions.set(ev.target().value())></textarea>
                    </Show>
                    <p class="field-error">{move || field("pool")}</p>
                    <p class="hint">{format!("Hiện có {} câu đang dùng trong ngân hàng của đợt thi. Với “Tất cả” và “Theo chủ đề”, câu hỏi thêm sau cũng được rút vào đề.", setup.pool_size)}</p>
                </fieldset>
                <fieldset>
                    <legend>"Số câu tối thiểu theo chủ đề (để trống hoặc 0: không quy định)"</legend>
                    {topics_for_quota.into_iter().map(|t| {
                        let tid = t.id;
                        let key = format!("quota_{tid}");
                        view! {
                            <label class="quota">{t.name.clone()}
                                <input type="number" min="0" id=format!("r-quota-{tid}") prop:value=move || quotas.with(|q| q.iter().find(|x| x.topic_id == tid).map(|x| x.count.to_string()).unwrap_or_default())
                                    on:input:target=move |ev| {
                                        let n = ev.target().value().trim().parse::<i32>().unwrap_or(0);
                                        quotas.update(|q| { q.retain(|x| x.topic_id != tid); if n > 0 { q.push(QuotaDraft { topic_id: tid, count: n }); } });
                                    }/>
                            </label>
                            <p class="field-error">{move || field(&key)}</p>
                        }
                    }).collect_view()}
                    <p class="field-error">{move || field("quotas")}</p>
                </fieldset>
                <div class="actions">
                    <button type="button" class="primary" on:click=save>{move || if confirm.get() { "Xác nhận và lưu" } else { "Lưu đợt thi" }}</button>
                </div>
            </div>
        </section>
    }
}

/// The live monitor's figures (made by the page; refreshed every 10 s).
#[component]
fn Monitor(figures: LocalResource<Result<Option<RoundMonitor>, AppError>>) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                figures.await.ok().flatten().map(|m| view! {
                    <section class="card" aria-live="polite">
                        <h2>"Theo dõi trực tiếp"</h2>
                        <div class="counters">
                            <div class="counter"><strong>{m.in_progress}</strong><span>"Đang làm bài"</span></div>
                            <div class="counter"><strong>{m.submitted_last_minute}</strong><span>"Nộp trong 1 phút qua"</span></div>
                            <div class="counter"><strong>{m.submitted}</strong><span>"Đã nộp"</span></div>
                            <div class="counter"><strong>{m.contestants}</strong><span>"Thí sinh"</span></div>
                            <div class="counter"><strong>{m.closed_by_server}</strong><span>"Hết giờ, máy chủ tự nộp"</span></div>
                        </div>
                        <p class="hint">"Cập nhật lúc " {m.at}</p>
                    </section>
                })
            })}
        </Transition>
    }
}
