//! Aiken (Moodle): question line, "A. " / "A) " options, "ANSWER: B". No topics or
//! explanations exist in this format.
//!
//! Moodle's reader (`question/format/aiken/format.php`) splits lines at CR too, trims them,
//! skips lines shorter than two bytes, takes any line matching `^[A-Z][).]` for an option
//! (the space after the label is optional: `A)text`), a line starting with `ANSWER:` for the
//! answer (its first letter), and any other line for the start of a new question. This reader
//! follows it and is more forgiving: question text may run over several lines, a line that
//! looks like an option is the question when no question is open, and `answer: b` is read too.

use crate::lines::lines;
use crate::normalize::{clean, strip_label};
use crate::problem;
use crate::question::{Answer, Draft, Sink};
use crate::ExportQuestion;

/// Number of `ANSWER: X` lines; 0 = not Aiken.
pub fn looks_like(text: &str) -> usize {
    lines(text).filter(|l| answer_line(l.trim()).is_some()).count()
}

fn answer_line(line: &str) -> Option<&str> {
    let upper = line.get(..7)?;
    if !upper.eq_ignore_ascii_case("ANSWER:") && !upper.eq_ignore_ascii_case("ANSWER ") {
        return None;
    }
    strip_label(line, &["answer"], false).filter(|rest| !rest.is_empty())
}

/// Aiken options are a capital letter and `.` or `)`, as Moodle's `^[A-Z][).]`; "a)" in a
/// question sentence is left alone.
fn option_line(line: &str) -> Option<(usize, &str)> {
    let mut chars = line.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let rest = chars.as_str().strip_prefix(['.', ')'])?;
    Some((letter as usize - 'A' as usize, rest.trim()))
}

/// Put before a question text that Moodle (or this reader) would otherwise take for an option
/// or an answer line ("C. Mác là …", "ANSWER: …") or skip (one character): invisible, not
/// trimmed by Moodle, and removed again on import like every zero-width character.
const GUARD: char = '\u{200B}';

fn needs_guard(text: &str) -> bool {
    text.len() < 2 || option_line(text).is_some() || answer_line(text).is_some()
}

struct Current {
    draft: Draft,
    letters: Vec<usize>,
}

pub fn parse(text: &str) -> crate::Out {
    let mut sink = Sink::default();
    let mut current: Option<Current> = None;
    for (i, raw) in lines(text).enumerate() {
        if sink.is_full() {
            break;
        }
        let line = i + 1;
        let trimmed = clean(raw);
        // Our export guards question text that looks like an option or answer line.
        let guarded = raw.trim_start().starts_with(GUARD);
        if trimmed.is_empty() {
            if current.as_ref().is_some_and(|c| !c.draft.options.is_empty()) {
                finish(current.take(), &mut sink);
            }
            continue;
        }
        if let Some(answer) = answer_line(&trimmed).filter(|_| !guarded) {
            match current.take() {
                Some(mut c) => {
                    c.draft.answer = resolve(Answer::from_raw(answer), &c.letters);
                    finish(Some(c), &mut sink);
                }
                None => sink.problem(line, "Dòng ANSWER không thuộc câu hỏi nào."),
            }
            continue;
        }
        if let Some((letter, option)) = option_line(&trimmed).filter(|_| !guarded) {
            if let Some(c) = current.as_mut() {
                if c.draft.push_option(option.to_string()) {
                    c.letters.push(letter);
                }
                continue;
            }
        }
        match current.as_mut() {
            Some(c) if c.draft.options.is_empty() && !guarded => {
                c.draft.text.push(' ');
                c.draft.text.push_str(&trimmed);
            }
            _ => {
                finish(current.take(), &mut sink);
                let mut draft = Draft::new(line);
                draft.text = trimmed;
                current = Some(Current { draft, letters: Vec::new() });
            }
        }
    }
    finish(current.take(), &mut sink);
    sink.into_parts()
}

/// ANSWER names a letter as written; options may skip letters, so map it to a position.
fn resolve(answer: Answer, letters: &[usize]) -> Answer {
    match answer {
        Answer::Letters(ls) if ls.len() == 1 => match letters.iter().position(|&l| l == ls[0]) {
            Some(i) => Answer::Letters(vec![i]),
            None if ls[0] < letters.len() => {
                Answer::Problem(format!("Đáp án {} không có trong các phương án.", problem::letter(ls[0])))
            }
            None => Answer::Letters(ls),
        },
        other => other,
    }
}

fn finish(current: Option<Current>, sink: &mut Sink) {
    if let Some(c) = current {
        sink.push(c.draft);
    }
}

pub fn export(questions: &[ExportQuestion]) -> String {
    let mut out = String::new();
    for q in questions {
        let text = clean(&q.text);
        if needs_guard(&text) {
            out.push(GUARD);
        }
        out.push_str(&text);
        out.push('\n');
        for (i, option) in q.options.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", problem::letter(i), clean(option)));
        }
        let answer = q.correct.first().map_or('A', |&i| problem::letter(i));
        out.push_str(&format!("ANSWER: {answer}\n\n"));
    }
    out
}
