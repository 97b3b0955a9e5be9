//! Deciding what a file is from its bytes. Organizers rename files, Zalo and e-mail clients
//! mangle names, so the name only breaks ties and catches a wrong file picked by mistake.

use crate::problem::{self, Problem};
use crate::{aiken, gift, moodle_xml, sheet, Format, MAX_FILE_BYTES};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0";

/// Which format `bytes` holds. Err explains, in Vietnamese, why the file cannot be read.
pub fn detect(bytes: &[u8], file_name: Option<&str>) -> Result<Format, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Problem::file(problem::too_big(bytes.len())));
    }
    let ext = extension(file_name);
    // Only binary formats are a promise: a .txt, .csv or .gift name says little about the
    // content (Aiken and GIFT are both saved as .txt), but a .docx that is not Word is a
    // wrong file picked by mistake and importing something else would surprise.
    let claimed = match ext.as_str() {
        "docx" | "docm" | "dotx" => Some(Format::Docx),
        "xlsx" | "xlsm" | "xltx" => Some(Format::Xlsx),
        _ => None,
    };
    if bytes.starts_with(OLE_MAGIC) {
        let msg = match ext.as_str() {
            "doc" | "docx" | "dot" => problem::LEGACY_DOC,
            "xls" | "xlsx" | "xlt" => problem::LEGACY_XLS,
            _ => problem::LEGACY_OFFICE,
        };
        return Err(Problem::file(msg));
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        let actual = zip_kind(bytes)?;
        return match (claimed, actual) {
            (Some(c), Some(a)) if c != a => Err(Problem::file(problem::mismatch(&ext, c, Some(a)))),
            (Some(c), None) => Err(Problem::file(problem::mismatch(&ext, c, None))),
            (_, Some(a)) => Ok(a),
            (None, None) => Err(Problem::file(problem::OTHER_ZIP)),
        };
    }
    if let Some(c) = claimed {
        return Err(Problem::file(problem::mismatch(&ext, c, None)));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(Problem::file(
            "Không đọc được câu hỏi từ tệp PDF. Hãy dùng tệp Word (.docx) gốc, hoặc chép câu hỏi \
             vào tệp mẫu Excel.",
        ));
    }
    let text = decode_text(bytes)?;
    if text.trim().is_empty() {
        return Err(Problem::file(problem::EMPTY_FILE));
    }
    detect_text(&text, &ext)
}

fn detect_text(text: &str, ext: &str) -> Result<Format, Problem> {
    // First: a Moodle XML file has `{…}` in cloze questions and would pass for GIFT.
    if ext == "xml" || moodle_xml::looks_like(text) {
        return Ok(Format::MoodleXml);
    }
    if sheet::looks_like_csv(text) {
        return Ok(Format::Csv);
    }
    let gift = gift::looks_like(text);
    let aiken = aiken::looks_like(text);
    let by_name = match ext {
        "gift" => Some(Format::Gift),
        "aiken" => Some(Format::Aiken),
        "csv" => Some(Format::Csv),
        _ => None,
    };
    match (gift, aiken) {
        (0, 0) => by_name.ok_or_else(|| Problem::file(problem::UNKNOWN_FORMAT)),
        (_, 0) => Ok(Format::Gift),
        (0, _) => Ok(Format::Aiken),
        (g, a) => Ok(match by_name {
            Some(f @ (Format::Gift | Format::Aiken)) => f,
            _ if g >= a => Format::Gift,
            _ => Format::Aiken,
        }),
    }
}

/// Some(Docx/Xlsx), None for another kind of zip, Err when the zip cannot be opened.
fn zip_kind(bytes: &[u8]) -> Result<Option<Format>, Problem> {
    let archive = crate::package::open(bytes)?;
    if archive.index_for_name("word/document.xml").is_some() {
        Ok(Some(Format::Docx))
    } else if archive.index_for_name("xl/workbook.xml").is_some() {
        Ok(Some(Format::Xlsx))
    } else {
        Ok(None)
    }
}

fn extension(file_name: Option<&str>) -> String {
    file_name
        .and_then(|n| n.rsplit(['/', '\\']).next())
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.trim().to_lowercase())
        .unwrap_or_default()
}

/// UTF-8 (with or without BOM) or UTF-16 with BOM, as Excel's "Unicode text" saves it.
pub fn decode_text(bytes: &[u8]) -> Result<String, Problem> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, Problem> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        // NUL bytes mean a binary file, not a text file in a legacy code page.
        Err(_) if bytes.contains(&0) => Err(Problem::file(problem::UNKNOWN_FORMAT)),
        Err(_) => Err(Problem::file(problem::NOT_UTF8)),
    }
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> Result<String, Problem> {
    let units = bytes.chunks_exact(2).map(|c| read([c[0], c[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| Problem::file(problem::NOT_UTF8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_is_lowercase_and_ignores_folders() {
        assert_eq!(extension(Some("C:\\Bộ câu hỏi.v2\\De THI.DOCX")), "docx");
        assert_eq!(extension(Some("noext")), "");
        assert_eq!(extension(None), "");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Câu".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).unwrap(), "Câu");
    }
}
