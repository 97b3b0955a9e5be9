//! GIFT export that Moodle's importer reads back exactly as the bank is, and so does ours.
//!
//! - Every question text starts with `[plain]`: our text is plain, and without a marker Moodle
//!   reads it in its auto-format, which is HTML (`<b>` would turn bold, `&amp;` into `&`).
//!   Options and the explanation inherit the question's format in Moodle's reader.
//! - `\`, `~`, `=`, `#`, `{`, `}` and `:` are escaped with a backslash (Moodle's own set).
//! - An option or explanation starting with `[` or `%` gets its own `[plain]` first: Moodle
//!   would take `[html]…` for a format marker and `%50%…` for a weight, and only one marker
//!   is ever removed, so `[plain]%50% số phiếu` is the text `%50% số phiếu`.
//! - Questions without a topic come first: Moodle files every question under the last
//!   `$CATEGORY` line above it, and no `$CATEGORY` line means "the category chosen when
//!   importing", so a question without a topic written after one would land in that topic.
//!   The other questions keep their order; `$CATEGORY` is written when the topic changes.
//! - An option's own feedback follows it after `#`, guarded like the option itself.
//! - Legal source and difficulty go in `// Căn cứ: …` and `// Mức độ: …` comment lines just
//!   before the question; questions are separated by a blank line, as Moodle requires.

use crate::normalize::{clean, difficulty_name};
use crate::ExportQuestion;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        if matches!(c, '~' | '=' | '#' | '{' | '}' | ':' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An option or explanation: marked plain when Moodle would read its start as a marker or weight.
fn answer_text(s: &str) -> String {
    let escaped = escape(s);
    if escaped.starts_with(['[', '%']) {
        format!("[plain]{escaped}")
    } else {
        escaped
    }
}

pub fn export(questions: &[ExportQuestion]) -> String {
    let mut out = String::from("// Ngân hàng câu hỏi, định dạng GIFT (Moodle).\n\n");
    let has_topic = |q: &&ExportQuestion| !clean(&q.topic).is_empty();
    let mut topic: Option<String> = None;
    let without = questions.iter().filter(|q| !has_topic(q));
    for q in without.chain(questions.iter().filter(has_topic)) {
        let name = clean(&q.topic);
        if !name.is_empty() && topic.as_deref() != Some(name.as_str()) {
            out.push_str(&format!("$CATEGORY: {}\n\n", name.replace('/', "//")));
            topic = Some(name);
        }
        if let Some(legal) = q.legal_source.as_deref().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!("// Căn cứ: {}\n", clean(legal)));
        }
        if (1..=3).contains(&q.difficulty) {
            out.push_str(&format!("// Mức độ: {}\n", difficulty_name(q.difficulty)));
        }
        out.push_str("[plain]");
        out.push_str(&escape(&q.text));
        out.push_str(" {\n");
        for (i, option) in q.options.iter().enumerate() {
            let mark = if q.correct.contains(&i) { '=' } else { '~' };
            out.push_str(&format!("\t{mark}{}", answer_text(option)));
            if let Some(feedback) =
                q.option_feedback.get(i).and_then(|f| f.as_deref()).filter(|f| !f.trim().is_empty())
            {
                out.push_str(&format!(" #{}", answer_text(feedback)));
            }
            out.push('\n');
        }
        if let Some(e) = q.explanation.as_deref().filter(|e| !e.trim().is_empty()) {
            out.push_str(&format!("\t####{}\n", answer_text(e)));
        }
        out.push_str("}\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped_and_markers_guarded() {
        assert_eq!(escape("a {b} = c ~ d # e: f \\ g"), "a \\{b\\} \\= c \\~ d \\# e\\: f \\\\ g");
        assert_eq!(answer_text("%50% số phiếu"), "[plain]%50% số phiếu");
        assert_eq!(answer_text("[html] là thẻ"), "[plain][html] là thẻ");
        assert_eq!(answer_text("a -> b"), "a -> b");
    }
}
