//! Moodle GIFT, read the way Moodle's own importer (`question/format/gift/format.php`) reads it,
//! and written so that Moodle and this crate both read it back unchanged.
//!
//! - `read.rs`: one question (escapes, title, format markers, the answer block, types, weights).
//! - `write.rs`: the export.
//! - here: splitting a file into questions, `$CATEGORY` lines and our own `//` comments.
//!
//! Legal source and difficulty have no place in GIFT, so they travel in `//` comments just
//! before the question: Moodle ignores comment lines, this importer reads them.

mod read;
mod write;

pub use write::export;

use crate::lines::lines;
use crate::normalize::{clean, strip_label};
use crate::question::{Draft, Sink};

/// How many `{…}` answer blocks (plus `$CATEGORY` lines) the text has; 0 = not GIFT.
pub fn looks_like(text: &str) -> usize {
    let categories = lines(text).filter(|l| is_category(l.trim())).count();
    let mut blocks = 0;
    let mut depth = 0usize;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' if depth > 0 => {
                depth -= 1;
                blocks += 1;
            }
            _ => {}
        }
    }
    blocks + categories
}

fn is_category(trimmed: &str) -> bool {
    trimmed.get(..10).is_some_and(|head| head.eq_ignore_ascii_case("$CATEGORY:"))
}

/// One question's lines as read, before they are understood.
#[derive(Default)]
struct Chunk {
    /// Line where the question text starts (comments before it are not counted).
    line: usize,
    text: String,
    legal: Option<String>,
    difficulty: String,
}

impl Chunk {
    fn push(&mut self, line: usize, raw: &str) {
        if self.text.is_empty() {
            self.line = line;
        }
        self.text.push_str(raw);
        self.text.push('\n');
    }
}

/// Questions are the text between blank lines, as in Moodle (a blank line ends a question even
/// inside `{…}`, so a missing `}` costs one question, not the rest of the file). Lines starting
/// with `//` are comments wherever they are, inside `{…}` too.
///
/// Files typed by hand often have no blank line between questions, so a line that closes the
/// answer block also ends the question, unless the next lines continue its sentence: lines
/// after such a closing line are held until one of them opens a new answer block or title
/// (they start the next question) or a blank line, comment, `$CATEGORY` or the end comes
/// (they were the end of a missing-word sentence, `… {=phải ~không cần}\nđược công khai.`).
pub fn parse(text: &str) -> crate::Out {
    let mut sink = Sink::default();
    let mut topic: Option<String> = None;
    let mut chunk = Chunk::default();
    let mut depth = 0usize;
    // The chunk's answer block closed at the end of a line; `held` are the lines since.
    let mut closed = false;
    let mut held: Vec<(usize, &str)> = Vec::new();
    for (i, raw) in lines(text).enumerate() {
        if sink.is_full() {
            break;
        }
        let line = i + 1;
        let trimmed = raw.trim();
        let ends_question = trimmed.is_empty() || trimmed.starts_with("//") || is_category(trimmed);
        if closed {
            if ends_question {
                for (l, r) in held.drain(..) {
                    chunk.push(l, r);
                }
                finish(&mut chunk, &topic, &mut sink);
                closed = false;
                depth = 0;
            } else if trimmed.starts_with("::") || opens_block(raw) {
                finish(&mut chunk, &topic, &mut sink);
                closed = false;
                depth = 0;
                for (l, r) in held.drain(..) {
                    chunk.push(l, r);
                    depth = scan(r, depth).0;
                }
            } else {
                held.push((line, raw));
                continue;
            }
        }
        if trimmed.is_empty() {
            finish(&mut chunk, &topic, &mut sink);
            depth = 0;
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix("//") {
            if chunk.text.is_empty() {
                read_comment(comment, &mut chunk);
            }
            continue;
        }
        if chunk.text.is_empty() && is_category(trimmed) {
            topic = category(&trimmed[10..]);
            continue;
        }
        chunk.push(line, raw);
        let (after, ends_with_close) = scan(raw, depth);
        depth = after;
        closed = depth == 0 && ends_with_close;
    }
    for (l, r) in held {
        chunk.push(l, r);
    }
    finish(&mut chunk, &topic, &mut sink);
    sink.into_parts()
}

fn read_comment(comment: &str, chunk: &mut Chunk) {
    let comment = clean(comment);
    if let Some(legal) = strip_label(&comment, &["cancu", "cancuphaply"], false) {
        chunk.legal = Some(legal.to_string());
    } else if let Some(d) = strip_label(&comment, &["mucdo"], false) {
        chunk.difficulty = d.to_string();
    }
}

/// Brace depth after `line`, and whether its last character is an unescaped `}`.
fn scan(line: &str, mut depth: usize) -> (usize, bool) {
    let mut escaped = false;
    let mut last_close = false;
    for c in line.trim_end().chars() {
        last_close = false;
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                last_close = true;
            }
            _ => {}
        }
    }
    (depth, last_close)
}

/// True when `line` has an unescaped `{`.
fn opens_block(line: &str) -> bool {
    let mut escaped = false;
    for c in line.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => return true,
            _ => {}
        }
    }
    false
}

/// Moodle writes "$course$/top/Parent/Child" and doubles a "/" that belongs to a name; the
/// topic is the last name.
fn category(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let mut segments: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' {
            if chars.peek() == Some(&'/') {
                chars.next();
                current.push('/');
            } else {
                segments.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    segments.push(current);
    segments.into_iter().map(|s| clean(&s)).rfind(|s| !s.is_empty() && !s.starts_with('$') && s != "top")
}

fn finish(chunk: &mut Chunk, topic: &Option<String>, sink: &mut Sink) {
    let taken = std::mem::take(chunk);
    if taken.text.trim().is_empty() {
        return;
    }
    let mut draft = Draft::new(taken.line);
    draft.topic = topic.clone();
    draft.legal_source = taken.legal;
    draft.difficulty = taken.difficulty;
    match read::question(&taken.text, &mut draft) {
        Ok(()) => sink.push(draft),
        Err(message) => sink.problem(taken.line, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        assert_eq!(category(" $course$/top/Cải cách hành chính "), Some("Cải cách hành chính".into()));
        assert_eq!(category("Nghị định 30//2020"), Some("Nghị định 30/2020".into()));
        assert_eq!(category("$course$/top"), None);
    }

    #[test]
    fn closing_lines() {
        assert_eq!(scan("Hỏi {=a ~b}", 0), (0, true));
        assert_eq!(scan("Hỏi \\{", 0), (0, false));
        assert_eq!(scan("a \\\\}  ", 1), (0, true));
        assert_eq!(scan("a \\}", 1), (1, false));
        assert!(opens_block("tiếp {"));
        assert!(!opens_block("không \\{ mở"));
    }
}
