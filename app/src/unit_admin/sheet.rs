//! The unit tree as .xlsx: one row per unit, parents before children, the
//! parent named by its code. The export writes what the import reads.
use super::UnitNode;
use crate::question_bank::LineError;
use crate::text::fold;

pub const HEADERS: [&str; 7] =
    ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại", "Biên chế", "Người liên hệ", "Điện thoại"];

/// One unit as read from a row.
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub line: usize,
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub kind: String,
    pub headcount: i32,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

/// "Sở, ban, ngành" → agency and so on; codes are accepted as they are.
fn kind_of(text: &str) -> Option<&'static str> {
    let folded = fold(text);
    let kinds = [
        ("province", &["province", "tinh"][..]),
        ("agency", &["agency", "co quan", "so, ban, nganh", "so ban nganh"][..]),
        ("district", &["district", "huyen", "huyen, thanh pho"][..]),
        ("commune", &["commune", "xa", "xa, phuong, thi tran"][..]),
        ("office", &["office", "phong", "phong, ban"][..]),
        ("other", &["other", "khac", ""][..]),
    ];
    kinds.iter().find(|(_, names)| names.contains(&folded.as_str())).map(|(k, _)| *k)
}

fn cell(row: &[String], i: Option<usize>) -> String {
    let text = i.and_then(|i| row.get(i)).map_or("", String::as_str);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rows and problems (line = spreadsheet row, header is row 1).
pub fn read(bytes: &[u8]) -> (Vec<UnitRow>, Vec<LineError>) {
    let problem = |line: usize, message: &str| LineError { line, message: message.to_owned() };
    if !bytes.starts_with(b"PK") {
        return (
            Vec::new(),
            vec![problem(0, "Tệp không phải Excel (.xlsx). Hãy dùng tệp tải xuống từ trang này làm mẫu.")],
        );
    }
    // bankfile's reader streams the cells within its limits: calamine's own range reader
    // allocates the whole declared sheet (A1 + XFD1048576 aborted the server).
    let sheet = match bankfile::read_sheet(bytes) {
        Ok(rows) => rows,
        Err(refused) => return (Vec::new(), vec![problem(0, &refused.message)]),
    };
    let mut rows = sheet.into_iter();
    let Some(header) = rows.next() else {
        return (Vec::new(), vec![problem(0, "Tệp không có dữ liệu.")]);
    };
    let header_line = header.line;
    let header = header.cells;
    let at = |name: &str| header.iter().position(|h| fold(h) == fold(name));
    let columns: Vec<Option<usize>> = HEADERS.iter().map(|h| at(h)).collect();
    let missing: Vec<&str> =
        HEADERS.iter().zip(&columns).take(2).filter(|(_, c)| c.is_none()).map(|(h, _)| *h).collect();
    if !missing.is_empty() {
        return (Vec::new(), vec![problem(header_line, &format!("Thiếu cột: {}.", missing.join(", ")))]);
    }
    let (mut out, mut problems) = (Vec::new(), Vec::new());
    for row in rows {
        let line = row.line;
        let values: Vec<String> = columns.iter().map(|c| cell(&row.cells, *c)).collect();
        if values.iter().all(String::is_empty) {
            continue;
        }
        let kind = kind_of(&values[3]);
        let headcount =
            if values[4].is_empty() { Ok(0) } else { values[4].replace(['.', ','], "").parse::<i32>() };
        match (&values[0], &values[1], kind, headcount) {
            (code, _, _, _) if code.is_empty() => problems.push(problem(line, "Thiếu mã đơn vị.")),
            (_, name, _, _) if name.is_empty() => problems.push(problem(line, "Thiếu tên đơn vị.")),
            (_, _, None, _) => {
                problems.push(problem(line, &format!("Loại đơn vị “{}” không hợp lệ.", values[3])))
            }
            (_, _, _, Err(_)) => {
                problems.push(problem(line, &format!("Biên chế “{}” phải là một số.", values[4])))
            }
            (code, name, Some(kind), Ok(headcount)) => out.push(UnitRow {
                line,
                code: code.clone(),
                name: name.clone(),
                parent_code: Some(values[2].clone()).filter(|p| !p.is_empty()),
                kind: kind.to_owned(),
                headcount,
                contact_name: Some(values[5].clone()).filter(|p| !p.is_empty()),
                contact_phone: Some(values[6].clone()).filter(|p| !p.is_empty()),
            }),
        }
    }
    (out, problems)
}

/// The tree as .xlsx, parents before children.
pub fn write(nodes: &[UnitNode]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Đơn vị")?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (col, title) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold)?;
    }
    let code_of: std::collections::HashMap<i32, &str> =
        nodes.iter().map(|n| (n.id, n.code.as_str())).collect();
    for (i, n) in nodes.iter().enumerate() {
        let row = (i + 1) as u32;
        sheet.write_string(row, 0, &n.code)?;
        sheet.write_string(row, 1, format!("{}{}", "  ".repeat(n.depth), n.name).trim_start())?;
        sheet.write_string(row, 2, n.parent_id.and_then(|p| code_of.get(&p).copied()).unwrap_or(""))?;
        sheet.write_string(row, 3, &n.kind)?;
        sheet.write_number(row, 4, f64::from(n.headcount))?;
        sheet.write_string(row, 5, n.contact_name.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 6, n.contact_phone.as_deref().unwrap_or(""))?;
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_column_width(2, 18)?;
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
