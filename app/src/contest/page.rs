//! The contest home page: title, rules, the round schedule in local time, a
//! live countdown and live counters.
use super::api::{
    get_contest_home, get_live_counters, my_standing_here, ContestHome, LiveCounters, RoundSummary,
};
use crate::attempt::ContestStanding;
use crate::ui::CountdownIsland;
use crate::{error::AppError, format};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/`: the featured contest.
#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_contest_home(None));
    let mine = Resource::new(|| (), |_| my_standing_here(None));
    view! { <ContestHomeView home=home mine=mine/> }
}

/// `/cuoc-thi/:slug`: one contest by its slug.
#[component]
pub fn ContestPage() -> impl IntoView {
    let params = use_params_map();
    let home = Resource::new(move || params.read().get("slug"), get_contest_home);
    let mine = Resource::new(move || params.read().get("slug"), my_standing_here);
    view! { <ContestHomeView home=home mine=mine/> }
}

/// Both resources are created by the page and awaited together here: a
/// resource created inside another one's `Suspend` made hydration panic now
/// and then, so no component below creates one.
#[component]
fn ContestHomeView(
    home: Resource<Result<ContestHome, AppError>>,
    mine: Resource<Result<Option<ContestStanding>, AppError>>,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                let (home, mine) = (home.await, mine.await);
                // A failed personal panel is left out; the public page still shows.
                let mine = mine.ok().flatten();
                match home {
                    Ok(home) => view! { <ContestHomeBody home=home mine=mine/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ErrorNotice(err: AppError) -> impl IntoView {
    crate::error::answer_page_with(&err);
    view! {
        <Title text="Có lỗi xảy ra"/>
        <section class="card notice-error" role="alert">
            <h1>"Không mở được trang"</h1>
            <p>{err.to_string()}</p>
            <p><a href="/">"Về trang chủ"</a></p>
        </section>
    }
}

#[component]
fn ContestHomeBody(home: ContestHome, mine: Option<ContestStanding>) -> impl IntoView {
    let ContestHome {
        contest_id,
        title,
        organizer_name,
        rounds,
        server_now_ms,
        next_event,
        counters,
        other_contests,
        rules_html,
        ..
    } = home;
    // Where each round stands and which of them the contestant is in the
    // middle of: the schedule's button and the personal panel both say so.
    let round_status: std::collections::HashMap<i32, super::api::RoundStatus> =
        rounds.iter().map(|r| (r.id, r.status)).collect();
    let running: std::collections::HashMap<i32, i32> = mine
        .iter()
        .flat_map(|m| m.attempts.iter())
        .filter(|a| a.status == crate::attempt::AttemptStatus::InProgress)
        .map(|a| (a.round_id, a.attempt_id))
        .collect();

    // The call to action sits in the hero, above the fold on a 360 px phone:
    // one button per open round (usually one), in the schedule's words. The
    // schedule row of that round keeps its "Đang mở" badge only, so there is
    // one "Vào thi …" link per round on the page.
    let open_rounds: Vec<(i32, String, String)> = rounds
        .iter()
        .filter(|r| r.status == super::api::RoundStatus::Open)
        .map(|r| {
            let facts = format!(
                "{} câu · {} phút · đến {}",
                r.questions_per_attempt, r.time_limit_minutes, r.closes_label
            );
            (r.id, r.title.clone(), facts)
        })
        .collect();
    // Registration ends here (`/?da-dang-ky=1`, with and without JavaScript):
    // a confirmation with the new contestant's name. The query is the same on
    // the server and in the browser, so both render the same elements.
    let just_registered =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("da-dang-ky").is_some());
    // Only for the signed-in contestant: an address passed around says nothing to others.
    let welcome_name = mine.as_ref().filter(|_| just_registered).map(|m| m.full_name.clone());
    let welcome = welcome_name.map(|name| {
        view! {
            <div class="registered-panel" role="status">
                <p class="registered-title">"Đăng ký thành công"</p>
                <p>{format!("Chào mừng {name}. Bạn đã đăng nhập, có thể vào thi ngay.")}</p>
            </div>
        }
    });
    let hero_cta = (!open_rounds.is_empty()).then(|| {
        view! {
            <div class="hero-cta">
                {open_rounds.into_iter().map(|(id, round_title, facts)| {
                    let running_here = running.get(&id).copied();
                    view! {
                        <div class="hero-round">
                            <p><strong>{format!("Đang mở: {round_title}")}</strong><br/>{facts}</p>
                            <StartButton round_id=id title=round_title running=running_here/>
                        </div>
                    }
                }).collect_view()}
            </div>
        }
    });

    view! {
        <Title text=title.clone()/>
        <header class="hero">
            <p class="organizer">{organizer_name}</p>
            <h1>{title}</h1>
            {welcome}
            {hero_cta}
            {next_event.map(|event| view! {
                <CountdownIsland label=event.label at_ms=event.at_ms server_now_ms=server_now_ms/>
            })}
        </header>
        <LiveCounterPanel contest_id=contest_id initial=counters/>
        {mine.map(|status| view! { <MyStatus status=status round_status=round_status/> })}
        <section class="card" aria-labelledby="schedule-heading">
            <h2 id="schedule-heading">"Lịch thi"</h2>
            <p class="hint">"Giờ Việt Nam (GMT+7)."</p>
            <RoundSchedule rounds=rounds/>
        </section>
        <section class="card" aria-labelledby="rules-heading">
            <h2 id="rules-heading">"Thể lệ"</h2>
            // Cleaned by ammonia on save and again when read (contest::service::rules_html).
            <div class="rules" inner_html=rules_html></div>
        </section>
        {(!other_contests.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="others-heading">
                <h2 id="others-heading">"Các cuộc thi khác"</h2>
                <ul>
                    {other_contests.into_iter().map(|c| view! {
                        <li><a href=format!("/cuoc-thi/{}", c.slug)>{c.title}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn RoundSchedule(rounds: Vec<RoundSummary>) -> impl IntoView {
    view! {
        <table class="schedule">
            <thead>
                <tr>
                    <th scope="col">"Đợt thi"</th>
                    <th scope="col">"Bắt đầu"</th>
                    <th scope="col">"Kết thúc"</th>
                    <th scope="col">"Số câu · thời gian"</th>
                    <th scope="col">"Trạng thái"</th>
                </tr>
            </thead>
            <tbody>
                {rounds.into_iter().map(|r| {
                    let class = format!("status status-{:?}", r.status).to_lowercase();
                    // data-label: a phone shows the table as one card per round,
                    // each value after its column's name (CSS ::before).
                    view! {
                        <tr>
                            <th scope="row">{r.title}</th>
                            <td data-label="Bắt đầu">{r.opens_label}</td>
                            <td data-label="Kết thúc">{r.closes_label}</td>
                            <td data-label="Số câu · thời gian">{format!("{} câu · {} phút · {} lượt", r.questions_per_attempt, r.time_limit_minutes, r.attempts_allowed)}</td>
                            <td data-label="Trạng thái">
                                <span class=class>{r.status.label()}</span>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One round's line in the personal panel: attempts left only while the
/// round is open ("còn 2 lượt" for a round that has ended would be a lie).
fn allowance_line(title: &str, used: i32, allowed: i32, status: Option<super::api::RoundStatus>) -> String {
    use super::api::RoundStatus;
    match status {
        Some(RoundStatus::Closed) => format!("{title}: đã thi {used}/{allowed} lượt · đã kết thúc"),
        Some(RoundStatus::Upcoming) => format!("{title}: chưa mở · được thi {allowed} lượt"),
        _ => format!("{title}: đã thi {used}/{allowed} lượt, còn {} lượt", (allowed - used).max(0)),
    }
}

/// The signed-in contestant's attempts left per round and past results.
#[component]
fn MyStatus(
    status: ContestStanding,
    round_status: std::collections::HashMap<i32, super::api::RoundStatus>,
) -> impl IntoView {
    let allowances = status
        .allowances
        .into_iter()
        .map(|a| {
            let line = allowance_line(&a.title, a.used, a.allowed, round_status.get(&a.round_id).copied());
            view! { <li>{line}</li> }
        })
        .collect_view();
    let attempts = status
        .attempts
        .into_iter()
        .map(|a| {
            let link = if a.status == crate::attempt::AttemptStatus::Submitted { format!("/ket-qua/{}", a.attempt_id) } else { format!("/bai-thi/{}", a.attempt_id) };
            let outcome = match (a.score, a.correct) {
                (Some(score), Some(correct)) => format!("{score} điểm · đúng {correct}/{}", a.total),
                _ => "đang làm bài".to_owned(),
            };
            view! { <li><a href=link>{format!("{} · lượt {}", a.round_title, a.sequence)}</a>{format!(" — {outcome}")}</li> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="me-heading">
            <h2 id="me-heading">{format!("Xin chào, {}", status.full_name)}</h2>
            <ul>{allowances}</ul>
            <h3>"Các lượt thi của bạn"</h3>
            <ul>{attempts}</ul>
        </section>
    }
}

/// "Vào thi" leads to the round's start page, which says what is about to
/// happen before anything starts; a running attempt's "Tiếp tục làm bài"
/// goes straight back to it. Plain links: they work before the wasm loads.
#[component]
fn StartButton(round_id: i32, title: String, running: Option<i32>) -> impl IntoView {
    match running {
        Some(attempt_id) => view! {
            <a class="button primary start-link" href=format!("/bai-thi/{attempt_id}")
                aria-label=format!("Tiếp tục làm bài {title}")>"Tiếp tục làm bài"</a>
        }
        .into_any(),
        None => view! {
            <a class="button primary start-link" href=crate::attempt::start_page_path(round_id)
                aria-label=format!("Vào thi {title}")>"Vào thi"</a>
        }
        .into_any(),
    }
}

/// Registered contestants and attempts, refreshed every 30 s in the browser
/// (an island: the figures the server counted are its props).
#[cfg_attr(not(feature = "islands-quiz"), island)]
#[cfg_attr(feature = "islands-quiz", component)]
fn LiveCounterPanel(contest_id: i32, initial: LiveCounters) -> impl IntoView {
    let counters = RwSignal::new(initial);

    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::task::spawn_local;
            let handle = set_interval_with_handle(
                move || {
                    spawn_local(async move {
                        // A failed refresh keeps the last figures; the next tick retries.
                        if let Ok(fresh) = get_live_counters(contest_id).await {
                            counters.set(fresh);
                        }
                    });
                },
                std::time::Duration::from_secs(30),
            );
            if let Ok(handle) = handle {
                on_cleanup(move || handle.clear());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (contest_id, get_live_counters);
    });

    view! {
        <section class="counters" aria-label="Số liệu trực tiếp">
            <div class="counter">
                <strong>{move || format::count(counters.get().contestants)}</strong>
                <span>"thí sinh đã đăng ký"</span>
            </div>
            <div class="counter">
                <strong>{move || format::count(counters.get().attempts)}</strong>
                <span>"lượt thi"</span>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::allowance_line;
    use crate::contest::RoundStatus;

    #[test]
    fn attempts_left_are_shown_only_while_the_round_is_open() {
        assert_eq!(
            allowance_line("Tuần 2", 0, 2, Some(RoundStatus::Open)),
            "Tuần 2: đã thi 0/2 lượt, còn 2 lượt"
        );
        assert_eq!(
            allowance_line("Tuần 1", 0, 2, Some(RoundStatus::Closed)),
            "Tuần 1: đã thi 0/2 lượt · đã kết thúc"
        );
        assert_eq!(
            allowance_line("Tuần 3", 0, 2, Some(RoundStatus::Upcoming)),
            "Tuần 3: chưa mở · được thi 2 lượt"
        );
    }
}
