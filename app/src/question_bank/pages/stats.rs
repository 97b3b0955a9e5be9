//! `/quan-tri/thong-ke-cau-hoi`: how each question behaved in a round: times
//! drawn, % answered right, and how well it separates strong from weak
//! contestants (the discrimination index: % right among the best 27 % of
//! attempts minus % right among the weakest 27 %). Questions almost everyone
//! or almost no one gets right, or that do not separate, are flagged.
use crate::error::AppError;
use crate::question_bank::{admin_question_stats, admin_question_stats_rounds, RoundChoice, MIN_SAMPLE};
use crate::ui::{client_resource, Refused};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn QuestionStatsPage() -> impl IntoView {
    let query = use_query_map();
    let data = client_resource(
        move || query.read().get("dot").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0),
        |round| async move {
            // The picker and the figures in one resource, awaited together.
            let rounds = admin_question_stats_rounds().await?;
            let stats = if round > 0 { admin_question_stats(round).await? } else { Vec::new() };
            Ok::<_, AppError>((round, rounds, stats))
        },
    );
    view! {
        <Title text="Thống kê câu hỏi"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((chosen, rounds, stats)) => view! {
                        <RoundPicker chosen=chosen rounds=rounds.clone()/>
                        {(chosen > 0 && stats.is_empty()).then(|| view! {
                            <section class="card"><p role="status">"Đợt thi này chưa có lượt làm bài nào."</p></section>
                        })}
                        {(chosen == 0).then(|| view! {
                            <section class="card"><p class="hint">"Chọn một đợt thi để xem thống kê."</p></section>
                        })}
                        {(!stats.is_empty()).then(|| view! {
                        <section class="card">
                            <p class="hint">{format!("Chỉ cảnh báo câu hỏi đã ra từ {MIN_SAMPLE} lần trở lên; ít hơn thì chưa đủ để kết luận.")}</p>
                            <table class="schedule stats-table">
                                <thead><tr><th>"Câu hỏi"</th><th>"Số lần ra"</th><th>"% đúng"</th><th>"Độ phân loại"</th><th>"Cảnh báo"</th></tr></thead>
                                <tbody>{stats.into_iter().map(|s| view! {
                                    <tr>
                                        <td><a href=format!("/quan-tri/cau-hoi/{}", s.question_id)>{format!("#{} {}", s.question_id, s.text)}</a></td>
                                        <td>{s.drawn}</td>
                                        <td>{crate::format::decimal(s.correct_pct, crate::format::PERCENT_PLACES)}</td>
                                        <td>{s.discrimination.map(|d| crate::format::decimal(d, 2))}</td>
                                        <td>{s.flag}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                        </section>
                        })}
                    }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The round list: a real GET form, so it works before the page is hydrated too.
#[component]
fn RoundPicker(chosen: i32, rounds: Vec<RoundChoice>) -> impl IntoView {
    let mut contests: Vec<(String, Vec<RoundChoice>)> = Vec::new();
    for r in rounds {
        match contests.iter_mut().find(|(title, _)| *title == r.contest_title) {
            Some((_, list)) => list.push(r),
            None => contests.push((r.contest_title.clone(), vec![r])),
        }
    }
    view! {
        <section class="card">
            <h1>"Thống kê câu hỏi theo đợt thi"</h1>
            <form method="get" action="/quan-tri/thong-ke-cau-hoi" class="filters">
                <label for="stats-round">"Đợt thi"</label>
                <select id="stats-round" name="dot">
                    <option value="" selected=chosen == 0>"— Chọn đợt thi —"</option>
                    {contests.into_iter().map(|(title, list)| view! {
                        <optgroup label=title>
                            {list.into_iter().map(|r| view! {
                                <option value=r.id.to_string() selected=r.id == chosen>
                                    {format!("{} ({} lượt đã nộp)", r.title, r.attempts)}
                                </option>
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
                <button type="submit">"Xem"</button>
            </form>
            <p class="hint">"Độ phân loại = tỷ lệ đúng của 27% bài điểm cao nhất trừ tỷ lệ đúng của 27% bài điểm thấp nhất; dưới 0,2 là phân loại kém."</p>
        </section>
    }
}
