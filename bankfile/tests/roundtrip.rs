mod common;

use bankfile::{ExportQuestion, Format, ParsedQuestion};

fn bank() -> Vec<ExportQuestion> {
    vec![
        ExportQuestion {
            topic: "Cải cách hành chính".into(),
            text: "Theo Nghị định 30/2020/NĐ-CP, văn bản hành chính có mấy thành phần {bắt buộc}?".into(),
            options: vec!["6".into(), "9".into(), "12".into(), "Không quy định".into()],
            correct: vec![1],
            explanation: Some("Điều 8: thể thức gồm 9 thành phần; ký hiệu = và ~ vẫn giữ nguyên.".into()),
            option_feedback: vec![
                Some("Thiếu: 6 # chưa đủ {thành phần}.".into()),
                Some("Đúng = Điều 8 ~ Nghị định 30.".into()),
                None,
                Some("[html] <b>không</b> phải thẻ; %50% không phải trọng số.".into()),
            ],
            legal_source: Some("Nghị định 30/2020/NĐ-CP".into()),
            difficulty: 2,
        },
        ExportQuestion {
            topic: "Văn thư / lưu trữ".into(),
            text: "Câu có dấu chấm phẩy; dấu phẩy, \"ngoặc kép\" và dấu # thì sao?".into(),
            options: vec![
                "Một; hai".into(),
                "Ba, bốn".into(),
                "\"Năm\"".into(),
                "Sáu: bảy".into(),
                "Tám ~ chín".into(),
                "Mười = mười".into(),
            ],
            correct: vec![5],
            explanation: None,
            option_feedback: Vec::new(),
            legal_source: None,
            difficulty: 3,
        },
        ExportQuestion {
            // Text a spreadsheet would run as a formula: quoted in CSV, the quote removed on import.
            topic: "@Chủ đề".into(),
            text: "=1+1 bằng bao nhiêu?".into(),
            options: vec!["-5".into(), "+2".into(), "'=3".into(), "'bốn".into()],
            correct: vec![1],
            explanation: Some("'=trích dẫn".into()),
            option_feedback: Vec::new(),
            legal_source: Some("-".into()),
            difficulty: 1,
        },
        ExportQuestion {
            topic: "Văn thư / lưu trữ".into(),
            text: "Câu dễ nhất?".into(),
            options: vec!["Đúng".into(), "Sai".into()],
            correct: vec![0],
            explanation: Some("Giải thích ngắn.".into()),
            option_feedback: Vec::new(),
            legal_source: None,
            difficulty: 1,
        },
    ]
}

fn expected(first_line: usize) -> Vec<ParsedQuestion> {
    bank()
        .into_iter()
        .enumerate()
        .map(|(i, q)| ParsedQuestion {
            line: first_line + i,
            topic: Some(q.topic),
            text: q.text,
            options: q.options,
            correct: q.correct,
            explanation: q.explanation,
            option_feedback: q.option_feedback,
            legal_source: q.legal_source,
            difficulty: Some(q.difficulty),
        })
        .collect()
}

/// Line numbers depend on the format; everything else must survive.
fn without_lines(questions: &[ParsedQuestion]) -> Vec<ParsedQuestion> {
    questions.iter().cloned().map(|q| ParsedQuestion { line: 0, ..q }).collect()
}

#[test]
fn xlsx_round_trip_keeps_every_field() {
    let bytes = bankfile::export_xlsx(&bank()).unwrap();
    let parsed = bankfile::parse(&bytes, Some("xuat.xlsx"));
    assert_eq!(parsed.format, Some(Format::Xlsx));
    assert_eq!(parsed.problems, vec![]);
    common::assert_questions(&parsed.questions, &expected(2));
}

#[test]
fn csv_round_trip_keeps_every_field() {
    let text = bankfile::export_csv(&bank());
    assert!(text.starts_with('\u{FEFF}'));
    assert!(text.contains(";'=1+1 bằng bao nhiêu?;'-5;'+2;''=3;'bốn;"), "{text}");
    let parsed = bankfile::parse(text.as_bytes(), Some("xuat.csv"));
    assert_eq!(parsed.format, Some(Format::Csv));
    assert_eq!(parsed.problems, vec![]);
    common::assert_questions(&parsed.questions, &expected(2));
}

#[test]
fn gift_round_trip_keeps_every_field() {
    let text = bankfile::export_gift(&bank());
    // Each option's feedback after its own `#`, escaped and guarded like an option.
    assert!(text.contains("\t~6 #Thiếu\\: 6 \\# chưa đủ \\{thành phần\\}.\n"), "{text}");
    assert!(text.contains(" #[plain][html] <b>không</b>"), "{text}");
    assert!(text.contains("$CATEGORY: Văn thư // lưu trữ"), "{text}");
    assert!(text.contains("\\{bắt buộc\\}"), "{text}");
    let parsed = bankfile::parse(text.as_bytes(), Some("xuat.gift"));
    assert_eq!(parsed.format, Some(Format::Gift));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(without_lines(&parsed.questions), without_lines(&expected(0)));
}

#[test]
fn moodle_xml_round_trip_keeps_every_field() {
    let xml = bankfile::export_moodle_xml(&bank());
    assert!(xml.contains("<text>$course$/top/Văn thư // lưu trữ</text>"), "{xml}");
    assert!(
        xml.contains("<feedback format=\"html\">\n        <text>Đúng = Điều 8 ~ Nghị định 30.</text>"),
        "{xml}"
    );
    let parsed = bankfile::parse(xml.as_bytes(), Some("xuat.xml"));
    assert_eq!(parsed.format, Some(Format::MoodleXml));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(without_lines(&parsed.questions), without_lines(&expected(0)));
}

#[test]
fn spreadsheets_get_feedback_columns_only_when_an_option_has_feedback() {
    let header =
        |text: &str| text.trim_start_matches('\u{FEFF}').lines().next().unwrap_or_default().to_string();
    let with = bankfile::export_csv(&bank());
    assert!(
        header(&with).ends_with(";Mức độ;Phản hồi A;Phản hồi B;Phản hồi C;Phản hồi D;Phản hồi E;Phản hồi F"),
        "{with}"
    );
    let plain: Vec<ExportQuestion> =
        bank().into_iter().map(|q| ExportQuestion { option_feedback: Vec::new(), ..q }).collect();
    let without = bankfile::export_csv(&plain);
    assert!(header(&without).ends_with(";Căn cứ pháp lý;Mức độ"), "{without}");
    // A column typed by hand is read too, whatever its case and diacritics.
    let typed = "Câu hỏi;Phương án A;Phương án B;Đáp án;phan hoi b\nHỏi?;Có;Không;A;Sai: luật đã rõ.\n";
    let parsed = bankfile::parse(typed.as_bytes(), Some("tay.csv"));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.questions[0].option_feedback, vec![None, Some("Sai: luật đã rõ.".to_string())]);
}

#[test]
fn aiken_round_trip_keeps_text_options_and_answer() {
    let text = bankfile::export_aiken(&bank());
    let parsed = bankfile::parse(text.as_bytes(), Some("xuat.txt"));
    assert_eq!(parsed.format, Some(Format::Aiken));
    assert_eq!(parsed.problems, vec![]);
    let got: Vec<_> = parsed.questions.iter().map(|q| (&q.text, &q.options, &q.correct)).collect();
    let bank = bank();
    let want: Vec<_> = bank.iter().map(|q| (&q.text, &q.options, &q.correct)).collect();
    assert_eq!(got, want);
}

#[test]
fn template_has_two_examples_and_a_guide() {
    let bytes = bankfile::template_xlsx().unwrap();
    let parsed = bankfile::parse(&bytes, Some("mau.xlsx"));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.questions.len(), 2);
    assert_eq!(parsed.questions[0].line, 2);
    assert_eq!(parsed.questions[0].topic.as_deref(), Some("Cải cách hành chính"));
    assert_eq!(parsed.questions[1].correct, vec![2]);

    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["Câu hỏi".to_string(), "Hướng dẫn".to_string()]);
    let guide = workbook.worksheet_range("Hướng dẫn").unwrap();
    let text: Vec<String> = guide.rows().filter_map(|r| r.first().map(|c| c.to_string())).collect();
    for column in ["Chủ đề", "Câu hỏi", "Phương án A", "Đáp án", "Giải thích", "Căn cứ pháp lý", "Mức độ"]
    {
        assert!(text.iter().any(|t| t == column), "{column} missing from guide");
    }
}

#[test]
fn empty_export_is_header_only() {
    let parsed = bankfile::parse(&bankfile::export_xlsx(&[]).unwrap(), None);
    assert_eq!(parsed.problems, vec![common::problem(0, "Tệp không có câu hỏi nào.")]);
}
