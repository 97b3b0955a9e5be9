//! The unit-tree import (`/api/admin/units/import`) on arbitrary bytes: its file handling is
//! bankfile's sheet reader; the app only maps the rows it returns to units.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = bankfile::read_sheet(data) {
        assert!(rows.len() <= bankfile::limits::MAX_SHEET_ROWS);
        assert!(rows.iter().all(|r| r.cells.len() <= bankfile::limits::MAX_SHEET_COLUMNS));
    }
});
