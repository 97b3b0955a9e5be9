//! Contest time: stored in UTC, shown in Asia/Ho_Chi_Minh as dd/mm/yyyy HH:mm (crate::format).
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::{Asia::Ho_Chi_Minh, Tz};

/// The contest's time zone.
pub const ZONE: Tz = Ho_Chi_Minh;

/// "03/10/2022 08:00" in local time (see [`crate::format::date_time`]).
pub fn local_datetime(at: DateTime<Utc>) -> String {
    crate::format::date_time(at)
}

/// The end of a window, written like every other time: a round that closes at
/// midnight reads "10/10/2022 00:00" (the next day's 00:00), as in the round
/// editor, never "24:00" (one format everywhere, see [`crate::format`]).
pub fn local_closing(at: DateTime<Utc>) -> String {
    crate::format::date_time(at)
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
    use chrono::Duration;

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
    fn midnight_close_is_written_as_the_next_days_00_00() {
        let closes = local_midnight(day(2022, 10, 10));
        assert_eq!(local_closing(closes), "10/10/2022 00:00");
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
