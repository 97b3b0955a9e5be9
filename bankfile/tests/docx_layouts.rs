//! Word banks as organizers really have them (issue 13): tables, answer keys at the end,
//! starred answers, pictures. Every file is built here from WordprocessingML.

mod common;

use bankfile::{Format, Parsed};
use common::crafted::docx;
use common::{assert_questions, problem, question};

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn bold(text: &str) -> String {
    format!(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A table; each cell is the XML of its paragraphs (use `p`), "" for an empty cell.
fn table(rows: &[Vec<String>]) -> String {
    let mut out = String::from("<w:tbl>");
    for row in rows {
        out.push_str("<w:tr>");
        for cell in row {
            let content = if cell.is_empty() { "<w:p/>".to_string() } else { cell.clone() };
            out.push_str(&format!("<w:tc>{content}</w:tc>"));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// A table of plain text cells.
fn text_table(rows: &[&[&str]]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| if c.is_empty() { String::new() } else { p(c) }).collect())
        .collect();
    table(&rows)
}

fn read(body: &str) -> Parsed {
    bankfile::parse(&docx(body, ""), Some("ngan-hang.docx"))
}

fn layout(parsed: &Parsed) -> &str {
    parsed.layout.as_deref().unwrap_or("")
}

const HEADER: &[&str] = &["STT", "Câu hỏi", "A", "B", "C", "D", "Đáp án"];

#[test]
fn a_table_with_one_row_per_question_under_a_header_imports() {
    let body = text_table(&[
        HEADER,
        &["1", "Nhiệm kỳ của Quốc hội là bao nhiêu năm?", "4 năm", "5 năm", "6 năm", "", "B"],
        &[
            "2",
            "Cơ quan nào quản lý nhà nước về công chức?",
            "Bộ Tư pháp",
            "Bộ Nội vụ",
            "Bộ Tài chính",
            "Bộ Công an",
            "b",
        ],
    ]);
    let parsed = read(&body);
    assert_eq!(parsed.format, Some(Format::Docx));
    assert_eq!(parsed.problems, vec![]);
    // Lines count non-empty paragraphs: the 7 header cells are lines 1-7.
    assert_questions(
        &parsed.questions,
        &[
            question(8, None, "Nhiệm kỳ của Quốc hội là bao nhiêu năm?", &["4 năm", "5 năm", "6 năm"], 1),
            question(
                14,
                None,
                "Cơ quan nào quản lý nhà nước về công chức?",
                &["Bộ Tư pháp", "Bộ Nội vụ", "Bộ Tài chính", "Bộ Công an"],
                1,
            ),
        ],
    );
    assert_eq!(layout(&parsed), "Đã nhận dạng: bảng, mỗi câu một dòng, cột Đáp án");
}

#[test]
fn table_headers_match_in_any_order_ignoring_case_and_diacritics_with_optional_columns() {
    let body = text_table(&[
        &[
            "dap an",
            "PHƯƠNG ÁN B",
            "cau hoi",
            "Phương án A",
            "Chủ đề",
            "giai thich",
            "Mức độ",
            "Căn cứ pháp lý",
        ],
        &[
            "A",
            "B. Sai",
            "Công chức là công dân Việt Nam?",
            "A. Đúng",
            "Công vụ",
            "Điều 4.",
            "Khó",
            "Luật CBCC",
        ],
    ]);
    let parsed = read(&body);
    assert_eq!(parsed.problems, vec![]);
    let mut want = question(9, Some("Công vụ"), "Công chức là công dân Việt Nam?", &["Đúng", "Sai"], 0);
    want.explanation = Some("Điều 4.".into());
    want.legal_source = Some("Luật CBCC".into());
    want.difficulty = Some(3);
    assert_questions(&parsed.questions, &[want]);
}

#[test]
fn table_rows_with_problems_are_reported_on_their_own_line() {
    let body = text_table(&[
        HEADER,
        &["1", "Hỏi không có đáp án?", "Một", "Hai", "", "", ""],
        &["2", "Đáp án ngoài phương án?", "Một", "Hai", "", "", "D"],
        &["3", "Phương án bỏ trống ở giữa?", "Một", "", "Ba", "", "A"],
        &["4", "Câu đúng?", "Có", "Không", "", "", "A"],
    ]);
    let parsed = read(&body);
    assert_eq!(
        parsed.problems,
        vec![
            problem(8, "Chưa có đáp án đúng."),
            problem(12, "Đáp án D không có trong các phương án (chỉ có các phương án A–B)."),
            problem(17, "Phương án B chưa có nội dung."),
        ]
    );
    assert_questions(&parsed.questions, &[question(22, None, "Câu đúng?", &["Có", "Không"], 0)]);
}

#[test]
fn a_table_row_answer_can_be_a_starred_or_bold_option_cell() {
    let rows = vec![
        HEADER[..6].iter().map(|h| p(h)).collect::<Vec<_>>(),
        vec![p("1"), p("Hỏi sao?"), p("Một"), p("*Hai"), p("Ba"), p("Bốn")],
        vec![p("2"), p("Hỏi đậm?"), p("Một"), p("Hai"), bold("Ba"), p("Bốn")],
    ];
    let parsed = read(&table(&rows));
    assert_eq!(parsed.problems, vec![]);
    let got: Vec<_> = parsed.questions.iter().map(|q| (q.options[1].as_str(), q.correct[0])).collect();
    assert_eq!(got, vec![("Hai", 1), ("Hai", 2)]);
}

fn two_column(number: &str, text: &str, options: &[&str], answer: &str) -> String {
    let mut rows: Vec<Vec<&str>> = vec![vec![number, text]];
    let letters = ["A", "B", "C", "D"];
    for (i, o) in options.iter().enumerate() {
        rows.push(vec![letters[i], o]);
    }
    rows.push(vec!["Đáp án", answer]);
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    text_table(&rows) + "<w:p/>"
}

#[test]
fn a_two_column_table_per_question_imports() {
    let body = [
        p("Chủ đề: Thủ tục hành chính"),
        two_column(
            "Câu 1",
            "Thủ tục hành chính được công khai ở đâu?",
            &["Cổng Dịch vụ công", "Không công khai"],
            "A",
        ),
        two_column("Câu 2:", "Ai tiếp nhận hồ sơ?", &["Bộ phận Một cửa", "Bảo vệ", "Văn thư"], "A"),
        two_column("Câu hỏi", "Thời hạn giải quyết tính theo?", &["Ngày làm việc", "Ngày lễ"], "A"),
    ]
    .concat();
    let parsed = read(&body);
    assert_eq!(parsed.problems, vec![]);
    let topic = Some("Thủ tục hành chính");
    assert_questions(
        &parsed.questions,
        &[
            question(
                2,
                topic,
                "Thủ tục hành chính được công khai ở đâu?",
                &["Cổng Dịch vụ công", "Không công khai"],
                0,
            ),
            question(10, topic, "Ai tiếp nhận hồ sơ?", &["Bộ phận Một cửa", "Bảo vệ", "Văn thư"], 0),
            question(20, topic, "Thời hạn giải quyết tính theo?", &["Ngày làm việc", "Ngày lễ"], 0),
        ],
    );
    assert!(
        layout(&parsed).starts_with("Đã nhận dạng: bảng hai cột, mỗi câu một bảng"),
        "{}",
        layout(&parsed)
    );
}

/// Three questions with options and no answers, as banks with a key at the end are written.
fn unanswered() -> String {
    [
        p("Câu 1: Hỏi một?"),
        p("A. Một"),
        p("B. Hai"),
        p("C. Ba"),
        p("Câu 2: Hỏi hai?"),
        p("A. Một"),
        p("B. Hai"),
        p("Câu 3: Hỏi ba?"),
        p("A. Một"),
        p("B. Hai"),
        p("C. Ba"),
    ]
    .concat()
}

fn answers(parsed: &Parsed) -> Vec<(usize, usize)> {
    parsed.questions.iter().map(|q| (q.line, q.correct[0])).collect()
}

#[test]
fn an_answer_key_table_of_numbers_over_letters_gives_the_answers() {
    // Two row pairs, with "Câu" / "Đáp án" label cells, under a "BẢNG ĐÁP ÁN" heading.
    let key = text_table(&[&["Câu", "1", "2"], &["Đáp án", "C", "A"], &["Câu", "3"], &["Đáp án", "b"]]);
    let parsed = read(&(unanswered() + &p("BẢNG ĐÁP ÁN") + &key));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(answers(&parsed), vec![(1, 2), (5, 0), (8, 1)]);
    assert!(layout(&parsed).ends_with("đáp án theo bảng đáp án cuối tệp"), "{}", layout(&parsed));
    // A table of "number | letter" rows works too, even without a heading.
    let key = text_table(&[&["Câu", "Đáp án"], &["1", "C"], &["2", "A"], &["3", "B"]]);
    assert_eq!(answers(&read(&(unanswered() + &key))), vec![(1, 2), (5, 0), (8, 1)]);
}

#[test]
fn answer_key_lines_are_read_in_every_usual_form() {
    for key in [
        vec!["ĐÁP ÁN", "1-C, 2-A, 3-B"],
        vec!["Bảng đáp án:", "1C 2A", "3B"],
        vec!["Đáp án", "Câu 1: C", "Câu 2: A", "Câu 3: B"],
        vec!["Đáp án: 1.C; 2.A; 3.B"],
    ] {
        let body = unanswered() + &key.iter().map(|l| p(l)).collect::<String>();
        let parsed = read(&body);
        assert_eq!(parsed.problems, vec![], "{key:?}");
        assert_eq!(answers(&parsed), vec![(1, 2), (5, 0), (8, 1)], "{key:?}");
    }
}

#[test]
fn answer_key_mismatches_are_reported_per_question() {
    let body = [
        p("Câu 1: Có đáp án riêng khác bảng?"),
        p("A. Một"),
        p("B. Hai"),
        p("Đáp án: A"),
        p("Câu 2: Không có trong bảng?"),
        p("A. Một"),
        p("B. Hai"),
        p("Câu 3: Bảng ghi chữ không có?"),
        p("A. Một"),
        p("B. Hai"),
        p("Câu 4: Đúng với bảng?"),
        p("A. Một"),
        p("B. Hai"),
        p("Đáp án: B"),
        p("BẢNG ĐÁP ÁN"),
        p("1-B, 3-D, 4-B, 9-A"),
    ]
    .concat();
    let parsed = read(&body);
    assert_eq!(
        parsed.problems,
        vec![
            problem(1, "Đáp án ghi ở câu hỏi là A nhưng bảng đáp án cuối tệp ghi B."),
            problem(5, "Chưa có đáp án đúng: bảng đáp án cuối tệp không có câu 2."),
            problem(8, "Đáp án D không có trong các phương án (chỉ có các phương án A–B)."),
            problem(16, "Bảng đáp án có câu 9 nhưng trong tệp không có câu hỏi số 9."),
        ]
    );
    assert_eq!(answers(&parsed), vec![(11, 1)]);
}

#[test]
fn questions_with_the_same_number_cannot_take_a_key_answer() {
    let body = [
        p("Câu 1: Một?"),
        p("A. x"),
        p("B. y"),
        p("Câu 1: Hai?"),
        p("A. x"),
        p("B. y"),
        p("ĐÁP ÁN"),
        p("1-A"),
    ]
    .concat();
    let parsed = read(&body);
    let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![1, 4]);
    assert!(
        parsed.problems[0].message.starts_with("Có 2 câu hỏi cùng số 1"),
        "{}",
        parsed.problems[0].message
    );
}

#[test]
fn a_starred_option_is_the_answer_wherever_the_star_is() {
    for options in
        [["A. Một", "B. Hai", "*C. Ba"], ["A. Một", "B. Hai", "C.* Ba"], ["A. Một", "B. Hai", "C. Ba*"]]
    {
        let body = [p("Câu 1: Hỏi?"), p(options[0]), p(options[1]), p(options[2])].concat();
        let parsed = read(&body);
        assert_eq!(parsed.problems, vec![], "{options:?}");
        assert_questions(&parsed.questions, &[question(1, None, "Hỏi?", &["Một", "Hai", "Ba"], 2)]);
        assert!(layout(&parsed).ends_with("đáp án theo phương án có dấu *"), "{}", layout(&parsed));
    }
}

#[test]
fn stars_that_conflict_are_reported() {
    let body = [
        p("Câu 1: Hai dấu sao?"),
        p("*A. Một"),
        p("*B. Hai"),
        p("Câu 2: Dấu sao khác dòng đáp án?"),
        p("A. Một"),
        p("*B. Hai"),
        p("Đáp án: A"),
    ]
    .concat();
    assert_eq!(
        read(&body).problems,
        vec![
            problem(1, "Có 2 đáp án được đánh dấu đúng (A, B); mỗi câu chỉ có một đáp án đúng."),
            problem(4, "Dòng đáp án ghi A nhưng phương án có dấu * là B."),
        ]
    );
}

const PICTURE: &str = r#"<w:r><w:drawing><wp:inline xmlns:wp="wp"><a:graphic xmlns:a="a"><a:graphicData><pic:pic xmlns:pic="pic"><pic:blipFill><a:blip r:embed="rId5" xmlns:r="r"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#;
const VML_PICTURE: &str =
    r#"<w:r><w:pict><v:shape xmlns:v="v"><v:imagedata r:id="rId6" xmlns:r="r"/></v:shape></w:pict></w:r>"#;
const TEXT_BOX: &str = r#"<w:r><w:drawing><wp:anchor xmlns:wp="wp"><a:graphic xmlns:a="a"><a:graphicData><wps:wsp xmlns:wps="wps"><wps:txbx><w:txbxContent><w:p><w:r><w:t>Ghi chú</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#;

fn with(run: &str, text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r>{run}</w:p>"#)
}

#[test]
fn a_picture_in_a_question_or_option_flags_that_question() {
    let body = [
        // A picture on its own paragraph under the stem.
        p("Câu 1: Biển báo trong hình có ý nghĩa gì?"),
        format!("<w:p>{PICTURE}</w:p>"),
        p("A. Cấm đi ngược chiều"),
        p("B. Cấm dừng xe"),
        p("Đáp án: A"),
        // A VML picture in option B.
        p("Câu 2: Hình nào là quốc huy?"),
        p("A. Không có hình"),
        with(VML_PICTURE, "B. "),
        p("Đáp án: B"),
        // A text box is not a picture, and a question without pictures still imports.
        with(TEXT_BOX, "Câu 3: Câu bình thường?"),
        p("A. Có"),
        p("B. Không"),
        p("Đáp án: A"),
    ]
    .concat();
    let parsed = read(&body);
    let why = |at: &str| {
        format!(
            "Câu hỏi có hình ảnh (ở {at}). Hệ thống chưa nhận được hình ảnh nên câu này chưa nhập được: hãy \
             thay hình bằng lời mô tả rồi tải lên lại, hoặc bỏ câu này khỏi tệp."
        )
    };
    assert_eq!(parsed.problems, vec![problem(1, &why("phần câu hỏi")), problem(6, &why("phương án B"))]);
    assert_questions(&parsed.questions, &[question(10, None, "Câu bình thường?", &["Có", "Không"], 0)]);
    // The rejected questions show where the picture was, for the organizer to replace it.
    assert_eq!(parsed.rejected[0].text, "Biển báo trong hình có ý nghĩa gì? [Hình ảnh]");
    assert_eq!(parsed.rejected[1].options[1], "[Hình ảnh]");
}

#[test]
fn a_picture_in_a_table_row_flags_that_row() {
    let rows = vec![
        HEADER.iter().map(|h| p(h)).collect::<Vec<_>>(),
        vec![
            p("1"),
            p("Hình nào đúng?"),
            p("Một"),
            format!("<w:p>{PICTURE}</w:p>"),
            p("Ba"),
            p("Bốn"),
            p("B"),
        ],
    ];
    let parsed = read(&table(&rows));
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].line, 8);
    assert!(
        parsed.problems[0].message.starts_with("Câu hỏi có hình ảnh (ở phương án B)."),
        "{:?}",
        parsed.problems
    );
    assert!(parsed.questions.is_empty());
}

/// Where the preview says the picture of the one rejected question is, and its options.
fn picture_place(parsed: &Parsed) -> (String, Vec<String>) {
    assert!(parsed.questions.is_empty(), "{:?}", parsed.questions);
    assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
    assert_eq!(parsed.rejected.len(), 1, "{:?}", parsed.rejected);
    let message = &parsed.problems[0].message;
    let place = message
        .strip_prefix("Câu hỏi có hình ảnh (ở ")
        .and_then(|rest| rest.split_once(')'))
        .map_or_else(|| panic!("{message}"), |(place, _)| place.to_string());
    (place, parsed.rejected[0].options.clone())
}

#[test]
fn a_picture_written_straight_into_a_table_cell_is_that_cells() {
    // Word can put a drawing in a cell with no paragraph around it: it was dropped, and the
    // question imported without its picture.
    let two_column = table(&[
        vec![p("Câu 1"), p("Hỏi?")],
        vec![p("A"), p("Một")],
        vec![p("B"), PICTURE.to_string()],
        vec![p("Đáp án"), p("A")],
    ]);
    assert_eq!(
        picture_place(&read(&two_column)),
        ("phương án B".into(), vec!["Một".into(), "[Hình ảnh]".into()])
    );
    let rows = vec![
        HEADER.iter().map(|h| p(h)).collect::<Vec<_>>(),
        vec![p("1"), p("Hỏi?"), p("Một"), PICTURE.to_string(), p("Ba"), String::new(), p("A")],
    ];
    let (place, options) = picture_place(&read(&table(&rows)));
    assert_eq!(place, "phương án B");
    assert_eq!(options, vec!["Một", "[Hình ảnh]", "Ba"]);
}

#[test]
fn a_picture_alone_under_an_option_belongs_to_that_option() {
    // Its own paragraph under option B: it used to start a new question ("[Hình ảnh]").
    let list = [p("Câu 1: Hỏi?"), p("A. Một"), p("B. Hai"), format!("<w:p>{PICTURE}</w:p>"), p("Đáp án: A")];
    assert_eq!(
        picture_place(&read(&list.concat())),
        ("phương án B".into(), vec!["Một".into(), "Hai [Hình ảnh]".into()])
    );
    // A row with an empty label cell under option A, in a two-column table.
    let two_column = table(&[
        vec![p("Câu 1"), p("Hỏi?")],
        vec![p("A"), p("Một")],
        vec![String::new(), format!("<w:p>{PICTURE}</w:p>")],
        vec![p("B"), p("Hai")],
        vec![p("Đáp án"), p("A")],
    ]);
    assert_eq!(
        picture_place(&read(&two_column)),
        ("phương án A".into(), vec!["Một [Hình ảnh]".into(), "Hai".into()])
    );
    // Under the question text it is still the question's.
    let stem = table(&[
        vec![p("Câu 1"), p("Hỏi?")],
        vec![String::new(), format!("<w:p>{PICTURE}</w:p>")],
        vec![p("A"), p("Một")],
        vec![p("B"), p("Hai")],
        vec![p("Đáp án"), p("A")],
    ]);
    assert_eq!(picture_place(&read(&stem)).0, "phần câu hỏi");
}

#[test]
fn a_picture_in_a_column_the_import_does_not_read_still_flags_the_row() {
    // A "Hình" column without a header the import knows: the row imported without its picture.
    let mut header: Vec<String> = HEADER.iter().map(|h| p(h)).collect();
    header.push(p("Hình minh họa"));
    let rows = vec![
        header,
        vec![
            p("1"),
            p("Hỏi?"),
            p("Một"),
            p("Hai"),
            p("Ba"),
            p("Bốn"),
            p("A"),
            format!("<w:p>{PICTURE}</w:p>"),
        ],
    ];
    assert_eq!(picture_place(&read(&table(&rows))).0, "phần câu hỏi");
}

#[test]
fn a_picture_outside_any_question_is_reported_not_dropped() {
    let body = [p("Câu 1: Hỏi?"), p("A. Có"), p("B. Không"), p("Đáp án: A"), format!("<w:p>{PICTURE}</w:p>")]
        .concat();
    let parsed = read(&body);
    assert_eq!(parsed.questions.len(), 1);
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].line, 5);
    assert!(parsed.problems[0].message.starts_with("Đoạn này có hình ảnh"), "{:?}", parsed.problems);
}

#[test]
fn the_list_layout_is_named_and_nothing_recognised_gives_no_layout() {
    let parsed = common::parse_fixture("good.docx");
    assert_eq!(
        layout(&parsed),
        "Đã nhận dạng: danh sách “Câu 1:” với phương án “A.”; đáp án theo dòng “Đáp án:”, phương án in đậm, \
         gạch chân hoặc tô màu"
    );
    let parsed = read(&(p("Biên bản họp") + &p("Nội dung cuộc họp ngày 01/12/2026.")));
    assert_eq!(parsed.layout, None);
    assert!(parsed.questions.is_empty());
    // Other formats have one layout each.
    assert_eq!(bankfile::parse(b"Hoi? {=a ~b}\n", Some("x.gift")).layout, None);
}

#[test]
fn every_word_template_imports_back_cleanly() {
    assert_eq!(bankfile::DOCX_LAYOUTS.len(), 5);
    let mut first = question(
        0,
        Some("Cải cách hành chính"),
        "",
        &["4 nội dung", "5 nội dung", "6 nội dung", "7 nội dung"],
        2,
    );
    first.text =
        "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 có bao nhiêu nội dung?"
            .into();
    first.explanation = Some(
        "Sáu nội dung: thể chế, thủ tục hành chính, bộ máy, chế độ công vụ, tài chính công, chính phủ điện tử - \
         chính phủ số."
            .into(),
    );
    first.legal_source = Some("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ".into());
    first.difficulty = Some(1);
    let mut second = question(
        0,
        Some("Công vụ, công chức"),
        "Cơ quan nào giúp Chính phủ thống nhất quản lý nhà nước về công chức?",
        &["Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Văn phòng Chính phủ"],
        0,
    );
    second.explanation =
        Some("Bộ Nội vụ là cơ quan của Chính phủ quản lý nhà nước về công chức, viên chức.".into());
    second.legal_source = Some("Luật Cán bộ, công chức".into());
    second.difficulty = Some(2);
    for l in bankfile::DOCX_LAYOUTS {
        let bytes = bankfile::template_docx(l.slug).unwrap();
        let parsed = bankfile::parse(&bytes, Some(l.file_name));
        assert_eq!(parsed.format, Some(Format::Docx), "{}", l.slug);
        assert_eq!(parsed.problems, vec![], "{}", l.slug);
        let mut got = parsed.questions.clone();
        for q in &mut got {
            q.line = 0;
        }
        // The key template has no explanation lines in the way of its key.
        assert_questions(&got, &[first.clone(), second.clone()]);
        assert!(parsed.layout.is_some(), "{}", l.slug);
    }
    assert_eq!(bankfile::template_docx("khong-co"), None);
}
