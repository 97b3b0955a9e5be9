//! Moodle GIFT: import of single-answer multiple choice, export that Moodle and this crate both
//! read back. Legal source and difficulty have no place in GIFT, so they travel in `//`
//! comments just before the question: Moodle ignores them, this importer reads them.

use crate::limits::MAX_OPTIONS_KEPT;
use crate::normalize::{clean, difficulty_name, fold, strip_label};
use crate::problem;
use crate::question::{Answer, Draft, Sink};
use crate::ExportQuestion;

/// How many `{…}` answer blocks (plus `$CATEGORY` lines) the text has; 0 = not GIFT.
pub fn looks_like(text: &str) -> usize {
    let categories =
        text.lines().filter(|l| l.trim_start().to_ascii_uppercase().starts_with("$CATEGORY:")).count();
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

#[derive(Default)]
struct Chunk {
    line: usize,
    text: String,
    legal: Option<String>,
    difficulty: String,
}

pub fn parse(text: &str) -> crate::Out {
    let mut sink = Sink::default();
    let mut topic: Option<String> = None;
    let mut chunk = Chunk::default();
    let mut depth = 0usize;
    for (i, raw) in text.lines().enumerate() {
        if sink.is_full() {
            break;
        }
        let line = i + 1;
        let trimmed = raw.trim();
        if depth == 0 {
            if trimmed.is_empty() {
                finish(&mut chunk, &topic, &mut sink);
                continue;
            }
            if let Some(comment) = trimmed.strip_prefix("//") {
                if chunk.text.is_empty() {
                    read_comment(comment, &mut chunk);
                }
                continue;
            }
            if chunk.text.is_empty() && trimmed.to_ascii_uppercase().starts_with("$CATEGORY:") {
                topic = category(&trimmed["$CATEGORY:".len()..]);
                continue;
            }
        }
        if chunk.text.is_empty() {
            chunk.line = line;
        }
        chunk.text.push_str(raw);
        chunk.text.push('\n');
        depth = brace_depth(raw, depth);
        // Tolerate files without blank lines between questions: a line closing the answer block
        // ends the question.
        if depth == 0 && trimmed.ends_with('}') && !trimmed.ends_with("\\}") {
            finish(&mut chunk, &topic, &mut sink);
        }
    }
    if depth > 0 {
        sink.problem(chunk.line, "Thiếu dấu } đóng phần đáp án của câu hỏi.");
        chunk.text.clear();
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

fn brace_depth(line: &str, mut depth: usize) -> usize {
    let mut escaped = false;
    for c in line.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// Moodle writes "$course$/top/Parent/Child" and doubles a "/" that belongs to a name.
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
    match read_question(&taken.text, &mut draft) {
        Ok(()) => sink.push(draft),
        Err(message) => sink.problem(taken.line, message),
    }
}

/// Splits at unescaped `sep` chars, keeping escapes for `unescape` to resolve later.
fn find_unescaped(s: &str, target: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == target => return Some(i),
            _ => {}
        }
    }
    None
}

fn unescape(s: &str, html: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push(' '),
                Some(next) => out.push(next),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    if html {
        out = strip_html(&out);
    }
    clean(&out)
}

/// Enough HTML for what Moodle's own export puts in `[html]` questions.
fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn read_question(text: &str, draft: &mut Draft) -> Result<(), String> {
    let mut s = text.trim_start();
    if let Some(rest) = s.strip_prefix("::") {
        if let Some(end) = rest.find("::") {
            s = rest[end + 2..].trim_start();
        }
    }
    let mut html = false;
    for marker in ["[html]", "[moodle]", "[plain]", "[markdown]"] {
        if s.len() >= marker.len()
            && s.is_char_boundary(marker.len())
            && s[..marker.len()].eq_ignore_ascii_case(marker)
        {
            html = marker == "[html]";
            s = &s[marker.len()..];
            break;
        }
    }
    let Some(open) = find_unescaped(s, '{') else {
        return Err(String::from("Câu hỏi không có phần đáp án trong dấu { }."));
    };
    let close = find_unescaped(&s[open + 1..], '}')
        .map(|i| open + 1 + i)
        .ok_or_else(|| String::from("Thiếu dấu } đóng phần đáp án của câu hỏi."))?;
    let before = unescape(&s[..open], html);
    let after = unescape(&s[close + 1..], html);
    // "Missing word" questions put the blank in the middle of the sentence.
    draft.text = if after.is_empty() { before } else { format!("{before} _____ {after}") };
    let block = &s[open + 1..close];
    let kind = fold(block);
    if block.trim().is_empty() {
        return Err(problem::unsupported_gift("tự luận"));
    }
    if matches!(kind.as_str(), "t" | "f" | "true" | "false")
        || ["T#", "F#", "TRUE#", "FALSE#"].iter().any(|p| block.trim().to_ascii_uppercase().starts_with(p))
    {
        return Err(problem::unsupported_gift("đúng/sai"));
    }
    let trimmed = block.trim_start();
    if trimmed.starts_with('#') && !trimmed.starts_with("####") {
        return Err(problem::unsupported_gift("số"));
    }
    let mut right = Vec::new();
    let mut wrong = 0;
    let (tokens, extra_right, extra_wrong) = tokens(block);
    draft.extra_options += extra_right + extra_wrong;
    for token in tokens {
        match token {
            Token::Answer { right: is_right, text } => {
                if text.contains("->") {
                    return Err(problem::unsupported_gift("ghép đôi"));
                }
                let text = weight(&text, is_right)?;
                if is_right {
                    right.push(draft.options.len());
                } else {
                    wrong += 1;
                }
                draft.push_option(unescape(text, html));
            }
            Token::General(text) => draft.explanation = Some(unescape(&text, html)),
        }
    }
    wrong += extra_wrong;
    if extra_right > 0 {
        right.push(MAX_OPTIONS_KEPT);
    }
    if wrong == 0 && !right.is_empty() {
        return Err(problem::unsupported_gift("trả lời ngắn"));
    }
    draft.answer = if right.is_empty() { Answer::Missing } else { Answer::Letters(right) };
    Ok(())
}

/// `~%0%` and `=%100%` mean the plain thing; any other weight is partial credit.
fn weight(text: &str, is_right: bool) -> Result<&str, String> {
    let Some(rest) = text.trim_start().strip_prefix('%') else {
        return Ok(text);
    };
    let Some((value, rest)) = rest.split_once('%') else {
        return Ok(text);
    };
    let value = value.trim();
    match (is_right, value) {
        (true, "100") | (false, "0") => Ok(rest),
        _ => Err(problem::unsupported_gift("nhiều lựa chọn có trọng số điểm (%…%)")),
    }
}

enum Token {
    Answer { right: bool, text: String },
    General(String),
}

/// Answers start at unescaped `=`/`~`; `#` starts that answer's feedback (dropped) and `####`
/// the general feedback, which becomes the explanation.
/// Answers past [`MAX_OPTIONS_KEPT`] are only counted (right, wrong): `{~~~~…}` must not
/// become millions of strings.
fn tokens(block: &str) -> (Vec<Token>, usize, usize) {
    let mut out = Vec::new();
    let mut extra = (0, 0);
    let mut keep = |out: &mut Vec<Token>, right: bool, text: String| {
        if out.len() < MAX_OPTIONS_KEPT {
            out.push(Token::Answer { right, text });
        } else if right {
            extra.0 += 1;
        } else {
            extra.1 += 1;
        }
    };
    let mut current: Option<(bool, String)> = None;
    let mut general: Option<String> = None;
    let mut in_feedback = false;
    let mut escaped = false;
    let chars: Vec<char> = block.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if escaped {
            escaped = false;
            push_to(&mut general, &mut current, in_feedback, &['\\', c]);
            continue;
        }
        match c {
            '\\' => escaped = true,
            '=' | '~' if general.is_none() => {
                if let Some((right, text)) = current.take() {
                    keep(&mut out, right, text);
                }
                current = Some((c == '=', String::new()));
                in_feedback = false;
            }
            '#' if general.is_none() => {
                if chars[i..].starts_with(&['#', '#', '#']) {
                    i += 3;
                    general = Some(String::new());
                } else {
                    in_feedback = true;
                }
            }
            _ => push_to(&mut general, &mut current, in_feedback, &[c]),
        }
    }
    if let Some((right, text)) = current {
        keep(&mut out, right, text);
    }
    if let Some(g) = general {
        out.push(Token::General(g));
    }
    (out, extra.0, extra.1)
}

/// Text goes to the general feedback once it started, else to the current answer unless that
/// answer's own feedback (which is dropped) is being read.
fn push_to(
    general: &mut Option<String>,
    current: &mut Option<(bool, String)>,
    in_feedback: bool,
    s: &[char],
) {
    let target = match general.as_mut() {
        Some(g) => Some(g),
        None if in_feedback => None,
        None => current.as_mut().map(|(_, t)| t),
    };
    if let Some(t) = target {
        t.extend(s);
    }
}

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

pub fn export(questions: &[ExportQuestion]) -> String {
    let mut out = String::from("// Ngân hàng câu hỏi, định dạng GIFT (Moodle).\n\n");
    let mut topic: Option<&str> = None;
    for q in questions {
        if topic != Some(q.topic.as_str()) && !q.topic.trim().is_empty() {
            out.push_str(&format!("$CATEGORY: {}\n\n", clean(&q.topic).replace('/', "//")));
            topic = Some(q.topic.as_str());
        }
        if let Some(legal) = q.legal_source.as_deref().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!("// Căn cứ: {}\n", clean(legal)));
        }
        if (1..=3).contains(&q.difficulty) {
            out.push_str(&format!("// Mức độ: {}\n", difficulty_name(q.difficulty)));
        }
        out.push_str(&escape(&q.text));
        out.push_str(" {\n");
        for (i, option) in q.options.iter().enumerate() {
            let mark = if q.correct.contains(&i) { '=' } else { '~' };
            out.push_str(&format!("\t{mark}{}\n", escape(option)));
        }
        if let Some(e) = q.explanation.as_deref().filter(|e| !e.trim().is_empty()) {
            out.push_str(&format!("\t####{}\n", escape(e)));
        }
        out.push_str("}\n\n");
    }
    out
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
    fn escapes_round_trip() {
        let s = "a {b} = c ~ d # e: f \\ g";
        assert_eq!(unescape(&escape(s), false), s);
    }
}
