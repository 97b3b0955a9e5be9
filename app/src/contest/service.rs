//! Queries behind the contest home page. Plain functions over a connection,
//! so tests call them directly on SQLite and PostgreSQL.
use super::types::{ContestHome, ContestLink, LiveCounters, NextEvent, RoundStatus, RoundSummary};
use crate::entities::{attempt, contest, contestant, round};
use crate::error::{AppError, Result};
use crate::time;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// Where `round` stands at `now`. A round is open from `opens_at` (inclusive)
/// to `closes_at` (exclusive).
pub fn round_status(round: &round::Model, now: DateTime<Utc>) -> RoundStatus {
    if now < round.opens_at {
        RoundStatus::Upcoming
    } else if now < round.closes_at {
        RoundStatus::Open
    } else {
        RoundStatus::Closed
    }
}

/// The next opening or closing after `now`, with its label.
pub fn next_event(rounds: &[round::Model], now: DateTime<Utc>) -> Option<NextEvent> {
    if let Some(open) = rounds.iter().find(|r| round_status(r, now) == RoundStatus::Open) {
        return Some(NextEvent {
            label: format!("{} kết thúc sau", open.title),
            at_ms: open.closes_at.timestamp_millis(),
        });
    }
    rounds.iter().filter(|r| r.opens_at > now).min_by_key(|r| r.opens_at).map(|next| NextEvent {
        label: format!("{} bắt đầu sau", next.title),
        at_ms: next.opens_at.timestamp_millis(),
    })
}

/// The contest a visitor of `/` should see: one with a round open now, else the
/// one whose next round opens soonest, else the one that closed last.
pub async fn featured_contest(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Option<contest::Model>> {
    let published: Vec<contest::Model> =
        contest::Entity::find().filter(contest::Column::Published.eq(true)).all(db).await?;
    let ids: Vec<i32> = published.iter().map(|c| c.id).collect();
    let rounds = round::Entity::find().filter(round::Column::ContestId.is_in(ids)).all(db).await?;

    let open = rounds.iter().find(|r| round_status(r, now) == RoundStatus::Open);
    let upcoming = rounds.iter().filter(|r| r.opens_at > now).min_by_key(|r| r.opens_at);
    let latest = rounds.iter().max_by_key(|r| r.closes_at);
    let chosen = open.or(upcoming).or(latest).map(|r| r.contest_id);
    Ok(match chosen {
        Some(id) => published.into_iter().find(|c| c.id == id),
        None => published.into_iter().next(),
    })
}

/// The published contest `slug`, or the featured one when `slug` is absent.
pub async fn find_contest(
    db: &impl ConnectionTrait,
    slug: Option<&str>,
    now: DateTime<Utc>,
) -> Result<contest::Model> {
    let found = match slug {
        Some(slug) => {
            contest::Entity::find()
                .filter(contest::Column::Slug.eq(slug))
                .filter(contest::Column::Published.eq(true))
                .one(db)
                .await?
        }
        None => featured_contest(db, now).await?,
    };
    found.ok_or_else(|| AppError::not_found("cuộc thi"))
}

/// Everything the contest home page shows.
pub async fn contest_home(
    db: &impl ConnectionTrait,
    slug: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ContestHome> {
    let contest = find_contest(db, slug, now).await?;

    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.eq(contest.id))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?;
    let summaries = rounds
        .iter()
        .map(|r| RoundSummary {
            id: r.id,
            number: r.number,
            title: r.title.clone(),
            opens_label: time::local_datetime(r.opens_at),
            closes_label: time::local_closing(r.closes_at),
            status: round_status(r, now),
            questions_per_attempt: r.questions_per_attempt,
            time_limit_minutes: r.time_limit_seconds / 60,
            attempts_allowed: r.attempts_allowed,
        })
        .collect();

    let other_contests = contest::Entity::find()
        .filter(contest::Column::Published.eq(true))
        .filter(contest::Column::Id.ne(contest.id))
        .order_by_desc(contest::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ContestLink { slug: c.slug, title: c.title })
        .collect();

    Ok(ContestHome {
        contest_id: contest.id,
        counters: live_counters(db, contest.id).await?,
        next_event: next_event(&rounds, now),
        slug: contest.slug,
        title: contest.title,
        organizer_name: contest.organizer_name,
        rules: rules_text(&contest.rules),
        rules_html: rules_html(&contest.rules),
        rounds: summaries,
        server_now_ms: now.timestamp_millis(),
        other_contests,
    })
}

/// The rules as HTML, cleaned again on the way out: rich text from the
/// dashboard keeps its formatting, plain text becomes paragraphs.
pub fn rules_html(stored: &str) -> String {
    if looks_like_html(stored) {
        ammonia::clean(stored)
    } else {
        stored
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| format!("<p>{}</p>", l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")))
            .collect()
    }
}

/// A tag opens somewhere (`<p`, `</b`…); a lone "a < b" is plain text.
fn looks_like_html(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
}

/// The rules as plain paragraphs (tags dropped), for API clients.
pub fn rules_text(stored: &str) -> Vec<String> {
    let text = if looks_like_html(stored) {
        // Block ends become line breaks, then every tag is dropped.
        let spaced = stored.replace("</p>", "\n").replace("<br>", "\n").replace("</li>", "\n");
        let stripped = ammonia::Builder::empty().clean(&spaced).to_string();
        stripped
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&nbsp;", " ")
    } else {
        stored.to_owned()
    };
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// Registered contestants and attempts so far in one contest.
pub async fn live_counters(db: &impl ConnectionTrait, contest_id: i32) -> Result<LiveCounters> {
    // Accounts are platform-wide (one per phone number), so this counts them all.
    let contestants = contestant::Entity::find().count(db).await?;
    let round_ids: Vec<i32> = round::Entity::find()
        .select_only()
        .column(round::Column::Id)
        .filter(round::Column::ContestId.eq(contest_id))
        .into_tuple()
        .all(db)
        .await?;
    let attempts =
        attempt::Entity::find().filter(attempt::Column::RoundId.is_in(round_ids)).count(db).await?;
    Ok(LiveCounters {
        contestants: i64::try_from(contestants).unwrap_or(i64::MAX),
        attempts: i64::try_from(attempts).unwrap_or(i64::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn round_at(number: i32, opens: DateTime<Utc>, days: i64) -> round::Model {
        round::Model {
            id: number,
            contest_id: 1,
            number,
            title: format!("Tuần {number}"),
            opens_at: opens,
            closes_at: opens + Duration::days(days),
            questions_per_attempt: 20,
            time_limit_seconds: 1200,
            attempts_allowed: 2,
            counted_attempt: round::CountedAttempt::Best,
            prediction_kind: round::PredictionKind::FullMarks,
            prediction_prompt: None,
            review_policy: round::ReviewPolicy::AfterClose,
            tie_break: crate::results::ranking::DEFAULT_CHAIN.into(),
            truth: None,
            truth_at: None,
            practice: false,
            pool_mode: "manual".into(),
            ranking_generation: 0,
        }
    }

    #[test]
    fn status_is_open_from_opening_until_just_before_closing() {
        let opens = Utc::now();
        let r = round_at(1, opens, 7);
        assert_eq!(round_status(&r, opens - Duration::seconds(1)), RoundStatus::Upcoming);
        assert_eq!(round_status(&r, opens), RoundStatus::Open);
        assert_eq!(round_status(&r, r.closes_at - Duration::seconds(1)), RoundStatus::Open);
        assert_eq!(round_status(&r, r.closes_at), RoundStatus::Closed);
    }

    #[test]
    fn next_event_is_the_open_round_closing_else_the_next_opening() {
        let start = Utc::now();
        let rounds = vec![round_at(1, start, 7), round_at(2, start + Duration::days(7), 7)];
        let during = next_event(&rounds, start + Duration::days(1)).unwrap_or_else(|| panic!("open"));
        assert_eq!(during.label, "Tuần 1 kết thúc sau");
        assert_eq!(during.at_ms, rounds[0].closes_at.timestamp_millis());

        let before = next_event(&rounds, start - Duration::days(1)).unwrap_or_else(|| panic!("next"));
        assert_eq!(before.label, "Tuần 1 bắt đầu sau");

        assert_eq!(next_event(&rounds, start + Duration::days(30)), None);
    }
}

#[cfg(test)]
mod rules_tests {
    use super::{rules_html, rules_text};

    #[test]
    fn plain_rules_become_escaped_paragraphs() {
        assert_eq!(rules_html("Dòng 1\n\n a < b "), "<p>Dòng 1</p><p>a &lt; b</p>");
        assert_eq!(rules_text("Dòng 1\n\n a < b "), vec!["Dòng 1", "a < b"]);
    }

    #[test]
    fn rich_rules_keep_formatting_but_lose_scripts() {
        let stored =
            "<p>Thi <b>4 tuần</b></p><script>alert(1)</script><p onclick=\"x()\">Giải &amp; thưởng</p>";
        assert_eq!(rules_html(stored), "<p>Thi <b>4 tuần</b></p><p>Giải &amp; thưởng</p>");
        assert_eq!(rules_text(stored), vec!["Thi 4 tuần", "Giải & thưởng"]);
    }
}
