//! The contest home page's data, straight from the service, on every backend.
mod common;

use app::contest::{service, RoundStatus};
use app::entities::{attempt, category, contest, contestant, round, unit};
use app::error::AppError;
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

#[tokio::test]
async fn home_features_the_live_contest_with_week_2_open() {
    for t in common::demo_databases("home", now()).await {
        let home = service::contest_home(&t.db, None, now()).await.unwrap();
        assert_eq!(home.slug, "cchc-lang-son-trai-nghiem", "{}", t.backend);
        let statuses: Vec<RoundStatus> = home.rounds.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            vec![RoundStatus::Closed, RoundStatus::Open, RoundStatus::Upcoming, RoundStatus::Upcoming]
        );
        let next = home.next_event.unwrap();
        assert_eq!(next.label, "Tuần 2 kết thúc sau");
        // Week 2 ends at 24:00 on Sunday 29/11/2026 local time = 17:00 UTC.
        assert_eq!(next.at_ms, Utc.with_ymd_and_hms(2026, 11, 29, 17, 0, 0).unwrap().timestamp_millis());
        assert_eq!(home.rounds[1].opens_label, "23/11/2026 00:00");
        // Midnight is written as the next day's 00:00, as everywhere (app::format).
        assert_eq!(home.rounds[1].closes_label, "30/11/2026 00:00");
        assert_eq!(home.server_now_ms, now().timestamp_millis());
        assert!(home.rules.len() > 3 && home.rules.iter().any(|p| p.contains("20 câu hỏi")));
        assert_eq!(home.other_contests.len(), 1);
        assert_eq!(home.other_contests[0].slug, "cchc-lang-son-2022");
        t.finish().await;
    }
}

#[tokio::test]
async fn the_2022_contest_shows_its_dates_in_local_time() {
    for t in common::demo_databases("home2022", now()).await {
        let home = service::contest_home(&t.db, Some("cchc-lang-son-2022"), now()).await.unwrap();
        let labels: Vec<(&str, &str)> =
            home.rounds.iter().map(|r| (r.opens_label.as_str(), r.closes_label.as_str())).collect();
        assert_eq!(
            labels,
            vec![
                ("03/10/2022 00:00", "10/10/2022 00:00"),
                ("10/10/2022 00:00", "17/10/2022 00:00"),
                ("17/10/2022 00:00", "24/10/2022 00:00"),
                ("24/10/2022 00:00", "31/10/2022 00:00"),
            ]
        );
        assert!(home.rounds.iter().all(|r| r.status == RoundStatus::Closed));
        assert_eq!(home.next_event, None);
        t.finish().await;
    }
}

#[tokio::test]
async fn unknown_or_unpublished_contests_are_not_found() {
    for t in common::demo_databases("notfound", now()).await {
        let err = service::contest_home(&t.db, Some("khong-ton-tai"), now()).await.unwrap_err();
        assert_eq!(err, AppError::not_found("cuộc thi"));
        assert_eq!(err.to_string(), "Không tìm thấy cuộc thi.");
        assert_eq!(err.status_code(), 404);

        let hidden = contest::Entity::find()
            .filter(contest::Column::Slug.eq("cchc-lang-son-2022"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let mut hidden: contest::ActiveModel = hidden.into();
        hidden.published = Set(false);
        hidden.update(&t.db).await.unwrap();
        assert!(service::contest_home(&t.db, Some("cchc-lang-son-2022"), now()).await.is_err());
        t.finish().await;
    }
}

#[tokio::test]
async fn counters_count_registered_contestants_and_attempts_of_the_contest_only() {
    for t in common::demo_databases("counters", now()).await {
        let live = contest::Entity::find()
            .filter(contest::Column::Slug.eq("cchc-lang-son-trai-nghiem"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let before = service::live_counters(&t.db, live.id).await.unwrap();
        assert_eq!((before.contestants, before.attempts), (0, 0));

        let cat = category::Entity::find()
            .filter(category::Column::ContestId.eq(live.id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let unit =
            unit::Entity::find().filter(unit::Column::Code.eq("SNV")).one(&t.db).await.unwrap().unwrap();
        let week2 = round::Entity::find()
            .filter(round::Column::ContestId.eq(live.id))
            .filter(round::Column::Number.eq(2))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let person = contestant::ActiveModel {
            full_name: Set("Nguyễn Văn An".into()),
            birth_date: Set(NaiveDate::from_ymd_opt(1990, 5, 17).unwrap()),
            phone: Set("0912345678".into()),
            id_number: Set(None),
            email: Set(None),
            category: Set(cat.code.clone()),
            unit_id: Set(unit.id),
            password_hash: Set("$argon2id$placeholder-for-counting".into()),
            profile_locked_at: Set(None),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
        for sequence in 1..=2 {
            attempt::ActiveModel {
                round_id: Set(week2.id),
                contestant_id: Set(person.id),
                sequence: Set(sequence),
                started_at: Set(now()),
                deadline_at: Set(now() + chrono::Duration::minutes(20)),
                submitted_at: Set(None),
                last_answer_at: Set(None),
                correct_count: Set(None),
                question_count: Set(20),
                score: Set(None),
                duration_ms: Set(None),
                prediction: Set(None),
                eligible: Set(true),
                ..Default::default()
            }
            .insert(&t.db)
            .await
            .unwrap();
        }
        let after = service::live_counters(&t.db, live.id).await.unwrap();
        assert_eq!((after.contestants, after.attempts), (1, 2), "{}", t.backend);
        // Accounts are platform-wide; attempts count per contest.
        let other = service::contest_home(&t.db, Some("cchc-lang-son-2022"), now()).await.unwrap();
        assert_eq!((other.counters.contestants, other.counters.attempts), (1, 0));
        t.finish().await;
    }
}
