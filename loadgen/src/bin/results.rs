//! Large-contest benchmark: generates a published contest with N units,
//! contestants and attempts (default 1,000 / 200,000 / 1,000,000 over two
//! closed rounds of 500,000 attempts each) straight into the database of a
//! running server, then times what the issue bounds: recomputing the per-unit
//! table, ranking one round, and the public statistics page, API and
//! downloads. Run through `loadgen/run.sh BACKEND` with `BENCH_BIN=results`
//! (see docs/benchmarks.md). A fixed seed makes every run the same data.
use app::entities::unit::UnitKind;
use app::entities::{attempt, category, contest, contestant, round, unit};
use chrono::{Duration as Days, TimeZone, Utc};
use clap::Parser;
use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::{ActiveModelTrait, Database, EntityTrait, Set, TransactionTrait};
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(about = "Generates a large contest and times statistics, ranking and the public pages")]
struct Args {
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    base_url: String,
    #[arg(long)]
    database_url: String,
    /// The server's process id, to report its peak memory (VmHWM).
    #[arg(long)]
    server_pid: Option<u32>,
    #[arg(long, default_value_t = 1_000)]
    units: usize,
    #[arg(long, default_value_t = 200_000)]
    contestants: usize,
    /// Split evenly over the two rounds.
    #[arg(long, default_value_t = 1_000_000)]
    attempts: usize,
    /// Repetitions of each timing, for the median.
    #[arg(long, default_value_t = 10)]
    repeat: usize,
}

type Failure = Box<dyn std::error::Error>;

/// Rows per INSERT: 13 columns × 1,000 stays under SQLite's 32,766 variables.
const CHUNK: usize = 1_000;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

async fn insert_chunks<A, E>(db: &sea_orm::DatabaseConnection, rows: Vec<A>) -> Result<(), Failure>
where
    A: sea_orm::ActiveModelTrait<Entity = E> + Send,
    E: EntityTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // A transaction per 20,000 rows: fast, and the server can still write in between.
        let txn = db.begin().await?;
        for _ in 0..20 {
            let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            E::insert_many(chunk).exec(&txn).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

struct Generated {
    contest_id: i32,
    rounds: Vec<i32>,
}

async fn generate(db: &sea_orm::DatabaseConnection, args: &Args) -> Result<Generated, Failure> {
    let mut rng = StdRng::seed_from_u64(1_000_000);
    let now = Utc::now();
    let root = unit::ActiveModel {
        parent_id: Set(None),
        code: Set("BENCH".into()),
        name: Set("Tỉnh thử tải".into()),
        kind: Set(UnitKind::Province),
        headcount: Set(0),
        sort_order: Set(99),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // 20 districts, the rest of the units spread under them.
    let districts = 20.min(args.units);
    let mut parents = Vec::new();
    for d in 0..districts {
        let u = unit::ActiveModel {
            parent_id: Set(Some(root.id)),
            code: Set(format!("BENCH-{d}")),
            name: Set(format!("Huyện thử {d}")),
            kind: Set(UnitKind::District),
            headcount: Set(rng.gen_range(50..300)),
            sort_order: Set(d as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
        parents.push(u.id);
    }
    let leaves: Vec<unit::ActiveModel> = (districts..args.units)
        .map(|i| unit::ActiveModel {
            parent_id: Set(Some(parents[i % districts])),
            code: Set(format!("BENCH-{i}")),
            name: Set(format!("Xã thử {i}")),
            kind: Set(UnitKind::Commune),
            headcount: Set(rng.gen_range(100..400)),
            sort_order: Set(i as i32),
            ..Default::default()
        })
        .collect();
    insert_chunks(db, leaves).await?;
    let unit_ids: Vec<i32> = unit::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|u| u.code.starts_with("BENCH-"))
        .map(|u| u.id)
        .collect();

    let contest = contest::ActiveModel {
        slug: Set("thu-tai-lon".into()),
        title: Set("Cuộc thi thử tải 1 triệu lượt".into()),
        organizer_name: Set("Ban Tổ chức thử tải".into()),
        rules: Set("<p>Thử tải.</p>".into()),
        id_number_required: Set(false),
        // Published once its attempts are in: the server ranks published contests'
        // rounds ahead of time and would otherwise cache a half-generated round.
        published: Set(false),
        root_unit_id: Set(Some(root.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (order, code) in ["civil_servant", "citizen"].into_iter().enumerate() {
        category::ActiveModel {
            contest_id: Set(contest.id),
            code: Set(code.into()),
            name: Set(code.into()),
            sort_order: Set(order as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let first = Utc.with_ymd_and_hms(2025, 3, 2, 17, 0, 0).single().ok_or("date")?;
    let mut rounds = Vec::new();
    for week in 0..2 {
        let r = round::ActiveModel {
            contest_id: Set(contest.id),
            number: Set(week + 1),
            title: Set(format!("Tuần {}", week + 1)),
            opens_at: Set(first + Days::days(7 * i64::from(week))),
            closes_at: Set(first + Days::days(7 * i64::from(week + 1))),
            questions_per_attempt: Set(20),
            time_limit_seconds: Set(1200),
            attempts_allowed: Set(5),
            counted_attempt: Set(app::entities::round::CountedAttempt::Best),
            prediction_kind: Set(app::entities::round::PredictionKind::FullMarks),
            prediction_prompt: Set(Some("Bao nhiêu người đạt điểm tối đa?".into())),
            review_policy: Set(app::entities::round::ReviewPolicy::AfterSubmit),
            tie_break: Set(app::results::ranking::DEFAULT_CHAIN.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        rounds.push(r);
    }

    let base_id: i32 = contestant::Entity::find().all(db).await?.iter().map(|c| c.id).max().unwrap_or(0);
    let people: Vec<contestant::ActiveModel> =
        (0..args.contestants)
            .map(|i| contestant::ActiveModel {
                full_name: Set(format!("Người Thử {i}")),
                birth_date: Set(
                    chrono::NaiveDate::from_ymd_opt(1980 + (i % 20) as i32, 1, 1).unwrap_or_default()
                ),
                phone: Set(format!("07{:08}", i)),
                category: Set(if i.is_multiple_of(5) { "citizen" } else { "civil_servant" }.into()),
                unit_id: Set(unit_ids[rng.gen_range(0..unit_ids.len())]),
                password_hash: Set("-".into()),
                created_at: Set(now),
                search_key: Set(format!("nguoi thu {i}")),
                ..Default::default()
            })
            .collect();
    insert_chunks(db, people).await?;

    // Each person spreads attempts over the rounds so each round gets attempts / 2.
    let per_round = args.attempts / rounds.len();
    let mut attempts = Vec::with_capacity(args.attempts);
    for r in &rounds {
        for k in 0..per_round {
            let person = base_id + 1 + (k % args.contestants) as i32;
            let sequence = (k / args.contestants) as i32 + 1;
            let started = r.opens_at + Days::seconds(rng.gen_range(0..7 * 86_400 - 1_300));
            let duration = rng.gen_range(60_000..1_200_000);
            let correct = (rng.gen_range(0.0f64..1.0).powf(0.4) * 20.0).floor() as i32;
            attempts.push(attempt::ActiveModel {
                round_id: Set(r.id),
                contestant_id: Set(person),
                sequence: Set(sequence),
                started_at: Set(started),
                deadline_at: Set(started + Days::seconds(1200)),
                submitted_at: Set(Some(started + Days::milliseconds(i64::from(duration)))),
                last_answer_at: Set(None),
                correct_count: Set(Some(correct)),
                question_count: Set(20),
                score: Set(Some(correct * 5)),
                duration_ms: Set(Some(duration)),
                prediction: Set(Some(rng.gen_range(0..20_000))),
                eligible: Set(true),
                ..Default::default()
            });
        }
    }
    insert_chunks(db, attempts).await?;
    let mut active: contest::ActiveModel = contest.clone().into();
    active.published = Set(true);
    active.update(db).await?;
    Ok(Generated { contest_id: contest.id, rounds: rounds.iter().map(|r| r.id).collect() })
}

async fn get_timed(
    client: &reqwest::Client,
    url: &str,
    repeat: usize,
) -> Result<(Duration, Duration, usize), Failure> {
    let mut samples = Vec::new();
    let mut bytes = 0;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let response = client.get(url).send().await?;
        if !response.status().is_success() {
            return Err(format!("{url}: {}", response.status()).into());
        }
        bytes = response.bytes().await?.len();
        samples.push(start.elapsed());
    }
    let worst = samples.iter().max().copied().unwrap_or_default();
    Ok((median(samples), worst, bytes))
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let args = Args::parse();
    let db = Database::connect(&args.database_url).await?;
    let backend = format!("{:?}", db.get_database_backend());

    let start = Instant::now();
    let made = generate(&db, &args).await?;
    println!(
        "{backend}: generated {} units, {} contestants, {} attempts in {:.1} s",
        args.units,
        args.contestants,
        args.attempts,
        start.elapsed().as_secs_f64()
    );

    // What the housekeeping task does once a minute while a round runs.
    let mut samples = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let rows = app::results::stats::refresh(&db, made.contest_id, Utc::now()).await?;
        samples.push(start.elapsed());
        if samples.len() == 1 {
            println!("statistics table: {rows} rows");
        }
    }
    println!("recompute per-unit statistics and charts (1 contest): median {}", ms(median(samples)));

    let mut samples = Vec::new();
    let mut ranked_rows = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let ranked = app::results::service::rank_round(&db, made.rounds[0], None).await?;
        samples.push(start.elapsed());
        ranked_rows = ranked.rows.len();
    }
    println!(
        "rank round 1 ({} attempts, {ranked_rows} contestants ranked): median {}",
        args.attempts / made.rounds.len(),
        ms(median(samples))
    );

    let client = reqwest::Client::new();
    let base = args.base_url.trim_end_matches('/');
    let c = made.contest_id;
    // The first page view ranks the shown round if the server has not yet (it does so every minute).
    let (cold, _, _) = get_timed(&client, &format!("{base}/thong-ke?cuoc_thi={c}"), 1).await?;
    println!("GET /thong-ke first view after generating (ranks the round unless warmed): {}", ms(cold));
    for (name, path) in [
        ("GET /thong-ke (page)", format!("/thong-ke?cuoc_thi={c}")),
        ("GET /thong-ke, one round", format!("/thong-ke?cuoc_thi={c}&dot={}", made.rounds[1])),
        ("GET /api/stats/units", format!("/api/stats/units?contest_id={c}")),
        ("GET /api/stats/units.xlsx", format!("/api/stats/units.xlsx?contest_id={c}")),
        ("GET /api/stats/units.csv", format!("/api/stats/units.csv?contest_id={c}")),
        ("GET /api/stats/charts", format!("/api/stats/charts?contest_id={c}")),
        (
            "GET /api/rounds/leaderboard",
            format!("/api/rounds/leaderboard?round_id={}&limit=100", made.rounds[1]),
        ),
    ] {
        let (median, worst, bytes) = get_timed(&client, &format!("{base}{path}"), args.repeat).await?;
        println!("{name}: median {}, worst {} ({bytes} bytes)", ms(median), ms(worst));
    }
    if let Some(pid) = args.server_pid {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
                println!("server peak memory: {}", line.trim_start_matches("VmHWM:").trim());
            }
        }
    }
    Ok(())
}
