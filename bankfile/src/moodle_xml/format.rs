//! Moodle's text formats (`format="…"` on every text field) to the plain text our questions
//! are stored as, and plain text back to HTML that Moodle shows exactly as written. HTML
//! entities are decoded with html-escape (the whole HTML5 table: `&ograve;`, `&#7871;`).

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
            let (text, pictures) = strip_tags(raw);
            Plain { text: html_escape::decode_html_entities(&text).into_owned(), pictures }
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

/// Elements that end a line or a block: their text must not run into the next word.
const BREAKS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "pre",
    "section",
    "article",
    "dd",
    "dt",
    "dl",
    "figcaption",
];

/// Elements that show something besides text.
const MEDIA: &[&str] =
    &["img", "svg", "video", "audio", "iframe", "object", "embed", "picture", "canvas", "math"];

/// Removes tags, comments and script/style content in one pass, as a browser shows the text:
/// a block element or line break becomes a space, an inline one (`<b>`, `<span>`) joins its
/// text to its neighbours, and a `<` that does not start a tag ("a < b") is text. Counts the
/// pictures and other media it removes.
fn strip_tags(s: &str) -> (String, usize) {
    let mut out = String::with_capacity(s.len());
    let mut pictures = 0;
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |j| &comment[j + 3..]);
            continue;
        }
        let starts_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        let Some(end) = starts_tag.then(|| tag_end(after)).flatten() else {
            out.push('<');
            rest = after;
            continue;
        };
        let tag = &after[..end];
        rest = &after[end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches(['/', '!', '?'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !closing && (name == "script" || name == "style") {
            rest = skip_past_closing(rest, &name);
            out.push(' ');
            continue;
        }
        if MEDIA.contains(&name.as_str()) && !closing {
            pictures += 1;
        }
        if BREAKS.contains(&name.as_str()) || MEDIA.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    (out, pictures)
}

/// Byte index of the `>` ending the tag that `s` starts, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// What follows `</name…>`, ASCII case ignored; nothing when it is never closed. One pass:
/// a hostile text full of `<script>` must not be rescanned for each.
fn skip_past_closing<'a>(s: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i + 2;
        let candidate = s.as_bytes().get(at..at + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return s[at..].find('>').map_or("", |j| &s[at + j + 1..]);
        }
        from = at;
    }
    ""
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
