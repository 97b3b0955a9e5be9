//! A test HTTP client over the real router: keeps the session cookie like a
//! browser and checks that every cookie it gets is HttpOnly and SameSite.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)]

use axum::body::Body;
use http::{header, Method, Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;

/// How long one request may take in a test. Far above any real answer (tens of
/// milliseconds): a request that never answers fails its test with its
/// address instead of hanging the whole run until CI gives up.
pub const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(60);

/// The router's answer to `req`, or a panic naming the request after [`ANSWER_WITHIN`].
pub async fn answer(app: &axum::Router, req: Request<Body>) -> (http::response::Parts, Vec<u8>) {
    let what = format!("{} {}", req.method(), req.uri());
    let exchange = async {
        let response = app.clone().oneshot(req).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, 100 << 20).await.unwrap();
        (parts, bytes.to_vec())
    };
    match tokio::time::timeout(ANSWER_WITHIN, exchange).await {
        Ok(answer) => answer,
        Err(_) => panic!("{what} did not answer within {} s", ANSWER_WITHIN.as_secs()),
    }
}

pub struct Client {
    pub app: axum::Router,
    pub cookie: Option<String>,
    /// Sent as X-Forwarded-For when set (for per-address throttling tests).
    pub address: Option<String>,
}

impl Client {
    pub fn new(app: axum::Router) -> Self {
        Client { app, cookie: None, address: None }
    }

    pub async fn call(&mut self, method: Method, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
        let req = self.request(method, uri);
        let req = match body {
            Some(body) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
            None => req.body(Body::empty()).unwrap(),
        };
        self.send(req).await
    }

    /// Sends a request, keeping the cookie; answers status and JSON (Null if not JSON).
    pub async fn send(&mut self, req: Request<Body>) -> (StatusCode, Value) {
        let (status, bytes) = self.send_raw(req).await;
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        (status, value)
    }

    /// Sends a request, keeping the cookie; answers status and body bytes.
    pub async fn send_raw(&mut self, req: Request<Body>) -> (StatusCode, Vec<u8>) {
        let (parts, bytes) = answer(&self.app, req).await;
        if let Some(set) = parts.headers.get(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            if set.contains("Max-Age=0") {
                self.cookie = None; // signed out: the browser drops the cookie
            } else {
                assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
                self.cookie = Some(set.split(';').next().unwrap().to_owned());
            }
        }
        (parts.status, bytes)
    }

    /// A request builder with this client's cookie and address.
    pub fn request(&self, method: Method, uri: &str) -> http::request::Builder {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(cookie) = &self.cookie {
            req = req.header(header::COOKIE, cookie);
        }
        if let Some(address) = &self.address {
            req = req.header("x-forwarded-for", address);
        }
        req
    }

    /// POSTs a multipart form: text fields and one file field named `file`.
    pub async fn upload(
        &mut self,
        uri: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> (StatusCode, Value) {
        let boundary = "----contest-test-boundary-7d1f";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        if let Some((file_name, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = self
            .request(Method::POST, uri)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    pub async fn post(&mut self, uri: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, uri, Some(body)).await
    }

    pub async fn get_text(&mut self, uri: &str) -> String {
        let mut req = Request::get(uri);
        if let Some(cookie) = &self.cookie {
            req = req.header(header::COOKIE, cookie);
        }
        let (parts, bytes) = answer(&self.app, req.body(Body::empty()).unwrap()).await;
        assert_eq!(parts.status, StatusCode::OK, "{uri}");
        String::from_utf8(bytes).unwrap()
    }

    pub async fn get(&mut self, uri: &str) -> (StatusCode, Value) {
        self.call(Method::GET, uri, None).await
    }
}
