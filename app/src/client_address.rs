//! The caller's IP address, for per-address throttling and the duplicate-account
//! report. Behind a reverse proxy the socket address is the proxy's, so the
//! first `X-Forwarded-For` hop is used only when the operator says the proxy
//! sets it (TRUST_FORWARDED_FOR); otherwise anyone could claim any address.
use axum::extract::ConnectInfo;
use std::net::SocketAddr;

pub async fn client_address() -> Option<String> {
    let trust_forwarded = crate::state::state().map(|s| s.trust_forwarded_for).unwrap_or(false);
    if trust_forwarded {
        if let Ok(headers) = leptos_axum::extract::<http::HeaderMap>().await {
            let forwarded = headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty());
            if let Some(address) = forwarded {
                return Some(address.to_owned());
            }
        }
    }
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}
