//! Text clean-up shared by every format, and the small label matchers the layouts need.
//!
//! Matching is done on a "folded" form (no diacritics, lowercase) because the same bank is
//! typed as "Đáp án", "ĐÁP ÁN", "Dap an" or "đáp  án" depending on who typed it.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `s` in NFC, borrowed when it already is (nearly always: Word and Excel write precomposed
/// Vietnamese). The quick check is a table lookup per character; composing is several, and
/// was 40 % of reading a large Word file.
fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// NFC, every kind of space collapsed to one ASCII space, invisible characters removed, trimmed.
/// Text pasted from PDFs and web pages is full of U+00A0 and zero-width spaces, and macOS
/// produces NFD; without this the same question would not compare equal to itself.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in nfc(s).chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// `None` for text that is empty once cleaned.
pub fn clean_opt(s: &str) -> Option<String> {
    let c = clean(s);
    (!c.is_empty()).then_some(c)
}

/// Diacritic- and case-insensitive key, letters and digits only: "Phương án A" -> "phuongana".
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in nfc(s).chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Appends the folded form of `c` (no allocation: this runs for every character of a file).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    // deunicode maps Đ to D and strips Vietnamese tone marks; combining marks (NFD) map to "".
    let folded = deunicode::deunicode_char(c).unwrap_or("");
    out.extend(folded.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()));
}

/// If `s` starts with one of `labels` (folded, no spaces) followed by a separator (`:`, `-`,
/// `–`, `.`) returns what follows it, trimmed. With `loose`, whitespace also separates, for
/// callers that validate the rest themselves ("Đáp án B").
pub fn strip_label<'a>(s: &'a str, labels: &[&str], loose: bool) -> Option<&'a str> {
    let mut folded = String::new();
    let mut best = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let before = folded.len();
        fold_char(c, &mut folded);
        if folded.len() == before {
            // Punctuation ends the label; combining marks (NFD) are part of the letter before.
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            break;
        }
        if !labels.iter().any(|l| l.starts_with(folded.as_str())) {
            break;
        }
        if labels.contains(&folded.as_str()) {
            let mut rest = &s[i + c.len_utf8()..];
            while let Some(next) = rest.chars().next() {
                if unicode_normalization::char::is_combining_mark(next) {
                    rest = &rest[next.len_utf8()..];
                } else {
                    break;
                }
            }
            let trimmed = rest.trim_start();
            if let Some(after) = trimmed.strip_prefix([':', '-', '–', '.']) {
                best = Some(after.trim());
            } else if rest.is_empty() {
                best = Some("");
            } else if loose && rest.starts_with(char::is_whitespace) {
                best = Some(trimmed.trim_end());
            }
        }
    }
    best
}

/// "Câu 12: …", "Câu hỏi 3.", "CÂU 1 -", "12. …", "12) …": the text after the number.
/// Returns None when `s` does not start with such numbering.
pub fn question_start(s: &str) -> Option<&str> {
    if let Some(rest) = strip_label(s, &["cau", "cauhoi", "question", "bai"], true) {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if (1..=4).contains(&digits) {
            let after = &rest[digits..];
            let t = after.trim_start();
            if let Some(r) = t.strip_prefix([':', '.', '-', '–', ')', '/']) {
                return Some(r.trim());
            }
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                return Some(t.trim_end());
            }
        }
        return None;
    }
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=4).contains(&digits) {
        return None;
    }
    let after = s[digits..].strip_prefix(['.', ')', ':'])?;
    // "1.5 triệu" or "12/2020" are content, not numbering.
    if after.is_empty() || after.starts_with(char::is_whitespace) {
        return Some(after.trim());
    }
    None
}

/// Removes stray question numbering ("Câu 12: ", "12. ") from cleaned question text.
pub fn strip_question_number(s: &str) -> String {
    match question_start(s) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s.to_string(),
    }
}

/// "A. …", "a) …", "B: …", "C/ …": option index and the text after the label.
pub fn option_start(s: &str) -> Option<(usize, &str)> {
    let mut chars = s.chars();
    let letter = chars.next()?;
    let index = match letter {
        'A'..='F' => letter as usize - 'A' as usize,
        'a'..='f' => letter as usize - 'a' as usize,
        _ => return None,
    };
    let rest = chars.as_str();
    let rest = rest.trim_start_matches(' ');
    let after = rest.strip_prefix(['.', ')', ':', '/'])?;
    if after.is_empty() || after.starts_with(char::is_whitespace) {
        return Some((index, after.trim()));
    }
    None
}

/// Removes "B. " from an option cell when it repeats the column's own letter.
pub fn strip_own_letter(s: &str, index: usize) -> String {
    match option_start(s) {
        Some((i, rest)) if i == index && !rest.is_empty() => rest.to_string(),
        _ => s.to_string(),
    }
}

/// Answer letters as written: "B", "b.", " (C) ", "B, C". Err when it is not a list of letters.
pub fn answer_letters(raw: &str) -> Result<Vec<usize>, ()> {
    let s = clean(raw);
    let tokens: Vec<&str> = s
        .split(|c: char| c == ',' || c == ';' || c == '/' || c == '&' || c.is_whitespace())
        .filter(|t| !t.is_empty() && !matches!(fold(t).as_str(), "va" | "and"))
        .collect();
    let mut out = Vec::new();
    for t in &tokens {
        match single_letter(t) {
            Some(i) => out.push(i),
            None => {
                // "B. Hai năm": the letter followed by the option text repeated.
                return option_start(&s).map(|(i, _)| vec![i]).ok_or(());
            }
        }
    }
    if out.is_empty() {
        return Err(());
    }
    out.dedup();
    Ok(out)
}

fn single_letter(t: &str) -> Option<usize> {
    let t = t.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':' | '[' | ']'));
    let mut chars = t.chars();
    let c = chars.next()?;
    if chars.next().is_some() || !c.is_ascii_alphabetic() {
        return None;
    }
    Some(c.to_ascii_uppercase() as usize - 'A' as usize)
}

/// "1"/"2"/"3" or Dễ / Trung bình / Khó. Ok(None) for empty; Err for anything else.
pub fn difficulty(raw: &str) -> Result<Option<i16>, ()> {
    match fold(raw).as_str() {
        "" => Ok(None),
        "1" | "de" => Ok(Some(1)),
        "2" | "trungbinh" | "tb" | "vua" => Ok(Some(2)),
        "3" | "kho" => Ok(Some(3)),
        _ => Err(()),
    }
}

pub fn difficulty_name(d: i16) -> &'static str {
    match d {
        1 => "Dễ",
        3 => "Khó",
        _ => "Trung bình",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_collapses_and_composes() {
        assert_eq!(clean("  Ha\u{00A0}\u{00A0}Nội\u{200B}\t x "), "Ha Nội x");
        assert_eq!(clean("Lua\u{0302}\u{0323}t"), "Luật");
    }

    #[test]
    fn labels() {
        assert_eq!(strip_label("Đáp án: B", &["dapan"], false), Some("B"));
        assert_eq!(strip_label("ĐÁP ÁN ĐÚNG: c", &["dapan", "dapandung"], false), Some("c"));
        assert_eq!(strip_label("Đáp án nào đúng?", &["dapan"], false), None);
        assert_eq!(strip_label("Đa số", &["da"], false), None);
        assert_eq!(strip_label("D\u{0110}", &["da"], false), None);
    }

    #[test]
    fn numbering() {
        assert_eq!(question_start("Câu 12: Hỏi"), Some("Hỏi"));
        assert_eq!(question_start("CÂU 3 - Hỏi"), Some("Hỏi"));
        assert_eq!(question_start("Câu hỏi 3. Hỏi"), Some("Hỏi"));
        assert_eq!(question_start("12) Hỏi"), Some("Hỏi"));
        assert_eq!(question_start("1.5 triệu"), None);
        assert_eq!(question_start("Cấu trúc"), None);
        assert_eq!(question_start("Câu nào"), None);
        assert_eq!(option_start("b) Hai"), Some((1, "Hai")));
        assert_eq!(option_start("Bộ"), None);
    }

    #[test]
    fn answers() {
        assert_eq!(answer_letters(" b "), Ok(vec![1]));
        assert_eq!(answer_letters("B."), Ok(vec![1]));
        assert_eq!(answer_letters("B, C"), Ok(vec![1, 2]));
        assert_eq!(answer_letters("B. Hai năm"), Ok(vec![1]));
        assert_eq!(answer_letters("xyz"), Err(()));
        assert_eq!(difficulty("Trung Bình"), Ok(Some(2)));
        assert_eq!(difficulty("khó"), Ok(Some(3)));
        assert_eq!(difficulty("rất khó"), Err(()));
    }
}
