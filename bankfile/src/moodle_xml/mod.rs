//! Moodle XML, the format Moodle users back up and share question banks in: import of
//! single-answer multiple choice (`<question type="multichoice">`) with its categories and
//! feedback, and an export that Moodle's own importer (question/format/xml/format.php) reads
//! back unchanged.
//!
//! What maps to what, and why:
//! - `<question type="category">` → the topic of the questions after it (the last name of
//!   the path; Moodle's own "Default for …" category means no topic).
//! - `<questiontext>`, `<answer><text>` → question and options. `format="html"` (Moodle's
//!   default, also `moodle_auto_format`) is turned into the plain text our questions are
//!   stored as: tags removed (a line break or paragraph becomes a space), HTML entities
//!   decoded; CDATA is read as it is. `plain_text`, `markdown` and `wiki_like` keep their text.
//! - `fraction="100"` marks the correct option. Exactly one option at 100 % and every other
//!   at 0 % or below is what our one-correct-answer model holds, also when `single="false"`
//!   (the answer key is the same). Partial credit or several positive options is refused
//!   with a reason: grading them with one correct answer would change the question.
//! - `<generalfeedback>` → explanation; each `<answer><feedback>` → that option's own
//!   feedback (stored per option, written back in the same place by the export).
//! - Legal source and difficulty have no Moodle field; the export writes them as
//!   `<legalsource>` and `<difficulty>` inside the question, which Moodle's importer skips
//!   (it reads only the paths it knows) and this importer reads back.
//! - Every other question type is refused one by one, naming the type and the question's
//!   position; pictures and attached files are never dropped silently.

mod format;
mod read;
mod write;

pub use read::{looks_like, parse};
pub use write::export;

/// Vietnamese name of a Moodle question type, for the refusal message.
fn type_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "truefalse" => "đúng/sai",
        "shortanswer" => "trả lời ngắn",
        "essay" => "tự luận",
        "matching" | "match" => "ghép đôi",
        "numerical" => "trả lời bằng số",
        "cloze" | "multianswer" => "điền khuyết nhiều phần (cloze)",
        "description" => "mô tả (đoạn văn không có câu hỏi)",
        "ddwtos" => "kéo thả từ vào văn bản",
        "gapselect" => "chọn từ điền vào chỗ trống",
        "ddimageortext" => "kéo thả vào hình",
        "ddmarker" => "kéo thả điểm đánh dấu lên hình",
        "calculated" | "calculatedsimple" => "tính toán",
        "calculatedmulti" => "trắc nghiệm tính toán",
        "randomsamatch" => "ghép đôi ngẫu nhiên",
        "random" => "câu hỏi ngẫu nhiên",
        "ordering" => "sắp xếp thứ tự",
        _ => return None,
    })
}

fn unsupported(position: usize, kind: &str) -> String {
    let named = match type_name(kind) {
        Some(name) => format!("loại “{name}” ({kind})"),
        None if kind.is_empty() => String::from("không ghi loại (thuộc tính type)"),
        None => format!("loại “{kind}”"),
    };
    format!(
        "Câu hỏi thứ {position} có {named}, chưa được hỗ trợ; chỉ nhận câu trắc nghiệm \
         (multichoice) có đúng một đáp án đúng."
    )
}

const NOT_QUIZ: &str = "Tệp XML này không phải ngân hàng câu hỏi Moodle XML: thiếu thẻ <quiz> bao \
     ngoài các câu hỏi. Trong Moodle, hãy xuất câu hỏi theo định dạng “Moodle XML”.";

fn broken_xml(line: usize) -> String {
    format!(
        "Tệp Moodle XML bị hỏng từ dòng {line}: thẻ XML không đúng cú pháp hoặc không được đóng. \
         Hãy xuất lại tệp từ Moodle rồi tải lên lại."
    )
}

fn too_deep() -> String {
    format!(
        "Tệp Moodle XML có các thẻ lồng nhau quá {} cấp; đây không phải tệp Moodle XML thông thường.",
        crate::problem::number(crate::limits::MAX_XML_DEPTH)
    )
}

fn bad_fraction(option: usize, raw: &str) -> String {
    format!("Điểm của phương án {} (fraction=\"{raw}\") không phải là số.", crate::problem::letter(option))
}

fn partial_credit(options: &[(usize, f64)]) -> String {
    let list: Vec<String> = options
        .iter()
        .map(|(i, f)| format!("{} được {}%", crate::problem::letter(*i), percent(*f)))
        .collect();
    format!(
        "Chưa hỗ trợ tính điểm từng phần: phương án {}. Mỗi câu chỉ có một đáp án đúng \
         (fraction=\"100\"), các phương án khác 0%.",
        list.join(", ")
    )
}

/// 33.33333 → "33,33333", 50 → "50": percentages as Vietnamese writes them.
fn percent(f: f64) -> String {
    let s = format!("{f}");
    s.replace('.', ",")
}

const NO_FULL_MARK: &str = "Chưa có đáp án đúng: không phương án nào được 100% điểm (fraction=\"100\").";

/// Moodle's category path: "/" separates names, "//" is a "/" inside a name, the first name
/// may be a context (`$course$`, `$system$`, `$module$`…) and then `top`.
fn category_topic(path: &str) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = path.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '/' {
            let run = chars[i..].iter().take_while(|c| **c == '/').count();
            if run == 1 {
                names.push(std::mem::take(&mut current));
            } else {
                // Moodle splits only at a lone "/"; a run of them is part of the name, each
                // pair standing for one "/".
                current.extend(std::iter::repeat_n('/', run.div_ceil(2)));
            }
            i += run;
        } else {
            current.push(chars[i]);
            i += 1;
        }
    }
    names.push(current);
    let mut names: Vec<String> = names.iter().map(|n| crate::normalize::clean(n)).collect();
    if names.first().is_some_and(|n| is_context(n)) {
        names.remove(0);
    }
    if names.first().is_some_and(|n| n == "top") {
        names.remove(0);
    }
    let last = names.into_iter().rfind(|n| !n.is_empty())?;
    (!is_default_category(&last)).then_some(last)
}

fn is_context(name: &str) -> bool {
    name.len() > 2
        && name.starts_with('$')
        && name.ends_with('$')
        && name[1..name.len() - 1].bytes().all(|b| b.is_ascii_lowercase())
}

/// The category Moodle creates by itself for every course or bank ("Default for Toán 10",
/// "Mặc định cho …" in Vietnamese Moodle) says nothing about the questions' topic.
fn is_default_category(name: &str) -> bool {
    name.starts_with("Default for ") || name.starts_with("Mặc định cho ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_paths_as_moodle_splits_them() {
        assert_eq!(category_topic("$course$/top/Luật đất đai"), Some("Luật đất đai".into()));
        assert_eq!(
            category_topic("$course$/top/Default for K12/Văn thư // lưu trữ"),
            Some("Văn thư / lưu trữ".into())
        );
        assert_eq!(category_topic("$module$/top/Default for Ngân hàng"), None);
        assert_eq!(category_topic("$course$/top"), None);
        assert_eq!(category_topic("Cải cách/Thể chế"), Some("Thể chế".into()));
        assert_eq!(category_topic(" //bắt đầu bằng gạch"), Some("/bắt đầu bằng gạch".into()));
    }

    #[test]
    fn refusals_name_the_type() {
        assert!(unsupported(3, "truefalse").contains("“đúng/sai” (truefalse)"));
        assert!(unsupported(3, "truefalse").starts_with("Câu hỏi thứ 3 "));
        assert!(unsupported(1, "qtype_la").contains("“qtype_la”"));
        assert_eq!(percent(33.5), "33,5");
    }
}
