//! `/vao-thi/:round_id`: the page between "Vào thi" and the timed attempt.
//!
//! Starting an attempt uses one of the round's allowed attempts and starts its
//! clock, so it is never a side effect of one click on the contest page: this
//! page says what is about to happen ("20 câu · 20 phút · lượt 1/2") and the
//! rules that matter, and only its "Bắt đầu làm bài" form (a real form, it
//! works without JavaScript) starts the attempt. A running attempt is offered
//! as "Tiếp tục làm bài", which uses nothing. A visitor who is not signed in
//! is sent to the sign-in page, which says why and comes back here.
use super::api::{get_start_info, StartChoice, StartForm, StartInfo};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Where the start page of `round_id` is.
pub fn start_page_path(round_id: i32) -> String {
    format!("/vao-thi/{round_id}")
}

/// Where a visitor who is not signed in is sent: the sign-in page, which
/// names the round and returns to [`start_page_path`].
pub fn sign_in_path(round_id: i32) -> String {
    format!("/dang-nhap?vong={round_id}")
}

/// The contestant's own minutes: the round's limit, or longer with extra time.
fn own_minutes(info: &StartInfo) -> i64 {
    info.minutes_with_extra_time.max(i64::from(info.time_limit_minutes))
}

/// "20 câu · 20 phút · lượt 1/2" (with extra time, the contestant's own minutes).
pub fn headline(info: &StartInfo, sequence: i32) -> String {
    format!(
        "{} câu · {} phút · lượt {}/{}",
        info.questions_per_attempt,
        own_minutes(info),
        sequence,
        info.attempts_allowed
    )
}

#[component]
pub fn StartPage() -> impl IntoView {
    let params = use_params_map();
    let round_id = move || params.read().get("round_id").and_then(|s| s.parse().ok()).unwrap_or(0);
    let info = Resource::new(round_id, get_start_info);
    view! {
        <Title text="Vào thi"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(info) if info.choice == StartChoice::SignIn => {
                        view! { <Redirect path=sign_in_path(info.round_id)/> }.into_any()
                    }
                    Ok(info) => view! { <StartCard info=info/> }.into_any(),
                    Err(err) => view! {
                        <section class="card notice-error" role="alert">
                            <h1>"Không mở được đợt thi"</h1>
                            <p>{err.to_string()}</p>
                            <p><a href="/">"Về trang chủ"</a></p>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StartCard(info: StartInfo) -> impl IntoView {
    let sequence = match &info.choice {
        StartChoice::Start { sequence } => *sequence,
        _ => info.attempts_used.clamp(1, info.attempts_allowed.max(1)),
    };
    let title = format!("{} — {}", info.round_title, info.contest_title);
    let button = match info.choice.clone() {
        StartChoice::Start { .. } => view! { <BeginForm round_id=info.round_id/> }.into_any(),
        StartChoice::Resume { attempt_id } => view! {
            <p class="hint">"Bạn đang làm dở lượt thi này; thời gian vẫn đang chạy."</p>
            <a class="button primary" href=format!("/bai-thi/{attempt_id}")>"Tiếp tục làm bài"</a>
        }
        .into_any(),
        StartChoice::Unavailable { reason } => {
            view! { <p class="form-error" role="status">{reason}</p> }.into_any()
        }
        StartChoice::SignIn => ().into_any(),
    };
    view! {
        <Title text=title/>
        <section class="card start-page" aria-labelledby="start-heading">
            <p class="hint">{info.contest_title.clone()}</p>
            <h1 id="start-heading">{format!("Vào thi {}", info.round_title)}</h1>
            <p class="start-headline">{headline(&info, sequence)}</p>
            <h2>"Trước khi bắt đầu"</h2>
            <ul class="start-rules">
                {info.extra_time_note.clone().map(|note| view! { <li class="extra-time"><strong>{note}</strong></li> })}
                <li>{format!(
                    "Khi bấm “Bắt đầu làm bài”, đồng hồ {} phút bắt đầu chạy theo giờ máy chủ và bạn dùng 1 trong {} lượt thi của đợt.",
                    own_minutes(&info), info.attempts_allowed
                )}</li>
                <li>"Mỗi câu trả lời được lưu ngay khi bạn chọn. Mất mạng, tải lại trang hay đóng trình duyệt thì các câu đã lưu vẫn còn; đồng hồ không dừng."</li>
                <li>"Hết giờ, bài được tự động nộp với những câu đã lưu."</li>
                {info.prediction_prompt.clone().map(|prompt| view! {
                    <li>{format!("Cuối bài có câu hỏi dự đoán (dùng để xếp hạng khi bằng điểm): {prompt}")}</li>
                })}
                {(info.attempts_allowed > 1).then(|| view! { <li>{info.counted_rule.clone()}</li> })}
                <li>{format!("Đợt thi kết thúc lúc {}.", info.closes_label)}</li>
            </ul>
            {button}
            <p><a href=format!("/cuoc-thi/{}", info.contest_slug)>"Quay lại trang cuộc thi"</a></p>
        </section>
    }
}

/// On the sign-in page: why the visitor is there ("Vui lòng đăng nhập để
/// vào thi Tuần 2."), when they came from a round's "Vào thi".
/// "Bắt đầu làm bài": a real form, which starts the attempt and
/// goes to the quiz; a refusal is shown under the button.
#[component]
fn BeginForm(round_id: i32) -> impl IntoView {
    let action = ServerAction::<StartForm>::new();
    let error = move || match action.value().get() {
        Some(Err(err)) => Some(err.to_string()),
        _ => None,
    };
    view! {
        <ActionForm action=action attr:class="begin-form">
            <input type="hidden" name="round_id" value=round_id.to_string()/>
            <button type="submit" class="primary">"Bắt đầu làm bài"</button>
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">{error}</p>
            </Show>
        </ActionForm>
    }
}

#[component]
pub fn SignInReason() -> impl IntoView {
    let query = use_query_map();
    let round_id = move || query.read().get("vong").and_then(|v| v.parse::<i32>().ok());
    let info = Resource::new(round_id, |id| async move {
        match id {
            Some(id) => get_start_info(id).await.ok(),
            None => None,
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                info.await.map(|info| view! {
                    <p class="notice-warn" role="status">{format!("Vui lòng đăng nhập để vào thi {}.", info.round_title)}</p>
                })
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> StartInfo {
        StartInfo {
            round_id: 2,
            round_title: "Tuần 2".into(),
            contest_title: "Cuộc thi".into(),
            contest_slug: "cuoc-thi".into(),
            questions_per_attempt: 20,
            time_limit_minutes: 20,
            attempts_allowed: 2,
            attempts_used: 0,
            closes_label: "07/12/2026 00:00".into(),
            prediction_prompt: None,
            counted_rule: String::new(),
            extra_time_note: None,
            minutes_with_extra_time: 20,
            choice: StartChoice::Start { sequence: 1 },
        }
    }

    #[test]
    fn the_headline_says_questions_minutes_and_which_attempt() {
        assert_eq!(headline(&info(), 1), "20 câu · 20 phút · lượt 1/2");
        assert_eq!(headline(&info(), 2), "20 câu · 20 phút · lượt 2/2");
    }

    #[test]
    fn with_extra_time_the_headline_gives_the_contestants_own_minutes() {
        let longer = StartInfo { minutes_with_extra_time: 30, ..info() };
        assert_eq!(headline(&longer, 1), "20 câu · 30 phút · lượt 1/2");
    }

    #[test]
    fn sign_in_comes_back_to_the_start_page() {
        assert_eq!(sign_in_path(12), "/dang-nhap?vong=12");
        assert_eq!(start_page_path(12), "/vao-thi/12");
    }
}
