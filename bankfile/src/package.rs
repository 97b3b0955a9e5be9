//! .docx and .xlsx files are zip "packages" of XML parts. Third-party readers (calamine, our own
//! Word reader) trust what a part says about itself, so a 1.5 KB file can make them allocate
//! gigabytes. This module opens a package within the limits and, before any reader starts,
//! inflates each XML part once (streamed, nothing kept) to check its real size, its nesting
//! depth and its number of shared strings.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use crate::limits::{
    MAX_CELL_STYLES, MAX_INFLATED_BYTES, MAX_META_ELEMENTS, MAX_META_TAG_BYTES, MAX_PART_BYTES,
    MAX_SHARED_STRINGS, MAX_STREAMED_PART_BYTES, MAX_XML_DEPTH, MAX_ZIP_ENTRIES,
};
use crate::problem::{self, Problem};

pub type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn corrupt_zip() -> Problem {
    Problem::file(problem::CORRUPT_ZIP)
}

/// Opens the zip, refusing one with more entries than any Office file has.
pub fn open(bytes: &[u8]) -> Result<Archive<'_>, Problem> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| corrupt_zip())?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Problem::file(problem::too_many_parts()));
    }
    Ok(archive)
}

/// How a part is scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Not read by any reader: only its declared size is checked.
    Skip,
    /// Text the importer keeps (sheets, shared strings, document.xml): size and depth.
    Content,
    /// Definitions a reader turns into structures, some copied per cell (styles, numbering,
    /// workbook, relationships): also small tags, few elements and few cell styles.
    Meta,
    /// Read once, streamed, by a reader that keeps only bounded text (Word's document.xml):
    /// its declared size is checked here against [`MAX_STREAMED_PART_BYTES`], and its real
    /// size and depth while it is read ([`Capped`] and the reader's own depth count), so it
    /// is not inflated twice and never held whole.
    Streamed,
}

/// The .xlsx parts calamine opens: the definitions among them are `Meta`, the rest `Content`.
pub fn xlsx_part(name: &str) -> Part {
    let lower = name.to_ascii_lowercase();
    if !is_xml(&lower) {
        Part::Skip
    } else if lower.ends_with(".rels")
        || lower == "xl/styles.xml"
        || lower == "xl/workbook.xml"
        || lower.starts_with("xl/theme/")
    {
        Part::Meta
    } else {
        Part::Content
    }
}

/// Checks every part's declared size, then really inflates the XML parts a reader may open
/// within one shared budget, so lying sizes and parts that share their compressed data
/// (overlapping zip bombs) are caught too.
pub fn check(archive: &mut Archive, kind: impl Fn(&str) -> Part) -> Result<(), Problem> {
    // Streamed parts have their own total, since they are never held in memory.
    let (mut declared, mut streamed) = (0u64, 0u64);
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(|_| corrupt_zip())?;
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        let too_big = if kind(&name) == Part::Streamed {
            streamed = streamed.saturating_add(file.size());
            streamed > MAX_STREAMED_PART_BYTES
        } else {
            declared = declared.saturating_add(file.size());
            file.size() > MAX_PART_BYTES || declared > MAX_INFLATED_BYTES
        };
        if too_big {
            return Err(Problem::file(problem::part_too_big(&name)));
        }
        names.push(name);
    }
    let mut budget = MAX_INFLATED_BYTES;
    for (i, name) in names.iter().enumerate() {
        let part = kind(name);
        if matches!(part, Part::Skip | Part::Streamed) {
            continue;
        }
        let file = archive.by_index(i).map_err(|_| corrupt_zip())?;
        scan(file, name, part, &mut budget)?;
    }
    Ok(())
}

/// True for the parts that hold XML (what the readers parse).
pub fn is_xml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels")
}

/// A part read as a stream, failing once more than `left` bytes come out of it: the declared
/// size can lie, so the real inflated size is capped while it is read.
pub struct Capped<R> {
    inner: R,
    left: u64,
    /// The part went past its limit (the read failed for that reason, not a broken zip).
    pub over: bool,
}

impl<R: Read> Capped<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        Capped { inner, left: limit, over: false }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(left) => {
                self.left = left;
                Ok(n)
            }
            None => {
                self.over = true;
                Err(std::io::Error::other("part larger than its limit"))
            }
        }
    }
}

/// Counts what passes through, so the real inflated size is known.
struct Counting<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Streams one part through an XML tokenizer: real size, depth and `<si>` count, and for
/// definitions the size of each tag, the number of elements and of cell styles (`<xf>`).
fn scan(part: impl Read, name: &str, kind: Part, budget: &mut u64) -> Result<(), Problem> {
    let too_big = || Problem::file(problem::part_too_big(name));
    let limit = MAX_PART_BYTES.min(*budget);
    let mut counted = Counting { inner: part.take(limit + 1), read: 0 };
    let mut depth = 0usize;
    let mut strings = 0usize;
    let (mut elements, mut styles) = (0usize, 0usize);
    let unusual = || Problem::file(problem::unusual_part(name));
    {
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(&mut counted));
        reader.config_mut().check_end_names = false;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let (opens, tag) = match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => (true, e),
                Ok(Event::Empty(e)) => (false, e),
                Ok(Event::End(_)) => {
                    depth = depth.saturating_sub(1);
                    continue;
                }
                // Broken XML is the reader's to report; the size is still checked below.
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            if depth + 1 > MAX_XML_DEPTH {
                return Err(Problem::file(problem::too_deep(name)));
            }
            if opens {
                depth += 1;
            }
            if kind == Part::Meta {
                // calamine copies a style's font into every cell style: both must stay small.
                elements += 1;
                if tag.len() > MAX_META_TAG_BYTES || elements > MAX_META_ELEMENTS {
                    return Err(unusual());
                }
                if tag.local_name().as_ref() == "xf" {
                    styles += 1;
                    if styles > MAX_CELL_STYLES {
                        return Err(unusual());
                    }
                }
            }
            if tag.local_name().as_ref() == "si" {
                strings += 1;
                if strings > MAX_SHARED_STRINGS {
                    return Err(Problem::file(problem::too_many_strings()));
                }
            }
        }
    }
    // Whatever the tokenizer left unread still counts towards the size.
    std::io::copy(&mut counted, &mut std::io::sink()).map_err(|_| corrupt_zip())?;
    if counted.read > limit {
        return Err(too_big());
    }
    *budget -= counted.read;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_and_strings_are_counted() {
        let mut budget = MAX_INFLATED_BYTES;
        let deep = "<a>".repeat(MAX_XML_DEPTH + 1);
        assert!(scan(deep.as_bytes(), "x.xml", Part::Content, &mut budget).is_err());
        let ok = "<a>".repeat(MAX_XML_DEPTH);
        assert!(scan(ok.as_bytes(), "x.xml", Part::Content, &mut budget).is_ok());
        let strings = "<si/>".repeat(MAX_SHARED_STRINGS + 1);
        let err = scan(strings.as_bytes(), "sharedStrings.xml", Part::Content, &mut budget).unwrap_err();
        assert!(err.message.contains("200.000"), "{}", err.message);
    }

    #[test]
    fn definitions_stay_small() {
        let mut budget = MAX_INFLATED_BYTES;
        let styles = format!("<cellXfs>{}</cellXfs>", "<xf/>".repeat(MAX_CELL_STYLES + 1));
        assert!(scan(styles.as_bytes(), "xl/styles.xml", Part::Meta, &mut budget).is_err());
        assert!(scan(styles.as_bytes(), "xl/worksheets/sheet1.xml", Part::Content, &mut budget).is_ok());
        let font = format!("<font name=\"{}\"/>", "x".repeat(MAX_META_TAG_BYTES));
        assert!(scan(font.as_bytes(), "xl/styles.xml", Part::Meta, &mut budget).is_err());
        assert_eq!(xlsx_part("xl/styles.xml"), Part::Meta);
        assert_eq!(xlsx_part("xl/worksheets/sheet1.xml"), Part::Content);
        assert_eq!(xlsx_part("xl/media/image1.png"), Part::Skip);
    }

    #[test]
    fn a_capped_stream_fails_past_its_limit_and_says_why() {
        let mut ok = Capped::new(&b"12345"[..], 5);
        assert_eq!(std::io::read_to_string(&mut ok).ok().as_deref(), Some("12345"));
        assert!(!ok.over);
        let mut over = Capped::new(&b"123456"[..], 5);
        assert!(std::io::read_to_string(&mut over).is_err());
        assert!(over.over);
    }

    #[test]
    fn the_budget_is_shared() {
        let mut budget = 10;
        assert!(scan(&b"<a>12345</a>"[..], "x.xml", Part::Content, &mut budget).is_err());
    }
}
