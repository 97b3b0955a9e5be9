//! Text normalisation for search and duplicate checks: "Sở Nội vụ" and
//! "so noi  vu" must match, whatever the Unicode form or spacing typed.
use deunicode::deunicode;

/// Lower-case ASCII with diacritics removed (đ → d) and whitespace collapsed.
pub fn fold(text: &str) -> String {
    deunicode(text).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_diacritics_case_and_spaces() {
        assert_eq!(fold("Lạng Sơn"), "lang son");
        assert_eq!(fold("Sở  Nội\u{a0}vụ"), "so noi vu");
        assert_eq!(fold("ĐỒNG ĐĂNG"), "dong dang");
        // NFD input (base letters followed by combining marks) folds the same way.
        assert_eq!(fold("La\u{323}ng So\u{31b}n"), "lang son");
    }
}
