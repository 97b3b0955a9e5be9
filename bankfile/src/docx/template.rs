//! Word templates, one per layout the reader knows, so an organizer can start from a file that
//! imports as it is. Written with the zip crate and plain WordprocessingML: the parts are few
//! and small, and each template is read back by the tests.

use std::io::Write;

/// A Word layout the import recognises, with its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocxLayout {
    /// In the template's path: `/api/admin/questions/template-{slug}.docx`.
    pub slug: &'static str,
    /// Vietnamese name, shown in the import page.
    pub name: &'static str,
    /// How a question is written, in one sentence.
    pub how: &'static str,
    /// Name of the downloaded template.
    pub file_name: &'static str,
}

pub const DOCX_LAYOUTS: [DocxLayout; 5] = [
    DocxLayout {
        slug: "list",
        name: "Danh sách câu hỏi",
        how: "Mỗi câu bắt đầu bằng “Câu 1:”, mỗi phương án một dòng “A.”, “B.”…, rồi dòng “Đáp án: B” \
              (hoặc in đậm, gạch chân, tô đỏ phương án đúng).",
        file_name: "mau-word-danh-sach.docx",
    },
    DocxLayout {
        slug: "table",
        name: "Bảng, mỗi câu một dòng",
        how: "Một bảng có dòng tiêu đề STT | Câu hỏi | A | B | C | D | Đáp án (thứ tự cột tùy ý, có thể \
              thêm Chủ đề, Giải thích, Căn cứ pháp lý, Mức độ).",
        file_name: "mau-word-bang.docx",
    },
    DocxLayout {
        slug: "two-column",
        name: "Bảng hai cột, mỗi câu một bảng",
        how: "Mỗi câu một bảng hai cột: dòng đầu “Câu 1” và nội dung, các dòng sau “A”, “B”… và phương án, \
              dòng cuối “Đáp án” và chữ cái đúng.",
        file_name: "mau-word-bang-hai-cot.docx",
    },
    DocxLayout {
        slug: "answer-key",
        name: "Bảng đáp án cuối tệp",
        how: "Câu hỏi và phương án như danh sách, không ghi đáp án từng câu; cuối tệp là tiêu đề “BẢNG ĐÁP ÁN” \
              rồi bảng số câu trên, chữ cái dưới, hoặc các dòng “1-B, 2-C”.",
        file_name: "mau-word-bang-dap-an.docx",
    },
    DocxLayout {
        slug: "starred",
        name: "Đáp án đánh dấu *",
        how: "Câu hỏi và phương án như danh sách; phương án đúng có dấu * ở đầu: “*C. …”.",
        file_name: "mau-word-dau-sao.docx",
    },
];

struct Example {
    topic: &'static str,
    text: &'static str,
    options: [&'static str; 4],
    correct: usize,
    explanation: &'static str,
    legal_source: &'static str,
    difficulty: &'static str,
}

const EXAMPLES: [Example; 2] = [
    Example {
        topic: "Cải cách hành chính",
        text: "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 có bao nhiêu nội dung?",
        options: ["4 nội dung", "5 nội dung", "6 nội dung", "7 nội dung"],
        correct: 2,
        explanation: "Sáu nội dung: thể chế, thủ tục hành chính, bộ máy, chế độ công vụ, tài chính công, \
                      chính phủ điện tử - chính phủ số.",
        legal_source: "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
        difficulty: "Dễ",
    },
    Example {
        topic: "Công vụ, công chức",
        text: "Cơ quan nào giúp Chính phủ thống nhất quản lý nhà nước về công chức?",
        options: ["Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Văn phòng Chính phủ"],
        correct: 0,
        explanation: "Bộ Nội vụ là cơ quan của Chính phủ quản lý nhà nước về công chức, viên chức.",
        legal_source: "Luật Cán bộ, công chức",
        difficulty: "Trung bình",
    },
];

fn letter(i: usize) -> char {
    crate::problem::letter(i)
}

/// The template of the layout `slug` (see [`DOCX_LAYOUTS`]); None for an unknown slug.
pub fn template_docx(slug: &str) -> Option<Vec<u8>> {
    let layout = DOCX_LAYOUTS.iter().find(|l| l.slug == slug)?;
    let mut body = String::new();
    body.push_str(&para(&format!("Mẫu ngân hàng câu hỏi: {}", layout.name.to_lowercase()), Some("Title")));
    // Instructions in the Subtitle style, which the import skips like the title.
    for note in [
        layout.how,
        "Xóa các câu ví dụ rồi nhập câu hỏi thật. Câu hỏi có hình ảnh chưa nhập được: hãy viết lại bằng lời.",
    ] {
        body.push_str(&para(note, Some("Subtitle")));
    }
    match slug {
        "table" => table_layout(&mut body),
        "two-column" => two_column_layout(&mut body),
        _ => list_layout(&mut body, slug),
    }
    let landscape = slug == "table";
    Some(package(&body, landscape))
}

fn list_layout(body: &mut String, slug: &str) {
    for (n, q) in EXAMPLES.iter().enumerate() {
        body.push_str(&para(&format!("Chủ đề: {}", q.topic), Some("Heading1")));
        body.push_str(&para(&format!("Câu {}: {}", n + 1, q.text), None));
        for (i, o) in q.options.iter().enumerate() {
            let star = if slug == "starred" && i == q.correct { "*" } else { "" };
            body.push_str(&para(&format!("{star}{}. {o}", letter(i)), None));
        }
        if slug == "list" {
            body.push_str(&para(&format!("Đáp án: {}", letter(q.correct)), None));
        }
        body.push_str(&para(&format!("Giải thích: {}", q.explanation), None));
        body.push_str(&para(&format!("Căn cứ: {}", q.legal_source), None));
        body.push_str(&para(&format!("Mức độ: {}", q.difficulty), None));
        body.push_str(&para("", None));
    }
    if slug == "answer-key" {
        body.push_str(&para("BẢNG ĐÁP ÁN", Some("Heading1")));
        let numbers: Vec<String> =
            std::iter::once("Câu".to_string()).chain((1..=EXAMPLES.len()).map(|n| n.to_string())).collect();
        let letters: Vec<String> = std::iter::once("Đáp án".to_string())
            .chain(EXAMPLES.iter().map(|q| letter(q.correct).to_string()))
            .collect();
        body.push_str(&table(&[numbers, letters], false));
    }
}

fn table_layout(body: &mut String) {
    let header =
        ["STT", "Chủ đề", "Câu hỏi", "A", "B", "C", "D", "Đáp án", "Giải thích", "Căn cứ pháp lý", "Mức độ"];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for (n, q) in EXAMPLES.iter().enumerate() {
        let mut row = vec![(n + 1).to_string(), q.topic.to_string(), q.text.to_string()];
        row.extend(q.options.iter().map(|o| o.to_string()));
        row.push(letter(q.correct).to_string());
        row.extend([q.explanation, q.legal_source, q.difficulty].map(str::to_string));
        rows.push(row);
    }
    body.push_str(&table(&rows, true));
}

fn two_column_layout(body: &mut String) {
    for (n, q) in EXAMPLES.iter().enumerate() {
        body.push_str(&para(&format!("Chủ đề: {}", q.topic), Some("Heading1")));
        let mut rows = vec![vec![format!("Câu {}", n + 1), q.text.to_string()]];
        for (i, o) in q.options.iter().enumerate() {
            rows.push(vec![letter(i).to_string(), o.to_string()]);
        }
        rows.push(vec!["Đáp án".to_string(), letter(q.correct).to_string()]);
        rows.push(vec!["Giải thích".to_string(), q.explanation.to_string()]);
        rows.push(vec!["Căn cứ".to_string(), q.legal_source.to_string()]);
        rows.push(vec!["Mức độ".to_string(), q.difficulty.to_string()]);
        body.push_str(&table(&rows, false));
        // Two tables with nothing between them become one in Word.
        body.push_str(&para("", None));
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn para(text: &str, style: Option<&str>) -> String {
    let ppr = style.map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)).unwrap_or_default();
    if text.is_empty() {
        return format!("<w:p>{ppr}</w:p>");
    }
    format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, escape(text))
}

fn table(rows: &[Vec<String>], header: bool) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let border = |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#);
    let borders: String =
        ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|s| border(s)).collect();
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{}</w:tblGrid>"#,
        r#"<w:gridCol/>"#.repeat(columns)
    );
    for (r, row) in rows.iter().enumerate() {
        out.push_str("<w:tr>");
        for cell in row {
            let bold = if header && r == 0 { "<w:rPr><w:b/></w:rPr>" } else { "" };
            out.push_str(&format!(
                r#"<w:tc><w:p><w:r>{bold}<w:t xml:space="preserve">{}</w:t></w:r></w:p></w:tc>"#,
                escape(cell)
            ));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn package(body: &str, landscape: bool) -> Vec<u8> {
    let page = if landscape {
        r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/>"#
    } else {
        r#"<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/>"#
    };
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr>{page}</w:sectPr></w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:rPr><w:i/><w:color w:val="595959"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let document_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
    zip(&[
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", document_rels.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ])
}

/// Writing into memory cannot fail short of running out of it; a failed part would only make
/// the zip shorter, which the round-trip tests would catch.
fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        if writer.start_file(*name, options).is_ok() {
            let _ = writer.write_all(data);
        }
    }
    writer.finish().map(|c| c.into_inner()).unwrap_or_default()
}
