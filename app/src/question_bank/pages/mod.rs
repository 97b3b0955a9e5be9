//! Dashboard pages of the question bank.
mod edit;
mod import;
mod list;
mod stats;

pub use edit::QuestionEditPage;
pub use import::ImportPage;
pub use list::QuestionListPage;
pub use stats::QuestionStatsPage;

/// "Dễ" / "Trung bình" / "Khó".
pub(crate) fn difficulty_label(level: i16) -> &'static str {
    match level {
        1 => "Dễ",
        2 => "Trung bình",
        _ => "Khó",
    }
}

/// "A".."F".
pub(crate) fn letter(index: usize) -> String {
    char::from(b'A' + (index.min(25) as u8)).to_string()
}
