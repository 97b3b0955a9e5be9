//! The contest flow through the real router and its exact JSON contract:
//! register → session cookie → start → answer → submit → my attempts.
// Test helpers may panic: a failed request should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::client::Client;

use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_contestant_drives_the_whole_flow_through_the_json_api() {
    for t in common::demo_databases("api_flow", chrono::Utc::now()).await {
        let mut c = Client::new(common::router(&t.db));

        // Not signed in: 401 with the documented error body.
        let (status, body) = c.post("/api/attempts/start", json!({"round_id": 1})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{}: {body}", t.backend);
        assert_eq!(body["error"], "unauthenticated");
        assert!(body["message"].as_str().unwrap().contains("đăng nhập"));

        let (status, contests) = c.get("/api/contests").await;
        assert_eq!(status, StatusCode::OK);
        let live =
            contests.as_array().unwrap().iter().find(|c| c["slug"] == "cchc-lang-son-trai-nghiem").unwrap();
        let round = &live["rounds"][1];
        assert!(round["opens_at"].as_str().unwrap().ends_with("T00:00:00+07:00"), "{round}");
        assert_eq!(
            (round["time_limit_seconds"].clone(), round["has_prediction"].clone()),
            (json!(1200), json!(true))
        );
        let round_id = round["id"].as_i64().unwrap();

        let (status, units) = c.get("/api/units?q=so%20noi%20vu").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(units[0]["name"], "Sở Nội vụ");
        assert_eq!(units[0]["path"], "Tỉnh Lạng Sơn › Sở Nội vụ");
        let unit_id = units[0]["id"].as_i64().unwrap();

        let (status, body) = c
            .post(
                "/api/contestants/register",
                json!({"full_name": "Hoàng Văn Nam", "birth_date": "1988-02-29", "phone": "12", "category": "civil_servant", "unit_id": unit_id, "password": "mật khẩu dài"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"], "invalid_input");
        assert!(body["fields"]["phone"].is_string());

        let (status, body) = c
            .post(
                "/api/contestants/register",
                json!({"full_name": "Hoàng Văn Nam", "birth_date": "1988-02-29", "phone": "0912 345 678", "category": "civil_servant", "unit_id": unit_id, "password": "mật khẩu dài"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", t.backend);
        assert!(body["contestant_id"].as_i64().is_some());
        assert!(c.cookie.is_some(), "the session cookie is set");

        let (status, attempt) = c.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!(status, StatusCode::OK, "{attempt}");
        let text = attempt.to_string();
        assert!(!text.contains("correct"), "no answer key in the response");
        assert_eq!(attempt["questions"].as_array().unwrap().len(), 20);
        assert_eq!(attempt["prediction_required"], true);
        let attempt_id = attempt["attempt_id"].as_i64().unwrap();
        let q = &attempt["questions"][0];
        let (question_id, option_id) = (q["id"].as_i64().unwrap(), q["options"][2]["id"].as_i64().unwrap());

        // The quiz page itself (HTML with its hydration data) carries no key either.
        let html = c.get_text(&format!("/bai-thi/{attempt_id}")).await;
        assert!(html.contains(&format!("answers[{question_id}]")), "the quiz page is a real form");
        assert!(!html.contains("correct"), "no answer key in the quiz page");

        let answer = json!({"attempt_id": attempt_id, "question_id": question_id, "option_id": option_id});
        assert_eq!(
            c.post("/api/attempts/answer", answer.clone()).await,
            (StatusCode::OK, json!({"saved": true}))
        );
        assert_eq!(c.post("/api/attempts/answer", answer).await, (StatusCode::OK, json!({"saved": true})));

        // Resume from "another device": sign in again, start again → same attempt, answer kept.
        let (_, _) = c.post("/api/session/logout", json!({})).await;
        let (status, _) = c.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "logged out");
        let (status, body) =
            c.post("/api/session/login", json!({"phone": "+84912345678", "password": "mật khẩu dài"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, resumed) = c.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!(resumed["attempt_id"], attempt_id);
        assert_eq!(resumed["answers"][question_id.to_string()], option_id);

        let (status, body) = c.post("/api/attempts/submit", json!({"attempt_id": attempt_id})).await;
        assert_eq!(
            (status, body["error"].clone()),
            (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid_input"))
        );
        let (status, result) =
            c.post("/api/attempts/submit", json!({"attempt_id": attempt_id, "prediction": 42})).await;
        assert_eq!(status, StatusCode::OK, "{result}");
        assert_eq!(result["total"], 20);
        assert!(result["correct"].as_i64().unwrap() <= 1);
        let (_, again) =
            c.post("/api/attempts/submit", json!({"attempt_id": attempt_id, "prediction": 7})).await;
        assert_eq!(again, result, "a double submit returns the same result");

        let (status, mine) = c.get("/api/me/attempts").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(mine[0]["attempt_id"], attempt_id);
        assert_eq!(mine[0]["status"], "submitted");

        // A wrong password: 401 (as for staff) with a message that does not say which part was wrong.
        let mut stranger = Client::new(common::router(&t.db));
        let (status, body) =
            stranger.post("/api/session/login", json!({"phone": "0912345678", "password": "sai"})).await;
        assert_eq!((status, body["error"].clone()), (StatusCode::UNAUTHORIZED, json!("invalid_credentials")));
        t.finish().await;
    }
}
