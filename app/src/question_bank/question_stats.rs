//! `/quan-tri/thong-ke-cau-hoi`: how each question behaved in a round: times
//! drawn, % answered right, and how well it separates strong from weak
//! contestants (the discrimination index: % right among the best 27 % of
//! attempts minus % right among the weakest 27 %). Questions almost everyone
//! or almost no one gets right, or that do not separate, are flagged.
use crate::error::AppError;
use crate::ui::{client_resource, Refused};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionStat {
    pub question_id: i32,
    pub text: String,
    pub drawn: u64,
    pub correct_pct: f64,
    /// −1 to 1; below 0.2 separates poorly (null with fewer than 10 draws).
    pub discrimination: Option<f64>,
    /// "Quá dễ", "Quá khó", "Phân loại kém", or empty.
    pub flag: String,
}

/// A round the statistics can be shown for, in the picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundChoice {
    pub id: i32,
    pub title: String,
    pub contest_title: String,
    /// Submitted attempts so far.
    pub attempts: u64,
}

/// Below this many answers a question is not flagged: one or two attempts say
/// nothing about whether it is too hard.
pub const MIN_SAMPLE: usize = 30;

/// Every round, newest contest first, for the statistics page's picker.
#[server(prefix = "/api", endpoint = "admin/questions/stats/rounds", input = GetUrl)]
pub async fn admin_question_stats_rounds() -> Result<Vec<RoundChoice>, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    round_choices(&db).await
}

#[cfg(feature = "ssr")]
async fn round_choices(db: &impl sea_orm::ConnectionTrait) -> crate::error::Result<Vec<RoundChoice>> {
    use crate::entities::{attempt, contest, round};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    use std::collections::HashMap;
    let contests = contest::Entity::find().order_by_desc(contest::Column::CreatedAt).all(db).await?;
    let rounds = round::Entity::find().order_by_asc(round::Column::Number).all(db).await?;
    let counts: HashMap<i32, i64> = attempt::Entity::find()
        .select_only()
        .column(attempt::Column::RoundId)
        .column_as(sea_orm::sea_query::Expr::cust("COUNT(*)"), "n")
        .filter(attempt::Column::SubmittedAt.is_not_null())
        .group_by(attempt::Column::RoundId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(contests
        .iter()
        .flat_map(|c| {
            rounds.iter().filter(move |r| r.contest_id == c.id).map(|r| RoundChoice {
                id: r.id,
                title: r.title.clone(),
                contest_title: c.title.clone(),
                attempts: counts.get(&r.id).copied().unwrap_or(0).max(0) as u64,
            })
        })
        .collect())
}

/// Per-question statistics of the submitted attempts of a round.
#[server(prefix = "/api", endpoint = "admin/questions/stats", input = GetUrl)]
pub async fn admin_question_stats(round_id: i32) -> Result<Vec<QuestionStat>, AppError> {
    crate::staff::guard::require(crate::staff::guard::Access::Organizer).await?;
    let db = crate::state::db()?;
    compute(&db, round_id).await
}

/// (question id, attempt score, answered right) → the statistics; pure, for tests.
pub fn summarize(
    rows: &[(i32, i32, bool)],
    texts: &std::collections::HashMap<i32, String>,
) -> Vec<QuestionStat> {
    use std::collections::HashMap;
    let mut by_question: HashMap<i32, Vec<(i32, bool)>> = HashMap::new();
    for (q, score, right) in rows {
        by_question.entry(*q).or_default().push((*score, *right));
    }
    let rate = |xs: &[(i32, bool)]| {
        if xs.is_empty() {
            0.0
        } else {
            xs.iter().filter(|x| x.1).count() as f64 / xs.len() as f64
        }
    };
    let mut out: Vec<QuestionStat> = by_question
        .into_iter()
        .map(|(q, mut xs)| {
            xs.sort_by_key(|x| std::cmp::Reverse(x.0));
            let n = xs.len();
            let k = ((n as f64) * 0.27).round() as usize;
            let discrimination = (n >= 10 && k > 0).then(|| {
                let d = rate(&xs[..k]) - rate(&xs[n - k..]);
                (d * 100.0).round() / 100.0
            });
            let correct = rate(&xs);
            let flag = if n < MIN_SAMPLE {
                ""
            } else if correct >= 0.95 {
                "Quá dễ"
            } else if correct <= 0.15 {
                "Quá khó"
            } else if discrimination.is_some_and(|d| d < 0.2) {
                "Phân loại kém"
            } else {
                ""
            };
            QuestionStat {
                question_id: q,
                text: texts.get(&q).cloned().unwrap_or_default(),
                drawn: n as u64,
                correct_pct: (correct * 1000.0).round() / 10.0,
                discrimination,
                flag: flag.to_owned(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.flag.cmp(&a.flag).then(b.drawn.cmp(&a.drawn)).then(a.question_id.cmp(&b.question_id))
    });
    out
}

#[cfg(feature = "ssr")]
async fn compute(
    db: &impl sea_orm::ConnectionTrait,
    round_id: i32,
) -> crate::error::Result<Vec<QuestionStat>> {
    use crate::entities::{attempt, attempt_question, question};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let scores: std::collections::HashMap<i32, i32> = attempt::Entity::find()
        .select_only()
        .columns([attempt::Column::Id, attempt::Column::Score])
        .filter(attempt::Column::RoundId.eq(round_id))
        .filter(attempt::Column::SubmittedAt.is_not_null())
        .into_tuple::<(i32, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, s)| (id, s.unwrap_or(0)))
        .collect();
    let mut rows = Vec::new();
    let ids: Vec<i32> = scores.keys().copied().collect();
    for chunk in ids.chunks(5000) {
        let answers: Vec<(i32, i32, i32, Option<i32>)> = attempt_question::Entity::find()
            .select_only()
            .columns([attempt_question::Column::AttemptId, attempt_question::Column::QuestionId])
            .columns([attempt_question::Column::CorrectOptionId, attempt_question::Column::ChosenOptionId])
            .filter(attempt_question::Column::AttemptId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        rows.extend(
            answers.into_iter().map(|(a, q, right, chosen)| {
                (q, scores.get(&a).copied().unwrap_or(0), chosen == Some(right))
            }),
        );
    }
    let question_ids: Vec<i32> = rows.iter().map(|r| r.0).collect();
    let texts = question::Entity::find()
        .filter(question::Column::Id.is_in(question_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.text))
        .collect();
    Ok(summarize(&rows, &texts))
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn easy_hard_and_separating_questions_are_told_apart() {
        let mut rows = Vec::new();
        for score in 0..40 {
            let score = score * 5 / 2;
            rows.push((1, score, true)); // everyone right: too easy
            rows.push((2, score, false)); // nobody right: too hard
            rows.push((3, score, score >= 50)); // the strong right, the weak wrong
            rows.push((4, score, score % 10 == 0)); // right at random: does not separate
        }
        let stats = summarize(&rows, &HashMap::new());
        let by = |q: i32| stats.iter().find(|s| s.question_id == q).unwrap().clone();
        assert_eq!((by(1).flag.as_str(), by(1).correct_pct), ("Quá dễ", 100.0));
        assert_eq!((by(2).flag.as_str(), by(2).correct_pct), ("Quá khó", 0.0));
        assert_eq!((by(3).flag.as_str(), by(3).discrimination), ("", Some(1.0)));
        assert_eq!(by(4).flag, "Phân loại kém");
        assert_eq!(by(1).drawn, 40);
    }

    #[test]
    fn a_question_drawn_a_few_times_is_not_flagged() {
        let rows: Vec<(i32, i32, bool)> = (0..MIN_SAMPLE as i32 - 1).map(|i| (7, i, false)).collect();
        let stats = summarize(&rows, &HashMap::new());
        assert_eq!((stats[0].flag.as_str(), stats[0].correct_pct), ("", 0.0));
        let rows: Vec<(i32, i32, bool)> = (0..MIN_SAMPLE as i32).map(|i| (7, i, false)).collect();
        assert_eq!(summarize(&rows, &HashMap::new())[0].flag, "Quá khó");
    }
}
