//! GIFT read the way Moodle reads it (question/format/gift/format.php and the GIFT format
//! documentation), one test per rule; the cases are written here from the documented
//! behaviour, in Vietnamese, not copied from Moodle.

mod common;
#[path = "common/moodle.rs"]
mod moodle;

use bankfile::{Format, ParsedQuestion};
use common::{assert_questions, problem, question};

fn gift(text: &str) -> bankfile::Parsed {
    bankfile::parse(text.as_bytes(), Some("cau-hoi.gift"))
}

/// The one question a text must give, with no problem.
fn one(text: &str) -> ParsedQuestion {
    let parsed = gift(text);
    assert_eq!(parsed.problems, vec![], "{text}");
    assert_eq!(parsed.questions.len(), 1, "{text}");
    parsed.questions[0].clone()
}

fn unsupported(kind: &str) -> String {
    format!("Câu hỏi loại {kind} chưa được hỗ trợ; chỉ nhận câu trắc nghiệm có đúng một đáp án đúng.")
}

#[test]
fn moodle_unit_test_single_choice_question_comes_out_right() {
    // Moodle's test_import_multichoice: feedback after `#`, an `[html]` marker on a feedback
    // and a `[plain]` marker on an answer.
    let q = one("// trắc nghiệm có phản hồi cho phương án đúng và sai\n\
         ::Q2:: Màu nào nằm giữa màu cam và màu lục trong quang phổ?\n\
         {\n    =vàng # đúng; giỏi lắm!\n    ~đỏ # [html]sai, đó là màu vàng\n    \
         ~[plain]lam # sai, đó là màu vàng\n}");
    let mut want =
        question(2, None, "Màu nào nằm giữa màu cam và màu lục trong quang phổ?", &["vàng", "đỏ", "lam"], 0);
    // Each answer keeps its own feedback, its `[html]` marker removed as Moodle does.
    want.option_feedback = vec![
        Some("đúng; giỏi lắm!".into()),
        Some("sai, đó là màu vàng".into()),
        Some("sai, đó là màu vàng".into()),
    ];
    assert_eq!(q, want);
}

#[test]
fn moodle_documentation_examples_import_as_moodle_reads_them() {
    let parsed = common::parse_fixture("moodle_examples.gift");
    assert_eq!(parsed.format, Some(Format::Gift));
    let q = |line, text: &str, options: &[&str], right| question(line, None, text, options, right);
    let mut with_feedback =
        q(51, "Đâu là phương án đúng?", &["phương án sai", "một phương án sai khác", "phương án đúng"], 2);
    with_feedback.option_feedback =
        vec![Some("ghi chú cho phương án sai".into()), Some("ghi chú khác".into()), Some("Rất tốt!".into())];
    let mut escapes = q(
        83,
        "Ký tự nào dưới đây KHÔNG phải ký tự điều khiển của GIFT?",
        &["~", "=", "#", "{", "}", "\\"],
        5,
    );
    let control = |c: &str| Some(format!("{c} là ký tự điều khiển."));
    escapes.option_feedback = vec![
        control("~"),
        control("="),
        control("#"),
        control("{"),
        control("}"),
        Some(
            "Đúng! \\ (gạch chéo ngược) không phải ký tự điều khiển, NHƯNG nó dùng để viết các ký tự \
             điều khiển thành chữ."
                .into(),
        ),
    ];
    let mut kieu = q(94, "Truyện Kiều do _____ sáng tác.", &["Hồ Xuân Hương", "Nguyễn Du", "Nguyễn Trãi"], 1);
    kieu.option_feedback = vec![Some("Không phải.".into()), Some("Đúng!".into()), Some("Không phải.".into())];
    assert_questions(
        &parsed.questions,
        &[
            q(5, "Ai là tác giả Truyện Kiều?", &["Hồ Xuân Hương", "Bà Huyện Thanh Quan", "Nguyễn Du"], 2),
            q(8, "Thủ tục hành chính _____ được công khai.", &["phải", "không cần", "tùy ý"], 0),
            q(
                11,
                "Luật Cán bộ, công chức được Quốc hội thông qua vào năm _____ tại kỳ họp thứ 4.",
                &["2006", "2007", "2008"],
                2,
            ),
            q(
                17,
                "Thủ đô của nước Việt Nam là thành phố nào?",
                &["Thành phố Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "Huế"],
                1,
            ),
            q(
                47,
                "Luật Cán bộ, công chức được thông qua vào năm _____ tại kỳ họp thứ 4.",
                &["2006", "2007", "2008"],
                2,
            ),
            with_feedback,
            q(78, "Phép tính nào cho kết quả 5?", &["= 2 + 2", "= 2 + 3", "= 2 + 4"], 1),
            escapes,
            kieu,
        ],
    );
    let weight = |letter: &str, raw: &str| {
        format!(
            "Phương án {letter} có trọng số điểm {raw}; chỉ nhận câu có một đáp án đúng (= hoặc %100%), \
             các phương án khác là sai (~ hoặc %0%)."
        )
    };
    assert_eq!(
        parsed.problems,
        vec![
            problem(24, &unsupported("trả lời ngắn")),
            problem(27, &unsupported("đúng/sai")),
            problem(29, &unsupported("đúng/sai")),
            problem(32, &unsupported("ghép đôi")),
            problem(39, &unsupported("số")),
            problem(41, &unsupported("số")),
            problem(44, &unsupported("trả lời ngắn")),
            problem(57, &unsupported("trả lời ngắn")),
            problem(62, &weight("B", "%50%")),
            problem(64, &weight("B", "%25%")),
            problem(71, &unsupported("nhiều lựa chọn có trọng số điểm (%…%)")),
        ]
    );
}

#[test]
fn format_markers_on_text_answers_and_feedback_are_removed() {
    let q = one(
        "[moodle]Hỏi? {\n=[plain]Một#[html]<b>đúng</b>\n~[markdown]Hai\n~[html]Ba\n####[plain]Giải thích.\n}",
    );
    assert_eq!((q.text.as_str(), q.options.clone()), ("Hỏi?", vec!["Một".into(), "Hai".into(), "Ba".into()]));
    assert_eq!(q.explanation.as_deref(), Some("Giải thích."));
    // Markers are lowercase, as Moodle reads them; anything else in brackets is text.
    let q = one("[HTML]Hỏi? {=[abc]Một ~Hai}");
    assert_eq!((q.text.as_str(), q.options[0].as_str()), ("[HTML]Hỏi?", "[abc]Một"));
    // Only one marker is removed.
    assert_eq!(one("[plain][html]Hỏi? {=a ~b}").text, "[html]Hỏi?");
}

#[test]
fn html_text_is_stored_as_plain_text_with_entities_decoded() {
    // Moodle escapes the `#` of `&#…;` entities (`&\#7883;`), or it would start a feedback.
    let q = one(
        "[html]<p>Theo Th&ocirc;ng t&\\#432; <b>s&\\#7889;</b>&nbsp;01/2011,</p><p>vi&\\#7871;t t&\\#7855;t \
         th&\\#7871; n&agrave;o?</p> {\n=<i>Ch&\\#7919;</i> &amp; s&\\#7889;\n~&lt;b&gt; l&agrave; th&\\#7867;\n\
         ~C&acirc;u&nbsp;tr&\\#7843; l&\\#7901;i &ograve;\n####<p>Đi&\\#7873;u 8.</p>\n}",
    );
    assert_eq!(q.text, "Theo Thông tư số 01/2011, viết tắt thế nào?");
    assert_eq!(q.options, ["Chữ & số", "<b> là thẻ", "Câu trả lời ò"]);
    assert_eq!(q.explanation.as_deref(), Some("Điều 8."));
}

#[test]
fn answers_and_feedback_inherit_the_question_format() {
    // Under [html] an option without a marker is HTML too; a [plain] option stays as written.
    let q = one("[html]Hỏi? {=<b>M&ocirc;t</b> ~[plain]<b>Hai</b> &amp;}");
    assert_eq!(q.options, ["Môt", "<b>Hai</b> &amp;"]);
}

#[test]
fn pictures_in_html_questions_are_flagged_not_dropped() {
    let parsed = gift("[html]Biển báo <img src=\"@@PLUGINFILE@@/bien.png\"> có ý nghĩa gì? {=Cấm đi ngược chiều ~Cấm đỗ xe}");
    assert_eq!(parsed.questions, vec![]);
    assert_eq!(parsed.problems.len(), 1);
    assert!(
        parsed.problems[0].message.starts_with("Câu hỏi có hình ảnh (ở phần câu hỏi)."),
        "{:?}",
        parsed.problems
    );
    assert_eq!(parsed.rejected[0].text, "Biển báo có ý nghĩa gì?");
}

#[test]
fn arrow_inside_a_multiple_choice_answer_is_text() {
    let q = one("Quy trình nào đúng? {=Tiếp nhận -> thẩm định -> trả kết quả ~Trả kết quả -> tiếp nhận}");
    assert_eq!(q.options, ["Tiếp nhận -> thẩm định -> trả kết quả", "Trả kết quả -> tiếp nhận"]);
}

#[test]
fn comment_lines_inside_the_answer_block_are_skipped() {
    let q = one("Hỏi? {\n  =Đúng\n  // ghi chú của người soạn\n  ~Sai\n// ghi chú nữa\n}");
    assert_eq!(q.options, ["Đúng", "Sai"]);
    // A `//` inside a line is text (a web address).
    assert_eq!(
        one("Trang nào? {=https://dichvucong.gov.vn ~Không có}").options[0],
        "https://dichvucong.gov.vn"
    );
}

#[test]
fn missing_word_question_keeps_the_sentence_with_a_blank() {
    assert_eq!(
        one("Thủ tục hành chính {=phải ~không cần} được công khai.").text,
        "Thủ tục hành chính _____ được công khai."
    );
    // Before the closing punctuation: no space is added.
    assert_eq!(
        one("Người đứng đầu Chính phủ là {=Thủ tướng ~Chủ tịch nước}.").text,
        "Người đứng đầu Chính phủ là _____."
    );
    assert_eq!(one("{=Quốc hội ~Chính phủ} là cơ quan lập pháp.").text, "_____ là cơ quan lập pháp.");
    // Text on the line after a block that ends a line continues the sentence.
    let q = one("Thủ tục hành chính {=phải ~không cần}\nđược công khai.");
    assert_eq!(q.text, "Thủ tục hành chính _____ được công khai.");
}

#[test]
fn questions_without_blank_lines_between_them_are_still_split() {
    let parsed = gift("Hỏi một? {=a ~b}\nHỏi hai\ntrên hai dòng? {=c ~d}\n::T::Hỏi ba? {~e =f}\n");
    assert_eq!(parsed.problems, vec![]);
    let got: Vec<(usize, &str)> = parsed.questions.iter().map(|q| (q.line, q.text.as_str())).collect();
    assert_eq!(got, [(1, "Hỏi một?"), (2, "Hỏi hai trên hai dòng?"), (4, "Hỏi ba?")]);
}

#[test]
fn backslash_before_an_ordinary_character_is_kept() {
    let q = one("Tỉ lệ 1\\2 và đường dẫn C:\\tai-lieu? {=1\\2 ~\\\\ ~a\\b}");
    assert_eq!(q.text, "Tỉ lệ 1\\2 và đường dẫn C:\\tai-lieu?");
    assert_eq!(q.options, ["1\\2", "\\", "a\\b"]);
    // `\n` is a line break (a space once stored), `\\n` a backslash and an n.
    assert_eq!(one("Một\\nhai \\\\n? {=a ~b}").text, "Một hai \\n?");
}

#[test]
fn escaped_colon_in_a_title_is_part_of_the_title() {
    let q = one("::Điều 5\\: quyền và nghĩa vụ\\:::Công dân có quyền gì? {=Khiếu nại ~Không có}");
    assert_eq!(q.text, "Công dân có quyền gì?");
    let q = one("::Điều 5\\:\\: x::Hỏi\\: có không? {=Có ~Không}");
    assert_eq!(q.text, "Hỏi: có không?");
}

#[test]
fn old_mac_line_endings_are_lines() {
    let text = "// chú thích\r$CATEGORY: Văn thư\r\rHỏi một? {\r=a\r~b\r}\r\rHỏi hai? {=c ~d}\r";
    let parsed = bankfile::parse(text.as_bytes(), Some("cau-hoi.txt"));
    assert_eq!(parsed.format, Some(Format::Gift));
    assert_eq!(parsed.problems, vec![]);
    assert_questions(
        &parsed.questions,
        &[
            question(4, Some("Văn thư"), "Hỏi một?", &["a", "b"], 0),
            question(9, Some("Văn thư"), "Hỏi hai?", &["c", "d"], 0),
        ],
    );
}

#[test]
fn other_question_types_are_named() {
    for (block, kind) in [
        ("{=Hà Nội =Thủ đô Hà Nội}", "trả lời ngắn"),
        ("{=%50%Hà Nội#gần đúng =Thủ đô}", "trả lời ngắn"),
        ("{T}", "đúng/sai"),
        ("{TRUE#Sai rồi.#Đúng.}", "đúng/sai"),
        ("{F####Giải thích chung}", "đúng/sai"),
        ("{}", "tự luận"),
        ("{####Gợi ý chấm}", "tự luận"),
        ("{#1822:5}", "số"),
        ("{=Quốc hội -> lập pháp =Chính phủ -> hành pháp}", "ghép đôi"),
    ] {
        let parsed = gift(&format!("Hỏi? {block}"));
        assert_eq!(parsed.problems, vec![problem(1, &unsupported(kind))], "{block}");
    }
    let parsed = gift("Đoạn giới thiệu không có đáp án.");
    assert_eq!(parsed.problems, vec![problem(1, "Câu hỏi không có phần đáp án trong dấu { }.")]);
}

#[test]
fn weights_one_full_answer_is_the_right_one() {
    // `~%100%` is right, `~%0%` wrong; an `=` answer takes no weight in Moodle's multiple
    // choice, so `=%50%…` is text.
    let q = one("Hỏi? {~%100%Một ~%0%Hai ~Ba}");
    assert_eq!(
        (q.options.clone(), q.correct.clone()),
        (vec!["Một".into(), "Hai".into(), "Ba".into()], vec![0])
    );
    assert_eq!(one("Hỏi? {=%50% số phiếu ~Một nửa}").options[0], "%50% số phiếu");
    // A % that is not a Moodle weight is text too.
    assert_eq!(one("Hỏi? {=Một ~%abc%Hai}").options[1], "%abc%Hai");
    let parsed = gift("Hỏi? {=Một ~%-50%Hai}");
    assert_eq!(
        parsed.problems,
        vec![problem(
            1,
            "Phương án B có trọng số điểm %-50%; chỉ nhận câu có một đáp án đúng (= hoặc %100%), \
             các phương án khác là sai (~ hoặc %0%)."
        )]
    );
}

#[test]
fn text_before_the_first_answer_mark_is_an_answer_as_in_moodle() {
    let q = one("Hỏi? {Một ~Hai =Ba}");
    assert_eq!(
        (q.options.clone(), q.correct.clone()),
        (vec!["Một".into(), "Hai".into(), "Ba".into()], vec![2])
    );
}

#[test]
fn broken_blocks_cost_one_question_with_its_line() {
    let parsed = gift("Hỏi một? {=a ~b\n\nHỏi hai? {=c ~d}\n\nHỏi ba? {=e ~f} và {=g ~h}\n\nHỏi bốn? } {\n");
    assert_eq!(
        parsed.problems,
        vec![
            problem(1, "Thiếu dấu } đóng phần đáp án của câu hỏi."),
            problem(
                5,
                "Câu hỏi có nhiều hơn một cặp dấu { }; mỗi câu chỉ có một phần đáp án. Dấu { hoặc } là \
                 chữ trong nội dung phải viết là \\{ hoặc \\}."
            ),
            problem(7, "Thiếu dấu { mở phần đáp án của câu hỏi (có dấu } mà không có dấu { trước nó)."),
        ]
    );
    assert_questions(&parsed.questions, &[question(3, None, "Hỏi hai?", &["c", "d"], 0)]);
}

#[test]
fn moodle_export_with_categories_and_comments_imports_unchanged() {
    // What Moodle writes: a comment per question, a category switch, [html] text with
    // escaped characters, per-answer feedback and general feedback.
    let text = "// question: 0  name: Switch category to $course$/top/Mặc định cho Tin học/Cải cách hành chính\n\
         // [id:cchc]\n\
         $CATEGORY: $course$/top/Mặc định cho Tin học/Cải cách hành chính\n\n\
         // question: 12  name: Câu 1\n\
         // [tag:luat]\n\
         ::Câu 1::[html]<p dir\\=\"ltr\" style\\=\"text-align\\: left;\">Ngh&\\#7883; quy&\\#7871;t 76/NQ-CP c&oacute; m&\\#7845;y n&\\#7897;i dung?</p>{\n\
         \t~<p>4</p>\n\t=<p>6</p>#<p>&\\#272;&uacute;ng</p>\n\t~<p>7</p>\n\t####<p>S&aacute;u n&\\#7897;i dung.</p>\n}\n\n";
    let parsed = gift(text);
    assert_eq!(parsed.problems, vec![]);
    let mut want =
        question(7, Some("Cải cách hành chính"), "Nghị quyết 76/NQ-CP có mấy nội dung?", &["4", "6", "7"], 1);
    want.explanation = Some("Sáu nội dung.".into());
    want.option_feedback = vec![None, Some("Đúng".into()), None];
    assert_questions(&parsed.questions, &[want]);
}

// Export ------------------------------------------------------------------------------------

fn bank() -> Vec<bankfile::ExportQuestion> {
    let q = |topic: &str, text: &str, options: &[&str], right: usize| bankfile::ExportQuestion {
        topic: topic.into(),
        text: text.into(),
        options: options.iter().map(|o| o.to_string()).collect(),
        correct: vec![right],
        explanation: None,
        option_feedback: Vec::new(),
        legal_source: None,
        difficulty: 0,
    };
    let mut first = q("Văn thư / lưu trữ", "Dấu <b> và &amp; trong văn bản?", &["<b>", "&amp;", "Không"], 2);
    first.explanation = Some("[html] không phải định dạng ở đây; 50% = một nửa.".into());
    first.legal_source = Some("Nghị định 30/2020/NĐ-CP".into());
    first.difficulty = 3;
    vec![
        first,
        q("", "Câu không có chủ đề?", &["%50% số phiếu", "%100%", "[plain] chữ"], 0),
        q("Văn thư / lưu trữ", "::Tiêu đề:: {ngoặc} = ~ # \\ 1\\2?", &["a -> b", "=c", "~d", "#e"], 1),
        q("", "Câu thứ hai không có chủ đề?", &["Một", "Hai"], 1),
        q("Cải cách", "Câu cuối?", &["Một", "Hai"], 0),
    ]
}

#[test]
fn export_writes_questions_without_topic_before_any_category() {
    let text = bankfile::export_gift(&bank());
    let first_category = text.find("$CATEGORY:").unwrap_or(text.len());
    for question in ["Câu không có chủ đề?", "Câu thứ hai không có chủ đề?"] {
        let at = text.find(question).unwrap_or(usize::MAX);
        assert!(at < first_category, "{question} after a $CATEGORY line:\n{text}");
    }
    let parsed = gift(&text);
    let topics: Vec<Option<&str>> = parsed.questions.iter().map(|q| q.topic.as_deref()).collect();
    assert_eq!(topics, [None, None, Some("Văn thư / lưu trữ"), Some("Văn thư / lưu trữ"), Some("Cải cách")]);
}

#[test]
fn export_marks_every_question_plain_and_guards_weights_and_markers() {
    let text = bankfile::export_gift(&bank());
    for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with(['/', '$', '\t', '}'])) {
        assert!(line.starts_with("[plain]"), "{line}");
    }
    assert!(text.contains("\t=[plain]%50% số phiếu\n"), "{text}");
    assert!(text.contains("\t~[plain]%100%\n"), "{text}");
    assert!(text.contains("\t~[plain][plain] chữ\n"), "{text}");
    assert!(text.contains("\t####[plain][html] không phải"), "{text}");
}

/// Category names, text, (answer, fraction)s and general feedback of one question.
type Shown = (Option<Vec<String>>, String, Vec<(String, f64, String)>, String);

/// A bank as Moodle shows it: every text plain (so shown as written), category, answers and
/// which one is right.
fn as_moodle_shows(bank: &[bankfile::ExportQuestion]) -> Vec<Shown> {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let without = bank.iter().filter(|q| clean(&q.topic).is_empty());
    let with = bank.iter().filter(|q| !clean(&q.topic).is_empty());
    let mut category: Option<Vec<String>> = None;
    without
        .chain(with)
        .map(|q| {
            if !clean(&q.topic).is_empty() {
                category = Some(vec![clean(&q.topic)]);
            }
            (
                category.clone(),
                clean(&q.text),
                q.options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let feedback = q.option_feedback.get(i).cloned().flatten();
                        let feedback = feedback.as_deref().map(clean).unwrap_or_default();
                        (clean(o), if q.correct.contains(&i) { 1.0 } else { 0.0 }, feedback)
                    })
                    .collect(),
                q.explanation.as_deref().map(clean).unwrap_or_default(),
            )
        })
        .collect()
}

fn moodle_reads(text: &str) -> Vec<Shown> {
    moodle::gift(text)
        .into_iter()
        .map(|q| {
            assert_eq!(q.qtype, "multichoice", "{q:?}");
            assert!(q.single, "{q:?}");
            assert_eq!(q.format, moodle::TextFormat::Plain, "{q:?}");
            assert_eq!(q.general_feedback_format, moodle::TextFormat::Plain, "{q:?}");
            for a in &q.answers {
                assert_eq!(a.format, moodle::TextFormat::Plain, "{q:?}");
            }
            (
                q.category,
                q.text,
                q.answers.into_iter().map(|a| (a.text, a.fraction, a.feedback)).collect(),
                q.general_feedback,
            )
        })
        .collect()
}

#[test]
fn export_imports_into_moodle_unchanged() {
    let bank = bank();
    let text = bankfile::export_gift(&bank);
    assert_eq!(moodle_reads(&text), as_moodle_shows(&bank), "{text}");
}

#[test]
fn moodle_model_reads_moodle_documented_cases() {
    // The model of Moodle's reader used above, checked on cases Moodle documents.
    let qs =
        moodle::gift("::T::Grant {~a =b ~%50%c#fb} x.\n\n$CATEGORY: $course$/top/A//B/C\n\n[html]Q{=x ~y}");
    assert_eq!(qs[0].text, "Grant _____ x.");
    assert_eq!(qs[0].answers[2].fraction, 0.5);
    assert_eq!(qs[0].answers[2].feedback, "fb");
    assert_eq!(qs[1].category, Some(vec!["$course$".into(), "top".into(), "A/B".into(), "C".into()]));
    assert_eq!(qs[1].format, moodle::TextFormat::Html);
}

/// Random banks whose fields start like GIFT syntax, markers, weights, HTML and comments.
fn random_bank(rng: &mut rand::rngs::StdRng) -> Vec<bankfile::ExportQuestion> {
    use rand::{seq::SliceRandom, Rng};
    let field = |rng: &mut rand::rngs::StdRng| {
        let start = [
            "",
            "[html]",
            "[plain]",
            "[HTML]",
            "%50%",
            "%100%",
            "%-5%",
            "<b>",
            "&amp; ",
            "::",
            "//",
            "\\",
            "\\n",
            "~",
            "=",
            "#",
            "####",
            "{",
            "}",
            "1\\2 ",
            "a -> b ",
            "$CATEGORY: ",
            "C. ",
            "_____ ",
        ]
        .choose(rng)
        .map_or("", |s| s);
        let words =
            ["Một", "hai; ba", "Nghị định 30/2020", "<i>x</i>", "50% = nửa", "{a}", "x::y", "T", "TRUE"];
        format!("{start}{}", words.choose(rng).map_or("", |s| s))
    };
    (0..rng.gen_range(1..7))
        .map(|_| {
            let options: Vec<String> = (0..rng.gen_range(2..=6)).map(|_| field(rng)).collect();
            let option_feedback = if rng.gen_bool(0.5) {
                options.iter().map(|_| rng.gen_bool(0.5).then(|| field(rng))).collect()
            } else {
                Vec::new()
            };
            bankfile::ExportQuestion {
                topic: ["", "", "Văn thư", "Văn thư / lưu trữ", "Cải cách hành chính"]
                    .choose(rng)
                    .map_or("", |s| s)
                    .into(),
                text: field(rng),
                correct: vec![rng.gen_range(0..options.len())],
                options,
                explanation: rng.gen_bool(0.5).then(|| field(rng)),
                option_feedback,
                legal_source: rng.gen_bool(0.5).then(|| field(rng)),
                difficulty: rng.gen_range(0..=3),
            }
        })
        .collect()
}

#[test]
fn any_bank_exported_to_gift_reads_back_the_same_here_and_in_moodle() {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    for _ in 0..200 {
        let bank = random_bank(&mut rng);
        let text = bankfile::export_gift(&bank);
        assert_eq!(moodle_reads(&text), as_moodle_shows(&bank), "{text}");
        let parsed = gift(&text);
        assert_eq!(parsed.problems, vec![], "{text}");
        // Questions without a topic come first (see the export); the rest keep their order.
        let ordered =
            bank.iter().filter(|q| q.topic.is_empty()).chain(bank.iter().filter(|q| !q.topic.is_empty()));
        let want: Vec<ParsedQuestion> = ordered
            .map(|q| ParsedQuestion {
                line: 0,
                topic: (!q.topic.is_empty()).then(|| q.topic.clone()),
                text: q.text.clone(),
                options: q.options.clone(),
                correct: q.correct.clone(),
                explanation: q.explanation.clone(),
                option_feedback: parsed_feedback(&q.option_feedback),
                legal_source: q.legal_source.clone(),
                difficulty: (q.difficulty > 0).then_some(q.difficulty),
            })
            .collect();
        let got: Vec<ParsedQuestion> =
            parsed.questions.into_iter().map(|q| ParsedQuestion { line: 0, ..q }).collect();
        assert_eq!(got, want, "{text}");
    }
}

/// Feedback as our importer gives it back: one per option, or none when no option has any.
fn parsed_feedback(feedback: &[Option<String>]) -> Vec<Option<String>> {
    if feedback.iter().all(Option::is_none) {
        Vec::new()
    } else {
        feedback.to_vec()
    }
}
