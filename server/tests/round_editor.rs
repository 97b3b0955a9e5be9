//! The organizer's round editor through the real router: a pool by topic is
//! stored as chosen and reopens as chosen, questions added to its topics later
//! are drawn, a running round refuses changes to its draw and times, a new
//! round is numbered after the last; and "Theo dõi tham gia" pages, filters
//! and sorts its contestants.
#![allow(clippy::unwrap_used)]

mod common;

use app::entities::{contestant, round, unit};
use app::staff::Role;
use common::client::Client;
use common::staff::{account, signed_in};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::{json, Value};

/// The live demo contest (its rounds are placed around today).
const LIVE_CONTEST: i64 = 2;

fn local(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&app::time::ZONE).format("%Y-%m-%dT%H:%M").to_string()
}

/// A round of `count` questions from `topics`, open since an hour ago (running) or from tomorrow.
fn round_by_topic(number: i64, topics: &[i64], count: i64, running: bool) -> Value {
    let now = chrono::Utc::now();
    let opens = if running { now - chrono::Duration::hours(1) } else { now + chrono::Duration::days(1) };
    json!({"id": null, "contest_id": LIVE_CONTEST, "number": number, "title": format!("Đợt theo chủ đề {number}"),
        "opens_at": local(opens), "closes_at": local(opens + chrono::Duration::days(3)),
        "questions_per_attempt": count, "time_limit_minutes": 10, "attempts_allowed": 2, "counted_attempt": "best",
        "prediction_kind": "none", "prediction_prompt": null, "review_policy": "after_close", "practice": false,
        "pool_mode": "topics", "pool_topics": topics, "pool_questions": [],
        "quotas": topics.iter().map(|t| json!({"topic_id": t, "count": 1})).collect::<Vec<_>>()})
}

/// A new topic with `n` questions; (topic id, question ids).
async fn topic_with_questions(c: &mut Client, name: &str, n: usize) -> (i64, Vec<i64>) {
    let (status, topic) = c.post("/api/admin/topics/save", json!({"id": null, "name": name})).await;
    assert_eq!(status, StatusCode::OK, "{topic}");
    let topic_id = topic["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(question(c, topic_id, &format!("{name}: câu thứ {}?", i + 1)).await);
    }
    (topic_id, ids)
}

async fn question(c: &mut Client, topic_id: i64, text: &str) -> i64 {
    let (status, saved) = c
        .post(
            "/api/admin/questions/save",
            json!({"draft": {"id": null, "topic_id": topic_id, "text": text, "options": ["Đúng", "Sai"], "correct": 0,
                "explanation": null, "legal_source": null, "difficulty": 1, "active": true}, "allow_duplicate": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    saved["id"].as_i64().unwrap()
}

async fn contestant_client(app: axum::Router, phone: &str) -> Client {
    let mut person = Client::new(app);
    let (status, body) = person
        .post(
            "/api/contestants/register",
            json!({"full_name": "Vi Thị Thu", "birth_date": "1991-03-04", "phone": phone,
                "category": "civil_servant", "unit_id": 1, "password": "mật khẩu dài"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    person
}

fn drawn(attempt: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> =
        attempt["questions"].as_array().unwrap().iter().map(|q| q["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn a_round_by_topic_reopens_by_topic_and_draws_questions_added_later() {
    for t in common::demo_databases("editor_topic", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let email = format!("btc.chude@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(app.clone(), &email).await;
        let (topic, first) = topic_with_questions(&mut c, "Chủ đề đợt mới", 3).await;

        let (_, blank) = c.get(&format!("/api/admin/rounds/new?contest_id={LIVE_CONTEST}")).await;
        let number = blank["round"]["number"].as_i64().unwrap();
        let (status, saved) = c
            .post(
                "/api/admin/rounds/save",
                json!({"draft": round_by_topic(number, &[topic], 3, true), "confirm": false}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {saved}", t.backend);
        let round_id = saved["id"].as_i64().unwrap();

        // Reopened: by topic, with its topic and quota, not a list of ids.
        let (_, setup) = c.get(&format!("/api/admin/rounds/get?id={round_id}")).await;
        assert_eq!(setup["round"]["pool_mode"], "topics", "{}: {setup}", t.backend);
        assert_eq!(setup["round"]["pool_topics"], json!([topic]));
        assert_eq!(setup["round"]["pool_questions"], json!([]));
        assert_eq!(setup["round"]["quotas"], json!([{"topic_id": topic, "count": 1}]));
        assert_eq!(setup["pool_size"], 3);
        assert_eq!(setup["running"], true);
        let stored = round::Entity::find_by_id(round_id as i32).one(&t.db).await.unwrap().unwrap();
        assert_eq!(stored.pool_mode, "topics");

        // A question added to the topic after the save joins the pool; one retired leaves it.
        let later = question(&mut c, topic, "Chủ đề đợt mới: câu thêm sau khi lưu đợt thi?").await;
        let (status, _) =
            c.post("/api/admin/questions/set_active", json!({"id": first[0], "active": false})).await;
        assert_eq!(status, StatusCode::OK);
        let (_, setup) = c.get(&format!("/api/admin/rounds/get?id={round_id}")).await;
        assert_eq!(setup["pool_size"], 3, "{setup}");
        // The bank counts the topic's questions as used by the round, the later one included.
        let (_, used) = c.get(&format!("/api/admin/questions?topic={topic}&usage=used&page=1")).await;
        assert_eq!(used["total"], 4, "{used}");
        let (_, unused) = c.get(&format!("/api/admin/questions?topic={topic}&usage=unused&page=1")).await;
        assert_eq!(unused["total"], 0, "{unused}");
        let (_, detail) = c.get(&format!("/api/admin/questions/get?id={later}")).await;
        let title = format!("Đợt theo chủ đề {number}");
        assert!(
            detail["rounds"].as_array().unwrap().iter().any(|r| r.as_str().unwrap().ends_with(&title)),
            "{detail}"
        );

        // The draw takes all three active questions of the topic: the later one is among them.
        let mut person = contestant_client(app.clone(), "0915 404 505").await;
        let (status, attempt) = person.post("/api/attempts/start", json!({"round_id": round_id})).await;
        assert_eq!(status, StatusCode::OK, "{}: {attempt}", t.backend);
        let mut expected = vec![first[1], first[2], later];
        expected.sort_unstable();
        assert_eq!(drawn(&attempt), expected, "{}", t.backend);

        // A round picked question by question still reopens as such.
        let mut manual = round_by_topic(number + 1, &[], 2, false);
        manual["pool_mode"] = json!("manual");
        manual["pool_questions"] = json!([first[2], first[1]]);
        manual["quotas"] = json!([]);
        let (status, saved) =
            c.post("/api/admin/rounds/save", json!({"draft": manual, "confirm": false})).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        let (_, setup) = c.get(&format!("/api/admin/rounds/get?id={}", saved["id"])).await;
        assert_eq!(setup["round"]["pool_mode"], "manual");
        let mut picked = vec![first[1], first[2]];
        picked.sort_unstable();
        assert_eq!(setup["round"]["pool_questions"], json!(picked));

        // Clear reasons: no topic chosen; an id that names no question.
        let (status, body) = c
            .post(
                "/api/admin/rounds/save",
                json!({"draft": round_by_topic(number + 2, &[], 1, false), "confirm": false}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["fields"]["pool"], "Vui lòng chọn ít nhất một chủ đề.", "{body}");
        let mut unknown = round_by_topic(number + 2, &[], 1, false);
        unknown["pool_mode"] = json!("manual");
        unknown["pool_questions"] = json!([first[1], 987_654]);
        unknown["quotas"] = json!([]);
        let (status, body) =
            c.post("/api/admin/rounds/save", json!({"draft": unknown, "confirm": false})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["fields"]["pool"].as_str().unwrap().contains("987654"), "{body}");
        t.finish().await;
    }
}

#[tokio::test]
async fn a_running_round_refuses_changes_to_its_draw_and_times() {
    for t in common::demo_databases("editor_locked", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let email = format!("btc.khoa@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(app.clone(), &email).await;
        let (topic, _) = topic_with_questions(&mut c, "Chủ đề đợt đang chạy", 4).await;
        let (other, _) = topic_with_questions(&mut c, "Chủ đề khác", 2).await;
        let (_, blank) = c.get(&format!("/api/admin/rounds/new?contest_id={LIVE_CONTEST}")).await;
        let number = blank["round"]["number"].as_i64().unwrap();
        let (status, saved) = c
            .post(
                "/api/admin/rounds/save",
                json!({"draft": round_by_topic(number, &[topic], 3, true), "confirm": false}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        let (_, setup) = c.get(&format!("/api/admin/rounds/get?id={}", saved["id"])).await;
        let draft = setup["round"].clone();

        let changes: [(&str, Value, &str); 5] = [
            ("time_limit_minutes", json!(15), "thời gian làm bài"),
            ("questions_per_attempt", json!(4), "số câu mỗi lượt thi"),
            ("attempts_allowed", json!(3), "số lượt thi mỗi người"),
            ("opens_at", json!(local(chrono::Utc::now() - chrono::Duration::hours(2))), "thời gian bắt đầu"),
            ("pool_topics", json!([topic, other]), "câu hỏi của đợt thi"),
        ];
        for (field, value, words) in changes {
            let mut change = draft.clone();
            change[field] = value;
            // Even confirmed: these are locked, not merely confirmed.
            let (status, body) =
                c.post("/api/admin/rounds/save", json!({"draft": change, "confirm": true})).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {field}: {body}", t.backend);
            let key = if field == "pool_topics" { "pool" } else { field };
            assert_eq!(
                body["fields"][key].as_str().unwrap(),
                format!("Đợt thi đang diễn ra nên không thể đổi {words}."),
                "{field}: {body}"
            );
        }
        let mut by_hand = draft.clone();
        by_hand["pool_mode"] = json!("all");
        let (status, body) =
            c.post("/api/admin/rounds/save", json!({"draft": by_hand, "confirm": true})).await;
        assert_eq!((status, body["fields"]["pool"].is_string()), (StatusCode::UNPROCESSABLE_ENTITY, true));
        let stored = round::Entity::find_by_id(saved["id"].as_i64().unwrap() as i32)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.time_limit_seconds, stored.questions_per_attempt, stored.pool_mode.as_str()),
            (600, 3, "topics")
        );

        // What may change while it runs still saves: its title and its end.
        let mut allowed = draft.clone();
        allowed["title"] = json!("Đợt theo chủ đề (gia hạn)");
        allowed["closes_at"] = json!(local(chrono::Utc::now() + chrono::Duration::days(5)));
        let (status, body) =
            c.post("/api/admin/rounds/save", json!({"draft": allowed, "confirm": false})).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        // A round that has not opened yet changes freely.
        let (status, later) = c
            .post(
                "/api/admin/rounds/save",
                json!({"draft": round_by_topic(number + 1, &[topic], 3, false), "confirm": false}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{later}");
        let (_, setup) = c.get(&format!("/api/admin/rounds/get?id={}", later["id"])).await;
        assert_eq!(setup["running"], false);
        let mut change = setup["round"].clone();
        change["time_limit_minutes"] = json!(25);
        change["pool_topics"] = json!([topic, other]);
        let (status, body) =
            c.post("/api/admin/rounds/save", json!({"draft": change, "confirm": false})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        t.finish().await;
    }
}

#[tokio::test]
async fn a_new_round_is_numbered_after_the_contests_last_round() {
    for t in common::demo_databases("editor_number", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let email = format!("btc.so@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(app.clone(), &email).await;
        let last = round::Entity::find()
            .filter(round::Column::ContestId.eq(LIVE_CONTEST as i32))
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.number)
            .max()
            .unwrap();
        assert!(last >= 1);
        let (status, blank) = c.get(&format!("/api/admin/rounds/new?contest_id={LIVE_CONTEST}")).await;
        assert_eq!(status, StatusCode::OK, "{blank}");
        assert_eq!(blank["round"]["number"], last + 1, "{}: {blank}", t.backend);
        assert_eq!(blank["round"]["id"], Value::Null);

        // Saved with that number, the next blank round takes the one after.
        let mut draft = blank["round"].clone();
        draft["title"] = json!("Tuần bổ sung");
        draft["opens_at"] = json!(local(chrono::Utc::now() + chrono::Duration::days(30)));
        draft["closes_at"] = json!(local(chrono::Utc::now() + chrono::Duration::days(37)));
        draft["prediction_kind"] = json!("none");
        let (status, body) =
            c.post("/api/admin/rounds/save", json!({"draft": draft, "confirm": false})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, blank) = c.get(&format!("/api/admin/rounds/new?contest_id={LIVE_CONTEST}")).await;
        assert_eq!(blank["round"]["number"], last + 2);

        // A new contest starts at 1; an unknown one is not found.
        let (status, made) = c
            .post(
                "/api/admin/contests/save",
                json!({"draft": {"id": null, "slug": "cuoc-thi-so-dot", "title": "Cuộc thi đánh số", "organizer_name": "Sở Nội vụ",
                    "rules": "", "id_number_required": false, "categories": [{"code": "citizen", "name": "Nhân dân"}]}}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{made}");
        let (_, blank) = c.get(&format!("/api/admin/rounds/new?contest_id={}", made["id"])).await;
        assert_eq!(blank["round"]["number"], 1);
        let (status, _) = c.get("/api/admin/rounds/new?contest_id=999999").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        t.finish().await;
    }
}

#[tokio::test]
async fn participation_is_paged_filtered_by_unit_and_sorted() {
    for t in common::demo_databases("participation_pages", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        let email = format!("btc.thamgia@{}.example.vn", t.backend);
        account(&t.db, &email, Role::Organizer).await;
        let mut c = signed_in(app.clone(), &email).await;
        // 120 contestants straight in the table (hashing 120 passwords would only slow the test):
        // 30 in one commune-level unit, the rest at the province.
        let units = unit::Entity::find().all(&t.db).await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let leaf = units
            .iter()
            .find(|u| u.parent_id.is_some() && !units.iter().any(|c| c.parent_id == Some(u.id)))
            .unwrap();
        let now = chrono::Utc::now();
        for i in 0..120 {
            let unit_id = if i < 30 { leaf.id } else { root };
            contestant::ActiveModel {
                full_name: Set(format!("Thí sinh {i:03}")),
                birth_date: Set(chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()),
                phone: Set(format!("0916{i:06}")),
                category: Set("civil_servant".into()),
                unit_id: Set(unit_id),
                password_hash: Set("x".into()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&t.db)
            .await
            .unwrap();
        }
        let open = round::Entity::find()
            .filter(round::Column::ContestId.eq(LIVE_CONTEST as i32))
            .filter(round::Column::OpensAt.lte(now))
            .filter(round::Column::ClosesAt.gt(now))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let base = format!("/api/admin/units/participation?round_id={}", open.id);

        let (status, first) = c.get(&base).await;
        assert_eq!(status, StatusCode::OK, "{first}");
        let total = first["total"].as_u64().unwrap();
        assert!(total >= 120, "{total}");
        assert_eq!(first["members"].as_array().unwrap().len(), 50);
        assert_eq!((first["page"].clone(), first["pages"].clone()), (json!(1), json!(total.div_ceil(50))));

        let (_, last) = c.get(&format!("{base}&page=999")).await;
        assert_eq!(last["page"], total.div_ceil(50), "a page past the end shows the last");
        assert_eq!(last["members"].as_array().unwrap().len() as u64, total - 50 * (total.div_ceil(50) - 1));

        // By unit: only that unit's 30 (it has no sub-units), sorted by name.
        let (_, only) = c.get(&format!("{base}&unit_id={}&order=name", leaf.id)).await;
        assert_eq!(only["total"], 30, "{only}");
        let names: Vec<&str> =
            only["members"].as_array().unwrap().iter().map(|m| m["full_name"].as_str().unwrap()).collect();
        assert_eq!(names.first(), Some(&"Thí sinh 000"));
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        assert!(only["members"].as_array().unwrap().iter().all(|m| m["unit_name"] == leaf.name.as_str()));
        assert!(only["units"].as_array().unwrap().iter().any(|u| u["id"] == leaf.id));

        // The CSV holds every page of the filtered list.
        let csv = c
            .get_text(&format!("/api/admin/units/participation.csv?round_id={}&unit_id={}", open.id, leaf.id))
            .await;
        assert_eq!(csv.lines().count(), 31, "header + 30 rows");

        // A unit contact may not look outside their branch.
        let contact = format!("daumoi.thamgia@{}.example.vn", t.backend);
        let contact_id = account(&t.db, &contact, Role::UnitContact).await;
        let mut staff = app::entities::staff_account::Entity::find_by_id(contact_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        staff.unit_id = Set(Some(leaf.id));
        staff.update(&t.db).await.unwrap();
        let mut d = signed_in(app.clone(), &contact).await;
        let (status, mine) = d.get(&base).await;
        assert_eq!((status, mine["total"].clone()), (StatusCode::OK, json!(30)), "{mine}");
        let (status, _) = d.get(&format!("{base}&unit_id={root}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        t.finish().await;
    }
}
