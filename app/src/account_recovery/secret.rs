//! The secrets of a password reset and the only form in which they are kept.
//! A link carries 32 random bytes (hex); a code is 8 characters that are easy
//! to read out over the phone. Either is stored as its SHA-256 only; a code's
//! hash includes the contestant's id, so two people's codes never collide and
//! a code is worthless with any other phone number.
use sha2::{Digest, Sha256};

/// Letters and digits that cannot be mistaken for one another (no I, O, 0, 1).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// Characters in a reset code: 32^8 ≈ 10^12 codes, against a few tries an hour.
pub const CODE_LENGTH: usize = 8;
/// Hex characters in a link's token (32 bytes).
pub const TOKEN_LENGTH: usize = 64;

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// A new link token: 32 random bytes from the operating system's generator, in hex.
pub fn new_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// What is stored for a link token.
pub fn token_hash(token: &str) -> String {
    sha256_hex(&format!("link:{token}"))
}

/// A token as it may appear in a link: 64 lower-case hex characters (or `None`).
pub fn normalize_token(input: &str) -> Option<String> {
    let token = input.trim().to_ascii_lowercase();
    (token.len() == TOKEN_LENGTH && token.chars().all(|c| c.is_ascii_hexdigit())).then_some(token)
}

/// A new reset code, uniformly drawn from [`CODE_ALPHABET`].
pub fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..CODE_LENGTH).map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())])).collect()
}

/// What is stored for `contestant_id`'s code.
pub fn code_hash(contestant_id: i32, code: &str) -> String {
    sha256_hex(&format!("code:{contestant_id}:{code}"))
}

/// A code as typed: case, spaces and dashes do not matter ("abcd-efgh" is
/// "ABCDEFGH"). `None` for anything that cannot be a code.
pub fn normalize_code(input: &str) -> Option<String> {
    let code: String =
        input.chars().filter(|c| !matches!(c, ' ' | '-' | '.')).map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// "ABCD-EFGH": how a code is shown, in two halves that are easy to read out.
pub fn show_code(code: &str) -> String {
    let (first, second) = code.split_at(code.len().min(CODE_LENGTH / 2));
    format!("{first}-{second}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_kept_only_as_a_hash() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(normalize_token(&a).as_deref(), Some(a.as_str()));
        assert_eq!(normalize_token(&a.to_uppercase()).as_deref(), Some(a.as_str()));
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_ne!(token_hash(&a), token_hash(&b));
        for bad in ["", "abc", &"g".repeat(64), &"a".repeat(65)] {
            assert_eq!(normalize_token(bad), None, "{bad}");
        }
    }

    #[test]
    fn codes_read_back_however_they_are_typed() {
        let code = new_code();
        assert_eq!(code.len(), CODE_LENGTH);
        let shown = show_code(&code);
        assert_eq!(shown.len(), CODE_LENGTH + 1);
        assert_eq!(normalize_code(&shown).as_deref(), Some(code.as_str()));
        assert_eq!(normalize_code(&format!(" {} ", shown.to_lowercase())).as_deref(), Some(code.as_str()));
        // O, I, 0 and 1 are never in a code, so a typo with them is refused, not guessed.
        for bad in ["", "ABCD", "ABCDEFGO", "ABCD-EFG1", "ABCDEFGHJ", "ÁBCDEFGH"] {
            assert_eq!(normalize_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_code_hash_belongs_to_one_contestant() {
        assert_ne!(code_hash(1, "ABCDEFGH"), code_hash(2, "ABCDEFGH"));
        assert_eq!(code_hash(1, "ABCDEFGH"), code_hash(1, "ABCDEFGH"));
        assert_ne!(code_hash(1, "ABCDEFGH"), token_hash("ABCDEFGH"));
    }

    #[test]
    fn codes_use_the_whole_alphabet() {
        let seen: std::collections::HashSet<char> =
            (0..400).flat_map(|_| new_code().chars().collect::<Vec<_>>()).collect();
        assert_eq!(seen.len(), CODE_ALPHABET.len());
    }
}
