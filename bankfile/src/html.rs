//! HTML (as Moodle stores questions typed in its editor) to the plain text this platform keeps.
//!
//! The platform stores and shows question text as plain text, so HTML from a file marked as
//! HTML (GIFT `[html]`, Moodle XML `format="html"`) is read the way a browser would show it:
//! tags are removed, a block tag or line break (`<p>`, `<br>`, `<div>`, `<li>`…) becomes a
//! space while an inline tag (`<b>`, `<span>`, `<sub>`…) joins its text to its neighbours
//! ("<b>Quốc</b> hội" → "Quốc hội", "H<sub>2</sub>O" → "H2O"), `<script>`/`<style>` and
//! comments are dropped with their content, and every HTML entity (`&amp;`, `&ograve;`,
//! `&#7871;`, `&#x1EBF;`) is decoded. A `<` that does not start a tag ("a < b") is text.
//! Pictures (`<img>`, `<svg>`, …) cannot be kept as text; they are counted so the importer
//! can flag the question instead of dropping the picture silently.
//! Whitespace is left for [`crate::normalize::clean`] to collapse.

/// Tags that do not separate words when a browser lays text out.
const INLINE: [&str; 27] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "u", "var",
];

/// Tags that carry a picture or other media the text cannot hold.
const PICTURES: [&str; 10] =
    ["img", "svg", "picture", "object", "embed", "video", "audio", "iframe", "canvas", "math"];

/// Plain text of an HTML fragment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub text: String,
    /// Pictures (or other media) the fragment had; their place is left empty in `text`.
    pub pictures: usize,
}

pub fn to_text(html: &str) -> Text {
    let mut out = String::with_capacity(html.len());
    let mut pictures = 0;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        if let Some(comment) = tag.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let starts_tag =
            tag[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        let Some(len) = starts_tag.then(|| tag_len(tag)).flatten() else {
            out.push('<');
            rest = &tag[1..];
            continue;
        };
        let name = tag_name(&tag[1..len]);
        rest = &tag[len..];
        if matches!(name.as_str(), "script" | "style") && !tag[1..].starts_with('/') {
            // Their content is code, never text a contestant should read.
            rest = skip_past_closing(rest, &name);
            out.push(' ');
        } else if PICTURES.contains(&name.as_str()) {
            if !tag[1..].starts_with('/') {
                pictures += 1;
            }
            out.push(' ');
        } else if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    let text = html_escape::decode_html_entities(&out).into_owned();
    Text { text, pictures }
}

/// Length of the tag at the start of `s` (through its `>`), quotes in attributes respected;
/// None when it never closes (then the `<` is shown as text, as a browser would at the end).
fn tag_len(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// "p class=x" → "p", "/B" → "b", "br/" → "br".
fn tag_name(inner: &str) -> String {
    inner
        .trim_start_matches(['/', '!', '?'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What follows `</name …>`, or nothing when it is never closed.
fn skip_past_closing<'a>(s: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i;
        if tag_name(&s[at + 1..]) == name {
            return tag_len(&s[at..]).map_or("", |len| &s[at + len..]);
        }
        from = at + 2;
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::clean;

    fn plain(html: &str) -> String {
        clean(&to_text(html).text)
    }

    #[test]
    fn block_tags_separate_words_and_inline_tags_join() {
        assert_eq!(plain("<p>Một</p><p>Hai</p>"), "Một Hai");
        assert_eq!(plain("Một<br/>Hai<br>Ba"), "Một Hai Ba");
        assert_eq!(plain("<b>Quốc</b> hội"), "Quốc hội");
        assert_eq!(plain("H<sub>2</sub>O, m<SUP>2</SUP>"), "H2O, m2");
        assert_eq!(plain("<span style=\"a>b\">x</span>y"), "xy");
    }

    #[test]
    fn entities_are_decoded_after_tags_are_removed() {
        assert_eq!(plain("Thu&#7871; &amp; ph&iacute; &ograve; &#x1EBF;"), "Thuế & phí ò ế");
        assert_eq!(plain("&lt;b&gt; là thẻ"), "<b> là thẻ");
        assert_eq!(plain("a&nbsp;&nbsp;b"), "a b");
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(plain("1 < 2 > 0"), "1 < 2 > 0");
        assert_eq!(plain("a <"), "a <");
        assert_eq!(plain("x <b"), "x <b");
    }

    #[test]
    fn code_comments_and_pictures() {
        assert_eq!(plain("a<script>alert('<p>')</script>b<!-- c -->d"), "a bd");
        assert_eq!(plain("a<style>p{}</style>b"), "a b");
        let t = to_text("Biển báo <img src=\"@@PLUGINFILE@@/x.png\" alt=\"x\"> là gì?");
        assert_eq!((clean(&t.text).as_str(), t.pictures), ("Biển báo là gì?", 1));
    }
}
