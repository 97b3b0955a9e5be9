//! The participation rate: the one figure the Department grades agencies on.
//! A pure rule, shared by the statistics page, its downloads, the reports and
//! the collective prizes, so that a unit reads the same everywhere.

/// contestants ÷ headcount × 100, rounded by the one rule of [`crate::format`]
/// (half away from zero, one place); None without headcount. Every page,
/// download and report takes the rate from here, so a unit reads the same everywhere.
pub fn participation_pct(contestants: i64, headcount: i64) -> Option<f64> {
    (headcount > 0).then(|| {
        crate::format::round(contestants as f64 * 100.0 / headcount as f64, crate::format::PERCENT_PLACES)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_has_one_place_rounded_half_away_from_zero_and_needs_a_headcount() {
        assert_eq!(participation_pct(1, 3), Some(33.3));
        assert_eq!(participation_pct(2, 3), Some(66.7));
        // 1 ÷ 8 = 12.5 % exactly; 1 ÷ 16 = 6.25 % rounds up to 6.3.
        assert_eq!(participation_pct(1, 16), Some(6.3));
        assert_eq!(participation_pct(5, 5), Some(100.0));
        // More contestants than the headcount says is shown as it is, not capped.
        assert_eq!(participation_pct(6, 5), Some(120.0));
        assert_eq!(participation_pct(3, 0), None);
    }
}
