//! `/quan-tri/cau-hoi/:id` (or `moi`): the question editor. Saving never
//! changes attempts already made; they keep their own copy.
use super::letter;
use crate::error::AppError;
use crate::question_bank::{
    admin_question, admin_save_question, admin_set_question_active, admin_topics, QuestionDetail,
    QuestionDraft, TopicItem,
};
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn QuestionEditPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok());
    let data = crate::ui::client_resource(id, |id| async move {
        let topics = admin_topics().await?;
        let detail = match id {
            Some(id) => Some(admin_question(id).await?),
            None => None,
        };
        Ok::<_, AppError>((topics, detail))
    });
    view! {
        <Title text="Soạn câu hỏi"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((topics, detail)) => view! { <Editor topics=topics detail=detail/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(topics: Vec<TopicItem>, detail: Option<QuestionDetail>) -> impl IntoView {
    let id = detail.as_ref().map(|d| d.item.id);
    let item = detail.as_ref().map(|d| d.item.clone());
    let text = RwSignal::new(item.as_ref().map(|i| i.text.clone()).unwrap_or_default());
    let topic_id =
        RwSignal::new(item.as_ref().map(|i| i.topic).or(topics.first().map(|t| t.id)).unwrap_or(0));
    let difficulty = RwSignal::new(item.as_ref().map(|i| i.difficulty).unwrap_or(1));
    let active = RwSignal::new(item.as_ref().map(|i| i.active).unwrap_or(true));
    let initial: Vec<String> = match &item {
        Some(i) => i.options.iter().map(|o| o.text.clone()).collect(),
        None => vec![String::new(); 4],
    };
    let options = RwSignal::new(initial.into_iter().map(RwSignal::new).collect::<Vec<_>>());
    let correct =
        RwSignal::new(item.as_ref().and_then(|i| i.options.iter().position(|o| o.correct)).unwrap_or(0));
    let explanation = RwSignal::new(detail.as_ref().and_then(|d| d.explanation.clone()).unwrap_or_default());
    let legal_source =
        RwSignal::new(detail.as_ref().and_then(|d| d.legal_source.clone()).unwrap_or_default());
    let allow_duplicate = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<i32, AppError>>);
    let pending = RwSignal::new(false);
    let navigate = use_navigate();

    let save = move |_| {
        let draft = QuestionDraft {
            id,
            topic_id: topic_id.get_untracked(),
            text: text.get_untracked(),
            options: options.get_untracked().iter().map(|o| o.get_untracked()).collect(),
            correct: correct.get_untracked(),
            explanation: Some(explanation.get_untracked()),
            legal_source: Some(legal_source.get_untracked()),
            difficulty: difficulty.get_untracked(),
            active: active.get_untracked(),
        };
        let navigate = navigate.clone();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = admin_save_question(draft, allow_duplicate.get_untracked()).await.map(|s| s.id);
            pending.set(false);
            if let (Ok(saved), None) = (&result, id) {
                navigate(&format!("/quan-tri/cau-hoi/{saved}?da_luu=1"), Default::default());
            }
            outcome.set(Some(result));
        });
    };
    let field = move |name: &str| crate::form::field_message(outcome, name);
    let duplicate = move || matches!(outcome.get(), Some(Err(AppError::Conflict { ref code, .. })) if code == "duplicate_question");
    let message = move || crate::form::banner(outcome, "Đã lưu câu hỏi.");
    let retire = move |_| {
        if let Some(id) = id {
            let on = !active.get_untracked();
            leptos::task::spawn_local(async move {
                match admin_set_question_active(id, on).await {
                    Ok(_) => {
                        active.set(on);
                        outcome.set(Some(Ok(id)));
                    }
                    Err(e) => outcome.set(Some(Err(e))),
                }
            });
        }
    };
    let title = match id {
        Some(id) => format!("Sửa câu hỏi #{id}"),
        None => "Thêm câu hỏi".to_owned(),
    };
    let stats = item.as_ref().map(|i| match i.correct_pct {
        Some(pct) => format!("Đã ra trong {} lượt thi, {}% trả lời đúng.", i.times_drawn, pct),
        None => "Chưa ra trong lượt thi nào.".to_owned(),
    });
    let rounds = detail.as_ref().map(|d| d.rounds.clone()).unwrap_or_default();

    view! {
        <section class="card form-card wide">
            <h1>{title}</h1>
            {stats.map(|s| view! { <p class="hint">{s} " Sửa câu hỏi không làm thay đổi các bài thi đã làm."</p> })}
            {(!rounds.is_empty()).then(|| view! { <p class="hint">"Có trong: " {rounds.join("; ")}</p> })}
            <div class="form">
                {move || message().map(|(class, text)| view! { <p class=class role="status">{text}</p> })}
                <label for="q-topic">"Chủ đề"</label>
                <select id="q-topic" on:change:target=move |ev| topic_id.set(ev.target().value().parse().unwrap_or(0))>
                    {topics.into_iter().map(|t| {
                        let selected = t.id == topic_id.get_untracked();
                        view! { <option value=t.id.to_string() selected=selected>{t.name}</option> }
                    }).collect_view()}
                </select>
                <p class="field-error" role="alert">{move || field("topic_id")}</p>
                <label for="q-text">"Nội dung câu hỏi"</label>
                <textarea id="q-text" rows="3" prop:value=move || text.get()
                    on:input:target=move |ev| text.set(ev.target().value())></textarea>
                <p class="field-error" role="alert">{move || field("text")}</p>
                <fieldset class="options-editor">
                    <legend>"Phương án (chọn đáp án đúng)"</legend>
                    // One row per option: its letter, its text, and its own "correct" radio after
                    // the text it marks. The radio's name says which option it is, text included.
                    {move || options.get().into_iter().enumerate().map(|(i, option)| view! {
                        <div class="option-edit" class:correct-option=move || correct.get() == i>
                            <label class="option-letter" for=format!("option-{i}")>
                                <span class="visually-hidden">"Phương án "</span>{letter(i)}
                            </label>
                            <input id=format!("option-{i}") prop:value=move || option.get()
                                on:input:target=move |ev| option.set(ev.target().value())/>
                            <label class="correct-pick" for=format!("correct-{i}")>
                                <input type="radio" name="correct" id=format!("correct-{i}") value=i.to_string()
                                    aria-label=move || {
                                        let text = option.get();
                                        let text = text.trim();
                                        if text.is_empty() { format!("Đáp án đúng: {}", letter(i)) } else { format!("Đáp án đúng: {}. {}", letter(i), text) }
                                    }
                                    prop:checked=move || correct.get() == i on:change=move |_| correct.set(i)/>
                                " Đáp án đúng"
                            </label>
                            <p class="field-error" role="alert">{move || field(&format!("option_{i}"))}</p>
                        </div>
                    }).collect_view()}
                    <p class="field-error" role="alert">{move || field("options").or_else(|| field("correct"))}</p>
                    <button type="button" disabled=move || options.with(|o| o.len() >= 6)
                        on:click=move |_| options.update(|o| o.push(RwSignal::new(String::new())))>"Thêm phương án"</button>
                    <button type="button" disabled=move || options.with(|o| o.len() <= 2)
                        on:click=move |_| {
                            options.update(|o| { o.pop(); });
                            let len = options.with_untracked(|o| o.len());
                            if correct.get_untracked() >= len { correct.set(0); }
                        }>"Bớt phương án cuối"</button>
                </fieldset>
                <label for="q-difficulty">"Mức độ"</label>
                <select id="q-difficulty" on:change:target=move |ev| difficulty.set(ev.target().value().parse().unwrap_or(1))>
                    {[(1, "Dễ"), (2, "Trung bình"), (3, "Khó")].into_iter().map(|(v, l)| view! {
                        <option value=v.to_string() selected=v == difficulty.get_untracked()>{l}</option>
                    }).collect_view()}
                </select>
                <label for="q-explanation">"Giải thích (không bắt buộc)"</label>
                <textarea id="q-explanation" rows="2" prop:value=move || explanation.get()
                    on:input:target=move |ev| explanation.set(ev.target().value())></textarea>
                <label for="q-source">"Căn cứ pháp lý (không bắt buộc)"</label>
                <input id="q-source" prop:value=move || legal_source.get()
                    on:input:target=move |ev| legal_source.set(ev.target().value())/>
                <p class="field-error" role="alert">{move || field("legal_source")}</p>
                <Show when=duplicate>
                    <label class="checkbox"><input type="checkbox" prop:checked=move || allow_duplicate.get()
                        on:change:target=move |ev| allow_duplicate.set(ev.target().checked())/>
                        " Vẫn lưu dù trùng nội dung"</label>
                </Show>
                <div class="actions">
                    <button type="button" class="primary" on:click=save disabled=move || pending.get()>"Lưu câu hỏi"</button>
                    {id.map(|_| view! {
                        <button type="button" on:click=retire>
                            {move || if active.get() { "Ngừng sử dụng" } else { "Dùng lại" }}
                        </button>
                    })}
                    <a href="/quan-tri/cau-hoi">"Về danh sách"</a>
                </div>
            </div>
        </section>
    }
}
