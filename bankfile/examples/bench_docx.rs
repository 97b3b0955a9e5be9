//! How long `parse` takes on a 10,000-question Word file in each layout it reads (issue 13:
//! under 2 s each). `make bench-docx` runs it in release mode; the list layout ("Câu 1:",
//! "A." lines, "Đáp án:" line), which was read before, is the baseline of the same run.
//!
//! The files are written the way Word writes them (revision ids, run fonts and sizes, cell
//! widths), so their XML is about as long as a real bank's.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Write;
use std::time::{Duration, Instant};

const QUESTIONS: usize = 10_000;
const RUNS: usize = 3;
const LETTERS: [&str; 4] = ["A", "B", "C", "D"];

fn text(s: &str) -> String {
    format!(
        r#"<w:r w:rsidRPr="00C91D2A"><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t xml:space="preserve">{s}</w:t></w:r>"#
    )
}

fn p(s: &str) -> String {
    format!(
        r#"<w:p w:rsidR="00C91D2A" w:rsidRDefault="00C91D2A" w:rsidP="00C91D2A"><w:pPr><w:spacing w:after="60" w:line="276" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr>{}</w:p>"#,
        text(s)
    )
}

fn tc(s: &str, width: u32) -> String {
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{}</w:tc>"#, p(s))
}

fn tbl(rows: &[Vec<(String, u32)>]) -> String {
    let mut out = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr>"#,
    );
    for row in rows {
        out.push_str(r#"<w:tr w:rsidR="00C91D2A" w:rsidTr="00C91D2A">"#);
        for (cell, width) in row {
            out.push_str(&tc(cell, *width));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn stem(n: usize) -> String {
    format!("Theo quy định hiện hành, nội dung số {n} của Chương trình cải cách hành chính nhà nước là gì?")
}

fn option(n: usize, i: usize) -> String {
    format!("Phương án {} của câu hỏi số {n} về thủ tục hành chính", LETTERS[i])
}

fn answer(n: usize) -> usize {
    n % 4
}

fn list(key: bool, starred: bool) -> String {
    let mut body = String::new();
    for n in 1..=QUESTIONS {
        body.push_str(&p(&format!("Câu {n}: {}", stem(n))));
        for (i, letter) in LETTERS.iter().enumerate() {
            let star = if starred && i == answer(n) { "*" } else { "" };
            body.push_str(&p(&format!("{star}{letter}. {}", option(n, i))));
        }
        if !key && !starred {
            body.push_str(&p(&format!("Đáp án: {}", LETTERS[answer(n)])));
        }
    }
    if key {
        body.push_str(&p("BẢNG ĐÁP ÁN"));
        // Ten questions per row pair, as printed keys are.
        let mut rows = Vec::new();
        for start in (1..=QUESTIONS).step_by(10) {
            let numbers: Vec<(String, u32)> = (start..start + 10).map(|n| (n.to_string(), 700)).collect();
            let letters: Vec<(String, u32)> =
                (start..start + 10).map(|n| (LETTERS[answer(n)].to_string(), 700)).collect();
            rows.push(numbers);
            rows.push(letters);
        }
        body.push_str(&tbl(&rows));
    }
    body
}

fn table() -> String {
    let widths = [600, 4000, 1500, 1500, 1500, 1500, 800];
    let header = ["STT", "Câu hỏi", "A", "B", "C", "D", "Đáp án"];
    let mut rows = vec![header.iter().zip(widths).map(|(h, w)| (h.to_string(), w)).collect::<Vec<_>>()];
    for n in 1..=QUESTIONS {
        let mut row = vec![(n.to_string(), widths[0]), (stem(n), widths[1])];
        row.extend((0..4).map(|i| (option(n, i), widths[2 + i])));
        row.push((LETTERS[answer(n)].to_string(), widths[6]));
        rows.push(row);
    }
    tbl(&rows)
}

/// A cell as a lean writer (LibreOffice, an online converter) writes it. The two-column
/// layout is measured both ways: with Word's own per-run fonts and revision ids, 10,000
/// two-column tables (60,000 rows) make a document.xml of about 47 MB.
fn lean_tbl(rows: &[Vec<String>]) -> String {
    let mut out = String::from("<w:tbl>");
    for row in rows {
        out.push_str("<w:tr>");
        for cell in row {
            out.push_str(&format!("<w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc>"));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn two_column_rows(n: usize) -> Vec<Vec<String>> {
    let mut rows = vec![vec![format!("Câu {n}"), stem(n)]];
    rows.extend((0..4).map(|i| vec![LETTERS[i].to_string(), option(n, i)]));
    rows.push(vec!["Đáp án".to_string(), LETTERS[answer(n)].to_string()]);
    rows
}

fn two_column(questions: usize, word_markup: bool) -> String {
    let mut body = String::new();
    for n in 1..=questions {
        let rows = two_column_rows(n);
        if word_markup {
            let widths = [1000, 8000];
            let rows: Vec<Vec<(String, u32)>> =
                rows.into_iter().map(|r| r.into_iter().zip(widths).collect()).collect();
            body.push_str(&tbl(&rows));
        } else {
            body.push_str(&lean_tbl(&rows));
        }
        body.push_str("<w:p/>");
    }
    body
}

fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("word/document.xml", options).expect("zip entry");
    writer.write_all(document.as_bytes()).expect("zip write");
    writer.finish().expect("zip").into_inner()
}

fn main() {
    let layouts: [(&str, usize, String); 7] = [
        ("list (Câu 1: / A. / Đáp án:), baseline", QUESTIONS, list(false, false)),
        ("table, one row per question", QUESTIONS, table()),
        ("two-column table per question, lean cells", QUESTIONS, two_column(QUESTIONS, false)),
        ("two-column table per question, Word's markup", QUESTIONS / 2, two_column(QUESTIONS / 2, true)),
        ("two-column table per question, Word's markup", QUESTIONS, two_column(QUESTIONS, true)),
        ("answer key table at the end", QUESTIONS, list(true, false)),
        ("starred options (*C.)", QUESTIONS, list(false, true)),
    ];
    let mut baseline = None;
    let mut slow = Vec::new();
    let mut failed = Vec::new();
    println!("best of {RUNS} runs of bankfile::parse per file");
    for (name, questions, body) in layouts {
        let bytes = docx(&body);
        let xml_mb = body.len() as f64 / 1e6;
        let mut best = Duration::MAX;
        let mut refused = None;
        for _ in 0..RUNS {
            let start = Instant::now();
            let parsed = bankfile::parse(&bytes, Some("bench.docx"));
            best = best.min(start.elapsed());
            if parsed.questions.len() != questions || !parsed.problems.is_empty() {
                refused =
                    Some(format!("{} questions read, {:?}", parsed.questions.len(), parsed.problems.first()));
                break;
            }
        }
        if let Some(why) = refused {
            println!(
                "{name}, {questions} questions: REFUSED ({why}); file {:.2} MB, document.xml {xml_mb:.1} MB",
                bytes.len() as f64 / 1e6
            );
            failed.push(name);
            continue;
        }
        let base = *baseline.get_or_insert(best);
        println!(
            "{name}, {questions} questions: {:.0} ms ({:.2}x baseline); file {:.2} MB, document.xml {xml_mb:.1} MB",
            best.as_secs_f64() * 1000.0,
            best.as_secs_f64() / base.as_secs_f64(),
            bytes.len() as f64 / 1e6,
        );
        if best >= Duration::from_secs(2) {
            slow.push(name);
        }
    }
    // Every layout is measured before failing, so one slow layout does not hide the others.
    assert!(failed.is_empty(), "not read whole: {failed:?}");
    assert!(slow.is_empty(), "over the 2 s bound: {slow:?}");
}
