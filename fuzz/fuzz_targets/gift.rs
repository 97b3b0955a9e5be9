//! The gift importer on arbitrary bytes, without format detection, so every input reaches it.
//! `parse` catches panics in production; here panics abort, so the fuzzer reports them too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = bankfile::parse_as(data, bankfile::Format::Gift);
    assert!(parsed.problems.len() <= bankfile::limits::MAX_PROBLEMS + 1);
    assert!(parsed.questions.len() + parsed.rejected.len() <= bankfile::limits::MAX_QUESTIONS);
    // Per-option feedback is one per option, or none at all.
    for q in parsed.questions.iter().chain(&parsed.rejected) {
        assert!(q.option_feedback.is_empty() || q.option_feedback.len() == q.options.len());
    }
});
