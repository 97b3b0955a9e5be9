//! `/thong-ke`: the public statistics page. Participation per unit and per
//! district for a contest or one round, the best and the least engaged units,
//! the open round's leaderboard, and the same table as .xlsx and .csv.
use super::{round_leaderboard, stats_charts, stats_units, Charts, LeaderboardRow, UnitStat};
use crate::contestant::{list_contests, ContestInfo};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct PageData {
    contests: Vec<ContestInfo>,
    contest: Option<ContestInfo>,
    round_id: Option<i32>,
    rows: Vec<UnitStat>,
    leaderboard: Vec<LeaderboardRow>,
    charts: Charts,
    winners: Option<crate::prizes::Winners>,
}

async fn load(contest: Option<i32>, round: Option<i32>, q: Option<String>) -> Result<PageData, AppError> {
    let contests = list_contests().await?;
    let chosen = contest.and_then(|id| contests.iter().find(|c| c.id == id)).or(contests.first()).cloned();
    let Some(c) = chosen.clone() else {
        return Ok(PageData {
            contests,
            contest: None,
            round_id: None,
            rows: Vec::new(),
            leaderboard: Vec::new(),
            charts: Charts::default(),
            winners: None,
        });
    };
    let round_id = round.filter(|r| c.rounds.iter().any(|x| x.id == *r));
    let rows = stats_units(c.id, round_id, q).await?;
    // The leaderboard of the chosen round, else of the latest round that has opened.
    let now_round = round_id.or_else(|| c.rounds.last().map(|r| r.id));
    let leaderboard = match now_round {
        Some(id) => round_leaderboard(id, Some(10), None).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let charts = stats_charts(c.id, round_id).await?;
    // Winners appear once the organizers publish a list; none yet is not an error.
    let winners = crate::prizes::contest_winners(c.id).await.ok();
    Ok(PageData { contests, contest: chosen, round_id, rows, leaderboard, charts, winners })
}

#[component]
pub fn StatsPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let data = Resource::new(
        move || (param("cuoc_thi"), param("dot"), param("q")),
        |(c, r, q)| load(c.and_then(|v| v.parse().ok()), r.and_then(|v| v.parse().ok()), q),
    );
    view! {
        <Title text="Thống kê tham gia"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Stats data=d/> }.into_any(),
                    Err(e) => view! { <section class="card notice-error"><p role="alert">{e.to_string()}</p></section> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The unit table's orders: the tree (default), or by a figure, highest first.
const SORTS: [(&str, &str); 4] = [
    ("", "theo cây đơn vị"),
    ("ty-le", "tỷ lệ tham gia"),
    ("thi-sinh", "số thí sinh"),
    ("diem", "điểm trung bình"),
];

fn sorted(mut rows: Vec<UnitStat>, key: &str) -> Vec<UnitStat> {
    let by = |r: &UnitStat| match key {
        "ty-le" => r.participation_pct.unwrap_or(-1.0),
        "thi-sinh" => r.contestants.map_or(-1.0, |c| c as f64),
        "diem" => r.average_score.unwrap_or(-1.0),
        _ => 0.0,
    };
    if !key.is_empty() {
        rows.sort_by(|a, b| by(b).total_cmp(&by(a)).then_with(|| a.unit_name.cmp(&b.unit_name)));
        // Flat once sorted: no tree indentation.
        for r in &mut rows {
            r.depth = 0;
        }
    }
    rows
}

/// Percent-encodes a query value.
fn urlencoding(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// One column of a chart: its axis label, its value, and the line that
/// reads it out in full ("03/10/2022: 1.234 lượt thi").
#[derive(Debug, Clone, PartialEq)]
struct Column {
    label: String,
    value: i64,
    text: String,
}

/// A "nice" step for about `ticks` gridlines up to `max`: 1, 2 or 5 × 10ⁿ.
fn tick_step(max: i64, ticks: i64) -> i64 {
    let raw = (max.max(1) + ticks - 1) / ticks;
    let mut magnitude = 1i64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    [1, 2, 5, 10].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10 * magnitude)
}

/// A column chart as inline SVG (no script, prints well), drawn in its own
/// coordinates so text keeps its shape: a y-axis with ticks, every label
/// inside the picture, the value over each column when there is room, and the
/// figures as a table below (a touch screen cannot show SVG tooltips).
#[component]
fn Columns(title: &'static str, class_name: &'static str, points: Vec<Column>) -> impl IntoView {
    if points.is_empty() {
        return ().into_any();
    }
    // Plot area: left margin for the y-axis labels, bottom for the x labels.
    const WIDTH: f64 = 400.0;
    const HEIGHT: f64 = 240.0;
    const LEFT: f64 = 44.0;
    const RIGHT: f64 = 8.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 28.0;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let max = points.iter().map(|p| p.value).max().unwrap_or(1).max(1);
    let step = tick_step(max, 4);
    let top = step * ((max + step - 1) / step);
    let y = move |v: i64| TOP + plot_h - v as f64 / top as f64 * plot_h;
    let slot = plot_w / points.len() as f64;
    let width = (slot * 0.7).max(1.0);
    // About 8 labels fit under the axis; values fit over at most 12 columns.
    let label_every = points.len().div_ceil(8);
    let values_over = points.len() <= 12;
    let heading = format!("{class_name}-heading");
    let labelled_by = heading.clone();
    let ticks: Vec<i64> = (0..=top / step).map(|i| i * step).collect();
    let rows = points.clone();
    view! {
        <section class="card chart-card" aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            <svg class=format!("chart {class_name}") viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=title>
                <g class="axis">
                    {ticks.into_iter().map(|t| view! {
                        <line x1=format!("{LEFT}") x2=format!("{}", WIDTH - RIGHT) y1=format!("{:.1}", y(t)) y2=format!("{:.1}", y(t))></line>
                        <text x=format!("{}", LEFT - 4.0) y=format!("{:.1}", y(t) + 4.0) text-anchor="end">{crate::format::count(t)}</text>
                    }).collect_view()}
                </g>
                {points.into_iter().enumerate().map(|(i, p)| {
                    let x = LEFT + i as f64 * slot + (slot - width) / 2.0;
                    let h = p.value as f64 / top as f64 * plot_h;
                    view! {
                        <g>
                            <rect x=format!("{x:.1}") y=format!("{:.1}", TOP + plot_h - h) width=format!("{width:.1}") height=format!("{h:.1}") data-value=p.value.to_string()><title>{p.text}</title></rect>
                            {values_over.then(|| view! {
                                <text class="value" x=format!("{:.1}", x + width / 2.0) y=format!("{:.1}", TOP + plot_h - h - 3.0) text-anchor="middle">{crate::format::count(p.value)}</text>
                            })}
                            {(i % label_every == 0).then(|| view! {
                                <text x=format!("{:.1}", x + width / 2.0) y=format!("{}", HEIGHT - 10.0) text-anchor="middle">{p.label}</text>
                            })}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <details class="chart-figures">
                <summary>"Xem số liệu"</summary>
                <ul>{rows.into_iter().map(|p| view! { <li>{p.text}</li> }).collect_view()}</ul>
            </details>
        </section>
    }
    .into_any()
}

use super::participation_pct as pct;

/// Why some figures are missing while a round runs.
const WITHHELD: &str = "Số thí sinh đạt điểm tối đa hoặc số người dự thi của đợt đang diễn ra là con số mà câu hỏi dự đoán hỏi tới, nên chỉ được công bố khi Ban Tổ chức đã ghi nhận con số thực tế (sau khi đợt thi kết thúc).";

/// A withheld figure shows as a dash.
fn shown(figure: Option<i64>) -> String {
    crate::format::or_missing(figure.map(crate::format::count))
}

/// A participation rate, or nothing without headcount.
fn rate(p: Option<f64>) -> String {
    p.map(crate::format::percent).unwrap_or_default()
}

/// Subtree totals of each top-level unit under the root (districts, agencies).
fn branches(rows: &[UnitStat]) -> Vec<(String, i64, i64)> {
    let mut out: Vec<(i32, String, i64, i64)> = Vec::new();
    let mut current: Option<usize> = None;
    for r in rows {
        if r.depth == 1 {
            out.push((r.unit_id, r.unit_name.clone(), 0, 0));
            current = Some(out.len() - 1);
        }
        if r.depth >= 1 {
            if let Some(i) = current {
                out[i].2 += r.contestants.unwrap_or(0);
                out[i].3 += i64::from(r.headcount);
            }
        }
    }
    out.into_iter().map(|(_, n, c, h)| (n, c, h)).collect()
}

#[component]
fn Stats(data: PageData) -> impl IntoView {
    let query = use_query_map();
    let q_now = query.read_untracked().get("q").unwrap_or_default();
    let Some(contest) = data.contest.clone() else {
        return view! { <section class="card"><p>"Chưa có cuộc thi nào được công bố."</p></section> }
            .into_any();
    };
    let rows = data.rows.clone();
    let sort_now = query.read_untracked().get("sap_xep").unwrap_or_default();
    let sort_link = {
        let keep: Vec<(String, String)> = ["cuoc_thi", "dot", "q"]
            .iter()
            .filter_map(|k| {
                query.read_untracked().get(k).filter(|v| !v.is_empty()).map(|v| (k.to_string(), v))
            })
            .collect();
        move |key: &str| {
            let mut parts: Vec<String> =
                keep.iter().map(|(k, v)| format!("{k}={}", urlencoding(v))).collect();
            if !key.is_empty() {
                parts.push(format!("sap_xep={key}"));
            }
            format!("/thong-ke?{}", parts.join("&"))
        }
    };
    // None while a prediction question asks for this figure (stats::Withheld).
    let total_c: Option<i64> = rows.iter().map(|r| r.contestants).sum();
    let withheld = rows.iter().any(|r| r.contestants.is_none() || r.full_marks.is_none());
    let total_a: i64 = rows.iter().map(|r| r.attempts).sum();
    let total_h: i64 = rows.iter().map(|r| i64::from(r.headcount)).sum();
    let mut ranked: Vec<&UnitStat> = rows.iter().filter(|r| r.headcount > 0 && r.depth > 0).collect();
    ranked.sort_by(|a, b| {
        b.participation_pct.partial_cmp(&a.participation_pct).unwrap_or(std::cmp::Ordering::Equal)
    });
    let best: Vec<UnitStat> = ranked.iter().take(5).map(|r| (*r).clone()).collect();
    let worst: Vec<UnitStat> = ranked.iter().rev().take(5).map(|r| (*r).clone()).collect();
    let mut bars = branches(&rows);
    bars.sort_by(|a, b| pct(b.1, b.2).partial_cmp(&pct(a.1, a.2)).unwrap_or(std::cmp::Ordering::Equal));
    // 100 % fills the track; a branch above its headcount stretches the scale instead of being cut.
    let bar_scale = bars.iter().filter_map(|b| pct(b.1, b.2)).fold(100.0_f64, f64::max);
    let files = format!(
        "contest_id={}{}",
        contest.id,
        data.round_id.map(|r| format!("&round_id={r}")).unwrap_or_default()
    );
    let round_title = data
        .round_id
        .and_then(|id| contest.rounds.iter().find(|r| r.id == id))
        .map(|r| r.title.clone())
        .unwrap_or_else(|| "cả cuộc thi".to_owned());
    view! {
        <section class="card">
            <h1>"Thống kê tham gia"</h1>
            <p class="hint">{contest.title.clone()} " — " {round_title.clone()} ". Số liệu cập nhật mỗi phút trong đợt thi."</p>
            <form method="get" action="/thong-ke" class="filters">
                <select name="cuoc_thi" aria-label="Cuộc thi">
                    {data.contests.iter().map(|c| view! {
                        <option value=c.id.to_string() selected=c.id == contest.id>{c.title.clone()}</option>
                    }).collect_view()}
                </select>
                <select name="dot" aria-label="Đợt thi">
                    <option value="">"Cả cuộc thi"</option>
                    {contest.rounds.iter().map(|r| view! {
                        <option value=r.id.to_string() selected=Some(r.id) == data.round_id>{r.title.clone()}</option>
                    }).collect_view()}
                </select>
                <input name="q" type="search" placeholder="Tìm đơn vị (không cần dấu)" aria-label="Tìm đơn vị" value=q_now/>
                <button type="submit">"Xem"</button>
            </form>
            <div class="counters">
                {total_c.map(|c| view! { <div class="counter"><strong>{crate::format::count(c)}</strong><span>"thí sinh"</span></div> })}
                <div class="counter"><strong>{crate::format::count(total_a)}</strong><span>"lượt thi"</span></div>
                {total_c.map(|c| view! { <div class="counter"><strong>{rate(pct(c, total_h))}</strong><span>"tỷ lệ tham gia"</span></div> })}
            </div>
            {withheld.then(|| view! { <p class="hint">{WITHHELD}</p> })}
            <p>"Tải xuống: "
                <a href=format!("/api/stats/units.xlsx?{files}") download>"Excel (.xlsx)"</a> " · "
                <a href=format!("/api/stats/units.csv?{files}") download>"CSV"</a></p>
        </section>
        <section class="card" aria-labelledby="bars-heading" hidden=total_c.is_none()>
            <h2 id="bars-heading">"Tỷ lệ tham gia theo huyện và khối cơ quan"</h2>
            // Every bar sits in a track of the same width (CSS: fixed columns),
            // scaled to the highest rate, so its length is its value.
            <ul class="bars">
                {bars.into_iter().map(|(name, c, h)| {
                    let p = pct(c, h).unwrap_or(0.0);
                    view! {
                        <li>
                            <span class="bar-label">{name}</span>
                            <span class="bar-track"><span class="bar" style=format!("width: {:.2}%", p / bar_scale * 100.0)></span></span>
                            <span class="bar-value">{format!("{} ({})", crate::format::percent(p), crate::format::ratio(c, h))}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <Columns title="Số lượt thi theo ngày" class_name="chart-days"
            points=data.charts.by_day.iter().map(|d| Column {
                label: d.date.get(..5).unwrap_or(&d.date).to_owned(),
                value: d.attempts,
                text: match d.contestants {
                    Some(c) => format!("{}: {} lượt thi, {} thí sinh", d.date, crate::format::count(d.attempts), crate::format::count(c)),
                    None => format!("{}: {} lượt thi", d.date, crate::format::count(d.attempts)),
                },
            }).collect()/>
        <Columns title="Phân bố điểm các lượt thi" class_name="chart-scores"
            points=data.charts.scores.iter().map(|b| Column {
                label: b.from.to_string(),
                value: b.attempts,
                text: format!("{}–{} điểm: {} lượt thi", b.from, b.to, crate::format::count(b.attempts)),
            }).collect()/>
        {data.winners.clone().map(|w| view! { <crate::prizes::WinnersSection winners=w/> })}
        <section class="card two-lists" hidden=total_c.is_none()>
            <div><h2>"Tham gia cao nhất"</h2><ol>{best.into_iter().map(|r| view! {
                <li>{r.unit_name} " — " {rate(r.participation_pct)}</li>
            }).collect_view()}</ol></div>
            <div><h2>"Tham gia thấp nhất"</h2><ol>{worst.into_iter().map(|r| view! {
                <li>{r.unit_name} " — " {rate(r.participation_pct)}</li>
            }).collect_view()}</ol></div>
        </section>
        {(!data.leaderboard.is_empty()).then(|| view! {
            <section class="card">
                <h2>"Bảng xếp hạng"</h2>
                <table class="schedule labelled leaderboard">
                    <thead><tr><th>"Hạng"</th><th>"Thí sinh"</th><th>"Đơn vị"</th><th>"Điểm"</th><th>"Thời gian"</th></tr></thead>
                    <tbody>{data.leaderboard.iter().map(|r| view! {
                        <tr><td data-label="Hạng">{r.rank}</td><td data-label="Thí sinh">{r.name.clone()}</td>
                            <td data-label="Đơn vị">{r.unit_name.clone()}</td><td data-label="Điểm">{r.score}</td>
                            <td data-label="Thời gian">{crate::format::duration(i64::from(r.duration_ms))}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </section>
        })}
        <section class="card">
            <h2>"Từng đơn vị"</h2>
            <p class="hint">"Sắp xếp: "
                {SORTS.iter().map(|(key, label)| view! {
                    <a href=sort_link(key) aria-current=(sort_now == *key).then_some("true")>{*label}</a>" "
                }).collect_view()}</p>
            // On a phone each row becomes a card whose cells carry their column's
            // name (data-label, shown by CSS), so no figure is left unnamed.
            <table class="schedule stats-table labelled">
                <thead><tr><th>"Đơn vị"</th><th>"Biên chế"</th><th>"Thí sinh"</th><th>"Lượt thi"</th><th>"Tỷ lệ tham gia"</th><th>"Số người đạt điểm tối đa"</th><th>"Điểm trung bình"</th></tr></thead>
                <tbody>{sorted(rows, &sort_now).into_iter().map(|r| view! {
                    <tr class=format!("depth-{}", r.depth.min(4))>
                        <td data-label="Đơn vị">{r.unit_name}</td>
                        <td data-label="Biên chế">{crate::format::count(i64::from(r.headcount))}</td>
                        <td data-label="Thí sinh">{shown(r.contestants)}</td>
                        <td data-label="Lượt thi">{crate::format::count(r.attempts)}</td>
                        <td data-label="Tỷ lệ tham gia">{rate(r.participation_pct)}</td>
                        <td data-label="Số người đạt điểm tối đa">{shown(r.full_marks)}</td>
                        <td data-label="Điểm trung bình">{r.average_score.map(|a| crate::format::decimal(a, crate::format::SCORE_PLACES))}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </section>
    }
    .into_any()
}
