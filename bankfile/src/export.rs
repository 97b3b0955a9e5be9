//! Writing banks out. The spreadsheet layout is exactly the one `parse` reads, so an export can
//! be edited in Excel and imported again without losing anything.

use rust_xlsxwriter::{DataValidation, Format as CellFormat, FormatAlign, Workbook, Worksheet};

use crate::normalize::clean;
use crate::problem::{letters, ExportError};
use crate::sheet::{FEEDBACK_HEADERS, HEADERS};
use crate::{aiken, gift, ExportQuestion};

/// Column widths in characters, matching `HEADERS`.
const WIDTHS: [f64; 12] = [22.0, 60.0, 28.0, 28.0, 28.0, 28.0, 20.0, 20.0, 9.0, 40.0, 30.0, 10.0];

fn row(q: &ExportQuestion) -> [String; 12] {
    let option = |i: usize| q.options.get(i).map(|o| clean(o)).unwrap_or_default();
    [
        clean(&q.topic),
        clean(&q.text),
        option(0),
        option(1),
        option(2),
        option(3),
        option(4),
        option(5),
        letters(&q.correct),
        q.explanation.as_deref().map(clean).unwrap_or_default(),
        q.legal_source.as_deref().map(clean).unwrap_or_default(),
        if (1..=3).contains(&q.difficulty) { q.difficulty.to_string() } else { String::new() },
    ]
}

/// Each option's feedback, A to F (empty where none).
fn feedback_row(q: &ExportQuestion) -> [String; 6] {
    std::array::from_fn(|i| {
        q.option_feedback.get(i).cloned().flatten().map(|f| clean(&f)).unwrap_or_default()
    })
}

/// True when some question has per-option feedback: only then are its columns written.
fn has_feedback(questions: &[ExportQuestion]) -> bool {
    questions.iter().any(|q| feedback_row(q).iter().any(|f| !f.is_empty()))
}

fn write_sheet(sheet: &mut Worksheet, questions: &[ExportQuestion]) -> Result<(), ExportError> {
    let header = CellFormat::new().set_bold().set_background_color(0xDDEBF7).set_align(FormatAlign::Center);
    let wrap = CellFormat::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_name("Câu hỏi")?;
    for (col, (title, width)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    let feedback = has_feedback(questions);
    if feedback {
        for (i, title) in FEEDBACK_HEADERS.iter().enumerate() {
            let col = (HEADERS.len() + i) as u16;
            sheet.write_string_with_format(0, col, *title, &header)?;
            sheet.set_column_width(col, 28.0)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, q) in questions.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, value) in row(q).iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            if col == 11 {
                sheet.write_number(r, col as u16, f64::from(q.difficulty))?;
            } else {
                sheet.write_string_with_format(r, col as u16, value, &wrap)?;
            }
        }
        if feedback {
            for (i, value) in feedback_row(q).iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                sheet.write_string_with_format(r, (HEADERS.len() + i) as u16, value, &wrap)?;
            }
        }
    }
    Ok(())
}

pub fn export_xlsx(questions: &[ExportQuestion]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    write_sheet(workbook.add_worksheet(), questions)?;
    Ok(workbook.save_to_buffer()?)
}

/// UTF-8 with BOM (so Excel guesses the encoding right), ";"-separated (Excel with Vietnamese
/// regional settings splits on ";", its decimal mark being ","; the importer guesses the
/// separator, so these files import back), same columns as xlsx;
/// text a spreadsheet would run as a formula is quoted (see [`crate::cell`]) and the importer
/// takes the quote off again.
pub fn export_csv(questions: &[ExportQuestion]) -> String {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    // Writing into a Vec cannot fail; the results are ignored rather than unwrapped.
    let feedback = has_feedback(questions);
    let extra: &[&str] = if feedback { &FEEDBACK_HEADERS } else { &[] };
    let _ = writer.write_record(HEADERS.iter().chain(extra));
    for q in questions {
        let mut cells: Vec<String> = row(q).to_vec();
        if feedback {
            cells.extend(feedback_row(q));
        }
        // A question typed as "=1+1" must stay text when the file is opened in a spreadsheet.
        let _ = writer.write_record(cells.iter().map(|cell| crate::cell::neutralise(cell).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes))
}

pub fn export_gift(questions: &[ExportQuestion]) -> String {
    gift::export(questions)
}

pub fn export_aiken(questions: &[ExportQuestion]) -> String {
    aiken::export(questions)
}

fn examples() -> [ExportQuestion; 2] {
    [
        ExportQuestion {
            topic: String::from("Cải cách hành chính"),
            text: String::from(
                "Theo Nghị quyết số 76/NQ-CP, Chương trình tổng thể cải cách hành chính nhà nước \
                 giai đoạn 2021-2030 có bao nhiêu nội dung?",
            ),
            options: vec![
                String::from("4 nội dung"),
                String::from("5 nội dung"),
                String::from("6 nội dung"),
                String::from("7 nội dung"),
            ],
            correct: vec![2],
            explanation: Some(String::from(
                "Sáu nội dung: thể chế, thủ tục hành chính, bộ máy, chế độ công vụ, tài chính công, \
                 chính phủ điện tử - chính phủ số.",
            )),
            option_feedback: Vec::new(),
            legal_source: Some(String::from("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ")),
            difficulty: 1,
        },
        ExportQuestion {
            topic: String::from("Công vụ, công chức"),
            text: String::from("Công chức có mấy ngạch theo Luật Cán bộ, công chức?"),
            options: vec![String::from("Ba ngạch"), String::from("Bốn ngạch"), String::from("Năm ngạch")],
            correct: vec![2],
            explanation: None,
            option_feedback: Vec::new(),
            legal_source: Some(String::from("Luật Cán bộ, công chức")),
            difficulty: 2,
        },
    ]
}

const GUIDE: [(&str, &str, &str); 12] = [
    ("Chủ đề", "Không", "Tên hoặc mã chủ đề của câu hỏi. Để trống nếu chưa phân chủ đề."),
    ("Câu hỏi", "Bắt buộc", "Nội dung câu hỏi. Không cần ghi \"Câu 1:\"; số thứ tự ở đầu sẽ được bỏ."),
    ("Phương án A", "Bắt buộc", "Nội dung phương án A, không cần ghi \"A.\" ở đầu."),
    ("Phương án B", "Bắt buộc", "Nội dung phương án B."),
    ("Phương án C", "Không", "Phương án C, nếu có."),
    ("Phương án D", "Không", "Phương án D, nếu có."),
    ("Phương án E", "Không", "Phương án E, nếu có (tối đa 6 phương án)."),
    ("Phương án F", "Không", "Phương án F, nếu có. Không bỏ trống phương án ở giữa."),
    (
        "Đáp án",
        "Bắt buộc",
        "Một chữ cái A, B, C, D, E hoặc F: phương án đúng. Mỗi câu chỉ có một đáp án đúng.",
    ),
    ("Giải thích", "Không", "Lời giải thích hiện cho thí sinh sau khi thi."),
    ("Căn cứ pháp lý", "Không", "Văn bản quy phạm pháp luật làm căn cứ cho đáp án."),
    ("Mức độ", "Không", "1, 2, 3 hoặc Dễ, Trung bình, Khó. Để trống nếu chưa phân loại."),
];

/// Blank workbook for organizers: the columns, two filled examples and a guide sheet.
pub fn template_xlsx() -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_sheet(sheet, &examples())?;
    let answer = DataValidation::new()
        .allow_list_strings(&["A", "B", "C", "D", "E", "F"])?
        .set_error_title("Đáp án không hợp lệ")?
        .set_error_message("Hãy chọn một chữ cái từ A đến F.")?;
    sheet.add_data_validation(1, 8, 5000, 8, &answer)?;
    let difficulty = DataValidation::new()
        .allow_list_strings(&["1", "2", "3", "Dễ", "Trung bình", "Khó"])?
        .set_error_title("Mức độ không hợp lệ")?
        .set_error_message("Hãy ghi 1, 2, 3 hoặc Dễ, Trung bình, Khó.")?;
    sheet.add_data_validation(1, 11, 5000, 11, &difficulty)?;

    let guide = workbook.add_worksheet();
    guide.set_name("Hướng dẫn")?;
    let bold = CellFormat::new().set_bold();
    let wrap = CellFormat::new().set_text_wrap().set_align(FormatAlign::Top);
    guide.write_string_with_format(0, 0, "Cột", &bold)?;
    guide.write_string_with_format(0, 1, "Bắt buộc", &bold)?;
    guide.write_string_with_format(0, 2, "Cách ghi", &bold)?;
    for (i, (column, required, how)) in GUIDE.iter().enumerate() {
        let r = i as u32 + 1;
        guide.write_string_with_format(r, 0, *column, &wrap)?;
        guide.write_string_with_format(r, 1, *required, &wrap)?;
        guide.write_string_with_format(r, 2, *how, &wrap)?;
    }
    let notes = [
        "Dòng 1 của trang \"Câu hỏi\" là tiêu đề cột; mỗi dòng sau là một câu hỏi. Thứ tự cột có thể thay đổi.",
        "Xóa hai câu hỏi ví dụ trước khi nhập câu hỏi thật. Dòng trống sẽ được bỏ qua.",
        "Khi tải lên, câu hỏi có lỗi sẽ được báo kèm số dòng; các câu hợp lệ vẫn được nhận.",
    ];
    for (i, note) in notes.iter().enumerate() {
        guide.write_string(GUIDE.len() as u32 + 2 + i as u32, 0, *note)?;
    }
    guide.set_column_width(0, 18)?;
    guide.set_column_width(1, 10)?;
    guide.set_column_width(2, 80)?;
    guide.set_freeze_panes(1, 0)?;
    Ok(workbook.save_to_buffer()?)
}
