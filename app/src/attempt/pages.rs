//! The quiz and result pages. The quiz form itself, and how it keeps answers
//! through outages, is in [`super::quiz`].
use super::api::{get_attempt, get_result, get_review, Review, MAX_SCORE};
use super::quiz::Quiz;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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
                            // The score with its scale: "90/100 điểm", not a bare "90 điểm".
                            <p class="score"><strong>{r.score}</strong>{format!("/{MAX_SCORE} điểm")}</p>
                            <p>{format!("Trả lời đúng {}/{} câu", r.correct, r.total)}</p>
                            {(r.unanswered > 0).then(|| view! {
                                <p class="unanswered-count">{format!("Chưa trả lời: {} câu", r.unanswered)}</p>
                            })}
                            <p>{format!("Thời gian làm bài: {}", duration(r.duration_ms))}</p>
                            {r.prediction.map(|p| view! {
                                <p>{format!("Câu hỏi dự đoán: {}", crate::format::count(p))}</p>
                            })}
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
            let unanswered = item.chosen_option_id.is_none();
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
            // The list itself is not numbered (CSS): "Câu 1." is the one number.
            view! {
                <li class=if right { "review-item right" } else { "review-item wrong" }>
                    <p><strong>{format!("Câu {}. ", i + 1)}</strong>{item.text}
                        {unanswered.then(|| view! { " " <span class="unanswered">"Chưa trả lời"</span> })}</p>
                    <ul>{options}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <section class="card" aria-labelledby="review-heading"><h2 id="review-heading">"Đáp án"</h2><ol class="review">{items}</ol></section> }
        .into_any()
}

/// "12 phút 34,5 giây": the one duration format ([`crate::format::duration`]).
pub fn duration(ms: i32) -> String {
    crate::format::duration(i64::from(ms))
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
