//! Checks of what a person types at registration, each with its Vietnamese
//! message. Pure functions, shared by the server and the browser form.
//! A field left empty is told "Vui lòng nhập …" (what is missing), never a
//! format error: a format error is only for something typed that is wrong.

/// For a required list left on its placeholder (units, categories).
pub const CHOOSE_UNIT: &str = "Vui lòng chọn đơn vị.";
pub const CHOOSE_CATEGORY: &str = "Vui lòng chọn đối tượng dự thi.";
pub const ENTER_BIRTH_DATE: &str = "Vui lòng nhập ngày sinh.";

/// The one stored form of a Vietnamese mobile number: `0` + 9 digits.
/// Accepts `0912 345 678`, `0912.345.678`, `+84912345678` and `84912345678`.
pub fn normalize_phone(input: &str) -> Result<String, &'static str> {
    if input.trim().is_empty() {
        return Err("Vui lòng nhập số điện thoại.");
    }
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
    if digits.is_empty() {
        return Err("Vui lòng nhập số căn cước công dân.");
    }
    if digits.len() == 12 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err("Số căn cước công dân phải gồm đúng 12 chữ số.")
    }
}

/// A full name as on the ID card: letters, spaces and a few marks, collapsed spaces.
pub fn normalize_full_name(input: &str) -> Result<String, &'static str> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("Vui lòng nhập họ và tên.");
    }
    if name.chars().count() < 2 || !name.contains(' ') {
        return Err("Vui lòng nhập đầy đủ họ và tên, ví dụ: Nguyễn Thị Hà.");
    }
    if name.chars().count() > 100 {
        return Err("Họ và tên quá dài (tối đa 100 ký tự).");
    }
    if !name.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '-') {
        return Err("Họ và tên chỉ gồm chữ cái và khoảng trắng.");
    }
    Ok(name)
}

/// A birth date as a date field sends it (`YYYY-MM-DD`), on `today` in Viet
/// Nam: not in the future, at most 110 years ago, and at least 6 years old.
#[cfg(feature = "ssr")]
pub fn check_birth_date(input: &str, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Err(ENTER_BIRTH_DATE);
    }
    let date = chrono::NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .map_err(|_| "Ngày sinh không hợp lệ (định dạng YYYY-MM-DD, ví dụ 1991-04-30).")?;
    let age_years = today.years_since(date).unwrap_or(0);
    if date > today || age_years > 110 {
        return Err("Ngày sinh không hợp lệ.");
    }
    if age_years < 6 {
        return Err("Thí sinh phải đủ 6 tuổi trở lên.");
    }
    Ok(date)
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
        0 => Err("Vui lòng nhập mật khẩu."),
        1..=7 => Err("Mật khẩu cần ít nhất 8 ký tự."),
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
    fn empty_fields_ask_for_the_value_and_bad_ones_name_the_format() {
        // Left empty (or only spaces): "Vui lòng nhập …", never a format error.
        assert_eq!(normalize_full_name("  "), Err("Vui lòng nhập họ và tên."));
        assert_eq!(normalize_phone(""), Err("Vui lòng nhập số điện thoại."));
        assert_eq!(normalize_phone("   "), Err("Vui lòng nhập số điện thoại."));
        assert_eq!(normalize_id_number(" "), Err("Vui lòng nhập số căn cước công dân."));
        assert_eq!(check_password(""), Err("Vui lòng nhập mật khẩu."));
        assert_eq!(check_sign_in_password(""), Err("Vui lòng nhập mật khẩu."));
        assert_eq!(CHOOSE_UNIT, "Vui lòng chọn đơn vị.");
        // Typed but wrong: the format, with an example.
        assert!(normalize_full_name("Mai").unwrap_err().starts_with("Vui lòng nhập đầy đủ họ và tên"));
        assert!(normalize_phone("123").unwrap_err().starts_with("Số điện thoại không hợp lệ"));
        assert!(normalize_phone("09a").unwrap_err().starts_with("Số điện thoại chỉ gồm chữ số"));
        assert!(normalize_id_number("123").unwrap_err().contains("12 chữ số"));
        assert_eq!(check_password("ngắn"), Err("Mật khẩu cần ít nhất 8 ký tự."));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn birth_dates_empty_wrong_or_out_of_range() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(check_birth_date("", today), Err(ENTER_BIRTH_DATE));
        assert!(check_birth_date("30/04/1991", today).unwrap_err().starts_with("Ngày sinh không hợp lệ"));
        assert_eq!(check_birth_date("2030-01-01", today), Err("Ngày sinh không hợp lệ."));
        assert_eq!(check_birth_date("2024-01-01", today), Err("Thí sinh phải đủ 6 tuổi trở lên."));
        assert_eq!(
            check_birth_date(" 1991-04-30 ", today),
            Ok(chrono::NaiveDate::from_ymd_opt(1991, 4, 30).unwrap())
        );
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
