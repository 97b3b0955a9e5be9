//! parse() must answer, never crash, whatever an organizer uploads.

mod common;

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use rand::{rngs::StdRng, Rng, SeedableRng};

const FIXTURES: [&str; 16] = [
    "good.docx",
    "broken.docx",
    "empty.docx",
    "good.xlsx",
    "broken.xlsx",
    "errors.xlsx",
    "empty.xlsx",
    "not_docx.docx",
    "legacy.doc",
    "good.csv",
    "good.gift",
    "broken.gift",
    "good.aiken.txt",
    "broken.aiken.txt",
    "renamed.txt",
    "make_fixtures.py",
];

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// parse() catches panics from third-party readers; this counts them so the test still sees one.
fn count_panics() {
    std::panic::set_hook(Box::new(|info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        eprintln!("panic inside parse: {info}");
    }));
}

fn check(bytes: &[u8], name: &str) {
    let parsed = bankfile::parse(bytes, Some(name));
    assert!(
        !parsed.questions.is_empty() || !parsed.problems.is_empty(),
        "{name}: neither questions nor problems"
    );
    for p in &parsed.problems {
        assert!(!p.message.is_empty());
    }
}

#[test]
fn truncated_and_corrupted_fixtures_never_panic() {
    count_panics();
    let mut rng = StdRng::seed_from_u64(20240601);
    for name in FIXTURES {
        let original = common::fixture(name);
        let step = (original.len() / 60).max(1);
        for len in (0..original.len()).step_by(step) {
            check(&original[..len], name);
            check(&original[..len], "khong-ten");
        }
        for _ in 0..60 {
            let mut bytes = original.clone();
            for _ in 0..rng.gen_range(1..8) {
                let i = rng.gen_range(0..bytes.len());
                bytes[i] = rng.gen();
            }
            check(&bytes, name);
        }
    }
    for _ in 0..200 {
        let len = rng.gen_range(0..2000);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.gen()).collect();
        if rng.gen_bool(0.3) {
            bytes.splice(0..0, b"PK\x03\x04".iter().copied());
        }
        check(&bytes, "ngau-nhien.docx");
        check(&bytes, "ngau-nhien");
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a reader panicked (caught by parse)");
}

#[test]
fn too_big_input_is_refused() {
    let bytes = vec![b'a'; bankfile::MAX_FILE_BYTES + 1];
    let parsed = bankfile::parse(&bytes, Some("lon.csv"));
    assert_eq!(parsed.format, None);
    assert_eq!(
        parsed.problems,
        vec![common::problem(0, "Tệp quá lớn (10,0 MB); chỉ nhận tệp tối đa 10 MB.")]
    );
}

#[test]
fn zip_bomb_docx_is_refused() {
    // A part held whole (styles.xml) past its 40 MiB; document.xml, streamed, has a limit of
    // its own (tests/limits.rs).
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("word/document.xml", options).unwrap();
    writer.write_all(b"<w:document/>").unwrap();
    writer.start_file("word/styles.xml", options).unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..51 {
        writer.write_all(&chunk).unwrap();
    }
    let bytes = writer.finish().unwrap().into_inner();
    assert!(bytes.len() < bankfile::MAX_FILE_BYTES);
    let parsed = bankfile::parse(&bytes, Some("bom.docx"));
    assert_eq!(parsed.questions, vec![]);
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.starts_with("Tệp quá lớn sau khi giải nén"), "{:?}", parsed.problems);
}

#[test]
fn corrupt_zip_is_explained() {
    let parsed = bankfile::parse(b"PK\x03\x04 not really a zip", Some("de.docx"));
    assert_eq!(parsed.format, None);
    assert_eq!(
        parsed.problems,
        vec![common::problem(
            0,
            "Tệp bị hỏng: không đọc được nội dung nén bên trong. Hãy mở tệp, lưu lại rồi tải lên lại."
        )]
    );
}

#[test]
fn empty_and_blank_files() {
    for bytes in [&b""[..], b"   \n\n", b"\xEF\xBB\xBF"] {
        let parsed = bankfile::parse(bytes, Some("rong.txt"));
        assert_eq!(parsed.problems, vec![common::problem(0, "Tệp không có câu hỏi nào.")]);
    }
}

#[test]
fn detect_uses_content_then_name() {
    use bankfile::{detect, Format};
    assert_eq!(detect(&common::fixture("good.docx"), None), Ok(Format::Docx));
    assert_eq!(detect(&common::fixture("good.xlsx"), Some("x.bin")), Ok(Format::Xlsx));
    assert_eq!(detect(&common::fixture("good.gift"), Some("x.txt")), Ok(Format::Gift));
    assert_eq!(detect(&common::fixture("good.aiken.txt"), None), Ok(Format::Aiken));
    assert_eq!(detect(&common::fixture("good.csv"), None), Ok(Format::Csv));
    // Text that is both: the name decides.
    let both = "Hỏi? {=a ~b}\n\nHỏi?\nA. a\nB. b\nANSWER: A\n";
    assert_eq!(detect(both.as_bytes(), Some("x.aiken")), Ok(Format::Aiken));
    assert_eq!(detect(both.as_bytes(), Some("x.gift")), Ok(Format::Gift));
    assert_eq!(Format::Docx.label(), "Word (.docx)");
}
