//! The quiz page's queue of answers the server has not confirmed yet, as pure
//! logic: no browser, no clock and no randomness of its own (the page hands in
//! the time and the jitter), so what is kept, what is dropped and when each
//! answer is sent again are unit-tested.
//!
//! An answer leaves the queue only when the server has saved it, or has said it
//! can never be saved: a 4xx other than 408 and 429 (the attempt is closed, the
//! option is not in the question, the session is gone). Everything else (a 5xx,
//! 429, 408, a network failure, a reply that is not the API's) means "not now":
//! the answer stays, is kept in the browser across reloads, and is sent again
//! with back-off.
use crate::error::AppError;
use std::collections::BTreeMap;

/// The first retry waits about this long; each further one doubles it…
pub const FIRST_RETRY_MS: f64 = 500.0;
/// …up to this, so that once an outage ends every answer lands within 5 s.
pub const MAX_RETRY_MS: f64 = 5_000.0;
/// A `Retry-After` is honoured up to this; beyond it the round's clock matters more.
pub const MAX_RETRY_AFTER_MS: f64 = 30_000.0;
/// A save with no reply after this long is taken as lost and sent again.
pub const SEND_TIMEOUT_MS: f64 = 15_000.0;
/// At the deadline the page sends every waiting answer, then waits at most this
/// long for them before it submits: well inside the server's grace (5 s by
/// default), and the submit carries every chosen answer anyway.
pub const FLUSH_WAIT_MS: f64 = 2_000.0;

/// Why an answer is still waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// The request never got an answer from our server.
    Offline,
    /// The server (or a proxy before it) said "not now": 5xx, 429, 408.
    Busy,
}

/// What one reply means for the answer it carried.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Saved,
    /// Not now: send again, and not before `after_ms` if the server said so.
    Retry {
        hold: Hold,
        after_ms: Option<f64>,
    },
    /// Never: the server's reason, in Vietnamese.
    Refused(String),
}

/// Whether a status means the server will never take this request as it is:
/// every 4xx except 408 (timed out on the way) and 429 (slow down).
pub fn is_refusal(status: u16) -> bool {
    (400..500).contains(&status) && status != 408 && status != 429
}

impl Verdict {
    /// The meaning of an HTTP reply to a save. `saved` is whether a 2xx body
    /// was the API's `{"saved":true}` (a captive portal's page is not a save);
    /// `message` is the API's reason for a refusal, when it could be read.
    pub fn of_reply(status: u16, saved: bool, retry_after: Option<&str>, message: Option<String>) -> Verdict {
        match status {
            200..=299 if saved => Verdict::Saved,
            s if is_refusal(s) => Verdict::Refused(
                message.unwrap_or_else(|| format!("Máy chủ không nhận câu trả lời này (mã {s}).")),
            ),
            408 | 429 | 500..=599 => {
                Verdict::Retry { hold: Hold::Busy, after_ms: retry_after.and_then(parse_retry_after) }
            }
            // A 2xx that is not ours, or a 1xx/3xx that fetch did not resolve:
            // it did not reach the API, so the answer is kept.
            _ => Verdict::Retry { hold: Hold::Offline, after_ms: None },
        }
    }

    /// The meaning of a server function's error (the submit, which goes
    /// through Leptos' client and so sees the decoded error, not the status).
    pub fn of_error(err: &AppError) -> Verdict {
        let after_ms = err.retry_after().map(|s| f64::from(s) * 1000.0);
        match err {
            AppError::Network(_) => Verdict::Retry { hold: Hold::Offline, after_ms: None },
            AppError::TooManyRequests | AppError::Unavailable | AppError::Internal => {
                Verdict::Retry { hold: Hold::Busy, after_ms }
            }
            other => Verdict::Refused(other.explain()),
        }
    }
}

/// `Retry-After` in milliseconds. Only delta-seconds (what this server sends);
/// an HTTP date falls back to the back-off alone.
pub fn parse_retry_after(value: &str) -> Option<f64> {
    value.trim().parse::<u32>().ok().map(|seconds| f64::from(seconds) * 1000.0)
}

/// How long to wait before send number `tries + 1`, after `tries` failures.
/// Exponential from [`FIRST_RETRY_MS`] up to [`MAX_RETRY_MS`] with "equal
/// jitter" (at least half the step, so retries never bunch at zero; the rest
/// spread by `jitter` in [0, 1), so a room of contestants does not retry in
/// step), and never sooner than the server's `Retry-After`.
pub fn backoff_ms(tries: u32, retry_after_ms: Option<f64>, jitter: f64) -> f64 {
    let doublings = tries.saturating_sub(1).min(16) as i32;
    let step = (FIRST_RETRY_MS * 2f64.powi(doublings)).min(MAX_RETRY_MS);
    let delay = step / 2.0 + step / 2.0 * jitter.clamp(0.0, 1.0);
    match retry_after_ms {
        Some(hint) => delay.max(hint.min(MAX_RETRY_AFTER_MS)),
        None => delay,
    }
}

/// What the page shows under a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Sent (or about to be) and nothing has failed yet.
    Saving,
    Saved,
    /// Not saved yet; being retried.
    Unsaved(Hold),
    /// The server will not take it; the reason.
    Refused(String),
}

/// What one save sets: a question's answer, or the prediction answer, which
/// is saved the same way (queued, kept across reloads, retried).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    Question(i32),
    Prediction,
}

/// One save to put on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outgoing {
    /// Tells a reply to this send from a reply to an earlier one.
    pub ticket: u64,
    pub slot: Slot,
    /// The option id for a question, the figure for the prediction.
    pub value: i64,
}

impl Outgoing {
    pub fn answer(ticket: u64, question_id: i32, option_id: i32) -> Outgoing {
        Outgoing { ticket, slot: Slot::Question(question_id), value: i64::from(option_id) }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct InFlight {
    ticket: u64,
    since_ms: f64,
}

/// A slot whose latest choice the server has not confirmed.
#[derive(Debug, Clone, PartialEq)]
struct Waiting {
    value: i64,
    /// Failed sends of this choice.
    tries: u32,
    /// Why the last send failed; `None` until one has.
    hold: Option<Hold>,
    due_ms: f64,
    /// At most one save per question on the wire, so that saves of one
    /// question reach the server in the order they were chosen.
    in_flight: Option<InFlight>,
}

/// The queue: per slot, the latest unconfirmed choice and its schedule.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveQueue {
    waiting: BTreeMap<Slot, Waiting>,
    /// Saved or refused, for the marks.
    settled: BTreeMap<Slot, Mark>,
    next_ticket: u64,
}

impl SaveQueue {
    /// A queue for a page whose server already holds answers to `saved`.
    pub fn new(saved: impl IntoIterator<Item = i32>) -> Self {
        SaveQueue {
            settled: saved.into_iter().map(|q| (Slot::Question(q), Mark::Saved)).collect(),
            ..Default::default()
        }
    }

    /// The server already holds a prediction (the page was reloaded).
    pub fn with_saved_prediction(mut self) -> Self {
        self.settled.insert(Slot::Prediction, Mark::Saved);
        self
    }

    /// The server confirmed this question's answer to someone else (the
    /// first-tap script, before the wasm ran): shown as saved, like an answer
    /// the page came with. A newer choice already waiting is left alone, and
    /// then `false` says the confirmation is not the question's answer now.
    pub fn held_by_server(&mut self, question_id: i32) -> bool {
        let slot = Slot::Question(question_id);
        if self.waiting.contains_key(&slot) {
            return false;
        }
        self.settled.insert(slot, Mark::Saved);
        true
    }

    /// A click, or an answer restored from the browser's storage: due now.
    pub fn choose(&mut self, question_id: i32, option_id: i32, now_ms: f64) {
        self.put(Slot::Question(question_id), i64::from(option_id), now_ms);
    }

    /// A prediction typed (on change), or restored from the browser: due now.
    pub fn predict(&mut self, prediction: i64, now_ms: f64) {
        self.put(Slot::Prediction, prediction, now_ms);
    }

    fn put(&mut self, slot: Slot, value: i64, now_ms: f64) {
        self.settled.remove(&slot);
        let in_flight = self.waiting.remove(&slot).and_then(|w| w.in_flight);
        self.waiting.insert(slot, Waiting { value, tries: 0, hold: None, due_ms: now_ms, in_flight });
    }

    /// The saves to send now: answers whose wait is over, and answers whose
    /// last send has had no reply for [`SEND_TIMEOUT_MS`].
    pub fn due(&mut self, now_ms: f64) -> Vec<Outgoing> {
        self.take(now_ms, false)
    }

    /// Every waiting answer not already on the wire, whatever its back-off:
    /// at the deadline, and when the browser says the network is back.
    pub fn flush(&mut self, now_ms: f64) -> Vec<Outgoing> {
        self.take(now_ms, true)
    }

    fn take(&mut self, now_ms: f64, all: bool) -> Vec<Outgoing> {
        let mut sends = Vec::new();
        for (slot, w) in &mut self.waiting {
            if let Some(flight) = &w.in_flight {
                if now_ms - flight.since_ms < SEND_TIMEOUT_MS {
                    continue;
                }
                // No reply for too long: count it as a failure and send again.
                w.tries += 1;
                w.hold = Some(w.hold.unwrap_or(Hold::Offline));
            } else if !all && w.due_ms > now_ms {
                continue;
            }
            self.next_ticket += 1;
            w.in_flight = Some(InFlight { ticket: self.next_ticket, since_ms: now_ms });
            sends.push(Outgoing { ticket: self.next_ticket, slot: *slot, value: w.value });
        }
        sends
    }

    /// Applies the reply to `send`. `jitter` in [0, 1) spreads the next try.
    pub fn settle(&mut self, send: &Outgoing, verdict: Verdict, now_ms: f64, jitter: f64) {
        let Some(w) = self.waiting.get_mut(&send.slot) else {
            return; // already settled by another reply
        };
        let current = w.in_flight.as_ref().is_some_and(|f| f.ticket == send.ticket);
        if current {
            w.in_flight = None;
        }
        // A save or refusal of this very choice is final, whichever send it answers;
        // for an older choice it says nothing about the newer one, which is due.
        let this_choice = w.value == send.value;
        match verdict {
            Verdict::Saved if this_choice => {
                self.waiting.remove(&send.slot);
                self.settled.insert(send.slot, Mark::Saved);
            }
            Verdict::Refused(reason) if this_choice => {
                self.waiting.remove(&send.slot);
                self.settled.insert(send.slot, Mark::Refused(reason));
            }
            Verdict::Retry { hold, after_ms } if current && this_choice => {
                w.tries += 1;
                w.hold = Some(hold);
                w.due_ms = now_ms + backoff_ms(w.tries, after_ms, jitter);
            }
            _ => {}
        }
    }

    /// The network is back: everything waiting is due at once.
    pub fn retry_now(&mut self, now_ms: f64) {
        for w in self.waiting.values_mut() {
            w.due_ms = w.due_ms.min(now_ms);
        }
    }

    pub fn mark(&self, question_id: i32) -> Option<Mark> {
        self.mark_of(Slot::Question(question_id))
    }

    pub fn prediction_mark(&self) -> Option<Mark> {
        self.mark_of(Slot::Prediction)
    }

    fn mark_of(&self, slot: Slot) -> Option<Mark> {
        match self.waiting.get(&slot) {
            Some(Waiting { hold: Some(hold), .. }) => Some(Mark::Unsaved(*hold)),
            Some(_) => Some(Mark::Saving),
            None => self.settled.get(&slot).cloned(),
        }
    }

    /// Answers (and the prediction) shown as not saved: at least one send of them failed.
    pub fn unsaved(&self) -> usize {
        self.waiting.values().filter(|w| w.hold.is_some()).count()
    }

    /// Nothing waits for the server.
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Every unconfirmed answer (question → option), to keep in the browser.
    pub fn pending(&self) -> BTreeMap<i32, i32> {
        self.waiting
            .iter()
            .filter_map(|(slot, w)| match slot {
                Slot::Question(q) => Some((*q, i32::try_from(w.value).ok()?)),
                Slot::Prediction => None,
            })
            .collect()
    }

    /// The unconfirmed prediction, to keep in the browser.
    pub fn pending_prediction(&self) -> Option<i64> {
        self.waiting.get(&Slot::Prediction).map(|w| w.value)
    }
}

/// The summary line over the quiz, or nothing while every answer is saved or saving.
pub fn summary(unsaved: usize) -> String {
    if unsaved == 0 {
        String::new()
    } else {
        format!("{unsaved} câu chưa lưu — đang thử lại…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn busy(after_ms: Option<f64>) -> Verdict {
        Verdict::Retry { hold: Hold::Busy, after_ms }
    }

    #[test]
    fn outages_and_throttling_keep_the_answer_refusals_drop_it() {
        for status in [500, 502, 503, 504, 429, 408] {
            assert!(
                matches!(Verdict::of_reply(status, false, None, None), Verdict::Retry { .. }),
                "{status}"
            );
        }
        assert_eq!(Verdict::of_reply(503, false, Some("3"), None), busy(Some(3000.0)));
        assert_eq!(Verdict::of_reply(200, true, None, None), Verdict::Saved);
        // A 200 that is not the API's reply (a captive portal) is not a save.
        assert!(matches!(
            Verdict::of_reply(200, false, None, None),
            Verdict::Retry { hold: Hold::Offline, .. }
        ));
        for status in [400, 401, 403, 404, 409, 413, 422] {
            assert!(matches!(Verdict::of_reply(status, false, None, None), Verdict::Refused(_)), "{status}");
        }
        let closed = "Đã hết thời gian làm bài, câu trả lời này không được ghi nhận.";
        assert_eq!(Verdict::of_reply(409, false, None, Some(closed.into())), Verdict::Refused(closed.into()));
        assert!(
            matches!(Verdict::of_reply(422, false, None, None), Verdict::Refused(m) if m.contains("422"))
        );
    }

    #[test]
    fn decoded_errors_of_the_submit_split_the_same_way() {
        assert_eq!(Verdict::of_error(&AppError::Unavailable), busy(Some(2000.0)));
        assert_eq!(Verdict::of_error(&AppError::TooManyRequests), busy(Some(2000.0)));
        assert_eq!(Verdict::of_error(&AppError::Internal), busy(None));
        assert!(matches!(
            Verdict::of_error(&AppError::Network("fetch failed".into())),
            Verdict::Retry { hold: Hold::Offline, .. }
        ));
        let missing = AppError::invalid("prediction", "Vui lòng trả lời câu hỏi dự đoán trước khi nộp bài.");
        assert_eq!(
            Verdict::of_error(&missing),
            Verdict::Refused("Vui lòng trả lời câu hỏi dự đoán trước khi nộp bài.".into())
        );
        assert!(matches!(Verdict::of_error(&AppError::Unauthenticated), Verdict::Refused(_)));
    }

    #[test]
    fn back_off_doubles_with_jitter_up_to_a_cap_and_honours_retry_after() {
        // Without jitter each step is half its ceiling; with it, the full ceiling.
        let low: Vec<f64> = (1..=6).map(|t| backoff_ms(t, None, 0.0)).collect();
        let high: Vec<f64> = (1..=6).map(|t| backoff_ms(t, None, 1.0)).collect();
        assert_eq!(low, [250.0, 500.0, 1000.0, 2000.0, 2500.0, 2500.0]);
        assert_eq!(high, [500.0, 1000.0, 2000.0, 4000.0, 5000.0, 5000.0]);
        assert_eq!(backoff_ms(3, None, 0.5), 1500.0);
        assert_eq!(backoff_ms(1000, None, 1.0), MAX_RETRY_MS);
        // Never sooner than Retry-After, but an absurd one is capped.
        assert_eq!(backoff_ms(1, Some(3000.0), 0.0), 3000.0);
        assert_eq!(backoff_ms(5, Some(1000.0), 1.0), 5000.0);
        assert_eq!(backoff_ms(1, Some(3_600_000.0), 0.0), MAX_RETRY_AFTER_MS);
        assert_eq!(parse_retry_after(" 2 "), Some(2000.0));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    }

    #[test]
    fn an_answer_stays_queued_through_an_outage_and_leaves_when_saved() {
        let mut queue = SaveQueue::new([7]);
        assert_eq!(queue.mark(7), Some(Mark::Saved));
        queue.choose(1, 11, 0.0);
        assert_eq!(queue.mark(1), Some(Mark::Saving));
        let first = queue.due(0.0);
        assert_eq!(first, [Outgoing::answer(1, 1, 11)]);
        // On the wire: not sent twice.
        assert!(queue.due(100.0).is_empty());

        queue.settle(&first[0], busy(Some(1000.0)), 100.0, 0.0);
        assert_eq!(queue.mark(1), Some(Mark::Unsaved(Hold::Busy)));
        assert_eq!((queue.unsaved(), summary(queue.unsaved())), (1, "1 câu chưa lưu — đang thử lại…".into()));
        assert_eq!(queue.pending(), BTreeMap::from([(1, 11)]));
        // Retry-After 1 s: nothing before 1100 ms, then the same answer again.
        assert!(queue.due(1099.0).is_empty());
        let second = queue.due(1100.0);
        assert_eq!(second, [Outgoing::answer(2, 1, 11)]);
        queue.settle(&second[0], Verdict::Retry { hold: Hold::Offline, after_ms: None }, 1200.0, 0.0);
        assert_eq!(queue.mark(1), Some(Mark::Unsaved(Hold::Offline)));
        // Second failure: 500–1000 ms; jitter 0 gives 500.
        assert!(queue.due(1699.0).is_empty());
        let third = queue.due(1700.0);
        queue.settle(&third[0], Verdict::Saved, 1800.0, 0.0);
        assert_eq!(queue.mark(1), Some(Mark::Saved));
        assert!(queue.is_empty() && queue.pending().is_empty());
        assert_eq!(summary(queue.unsaved()), "");
    }

    #[test]
    fn only_a_refusal_drops_an_answer_and_it_says_why() {
        let mut queue = SaveQueue::default();
        queue.choose(1, 11, 0.0);
        queue.choose(2, 21, 0.0);
        let sends = queue.due(0.0);
        queue.settle(&sends[0], Verdict::Refused("Bài thi đã được nộp.".into()), 10.0, 0.0);
        queue.settle(&sends[1], busy(None), 10.0, 0.0);
        assert_eq!(queue.mark(1), Some(Mark::Refused("Bài thi đã được nộp.".into())));
        assert_eq!(queue.pending(), BTreeMap::from([(2, 21)]));
        assert_eq!(queue.unsaved(), 1);
    }

    #[test]
    fn a_newer_choice_waits_for_the_older_save_and_is_not_settled_by_it() {
        let mut queue = SaveQueue::default();
        queue.choose(1, 11, 0.0);
        let old = queue.due(0.0);
        // Changed before the reply: one save per question on the wire.
        queue.choose(1, 12, 50.0);
        assert!(queue.due(60.0).is_empty());
        assert_eq!(queue.pending(), BTreeMap::from([(1, 12)]));
        // The old choice saved: the new one is still waiting, and due now.
        queue.settle(&old[0], Verdict::Saved, 70.0, 0.0);
        assert_eq!(queue.mark(1), Some(Mark::Saving));
        let new = queue.due(70.0);
        assert_eq!(new, [Outgoing::answer(2, 1, 12)]);
        // A refusal of the old choice would not have dropped it either.
        queue.settle(&Outgoing::answer(1, 1, 11), Verdict::Refused("x".into()), 80.0, 0.0);
        assert_eq!(queue.pending(), BTreeMap::from([(1, 12)]));
        queue.settle(&new[0], Verdict::Saved, 90.0, 0.0);
        assert!(queue.is_empty());
    }

    #[test]
    fn answers_the_first_tap_script_saved_are_saved_but_never_hide_a_newer_choice() {
        let mut queue = SaveQueue::default();
        assert!(queue.held_by_server(1));
        assert_eq!(queue.mark(1), Some(Mark::Saved));
        assert!(queue.is_empty() && queue.due(0.0).is_empty());
        // Chosen again after the script's save: the new choice stays due.
        queue.choose(2, 22, 0.0);
        assert!(!queue.held_by_server(2));
        assert_eq!(queue.mark(2), Some(Mark::Saving));
        assert_eq!(queue.due(0.0), [Outgoing::answer(1, 2, 22)]);
    }

    #[test]
    fn a_save_with_no_reply_is_sent_again_and_a_late_reply_still_counts() {
        let mut queue = SaveQueue::default();
        queue.choose(1, 11, 0.0);
        let lost = queue.due(0.0);
        assert!(queue.due(SEND_TIMEOUT_MS - 1.0).is_empty());
        let again = queue.due(SEND_TIMEOUT_MS);
        assert_eq!(again[0].ticket, 2);
        assert_eq!(queue.mark(1), Some(Mark::Unsaved(Hold::Offline)));
        // The late failure of the first send changes nothing…
        queue.settle(&lost[0], busy(None), SEND_TIMEOUT_MS + 1.0, 0.0);
        assert!(queue.due(SEND_TIMEOUT_MS + 2.0).is_empty());
        // …but its late success is a save of this very choice.
        queue.settle(&lost[0], Verdict::Saved, SEND_TIMEOUT_MS + 3.0, 0.0);
        assert!(queue.is_empty());
        // The second send's reply then finds nothing to do.
        queue.settle(&again[0], busy(None), SEND_TIMEOUT_MS + 4.0, 0.0);
        assert_eq!(queue.mark(1), Some(Mark::Saved));
    }

    #[test]
    fn the_prediction_is_queued_retried_and_kept_like_an_answer() {
        let mut queue = SaveQueue::new([1]).with_saved_prediction();
        assert_eq!(queue.prediction_mark(), Some(Mark::Saved));
        queue.predict(1234, 0.0);
        queue.choose(2, 21, 0.0);
        assert_eq!(queue.prediction_mark(), Some(Mark::Saving));
        let sends = queue.due(0.0);
        assert_eq!(sends.len(), 2);
        let guess = sends.iter().find(|s| s.slot == Slot::Prediction).copied().unwrap();
        assert_eq!(guess.value, 1234);
        // The answers kept in the browser do not include it; it is kept apart.
        assert_eq!(queue.pending(), BTreeMap::from([(2, 21)]));
        assert_eq!(queue.pending_prediction(), Some(1234));

        queue.settle(&guess, busy(None), 10.0, 0.0);
        assert_eq!(queue.prediction_mark(), Some(Mark::Unsaved(Hold::Busy)));
        assert_eq!(queue.unsaved(), 1);
        // Changed while waiting: the newer figure is what goes next.
        queue.predict(1300, 20.0);
        let again = queue.due(20.0);
        assert_eq!(again.iter().find(|s| s.slot == Slot::Prediction).map(|s| s.value), Some(1300));
        // A late save of the old figure does not settle the new one.
        queue.settle(&guess, Verdict::Saved, 30.0, 0.0);
        assert_eq!(queue.pending_prediction(), Some(1300));
        let newer = again.iter().find(|s| s.slot == Slot::Prediction).copied().unwrap();
        queue.settle(&newer, Verdict::Saved, 40.0, 0.0);
        assert_eq!((queue.prediction_mark(), queue.pending_prediction()), (Some(Mark::Saved), None));
        // A question's mark is not the prediction's.
        assert_eq!(queue.mark(1), Some(Mark::Saved));
    }

    #[test]
    fn at_the_deadline_or_back_online_every_waiting_answer_goes_at_once() {
        let mut queue = SaveQueue::default();
        for q in 1..=3 {
            queue.choose(q, q * 10, 0.0);
        }
        let sends = queue.due(0.0);
        for s in &sends[..2] {
            queue.settle(s, busy(Some(20_000.0)), 10.0, 0.5);
        }
        assert!(queue.due(5_000.0).is_empty());
        // The third is still on the wire and is not sent twice.
        let flushed = queue.flush(5_000.0);
        assert_eq!(
            flushed.iter().map(|s| s.slot).collect::<Vec<_>>(),
            [Slot::Question(1), Slot::Question(2)]
        );

        for s in &flushed {
            queue.settle(s, busy(Some(20_000.0)), 5_010.0, 0.5);
        }
        queue.retry_now(6_000.0);
        assert_eq!(queue.due(6_000.0).len(), 2);
    }
}
