//! Files made to hurt an importer: each stays under MAX_FILE_BYTES but aims at one way a reader
//! can be made to allocate or loop far beyond the size of its input. The line-by-line text
//! floods are 3-5 MB rather than 10 MB so the debug test run stays short; their cost grows
//! linearly (at 8-10 MB the worst, an 8 MB GIFT answer block, peaked at 80 MiB).

#![allow(clippy::unwrap_used)]

use std::io::Write;

/// One crafted file: a name (the extension matters), its bytes, and the words its refusal must
/// contain (None = reading it must just stay bounded).
pub struct Crafted {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub refusal: Option<&'static str>,
}

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, data) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const ROOT_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// A minimal .xlsx with the given sheet body (`<row>`s) and shared strings (`<si>`s).
pub fn xlsx(rows: &str, strings: &str) -> Vec<u8> {
    xlsx_with(rows, strings, &[])
}

/// The same with more parts (e.g. xl/styles.xml).
pub fn xlsx_with(rows: &str, strings: &str, more: &[(&str, &[u8])]) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>"#
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
    ];
    parts.extend_from_slice(more);
    zip(&parts)
}

/// styles.xml with one font of a long name, used by `count` cell styles: calamine copies the
/// font into each.
pub fn styles(count: usize, name_len: usize) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><name val="{}"/></font></fonts><cellXfs count="{count}">{}</cellXfs></styleSheet>"#,
        "F".repeat(name_len),
        r#"<xf numFmtId="0" fontId="0"/>"#.repeat(count)
    )
    .into_bytes()
}

/// A minimal .docx with the given body and numbering definitions.
pub fn docx(body: &str, numbering: &str) -> Vec<u8> {
    docx_with(body, numbering, "")
}

/// The same with style definitions.
pub fn docx_with(body: &str, numbering: &str, styles: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{numbering}</w:numbering>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{styles}</w:styles>"#
    );
    zip(&[
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ])
}

/// The file of the issue: cells A1 and XFD1048576, written by a real xlsx writer (a few KB).
pub fn whole_sheet() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Câu hỏi").unwrap();
    sheet.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
    book.save_to_buffer().unwrap()
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

const MOODLE_QUESTION: &str = "<question type=\"multichoice\"><questiontext><text>Hỏi?</text></questiontext>\
     <answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer></question>";

fn moodle_xml(questions: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>{questions}</quiz>\n").into_bytes()
}

/// Every crafted file, in the order the tests read them.
pub fn all() -> Vec<Crafted> {
    let header = "Câu hỏi,Phương án A,Phương án B,Đáp án\n";
    let mut out = vec![
        Crafted {
            name: "toan-trang.xlsx",
            bytes: whole_sheet(),
            refusal: Some("trang tính có hơn 10.000 dòng"),
        },
        Crafted {
            name: "rong.xlsx",
            bytes: xlsx(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Câu hỏi</t></is></c><c r="ZZ1" t="inlineStr"><is><t>x</t></is></c></row>"#,
                "",
            ),
            refusal: Some("quá 100 cột"),
        },
        Crafted {
            name: "nhieu-chu.xlsx",
            bytes: xlsx("", &"<si><t>a</t></si>".repeat(250_000)),
            refusal: Some("nội dung chữ khác nhau"),
        },
        Crafted {
            // One long shared string repeated in every cell of 9,000 rows: the text adds up.
            name: "lap-lai.xlsx",
            bytes: {
                let cells = (0..12).map(|c| format!(r#"<c r="{}1" t="s"><v>0</v></c>"#, (b'A' + c) as char));
                let row: String = cells.collect();
                let rows: String = (1..9_000)
                    .map(|r| format!(r#"<row r="{r}">{}</row>"#, row.replace("1\"", &format!("{r}\""))))
                    .collect();
                xlsx(&rows, &format!("<si><t>{}</t></si>", "x".repeat(100_000)))
            },
            refusal: Some("ký tự"),
        },
        Crafted {
            name: "kieu.xlsx",
            bytes: xlsx_with("", "", &[("xl/styles.xml", &styles(10_001, 10))]),
            refusal: Some("quá nhiều định dạng"),
        },
        Crafted {
            name: "kieu-dai.xlsx",
            bytes: xlsx_with("", "", &[("xl/styles.xml", &styles(2, 5_000))]),
            refusal: Some("định dạng quá dài"),
        },
        Crafted {
            // Just within both limits: 10,000 copies of a 4 KB font name.
            name: "kieu-vua.xlsx",
            bytes: xlsx_with(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Câu hỏi</t></is></c></row>"#,
                "",
                &[("xl/styles.xml", &styles(10_000, 4_000))],
            ),
            refusal: Some("Thiếu cột"),
        },
        Crafted {
            name: "kieu.docx",
            bytes: docx_with(
                &paragraph("Câu 1: Hỏi?"),
                "",
                &(0..60_000)
                    .map(|i| format!(r#"<w:style w:styleId="s{i}"><w:name w:val="heading 1"/></w:style>"#))
                    .collect::<String>(),
            ),
            refusal: None,
        },
        Crafted {
            name: "long-nhau.xlsx",
            bytes: xlsx(&format!("{}{}", "<row>".repeat(50_000), "</row>".repeat(50_000)), ""),
            refusal: Some("lồng nhau"),
        },
        Crafted {
            name: "nhieu-phan.xlsx",
            bytes: {
                let names: Vec<String> = (0..2_100).map(|i| format!("xl/media/{i}.xml")).collect();
                let mut parts: Vec<(&str, &[u8])> = vec![("xl/workbook.xml", WORKBOOK)];
                parts.extend(names.iter().map(|n| (n.as_str(), &b"<a/>"[..])));
                zip(&parts)
            },
            refusal: Some("phần nén"),
        },
        Crafted {
            // Parts that inflate to 35 MB each: under the per-part limit, over the total of
            // the parts held whole (document.xml, streamed, has a limit of its own).
            name: "bom-nhieu-phan.docx",
            bytes: {
                let big = vec![b' '; 35 * 1024 * 1024];
                zip(&[
                    ("word/document.xml", &b"<w:document/>"[..]),
                    ("word/styles.xml", &big[..]),
                    ("word/numbering.xml", &big[..]),
                    ("word/a.xml", &big[..]),
                ])
            },
            refusal: Some("sau khi giải nén"),
        },
        Crafted {
            // A document.xml of 60 MB, past the 40 MiB of a part held whole: streamed, its
            // text is all that is kept.
            name: "van-ban-lon.docx",
            bytes: {
                let para = paragraph("Câu hỏi và phương án rất dài");
                let spaces = " ".repeat(1_000);
                docx(&format!("{para}{spaces}").repeat(60_000), "")
            },
            refusal: None,
        },
        Crafted {
            name: "chu.docx",
            bytes: docx(&paragraph(&"a".repeat(5_000_000)), ""),
            refusal: Some("ký tự"),
        },
        Crafted {
            // List labels built again for every paragraph: long level text, huge roman start.
            name: "danh-so.docx",
            bytes: {
                let numbering = format!(
                    r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="4294967000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="{}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
                    "%1".repeat(100_000)
                );
                let para =
                    r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>"#;
                docx(&para.repeat(100_000), &numbering)
            },
            refusal: None,
        },
        Crafted {
            // Stray lines after a question, each a problem.
            name: "lac-de.docx",
            bytes: docx(
                &format!(
                    "{}{}",
                    paragraph("Câu 1: Hỏi?"),
                    format!("{}<w:p/>", paragraph("x")).repeat(100_000)
                ),
                "",
            ),
            refusal: None,
        },
        Crafted {
            // Explanation continued over many lines (was rebuilt per line: quadratic).
            name: "giai-thich.docx",
            bytes: docx(
                &format!(
                    "{}{}{}{}",
                    paragraph("Câu 1: Hỏi?"),
                    paragraph("A. Một"),
                    paragraph("B. Hai"),
                    format!("{}{}", paragraph("Đáp án: A"), paragraph("Giải thích: x"))
                        + &paragraph("tiếp").repeat(80_000)
                ),
                "",
            ),
            refusal: None,
        },
        Crafted {
            name: "phay.csv",
            bytes: format!("{header}{}", "x,".repeat(4_000_000)).into_bytes(),
            refusal: Some("quá 100 cột"),
        },
        Crafted {
            // Empty trailing cells: harmless up to Excel's 16,384 columns, refused past it.
            name: "phay-trong.csv",
            bytes: format!("{header}a,b,c,A{}\n", ",".repeat(9_000_000)).into_bytes(),
            refusal: Some("quá 100 cột"),
        },
        Crafted {
            name: "phay-vua.csv",
            bytes: format!("{header}{}", format!("a,b,c,A{}\n", ",".repeat(16_000)).repeat(500)).into_bytes(),
            refusal: None,
        },
        Crafted {
            name: "dong.csv",
            bytes: format!("{header}{}", "Hỏi?,a,b,A\n".repeat(20_000)).into_bytes(),
            refusal: Some("hơn 10.000 dòng"),
        },
        Crafted {
            name: "phuong-an.gift",
            bytes: format!("Hỏi? {{{}}}\n", "~a".repeat(1_500_000)).into_bytes(),
            refusal: Some("tối đa 6 phương án"),
        },
        Crafted {
            name: "dung.gift",
            bytes: format!("Hỏi? {{{}~b}}\n", "=".repeat(3_000_000)).into_bytes(),
            refusal: None,
        },
        Crafted {
            name: "nhieu-cau.gift",
            bytes: "Hỏi? {=a ~b}\n\n".repeat(20_000).into_bytes(),
            refusal: Some("hơn 10.000 câu hỏi"),
        },
        Crafted {
            name: "rac.gift",
            bytes: "x\n\n".repeat(1_000_000).into_bytes(),
            refusal: Some("lỗi khác"),
        },
        Crafted {
            name: "answer.aiken",
            bytes: "ANSWER: A\n".repeat(300_000).into_bytes(),
            refusal: Some("lỗi khác"),
        },
        Crafted {
            name: "phuong-an.aiken",
            bytes: format!("Hỏi?\n{}ANSWER: A\n", "A. a\n".repeat(700_000)).into_bytes(),
            refusal: Some("tối đa 6 phương án"),
        },
        Crafted {
            name: "phuong-an.xml",
            bytes: moodle_xml(&format!(
                "<question type=\"multichoice\"><questiontext><text>Hỏi?</text></questiontext>{}</question>",
                "<answer fraction=\"0\"><text>a</text></answer>".repeat(200_000)
            )),
            refusal: Some("tối đa 6 phương án"),
        },
        Crafted {
            name: "nhieu-cau.xml",
            bytes: moodle_xml(&MOODLE_QUESTION.repeat(20_000)),
            refusal: Some("hơn 10.000 câu hỏi"),
        },
        Crafted {
            name: "chu.xml",
            bytes: moodle_xml(&MOODLE_QUESTION.replace("Hỏi?", &"a".repeat(9_000_000))),
            refusal: Some("ký tự"),
        },
        Crafted {
            name: "long-nhau.xml",
            bytes: moodle_xml(&format!("{}{}", "<a>".repeat(1_000_000), "</a>".repeat(1_000_000))),
            refusal: Some("lồng nhau"),
        },
        Crafted {
            name: "loai.xml",
            bytes: moodle_xml(&"<question type=\"essay\"/>".repeat(300_000)),
            refusal: Some("lỗi khác"),
        },
        Crafted {
            // An attached file of 9 MB: noticed, never kept.
            name: "tep.xml",
            bytes: moodle_xml(&MOODLE_QUESTION.replace(
                "</text></questiontext>",
                &format!(
                    "</text><file name=\"a.png\" encoding=\"base64\">{}</file></questiontext>",
                    "QUJD".repeat(2_300_000)
                ),
            )),
            refusal: Some("hình ảnh"),
        },
    ];
    for c in &mut out {
        assert!(c.bytes.len() <= bankfile::MAX_FILE_BYTES, "{} is {} bytes", c.name, c.bytes.len());
    }
    out.sort_by_key(|c| c.name);
    out
}
