//! `/quan-tri/tham-gia`: for a unit contact, the registered members of their
//! branch and who has or has not taken part in a round yet, to nudge
//! colleagues; organizers see every unit. Exportable as CSV
//! (`GET /api/admin/units/participation.csv`).
use crate::dashboard::{client_resource, Refused};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub contestant_id: i32,
    pub full_name: String,
    pub phone: String,
    pub unit_name: String,
    /// Submitted attempts in the round.
    pub attempts: u64,
    pub best_score: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub round_id: i32,
    pub round_title: String,
    pub members: Vec<Member>,
}

/// Members of the caller's units and their attempts in `round_id` (default:
/// the latest round that has opened). Members who have not taken part come first.
#[server(prefix = "/api", endpoint = "admin/units/participation", input = GetUrl)]
pub async fn admin_unit_participation(round_id: Option<i32>) -> Result<Participation, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Staff).await?;
    let db = crate::state::db()?;
    service(&db, &staff, round_id, chrono::Utc::now()).await.map_err(crate::error::fail)
}

#[cfg(feature = "ssr")]
async fn service(
    db: &impl sea_orm::ConnectionTrait,
    staff: &crate::staff::guard::Staff,
    round_id: Option<i32>,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::error::Result<Participation> {
    use crate::entities::{attempt, contestant, round, unit};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    use std::collections::HashMap;
    let round = match round_id {
        Some(id) => round::Entity::find_by_id(id).one(db).await?,
        None => {
            round::Entity::find()
                .filter(round::Column::OpensAt.lte(now))
                .order_by_desc(round::Column::OpensAt)
                .one(db)
                .await?
        }
    }
    .ok_or_else(|| AppError::not_found("đợt thi"))?;
    let mut people = contestant::Entity::find();
    if let Some(units) = super::service::visible_units(db, staff).await? {
        people = people.filter(contestant::Column::UnitId.is_in(units));
    }
    let people = people.order_by_asc(contestant::Column::FullName).all(db).await?;
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let mut done: HashMap<i32, (u64, Option<i32>)> = HashMap::new();
    for chunk in ids.chunks(5000) {
        for a in attempt::Entity::find()
            .filter(attempt::Column::RoundId.eq(round.id))
            .filter(attempt::Column::SubmittedAt.is_not_null())
            .filter(attempt::Column::ContestantId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            let entry = done.entry(a.contestant_id).or_insert((0, None));
            entry.0 += 1;
            entry.1 = entry.1.max(a.score);
        }
    }
    let units: HashMap<i32, String> =
        unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let mut members: Vec<Member> = people
        .into_iter()
        .map(|p| {
            let (attempts, best_score) = done.get(&p.id).copied().unwrap_or((0, None));
            Member {
                contestant_id: p.id,
                unit_name: units.get(&p.unit_id).cloned().unwrap_or_default(),
                full_name: p.full_name,
                phone: p.phone,
                attempts,
                best_score,
            }
        })
        .collect();
    // Not yet taken part first: those are the colleagues to remind.
    members.sort_by_key(|m| m.attempts > 0);
    Ok(Participation { round_id: round.id, round_title: round.title, members })
}

pub const CSV_PATH: &str = "/api/admin/units/participation.csv";

/// The list as CSV (UTF-8 with BOM so Excel shows the diacritics). Names and units are text a
/// contestant typed, so a name like "=HYPERLINK(…)" is quoted rather than run by Excel.
#[cfg(feature = "ssr")]
pub fn to_csv(members: &[Member]) -> Result<Vec<u8>, csv::Error> {
    use bankfile::cell::neutralise;
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(["Họ tên", "Điện thoại", "Đơn vị", "Lượt thi", "Điểm cao nhất"])?;
    for m in members {
        writer.write_record([
            neutralise(&m.full_name).into_owned(),
            neutralise(&m.phone).into_owned(),
            neutralise(&m.unit_name).into_owned(),
            m.attempts.to_string(),
            m.best_score.map(|s| s.to_string()).unwrap_or_default(),
        ])?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[derive(Debug, Deserialize)]
#[cfg(feature = "ssr")]
pub struct CsvQuery {
    round_id: Option<i32>,
}

/// `GET /api/admin/units/participation.csv?round_id=ID`: the same list as the page, as a file.
#[cfg(feature = "ssr")]
pub async fn download_csv(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Query(query): axum::extract::Query<CsvQuery>,
) -> axum::response::Response {
    let made = async {
        let staff =
            crate::staff::guard::check(&state.db, &session, crate::staff::guard::Access::Staff).await?;
        let list = service(&state.db, &staff, query.round_id, chrono::Utc::now()).await?;
        to_csv(&list.members).map_err(|e| {
            tracing::error!(error = %e, "participation export failed");
            AppError::Internal
        })
    };
    crate::download::attachment(made.await, "text/csv; charset=utf-8", "tham-gia.csv")
}

#[component]
pub fn ParticipationPage() -> impl IntoView {
    let query = use_query_map();
    let data = client_resource(
        move || query.read().get("dot").and_then(|v| v.parse::<i32>().ok()),
        admin_unit_participation,
    );
    view! {
        <Title text="Theo dõi tham gia"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <Members data=p/> }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Members(data: Participation) -> impl IntoView {
    let missing = data.members.iter().filter(|m| m.attempts == 0).count();
    // Made by the server, where every CSV export neutralises formula-like text the same way.
    let href = format!("{CSV_PATH}?round_id={}", data.round_id);
    view! {
        <section class="card">
            <h1>"Theo dõi tham gia: " {data.round_title.clone()}</h1>
            <p>{format!("{} thành viên đã đăng ký, {} chưa thi đợt này.", data.members.len(), missing)}</p>
            <p><a href=href download="tham-gia.csv">"Tải danh sách (CSV)"</a></p>
            <table class="schedule">
                <thead><tr><th>"Họ tên"</th><th>"Điện thoại"</th><th>"Đơn vị"</th><th>"Lượt thi"</th><th>"Điểm cao nhất"</th></tr></thead>
                <tbody>{data.members.into_iter().map(|m| {
                    let took_part = m.attempts > 0;
                    view! {
                    <tr class:retired=took_part>
                        <td>{m.full_name}</td><td>{m.phone}</td><td>{m.unit_name}</td>
                        <td>{if m.attempts == 0 { "Chưa thi".to_owned() } else { m.attempts.to_string() }}</td>
                        <td>{m.best_score}</td>
                    </tr>
                }}).collect_view()}</tbody>
            </table>
        </section>
    }
}
