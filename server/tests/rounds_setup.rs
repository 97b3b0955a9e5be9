//! Contest and round set-up through the real router: the rules are checked,
//! a round with attempts needs confirming, and a round drawn from a topic
//! pool gives contestants questions of that pool only.
#![allow(clippy::unwrap_used)]

mod common;

use app::entities::question;
use app::staff::Role;
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

fn local(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&app::time::ZONE).format("%Y-%m-%dT%H:%M").to_string()
}

fn round(contest_id: i64, number: i64, topics: &[i64]) -> Value {
    let now = chrono::Utc::now();
    json!({"id": null, "contest_id": contest_id, "number": number, "title": format!("Đợt thử {number}"),
        "opens_at": local(now - chrono::Duration::hours(1)), "closes_at": local(now + chrono::Duration::days(2)),
        "questions_per_attempt": 5, "time_limit_minutes": 10, "attempts_allowed": 1, "counted_attempt": "best",
        "prediction_kind": "none", "prediction_prompt": null, "review_policy": "after_submit",
        "pool_mode": "topics", "pool_topics": topics, "pool_questions": [], "quotas": []})
}

#[tokio::test]
async fn round_rules_are_checked_with_clear_reasons() {
    for t in common::demo_databases("round_rules", chrono::Utc::now()).await {
        let email = format!("btc.dot@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(common::router(&t.db), &email).await;

        let mut bad = round(2, 9, &[1]);
        bad["closes_at"] = json!("01/01/2020 08:00");
        bad["questions_per_attempt"] = json!(500);
        bad["quotas"] = json!([{"topic_id": 2, "count": 3}]);
        let (status, body) = c.post("/api/admin/rounds/save", json!({"draft": bad, "confirm": false})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["fields"]["closes_at"].as_str().unwrap().contains("kết thúc sau khi bắt đầu"));
        assert!(body["fields"]["questions_per_attempt"].is_string());
        // Topic 2 is not in a pool of topic 1 only.
        assert!(body["fields"]["quota_2"].as_str().unwrap().contains("chỉ có 0 câu"), "{body}");

        let mut small = round(2, 9, &[1]);
        small["questions_per_attempt"] = json!(100);
        let (status, body) =
            c.post("/api/admin/rounds/save", json!({"draft": small, "confirm": false})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["fields"]["pool"].as_str().unwrap().contains("ít hơn 100 câu"), "{body}");

        // Number 1 is taken in contest 2.
        let (_, body) =
            c.post("/api/admin/rounds/save", json!({"draft": round(2, 1, &[1]), "confirm": false})).await;
        assert!(body["fields"]["number"].is_string(), "{body}");
        t.finish().await;
    }
}

#[tokio::test]
async fn a_round_drawn_from_a_topic_pool_gives_only_that_pool() {
    for t in common::demo_databases("round_pool", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let email = format!("btc.nguon@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(app.clone(), &email).await;
        let (status, saved) =
            c.post("/api/admin/rounds/save", json!({"draft": round(2, 5, &[3]), "confirm": false})).await;
        assert_eq!(status, StatusCode::OK, "{}: {saved}", t.backend);
        let round_id = saved["id"].as_i64().unwrap();
        let (_, setup) = c.get(&format!("/api/admin/rounds/get?id={round_id}")).await;
        assert_eq!(setup["pool_size"], 22, "the 22 questions of topic 3");

        let mut person = Client::new(app.clone());
        let (status, _) = person
            .post(
                "/api/contestants/register",
                json!({"full_name": "Hà Thị Mai", "birth_date": "1992-07-09", "phone": "0913 222 333",
                    "category": "civil_servant", "unit_id": 1, "password": "mật khẩu dài"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, attempt) = person.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!(status, StatusCode::OK, "{attempt}");
        let ids: Vec<i32> = attempt["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_i64().unwrap() as i32)
            .collect();
        assert_eq!(ids.len(), 5);
        for id in ids {
            let q = question::Entity::find_by_id(id).one(&t.db).await.unwrap().unwrap();
            assert_eq!(q.topic_id, 3, "question {id} is from the round's topic");
        }

        // Now the round has an attempt: changing its rules asks for confirmation
        // (its time limit, being open, cannot change at all: round_editor.rs).
        let mut change = setup["round"].clone();
        change["counted_attempt"] = json!("first");
        let (status, body) =
            c.post("/api/admin/rounds/save", json!({"draft": change.clone(), "confirm": false})).await;
        assert_eq!(
            (status, body["error"].clone()),
            (StatusCode::CONFLICT, json!("round_has_attempts")),
            "{body}"
        );
        let (status, _) = c.post("/api/admin/rounds/save", json!({"draft": change, "confirm": true})).await;
        assert_eq!(status, StatusCode::OK);
        // The running attempt keeps its deadline.
        let (_, resumed) = person.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!(resumed["deadline_ms"], attempt["deadline_ms"]);

        // The monitor sees the attempt in progress.
        let (_, monitor) = c.get(&format!("/api/admin/rounds/monitor?id={round_id}")).await;
        assert_eq!(
            (monitor["in_progress"].clone(), monitor["contestants"].clone()),
            (json!(1), json!(1)),
            "{monitor}"
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn exclusions_mark_existing_attempts_and_contests_need_rounds_to_publish() {
    for t in common::demo_databases("exclusions", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let email = format!("btc.loai@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(app.clone(), &email).await;
        let mut person = Client::new(app.clone());
        person
            .post(
                "/api/contestants/register",
                json!({"full_name": "Nông Văn Đức", "birth_date": "1980-01-01", "phone": "0914 333 444",
                    "category": "civil_servant", "unit_id": 1, "password": "mật khẩu dài"}),
            )
            .await;
        let (_, contests) = person.get("/api/contests").await;
        let live = contests
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["slug"] == "cchc-lang-son-trai-nghiem")
            .unwrap()
            .clone();
        let (status, attempt) =
            person.post("/api/attempts/start", json!({"round_id": live["rounds"][1]["id"]})).await;
        assert_eq!(status, StatusCode::OK);
        let attempt_id = attempt["attempt_id"].as_i64().unwrap() as i32;
        let eligible = || async {
            app::entities::attempt::Entity::find_by_id(attempt_id).one(&t.db).await.unwrap().unwrap().eligible
        };
        assert!(eligible().await);
        let (status, added) = c
            .post("/api/admin/contests/exclusions/add", json!({"contest_id": live["id"], "phone": "0914.333.444", "id_number": null, "reason": "Tổ Thư ký"}))
            .await;
        assert_eq!(status, StatusCode::OK, "{added}");
        assert!(!eligible().await, "the attempt already made is now ineligible");
        let (status, _) = c.post("/api/admin/contests/exclusions/remove", json!({"id": added["id"]})).await;
        assert_eq!(status, StatusCode::OK);
        assert!(eligible().await);

        // A new contest cannot be published before it has a round.
        let (status, made) = c
            .post(
                "/api/admin/contests/save",
                json!({"draft": {"id": null, "slug": "cchc-2027", "title": "Cuộc thi 2027",
                "organizer_name": "Sở Nội vụ", "rules": "Thể lệ", "id_number_required": true,
                "categories": [{"code": "civil_servant", "name": "CBCCVC"}]}}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{made}");
        let (status, body) =
            c.post("/api/admin/contests/publish", json!({"id": made["id"], "published": true})).await;
        assert_eq!((status, body["error"].clone()), (StatusCode::CONFLICT, json!("no_rounds")));
        let (status, body) = c
            .post(
                "/api/admin/contests/save",
                json!({"draft": {"id": null, "slug": "Có Dấu", "title": " ", "organizer_name": "",
                "rules": "", "id_number_required": false, "categories": []}}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        for field in ["slug", "title", "organizer_name", "categories"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn units_and_contestants_are_managed_with_reasons_in_the_log() {
    for t in common::demo_databases("people", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let email = format!("btc.nguoi@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(app.clone(), &email).await;
        let mut person = Client::new(app.clone());
        let (status, me) = person
            .post(
                "/api/contestants/register",
                json!({"full_name": "Đinh Thị Thuỷ", "birth_date": "1991-11-20", "phone": "0915 444 555",
                    "category": "civil_servant", "unit_id": 3, "password": "mật khẩu dài"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let id = me["contestant_id"].as_i64().unwrap();

        // Search ignores diacritics; phone in any form.
        let (_, found) = c.get("/api/admin/contestants?q=dinh%20thi%20thuy").await;
        assert_eq!(found["total"], 1, "{found}");
        let (_, found) = c.get("/api/admin/contestants?q=%2B84915444555").await;
        assert_eq!(found["items"][0]["id"], id);

        // Correcting needs a reason; the change lands in the audit log with it.
        let fix = json!({"id": id, "full_name": "Đinh Thị Thủy", "birth_date": "1991-11-21", "id_number": null, "unit_id": 3, "reason": ""});
        let (status, body) = c.post("/api/admin/contestants/correct", fix.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["fields"]["reason"].is_string());
        let mut fix = fix;
        fix["reason"] = json!("Sai ngày sinh so với căn cước");
        let (status, body) = c.post("/api/admin/contestants/correct", fix).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["birth_date"], "21/11/1991");
        let (_, log) = c.get(&format!("/api/admin/audit?action=contestant.&entity_id={id}")).await;
        assert_eq!(log["items"][0]["reason"], "Sai ngày sinh so với căn cước");
        assert!(log["items"][0]["before"].as_str().unwrap().contains("1991-11-20"));

        // A locked account cannot sign in.
        let (status, _) = c
            .post("/api/admin/contestants/lock", json!({"id": id, "locked": true, "reason": "Nghi thi hộ"}))
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = Client::new(app.clone())
            .post("/api/session/login", json!({"phone": "0915444555", "password": "mật khẩu dài"}))
            .await;
        assert_eq!((status, body["error"].clone()), (StatusCode::CONFLICT, json!("account_locked")));

        // Units: a move may not make a cycle; moving keeps the unit's contestants.
        let (_, units) = c.get("/api/admin/units").await;
        let units = units.as_array().unwrap().clone();
        let root = units[0].clone();
        let mut draft = json!({"id": root["id"], "parent_id": units[1]["id"], "code": root["code"], "name": root["name"],
            "kind": root["kind"], "headcount": root["headcount"], "contact_name": null, "contact_phone": null});
        let (status, body) = c.post("/api/admin/units/save", json!({"draft": draft.clone()})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["fields"]["parent_id"].as_str().unwrap().contains("cấp dưới"), "{body}");
        let unit3 = units.iter().find(|u| u["id"] == 3).unwrap().clone();
        draft = json!({"id": 3, "parent_id": units.iter().rev().find(|u| u["id"] != 3 && u["parent_id"] != 3).unwrap()["id"],
            "code": unit3["code"], "name": unit3["name"], "kind": unit3["kind"], "headcount": 77, "contact_name": "Chị Lan", "contact_phone": null});
        let (status, moved) = c.post("/api/admin/units/save", json!({"draft": draft})).await;
        assert_eq!(status, StatusCode::OK, "{moved}");
        assert_eq!((moved["headcount"].clone(), moved["contestants"].clone()), (json!(77), json!(1)));

        // Export then import the tree: every unit matched by code, nothing new.
        let req = c
            .request(http::Method::GET, "/api/admin/units/export.xlsx")
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, bytes) = c.send_raw(req).await;
        assert_eq!(status, StatusCode::OK);
        let (status, report) =
            c.upload("/api/admin/units/import", &[("dry_run", "true")], Some(("don-vi.xlsx", &bytes))).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!(report, json!({"created": 0, "updated": units.len(), "errors": []}));
        t.finish().await;
    }
}

#[tokio::test]
async fn a_unit_contact_sees_who_in_their_branch_has_not_taken_part() {
    for t in common::demo_databases("participation", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let register = |name: &'static str, phone: &'static str, unit: i32| {
            let app = app.clone();
            async move {
                let mut c = Client::new(app);
                let (status, _) = c
                    .post(
                        "/api/contestants/register",
                        json!({"full_name": name, "birth_date": "1990-01-01", "phone": phone,
                            "category": "civil_servant", "unit_id": unit, "password": "mật khẩu dài"}),
                    )
                    .await;
                assert_eq!(status, StatusCode::OK);
                c
            }
        };
        let mut done = register("Lý Văn Đạt", "0916 000 001", 3).await;
        register("Mã Thị Nhung", "0916 000 002", 3).await;
        register("Triệu Văn Khoa", "0916 000 003", 2).await;
        let (_, contests) = done.get("/api/contests").await;
        let live = contests
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["slug"] == "cchc-lang-son-trai-nghiem")
            .unwrap()
            .clone();
        let round_id = live["rounds"][1]["id"].as_i64().unwrap();
        let (_, attempt) = done.post("/api/attempts/start", json!({"round_id": round_id})).await;
        let (status, _) = done
            .post("/api/attempts/submit", json!({"attempt_id": attempt["attempt_id"], "prediction": 10}))
            .await;
        assert_eq!(status, StatusCode::OK);

        // A unit contact of unit 3 sees its two members, the one still to take part first.
        let email = format!("daumoi.don-vi-3@{}.example.vn", t.backend);
        let id = account(&t.db, &email, Role::UnitContact).await;
        app::entities::staff_account::Entity::update_many()
            .col_expr(app::entities::staff_account::Column::UnitId, sea_orm::sea_query::Expr::value(3))
            .filter(app::entities::staff_account::Column::Id.eq(id))
            .exec(&t.db)
            .await
            .unwrap();
        let mut contact = signed_in(app.clone(), &email).await;
        let (status, list) =
            contact.get(&format!("/api/admin/units/participation?round_id={round_id}")).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let names: Vec<&str> =
            list["members"].as_array().unwrap().iter().map(|m| m["full_name"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["Mã Thị Nhung", "Lý Văn Đạt"], "{list}");
        assert_eq!(list["members"][1]["attempts"], 1);
        // Organizers see how each drawn question behaved in the round.
        let btc = format!("btc.cauhoi@{}.example.vn", t.backend);
        account(&t.db, &btc, Role::Organizer).await;
        let mut organizer = signed_in(app.clone(), &btc).await;
        let (status, stats) = organizer.get(&format!("/api/admin/questions/stats?round_id={round_id}")).await;
        assert_eq!(status, StatusCode::OK, "{stats}");
        let stats = stats.as_array().unwrap();
        assert_eq!(stats.len(), 20, "the 20 questions of the one submitted attempt");
        assert!(stats.iter().all(|s| s["drawn"] == 1 && s["discrimination"].is_null()));
        // …and the unit contact cannot change anything.
        let (status, _) = contact
            .post("/api/admin/contestants/lock", json!({"id": 1, "locked": true, "reason": "x"}))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        t.finish().await;
    }
}
