#![allow(dead_code)]

pub mod crafted;

use bankfile::{Parsed, ParsedQuestion, Problem};

pub fn fixture(name: &str) -> Vec<u8> {
    // At run time: cargo reuses a test binary built in another checkout of the
    // same tree, whose compile-time directory may be gone.
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned());
    let path = format!("{root}/tests/fixtures/{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn parse_fixture(name: &str) -> Parsed {
    bankfile::parse(&fixture(name), Some(name))
}

pub fn question(
    line: usize,
    topic: Option<&str>,
    text: &str,
    options: &[&str],
    correct: usize,
) -> ParsedQuestion {
    ParsedQuestion {
        line,
        topic: topic.map(str::to_string),
        text: text.to_string(),
        options: options.iter().map(|o| o.to_string()).collect(),
        correct: vec![correct],
        explanation: None,
        option_feedback: Vec::new(),
        legal_source: None,
        difficulty: None,
    }
}

pub fn problem(line: usize, message: &str) -> Problem {
    Problem { line, message: message.to_string() }
}

/// Compares one by one so a failure names the question that differs.
pub fn assert_questions(got: &[ParsedQuestion], want: &[ParsedQuestion]) {
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g, w);
    }
    assert_eq!(got.len(), want.len(), "question count: {got:#?}");
}
