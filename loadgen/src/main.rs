//! A load generator that behaves like contestants: each registers, starts an
//! attempt, saves an answer every `--think-ms` (changing answers as people
//! do) for `--seconds`, then submits. It reports answer saves per second,
//! latency percentiles per endpoint, errors, the server's peak memory, and
//! finally checks in the database that every acknowledged answer is there.
//!
//! cargo run --release -p loadgen -- --base-url http://127.0.0.1:3000 \
//!     --database-url sqlite://data/contest.db --contestants 200 --seconds 20
use clap::Parser;
use hdrhistogram::Histogram;
use rand::Rng;
use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

#[derive(Parser, Debug, Clone)]
struct Args {
    /// The server to drive.
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    base_url: String,
    /// The server's database, to check that acknowledged answers were kept.
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// Simultaneous contestants.
    #[arg(long, default_value_t = 200)]
    contestants: usize,
    /// How long to save answers, after everyone has registered and started.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// Pause between one contestant's answers, in ms (0 = as fast as possible).
    #[arg(long, default_value_t = 0)]
    think_ms: u64,
    /// The server's process id, to report its peak memory (VmHWM).
    #[arg(long)]
    server_pid: Option<u32>,
    /// A naive one-upsert-per-save server (`baseline --mode naive`), driven the same
    /// way after the real one so that the report gives the ratio of the same run.
    #[arg(long)]
    naive_url: Option<String>,
    /// The no-database ceiling (`baseline --mode ceiling`), likewise.
    #[arg(long)]
    ceiling_url: Option<String>,
}

#[derive(Default)]
struct Stats {
    latency: HashMap<&'static str, Histogram<u64>>,
    errors: HashMap<String, u64>,
}

impl Stats {
    fn record(&mut self, endpoint: &'static str, micros: u64) {
        let h = self
            .latency
            .entry(endpoint)
            .or_insert_with(|| Histogram::new(3).unwrap_or_else(|_| unreachable!()));
        let _ = h.record(micros.max(1));
    }
}

struct Contestant {
    client: reqwest::Client,
    attempt_id: i64,
    questions: Vec<(i64, Vec<i64>)>,
    /// The last acknowledged option per question.
    acked: HashMap<i64, i64>,
}

async fn call(
    client: &reqwest::Client,
    stats: &Mutex<Stats>,
    base: &str,
    endpoint: &'static str,
    body: Value,
) -> Result<Value, String> {
    let started = Instant::now();
    let sent = client.post(format!("{base}{endpoint}")).json(&body).send().await;
    let micros = started.elapsed().as_micros() as u64;
    stats.lock().await.record(endpoint, micros);
    let response = sent.map_err(|e| format!("{endpoint}: {e}"))?;
    let status = response.status();
    let value: Value = response.json().await.unwrap_or(Value::Null);
    if status.is_success() {
        Ok(value)
    } else {
        Err(format!("{endpoint}: {status} {}", value["error"]))
    }
}

async fn open_round(base: &str) -> Result<i64, String> {
    let contests: Value = reqwest::get(format!("{base}/api/contests"))
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    // The live demo contest has its week 2 open now.
    contests
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["slug"] == "cchc-lang-son-trai-nghiem"))
        .and_then(|c| c["rounds"][1]["id"].as_i64())
        .ok_or_else(|| "no open round found".to_owned())
}

async fn unit_id(base: &str) -> Result<i64, String> {
    let units: Value = reqwest::get(format!("{base}/api/units?q=so%20noi%20vu"))
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    units[0]["id"].as_i64().ok_or_else(|| "no unit".to_owned())
}

async fn prepare(
    args: &Args,
    stats: &Mutex<Stats>,
    index: usize,
    round_id: i64,
    unit: i64,
    run: u32,
) -> Result<Contestant, String> {
    let client = reqwest::Client::builder().cookie_store(true).build().map_err(|e| e.to_string())?;
    let phone = format!("03{:02}{:06}", run % 100, index);
    let body = json!({"full_name": "Thí Sinh Thử", "birth_date": "1990-01-01", "phone": phone,
        "category": "civil_servant", "unit_id": unit, "password": "mật khẩu thử tải"});
    call(&client, stats, &args.base_url, "/api/contestants/register", body).await?;
    let attempt =
        call(&client, stats, &args.base_url, "/api/attempts/start", json!({"round_id": round_id})).await?;
    let questions = attempt["questions"]
        .as_array()
        .map(|qs| {
            qs.iter()
                .filter_map(|q| {
                    let options = q["options"].as_array()?.iter().filter_map(|o| o["id"].as_i64()).collect();
                    Some((q["id"].as_i64()?, options))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Contestant {
        client,
        attempt_id: attempt["attempt_id"].as_i64().ok_or("no attempt id")?,
        questions,
        acked: HashMap::new(),
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("loadgen: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<bool, String> {
    let stats = Arc::new(Mutex::new(Stats::default()));
    let round_id = open_round(&args.base_url).await?;
    let unit = unit_id(&args.base_url).await?;
    let run_tag: u32 = rand::thread_rng().gen_range(0..100);

    // Setup (not measured): everyone registers and starts, 16 at a time.
    println!("preparing {} contestants in round {round_id}…", args.contestants);
    let mut contestants = Vec::new();
    for chunk in (0..args.contestants).collect::<Vec<_>>().chunks(16) {
        let batch = chunk.iter().map(|&i| prepare(&args, &stats, i, round_id, unit, run_tag));
        for c in futures::future::join_all(batch).await {
            contestants.push(c?);
        }
    }
    stats.lock().await.latency.remove("/api/attempts/answer");

    println!("saving answers for {} s (think time {} ms)…", args.seconds, args.think_ms);
    let until = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let tasks = contestants.into_iter().map(|mut c| {
        let stats = stats.clone();
        let args = args.clone();
        tokio::spawn(async move {
            let mut saves = 0_u64;
            let mut i = 0_usize;
            while Instant::now() < until && !c.questions.is_empty() {
                let (question_id, options) = &c.questions[i % c.questions.len()];
                let option_id = options[rand::thread_rng().gen_range(0..options.len())];
                let body =
                    json!({"attempt_id": c.attempt_id, "question_id": question_id, "option_id": option_id});
                match call(&c.client, &stats, &args.base_url, "/api/attempts/answer", body).await {
                    Ok(v) if v["saved"] == true => {
                        c.acked.insert(*question_id, option_id);
                        saves += 1;
                    }
                    Ok(_) => *stats.lock().await.errors.entry("answer: no ack".into()).or_default() += 1,
                    Err(e) => *stats.lock().await.errors.entry(e).or_default() += 1,
                }
                i += 1;
                if args.think_ms > 0 {
                    tokio::time::sleep(Duration::from_millis(args.think_ms)).await;
                }
            }
            (c, saves)
        })
    });
    let mut finished = Vec::new();
    let mut saves = 0;
    for t in futures::future::join_all(tasks).await {
        let (c, n) = t.map_err(|e| e.to_string())?;
        saves += n;
        finished.push(c);
    }
    let elapsed = started.elapsed().as_secs_f64();

    for c in &finished {
        let body = json!({"attempt_id": c.attempt_id, "prediction": 100});
        if let Err(e) = call(&c.client, &stats, &args.base_url, "/api/attempts/submit", body).await {
            *stats.lock().await.errors.entry(e).or_default() += 1;
        }
    }

    // Every acknowledged answer must be in the database.
    let db = Database::connect(&args.database_url).await.map_err(|e| e.to_string())?;
    let mut lost = 0_usize;
    let mut checked = 0_usize;
    for c in &finished {
        let rows = app::entities::attempt_question::Entity::find()
            .filter(app::entities::attempt_question::Column::AttemptId.eq(c.attempt_id as i32))
            .all(&db)
            .await
            .map_err(|e| e.to_string())?;
        for (question_id, option_id) in &c.acked {
            checked += 1;
            let kept = rows.iter().any(|r| {
                i64::from(r.question_id) == *question_id
                    && r.chosen_option_id.map(i64::from) == Some(*option_id)
            });
            if !kept {
                lost += 1;
            }
        }
    }

    let stats = stats.lock().await;
    println!("\nanswer saves: {saves} in {elapsed:.1} s = {:.0} saves/s", saves as f64 / elapsed);
    println!("{:<28} {:>8} {:>9} {:>9} {:>9}", "endpoint", "count", "p50 ms", "p95 ms", "p99 ms");
    let mut endpoints: Vec<_> = stats.latency.iter().collect();
    endpoints.sort_by_key(|(k, _)| *k);
    for (endpoint, h) in endpoints {
        let ms = |q: f64| h.value_at_quantile(q) as f64 / 1000.0;
        println!("{endpoint:<28} {:>8} {:>9.1} {:>9.1} {:>9.1}", h.len(), ms(0.5), ms(0.95), ms(0.99));
    }
    let errors: u64 = stats.errors.values().sum();
    println!("errors: {errors}");
    for (e, n) in &stats.errors {
        println!("  {n} × {e}");
    }
    println!("acknowledged answers checked in the database: {checked}, lost: {lost}");
    if let Some(pid) = args.server_pid {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
                println!("server peak memory: {}", line.trim_start_matches("VmHWM:").trim());
            }
        }
    }
    let real = saves as f64 / elapsed;
    let real_p99 = stats.latency.get("/api/attempts/answer").map(|h| h.value_at_quantile(0.99)).unwrap_or(0);
    drop(stats);
    let mut baselines_ok = true;
    for (name, url) in
        [("naive one-upsert server", &args.naive_url), ("no-database ceiling", &args.ceiling_url)]
    {
        let Some(url) = url else { continue };
        let baseline = drive_baseline(url, args.contestants, args.seconds).await;
        baselines_ok &= baseline.errors == 0;
        println!(
            "{name}: {:.0} saves/s, p50 {:.1} ms, p99 {:.1} ms, errors {}; this server = {:.2}× its rate, p99 {:.2}× its p99",
            baseline.rate,
            baseline.p50 as f64 / 1000.0,
            baseline.p99 as f64 / 1000.0,
            baseline.errors,
            real / baseline.rate.max(f64::MIN_POSITIVE),
            real_p99 as f64 / (baseline.p99.max(1) as f64),
        );
    }
    Ok(errors == 0 && lost == 0 && baselines_ok)
}

/// What one baseline server did under the same load.
struct Baseline {
    rate: f64,
    p50: u64,
    p99: u64,
    errors: u64,
}

/// The same number of connections saving as fast as they can for the same
/// time, with made-up ids: the baselines check nothing, so any ids will do.
async fn drive_baseline(base: &str, connections: usize, seconds: u64) -> Baseline {
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks = (0..connections).map(|c| {
        let base = base.to_owned();
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut latency = Histogram::<u64>::new(3).unwrap_or_else(|_| unreachable!());
            let (mut saves, mut errors, mut i) = (0_u64, 0_u64, 0_i64);
            while Instant::now() < until {
                let body = json!({"attempt_id": c, "question_id": i % 30, "option_id": rand::thread_rng().gen_range(1..5)});
                let sent = Instant::now();
                let answer = client.post(format!("{base}/api/attempts/answer")).json(&body).send().await;
                let _ = latency.record((sent.elapsed().as_micros() as u64).max(1));
                match answer {
                    Ok(r) if r.status().is_success() => saves += 1,
                    _ => errors += 1,
                }
                i += 1;
            }
            (saves, errors, latency)
        })
    });
    let mut all = Histogram::<u64>::new(3).unwrap_or_else(|_| unreachable!());
    let (mut saves, mut errors) = (0, 0);
    for t in futures::future::join_all(tasks).await {
        match t {
            Ok((s, e, h)) => {
                saves += s;
                errors += e;
                let _ = all.add(h);
            }
            Err(_) => errors += 1,
        }
    }
    Baseline {
        rate: saves as f64 / started.elapsed().as_secs_f64(),
        p50: all.value_at_quantile(0.5),
        p99: all.value_at_quantile(0.99),
        errors,
    }
}
