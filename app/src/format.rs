//! Vietnamese display formats shared by server and browser.

/// A whole number with "." as thousands separator: 486328 → "486.328".
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_dots_between_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1.000");
        assert_eq!(count(486_328), "486.328");
        assert_eq!(count(1_512_991), "1.512.991");
        assert_eq!(count(-12_345), "-12.345");
    }

    #[test]
    fn countdowns_show_days_then_clock() {
        assert_eq!(countdown(0), "00:00:00");
        assert_eq!(countdown(-5_000), "00:00:00");
        assert_eq!(countdown(599_999), "00:09:59");
        assert_eq!(countdown((2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000), "2 ngày 03:04:05");
    }
}
