//! Word (.docx) question banks, written the way Vietnamese banks really are: "Câu 1:" stems,
//! "A." options on their own lines, the answer either on a "Đáp án: B" line or shown by making
//! the right option bold, underlined, red or highlighted. See README.md for the full rules.
//!
//! Line numbers count non-empty lines: each paragraph (table cells included) is a line, and a
//! manual line break (Shift+Enter) inside a paragraph starts a new one.

mod xml;

use std::io::Read;

use crate::limits::MAX_PART_BYTES;
use crate::package::Part;

use crate::normalize::{clean, option_start, question_start, strip_label};
use crate::problem::{self, Problem};
use crate::question::{Answer, Draft, Sink};
use crate::Format;
use xml::{Numbering, Para, Styles, BOLD, HIGHLIGHT, RED, UNDERLINE};

pub fn parse(bytes: &[u8]) -> crate::Out {
    match read_paragraphs(bytes) {
        Ok((paras, broken)) => {
            let mut sink = Sink::default();
            if broken {
                sink.problem(0, problem::corrupt(Format::Docx));
            }
            layout(lines(paras), &mut sink);
            sink.into_parts()
        }
        Err(p) => (Vec::new(), vec![p], Vec::new()),
    }
}

/// Paragraphs, and whether the XML broke part way (what came before is still used).
fn read_paragraphs(bytes: &[u8]) -> Result<(Vec<Para>, bool), Problem> {
    let mut archive = crate::package::open(bytes)?;
    crate::package::check(&mut archive, |name| match name {
        "word/document.xml" => Part::Content,
        "word/styles.xml" | "word/numbering.xml" => Part::Meta,
        _ => Part::Skip,
    })?;
    let document = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| Problem::file(problem::corrupt(Format::Docx)))?;
    let styles = read_part(&mut archive, "word/styles.xml").ok().flatten().map(|s| Styles::parse(&s));
    let mut numbering = read_part(&mut archive, "word/numbering.xml")
        .ok()
        .flatten()
        .map(|s| Numbering::parse(&s))
        .unwrap_or_default();
    let styles = styles.unwrap_or_default();
    let read = xml::paragraphs(&document, &styles, &mut numbering);
    if read.too_long {
        return Err(Problem::file(problem::too_much_text()));
    }
    Ok((read.paras, read.broken))
}

fn read_part(archive: &mut crate::package::Archive, name: &str) -> Result<Option<String>, Problem> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(Problem::file(problem::CORRUPT_ZIP)),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(Problem::file(problem::part_too_big(name)));
    }
    // The declared size can lie, so the read itself is capped too.
    let mut data = Vec::new();
    file.take(MAX_PART_BYTES + 1).read_to_end(&mut data).map_err(|_| Problem::file(problem::CORRUPT_ZIP))?;
    if data.len() as u64 > MAX_PART_BYTES {
        return Err(Problem::file(problem::part_too_big(name)));
    }
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&data);
    Ok(Some(String::from_utf8_lossy(data).into_owned()))
}

/// One non-empty line of the document.
struct Line {
    number: usize,
    chars: Vec<(char, u8)>,
    text: String,
    heading: bool,
    /// The document's title: counted as a line but otherwise ignored.
    title: bool,
    after_blank: bool,
}

fn lines(paras: Vec<Para>) -> Vec<Line> {
    let mut out = Vec::new();
    let mut after_blank = false;
    for para in paras {
        for piece in para.chars.split(|(c, _)| *c == '\n') {
            let raw: String = piece.iter().map(|(c, _)| *c).collect();
            let text = clean(&raw);
            if text.is_empty() {
                after_blank = true;
                continue;
            }
            let heading = para.heading;
            out.push(Line {
                number: out.len() + 1,
                chars: piece.to_vec(),
                text,
                heading,
                title: para.title,
                after_blank,
            });
            after_blank = false;
        }
    }
    out
}

enum Kind {
    Topic(String),
    Question(String),
    Options,
    Answer(String),
    Explanation(String),
    Legal(String),
    Other,
}

const ANSWER_LABELS: [&str; 7] = [
    "dapan",
    "dapandung",
    "dapanla",
    "dapandungla",
    "dapanphuongan",
    "dapandunglaphuongan",
    "dapanlaphuongan",
];

fn classify(line: &Line) -> Kind {
    let text = line.text.as_str();
    let numbered = question_start(text);
    if line.heading && numbered.is_none() {
        return Kind::Topic(topic_name(text));
    }
    if let Some(rest) = numbered {
        return Kind::Question(rest.to_string());
    }
    if let Some(rest) = strip_label(text, &["da"], false) {
        return Kind::Answer(rest.to_string());
    }
    if let Some(rest) = strip_label(text, &ANSWER_LABELS, true) {
        // "Đáp án nào sau đây…" is a question sentence, not an answer line.
        let strict = strip_label(text, &ANSWER_LABELS, false).is_some();
        if strict || crate::normalize::answer_letters(rest).is_ok() {
            return Kind::Answer(rest.to_string());
        }
    }
    if let Some(rest) = strip_label(text, &["giaithich", "loigiai", "huongdan"], false) {
        return Kind::Explanation(rest.to_string());
    }
    if let Some(rest) = strip_label(text, &["cancu", "cancuphaply", "cosophaply", "nguon"], false) {
        return Kind::Legal(rest.to_string());
    }
    if let Some(topic) = topic_line(text) {
        return Kind::Topic(topic);
    }
    if option_start(text).is_some() {
        return Kind::Options;
    }
    Kind::Other
}

/// "Chủ đề: X", "Chuyên đề 2. X", "Phần I: X", "I. CẢI CÁCH THỂ CHẾ" -> the name after the label.
fn topic_line(text: &str) -> Option<String> {
    const LABELS: [&str; 3] = ["chude", "chuyende", "phan"];
    if let Some(rest) = strip_label(text, &LABELS, false) {
        return Some(if rest.is_empty() { text.to_string() } else { rest.to_string() });
    }
    let numbered = |rest: &str| -> Option<String> {
        let token_len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let token = &rest[..token_len];
        let is_number = !token.is_empty()
            && (token.chars().all(|c| c.is_ascii_digit()) || token.chars().all(|c| "IVXLC".contains(c)));
        if !is_number {
            return None;
        }
        let after = rest[token_len..].trim_start();
        let after = after.strip_prefix([':', '.', '-', '–', ')']).unwrap_or(after).trim();
        Some(after.to_string())
    };
    if let Some(rest) = strip_label(text, &LABELS, true) {
        let name = numbered(rest)?;
        return Some(if name.is_empty() { text.to_string() } else { name });
    }
    // A bare roman numeral heading; only I, V and X so that "C." and "D." stay options.
    let token_len = text.find(|c: char| !"IVX".contains(c)).unwrap_or(text.len());
    if token_len == 0 {
        return None;
    }
    let after = text[token_len..].trim_start().strip_prefix(['.', ')', ':', '-', '–'])?;
    let name = after.trim();
    (!name.is_empty() && after.starts_with(char::is_whitespace)).then(|| name.to_string())
}

fn topic_name(text: &str) -> String {
    topic_line(text).unwrap_or_else(|| text.to_string())
}

/// Declaration order is reading order; comparisons rely on it.
#[derive(PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Stage {
    Stem,
    Options,
    Answer,
    Explanation,
    Legal,
}

struct Current {
    draft: Draft,
    numbered: bool,
    marks: Vec<u8>,
    written: Option<Answer>,
    stage: Stage,
}

impl Current {
    fn new(line: &Line, text: String, numbered: bool, topic: &Option<String>) -> Self {
        let mut draft = Draft::new(line.number);
        draft.text = text;
        draft.topic = topic.clone();
        Current { draft, numbered, marks: Vec::new(), written: None, stage: Stage::Stem }
    }
}

fn layout(lines: Vec<Line>, sink: &mut Sink) {
    let mut topic: Option<String> = None;
    let mut current: Option<Current> = None;
    let mut seen_question = false;
    for line in lines.iter().filter(|l| !l.title) {
        if sink.is_full() {
            break;
        }
        match classify(line) {
            Kind::Topic(name) => {
                finish(current.take(), sink, &mut seen_question);
                topic = Some(name);
            }
            Kind::Question(rest) => {
                finish(current.take(), sink, &mut seen_question);
                current = Some(Current::new(line, rest, true, &topic));
            }
            Kind::Options => {
                let needs_new = current.as_ref().is_none_or(|c| c.stage > Stage::Options);
                if needs_new {
                    finish(current.take(), sink, &mut seen_question);
                    // An option with no question before it: reported as a question without text.
                    current = Some(Current::new(line, String::new(), true, &topic));
                }
                if let Some(c) = current.as_mut() {
                    for (text, marks) in split_options(&line.chars) {
                        if c.draft.push_option(text) {
                            c.marks.push(marks);
                        }
                    }
                    c.stage = Stage::Options;
                }
            }
            Kind::Answer(rest) => match current.as_mut() {
                Some(c) => {
                    c.written = Some(Answer::from_raw(&rest));
                    c.stage = Stage::Answer;
                }
                None => sink.problem(line.number, "Dòng đáp án không thuộc câu hỏi nào."),
            },
            Kind::Explanation(rest) => {
                if let Some(c) = current.as_mut() {
                    c.draft.explanation = Some(rest);
                    c.stage = Stage::Explanation;
                }
            }
            Kind::Legal(rest) => {
                if let Some(c) = current.as_mut() {
                    c.draft.legal_source = Some(rest);
                    c.stage = Stage::Legal;
                }
            }
            Kind::Other => {
                let text = line.text.clone();
                match current.as_mut() {
                    Some(c) if c.stage == Stage::Stem => {
                        c.draft.text.push(' ');
                        c.draft.text.push_str(&text);
                    }
                    Some(c) if matches!(c.stage, Stage::Explanation | Stage::Legal) && !line.after_blank => {
                        let field = if c.stage == Stage::Explanation {
                            &mut c.draft.explanation
                        } else {
                            &mut c.draft.legal_source
                        };
                        // Appended in place: rebuilding the string per line is quadratic.
                        let field = field.get_or_insert_with(String::new);
                        field.push(' ');
                        field.push_str(&text);
                    }
                    _ => {
                        finish(current.take(), sink, &mut seen_question);
                        current = Some(Current::new(line, text, false, &topic));
                    }
                }
            }
        }
    }
    finish(current.take(), sink, &mut seen_question);
}

fn finish(current: Option<Current>, sink: &mut Sink, seen_question: &mut bool) {
    let Some(mut c) = current else { return };
    if !c.numbered && c.draft.options.is_empty() && c.written.is_none() {
        // A title or introduction before the first question is not an error; stray text later is.
        if *seen_question {
            sink.problem(c.draft.line, problem::ORPHAN_TEXT);
        }
        return;
    }
    *seen_question = true;
    let marked = decide_marks(&c.marks);
    c.draft.answer = match (c.written.take(), marked) {
        (Some(Answer::Letters(w)), Marked::One(m)) if w.len() == 1 && w[0] != m => {
            Answer::Problem(problem::answer_disagrees(w[0], m))
        }
        // An explicit answer line wins over ambiguous formatting (e.g. bold used for emphasis).
        (Some(written), _) => written,
        (None, Marked::One(m)) => Answer::Letters(vec![m]),
        (None, Marked::Several(v)) => Answer::Letters(v),
        (None, Marked::Nothing) => Answer::Missing,
    };
    sink.push(c.draft);
}

enum Marked {
    Nothing,
    One(usize),
    Several(Vec<usize>),
}

/// A kind of marking points at the answer only when it singles out options: if every option
/// is bold (a whole document in bold), bold says nothing; if two are, it is ambiguous.
fn decide_marks(marks: &[u8]) -> Marked {
    let n = marks.len();
    let mut votes: Vec<usize> = Vec::new();
    let mut ambiguous = false;
    for bit in [BOLD, UNDERLINE, RED, HIGHLIGHT] {
        let set: Vec<usize> = (0..n).filter(|&i| marks[i] & bit != 0).collect();
        if set.is_empty() || set.len() == n {
            continue;
        }
        if set.len() > 1 {
            ambiguous = true;
        }
        votes.extend(set);
    }
    votes.sort_unstable();
    votes.dedup();
    match votes.as_slice() {
        [] => Marked::Nothing,
        [one] if !ambiguous => Marked::One(*one),
        _ => Marked::Several(votes),
    }
}

/// Splits "A. Một<tab>B. Hai" into options; each with the marks that cover its whole letter
/// or its whole text. Splits only at a tab or a run of spaces followed by the next letter, so
/// "Điều 5. Luật" inside an option stays whole.
fn split_options(chars: &[(char, u8)]) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    let mut rest = chars;
    while let Some((index, label_end)) = option_label(rest) {
        let letter_marks = rest.iter().find(|(c, _)| !c.is_whitespace()).map_or(0, |(_, m)| *m);
        let body = &rest[label_end..];
        let split = find_next_option(body, index);
        let (this, next) = body.split_at(split.unwrap_or(body.len()));
        let text: String = this.iter().map(|(c, _)| *c).collect();
        let visible: Vec<u8> = this.iter().filter(|(c, _)| !c.is_whitespace()).map(|(_, m)| *m).collect();
        let text_marks = if visible.is_empty() { 0 } else { visible.iter().fold(0xFF, |acc, m| acc & m) };
        out.push((clean(&text), letter_marks | text_marks));
        if split.is_none() {
            break;
        }
        rest = next;
    }
    out
}

/// Option letter index and where the option text starts, if `chars` starts with "A." etc.
fn option_label(chars: &[(char, u8)]) -> Option<(usize, usize)> {
    let start = chars.iter().position(|(c, _)| !c.is_whitespace())?;
    let index = match chars[start].0 {
        c @ 'A'..='F' => c as usize - 'A' as usize,
        c @ 'a'..='f' => c as usize - 'a' as usize,
        _ => return None,
    };
    let punct = start + 1 + chars[start + 1..].iter().position(|(c, _)| *c != ' ')?;
    if !matches!(chars[punct].0, '.' | ')' | ':' | '/') {
        return None;
    }
    let end = punct + 1;
    chars.get(end).is_none_or(|(c, _)| c.is_whitespace()).then_some((index, end))
}

fn find_next_option(body: &[(char, u8)], index: usize) -> Option<usize> {
    let next_upper = problem::letter(index + 1);
    let next_lower = next_upper.to_ascii_lowercase();
    (2..body.len().saturating_sub(1)).find(|&j| {
        let c = body[j].0;
        let gap = body[j - 1].0 == '\t' || (body[j - 1].0.is_whitespace() && body[j - 2].0.is_whitespace());
        gap && (c == next_upper || c == next_lower)
            && matches!(body[j + 1].0, '.' | ')')
            && body.get(j + 2).is_none_or(|(c, _)| c.is_whitespace())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<(char, u8)> {
        s.chars().map(|c| (c, 0)).collect()
    }

    #[test]
    fn topics() {
        assert_eq!(topic_line("Chủ đề: Cải cách thể chế").as_deref(), Some("Cải cách thể chế"));
        assert_eq!(topic_line("PHẦN II. CÔNG VỤ").as_deref(), Some("CÔNG VỤ"));
        assert_eq!(topic_line("Chuyên đề 2 - Tài chính công").as_deref(), Some("Tài chính công"));
        assert_eq!(topic_line("I. CẢI CÁCH THỂ CHẾ").as_deref(), Some("CẢI CÁCH THỂ CHẾ"));
        assert_eq!(topic_line("Phần lớn cán bộ"), None);
        assert_eq!(topic_line("Phân tích: x").as_deref(), None);
        assert_eq!(topic_line("C. Ba"), None);
    }

    #[test]
    fn options_on_one_line() {
        let got = split_options(&plain("A. Một\tB. Hai  C. Điều 5. Ba"));
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Một", "Hai", "Điều 5. Ba"]);
    }

    fn from_xml(body: &str, styles: &str, numbering: &str) -> crate::Out {
        let doc =
            format!(r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let styles = Styles::parse(&format!(r#"<w:styles xmlns:w="w">{styles}</w:styles>"#));
        let mut numbering =
            Numbering::parse(&format!(r#"<w:numbering xmlns:w="w">{numbering}</w:numbering>"#));
        let paras = xml::paragraphs(&doc, &styles, &mut numbering).paras;
        let mut sink = Sink::default();
        layout(lines(paras), &mut sink);
        sink.into_parts()
    }

    fn p(text: &str) -> String {
        format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    #[test]
    fn list_numbering_tables_breaks_and_character_styles() {
        // Questions numbered "Câu %1:" and options lettered "%1." by Word lists; options in a
        // table; a manual line break; the answer in the "Strong" character style; a Vietnamese
        // Word heading style; an entity in the text.
        let numbering = r#"
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
              <w:numFmt w:val="decimal"/><w:lvlText w:val="Câu %1:"/></w:lvl></w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>
              <w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="1"/>
              <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#;
        let styles = r#"
            <w:style w:type="paragraph" w:styleId="u1"><w:name w:val="Tiêu đề 1"/></w:style>
            <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>"#;
        let num = |id: u8, text: &str, run_style: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{id}"/></w:numPr></w:pPr>
                   <w:r>{run_style}<w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let strong = r#"<w:rPr><w:rStyle w:val="Strong"/></w:rPr>"#;
        let body = [
            r#"<w:p><w:pPr><w:pStyle w:val="u1"/></w:pPr><w:r><w:t>Pháp luật</w:t></w:r></w:p>"#.to_string(),
            num(1, "Hỏi một?", ""),
            num(2, "Một", ""),
            num(2, "Hai", strong),
            num(1, "Hỏi hai &amp; ba?", ""),
            format!(
                "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
                num(3, "Ba", ""),
                num(3, "Bốn", "")
            ),
            r#"<w:p><w:r><w:t>Đáp án:</w:t><w:br/><w:t>ĐA: A</w:t></w:r></w:p>"#.to_string(),
            p("Câu 3: Bình thường?"),
            r#"<w:p><w:r><w:t>A. Có</w:t><w:tab/><w:t>B. Không</w:t></w:r></w:p>"#.to_string(),
            p("Đáp án: B"),
        ]
        .concat();
        let (questions, problems, _) = from_xml(&body, styles, numbering);
        assert_eq!(problems, vec![]);
        let got: Vec<_> = questions
            .iter()
            .map(|q| (q.line, q.topic.as_deref(), q.text.as_str(), q.options.join("|"), q.correct[0]))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, Some("Pháp luật"), "Hỏi một?", "Một|Hai".to_string(), 1),
                (5, Some("Pháp luật"), "Hỏi hai & ba?", "Ba|Bốn".to_string(), 0),
                (10, Some("Pháp luật"), "Bình thường?", "Có|Không".to_string(), 1),
            ]
        );
    }

    #[test]
    fn preamble_is_ignored_but_stray_text_later_is_reported() {
        let body = [
            p("ĐỀ THI TÌM HIỂU PHÁP LUẬT"),
            p("Câu 1: Hỏi?"),
            p("A. Có"),
            p("B. Không"),
            p("Đáp án: A"),
            p("Đoạn văn lạc chỗ không có phương án."),
        ]
        .concat();
        let (questions, problems, _) = from_xml(&body, "", "");
        assert_eq!(questions.len(), 1);
        assert_eq!(problems, vec![Problem::new(6, problem::ORPHAN_TEXT)]);
    }

    #[test]
    fn unnumbered_questions_separated_by_answers() {
        let body = [
            p("Hỏi một?"),
            p("A. Có"),
            p("B. Không"),
            p("Đáp án: A"),
            p("Hỏi hai?"),
            p("A. Có"),
            p("B. Không"),
            p("Đáp án: B"),
        ]
        .concat();
        let (questions, problems, _) = from_xml(&body, "", "");
        assert_eq!(problems, vec![]);
        let texts: Vec<_> = questions.iter().map(|q| (q.line, q.text.as_str(), q.correct[0])).collect();
        assert_eq!(texts, vec![(1, "Hỏi một?", 0), (5, "Hỏi hai?", 1)]);
    }

    #[test]
    fn marks() {
        assert!(matches!(decide_marks(&[BOLD, BOLD, BOLD | RED, BOLD]), Marked::One(2)));
        assert!(matches!(decide_marks(&[BOLD, BOLD, 0, 0]), Marked::Several(_)));
        assert!(matches!(decide_marks(&[BOLD, BOLD]), Marked::Nothing));
    }
}
