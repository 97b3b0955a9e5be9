//! Per-unit statistics: recomputed from the attempts into `unit_stat` (one
//! GROUP BY per contest) by the housekeeping task every minute while a round
//! runs, and read from there by every public request. Locked and
//! disqualified accounts count nowhere, and practice rounds stay out of the
//! whole contest's figures (round 0), which collective prizes and the
//! reform index read. The figure a round's prediction question asks about is
//! not published until the round's true figure is recorded.
use super::UnitStat;
use crate::entities::{chart_stat, contest, round, unit, unit_stat};
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use round::PredictionKind;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Set, Statement,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// The attempts that count in published figures: submitted, of an account that
/// is neither locked nor disqualified from the contest, and for the whole
/// contest (`by_round` false) not of a practice round. `a`, `c` and `r` are the
/// attempt, its contestant and its round.
fn counted_where(placeholder: &str, by_round: bool) -> String {
    let practice = if by_round { "" } else { " AND r.practice = FALSE" };
    format!(
        "r.contest_id = {placeholder} AND a.submitted_at IS NOT NULL AND c.locked_at IS NULL{practice} \
         AND NOT EXISTS (SELECT 1 FROM disqualification d \
         WHERE d.contest_id = r.contest_id AND d.contestant_id = a.contestant_id)"
    )
}

/// Submitted attempts per (round, unit) of one contest; `by_round` false gives round 0 (all rounds).
fn grouped_sql(backend: DatabaseBackend, by_round: bool) -> String {
    let placeholder = if backend == DatabaseBackend::Postgres { "$1" } else { "?" };
    let counted = counted_where(placeholder, by_round);
    let round = if by_round { "a.round_id" } else { "0" };
    let group = if by_round { "a.round_id, c.unit_id" } else { "c.unit_id" };
    format!(
        "SELECT {round} AS round_id, c.unit_id AS unit_id, COUNT(*) AS attempts, \
         COUNT(DISTINCT a.contestant_id) AS contestants, \
         COUNT(DISTINCT CASE WHEN a.score = 100 THEN a.contestant_id END) AS full_marks, \
         COALESCE(SUM(a.score), 0) AS score_sum \
         FROM attempt a JOIN contestant c ON c.id = a.contestant_id JOIN round r ON r.id = a.round_id \
         WHERE {counted} GROUP BY {group}"
    )
}

/// Submitted attempts per local day or per 10-point score band, per round or (round 0) for the contest.
fn chart_sql(backend: DatabaseBackend, by_round: bool, kind: &str) -> String {
    let postgres = backend == DatabaseBackend::Postgres;
    let placeholder = if postgres { "$1" } else { "?" };
    let counted = counted_where(placeholder, by_round);
    let round = if by_round { "a.round_id" } else { "0" };
    let group = if by_round { "1, 2" } else { "2" };
    // Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975.
    let bucket = match (kind, postgres) {
        ("day", true) => {
            "CAST(to_char(a.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYYMMDD') AS INTEGER)"
        }
        ("day", false) => "CAST(strftime('%Y%m%d', a.submitted_at, '+7 hours') AS INTEGER)",
        _ => "CASE WHEN COALESCE(a.score, 0) >= 100 THEN 100 ELSE (COALESCE(a.score, 0) / 10) * 10 END",
    };
    format!(
        "SELECT {round} AS round_id, {bucket} AS bucket, COUNT(*) AS attempts, \
         COUNT(DISTINCT a.contestant_id) AS contestants \
         FROM attempt a JOIN contestant c ON c.id = a.contestant_id JOIN round r ON r.id = a.round_id \
         WHERE {counted} GROUP BY {group}"
    )
}

/// Recomputes one contest's rows (all rounds and the whole contest) in one transaction.
pub async fn refresh<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    contest_id: i32,
    now: DateTime<Utc>,
) -> Result<usize> {
    let backend = db.get_database_backend();
    let mut rows = Vec::new();
    for by_round in [true, false] {
        let stmt =
            Statement::from_sql_and_values(backend, grouped_sql(backend, by_round), [contest_id.into()]);
        for row in db.query_all_raw(stmt).await? {
            let int = |name: &str| {
                row.try_get::<i64>("", name).or_else(|_| row.try_get::<i32>("", name).map(i64::from))
            };
            rows.push(unit_stat::ActiveModel {
                contest_id: Set(contest_id),
                round_id: Set(int("round_id")? as i32),
                unit_id: Set(int("unit_id")? as i32),
                attempts: Set(int("attempts")?),
                contestants: Set(int("contestants")?),
                full_marks: Set(int("full_marks")?),
                score_sum: Set(int("score_sum")?),
                refreshed_at: Set(now),
            });
        }
    }
    let mut charts = Vec::new();
    for (by_round, kind) in [(true, "day"), (false, "day"), (true, "score"), (false, "score")] {
        let stmt =
            Statement::from_sql_and_values(backend, chart_sql(backend, by_round, kind), [contest_id.into()]);
        for row in db.query_all_raw(stmt).await? {
            let int = |name: &str| {
                row.try_get::<i64>("", name).or_else(|_| row.try_get::<i32>("", name).map(i64::from))
            };
            charts.push(chart_stat::ActiveModel {
                contest_id: Set(contest_id),
                round_id: Set(int("round_id")? as i32),
                kind: Set(kind.to_owned()),
                bucket: Set(int("bucket")? as i32),
                attempts: Set(int("attempts")?),
                contestants: Set(int("contestants")?),
            });
        }
    }
    let n = rows.len();
    let txn = db.begin().await?;
    unit_stat::Entity::delete_many().filter(unit_stat::Column::ContestId.eq(contest_id)).exec(&txn).await?;
    for chunk in rows.chunks(500) {
        unit_stat::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    chart_stat::Entity::delete_many().filter(chart_stat::Column::ContestId.eq(contest_id)).exec(&txn).await?;
    for chunk in charts.chunks(500) {
        chart_stat::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(n)
}

/// Contests whose figures may have moved: a round open now or closed in the
/// last 10 minutes (late submissions and the server's own closing land then).
pub async fn refresh_live<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<usize> {
    let rounds = round::Entity::find()
        .filter(round::Column::OpensAt.lte(now))
        .filter(round::Column::ClosesAt.gte(now - Duration::minutes(10)))
        .all(db)
        .await?;
    let mut contests: Vec<i32> = rounds.iter().map(|r| r.contest_id).collect();
    contests.sort_unstable();
    contests.dedup();
    for id in &contests {
        refresh(db, *id, now).await?;
    }
    Ok(contests.len())
}

/// Every contest once (at start-up), so closed contests have their final figures.
pub async fn refresh_all<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> Result<usize> {
    let ids: Vec<i32> = contest::Entity::find().all(db).await?.into_iter().map(|c| c.id).collect();
    for id in &ids {
        refresh(db, *id, now).await?;
    }
    Ok(ids.len())
}

/// Computes a contest's figures now if they never were (a new contest, or the
/// server just started and has not refreshed it yet).
pub async fn ensure_refreshed<C: ConnectionTrait + TransactionTrait>(db: &C, contest_id: i32) -> Result<()> {
    if unit_stat::Entity::find().filter(unit_stat::Column::ContestId.eq(contest_id)).one(db).await?.is_none()
    {
        refresh(db, contest_id, Utc::now()).await?;
    }
    Ok(())
}

/// One competing unit (an agency or district at some level of the tree) with
/// the whole contest's figures summed over its branch.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyFigures {
    pub unit_id: i32,
    pub name: String,
    pub headcount: i64,
    pub contestants: i64,
    pub attempts: i64,
    pub score_sum: i64,
}

/// The units at depth `level` (1 = directly under the province) in tree
/// order with their branch's figures for the whole contest, and for every
/// unit the agency it belongs to (for crediting its members' prizes).
pub async fn agency_figures(
    db: &impl ConnectionTrait,
    contest_id: i32,
    level: usize,
) -> Result<(Vec<AgencyFigures>, HashMap<i32, i32>)> {
    let units = unit::Entity::find().all(db).await?;
    let agency_of = crate::unit_admin::service::ancestor_at(&units, level);
    let own: HashMap<i32, unit_stat::Model> = unit_stat::Entity::find()
        .filter(unit_stat::Column::ContestId.eq(contest_id))
        .filter(unit_stat::Column::RoundId.eq(0))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.unit_id, s))
        .collect();
    let mut sums: HashMap<i32, (i64, i64, i64, i64)> = HashMap::new();
    for u in &units {
        if let Some(agency) = agency_of.get(&u.id) {
            let e = sums.entry(*agency).or_default();
            e.0 += i64::from(u.headcount);
            if let Some(s) = own.get(&u.id) {
                e.1 += s.contestants;
                e.2 += s.attempts;
                e.3 += s.score_sum;
            }
        }
    }
    let agencies = crate::unit_admin::service::depth_first(&units)
        .into_iter()
        .filter(|(u, _)| agency_of.get(&u.id) == Some(&u.id))
        .map(|(u, _)| {
            let (headcount, contestants, attempts, score_sum) = sums.get(&u.id).copied().unwrap_or_default();
            AgencyFigures { unit_id: u.id, name: u.name.clone(), headcount, contestants, attempts, score_sum }
        })
        .collect();
    Ok((agencies, agency_of))
}

/// Which figures the prediction questions of a contest's rounds still keep
/// back: a round's figure (full marks, or contestants) is withheld until its
/// true figure is recorded, and so is the whole contest's (which adds it in).
/// Practice rounds (no prizes) and rounds not yet open withhold nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Withheld {
    pub full_marks: bool,
    pub contestants: bool,
}

impl Withheld {
    /// For `round_id` (None = the whole contest) among the contest's `rounds`.
    pub fn of(rounds: &[round::Model], round_id: Option<i32>, now: DateTime<Utc>) -> Withheld {
        let mut out = Withheld::default();
        let pending = rounds
            .iter()
            .filter(|r| round_id.is_none_or(|id| r.id == id))
            .filter(|r| !r.practice && r.truth.is_none() && r.opens_at <= now);
        for r in pending {
            match r.prediction_kind {
                PredictionKind::FullMarks => out.full_marks = true,
                PredictionKind::Participants => out.contestants = true,
                PredictionKind::None => {}
            }
        }
        out
    }

    pub async fn load(
        db: &impl ConnectionTrait,
        contest_id: i32,
        round_id: Option<i32>,
        now: DateTime<Utc>,
    ) -> Result<Withheld> {
        let rounds = round::Entity::find().filter(round::Column::ContestId.eq(contest_id)).all(db).await?;
        Ok(Withheld::of(&rounds, round_id, now))
    }
}

/// The public table: every unit of the tree with its own figures (units
/// without attempts show zeros), in tree order. `round_id` None = the whole contest.
pub async fn unit_table<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    contest_id: i32,
    round_id: Option<i32>,
) -> Result<Vec<UnitStat>> {
    let round_key = round_id.unwrap_or(0);
    ensure_refreshed(db, contest_id).await?;
    let figures: HashMap<i32, unit_stat::Model> = unit_stat::Entity::find()
        .filter(unit_stat::Column::ContestId.eq(contest_id))
        .filter(unit_stat::Column::RoundId.eq(round_key))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.unit_id, s))
        .collect();
    let withheld = Withheld::load(db, contest_id, round_id, Utc::now()).await?;
    let units = unit::Entity::find().all(db).await?;
    let order = crate::unit_admin::service::depth_first(&units);
    Ok(order
        .into_iter()
        .map(|(u, depth)| {
            let f = figures.get(&u.id);
            let (attempts, contestants, full_marks, score_sum) =
                f.map(|f| (f.attempts, f.contestants, f.full_marks, f.score_sum)).unwrap_or_default();
            UnitStat {
                unit_id: u.id,
                unit_name: u.name.clone(),
                parent_id: u.parent_id,
                headcount: u.headcount,
                attempts,
                contestants: (!withheld.contestants).then_some(contestants),
                participation_pct: (!withheld.contestants)
                    .then(|| super::participation_pct(contestants, i64::from(u.headcount)))
                    .flatten(),
                full_marks: (!withheld.full_marks).then_some(full_marks),
                average_score: (attempts > 0).then(|| {
                    crate::format::round(score_sum as f64 / attempts as f64, crate::format::SCORE_PLACES)
                }),
                depth,
            }
        })
        .collect())
}

/// The chart figures of a contest (round None) or one of its rounds.
pub async fn charts(
    db: &impl ConnectionTrait,
    contest_id: i32,
    round_id: Option<i32>,
) -> Result<super::Charts> {
    use sea_orm::QueryOrder;
    let rows = chart_stat::Entity::find()
        .filter(chart_stat::Column::ContestId.eq(contest_id))
        .filter(chart_stat::Column::RoundId.eq(round_id.unwrap_or(0)))
        .order_by_asc(chart_stat::Column::Bucket)
        .all(db)
        .await?;
    let withheld = Withheld::load(db, contest_id, round_id, Utc::now()).await?;
    let mut out = super::Charts::default();
    for r in rows {
        if r.kind == "day" {
            let (y, m, d) = (r.bucket / 10000, r.bucket / 100 % 100, r.bucket % 100);
            out.by_day.push(super::DayFigure {
                date: format!("{d:02}/{m:02}/{y}"),
                attempts: r.attempts,
                contestants: (!withheld.contestants).then_some(r.contestants),
            });
        } else {
            out.scores.push(super::ScoreBand {
                from: r.bucket,
                to: if r.bucket >= 100 { 100 } else { r.bucket + 9 },
                attempts: r.attempts,
            });
        }
    }
    if withheld.full_marks {
        // The 100 band would count the full marks: fold it into 90–100.
        if let Some(i) = out.scores.iter().position(|b| b.from >= 100) {
            let full = out.scores.remove(i);
            match out.scores.iter_mut().find(|b| b.from == 90) {
                Some(b) => b.attempts += full.attempts,
                None => out.scores.push(super::ScoreBand { from: 90, to: 100, attempts: full.attempts }),
            }
        }
        for b in out.scores.iter_mut().filter(|b| b.from == 90) {
            b.to = 100;
        }
    }
    Ok(out)
}

/// The round if its contest is published (404 otherwise: unpublished rounds do not exist for the public).
pub async fn published_round(db: &impl ConnectionTrait, round_id: i32) -> Result<round::Model> {
    let found = round::Entity::find_by_id(round_id).one(db).await?;
    if let Some(r) = found {
        if contest::Entity::find_by_id(r.contest_id).one(db).await?.is_some_and(|c| c.published) {
            return Ok(r);
        }
    }
    Err(crate::error::AppError::not_found("đợt thi"))
}

/// Not found unless the contest is published and the round (if any) is one of its own.
pub async fn check_published(
    db: &impl ConnectionTrait,
    contest_id: i32,
    round_id: Option<i32>,
) -> Result<()> {
    let published = contest::Entity::find_by_id(contest_id).one(db).await?.is_some_and(|c| c.published);
    if !published {
        return Err(crate::error::AppError::not_found("cuộc thi"));
    }
    if let Some(id) = round_id {
        if published_round(db, id).await?.contest_id != contest_id {
            return Err(crate::error::AppError::not_found("đợt thi"));
        }
    }
    Ok(())
}

/// [`unit_table`] for a published contest, the round (if any) being one of its own.
pub async fn checked_table<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    contest_id: i32,
    round_id: Option<i32>,
) -> Result<Vec<UnitStat>> {
    check_published(db, contest_id, round_id).await?;
    unit_table(db, contest_id, round_id).await
}

pub const HEADERS: [&str; 8] = [
    "Mã đơn vị",
    "Đơn vị",
    "Biên chế",
    "Lượt thi",
    "Thí sinh",
    "Tỷ lệ tham gia (%)",
    "Đạt điểm tối đa",
    "Điểm trung bình",
];

fn cells(s: &UnitStat) -> [String; 8] {
    // Comma decimals, no grouping: what Excel with Vietnamese settings reads as a number.
    let opt = |v: Option<f64>| v.map(|x| crate::format::csv_decimal(x, 1)).unwrap_or_default();
    [
        s.unit_id.to_string(),
        // The only text column; a unit named "=…" must not run as a formula in Excel.
        bankfile::cell::neutralise(&s.unit_name).into_owned(),
        s.headcount.to_string(),
        s.attempts.to_string(),
        s.contestants.map(|c| c.to_string()).unwrap_or_default(),
        opt(s.participation_pct),
        s.full_marks.map(|c| c.to_string()).unwrap_or_default(),
        opt(s.average_score),
    ]
}

/// The table as CSV for Excel with Vietnamese settings: UTF-8 with BOM (so
/// Excel shows the diacritics), ";" between fields, "," before decimals.
pub fn to_csv(rows: &[UnitStat]) -> std::result::Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(crate::format::CSV_DELIMITER)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(HEADERS)?;
    for row in rows {
        writer.write_record(cells(row))?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The table as .xlsx, numbers as number cells with a number format (Excel
/// shows them with the reader's own separators).
pub fn to_xlsx(rows: &[UnitStat], title: &str) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::Format;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Thống kê")?;
    let bold = Format::new().set_bold();
    let whole = Format::new().set_num_format(crate::format::XLSX_COUNT);
    let tenths = Format::new().set_num_format(crate::format::XLSX_DECIMAL);
    sheet.write_string_with_format(0, 0, title, &bold)?;
    for (col, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, &bold)?;
    }
    for (i, s) in rows.iter().enumerate() {
        let r = (i + 3) as u32;
        sheet.write_number(r, 0, f64::from(s.unit_id))?;
        sheet.write_string(r, 1, format!("{}{}", "  ".repeat(s.depth), s.unit_name))?;
        sheet.write_number_with_format(r, 2, f64::from(s.headcount), &whole)?;
        sheet.write_number_with_format(r, 3, s.attempts as f64, &whole)?;
        if let Some(c) = s.contestants {
            sheet.write_number_with_format(r, 4, c as f64, &whole)?;
        }
        if let Some(p) = s.participation_pct {
            sheet.write_number_with_format(r, 5, p, &tenths)?;
        }
        if let Some(f) = s.full_marks {
            sheet.write_number_with_format(r, 6, f as f64, &whole)?;
        }
        if let Some(a) = s.average_score {
            sheet.write_number_with_format(r, 7, a, &tenths)?;
        }
    }
    sheet.set_column_width(1, 60)?;
    sheet.set_freeze_panes(3, 2)?;
    book.save_to_buffer()
}

#[derive(Debug, serde::Deserialize)]
pub struct TableQuery {
    contest_id: i32,
    round_id: Option<i32>,
}

/// `GET /api/stats/units.csv` and `.xlsx`: the same table as files.
pub fn routes() -> crate::download::FileRoutes {
    crate::download::FileRoutes::default()
        .get("/api/stats/units.csv", download_csv)
        .get("/api/stats/units.xlsx", download_xlsx)
}

fn internal(e: impl std::fmt::Display) -> crate::error::AppError {
    crate::error::AppError::internal_because("statistics download failed", e)
}

async fn download(state: crate::state::AppState, q: TableQuery, xlsx: bool) -> axum::response::Response {
    let made = async {
        let rows = checked_table(&state.db, q.contest_id, q.round_id).await?;
        if xlsx {
            let title = match contest::Entity::find_by_id(q.contest_id).one(&state.db).await? {
                Some(c) => c.title,
                None => String::new(),
            };
            to_xlsx(&rows, &title).map_err(internal)
        } else {
            to_csv(&rows).map_err(internal)
        }
    };
    let (kind, name) = if xlsx {
        (crate::download::XLSX, "thong-ke-don-vi.xlsx")
    } else {
        ("text/csv; charset=utf-8", "thong-ke-don-vi.csv")
    };
    crate::download::attachment(made.await, kind, name)
}

async fn download_csv(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Query(q): axum::extract::Query<TableQuery>,
) -> axum::response::Response {
    download(state, q, false).await
}

async fn download_xlsx(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Query(q): axum::extract::Query<TableQuery>,
) -> axum::response::Response {
    download(state, q, true).await
}
