//! The limits, and the pure rules of a fixed-window counter: a key may be hit
//! `max` times in a window of `window_secs`; the window starts at the first hit
//! after the previous one ended. The store applies the same rule in one SQL
//! statement; these functions say what the counts mean.
use std::net::IpAddr;

/// At most `max` hits per `window_secs` for each key made by [`Limit::key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// Prefix of the keys, unique per limit, e.g. `login.pair`.
    pub name: &'static str,
    pub max: i32,
    pub window_secs: i64,
}

impl Limit {
    /// The stored key of `subject` (a phone, an address, an account id…).
    pub fn key(&self, subject: &str) -> String {
        format!("{}:{subject}", self.name)
    }
}

/// The three limits of a sign-in form. Each try counts first against its
/// address (one machine trying many accounts), then against the pair of
/// account and address, then against the account; a success takes its try
/// back, so the counts are of failures (and tries still being checked).
#[derive(Clone, Copy, Debug)]
pub struct SignInLimits {
    pub per_address: Limit,
    /// Low: guessing one account from one address stops early, and it stops
    /// only that address, so an attacker cannot lock the owner out elsewhere.
    pub per_pair: Limit,
    /// Much higher ceiling for guessing spread over many addresses; a refused
    /// pair never reaches it, so one address alone can never fill it.
    pub per_account: Limit,
}

/// Contestant sign-in. An agency's office may share one address, hence 60.
/// 30 failures per account an hour stays inside ASVS 2.2.1 (at most 100).
pub const CONTESTANT_SIGN_IN: SignInLimits = SignInLimits {
    per_address: Limit { name: "login.address", max: 60, window_secs: 15 * 60 },
    per_pair: Limit { name: "login.pair", max: 5, window_secs: 15 * 60 },
    per_account: Limit { name: "login.account", max: 30, window_secs: 60 * 60 },
};

/// Staff sign-in: fewer people, more at stake.
pub const STAFF_SIGN_IN: SignInLimits = SignInLimits {
    per_address: Limit { name: "staff.address", max: 20, window_secs: 15 * 60 },
    per_pair: Limit { name: "staff.pair", max: 5, window_secs: 15 * 60 },
    per_account: Limit { name: "staff.account", max: 20, window_secs: 60 * 60 },
};

/// New accounts from one address (throw-away accounts). Not lower: a whole
/// agency registers from its office's one public address in the first days,
/// and the answer key no longer leaks to throw-away accounts anyway.
pub const REGISTER_PER_ADDRESS: Limit = Limit { name: "register.address", max: 100, window_secs: 60 * 60 };
/// Registrations with one phone number: each one says whether it is taken.
pub const REGISTER_PER_PHONE: Limit = Limit { name: "register.phone", max: 5, window_secs: 60 * 60 };
/// Profile saves that change the ID number (each says whether it is taken), per contestant.
pub const PROFILE_PER_ACCOUNT: Limit = Limit { name: "profile.account", max: 10, window_secs: 60 * 60 };
/// The same, per address.
pub const PROFILE_PER_ADDRESS: Limit = Limit { name: "profile.address", max: 30, window_secs: 60 * 60 };

/// Password-reset e-mails asked for from one address (each costs a mail).
pub const RESET_REQUEST_PER_ADDRESS: Limit = Limit { name: "reset.address", max: 20, window_secs: 60 * 60 };
/// Password-reset e-mails asked for one phone or e-mail: a mailbox is not flooded.
pub const RESET_REQUEST_PER_ACCOUNT: Limit = Limit { name: "reset.account", max: 5, window_secs: 60 * 60 };
/// Reset links tried from one address (a link's 256 bits cannot be guessed;
/// this bounds the hashing a flood of forms would cost).
pub const RESET_LINK_PER_ADDRESS: Limit = Limit { name: "reset_link.address", max: 30, window_secs: 15 * 60 };
/// Reset codes tried: counted like a sign-in (the code is a short secret), so
/// one address guessing one phone stops after a few tries without locking the owner out.
pub const RESET_CODE: SignInLimits = SignInLimits {
    per_address: Limit { name: "reset_code.address", max: 30, window_secs: 15 * 60 },
    per_pair: Limit { name: "reset_code.pair", max: 5, window_secs: 15 * 60 },
    per_account: Limit { name: "reset_code.account", max: 20, window_secs: 60 * 60 },
};
/// Password changes tried by one signed-in contestant (each checks the current password).
pub const PASSWORD_CHANGE_PER_ACCOUNT: Limit =
    Limit { name: "password_change.account", max: 10, window_secs: 15 * 60 };

/// What a hit found: allowed, or refused with the seconds until the window ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    Refused { retry_after: i64 },
}

/// The verdict on a key that now holds `hits` in the window begun at `window_start`.
pub fn verdict(limit: &Limit, hits: i32, window_start: i64, now: i64) -> Verdict {
    if hits <= limit.max {
        Verdict::Allowed
    } else {
        Verdict::Refused { retry_after: (window_start + limit.window_secs - now).max(1) }
    }
}

/// The throttling subject of an address: IPv4 as is, IPv6 by its /64, since
/// one home or phone is handed a whole /64 and could rotate through it.
pub fn address_subject(address: &str) -> String {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        // Not an address (should not happen): keep it, bounded.
        Err(_) => address.chars().take(64).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_up_to_the_maximum_pass_and_then_wait_for_the_window() {
        let limit = Limit { name: "t", max: 3, window_secs: 600 };
        let cases = [
            (1, 1000, 1000, Verdict::Allowed),
            (3, 1000, 1500, Verdict::Allowed),
            (4, 1000, 1500, Verdict::Refused { retry_after: 100 }),
            (9, 1000, 1599, Verdict::Refused { retry_after: 1 }),
            // Clock skew between servers never gives a zero or negative wait.
            (9, 1000, 1700, Verdict::Refused { retry_after: 1 }),
        ];
        for (hits, start, now, expected) in cases {
            assert_eq!(verdict(&limit, hits, start, now), expected, "{hits} hits at {now}");
        }
    }

    #[test]
    fn the_pair_limit_trips_long_before_the_account_ceiling() {
        for limits in [CONTESTANT_SIGN_IN, STAFF_SIGN_IN, RESET_CODE] {
            assert!(limits.per_pair.max * 3 <= limits.per_account.max, "{limits:?}");
            let names = [limits.per_address.name, limits.per_pair.name, limits.per_account.name];
            assert_eq!(names.iter().collect::<std::collections::HashSet<_>>().len(), 3);
        }
    }

    #[test]
    fn ipv6_addresses_count_by_their_64() {
        assert_eq!(address_subject("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(address_subject("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_eq!(address_subject("203.0.113.7"), "203.0.113.7");
        assert_eq!(Limit { name: "login.pair", max: 1, window_secs: 1 }.key("x"), "login.pair:x");
    }

    #[test]
    fn waits_are_said_in_minutes_or_seconds() {
        use crate::error::wait_text;
        assert_eq!(wait_text(45), "45 giây");
        assert_eq!(wait_text(61), "2 phút");
        assert_eq!(wait_text(900), "15 phút");
        let refused = crate::error::AppError::Throttled { retry_after: 900 };
        assert_eq!(refused.to_string(), "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 15 phút.");
        assert_eq!((refused.status_code(), refused.retry_after()), (429, Some(900)));
    }
}
