//! One number and date format everywhere (issue 11): every public page, the
//! dashboard's pages and the figures its functions send, and every download
//! of the demo data read in Vietnamese — "," before decimals, "." between
//! thousands, dates dd/mm/yyyy, no "24:00" — and CSV files are split by ";"
//! for Excel with Vietnamese settings while .xlsx keeps numbers numeric.
// Test code: a broken fixture should stop the test loudly.
#![allow(clippy::unwrap_used)]

mod common;

use app::staff::Role;
use calamine::{Data, Reader};
use chrono::{TimeZone, Utc};
use common::client::Client;
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

fn now() -> chrono::DateTime<Utc> {
    // Week 2 of the live copy is open; the 2022 contest has its whole history.
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

/// `html` without its `open … close` blocks.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        rest = rest[start..].find(close).map_or("", |end| &rest[start + end + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// The text a reader sees: tags, scripts (the hydration data) and styles removed,
/// and the rules the organizers wrote themselves (their own text, quoting a
/// decision "đến 24:00 ngày …"; the platform writes none of it).
fn visible_text(html: &str) -> String {
    let html = without(&without(html, "<script", "</script>"), "<style", "</style>");
    let html = without(&html, "<div class=\"rules\"", "</div></section>");
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    text.replace("&nbsp;", " ")
}

/// Runs of ASCII digits with their byte ranges.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// What is wrong with the formats in `text` (empty when nothing is).
fn format_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let bytes = text.as_bytes();
    let runs = digit_runs(text);
    let around = |start: usize, end: usize| {
        let mut from = start.saturating_sub(20);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (end + 20).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        text[from..to].to_owned()
    };
    for pair in runs.windows(2) {
        let ((a0, a1), (b0, b1)) = (pair[0], pair[1]);
        let between = &text[a1..b0];
        let after = &text[b1..];
        // A dot decimal: "62.5%", "98.6 %", "711.1 giây".
        if between == "." {
            let tail = after.trim_start_matches(' ');
            if tail.starts_with('%') || tail.starts_with("giây") {
                problems.push(format!("dot decimal: {:?}", around(a0, b1)));
            }
        }
        // Hours past 23: "24:00" (an hour, not the minutes of a countdown's "23:24:28").
        if between == ":" && &text[a0..a1] == "24" && b1 - b0 == 2 && !text[..a0].ends_with(':') {
            problems.push(format!("24:00: {:?}", around(a0, b1)));
        }
        // ISO dates in reading text: "2026-11-25".
        if between == "-" && a1 - a0 == 4 && b1 - b0 == 2 && after.starts_with('-') {
            problems.push(format!("ISO date: {:?}", around(a0, b1)));
        }
    }
    // Dates are dd/mm/yyyy: "3/10/2022", "30/1" (a clipped label) and "03/10/22" are not.
    for triple in runs.windows(3) {
        let ((a0, a1), (b0, b1), (c0, c1)) = (triple[0], triple[1], triple[2]);
        if &text[a1..b0] == "/" && &text[b1..c0] == "/" {
            let preceded = a0 > 0 && matches!(bytes[a0 - 1], b'.' | b',');
            if !preceded && (a1 - a0, b1 - b0, c1 - c0) != (2, 2, 4) {
                problems.push(format!("date not dd/mm/yyyy: {:?}", around(a0, c1)));
            }
        }
    }
    problems
}

fn is_input_value(s: &str) -> bool {
    let b = s.as_bytes();
    let date = b.len() >= 10
        && b[..10]
            .iter()
            .enumerate()
            .all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    date && (b.len() == 10 || b[10] == b'T')
}

/// Every string inside a JSON value but the contest's rules.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        // A whole string that is an ISO date ("1981-11-14", "2026-12-01T00:00") is the
        // value of a date input in a form, not text anyone reads.
        Value::String(s) if is_input_value(s) => {}
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        // The rules are the organizers' own text (see `visible_text`).
        Value::Object(map) => map.iter().filter(|(k, _)| *k != "rules").for_each(|(_, v)| strings(v, out)),
        _ => {}
    }
}

async fn fetch(c: &mut Client, path: &str) -> (StatusCode, Vec<u8>) {
    let req = c.request(http::Method::GET, path).body(axum::body::Body::empty()).unwrap();
    c.send_raw(req).await
}

async fn page_text(c: &mut Client, path: &str) -> String {
    let (status, body) = fetch(c, path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    visible_text(&String::from_utf8(body).unwrap())
}

#[test]
fn the_checks_catch_every_old_format() {
    for bad in [
        "62.5%",
        "tỷ lệ 98.6 %",
        "711.1 giây",
        "24:00 29/11/2026",
        "07/12/2026 24:00",
        "30/1/2026",
        "3/10/2022",
        "ngày 2026-11-25",
    ] {
        assert!(!format_problems(bad).is_empty(), "{bad} passes");
    }
    for good in [
        "62,5%",
        "98,7%",
        "11 phút 51,0 giây",
        "30/11/2026 00:00",
        "1.262/1.520",
        "12.524 lượt thi",
        "Quyết định số 151/QĐ-BTCCT",
        "23:59 09/10/2022",
    ] {
        assert_eq!(format_problems(good), Vec::<String>::new(), "{good}");
    }
    assert_eq!(
        visible_text("<p style=\"width: 97.20%\">97,2%</p><script>{\"a\":\"62.5%\"}</script>"),
        " 97,2% "
    );
    let rules = "<section><div class=\"rules\"><p>đến 24:00 ngày 21/9/2022</p></div></section><p>24:00</p>";
    assert_eq!(format_problems(&visible_text(rules)).len(), 1, "the organizers' rules are theirs");
}

#[tokio::test]
async fn every_page_and_download_reads_in_one_vietnamese_format() {
    for t in common::demo_databases("formats", now()).await {
        // The 2022 contest's simulated history, its true figures and published prizes, as `make run` loads them.
        server::demo::history::insert(&t.db, "cchc-lang-son-2022").await.unwrap();
        app::results::service::record_truths(&t.db, Utc::now(), 5).await.unwrap();
        app::results::stats::refresh(&t.db, 1, Utc::now()).await.unwrap();
        server::demo::prizes::award_2022(&t.db, "cchc-lang-son-2022", Utc::now()).await.unwrap();
        let app = common::router(&t.db);
        let mut public = Client::new(app.clone());

        // Public pages, server-rendered: what every visitor sees first.
        let mut pages = vec![
            "/".to_owned(),
            "/cuoc-thi/cchc-lang-son-2022".to_owned(),
            "/thong-ke".to_owned(),
            "/thong-ke?cuoc_thi=1".to_owned(),
            "/thong-ke?cuoc_thi=1&sap_xep=ty-le".to_owned(),
            "/thong-ke?cuoc_thi=2".to_owned(),
        ];
        let rounds: Vec<i32> = app::entities::round::Entity::find()
            .filter(app::entities::round::Column::ContestId.eq(1))
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        pages.extend(rounds.iter().map(|r| format!("/thong-ke?cuoc_thi=1&dot={r}")));
        for path in &pages {
            let text = page_text(&mut public, path).await;
            assert_eq!(format_problems(&text), Vec::<String>::new(), "{}: {path}", t.backend);
        }

        // The statistics page: grouped counts, comma rates, a true column name.
        let stats = page_text(&mut public, "/thong-ke?cuoc_thi=1").await;
        assert!(stats.contains("Số người đạt điểm tối đa"), "{}", t.backend);
        assert!(stats.contains(" giây"), "{}: the leaderboard's times: {stats}", t.backend);
        assert!(
            stats.split_whitespace().any(|w| w.len() > 3 && w.ends_with('%') && w.contains(',')),
            "comma rates"
        );
        let html = String::from_utf8(fetch(&mut public, "/thong-ke?cuoc_thi=1").await.1).unwrap();
        let body = &without(&html, "<script", "</script>");
        for (start, end) in digit_runs(body) {
            // A number of four digits or more alone in a cell has lost its grouping.
            let cell = body[..start].ends_with('>') && body[end..].starts_with('<');
            assert!(!(cell && end - start >= 4), "{}: ungrouped {:?}", t.backend, &body[start..end]);
        }
        assert!(body.contains("data-label=\"Tỷ lệ tham gia\""), "cells carry their column's name");

        // The home page's schedule: a midnight close is the next day's 00:00.
        let home = page_text(&mut public, "/cuoc-thi/cchc-lang-son-2022").await;
        assert!(home.contains("10/10/2022 00:00"), "{}: week 1 closes at the start of 10/10", t.backend);

        // Public JSON whose strings are labels.
        for path in ["/api/contests/winners?contest_id=1", "/api/stats/charts?contest_id=1"] {
            let (status, json) = public.get(path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let mut texts = Vec::new();
            strings(&json, &mut texts);
            for s in texts {
                assert_eq!(format_problems(&s), Vec::<String>::new(), "{}: {path}: {s}", t.backend);
            }
        }

        // The public CSV: ";" between fields, comma decimals, UTF-8 with BOM.
        let (status, bytes) = fetch(&mut public, "/api/stats/units.csv?contest_id=1").await;
        assert_eq!(status, StatusCode::OK);
        let csv = String::from_utf8(bytes).unwrap();
        assert!(csv.starts_with('\u{feff}'), "BOM kept");
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        let header = lines.next().unwrap();
        assert_eq!(header.split(';').count(), app::results::stats::HEADERS.len(), "{header}");
        assert_eq!(header.split(';').collect::<Vec<_>>(), app::results::stats::HEADERS.to_vec());
        let cells: Vec<&str> = lines.flat_map(|l| l.split(';')).collect();
        assert!(
            cells.iter().any(|c| c.contains(',') && c.replace(',', "").parse::<u64>().is_ok()),
            "comma decimals"
        );
        assert!(!cells.iter().any(|c| c.contains('.') && c.parse::<f64>().is_ok()), "no dot decimals");

        // The public .xlsx: rates and averages are number cells, not text.
        let (_, bytes) = fetch(&mut public, "/api/stats/units.xlsx?contest_id=1").await;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("Thống kê").unwrap();
        let rates: Vec<&Data> =
            sheet.rows().skip(3).map(|r| &r[5]).filter(|d| !matches!(d, Data::Empty)).collect();
        assert!(
            !rates.is_empty() && rates.iter().all(|d| matches!(d, Data::Float(_) | Data::Int(_))),
            "{rates:?}"
        );

        // The dashboard: its pages and the labels its functions send.
        common::staff::account(&t.db, "btc-formats@example.vn", Role::Organizer).await;
        let mut staff = common::staff::signed_in(app.clone(), "btc-formats@example.vn").await;
        for path in [
            "/quan-tri",
            "/quan-tri/cuoc-thi",
            "/quan-tri/cuoc-thi/1",
            "/quan-tri/dot-thi/1",
            "/quan-tri/giai-thuong",
            "/quan-tri/bao-cao",
            "/quan-tri/tham-gia",
            "/quan-tri/thi-sinh",
            "/quan-tri/nhat-ky",
            "/quan-tri/thong-ke-cau-hoi",
        ] {
            let text = page_text(&mut staff, path).await;
            assert_eq!(format_problems(&text), Vec::<String>::new(), "{}: {path}", t.backend);
        }
        let round = rounds.first().copied().unwrap_or(1);
        for path in [
            "/api/admin/contests/get?id=1".to_owned(),
            "/api/admin/contests/get?id=2".to_owned(),
            format!("/api/admin/rounds/monitor?id={round}"),
            "/api/admin/prizes?contest_id=1".to_owned(),
            "/api/admin/reports/weekly?contest_id=1".to_owned(),
            "/api/admin/reports/reform-index?contest_id=1".to_owned(),
            "/api/admin/contestants?q=nguyen".to_owned(),
            "/api/admin/contestants/get?id=1".to_owned(),
            "/api/admin/audit?page=1".to_owned(),
            format!("/api/admin/units/participation?round_id={round}"),
            format!("/api/admin/questions/stats?round_id={round}"),
        ] {
            let (status, json) = staff.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{}: {path}: {json}", t.backend);
            let mut texts = Vec::new();
            strings(&json, &mut texts);
            for s in texts {
                assert_eq!(format_problems(&s), Vec::<String>::new(), "{}: {path}: {s}", t.backend);
            }
        }
        // The closing time the organizer reads is the one the public reads.
        let (_, setup) = staff.get("/api/admin/contests/get?id=1").await;
        let closes: Vec<&str> =
            setup["rounds"].as_array().unwrap().iter().filter_map(|r| r["closes"].as_str()).collect();
        assert_eq!(closes.first().copied(), Some("10/10/2022 00:00"), "{}: {setup}", t.backend);

        // The dashboard's CSV downloads: ";" too, with their BOM.
        for (path, first) in [
            ("/api/admin/units/participation.csv".to_owned(), "Họ tên"),
            ("/api/admin/questions/export.csv".to_owned(), "Chủ đề"),
        ] {
            let (status, bytes) = fetch(&mut staff, &path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let text = String::from_utf8(bytes).unwrap();
            let header = text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default().to_owned();
            assert!(text.starts_with('\u{feff}'), "{path}: BOM kept");
            assert!(header.starts_with(&format!("{first};")), "{path}: {header}");
        }

        // The reports' .xlsx: figures are number cells with a number format, never text.
        for path in [
            "/api/admin/reports/weekly.xlsx?contest_id=1",
            "/api/admin/reports/reform-index.xlsx?contest_id=1",
        ] {
            let (status, bytes) = fetch(&mut staff, path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
            let name = book.sheet_names().first().cloned().unwrap();
            let sheet = book.worksheet_range(&name).unwrap();
            let numbers =
                sheet.used_cells().filter(|(_, _, d)| matches!(d, Data::Float(_) | Data::Int(_))).count();
            assert!(numbers > 100, "{path}: {numbers} number cells");
            let numeric_text = sheet
                .used_cells()
                .filter_map(|(_, _, d)| match d {
                    Data::String(s) => Some(s.clone()),
                    _ => None,
                })
                .filter(|s| s.replace([',', '.'], "").parse::<u64>().is_ok())
                .collect::<Vec<_>>();
            assert_eq!(numeric_text, Vec::<String>::new(), "{path}: numbers stored as text");
        }
        t.finish().await;
    }
}
