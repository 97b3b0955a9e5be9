//! Writing Moodle XML as Moodle's own exporter writes it (question/format/xml/format.php,
//! `writequestion`), so that Moodle's importer takes every question as it is:
//! - a `<question type="category">` with the path `$course$/top/<topic>` whenever the topic
//!   changes ("/" in a name doubled, as Moodle's `assemble_category_path` does);
//! - `multichoice` with `<single>true</single>`, one answer at `fraction="100"` and the others
//!   at 0 (Moodle's rule for single-answer questions: the best answer is worth 100 %), and
//!   options in our order (`shuffleanswers` false, numbered A, B, C…), since Vietnamese banks
//!   have options like "Cả A và B đều đúng";
//! - every text as `format="html"` with `&`, `<`, `>` escaped, in CDATA when needed, so that
//!   Moodle shows the text exactly as typed and its editor can change it;
//! - each option's own feedback in its `<answer><feedback>`, the explanation in
//!   `<generalfeedback>`;
//! - a `<name>` (Moodle refuses a question without one): the start of the question text, as
//!   Moodle makes one when a question has none;
//! - legal source and difficulty in `<legalsource>` and `<difficulty>`, which Moodle's
//!   importer skips and ours reads back.

use super::format::from_plain;
use crate::normalize::clean;
use crate::ExportQuestion;

/// Topic-less questions in a bank that has topics need a category of their own, or Moodle
/// would file them in the previous question's. This one reads back as "no topic".
const NO_TOPIC: &str = "Mặc định cho câu hỏi chưa có chủ đề";

/// Moodle's question names are at most 255 characters; it cuts its own at 80.
const NAME_CHARS: usize = 80;

pub fn export(questions: &[ExportQuestion]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    out.push_str(
        "<!-- Ngân hàng câu hỏi, định dạng Moodle XML. legalsource (căn cứ pháp lý) và difficulty \
         (mức độ 1-3) là thông tin riêng của hệ thống thi; Moodle bỏ qua hai thẻ này. -->\n",
    );
    let any_topic = questions.iter().any(|q| !clean(&q.topic).is_empty());
    let mut current: Option<String> = None;
    for (i, q) in questions.iter().enumerate() {
        let topic = clean(&q.topic);
        let category = match (topic.is_empty(), any_topic) {
            (false, _) => Some(topic),
            (true, true) => Some(NO_TOPIC.to_string()),
            (true, false) => None,
        };
        if category.is_some() && category != current {
            write_category(&mut out, category.as_deref().unwrap_or_default());
            current = category;
        }
        write_question(&mut out, i + 1, q);
    }
    out.push_str("</quiz>\n");
    out
}

fn write_category(out: &mut String, name: &str) {
    out.push_str("  <question type=\"category\">\n    <category>\n");
    out.push_str(&format!("      <text>{}</text>\n", xml_text(&format!("$course$/top/{}", path_name(name)))));
    out.push_str("    </category>\n  </question>\n");
}

/// One name of a category path as Moodle's `assemble_category_path` writes it.
fn path_name(name: &str) -> String {
    let mut escaped = name.replace('/', "//");
    if escaped.starts_with('/') {
        escaped.insert(0, ' ');
    }
    if escaped.ends_with('/') {
        escaped.push(' ');
    }
    escaped
}

fn write_question(out: &mut String, number: usize, q: &ExportQuestion) {
    let text = clean(&q.text);
    out.push_str(&format!("<!-- question: {number}  -->\n  <question type=\"multichoice\">\n"));
    out.push_str(&format!(
        "    <name>\n      <text>{}</text>\n    </name>\n",
        xml_text(&name(&text, number))
    ));
    rich(out, "questiontext", 4, &text);
    rich(out, "generalfeedback", 4, &q.explanation.as_deref().map(clean).unwrap_or_default());
    out.push_str(
        "    <defaultgrade>1</defaultgrade>\n    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n    \
         <single>true</single>\n    <shuffleanswers>false</shuffleanswers>\n    \
         <answernumbering>ABCD</answernumbering>\n    <showstandardinstruction>0</showstandardinstruction>\n",
    );
    for field in ["correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"] {
        rich(out, field, 4, "");
    }
    for (i, option) in q.options.iter().enumerate() {
        let fraction = if q.correct.contains(&i) { 100 } else { 0 };
        out.push_str(&format!("    <answer fraction=\"{fraction}\" format=\"html\">\n"));
        out.push_str(&format!("      <text>{}</text>\n", xml_text(&from_plain(&clean(option)))));
        let feedback = q.option_feedback.get(i).and_then(|f| f.as_deref()).map(clean).unwrap_or_default();
        rich(out, "feedback", 6, &feedback);
        out.push_str("    </answer>\n");
    }
    if let Some(legal) = q.legal_source.as_deref().map(clean).filter(|l| !l.is_empty()) {
        out.push_str(&format!(
            "    <legalsource format=\"plain_text\">\n      <text>{}</text>\n    </legalsource>\n",
            xml_text(&legal)
        ));
    }
    if (1..=3).contains(&q.difficulty) {
        out.push_str(&format!("    <difficulty>{}</difficulty>\n", q.difficulty));
    }
    out.push_str("  </question>\n");
}

/// `<field format="html"><text>…</text></field>`, the text escaped as HTML.
fn rich(out: &mut String, field: &str, indent: usize, plain: &str) {
    let pad = " ".repeat(indent);
    out.push_str(&format!(
        "{pad}<{field} format=\"html\">\n{pad}  <text>{}</text>\n{pad}</{field}>\n",
        xml_text(&from_plain(plain))
    ));
}

/// The start of the question text, cut at a word like Moodle's `shorten_text`.
fn name(text: &str, number: usize) -> String {
    if text.is_empty() {
        return format!("Câu hỏi {number}");
    }
    if text.chars().count() <= NAME_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(NAME_CHARS).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}...", at_word.trim_end())
}

/// Text for an XML element: in CDATA when it has characters XML would need escaped, as
/// Moodle's `xml_escape` does (a "]]>" inside is split across two sections). Characters XML
/// 1.0 forbids (which would make Moodle refuse the whole file) are left out.
fn xml_text(s: &str) -> String {
    let s: String = s.chars().filter(|c| allowed_in_xml(*c)).collect();
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return s;
    }
    format!("<![CDATA[{}]]>", s.replace("]]>", "]]]]><![CDATA[>"))
}

fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_at_a_word() {
        let long = "Theo Luật Cán bộ, công chức năm 2008 được sửa đổi, bổ sung năm 2019, công chức được phân loại theo những tiêu chí nào?";
        let n = name(long, 1);
        assert!(n.ends_with("...") && n.chars().count() <= NAME_CHARS + 3, "{n}");
        assert_eq!(name("", 7), "Câu hỏi 7");
    }

    #[test]
    fn cdata_only_when_needed_and_never_broken() {
        assert_eq!(xml_text("Luật đất đai"), "Luật đất đai");
        assert_eq!(xml_text("a ]]> b & c"), "<![CDATA[a ]]]]><![CDATA[> b & c]]>");
        assert_eq!(xml_text("x\u{FFFE}y"), "xy");
        assert_eq!(path_name("/a/"), " //a// ");
    }
}
