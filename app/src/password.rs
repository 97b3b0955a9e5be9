//! Password hashing with argon2id. Used at sign-up and sign-in only: it costs
//! tens of milliseconds of CPU by design, so no per-request check may call it.
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// An argon2id PHC string (`$argon2id$v=19$...`) for `password`.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Whether `password` matches the stored PHC string. A malformed hash is a mismatch.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A fixed, valid argon2 hash of a random string: verifying against it takes
/// as long as a real check, so timing does not reveal unknown accounts.
pub const DECOY: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy";

/// At most one argon2 computation per core at a time. Each takes ~19 MiB and
/// tens of ms of CPU; a burst of sign-ups queues here instead of starting
/// hundreds of blocking threads that each keep their memory.
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2))
    })
}

/// [`hash`] off the async workers.
pub async fn hash_async(password: String) -> Result<String, crate::error::AppError> {
    use crate::error::AppError;
    let _slot = hashing_slots().acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || hash(&password)).await.map_err(|_| AppError::Internal)?.map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// [`verify`] off the async workers.
pub async fn verify_async(password: String, stored: String) -> Result<bool, crate::error::AppError> {
    let _slot = hashing_slots().acquire().await.map_err(|_| crate::error::AppError::Internal)?;
    tokio::task::spawn_blocking(move || verify(&password, &stored))
        .await
        .map_err(|_| crate::error::AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("mật khẩu đúng").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("mật khẩu đúng", &stored));
        assert!(!verify("mat khau dung", &stored));
        assert!(!verify("mật khẩu đúng", "not a hash"));
    }
}
