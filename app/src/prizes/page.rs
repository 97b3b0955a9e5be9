//! `/quan-tri/giai-thuong?cuoc-thi=ID`: the organizer's prize desk. Prize
//! structures (editable rows, see `rows`), the one-prize rule and the collective
//! formula; each list with its draft winners, who was passed over and why;
//! approve, publish, correct; disqualify and reinstate contestants.
use super::collective::CollectiveRule;
use super::rows::{
    keyed, prizes_of_rows, rates_of_rows, rows_of_prizes, rows_of_rates, rows_of_tiers, tiers_of_rows,
    RateRows, TierRows,
};
use super::*;
use crate::error::AppError;
use crate::ui::{contest_resource, ContestPicker, Refused};
use leptos::prelude::*;
use leptos_meta::Title;
use std::future::Future;
use std::pin::Pin;

type Job = Pin<Box<dyn Future<Output = Result<String, AppError>>>>;

#[component]
pub fn PrizesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let data = contest_resource(version, admin_prizes);
    view! {
        <Title text="Giải thưởng"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((contests, overview)) => view! {
                        <ContestPicker title="Giải thưởng" base="/quan-tri/giai-thuong" contests=contests/>
                        {overview.map(|o| view! { <Desk overview=o version=version/> })}
                    }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Desk(overview: PrizeOverview, version: RwSignal<u32>) -> impl IntoView {
    let message = RwSignal::new(None::<Result<String, String>>);
    let run = move |job: Job| {
        leptos::task::spawn_local(async move {
            match job.await {
                Ok(text) => {
                    message.set(Some(Ok(text)));
                    version.update(|v| *v += 1);
                }
                Err(e) => message.set(Some(Err(e.explain()))),
            }
        });
    };
    let contest_id = overview.contest_id;
    let categories = overview.categories.clone();
    view! {
        <section class="card">
            <h2>{overview.title.clone()}</h2>
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p class="notice-ok" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
            })}
            <p class="hint">"Dự thảo được tính lại mỗi lần mở trang. Duyệt để chốt danh sách, rồi công bố. Sau khi công bố, mọi thay đổi phải qua “Đính chính” và được hiển thị công khai."</p>
        </section>
        <Rules overview=overview.clone() run=run/>
        {overview.lists.into_iter().map(|l| view! { <List contest_id=contest_id list=l categories=categories.clone() run=run/> }).collect_view()}
        <Collective scores=overview.collective.clone()/>
        <Disqualified contest_id=contest_id rows=overview.disqualified run=run/>
    }
}

#[component]
fn Rules(overview: PrizeOverview, run: impl Fn(Job) + Copy + 'static) -> impl IntoView {
    let rule = overview.collective_rule.clone();
    let one = RwSignal::new(overview.one_prize_per_person);
    let level = RwSignal::new(rule.level.to_string());
    let weight = RwSignal::new(rule.rate_weight.to_string());
    let (rates, next_rate) = keyed(rows_of_rates(&rule.min_rates));
    let (prizes, next_prize) = keyed(rows_of_prizes(&rule.prizes));
    let contest_id = overview.contest_id;
    let save = move |_| {
        let built = (|| {
            let min_rates =
                rates_of_rows(&rates.get_untracked().into_iter().map(|(_, r)| r).collect::<Vec<_>>())?;
            let prizes =
                prizes_of_rows(&prizes.get_untracked().into_iter().map(|(_, r)| r).collect::<Vec<_>>())?;
            let level = level
                .get_untracked()
                .trim()
                .parse::<usize>()
                .map_err(|_| "Cấp đơn vị phải là số nguyên.".to_owned())?;
            let rate_weight = weight
                .get_untracked()
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| "Hệ số phải là số.".to_owned())?;
            Ok::<_, String>(CollectiveRule { level, min_rates, rate_weight, prizes })
        })();
        let one = one.get_untracked();
        run(Box::pin(async move {
            let rule = built.map_err(|m| AppError::invalid("collective_rule", &m))?;
            admin_save_prize_rules(contest_id, one, rule).await.map(|_| "Đã lưu quy tắc giải.".to_owned())
        }));
    };
    view! {
        <section class="card form-card wide">
            <h2>"Quy tắc giải"</h2>
            <div class="form">
                <label class="checkbox" for="c-one-prize"><input type="checkbox" id="c-one-prize" prop:checked=move || one.get() on:change:target=move |ev| one.set(ev.target().checked())/>
                    " Mỗi người chỉ nhận một giải cá nhân trong cuộc thi (giải cao nhất)"</label>
                <label for="c-level">"Cấp đơn vị xét giải tập thể (1 = sở, ngành, huyện trực thuộc tỉnh)"</label>
                <input id="c-level" type="number" min="1" max="5" prop:value=move || level.get() on:input:target=move |ev| level.set(ev.target().value())/>
                <RateRows rows=rates next=next_rate/>
                <label for="c-weight">"Điểm cho mỗi 1% tỷ lệ tham gia"</label>
                <input id="c-weight" prop:value=move || weight.get() on:input:target=move |ev| weight.set(ev.target().value())/>
                <TierRows rows=prizes next=next_prize categories=None caption="Giải tập thể".to_owned()/>
                <p class="hint">"Điểm tập thể = tỷ lệ tham gia (tối đa 100%) × hệ số + điểm của các giải cá nhân mà thành viên đạt được."</p>
                <div class="actions"><button type="button" class="primary" on:click=save>"Lưu quy tắc"</button></div>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn List(
    contest_id: i32,
    list: ListView,
    categories: Vec<(String, String)>,
    run: impl Fn(Job) + Copy + 'static,
) -> impl IntoView {
    let key = list.round_id;
    let status = list.status;
    let (tiers, next_tier) = keyed(rows_of_tiers(&list.tiers));
    let reason = RwSignal::new(String::new());
    let save_tiers = move |_| {
        let parsed = tiers_of_rows(&tiers.get_untracked().into_iter().map(|(_, r)| r).collect::<Vec<_>>());
        run(Box::pin(async move {
            let tiers = parsed.map_err(|m| AppError::invalid("tiers", &m))?;
            admin_save_prize_tiers(contest_id, key, tiers).await.map(|_| "Đã lưu cơ cấu giải.".to_owned())
        }))
    };
    let label = status.label();
    view! {
        <section class="card prize-list" data-round=key>
            <h2>{list.title.clone()} " " <span class=format!("badge status-{}", status.code())>{label}</span></h2>
            {list.truth.map(|t| view! { <p>"Con số đúng của câu hỏi dự đoán: " <strong>{t}</strong></p> })}
            {list.approved_by.clone().map(|by| view! { <p class="hint">"Duyệt bởi " {by} {list.published_at.clone().map(|p| format!("; công bố lúc {p}"))}</p> })}
            <div class="form">
                <TierRows rows=tiers next=next_tier categories=Some(categories.clone()) disabled=status != ListStatus::Draft
                    caption=format!("Cơ cấu giải {}", list.title)/>
                <p class="hint">"Các giải cùng tên là cùng một mức giải (ví dụ Giải Nhất cho từng đối tượng). Giải xếp theo thứ tự từ cao xuống thấp."</p>
                <div class="actions">
                    {(status == ListStatus::Draft).then(|| view! {
                        <button type="button" on:click=save_tiers>"Lưu cơ cấu giải"</button>
                        <button type="button" class="primary" disabled=!list.closed on:click=move |_| run(Box::pin(async move {
                            admin_approve_prizes(contest_id, key).await.map(|_| "Đã duyệt danh sách giải.".to_owned())
                        }))>"Duyệt danh sách"</button>
                    })}
                    {(status == ListStatus::Approved).then(|| view! {
                        <button type="button" on:click=move |_| run(Box::pin(async move {
                            admin_unapprove_prizes(contest_id, key).await.map(|_| "Đã bỏ duyệt.".to_owned())
                        }))>"Bỏ duyệt"</button>
                        <button type="button" class="primary" on:click=move |_| run(Box::pin(async move {
                            admin_publish_prizes(contest_id, key).await.map(|_| "Đã công bố danh sách giải.".to_owned())
                        }))>"Công bố"</button>
                    })}
                </div>
                {(!list.closed && status == ListStatus::Draft).then(|| view! { <p class="hint">"Chỉ duyệt được sau khi đợt thi kết thúc."</p> })}
            </div>
            <Awards rows=list.awards.clone() categories=categories.clone()/>
            {(!list.passed_over.is_empty()).then(|| view! {
                <h3>"Không nhận giải dù đủ thứ hạng"</h3>
                <ul>{list.passed_over.iter().map(|p| view! { <li>{format!("Hạng {} – {} (mã {}): {}", p.rank, p.full_name, p.contestant_id, p.reason)}</li> }).collect_view()}</ul>
            })}
            {(!list.left_out.is_empty()).then(|| view! {
                <h3>"Không xếp hạng"</h3>
                <ul>{list.left_out.iter().map(|l| view! { <li>{format!("{}: {} người", l.reason, l.contestants)}</li> }).collect_view()}</ul>
            })}
            {(!list.corrections.is_empty()).then(|| view! {
                <h3>"Đính chính"</h3>
                <ul>{list.corrections.iter().map(|c| view! { <li>{format!("{}: {} — Lý do: {}", c.at, c.summary, c.reason)}</li> }).collect_view()}</ul>
            })}
            {(status == ListStatus::Published).then(|| view! {
                <div class="form">
                    <label for=format!("fix-{key}")>"Lý do đính chính (tính lại danh sách và ghi công khai)"</label>
                    <input id=format!("fix-{key}") prop:value=move || reason.get() on:input:target=move |ev| reason.set(ev.target().value())/>
                    <div class="actions"><button type="button" on:click=move |_| {
                        let why = reason.get_untracked();
                        run(Box::pin(async move { admin_correct_prizes(contest_id, key, why).await }))
                    }>"Đính chính"</button></div>
                </div>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn Awards(rows: Vec<AwardRow>, categories: Vec<(String, String)>) -> impl IntoView {
    // The category's name, never its code ("civil_servant"); "" is every category together.
    let category_name = move |code: &str| -> String {
        categories.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone()).unwrap_or_else(|| {
            if code.is_empty() {
                "Tất cả".to_owned()
            } else {
                code.to_owned()
            }
        })
    };
    if rows.is_empty() {
        return view! { <p class="hint">"Chưa có người đoạt giải."</p> }.into_any();
    }
    view! {
        <table class="schedule stats-table awards">
            <thead><tr><th>"Giải"</th><th>"Đối tượng"</th><th>"Hạng"</th><th>"Mã TS"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th>"Điểm"</th><th>"Thời gian"</th></tr></thead>
            <tbody>{rows.into_iter().map(|a| view! {
                <tr>
                    <td>{a.prize_name}</td><td>{category_name(&a.category)}</td><td>{a.rank}</td><td>{a.contestant_id}</td>
                    <td>{a.full_name}</td><td>{a.unit_name}</td><td>{a.score}{a.prediction.map(|p| view! { <br/><span class="hint">{crate::attempt::prediction::label(Some(p))}</span> })}</td>
                    <td>{crate::attempt::duration(a.duration_ms)}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn Collective(scores: Vec<collective::UnitScore>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Giải tập thể"</h2>
            <table class="schedule stats-table collective">
                <thead><tr><th>"Hạng"</th><th>"Đơn vị"</th><th>"Tỷ lệ tham gia (%)"</th><th>"Tối thiểu (%)"</th><th>"Giải cá nhân"</th><th>"Điểm"</th><th>"Giải"</th></tr></thead>
                <tbody>{scores.into_iter().take(40).map(|s| view! {
                    <tr>
                        <td>{s.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</td>
                        <td>{s.unit_name}</td>
                        <td>{// The rate as every other page rounds it (scores keep their own 2 places), at most 100.
                            crate::results::participation_pct(s.contestants, i64::from(s.headcount))
                                .map(|p| crate::format::decimal(p.min(100.0), crate::format::PERCENT_PLACES))}</td>
                        <td>{crate::format::decimal(s.min_pct, 0)}</td>
                        <td>{s.prizes}</td>
                        <td>{crate::format::decimal(s.points, 2)}</td>
                        <td>{s.prize}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}

#[component]
fn Disqualified(
    contest_id: i32,
    rows: Vec<DisqualifiedRow>,
    run: impl Fn(Job) + Copy + 'static,
) -> impl IntoView {
    let who = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let submit = move |_| {
        let id = who.get_untracked().trim().parse::<i32>();
        let why = reason.get_untracked();
        run(Box::pin(async move {
            let id = id.map_err(|_| AppError::invalid("contestant_id", "Mã thí sinh phải là số."))?;
            admin_disqualify(contest_id, id, why).await.map(|_| "Đã loại thí sinh khỏi xét giải.".to_owned())
        }))
    };
    view! {
        <section class="card form-card wide">
            <h2>"Loại khỏi xét giải"</h2>
            <div class="form">
                <label for="dq-id">"Mã thí sinh"</label>
                <input id="dq-id" type="number" prop:value=move || who.get() on:input:target=move |ev| who.set(ev.target().value())/>
                <label for="dq-reason">"Lý do"</label>
                <input id="dq-reason" prop:value=move || reason.get() on:input:target=move |ev| reason.set(ev.target().value())/>
                <div class="actions"><button type="button" class="primary" on:click=submit>"Loại khỏi xét giải"</button></div>
            </div>
            <table class="schedule">
                <thead><tr><th>"Mã TS"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th>"Lý do"</th><th>"Người quyết định"</th><th>"Lúc"</th><th></th></tr></thead>
                <tbody>{rows.into_iter().map(|d| {
                    let id = d.id;
                    view! {
                        <tr>
                            <td>{d.contestant_id}</td><td>{d.full_name}</td><td>{d.unit_name}</td><td>{d.reason}</td><td>{d.actor}</td><td>{d.at}</td>
                            <td><button type="button" class="link-button" on:click=move |_| run(Box::pin(async move {
                                admin_reinstate(id).await.map(|_| "Đã bỏ quyết định loại.".to_owned())
                            }))>"Bỏ loại"</button></td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}
