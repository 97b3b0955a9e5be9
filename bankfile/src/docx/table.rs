//! Tables in a Word bank, in the three ways banks use them:
//! - one row per question under a header row (`STT | Câu hỏi | A | B | C | D | Đáp án`), the
//!   header matched like a spreadsheet's (any order, case and diacritics ignored);
//! - a small table per question whose rows start with a label cell (`Câu 1 | …`, `A | …`,
//!   `Đáp án | B`): each such row is read as the line "Câu 1: …", "A. …", "Đáp án: B";
//! - an answer key (numbers over letters), see `key.rs`.
//!
//! Any other table is read cell by cell in reading order, as before.

use super::key::{self, Entry, KeyCell};
use super::options::cell_option;
use super::Line;
use crate::normalize::{fold, question_start};
use crate::sheet::{column, Column};

pub enum Block {
    Line(Line),
    Rows(RowTable),
    Key(Vec<Entry>),
}

/// A table with one question per row.
pub struct RowTable {
    pub answer_column: bool,
    pub rows: Vec<TableQuestion>,
}

pub struct TableQuestion {
    pub line: usize,
    /// The STT cell, when it holds a number.
    pub number: Option<u32>,
    pub text: String,
    /// Text and marks per option column A.. (empty text where the cell is empty).
    pub options: Vec<(String, u8)>,
    pub answer: String,
    pub explanation: Option<String>,
    pub legal_source: Option<String>,
    pub topic: Option<String>,
    pub difficulty: String,
    /// Where pictures are ("phần câu hỏi", "phương án B").
    pub pictures: Vec<String>,
}

struct Cell {
    col: usize,
    lines: Vec<Line>,
}

impl Cell {
    /// The cell's text, lines joined by a space (borrowed for a one-line cell, the usual).
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self.lines.as_slice() {
            [one] => std::borrow::Cow::Borrowed(one.text.as_str()),
            lines => {
                std::borrow::Cow::Owned(lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "))
            }
        }
    }

    /// The cell's characters, lines joined by a space.
    fn chars(&self) -> Vec<(char, u8)> {
        let mut out = Vec::new();
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push((' ', 0));
            }
            out.extend_from_slice(&l.chars);
        }
        out
    }

    fn pictures(&self) -> bool {
        self.lines.iter().any(|l| l.pictures)
    }
}

/// Lines grouped: those of one table become one block (or lines again, for ordinary tables).
pub fn blocks(lines: Vec<Line>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut iter = lines.into_iter().peekable();
    while let Some(line) = iter.next() {
        let Some(at) = line.cell else {
            out.push(Block::Line(line));
            continue;
        };
        let mut group = vec![line];
        while let Some(next) = iter.next_if(|l| l.cell.is_some_and(|c| c.table == at.table)) {
            group.push(next);
        }
        table(group, &mut out);
    }
    out
}

fn grid(lines: Vec<Line>) -> Vec<Vec<Cell>> {
    let mut rows: Vec<(usize, Vec<Cell>)> = Vec::new();
    for line in lines {
        let Some(at) = line.cell else { continue };
        if rows.last().is_none_or(|(r, _)| *r != at.row) {
            rows.push((at.row, Vec::new()));
        }
        if let Some((_, cells)) = rows.last_mut() {
            match cells.last_mut() {
                Some(cell) if cell.col == at.col => cell.lines.push(line),
                _ => cells.push(Cell { col: at.col, lines: vec![line] }),
            }
        }
    }
    rows.into_iter().map(|(_, cells)| cells).collect()
}

fn table(lines: Vec<Line>, out: &mut Vec<Block>) {
    let rows = grid(lines);
    if let Some(t) = row_table(&rows) {
        out.push(Block::Rows(t));
        return;
    }
    let cells: Vec<Vec<KeyCell>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| KeyCell { line: c.lines.first().map_or(0, |l| l.number), text: c.text() })
                .collect()
        })
        .collect();
    if let Some(entries) = key::table_entries(&cells) {
        out.push(Block::Key(entries));
        return;
    }
    for row in rows {
        match label_row(&row) {
            Some(line) => out.push(Block::Line(line)),
            None => {
                for cell in row {
                    out.extend(cell.lines.into_iter().map(|mut l| {
                        l.cell = None;
                        Block::Line(l)
                    }));
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Number,
    Sheet(Column),
}

fn header_column(text: &str) -> Option<Col> {
    match fold(text).as_str() {
        "stt" | "tt" | "so" | "sothutu" | "socau" | "cau" | "causo" => Some(Col::Number),
        _ => column(text).map(Col::Sheet),
    }
}

fn row_table(rows: &[Vec<Cell>]) -> Option<RowTable> {
    let (header, body) = rows.split_first()?;
    let mut columns: Vec<(usize, Col)> = Vec::new();
    for cell in header {
        if let Some(col) = header_column(&cell.text()) {
            // The first column with a given meaning wins, as in spreadsheets.
            if !columns.iter().any(|(_, c)| *c == col) {
                columns.push((cell.col, col));
            }
        }
    }
    let has = |c: Column| columns.iter().any(|(_, x)| *x == Col::Sheet(c));
    if !(has(Column::Text) && has(Column::Option(0)) && has(Column::Option(1))) {
        return None;
    }
    let mut out = RowTable { answer_column: has(Column::Answer), rows: Vec::new() };
    for row in body {
        let Some(line) = row.iter().flat_map(|c| c.lines.first()).map(|l| l.number).min() else { continue };
        let mut q = TableQuestion {
            line,
            number: None,
            text: String::new(),
            options: Vec::new(),
            answer: String::new(),
            explanation: None,
            legal_source: None,
            topic: None,
            difficulty: String::new(),
            pictures: Vec::new(),
        };
        let mut options: [(String, u8); 6] = Default::default();
        for cell in row {
            let Some((_, col)) = columns.iter().find(|(c, _)| *c == cell.col) else {
                // A column the import does not read: its text is left out, but a picture in it
                // still flags the question (never dropped silently).
                if cell.pictures() {
                    q.pictures.push("phần câu hỏi".to_string());
                }
                continue;
            };
            let text = cell.text().into_owned();
            match col {
                Col::Number => q.number = text.trim().trim_end_matches(['.', ':', ')']).parse().ok(),
                Col::Sheet(Column::Text) => q.text = text,
                Col::Sheet(Column::Option(i)) => {
                    options[*i] = cell_option(&cell.chars(), *i);
                    if cell.pictures() {
                        q.pictures.push(format!("phương án {}", crate::problem::letter(*i)));
                    }
                }
                Col::Sheet(Column::Answer) => q.answer = text,
                Col::Sheet(Column::Explanation) => q.explanation = Some(text),
                Col::Sheet(Column::Legal) => q.legal_source = Some(text),
                Col::Sheet(Column::Topic) => q.topic = Some(text),
                Col::Sheet(Column::Difficulty) => q.difficulty = text,
                // Word tables carry no per-option feedback yet: the column is left out.
                Col::Sheet(Column::Feedback(_)) => {}
            }
            if cell.pictures() && !matches!(col, Col::Sheet(Column::Option(_))) {
                q.pictures.push("phần câu hỏi".to_string());
            }
        }
        // Empty cells on the right are no options; a gap is reported as an empty option.
        let used = options.iter().rposition(|(o, _)| !o.is_empty()).map_or(0, |i| i + 1);
        q.options = options[..used].to_vec();
        let mut named: Vec<String> = Vec::new();
        q.pictures.retain(|place| {
            let new = !named.contains(place);
            named.push(place.clone());
            new
        });
        out.rows.push(q);
    }
    Some(out)
}

/// A row whose first cell is a label ("Câu 1", "A", "Đáp án", "Giải thích"), read as the one
/// line the list layout knows ("Câu 1: …", "A. …", "Đáp án: …").
fn label_row(row: &[Cell]) -> Option<Line> {
    let (first, rest) = row.split_first()?;
    let [label_line] = first.lines.as_slice() else { return None };
    let prefix = label_prefix(&label_line.text)?;
    let is_option = prefix.ends_with(". ") && prefix.len() <= 4;
    if rest.is_empty() && !is_option {
        return None;
    }
    let mut chars: Vec<(char, u8)> = Vec::new();
    // The label's own marks stay on it: a bold "B" cell marks option B.
    let label_marks = label_line.chars.iter().find(|(c, _)| !c.is_whitespace()).map_or(0, |(_, m)| *m);
    chars.extend(prefix.chars().map(|c| (c, if c.is_whitespace() { 0 } else { label_marks })));
    for (i, cell) in rest.iter().enumerate() {
        if i > 0 {
            chars.push((' ', 0));
        }
        chars.extend(cell.chars());
    }
    let text = crate::normalize::clean(&chars.iter().map(|(c, _)| *c).collect::<String>());
    Some(Line {
        number: label_line.number,
        text,
        chars,
        heading: false,
        title: false,
        after_blank: label_line.after_blank,
        cell: None,
        pictures: row.iter().any(Cell::pictures),
        in_table: true,
    })
}

fn label_prefix(text: &str) -> Option<String> {
    let t = text.trim();
    let starless = t.trim_matches('*').trim();
    let star = if starless.len() < t.len() { "*" } else { "" };
    let letter = starless.trim_end_matches(['.', ')', ':']);
    if letter.len() == 1 && matches!(letter.chars().next(), Some('A'..='F' | 'a'..='f')) {
        return Some(format!("{star}{letter}. "));
    }
    if !t.is_empty()
        && t.len() <= 5
        && t.trim_end_matches(['.', ':', ')']).chars().all(|c| c.is_ascii_digit())
    {
        let n = t.trim_end_matches(['.', ':', ')']);
        return (!n.is_empty()).then(|| format!("Câu {n}: "));
    }
    if question_start(t) == Some("") {
        let n: String = t.chars().filter(char::is_ascii_digit).collect();
        return (!n.is_empty()).then(|| format!("Câu {n}: "));
    }
    let key = fold(t);
    let prefix = match key.as_str() {
        "cauhoi" | "noidung" | "noidungcauhoi" => "",
        k if super::ANSWER_LABELS.contains(&k) || k == "da" => "Đáp án: ",
        "giaithich" | "loigiai" => "Giải thích: ",
        "cancu" | "cancuphaply" | "cosophaply" | "nguon" => "Căn cứ: ",
        "chude" | "chuyende" | "linhvuc" => "Chủ đề: ",
        "mucdo" | "dokho" => "Mức độ: ",
        _ => return None,
    };
    Some(prefix.to_string())
}
