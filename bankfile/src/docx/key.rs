//! Answer keys at the end of a bank: a heading "BẢNG ĐÁP ÁN" / "ĐÁP ÁN", then the key as a
//! table (a row of question numbers over a row of letters, or "1 | B" rows) or as lines
//! ("1-B, 2-C", "1B 2C 3A", "Câu 1: B"). Printed exam banks are made like this so that the
//! answers are not beside the questions; the key maps question numbers to letters.

use std::collections::HashMap;

use crate::normalize::fold;
use crate::problem;
use crate::question::{Answer, Sink};

/// One answer of the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Line of the key where it is written.
    pub line: usize,
    pub number: u32,
    /// 0-based option index.
    pub letter: usize,
}

const HEADINGS: [&str; 10] = [
    "dapan",
    "bangdapan",
    "dapandung",
    "bangdapandung",
    "dapancauhoi",
    "bangdapancauhoi",
    "dapantracnghiem",
    "bangdapantracnghiem",
    "dapancaccauhoi",
    "bangtraloi",
];

/// "BẢNG ĐÁP ÁN", "Đáp án:", "ĐÁP ÁN CÂU HỎI": a heading that can introduce a key (the caller
/// checks that a key follows, since "Đáp án:" alone may also belong to a question).
pub fn is_heading(text: &str) -> bool {
    text.chars().count() <= 40 && HEADINGS.contains(&fold(text).as_str())
}

/// Labels written in a key table's first column ("Câu", "Đáp án") instead of a number/letter.
fn is_label(text: &str) -> bool {
    matches!(
        fold(text).as_str(),
        "cau" | "cauhoi" | "stt" | "so" | "socau" | "tt" | "dapan" | "da" | "dapandung"
    )
}

/// Pairs of a key line: "1-B, 2-C", "1B 2C 3A", "Câu 1: B; Câu 2: C", "1. b". None unless the
/// whole line is such pairs.
pub fn line_entries(text: &str) -> Option<Vec<(u32, usize)>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let skip = |i: &mut usize, set: &[char]| {
        while *i < chars.len() && (set.contains(&chars[*i]) || chars[*i].is_whitespace()) {
            *i += 1;
        }
    };
    loop {
        skip(&mut i, &[',', ';', '|']);
        if i >= chars.len() {
            break;
        }
        // An optional "Câu" before the number.
        let word_end = (i..chars.len()).find(|&j| !chars[j].is_alphabetic()).unwrap_or(chars.len());
        if word_end > i {
            let word: String = chars[i..word_end].iter().collect();
            if fold(&word) != "cau" {
                return None;
            }
            i = word_end;
            skip(&mut i, &[]);
        }
        let digits_end = (i..chars.len()).find(|&j| !chars[j].is_ascii_digit()).unwrap_or(chars.len());
        if digits_end == i || digits_end - i > 5 {
            return None;
        }
        let number: u32 = chars[i..digits_end].iter().collect::<String>().parse().ok()?;
        i = digits_end;
        skip(&mut i, &['-', '–', '.', ':', ')', '=', '/', '→', '>', '|']);
        let letter = match chars.get(i)? {
            c @ 'A'..='F' => *c as usize - 'A' as usize,
            c @ 'a'..='f' => *c as usize - 'a' as usize,
            _ => return None,
        };
        i += 1;
        if chars.get(i).is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
        if number == 0 {
            return None;
        }
        out.push((number, letter));
        skip(&mut i, &['.', ')']);
    }
    (!out.is_empty()).then_some(out)
}

/// One cell of a table: its text and its first line.
pub struct KeyCell<'a> {
    pub line: usize,
    pub text: std::borrow::Cow<'a, str>,
}

/// A table that is a key: rows of numbers over rows of letters (a label cell first allowed),
/// or rows that read as key lines ("1 | B | 2 | C"). None when any row is something else.
pub fn table_entries(rows: &[Vec<KeyCell<'_>>]) -> Option<Vec<Entry>> {
    let rows: Vec<&Vec<KeyCell<'_>>> = rows.iter().filter(|r| !r.is_empty()).collect();
    horizontal(&rows).or_else(|| vertical(&rows)).filter(|e| !e.is_empty())
}

fn horizontal(rows: &[&Vec<KeyCell<'_>>]) -> Option<Vec<Entry>> {
    if rows.len() < 2 || !rows.len().is_multiple_of(2) {
        return None;
    }
    let mut out = Vec::new();
    for pair in rows.chunks(2) {
        let (numbers, letters) = (strip_label_cell(pair[0]), strip_label_cell(pair[1]));
        if numbers.len() != letters.len() || numbers.is_empty() {
            return None;
        }
        for (n, l) in numbers.iter().zip(letters) {
            let number: u32 = n.text.trim().trim_end_matches(['.', ':']).parse().ok().filter(|n| *n > 0)?;
            let letter = single_letter(&l.text)?;
            out.push(Entry { line: l.line, number, letter });
        }
    }
    Some(out)
}

/// A row without its leading "Câu" / "Đáp án" cell.
fn strip_label_cell<'r, 'a>(row: &'r [KeyCell<'a>]) -> &'r [KeyCell<'a>] {
    match row.split_first() {
        Some((first, rest)) if is_label(&first.text) => rest,
        _ => row,
    }
}

fn vertical(rows: &[&Vec<KeyCell<'_>>]) -> Option<Vec<Entry>> {
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if r == 0 && row.iter().all(|c| is_label(&c.text)) {
            continue;
        }
        let joined: Vec<&str> = row.iter().map(|c| c.text.as_ref()).collect();
        let line = row.first().map_or(0, |c| c.line);
        for (number, letter) in line_entries(&joined.join(" "))? {
            out.push(Entry { line, number, letter });
        }
    }
    Some(out)
}

fn single_letter(text: &str) -> Option<usize> {
    let t = text.trim().trim_end_matches(['.', ')']);
    let mut chars = t.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    match c {
        'A'..='F' => Some(c as usize - 'A' as usize),
        'a'..='f' => Some(c as usize - 'a' as usize),
        _ => None,
    }
}

/// A question read, waiting for the key: its answer so far and its number in the file.
pub struct Keyed<'a> {
    pub answer: &'a mut Answer,
    pub number: u32,
}

/// Gives each question the key's letter for its number, and reports per question what does
/// not fit: no letter for it in the key, a letter that differs from the one next to the
/// question, two questions with the same number; and key numbers no question has. True when
/// the key gave at least one answer.
pub fn apply(questions: Vec<Keyed>, entries: &[Entry], sink: &mut Sink) -> bool {
    if entries.is_empty() {
        return false;
    }
    let mut key: HashMap<u32, Vec<Entry>> = HashMap::new();
    for e in entries {
        let list = key.entry(e.number).or_default();
        if !list.iter().any(|x| x.letter == e.letter) {
            list.push(*e);
        }
    }
    let mut count: HashMap<u32, usize> = HashMap::new();
    for q in &questions {
        *count.entry(q.number).or_default() += 1;
    }
    let mut used = false;
    for q in questions {
        let n = q.number;
        let same = count.get(&n).copied().unwrap_or(0);
        match key.get(&n).map(Vec::as_slice) {
            Some(_) if same > 1 => *q.answer = Answer::Problem(problem::key_number_twice(n, same)),
            Some([one]) => match &*q.answer {
                Answer::Missing => {
                    *q.answer = Answer::Letters(vec![one.letter]);
                    used = true;
                }
                Answer::Letters(w) if w.len() == 1 && w[0] != one.letter => {
                    *q.answer = Answer::Problem(problem::key_disagrees(w[0], one.letter));
                }
                _ => used = true,
            },
            Some(several) => {
                let letters: Vec<usize> = several.iter().map(|e| e.letter).collect();
                *q.answer = Answer::Problem(problem::key_twice(n, &letters));
            }
            None => {
                if matches!(q.answer, Answer::Missing) {
                    *q.answer = Answer::Problem(problem::key_missing(n));
                }
            }
        }
    }
    let mut reported: Vec<u32> = Vec::new();
    for e in entries {
        if !count.contains_key(&e.number) && !reported.contains(&e.number) {
            reported.push(e.number);
            sink.problem(e.line, problem::key_without_question(e.number));
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines() {
        assert_eq!(line_entries("1-B, 2-C"), Some(vec![(1, 1), (2, 2)]));
        assert_eq!(line_entries("1B 2C 3A"), Some(vec![(1, 1), (2, 2), (3, 0)]));
        assert_eq!(line_entries("Câu 1: B"), Some(vec![(1, 1)]));
        assert_eq!(line_entries("câu 12 - d; Câu 13. A."), Some(vec![(12, 3), (13, 0)]));
        assert_eq!(line_entries("1 | B | 2 | C"), Some(vec![(1, 1), (2, 2)]));
        assert_eq!(line_entries("1. Bộ Nội vụ"), None);
        assert_eq!(line_entries("Câu hỏi 1: B"), None);
        assert_eq!(line_entries("Hết"), None);
        assert_eq!(line_entries(""), None);
        assert!(is_heading("BẢNG ĐÁP ÁN"));
        assert!(is_heading("Đáp án:"));
        assert!(!is_heading("Đáp án: B"));
    }
}
