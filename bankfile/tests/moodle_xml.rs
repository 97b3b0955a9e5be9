//! Moodle XML, one test per rule: what Moodle's own export holds imports as it is, every other
//! question type is refused by name and position, and our export obeys the rules of Moodle's
//! importer (question/format/xml/format.php and qtype_multichoice) so Moodle takes it unchanged.

#![allow(clippy::unwrap_used)]

mod common;

use bankfile::{ExportQuestion, Format, Parsed, ParsedQuestion};
use common::{assert_questions, parse_fixture, problem, question};
use quick_xml::events::Event;

fn quiz(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n{body}</quiz>\n")
}

/// A multiple-choice question as Moodle writes one: answers are (fraction, html text).
fn multichoice(text: &str, answers: &[(&str, &str)]) -> String {
    let mut out = format!(
        "  <question type=\"multichoice\">\n    <name><text>Câu</text></name>\n    \
         <questiontext format=\"html\"><text><![CDATA[{text}]]></text></questiontext>\n"
    );
    for (fraction, answer) in answers {
        out.push_str(&format!(
            "    <answer fraction=\"{fraction}\" format=\"html\"><text><![CDATA[{answer}]]></text></answer>\n"
        ));
    }
    out.push_str("  </question>\n");
    out
}

fn parse(xml: &str) -> Parsed {
    bankfile::parse(xml.as_bytes(), Some("ngan-hang.xml"))
}

#[test]
fn a_moodle_export_imports_with_categories_html_entities_and_feedback() {
    let parsed = parse_fixture("good.moodle.xml");
    assert_eq!(parsed.format, Some(Format::MoodleXml));
    let mut q1 = question(
        26,
        Some("Luật Cán bộ, công chức"),
        "Theo Luật Cán bộ, công chức, công chức được xếp vào mấy ngạch?",
        &["Bốn ngạch", "Năm ngạch và ngạch khác", "Ba ngạch"],
        1,
    );
    q1.explanation = Some(
        "Điều 34: chuyên viên cao cấp, chuyên viên chính, chuyên viên, cán sự, nhân viên và ngạch khác \
         theo quy định của Chính phủ."
            .into(),
    );
    q1.option_feedback = vec![None, Some("Đúng: Điều 34.".into()), None];
    let mut q3 = question(
        122,
        Some("Văn thư / lưu trữ"),
        "Theo Nghị định 30/2020/NĐ-CP, “thể thức” văn bản hành chính gồm mấy thành phần chính?",
        &["6", "9", "12 & hơn"],
        1,
    );
    q3.option_feedback = vec![Some("Thiếu thành phần.".into()), None, Some("Nhiều quá".into())];
    assert_questions(&parsed.questions, &[q1, q3]);
    assert_eq!(
        parsed.problems,
        vec![problem(
            82,
            "Câu hỏi thứ 2 có loại “đúng/sai” (truefalse), chưa được hỗ trợ; chỉ nhận câu trắc nghiệm \
             (multichoice) có đúng một đáp án đúng."
        )]
    );
}

#[test]
fn moodles_default_category_means_no_topic() {
    let xml = quiz(&format!(
        "<question type=\"category\"><category><text>$module$/top/Default for Ngân hàng</text></category></question>\n{}",
        multichoice("Hỏi?", &[("100", "Có"), ("0", "Không")])
    ));
    assert_eq!(parse(&xml).questions[0].topic, None);
    // Old files write the path without <text>.
    let old = quiz(&format!(
        "<question type=\"category\"><category>$course$/Pháp luật/Đất đai</category></question>\n{}",
        multichoice("Hỏi?", &[("100", "Có"), ("0", "Không")])
    ));
    assert_eq!(parse(&old).questions[0].topic.as_deref(), Some("Đất đai"));
}

#[test]
fn each_options_feedback_is_kept_with_its_option() {
    let xml = quiz(
        "<question type=\"multichoice\"><questiontext format=\"html\"><text>Hỏi?</text></questiontext>\
         <generalfeedback format=\"html\"><text>Chung</text></generalfeedback>\
         <answer fraction=\"100\"><text>Có</text><feedback><text>&lt;b&gt;Đúng&lt;/b&gt;!</text></feedback></answer>\
         <answer fraction=\"0\"><text>Không</text><feedback><text>Sai vì luật.</text></feedback></answer>\
         </question>\n",
    );
    let parsed = parse(&xml);
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.questions[0].explanation.as_deref(), Some("Chung"));
    assert_eq!(parsed.questions[0].option_feedback, vec![Some("Đúng!".into()), Some("Sai vì luật.".into())]);
    // Feedback on some options only: the others have none; on no option: no list at all.
    let some = quiz(
        "<question type=\"multichoice\"><questiontext><text>Hỏi?</text></questiontext>\
         <answer fraction=\"100\"><text>Có</text><feedback><text> </text></feedback></answer>\
         <answer fraction=\"0\"><text>Không</text></answer>\
         <answer fraction=\"0\"><text>Chưa rõ</text><feedback><text>Luật đã rõ.</text></feedback></answer>\
         </question>\n",
    );
    assert_eq!(parse(&some).questions[0].option_feedback, vec![None, None, Some("Luật đã rõ.".into())]);
    let none = quiz(&multichoice("Hỏi?", &[("100", "Có"), ("0", "Không")]));
    assert_eq!(parse(&none).questions[0].option_feedback, Vec::<Option<String>>::new());
}

#[test]
fn html_outside_cdata_is_read_once_as_xml_then_as_html() {
    let xml = quiz(
        "<question type=\"multichoice\"><questiontext format=\"html\"><text>&lt;p&gt;Thu&amp;#7871; &amp;amp; ph&amp;iacute;&lt;/p&gt;</text></questiontext>\
         <answer fraction=\"100\"><text>a &amp;lt; b</text></answer><answer fraction=\"0\"><text>Không&nbsp;biết</text></answer></question>\n",
    );
    let parsed = parse(&xml);
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.questions[0].text, "Thuế & phí");
    assert_eq!(parsed.questions[0].options, vec!["a < b", "Không biết"]);
}

#[test]
fn plain_text_format_keeps_angle_brackets_and_ampersands() {
    let xml = quiz(
        "<question type=\"multichoice\"><questiontext format=\"plain_text\"><text><![CDATA[Thẻ <b> và &amp; là gì?]]></text></questiontext>\
         <answer fraction=\"100\"><text><![CDATA[<b>]]></text></answer>\
         <answer fraction=\"0\" format=\"html\"><text><![CDATA[<i>nghiêng</i>]]></text></answer></question>\n",
    );
    let q = &parse(&xml).questions[0];
    assert_eq!(q.text, "Thẻ <b> và &amp; là gì?");
    // Answers follow the question's format unless they say their own.
    assert_eq!(q.options, vec!["<b>", "nghiêng"]);
}

#[test]
fn every_other_question_type_is_refused_by_name_and_position() {
    let kinds = [
        ("truefalse", "“đúng/sai” (truefalse)"),
        ("shortanswer", "“trả lời ngắn” (shortanswer)"),
        ("essay", "“tự luận” (essay)"),
        ("matching", "“ghép đôi” (matching)"),
        ("numerical", "“trả lời bằng số” (numerical)"),
        ("cloze", "“điền khuyết nhiều phần (cloze)” (cloze)"),
        ("multianswer", "“điền khuyết nhiều phần (cloze)” (multianswer)"),
        ("description", "“mô tả (đoạn văn không có câu hỏi)” (description)"),
        ("ddwtos", "“kéo thả từ vào văn bản” (ddwtos)"),
        ("gapselect", "“chọn từ điền vào chỗ trống” (gapselect)"),
        ("calculated", "“tính toán” (calculated)"),
        ("qtype_tuchon", "“qtype_tuchon”"),
    ];
    let mut body = String::new();
    for (kind, _) in kinds {
        body.push_str(&format!(
            "<question type=\"{kind}\">\n<questiontext format=\"html\"><text>{{1:MULTICHOICE:=a~b}}</text></questiontext>\n</question>\n"
        ));
    }
    body.push_str("<question>\n</question>\n");
    body.push_str(&multichoice("Vẫn nhận câu này?", &[("100", "Có"), ("0", "Không")]));
    let parsed = parse(&quiz(&body));
    assert_eq!(parsed.format, Some(Format::MoodleXml), "cloze braces do not make it GIFT");
    let mut want: Vec<_> = kinds
        .iter()
        .enumerate()
        .map(|(i, (_, named))| {
            problem(
                3 + 3 * i,
                &format!(
                    "Câu hỏi thứ {} có loại {named}, chưa được hỗ trợ; chỉ nhận câu trắc nghiệm \
                     (multichoice) có đúng một đáp án đúng.",
                    i + 1
                ),
            )
        })
        .collect();
    want.push(problem(
        3 + 3 * kinds.len(),
        "Câu hỏi thứ 13 có không ghi loại (thuộc tính type), chưa được hỗ trợ; chỉ nhận câu trắc nghiệm \
         (multichoice) có đúng một đáp án đúng.",
    ));
    assert_eq!(parsed.problems, want);
    assert_eq!(parsed.questions.len(), 1);
    assert_eq!(parsed.questions[0].line, 5 + 3 * kinds.len());
}

#[test]
fn several_correct_options_are_refused_with_their_letters() {
    let xml = quiz(
        &multichoice("Chọn các ý đúng", &[("50", "Một"), ("-100", "Hai"), ("50", "Ba")])
            .replace("<questiontext", "<single>false</single><questiontext"),
    );
    let parsed = parse(&xml);
    assert_eq!(parsed.questions, vec![]);
    assert_eq!(
        parsed.problems,
        vec![problem(3, "Có 2 đáp án được đánh dấu đúng (A, C); mỗi câu chỉ có một đáp án đúng.")]
    );
    assert_eq!(parsed.rejected[0].options, vec!["Một", "Hai", "Ba"], "kept for the preview");
}

#[test]
fn several_answers_allowed_but_one_worth_full_marks_is_one_correct_answer() {
    let xml = quiz(
        &multichoice("Hỏi?", &[("-50", "Một"), ("100", "Hai"), ("0", "Ba")])
            .replace("<questiontext", "<single>false</single><questiontext"),
    );
    let parsed = parse(&xml);
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.questions[0].correct, vec![1]);
}

#[test]
fn partial_credit_is_refused() {
    let parsed = parse(&quiz(&multichoice("Hỏi?", &[("100", "Một"), ("33.33333", "Hai"), ("0", "Ba")])));
    assert_eq!(
        parsed.problems,
        vec![problem(
            3,
            "Chưa hỗ trợ tính điểm từng phần: phương án B được 33,33333%. Mỗi câu chỉ có một đáp án đúng \
             (fraction=\"100\"), các phương án khác 0%."
        )]
    );
}

#[test]
fn a_question_without_full_marks_has_no_answer() {
    let parsed = parse(&quiz(&multichoice("Hỏi?", &[("0", "Một"), ("0", "Hai")])));
    assert_eq!(
        parsed.problems,
        vec![problem(3, "Chưa có đáp án đúng: không phương án nào được 100% điểm (fraction=\"100\").")]
    );
    let bad = parse(&quiz(&multichoice("Hỏi?", &[("một trăm", "Một"), ("100", "Hai")])));
    assert_eq!(
        bad.problems,
        vec![problem(3, "Điểm của phương án A (fraction=\"một trăm\") không phải là số.")]
    );
}

#[test]
fn blank_answers_are_skipped_as_moodle_does() {
    let parsed = parse(&quiz(&multichoice("Hỏi?", &[("0", "Một"), ("0", "  "), ("100", "Hai")])));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.questions[0].options, vec!["Một", "Hai"]);
    assert_eq!(parsed.questions[0].correct, vec![1]);
}

#[test]
fn pictures_and_attached_files_are_never_dropped_silently() {
    let picture = multichoice(
        "Biển báo <img src=\"@@PLUGINFILE@@/bien.png\"> nghĩa là gì?",
        &[("100", "Cấm"), ("0", "Cho phép")],
    );
    let attached = "<question type=\"multichoice\"><questiontext format=\"html\"><text>Nghe đoạn ghi âm</text>\
                    <file name=\"a.mp3\" path=\"/\" encoding=\"base64\">SUQzAwAAAAAA</file></questiontext>\
                    <answer fraction=\"100\"><text>Có</text></answer><answer fraction=\"0\"><text>Không</text>\
                    <feedback><text><![CDATA[<img src=\"x.png\">]]></text></feedback></answer></question>\n";
    let parsed = parse(&quiz(&format!("{picture}{attached}")));
    assert_eq!(parsed.questions, vec![]);
    let messages: Vec<_> = parsed.problems.iter().map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(messages.len(), 2);
    assert!(messages[0].1.starts_with("Câu hỏi có hình ảnh (ở phần câu hỏi)"), "{messages:?}");
    assert!(messages[1].1.starts_with("Câu hỏi có hình ảnh (ở phần câu hỏi, phương án B)"), "{messages:?}");
    assert_eq!(parsed.rejected.len(), 2, "both stay in the preview to be fixed");
}

#[test]
fn broken_or_cut_xml_is_reported_at_its_line() {
    let good = multichoice("Hỏi?", &[("100", "Có"), ("0", "Không")]);
    let broken = format!(
        "<?xml version=\"1.0\"?>\n<quiz>\n{good}<question type=\"multichoice\">\n<name></nam>\n</quiz>\n"
    );
    let parsed = parse(&broken);
    assert_eq!(parsed.questions.len(), 1, "questions before the damage are shown");
    assert_eq!(
        parsed.problems,
        vec![problem(
            10,
            "Tệp Moodle XML bị hỏng từ dòng 10: thẻ XML không đúng cú pháp hoặc không được đóng. Hãy xuất \
             lại tệp từ Moodle rồi tải lên lại."
        )]
    );
    let cut = quiz(&good);
    let cut = &cut[..cut.len() - 20];
    let parsed = parse(cut);
    assert!(
        parsed.problems[0].message.starts_with("Tệp Moodle XML bị hỏng từ dòng"),
        "{:?}",
        parsed.problems
    );
}

#[test]
fn xml_that_is_not_a_moodle_quiz_is_refused() {
    let parsed = bankfile::parse(b"<?xml version=\"1.0\"?><rss><channel/></rss>", Some("tin.xml"));
    assert_eq!(parsed.format, Some(Format::MoodleXml));
    assert_eq!(
        parsed.problems,
        vec![problem(
            0,
            "Tệp XML này không phải ngân hàng câu hỏi Moodle XML: thiếu thẻ <quiz> bao ngoài các câu hỏi. \
             Trong Moodle, hãy xuất câu hỏi theo định dạng “Moodle XML”."
        )]
    );
    let text = bankfile::parse("Không phải XML".as_bytes(), Some("a.xml"));
    assert_eq!(text.format, Some(Format::MoodleXml));
    assert_eq!(text.problems.len(), 1);
    let empty = parse(&quiz(""));
    assert_eq!(empty.problems, vec![problem(0, "Tệp không có câu hỏi nào.")]);
}

#[test]
fn hostile_xml_stays_within_the_limits() {
    // Nesting past MAX_XML_DEPTH.
    let deep = format!("<quiz>{}{}</quiz>", "<a>".repeat(500), "</a>".repeat(500));
    let parsed = parse(&deep);
    assert_eq!(
        parsed.problems,
        vec![problem(
            0,
            "Tệp Moodle XML có các thẻ lồng nhau quá 100 cấp; đây không phải tệp Moodle XML thông thường."
        )]
    );
    // Entities declared in a DTD are never expanded ("billion laughs").
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE quiz [<!ENTITY a \"hahahahaha\">{}]>\n<quiz>{}</quiz>",
        (1..10)
            .map(|i| format!(
                "<!ENTITY {} \"&{};&{};&{};&{};&{};\">",
                (b'a' + i) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char
            ))
            .collect::<String>(),
        multichoice("&j;", &[("100", "Có"), ("0", "Không")]).replace("<![CDATA[&j;]]>", "&j;")
    );
    let parsed = parse(&laughs);
    let text = parsed.questions.first().map(|q| q.text.len()).unwrap_or_default();
    assert!(text < 100, "{:?}", parsed.questions);
    // More questions than MAX_QUESTIONS refuses the file in one problem.
    let many = quiz(
        &multichoice("Hỏi?", &[("100", "Có"), ("0", "Không")]).repeat(bankfile::limits::MAX_QUESTIONS + 1),
    );
    let parsed = parse(&many);
    assert_eq!(parsed.questions, vec![]);
    assert!(
        parsed.problems[0].message.starts_with("Tệp quá lớn: có hơn 10.000 câu hỏi."),
        "{:?}",
        parsed.problems
    );
    // Options past MAX_OPTIONS_KEPT are counted, not kept.
    let answers: Vec<(&str, &str)> = (0..5000).map(|_| ("0", "x")).collect();
    let parsed = parse(&quiz(&multichoice("Hỏi?", &answers)));
    assert_eq!(parsed.rejected[0].options.len(), bankfile::limits::MAX_OPTIONS_KEPT);
    assert!(parsed.problems.iter().any(|p| p.message.contains("5000 phương án")), "{:?}", parsed.problems);
}

#[test]
fn moodle_xml_is_recognised_by_content_and_by_name() {
    let xml = quiz(&multichoice("Hỏi {a} ~ b = c?", &[("100", "Có"), ("0", "Không")]));
    assert_eq!(bankfile::detect(xml.as_bytes(), None), Ok(Format::MoodleXml));
    assert_eq!(bankfile::detect(xml.as_bytes(), Some("ngan-hang.txt")), Ok(Format::MoodleXml));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(xml.as_bytes());
    assert_eq!(bankfile::detect(&bom, Some("x.xml")), Ok(Format::MoodleXml));
    assert_eq!(Format::MoodleXml.label(), "Moodle XML");
}

fn bank() -> Vec<ExportQuestion> {
    vec![
        ExportQuestion {
            topic: "Luật Cán bộ, công chức".into(),
            text: "Thẻ <b> và ký hiệu & trong câu hỏi có hiện đúng không?".into(),
            options: vec!["Có, như đã gõ".into(), "Không ]]> hiện".into(), "&amp; thành &".into()],
            correct: vec![0],
            explanation: Some("Giải thích < 5 dòng.".into()),
            option_feedback: vec![None, Some("Sai: ]]> & <b> vẫn hiện như đã gõ.".into()), None],
            legal_source: Some("Luật số 22/2008/QH12".into()),
            difficulty: 3,
        },
        ExportQuestion {
            topic: String::new(),
            text: "Câu chưa có chủ đề?".into(),
            options: vec!["Một".into(), "Hai".into()],
            correct: vec![1],
            explanation: None,
            option_feedback: Vec::new(),
            legal_source: None,
            difficulty: 0,
        },
        ExportQuestion {
            topic: "/Văn thư/".into(),
            text: "Câu hỏi rất dài ".repeat(20),
            options: vec!["A".into(), "B".into(), "C".into(), "D".into()],
            correct: vec![3],
            explanation: None,
            option_feedback: Vec::new(),
            legal_source: None,
            difficulty: 1,
        },
    ]
}

/// A question as Moodle's importer sees it, read with a real XML parser.
#[derive(Debug, Default)]
struct MoodleQuestion {
    kind: String,
    category: String,
    name: String,
    text: String,
    text_format: String,
    single: String,
    answers: Vec<(String, String, String)>,
}

fn read_as_moodle(xml: &str) -> Vec<MoodleQuestion> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<MoodleQuestion> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned())
                        .unwrap_or_default()
                };
                if path == ["quiz"] && name == "question" {
                    out.push(MoodleQuestion { kind: attr("type"), ..Default::default() });
                }
                if path == ["quiz", "question"] && name == "questiontext" {
                    out.last_mut().unwrap().text_format = attr("format");
                }
                if path == ["quiz", "question"] && name == "answer" {
                    out.last_mut().unwrap().answers.push((attr("fraction"), attr("format"), String::new()));
                }
                path.push(name);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => text_at(&mut out, &path, &t.xml10_content()),
            Event::CData(t) => text_at(&mut out, &path, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let s = match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    other => panic!("entity &{other}; in {xml}"),
                };
                text_at(&mut out, &path, s)
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn text_at(out: &mut [MoodleQuestion], path: &[String], s: &str) {
    let Some(q) = out.last_mut() else { return };
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match path.as_slice() {
        ["quiz", "question", "category", "text"] => q.category.push_str(s),
        ["quiz", "question", "name", "text"] => q.name.push_str(s),
        ["quiz", "question", "questiontext", "text"] => q.text.push_str(s),
        ["quiz", "question", "single"] => q.single.push_str(s),
        ["quiz", "question", "answer", "text"] => q.answers.last_mut().unwrap().2.push_str(s),
        _ => {}
    }
}

#[test]
fn the_export_obeys_moodles_import_rules() {
    let xml = bankfile::export_moodle_xml(&bank());
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"), "{xml}");
    let questions = read_as_moodle(&xml);
    let kinds: Vec<_> = questions.iter().map(|q| q.kind.as_str()).collect();
    // A category before each change of topic; the topic-less question gets its own, or Moodle
    // would file it with the question before.
    assert_eq!(kinds, ["category", "multichoice", "category", "multichoice", "category", "multichoice"]);
    assert_eq!(questions[0].category, "$course$/top/Luật Cán bộ, công chức");
    assert_eq!(questions[2].category, "$course$/top/Mặc định cho câu hỏi chưa có chủ đề");
    assert_eq!(questions[4].category, "$course$/top/ //Văn thư// ", "Moodle's assemble_category_path");
    for q in questions.iter().filter(|q| q.kind == "multichoice") {
        // xmlimportnoname: Moodle refuses a question without a name; 255 characters at most.
        assert!(!q.name.trim().is_empty() && q.name.chars().count() <= 255, "{q:?}");
        assert!(!q.text.trim().is_empty(), "{q:?}");
        assert_eq!(q.text_format, "html");
        // Single answer: the best answer must be worth exactly 100 % (fractionsnomax).
        assert_eq!(q.single.trim(), "true");
        let full: Vec<_> = q.answers.iter().filter(|(f, _, _)| f == "100").collect();
        assert_eq!(full.len(), 1, "{q:?}");
        assert!(q.answers.iter().all(|(f, _, _)| f == "100" || f == "0"), "{q:?}");
        // notenoughanswers: at least two answers with text.
        assert!(
            q.answers.len() >= 2
                && q.answers.iter().all(|(_, format, text)| format == "html" && !text.trim().is_empty())
        );
    }
    // Text is escaped HTML, so Moodle shows "<b>" and "&" as typed.
    assert_eq!(questions[1].text, "Thẻ &lt;b&gt; và ký hiệu &amp; trong câu hỏi có hiện đúng không?");
    assert_eq!(questions[1].answers[2].2, "&amp;amp; thành &amp;");
    assert_eq!(questions[1].answers[1].2, "Không ]]&gt; hiện");
    assert!(
        questions[5].name.ends_with("...") && questions[5].name.chars().count() <= 83,
        "{}",
        questions[5].name
    );
    assert!(xml.contains("<shuffleanswers>false</shuffleanswers>"), "options stay in their order");
}

#[test]
fn our_export_imports_back_unchanged() {
    let bank = bank();
    let xml = bankfile::export_moodle_xml(&bank);
    let parsed = bankfile::parse(xml.as_bytes(), Some("xuat.xml"));
    assert_eq!(parsed.format, Some(Format::MoodleXml));
    assert_eq!(parsed.problems, vec![]);
    let got: Vec<ParsedQuestion> =
        parsed.questions.into_iter().map(|q| ParsedQuestion { line: 0, ..q }).collect();
    let want: Vec<ParsedQuestion> = bank
        .into_iter()
        .map(|q| ParsedQuestion {
            line: 0,
            topic: (!q.topic.is_empty()).then(|| q.topic.clone()),
            text: q.text.trim().to_string(),
            options: q.options,
            correct: q.correct,
            explanation: q.explanation,
            option_feedback: q.option_feedback,
            legal_source: q.legal_source,
            difficulty: (q.difficulty > 0).then_some(q.difficulty),
        })
        .collect();
    assert_questions(&got, &want);
}
