//! `/quan-tri/nhap-cau-hoi`: upload → preview of every question and every
//! problem → fix flagged rows in place → save all or nothing. The preview
//! lives in the browser, so the server stays stateless between the steps.
use super::letter;
use crate::question_bank::{
    admin_import_save, admin_topics, ImportPreview, ImportReport, ImportRow, LayoutHelp, TopicItem,
    DOCX_TEMPLATES,
};
use crate::ui::Refused;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ImportPage() -> impl IntoView {
    let topics = crate::ui::client_resource(|| (), |_| admin_topics());
    view! {
        <Title text="Nhập câu hỏi từ tệp"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match topics.await {
                    Ok(topics) => view! { <Importer topics=topics/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Importer(topics: Vec<TopicItem>) -> impl IntoView {
    let preview = RwSignal::new(None::<ImportPreview>);
    let rows = RwSignal::new(Vec::<RwSignal<ImportRow>>::new());
    let default_topic = RwSignal::new(topics.first().map(|t| t.id));
    let skip_duplicates = RwSignal::new(true);
    let busy = RwSignal::new(None::<&'static str>);
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<ImportReport>);
    let file_name = RwSignal::new(None::<String>);
    // A save refused: one line per problem, each linked to its row's question.
    let save_problems = RwSignal::new(Vec::<crate::form::Problem>::new());

    let on_preview = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        saved.set(None);
        save_problems.set(Vec::new());
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            // The submitted form itself: always there, unlike a node ref that
            // hydration may not have bound yet.
            let Some(target) = ev.target() else { return };
            let form: leptos::web_sys::HtmlFormElement = target.unchecked_into();
            let Ok(data) = leptos::web_sys::FormData::new_with_form(&form) else { return };
            if let Ok(file) = data.get("file").dyn_into::<leptos::web_sys::File>() {
                file_name.set(Some(file.name()).filter(|n| !n.is_empty()));
            }
            busy.set(Some("Đang đọc tệp…"));
            leptos::task::spawn_local(async move {
                let result = crate::question_bank::admin_import_preview(data.into()).await;
                busy.set(None);
                match result {
                    Ok(p) => {
                        rows.set(p.rows.iter().cloned().map(RwSignal::new).collect());
                        preview.set(Some(p));
                    }
                    Err(crate::error::AppError::Invalid(fields)) => {
                        failure.set(fields.into_values().next());
                    }
                    Err(e) => failure.set(Some(e.to_string())),
                }
            });
        }
        let _ = file_name;
    };

    let on_save = move |_| {
        let list: Vec<ImportRow> = rows.get_untracked().iter().map(|r| r.get_untracked()).collect();
        busy.set(Some("Đang lưu…"));
        failure.set(None);
        save_problems.set(Vec::new());
        leptos::task::spawn_local(async move {
            let result = admin_import_save(
                list,
                default_topic.get_untracked(),
                skip_duplicates.get_untracked(),
                file_name.get_untracked(),
            )
            .await;
            busy.set(None);
            match result {
                Ok(report) if report.errors.is_empty() => {
                    saved.set(Some(report));
                    preview.set(None);
                    rows.set(Vec::new());
                }
                Ok(report) => {
                    // Show each problem next to its row again.
                    for row in rows.get_untracked() {
                        let line = row.get_untracked().line;
                        let problems: Vec<String> = report
                            .errors
                            .iter()
                            .filter(|e| e.line == line)
                            .map(|e| e.message.clone())
                            .collect();
                        row.update(|r| r.problems = problems);
                    }
                    let lines: Vec<usize> =
                        rows.get_untracked().iter().map(|r| r.get_untracked().line).collect();
                    save_problems.set(save_refused(&report, &lines));
                }
                Err(e) => save_problems.set(crate::form::problems(&e, &[], None)),
            }
        });
    };

    let flagged = move || rows.with(|r| r.iter().filter(|row| !row.with(|x| x.problems.is_empty())).count());
    let duplicates = move || {
        rows.with(|r| {
            r.iter()
                .filter(|row| row.with(|x| x.duplicate_of.is_some() || x.duplicate_line.is_some()))
                .count()
        })
    };

    view! {
        <section class="card">
            <h1>"Nhập câu hỏi từ tệp"</h1>
            <p class="hint">
                "Nhận Excel (.xlsx), CSV, Word (.docx), GIFT, Aiken và Moodle XML (.xml). Với Word: mỗi câu bắt đầu bằng “Câu 1:”, phương án “A.” … “D.” trên từng dòng, đáp án là dòng “Đáp án: B” hoặc phương án in đậm, gạch chân hay tô đỏ. "
                <a href="/api/admin/questions/template.xlsx" download>"Tải tệp Excel mẫu"</a>
                " · Mẫu Word: "
                {DOCX_TEMPLATES.iter().enumerate().map(|(i, (path, name))| view! {
                    {(i > 0).then_some(" · ")}
                    <a href=*path download>{*name}</a>
                }).collect_view()}
            </p>
            <form class="form" on:submit=on_preview>
                <label for="import-file">"Tệp câu hỏi"</label>
                <input id="import-file" name="file" type="file" required
                    accept=".xlsx,.csv,.docx,.txt,.gift,.xml"/>
                <label for="import-topic">"Chủ đề cho câu hỏi không ghi chủ đề"</label>
                <select id="import-topic" on:change:target=move |ev| default_topic.set(ev.target().value().parse().ok())>
                    {topics.iter().map(|t| view! { <option value=t.id.to_string()>{t.name.clone()}</option> }).collect_view()}
                </select>
                <button type="submit" class="primary" disabled=move || busy.get().is_some()>"Xem trước"</button>
            </form>
            {move || busy.get().map(|text| view! { <p class="loading" role="status">{text}</p> })}
            {move || failure.get().map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
            {move || saved.get().map(|r| view! {
                <p class="notice" role="status">
                    {format!("Đã lưu {} câu hỏi", r.questions)}
                    {(r.duplicates > 0).then(|| format!(", bỏ qua {} câu trùng", r.duplicates))}
                    ". " <a href="/quan-tri/cau-hoi">"Xem ngân hàng câu hỏi"</a>
                </p>
            })}
        </section>
        {move || preview.get().map(|p| view! {
            <section class="card" aria-label="Xem trước">
                <h2>"Xem trước: " {p.format.clone()}</h2>
                {p.layout.clone().map(|text| view! { <p class="import-layout">{text}</p> })}
                {(!p.layouts.is_empty()).then(|| view! { <KnownLayouts layouts=p.layouts.clone()/> })}
                <crate::form::ErrorSummary problems=save_problems/>
                <p class="import-summary">
                    {move || format!("{} câu hỏi đọc được · {} dòng cần sửa · {} câu trùng", rows.with(Vec::len), flagged(), duplicates())}
                </p>
                {(!p.new_topics.is_empty()).then(|| view! {
                    <p class="hint">"Chủ đề mới sẽ được tạo: " {p.new_topics.join(", ")}</p>
                })}
                {(!p.errors.is_empty()).then(|| view! {
                    <ul class="import-errors">
                        {p.errors.iter().map(|e| view! {
                            <li>{if e.line > 0 { format!("Dòng {}: {}", e.line, e.message) } else { e.message.clone() }}</li>
                        }).collect_view()}
                    </ul>
                })}
                <ol class="import-rows">
                    {move || rows.get().into_iter().map(|row| view! { <PreviewRow row=row/> }).collect_view()}
                </ol>
                <label class="checkbox"><input type="checkbox" prop:checked=move || skip_duplicates.get()
                    on:change:target=move |ev| skip_duplicates.set(ev.target().checked())/>
                    " Bỏ qua các câu trùng"</label>
                <div class="actions">
                    <button type="button" class="primary" on:click=on_save
                        disabled=move || busy.get().is_some() || rows.with(Vec::is_empty)>
                        "Lưu vào ngân hàng"
                    </button>
                </div>
                <p class="hint">"Lưu tất cả hoặc không lưu gì: nếu còn lỗi, ngân hàng không thay đổi."</p>
            </section>
        })}
    }
}

/// A file gave no question: what the import does read, each with its template.
#[component]
fn KnownLayouts(layouts: Vec<LayoutHelp>) -> impl IntoView {
    view! {
        <div class="import-layouts">
            <p>"Không nhận ra câu hỏi nào trong tệp. Hệ thống đọc được các cách trình bày sau; hãy tải tệp mẫu, chép câu hỏi vào rồi tải lên lại:"</p>
            <ul>
                {layouts.into_iter().map(|l| view! {
                    <li>
                        <strong>{l.name}</strong> ": " {l.how} " "
                        <a href=l.template download>"Tải tệp mẫu"</a>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

/// The element id of a previewed row's question text, which the summary links to.
fn question_id(line: usize) -> String {
    format!("import-line-{line}")
}

/// The summary of a refused save: what it means first, then each problem,
/// linked to its row's question when that row is in the preview.
fn save_refused(report: &ImportReport, lines: &[usize]) -> Vec<crate::form::Problem> {
    use crate::form::Problem;
    let mut list = vec![Problem {
        target: None,
        message: format!(
            "Chưa lưu câu nào: còn {} lỗi. Hãy sửa các dòng được đánh dấu rồi lưu lại.",
            report.errors.len()
        ),
    }];
    list.extend(report.errors.iter().map(|e| Problem {
        target: (e.line > 0 && lines.contains(&e.line)).then(|| question_id(e.line)),
        message: if e.line > 0 { format!("Dòng {}: {}", e.line, e.message) } else { e.message.clone() },
    }));
    list
}

/// One previewed question; a flagged one opens as a small editor.
#[component]
fn PreviewRow(row: RwSignal<ImportRow>) -> impl IntoView {
    let flagged = move || row.with(|r| !r.problems.is_empty());
    let line = row.with_untracked(|r| r.line);
    view! {
        <li class="import-row" class:flagged=flagged data-line=line.to_string()>
            <p class="hint">
                {format!("Dòng {line}")}
                {move || row.with(|r| r.topic.clone()).map(|t| format!(" · {t}"))}
                {move || row.with(|r| r.duplicate_of).map(|id| format!(" · Trùng câu #{id} trong ngân hàng"))}
                {move || row.with(|r| r.duplicate_line).map(|l| format!(" · Trùng câu ở dòng {l}"))}
            </p>
            <Show when=flagged fallback=move || view! {
                <p>{move || row.with(|r| r.text.clone())}</p>
                <ul class="option-list">
                    {move || row.with(|r| r.options.iter().enumerate().map(|(i, o)| {
                        let correct = r.correct == Some(i);
                        view! { <li class:correct=correct>{format!("{}. {}", letter(i), o)}</li> }
                    }).collect_view())}
                </ul>
            }>
                <ul class="row-problems" role="alert">
                    {move || row.with(|r| r.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view())}
                </ul>
                <label>"Câu hỏi"
                    <textarea rows="2" id=question_id(line) prop:value=move || row.with(|r| r.text.clone())
                        on:input:target=move |ev| row.update(|r| r.text = ev.target().value())></textarea>
                </label>
                {move || (0..row.with(|r| r.options.len())).map(|i| view! {
                    <label class="option-edit">{letter(i)}
                        <input prop:value=move || row.with(|r| r.options.get(i).cloned().unwrap_or_default())
                            on:input:target=move |ev| row.update(|r| if let Some(o) = r.options.get_mut(i) { *o = ev.target().value() })/>
                    </label>
                }).collect_view()}
                <button type="button" disabled=move || row.with(|r| r.options.len() >= 6)
                    on:click=move |_| row.update(|r| r.options.push(String::new()))>"Thêm phương án"</button>
                <label>"Đáp án đúng"
                    <select class="fix-correct" on:change:target=move |ev| row.update(|r| r.correct = ev.target().value().parse().ok())>
                        <option value="">"— Chọn —"</option>
                        {move || (0..row.with(|r| r.options.len())).map(|i| view! {
                            <option value=i.to_string() selected=move || row.with(|r| r.correct == Some(i))>{letter(i)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </Show>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question_bank::LineError;

    #[test]
    fn a_refused_save_links_each_problem_to_its_row() {
        let report = ImportReport {
            questions: 0,
            duplicates: 0,
            errors: vec![
                LineError { line: 3, message: "Chưa có đáp án đúng.".into() },
                LineError { line: 0, message: "Tệp không có câu hỏi nào.".into() },
                LineError { line: 9, message: "Dòng không có trong bản xem trước.".into() },
            ],
        };
        let list = save_refused(&report, &[2, 3]);
        assert!(list[0].message.starts_with("Chưa lưu câu nào: còn 3 lỗi"), "{}", list[0].message);
        assert_eq!(list[0].target, None);
        assert_eq!(list[1].target.as_deref(), Some("import-line-3"));
        assert_eq!(list[1].message, "Dòng 3: Chưa có đáp án đúng.");
        assert_eq!((list[2].target.clone(), list[2].message.as_str()), (None, "Tệp không có câu hỏi nào."));
        assert_eq!(list[3].target, None, "no such row in the preview");
    }
}
