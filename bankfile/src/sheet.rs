//! Spreadsheet layout (xlsx and CSV): one question per row under a header row whose column
//! names are matched loosely, so a sheet typed by hand in any column order still imports.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use crate::normalize::{clean, fold, strip_own_letter};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Topic,
    Text,
    Option(usize),
    Answer,
    Explanation,
    Legal,
    Difficulty,
}

fn column(header: &str) -> Option<Column> {
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
            if !matches!(prefix, "" | "phuongan" | "dapan" | "luachon" | "phuongantraloi" | "option") {
                return None;
            }
            Column::Option(index)
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

pub fn parse_csv(text: &str) -> crate::Out {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !is_sep_hint(l)).unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(first))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut sink = Sink::default();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let cells: Vec<String> = record.iter().map(str::to_string).collect();
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

/// Declared sizes inside an xlsx above this are treated as a zip bomb.
const MAX_XLSX_PART: u64 = 50 * 1024 * 1024;

pub fn parse_xlsx(bytes: &[u8]) -> crate::Out {
    if let Err(p) = check_sizes(bytes) {
        return (Vec::new(), vec![p], Vec::new());
    }
    let corrupt = || (Vec::new(), vec![Problem::file(problem::corrupt(Format::Xlsx))], Vec::new());
    let Ok(mut workbook) = calamine::open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) else {
        return corrupt();
    };
    let range = match workbook.worksheet_range_at(0) {
        None => return (Vec::new(), vec![Problem::file(problem::EMPTY_FILE)], Vec::new()),
        Some(Err(_)) => return corrupt(),
        Some(Ok(range)) => range,
    };
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| (first_row + i + 1, row.iter().map(cell_text).collect()))
        .collect();
    let mut sink = Sink::default();
    parse_rows(rows, &mut sink);
    sink.into_parts()
}

/// calamine holds the whole sheet in memory, so refuse absurd declared sizes before it starts.
fn check_sizes(bytes: &[u8]) -> Result<(), Problem> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Problem::file(problem::CORRUPT_ZIP))?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(|_| Problem::file(problem::CORRUPT_ZIP))?;
        total = total.saturating_add(file.size());
        if file.size() > MAX_XLSX_PART || total > 4 * MAX_XLSX_PART {
            return Err(Problem::file(problem::part_too_big(&file.name().unwrap_or_default())));
        }
    }
    // Declared sizes can lie; make sure the sheet really inflates within the limit.
    if let Ok(file) = archive.by_name("xl/worksheets/sheet1.xml") {
        let mut sink = std::io::sink();
        let copied = std::io::copy(&mut file.take(MAX_XLSX_PART + 1), &mut sink);
        if matches!(copied, Ok(n) if n > MAX_XLSX_PART) {
            return Err(Problem::file(problem::part_too_big("xl/worksheets/sheet1.xml")));
        }
    }
    Ok(())
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
        let mut draft = Draft::new(line);
        let mut options: [String; 6] = Default::default();
        let mut answer = String::new();
        for (col, cell) in columns.iter().zip(&cells) {
            let Some(col) = col else { continue };
            match col {
                Column::Topic => draft.topic = Some(cell.clone()),
                Column::Text => draft.text = cell.clone(),
                Column::Option(i) => options[*i] = clean(cell),
                Column::Answer => answer = cell.clone(),
                Column::Explanation => draft.explanation = Some(cell.clone()),
                Column::Legal => draft.legal_source = Some(cell.clone()),
                Column::Difficulty => draft.difficulty = cell.clone(),
            }
        }
        let used = options.iter().rposition(|o| !o.is_empty()).map_or(0, |i| i + 1);
        draft.options = options[..used].iter().enumerate().map(|(i, o)| strip_own_letter(o, i)).collect();
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
        assert_eq!(column("STT"), None);
        for (i, h) in HEADERS.iter().enumerate() {
            assert!(column(h).is_some(), "{i} {h}");
        }
    }

    #[test]
    fn delimiter() {
        assert_eq!(guess_delimiter("Câu hỏi;Phương án A;\"x,y\""), b';');
        assert_eq!(guess_delimiter("Câu hỏi,Phương án A"), b',');
    }
}
