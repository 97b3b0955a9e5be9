//! Password hashing with argon2id. Used at sign-up and sign-in only: it costs
//! tens of milliseconds of CPU by design, so no per-request check may call it.
//!
//! Every hash runs through a [`HashQueue`]: a few run at once (one per core),
//! a few more may wait, and anyone beyond that is told at once to come back
//! (503 with `Retry-After`). A flood of sign-ins therefore neither grows a
//! queue without end nor holds hundreds of ~19 MiB argon2 buffers at a time.
use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::Arc;
use tokio::sync::Semaphore;

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

/// Callers allowed to wait for a hashing slot on top of those running. With
/// ~50 ms per hash on 2 cores, the last of them waits well under a second.
pub const WAITING: usize = 16;

/// The bounded queue in front of argon2 (see the module comment).
#[derive(Clone, Debug)]
pub struct HashQueue {
    /// One permit per caller admitted: running plus waiting.
    admitted: Arc<Semaphore>,
    /// One permit per hash computing right now.
    running: Arc<Semaphore>,
}

impl HashQueue {
    /// `running` hashes at once and at most `waiting` callers queued behind
    /// them. Tests use tiny numbers (even 0) to fill it.
    pub fn new(running: usize, waiting: usize) -> Self {
        Self {
            admitted: Arc::new(Semaphore::new(running.saturating_add(waiting))),
            running: Arc::new(Semaphore::new(running)),
        }
    }

    /// One hash per core, [`WAITING`] more queued.
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2), WAITING)
    }

    /// The process-wide queue every [`crate::state::AppState`] starts with.
    pub fn shared() -> &'static HashQueue {
        static QUEUE: std::sync::OnceLock<HashQueue> = std::sync::OnceLock::new();
        QUEUE.get_or_init(HashQueue::for_this_machine)
    }

    /// A place in the queue, or 503 straight away when it is full.
    fn admit(&self) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        self.admitted.clone().try_acquire_owned().map_err(|_| {
            tracing::warn!("password hashing queue full; answering 503");
            AppError::Unavailable
        })
    }

    /// Runs `job` on a blocking thread once a slot is free. The permits move
    /// into the job, so a caller that gives up (client gone) still holds its
    /// slot until the computation ends: never more than `running` at once.
    async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let ticket = self.admit()?;
        let slot = self.running.clone().acquire_owned().await.map_err(|_| AppError::Internal)?;
        tokio::task::spawn_blocking(move || {
            let outcome = job();
            drop((slot, ticket));
            outcome
        })
        .await
        .map_err(|_| AppError::Internal)
    }

    /// [`hash`] off the async workers.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move || hash(&password)).await?.map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
    }

    /// [`verify`] off the async workers.
    pub async fn verify(&self, password: String, stored: String) -> Result<bool, AppError> {
        self.run(move || verify(&password, &stored)).await
    }
}

/// The queue of the request being served (tests inject their own through
/// `AppState`), or the process-wide one outside a request (command line).
fn current_queue() -> HashQueue {
    leptos::prelude::use_context::<crate::state::AppState>()
        .map(|state| state.hashing)
        .unwrap_or_else(|| HashQueue::shared().clone())
}

/// [`hash`] through the current [`HashQueue`].
pub async fn hash_async(password: String) -> Result<String, AppError> {
    current_queue().hash(password).await
}

/// [`verify`] through the current [`HashQueue`].
pub async fn verify_async(password: String, stored: String) -> Result<bool, AppError> {
    current_queue().verify(password, stored).await
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

    #[tokio::test]
    async fn a_full_queue_answers_unavailable_at_once_and_frees_up_afterwards() {
        let queue = HashQueue::new(1, 1);
        // Two callers hold every place (one running, one waiting)...
        let first = queue.admit().unwrap();
        let second = queue.admit().unwrap();
        // ...so a third is refused without waiting for either of them.
        assert_eq!(queue.verify("mật khẩu".into(), DECOY.into()).await, Err(AppError::Unavailable));
        assert_eq!(queue.hash("mật khẩu".into()).await, Err(AppError::Unavailable));
        assert_eq!(AppError::Unavailable.retry_after(), Some(crate::error::RETRY_AFTER_SECONDS));
        drop((first, second));
        // Places are given back: the queue works again.
        assert_eq!(queue.verify("mật khẩu".into(), DECOY.into()).await, Ok(false));
        assert_eq!(queue.admitted.available_permits(), 2);
        assert_eq!(queue.running.available_permits(), 1);
    }

    #[tokio::test]
    async fn a_queue_without_places_never_hashes() {
        let queue = HashQueue::new(0, 0);
        assert_eq!(queue.verify("mật khẩu".into(), DECOY.into()).await, Err(AppError::Unavailable));
    }
}
