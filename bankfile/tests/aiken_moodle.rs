//! Aiken read the way Moodle reads it (question/format/aiken/format.php), and written so that
//! Moodle reads our export back unchanged; cases written here from the documented behaviour.

mod common;
#[path = "common/moodle.rs"]
mod moodle;

use bankfile::{ExportQuestion, Format};
use common::{assert_questions, problem, question};
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};

fn aiken(text: &str) -> bankfile::Parsed {
    bankfile::parse(text.as_bytes(), Some("cau-hoi.aiken"))
}

#[test]
fn option_without_a_space_after_its_letter_is_an_option() {
    let parsed =
        aiken("Câu hỏi thứ hai?\nA)Sai (không có dấu cách)\nB)Đúng (không có dấu cách)\nANSWER: B\n");
    assert_eq!(parsed.problems, vec![]);
    assert_questions(
        &parsed.questions,
        &[question(1, None, "Câu hỏi thứ hai?", &["Sai (không có dấu cách)", "Đúng (không có dấu cách)"], 1)],
    );
}

#[test]
fn old_mac_line_endings_are_lines() {
    let parsed = aiken("Hỏi một?\rA. Có\rB. Không\rANSWER: A\r\rHỏi hai?\rA. Có\rB. Không\rANSWER: B\r");
    assert_eq!(parsed.format, Some(Format::Aiken));
    assert_eq!(parsed.problems, vec![]);
    assert_questions(
        &parsed.questions,
        &[
            question(1, None, "Hỏi một?", &["Có", "Không"], 0),
            question(6, None, "Hỏi hai?", &["Có", "Không"], 1),
        ],
    );
}

#[test]
fn html_characters_are_text() {
    let q = &aiken("Ký tự > < & trong câu hỏi?\nA) Đúng (< > &)\nB) Sai (< > &)\nANSWER: A\n").questions[0];
    assert_eq!((q.text.as_str(), q.options[0].as_str()), ("Ký tự > < & trong câu hỏi?", "Đúng (< > &)"));
}

#[test]
fn moodle_error_cases_report_each_question_with_its_line() {
    // The cases of Moodle's aiken_errors fixture, written again: too few options, options and
    // answer without a question, a question never finished, then good ones.
    let parsed = aiken(
        "Câu hỏi chỉ có một phương án\nA) Phương án duy nhất\nANSWER: A\n\n\
         A) Chưa có câu hỏi\n\nANSWER: Chưa có câu hỏi\n\n\
         Câu hỏi tốt\nA) Đúng\nB) Sai\nANSWER: A\n\n\
         Câu hỏi bắt đầu mà chưa xong\nA) Gần đúng\nB) Gần sai\n\n\
         Câu hỏi tốt thứ hai\nA)Sai\nB)Đúng\nANSWER: B",
    );
    assert_questions(
        &parsed.questions,
        &[
            question(9, None, "Câu hỏi tốt", &["Đúng", "Sai"], 0),
            question(18, None, "Câu hỏi tốt thứ hai", &["Sai", "Đúng"], 1),
        ],
    );
    let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [1, 5, 5, 14], "{:?}", parsed.problems);
    assert_eq!(parsed.problems[0], problem(1, "Câu hỏi chỉ có 1 phương án; cần từ 2 đến 6 phương án (A–F)."));
    assert_eq!(parsed.problems[3], problem(14, "Chưa có đáp án đúng."));
}

fn q(text: &str, options: &[&str], right: usize) -> ExportQuestion {
    ExportQuestion {
        topic: String::new(),
        text: text.into(),
        options: options.iter().map(|o| o.to_string()).collect(),
        correct: vec![right],
        explanation: None,
        option_feedback: Vec::new(),
        legal_source: None,
        difficulty: 0,
    }
}

fn moodle_shows(text: &str) -> Vec<(String, Vec<String>, usize)> {
    moodle::aiken(text)
        .into_iter()
        .map(|(t, options, right)| {
            // Our guard is one invisible character before the text, nothing else.
            let shown = t.strip_prefix('\u{200B}').unwrap_or(&t).to_string();
            (shown, options, right)
        })
        .collect()
}

#[test]
fn question_text_that_looks_like_an_option_is_read_as_the_question() {
    let bank = vec![
        q("C. Mác sinh năm nào?", &["1818", "1820"], 0),
        q("C.Mác và Ph.Ăng-ghen viết tác phẩm nào?", &["Tuyên ngôn của Đảng Cộng sản", "Tư bản"], 0),
        q("ANSWER: là gì?", &["Đáp án", "Câu hỏi"], 1),
        q("X", &["Một", "Hai"], 1),
    ];
    let text = bankfile::export_aiken(&bank);
    let want: Vec<(String, Vec<String>, usize)> =
        bank.iter().map(|q| (q.text.clone(), q.options.clone(), q.correct[0])).collect();
    assert_eq!(moodle_shows(&text), want, "{text}");
    let parsed = aiken(&text);
    assert_eq!(parsed.problems, vec![]);
    let got: Vec<(String, Vec<String>, usize)> =
        parsed.questions.iter().map(|q| (q.text.clone(), q.options.clone(), q.correct[0])).collect();
    assert_eq!(got, want);
}

/// Random banks whose texts start like options, answers, markers, HTML and GIFT syntax.
fn random_bank(rng: &mut StdRng) -> Vec<ExportQuestion> {
    let field = |rng: &mut StdRng| {
        let start = [
            "", "C. ", "A)", "ANSWER: ", "Answer ", "[html]", "%50%", "<b>", "&amp; ", "::", "//", "\\", "~",
            "=", "#", "{", "}", "1\\2 ", "a -> b ", "X",
        ]
        .choose(rng)
        .map_or("", |s| s);
        let words = ["Một", "hai; ba", "Nghị định 30/2020", "<i>x</i>", "50% = nửa", "C. Mác", "}", "{a}"];
        format!("{start}{}", words.choose(rng).map_or("", |s| s))
    };
    (0..rng.gen_range(1..6))
        .map(|_| {
            let options: Vec<String> = (0..rng.gen_range(2..=6)).map(|_| field(rng)).collect();
            ExportQuestion {
                topic: String::new(),
                text: field(rng),
                correct: vec![rng.gen_range(0..options.len())],
                options,
                explanation: None,
                option_feedback: Vec::new(),
                legal_source: None,
                difficulty: 0,
            }
        })
        .collect()
}

#[test]
fn any_bank_exported_to_aiken_reads_back_the_same_here_and_in_moodle() {
    let mut rng = StdRng::seed_from_u64(13);
    for _ in 0..200 {
        let bank = random_bank(&mut rng);
        let text = bankfile::export_aiken(&bank);
        let want: Vec<(String, Vec<String>, usize)> =
            bank.iter().map(|q| (q.text.clone(), q.options.clone(), q.correct[0])).collect();
        assert_eq!(moodle_shows(&text), want, "{text}");
        let parsed = aiken(&text);
        assert_eq!(parsed.problems, vec![], "{text}");
        let got: Vec<(String, Vec<String>, usize)> =
            parsed.questions.iter().map(|q| (q.text.clone(), q.options.clone(), q.correct[0])).collect();
        assert_eq!(got, want, "{text}");
    }
}
