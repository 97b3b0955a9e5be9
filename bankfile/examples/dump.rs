//! Prints what `parse` makes of a file: `cargo run -p bankfile --example dump -- FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let parsed = bankfile::parse(&bytes, Some(&path));
        println!("== {path}: {:?}", parsed.format);
        for q in &parsed.questions {
            println!("{q:?}");
        }
        for p in &parsed.problems {
            println!("Dòng {}: {}", p.line, p.message);
        }
    }
}
