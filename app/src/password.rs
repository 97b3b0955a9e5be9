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

/// The argon2 working memory of one hashing thread (~19 MiB), kept from one
/// sign-in to the next so that a flood never allocates more of it.
type Memory = Vec<argon2::Block>;
type Job = Box<dyn FnOnce(&mut Memory) + Send>;

/// [`verify`] in the thread's own working memory; the same checks and the same
/// constant-time comparison as `PasswordVerifier::verify_password`.
fn verify_in(memory: &mut Memory, password: &str, stored: &str) -> bool {
    use argon2::password_hash::Output;
    use argon2::{Algorithm, Params, Version};
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else { return false };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(parsed.algorithm), Params::try_from(&parsed))
    else {
        return false;
    };
    let Ok(version) = parsed.version.map_or(Ok(Version::default()), Version::try_from) else { return false };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else { return false };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, argon2::Block::default());
    }
    let mut computed = vec![0u8; expected.len()];
    let argon2 = Argon2::new(algorithm, version, params);
    argon2
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut computed, &mut memory[..blocks])
        .is_ok()
        && Output::new(&computed).is_ok_and(|computed| computed == expected)
}

/// The bounded queue in front of argon2 (see the module comment). Hashes run
/// on a fixed set of long-lived threads: each reuses the memory its previous
/// hash freed, so a flood leaves no trail of per-thread buffers behind (with
/// short-lived blocking threads, RSS was seen to climb by hundreds of MB).
#[derive(Clone, Debug)]
pub struct HashQueue {
    /// One permit per caller admitted: running plus waiting.
    admitted: Arc<Semaphore>,
    /// Jobs for the hashing threads; they end when the last clone is dropped.
    jobs: std::sync::mpsc::Sender<Job>,
}

impl HashQueue {
    /// `running` hashing threads and at most `waiting` callers queued behind
    /// them. Tests use tiny numbers (even 0) to fill it.
    pub fn new(running: usize, waiting: usize) -> Self {
        let (jobs, inbox) = std::sync::mpsc::channel::<Job>();
        let inbox = Arc::new(std::sync::Mutex::new(inbox));
        let mut started: usize = 0;
        for n in 0..running {
            let inbox = Arc::clone(&inbox);
            let worker = std::thread::Builder::new().name(format!("argon2-{n}")).spawn(move || {
                let mut memory = Memory::new();
                loop {
                    // The lock is held only while taking the next job, not while hashing.
                    let next = match inbox.lock() {
                        Ok(inbox) => inbox.recv(),
                        Err(_) => return,
                    };
                    match next {
                        // A panic in argon2 (a bug) costs that caller an error, not the thread.
                        Ok(job) => {
                            drop(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut memory))))
                        }
                        Err(_) => return, // every HashQueue is gone
                    }
                }
            });
            match worker {
                Ok(_) => started += 1,
                Err(e) => tracing::error!(error = %e, "cannot start a password hashing thread"),
            }
        }
        // Without a single thread nothing would ever run: refuse everyone at once instead.
        let places = if started == 0 { 0 } else { started.saturating_add(waiting) };
        Self { admitted: Arc::new(Semaphore::new(places)), jobs }
    }

    /// One hash per core, [`WAITING`] more queued.
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2), WAITING)
    }

    /// A place in the queue, or 503 straight away when it is full.
    fn admit(&self) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        self.admitted.clone().try_acquire_owned().map_err(|_| {
            tracing::warn!("password hashing queue full; answering 503");
            AppError::Unavailable
        })
    }

    /// Runs `job` on a hashing thread. The place moves into the job, so a
    /// caller that gives up (client gone) keeps it until the computation
    /// ends: the queue never holds more than its places.
    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let place = self.admit()?;
        let (reply, outcome) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |memory: &mut Memory| {
            let result = job(memory);
            drop(place);
            let _ = reply.send(result);
        });
        self.jobs.send(job).map_err(|_| AppError::internal("every password hashing thread is gone"))?;
        outcome.await.map_err(|_| AppError::internal("a password hashing job ended without an answer"))
    }

    /// [`hash`] on a hashing thread.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        // Sign-ups are rarer than sign-ins; their hash allocates its own memory.
        self.run(move |_| hash(&password))
            .await?
            .map_err(|e| crate::error::AppError::internal_because("password hashing failed", e))
    }

    /// [`verify`] on a hashing thread.
    pub async fn verify(&self, password: String, stored: String) -> Result<bool, AppError> {
        self.run(move |memory| verify_in(memory, &password, &stored)).await
    }
}

/// The queue of the request being served (each server's `AppState` holds its
/// own). Outside a request (the command line, services called directly by
/// tests) there is nothing to share a bound with, so the one hash gets a queue
/// of its own: one thread, which ends with the call.
fn current_queue() -> HashQueue {
    leptos::prelude::use_context::<crate::state::AppState>()
        .map(|state| state.hashing)
        .unwrap_or_else(|| HashQueue::new(1, 0))
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

    #[test]
    fn verifying_in_kept_memory_agrees_with_the_library() {
        let stored = hash("mật khẩu đúng").unwrap();
        let mut memory = Memory::new();
        // The same memory serves one check after another, right or wrong.
        for (password, hash) in [
            ("mật khẩu đúng", stored.as_str()),
            ("mat khau dung", stored.as_str()),
            ("mật khẩu đúng", DECOY),
            ("mật khẩu đúng", "not a hash"),
            ("mật khẩu đúng", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0"),
            ("mật khẩu đúng", stored.as_str()),
        ] {
            assert_eq!(verify_in(&mut memory, password, hash), verify(password, hash), "{password} {hash}");
        }
        assert!(verify_in(&mut memory, "mật khẩu đúng", &stored));
        assert_eq!(memory.len(), 19456, "one block per KiB of m_cost, allocated once");
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
    }

    #[tokio::test]
    async fn a_queue_without_places_never_hashes() {
        let queue = HashQueue::new(0, 0);
        assert_eq!(queue.verify("mật khẩu".into(), DECOY.into()).await, Err(AppError::Unavailable));
    }
}
