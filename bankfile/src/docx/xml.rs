//! WordprocessingML reading: paragraphs as characters with their formatting.
//!
//! Word splits one word into several runs (spell-check marks, revision ids), so text is kept per
//! character with the run's marks; the layout joins it and still knows what was bold or red.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::numbering::Numbering;
use crate::limits::{MAX_TEXT_CHARS, MAX_XML_DEPTH};
use crate::normalize::fold;

pub const BOLD: u8 = 1;
pub const UNDERLINE: u8 = 2;
pub const RED: u8 = 4;
pub const HIGHLIGHT: u8 = 8;

/// Set on the characters of an option written with a star (`*C. …`); set by the layout, not
/// by the XML reader, but kept with the other marks so one byte says how an option is marked.
pub const STAR: u8 = 16;

/// A paragraph: characters with their marks ('\n' for a manual line break).
#[derive(Debug, Default, Clone)]
pub struct Para {
    pub chars: Vec<(char, u8)>,
    pub heading: bool,
    /// Title/subtitle: the document's own name, not a topic or a question.
    pub title: bool,
    /// The table cell the paragraph is in (the innermost one), None outside tables.
    pub cell: Option<CellAt>,
}

/// Where a cell is: which table of the document (numbered in reading order), row and column,
/// counting `w:tr` and `w:tc` elements from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellAt {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

/// Run properties as written; None = inherit.
#[derive(Debug, Default, Clone, Copy)]
struct Props {
    bold: Option<bool>,
    underline: Option<bool>,
    red: Option<bool>,
    highlight: Option<bool>,
}

impl Props {
    fn or(self, other: Props) -> Props {
        Props {
            bold: self.bold.or(other.bold),
            underline: self.underline.or(other.underline),
            red: self.red.or(other.red),
            highlight: self.highlight.or(other.highlight),
        }
    }

    fn marks(self) -> u8 {
        let bit = |v: Option<bool>, b: u8| if v == Some(true) { b } else { 0 };
        bit(self.bold, BOLD)
            | bit(self.underline, UNDERLINE)
            | bit(self.red, RED)
            | bit(self.highlight, HIGHLIGHT)
    }

    /// Applies one rPr child element; others are ignored.
    fn apply(&mut self, e: &BytesStart) {
        let val = attr(e, "val");
        match local(e).as_str() {
            "b" => self.bold = Some(on(val.as_deref())),
            "u" => self.underline = Some(!matches!(val.as_deref(), Some("none"))),
            "color" => self.red = Some(val.as_deref().is_some_and(is_red)),
            "highlight" => self.highlight = Some(!matches!(val.as_deref(), Some("none") | None)),
            "shd" => {
                let fill = attr(e, "fill").unwrap_or_default().to_ascii_lowercase();
                if !matches!(fill.as_str(), "" | "auto" | "ffffff") {
                    self.highlight = Some(true);
                }
            }
            _ => {}
        }
    }
}

fn on(val: Option<&str>) -> bool {
    !matches!(val, Some("0" | "false" | "off" | "none"))
}

/// Word's "Red" is FF0000 and "Dark Red" C00000; people also pick E00000-ish reds.
fn is_red(hex: &str) -> bool {
    if hex.len() != 6 {
        return false;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("zz"), 16).ok();
    match (channel(0), channel(2), channel(4)) {
        (Some(r), Some(g), Some(b)) => r >= 0xB0 && g <= 0x70 && b <= 0x70,
        _ => false,
    }
}

pub(super) fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// Attribute by local name (`w:val` -> "val"), entity-decoded.
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.local_name();
        (key.as_ref() == name)
            .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).ok())
            .flatten()
    })
}

#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    heading: bool,
    title: bool,
    props: Props,
}

#[derive(Debug, Default)]
pub struct Styles(HashMap<String, Style>);

impl Styles {
    /// Reads word/styles.xml. Heading styles are found by name or id ("heading 1", "Tiêu đề 1",
    /// "Heading1") or by an outline level, because localised Word versions rename them.
    pub fn parse(xml: &str) -> Styles {
        let mut map = HashMap::new();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut in_rpr = false;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            let (e, is_start) = match &event {
                Event::Start(e) => (Some(e), true),
                Event::Empty(e) => (Some(e), false),
                _ => (None, false),
            };
            if let Some(e) = e {
                match local(e).as_str() {
                    "style" => {
                        let id = attr(e, "styleId").unwrap_or_default();
                        let style = Style { heading: is_heading_name(&id), ..Style::default() };
                        current = Some((id, style));
                    }
                    "name" => {
                        if let Some((_, style)) = current.as_mut() {
                            let name = attr(e, "val").unwrap_or_default();
                            style.heading |= is_heading_name(&name);
                            style.title = matches!(fold(&name).as_str(), "title" | "subtitle" | "tieude");
                        }
                    }
                    "basedOn" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.based_on = attr(e, "val");
                        }
                    }
                    "outlineLvl" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.heading |=
                                attr(e, "val").and_then(|v| v.parse::<u8>().ok()).is_some_and(|l| l < 9);
                        }
                    }
                    "rPr" => in_rpr = is_start,
                    _ if in_rpr => {
                        if let Some((_, style)) = current.as_mut() {
                            style.props.apply(e);
                        }
                    }
                    _ => {}
                }
            }
            if let Event::End(e) = event {
                match e.local_name().as_ref() {
                    "rPr" => in_rpr = false,
                    "style" => {
                        if let Some((id, style)) = current.take() {
                            map.insert(id, style);
                        }
                    }
                    _ => {}
                }
            }
        }
        Styles(map)
    }

    /// Inherited along `basedOn`, bounded because a broken file may contain a cycle.
    fn resolve(&self, id: &str) -> (Props, bool, bool) {
        let mut props = Props::default();
        let mut heading = false;
        let mut title = false;
        let mut next = Some(id.to_string());
        for _ in 0..10 {
            let Some(style) = next.as_ref().and_then(|id| self.0.get(id)) else { break };
            props = props.or(style.props);
            heading |= style.heading;
            title |= style.title;
            next = style.based_on.clone();
        }
        (props, heading, title)
    }
}

fn is_heading_name(name: &str) -> bool {
    let f = fold(name);
    let rest = f.strip_prefix("heading").or_else(|| f.strip_prefix("tieude"));
    rest.is_some_and(|r| r.len() == 1 && r.chars().all(|c| c.is_ascii_digit()))
}

/// Elements whose content is not body text: deleted revisions, text boxes (Word stores each
/// twice, as drawing and as VML fallback), field codes, footnote references.
fn skipped(name: &str) -> bool {
    matches!(name, "del" | "moveFrom" | "txbxContent" | "Fallback" | "instrText" | "delInstrText")
        || is_graphic(name)
}

/// Drawn content in the text: `w:drawing` (Word 2007+), `w:pict` (VML) and `w:object`
/// (embedded objects such as equations, shown as a picture). Their content is skipped; it is a
/// picture when it holds an image or a chart (a text box or a horizontal line is not).
fn is_graphic(name: &str) -> bool {
    matches!(name, "drawing" | "pict" | "object")
}

fn is_image(name: &str) -> bool {
    matches!(name, "blip" | "imagedata" | "chart")
}

/// Marks the characters standing for a picture in the text ([`PICTURE_TEXT`]), so the layout
/// knows which question or option it was in: the import cannot keep pictures, so that question
/// is flagged, never imported without it.
pub const PICTURE: u8 = 32;

/// What a picture becomes in the text: the organizer sees where it was in the preview.
pub const PICTURE_TEXT: &str = "[Hình ảnh]";

/// What word/document.xml holds.
pub struct Document {
    /// In reading order (table cells included); as far as read when broken or too long.
    pub paras: Vec<Para>,
    /// The XML is broken part way.
    pub broken: bool,
    /// Reading the part itself failed part way (a broken zip, or past its size limit).
    pub unreadable: bool,
    /// More than [`MAX_TEXT_CHARS`] characters (list labels included): reading stopped there.
    pub too_long: bool,
    /// Elements nested deeper than [`MAX_XML_DEPTH`]: reading stopped there.
    pub too_deep: bool,
}

/// Paragraphs of word/document.xml, within [`MAX_TEXT_CHARS`] and [`MAX_XML_DEPTH`], read as
/// a stream: the part is never held whole, so what it costs is the text it holds.
pub fn paragraphs(xml: impl BufRead, styles: &Styles, numbering: &mut Numbering) -> Document {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut too_deep = false;
    let mut unreadable = false;
    let mut state = DocState {
        chars: 0,
        styles,
        numbering,
        out: Vec::new(),
        para: None,
        para_props: Props::default(),
        num: (None, 0),
        run: Props::default(),
        run_style: Props::default(),
        in_ppr: false,
        in_run_rpr: false,
        in_text: false,
        tables: Vec::new(),
        next_table: 0,
        scratch: Vec::new(),
    };
    let mut skip = 0usize;
    // Inside a skipped drawing: whether it holds a picture so far.
    let mut graphic: Option<bool> = None;
    let mut broken = false;
    loop {
        if state.chars > MAX_TEXT_CHARS {
            break;
        }
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(e) => e,
            Err(quick_xml::Error::Io(_)) => {
                unreadable = true;
                break;
            }
            Err(_) => {
                broken = true;
                break;
            }
        };
        match &event {
            Event::Start(_) | Event::Empty(_) if depth + 1 > MAX_XML_DEPTH => {
                too_deep = true;
                break;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if skip > 0 {
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    if matches!(event, Event::Start(_)) {
                        skip += 1;
                    }
                    if let Some(seen) = graphic.as_mut() {
                        *seen |= is_image(&local(e));
                    }
                }
                Event::End(_) => {
                    skip -= 1;
                    if skip == 0 && graphic.take() == Some(true) {
                        state.picture();
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if skipped(&name) {
                    skip = 1;
                    graphic = is_graphic(&name).then_some(false);
                } else {
                    state.open(&e, true);
                }
            }
            Event::Empty(e) => state.open(&e, false),
            Event::End(e) => state.close(e.local_name().as_ref()),
            Event::Text(t) if state.in_text => {
                for c in t.chars() {
                    state.push(c);
                }
            }
            Event::GeneralRef(r) if state.in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    state.push(c);
                }
            }
            _ => {}
        }
    }
    state.end_paragraph();
    Document { too_long: state.chars > MAX_TEXT_CHARS, paras: state.out, broken, unreadable, too_deep }
}

struct DocState<'a> {
    /// Characters pushed so far, against [`MAX_TEXT_CHARS`].
    chars: usize,
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    out: Vec<Para>,
    para: Option<Para>,
    para_props: Props,
    num: (Option<String>, u8),
    run: Props,
    run_style: Props,
    in_ppr: bool,
    in_run_rpr: bool,
    in_text: bool,
    /// Open tables, innermost last: (table number, row, column), counted from 0.
    tables: Vec<(usize, Option<usize>, Option<usize>)>,
    next_table: usize,
    /// The characters of the paragraph being read are collected here, then copied out.
    scratch: Vec<(char, u8)>,
}

impl DocState<'_> {
    /// A picture ends up in the paragraph it is in, and that paragraph in the cell it is in: a
    /// drawing Word wrote straight into a cell, with no paragraph of its own (or a paragraph
    /// left open from another cell), gets a paragraph of its own in its own cell, so it is
    /// neither lost nor credited to the cell before it.
    fn picture(&mut self) {
        let here = self.cell();
        if self.para.as_ref().is_some_and(|p| p.cell != here) {
            self.end_paragraph();
        }
        let alone = self.para.is_none();
        if alone {
            self.para = Some(self.new_para(here));
        }
        let Some(p) = self.para.as_mut() else { return };
        let text = format!(" {PICTURE_TEXT} ");
        self.chars += text.chars().count();
        if self.chars <= MAX_TEXT_CHARS {
            p.chars.extend(text.chars().map(|c| (c, PICTURE)));
        }
        if alone {
            self.end_paragraph();
        }
    }

    fn cell(&self) -> Option<CellAt> {
        let (table, row, col) = *self.tables.last()?;
        Some(CellAt { table, row: row.unwrap_or(0), col: col.unwrap_or(0) })
    }

    fn push(&mut self, c: char) {
        let marks = self.run.or(self.run_style).or(self.para_props).marks();
        if let Some(p) = self.para.as_mut() {
            self.chars += 1;
            if self.chars <= MAX_TEXT_CHARS {
                p.chars.push((c, marks));
            }
        }
    }

    /// A new paragraph, filled in the reused buffer (growing a vector per paragraph, one
    /// character at a time, was a fifth of the time on large files).
    fn new_para(&mut self, cell: Option<CellAt>) -> Para {
        Para { chars: std::mem::take(&mut self.scratch), cell, ..Para::default() }
    }

    fn end_paragraph(&mut self) {
        if let Some(mut p) = self.para.take() {
            // Kept at its exact size; the buffer goes back for the next paragraph.
            let exact = p.chars.as_slice().to_vec();
            self.scratch = std::mem::replace(&mut p.chars, exact);
            self.scratch.clear();
            self.out.push(p);
        }
    }

    fn open(&mut self, e: &BytesStart, is_start: bool) {
        let name = local(e);
        match name.as_str() {
            "tbl" if is_start => {
                self.tables.push((self.next_table, None, None));
                self.next_table += 1;
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.1 = Some(t.1.map_or(0, |r| r + 1));
                    t.2 = None;
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.2 = Some(t.2.map_or(0, |c| c + 1));
                }
            }
            "p" => {
                self.end_paragraph();
                self.para = Some(self.new_para(self.cell()));
                self.para_props = Props::default();
                self.num = (None, 0);
                if !is_start {
                    self.end_paragraph();
                }
            }
            "pPr" => self.in_ppr = is_start,
            "pStyle" if self.in_ppr => {
                let (props, heading, title) = self.styles.resolve(&attr(e, "val").unwrap_or_default());
                self.para_props = props;
                if let Some(p) = self.para.as_mut() {
                    p.heading |= heading;
                    p.title |= title;
                }
            }
            "outlineLvl" if self.in_ppr && !self.in_run_rpr => {
                let level = attr(e, "val").and_then(|v| v.parse::<u8>().ok());
                if let (Some(p), Some(l)) = (self.para.as_mut(), level) {
                    p.heading |= l < 9;
                }
            }
            "numId" if self.in_ppr => self.num.0 = attr(e, "val"),
            "ilvl" if self.in_ppr => self.num.1 = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
            "r" => {
                self.run = Props::default();
                self.run_style = Props::default();
            }
            // rPr inside pPr formats the paragraph mark only, never the text.
            "rPr" if !self.in_ppr => self.in_run_rpr = is_start,
            "rStyle" if self.in_run_rpr => {
                self.run_style = self.styles.resolve(&attr(e, "val").unwrap_or_default()).0;
            }
            "t" => self.in_text = is_start,
            "tab" if !self.in_ppr => self.push('\t'),
            "br" | "cr" if !self.in_ppr => self.push('\n'),
            "noBreakHyphen" => self.push('-'),
            _ if self.in_run_rpr => self.run.apply(e),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "rPr" => self.in_run_rpr = false,
            "pPr" => {
                self.in_ppr = false;
                // Numbering is known once pPr ends, before any run of the paragraph.
                if let Some(id) = self.num.0.take() {
                    if let Some(label) = self.numbering.label(&id, self.num.1) {
                        if let Some(p) = self.para.as_mut() {
                            self.chars += label.chars().count() + 1;
                            if self.chars <= MAX_TEXT_CHARS {
                                p.chars.extend(label.chars().map(|c| (c, 0)));
                                p.chars.push((' ', 0));
                            }
                        }
                    }
                }
            }
            "p" => self.end_paragraph(),
            "tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }
}
