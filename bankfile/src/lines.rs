//! Lines of a text file whatever wrote it: Windows (CR LF), Unix (LF) and old Mac (CR only).
//!
//! `str::lines` knows only the first two, so a bank saved on an old Mac, or by a tool that
//! writes bare CRs, came out as one long line. Moodle's readers split these too (its default
//! reader turns a CR-only file into lines, the Aiken reader splits every line at CR).

/// Each line without its ending; `\r\n` is one ending, a lone `\r` or `\n` another.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\r', '\n']) {
            Some(i) => {
                let after = if s[i..].starts_with("\r\n") { i + 2 } else { i + 1 };
                rest = (after < s.len()).then(|| &s[after..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                (!s.is_empty()).then_some(s)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn every_kind_of_line_ending_splits() {
        let got: Vec<&str> = lines("a\r\nb\nc\rd\r\r\ne").collect();
        assert_eq!(got, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(lines("a\n").collect::<Vec<_>>(), ["a"]);
        assert_eq!(lines("a\n\n").collect::<Vec<_>>(), ["a", ""]);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("\r").collect::<Vec<_>>(), [""]);
    }
}
