//! Aiken (Moodle): question line, "A. " / "A) " options, "ANSWER: B". No topics or
//! explanations exist in this format.

use crate::normalize::{clean, strip_label};
use crate::problem;
use crate::question::{Answer, Draft, Sink};
use crate::ExportQuestion;

/// Number of `ANSWER: X` lines; 0 = not Aiken.
pub fn looks_like(text: &str) -> usize {
    text.lines().filter(|l| answer_line(l.trim()).is_some()).count()
}

fn answer_line(line: &str) -> Option<&str> {
    let upper = line.get(..7)?;
    if !upper.eq_ignore_ascii_case("ANSWER:") && !upper.eq_ignore_ascii_case("ANSWER ") {
        return None;
    }
    strip_label(line, &["answer"], false).filter(|rest| !rest.is_empty())
}

/// Aiken options are capital letters; "a)" in a question sentence is left alone.
fn option_line(line: &str) -> Option<(usize, &str)> {
    let mut chars = line.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let rest = chars.as_str().strip_prefix(['.', ')'])?;
    if !rest.starts_with(char::is_whitespace) && !rest.is_empty() {
        return None;
    }
    Some((letter as usize - 'A' as usize, rest.trim()))
}

struct Current {
    draft: Draft,
    letters: Vec<usize>,
}

pub fn parse(text: &str) -> crate::Out {
    let mut sink = Sink::default();
    let mut current: Option<Current> = None;
    for (i, raw) in text.lines().enumerate() {
        if sink.is_full() {
            break;
        }
        let line = i + 1;
        let trimmed = clean(raw);
        if trimmed.is_empty() {
            if current.as_ref().is_some_and(|c| !c.draft.options.is_empty()) {
                finish(current.take(), &mut sink);
            }
            continue;
        }
        if let Some(answer) = answer_line(&trimmed) {
            match current.take() {
                Some(mut c) => {
                    c.draft.answer = resolve(Answer::from_raw(answer), &c.letters);
                    finish(Some(c), &mut sink);
                }
                None => sink.problem(line, "Dòng ANSWER không thuộc câu hỏi nào."),
            }
            continue;
        }
        if let Some((letter, option)) = option_line(&trimmed) {
            if let Some(c) = current.as_mut() {
                if c.draft.push_option(option.to_string()) {
                    c.letters.push(letter);
                }
                continue;
            }
        }
        match current.as_mut() {
            Some(c) if c.draft.options.is_empty() => {
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
        out.push_str(&clean(&q.text));
        out.push('\n');
        for (i, option) in q.options.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", problem::letter(i), clean(option)));
        }
        let answer = q.correct.first().map_or('A', |&i| problem::letter(i));
        out.push_str(&format!("ANSWER: {answer}\n\n"));
    }
    out
}
