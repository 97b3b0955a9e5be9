mod common;

use bankfile::Format;
use common::{assert_questions, parse_fixture, problem, question};

#[test]
fn good_gift() {
    let parsed = parse_fixture("good.gift");
    assert_eq!(parsed.format, Some(Format::Gift));
    assert_eq!(parsed.problems, vec![]);
    let mut q1 = question(
        4,
        Some("Cải cách hành chính"),
        "Theo Hiến pháp năm 2013, cơ quan nào là cơ quan quyền lực nhà nước cao nhất?",
        &["Chính phủ", "Quốc hội", "Tòa án nhân dân tối cao"],
        1,
    );
    q1.explanation = Some("Điều 69 Hiến pháp năm 2013.".into());
    q1.option_feedback = vec![None, Some("Đúng: Điều 69.".into()), None];
    let mut q2 = question(
        13,
        Some("Cải cách hành chính"),
        "Công chức làm việc theo chế độ nào?",
        &["Hợp đồng lao động", "Biên chế", "Thời vụ"],
        1,
    );
    q2.legal_source = Some("Luật Cán bộ, công chức 2008".into());
    q2.difficulty = Some(2);
    let q3 = question(
        16,
        Some("Chính phủ điện tử"),
        "Ký hiệu {ngoặc} và dấu = trong GIFT viết thế nào: bằng dấu gạch chéo ngược?",
        &["Thêm \\ trước ký tự đặc biệt", "Không viết được"],
        0,
    );
    assert_questions(&parsed.questions, &[q1, q2, q3]);
}

#[test]
fn broken_gift_names_unsupported_kinds() {
    let parsed = parse_fixture("broken.gift");
    assert_eq!(
        parsed.problems,
        vec![
            problem(
                4,
                "Câu hỏi loại đúng/sai chưa được hỗ trợ; chỉ nhận câu trắc nghiệm có đúng một đáp án đúng."
            ),
            problem(6, "Chưa có đáp án đúng."),
            problem(
                8,
                "Câu hỏi loại nhiều lựa chọn có trọng số điểm (%…%) chưa được hỗ trợ; chỉ nhận câu trắc \
                 nghiệm có đúng một đáp án đúng."
            ),
            problem(
                10,
                "Câu hỏi loại trả lời ngắn chưa được hỗ trợ; chỉ nhận câu trắc nghiệm có đúng một đáp án đúng."
            ),
        ]
    );
    assert_questions(
        &parsed.questions,
        &[question(12, Some("Kiểm tra"), "Câu hợp lệ?", &["Có", "Không"], 0)],
    );
}

#[test]
fn gift_two_right_answers() {
    let parsed = bankfile::parse("Hỏi? {=Một =Hai ~Ba}".as_bytes(), Some("x.gift"));
    assert_eq!(
        parsed.problems,
        vec![problem(1, "Có 2 đáp án được đánh dấu đúng (A, B); mỗi câu chỉ có một đáp án đúng.")]
    );
}

#[test]
fn good_aiken() {
    let parsed = parse_fixture("good.aiken.txt");
    assert_eq!(parsed.format, Some(Format::Aiken));
    assert_eq!(parsed.problems, vec![]);
    assert_questions(
        &parsed.questions,
        &[
            question(
                1,
                None,
                "Theo Luật Cán bộ, công chức, công chức được tuyển dụng theo hình thức nào?",
                &["Xét tuyển hoặc thi tuyển", "Chỉ thi tuyển", "Chỉ xét tuyển", "Bổ nhiệm"],
                0,
            ),
            question(
                8,
                None,
                "Viên chức làm việc tại đâu?",
                &["Cơ quan nhà nước", "Đơn vị sự nghiệp công lập"],
                1,
            ),
        ],
    );
}

#[test]
fn broken_aiken() {
    let parsed = parse_fixture("broken.aiken.txt");
    assert!(parsed.questions.is_empty());
    assert_eq!(
        parsed.problems,
        vec![
            problem(1, "Chưa có đáp án đúng."),
            problem(5, "Đáp án D không có trong các phương án (chỉ có các phương án A–B)."),
        ]
    );
}

#[test]
fn unknown_text_is_explained() {
    let parsed = bankfile::parse("Xin chào, đây là một bức thư.".as_bytes(), Some("thu.txt"));
    assert_eq!(parsed.format, None);
    assert_eq!(
        parsed.problems,
        vec![problem(
            0,
            "Không nhận ra định dạng tệp. Hãy dùng Excel (.xlsx), CSV, Word (.docx), GIFT, Aiken hoặc Moodle XML."
        )]
    );
}

#[test]
fn utf16_aiken() {
    let text = "Hỏi?\r\nA. Một\r\nB. Hai\r\nANSWER: B\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let parsed = bankfile::parse(&bytes, None);
    assert_eq!(parsed.format, Some(Format::Aiken));
    assert_questions(&parsed.questions, &[question(1, None, "Hỏi?", &["Một", "Hai"], 1)]);
}
