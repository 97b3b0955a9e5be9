//! Reading a Moodle XML file in one pass of XML events, keeping only the text of the
//! elements Moodle's importer itself reads (question/format/xml/format.php), within the
//! crate's limits: nesting, characters kept, questions and problems. Attached files (base64
//! inside `<file>`) are never kept, only noticed.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::format::{to_plain, TextFormat};
use crate::limits::{MAX_OPTIONS_KEPT, MAX_TEXT_CHARS, MAX_XML_DEPTH};
use crate::normalize::clean;
use crate::problem::{self, letter, Problem};
use crate::question::{Answer, Draft, Sink};

/// Starts like an XML document and has Moodle's `<quiz>` root somewhere.
pub fn looks_like(text: &str) -> bool {
    text.trim_start_matches('\u{FEFF}').trim_start().starts_with('<') && text.contains("<quiz")
}

/// The elements that matter, by local name; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Quiz,
    Question,
    Category,
    QuestionText,
    GeneralFeedback,
    Text,
    Answer,
    Feedback,
    Single,
    LegalSource,
    Difficulty,
    /// `<file>` (an attachment, base64) or the old `<image>`/`<image_base64>`.
    Attachment,
    Other,
}

impl Name {
    fn of(e: &BytesStart) -> Name {
        match e.local_name().as_ref() {
            "quiz" => Name::Quiz,
            "question" => Name::Question,
            "category" => Name::Category,
            "questiontext" => Name::QuestionText,
            "generalfeedback" => Name::GeneralFeedback,
            "text" => Name::Text,
            "answer" => Name::Answer,
            "feedback" => Name::Feedback,
            "single" => Name::Single,
            "legalsource" => Name::LegalSource,
            "difficulty" => Name::Difficulty,
            "file" | "image" | "image_base64" => Name::Attachment,
            _ => Name::Other,
        }
    }
}

/// Where captured text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Category,
    QuestionText,
    GeneralFeedback,
    AnswerText,
    AnswerFeedback,
    Single,
    LegalSource,
    Difficulty,
}

/// The field an element starts, given the path below `<question>` including it. Moodle reads
/// `questiontext/text`, `answer/text`, `answer/feedback/text`, and the whole content of
/// `category` (its `<text>`, or the text itself in old files).
fn field_of(path: &[Name]) -> Option<Field> {
    use Name as N;
    Some(match path {
        [N::Category] => Field::Category,
        [N::QuestionText, N::Text] => Field::QuestionText,
        [N::GeneralFeedback, N::Text] => Field::GeneralFeedback,
        [N::Answer, N::Text] => Field::AnswerText,
        [N::Answer, N::Feedback, N::Text] => Field::AnswerFeedback,
        [N::Single] => Field::Single,
        [N::LegalSource] => Field::LegalSource,
        [N::Difficulty] => Field::Difficulty,
        _ => return None,
    })
}

#[derive(Debug, Default)]
struct ReadAnswer {
    fraction: Option<String>,
    format: Option<String>,
    text: Option<String>,
    feedback: Option<String>,
    feedback_format: Option<String>,
    /// A `<file>` in the answer or its feedback.
    files: bool,
}

/// One `<question>` as far as read.
#[derive(Debug, Default)]
struct Reading {
    line: usize,
    kind: String,
    /// Categories and multiple choice are read; other types only refused.
    wanted: bool,
    category: Option<String>,
    text: Option<String>,
    text_format: Option<String>,
    general: Option<String>,
    general_format: Option<String>,
    single: Option<String>,
    answers: Vec<ReadAnswer>,
    answer: Option<ReadAnswer>,
    /// Answers past [`MAX_OPTIONS_KEPT`]: how many, and their fractions.
    extra: Vec<Option<String>>,
    legal: Option<String>,
    difficulty: Option<String>,
    /// A `<file>` in the question text (or the old `<image>`), or in the general feedback.
    text_files: bool,
    general_files: bool,
}

/// Counts lines up to a byte position, moving forward only (positions come in order).
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, pos: u64) -> usize {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(self.bytes.len());
        if pos < self.at {
            return 1 + self.bytes[..pos].iter().filter(|b| **b == b'\n').count();
        }
        self.line += self.bytes[self.at..pos].iter().filter(|b| **b == b'\n').count();
        self.at = pos;
        self.line
    }
}

pub fn parse(text: &str) -> crate::Out {
    let mut state = State { sink: Sink::default(), ..State::default() };
    let result = state.read(text);
    let (questions, mut problems, rejected) = state.sink.into_parts();
    if let Err(stopped) = result {
        problems.push(stopped);
    }
    (questions, problems, rejected)
}

#[derive(Default)]
struct State {
    sink: Sink,
    /// Open elements, `quiz` first.
    stack: Vec<Name>,
    topic: Option<String>,
    /// Questions seen that are not categories (1-based position in the file).
    position: usize,
    question: Option<Reading>,
    /// The field being captured, the stack depth of the element that started it, its text.
    capture: Option<(Field, usize, String)>,
    /// Characters captured so far, against [`MAX_TEXT_CHARS`].
    chars: usize,
}

impl State {
    /// Err is the problem that stopped reading (the questions before it are kept).
    fn read(&mut self, text: &str) -> Result<(), Problem> {
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        let mut lines = Lines { bytes: text.as_bytes(), at: 0, line: 1 };
        let mut seen_root = false;
        loop {
            if self.sink.is_full() {
                return Ok(());
            }
            let start = reader.buffer_position();
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(_) => {
                    let line = lines.at(reader.error_position());
                    return Err(Problem::new(line, super::broken_xml(line)));
                }
            };
            match event {
                Event::Start(e) | Event::Empty(e) if self.stack.is_empty() && Name::of(&e) != Name::Quiz => {
                    return Err(Problem::file(super::NOT_QUIZ));
                }
                Event::Start(e) => {
                    seen_root = true;
                    self.open(&e, &mut || lines.at(start))?;
                }
                Event::Empty(e) => {
                    seen_root = true;
                    self.open(&e, &mut || lines.at(start))?;
                    self.close();
                }
                Event::End(_) => self.close(),
                Event::Text(t) => self.keep(&t.xml10_content())?,
                Event::CData(c) => self.keep(&c.xml10_content())?,
                Event::GeneralRef(r) if self.capture.is_some() => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match r.as_ref() {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            // Not an XML entity (`&nbsp;` written outside CDATA): left as
                            // written, so HTML fields still decode it.
                            other => format!("&{other};"),
                        },
                    };
                    self.keep(&resolved)?;
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !seen_root {
            return Err(Problem::file(super::NOT_QUIZ));
        }
        if !self.stack.is_empty() {
            // The file ends inside an element: cut short (an interrupted download or copy).
            let line = lines.at(text.len() as u64);
            return Err(Problem::new(line, super::broken_xml(line)));
        }
        Ok(())
    }

    /// An element starts; `line` tells where, counted only when a question needs it.
    fn open(&mut self, e: &BytesStart, line: &mut dyn FnMut() -> usize) -> Result<(), Problem> {
        if self.stack.len() >= MAX_XML_DEPTH {
            return Err(Problem::file(super::too_deep()));
        }
        self.stack.push(Name::of(e));
        if self.stack == [Name::Quiz, Name::Question] {
            let kind = attribute(e, "type").unwrap_or_default();
            let line = line();
            let wanted = matches!(kind.as_str(), "multichoice" | "category");
            if kind != "category" {
                self.position += 1;
            }
            if !wanted {
                self.sink.problem(line, super::unsupported(self.position, &kind));
            }
            self.question = Some(Reading { line, kind, wanted, ..Reading::default() });
        } else if let Some(q) = self.question.as_mut().filter(|q| q.wanted) {
            let below = &self.stack[2..];
            attributes(q, below, e);
            if self.capture.is_none() {
                if let Some(field) = field_of(below) {
                    self.capture = Some((field, self.stack.len(), String::new()));
                }
            }
        }
        Ok(())
    }

    fn keep(&mut self, s: &str) -> Result<(), Problem> {
        let Some((_, _, buffer)) = self.capture.as_mut() else { return Ok(()) };
        self.chars += s.chars().count();
        if self.chars > MAX_TEXT_CHARS {
            return Err(Problem::file(problem::too_much_text()));
        }
        buffer.push_str(s);
        Ok(())
    }

    /// The element on top of the stack ends: a captured field is stored, an answer or a
    /// question is complete.
    fn close(&mut self) {
        let depth = self.stack.len();
        if self.capture.as_ref().is_some_and(|(_, d, _)| *d == depth) {
            if let (Some((field, _, text)), Some(q)) = (self.capture.take(), self.question.as_mut()) {
                store(q, field, text);
            }
        }
        match (self.stack.pop(), self.stack.len()) {
            (Some(Name::Answer), 2) => {
                if let Some(q) = self.question.as_mut() {
                    end_answer(q);
                }
            }
            (Some(Name::Question), 1) => {
                if let Some(q) = self.question.take() {
                    match q.kind.as_str() {
                        "category" => self.topic = q.category.as_deref().and_then(super::category_topic),
                        "multichoice" => self.sink.push(draft(q, self.topic.clone())),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// Moodle skips answers whose text is blank; so do we, so that letters match. Past
/// [`MAX_OPTIONS_KEPT`] only the fraction is kept.
fn end_answer(q: &mut Reading) {
    let Some(a) = q.answer.take() else { return };
    if a.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
        if q.answers.len() < MAX_OPTIONS_KEPT {
            q.answers.push(a);
        } else {
            q.extra.push(a.fraction);
        }
    }
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).ok())
            .flatten()
    })
}

/// An element opened inside a question that is read: attributes Moodle reads, attachments.
fn attributes(q: &mut Reading, below: &[Name], e: &BytesStart) {
    use Name as N;
    match below {
        [N::QuestionText] if q.text_format.is_none() => q.text_format = attribute(e, "format"),
        [N::GeneralFeedback] if q.general_format.is_none() => q.general_format = attribute(e, "format"),
        [N::Answer] => {
            q.answer = Some(ReadAnswer {
                fraction: attribute(e, "fraction"),
                format: attribute(e, "format"),
                ..ReadAnswer::default()
            })
        }
        [N::Answer, N::Feedback] => {
            if let Some(a) = q.answer.as_mut().filter(|a| a.feedback_format.is_none()) {
                a.feedback_format = attribute(e, "format");
            }
        }
        _ => {}
    }
    if below.last() == Some(&N::Attachment) {
        match below.first() {
            Some(N::QuestionText | N::Attachment) => q.text_files = true,
            Some(N::GeneralFeedback) => q.general_files = true,
            Some(N::Answer) => {
                if let Some(a) = q.answer.as_mut() {
                    a.files = true;
                }
            }
            _ => {}
        }
    }
}

/// The first occurrence wins, as in Moodle (`questiontext[0].text[0]`).
fn store(q: &mut Reading, field: Field, text: String) {
    let slot = match field {
        Field::Category => &mut q.category,
        Field::QuestionText => &mut q.text,
        Field::GeneralFeedback => &mut q.general,
        Field::Single => &mut q.single,
        Field::LegalSource => &mut q.legal,
        Field::Difficulty => &mut q.difficulty,
        Field::AnswerText | Field::AnswerFeedback => {
            let Some(a) = q.answer.as_mut() else { return };
            if field == Field::AnswerText {
                &mut a.text
            } else {
                &mut a.feedback
            }
        }
    };
    if slot.is_none() {
        *slot = Some(text);
    }
}

/// Full marks, as Moodle writes them ("100", "100.0000000").
fn is_full(f: f64) -> bool {
    (f - 100.0).abs() < 1e-4
}

fn draft(q: Reading, topic: Option<String>) -> Draft {
    let mut d = Draft::new(q.line);
    d.topic = topic;
    // Answers and feedback without a format of their own follow the question text's.
    let format = TextFormat::from_attribute(q.text_format.as_deref().unwrap_or("html"));
    let of = |f: &Option<String>| f.as_deref().map_or(format, TextFormat::from_attribute);
    // Where pictures or attached files are: never dropped silently.
    let mut pictures: Vec<String> = Vec::new();
    let text = to_plain(q.text.as_deref().unwrap_or_default(), format);
    if text.pictures > 0 || q.text_files {
        pictures.push(String::from("phần câu hỏi"));
    }
    d.text = text.text;
    if let Some(general) = &q.general {
        let plain = to_plain(general, of(&q.general_format));
        if plain.pictures > 0 || q.general_files {
            pictures.push(String::from("phần giải thích"));
        }
        d.explanation = Some(plain.text);
    }
    let (mut full, mut partial) = (Vec::new(), Vec::new());
    for (i, a) in q.answers.iter().enumerate() {
        let plain = to_plain(a.text.as_deref().unwrap_or_default(), of(&a.format));
        let feedback = a.feedback.as_deref().map(|f| to_plain(f, of(&a.feedback_format))).unwrap_or_default();
        if plain.pictures + feedback.pictures > 0 || a.files {
            pictures.push(format!("phương án {}", letter(i)));
        }
        let said = clean(&feedback.text);
        d.push_option_with_feedback(plain.text, (!said.is_empty()).then_some(said));
        match grade(a.fraction.as_deref()) {
            Ok(f) if is_full(f) => full.push(i),
            Ok(f) if f > 0.0 => partial.push((i, f)),
            Ok(_) => {}
            Err(raw) => d.problems.push(super::bad_fraction(i, &raw)),
        }
    }
    d.extra_options = q.extra.len();
    for fraction in &q.extra {
        match grade(fraction.as_deref()) {
            Ok(f) if is_full(f) => full.push(MAX_OPTIONS_KEPT),
            Ok(f) if f > 0.0 => partial.push((MAX_OPTIONS_KEPT, f)),
            _ => {}
        }
    }
    // Moodle: `single` is false only when written "false", "0" or empty.
    let single = !matches!(q.single.as_deref().map(str::trim), Some("false" | "0" | ""));
    d.answer = if !partial.is_empty() {
        if !single && full.len() + partial.len() > 1 {
            let mut marked: Vec<usize> =
                full.iter().copied().chain(partial.iter().map(|(i, _)| *i)).collect();
            marked.sort_unstable();
            Answer::Letters(marked)
        } else {
            Answer::Problem(super::partial_credit(&partial))
        }
    } else if full.is_empty() {
        Answer::Problem(super::NO_FULL_MARK.to_string())
    } else {
        Answer::Letters(full)
    };
    if !pictures.is_empty() {
        d.problems.push(problem::pictures(&pictures));
    }
    d.legal_source = q.legal;
    d.difficulty = q.difficulty.unwrap_or_default();
    d
}

/// `fraction` as a number; a missing one is 0, as in Moodle. Err keeps the text written.
fn grade(raw: Option<&str>) -> Result<f64, String> {
    match raw.map(str::trim) {
        None | Some("") => Ok(0.0),
        Some(s) => s.parse::<f64>().ok().filter(|f| f.is_finite()).ok_or_else(|| s.to_string()),
    }
}
