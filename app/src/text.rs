//! Text normalisation for search and duplicate checks: "Sở Nội vụ" and
//! "so noi  vu" must match, whatever the Unicode form or spacing typed.
use deunicode::deunicode;

/// Lower-case ASCII with diacritics removed (đ → d) and whitespace collapsed.
pub fn fold(text: &str) -> String {
    deunicode(text).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sort key for Vietnamese alphabetical order, where code-point order puts
/// "Đình" after "Yên" and "Bình" after "Bắc" only by accident.
///
/// Compared in three steps, like a dictionary: the base letters first (tone
/// marks and the letter marks of ă â ê ô ơ ư ignored, but "đ" is its own
/// letter after "d", so every "Đ…" comes after every "D…"); then, for names
/// with the same letters, the marks letter by letter (a < ă < â, e < ê,
/// o < ô < ơ, u < ư; no tone < huyền < hỏi < ngã < sắc < nặng); then the
/// text itself, so that the order is total.
pub fn vietnamese_key(text: &str) -> (String, Vec<(u8, u8)>, String) {
    let mut letters = String::with_capacity(text.len());
    let mut marks: Vec<(u8, u8)> = Vec::with_capacity(text.len());
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        // A combining mark (text typed in decomposed form) belongs to the letter before it.
        if let Some((shape, tone)) = combining_mark(lower, letters.chars().last()) {
            if let Some(last) = marks.last_mut() {
                last.0 = last.0.max(shape);
                last.1 = last.1.max(tone);
            }
            continue;
        }
        if lower == 'đ' {
            // '~' sorts after every ASCII letter: "đ" after all of "d…".
            letters.push_str("d~");
            marks.push((0, 0));
            marks.push((0, 0));
            continue;
        }
        let base = deunicode::deunicode_char(lower).unwrap_or("").to_lowercase();
        let (shape, tone) = precomposed_marks(lower);
        for (i, b) in base.chars().enumerate() {
            letters.push(b);
            marks.push(if i == 0 { (shape, tone) } else { (0, 0) });
        }
    }
    (letters, marks, text.to_owned())
}

/// Tones in dictionary order: huyền, hỏi, ngã, sắc, nặng (1..=5; none is 0).
const TONES: [&str; 5] = ["àằầèềìòồờùừỳ", "ảẳẩẻểỉỏổởủửỷ", "ãẵẫẽễĩõỗỡũữỹ", "áắấéếíóốớúứý", "ạặậẹệịọộợụựỵ"];
/// Letter shapes: ă (1) and â (2) after a, ê after e, ô (1) and ơ (2) after o, ư after u.
const SHAPES: [(&str, u8); 6] =
    [("ăằẳẵắặ", 1), ("âầẩẫấậ", 2), ("êềểễếệ", 1), ("ôồổỗốộ", 1), ("ơờởỡớợ", 2), ("ưừửữứự", 1)];

fn precomposed_marks(c: char) -> (u8, u8) {
    let shape = SHAPES.iter().find(|(set, _)| set.contains(c)).map_or(0, |(_, rank)| *rank);
    let tone = TONES.iter().position(|set| set.contains(c)).map_or(0, |i| i as u8 + 1);
    (shape, tone)
}

/// (shape, tone) of a combining mark after `base`, or None for any other character.
fn combining_mark(c: char, base: Option<char>) -> Option<(u8, u8)> {
    Some(match c {
        '\u{300}' => (0, 1),
        '\u{309}' => (0, 2),
        '\u{303}' => (0, 3),
        '\u{301}' => (0, 4),
        '\u{323}' => (0, 5),
        '\u{306}' => (1, 0),
        '\u{302}' => (if base == Some('a') { 2 } else { 1 }, 0),
        '\u{31b}' => (if base == Some('o') { 2 } else { 1 }, 0),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::fold;
    use super::vietnamese_key;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        names.sort_by_cached_key(|n| vietnamese_key(n));
        names
    }

    #[test]
    fn units_sort_in_vietnamese_alphabetical_order() {
        // Code-point order would give Bình, Bắc (ắ > ì) and Đình after Hữu (Đ is U+0110).
        assert_eq!(
            sorted(&[
                "Hữu Lũng",
                "Đình Lập",
                "Cao Lộc",
                "Bình Gia",
                "Bắc Sơn",
                "Dương Hưu",
                "Văn Quan",
                "Chi Lăng"
            ]),
            ["Bắc Sơn", "Bình Gia", "Cao Lộc", "Chi Lăng", "Dương Hưu", "Đình Lập", "Hữu Lũng", "Văn Quan"]
        );
        // Same letters: the marks decide (a < ă < â; no tone < huyền < hỏi < ngã < sắc < nặng).
        assert_eq!(sorted(&["Lâm", "Lăm", "Lam"]), ["Lam", "Lăm", "Lâm"]);
        assert_eq!(sorted(&["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"]), ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]);
        // Case is not a letter: "bắc" sorts with "Bắc", before "Bình".
        assert_eq!(sorted(&["Bình", "bắc"]), ["bắc", "Bình"]);
        // Decomposed input (base letter + combining marks) sorts like the precomposed one.
        assert_eq!(vietnamese_key("Ba\u{306}\u{301}c").1, vietnamese_key("Bắc").1);
    }

    #[test]
    fn folds_diacritics_case_and_spaces() {
        assert_eq!(fold("Lạng Sơn"), "lang son");
        assert_eq!(fold("Sở  Nội\u{a0}vụ"), "so noi vu");
        assert_eq!(fold("ĐỒNG ĐĂNG"), "dong dang");
        // NFD input (base letters followed by combining marks) folds the same way.
        assert_eq!(fold("La\u{323}ng So\u{31b}n"), "lang son");
    }
}
