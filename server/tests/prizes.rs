//! Prizes end to end on SQLite and PostgreSQL: allocation down the ranking
//! with exclusions, disqualification and the one-prize rule; approve and
//! publish; a correction after publishing that the public sees; collective
//! prizes by the formula; the contest-wide ranking; the Department's reports.
#![allow(clippy::unwrap_used)]

mod common;

use app::entities::{attempt, contestant, round, unit};
use app::staff::Role;
use chrono::{Duration, Utc};
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{json, Value};

/// A contestant of unit `unit_id`, named after `n`.
async fn person(db: &DatabaseConnection, n: usize, unit_id: i32) -> i32 {
    contestant::ActiveModel {
        full_name: Set(format!("Trần Văn Giải {n}")),
        birth_date: Set(chrono::NaiveDate::from_ymd_opt(1985, 1, 1).unwrap()),
        phone: Set(format!("09{:08}", 20_000_000 + n)),
        category: Set(if n.is_multiple_of(2) { "civil_servant" } else { "citizen" }.into()),
        unit_id: Set(unit_id),
        password_hash: Set("x".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

/// A submitted attempt with `score`, taking `seconds`, predicting 100.
async fn sat(
    db: &DatabaseConnection,
    round: &round::Model,
    who: i32,
    score: i32,
    seconds: i64,
    eligible: bool,
) {
    let started = round.opens_at + Duration::hours(1);
    attempt::ActiveModel {
        round_id: Set(round.id),
        contestant_id: Set(who),
        sequence: Set(1),
        started_at: Set(started),
        deadline_at: Set(started + Duration::minutes(20)),
        submitted_at: Set(Some(started + Duration::seconds(seconds))),
        correct_count: Set(Some(score / 5)),
        question_count: Set(20),
        score: Set(Some(score)),
        duration_ms: Set(Some((seconds * 1000) as i32)),
        prediction: Set(Some(100)),
        eligible: Set(eligible),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

fn winners_of(overview: &Value, round_id: i32) -> Vec<(String, String)> {
    let list = overview["lists"].as_array().unwrap().iter().find(|l| l["round_id"] == round_id).unwrap();
    list["awards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["prize_name"].as_str().unwrap().to_owned(), a["full_name"].as_str().unwrap().to_owned()))
        .collect()
}

fn w(prize: &str, n: usize) -> (String, String) {
    (prize.to_owned(), format!("Trần Văn Giải {n}"))
}

struct Setup {
    r1: round::Model,
    r2: round::Model,
    people: Vec<i32>,
    unit_id: i32,
}

/// Contest 1 (the closed 2022 demo) with six people in one agency:
/// round 1: P1 100, P2 95, P3 90, P4 85 (on the exclusion list), P5 80;
/// round 2: P2 100, P1 95, P6 90, P3 85.
async fn setup(db: &DatabaseConnection) -> Setup {
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.eq(1))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await
        .unwrap();
    let unit_id =
        unit::Entity::find().filter(unit::Column::Code.eq("SNV")).one(db).await.unwrap().unwrap().id;
    let mut people = vec![0];
    for n in 1..=6 {
        people.push(person(db, n, unit_id).await);
    }
    let (r1, r2) = (rounds[0].clone(), rounds[1].clone());
    for (n, score, eligible) in [(1, 100, true), (2, 95, true), (3, 90, true), (4, 85, false), (5, 80, true)]
    {
        sat(db, &r1, people[n], score, 300 + n as i64, eligible).await;
    }
    for (n, score) in [(2, 100), (1, 95), (6, 90), (3, 85)] {
        sat(db, &r2, people[n], score, 300 + n as i64, true).await;
    }
    Setup { r1, r2, people, unit_id }
}

fn two_prizes() -> Value {
    json!([
        {"position": 1, "name": "Giải Nhất", "quantity": 1, "category": "", "unit_points": 10.0},
        {"position": 2, "name": "Giải Nhì", "quantity": 1, "category": "", "unit_points": 5.0}
    ])
}

#[tokio::test]
async fn prizes_go_down_the_ranking_with_exclusions_disqualifications_and_one_prize_each() {
    for t in common::demo_databases("prizes_flow", Utc::now()).await {
        let s = setup(&t.db).await;
        let app = common::router(&t.db);
        account(&t.db, "btc@giai.example.vn", Role::Organizer).await;
        let mut btc = signed_in(app.clone(), "btc@giai.example.vn").await;
        for r in [&s.r1, &s.r2] {
            let (status, body) = btc
                .post(
                    "/api/admin/prizes/tiers",
                    json!({"contest_id": 1, "round_id": r.id, "tiers": two_prizes()}),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        // A bad structure is refused in Vietnamese and changes nothing.
        let (status, body) = btc
            .post(
                "/api/admin/prizes/tiers",
                json!({"contest_id": 1, "round_id": s.r1.id, "tiers": [{"position": 1, "name": "Giải Nhất", "quantity": 0, "category": "", "unit_points": 0.0}]}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["fields"]["tiers"].as_str().unwrap().contains("Số lượng"), "{body}");

        // Draft: P1 wins round 1, P2 round 2. Round 1's second prize would go to P2,
        // who keeps the higher (round 2's first), so it passes to P3; round 2's
        // second passes over P1 to P6. P4 is on the exclusion list.
        let (status, overview) = btc.get("/api/admin/prizes?contest_id=1").await;
        assert_eq!(status, StatusCode::OK, "{overview}");
        assert_eq!(winners_of(&overview, s.r1.id), vec![w("Giải Nhất", 1), w("Giải Nhì", 3)]);
        assert_eq!(winners_of(&overview, s.r2.id), vec![w("Giải Nhất", 2), w("Giải Nhì", 6)]);
        let r1 = overview["lists"].as_array().unwrap().iter().find(|l| l["round_id"] == s.r1.id).unwrap();
        assert_eq!(r1["status"], "draft");
        assert_eq!(r1["passed_over"][0]["full_name"], "Trần Văn Giải 2");
        assert_eq!(r1["left_out"][0]["reason"], "Trong danh sách không được dự thi");

        // Disqualifying P3 in draft: round 1's second prize goes to P5 (P4 stays excluded).
        let (status, body) = btc
            .post(
                "/api/admin/prizes/disqualify",
                json!({"contest_id": 1, "contestant_id": s.people[3], "reason": "Thi hộ người khác"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = btc
            .post(
                "/api/admin/prizes/disqualify",
                json!({"contest_id": 1, "contestant_id": s.people[3], "reason": "Lần nữa"}),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, body) = btc
            .post(
                "/api/admin/prizes/disqualify",
                json!({"contest_id": 1, "contestant_id": s.people[5], "reason": ""}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (_, overview) = btc.get("/api/admin/prizes?contest_id=1").await;
        assert_eq!(winners_of(&overview, s.r1.id), vec![w("Giải Nhất", 1), w("Giải Nhì", 5)]);
        assert_eq!(overview["disqualified"][0]["reason"], "Thi hộ người khác");

        // Nothing is public before publishing; the contest list waits for its rounds.
        let mut public = Client::new(app.clone());
        let (status, before) = public.get("/api/contests/winners?contest_id=1").await;
        assert_eq!(status, StatusCode::OK, "{before}");
        assert_eq!(before["rounds"], json!([]));
        let (status, body) =
            btc.post("/api/admin/prizes/approve", json!({"contest_id": 1, "round_id": 0})).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::CONFLICT, Some("rounds_not_approved")),
            "{body}"
        );

        // Approve and publish round 1; publishing needs approval first.
        let (status, body) =
            btc.post("/api/admin/prizes/publish", json!({"contest_id": 1, "round_id": s.r2.id})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        for step in ["approve", "publish"] {
            let (status, body) = btc
                .post(&format!("/api/admin/prizes/{step}"), json!({"contest_id": 1, "round_id": s.r1.id}))
                .await;
            assert_eq!(status, StatusCode::OK, "{step}: {body}");
        }
        let (status, body) =
            btc.post("/api/admin/prizes/unapprove", json!({"contest_id": 1, "round_id": s.r1.id})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (_, published) = public.get("/api/contests/winners?contest_id=1").await;
        let names: Vec<&str> = published["rounds"][0]["winners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["full_name"].as_str().unwrap())
            .collect();
        assert_eq!(names, vec!["Trần Văn Giải 1", "Trần Văn Giải 5"]);
        assert_eq!(published["rounds"][0]["corrections"], json!([]));

        // Disqualifying a published winner recomputes that list and records the correction publicly.
        let (status, body) = btc
            .post(
                "/api/admin/prizes/disqualify",
                json!({"contest_id": 1, "contestant_id": s.people[1], "reason": "Khai sai đơn vị công tác"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, corrected) = public.get("/api/contests/winners?contest_id=1").await;
        let list = &corrected["rounds"][0];
        let names: Vec<&str> =
            list["winners"].as_array().unwrap().iter().map(|w| w["full_name"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["Trần Văn Giải 2", "Trần Văn Giải 5"]);
        let fix = &list["corrections"][0];
        assert!(fix["reason"].as_str().unwrap().contains("Khai sai đơn vị công tác"), "{fix}");
        assert!(fix["summary"].as_str().unwrap().contains("Bỏ Giải Nhất của Trần Văn Giải 1"), "{fix}");
        assert!(fix["summary"].as_str().unwrap().contains("Trao Giải Nhất cho Trần Văn Giải 2"), "{fix}");

        // Round 2's draft now respects round 1's published prizes: P2 holds one, P1 and P3 are out.
        let (_, overview) = btc.get("/api/admin/prizes?contest_id=1").await;
        assert_eq!(winners_of(&overview, s.r2.id), vec![w("Giải Nhất", 6)]);

        // Rounds that have not closed cannot be approved.
        let live = round::Entity::find()
            .filter(round::Column::ClosesAt.gt(Utc::now()))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let (status, body) = btc
            .post("/api/admin/prizes/approve", json!({"contest_id": live.contest_id, "round_id": live.id}))
            .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::CONFLICT, Some("round_not_closed")),
            "{body}"
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn collective_prizes_follow_the_formula_and_feed_the_reform_index() {
    for t in common::demo_databases("prizes_collective", Utc::now()).await {
        let s = setup(&t.db).await;
        let app = common::router(&t.db);
        account(&t.db, "btc@tapthe.example.vn", Role::Organizer).await;
        let mut btc = signed_in(app.clone(), "btc@tapthe.example.vn").await;
        app::results::stats::refresh(&t.db, 1, Utc::now()).await.unwrap();
        // No minimum rate, 2 points per percentage point, one collective prize.
        let rule = json!({"level": 1, "min_rates": [{"under": null, "pct": 0.0}], "rate_weight": 2.0,
            "prizes": [{"name": "Giải Nhất tập thể", "quantity": 1}]});
        let (status, body) = btc
            .post(
                "/api/admin/prizes/rules",
                json!({"contest_id": 1, "one_prize_per_person": true, "collective_rule": rule}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = btc
            .post(
                "/api/admin/prizes/tiers",
                json!({"contest_id": 1, "round_id": s.r1.id, "tiers": two_prizes()}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        for (step, round_id) in [("approve", s.r1.id), ("publish", s.r1.id), ("approve", 0), ("publish", 0)] {
            let (status, body) = btc
                .post(&format!("/api/admin/prizes/{step}"), json!({"contest_id": 1, "round_id": round_id}))
                .await;
            assert_eq!(status, StatusCode::OK, "{step} {round_id}: {body}");
        }
        // Sở Nội vụ: 6 of its headcount took part, and its members won 10 + 5 points of prizes.
        let snv = unit::Entity::find_by_id(s.unit_id).one(&t.db).await.unwrap().unwrap();
        let pct = ((6.0 * 100.0 / f64::from(snv.headcount)) * 100.0_f64).round() / 100.0;
        let (_, winners) = Client::new(app.clone()).get("/api/contests/winners?contest_id=1").await;
        let first = &winners["collective"][0];
        assert_eq!(first["unit_id"], s.unit_id, "{winners}");
        assert_eq!(first["prize"], "Giải Nhất tập thể");
        assert_eq!(first["participation_pct"].as_f64().unwrap(), pct);
        assert_eq!(first["points"].as_f64().unwrap(), ((pct * 2.0 + 15.0) * 100.0).round() / 100.0);
        assert_eq!(winners["collective"].as_array().unwrap().len(), 1);

        // The reform-index table scores the same agency by the default rubric.
        let (status, index) = btc.get("/api/admin/reports/reform-index?contest_id=1").await;
        assert_eq!(status, StatusCode::OK, "{index}");
        let row = index["rows"].as_array().unwrap().iter().find(|r| r["unit_id"] == s.unit_id).unwrap();
        assert_eq!(row["prizes"], 2);
        assert_eq!(row["collective_prize"], "Giải Nhất tập thể");
        assert_eq!(row["contestants"], 6);
        // 2 prizes × 0.25, and 0.5 for the collective prize; participation under 30 % earns nothing.
        assert_eq!((row["prize_points"].as_f64(), row["collective_points"].as_f64()), (Some(0.5), Some(0.5)));
        assert_eq!(
            row["total"].as_f64().unwrap(),
            row["participation_points"].as_f64().unwrap() + row["score_points"].as_f64().unwrap() + 1.0
        );
        // A bad rubric is refused in Vietnamese.
        let (status, body) = btc
            .post(
                "/api/admin/reports/rubric",
                json!({"contest_id": 1, "rubric": {"participation": [], "average_score": [],
                "per_prize": -1.0, "max_prize_points": 0.5, "collective_prize": 0.5, "max_points": 3.0}}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        t.finish().await;
    }
}

#[tokio::test]
async fn the_contest_ranking_adds_up_the_rounds_and_the_weekly_report_matches_a_recount() {
    for t in common::demo_databases("prizes_contest_rank", Utc::now()).await {
        let s = setup(&t.db).await;
        let app = common::router(&t.db);
        let mut public = Client::new(app.clone());
        // Until the rounds' true figures are recorded, the public ranking leaves them out.
        let (status, board) = public.get("/api/contests/leaderboard?contest_id=1&limit=10").await;
        assert_eq!((status, board), (StatusCode::OK, json!([])));
        // The true figure is recorded once the round has settled: nobody had full marks… except P1 and P2.
        app::results::service::record_truths(&t.db, Utc::now(), 5).await.unwrap();
        let r1 = round::Entity::find_by_id(s.r1.id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(r1.truth, Some(1), "one full-marks contestant in round 1");
        // P1 and P2 both total 195; P1 took 301 + 301 s against P2's 302 + 302 s.
        let (status, board) = public.get("/api/contests/leaderboard?contest_id=1&limit=10").await;
        assert_eq!(status, StatusCode::OK, "{board}");
        let top: Vec<(u64, i64)> = board
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["rank"].as_u64().unwrap(), r["score"].as_i64().unwrap()))
            .collect();
        assert_eq!(top[..3], [(1, 195), (2, 195), (3, 175)]);
        assert_eq!(board[0]["name"], "Trần V. G. 1.");
        assert_eq!(board.as_array().unwrap().len(), 5, "P4's only attempt is ineligible");

        // The weekly report: the agency's row per round against a recount.
        account(&t.db, "btc@baocao.example.vn", Role::Organizer).await;
        let mut btc = signed_in(app.clone(), "btc@baocao.example.vn").await;
        app::results::stats::refresh(&t.db, 1, Utc::now()).await.unwrap();
        let (status, report) = btc.get("/api/admin/reports/weekly?contest_id=1").await;
        assert_eq!(status, StatusCode::OK, "{report}");
        let row = report["rows"].as_array().unwrap().iter().find(|r| r["unit_id"] == s.unit_id).unwrap();
        assert_eq!(row["weeks"][0][0], 5);
        assert_eq!(row["weeks"][1][0], 4);
        assert_eq!(row["contestants"], 6);
        let province = &report["rows"][0];
        assert_eq!(province["depth"], 0);
        assert_eq!(province["contestants"], 6, "the province's row adds up its branch");
        // The .xlsx says the same.
        let req = btc
            .request(http::Method::GET, "/api/admin/reports/weekly.xlsx?contest_id=1")
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, bytes) = btc.send_raw(req).await;
        assert_eq!(status, StatusCode::OK);
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("Tham gia theo tuần").unwrap();
        let line = sheet.rows().find(|r| r.first().map(|c| c.to_string()) == Some("SNV".into())).unwrap();
        assert_eq!(line[3].to_string(), "5");
        assert_eq!(line[5].to_string(), "4");
        let req = Client::new(app.clone())
            .request(http::Method::GET, "/api/admin/reports/weekly.xlsx?contest_id=1")
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, _) = Client::new(app.clone()).send_raw(req).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        t.finish().await;
    }
}
