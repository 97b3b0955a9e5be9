//! Options on a line ("A. Một", several on one line, starred `*C. …`) and how their formatting
//! points at the correct one.

use super::xml::{BOLD, HIGHLIGHT, PICTURE, RED, STAR, UNDERLINE};
use crate::normalize::{clean, option_start};
use crate::problem;

/// True when a line starts with an option: `A. …` as the shared matcher reads it, or with the
/// star many Vietnamese quiz tools put on the correct one (`*C. …`, `C.* …`).
pub fn is_option_line(text: &str) -> bool {
    let chars: Vec<(char, u8)> = text.chars().map(|c| (c, 0)).collect();
    option_start(text).is_some() || option_label(&chars, false).is_some()
}

/// Splits "A. Một<tab>B. Hai" into options; each with the marks that cover its whole letter
/// or its whole text, plus [`STAR`] when it is starred. Splits only at a tab or a run of spaces
/// followed by the next letter, so "Điều 5. Luật" inside an option stays whole.
pub fn split_options(chars: &[(char, u8)]) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    let mut rest = chars;
    while let Some(label) = option_label(rest, false) {
        let letter_marks = rest.iter().find(|(c, _)| !c.is_whitespace() && *c != '*').map_or(0, |(_, m)| *m);
        let body = &rest[label.end..];
        let split = find_next_option(body, label.index);
        let (this, next) = body.split_at(split.unwrap_or(body.len()));
        let (text, marks) = option_text(this);
        let star = if label.star { STAR } else { 0 };
        out.push((text, letter_marks | marks | star));
        if split.is_none() {
            break;
        }
        rest = next;
    }
    out
}

/// An option's text without a trailing star (`C. …*`), and the marks covering all of it
/// (STAR when it had that star).
pub fn option_text(chars: &[(char, u8)]) -> (String, u8) {
    let raw: String = chars.iter().map(|(c, _)| *c).collect();
    let mut text = clean(&raw);
    let mut star = 0;
    if text.len() > 1 && text.ends_with('*') && !text.ends_with("**") {
        text.pop();
        text = text.trim_end().to_string();
        star = STAR;
    }
    let marks = chars
        .iter()
        .filter(|(c, m)| !c.is_whitespace() && *c != '*' && m & PICTURE == 0)
        .map(|(_, m)| *m)
        .reduce(|acc, m| acc & m)
        .unwrap_or(0);
    let picture = if chars.iter().any(|(_, m)| m & PICTURE != 0) { PICTURE } else { 0 };
    (text, (marks & !(STAR | PICTURE)) | star | picture)
}

/// The text of a cell holding one option (tables): a star before or after it (`*Một`, `Một*`)
/// or the cell's own letter (`B. Hai`) come off.
pub fn cell_option(chars: &[(char, u8)], index: usize) -> (String, u8) {
    if let Some(label) = option_label(chars, false).filter(|l| l.index == index) {
        let (text, marks) = option_text(&chars[label.end..]);
        return (text, marks | if label.star { STAR } else { 0 });
    }
    let start = chars.iter().position(|(c, _)| !c.is_whitespace()).unwrap_or(chars.len());
    if chars.get(start).is_some_and(|(c, _)| *c == '*') {
        let (text, marks) = option_text(&chars[start + 1..]);
        return (text, marks | STAR);
    }
    option_text(chars)
}

pub struct Label {
    pub index: usize,
    /// Where the option text starts.
    pub end: usize,
    pub star: bool,
}

/// `A.`, `a)`, `B:`, `C/` at the start of `chars`, with a star before the letter or after the
/// punctuation (`*C.`, `C.*`). With `split_only`, only `.` and `)` count, as between options
/// written on one line.
fn option_label(chars: &[(char, u8)], split_only: bool) -> Option<Label> {
    let mut i = chars.iter().position(|(c, _)| !c.is_whitespace())?;
    let mut star = false;
    if chars[i].0 == '*' {
        star = true;
        i += 1 + chars[i + 1..].iter().position(|(c, _)| *c != ' ')?;
    }
    let index = match chars[i].0 {
        c @ 'A'..='F' => c as usize - 'A' as usize,
        c @ 'a'..='f' => c as usize - 'a' as usize,
        _ => return None,
    };
    let punct = i + 1 + chars[i + 1..].iter().position(|(c, _)| *c != ' ')?;
    let allowed: &[char] = if split_only { &['.', ')'] } else { &['.', ')', ':', '/'] };
    if !allowed.contains(&chars[punct].0) {
        return None;
    }
    let mut end = punct + 1;
    if chars.get(end).is_some_and(|(c, _)| *c == '*') {
        star = true;
        end += 1;
    }
    chars.get(end).is_none_or(|(c, _)| c.is_whitespace()).then_some(Label { index, end, star })
}

fn find_next_option(body: &[(char, u8)], index: usize) -> Option<usize> {
    let next_upper = problem::letter(index + 1);
    let next_lower = next_upper.to_ascii_lowercase();
    (2..body.len().saturating_sub(1)).find(|&j| {
        let c = body[j].0;
        let gap = body[j - 1].0 == '\t' || (body[j - 1].0.is_whitespace() && body[j - 2].0.is_whitespace());
        gap && (c == next_upper || c == next_lower || c == '*')
            && option_label(&body[j..], true).is_some_and(|l| l.index == index + 1)
    })
}

pub enum Marked {
    Nothing,
    One(usize),
    Several(Vec<usize>),
}

/// A kind of marking points at the answer only when it singles out options: if every option
/// is bold (a whole document in bold), bold says nothing; if two are, it is ambiguous.
pub fn decide_marks(marks: &[u8]) -> Marked {
    let n = marks.len();
    let mut votes: Vec<usize> = Vec::new();
    let mut ambiguous = false;
    for bit in [BOLD, UNDERLINE, RED, HIGHLIGHT] {
        let set: Vec<usize> = (0..n).filter(|&i| marks[i] & bit != 0).collect();
        if set.is_empty() || set.len() == n {
            continue;
        }
        if set.len() > 1 {
            ambiguous = true;
        }
        votes.extend(set);
    }
    votes.sort_unstable();
    votes.dedup();
    match votes.as_slice() {
        [] => Marked::Nothing,
        [one] if !ambiguous => Marked::One(*one),
        _ => Marked::Several(votes),
    }
}

/// The starred options: a star is written on purpose, so one star is the answer even when the
/// formatting says something else, and two are two answers.
pub fn starred(marks: &[u8]) -> Marked {
    let set: Vec<usize> = (0..marks.len()).filter(|&i| marks[i] & STAR != 0).collect();
    match set.as_slice() {
        [] => Marked::Nothing,
        [one] => Marked::One(*one),
        _ => Marked::Several(set),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<(char, u8)> {
        s.chars().map(|c| (c, 0)).collect()
    }

    #[test]
    fn options_on_one_line() {
        let got = split_options(&plain("A. Một\tB. Hai  C. Điều 5. Ba"));
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Một", "Hai", "Điều 5. Ba"]);
    }

    #[test]
    fn stars_in_every_place() {
        for line in ["*C. Ba", "C.* Ba", "C. Ba*", "* C. Ba", "C) Ba *"] {
            let got = split_options(&plain(line));
            assert_eq!(got.len(), 1, "{line}");
            assert_eq!(got[0].0, "Ba", "{line}");
            assert_eq!(got[0].1 & STAR, STAR, "{line}");
            assert!(is_option_line(line), "{line}");
        }
        let got = split_options(&plain("A. Một\t*B. Hai"));
        assert_eq!(
            got.iter().map(|(t, m)| (t.as_str(), m & STAR)).collect::<Vec<_>>(),
            [("Một", 0), ("Hai", STAR)]
        );
        assert_eq!(cell_option(&plain("*Hai"), 1).0, "Hai");
        assert_eq!(cell_option(&plain("B. Hai*"), 1), ("Hai".to_string(), STAR));
        assert_eq!(cell_option(&plain("5 * 3"), 1).1 & STAR, 0);
    }

    #[test]
    fn marks() {
        assert!(matches!(decide_marks(&[BOLD, BOLD, BOLD | RED, BOLD]), Marked::One(2)));
        assert!(matches!(decide_marks(&[BOLD, BOLD, 0, 0]), Marked::Several(_)));
        assert!(matches!(decide_marks(&[BOLD, BOLD]), Marked::Nothing));
    }
}
