//! The contest server: configuration, start-up, routing and demo data. `main`
//! only parses the command line and calls [`run`].
// The page types (the shell around the islands) are deep: computing their
// layout in release builds needs more than the default 128.
#![recursion_limit = "512"]
pub mod admin;
pub mod assets;
pub mod config;
pub mod db;
pub mod demo;
pub mod guard;
pub mod routes;
pub mod secret;
pub mod site_files;

use app::state::AppState;
use config::{Cli, Command, Config};
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("không kết nối hoặc không cập nhật được cơ sở dữ liệu / database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Secret(#[from] secret::SecretError),
    #[error("không nạp được dữ liệu mẫu / demo data failed: {0}")]
    Demo(#[from] demo::DemoError),
    #[error("{0}")]
    Admin(#[from] admin::AdminError),
    #[error("{0}")]
    Mail(String),
    #[error("không mở được cổng {addr} / cannot listen: {source}")]
    Listen { addr: String, source: std::io::Error },
}

/// Runs the subcommand the user asked for (serving by default).
pub async fn run(cli: Cli) -> Result<(), StartupError> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            let db = db::connect(&config.database_url).await?;
            db::migrate(&db).await?;
            println!("Đã cập nhật cơ sở dữ liệu / migrations applied.");
            Ok(())
        }
        Command::SeedDemo => {
            let db = db::connect(&config.database_url).await?;
            db::migrate(&db).await?;
            match demo::seed_if_empty(&db, &config.data_dir, chrono::Utc::now()).await? {
                Some(summary) => println!("{summary}"),
                None => println!("Cơ sở dữ liệu đã có dữ liệu, không nạp dữ liệu mẫu / database not empty, nothing loaded."),
            }
            print_demo_sign_in(&config);
            Ok(())
        }
        Command::Serve => serve(config).await,
        Command::CreateAdmin(args) => {
            let db = db::connect(&config.database_url).await?;
            db::migrate(&db).await?;
            let message = admin::create_admin(&db, args).await?;
            println!("{message}");
            Ok(())
        }
    }
}

/// Connects, migrates, loads the demo data if asked and the database is empty.
pub async fn prepare(config: &Config) -> Result<DatabaseConnection, StartupError> {
    let acquire_timeout = std::time::Duration::from_millis(config.db_acquire_timeout_ms.max(1));
    let db = db::connect_with(&config.database_url, acquire_timeout).await?;
    db::migrate(&db).await?;
    // Rows made before the search key existed get one (a no-op afterwards).
    if let Err(e) = app::contestant::service::fill_search_keys(&db).await {
        tracing::warn!(error = %e, "filling contestant search keys failed");
    }
    if config.demo_data {
        if let Some(summary) = demo::seed_if_empty(&db, &config.data_dir, chrono::Utc::now()).await? {
            tracing::info!("{summary}");
        }
    }
    Ok(db)
}

/// The leptos site settings, from our own typed config rather than Cargo.toml,
/// so the binary runs from any folder without cargo-leptos.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(config.output_name.as_str())
        .site_root(config.site_root.as_str())
        .site_pkg_dir(config.site_pkg_dir.as_str())
        .site_addr(config.site_addr)
        .env(leptos::config::Env::PROD)
        .build()
}

async fn serve(config: Config) -> Result<(), StartupError> {
    // Refuse to start without a usable secret rather than run with a guessable one.
    let session_secret = secret::load_or_create(config.session_secret.as_deref(), &config.data_dir)?;
    let db = prepare(&config).await?;
    if config.trust_forwarded_for {
        tracing::warn!("TRUST_FORWARDED_FOR is deprecated: list the proxies in TRUSTED_PROXIES instead");
    }
    let state = AppState {
        db,
        grace_seconds: config.answer_grace_seconds.max(0),
        trusted_proxies: config.trusted_proxies(),
        hashing: app::password::HashQueue::for_this_machine(),
        mail: config.mailer().map_err(StartupError::Mail)?,
        rankings: app::results::cache::RankingCache::bounded(),
    };
    spawn_housekeeping(state.clone());
    let cookies = routes::CookiePolicy {
        secret: session_secret,
        secure: config.secure_cookies,
        lifetime: config.session_lifetime(),
    };
    let origins = guard::cross_site::SiteOrigins::parse(config.public_origin.as_deref());
    let app = routes::router_for_site(state, leptos_options(&config), cookies, origins);

    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .map_err(|source| StartupError::Listen { addr: config.site_addr.to_string(), source })?;
    println!("Cuộc thi đang chạy tại / serving on http://{}", config.site_addr);
    print_demo_sign_in(&config);
    // The peer address feeds per-address sign-in throttling.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    // On SIGTERM or Ctrl-C: stop accepting, let the requests in flight (answer
    // saves, submits) finish, then exit; after the grace period, exit anyway.
    let (stopping, mut stopped) = tokio::sync::watch::channel(false);
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown_signal().await;
        let _ = stopping.send(true);
    });
    let grace = std::time::Duration::from_secs(config.shutdown_grace_seconds);
    tokio::select! {
        served = std::future::IntoFuture::into_future(server) => {
            tracing::info!("stopped: every request in flight was answered");
            served.map_err(|source| StartupError::Listen { addr: config.site_addr.to_string(), source })
        }
        () = async move {
            if stopped.wait_for(|s| *s).await.is_err() {
                std::future::pending::<()>().await;
            }
            tokio::time::sleep(grace).await;
        } => {
            tracing::warn!(seconds = grace.as_secs(), "stopped with requests still running after the grace period");
            Ok(())
        }
    }
}

/// Every 10 s: grade attempts whose time ran out without a submit (even if the
/// browser never came back); every minute, refresh the statistics of running
/// rounds; every hour, drop expired sessions and ended throttling counters.
fn spawn_housekeeping(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(10));
        let sessions = app::session::DbSessionStore::new(state.db.clone());
        // True figures first: until a closed round's figure is recorded, its
        // leaderboard and prediction figure stay withheld, so a restart must
        // not hide a settled contest's results for the first minute.
        match app::results::service::record_truths(&state.db, chrono::Utc::now(), state.grace_seconds).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(rounds = n, "recorded the true figures of closed rounds"),
            Err(e) => tracing::warn!(error = %e, "recording true figures failed"),
        }
        // Closed contests get their final figures once; open rounds every minute below.
        if let Err(e) = app::results::stats::refresh_all(&state.db, chrono::Utc::now()).await {
            tracing::warn!(error = %e, "computing statistics failed");
        }
        if let Err(e) =
            app::results::service::warm_leaderboards(&state.db, &state.rankings, chrono::Utc::now()).await
        {
            tracing::warn!(error = %e, "ranking the shown rounds failed");
        }
        for round in 0_u64.. {
            tick.tick().await;
            let now = chrono::Utc::now();
            match app::attempt::service::close_overdue(&state.db, now, state.grace_seconds).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(closed = n, "graded overdue attempts"),
                Err(e) => tracing::warn!(error = %e, "closing overdue attempts failed"),
            }
            if round % 6 == 5 {
                if let Err(e) = app::results::stats::refresh_live(&state.db, now).await {
                    tracing::warn!(error = %e, "refreshing statistics failed");
                }
                if let Err(e) =
                    app::results::service::warm_leaderboards(&state.db, &state.rankings, now).await
                {
                    tracing::warn!(error = %e, "ranking the shown rounds failed");
                }
                match app::results::service::record_truths(&state.db, now, state.grace_seconds).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(rounds = n, "recorded the true figures of closed rounds"),
                    Err(e) => tracing::warn!(error = %e, "recording true figures failed"),
                }
            }
            if round % 360 == 0 {
                match app::throttle::store::forget_expired(&state.db, now.timestamp()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(deleted = n, "forgot ended throttling windows"),
                    Err(e) => tracing::warn!(error = %e, "deleting ended throttling windows failed"),
                }
                if let Err(e) = sessions.delete_expired(now).await {
                    tracing::warn!(error = %e, "deleting expired sessions failed");
                }
            }
        }
    });
}

/// Prints the demo organizer's sign-in if the demo data created one.
fn print_demo_sign_in(config: &Config) {
    let file = demo::organizer_file(&config.data_dir);
    // Files written before it was kept private are made so.
    if file.exists() {
        if let Err(e) = secret::owner_only(&file) {
            tracing::warn!(error = %e, path = %file.display(), "cannot make the demo sign-in file private");
        }
    }
    if let Ok(text) = std::fs::read_to_string(&file) {
        println!("{}", text.trim_end());
    }
}

/// Resolves on Ctrl-C or SIGTERM (what systemd, Docker and Kubernetes send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
