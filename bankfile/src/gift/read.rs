//! One GIFT question, read by the rules of Moodle's importer (`qformat_gift::readquestion`):
//!
//! 1. Escapes first: `\\` is a backslash, `\n` a line break, and `\:` `\#` `\=` `\{` `\}` `\~`
//!    are those characters as text. A backslash before anything else stays (`1\2` is `1\2`).
//!    Escaped characters are held as placeholders while the question is taken apart, as Moodle
//!    does, so `::Điều 5\: …::` is a whole title.
//! 2. `::title::` at the start is dropped (a question has no title here).
//! 3. The answer block is the first `{…}`. When text follows it (missing-word questions),
//!    the block becomes `_____` in place, the spacing around it untouched.
//! 4. `####…` (the last one) in the block is the general feedback: our explanation.
//! 5. A leading `[html]`, `[moodle]`, `[plain]` or `[markdown]` (lowercase, as Moodle) sets the
//!    format of the question text, and of answers and feedback that have no marker of their
//!    own; the marker is removed. `[html]` text is turned into plain text (`crate::html`).
//! 6. The type, in Moodle's order: empty block essay, `#…` numerical, any `~` multiple choice
//!    (so `->` inside an option is text), `=` with `->` matching, T/TRUE/F/FALSE true/false,
//!    else short answer. Only multiple choice is imported; the others are named in the message.
//! 7. Answers start at each `~` or `=` (text before the first one is an answer too); `=` is
//!    right, `~%N%` has weight N, `#` starts the answer's own feedback, kept as that option's
//!    feedback (in the answer's format, markers removed).

use crate::html;
use crate::limits::MAX_OPTIONS_KEPT;
use crate::problem;
use crate::question::{Answer, Draft};

/// Placeholders for escaped characters: Unicode noncharacters, which never occur in text.
const ESCAPED: [(char, char); 6] = [
    (':', '\u{FDD0}'),
    ('#', '\u{FDD1}'),
    ('=', '\u{FDD2}'),
    ('{', '\u{FDD3}'),
    ('}', '\u{FDD4}'),
    ('~', '\u{FDD5}'),
];

pub const NO_BLOCK: &str = "Câu hỏi không có phần đáp án trong dấu { }.";
pub const NO_CLOSE: &str = "Thiếu dấu } đóng phần đáp án của câu hỏi.";
pub const NO_OPEN: &str = "Thiếu dấu { mở phần đáp án của câu hỏi (có dấu } mà không có dấu { trước nó).";
pub const TWO_BLOCKS: &str = "Câu hỏi có nhiều hơn một cặp dấu { }; mỗi câu chỉ có một phần đáp án. \
     Dấu { hoặc } là chữ trong nội dung phải viết là \\{ hoặc \\}.";

/// Text formats GIFT can name; Moodle's default is its own auto-format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Moodle,
    Html,
    Plain,
    Markdown,
}

fn protect(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if ESCAPED.iter().any(|&(_, p)| p == c) {
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('\\') => {
                chars.next();
                out.push('\\');
            }
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some(next) => match ESCAPED.iter().find(|&&(c, _)| c == next) {
                Some(&(_, placeholder)) => {
                    chars.next();
                    out.push(placeholder);
                }
                None => out.push('\\'),
            },
            None => out.push('\\'),
        }
    }
    out
}

fn restore(s: &str) -> String {
    s.chars().map(|c| ESCAPED.iter().find(|&&(_, p)| p == c).map_or(c, |&(ch, _)| ch)).collect()
}

/// `[html]…` → (Html, "…"); an unknown name in brackets is text.
fn with_format(text: &str, default: Format) -> (Format, &str) {
    if let Some((name, rest)) = text.strip_prefix('[').and_then(|r| r.split_once(']')) {
        let format = match name {
            "moodle" => Some(Format::Moodle),
            "html" => Some(Format::Html),
            "plain" => Some(Format::Plain),
            "markdown" => Some(Format::Markdown),
            _ => None,
        };
        if let Some(format) = format {
            return (format, rest);
        }
    }
    (default, text)
}

/// Turns the pieces of a question into our text, noting where pictures were.
#[derive(Default)]
struct Reader {
    pictures: Vec<String>,
}

impl Reader {
    fn text(&mut self, raw: &str, default: Format, place: impl FnOnce() -> String) -> (Format, String) {
        let (format, body) = with_format(raw.trim(), default);
        let body = restore(body.trim());
        if format != Format::Html {
            return (format, body);
        }
        let plain = html::to_text(&body);
        if plain.pictures > 0 {
            self.pictures.push(place());
        }
        (format, plain.text)
    }
}

/// Reads one question (comment lines already removed) into `draft`; Err when it is not a
/// multiple-choice question at all.
pub fn question(chunk: &str, draft: &mut Draft) -> Result<(), String> {
    let protected = protect(chunk.trim());
    let mut s = protected.trim();
    if let Some(rest) = s.strip_prefix("::") {
        s = match rest.find("::") {
            Some(end) => rest[end + 2..].trim(),
            None => rest,
        };
    }
    let (open, close) = match (s.find('{'), s.find('}')) {
        (None, None) => return Err(NO_BLOCK.to_string()),
        (Some(_), None) => return Err(NO_CLOSE.to_string()),
        (Some(open), Some(close)) if open < close => (open, close),
        _ => return Err(NO_OPEN.to_string()),
    };
    if s[open + 1..].contains('{') || s[close + 1..].contains('}') {
        return Err(TWO_BLOCKS.to_string());
    }
    let mut block = s[open + 1..close].trim();
    let question_text = if close + 1 == s.len() {
        s[..open].to_string()
    } else {
        format!("{}_____{}", &s[..open], &s[close + 1..])
    };
    let general = block.rfind("####").map(|at| {
        let feedback = &block[at + 4..];
        block = block[..at].trim();
        feedback
    });
    if let Some(kind) = unsupported_kind(block) {
        return Err(problem::unsupported_gift(kind));
    }
    let mut reader = Reader::default();
    let (format, text) = reader.text(&question_text, Format::Moodle, || "phần câu hỏi".into());
    draft.text = text;
    if let Some(feedback) = general {
        draft.explanation = Some(reader.text(feedback, format, || "phần giải thích".into()).1);
    }
    draft.answer = choices(block, format, &mut reader, draft);
    if !reader.pictures.is_empty() {
        draft.problems.push(problem::pictures(&reader.pictures));
    }
    Ok(())
}

/// The Moodle type of a block that is not multiple choice, in Vietnamese.
fn unsupported_kind(block: &str) -> Option<&'static str> {
    if block.is_empty() {
        return Some("tự luận");
    }
    if block.starts_with('#') {
        return Some("số");
    }
    if block.contains('~') {
        return None;
    }
    if block.contains('=') && block.contains("->") {
        return Some("ghép đôi");
    }
    let answer = match block.find('#') {
        Some(at) if at > 0 => block[..at].trim(),
        _ => block,
    };
    Some(if matches!(answer, "T" | "TRUE" | "F" | "FALSE") { "đúng/sai" } else { "trả lời ngắn" })
}

/// The answers of a multiple-choice block: each starts at `~` or `=` (`=` kept, it marks the
/// right one); text before the first marker is an answer too, as in Moodle.
fn pieces(block: &str) -> impl Iterator<Item = &str> {
    let first = block.find(['~', '=']).unwrap_or(block.len());
    let lead = &block[..first];
    let mut rest = &block[first..];
    let mut lead = (!lead.trim().is_empty()).then_some(lead);
    std::iter::from_fn(move || {
        if let Some(l) = lead.take() {
            return Some(l);
        }
        let marker = rest.chars().next()?;
        let body = &rest[1..];
        let end = 1 + body.find(['~', '=']).unwrap_or(body.len());
        let piece = if marker == '=' { &rest[..end] } else { &rest[1..end] };
        rest = &rest[end..];
        Some(piece)
    })
}

#[derive(Debug, PartialEq)]
enum Weight<'a> {
    Right,
    Wrong,
    /// Partial credit or a penalty, as written ("%50%").
    Other(&'a str),
}

/// Moodle's `^%-*[0-9]{1,2}\.?[0-9]*%` on a `~` answer: the weight, as written, and the rest.
fn weight(piece: &str) -> Option<(Weight<'_>, &str)> {
    let after = piece.strip_prefix('%')?;
    let end = after.find('%')?;
    let value = &after[..end];
    let digits = value.trim_start_matches('-');
    let negative = digits.len() < value.len();
    let valid = match digits.split_once('.') {
        Some((whole, part)) => {
            (1..=2).contains(&whole.len())
                && whole.bytes().all(|b| b.is_ascii_digit())
                && part.bytes().all(|b| b.is_ascii_digit())
        }
        None => !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
    };
    if !valid {
        return None;
    }
    let number: f64 = digits.parse().ok()?;
    let weight = if number == 0.0 {
        Weight::Wrong
    } else if number == 100.0 && !negative {
        Weight::Right
    } else {
        Weight::Other(&piece[..end + 2])
    };
    Some((weight, &after[end + 1..]))
}

fn choices(block: &str, format: Format, reader: &mut Reader, draft: &mut Draft) -> Answer {
    let mut right = Vec::new();
    let mut odd: Option<(usize, &str)> = None;
    let mut partial_only = true;
    for (i, piece) in pieces(block).enumerate() {
        let piece = piece.trim();
        let (weight, body) = match piece.strip_prefix('=') {
            Some(rest) => (Weight::Right, rest),
            None => weight(piece).unwrap_or((Weight::Wrong, piece)),
        };
        match weight {
            Weight::Right => {
                right.push(i);
                partial_only = false;
            }
            Weight::Wrong => {}
            Weight::Other(raw) => {
                odd.get_or_insert((i, raw));
            }
        }
        if i >= MAX_OPTIONS_KEPT {
            draft.push_option(String::new());
            continue;
        }
        // The answer's own feedback follows a `#` (the escaped `\#` is already a placeholder).
        let (text, feedback) = body.split_once('#').map_or((body, None), |(text, f)| (text, Some(f)));
        let (_, text) = reader.text(text, format, || format!("phương án {}", problem::letter(i)));
        let feedback = feedback
            .map(|f| reader.text(f, format, || format!("phản hồi của phương án {}", problem::letter(i))).1)
            .filter(|f| !f.trim().is_empty());
        draft.push_option_with_feedback(text, feedback);
    }
    match odd {
        Some(_) if partial_only => {
            Answer::Problem(problem::unsupported_gift("nhiều lựa chọn có trọng số điểm (%…%)"))
        }
        Some((i, raw)) => Answer::Problem(format!(
            "Phương án {} có trọng số điểm {raw}; chỉ nhận câu có một đáp án đúng (= hoặc %100%), \
             các phương án khác là sai (~ hoặc %0%).",
            problem::letter(i)
        )),
        None if right.is_empty() => Answer::Missing,
        None => Answer::Letters(right),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_resolve_and_other_backslashes_stay() {
        assert_eq!(restore(&protect(r"a \{b\} \= \~ \# \: \\ 1\2 \n")), "a {b} = ~ # : \\ 1\\2 \n");
        assert_eq!(restore(&protect("\\\\n")), "\\n");
    }

    #[test]
    fn weights_as_moodle_reads_them() {
        assert_eq!(weight("%100%x"), Some((Weight::Right, "x")));
        assert_eq!(weight("%0%x"), Some((Weight::Wrong, "x")));
        assert_eq!(weight("%-100%x"), Some((Weight::Other("%-100%"), "x")));
        assert_eq!(weight("%33.3%x"), Some((Weight::Other("%33.3%"), "x")));
        assert_eq!(weight("%abc%x"), None);
        assert_eq!(weight("%123.4%x"), None);
        assert_eq!(weight("%%x"), None);
    }

    #[test]
    fn pieces_split_at_markers() {
        let got: Vec<&str> = pieces("~a =b ~c").collect();
        assert_eq!(got, ["a ", "=b ", "c"]);
        let got: Vec<&str> = pieces("đầu ~a").collect();
        assert_eq!(got, ["đầu ", "a"]);
        assert_eq!(pieces("~~").count(), 2);
    }
}
