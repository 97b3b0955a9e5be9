//! Property tests with fixed seeds (so a failure reproduces): files built at random from the
//! pieces importers react to, and real fixtures mutated at random, go through every importer.
//! Whatever comes in, `parse` answers without panicking and its output stays within the limits;
//! and any bank exported to CSV, .xlsx or Moodle XML reads back as it was, formula-like text
//! and HTML-like text included.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use bankfile::limits::{MAX_OPTIONS_KEPT, MAX_PROBLEMS, MAX_QUESTIONS};
use bankfile::{ExportQuestion, ParsedQuestion};
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};

static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    std::panic::set_hook(Box::new(|info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        eprintln!("panic inside parse: {info}");
    }));
}

/// Pieces of every format, plus the characters that start formulas and break quoting.
const PIECES: [&str; 40] = [
    "Câu 1:",
    "Câu hỏi 2.",
    "12)",
    "A.",
    "B)",
    "c.",
    "D:",
    "E/",
    "F.",
    "Đáp án: B",
    "ĐA: c",
    "ANSWER: A",
    "answer b",
    "Giải thích:",
    "Căn cứ:",
    "Chủ đề:",
    "$CATEGORY: $course$/top/Một",
    "::t::",
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    "%50%",
    "\\",
    "->",
    "[html]<b>x</b>",
    "TRUE",
    "//",
    "\n",
    "\n\n",
    "\t",
    ",",
    ";",
    "\"",
    "'=1+1",
    "+84",
    "-5",
    "@SUM(A1)",
];

fn random_text(rng: &mut StdRng, pieces: usize) -> String {
    let mut out = String::new();
    for _ in 0..pieces {
        if rng.gen_bool(0.3) {
            out.push_str(
                ["một", "Hai", "ba bốn", "Nghị định 30", "ế", "\u{00A0}", "\u{200B}"].choose(rng).unwrap(),
            );
        } else {
            out.push_str(PIECES.choose(rng).unwrap());
        }
        if rng.gen_bool(0.5) {
            out.push(' ');
        }
    }
    out
}

fn check_bounded(bytes: &[u8], name: &str) {
    let parsed = bankfile::parse(bytes, Some(name));
    assert!(!parsed.questions.is_empty() || !parsed.problems.is_empty(), "{name}: no answer at all");
    assert!(parsed.problems.len() <= MAX_PROBLEMS + 1, "{name}");
    assert!(parsed.questions.len() + parsed.rejected.len() <= MAX_QUESTIONS, "{name}");
    for p in &parsed.problems {
        assert!(!p.message.is_empty(), "{name}");
    }
    for q in parsed.questions.iter().chain(&parsed.rejected) {
        assert!(q.options.len() <= MAX_OPTIONS_KEPT, "{name}");
    }
    for q in &parsed.questions {
        assert!((2..=6).contains(&q.options.len()) && q.correct.len() == 1, "{name}: {q:?}");
        assert!(q.correct[0] < q.options.len(), "{name}: {q:?}");
    }
}

#[test]
fn random_files_of_every_format_never_panic_and_stay_bounded() {
    count_panics();
    let mut rng = StdRng::seed_from_u64(20261201);
    for round in 0..100 {
        let pieces = rng.gen_range(0..200);
        let text = random_text(&mut rng, pieces);
        for name in ["x.csv", "x.gift", "x.aiken", "x.txt", "khong-ten"] {
            check_bounded(text.as_bytes(), name);
        }
        // The same pieces inside a Word document and a spreadsheet.
        let paragraphs: String = text
            .split('\n')
            .map(|line| {
                let bold = if rng.gen_bool(0.2) { "<w:rPr><w:b/></w:rPr>" } else { "" };
                format!("<w:p><w:r>{bold}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", xml_escape(line))
            })
            .collect();
        check_bounded(&common::crafted::docx(&paragraphs, ""), "x.docx");
        // And as the fields of Moodle XML questions, escaped or not (then the XML breaks).
        let fields: String = text
            .split('\n')
            .map(|piece| {
                let piece = if rng.gen_bool(0.7) { xml_escape(piece) } else { piece.to_string() };
                let tag = ["questiontext", "answer", "generalfeedback", "category", "legalsource"].choose(&mut rng).unwrap();
                let kind = ["multichoice", "category", "truefalse", ""].choose(&mut rng).unwrap();
                format!("<question type=\"{kind}\"><{tag} fraction=\"100\"><text>{piece}</text></{tag}></question>")
            })
            .collect();
        check_bounded(format!("<quiz>{fields}</quiz>").as_bytes(), "x.xml");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, title) in ["Câu hỏi", "Phương án A", "Phương án B", "Đáp án", "Mức độ"].iter().enumerate()
        {
            sheet.write_string(0, col as u16, *title).unwrap();
        }
        for _ in 0..rng.gen_range(0..40) {
            let (row, col) = if rng.gen_bool(0.05) {
                (rng.gen_range(0..1_048_576), rng.gen_range(0..16_384))
            } else {
                (rng.gen_range(1..60), rng.gen_range(0..8))
            };
            if rng.gen_bool(0.2) {
                sheet.write_number(row, col, rng.gen_range(-10.0..10.0)).unwrap();
            } else {
                sheet.write_string(row, col, random_text(&mut rng, 3)).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        check_bounded(&bytes, "x.xlsx");
        // And that spreadsheet damaged at random.
        let mut damaged = bytes.clone();
        for _ in 0..rng.gen_range(1..6) {
            let i = rng.gen_range(0..damaged.len());
            damaged[i] = rng.gen();
        }
        check_bounded(&damaged, "x.xlsx");
        if round % 50 == 0 {
            eprintln!("round {round}");
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a reader panicked (caught by parse)");
}

#[test]
fn mutated_fixtures_and_crafted_files_never_panic_and_stay_bounded() {
    count_panics();
    let mut rng = StdRng::seed_from_u64(4);
    let mut originals: Vec<(String, Vec<u8>)> =
        ["good.docx", "good.xlsx", "good.csv", "good.gift", "good.aiken.txt", "good.moodle.xml"]
            .iter()
            .map(|n| (n.to_string(), common::fixture(n)))
            .collect();
    // Small crafted files (the big ones are read once, in memory.rs).
    originals.push(("toan-trang.xlsx".into(), common::crafted::whole_sheet()));
    let styles = common::crafted::styles(20, 30);
    let cells = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Phương án A</t></is></c></row>"#;
    let xlsx = common::crafted::xlsx_with(cells, "<si><t>Câu hỏi</t></si>", &[("xl/styles.xml", &styles)]);
    originals.push(("kieu.xlsx".into(), xlsx));
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="3998"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Câu %1:"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let para = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Hỏi?</w:t></w:r></w:p><w:p><w:r><w:t>A. Một</w:t></w:r></w:p>"#;
    originals.push(("danh-so.docx".into(), common::crafted::docx(&para.repeat(5), numbering)));
    for (name, original) in &originals {
        for _ in 0..30 {
            let mut bytes = original.clone();
            match rng.gen_range(0..3) {
                // Flip bytes.
                0 => {
                    for _ in 0..rng.gen_range(1..10) {
                        let i = rng.gen_range(0..bytes.len());
                        bytes[i] = rng.gen();
                    }
                }
                // Cut the end off.
                1 => bytes.truncate(rng.gen_range(0..bytes.len())),
                // Repeat a slice (duplicated rows, entries, answer blocks).
                _ => {
                    let start = rng.gen_range(0..bytes.len());
                    let end = (start + rng.gen_range(1..200)).min(bytes.len());
                    let slice = bytes[start..end].to_vec();
                    for _ in 0..rng.gen_range(1..50) {
                        bytes.splice(start..start, slice.iter().copied());
                    }
                }
            }
            check_bounded(&bytes, name);
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a reader panicked (caught by parse)");
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A random question whose fields often start with a formula character or a quote.
fn random_question(rng: &mut StdRng) -> ExportQuestion {
    let field = |rng: &mut StdRng| {
        let start =
            ["", "=", "+", "-", "@", "'", "''", "'=", "\"", "#", "~"].choose(rng).unwrap().to_string();
        let words = ["1+1", "Một", "hai, ba", "bốn; năm", "\"sáu\"", "HYPERLINK(\"x\")", "-5"];
        format!("{start}{}", words.choose(rng).unwrap())
    };
    let options = (0..rng.gen_range(2..=6)).map(|_| field(rng)).collect::<Vec<_>>();
    ExportQuestion {
        topic: field(rng),
        text: format!("{}?", field(rng)),
        correct: vec![rng.gen_range(0..options.len())],
        options,
        explanation: rng.gen_bool(0.5).then(|| field(rng)),
        option_feedback: Vec::new(),
        legal_source: rng.gen_bool(0.5).then(|| field(rng)),
        difficulty: rng.gen_range(1..=3),
    }
}

/// Topic, text, options, answer, explanation and legal source: what both formats carry.
type Fields = (Option<String>, String, Vec<String>, Vec<usize>, Option<String>, Option<String>);

fn as_parsed(q: &ExportQuestion) -> Fields {
    (
        Some(q.topic.clone()),
        q.text.clone(),
        q.options.clone(),
        q.correct.clone(),
        q.explanation.clone(),
        q.legal_source.clone(),
    )
}

fn fields(q: &ParsedQuestion) -> Fields {
    (
        q.topic.clone(),
        q.text.clone(),
        q.options.clone(),
        q.correct.clone(),
        q.explanation.clone(),
        q.legal_source.clone(),
    )
}

#[test]
fn any_bank_exported_to_csv_or_xlsx_reads_back_the_same() {
    let mut rng = StdRng::seed_from_u64(77);
    for _ in 0..100 {
        let bank: Vec<ExportQuestion> = (0..rng.gen_range(1..8)).map(|_| random_question(&mut rng)).collect();
        let want: Vec<_> = bank.iter().map(as_parsed).collect();
        let csv = bankfile::export_csv(&bank);
        // No field of the CSV starts a formula.
        let mut reader =
            csv::ReaderBuilder::new().delimiter(b';').has_headers(true).from_reader(csv.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} in {csv}");
            }
        }
        let parsed = bankfile::parse(csv.as_bytes(), Some("xuat.csv"));
        assert_eq!(parsed.problems, vec![], "{csv}");
        assert_eq!(parsed.questions.iter().map(fields).collect::<Vec<_>>(), want, "{csv}");
        let xlsx = bankfile::export_xlsx(&bank).unwrap();
        let parsed = bankfile::parse(&xlsx, Some("xuat.xlsx"));
        assert_eq!(parsed.problems, vec![]);
        assert_eq!(parsed.questions.iter().map(fields).collect::<Vec<_>>(), want);
    }
}

/// Text that HTML, XML and Moodle's category paths treat specially.
fn markup_field(rng: &mut StdRng) -> String {
    let words = [
        "<b>đậm</b>",
        "a < b",
        "&amp;",
        "&ograve;",
        "]]>",
        "Đất/đai",
        "//",
        "$course$",
        "top",
        "\"x\"",
        "'y'",
        "Một",
        "hai, ba",
        "=1+1",
    ];
    (0..rng.gen_range(1..4)).map(|_| *words.choose(rng).unwrap()).collect::<Vec<_>>().join(" ")
}

#[test]
fn any_bank_exported_to_moodle_xml_reads_back_the_same() {
    let mut rng = StdRng::seed_from_u64(78);
    for _ in 0..100 {
        let mut bank: Vec<ExportQuestion> =
            (0..rng.gen_range(1..8)).map(|_| random_question(&mut rng)).collect();
        for q in &mut bank {
            if rng.gen_bool(0.5) {
                q.topic = markup_field(&mut rng);
                q.text = markup_field(&mut rng);
                q.options[0] = markup_field(&mut rng);
                q.legal_source = Some(markup_field(&mut rng));
            }
        }
        let want: Vec<_> = bank.iter().map(as_parsed).collect();
        let xml = bankfile::export_moodle_xml(&bank);
        let parsed = bankfile::parse(xml.as_bytes(), Some("xuat.xml"));
        assert_eq!(parsed.problems, vec![], "{xml}");
        assert_eq!(parsed.questions.iter().map(fields).collect::<Vec<_>>(), want, "{xml}");
        let levels: Vec<_> = parsed.questions.iter().map(|q| q.difficulty).collect();
        assert_eq!(levels, bank.iter().map(|q| Some(q.difficulty)).collect::<Vec<_>>());
    }
}
