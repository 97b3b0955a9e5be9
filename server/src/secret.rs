//! The session secret. There is no built-in default: it comes from
//! `SESSION_SECRET`, or is generated once and kept in `DATA_DIR/session.secret`
//! so that restarts (and every server sharing the folder) keep sessions valid.
use rand::RngCore;
use std::{fmt, path::Path};

/// Bytes that sign session cookies. Deliberately not `Debug`-printable or `Serialize`.
#[derive(Clone)]
pub struct SessionSecret(Vec<u8>);

impl fmt::Debug for SessionSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionSecret(…)")
    }
}

impl SessionSecret {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The key that signs session cookies, derived from the secret (HKDF).
    pub fn cookie_key(&self) -> tower_sessions::cookie::Key {
        tower_sessions::cookie::Key::derive_from(&self.0)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("SESSION_SECRET phải dài ít nhất 32 ký tự / must be at least 32 characters")]
    TooShort,
    #[error("không đọc/ghi được {path} / cannot read or write the session secret: {source}")]
    Io { path: String, source: std::io::Error },
}

/// The configured secret, or the one kept in `data_dir`, created on first run.
pub fn load_or_create(configured: Option<&str>, data_dir: &Path) -> Result<SessionSecret, SecretError> {
    if let Some(secret) = configured {
        return if secret.chars().count() >= 32 {
            Ok(SessionSecret(secret.as_bytes().to_vec()))
        } else {
            Err(SecretError::TooShort)
        };
    }
    let path = data_dir.join("session.secret");
    let io = |source| SecretError::Io { path: path.display().to_string(), source };
    if path.exists() {
        // A file made before it was kept private (or copied in) is made so now.
        owner_only(&path).map_err(io)?;
        let text = std::fs::read_to_string(&path).map_err(io)?;
        let bytes = hex::decode(text.trim()).map_err(|e| io(std::io::Error::other(e)))?;
        if bytes.len() < 32 {
            return Err(SecretError::TooShort);
        }
        return Ok(SessionSecret(bytes));
    }
    std::fs::create_dir_all(data_dir).map_err(io)?;
    let mut bytes = vec![0_u8; 64];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    write_private(&path, &hex::encode(&bytes)).map_err(io)?;
    tracing::info!(path = %path.display(), "generated a new session secret");
    Ok(SessionSecret(bytes))
}

/// Writes a new file readable by its owner only (mode 0600 from the start, so
/// it is never readable by others, not even for a moment).
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())
}

/// Writes `contents` to a file readable by its owner only, replacing any
/// file there (which is removed first, so an old mode does not carry over).
pub fn replace_private(path: &Path, contents: &str) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    write_private(path, contents)
}

/// Makes an existing file readable by its owner only.
pub fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_short_configured_secret() {
        let dir = std::env::temp_dir();
        assert!(matches!(load_or_create(Some("short"), &dir), Err(SecretError::TooShort)));
        let long = "x".repeat(32);
        assert_eq!(load_or_create(Some(&long), &dir).unwrap().as_bytes(), long.as_bytes());
    }

    #[test]
    fn generates_once_then_keeps_the_same_secret() {
        let dir = std::env::temp_dir().join(format!("secret-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = load_or_create(None, &dir).unwrap();
        let second = load_or_create(None, &dir).unwrap();
        assert_eq!(first.as_bytes().len(), 64);
        assert_eq!(first.as_bytes(), second.as_bytes());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
