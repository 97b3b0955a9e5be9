//! The checks every format shares, so a question is judged the same whichever file it came in.

use crate::limits::{MAX_OPTIONS_KEPT, MAX_PROBLEMS, MAX_QUESTIONS};
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
    /// Each option's own feedback, by position (may be shorter than `options`); raw.
    pub option_feedback: Vec<Option<String>>,
    pub answer: Answer,
    pub explanation: Option<String>,
    pub legal_source: Option<String>,
    /// Raw cell/line; empty = not given.
    pub difficulty: String,
    /// Format-specific problems found while reading (already worded).
    pub problems: Vec<String>,
    /// Options beyond [`MAX_OPTIONS_KEPT`], counted but not kept.
    pub extra_options: usize,
}

impl Draft {
    pub fn new(line: usize) -> Self {
        Draft { line, ..Draft::default() }
    }

    /// Adds an option; past [`MAX_OPTIONS_KEPT`] it is only counted. False when not kept.
    pub fn push_option(&mut self, text: String) -> bool {
        if self.options.len() >= MAX_OPTIONS_KEPT {
            self.extra_options += 1;
            return false;
        }
        self.options.push(text);
        true
    }

    /// Adds an option with its own feedback (None = none), like [`Draft::push_option`].
    pub fn push_option_with_feedback(&mut self, text: String, feedback: Option<String>) -> bool {
        let at = self.options.len();
        if !self.push_option(text) {
            return false;
        }
        if feedback.is_some() {
            self.option_feedback.resize(at, None);
            self.option_feedback.push(feedback);
        }
        true
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
        let count = options.len() + self.extra_options;
        if count < 2 {
            problems.push(problem::too_few_options(count));
        } else if count > 6 {
            problems.push(problem::too_many_options(count));
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
        // One per option, or none at all when no option has any (the common case).
        let mut option_feedback: Vec<Option<String>> =
            self.option_feedback.iter().map(|f| f.as_deref().and_then(clean_opt)).collect();
        option_feedback.resize(options.len(), None);
        if option_feedback.iter().all(Option::is_none) {
            option_feedback.clear();
        }
        let question = ParsedQuestion {
            line,
            topic: self.topic.as_deref().and_then(clean_opt),
            text,
            correct: correct.into_iter().filter(|i| *i < options.len()).collect(),
            options,
            explanation: self.explanation.as_deref().and_then(clean_opt),
            option_feedback,
            legal_source: self.legal_source.as_deref().and_then(clean_opt),
            difficulty,
        };
        if !problems.is_empty() {
            return Err(Box::new((question, problems.into_iter().map(|m| Problem::new(line, m)).collect())));
        }
        Ok(question)
    }
}

/// Collects finished drafts into the two output lists, within [`MAX_QUESTIONS`] and
/// [`MAX_PROBLEMS`], so what a file produces is bounded whatever its size.
#[derive(Debug, Default)]
pub struct Sink {
    questions: Vec<ParsedQuestion>,
    problems: Vec<Problem>,
    rejected: Vec<ParsedQuestion>,
    /// Problems past the limit, counted only.
    dropped_problems: usize,
    /// More questions than allowed: the whole file is refused.
    overflow: bool,
}

impl Sink {
    pub fn push(&mut self, draft: Draft) {
        if self.questions.len() + self.rejected.len() >= MAX_QUESTIONS {
            self.overflow = true;
            return;
        }
        match draft.finish() {
            Ok(q) => self.questions.push(q),
            Err(rejected) => {
                let (question, p) = *rejected;
                for p in p {
                    self.add(p);
                }
                self.rejected.push(question);
            }
        }
    }

    pub fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.add(Problem::new(line, message));
    }

    fn add(&mut self, problem: Problem) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.dropped_problems += 1;
        } else {
            self.problems.push(problem);
        }
    }

    /// True once the file has more questions than allowed; readers may stop early.
    pub fn is_full(&self) -> bool {
        self.overflow
    }

    pub fn into_parts(mut self) -> crate::Out {
        if self.overflow {
            return (Vec::new(), vec![Problem::file(problem::too_many_questions())], Vec::new());
        }
        if self.dropped_problems > 0 {
            self.problems.push(Problem::file(problem::more_problems(self.dropped_problems)));
        }
        (self.questions, self.problems, self.rejected)
    }
}
