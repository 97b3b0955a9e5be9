//! Published figures against a brute-force recount on generated data, the
//! downloads parsed back, and the leaderboard's order and masking.
#![allow(clippy::unwrap_used)]

mod common;

use app::entities::{attempt, contestant, round, unit};
use chrono::{Duration, Utc};
use common::client::Client;
use http::StatusCode;
use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// Generated people and attempts on the 2022 demo contest (id 1): a fixed seed.
async fn generate(db: &sea_orm::DatabaseConnection, people: usize) -> Vec<attempt::Model> {
    let mut rng = StdRng::seed_from_u64(2022);
    let units: Vec<i32> = unit::Entity::find().all(db).await.unwrap().into_iter().map(|u| u.id).collect();
    let rounds: Vec<round::Model> =
        round::Entity::find().filter(round::Column::ContestId.eq(1)).all(db).await.unwrap();
    let now = Utc::now();
    let mut made = Vec::new();
    for i in 0..people {
        let person = contestant::ActiveModel {
            full_name: Set(format!("Nguyễn Văn Thử {i}")),
            birth_date: Set(chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap()),
            phone: Set(format!("09{:08}", 10_000_000 + i)),
            category: Set("civil_servant".into()),
            unit_id: Set(units[rng.gen_range(0..units.len())]),
            password_hash: Set("x".into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        for r in &rounds {
            for sequence in 1..=rng.gen_range(0..=2) {
                let correct = rng.gen_range(15..=20);
                let started = r.opens_at + Duration::minutes(rng.gen_range(0..5000));
                let submitted = rng.gen_bool(0.95);
                made.push(
                    attempt::ActiveModel {
                        round_id: Set(r.id),
                        contestant_id: Set(person.id),
                        sequence: Set(sequence),
                        started_at: Set(started),
                        deadline_at: Set(started + Duration::minutes(20)),
                        submitted_at: Set(
                            submitted.then(|| started + Duration::seconds(rng.gen_range(100..1200)))
                        ),
                        correct_count: Set(submitted.then_some(correct)),
                        question_count: Set(20),
                        score: Set(submitted.then_some(correct * 5)),
                        duration_ms: Set(submitted.then(|| rng.gen_range(100_000..1_200_000))),
                        prediction: Set(Some(rng.gen_range(0..400))),
                        eligible: Set(rng.gen_bool(0.97)),
                        ..Default::default()
                    }
                    .insert(db)
                    .await
                    .unwrap(),
                );
            }
        }
    }
    made
}

#[tokio::test]
async fn unit_figures_match_a_brute_force_recount_and_the_downloads_say_the_same() {
    for t in common::demo_databases("results_stats", Utc::now()).await {
        let attempts = generate(&t.db, 150).await;
        let people: HashMap<i32, i32> = contestant::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.id, c.unit_id))
            .collect();
        // The 2022 rounds closed long ago: their true figures are recorded, so
        // the full marks they ask about are published (stats::Withheld).
        app::results::service::record_truths(&t.db, Utc::now(), 5).await.unwrap();
        app::results::stats::refresh(&t.db, 1, Utc::now()).await.unwrap();
        let mut c = Client::new(common::router(&t.db));
        let rounds: Vec<i32> = round::Entity::find()
            .filter(round::Column::ContestId.eq(1))
            .all(&t.db)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        for round_id in rounds.iter().map(|r| Some(*r)).chain([None]) {
            let url = match round_id {
                Some(r) => format!("/api/stats/units?contest_id=1&round_id={r}"),
                None => "/api/stats/units?contest_id=1".to_owned(),
            };
            let (status, table) = c.get(&url).await;
            assert_eq!(status, StatusCode::OK, "{}: {table}", t.backend);
            let table = table.as_array().unwrap();
            assert_eq!(table.len(), 137, "every unit, with or without attempts");
            for row in table {
                let unit_id = row["unit_id"].as_i64().unwrap() as i32;
                let mine: Vec<&attempt::Model> = attempts
                    .iter()
                    .filter(|a| a.submitted_at.is_some())
                    .filter(|a| round_id.is_none_or(|r| a.round_id == r))
                    .filter(|a| people[&a.contestant_id] == unit_id)
                    .collect();
                let contestants: HashSet<i32> = mine.iter().map(|a| a.contestant_id).collect();
                let full: HashSet<i32> =
                    mine.iter().filter(|a| a.score == Some(100)).map(|a| a.contestant_id).collect();
                let sum: i64 = mine.iter().map(|a| i64::from(a.score.unwrap())).sum();
                assert_eq!(row["attempts"], json!(mine.len()), "{unit_id}");
                assert_eq!(row["contestants"], json!(contestants.len()), "{unit_id}");
                assert_eq!(row["full_marks"], json!(full.len()), "{unit_id}");
                let headcount = row["headcount"].as_i64().unwrap();
                let expected_pct = (headcount > 0)
                    .then(|| app::format::round(contestants.len() as f64 * 100.0 / headcount as f64, 1));
                assert_eq!(row["participation_pct"].as_f64(), expected_pct, "{unit_id}");
                let expected_avg =
                    (!mine.is_empty()).then(|| app::format::round(sum as f64 / mine.len() as f64, 1));
                assert_eq!(row["average_score"].as_f64(), expected_avg, "{unit_id}");
            }
            // The CSV holds the same numbers as the JSON, row for row.
            let files = url.replace("/api/stats/units?", "/api/stats/units.csv?");
            let req = c.request(http::Method::GET, &files).body(axum::body::Body::empty()).unwrap();
            let (status, bytes) = c.send_raw(req).await;
            assert_eq!(status, StatusCode::OK);
            let text = String::from_utf8(bytes).unwrap();
            let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().skip(1).collect();
            assert_eq!(lines.len(), table.len());
            for (line, row) in lines.iter().zip(table) {
                // ";" between fields: what Excel with Vietnamese settings splits on.
                let fields: Vec<&str> = line.split(';').collect();
                assert_eq!(fields[0], row["unit_id"].to_string());
                assert_eq!(fields[fields.len() - 4], row["contestants"].to_string(), "{line}");
            }
            // The .xlsx opens and holds the same contestants per unit.
            let req = c
                .request(http::Method::GET, &url.replace("/api/stats/units?", "/api/stats/units.xlsx?"))
                .body(axum::body::Body::empty())
                .unwrap();
            let (status, bytes) = c.send_raw(req).await;
            assert_eq!(status, StatusCode::OK);
            use calamine::Reader;
            let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
            let sheet = book.worksheet_range("Thống kê").unwrap();
            let from_file: Vec<(i64, i64)> = sheet
                .rows()
                .skip(3)
                .map(|r| {
                    (
                        r[0].to_string().parse::<f64>().unwrap() as i64,
                        r[4].to_string().parse::<f64>().unwrap() as i64,
                    )
                })
                .collect();
            let from_json: Vec<(i64, i64)> = table
                .iter()
                .map(|r| (r["unit_id"].as_i64().unwrap(), r["contestants"].as_i64().unwrap()))
                .collect();
            assert_eq!(from_file, from_json);
        }
        // Unpublished or unknown contests are not there for the public.
        assert_eq!(c.get("/api/stats/units?contest_id=999").await.0, StatusCode::NOT_FOUND);
        t.finish().await;
    }
}

#[tokio::test]
async fn the_leaderboard_ranks_counted_attempts_and_masks_names() {
    for t in common::demo_databases("results_board", Utc::now()).await {
        let attempts = generate(&t.db, 60).await;
        // Published once the round's true figure is recorded.
        app::results::service::record_truths(&t.db, Utc::now(), 5).await.unwrap();
        let mut c = Client::new(common::router(&t.db));
        let round_id = attempts[0].round_id;
        let (status, board) = c.get(&format!("/api/rounds/leaderboard?round_id={round_id}&limit=100")).await;
        assert_eq!(status, StatusCode::OK, "{board}");
        let board = board.as_array().unwrap();
        // One row per eligible contestant with a submitted attempt in the round.
        let expected: HashSet<i32> = attempts
            .iter()
            .filter(|a| a.round_id == round_id && a.submitted_at.is_some())
            .map(|a| a.contestant_id)
            .filter(|p| {
                attempts
                    .iter()
                    .filter(|a| a.round_id == round_id && a.contestant_id == *p)
                    .all(|a| a.eligible)
            })
            .collect();
        assert_eq!(board.len(), expected.len().min(100));
        let scores: Vec<i64> = board.iter().map(|r| r["score"].as_i64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
        let ranks: Vec<u64> = board.iter().map(|r| r["rank"].as_u64().unwrap()).collect();
        assert_eq!(ranks[0], 1);
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
        let first: &Value = &board[0];
        assert!(first["name"].as_str().unwrap().starts_with("Nguyễn V. T."), "{first}");
        assert!(first.get("phone").is_none() && first.get("contestant_id").is_none());
        // Counted attempts are each person's best: the top score is the round's best eligible one.
        let best = attempts
            .iter()
            .filter(|a| a.round_id == round_id && expected.contains(&a.contestant_id))
            .filter_map(|a| a.score)
            .max()
            .unwrap();
        assert_eq!(scores[0], i64::from(best));
        t.finish().await;
    }
}

#[tokio::test]
async fn the_demo_history_is_the_same_every_time_and_feeds_the_figures() {
    let mut seen = Vec::new();
    for t in common::demo_databases("results_history", Utc::now()).await {
        let history = server::demo::history::insert(&t.db, "cchc-lang-son-2022").await.unwrap();
        assert!(history.attempts >= 20_000, "tens of thousands of attempts: {}", history.attempts);
        app::results::service::record_truths(&t.db, Utc::now(), 5).await.unwrap();
        app::results::stats::refresh(&t.db, 1, Utc::now()).await.unwrap();
        let mut c = Client::new(common::router(&t.db));
        let (status, table) = c.get("/api/stats/units?contest_id=1").await;
        assert_eq!(status, StatusCode::OK);
        let attempts: i64 = table.as_array().unwrap().iter().map(|r| r["attempts"].as_i64().unwrap()).sum();
        assert_eq!(attempts as usize, history.attempts);
        let (_, board) = c.get("/api/rounds/leaderboard?round_id=1&limit=3").await;
        // The demo's prizes: every week's list and the collective prizes, published.
        let awards = server::demo::prizes::award_2022(&t.db, "cchc-lang-son-2022", Utc::now()).await.unwrap();
        assert_eq!(awards, 4 * 11);
        let (status, winners) = c.get("/api/contests/winners?contest_id=1").await;
        assert_eq!(status, StatusCode::OK, "{winners}");
        assert_eq!(winners["rounds"].as_array().unwrap().len(), 4);
        assert_eq!(winners["collective"].as_array().unwrap().len(), 6);
        let everyone: HashSet<&str> = winners["rounds"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["winners"].as_array().unwrap().iter().map(|w| w["full_name"].as_str().unwrap()))
            .collect();
        assert!(everyone.len() > 30, "mostly different people under the one-prize rule: {}", everyone.len());
        let lists: Vec<Value> =
            winners["rounds"].as_array().unwrap().iter().map(|r| r["winners"].clone()).collect();
        seen.push((history.contestants, history.attempts, board, lists));
        t.finish().await;
    }
    // SQLite and PostgreSQL got the very same history from the fixed seed.
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
}

#[tokio::test]
async fn charts_count_every_submitted_attempt_by_local_day_and_score_band() {
    for t in common::demo_databases("results_charts", Utc::now()).await {
        let attempts = generate(&t.db, 80).await;
        // With the true figures recorded, 100 is a band of its own again.
        app::results::service::record_truths(&t.db, Utc::now(), 5).await.unwrap();
        app::results::stats::refresh(&t.db, 1, Utc::now()).await.unwrap();
        let mut c = Client::new(common::router(&t.db));
        let round_id = attempts[0].round_id;
        for round in [None, Some(round_id)] {
            let query = round.map(|r| format!("&round_id={r}")).unwrap_or_default();
            let (status, charts) = c.get(&format!("/api/stats/charts?contest_id=1{query}")).await;
            assert_eq!(status, StatusCode::OK, "{charts}");
            let mut days: HashMap<String, i64> = HashMap::new();
            let mut bands: HashMap<i64, i64> = HashMap::new();
            for a in attempts.iter().filter(|a| round.is_none_or(|r| a.round_id == r)) {
                let Some(at) = a.submitted_at else { continue };
                // Asia/Ho_Chi_Minh is UTC+7 all year.
                let local = at + Duration::hours(7);
                *days.entry(local.format("%d/%m/%Y").to_string()).or_default() += 1;
                *bands.entry(i64::from(a.score.unwrap().min(100) / 10 * 10)).or_default() += 1;
            }
            let got_days: HashMap<String, i64> = charts["by_day"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| (d["date"].as_str().unwrap().to_owned(), d["attempts"].as_i64().unwrap()))
                .collect();
            assert_eq!(got_days, days);
            let got_bands: HashMap<i64, i64> = charts["scores"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| (b["from"].as_i64().unwrap(), b["attempts"].as_i64().unwrap()))
                .collect();
            assert_eq!(got_bands, bands);
        }
        // Unpublished or unknown contests have no charts.
        let (status, _) = c.get("/api/stats/charts?contest_id=999999").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        t.finish().await;
    }
}
