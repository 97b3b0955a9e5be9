//! Spreadsheet layout (xlsx and CSV): one question per row under a header row whose column
//! names are matched loosely, so a sheet typed by hand in any column order still imports.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xlsx};

use crate::limits::{MAX_CSV_FIELDS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_TEXT_CHARS};
use crate::normalize::{clean, fold, strip_own_letter};
use crate::package;
use crate::problem::{self, Problem};
use crate::question::{Answer, Draft, Sink};
use crate::Format;

/// Column titles as the export and the template write them, in that order.
pub const HEADERS: [&str; 12] = [
    "Chủ đề",
    "Câu hỏi",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Phương án E",
    "Phương án F",
    "Đáp án",
    "Giải thích",
    "Căn cứ pháp lý",
    "Mức độ",
];

/// Columns of each option's own feedback, written after [`HEADERS`] only when a question of
/// the bank has some (so the usual export and the template keep their twelve columns).
pub const FEEDBACK_HEADERS: [&str; 6] =
    ["Phản hồi A", "Phản hồi B", "Phản hồi C", "Phản hồi D", "Phản hồi E", "Phản hồi F"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Topic,
    Text,
    Option(usize),
    /// An option's own feedback ("Phản hồi B").
    Feedback(usize),
    Answer,
    Explanation,
    Legal,
    Difficulty,
}

/// Also used by Word tables with a header row, so both match column names alike.
pub(crate) fn column(header: &str) -> Option<Column> {
    let key = fold(header);
    let col = match key.as_str() {
        "chude" | "chuyende" | "linhvuc" | "topic" => Column::Topic,
        "cauhoi" | "noidung" | "noidungcauhoi" | "question" => Column::Text,
        "dapan" | "dapandung" | "answer" => Column::Answer,
        "giaithich" | "explanation" => Column::Explanation,
        "cancuphaply" | "cancu" | "cosophaply" | "nguon" => Column::Legal,
        "mucdo" | "dokho" | "difficulty" => Column::Difficulty,
        _ => {
            // "Phương án B", "Đáp án B", "Lựa chọn B", "B": the last letter names the option.
            let (prefix, last) = key.split_at(key.len().saturating_sub(1));
            let index = match last {
                "a" => 0,
                "b" => 1,
                "c" => 2,
                "d" => 3,
                "e" => 4,
                "f" => 5,
                _ => return None,
            };
            match prefix {
                "" | "phuongan" | "dapan" | "luachon" | "phuongantraloi" | "option" => Column::Option(index),
                "phanhoi" | "phanhoiphuongan" | "feedback" => Column::Feedback(index),
                _ => return None,
            }
        }
    };
    Some(col)
}

/// True when the first non-empty line is a header with at least the question column.
pub fn looks_like_csv(text: &str) -> bool {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty() && !is_sep_hint(l)) else {
        return false;
    };
    let delimiter = guess_delimiter(first);
    first.split(delimiter as char).any(|cell| column(cell.trim().trim_matches('"')) == Some(Column::Text))
}

/// Excel writes "sep=;" as a first line when asked to; it is not data.
fn is_sep_hint(line: &str) -> bool {
    line.trim_start_matches('\u{FEFF}').to_ascii_lowercase().starts_with("sep=")
}

fn guess_delimiter(line: &str) -> u8 {
    let count = |c: char| line.chars().filter(|&x| x == c).count();
    [(count(';'), b';'), (count('\t'), b'\t'), (count(','), b',')]
        .into_iter()
        .max_by_key(|(n, _)| *n)
        .map_or(b',', |(n, d)| if n == 0 { b',' } else { d })
}

/// True when no record has more than `limit` fields. The csv reader keeps every field of a
/// record (a line of nine million commas costs it hundreds of MB), so this counts them first,
/// quoting as the reader does: a quote opens only at a field's start, `""` inside is a quote.
fn fields_within(text: &str, delimiter: u8, limit: usize) -> bool {
    let (mut fields, mut quoted, mut at_start, mut after_quote) = (1usize, false, true, false);
    for &b in text.as_bytes() {
        if quoted {
            if after_quote {
                after_quote = false;
                if b == b'"' {
                    continue;
                }
                quoted = false;
            } else {
                after_quote = b == b'"';
                continue;
            }
        }
        match b {
            b'"' if at_start => {
                quoted = true;
                at_start = false;
            }
            b'\n' | b'\r' => {
                fields = 1;
                at_start = true;
            }
            _ if b == delimiter => {
                fields += 1;
                if fields > limit {
                    return false;
                }
                at_start = true;
            }
            _ => at_start = false,
        }
    }
    true
}

pub fn parse_csv(text: &str) -> crate::Out {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !is_sep_hint(l)).unwrap_or("");
    let delimiter = guess_delimiter(first);
    if !fields_within(text, delimiter, MAX_CSV_FIELDS) {
        return refused(problem::too_many_columns());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut sink = Sink::default();
    let mut chars = 0usize;
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                // Trailing empty cells (a separator typed far right) are dropped, not counted.
                let used = (0..record.len())
                    .rev()
                    .find(|&i| record.get(i).is_some_and(|c| !c.trim().is_empty()))
                    .map_or(0, |i| i + 1);
                if used == 0 {
                    continue;
                }
                if rows.len() >= MAX_SHEET_ROWS {
                    return refused(problem::too_many_rows());
                }
                if used > MAX_SHEET_COLUMNS {
                    return refused(problem::too_many_columns());
                }
                // Our CSV export quotes text that a spreadsheet would run as a formula; the quote
                // comes off here. (Excel keeps such a quote as a prefix, not as text, so an
                // .xlsx saved from that CSV holds the text without it.)
                let cells: Vec<String> =
                    record.iter().take(used).map(|c| crate::cell::unquote(c).to_string()).collect();
                chars += cells.iter().map(|c| c.chars().count()).sum::<usize>();
                if chars > MAX_TEXT_CHARS {
                    return refused(problem::too_much_text());
                }
                if rows.is_empty() && cells.len() == 1 && is_sep_hint(&cells[0]) {
                    continue;
                }
                rows.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                sink.problem(line, "Không đọc được dòng này của tệp CSV (có thể thiếu dấu \" đóng).");
                break;
            }
        }
    }
    parse_rows(rows, &mut sink);
    sink.into_parts()
}

/// One non-empty row of a sheet: its real row number (header = 1) and its cells as text, one
/// per column from A (empty cells are empty strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// The first sheet of an .xlsx, within the limits. calamine's `worksheet_range` allocates the
/// whole rectangle from A1 to the last used cell (A1 + XFD1048576 is 17 billion cells), so the
/// cells are streamed instead and kept only where they hold something.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<SheetRow>, Problem> {
    let corrupt = || Problem::file(problem::corrupt(Format::Xlsx));
    let mut archive = package::open(bytes)?;
    package::check(&mut archive, package::xlsx_part)?;
    drop(archive);
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| corrupt())?;
    let first = workbook.sheet_names().first().cloned().ok_or_else(|| Problem::file(problem::EMPTY_FILE))?;
    let mut reader = workbook.worksheet_cells_reader(&first).map_err(|_| corrupt())?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut chars = 0usize;
    while let Some(cell) = reader.next_cell().map_err(|_| corrupt())? {
        let text = data_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        if row as usize >= MAX_SHEET_ROWS {
            return Err(Problem::file(problem::too_many_rows()));
        }
        if col as usize >= MAX_SHEET_COLUMNS {
            return Err(Problem::file(problem::too_many_columns()));
        }
        chars += text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(Problem::file(problem::too_much_text()));
        }
        let cells = rows.entry(row).or_default();
        if cells.len() <= col as usize {
            cells.resize(col as usize + 1, String::new());
        }
        cells[col as usize] = text;
    }
    Ok(rows.into_iter().map(|(row, cells)| SheetRow { line: row as usize + 1, cells }).collect())
}

/// The whole file refused with one problem.
fn refused(message: String) -> crate::Out {
    (Vec::new(), vec![Problem::file(message)], Vec::new())
}

pub fn parse_xlsx(bytes: &[u8]) -> crate::Out {
    match read_xlsx(bytes) {
        Ok(rows) => {
            let mut sink = Sink::default();
            parse_rows(rows.into_iter().map(|r| (r.line, r.cells)).collect(), &mut sink);
            sink.into_parts()
        }
        Err(p) => (Vec::new(), vec![p], Vec::new()),
    }
}

fn data_text(value: &DataRef) -> String {
    match value {
        DataRef::SharedString(s) => s.to_string(),
        DataRef::String(s) => s.clone(),
        other => cell_text(&Data::from(other.clone())),
    }
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

fn parse_rows(rows: Vec<(usize, Vec<String>)>, sink: &mut Sink) {
    let mut rows = rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !clean(c).is_empty()));
    let Some((header_line, header)) = rows.next() else {
        return;
    };
    let mut columns: Vec<Option<Column>> = Vec::new();
    for cell in &header {
        let col = column(cell);
        // The first column with a given meaning wins; a duplicate is ignored.
        columns.push(col.filter(|c| !columns.contains(&Some(*c))));
    }
    let required = [(Column::Text, 1), (Column::Option(0), 2), (Column::Option(1), 3), (Column::Answer, 8)];
    let missing: Vec<&str> =
        required.iter().filter(|(c, _)| !columns.contains(&Some(*c))).map(|(_, i)| HEADERS[*i]).collect();
    if !missing.is_empty() {
        sink.problem(header_line, problem::missing_columns(&missing));
        return;
    }
    for (line, cells) in rows {
        if sink.is_full() {
            break;
        }
        let mut draft = Draft::new(line);
        let mut options: [String; 6] = Default::default();
        let mut feedback: [Option<String>; 6] = Default::default();
        let mut answer = String::new();
        for (col, cell) in columns.iter().zip(&cells) {
            let Some(col) = col else { continue };
            match col {
                Column::Topic => draft.topic = Some(cell.clone()),
                Column::Text => draft.text = cell.clone(),
                Column::Option(i) => options[*i] = clean(cell),
                Column::Feedback(i) => feedback[*i] = Some(cell.clone()),
                Column::Answer => answer = cell.clone(),
                Column::Explanation => draft.explanation = Some(cell.clone()),
                Column::Legal => draft.legal_source = Some(cell.clone()),
                Column::Difficulty => draft.difficulty = cell.clone(),
            }
        }
        let used = options.iter().rposition(|o| !o.is_empty()).map_or(0, |i| i + 1);
        draft.options = options[..used].iter().enumerate().map(|(i, o)| strip_own_letter(o, i)).collect();
        draft.option_feedback = feedback[..used].to_vec();
        draft.answer = Answer::from_raw(&answer);
        sink.push(draft);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_loosely() {
        assert_eq!(column("  PHƯƠNG ÁN  c "), Some(Column::Option(2)));
        assert_eq!(column("Phuong an F"), Some(Column::Option(5)));
        assert_eq!(column("Đáp án"), Some(Column::Answer));
        assert_eq!(column("Mức độ"), Some(Column::Difficulty));
        assert_eq!(column("Căn cứ pháp lý"), Some(Column::Legal));
        assert_eq!(column("Phản hồi B"), Some(Column::Feedback(1)));
        assert_eq!(column("phan hoi phuong an F"), Some(Column::Feedback(5)));
        assert_eq!(column("STT"), None);
        for (i, h) in HEADERS.iter().enumerate() {
            assert!(column(h).is_some(), "{i} {h}");
        }
    }

    #[test]
    fn fields_are_counted_outside_quotes_only() {
        assert!(fields_within("a,b,c\nd,e,f", b',', 3));
        assert!(!fields_within("a,b,c,d", b',', 3));
        assert!(fields_within("\"a,b,c,d\",e", b',', 2));
        assert!(fields_within("\"a\"\",\"\",b\",e", b',', 2), "doubled quotes stay inside");
        assert!(!fields_within("\"a\"x,y,z", b',', 2), "after the closing quote the field goes on");
        assert!(!fields_within("a,\"x\n\",b,c", b',', 3), "a record goes on past a quoted line break");
    }

    #[test]
    fn delimiter() {
        assert_eq!(guess_delimiter("Câu hỏi;Phương án A;\"x,y\""), b';');
        assert_eq!(guess_delimiter("Câu hỏi,Phương án A"), b',');
    }
}
