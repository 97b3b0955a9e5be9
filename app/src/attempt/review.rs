//! When the answer key of a submitted attempt may leave the server.
//!
//! While any attempt of a round can still be started or still take answers,
//! a single review would hand the key to everyone still answering. So, unless
//! the round is a practice round (never ranked, no prizes), nothing per
//! question is shown for any attempt of the round until the last possible
//! attempt is over: the close, plus the time limit of an attempt started just
//! before it (with the largest extra time anyone has, see `crate::extra_time`),
//! plus the grace period in which late answers are still taken.
//! Until then the contestant sees the score, the number right and the time.
use crate::entities::round;
use chrono::{DateTime, Duration, Utc};

/// The first instant at which no attempt of `round` started before its close
/// can take an answer any more, when the largest extra time an attempt of it
/// may have is `extra_percent` (0 for none).
pub fn key_safe_at(round: &round::Model, extra_percent: i32, grace_seconds: i64) -> DateTime<Utc> {
    round.closes_at
        + Duration::seconds(crate::extra_time::limit_seconds(round.time_limit_seconds, extra_percent))
        + Duration::seconds(grace_seconds.max(0))
}

/// Why the key of an attempt is not shown (yet), in Vietnamese; `None` when
/// it may be shown now. `still_running` says whether some attempt of the round
/// can still take answers (its deadline plus grace is not past), which covers
/// a deadline longer than today's time limit (the limit was shortened).
pub fn refusal(
    round: &round::Model,
    extra_percent: i32,
    submitted: bool,
    still_running: bool,
    now: DateTime<Utc>,
    grace_seconds: i64,
) -> Option<String> {
    if !submitted {
        return Some("Đáp án chỉ được hiển thị sau khi nộp bài.".to_owned());
    }
    let safe_at = key_safe_at(round, extra_percent, grace_seconds);
    let waiting = || {
        Some(format!(
            "Đáp án sẽ được công bố khi mọi lượt thi của {} đã kết thúc (sau {}).",
            round.title.to_lowercase(),
            crate::time::local_datetime(safe_at + Duration::seconds(59))
        ))
    };
    use round::ReviewPolicy::{AfterClose, AfterSubmit, Never};
    match round.review_policy {
        AfterSubmit if round.practice => None,
        AfterSubmit | AfterClose if now >= safe_at && !still_running => None,
        AfterSubmit | AfterClose => waiting(),
        Never => Some("Cuộc thi không công bố đáp án.".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const GRACE: i64 = 5;

    /// A one-minute round closing at 10:00:00 UTC, as in the report.
    fn round(policy: &str, practice: bool) -> round::Model {
        let closes_at = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).single().unwrap_or_default();
        round::Model {
            id: 1,
            contest_id: 1,
            number: 1,
            title: "Đợt 1".into(),
            opens_at: closes_at - Duration::hours(1),
            closes_at,
            questions_per_attempt: 10,
            time_limit_seconds: 60,
            attempts_allowed: 1,
            counted_attempt: round::CountedAttempt::Best,
            prediction_kind: round::PredictionKind::None,
            prediction_prompt: None,
            review_policy: round::ReviewPolicy::parse(policy).unwrap_or(round::ReviewPolicy::Never),
            tie_break: crate::results::ranking::DEFAULT_CHAIN.into(),
            truth: None,
            truth_at: None,
            practice,
            pool_mode: "manual".into(),
            ranking_generation: 0,
        }
    }

    fn at(r: &round::Model, seconds_after_close: i64) -> DateTime<Utc> {
        r.closes_at + Duration::seconds(seconds_after_close)
    }

    #[test]
    fn the_key_is_safe_after_close_plus_time_limit_plus_grace() {
        let r = round("after_close", false);
        assert_eq!(key_safe_at(&r, 0, GRACE), at(&r, 65));
    }

    #[test]
    fn the_key_waits_for_the_largest_extra_time_anyone_may_start_with() {
        let r = round("after_close", false);
        // One minute + 50 %: an attempt started just before the close runs 90 s.
        assert_eq!(key_safe_at(&r, 50, GRACE), at(&r, 95));
        assert!(refusal(&r, 50, true, false, at(&r, 94), GRACE).is_some());
        assert!(refusal(&r, 50, true, false, at(&r, 95), GRACE).is_none());
        // The note names the later time: +100 % opens at 10:02:05 UTC, said as
        // "sau 17:03" in Hà Nội time (17:02 without extra time).
        let note = refusal(&r, 100, true, false, at(&r, 70), GRACE).unwrap_or_default();
        assert!(note.contains("17:03"), "{note}");
        let plain = refusal(&r, 0, true, true, at(&r, 70), GRACE).unwrap_or_default();
        assert!(plain.contains("17:02"), "{plain}");
    }

    #[test]
    fn who_sees_the_key_when() {
        // (policy, practice, submitted, seconds after close, shown)
        let table = [
            ("after_close", false, true, -30, false),
            ("after_close", false, true, 1, false),
            ("after_close", false, true, 64, false),
            ("after_close", false, true, 65, true),
            ("after_close", false, false, 3600, false),
            ("after_submit", false, true, -30, false),
            ("after_submit", false, true, 1, false),
            ("after_submit", false, true, 65, true),
            ("after_submit", true, true, -30, true),
            ("after_submit", true, false, -30, false),
            ("after_close", true, true, -30, false),
            ("after_close", true, true, 65, true),
            ("never", false, true, 3600, false),
            ("never", true, true, 3600, false),
        ];
        for (policy, practice, submitted, seconds, shown) in table {
            let r = round(policy, practice);
            let refused = refusal(&r, 0, submitted, false, at(&r, seconds), GRACE);
            assert_eq!(
                refused.is_none(),
                shown,
                "{policy} practice={practice} submitted={submitted} at close{seconds:+}s: {refused:?}"
            );
        }
    }

    #[test]
    fn an_attempt_still_running_keeps_the_key_back() {
        let r = round("after_close", false);
        assert!(refusal(&r, 0, true, true, at(&r, 70), GRACE).is_some());
        assert!(refusal(&r, 0, true, false, at(&r, 70), GRACE).is_none());
        // Even in a practice round, after_close waits for everyone.
        assert!(refusal(&round("after_close", true), 0, true, true, at(&r, 70), GRACE).is_some());
    }
}
