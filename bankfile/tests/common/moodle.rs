//! What Moodle makes of a GIFT or Aiken file: the rules of its import code
//! (`question/format.php` readdata/readquestions, `question/format/gift/format.php`
//! readquestion, `question/format/aiken/format.php` readquestions), restated step by step for
//! the multiple-choice path, so tests can check that an export imports into Moodle unchanged
//! without a Moodle at hand. Byte offsets and trims are PHP's (`trim` strips " \t\n\r\0\x0B").

#![allow(dead_code)]

/// Moodle's text formats (FORMAT_MOODLE is its auto-format, rendered as HTML).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Moodle,
    Html,
    Plain,
    Markdown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub text: String,
    pub format: TextFormat,
    pub fraction: f64,
    pub feedback: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Category names of the last `$CATEGORY` line before the question (None: the category
    /// chosen in Moodle's import form).
    pub category: Option<Vec<String>>,
    pub qtype: &'static str,
    pub name: Option<String>,
    pub text: String,
    pub format: TextFormat,
    pub general_feedback: String,
    pub general_feedback_format: TextFormat,
    /// Multiple choice: whether it is single-answer (radio buttons).
    pub single: bool,
    pub answers: Vec<Answer>,
}

fn php_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r', '\0', '\x0B'])
}

/// `file()` then the old-Mac fix of `readdata`: lines keep their "\n"; a first line with a CR
/// and no LF is the whole file in CR-separated lines.
fn read_lines(file: &str) -> Vec<String> {
    let file = file.strip_prefix('\u{FEFF}').unwrap_or(file);
    let mut lines: Vec<String> = file.split_inclusive('\n').map(str::to_string).collect();
    if let Some(first) = lines.first() {
        if first.contains('\r') && !first.contains('\n') {
            lines = first.split('\r').map(str::to_string).collect();
        }
    }
    lines
}

const PLACEHOLDERS: [(&str, &str, &str); 7] = [
    ("\\:", "&&058;", ":"),
    ("\\#", "&&035;", "#"),
    ("\\=", "&&061;", "="),
    ("\\{", "&&123;", "{"),
    ("\\}", "&&125;", "}"),
    ("\\~", "&&126;", "~"),
    ("\\n", "&&010", "\n"),
];

fn escaped_pre(s: &str) -> String {
    let mut s = s.replace("\\\\", "&&092;");
    for (escaped, placeholder, _) in PLACEHOLDERS {
        s = s.replace(escaped, placeholder);
    }
    s.replace("&&092;", "\\")
}

fn escaped_post(s: &str) -> String {
    let mut s = s.to_string();
    for (_, placeholder, c) in PLACEHOLDERS {
        s = s.replace(placeholder, c);
    }
    s
}

fn with_format(text: &str, default: TextFormat) -> (String, TextFormat) {
    let mut format = default;
    let mut body = text;
    if text.starts_with('[') {
        if let Some(end) = text.find(']') {
            let named = match &text[1..end] {
                "moodle" => Some(TextFormat::Moodle),
                "html" => Some(TextFormat::Html),
                "plain" => Some(TextFormat::Plain),
                "markdown" => Some(TextFormat::Markdown),
                _ => None,
            };
            if let Some(named) = named {
                format = named;
                body = &text[end + 1..];
            }
        }
    }
    (php_trim(&escaped_post(body)).to_string(), format)
}

/// `^%\-*([0-9]{1,2})\.?([0-9]*)%`
fn weight_matches(answer: &str) -> bool {
    let b = answer.as_bytes();
    if b.first() != Some(&b'%') {
        return false;
    }
    let mut i = 1;
    while b.get(i) == Some(&b'-') {
        i += 1;
    }
    // [0-9]{1,2}\.?[0-9]*% — try one or two leading digits.
    (1..=2).any(|n| {
        let mut j = i;
        for _ in 0..n {
            if !b.get(j).is_some_and(u8::is_ascii_digit) {
                return false;
            }
            j += 1;
        }
        if b.get(j) == Some(&b'.') {
            j += 1;
        }
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        b.get(j) == Some(&b'%')
    })
}

fn weight_parse(answer: &str) -> (f64, &str) {
    let rest = &answer[1..];
    let end = rest.find('%').unwrap_or(rest.len());
    let value: f64 = rest[..end].replace("--", "-").parse().unwrap_or(0.0);
    (value / 100.0, &rest[end + 1..])
}

/// One GIFT chunk, as `readquestion`; None where Moodle reports an error or skips it.
fn gift_question(lines: &[String], category: &mut Option<Vec<String>>) -> Option<Question> {
    let lines: Vec<&str> =
        lines.iter().map(|l| if php_trim(l).starts_with("//") { " " } else { l.as_str() }).collect();
    let text = php_trim(&lines.join("\n")).to_string();
    if text.is_empty() {
        return None;
    }
    let mut text = escaped_pre(&text);
    if let Some(path) = text.strip_prefix("$CATEGORY:") {
        *category = Some(split_category_path(php_trim(path)));
        return None;
    }
    let mut name = None;
    if let Some(rest) = text.strip_prefix("::") {
        let rest = rest.to_string();
        match rest.find("::") {
            Some(end) => {
                name = Some(escaped_post(&rest[..end]));
                text = php_trim(&rest[end + 2..]).to_string();
            }
            None => text = rest,
        }
    }
    let (start, finish) = (text.find('{'), text.find('}'));
    let (start, finish) = match (start, finish) {
        (Some(s), Some(f)) if s < f => (s, f),
        (None, None) => {
            let (t, f) = with_format(&text, TextFormat::Moodle);
            return Some(Question {
                category: category.clone(),
                qtype: "description",
                name,
                text: t,
                format: f,
                general_feedback: String::new(),
                general_feedback_format: f,
                single: false,
                answers: vec![],
            });
        }
        _ => return None,
    };
    let mut answertext = php_trim(&text[start + 1..finish]).to_string();
    let questiontext = if text.ends_with('}') {
        format!("{}{}", &text[..start], &text[finish + 1..])
    } else {
        format!("{}_____{}", &text[..start], &text[finish + 1..])
    };
    let mut generalfeedback = String::new();
    if let Some(at) = answertext.rfind("####") {
        generalfeedback = answertext[at + 4..].to_string();
        answertext = php_trim(&answertext[..at]).to_string();
    }
    let (qtext, qformat) = with_format(&questiontext, TextFormat::Moodle);
    let (gf, gformat) = with_format(&generalfeedback, qformat);
    let qtype = if answertext.is_empty() {
        "essay"
    } else if answertext.starts_with('#') {
        "numerical"
    } else if answertext.contains('~') {
        "multichoice"
    } else if answertext.contains('=') && answertext.contains("->") {
        "match"
    } else {
        let check = match answertext.find('#') {
            Some(at) if at > 0 => php_trim(&answertext[..at]),
            _ => answertext.as_str(),
        };
        if ["T", "TRUE", "F", "FALSE"].contains(&check) {
            "truefalse"
        } else {
            "shortanswer"
        }
    };
    let mut q = Question {
        category: category.clone(),
        qtype,
        name,
        text: qtext,
        format: qformat,
        general_feedback: gf,
        general_feedback_format: gformat,
        single: answertext.contains('='),
        answers: vec![],
    };
    if qtype != "multichoice" {
        return Some(q);
    }
    let replaced = answertext.replace('=', "~=");
    let mut answers: Vec<&str> = replaced.split('~').collect();
    if answers.first().is_some_and(|a| php_trim(a).is_empty()) {
        answers.remove(0);
    }
    if answers.len() < 2 {
        return None;
    }
    for answer in answers {
        let answer = php_trim(answer);
        let (fraction, rest) = if let Some(rest) = answer.strip_prefix('=') {
            (1.0, rest)
        } else if weight_matches(answer) {
            weight_parse(answer)
        } else {
            (0.0, answer)
        };
        let (text, feedback) = match rest.split_once('#') {
            Some((t, f)) => (t, f),
            None => (rest, ""),
        };
        let (text, format) = with_format(php_trim(text), qformat);
        let (feedback, _) = with_format(php_trim(feedback), qformat);
        q.answers.push(Answer { text, format, fraction, feedback });
    }
    Some(q)
}

/// `split_category_path`: names split at a single `/`, `//` is a `/` in a name.
pub fn split_category_path(path: &str) -> Vec<String> {
    let chars: Vec<char> = path.chars().collect();
    let mut names = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let single = c == '/' && chars.get(i + 1) != Some(&'/') && (i == 0 || chars[i - 1] != '/');
        if single {
            names.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    names.push(current);
    names.iter().map(|n| php_trim(&n.replace("//", "/")).to_string()).collect()
}

/// Every question Moodle imports from a GIFT file (categories are not questions).
pub fn gift(file: &str) -> Vec<Question> {
    let mut questions = Vec::new();
    let mut category = None;
    let mut current: Vec<String> = Vec::new();
    for line in read_lines(file) {
        let line = php_trim(&line).to_string();
        // PHP's empty(): "" and "0".
        if line.is_empty() || line == "0" {
            if !current.is_empty() {
                questions.extend(gift_question(&current, &mut category));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        questions.extend(gift_question(&current, &mut category));
    }
    questions
}

/// Aiken: (question text, options, index of the right option) for each question Moodle keeps;
/// texts as Moodle shows them (it stores them HTML-escaped with FORMAT_HTML).
pub fn aiken(file: &str) -> Vec<(String, Vec<String>, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in read_lines(file) {
        for part in line.split('\r') {
            let now = php_trim(part);
            if now.len() < 2 {
                continue;
            }
            let b = now.as_bytes();
            if b[0].is_ascii_uppercase() && (b[1] == b')' || b[1] == b'.') {
                if let Some((_, options)) = current.as_mut() {
                    options.push(php_trim(&now[2..]).to_string());
                }
            } else if now.starts_with("ANSWER:") {
                let Some((text, options)) = current.take() else { continue };
                let after = php_trim(&now[now.find(':').unwrap_or(0) + 1..]);
                let right = after.bytes().next().map_or(-65, |b| b as i64 - 65);
                if options.len() >= 2 && right >= 0 {
                    out.push((text, options, right as usize));
                }
            } else {
                current = Some((now.to_string(), Vec::new()));
            }
        }
    }
    out
}
