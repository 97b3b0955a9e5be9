//! How well a question separates strong from weak contestants: times drawn,
//! % answered right, and the discrimination index (% right among the best
//! 27 % of attempts minus % right among the weakest 27 %). Questions almost
//! everyone or almost no one gets right, or that do not separate, are
//! flagged. Pure, and table-tested.
use super::{QuestionStat, MIN_SAMPLE};

/// (question id, attempt score, answered right) → the statistics; pure, for tests.
pub fn summarize(
    rows: &[(i32, i32, bool)],
    texts: &std::collections::HashMap<i32, String>,
) -> Vec<QuestionStat> {
    use std::collections::HashMap;
    let mut by_question: HashMap<i32, Vec<(i32, bool)>> = HashMap::new();
    for (q, score, right) in rows {
        by_question.entry(*q).or_default().push((*score, *right));
    }
    let rate = |xs: &[(i32, bool)]| {
        if xs.is_empty() {
            0.0
        } else {
            xs.iter().filter(|x| x.1).count() as f64 / xs.len() as f64
        }
    };
    let mut out: Vec<QuestionStat> = by_question
        .into_iter()
        .map(|(q, mut xs)| {
            xs.sort_by_key(|x| std::cmp::Reverse(x.0));
            let n = xs.len();
            let k = ((n as f64) * 0.27).round() as usize;
            let discrimination = (n >= 10 && k > 0).then(|| {
                let d = rate(&xs[..k]) - rate(&xs[n - k..]);
                (d * 100.0).round() / 100.0
            });
            let correct = rate(&xs);
            let flag = if n < MIN_SAMPLE {
                ""
            } else if correct >= 0.95 {
                "Quá dễ"
            } else if correct <= 0.15 {
                "Quá khó"
            } else if discrimination.is_some_and(|d| d < 0.2) {
                "Phân loại kém"
            } else {
                ""
            };
            QuestionStat {
                question_id: q,
                text: texts.get(&q).cloned().unwrap_or_default(),
                drawn: n as u64,
                correct_pct: (correct * 1000.0).round() / 10.0,
                discrimination,
                flag: flag.to_owned(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.flag.cmp(&a.flag).then(b.drawn.cmp(&a.drawn)).then(a.question_id.cmp(&b.question_id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn easy_hard_and_separating_questions_are_told_apart() {
        let mut rows = Vec::new();
        for score in 0..40 {
            let score = score * 5 / 2;
            rows.push((1, score, true)); // everyone right: too easy
            rows.push((2, score, false)); // nobody right: too hard
            rows.push((3, score, score >= 50)); // the strong right, the weak wrong
            rows.push((4, score, score % 10 == 0)); // right at random: does not separate
        }
        let stats = summarize(&rows, &HashMap::new());
        let by = |q: i32| stats.iter().find(|s| s.question_id == q).unwrap().clone();
        assert_eq!((by(1).flag.as_str(), by(1).correct_pct), ("Quá dễ", 100.0));
        assert_eq!((by(2).flag.as_str(), by(2).correct_pct), ("Quá khó", 0.0));
        assert_eq!((by(3).flag.as_str(), by(3).discrimination), ("", Some(1.0)));
        assert_eq!(by(4).flag, "Phân loại kém");
        assert_eq!(by(1).drawn, 40);
    }

    #[test]
    fn a_question_drawn_a_few_times_is_not_flagged() {
        let rows: Vec<(i32, i32, bool)> = (0..MIN_SAMPLE as i32 - 1).map(|i| (7, i, false)).collect();
        let stats = summarize(&rows, &HashMap::new());
        assert_eq!((stats[0].flag.as_str(), stats[0].correct_pct), ("", 0.0));
        let rows: Vec<(i32, i32, bool)> = (0..MIN_SAMPLE as i32).map(|i| (7, i, false)).collect();
        assert_eq!(summarize(&rows, &HashMap::new())[0].flag, "Quá khó");
    }
}
