//! Problems and the Vietnamese wording shown to organizers.
//!
//! All user-facing sentences live here so the wording stays consistent across formats.

use crate::Format;

/// Something that kept a question (or the whole file) out of the import.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// 1-based line/row where the question starts; 0 = the whole file.
    pub line: usize,
    /// Vietnamese sentence, without a "Dòng N:" prefix (the UI adds it).
    pub message: String,
}

impl Problem {
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Problem { line, message: message.into() }
    }

    pub fn file(message: impl Into<String>) -> Self {
        Problem::new(0, message)
    }
}

/// Export can only fail inside the xlsx writer.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("Không tạo được tệp Excel: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

pub const EMPTY_FILE: &str = "Tệp không có câu hỏi nào.";
pub const UNKNOWN_FORMAT: &str =
    "Không nhận ra định dạng tệp. Hãy dùng Excel (.xlsx), CSV, Word (.docx), GIFT, Aiken hoặc \
     Moodle XML.";
pub const NO_ANSWER: &str = "Chưa có đáp án đúng.";
pub const EMPTY_TEXT: &str = "Câu hỏi chưa có nội dung.";
pub const NOT_UTF8: &str = "Tệp văn bản không dùng bảng mã UTF-8. Hãy lưu lại với bảng mã UTF-8 \
     (trong Excel: Lưu thành → CSV UTF-8).";
pub const LEGACY_DOC: &str = "Tệp Word 97-2003 (.doc) chưa được hỗ trợ. Hãy mở tệp trong Word, chọn \
     Lưu thành và lưu dưới dạng Tài liệu Word (.docx) rồi tải lên lại.";
pub const LEGACY_XLS: &str = "Tệp Excel 97-2003 (.xls) chưa được hỗ trợ. Hãy mở tệp trong Excel, chọn \
     Lưu thành và lưu dưới dạng Sổ làm việc Excel (.xlsx) rồi tải lên lại.";
pub const LEGACY_OFFICE: &str = "Tệp Word/Excel 97-2003 (.doc/.xls) chưa được hỗ trợ. Hãy mở tệp và lưu \
     lại dưới dạng .docx hoặc .xlsx rồi tải lên lại.";
pub const OTHER_ZIP: &str = "Tệp nén (zip) này không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx).";
pub const CORRUPT_ZIP: &str =
    "Tệp bị hỏng: không đọc được nội dung nén bên trong. Hãy mở tệp, lưu lại rồi tải lên lại.";
pub const ORPHAN_TEXT: &str =
    "Không nhận ra đoạn này là câu hỏi, phương án hay đáp án (câu hỏi cần có số thứ tự như \"Câu 1:\").";

pub fn corrupt(format: Format) -> String {
    format!(
        "Tệp {} bị hỏng hoặc có nội dung không đọc được. Hãy mở tệp, lưu lại rồi tải lên lại.",
        format.label()
    )
}

pub fn too_big(len: usize) -> String {
    let mb = len as f64 / (1024.0 * 1024.0);
    let limit = crate::MAX_FILE_BYTES / (1024 * 1024);
    format!("Tệp quá lớn ({} MB); chỉ nhận tệp tối đa {limit} MB.", format!("{mb:.1}").replace('.', ","))
}

pub fn part_too_big(part: &str) -> String {
    format!("Tệp quá lớn sau khi giải nén ({part}); có thể tệp bị hỏng hoặc chứa quá nhiều hình ảnh.")
}

/// `ext` is without the dot, lowercase.
pub fn mismatch(ext: &str, expected: Format, actual: Option<Format>) -> String {
    let what = match expected {
        Format::Docx => "tài liệu Word",
        Format::Xlsx => "bảng tính Excel",
        Format::Csv => "bảng CSV",
        Format::Gift => "câu hỏi GIFT",
        Format::Aiken => "câu hỏi Aiken",
        Format::MoodleXml => "câu hỏi Moodle XML",
    };
    let mut msg = format!("Tệp có đuôi .{ext} nhưng nội dung không phải {what}.");
    if let Some(actual) = actual {
        msg.push_str(&format!(
            " Nội dung là {}; hãy kiểm tra lại tệp đã chọn hoặc đổi đuôi tệp cho đúng.",
            actual.label()
        ));
    }
    msg
}

pub fn letter(index: usize) -> char {
    (b'A' + (index.min(25)) as u8) as char
}

pub fn letters(indexes: &[usize]) -> String {
    indexes.iter().map(|&i| letter(i).to_string()).collect::<Vec<_>>().join(", ")
}

pub fn several_answers(indexes: &[usize]) -> String {
    format!(
        "Có {} đáp án được đánh dấu đúng ({}); mỗi câu chỉ có một đáp án đúng.",
        indexes.len(),
        letters(indexes)
    )
}

pub fn answer_not_an_option(index: usize, option_count: usize) -> String {
    let range = match option_count {
        0 => String::from("câu hỏi chưa có phương án nào"),
        1 => String::from("chỉ có phương án A"),
        n => format!("chỉ có các phương án A–{}", letter(n - 1)),
    };
    format!("Đáp án {} không có trong các phương án ({range}).", letter(index))
}

pub fn bad_answer(raw: &str) -> String {
    format!("Đáp án \"{raw}\" không hợp lệ; hãy ghi một chữ cái từ A đến F.")
}

pub fn too_few_options(count: usize) -> String {
    match count {
        0 => String::from("Câu hỏi chưa có phương án nào; cần từ 2 đến 6 phương án (A–F)."),
        n => format!("Câu hỏi chỉ có {n} phương án; cần từ 2 đến 6 phương án (A–F)."),
    }
}

pub fn too_many_options(count: usize) -> String {
    format!("Câu hỏi có {count} phương án; tối đa 6 phương án (A–F).")
}

pub fn empty_option(index: usize) -> String {
    format!("Phương án {} chưa có nội dung.", letter(index))
}

pub fn bad_difficulty(raw: &str) -> String {
    format!("Mức độ \"{raw}\" không hợp lệ; hãy ghi 1, 2, 3 hoặc Dễ, Trung bình, Khó.")
}

pub fn answer_disagrees(written: usize, marked: usize) -> String {
    format!(
        "Dòng đáp án ghi {} nhưng phương án được đánh dấu (in đậm, gạch chân hoặc tô màu) là {}.",
        letter(written),
        letter(marked)
    )
}

pub fn missing_columns(missing: &[&str]) -> String {
    format!(
        "Thiếu cột: {}. Dòng đầu tiên phải là tiêu đề các cột (Câu hỏi, Phương án A, Phương án B, …, \
         Đáp án); hãy dùng tệp mẫu.",
        missing.join(", ")
    )
}

pub fn unsupported_gift(kind: &str) -> String {
    format!("Câu hỏi loại {kind} chưa được hỗ trợ; chỉ nhận câu trắc nghiệm có đúng một đáp án đúng.")
}

/// 10000 → "10.000", as Vietnamese writes numbers.
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

const SPLIT: &str = "Hãy chia ngân hàng thành nhiều tệp nhỏ hơn rồi tải lên lại.";

pub fn too_many_rows() -> String {
    format!(
        "Tệp quá lớn: trang tính có hơn {} dòng (có ô chứa dữ liệu ở dưới dòng {}). Hãy xóa dữ liệu \
         thừa ở cuối trang tính hoặc chia thành nhiều tệp nhỏ hơn.",
        number(crate::limits::MAX_SHEET_ROWS),
        number(crate::limits::MAX_SHEET_ROWS)
    )
}

pub fn too_many_columns() -> String {
    format!(
        "Tệp quá lớn: trang tính có dữ liệu ở quá {} cột. Hãy xóa các cột thừa bên phải rồi tải lên lại.",
        number(crate::limits::MAX_SHEET_COLUMNS)
    )
}

pub fn too_many_strings() -> String {
    format!(
        "Tệp quá lớn: bảng tính có hơn {} nội dung chữ khác nhau. {SPLIT}",
        number(crate::limits::MAX_SHARED_STRINGS)
    )
}

pub fn too_deep(part: &str) -> String {
    format!(
        "Tệp bị hỏng hoặc không phải tệp Office thông thường: phần {part} lồng nhau quá {} cấp.",
        number(crate::limits::MAX_XML_DEPTH)
    )
}

pub fn unusual_part(part: &str) -> String {
    format!(
        "Tệp bị hỏng hoặc không phải tệp Office thông thường: phần {part} có quá nhiều định dạng \
         hoặc định dạng quá dài. Hãy mở tệp, chép nội dung sang tệp mẫu rồi tải lên lại."
    )
}

pub fn too_many_parts() -> String {
    format!(
        "Tệp bị hỏng hoặc không phải tệp Office thông thường: có hơn {} phần nén bên trong.",
        number(crate::limits::MAX_ZIP_ENTRIES)
    )
}

pub fn too_much_text() -> String {
    format!("Tệp quá lớn: có hơn {} ký tự nội dung. {SPLIT}", number(crate::limits::MAX_TEXT_CHARS))
}

pub fn too_many_questions() -> String {
    format!("Tệp quá lớn: có hơn {} câu hỏi. {SPLIT}", number(crate::limits::MAX_QUESTIONS))
}

pub fn more_problems(count: usize) -> String {
    format!(
        "Còn {} lỗi khác chưa được liệt kê; hãy sửa các lỗi trên rồi tải lên lại để xem tiếp.",
        number(count)
    )
}

// Word (.docx): answer keys, starred options, pictures.

pub fn key_number_twice(number: u32, count: usize) -> String {
    format!(
        "Có {count} câu hỏi cùng số {number} nên không biết câu nào nhận đáp án của câu {number} trong \
         bảng đáp án; hãy đánh số lại các câu hỏi cho khác nhau."
    )
}

pub fn key_disagrees(written: usize, key: usize) -> String {
    format!("Đáp án ghi ở câu hỏi là {} nhưng bảng đáp án cuối tệp ghi {}.", letter(written), letter(key))
}

pub fn key_twice(number: u32, indexes: &[usize]) -> String {
    format!("Bảng đáp án ghi câu {number} nhiều lần với các đáp án khác nhau ({}).", letters(indexes))
}

pub fn key_missing(number: u32) -> String {
    format!("Chưa có đáp án đúng: bảng đáp án cuối tệp không có câu {number}.")
}

pub fn key_without_question(number: u32) -> String {
    format!("Bảng đáp án có câu {number} nhưng trong tệp không có câu hỏi số {number}.")
}

pub fn star_disagrees(written: usize, starred: usize) -> String {
    format!("Dòng đáp án ghi {} nhưng phương án có dấu * là {}.", letter(written), letter(starred))
}

/// `places`: "phần câu hỏi", "phương án B"… where the pictures are.
pub fn pictures(places: &[String]) -> String {
    let at = if places.is_empty() { String::new() } else { format!(" (ở {})", places.join(", ")) };
    format!(
        "Câu hỏi có hình ảnh{at}. Hệ thống chưa nhận được hình ảnh nên câu này chưa nhập được: hãy thay \
         hình bằng lời mô tả rồi tải lên lại, hoặc bỏ câu này khỏi tệp."
    )
}

pub const PICTURE_ALONE: &str = "Đoạn này có hình ảnh nhưng không thuộc câu hỏi nào. Hệ thống chưa nhận \
     được hình ảnh; nếu hình là của một câu hỏi, hãy thay hình bằng lời mô tả.";
