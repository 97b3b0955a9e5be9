//! Every bound an import enforces, in one place. Files come from the internet and from units by
//! e-mail; whatever they hold, reading one must end with questions or a Vietnamese refusal, never
//! with the server aborting on a huge allocation. Each figure is far above a real bank (the
//! province's whole bank is a few thousand questions in well under 1 MB) and low enough that one
//! import stays under [`MEMORY_BOUND_BYTES`] of heap (checked by tests/memory.rs).

/// Uploads larger than this are refused before any parsing.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Entries in a .docx/.xlsx zip. Office writes a few dozen; a file with pictures a few hundred.
pub const MAX_ZIP_ENTRIES: usize = 2_000;

/// Inflated size of one part of a .docx/.xlsx, both as declared and as actually inflated (the
/// declared size can lie, so every read is capped too).
pub const MAX_PART_BYTES: u64 = 40 * 1024 * 1024;

/// Inflated size of all parts of a .docx/.xlsx together, as declared, apart from a streamed
/// part (below).
pub const MAX_INFLATED_BYTES: u64 = 100 * 1024 * 1024;

/// Inflated size of Word's word/document.xml, as declared and as actually inflated. It is read
/// as a stream, never held whole: what the reader keeps is the text, bounded by
/// [`MAX_TEXT_CHARS`], so this bounds only the time spent. 10,000 questions as two-column
/// tables with Word's own per-run markup are about 60 MB, read in 847 ms by `make bench-docx`.
pub const MAX_STREAMED_PART_BYTES: u64 = 160 * 1024 * 1024;

/// Nesting of XML elements in any part. Word nests tables in tables, still under 40 levels.
pub const MAX_XML_DEPTH: usize = 100;

/// Elements of one definitions part (styles, numbering, workbook, relationships, theme). A
/// real styles.xml has a few thousand.
pub const MAX_META_ELEMENTS: usize = 200_000;

/// Bytes of one tag (name and attributes) in a definitions part: style and font names are
/// short, and calamine copies a style's font into each cell style that uses it.
pub const MAX_META_TAG_BYTES: usize = 4_096;

/// Cell styles (`<xf>`) of an .xlsx; Excel itself stops at 64,000, real files have a few dozen.
pub const MAX_CELL_STYLES: usize = 10_000;

/// Entries of an .xlsx's shared-string table (one per distinct text in the workbook).
pub const MAX_SHARED_STRINGS: usize = 200_000;

/// Spreadsheet rows (.xlsx and CSV): a non-empty cell below this row refuses the file.
pub const MAX_SHEET_ROWS: usize = 10_000;

/// Spreadsheet columns: a non-empty cell right of this column refuses the file.
pub const MAX_SHEET_COLUMNS: usize = 100;

/// Fields of one CSV record, empty ones included: Excel writes at most one per column
/// (16,384); counted before the CSV reader keeps them all.
pub const MAX_CSV_FIELDS: usize = 16_384;

/// Characters of text read from one file (cells of a sheet, paragraphs of a Word file).
pub const MAX_TEXT_CHARS: usize = 4_000_000;

/// Questions in one file, counting those with problems.
pub const MAX_QUESTIONS: usize = 10_000;

/// Options kept per question while reading: more than six is already a problem, and the
/// count is still reported, but an `{~~~~…}` block must not become millions of strings.
pub const MAX_OPTIONS_KEPT: usize = 7;

/// Problems listed for one file; the rest are counted in one closing problem.
pub const MAX_PROBLEMS: usize = 2_000;

/// Characters of one Word list label ("Câu %1:"); Word's own limit is far lower.
pub const MAX_LABEL_CHARS: usize = 64;

/// The heap one `parse` of any input up to [`MAX_FILE_BYTES`] stays under (peak, including the
/// input itself), as measured by tests/memory.rs.
pub const MEMORY_BOUND_BYTES: usize = 256 * 1024 * 1024;
