//! Word (.docx) question banks, written the way Vietnamese banks really are: "Câu 1:" stems,
//! "A." options on their own lines, the answer either on a "Đáp án: B" line, shown by making
//! the right option bold, underlined, red or highlighted, or by a star (`*C. …`); tables with
//! one question per row or one table per question; an answer key at the end. See README.md.
//!
//! Line numbers count non-empty lines: each paragraph (table cells included) is a line, and a
//! manual line break (Shift+Enter) inside a paragraph starts a new one.

mod key;
mod numbering;
mod options;
mod table;
mod template;
mod xml;

use std::io::Read;

use crate::limits::{MAX_PART_BYTES, MAX_QUESTIONS, MAX_STREAMED_PART_BYTES};
use crate::package::{Capped, Part};

use crate::normalize::{clean, question_start, strip_label};
use crate::problem::{self, Problem};
use crate::question::{Answer, Draft, Sink};
use crate::Format;
use numbering::Numbering;
use options::{decide_marks, is_option_line, split_options, starred, Marked};
use table::{Block, RowTable};
pub use template::{template_docx, DocxLayout, DOCX_LAYOUTS};
use xml::{CellAt, Para, Styles, PICTURE};

/// Questions and problems, and which layout was recognised (Vietnamese, for the preview).
pub fn parse(bytes: &[u8]) -> (crate::Out, Option<String>) {
    match read_paragraphs(bytes) {
        Ok((paras, broken)) => {
            let mut sink = Sink::default();
            if broken {
                sink.problem(0, problem::corrupt(Format::Docx));
            }
            let seen = layout(table::blocks(lines(paras)), &mut sink);
            (sink.into_parts(), seen.describe())
        }
        Err(p) => ((Vec::new(), vec![p], Vec::new()), None),
    }
}

/// Paragraphs, and whether the XML broke part way (what came before is still used).
fn read_paragraphs(bytes: &[u8]) -> Result<(Vec<Para>, bool), Problem> {
    const DOCUMENT: &str = "word/document.xml";
    let mut archive = crate::package::open(bytes)?;
    crate::package::check(&mut archive, |name| match name {
        DOCUMENT => Part::Streamed,
        "word/styles.xml" | "word/numbering.xml" => Part::Meta,
        _ => Part::Skip,
    })?;
    let styles = read_part(&mut archive, "word/styles.xml").ok().flatten().map(|s| Styles::parse(&s));
    let mut numbering = read_part(&mut archive, "word/numbering.xml")
        .ok()
        .flatten()
        .map(|s| Numbering::parse(&s))
        .unwrap_or_default();
    let styles = styles.unwrap_or_default();
    let file = match archive.by_name(DOCUMENT) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(Problem::file(problem::corrupt(Format::Docx)))
        }
        Err(_) => return Err(Problem::file(problem::CORRUPT_ZIP)),
    };
    // Streamed, never held whole; the declared size can lie, so the read is capped too.
    let mut part = Capped::new(file, MAX_STREAMED_PART_BYTES);
    let read =
        xml::paragraphs(std::io::BufReader::with_capacity(64 * 1024, &mut part), &styles, &mut numbering);
    if part.over {
        return Err(Problem::file(problem::part_too_big(DOCUMENT)));
    }
    if read.unreadable {
        return Err(Problem::file(problem::CORRUPT_ZIP));
    }
    if read.too_deep {
        return Err(Problem::file(problem::too_deep(DOCUMENT)));
    }
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
pub struct Line {
    number: usize,
    chars: Vec<(char, u8)>,
    text: String,
    heading: bool,
    /// The document's title: counted as a line but otherwise ignored.
    title: bool,
    after_blank: bool,
    /// The table cell it is in, until `table::blocks` has placed it.
    cell: Option<CellAt>,
    /// It holds a picture (shown as [`xml::PICTURE_TEXT`]).
    pictures: bool,
    /// It came from a table (for the layout shown in the preview).
    in_table: bool,
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
            out.push(Line {
                number: out.len() + 1,
                chars: piece.to_vec(),
                text,
                heading: para.heading,
                title: para.title,
                after_blank,
                cell: para.cell,
                pictures: piece.iter().any(|(_, m)| m & PICTURE != 0),
                in_table: para.cell.is_some(),
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
    Difficulty(String),
    /// "BẢNG ĐÁP ÁN": an answer key may follow.
    KeyHeading,
    Other,
}

pub(crate) const ANSWER_LABELS: [&str; 7] = [
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
    if key::is_heading(text) {
        return Kind::KeyHeading;
    }
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
    if let Some(rest) = strip_label(text, &["mucdo", "dokho"], false) {
        if crate::normalize::difficulty(rest).is_ok() {
            return Kind::Difficulty(rest.to_string());
        }
    }
    if let Some(topic) = topic_line(text) {
        return Kind::Topic(topic);
    }
    if is_option_line(text) {
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

/// The number a question is written with ("Câu 12:", "12.", a Word list's "Câu %1:").
fn question_number(text: &str) -> Option<u32> {
    question_start(text)?;
    let rest = strip_label(text, &["cau", "cauhoi", "question", "bai"], true).unwrap_or(text);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
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
    /// As written in the file, for the answer key.
    number: Option<u32>,
    marks: Vec<u8>,
    written: Option<Answer>,
    stage: Stage,
    /// Where its pictures are ("phần câu hỏi", "phương án B").
    pictures: Vec<String>,
    /// It starts in a table (one table per question).
    in_table: bool,
}

impl Current {
    fn new(line: &Line, text: String, numbered: bool, topic: &Option<String>) -> Self {
        let mut draft = Draft::new(line.number);
        draft.text = text;
        draft.topic = topic.clone();
        Current {
            draft,
            numbered,
            number: if numbered { question_number(&line.text) } else { None },
            marks: Vec::new(),
            written: None,
            stage: Stage::Stem,
            pictures: Vec::new(),
            in_table: line.in_table,
        }
    }

    fn picture(&mut self, place: String) {
        if !self.pictures.contains(&place) {
            self.pictures.push(place);
        }
    }
}

/// Which layouts and answer markings the file used, for the preview.
#[derive(Default)]
struct Seen {
    list: bool,
    cell_table: bool,
    row_table: bool,
    answer_column: bool,
    answer_line: bool,
    formatting: bool,
    star: bool,
    key: bool,
}

impl Seen {
    fn describe(&self) -> Option<String> {
        let mut parts: Vec<&str> = Vec::new();
        if self.row_table {
            parts.push(if self.answer_column {
                "bảng, mỗi câu một dòng, cột Đáp án"
            } else {
                "bảng, mỗi câu một dòng"
            });
        }
        if self.cell_table {
            parts.push("bảng hai cột, mỗi câu một bảng");
        }
        if self.list {
            parts.push("danh sách “Câu 1:” với phương án “A.”");
        }
        if parts.is_empty() {
            return None;
        }
        let mut answers: Vec<&str> = Vec::new();
        if self.answer_line {
            answers.push("dòng “Đáp án:”");
        }
        if self.formatting {
            answers.push("phương án in đậm, gạch chân hoặc tô màu");
        }
        if self.star {
            answers.push("phương án có dấu *");
        }
        if self.key {
            answers.push("bảng đáp án cuối tệp");
        }
        let mut out = format!("Đã nhận dạng: {}", parts.join("; "));
        if !answers.is_empty() {
            out.push_str(&format!("; đáp án theo {}", answers.join(", ")));
        }
        Some(out)
    }
}

/// A question read, waiting for the answer key at the end of the file.
struct Waiting {
    draft: Draft,
    number: Option<u32>,
}

struct Layout<'a> {
    sink: &'a mut Sink,
    read: Vec<Waiting>,
    key: Vec<key::Entry>,
    seen: Seen,
    seen_question: bool,
}

fn layout(blocks: Vec<Block>, sink: &mut Sink) -> Seen {
    let mut state =
        Layout { sink, read: Vec::new(), key: Vec::new(), seen: Seen::default(), seen_question: false };
    let mut topic: Option<String> = None;
    let mut current: Option<Current> = None;
    // After "BẢNG ĐÁP ÁN" (or a key table): key lines are read as the key.
    let mut in_key = false;
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        if state.read.len() > MAX_QUESTIONS {
            break;
        }
        let line = match block {
            Block::Rows(t) => {
                state.finish(current.take());
                state.rows(t, &topic);
                in_key = false;
                continue;
            }
            Block::Key(entries) => {
                state.finish(current.take());
                state.key.extend(entries);
                in_key = true;
                continue;
            }
            Block::Line(line) => line,
        };
        if line.title {
            continue;
        }
        if in_key {
            if let Some(pairs) = key::line_entries(&line.text) {
                state.key.extend(pairs.into_iter().map(|(number, letter)| key::Entry {
                    line: line.number,
                    number,
                    letter,
                }));
                continue;
            }
            in_key = false;
        }
        let kind = classify(&line);
        // "Đáp án: 1-B, 2-C" on one line, or a heading followed by the key.
        if let Kind::Answer(rest) = &kind {
            if let Some(pairs) = key::line_entries(rest) {
                state.finish(current.take());
                state.key.extend(pairs.into_iter().map(|(number, letter)| key::Entry {
                    line: line.number,
                    number,
                    letter,
                }));
                in_key = true;
                continue;
            }
        }
        if matches!(kind, Kind::KeyHeading) {
            let key_follows = match blocks.peek() {
                Some(Block::Key(_)) => true,
                Some(Block::Line(next)) => key::line_entries(&next.text).is_some(),
                _ => false,
            };
            if key_follows {
                state.finish(current.take());
                in_key = true;
                continue;
            }
        }
        let pictures = line.pictures;
        // A picture on a line of its own under an option (its own paragraph, or a table row
        // whose label cell is empty) belongs to that option, not to a new question.
        if pictures && matches!(kind, Kind::Other) && only_pictures(&line) {
            if let Some(c) = current.as_mut().filter(|c| c.stage == Stage::Options) {
                if let Some(last) = c.draft.options.last_mut() {
                    last.push(' ');
                    last.push_str(&line.text);
                    let at = c.draft.options.len() - 1;
                    c.picture(format!("phương án {}", problem::letter(at)));
                    continue;
                }
            }
        }
        match kind {
            Kind::KeyHeading => {
                // "ĐÁP ÁN" with no key after it: an empty answer line of the question.
                if let Some(c) = current.as_mut() {
                    c.written = Some(Answer::Missing);
                    c.stage = Stage::Answer;
                }
            }
            Kind::Topic(name) => {
                state.finish(current.take());
                topic = Some(name);
            }
            Kind::Question(rest) => {
                state.finish(current.take());
                current = Some(Current::new(&line, rest, true, &topic));
            }
            Kind::Options => {
                let needs_new = current.as_ref().is_none_or(|c| c.stage > Stage::Options);
                if needs_new {
                    state.finish(current.take());
                    // An option with no question before it: reported as a question without text.
                    current = Some(Current::new(&line, String::new(), true, &topic));
                }
                if let Some(c) = current.as_mut() {
                    for (text, marks) in split_options(&line.chars) {
                        if marks & PICTURE != 0 {
                            c.picture(format!("phương án {}", problem::letter(c.draft.options.len())));
                        }
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
                None => state.sink.problem(line.number, "Dòng đáp án không thuộc câu hỏi nào."),
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
            Kind::Difficulty(rest) => {
                if let Some(c) = current.as_mut() {
                    c.draft.difficulty = rest;
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
                        state.finish(current.take());
                        current = Some(Current::new(&line, text, false, &topic));
                    }
                }
            }
        }
        if pictures {
            match current.as_mut() {
                Some(c) if c.stage == Stage::Options => {}
                Some(c) => c.picture("phần câu hỏi".to_string()),
                None => state.sink.problem(line.number, problem::PICTURE_ALONE),
            }
        }
    }
    state.finish(current.take());
    state.done();
    state.seen
}

/// True when a line holds pictures and nothing else (spaces apart).
fn only_pictures(line: &Line) -> bool {
    line.chars.iter().all(|(c, m)| m & PICTURE != 0 || c.is_whitespace())
}

impl Layout<'_> {
    fn finish(&mut self, current: Option<Current>) {
        let Some(mut c) = current else { return };
        if !c.numbered && c.draft.options.is_empty() && c.written.is_none() {
            // A title or introduction before the first question is not an error; stray text later is.
            if !c.pictures.is_empty() {
                self.sink.problem(c.draft.line, problem::PICTURE_ALONE);
            } else if self.seen_question {
                self.sink.problem(c.draft.line, problem::ORPHAN_TEXT);
            }
            return;
        }
        self.seen_question = true;
        if c.in_table {
            self.seen.cell_table = true;
        } else {
            self.seen.list = true;
        }
        c.draft.answer = self.decide(c.written.take(), &c.marks);
        if !c.pictures.is_empty() {
            c.draft.problems.push(problem::pictures(&c.pictures));
        }
        self.read.push(Waiting { draft: c.draft, number: c.number });
    }

    /// The answer from the answer line, the stars and the formatting; Missing leaves it to
    /// the answer key.
    fn decide(&mut self, written: Option<Answer>, marks: &[u8]) -> Answer {
        let (marked, by_star) = match starred(marks) {
            Marked::Nothing => (decide_marks(marks), false),
            stars => (stars, true),
        };
        let answer = match (written, marked) {
            (Some(Answer::Letters(w)), Marked::One(m)) if w.len() == 1 && w[0] != m => {
                Answer::Problem(if by_star {
                    problem::star_disagrees(w[0], m)
                } else {
                    problem::answer_disagrees(w[0], m)
                })
            }
            // An explicit answer line wins over ambiguous formatting (e.g. bold used for emphasis).
            (Some(written), _) => {
                self.seen.answer_line |= !matches!(written, Answer::Missing);
                return written;
            }
            (None, Marked::One(m)) => Answer::Letters(vec![m]),
            (None, Marked::Several(v)) => Answer::Letters(v),
            (None, Marked::Nothing) => return Answer::Missing,
        };
        if by_star {
            self.seen.star = true;
        } else {
            self.seen.formatting = true;
        }
        answer
    }

    /// A table with one question per row: each row is a question read like a spreadsheet row.
    fn rows(&mut self, table: RowTable, topic: &Option<String>) {
        self.seen.row_table |= !table.rows.is_empty();
        self.seen.answer_column |= table.answer_column;
        for row in table.rows {
            if self.read.len() > MAX_QUESTIONS {
                return;
            }
            self.seen_question = true;
            let mut draft = Draft::new(row.line);
            draft.topic = row.topic.or_else(|| topic.clone());
            draft.text = row.text;
            draft.explanation = row.explanation;
            draft.legal_source = row.legal_source;
            draft.difficulty = row.difficulty;
            let mut marks = Vec::new();
            for (text, m) in row.options {
                draft.push_option(text);
                marks.push(m);
            }
            let written = (!clean(&row.answer).is_empty()).then(|| Answer::from_raw(&row.answer));
            // The answer column is named as such in the layout, not as an answer line.
            let answer_line = self.seen.answer_line;
            draft.answer = self.decide(written, &marks);
            self.seen.answer_line = answer_line;
            if !row.pictures.is_empty() {
                draft.problems.push(problem::pictures(&row.pictures));
            }
            self.read.push(Waiting { draft, number: row.number });
        }
    }

    /// Applies the answer key, then hands every question to the sink.
    fn done(&mut self) {
        let mut read = std::mem::take(&mut self.read);
        if !self.key.is_empty() {
            // Questions are known by the number they are written with; unnumbered ones by
            // their place in the file.
            let keyed: Vec<key::Keyed> = read
                .iter_mut()
                .enumerate()
                .map(|(i, r)| key::Keyed {
                    answer: &mut r.draft.answer,
                    number: r.number.unwrap_or(i as u32 + 1),
                })
                .collect();
            self.seen.key |= key::apply(keyed, &self.key, self.sink);
        }
        for r in read {
            self.sink.push(r.draft);
        }
    }
}

#[cfg(test)]
mod tests;
