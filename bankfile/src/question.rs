//! The checks every format shares, so a question is judged the same whichever file it came in.

use crate::normalize::{clean, clean_opt, strip_question_number};
use crate::problem::{self, Problem};
use crate::ParsedQuestion;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Answer {
    #[default]
    Missing,
    /// 0-based indexes as written (may be out of range or several; checked in `finish`).
    Letters(Vec<usize>),
    /// Written but unreadable, kept verbatim for the message.
    Invalid(String),
    /// A reason already worded by the format parser.
    Problem(String),
}

impl Answer {
    pub fn from_raw(raw: &str) -> Answer {
        if clean(raw).is_empty() {
            return Answer::Missing;
        }
        match crate::normalize::answer_letters(raw) {
            Ok(letters) => Answer::Letters(letters),
            Err(()) => Answer::Invalid(clean(raw)),
        }
    }
}

/// A question as read, before validation. Text fields may still be raw.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub line: usize,
    pub topic: Option<String>,
    pub text: String,
    pub options: Vec<String>,
    pub answer: Answer,
    pub explanation: Option<String>,
    pub legal_source: Option<String>,
    /// Raw cell/line; empty = not given.
    pub difficulty: String,
    /// Format-specific problems found while reading (already worded).
    pub problems: Vec<String>,
}

impl Draft {
    pub fn new(line: usize) -> Self {
        Draft { line, ..Draft::default() }
    }

    /// Valid question, or every reason it is not (all on the question's first line)
    /// with the question as far as it could be read, for the organizer to fix.
    pub fn finish(self) -> Result<ParsedQuestion, Box<(ParsedQuestion, Vec<Problem>)>> {
        let line = self.line;
        let mut problems: Vec<String> = self.problems;
        let text = strip_question_number(&clean(&self.text));
        if text.is_empty() {
            problems.push(problem::EMPTY_TEXT.to_string());
        }
        let options: Vec<String> = self.options.iter().map(|o| clean(o)).collect();
        if options.len() < 2 {
            problems.push(problem::too_few_options(options.len()));
        } else if options.len() > 6 {
            problems.push(problem::too_many_options(options.len()));
        }
        if let Some(i) = options.iter().position(|o| o.is_empty()) {
            problems.push(problem::empty_option(i));
        }
        let mut correct = Vec::new();
        match self.answer {
            Answer::Missing => problems.push(problem::NO_ANSWER.to_string()),
            Answer::Invalid(raw) => problems.push(problem::bad_answer(&raw)),
            Answer::Problem(msg) => problems.push(msg),
            Answer::Letters(letters) if letters.len() > 1 => {
                problems.push(problem::several_answers(&letters))
            }
            Answer::Letters(letters) => {
                for &i in &letters {
                    if i >= options.len() {
                        problems.push(problem::answer_not_an_option(i, options.len()));
                    }
                }
                correct = letters;
            }
        }
        let difficulty = match crate::normalize::difficulty(&self.difficulty) {
            Ok(d) => d,
            Err(()) => {
                problems.push(problem::bad_difficulty(&clean(&self.difficulty)));
                None
            }
        };
        let question = ParsedQuestion {
            line,
            topic: self.topic.as_deref().and_then(clean_opt),
            text,
            correct: correct.into_iter().filter(|i| *i < options.len()).collect(),
            options,
            explanation: self.explanation.as_deref().and_then(clean_opt),
            legal_source: self.legal_source.as_deref().and_then(clean_opt),
            difficulty,
        };
        if !problems.is_empty() {
            return Err(Box::new((question, problems.into_iter().map(|m| Problem::new(line, m)).collect())));
        }
        Ok(question)
    }
}

/// Collects finished drafts into the two output lists.
#[derive(Debug, Default)]
pub struct Sink {
    pub questions: Vec<ParsedQuestion>,
    pub problems: Vec<Problem>,
    pub rejected: Vec<ParsedQuestion>,
}

impl Sink {
    pub fn push(&mut self, draft: Draft) {
        match draft.finish() {
            Ok(q) => self.questions.push(q),
            Err(rejected) => {
                let (question, p) = *rejected;
                self.problems.extend(p);
                self.rejected.push(question);
            }
        }
    }

    pub fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem::new(line, message));
    }

    pub fn into_parts(self) -> crate::Out {
        (self.questions, self.problems, self.rejected)
    }
}
