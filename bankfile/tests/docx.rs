mod common;

use bankfile::Format;
use common::{assert_questions, parse_fixture, problem, question};

fn good_questions() -> Vec<bankfile::ParsedQuestion> {
    let thể_chế = Some("Cải cách thể chế");
    let công_vụ = Some("Công vụ, công chức");
    let điện_tử = Some("CHÍNH PHỦ ĐIỆN TỬ");
    let mut q1 = question(
        3,
        thể_chế,
        "Theo Hiến pháp năm 2013, cơ quan nào là cơ quan quyền lực nhà nước cao nhất?",
        &["Chính phủ", "Quốc hội", "Tòa án nhân dân tối cao", "Chủ tịch nước"],
        1,
    );
    q1.explanation = Some("Điều 69 Hiến pháp năm 2013.".into());
    q1.legal_source = Some("Hiến pháp năm 2013".into());
    vec![
        q1,
        // Bold option; the stem had a non-breaking space and a double space.
        question(11, thể_chế, "Nhiệm kỳ của Quốc hội là bao nhiêu năm?", &["4 năm", "5 năm", "6 năm"], 1),
        // Underlined option text, lowercase letters.
        question(
            15,
            thể_chế,
            "Văn bản nào quy định về xử lý vi phạm hành chính?",
            &["Luật Xử lý vi phạm hành chính", "Luật Tố tụng hành chính", "Bộ luật Hình sự"],
            0,
        ),
        // NFD text, stem continued on the next paragraph, only the letter in red.
        question(
            20,
            công_vụ,
            "Công chức được hiểu theo quy định của luật nào?",
            &["Luật Viên chức", "Luật Cán bộ, công chức", "Luật Tổ chức Chính phủ"],
            1,
        ),
        question(
            25,
            công_vụ,
            "Cơ quan nào giúp Chính phủ thống nhất quản lý nhà nước về công chức?",
            &["Bộ Tư pháp", "Bộ Tài chính", "Bộ Nội vụ", "Văn phòng Chính phủ"],
            2,
        ),
        // Two options per line, separated by tabs.
        question(
            32,
            điện_tử,
            "Cổng Dịch vụ công quốc gia có địa chỉ nào?",
            &["dichvucong.gov.vn", "congdichvu.vn", "dvc.vn", "chinhphu.vn"],
            0,
        ),
        // Highlighted option.
        question(
            36,
            điện_tử,
            "Dịch vụ công trực tuyến ở mức cao nhất hiện nay được gọi là gì?",
            &[
                "Dịch vụ công trực tuyến một phần",
                "Dịch vụ công trực tuyến toàn trình",
                "Dịch vụ công mức độ 2",
            ],
            1,
        ),
        // Everything bold; the red option is the answer.
        question(
            40,
            điện_tử,
            "Thời hạn giải quyết thủ tục hành chính được tính theo ngày nào?",
            &["Ngày lễ", "Ngày nghỉ", "Ngày làm việc", "Ngày dương lịch"],
            2,
        ),
    ]
}

#[test]
fn good_docx() {
    let parsed = parse_fixture("good.docx");
    assert_eq!(parsed.format, Some(Format::Docx));
    assert_eq!(parsed.problems, vec![]);
    assert_questions(&parsed.questions, &good_questions());
}

#[test]
fn docx_renamed_to_txt_is_still_read_as_word() {
    let parsed = parse_fixture("renamed.txt");
    assert_eq!(parsed.format, Some(Format::Docx));
    assert_questions(&parsed.questions, &good_questions());
}

#[test]
fn broken_docx_reports_each_question() {
    let parsed = parse_fixture("broken.docx");
    assert_eq!(
        parsed.problems,
        vec![
            problem(1, "Chưa có đáp án đúng."),
            problem(4, "Có 2 đáp án được đánh dấu đúng (B, C); mỗi câu chỉ có một đáp án đúng."),
            problem(8, "Câu hỏi chỉ có 1 phương án; cần từ 2 đến 6 phương án (A–F)."),
            problem(11, "Đáp án E không có trong các phương án (chỉ có các phương án A–D)."),
            problem(
                17,
                "Dòng đáp án ghi B nhưng phương án được đánh dấu (in đậm, gạch chân hoặc tô màu) là A.",
            ),
        ]
    );
    assert_questions(
        &parsed.questions,
        &[question(21, None, "Câu hợp lệ vẫn được nhận?", &["Đúng", "Sai"], 0)],
    );
}

#[test]
fn empty_docx() {
    let parsed = parse_fixture("empty.docx");
    assert_eq!(parsed.format, Some(Format::Docx));
    assert!(parsed.questions.is_empty());
    assert_eq!(parsed.problems, vec![problem(0, "Tệp không có câu hỏi nào.")]);
}

#[test]
fn xlsx_named_docx_is_refused() {
    let parsed = parse_fixture("not_docx.docx");
    assert_eq!(parsed.format, None);
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].line, 0);
    assert!(
        parsed.problems[0].message.starts_with("Tệp có đuôi .docx nhưng nội dung không phải tài liệu Word."),
        "{}",
        parsed.problems[0].message
    );
    // Without the misleading name the same bytes are a perfectly good spreadsheet.
    let by_content = bankfile::parse(&common::fixture("not_docx.docx"), None);
    assert_eq!(by_content.format, Some(Format::Xlsx));
    assert_eq!(by_content.questions.len(), 3);
}

#[test]
fn legacy_doc_asks_for_docx() {
    let parsed = parse_fixture("legacy.doc");
    assert_eq!(parsed.format, None);
    assert_eq!(
        parsed.problems,
        vec![problem(
            0,
            "Tệp Word 97-2003 (.doc) chưa được hỗ trợ. Hãy mở tệp trong Word, chọn Lưu thành và lưu dưới \
             dạng Tài liệu Word (.docx) rồi tải lên lại."
        )]
    );
}

#[test]
fn text_named_docx_is_refused() {
    let parsed = bankfile::parse("Câu 1: x?\nA. a\nB. b\nANSWER: A\n".as_bytes(), Some("de-thi.docx"));
    assert_eq!(
        parsed.problems,
        vec![problem(0, "Tệp có đuôi .docx nhưng nội dung không phải tài liệu Word.")]
    );
}

#[test]
fn questions_with_problems_come_back_as_read_for_fixing() {
    let parsed = common::parse_fixture("broken.docx");
    assert!(!parsed.rejected.is_empty());
    for q in &parsed.rejected {
        assert!(parsed.problems.iter().any(|p| p.line == q.line), "line {} has its problem", q.line);
        assert!(!parsed.questions.iter().any(|v| v.line == q.line), "not also among the valid ones");
    }
    // The question without an answer keeps its text and options, so only the answer is left to pick.
    assert!(parsed
        .rejected
        .iter()
        .any(|q| q.correct.is_empty() && q.options.len() >= 2 && !q.text.is_empty()));
}
