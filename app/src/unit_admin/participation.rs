//! `/quan-tri/tham-gia`: for a unit contact, the registered contestants of
//! their branch and who has or has not taken part in a round yet, to nudge
//! colleagues; organizers see every unit. 50 a page, filtered by unit (with its
//! sub-units) and sorted; exportable as CSV, filter and order included
//! (`GET /api/admin/units/participation.csv`).
use crate::error::AppError;
use crate::ui::{client_resource, Refused};
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

/// Contestants a page.
pub const PAGE_SIZE: usize = 50;

/// How the list is ordered (`sap-xep` in the page's address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Those who have not taken part first (the ones to remind), then by name.
    #[default]
    NotYet,
    Name,
    Unit,
    /// Best score, highest first; those without one last.
    Score,
}

impl Order {
    pub const ALL: [Order; 4] = [Order::NotYet, Order::Name, Order::Unit, Order::Score];

    /// The word in the page's address.
    pub fn code(self) -> &'static str {
        match self {
            Order::NotYet => "chua-thi",
            Order::Name => "ten",
            Order::Unit => "don-vi",
            Order::Score => "diem",
        }
    }

    pub fn from_code(code: &str) -> Order {
        Order::ALL.into_iter().find(|o| o.code() == code).unwrap_or_default()
    }

    /// The word in the API and the CSV link (`order=`).
    pub fn api(self) -> &'static str {
        match self {
            Order::NotYet => "not_yet",
            Order::Name => "name",
            Order::Unit => "unit",
            Order::Score => "score",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Order::NotYet => "Chưa thi trước",
            Order::Name => "Họ tên (A–Z)",
            Order::Unit => "Đơn vị (A–Z)",
            Order::Score => "Điểm cao nhất",
        }
    }
}

/// A unit in the filter, indented by its depth in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChoice {
    pub id: i32,
    pub name: String,
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub round_id: i32,
    pub round_title: String,
    /// This page's contestants.
    pub members: Vec<Member>,
    /// Contestants matching the filter, and how many of them have not taken part.
    pub total: u64,
    pub missing: u64,
    /// 1-based; `pages` is at least 1.
    pub page: u64,
    pub pages: u64,
    pub unit_id: Option<i32>,
    pub order: Order,
    /// The units the caller may filter by.
    pub units: Vec<UnitChoice>,
}

/// Contestants of the caller's units and their attempts in `round_id` (default:
/// the latest round that has opened), one page of 50, optionally only those of
/// `unit_id` and its sub-units, in the order asked (default: not yet taken part first).
#[server(prefix = "/api", endpoint = "admin/units/participation", input = GetUrl)]
pub async fn admin_unit_participation(
    round_id: Option<i32>,
    page: Option<u64>,
    unit_id: Option<i32>,
    order: Option<Order>,
) -> Result<Participation, AppError> {
    let staff = crate::staff::guard::require(crate::staff::guard::Access::Staff).await?;
    let db = crate::state::db()?;
    let mut list =
        service(&db, &staff, round_id, unit_id, order.unwrap_or_default(), chrono::Utc::now()).await?;
    let (page, pages) = page_of(list.members.len(), page.unwrap_or(1));
    let start = (page as usize - 1) * PAGE_SIZE;
    list.members = list.members.into_iter().skip(start).take(PAGE_SIZE).collect();
    list.page = page;
    list.pages = pages;
    Ok(list)
}

/// (the page shown, the number of pages) for `total` contestants and the page asked:
/// a page past the end shows the last one.
#[cfg(feature = "ssr")]
pub fn page_of(total: usize, asked: u64) -> (u64, u64) {
    let pages = total.div_ceil(PAGE_SIZE).max(1) as u64;
    (asked.clamp(1, pages), pages)
}

/// A name folded for sorting close to the Vietnamese alphabet: case and tone
/// marks ignored, "đ" after every "d…" (Dương before Đinh).
#[cfg(feature = "ssr")]
fn sort_key(text: &str) -> (String, String) {
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'đ' | 'Đ' => key.push_str("d~"),
            c => key.push_str(&deunicode::deunicode_char(c).unwrap_or("").to_lowercase()),
        }
    }
    (key, text.to_lowercase())
}

/// Puts the whole list in the asked order (pure, for tests).
#[cfg(feature = "ssr")]
pub fn arrange(members: &mut [Member], order: Order) {
    match order {
        Order::NotYet => members.sort_by_cached_key(|m| (m.attempts > 0, sort_key(&m.full_name))),
        Order::Name => members.sort_by_cached_key(|m| sort_key(&m.full_name)),
        Order::Unit => members.sort_by_cached_key(|m| (sort_key(&m.unit_name), sort_key(&m.full_name))),
        Order::Score => members.sort_by_cached_key(|m| {
            (m.best_score.is_none(), std::cmp::Reverse(m.best_score), sort_key(&m.full_name))
        }),
    }
}

#[cfg(feature = "ssr")]
async fn service(
    db: &impl sea_orm::ConnectionTrait,
    staff: &crate::staff::guard::Staff,
    round_id: Option<i32>,
    unit_id: Option<i32>,
    order: Order,
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
    let all_units = unit::Entity::find().all(db).await?;
    let visible = super::service::visible_units(db, staff).await?;
    // A unit outside the caller's branch is refused, not silently widened.
    if let (Some(asked), Some(visible)) = (unit_id, &visible) {
        if !visible.contains(&asked) {
            return Err(AppError::Forbidden);
        }
    }
    let mut people = contestant::Entity::find();
    if let Some(units) = &visible {
        people = people.filter(contestant::Column::UnitId.is_in(units.iter().copied().collect::<Vec<_>>()));
    }
    if let Some(asked) = unit_id {
        let branch = super::service::branch(&all_units, asked);
        people = people.filter(contestant::Column::UnitId.is_in(branch.into_iter().collect::<Vec<_>>()));
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
    let units: HashMap<i32, String> = all_units.iter().map(|u| (u.id, u.name.clone())).collect();
    let choices: Vec<UnitChoice> = super::service::depth_first(&all_units)
        .into_iter()
        .filter(|(u, _)| visible.as_ref().is_none_or(|v| v.contains(&u.id)))
        .map(|(u, depth)| UnitChoice { id: u.id, name: u.name.clone(), depth })
        .collect();
    // Unit contacts see a member's phone masked, organizers whole (contestant_admin::service::Identity).
    let identity = crate::contestant_admin::service::Identity::from(staff);
    let mut members: Vec<Member> = people
        .into_iter()
        .map(|p| {
            let (attempts, best_score) = done.get(&p.id).copied().unwrap_or((0, None));
            Member {
                contestant_id: p.id,
                unit_name: units.get(&p.unit_id).cloned().unwrap_or_default(),
                full_name: p.full_name,
                phone: identity.phone(p.phone),
                attempts,
                best_score,
            }
        })
        .collect();
    arrange(&mut members, order);
    let missing = members.iter().filter(|m| m.attempts == 0).count() as u64;
    Ok(Participation {
        round_id: round.id,
        round_title: round.title,
        total: members.len() as u64,
        missing,
        page: 1,
        pages: 1,
        members,
        unit_id,
        order,
        units: choices,
    })
}

pub const CSV_PATH: &str = "/api/admin/units/participation.csv";

/// The list as CSV for Excel with Vietnamese settings (UTF-8 with BOM so Excel shows the
/// diacritics, ";" between fields, as every CSV download). Names and units are text a
/// contestant typed, so a name like "=HYPERLINK(…)" is quoted rather than run by Excel.
#[cfg(feature = "ssr")]
pub fn to_csv(members: &[Member]) -> Result<Vec<u8>, csv::Error> {
    use bankfile::cell::neutralise;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(crate::format::CSV_DELIMITER)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
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
    unit_id: Option<i32>,
    order: Option<Order>,
}

/// `GET /api/admin/units/participation.csv?round_id=ID&unit_id=ID&order=not_yet`: the page's
/// list, every page of it, as a file.
#[cfg(feature = "ssr")]
pub async fn download_csv(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Query(query): axum::extract::Query<CsvQuery>,
) -> axum::response::Response {
    let made = async {
        let staff =
            crate::staff::guard::check(&state.db, &session, crate::staff::guard::Access::Staff).await?;
        let list = service(
            &state.db,
            &staff,
            query.round_id,
            query.unit_id,
            query.order.unwrap_or_default(),
            chrono::Utc::now(),
        )
        .await?;
        to_csv(&list.members)
            .map_err(|e| crate::error::AppError::internal_because("participation export failed", e))
    };
    crate::download::attachment(made.await, "text/csv; charset=utf-8", "tham-gia.csv")
}

/// The page's address for these choices (`dot`, `don-vi`, `sap-xep`, `trang`).
fn address(round_id: i32, unit_id: Option<i32>, order: Order, page: u64) -> String {
    let mut href = format!("/quan-tri/tham-gia?dot={round_id}");
    if let Some(unit) = unit_id {
        href.push_str(&format!("&don-vi={unit}"));
    }
    if order != Order::NotYet {
        href.push_str(&format!("&sap-xep={}", order.code()));
    }
    if page > 1 {
        href.push_str(&format!("&trang={page}"));
    }
    href
}

#[component]
pub fn ParticipationPage() -> impl IntoView {
    let query = use_query_map();
    let data = client_resource(
        move || {
            let q = query.read();
            let number = |key: &str| q.get(key).and_then(|v| v.parse::<i32>().ok());
            (
                number("dot"),
                q.get("trang").and_then(|v| v.parse::<u64>().ok()),
                number("don-vi"),
                q.get("sap-xep").map(|v| Order::from_code(&v)),
            )
        },
        |(round, page, unit, order)| admin_unit_participation(round, page, unit, order),
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
    let (round_id, unit_id, order, page, pages) =
        (data.round_id, data.unit_id, data.order, data.page, data.pages);
    // Made by the server, where every CSV export neutralises formula-like text the same way.
    let mut href = format!("{CSV_PATH}?round_id={round_id}&order={}", order.api());
    if let Some(unit) = unit_id {
        href.push_str(&format!("&unit_id={unit}"));
    }
    let first = (page - 1) * PAGE_SIZE as u64 + 1;
    let last = (first + data.members.len() as u64).saturating_sub(1);
    view! {
        <section class="card">
            <h1>"Theo dõi tham gia: " {data.round_title.clone()}</h1>
            <p>{format!("{} thí sinh đã đăng ký, {} chưa thi đợt này.", data.total, data.missing)}</p>
            // A real GET form: choosing a unit or an order works before the page is hydrated.
            <form method="get" action="/quan-tri/tham-gia" class="filters">
                <input type="hidden" name="dot" value=round_id.to_string()/>
                <label for="p-unit">"Đơn vị"</label>
                <select id="p-unit" name="don-vi">
                    <option value="" selected=unit_id.is_none()>"Tất cả đơn vị"</option>
                    {data.units.iter().map(|u| view! {
                        <option value=u.id.to_string() selected=unit_id == Some(u.id)>
                            {format!("{}{}", "\u{a0}\u{a0}".repeat(u.depth), u.name)}
                        </option>
                    }).collect_view()}
                </select>
                <label for="p-order">"Sắp xếp"</label>
                <select id="p-order" name="sap-xep">
                    {Order::ALL.into_iter().map(|o| view! {
                        <option value=o.code() selected=o == order>{o.label()}</option>
                    }).collect_view()}
                </select>
                <button type="submit">"Xem"</button>
            </form>
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
            <nav class="pager-nav" aria-label="Phân trang">
                {(page > 1).then(|| view! { <a href=address(round_id, unit_id, order, page - 1) rel="prev">"← Trang trước"</a> })}
                <span aria-current="page">{format!("Trang {page}/{pages}")}</span>
                {(data.total > 0).then(|| view! { <span class="hint">{format!("(thí sinh {first}–{last})")}</span> })}
                {(page < pages).then(|| view! { <a href=address(round_id, unit_id, order, page + 1) rel="next">"Trang sau →"</a> })}
            </nav>
        </section>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn member(name: &str, unit: &str, attempts: u64, best_score: Option<i32>) -> Member {
        Member {
            contestant_id: 0,
            full_name: name.into(),
            phone: String::new(),
            unit_name: unit.into(),
            attempts,
            best_score,
        }
    }

    #[test]
    fn pages_of_fifty_and_a_page_past_the_end_shows_the_last() {
        assert_eq!(page_of(0, 1), (1, 1));
        assert_eq!(page_of(50, 2), (1, 1));
        assert_eq!(page_of(7837, 2), (2, 157));
        assert_eq!(page_of(7837, 999), (157, 157));
        assert_eq!(page_of(51, 0), (1, 2));
    }

    #[test]
    fn orders_put_the_right_people_first() {
        let mut list = vec![
            member("Đinh Văn Bình", "Sở Nội vụ", 1, Some(80)),
            member("Dương Thị An", "Huyện Cao Lộc", 0, None),
            member("Bế Thị Hoa", "Sở Tư pháp", 2, Some(100)),
            member("Lường Văn Cường", "Sở Nội vụ", 0, None),
        ];
        let names = |l: &[Member]| l.iter().map(|m| m.full_name.as_str()).collect::<Vec<_>>().join(", ");
        arrange(&mut list, Order::NotYet);
        assert_eq!(names(&list), "Dương Thị An, Lường Văn Cường, Bế Thị Hoa, Đinh Văn Bình");
        arrange(&mut list, Order::Name);
        assert_eq!(names(&list), "Bế Thị Hoa, Dương Thị An, Đinh Văn Bình, Lường Văn Cường");
        arrange(&mut list, Order::Score);
        assert_eq!(names(&list), "Bế Thị Hoa, Đinh Văn Bình, Dương Thị An, Lường Văn Cường");
        arrange(&mut list, Order::Unit);
        assert_eq!(names(&list), "Dương Thị An, Đinh Văn Bình, Lường Văn Cường, Bế Thị Hoa");
    }
}
