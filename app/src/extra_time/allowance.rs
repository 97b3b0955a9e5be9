//! The allowance's rules (see the feature's notes in mod.rs): pure, tested here.
use crate::error::FieldErrors;

/// The smallest and largest grant, in percent of a round's time limit.
pub const MIN_PERCENT: i32 = 10;
pub const MAX_PERCENT: i32 = 100;

/// What is wrong with a grant of `percent` for `reason`, per field, in Vietnamese.
pub fn problems(percent: i32, reason: &str) -> FieldErrors {
    let mut fields = FieldErrors::new();
    if !(MIN_PERCENT..=MAX_PERCENT).contains(&percent) {
        fields.insert(
            "percent".into(),
            format!("Thời gian cộng thêm phải từ {MIN_PERCENT}% đến {MAX_PERCENT}% thời gian làm bài."),
        );
    }
    if reason.trim().is_empty() {
        fields.insert("reason".into(), "Vui lòng ghi lý do (được lưu vào nhật ký thay đổi).".into());
    }
    fields
}

/// The time limit of an attempt started with `percent` extra, in seconds:
/// limit × (1 + percent/100), rounded up so that nobody loses a fraction.
pub fn limit_seconds(limit_seconds: i32, percent: i32) -> i64 {
    let limit = i64::from(limit_seconds.max(0));
    let percent = i64::from(percent.max(0));
    // Both are non-negative here, so adding 99 rounds up.
    (limit * (100 + percent) + 99) / 100
}

/// The duration a ranking compares for an attempt that took `duration_ms`
/// with `percent` extra: duration ÷ (1 + percent/100), to the nearest
/// millisecond. With no extra time it is the duration itself.
pub fn counted_duration_ms(duration_ms: i32, percent: i32) -> i32 {
    let percent = i64::from(percent.max(0));
    if percent == 0 || duration_ms == i32::MAX {
        return duration_ms;
    }
    let share = 100 + percent;
    ((i64::from(duration_ms) * 100 + share / 2) / share) as i32
}

/// "15 phút", "6 phút 36 giây", "45 giây".
pub fn span_text(seconds: i64) -> String {
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    match (minutes, seconds) {
        (0, s) => format!("{s} giây"),
        (m, 0) => format!("{m} phút"),
        (m, s) => format!("{m} phút {s} giây"),
    }
}

/// What the start page and the quiz tell a contestant with `percent` extra
/// on a limit of `limit_seconds`: "Bạn được cộng thêm 15 phút (30%): thời
/// gian làm bài của bạn là 65 phút." `None` without extra time.
pub fn allowance_note(limit_seconds: i32, percent: i32) -> Option<String> {
    if percent <= 0 {
        return None;
    }
    let total = self::limit_seconds(limit_seconds, percent);
    let extra = total - i64::from(limit_seconds.max(0));
    Some(format!(
        "Bạn được cộng thêm {} ({percent}%): thời gian làm bài của bạn là {}.",
        span_text(extra),
        span_text(total)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_limit_is_the_round_limit_times_one_plus_the_percentage() {
        // (limit s, percent, limit s with extra time)
        let table = [
            (1200, 0, 1200),
            (1200, 10, 1320),
            (1200, 50, 1800),
            (1200, 100, 2400),
            (60, 15, 69),
            // 1200 × 1.33 = 1596; 61 × 1.1 = 67.1 → 68: rounded up, never down.
            (1200, 33, 1596),
            (61, 10, 68),
        ];
        for (limit, percent, want) in table {
            assert_eq!(limit_seconds(limit, percent), want, "{limit} s + {percent}%");
        }
    }

    #[test]
    fn ranking_compares_the_share_of_ones_own_allowance_used() {
        // (duration ms, percent, counted ms)
        let table = [
            (600_000, 0, 600_000),
            // 15 of 30 minutes (+50 % on 20) counts as 10 of 20: the same share.
            (900_000, 50, 600_000),
            (1_200_000, 100, 600_000),
            (1_000, 10, 909), // 909,09…
            (1_001, 10, 910), // 910,0
            (5, 100, 3),      // 2,5 rounds up
            (0, 50, 0),
            // "No duration" (ranked last) stays last.
            (i32::MAX, 50, i32::MAX),
        ];
        for (duration, percent, want) in table {
            assert_eq!(counted_duration_ms(duration, percent), want, "{duration} ms at +{percent}%");
        }
        // Using all of one's allowance counts the same for everyone.
        assert_eq!(counted_duration_ms(1_800_000, 50), 1_200_000);
    }

    #[test]
    fn grants_outside_the_bounds_or_without_a_reason_are_refused_in_vietnamese() {
        assert!(problems(50, "Khiếm thị, dùng trình đọc màn hình").is_empty());
        assert!(problems(MIN_PERCENT, "x").is_empty() && problems(MAX_PERCENT, "x").is_empty());
        for percent in [0, 9, 101, -5] {
            let fields = problems(percent, "lý do");
            assert_eq!(
                fields.get("percent").map(String::as_str),
                Some("Thời gian cộng thêm phải từ 10% đến 100% thời gian làm bài."),
                "{percent}"
            );
        }
        let fields = problems(200, "  ");
        assert_eq!(fields.len(), 2);
        assert_eq!(fields["reason"], "Vui lòng ghi lý do (được lưu vào nhật ký thay đổi).");
    }

    #[test]
    fn the_contestant_is_told_their_allowance_in_minutes() {
        assert_eq!(allowance_note(1200, 0), None);
        assert_eq!(
            allowance_note(1800, 50).as_deref(),
            Some("Bạn được cộng thêm 15 phút (50%): thời gian làm bài của bạn là 45 phút.")
        );
        assert_eq!(
            allowance_note(1200, 33).as_deref(),
            Some("Bạn được cộng thêm 6 phút 36 giây (33%): thời gian làm bài của bạn là 26 phút 36 giây.")
        );
        assert_eq!(span_text(45), "45 giây");
    }
}
