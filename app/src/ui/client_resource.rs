//! Dashboard data fetched in the browser only.
use leptos::prelude::*;

/// A resource fetched in the browser only. Dashboard pages render their data
/// after hydration: the server sends the frame and a "Đang tải…" line, so the
/// server's HTML and the first browser render always agree, and no fetch ever
/// runs on the server outside a request's context. (The dashboard needs
/// JavaScript; the contestant pages do not.)
pub fn client_resource<S, T, Fut>(
    source: impl Fn() -> S + 'static,
    fetch: impl Fn(S) -> Fut + 'static,
) -> LocalResource<T>
where
    Fut: std::future::Future<Output = T> + 'static,
    T: 'static,
{
    LocalResource::new(move || fetch(source()))
}
