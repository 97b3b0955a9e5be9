//! Question-bank benchmark against a running server: imports a generated
//! .xlsx of N questions (dry run, then for real) and times bank searches and
//! paging over the grown bank. Run through `loadgen/run.sh BACKEND` with
//! `BENCH_BIN=bank` (see docs/benchmarks.md).
use clap::Parser;
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(about = "Times question imports and bank searches through the dashboard API")]
struct Args {
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    base_url: String,
    /// Accepted for run.sh; unused here.
    #[arg(long)]
    database_url: Option<String>,
    /// The server's process id, to report its peak memory (VmHWM).
    #[arg(long)]
    server_pid: Option<u32>,
    /// Questions in the generated file.
    #[arg(long, default_value_t = 10_000)]
    questions: usize,
    /// Repetitions of each search, for the median.
    #[arg(long, default_value_t = 20)]
    repeat: usize,
}

type Failure = Box<dyn std::error::Error>;

const TOPICS: [&str; 6] = [
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
];

fn bank(n: usize) -> Vec<bankfile::ExportQuestion> {
    (0..n)
        .map(|i| bankfile::ExportQuestion {
            topic: TOPICS[i % TOPICS.len()].to_owned(),
            text: format!("Câu hỏi thử số {i}: theo quy định hiện hành, thủ tục hành chính mã {} do cơ quan nào giải quyết?", i * 7919 % 100_003),
            options: (0..4).map(|k| format!("Phương án {k} của câu {i}")).collect(),
            correct: vec![i % 4],
            explanation: Some(format!("Giải thích cho câu {i}.")),
            option_feedback: Vec::new(),
            legal_source: Some("Nghị định 61/2018/NĐ-CP".to_owned()),
            difficulty: (i % 3 + 1) as i16,
        })
        .collect()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

async fn timed(
    client: &reqwest::Client,
    url: &str,
    repeat: usize,
) -> Result<(Duration, serde_json::Value), Failure> {
    let mut samples = Vec::new();
    let mut last = serde_json::Value::Null;
    for _ in 0..repeat {
        let start = Instant::now();
        let response = client.get(url).send().await?;
        if !response.status().is_success() {
            return Err(format!("{url}: {}", response.status()).into());
        }
        last = response.json().await?;
        samples.push(start.elapsed());
    }
    Ok((median(samples), last))
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let args = Args::parse();
    let data_dir = std::env::var("BENCH_DATA_DIR").unwrap_or_else(|_| "data".into());
    let sign_in = std::fs::read_to_string(format!("{data_dir}/demo-organizer.txt"))?;
    let (email, password) = sign_in
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(3)
        .find(|w| w[1] == "/" && w[0].contains('@'))
        .map(|w| (w[0].to_owned(), w[2].to_owned()))
        .ok_or("no demo organizer sign-in")?;
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let base = args.base_url.trim_end_matches('/');
    let login = client
        .post(format!("{base}/api/admin/session/login"))
        .json(&serde_json::json!({"email": email, "password": password}))
        .send()
        .await?;
    if !login.status().is_success() {
        return Err(format!("sign-in: {}", login.status()).into());
    }

    let file = bankfile::export_xlsx(&bank(args.questions))?;
    println!("file: {} questions, {} bytes (.xlsx)", args.questions, file.len());
    for dry_run in ["true", "false"] {
        let form = reqwest::multipart::Form::new()
            .text("dry_run", dry_run)
            .part("file", reqwest::multipart::Part::bytes(file.clone()).file_name("bench.xlsx"));
        let start = Instant::now();
        let response =
            client.post(format!("{base}/api/admin/questions/import")).multipart(form).send().await?;
        let status = response.status();
        let body: serde_json::Value = response.json().await?;
        println!(
            "import dry_run={dry_run}: {:.2} s, HTTP {status}, {} questions, {} duplicates, {} errors",
            start.elapsed().as_secs_f64(),
            body["questions"],
            body["duplicates"],
            body["errors"].as_array().map_or(0, Vec::len)
        );
    }

    let (t, first) = timed(&client, &format!("{base}/api/admin/questions?page=1"), args.repeat).await?;
    let total = first["total"].as_u64().unwrap_or(0);
    let last_page = total.div_ceil(50).max(1);
    println!("bank: {total} questions");
    println!("list page 1: median {:.1} ms", t.as_secs_f64() * 1e3);
    let (t, _) = timed(&client, &format!("{base}/api/admin/questions?page={last_page}"), args.repeat).await?;
    println!("list last page ({last_page}): median {:.1} ms", t.as_secs_f64() * 1e3);
    let (t, found) = timed(
        &client,
        &format!("{base}/api/admin/questions?q=thu%20tuc%20hanh%20chinh%20ma%2042"),
        args.repeat,
    )
    .await?;
    println!(
        "search \"thu tuc hanh chinh ma 42\" ({} hits): median {:.1} ms",
        found["total"],
        t.as_secs_f64() * 1e3
    );
    let (t, found) =
        timed(&client, &format!("{base}/api/admin/questions?q=so%209999&topic=4"), args.repeat).await?;
    println!(
        "search \"so 9999\" in topic 4 ({} hits): median {:.1} ms",
        found["total"],
        t.as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let export = client.get(format!("{base}/api/admin/questions/export.xlsx")).send().await?.bytes().await?;
    println!("export.xlsx: {:.2} s, {} bytes", start.elapsed().as_secs_f64(), export.len());
    if let Some(pid) = args.server_pid {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
                println!("server peak memory: {}", line.trim_start_matches("VmHWM:").trim());
            }
        }
    }
    Ok(())
}
