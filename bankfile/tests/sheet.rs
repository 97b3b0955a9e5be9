mod common;

use bankfile::Format;
use common::{assert_questions, parse_fixture, problem, question};

#[test]
fn good_xlsx_with_columns_in_any_order() {
    let parsed = parse_fixture("good.xlsx");
    assert_eq!(parsed.format, Some(Format::Xlsx));
    assert_eq!(parsed.problems, vec![]);
    let mut q1 = question(
        2,
        Some("Công vụ"),
        "Luật Cán bộ, công chức được Quốc hội thông qua năm nào?",
        &["2005", "2008", "2010"],
        1,
    );
    q1.explanation = Some("Thông qua ngày 13/11/2008.".into());
    q1.legal_source = Some("Luật Cán bộ, công chức 2008".into());
    q1.difficulty = Some(3);
    // Row 3 is empty and skipped; line numbers stay the real row numbers.
    let mut q2 = question(
        4,
        Some("Công vụ"),
        "Viên chức làm việc tại đâu?",
        &["Doanh nghiệp", "Cơ quan hành chính", "Đơn vị sự nghiệp công lập"],
        2,
    );
    q2.difficulty = Some(2);
    let q3 = question(5, None, "Ai ký ban hành Nghị định?", &["Thủ tướng Chính phủ", "Chủ tịch nước"], 0);
    assert_questions(&parsed.questions, &[q1, q2, q3]);
}

#[test]
fn missing_answer_column_is_named() {
    let parsed = parse_fixture("broken.xlsx");
    assert!(parsed.questions.is_empty());
    assert_eq!(
        parsed.problems,
        vec![problem(
            1,
            "Thiếu cột: Đáp án. Dòng đầu tiên phải là tiêu đề các cột (Câu hỏi, Phương án A, Phương án B, …, \
             Đáp án); hãy dùng tệp mẫu."
        )]
    );
}

#[test]
fn row_errors_keep_their_row_numbers() {
    let parsed = parse_fixture("errors.xlsx");
    assert_eq!(
        parsed.problems,
        vec![
            problem(2, "Chưa có đáp án đúng."),
            problem(3, "Mức độ \"Rất khó\" không hợp lệ; hãy ghi 1, 2, 3 hoặc Dễ, Trung bình, Khó."),
            problem(4, "Đáp án E không có trong các phương án (chỉ có các phương án A–C)."),
            problem(6, "Câu hỏi chưa có nội dung."),
            problem(7, "Câu hỏi chỉ có 1 phương án; cần từ 2 đến 6 phương án (A–F)."),
            problem(8, "Phương án C chưa có nội dung."),
            problem(9, "Có 2 đáp án được đánh dấu đúng (B, C); mỗi câu chỉ có một đáp án đúng."),
            problem(10, "Đáp án \"Đúng\" không hợp lệ; hãy ghi một chữ cái từ A đến F."),
        ]
    );
    let mut valid = question(5, None, "Câu hợp lệ?", &["Đúng", "Sai"], 0);
    valid.difficulty = Some(1);
    assert_questions(&parsed.questions, &[valid]);
}

#[test]
fn empty_xlsx() {
    let parsed = parse_fixture("empty.xlsx");
    assert_eq!(parsed.format, Some(Format::Xlsx));
    assert_eq!(parsed.problems, vec![problem(0, "Tệp không có câu hỏi nào.")]);
}

#[test]
fn semicolon_csv_with_bom() {
    let parsed = parse_fixture("good.csv");
    assert_eq!(parsed.format, Some(Format::Csv));
    assert_eq!(parsed.problems, vec![]);
    let mut q1 = question(
        2,
        Some("Cải cách hành chính"),
        "Chương trình tổng thể cải cách hành chính giai đoạn 2021-2030 có mấy nội dung?",
        &["4", "5", "6", "7"],
        2,
    );
    q1.explanation = Some("Sáu nội dung; ban hành kèm Nghị quyết 76/NQ-CP.".into());
    q1.legal_source = Some("Nghị quyết số 76/NQ-CP".into());
    q1.difficulty = Some(1);
    let mut q2 = question(
        4,
        Some("Công vụ"),
        "Công chức \"không được\" làm gì?",
        &["Thành lập doanh nghiệp tư nhân", "Tham gia thể dục"],
        0,
    );
    q2.difficulty = Some(2);
    // A quoted cell spanning two lines: the question starts on line 5.
    let mut q3 = question(
        5,
        Some("Công vụ"),
        "Cán bộ được bầu cử theo nhiệm kỳ là ai?",
        &["Chủ tịch UBND xã", "Văn thư", "Kế toán"],
        0,
    );
    q3.difficulty = Some(3);
    assert_questions(&parsed.questions, &[q1, q2, q3]);
}

#[test]
fn comma_csv_without_bom_and_loose_headers() {
    let text = "cau hoi,PHƯƠNG ÁN A,Phuong an B,đáp án\n\"Hỏi, có dấu phẩy?\",Một,Hai, b. \n";
    let parsed = bankfile::parse(text.as_bytes(), Some("x.csv"));
    assert_eq!(parsed.problems, vec![]);
    assert_questions(&parsed.questions, &[question(2, None, "Hỏi, có dấu phẩy?", &["Một", "Hai"], 1)]);
}

#[test]
fn csv_with_wrong_header_names_missing_columns() {
    let parsed = bankfile::parse("Nội dung;A;B\nHỏi?;Một;Hai\n".as_bytes(), Some("x.csv"));
    assert_eq!(parsed.format, Some(Format::Csv));
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.starts_with("Thiếu cột: Đáp án."), "{:?}", parsed.problems);
}

#[test]
fn legacy_code_page_csv_is_explained() {
    // "Câu hỏi" in Windows-1258 is not UTF-8.
    let parsed = bankfile::parse(b"C\xe2u h\xd2i;A\n", Some("x.csv"));
    assert_eq!(parsed.format, None);
    assert!(parsed.problems[0].message.contains("UTF-8"), "{:?}", parsed.problems);
}
