//! Checks of what a person types at registration, each with its Vietnamese
//! message. Pure functions, shared by the server and the browser form.

/// The one stored form of a Vietnamese mobile number: `0` + 9 digits.
/// Accepts `0912 345 678`, `0912.345.678`, `+84912345678` and `84912345678`.
pub fn normalize_phone(input: &str) -> Result<String, &'static str> {
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    let digits = digits.strip_prefix('+').unwrap_or(&digits);
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("Số điện thoại chỉ gồm chữ số, ví dụ 0912 345 678.");
    }
    let national = if digits.len() == 11 && digits.starts_with("84") {
        format!("0{}", &digits[2..])
    } else {
        digits.to_owned()
    };
    if national.len() == 10 && national.starts_with('0') && !national.starts_with("00") {
        Ok(national)
    } else {
        Err("Số điện thoại không hợp lệ: cần 10 chữ số, ví dụ 0912 345 678.")
    }
}

/// A citizen ID (CCCD) is exactly 12 digits; spaces are ignored.
pub fn normalize_id_number(input: &str) -> Result<String, &'static str> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 12 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err("Số căn cước công dân phải gồm đúng 12 chữ số.")
    }
}

/// A full name as on the ID card: letters, spaces and a few marks, collapsed spaces.
pub fn normalize_full_name(input: &str) -> Result<String, &'static str> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() < 2 || !name.contains(' ') {
        return Err("Vui lòng nhập đầy đủ họ và tên.");
    }
    if name.chars().count() > 100 {
        return Err("Họ và tên quá dài (tối đa 100 ký tự).");
    }
    if !name.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '-') {
        return Err("Họ và tên chỉ gồm chữ cái và khoảng trắng.");
    }
    Ok(name)
}

/// An optional e-mail: empty means none; otherwise it needs a plausible shape.
pub fn normalize_email(input: &str) -> Result<Option<String>, &'static str> {
    let email = input.trim();
    if email.is_empty() {
        return Ok(None);
    }
    let valid = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'));
    if valid {
        Ok(Some(email.to_lowercase()))
    } else {
        Err("Địa chỉ email không hợp lệ.")
    }
}

/// Passwords: at least 8 characters, at most 128.
pub fn check_password(input: &str) -> Result<(), &'static str> {
    match input.chars().count() {
        0..=7 => Err("Mật khẩu cần ít nhất 8 ký tự."),
        8..=128 => Ok(()),
        _ => Err("Mật khẩu quá dài (tối đa 128 ký tự)."),
    }
}

/// A password typed to sign in: not checked against the rules of new
/// passwords (older accounts), only refused when empty or too long to be one,
/// so that nobody can make the server hash a megabyte.
pub fn check_sign_in_password(input: &str) -> Result<(), &'static str> {
    match input.chars().count() {
        0 => Err("Vui lòng nhập mật khẩu."),
        1..=128 => Ok(()),
        _ => Err("Mật khẩu quá dài (tối đa 128 ký tự)."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_in_every_common_form_become_one() {
        for input in ["0912 345 678", "+84912345678", "84912345678", "0912.345.678", " 0912345678 "] {
            assert_eq!(normalize_phone(input).as_deref(), Ok("0912345678"), "{input}");
        }
        for bad in ["091234567", "09123456789", "abc", "", "+1 202 555 0100", "0012345678"] {
            assert!(normalize_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn id_numbers_are_twelve_digits() {
        assert_eq!(normalize_id_number("020 190 001 234").as_deref(), Ok("020190001234"));
        assert!(normalize_id_number("02019000123").is_err());
        assert!(normalize_id_number("02019000123X").is_err());
    }

    #[test]
    fn names_keep_vietnamese_letters_and_collapse_spaces() {
        assert_eq!(normalize_full_name("  Nguyễn   Thị  Hà ").as_deref(), Ok("Nguyễn Thị Hà"));
        assert!(normalize_full_name("Hà").is_err());
        assert!(normalize_full_name("Nguyễn Văn 1").is_err());
    }

    #[test]
    fn email_is_optional_but_checked() {
        assert_eq!(normalize_email(""), Ok(None));
        assert_eq!(normalize_email(" An@Example.vn "), Ok(Some("an@example.vn".into())));
        assert!(normalize_email("an@").is_err());
    }

    #[test]
    fn passwords_need_eight_characters() {
        assert!(check_password("1234567").is_err());
        assert!(check_password("mật khẩu").is_ok());
        assert!(check_sign_in_password("").is_err());
        assert!(check_sign_in_password("ngắn").is_ok());
        assert!(check_sign_in_password(&"a".repeat(129)).is_err());
    }
}
