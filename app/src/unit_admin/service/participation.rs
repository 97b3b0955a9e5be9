//! Who of the caller's units has taken part in a round (`/quan-tri/tham-gia`):
//! the list, its order and its pages.
use crate::error::AppError;
use crate::unit_admin::{Member, Order, Participation, UnitChoice, PAGE_SIZE};

/// (the page shown, the number of pages) for `total` contestants and the page asked:
/// a page past the end shows the last one.
pub fn page_of(total: usize, asked: u64) -> (u64, u64) {
    let pages = total.div_ceil(PAGE_SIZE).max(1) as u64;
    (asked.clamp(1, pages), pages)
}

/// A name folded for sorting close to the Vietnamese alphabet: case and tone
/// marks ignored, "đ" after every "d…" (Dương before Đinh).
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

pub async fn list(
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
    let visible = super::visible_units(db, staff).await?;
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
        let branch = super::branch(&all_units, asked);
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
    let choices: Vec<UnitChoice> = super::depth_first(&all_units)
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

#[cfg(test)]
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
