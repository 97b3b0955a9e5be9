//! Question-bank files in and out: Excel (.xlsx), CSV, Word (.docx), Moodle GIFT, Aiken and
//! Moodle XML.
//!
//! The crate is pure on purpose (bytes in, questions and problems out) so the server can run it
//! on an upload without a database transaction open, and tests can feed it real files.
//! Every message meant for a person is Vietnamese; see README.md for the accepted layouts.

mod aiken;
pub mod cell;
mod detect;
mod docx;
mod export;
mod gift;
mod html;
pub mod limits;
mod lines;
mod moodle_xml;
mod normalize;
mod package;
mod problem;
mod question;
mod sheet;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use detect::detect;
pub use docx::{template_docx, DocxLayout, DOCX_LAYOUTS};
pub use export::{export_aiken, export_csv, export_gift, export_xlsx, template_xlsx};
/// Larger uploads are refused before any parsing: a real bank of a few thousand questions is
/// well under 1 MB, so 10 MB leaves room for pictures in Word files without inviting abuse.
pub use limits::MAX_FILE_BYTES;
pub use moodle_xml::export as export_moodle_xml;
pub use problem::{ExportError, Problem};
pub use sheet::SheetRow;

/// The file formats a question bank can be imported from and exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    Xlsx,
    Csv,
    Docx,
    Gift,
    Aiken,
    MoodleXml,
}

impl Format {
    /// Name shown to organizers.
    pub fn label(&self) -> &'static str {
        match self {
            Format::Xlsx => "Excel (.xlsx)",
            Format::Csv => "CSV",
            Format::Docx => "Word (.docx)",
            Format::Gift => "GIFT (Moodle)",
            Format::Aiken => "Aiken",
            Format::MoodleXml => "Moodle XML",
        }
    }
}

/// One valid question read from a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ParsedQuestion {
    /// 1-based: spreadsheet row, or line/paragraph number where the question starts.
    pub line: usize,
    /// Topic name or code as written in the file (None = not given).
    pub topic: Option<String>,
    pub text: String,
    /// 2..=6 options, in order A..F.
    pub options: Vec<String>,
    /// 0-based indexes; valid questions have exactly one.
    pub correct: Vec<usize>,
    pub explanation: Option<String>,
    /// Each option's own feedback (GIFT `~text#feedback`, Moodle XML `<answer><feedback>`), in
    /// the order of `options`; empty when no option has any, else exactly one per option.
    #[serde(default)]
    pub option_feedback: Vec<Option<String>>,
    pub legal_source: Option<String>,
    /// 1 easy, 2 medium, 3 hard.
    pub difficulty: Option<i16>,
}

/// Result of [`parse`]: valid questions plus everything that kept other questions out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    /// None when the file could not be recognised at all.
    pub format: Option<Format>,
    pub questions: Vec<ParsedQuestion>,
    /// Sorted by line; line 0 is about the whole file.
    pub problems: Vec<Problem>,
    /// The questions that have problems, as far as they could be read (same
    /// `line` as their problems), so an organizer can fix them in the preview.
    pub rejected: Vec<ParsedQuestion>,
    /// Which layout of the format was recognised, in Vietnamese for the preview (e.g. "Đã
    /// nhận dạng: bảng, mỗi câu một dòng, cột Đáp án"). Word files only; None when no question
    /// could be read (the preview then lists the layouts that work, see [`DOCX_LAYOUTS`]).
    #[serde(default)]
    pub layout: Option<String>,
}

/// A question to write out; the caller maps its own rows to this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportQuestion {
    pub topic: String,
    pub text: String,
    pub options: Vec<String>,
    pub correct: Vec<usize>,
    pub explanation: Option<String>,
    /// Each option's own feedback, by position (missing or None = none). Written by the GIFT
    /// and Moodle XML exports; Aiken, Excel and CSV have no place for it.
    pub option_feedback: Vec<Option<String>>,
    pub legal_source: Option<String>,
    pub difficulty: i16,
}

/// Reads a question bank. Never panics, whatever the bytes: a broken upload must end up as a
/// problem shown to the organizer, not as a crashed request.
pub fn parse(bytes: &[u8], file_name: Option<&str>) -> Parsed {
    match detect(bytes, file_name) {
        Ok(format) => parse_as(bytes, format),
        Err(problem) => Parsed {
            format: None,
            questions: Vec::new(),
            problems: vec![problem],
            rejected: Vec::new(),
            layout: None,
        },
    }
}

/// Reads `bytes` as `format` without detecting it first, with the same limits and the same
/// promise never to panic as [`parse`]. The fuzz targets use it to reach one reader with
/// every input.
pub fn parse_as(bytes: &[u8], format: Format) -> Parsed {
    if bytes.len() > MAX_FILE_BYTES {
        let problems = vec![Problem::file(problem::too_big(bytes.len()))];
        return Parsed {
            format: Some(format),
            questions: Vec::new(),
            problems,
            rejected: Vec::new(),
            layout: None,
        };
    }
    // The zip, xlsx and xml readers are third-party code fed with hostile input; a panic deep
    // inside one of them must still come back as a problem.
    let result = catch_unwind(AssertUnwindSafe(|| match format {
        // Only Word files have several layouts worth naming.
        Format::Docx => docx::parse(bytes),
        _ => (read_as(format, bytes), None),
    }));
    let ((questions, mut problems, rejected), layout) = match result {
        Ok(out) => out,
        Err(_) => ((Vec::new(), vec![Problem::file(problem::corrupt(format))], Vec::new()), None),
    };
    if questions.is_empty() && problems.is_empty() {
        problems.push(Problem::file(problem::EMPTY_FILE));
    }
    problems.sort_by_key(|p| p.line);
    Parsed { format: Some(format), questions, problems, rejected, layout }
}

/// The first sheet of any .xlsx (not only a question bank, e.g. the unit tree) as its non-empty
/// rows of text, within the same limits as [`parse`]; Err is a Vietnamese refusal. Never
/// panics and never allocates for the sheet's declared size.
pub fn read_sheet(bytes: &[u8]) -> Result<Vec<SheetRow>, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Problem::file(problem::too_big(bytes.len())));
    }
    catch_unwind(AssertUnwindSafe(|| sheet::read_xlsx(bytes)))
        .unwrap_or_else(|_| Err(Problem::file(problem::corrupt(Format::Xlsx))))
}

/// Valid questions, problems, and the questions that had problems as far as they could be read.
pub(crate) type Out = (Vec<ParsedQuestion>, Vec<Problem>, Vec<ParsedQuestion>);

fn read_as(format: Format, bytes: &[u8]) -> crate::Out {
    match format {
        Format::Xlsx => sheet::parse_xlsx(bytes),
        Format::Docx => docx::parse(bytes).0,
        Format::Csv | Format::Gift | Format::Aiken | Format::MoodleXml => match detect::decode_text(bytes) {
            Ok(text) => match format {
                Format::Csv => sheet::parse_csv(&text),
                Format::Gift => gift::parse(&text),
                Format::MoodleXml => moodle_xml::parse(&text),
                _ => aiken::parse(&text),
            },
            Err(problem) => (Vec::new(), vec![problem], Vec::new()),
        },
    }
}
