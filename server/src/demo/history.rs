//! A simulated history for the closed 2022 contest: contestants in every unit
//! in proportion to its headcount, with varied scores, durations and
//! predictions, so a new user sees full statistics and rankings at once. A
//! fixed seed makes it the same on every machine; bulk inserts keep it to
//! seconds. These contestants cannot sign in (their password hash is not one).
use super::DemoError;
use app::entities::{attempt, contest, contestant, round, unit};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// The contest's first day, 03/10/2022, as a number.
const SEED: u64 = 20221003;
const FAMILY: [&str; 14] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Nông", "Lường", "Hà", "Lý", "Đinh", "Lương", "Mã",
    "Triệu",
];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hồng", "Quang", "Thanh"];
const GIVEN: [&str; 24] = [
    "An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long", "Mai",
    "Nam", "Ngọc", "Phương", "Quân", "Sơn", "Thảo", "Thủy", "Trang", "Tuấn", "Yến",
];
/// Demo phones are 08 + 8 digits from this base: never a real subscriber's range here.
const PHONE_BASE: u32 = 80_000_000;

pub struct History {
    pub contestants: usize,
    pub attempts: usize,
}

/// Inserts the history of the contest `slug`; the caller runs it in a transaction.
pub async fn insert(db: &impl ConnectionTrait, slug: &str) -> Result<History, DemoError> {
    let Some(found) = contest::Entity::find().filter(contest::Column::Slug.eq(slug)).one(db).await? else {
        return Ok(History { contestants: 0, attempts: 0 });
    };
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.eq(found.id))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?;
    let units = unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await?;
    let mut rng = StdRng::seed_from_u64(SEED);

    // People: 35–100 % of each unit's headcount took part.
    let mut people = Vec::new();
    for u in units.iter().filter(|u| u.headcount > 0) {
        let rate: f64 = rng.gen_range(0.35..1.0);
        let n = (f64::from(u.headcount) * rate).round() as usize;
        for _ in 0..n {
            let i = people.len() as u32;
            let name = format!(
                "{} {} {}",
                FAMILY[rng.gen_range(0..FAMILY.len())],
                MIDDLE[rng.gen_range(0..MIDDLE.len())],
                GIVEN[rng.gen_range(0..GIVEN.len())]
            );
            let birth = NaiveDate::from_ymd_opt(
                rng.gen_range(1965..2002),
                rng.gen_range(1..=12),
                rng.gen_range(1..=28),
            )
            .unwrap_or_default();
            let phone = format!("0{}", PHONE_BASE + i);
            people.push(contestant::ActiveModel {
                search_key: Set(app::contestant::service::search_key(&name, &phone, None)),
                full_name: Set(name),
                birth_date: Set(birth),
                phone: Set(phone),
                category: Set(if rng.gen_bool(0.9) { "civil_servant" } else { "citizen" }.to_owned()),
                unit_id: Set(u.id),
                password_hash: Set("!demo-history: no sign-in".to_owned()),
                profile_locked_at: Set(Some(found.created_at)),
                created_at: Set(found.created_at),
                ..Default::default()
            });
        }
    }
    let total_people = people.len();
    for chunk in people.chunks(1000) {
        contestant::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    let ids: Vec<i32> = contestant::Entity::find()
        .select_only()
        .column(contestant::Column::Id)
        .filter(contestant::Column::PasswordHash.eq("!demo-history: no sign-in"))
        .order_by_asc(contestant::Column::Id)
        .into_tuple()
        .all(db)
        .await?;

    // Attempts: each person takes part in a round with 80 % chance, once or twice.
    let mut attempts = Vec::new();
    for r in &rounds {
        let span = (r.closes_at - r.opens_at).num_minutes().max(60);
        let mut sitting: Vec<(i32, i32, i32, DateTime<Utc>)> = Vec::new();
        for id in &ids {
            if !rng.gen_bool(0.8) {
                continue;
            }
            for sequence in 1..=rng.gen_range(1..=2) {
                // Most know the material: 14–20 right, full marks for about one in eight.
                let correct = if rng.gen_bool(0.12) { 20 } else { rng.gen_range(12..20) };
                let started = r.opens_at + Duration::minutes(rng.gen_range(0..span - 30));
                sitting.push((*id, sequence, correct, started));
            }
        }
        let full_marks =
            sitting.iter().filter(|s| s.2 == 20).map(|s| s.0).collect::<std::collections::HashSet<_>>().len();
        for (id, sequence, correct, started) in sitting {
            let duration_ms = rng.gen_range(240_000..1_200_000);
            // Guesses of the full-marks count scatter around the true figure.
            let prediction = (full_marks as f64 * rng.gen_range(0.3..1.8)).round() as i64;
            attempts.push(attempt::ActiveModel {
                round_id: Set(r.id),
                contestant_id: Set(id),
                sequence: Set(sequence),
                started_at: Set(started),
                deadline_at: Set(started + Duration::seconds(i64::from(r.time_limit_seconds))),
                submitted_at: Set(Some(started + Duration::milliseconds(i64::from(duration_ms)))),
                last_answer_at: Set(Some(started + Duration::milliseconds(i64::from(duration_ms) - 5_000))),
                correct_count: Set(Some(correct)),
                question_count: Set(20),
                score: Set(Some(correct * 5)),
                duration_ms: Set(Some(duration_ms)),
                prediction: Set(Some(prediction)),
                eligible: Set(true),
                ..Default::default()
            });
        }
    }
    for chunk in attempts.chunks(1000) {
        attempt::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(History { contestants: total_people, attempts: attempts.len() })
}
