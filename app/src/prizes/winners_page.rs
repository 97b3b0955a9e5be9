//! The published winners on the public statistics page: each round's list,
//! the whole contest's, the collective prizes, and any corrections.
use super::Winners;
use leptos::prelude::*;

#[component]
pub fn WinnersSection(winners: Winners) -> impl IntoView {
    if winners.rounds.is_empty() && winners.contest.is_none() {
        return ().into_any();
    }
    // The contest's own list may hold only collective prizes: no empty table for it.
    let lists =
        winners.contest.clone().into_iter().chain(winners.rounds.clone()).filter(|l| !l.winners.is_empty());
    view! {
        <section class="card winners" aria-labelledby="winners-heading">
            <h2 id="winners-heading">"Kết quả giải thưởng"</h2>
            {(!winners.collective.is_empty()).then(|| view! {
                <h3>"Giải tập thể"</h3>
                <table class="schedule labelled collective-winners">
                    <thead><tr><th>"Giải"</th><th>"Đơn vị"</th><th>"Tỷ lệ tham gia"</th><th>"Điểm"</th></tr></thead>
                    <tbody>{winners.collective.iter().map(|c| view! {
                        <tr><td data-label="Giải">{c.prize.clone()}</td><td data-label="Đơn vị">{c.unit_name.clone()}</td>
                            <td data-label="Tỷ lệ tham gia">{crate::format::percent(c.participation_pct)}</td><td data-label="Điểm">{crate::format::decimal(c.points, 2)}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
            {lists.map(|l| view! {
                <h3>{format!("Giải cá nhân — {}", l.title)}</h3>
                <p class="hint">"Công bố lúc " {l.published_at.clone()}
                    {l.truth.map(|t| format!(". Con số đúng của câu hỏi dự đoán: {}", crate::format::count(t)))}</p>
                <table class="schedule labelled round-winners">
                    <thead><tr><th>"Giải"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th>"Điểm"</th><th>"Thời gian"</th></tr></thead>
                    <tbody>{l.winners.iter().map(|w| view! {
                        <tr><td data-label="Giải">{w.prize.clone()}</td><td data-label="Họ và tên">{w.full_name.clone()}</td><td data-label="Đơn vị">{w.unit_name.clone()}</td>
                            <td data-label="Điểm">{w.score}{w.prediction.map(|p| view! { <br/><span class="hint">{crate::attempt::prediction::label(Some(p))}</span> })}</td><td data-label="Thời gian">{crate::attempt::duration(w.duration_ms)}</td></tr>
                    }).collect_view()}</tbody>
                </table>
                {(!l.corrections.is_empty()).then(|| view! {
                    <div class="corrections" role="note">
                        <strong>"Đính chính:"</strong>
                        <ul>{l.corrections.iter().map(|c| view! {
                            <li>{format!("{} — {} (Lý do: {})", c.at, c.summary, c.reason)}</li>
                        }).collect_view()}</ul>
                    </div>
                })}
            }).collect_view()}
        </section>
    }
    .into_any()
}
