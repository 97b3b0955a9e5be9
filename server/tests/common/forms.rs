//! Forms as a browser posts them by itself (no JavaScript): urlencoded, with
//! its Referer and an Accept that takes HTML; and what the page it is sent
//! back to shows.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)]

use super::client::Client;
use axum::body::Body;
use http::{header, Method, StatusCode};

pub const HOST: &str = "thi.example.vn";

/// `application/x-www-form-urlencoded`, as a browser sends it.
pub fn encode(fields: &[(&str, &str)]) -> String {
    let part = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields.iter().map(|(k, v)| format!("{}={}", part(k), part(v))).collect::<Vec<_>>().join("&")
}

/// A browser's own form post from `page` (no JavaScript): it takes HTML.
pub async fn post_form(
    c: &mut Client,
    action: &str,
    page: &str,
    fields: &[(&str, &str)],
    accept: &str,
) -> (StatusCode, Option<String>, String) {
    let req = c
        .request(Method::POST, action)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("https://{HOST}"))
        .header(header::REFERER, format!("https://{HOST}{page}"))
        .header(header::ACCEPT, accept)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(encode(fields)))
        .unwrap();
    let response = tower::ServiceExt::oneshot(c.app.clone(), req).await.unwrap();
    if let Some(set) = response.headers().get(header::SET_COOKIE) {
        c.cookie = Some(set.to_str().unwrap().split(';').next().unwrap().to_owned());
    }
    let status = response.status();
    let location = response.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned());
    let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, location, String::from_utf8_lossy(&body).into_owned())
}

pub const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// The page a redirect goes to, as the browser loads it (the fragment stays in the browser).
pub async fn follow(c: &mut Client, location: &str) -> String {
    c.get_text(location.split('#').next().unwrap()).await
}

/// The summary's link to `id` and its text, from the page's HTML.
pub fn summary_link(html: &str, id: &str) -> Option<String> {
    let start = html.find(r#"id="error-summary""#)?;
    let summary = &html[start..];
    let summary = &summary[..summary.find("</div>")?];
    let at = summary.find(&format!(r##"href="#{id}""##))?;
    let text = &summary[at..];
    let text = &text[text.find('>')? + 1..];
    Some(text[..text.find("</a>")?].to_owned())
}

/// The `value` attribute of the input `id`, if it has a non-empty one.
pub fn value_of(html: &str, id: &str) -> Option<String> {
    let start = html.find(&format!(r#"<input id="{id}""#))?;
    let input = &html[start..];
    let input = &input[..input.find('>')?];
    let at = input.find(" value=\"")? + 8;
    Some(input[at..at + input[at..].find('"')?].to_owned()).filter(|v| !v.is_empty())
}
