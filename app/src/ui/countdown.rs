//! A countdown that ticks in the browser from the server's clock.
//!
//! The server renders the remaining time as of `server_now_ms`; after hydration
//! the browser adds the time elapsed on its own monotonic clock since then. The
//! phone's wall clock is never read, so a wrong clock changes nothing.
use crate::format;
use leptos::prelude::*;

/// [`Countdown`] as an island, for server-rendered pages (the home and
/// contest pages): the same timer, without a callback (which cannot travel
/// as a prop).
#[cfg_attr(not(feature = "islands-quiz"), island)]
#[cfg_attr(feature = "islands-quiz", component)]
pub fn CountdownIsland(label: String, at_ms: i64, server_now_ms: i64) -> impl IntoView {
    view! { <Countdown label=label at_ms=at_ms server_now_ms=server_now_ms/> }
}

#[component]
pub fn Countdown(
    /// What is being counted down to, e.g. "Tuần 1 kết thúc sau".
    label: String,
    /// Unix milliseconds of the event, server clock.
    at_ms: i64,
    /// Unix milliseconds when the server rendered the page.
    server_now_ms: i64,
    /// Called once when the countdown reaches zero (browser only).
    #[prop(optional)]
    on_zero: Option<Callback<()>>,
    /// Announce to screen readers at 5 minutes, 1 minute and 10 seconds left,
    /// never every second; and change the timer's look in its last minute.
    #[prop(optional)]
    announce: bool,
) -> impl IntoView {
    let elapsed_ms = RwSignal::new(0_i64);
    let ticking = RwSignal::new(false);
    let remaining = move || at_ms - server_now_ms - elapsed_ms.get();

    // Effects run only in the browser, after hydration.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let started = monotonic_ms();
            ticking.set(true);
            let handle = set_interval_with_handle(
                move || elapsed_ms.set((monotonic_ms() - started) as i64),
                std::time::Duration::from_millis(250),
            );
            if let Ok(handle) = handle {
                on_cleanup(move || handle.clear());
            }
        }
    });
    let fired = StoredValue::new(false);
    Effect::new(move |_| {
        if ticking.get() && remaining() <= 0 && !fired.get_value() {
            fired.set_value(true);
            if let Some(callback) = on_zero {
                callback.run(());
            }
        }
    });
    // Changes only when a threshold is crossed, so the live region speaks rarely.
    let announcement = Memo::new(move |_| match remaining() {
        r if r <= 0 => "Đã hết thời gian.",
        r if r <= 10_000 => "Còn 10 giây.",
        r if r <= 60_000 => "Còn 1 phút.",
        r if r <= 5 * 60_000 => "Còn 5 phút.",
        _ => "",
    });

    view! {
        <div class="countdown" role="timer" aria-label=label.clone()
            data-ticking=move || if ticking.get() { "yes" } else { "no" }
            // Only the quiz's timer (the one that announces) turns urgent.
            data-last-minute=move || if announce && remaining() <= 60_000 { "yes" } else { "no" }>
            <span class="countdown-label">{label.clone()}</span>
            <strong class="countdown-value">{move || format::countdown(remaining())}</strong>
            <Show when=move || { remaining() <= 0 && on_zero.is_none() }>
                <a class="countdown-reload" href="">"Tải lại trang để cập nhật"</a>
            </Show>
        </div>
        <Show when=move || announce>
            <p class="visually-hidden" aria-live="assertive">{move || announcement.get()}</p>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
fn monotonic_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}
