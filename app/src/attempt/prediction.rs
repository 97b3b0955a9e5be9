//! The prediction answer (câu hỏi dự đoán): which figures are accepted, and
//! how the quiz page reads what was typed. Pure, so unit-tested; the server
//! checks every save and submit with [`check`], the page uses [`parse`] to
//! decide whether a typed figure is worth sending at all.
use crate::error::AppError;

/// The largest figure taken: more than the population of the country, so no
/// honest guess at participants or full marks is refused, while a figure that
/// could overflow the ranking's distances never reaches it.
pub const MAX_PREDICTION: i64 = 100_000_000;

/// Why a figure is refused, in Vietnamese.
pub fn range_message() -> String {
    format!("Số dự đoán phải là số nguyên từ 0 đến {}.", crate::format::count(MAX_PREDICTION))
}

/// A whole number in 0..=[`MAX_PREDICTION`], or a 422 on the `prediction` field.
pub fn check(prediction: i64) -> Result<i64, AppError> {
    if (0..=MAX_PREDICTION).contains(&prediction) {
        Ok(prediction)
    } else {
        Err(AppError::invalid("prediction", &range_message()))
    }
}

/// What was typed in the prediction field: `Ok(None)` when it is empty,
/// `Ok(Some(n))` for an accepted figure. Spaces and the grouping dots a
/// Vietnamese reader types ("1.234") are allowed; anything else is refused.
pub fn parse(typed: &str) -> Result<Option<i64>, AppError> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::invalid("prediction", &range_message()));
    }
    // Too many digits for an i64 is out of range too.
    let value = digits.parse::<i64>().map_err(|_| AppError::invalid("prediction", &range_message()))?;
    check(value).map(Some)
}

/// "Dự đoán: 1.234", or nothing when no prediction was given.
pub fn label(prediction: Option<i64>) -> String {
    prediction.map(|p| format!("Dự đoán: {}", crate::format::count(p))).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_from_zero_to_the_maximum_are_taken() {
        assert_eq!(check(0).ok(), Some(0));
        assert_eq!(check(MAX_PREDICTION).ok(), Some(MAX_PREDICTION));
        assert!(matches!(check(-1), Err(AppError::Invalid(f)) if f.contains_key("prediction")));
        assert!(check(MAX_PREDICTION + 1).is_err());
        assert!(check(i64::MAX).is_err());
    }

    #[test]
    fn typed_figures_may_carry_spaces_and_grouping_dots() {
        assert_eq!(parse("").ok(), Some(None));
        assert_eq!(parse("   ").ok(), Some(None));
        assert_eq!(parse("250").ok(), Some(Some(250)));
        assert_eq!(parse(" 1.234 ").ok(), Some(Some(1234)));
        assert_eq!(parse("12 500").ok(), Some(Some(12_500)));
        for bad in ["-5", "1,5", "abc", "1e3", "99999999999999999999999", "100000001"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_label_groups_thousands_with_dots() {
        assert_eq!(label(Some(1234)), "Dự đoán: 1.234");
        assert_eq!(label(Some(7)), "Dự đoán: 7");
        assert_eq!(label(None), "");
    }
}
