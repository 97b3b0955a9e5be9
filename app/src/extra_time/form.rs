//! "Thời gian cộng thêm" on a contestant's page in the dashboard, for
//! organizers: the grant in force, a form to grant or change it (percent and
//! reason) and a button to remove it. Like the rest of the dashboard it runs
//! in the browser (the page itself renders after hydration), so it loads the
//! grant with a plain task instead of a nested resource.
use super::{
    admin_extra_time, admin_grant_extra_time, admin_remove_extra_time, ExtraTime, MAX_PERCENT, MIN_PERCENT,
};
use crate::error::AppError;
use leptos::prelude::*;

fn current_text(grant: &Option<ExtraTime>) -> String {
    match grant {
        Some(g) if g.granted_by.is_empty() => format!(
            "Đang được cộng thêm {}% thời gian làm bài (từ {}; lý do: {}).",
            g.percent, g.granted_at, g.reason
        ),
        Some(g) => format!(
            "Đang được cộng thêm {}% thời gian làm bài ({} cấp lúc {}; lý do: {}).",
            g.percent, g.granted_by, g.granted_at, g.reason
        ),
        None => "Thí sinh chưa được cộng thêm thời gian.".to_owned(),
    }
}

#[component]
pub fn ExtraTimeCard(id: i32) -> impl IntoView {
    let grant = RwSignal::new(None::<Option<ExtraTime>>);
    let load_error = RwSignal::new(None::<String>);
    let percent = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let outcome: crate::form::Outcome<&'static str> = RwSignal::new(None);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            match admin_extra_time(id).await {
                Ok(found) => {
                    if let Some(g) = &found {
                        percent.set(g.percent.to_string());
                    }
                    grant.set(Some(found));
                }
                Err(e) => load_error.set(Some(e.to_string())),
            }
        });
    });
    let blank = "Vui lòng nhập số phần trăm cộng thêm (từ 10 đến 100).";
    let save = move |_| {
        leptos::task::spawn_local(async move {
            let typed = percent.get_untracked();
            // Empty or not a whole number: sent as 0, which the server calls out of range.
            let value = typed.trim().parse::<i32>().unwrap_or(0);
            let result = admin_grant_extra_time(id, value, reason.get_untracked()).await;
            let blanks: &[(&str, &str)] = if typed.trim().is_empty() { &[("percent", blank)] } else { &[] };
            match result {
                Ok(saved) => {
                    grant.set(Some(Some(saved)));
                    reason.set(String::new());
                    outcome.set(Some(Ok("Đã lưu thời gian cộng thêm.")));
                }
                Err(e) => outcome.set(Some(Err(crate::form::ask_for_blanks(e, blanks)))),
            }
        });
    };
    let remove = move |_| {
        leptos::task::spawn_local(async move {
            match admin_remove_extra_time(id, reason.get_untracked()).await {
                Ok(_) => {
                    grant.set(Some(None));
                    percent.set(String::new());
                    reason.set(String::new());
                    outcome.set(Some(Ok("Đã bỏ thời gian cộng thêm.")));
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };
    let field = move |name: &str| crate::form::field_message(outcome, name);
    let message = move || {
        outcome.with(|o| match o {
            Some(Ok(text)) => Some(("notice", (*text).to_owned())),
            Some(Err(AppError::Invalid(_))) => {
                Some(("form-error", "Vui lòng sửa các ô được đánh dấu.".to_owned()))
            }
            Some(Err(e)) => Some(("form-error", e.to_string())),
            None => None,
        })
    };
    let has_grant = move || grant.with(|g| matches!(g, Some(Some(_))));
    view! {
        <section class="card form-card wide" aria-labelledby="extra-time-heading">
            <h2 id="extra-time-heading">"Thời gian cộng thêm"</h2>
            <p class="hint">{format!(
                "Cho thí sinh cần thêm thời gian để làm bài (ví dụ người khuyết tật, người dùng trình đọc màn hình): từ {MIN_PERCENT}% đến {MAX_PERCENT}% thời gian làm bài của mỗi đợt. Áp dụng cho các lượt thi bắt đầu từ khi lưu; lượt đang làm giữ nguyên hạn nộp. Khi xếp hạng theo thời gian, thời gian làm bài của thí sinh được quy đổi theo tỷ lệ (ví dụ 30 phút khi được cộng 50% tính như 20 phút), nên không ai được lợi hay thiệt vì thời gian cộng thêm."
            )}</p>
            <p role="status">{move || match (load_error.get(), grant.get()) {
                (Some(e), _) => e,
                (None, Some(g)) => current_text(&g),
                (None, None) => "Đang tải…".to_owned(),
            }}</p>
            <div class="form">
                {move || message().map(|(class, text)| view! { <p class=class role="alert">{text}</p> })}
                <label for="et-percent">"Cộng thêm (% thời gian làm bài)"</label>
                <input id="et-percent" type="number" inputmode="numeric" min=MIN_PERCENT max=MAX_PERCENT step="1"
                    aria-describedby="et-percent-error"
                    prop:value=move || percent.get() on:input:target=move |ev| percent.set(ev.target().value())/>
                <p class="field-error" id="et-percent-error">{move || field("percent")}</p>
                <label for="et-reason">"Lý do cộng thêm thời gian (ghi vào nhật ký)"</label>
                <input id="et-reason" aria-describedby="et-reason-error"
                    prop:value=move || reason.get() on:input:target=move |ev| reason.set(ev.target().value())/>
                <p class="field-error" id="et-reason-error">{move || field("reason")}</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=save>"Lưu thời gian cộng thêm"</button>
                    <Show when=has_grant>
                        <button type="button" on:click=remove>"Bỏ thời gian cộng thêm"</button>
                    </Show>
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_says_what_is_in_force() {
        assert_eq!(current_text(&None), "Thí sinh chưa được cộng thêm thời gian.");
        let g = ExtraTime {
            contestant_id: 1,
            percent: 50,
            reason: "Khiếm thị".into(),
            granted_by: "Nguyễn Văn A".into(),
            granted_at: "01/12/2026 09:00".into(),
        };
        assert_eq!(
            current_text(&Some(g)),
            "Đang được cộng thêm 50% thời gian làm bài (Nguyễn Văn A cấp lúc 01/12/2026 09:00; lý do: Khiếm thị)."
        );
    }
}
