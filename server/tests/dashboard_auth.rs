//! Dashboard sign-in and the role guard: every dashboard server function is
//! called as anonymous, contestant, unit contact, organizer and admin, and
//! each answer is checked.
#![allow(clippy::unwrap_used)]

mod common;

use app::staff::Role;
use common::client::Client;
use common::staff::{account, signed_in, PASSWORD};
use http::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Public endpoints under /api/admin: the credentials are their check.
const PUBLIC: [&str; 3] = ["/api/admin/session/login", "/api/admin/ui/login", "/api/admin/ui/logout"];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Who {
    Anonymous,
    Contestant,
    UnitContact,
    Organizer,
    Admin,
}

/// Who may call what: `Staff` any staff role, `Organizer` admins and organizers, `Admin` admins.
#[derive(Clone, Copy)]
enum Needs {
    Staff,
    Organizer,
    Admin,
}

enum Payload {
    Query(String),
    Json(Value),
    Upload(Vec<(&'static str, &'static str)>, &'static [u8]),
}

struct Call {
    path: &'static str,
    needs: Needs,
    payload: Payload,
    /// The status an allowed caller gets.
    ok: StatusCode,
}

const AIKEN: &[u8] =
    "Cơ quan nào tổng hợp số thí sinh theo tuần?\nA. Sở Nội vụ\nB. Sở Tài chính\nANSWER: A\n".as_bytes();

fn calls(who: Who, backend: &str, round: &Value, victim: i32) -> Vec<Call> {
    let tag = format!("{who:?}").to_lowercase();
    let q = |s: &str| Payload::Query(s.to_owned());
    let j = Payload::Json;
    let c = |path, needs, payload| Call { path, needs, payload, ok: StatusCode::OK };
    vec![
        c("/api/admin/session/me", Needs::Staff, q("")),
        c("/api/admin/accounts", Needs::Admin, q("")),
        c(
            "/api/admin/accounts/create",
            Needs::Admin,
            j(
                json!({"email": format!("walk-{tag}@{backend}.example.vn"), "full_name": "Người thử", "role": "organizer", "unit_id": null, "password": PASSWORD}),
            ),
        ),
        c("/api/admin/accounts/set_active", Needs::Admin, j(json!({"account_id": victim, "active": true}))),
        c("/api/admin/accounts/revoke_sessions", Needs::Admin, j(json!({"account_id": victim}))),
        c("/api/admin/audit", Needs::Organizer, q("?page=1")),
        c("/api/admin/overview/live", Needs::Organizer, q("")),
        c("/api/admin/questions", Needs::Organizer, q("?q=thu+tuc&page=1")),
        c("/api/admin/questions/get", Needs::Organizer, q("?id=1")),
        c("/api/admin/questions/stats", Needs::Organizer, q("?round_id=6")),
        c("/api/admin/questions/stats/rounds", Needs::Organizer, q("")),
        c("/api/admin/questions/similar", Needs::Organizer, q("?text=abc")),
        c(
            "/api/admin/questions/save",
            Needs::Organizer,
            j(
                json!({"draft": {"id": null, "topic_id": 1, "text": format!("Câu hỏi thử của {tag}?"), "options": ["Có", "Không"], "correct": 0,
                "explanation": null, "legal_source": null, "difficulty": 1, "active": true}, "allow_duplicate": true}),
            ),
        ),
        c("/api/admin/questions/set_active", Needs::Organizer, j(json!({"id": 1, "active": true}))),
        c("/api/admin/topics", Needs::Organizer, q("")),
        c(
            "/api/admin/topics/save",
            Needs::Organizer,
            j(json!({"id": null, "name": format!("Chủ đề thử {tag}")})),
        ),
        c(
            "/api/admin/questions/import",
            Needs::Organizer,
            Payload::Upload(vec![("dry_run", "true"), ("topic_id", "1")], AIKEN),
        ),
        c("/api/admin/questions/import_preview", Needs::Organizer, Payload::Upload(vec![], AIKEN)),
        c(
            "/api/admin/questions/import_save",
            Needs::Organizer,
            j(
                json!({"rows": [{"line": 1, "topic": null, "text": format!("Câu nhập thử của {tag}?"), "options": ["Một", "Hai"], "correct": 1,
                "explanation": null, "legal_source": null, "difficulty": 1}], "default_topic_id": 1, "skip_duplicates": true, "file_name": null}),
            ),
        ),
        c("/api/admin/contests", Needs::Organizer, q("")),
        c("/api/admin/contests/get", Needs::Organizer, q("?id=1")),
        c(
            "/api/admin/contests/save",
            Needs::Organizer,
            j(
                json!({"draft": {"id": null, "slug": format!("thu-{tag}"), "title": "Cuộc thi thử", "organizer_name": "Sở Nội vụ",
                "rules": "<p>Thể lệ</p><script>alert(1)</script>", "id_number_required": false,
                "categories": [{"code": "citizen", "name": "Nhân dân"}]}}),
            ),
        ),
        c("/api/admin/contests/publish", Needs::Organizer, j(json!({"id": 1, "published": true}))),
        c(
            "/api/admin/contests/exclusions/add",
            Needs::Organizer,
            j(
                json!({"contest_id": 1, "phone": "0912000111", "id_number": null, "reason": "Thành viên Ban Tổ chức"}),
            ),
        ),
        Call {
            path: "/api/admin/contests/exclusions/remove",
            needs: Needs::Organizer,
            payload: j(json!({"id": 999_999})),
            ok: StatusCode::NOT_FOUND,
        },
        c("/api/admin/rounds/get", Needs::Organizer, q("?id=1")),
        c("/api/admin/rounds/save", Needs::Organizer, j(json!({"draft": round.clone(), "confirm": true}))),
        c("/api/admin/rounds/new", Needs::Organizer, q("?contest_id=1")),
        c("/api/admin/rounds/monitor", Needs::Organizer, q("?id=1")),
        c("/api/admin/units", Needs::Staff, q("")),
        c("/api/admin/units/participation", Needs::Staff, q("?round_id=6")),
        c(
            "/api/admin/units/save",
            Needs::Organizer,
            j(
                json!({"draft": {"id": null, "parent_id": 1, "code": format!("walk-{tag}"), "name": format!("Phòng thử {tag}"),
                "kind": "office", "headcount": 12, "contact_name": null, "contact_phone": null}}),
            ),
        ),
        Call {
            path: "/api/admin/units/delete",
            needs: Needs::Organizer,
            payload: j(json!({"id": 999_999})),
            ok: StatusCode::NOT_FOUND,
        },
        Call {
            path: "/api/admin/units/import",
            needs: Needs::Organizer,
            payload: Payload::Upload(vec![("dry_run", "true")], b"not a spreadsheet"),
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        c(app::unit_admin::download::PATH, Needs::Staff, q("")),
        c("/api/admin/units/participation.csv", Needs::Staff, q("?round_id=6")),
        c("/api/admin/contestants", Needs::Staff, q("?q=luong")),
        c("/api/admin/contestants/get", Needs::Staff, q("?id=1")),
        c(
            "/api/admin/contestants/lock",
            Needs::Organizer,
            j(json!({"id": 1, "locked": false, "reason": "Kiểm tra quyền"})),
        ),
        c("/api/admin/contestants/extra-time", Needs::Organizer, q("?id=1")),
        c(
            "/api/admin/contestants/extra-time/grant",
            Needs::Organizer,
            j(json!({"id": 1, "percent": 50, "reason": "Kiểm tra quyền"})),
        ),
        c(
            "/api/admin/contestants/extra-time/remove",
            Needs::Organizer,
            j(json!({"id": 1, "reason": "Kiểm tra quyền"})),
        ),
        c(
            "/api/admin/contestants/correct",
            Needs::Organizer,
            j(
                json!({"id": 1, "full_name": "Lương Thị Hoa", "birth_date": "1990-05-01", "id_number": null, "unit_id": 1, "reason": "Kiểm tra quyền"}),
            ),
        ),
        c("/api/admin/contestants/reset-code", Needs::Staff, j(json!({"id": 1}))),
        c("/api/admin/contestants/duplicates", Needs::Organizer, q("")),
        c("/api/admin/questions/export.xlsx", Needs::Organizer, q("")),
        c("/api/admin/questions/export.csv", Needs::Organizer, q("")),
        c("/api/admin/questions/export.gift", Needs::Organizer, q("")),
        c("/api/admin/questions/export.aiken.txt", Needs::Organizer, q("?status=all")),
        c("/api/admin/questions/export.moodle.xml", Needs::Organizer, q("?status=all")),
        c("/api/admin/questions/template.xlsx", Needs::Organizer, q("")),
        c("/api/admin/questions/template-list.docx", Needs::Organizer, q("")),
        c("/api/admin/questions/template-table.docx", Needs::Organizer, q("")),
        c("/api/admin/questions/template-two-column.docx", Needs::Organizer, q("")),
        c("/api/admin/questions/template-answer-key.docx", Needs::Organizer, q("")),
        c("/api/admin/questions/template-starred.docx", Needs::Organizer, q("")),
        c("/api/admin/prizes", Needs::Organizer, q("?contest_id=1")),
        Call {
            path: "/api/admin/prizes/tiers",
            needs: Needs::Organizer,
            payload: j(
                json!({"contest_id": 999_999, "round_id": 0, "tiers": [{"position": 1, "name": "Giải Nhất", "quantity": 1, "category": "", "unit_points": 10.0}]}),
            ),
            ok: StatusCode::NOT_FOUND,
        },
        Call {
            path: "/api/admin/prizes/rules",
            needs: Needs::Organizer,
            payload: j(
                json!({"contest_id": 999_999, "one_prize_per_person": true, "collective_rule": {"level": 1, "min_rates": [], "rate_weight": 1.0, "prizes": []}}),
            ),
            ok: StatusCode::NOT_FOUND,
        },
        Call {
            path: "/api/admin/prizes/approve",
            needs: Needs::Organizer,
            payload: j(json!({"contest_id": 999_999, "round_id": 0})),
            ok: StatusCode::NOT_FOUND,
        },
        Call {
            path: "/api/admin/prizes/unapprove",
            needs: Needs::Organizer,
            payload: j(json!({"contest_id": 999_999, "round_id": 0})),
            ok: StatusCode::NOT_FOUND,
        },
        Call {
            path: "/api/admin/prizes/publish",
            needs: Needs::Organizer,
            payload: j(json!({"contest_id": 999_999, "round_id": 0})),
            ok: StatusCode::NOT_FOUND,
        },
        Call {
            path: "/api/admin/prizes/correct",
            needs: Needs::Organizer,
            payload: j(json!({"contest_id": 999_999, "round_id": 0, "reason": "Kiểm tra quyền"})),
            ok: StatusCode::NOT_FOUND,
        },
        Call {
            path: "/api/admin/prizes/disqualify",
            needs: Needs::Organizer,
            payload: j(json!({"contest_id": 999_999, "contestant_id": 1, "reason": "Kiểm tra quyền"})),
            ok: StatusCode::NOT_FOUND,
        },
        Call {
            path: "/api/admin/prizes/reinstate",
            needs: Needs::Organizer,
            payload: j(json!({"id": 999_999})),
            ok: StatusCode::NOT_FOUND,
        },
        c("/api/admin/reports/weekly", Needs::Organizer, q("?contest_id=1")),
        c("/api/admin/reports/reform-index", Needs::Organizer, q("?contest_id=1")),
        c(
            "/api/admin/reports/rubric",
            Needs::Organizer,
            j(
                json!({"contest_id": 1, "rubric": {"participation": [{"min": 50.0, "points": 1.0}], "average_score": [],
                "per_prize": 0.25, "max_prize_points": 0.5, "collective_prize": 0.5, "max_points": 3.0}}),
            ),
        ),
        c(app::reports::sheet::WEEKLY_PATH, Needs::Organizer, q("?contest_id=1")),
        c(app::reports::sheet::INDEX_PATH, Needs::Organizer, q("?contest_id=1")),
        // Last: it ends the caller's own sessions.
        c("/api/admin/session/revoke", Needs::Staff, j(json!({}))),
    ]
}

fn allowed(who: Who, needs: Needs) -> bool {
    match (who, needs) {
        (Who::Anonymous | Who::Contestant, _) => false,
        (Who::Admin, _) => true,
        (Who::Organizer, Needs::Staff | Needs::Organizer) => true,
        (Who::UnitContact, Needs::Staff) => true,
        _ => false,
    }
}

async fn perform(client: &mut Client, call: &Call) -> (StatusCode, Value) {
    match &call.payload {
        Payload::Query(query) => client.get(&format!("{}{query}", call.path)).await,
        Payload::Json(body) => client.call(Method::POST, call.path, Some(body.clone())).await,
        Payload::Upload(fields, file) => client.upload(call.path, fields, Some(("cau-hoi.txt", file))).await,
    }
}

#[tokio::test]
async fn every_dashboard_function_checks_the_role_on_the_server() {
    for t in common::demo_databases("auth_walk", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        account(&t.db, "admin@example.vn", Role::Admin).await;
        account(&t.db, "btc@example.vn", Role::Organizer).await;
        account(&t.db, "daumoi@example.vn", Role::UnitContact).await;
        let victim = account(&t.db, "nan-nhan@example.vn", Role::Organizer).await;
        let mut admin = signed_in(app.clone(), "admin@example.vn").await;
        let (status, round) = admin.get("/api/admin/rounds/get?id=1").await;
        assert_eq!(status, StatusCode::OK, "{round}");
        let round = round["round"].clone();

        // The table must name every dashboard function and every dashboard file
        // route there is: the server functions from their registry, the files
        // from the one list the server builds its file routes from.
        let files = app::download::routes();
        let registered: BTreeSet<String> = server_fn::axum::server_fn_paths()
            .map(|(path, _)| path.to_owned())
            .chain(files.paths().iter().cloned())
            .filter(|p| p.starts_with("/api/admin/") && !PUBLIC.contains(&p.as_str()))
            .collect();
        let listed: BTreeSet<String> =
            calls(Who::Admin, t.backend, &round, victim).iter().map(|c| c.path.to_owned()).collect();
        assert_eq!(registered, listed, "every /api/admin server function and file is in the walk");
        // A file route outside /api/admin is public on purpose, and named here.
        let public_files: BTreeSet<&str> =
            files.paths().iter().map(String::as_str).filter(|p| !p.starts_with("/api/admin/")).collect();
        assert_eq!(public_files, BTreeSet::from(["/api/stats/units.csv", "/api/stats/units.xlsx"]));

        for who in [Who::Anonymous, Who::Contestant, Who::UnitContact, Who::Organizer, Who::Admin] {
            let mut client = match who {
                Who::Anonymous => Client::new(app.clone()),
                Who::Contestant => {
                    let mut c = Client::new(app.clone());
                    let (status, body) = c
                        .post(
                            "/api/contestants/register",
                            json!({"full_name": "Lương Thị Hoa", "birth_date": "1990-05-01", "phone": "0987 654 321",
                                "category": "civil_servant", "unit_id": 1, "password": "mật khẩu dài"}),
                        )
                        .await;
                    assert_eq!(status, StatusCode::OK, "{body}");
                    c
                }
                Who::UnitContact => signed_in(app.clone(), "daumoi@example.vn").await,
                Who::Organizer => signed_in(app.clone(), "btc@example.vn").await,
                Who::Admin => signed_in(app.clone(), "admin@example.vn").await,
            };
            for call in calls(who, t.backend, &round, victim) {
                let (status, body) = perform(&mut client, &call).await;
                let expected = if allowed(who, call.needs) {
                    call.ok
                } else if matches!(who, Who::Anonymous) {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::FORBIDDEN
                };
                assert_eq!(status, expected, "{}: {who:?} {} → {body}", t.backend, call.path);
                if !allowed(who, call.needs) {
                    let code =
                        if expected == StatusCode::UNAUTHORIZED { "unauthenticated" } else { "forbidden" };
                    assert_eq!(body["error"], code, "{who:?} {}", call.path);
                }
            }
        }
        // What the organizer saved went through: the rules lost their script.
        // (The admin walk ended with "sign out everywhere", so sign in again.)
        let mut admin = signed_in(app.clone(), "admin@example.vn").await;
        let (_, contests) = admin.get("/api/admin/contests").await;
        let id =
            contests.as_array().unwrap().iter().find(|c| c["slug"] == "thu-organizer").unwrap()["id"].clone();
        let (_, setup) = admin.get(&format!("/api/admin/contests/get?id={id}")).await;
        assert_eq!(setup["contest"]["rules"], "<p>Thể lệ</p>");
        t.finish().await;
    }
}

#[tokio::test]
async fn staff_sign_in_says_nothing_about_which_half_was_wrong() {
    for t in common::migrated_databases("staff_login").await {
        let app = common::router(&t.db);
        account(&t.db, "btc.dangnhap@example.vn", Role::Organizer).await;
        let mut c = Client::new(app.clone());
        let (s1, wrong_password) = c
            .post(
                "/api/admin/session/login",
                json!({"email": "btc.dangnhap@example.vn", "password": "sai mật khẩu"}),
            )
            .await;
        let (s2, unknown) = c
            .post("/api/admin/session/login", json!({"email": "khongco@example.vn", "password": PASSWORD}))
            .await;
        assert_eq!((s1, s2), (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED), "{}", t.backend);
        assert_eq!(wrong_password, unknown, "the same answer for both");
        assert_eq!(wrong_password["error"], "invalid_credentials");
        assert!(c.cookie.is_none() || c.get("/api/admin/session/me").await.0 == StatusCode::UNAUTHORIZED);

        // The right pair, case and spaces in the e-mail do not matter.
        let (status, me) = c
            .post(
                "/api/admin/session/login",
                json!({"email": "  BTC.DangNhap@Example.VN ", "password": PASSWORD}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!(me["role"], "organizer");
        assert!(me.get("password_hash").is_none());
        let (status, _) = c.get("/api/admin/session/me").await;
        assert_eq!(status, StatusCode::OK);

        // Signing out everywhere ends this session too, on any server.
        let mut other_device = signed_in(app.clone(), "btc.dangnhap@example.vn").await;
        let (status, _) = c.post("/api/admin/session/revoke", json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = other_device.get("/api/admin/session/me").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        t.finish().await;
    }
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_loses_its_sessions() {
    for t in common::migrated_databases("staff_disable").await {
        let app = common::router(&t.db);
        account(&t.db, "quantri.khoa@example.vn", Role::Admin).await;
        let id = account(&t.db, "btc.khoa@example.vn", Role::Organizer).await;
        let mut admin = signed_in(app.clone(), "quantri.khoa@example.vn").await;
        let mut organizer = signed_in(app.clone(), "btc.khoa@example.vn").await;
        let (status, body) =
            admin.post("/api/admin/accounts/set_active", json!({"account_id": id, "active": false})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(organizer.get("/api/admin/questions").await.0, StatusCode::UNAUTHORIZED);
        let (status, _) = Client::new(app.clone())
            .post("/api/admin/session/login", json!({"email": "btc.khoa@example.vn", "password": PASSWORD}))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // The change is in the audit log, with who made it.
        let (_, log) = admin.get("/api/admin/audit?action=account.").await;
        let entry = &log["items"][0];
        assert_eq!(entry["action"], "account.set_active");
        assert_eq!(entry["actor"], "quantri.khoa@example.vn");
        t.finish().await;
    }
}

#[tokio::test]
async fn sign_in_is_throttled_per_pair_per_account_and_per_address() {
    for t in common::migrated_databases("staff_throttle").await {
        // Behind one proxy: the client address comes from X-Forwarded-For.
        let trusted_proxies = app::client_address::TrustedProxies::new(Vec::new(), true);
        let state = app::state::AppState { trusted_proxies, ..app::state::AppState::new(t.db.clone()) };
        let app = common::router_with(state);
        let limits = app::throttle::rules::STAFF_SIGN_IN;
        let email = "btc.gioihan@example.vn".to_owned();
        account(&t.db, &email, Role::Organizer).await;
        let from = |address: String| {
            let mut c = Client::new(app.clone());
            c.address = Some(address);
            c
        };
        // One address guessing one account: stopped after a few tries…
        let mut statuses = Vec::new();
        for _ in 0..=limits.per_pair.max {
            let mut c = from("10.1.0.1".into());
            statuses
                .push(c.post("/api/admin/session/login", json!({"email": email, "password": "sai"})).await.0);
        }
        let (tries, last) = statuses.split_at(limits.per_pair.max as usize);
        assert!(tries.iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
        assert_eq!(last, [StatusCode::TOO_MANY_REQUESTS]);
        // …while the owner, elsewhere, still signs in.
        let mut owner = from("10.9.0.1".into());
        let (status, body) =
            owner.post("/api/admin/session/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        // Many addresses guessing one account meet its ceiling; then even the right password waits.
        for i in 0..limits.per_account.max - limits.per_pair.max {
            let mut c = from(format!("10.3.0.{i}"));
            let (status, _) =
                c.post("/api/admin/session/login", json!({"email": email, "password": "sai"})).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{i}");
        }
        let mut late = from("10.9.0.2".into());
        let (status, _) =
            late.post("/api/admin/session/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

        // Per address: one machine trying many accounts.
        let address = "10.2.0.6".to_owned();
        let mut last = StatusCode::OK;
        for i in 0..=limits.per_address.max {
            let mut c = from(address.clone());
            let who = format!("khach{i}@example.vn");
            last = c.post("/api/admin/session/login", json!({"email": who, "password": "sai"})).await.0;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
        t.finish().await;
    }
}

#[tokio::test]
async fn create_admin_reads_the_password_from_stdin_for_scripts() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = std::env::temp_dir().join(format!("contest-create-admin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/admin.db?mode=rwc", dir.display());
    let run = |password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["create-admin", "--email", "Quantri@SoNoiVu.example.vn", "--password-stdin"])
            .env("DATABASE_URL", &url)
            .env("DATA_DIR", dir.join("data"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let short = run("ngắn");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("ít nhất 10 ký tự"), "{short:?}");
    let made = run("một mật khẩu đủ dài");
    assert!(made.status.success(), "{made:?}");
    assert!(String::from_utf8_lossy(&made.stdout).contains("quantri@sonoivu.example.vn"));

    let db = server::db::connect(&url).await.unwrap();
    let mut c = Client::new(common::router(&db));
    let (status, me) = c
        .post(
            "/api/admin/session/login",
            json!({"email": "quantri@sonoivu.example.vn", "password": "một mật khẩu đủ dài"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["role"], "admin");
    db.close().await.ok();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A page load and where it was sent: (status, Location, body).
async fn load_page(client: &mut Client, uri: &str) -> (StatusCode, Option<String>, String) {
    let req = client.request(Method::GET, uri).body(axum::body::Body::empty()).unwrap();
    let (parts, bytes) = common::client::answer(&client.app, req).await;
    let location = parts.headers.get(http::header::LOCATION).map(|v| v.to_str().unwrap().to_owned());
    (parts.status, location, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn dashboard_pages_and_their_bundle_reach_staff_only() {
    use sea_orm::EntityTrait;
    for t in common::demo_databases("dashboard_gate", chrono::Utc::now()).await {
        let app = common::router(&t.db);
        account(&t.db, "dau-moi.gate@example.vn", Role::UnitContact).await;
        let back = "/quan-tri/dang-nhap?tiep=%2Fquan%2Dtri%2Fcuoc%2Dthi%3Fx%3D1";

        // Nobody signed in: sent to the staff sign-in page, with the way back.
        let mut anonymous = Client::new(app.clone());
        let (status, location, body) = load_page(&mut anonymous, "/quan-tri/cuoc-thi?x=1").await;
        assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some(back)), "{}", t.backend);
        assert!(!body.contains("contest-admin"), "{body}");
        let (status, location, _) = load_page(&mut anonymous, "/quan-tri").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location.as_deref(), Some("/quan-tri/dang-nhap?tiep=%2Fquan%2Dtri"));
        // The sign-in page itself is open and loads the small bundle only.
        let (status, _, page) = load_page(&mut anonymous, "/quan-tri/dang-nhap?tiep=%2Fquan%2Dtri").await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("contest-admin") && page.contains("/contest.js"), "{page}");
        // Server functions are not redirected: they answer 401 themselves.
        assert_eq!(anonymous.get("/api/admin/questions").await.0, StatusCode::UNAUTHORIZED);

        // A signed-in contestant is not staff either.
        let mut contestant = Client::new(app.clone());
        contestant.address = Some("198.51.100.9".into());
        let snv = app::entities::unit::Entity::find().one(&t.db).await.unwrap().unwrap().id;
        let (status, body) = contestant
            .post(
                "/api/contestants/register",
                json!({"full_name": "Lê Văn Cổng", "birth_date": "1991-04-02", "phone": "0912000777",
                       "category": "civil_servant", "unit_id": snv, "password": "mật khẩu an toàn"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, location, _) = load_page(&mut contestant, "/quan-tri/cuoc-thi?x=1").await;
        assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some(back)));

        // Staff, even the least role, get the page and the dashboard bundle.
        let mut staff = signed_in(app.clone(), "dau-moi.gate@example.vn").await;
        let (status, location, page) = load_page(&mut staff, "/quan-tri").await;
        assert_eq!((status, location), (StatusCode::OK, None), "{}", t.backend);
        assert!(page.contains("contest-admin"), "{page}");
        t.finish().await;
    }
}
