//! Spreadsheet cells that are safe to open. Excel and LibreOffice run a CSV cell that starts
//! with `=`, `+`, `-` or `@` (and, after a tab or carriage return, the same) as a formula, so
//! a question typed as `=HYPERLINK(…)` would become a live link in an organizer's sheet. Every
//! text cell of every CSV export goes through [`neutralise`], which prefixes such text with a
//! single quote as OWASP recommends (spreadsheets show the text without running it); the
//! importers undo it with [`unquote`], so exporting and importing again changes nothing.
//!
//! .xlsx exports write text with `write_string`, which stores a typed string cell that Excel
//! never evaluates, so they need no prefix (the export tests check the cells).

/// First characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn triggers(text: &str) -> bool {
    text.starts_with(TRIGGERS)
}

/// The text as a CSV cell that no spreadsheet runs as a formula. Text already starting with a
/// quote that [`unquote`] would strip gets one more, so the round trip is exact.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if triggers(text) || text.strip_prefix('\'').is_some_and(|rest| triggers(rest) || rest.starts_with('\''))
    {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Reverses [`neutralise`]: drops a leading quote put before a formula character (or before
/// another such quote). Any other quote is text and stays.
pub fn unquote(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if triggers(rest) || rest.starts_with('\'') => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_the_quote_comes_off_again() {
        for (text, cell) in [
            ("=1+1", "'=1+1"),
            ("+84 912", "'+84 912"),
            ("-5 độ C", "'-5 độ C"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("'=1", "''=1"),
            ("''x", "'''x"),
            ("'bình thường", "'bình thường"),
            ("Câu hỏi", "Câu hỏi"),
            ("'", "'"),
            ("", ""),
        ] {
            assert_eq!(neutralise(text), cell, "{text:?}");
            assert_eq!(unquote(&neutralise(text)), text, "{text:?}");
        }
    }
}
