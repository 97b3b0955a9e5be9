//! The Word reader's own cases, line by line; the layouts end to end are in tests/docx_layouts.rs.
use super::*;

#[test]
fn topics() {
    assert_eq!(topic_line("Chủ đề: Cải cách thể chế").as_deref(), Some("Cải cách thể chế"));
    assert_eq!(topic_line("PHẦN II. CÔNG VỤ").as_deref(), Some("CÔNG VỤ"));
    assert_eq!(topic_line("Chuyên đề 2 - Tài chính công").as_deref(), Some("Tài chính công"));
    assert_eq!(topic_line("I. CẢI CÁCH THỂ CHẾ").as_deref(), Some("CẢI CÁCH THỂ CHẾ"));
    assert_eq!(topic_line("Phần lớn cán bộ"), None);
    assert_eq!(topic_line("Phân tích: x").as_deref(), None);
    assert_eq!(topic_line("C. Ba"), None);
}

fn from_xml(body: &str, styles: &str, numbering: &str) -> crate::Out {
    let doc = format!(r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
    let styles = Styles::parse(&format!(r#"<w:styles xmlns:w="w">{styles}</w:styles>"#));
    let mut numbering = Numbering::parse(&format!(r#"<w:numbering xmlns:w="w">{numbering}</w:numbering>"#));
    let paras = xml::paragraphs(doc.as_bytes(), &styles, &mut numbering).paras;
    let mut sink = Sink::default();
    layout(table::blocks(lines(paras)), &mut sink);
    sink.into_parts()
}

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

#[test]
fn list_numbering_tables_breaks_and_character_styles() {
    // Questions numbered "Câu %1:" and options lettered "%1." by Word lists; options in a
    // table; a manual line break; the answer in the "Strong" character style; a Vietnamese
    // Word heading style; an entity in the text.
    let numbering = r#"
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
          <w:numFmt w:val="decimal"/><w:lvlText w:val="Câu %1:"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>
          <w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="1"/>
          <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#;
    let styles = r#"
        <w:style w:type="paragraph" w:styleId="u1"><w:name w:val="Tiêu đề 1"/></w:style>
        <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>"#;
    let num = |id: u8, text: &str, run_style: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{id}"/></w:numPr></w:pPr>
               <w:r>{run_style}<w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let strong = r#"<w:rPr><w:rStyle w:val="Strong"/></w:rPr>"#;
    let body = [
        r#"<w:p><w:pPr><w:pStyle w:val="u1"/></w:pPr><w:r><w:t>Pháp luật</w:t></w:r></w:p>"#.to_string(),
        num(1, "Hỏi một?", ""),
        num(2, "Một", ""),
        num(2, "Hai", strong),
        num(1, "Hỏi hai &amp; ba?", ""),
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            num(3, "Ba", ""),
            num(3, "Bốn", "")
        ),
        r#"<w:p><w:r><w:t>Đáp án:</w:t><w:br/><w:t>ĐA: A</w:t></w:r></w:p>"#.to_string(),
        p("Câu 3: Bình thường?"),
        r#"<w:p><w:r><w:t>A. Có</w:t><w:tab/><w:t>B. Không</w:t></w:r></w:p>"#.to_string(),
        p("Đáp án: B"),
    ]
    .concat();
    let (questions, problems, _) = from_xml(&body, styles, numbering);
    assert_eq!(problems, vec![]);
    let got: Vec<_> = questions
        .iter()
        .map(|q| (q.line, q.topic.as_deref(), q.text.as_str(), q.options.join("|"), q.correct[0]))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, Some("Pháp luật"), "Hỏi một?", "Một|Hai".to_string(), 1),
            (5, Some("Pháp luật"), "Hỏi hai & ba?", "Ba|Bốn".to_string(), 0),
            (10, Some("Pháp luật"), "Bình thường?", "Có|Không".to_string(), 1),
        ]
    );
}

#[test]
fn preamble_is_ignored_but_stray_text_later_is_reported() {
    let body = [
        p("ĐỀ THI TÌM HIỂU PHÁP LUẬT"),
        p("Câu 1: Hỏi?"),
        p("A. Có"),
        p("B. Không"),
        p("Đáp án: A"),
        p("Đoạn văn lạc chỗ không có phương án."),
    ]
    .concat();
    let (questions, problems, _) = from_xml(&body, "", "");
    assert_eq!(questions.len(), 1);
    assert_eq!(problems, vec![Problem::new(6, problem::ORPHAN_TEXT)]);
}

#[test]
fn unnumbered_questions_separated_by_answers() {
    let body = [
        p("Hỏi một?"),
        p("A. Có"),
        p("B. Không"),
        p("Đáp án: A"),
        p("Hỏi hai?"),
        p("A. Có"),
        p("B. Không"),
        p("Đáp án: B"),
    ]
    .concat();
    let (questions, problems, _) = from_xml(&body, "", "");
    assert_eq!(problems, vec![]);
    let texts: Vec<_> = questions.iter().map(|q| (q.line, q.text.as_str(), q.correct[0])).collect();
    assert_eq!(texts, vec![(1, "Hỏi một?", 0), (5, "Hỏi hai?", 1)]);
}
