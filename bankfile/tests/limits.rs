//! Crafted files (issue 10, item 4), the cases worth a test of their own. Every file of
//! tests/common/crafted.rs is checked against its refusal and the output limits in memory.rs,
//! which reads each once (they are big) while it measures.

mod common;

use common::crafted;

#[test]
fn the_sheet_of_the_issue_is_refused_whole() {
    let bytes = crafted::whole_sheet();
    assert!(bytes.len() < 10_000, "a few KB: {}", bytes.len());
    let parsed = bankfile::parse(&bytes, Some("cau-hoi.xlsx"));
    assert_eq!(parsed.questions, vec![]);
    assert_eq!(parsed.problems.len(), 1);
    assert!(
        parsed.problems[0].message.starts_with("Tệp quá lớn: trang tính có hơn 10.000 dòng"),
        "{:?}",
        parsed.problems
    );
    // The same reader serves other sheets (the unit tree).
    let refused = bankfile::read_sheet(&bytes).unwrap_err();
    assert_eq!(refused, parsed.problems[0]);
}

#[test]
fn a_sheet_within_the_limits_still_reads_with_its_real_row_numbers() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, title) in ["Câu hỏi", "Phương án A", "Phương án B", "Đáp án"].iter().enumerate() {
        sheet.write_string(2, col as u16, *title).unwrap();
    }
    sheet.write_string(9_999, 0, "Câu cuối?").unwrap();
    sheet.write_string(9_999, 1, "Một").unwrap();
    sheet.write_string(9_999, 2, "Hai").unwrap();
    sheet.write_string(9_999, 3, "B").unwrap();
    sheet.write_string(9_999, 99, "ghi chú ở cột CV").unwrap();
    // Formatting alone far away (an empty styled cell) is not data.
    sheet.write_blank(500_000, 16_000, &rust_xlsxwriter::Format::new().set_bold()).unwrap();
    let parsed = bankfile::parse(&book.save_to_buffer().unwrap(), Some("a.xlsx"));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.questions.len(), 1);
    assert_eq!(parsed.questions[0].line, 10_000);
    assert_eq!(parsed.questions[0].correct, vec![1]);
}

#[test]
fn a_part_that_lies_about_its_size_is_not_read_past_it() {
    // Declared 1 KB in both headers, inflates to 45 MB.
    let big = vec![b' '; 45 * 1024 * 1024];
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    writer.start_file("word/document.xml", options).unwrap();
    std::io::Write::write_all(&mut writer, b"<w:document/>").unwrap();
    writer.start_file("word/styles.xml", options).unwrap();
    std::io::Write::write_all(&mut writer, &big).unwrap();
    let mut bytes = writer.finish().unwrap().into_inner();
    let size = (45u32 * 1024 * 1024).to_le_bytes();
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(4) {
        let header = &bytes[i..i + 4];
        let at = match header {
            b"PK\x03\x04" => i + 22,
            b"PK\x01\x02" => i + 24,
            _ => continue,
        };
        if bytes[at..at + 4] == size {
            bytes[at..at + 4].copy_from_slice(&1024u32.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "both size fields found");
    let parsed = bankfile::parse(&bytes, Some("noi-doi.docx"));
    assert_eq!(parsed.questions, vec![]);
    // The zip reader stops at the declared size and finds the checksum wrong; had it not, the
    // capped read (`MAX_PART_BYTES`) would refuse the part as too big.
    assert!(
        parsed.problems[0].message.starts_with("Tệp bị hỏng: không đọc được nội dung nén"),
        "{:?}",
        parsed.problems
    );
}

/// A .docx whose document.xml is `size` bytes: a question, then spaces.
#[allow(clippy::unwrap_used)] // test data: a failing zip writer should stop the test loudly
fn word_file_of(size: u64) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    writer.start_file("word/document.xml", options).unwrap();
    let head = "<w:document><w:body><w:p><w:r><w:t>Câu 1: Hỏi?</w:t></w:r></w:p>\
                <w:p><w:r><w:t>A. Có</w:t></w:r></w:p><w:p><w:r><w:t>B. Không</w:t></w:r></w:p>\
                <w:p><w:r><w:t>Đáp án: A</w:t></w:r></w:p>";
    let tail = "</w:body></w:document>";
    std::io::Write::write_all(&mut writer, head.as_bytes()).unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    let mut left = size - (head.len() + tail.len()) as u64;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        std::io::Write::write_all(&mut writer, &chunk[..n]).unwrap();
        left -= n as u64;
    }
    std::io::Write::write_all(&mut writer, tail.as_bytes()).unwrap();
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_word_document_is_streamed_up_to_its_own_limit_and_refused_past_it() {
    use bankfile::limits::{MAX_PART_BYTES, MAX_STREAMED_PART_BYTES};
    // Past the 40 MiB of a part held whole, within the streamed limit: read.
    let parsed = bankfile::parse(&word_file_of(MAX_PART_BYTES + 1024 * 1024), Some("lon.docx"));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.questions.len(), 1);
    // One byte past the streamed limit: refused whole, in Vietnamese, naming the part.
    let parsed = bankfile::parse(&word_file_of(MAX_STREAMED_PART_BYTES + 1), Some("qua-lon.docx"));
    assert_eq!(parsed.questions, vec![]);
    assert_eq!(
        parsed.problems[0].message,
        "Tệp quá lớn sau khi giải nén (word/document.xml); có thể tệp bị hỏng hoặc chứa quá nhiều hình ảnh."
    );
}
