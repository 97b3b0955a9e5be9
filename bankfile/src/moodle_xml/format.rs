//! Moodle's text formats (`format="…"` on every text field) to the plain text our questions
//! are stored as (HTML is read by [`crate::html::to_text`], as GIFT's `[html]` is), and plain
//! text back to HTML that Moodle shows exactly as written.

/// How a Moodle text field is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// `html`, `moodle_auto_format`, and anything unknown (Moodle assumes HTML too).
    Html,
    /// `plain_text`, `markdown`, `wiki_like`: the text is what the author typed.
    Typed,
}

impl TextFormat {
    pub fn from_attribute(name: &str) -> TextFormat {
        match name.trim() {
            "plain_text" | "markdown" | "wiki_like" => TextFormat::Typed,
            _ => TextFormat::Html,
        }
    }
}

/// Plain text of a field, and how many pictures (or other media) it showed that plain text
/// cannot carry.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plain {
    pub text: String,
    pub pictures: usize,
}

pub fn to_plain(raw: &str, format: TextFormat) -> Plain {
    match format {
        TextFormat::Typed => Plain { text: raw.to_string(), pictures: 0 },
        TextFormat::Html => {
            // The same reading as GIFT's `[html]`: one HTML-to-text for every format.
            let crate::html::Text { text, pictures } = crate::html::to_text(raw);
            Plain { text, pictures }
        }
    }
}

/// Our plain text as Moodle HTML: `&`, `<` and `>` escaped, so that Moodle shows them as
/// typed instead of reading `<b>` as bold or `&amp;` as `&`.
pub fn from_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        crate::normalize::clean(&to_plain(s, TextFormat::Html).text)
    }

    #[test]
    fn html_fields_lose_tags_and_entities_typed_fields_keep_them() {
        assert_eq!(plain("<p>Lu&acirc;t <b>đất</b>&nbsp;đai</p><p>năm 2024</p>"), "Luât đất đai năm 2024");
        assert_eq!(to_plain("<b>x</b> &amp;", TextFormat::Typed).text, "<b>x</b> &amp;");
        assert_eq!(to_plain("Biển <img src=\"a.png\">", TextFormat::Html).pictures, 1);
        assert_eq!(TextFormat::from_attribute("moodle_auto_format"), TextFormat::Html);
        assert_eq!(TextFormat::from_attribute("plain_text"), TextFormat::Typed);
    }

    #[test]
    fn tags_go_as_a_browser_shows_them() {
        assert_eq!(plain("Thủ tục<br/>hành chính &amp; &lt;b&gt;"), "Thủ tục hành chính & <b>");
        assert_eq!(plain("H<sub>2</sub>O và x < 5, y > 3"), "H2O và x < 5, y > 3");
        assert_eq!(plain("a<!-- ghi chú -->b<script>alert('<p>')</script>c"), "ab c");
        assert_eq!(plain("<span title=\"a > b\">chữ</span>"), "chữ");
        assert_eq!(plain("&ograve;&#7841;&#x1EA1;"), "òạạ");
    }

    #[test]
    fn plain_text_survives_html() {
        let s = "a & b <c> &amp; \"d\" &ograve;";
        assert_eq!(plain(&from_plain(s)), s);
    }
}
