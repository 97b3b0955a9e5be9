//! Typed configuration from flags and environment variables. Every key is
//! documented in the README and `.env.example`.
use clap::{ArgAction, Args, Parser, Subcommand};
use std::{net::SocketAddr, path::PathBuf};

#[derive(Parser, Debug, Clone)]
#[command(name = "server", version, about = "Máy chủ cuộc thi trực tuyến / online contest server")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Migrate, load the demo data if the database is empty, and serve (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Load the demo data (Lạng Sơn 2022 and its live copy) into an empty database and exit.
    SeedDemo,
    /// Create the first admin account (or reset an existing account's password
    /// and make it an admin). Asks for the password on the terminal.
    CreateAdmin(CreateAdminArgs),
}

#[derive(Args, Debug, Clone)]
pub struct CreateAdminArgs {
    /// The admin's e-mail, used to sign in.
    #[arg(long)]
    pub email: String,
    /// Full name shown in the dashboard and the audit log.
    #[arg(long, default_value = "Quản trị hệ thống")]
    pub name: String,
    /// Read the password from standard input (one line) instead of the terminal, for scripts.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Args, Debug, Clone)]
pub struct Config {
    /// Database URL: a SQLite file (`sqlite://data/contest.db?mode=rwc`, created
    /// if missing) or PostgreSQL (`postgres://user@host:5432/db`).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/contest.db?mode=rwc")]
    pub database_url: String,

    /// Address and port to listen on (the leptos convention).
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: SocketAddr,

    /// Folder of the built site (wasm, js, css, static files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Sub-folder of the site root holding the wasm, js and css.
    #[arg(long, env = "LEPTOS_SITE_PKG_DIR", default_value = "pkg")]
    pub site_pkg_dir: String,

    /// Base name of the generated wasm/js/css files.
    #[arg(long, env = "LEPTOS_OUTPUT_NAME", default_value = "contest")]
    pub output_name: String,

    /// Log filter in tracing's syntax, e.g. `info` or `server=debug,sea_orm=warn`.
    #[arg(long, env = "RUST_LOG", default_value = "info")]
    pub log: String,

    /// Folder for files the server generates and keeps: the session secret (if
    /// not given) and the demo organizer's sign-in.
    #[arg(long, env = "DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Secret that signs session cookies, at least 32 characters. When unset, one
    /// is generated on first run and kept in `DATA_DIR/session.secret`.
    #[arg(long, env = "SESSION_SECRET", hide_env_values = true)]
    pub session_secret: Option<String>,

    /// Seconds after an attempt's deadline during which answers already in
    /// flight on a slow network are still accepted.
    #[arg(long, env = "ANSWER_GRACE_SECONDS", default_value_t = 5)]
    pub answer_grace_seconds: i64,

    /// Send the session cookie over HTTPS only; turn on behind TLS.
    #[arg(long, env = "SECURE_COOKIES", default_value_t = false, action = ArgAction::Set)]
    pub secure_cookies: bool,

    /// Reverse proxies and load balancers in front of the servers, as IP
    /// addresses or CIDR networks separated by commas (`10.0.0.0/8,192.0.2.7`).
    /// When a request comes from one of them, the client's address (per-address
    /// throttling, duplicate-account report) is the right-most X-Forwarded-For
    /// hop that is not one of them; entries a client wrote further left are ignored.
    #[arg(long, env = "TRUSTED_PROXIES", value_delimiter = ',', value_parser = app::client_address::parse_proxy)]
    pub trusted_proxies: Vec<app::client_address::IpNet>,

    /// Deprecated, use TRUSTED_PROXIES. `true` treats the socket peer, whatever
    /// its address, as a trusted proxy (one proxy in front): the client is the
    /// right-most X-Forwarded-For hop outside TRUSTED_PROXIES. Turn on only
    /// behind a proxy that appends that header, or clients can claim any address.
    #[arg(long, env = "TRUST_FORWARDED_FOR", default_value_t = false, action = ArgAction::Set)]
    pub trust_forwarded_for: bool,

    /// Hours without use after which a contestant's session ends (rolling:
    /// every use moves it on, to within 5 minutes).
    #[arg(long, env = "SESSION_IDLE_HOURS", default_value_t = 7 * 24)]
    pub session_idle_hours: i64,

    /// Hours without use after which a staff (dashboard) session ends.
    #[arg(long, env = "STAFF_SESSION_IDLE_HOURS", default_value_t = 12)]
    pub staff_session_idle_hours: i64,

    /// Days after sign-in after which every session ends, however much it is used.
    #[arg(long, env = "SESSION_MAX_DAYS", default_value_t = 30)]
    pub session_max_days: i64,

    /// Load the demo data when the database is empty.
    #[arg(long, env = "DEMO_DATA", default_value_t = true, action = ArgAction::Set)]
    pub demo_data: bool,

    /// The site's public origin(s), comma-separated, e.g. `https://thi.langson.gov.vn`.
    /// State-changing requests whose `Origin` is neither one of these nor the
    /// request's own `Host` are refused (403). Set it behind a proxy that rewrites `Host`.
    #[arg(long, env = "PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

    /// SMTP server for password-reset mail, as lettre reads it:
    /// `smtps://user:password@smtp.example.vn:465` (TLS) or
    /// `smtp://user:password@smtp.example.vn:587?tls=required` (STARTTLS).
    /// Used together with MAIL_FROM; without both, mail is written to MAIL_DIR.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of password-reset mail, e.g. `Ban Tổ chức cuộc thi <thi@langson.gov.vn>`.
    #[arg(long, env = "MAIL_FROM")]
    pub mail_from: Option<String>,

    /// Folder where each message is written as an `.eml` file when SMTP is not
    /// configured (the demo, tests). Default: `DATA_DIR/mail`.
    #[arg(long, env = "MAIL_DIR")]
    pub mail_dir: Option<PathBuf>,

    /// Milliseconds a request waits for a database connection before it is
    /// answered 503 with Retry-After (the database is away or saturated).
    #[arg(long, env = "DB_ACQUIRE_TIMEOUT_MS", default_value_t = 1500)]
    pub db_acquire_timeout_ms: u64,

    /// Seconds that in-flight requests get to finish after SIGTERM or Ctrl-C
    /// before the server stops anyway.
    #[arg(long, env = "SHUTDOWN_GRACE_SECONDS", default_value_t = 20)]
    pub shutdown_grace_seconds: u64,
}

impl Config {
    /// The session limits from SESSION_IDLE_HOURS, STAFF_SESSION_IDLE_HOURS and SESSION_MAX_DAYS.
    pub fn session_lifetime(&self) -> app::session::SessionLifetime {
        let hours = |h: i64| chrono::Duration::hours(h.clamp(1, 24 * 366));
        app::session::SessionLifetime {
            idle: hours(self.session_idle_hours),
            staff_idle: hours(self.staff_session_idle_hours),
            absolute: chrono::Duration::days(self.session_max_days.clamp(1, 366)),
        }
    }

    /// Where links in mail point: the first PUBLIC_ORIGIN, else the listening
    /// address. Never the request's `Host`, which a client could forge to
    /// make a reset link point at another site.
    pub fn link_base(&self) -> String {
        let first = self
            .public_origin
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .find(|o| !o.is_empty());
        match first {
            Some(origin) => origin.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.site_addr),
        }
    }

    /// The folder mail is written to without SMTP: MAIL_DIR, else DATA_DIR/mail.
    pub fn mail_dir(&self) -> PathBuf {
        self.mail_dir.clone().unwrap_or_else(|| self.data_dir.join("mail"))
    }

    /// The mailer: SMTP when SMTP_URL and MAIL_FROM are both set, else the folder.
    pub fn mailer(&self) -> Result<app::account_recovery::mail::Mailer, String> {
        use app::account_recovery::mail::Mailer;
        let (url, from) = (self.smtp_url.as_deref().map(str::trim), self.mail_from.as_deref().map(str::trim));
        match (url.filter(|u| !u.is_empty()), from.filter(|f| !f.is_empty())) {
            (Some(url), Some(from)) => Mailer::smtp(url, from, &self.link_base()),
            (url, from) => {
                if url.is_some() || from.is_some() {
                    tracing::warn!(
                        "SMTP_URL and MAIL_FROM go together; with only one, mail is written to MAIL_DIR"
                    );
                }
                Ok(Mailer::to_folder(self.mail_dir(), &self.link_base()))
            }
        }
    }

    /// Whose X-Forwarded-For entries to believe, from TRUSTED_PROXIES and TRUST_FORWARDED_FOR.
    pub fn trusted_proxies(&self) -> app::client_address::TrustedProxies {
        app::client_address::TrustedProxies::new(self.trusted_proxies.clone(), self.trust_forwarded_for)
    }
}
