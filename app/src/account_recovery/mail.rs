//! Outgoing mail (password-reset links) with `lettre`: over SMTP when
//! `SMTP_URL` and `MAIL_FROM` are set, otherwise each message is written as an
//! `.eml` file into a folder (`MAIL_DIR`, by default `DATA_DIR/mail`), which is
//! what the demo and the tests read.
//!
//! Mail is sent after the answer, on its own task: a slow or failing SMTP
//! server neither holds the request nor changes what the visitor is told, so
//! the answer never reveals whether an account exists.
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Longest an SMTP conversation may take before the message is given up (logged).
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

/// Where mail goes, who it is from, and the site address links start with.
#[derive(Clone)]
pub struct Mailer {
    transport: Arc<Transport>,
    from: Mailbox,
    /// e.g. `https://thi.langson.gov.vn`, without a trailing slash.
    link_base: String,
}

impl std::fmt::Debug for Mailer {
    // The SMTP URL holds a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &*self.transport {
            Transport::Smtp(_) => "smtp".to_owned(),
            Transport::Folder(dir) => format!("folder {}", dir.display()),
        };
        f.debug_struct("Mailer").field("transport", &kind).field("link_base", &self.link_base).finish()
    }
}

fn default_from() -> Mailbox {
    let address = lettre::Address::new("no-reply", "localhost");
    // Always valid; the fallback only keeps the request path free of unwrap.
    Mailbox::new(Some("Cuộc thi trực tuyến".to_owned()), address.unwrap_or_else(|_| default_from_fallback()))
}

#[allow(clippy::unwrap_used)]
fn default_from_fallback() -> lettre::Address {
    lettre::Address::new("mail", "localhost").unwrap()
}

fn trim_base(base: &str) -> String {
    base.trim().trim_end_matches('/').to_owned()
}

impl Mailer {
    /// Messages become `.eml` files in `dir` (created when the first is written).
    pub fn to_folder(dir: impl Into<PathBuf>, link_base: &str) -> Self {
        Mailer {
            transport: Arc::new(Transport::Folder(dir.into())),
            from: default_from(),
            link_base: trim_base(link_base),
        }
    }

    /// Messages go over SMTP: `url` as lettre reads it (`smtps://user:pass@host:465`,
    /// `smtp://host:587?tls=required`), `from` a mailbox (`Cuộc thi <thi@example.vn>`).
    pub fn smtp(url: &str, from: &str, link_base: &str) -> Result<Self, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("MAIL_FROM không hợp lệ / invalid: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP_URL không hợp lệ / invalid: {e}"))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Mailer { transport: Arc::new(Transport::Smtp(transport)), from, link_base: trim_base(link_base) })
    }

    /// The full address of a site path, e.g. `/dat-lai-mat-khau?ma=…`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.link_base)
    }

    /// A plain-text message from the site to `to`.
    pub fn message(&self, to: &str, subject: &str, body: String) -> Result<Message, String> {
        let to: Mailbox = to.parse().map_err(|e| format!("invalid recipient: {e}"))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(eight_bit(&body)?)
            .map_err(|e| format!("cannot build the message: {e}"))
    }

    /// Sends now, waiting at most [`SMTP_TIMEOUT`] per SMTP step.
    pub async fn send(&self, message: Message) -> Result<(), String> {
        match &*self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Folder(dir) => write_eml(dir.clone(), message.formatted()).await,
        }
    }

    /// Sends on its own task; a failure is logged, never shown to the visitor.
    pub fn send_later(&self, message: Message) {
        let mailer = self.clone();
        tokio::spawn(async move {
            if let Err(e) = mailer.send(message).await {
                tracing::warn!(error = %e, "sending a message failed");
            }
        });
    }
}

/// `text` as an 8bit UTF-8 body with CRLF line ends. Not quoted-printable
/// (which lettre picks for lines over 76 bytes): the reset link stays one
/// unbroken, readable line, for people and for the tests that read the .eml.
/// 8bit allows lines up to RFC 5322's 998 bytes; ours are far shorter.
fn eight_bit(text: &str) -> Result<Body, String> {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    if crlf.contains('\0') || crlf.split("\r\n").any(|line| line.len() > 998) {
        return Err("the message has an overlong line".to_owned());
    }
    Ok(Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::EightBit))
}

/// Writes `bytes` as `<time>-<random>.eml` in `dir`: first under a temporary
/// name, then renamed, so that whoever reads the folder never sees half a file.
async fn write_eml(dir: PathBuf, bytes: Vec<u8>) -> Result<(), String> {
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let stem = format!(
            "{}-{}",
            chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"),
            hex::encode(rand::random::<[u8; 6]>())
        );
        let part = dir.join(format!(".{stem}.part"));
        std::fs::write(&part, &bytes).map_err(|e| format!("{}: {e}", part.display()))?;
        let done = dir.join(format!("{stem}.eml"));
        std::fs::rename(&part, &done).map_err(|e| format!("{}: {e}", done.display()))
    })
    .await
    .map_err(|e| e.to_string())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_folder_mailer_writes_one_whole_eml_per_message() {
        let dir = std::env::temp_dir().join(format!("contest-mail-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mailer = Mailer::to_folder(&dir, "https://thi.example.vn/");
        assert_eq!(mailer.link("/dat-lai-mat-khau?ma=ab"), "https://thi.example.vn/dat-lai-mat-khau?ma=ab");
        let link = mailer.link(&format!("/dat-lai-mat-khau?ma={}", "ab".repeat(32)));
        let body = format!("Xin chào chị Hà,\n\n{link}\n");
        let message = mailer.message("ha@example.vn", "Đặt lại mật khẩu", body).unwrap();
        mailer.send(message).await.unwrap();
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(files[0].extension().is_some_and(|e| e == "eml"));
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(text.contains("To: ha@example.vn"), "{text}");
        // Readable as it is: 8bit UTF-8, the link on one unbroken line.
        assert!(text.contains("Xin chào chị Hà,\r\n") && text.contains(&format!("{link}\r\n")), "{text}");
        assert!(text.contains("Content-Transfer-Encoding: 8bit"), "{text}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn smtp_settings_are_checked_and_never_printed() {
        let mailer =
            Mailer::smtp("smtps://user:bí-mật@smtp.example.vn:465", "Cuộc thi <thi@example.vn>", "x");
        let mailer = mailer.unwrap();
        assert!(!format!("{mailer:?}").contains("bí-mật"));
        assert!(Mailer::smtp("smtps://h:465", "not an address", "x").is_err());
        assert!(Mailer::smtp("ftp://h", "thi@example.vn", "x").is_err());
    }
}
