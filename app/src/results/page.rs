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

/// A column chart as inline SVG (no script, prints well): (label, value, tooltip) per column.
#[component]
fn Columns(
    title: &'static str,
    class_name: &'static str,
    points: Vec<(String, i64, String)>,
) -> impl IntoView {
    if points.is_empty() {
        return ().into_any();
    }
    let max = points.iter().map(|p| p.1).max().unwrap_or(1).max(1) as f64;
    let step = 600.0 / points.len() as f64;
    let width = (step * 0.7).max(2.0);
    let label_every = points.len().div_ceil(12);
    view! {
        <section class="card" aria-label=title>
            <h2>{title}</h2>
            <svg class=format!("chart {class_name}") viewBox="0 0 600 220" role="img" aria-label=title preserveAspectRatio="none">
                {points.into_iter().enumerate().map(|(i, (label, value, tip))| {
                    let h = value as f64 / max * 180.0;
                    let x = i as f64 * step + (step - width) / 2.0;
                    view! {
                        <g>
                            <rect x=format!("{x:.1}") y=format!("{:.1}", 190.0 - h) width=format!("{width:.1}") height=format!("{h:.1}")><title>{tip}</title></rect>
                            {(i % label_every == 0).then(|| view! {
                                <text x=format!("{:.1}", x + width / 2.0) y="210" text-anchor="middle">{label}</text>
                            })}
                        </g>
                    }
                }).collect_view()}
            </svg>
        </section>
    }
    .into_any()
}

use super::participation_pct as pct;

/// Why some figures are missing while a round runs.
const WITHHELD: &str = "Số thí sinh đạt điểm tối đa hoặc số người dự thi của đợt đang diễn ra là con số mà câu hỏi dự đoán hỏi tới, nên chỉ được công bố khi Ban Tổ chức đã ghi nhận con số thực tế (sau khi đợt thi kết thúc).";

/// A withheld figure shows as a dash.
fn shown(figure: Option<i64>) -> String {
    figure.map_or_else(|| "—".to_owned(), |f| f.to_string())
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
                {total_c.map(|c| view! { <div class="counter"><strong>{pct(c, total_h).map(|p| format!("{p:.1}%")).unwrap_or_default()}</strong><span>"tỷ lệ tham gia"</span></div> })}
            </div>
            {withheld.then(|| view! { <p class="hint">{WITHHELD}</p> })}
            <p>"Tải xuống: "
                <a href=format!("/api/stats/units.xlsx?{files}") download>"Excel (.xlsx)"</a> " · "
                <a href=format!("/api/stats/units.csv?{files}") download>"CSV"</a></p>
        </section>
        <section class="card" aria-labelledby="bars-heading" hidden=total_c.is_none()>
            <h2 id="bars-heading">"Tỷ lệ tham gia theo huyện và khối cơ quan"</h2>
            <ul class="bars">
                {bars.into_iter().map(|(name, c, h)| {
                    let p = pct(c, h).unwrap_or(0.0);
                    view! {
                        <li>
                            <span class="bar-label">{name}</span>
                            <span class="bar" style=format!("width: {}%", p.min(100.0))></span>
                            <span class="bar-value">{format!("{p:.1}% ({c}/{h})")}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <Columns title="Số lượt thi theo ngày" class_name="chart-days"
            points=data.charts.by_day.iter().map(|d| (d.date.get(..5).unwrap_or(&d.date).to_owned(), d.attempts, match d.contestants { Some(c) => format!("{}: {} lượt thi, {c} thí sinh", d.date, d.attempts), None => format!("{}: {} lượt thi", d.date, d.attempts) })).collect()/>
        <Columns title="Phân bố điểm các lượt thi" class_name="chart-scores"
            points=data.charts.scores.iter().map(|b| (b.from.to_string(), b.attempts, format!("{}–{} điểm: {} lượt thi", b.from, b.to, b.attempts))).collect()/>
        {data.winners.clone().map(|w| view! { <crate::prizes::WinnersSection winners=w/> })}
        <section class="card two-lists" hidden=total_c.is_none()>
            <div><h2>"Tham gia cao nhất"</h2><ol>{best.into_iter().map(|r| view! {
                <li>{r.unit_name} " — " {r.participation_pct.map(|p| format!("{p:.1}%"))}</li>
            }).collect_view()}</ol></div>
            <div><h2>"Tham gia thấp nhất"</h2><ol>{worst.into_iter().map(|r| view! {
                <li>{r.unit_name} " — " {r.participation_pct.map(|p| format!("{p:.1}%"))}</li>
            }).collect_view()}</ol></div>
        </section>
        {(!data.leaderboard.is_empty()).then(|| view! {
            <section class="card">
                <h2>"Bảng xếp hạng"</h2>
                <table class="schedule">
                    <thead><tr><th>"Hạng"</th><th>"Thí sinh"</th><th>"Đơn vị"</th><th>"Điểm"</th><th>"Thời gian"</th></tr></thead>
                    <tbody>{data.leaderboard.iter().map(|r| view! {
                        <tr><td>{r.rank}</td><td>{r.name.clone()}</td><td>{r.unit_name.clone()}</td><td>{r.score}</td>
                            <td>{format!("{:.1} giây", f64::from(r.duration_ms) / 1000.0)}</td></tr>
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
            <table class="schedule stats-table">
                <thead><tr><th>"Đơn vị"</th><th>"Biên chế"</th><th>"Thí sinh"</th><th>"Lượt thi"</th><th>"Tỷ lệ"</th><th>"Điểm tối đa"</th><th>"Điểm TB"</th></tr></thead>
                <tbody>{sorted(rows, &sort_now).into_iter().map(|r| view! {
                    <tr>
                        <td style=format!("padding-left: {}em", 0.3 + r.depth as f32)>{r.unit_name}</td>
                        <td>{r.headcount}</td><td>{shown(r.contestants)}</td><td>{r.attempts}</td>
                        <td>{r.participation_pct.map(|p| format!("{p:.1}%"))}</td>
                        <td>{shown(r.full_marks)}</td>
                        <td>{r.average_score.map(|a| format!("{a:.1}"))}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </section>
    }
    .into_any()
}
