//! `/quan-tri/cau-hoi`: search and filter the bank (a GET form, so every
//! search is a link that can be shared and works without wasm).
use super::{difficulty_label, letter};
use crate::question_bank::{admin_questions, admin_topics, QuestionPage, TopicItem};
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn QuestionListPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let results = crate::ui::client_resource(
        move || {
            (param("q"), param("topic"), param("difficulty"), param("status"), param("usage"), param("page"))
        },
        |(q, topic, difficulty, status, usage, page)| {
            admin_questions(
                q,
                topic.and_then(|t| t.parse().ok()),
                difficulty.and_then(|d| d.parse().ok()),
                status,
                usage,
                page.and_then(|p| p.parse().ok()),
            )
        },
    );
    let topics = crate::ui::client_resource(|| (), |_| admin_topics());
    view! {
        <Title text="Ngân hàng câu hỏi"/>
        <section class="card">
            <div class="dash-title">
                <h1>"Ngân hàng câu hỏi"</h1>
                <a class="button" href="/quan-tri/cau-hoi/moi">"Thêm câu hỏi"</a>
                <a class="button" href="/quan-tri/nhap-cau-hoi">"Nhập từ tệp"</a>
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let topics = topics.await.unwrap_or_default();
                    view! { <SearchForm topics=topics/> }
                })}
            </Suspense>
            <p class="hint">
                "Tải xuống: "
                <a href="/api/admin/questions/export.xlsx" download>"Excel"</a> " · "
                <a href="/api/admin/questions/export.csv" download>"CSV"</a> " · "
                <a href="/api/admin/questions/export.gift" download>"GIFT (Moodle)"</a> " · "
                <a href="/api/admin/questions/export.aiken.txt" download>"Aiken"</a> " · "
                <a href="/api/admin/questions/export.moodle.xml" download>"Moodle XML"</a> " · "
                <a href="/api/admin/questions/template.xlsx" download>"Tệp mẫu để nhập"</a>
            </p>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => view! { <Results page=page/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SearchForm(topics: Vec<TopicItem>) -> impl IntoView {
    let query = use_query_map();
    let current = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    let topic_now = current("topic");
    let status_now = current("status");
    let difficulty_now = current("difficulty");
    let usage_now = current("usage");
    view! {
        <form method="get" action="/quan-tri/cau-hoi" class="filters" role="search">
            <label for="q" class="visually-hidden">"Tìm câu hỏi"</label>
            <input id="q" name="q" type="search" placeholder="Tìm theo nội dung (không cần dấu)" value=current("q")/>
            <select name="topic" aria-label="Chủ đề">
                <option value="">"Mọi chủ đề"</option>
                {topics.into_iter().map(|t| {
                    let selected = t.id.to_string() == topic_now;
                    view! { <option value=t.id.to_string() selected=selected>{format!("{} ({})", t.name, t.questions)}</option> }
                }).collect_view()}
            </select>
            <select name="difficulty" aria-label="Mức độ">
                {[("", "Mọi mức độ"), ("1", "Dễ"), ("2", "Trung bình"), ("3", "Khó")].into_iter().map(|(v, l)| {
                    view! { <option value=v selected=v == difficulty_now>{l}</option> }
                }).collect_view()}
            </select>
            <select name="status" aria-label="Trạng thái">
                {[("", "Mọi trạng thái"), ("active", "Đang dùng"), ("retired", "Ngừng sử dụng")].into_iter().map(|(v, l)| {
                    view! { <option value=v selected=v == status_now>{l}</option> }
                }).collect_view()}
            </select>
            <select name="usage" aria-label="Sử dụng">
                {[("", "Có hoặc chưa trong đợt thi"), ("used", "Đã đưa vào đợt thi"), ("unused", "Chưa đưa vào đợt thi")].into_iter().map(|(v, l)| {
                    view! { <option value=v selected=v == usage_now>{l}</option> }
                }).collect_view()}
            </select>
            <button type="submit">"Tìm"</button>
        </form>
    }
}

#[component]
fn Results(page: QuestionPage) -> impl IntoView {
    let query = use_query_map();
    let pages = page.total.div_ceil(page.page_size).max(1);
    let link = move |n: u64| {
        let mut params = query.read_untracked().clone();
        params.replace("page", n.to_string());
        format!("/quan-tri/cau-hoi{}", params.to_query_string())
    };
    let (prev, next) = (page.page > 1, page.page < pages);
    view! {
        <section class="card">
            <p class="hint">{format!("{} câu hỏi · trang {}/{}", page.total, page.page, pages)}</p>
            <ol class="question-list">
                {page.items.into_iter().map(|q| {
                    let stats = match q.correct_pct {
                        Some(pct) => format!("Đã ra {} lần · {}% trả lời đúng", q.times_drawn, pct),
                        None => "Chưa ra trong lượt thi nào".to_owned(),
                    };
                    view! {
                        <li class="question-row" class:retired=!q.active>
                            <a href=format!("/quan-tri/cau-hoi/{}", q.id)><strong>{format!("#{} ", q.id)}</strong>{q.text}</a>
                            <ul class="option-list">
                                {q.options.into_iter().enumerate().map(|(i, o)| view! {
                                    <li class:correct=o.correct>{format!("{}. {}", letter(i), o.text)}</li>
                                }).collect_view()}
                            </ul>
                            <p class="hint">
                                {q.topic_name} " · " {difficulty_label(q.difficulty)} " · " {stats}
                                {(!q.active).then_some(" · Ngừng sử dụng")}
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <nav class="pager" aria-label="Trang">
                <Show when=move || prev><a href=link(page.page - 1)>"← Trang trước"</a></Show>
                <Show when=move || next><a href=link(page.page + 1)>"Trang sau →"</a></Show>
            </nav>
        </section>
    }
}
