//! Vietnamese display formats shared by server and browser: the one place
//! where a figure becomes text, so the same figure reads the same on every
//! page and in every download.
//!
//! - Numbers: "." between thousands, "," before decimals ("1.262,5").
//! - One rounding rule: half away from zero, at a stated number of places,
//!   applied to the figure as written in decimal (0,05 → 0,1; −0,05 → −0,1),
//!   so binary floating point never turns 98,65 into 98,6 on one page and
//!   98,7 on another.
//! - Percentages to [`PERCENT_PLACES`] place ("98,7%"), scores and averages to
//!   [`SCORE_PLACES`], durations in tenths of a second ("11 phút 51,0 giây").
//! - Dates `dd/mm/yyyy`, times `HH:mm` (24 h, Asia/Ho_Chi_Minh), date-times
//!   `dd/mm/yyyy HH:mm`. A window that ends at midnight is written as the next
//!   day's 00:00 ("10/10/2022 00:00"), never "24:00": that is the value the
//!   organizer's round editor holds and saves, so the editor, the dashboard
//!   and the public schedule all show the same instant the same way.
//! - Files: CSV for Excel with Vietnamese regional settings (`;` between
//!   fields, "," before decimals, no grouping); see [`CSV_DELIMITER`].

/// Places of a participation rate or any other percentage.
pub const PERCENT_PLACES: u32 = 1;
/// Places of an average score, collective points and similar figures.
pub const SCORE_PLACES: u32 = 1;
/// The field separator of every CSV download: Excel with Vietnamese regional
/// settings uses ";" because "," is its decimal mark.
pub const CSV_DELIMITER: u8 = b';';
/// What a figure that is withheld or missing shows as.
pub const MISSING: &str = "—";

/// Puts "." between groups of three digits of a run of ASCII digits.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A whole number with "." as thousands separator: 486328 → "486.328".
pub fn count(n: i64) -> String {
    let digits = group(&n.unsigned_abs().to_string());
    if n < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// "part/whole" with both grouped: "1.262/1.520".
pub fn ratio(part: i64, whole: i64) -> String {
    format!("{}/{}", count(part), count(whole))
}

/// The rounded figure as (negative, integer digits, `places` decimal digits),
/// rounding the shortest decimal that reads back as `x`, half away from zero.
/// None for NaN and infinities.
fn rounded_digits(x: f64, places: u32) -> Option<(bool, String, String)> {
    if !x.is_finite() {
        return None;
    }
    let places = places as usize;
    // Rust writes an f64 as the shortest decimal that reads back the same,
    // and never in exponent form: "98.65", "0.05", "1000000".
    let written = format!("{}", x.abs());
    let (int, frac) = written.split_once('.').unwrap_or((written.as_str(), ""));
    let mut digits: Vec<u8> =
        int.bytes().chain(frac.bytes().chain(std::iter::repeat(b'0')).take(places)).collect();
    if frac.as_bytes().get(places).is_some_and(|d| *d >= b'5') {
        // Carry the rounding up through the digits kept.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - places;
    let int_digits = String::from_utf8_lossy(&digits[..split]).into_owned();
    let frac_digits = String::from_utf8_lossy(&digits[split..]).into_owned();
    let zero = digits.iter().all(|d| *d == b'0');
    Some((x < 0.0 && !zero, int_digits, frac_digits))
}

/// `x` rounded half away from zero to `places` decimals, as a number (for
/// figures stored or sent rounded, and for .xlsx cells): the same value that
/// [`decimal`] shows.
pub fn round(x: f64, places: u32) -> f64 {
    match rounded_digits(x, places) {
        Some((negative, int, frac)) => {
            let value: f64 = format!("{int}.{frac}0").parse().unwrap_or(x);
            if negative {
                -value
            } else {
                value
            }
        }
        None => x,
    }
}

/// `x` to `places` decimals with grouping: 1262.45 at 1 → "1.262,5".
pub fn decimal(x: f64, places: u32) -> String {
    match rounded_digits(x, places) {
        Some((negative, int, frac)) => {
            let sign = if negative { "-" } else { "" };
            let int = group(&int);
            if frac.is_empty() {
                format!("{sign}{int}")
            } else {
                format!("{sign}{int},{frac}")
            }
        }
        None => MISSING.to_owned(),
    }
}

/// A percentage already multiplied by 100, to one place: 98.65 → "98,7%".
pub fn percent(x: f64) -> String {
    format!("{}%", decimal(x, PERCENT_PLACES))
}

/// An optional figure, or the dash of a withheld one.
pub fn or_missing(value: Option<String>) -> String {
    value.unwrap_or_else(|| MISSING.to_owned())
}

/// A decimal for a CSV cell: comma decimals, no grouping ("1262,5"), so
/// Excel with Vietnamese settings reads it as the number itself.
pub fn csv_decimal(x: f64, places: u32) -> String {
    match rounded_digits(x, places) {
        Some((negative, int, frac)) => {
            let sign = if negative { "-" } else { "" };
            if frac.is_empty() {
                format!("{sign}{int}")
            } else {
                format!("{sign}{int},{frac}")
            }
        }
        None => String::new(),
    }
}

/// The cell format of a decimal in .xlsx downloads: the value stays a number
/// and Excel shows it with the reader's own separators.
pub const XLSX_DECIMAL: &str = "#,##0.0";
/// The cell format of a whole number in .xlsx downloads.
pub const XLSX_COUNT: &str = "#,##0";

/// An attempt's time in tenths of a second: 711_050 ms → "11 phút 51,1 giây",
/// 59_949 → "59,9 giây"; an hour or more adds "1 giờ". Never negative.
pub fn duration(ms: i64) -> String {
    // Tenths, half away from zero (ms is never negative here).
    let tenths = (ms.max(0) + 50) / 100;
    let (hours, rest) = (tenths / 36_000, tenths % 36_000);
    let (minutes, rest) = (rest / 600, rest % 600);
    let seconds = format!("{},{} giây", rest / 10, rest % 10);
    match (hours, minutes) {
        (0, 0) => seconds,
        (0, m) => format!("{m} phút {seconds}"),
        (h, m) => format!("{h} giờ {m} phút {seconds}"),
    }
}

/// A countdown such as "2 ngày 03:04:05" or "00:09:59"; never negative.
pub fn countdown(remaining_ms: i64) -> String {
    let total = remaining_ms.max(0) / 1000;
    let (days, rest) = (total / 86_400, total % 86_400);
    let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
    if days > 0 {
        format!("{days} ngày {h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

#[cfg(feature = "ssr")]
mod dates {
    use chrono::{DateTime, NaiveDate, Utc};
    use chrono_tz::Asia::Ho_Chi_Minh;

    /// A calendar date: "03/10/2022".
    pub fn date(day: NaiveDate) -> String {
        day.format("%d/%m/%Y").to_string()
    }

    /// The local date of an instant: "03/10/2022".
    pub fn local_date(at: DateTime<Utc>) -> String {
        date(at.with_timezone(&Ho_Chi_Minh).date_naive())
    }

    /// The local time of day, 24 h: "08:05".
    pub fn time(at: DateTime<Utc>) -> String {
        at.with_timezone(&Ho_Chi_Minh).format("%H:%M").to_string()
    }

    /// Local date and time: "03/10/2022 08:00". A window closing at midnight
    /// reads as the next day's "00:00" (see the module's first lines).
    pub fn date_time(at: DateTime<Utc>) -> String {
        at.with_timezone(&Ho_Chi_Minh).format("%d/%m/%Y %H:%M").to_string()
    }

    /// Local date and time to the second, for a live "as of" clock: "03/10/2022 08:00:07".
    pub fn date_time_seconds(at: DateTime<Utc>) -> String {
        at.with_timezone(&Ho_Chi_Minh).format("%d/%m/%Y %H:%M:%S").to_string()
    }
}

#[cfg(feature = "ssr")]
pub use dates::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_dots_between_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1.000");
        assert_eq!(count(12_524), "12.524");
        assert_eq!(count(486_328), "486.328");
        assert_eq!(count(1_512_991), "1.512.991");
        assert_eq!(count(-12_345), "-12.345");
        assert_eq!(count(i64::MIN), "-9.223.372.036.854.775.808");
        assert_eq!(ratio(1262, 1520), "1.262/1.520");
    }

    #[test]
    fn decimals_use_a_comma_and_keep_grouping() {
        assert_eq!(decimal(62.5, 1), "62,5");
        assert_eq!(decimal(1262.45, 1), "1.262,5");
        assert_eq!(decimal(1_234_567.891, 2), "1.234.567,89");
        assert_eq!(decimal(7.0, 1), "7,0");
        assert_eq!(decimal(7.4, 0), "7");
        assert_eq!(decimal(0.0, 1), "0,0");
        assert_eq!(decimal(1e15, 1), "1.000.000.000.000.000,0");
        assert_eq!(decimal(f64::NAN, 1), "—");
        assert_eq!(decimal(f64::INFINITY, 1), "—");
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_the_written_decimal() {
        // Binary 0.05, 98.65 and 1.005 sit just below the half; still rounded up.
        assert_eq!(decimal(0.05, 1), "0,1");
        assert_eq!(decimal(0.04999, 1), "0,0");
        assert_eq!(decimal(98.65, 1), "98,7");
        assert_eq!(decimal(98.64999, 1), "98,6");
        assert_eq!(decimal(1.005, 2), "1,01");
        assert_eq!(decimal(2.5, 0), "3");
        assert_eq!(decimal(3.5, 0), "4");
        // Negative: away from zero, and no "-0,0".
        assert_eq!(decimal(-0.05, 1), "-0,1");
        assert_eq!(decimal(-2.5, 0), "-3");
        assert_eq!(decimal(-0.04, 1), "0,0");
        assert_eq!(decimal(-1234.56, 1), "-1.234,6");
        // Carries through nines into a new digit and a new group.
        assert_eq!(decimal(9.96, 1), "10,0");
        assert_eq!(decimal(999.95, 1), "1.000,0");
        assert_eq!(decimal(99.99, 1), "100,0");
    }

    #[test]
    fn round_gives_the_number_that_decimal_shows() {
        for (x, places) in [(98.65, 1), (0.05, 1), (-0.05, 1), (1.005, 2), (66.666_666, 1), (12.0, 1)] {
            let r = round(x, places);
            assert_eq!(decimal(r, places), decimal(x, places), "{x}");
        }
        assert_eq!(round(98.65, 1), 98.7);
        assert_eq!(round(-2.5, 0), -3.0);
        assert_eq!(round(2.0 / 3.0 * 100.0, 1), 66.7);
    }

    #[test]
    fn percentages_have_one_place_and_a_percent_sign() {
        assert_eq!(percent(98.65), "98,7%");
        assert_eq!(percent(100.0), "100,0%");
        assert_eq!(percent(1262.0 * 100.0 / 1520.0), "83,0%");
        assert_eq!(percent(0.0), "0,0%");
    }

    #[test]
    fn csv_decimals_have_a_comma_and_no_grouping() {
        assert_eq!(csv_decimal(1262.45, 1), "1262,5");
        assert_eq!(csv_decimal(-0.05, 1), "-0,1");
        assert_eq!(csv_decimal(12.0, 0), "12");
        assert_eq!(csv_decimal(f64::NAN, 1), "");
    }

    #[test]
    fn durations_read_in_minutes_and_tenths_of_a_second() {
        assert_eq!(duration(711_050), "11 phút 51,1 giây");
        assert_eq!(duration(711_000), "11 phút 51,0 giây");
        assert_eq!(duration(734_512), "12 phút 14,5 giây");
        assert_eq!(duration(59_949), "59,9 giây");
        // Half a tenth rounds up, and 59,95 s becomes a whole minute.
        assert_eq!(duration(17_650), "17,7 giây");
        assert_eq!(duration(59_950), "1 phút 0,0 giây");
        assert_eq!(duration(0), "0,0 giây");
        assert_eq!(duration(-500), "0,0 giây");
        assert_eq!(duration(3_723_400), "1 giờ 2 phút 3,4 giây");
    }

    #[test]
    fn countdowns_show_days_then_clock() {
        assert_eq!(countdown(0), "00:00:00");
        assert_eq!(countdown(-5_000), "00:00:00");
        assert_eq!(countdown(599_999), "00:09:59");
        assert_eq!(countdown((2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000), "2 ngày 03:04:05");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn dates_and_times_are_local_day_first_and_24_hour() {
        use chrono::{NaiveDate, TimeZone, Utc};
        let day = NaiveDate::from_ymd_opt(2022, 10, 3).unwrap_or_default();
        assert_eq!(date(day), "03/10/2022");
        // 17:00 UTC on 9 October is midnight in Ha Noi: the next day's 00:00.
        let midnight = Utc.with_ymd_and_hms(2022, 10, 9, 17, 0, 0).single().unwrap_or_default();
        assert_eq!(date_time(midnight), "10/10/2022 00:00");
        assert_eq!(time(midnight), "00:00");
        assert_eq!(local_date(midnight), "10/10/2022");
        // A minute before midnight is still the day that ends.
        let before = midnight - chrono::Duration::minutes(1);
        assert_eq!(date_time(before), "09/10/2022 23:59");
        let afternoon = Utc.with_ymd_and_hms(2026, 11, 25, 8, 5, 7).single().unwrap_or_default();
        assert_eq!(date_time(afternoon), "25/11/2026 15:05");
        assert_eq!(date_time_seconds(afternoon), "25/11/2026 15:05:07");
        assert!(!date_time(midnight).contains("24:00"));
    }
}
