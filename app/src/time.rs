//! Contest time: stored in UTC, shown in Asia/Ho_Chi_Minh as dd/mm/yyyy.
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::{Asia::Ho_Chi_Minh, Tz};

/// The contest's time zone.
pub const ZONE: Tz = Ho_Chi_Minh;

/// "03/10/2022 08:00" in local time.
pub fn local_datetime(at: DateTime<Utc>) -> String {
    at.with_timezone(&ZONE).format("%d/%m/%Y %H:%M").to_string()
}

/// The end of a window. Rounds close at midnight, which the rules write as
/// "24:00 ngày 09/10/2022" (the day that ends), not "00:00 ngày 10/10/2022".
pub fn local_closing(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&ZONE);
    if local.hour() == 0 && local.minute() == 0 && local.second() == 0 {
        let day_before = local - Duration::days(1);
        format!("24:00 {}", day_before.format("%d/%m/%Y"))
    } else {
        local_datetime(at)
    }
}

/// Midnight at the start of a local calendar day, in UTC.
pub fn local_midnight(day: NaiveDate) -> DateTime<Utc> {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Viet Nam has no daylight saving, so every local time maps to one instant.
    ZONE.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| DateTime::from_naive_utc_and_offset(naive, Utc))
}

/// Today's date in the contest's time zone.
pub fn local_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&ZONE).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn local_midnight_is_seven_hours_before_utc_midnight() {
        let opens = local_midnight(day(2022, 10, 3));
        assert_eq!(opens.to_rfc3339(), "2022-10-02T17:00:00+00:00");
        assert_eq!(local_datetime(opens), "03/10/2022 00:00");
    }

    #[test]
    fn midnight_close_is_written_as_24_00_of_the_day_that_ends() {
        let closes = local_midnight(day(2022, 10, 10));
        assert_eq!(local_closing(closes), "24:00 09/10/2022");
        let at_nine = closes + Duration::hours(9);
        assert_eq!(local_closing(at_nine), "10/10/2022 09:00");
    }

    #[test]
    fn today_follows_the_local_calendar() {
        // 18:00 UTC on 2 October is already 3 October in Ha Noi.
        let late = local_midnight(day(2022, 10, 3)) + Duration::hours(1);
        assert_eq!(local_today(late), day(2022, 10, 3));
    }
}
