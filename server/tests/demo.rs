//! The demo data is complete, correct and loaded all-or-nothing, on every backend.
mod common;

use app::entities::unit::UnitKind;
use app::entities::{
    category, contest, question, question_option, round, round_question, staff_account, topic, unit,
};
use app::time::local_midnight;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

fn now() -> chrono::DateTime<Utc> {
    // A Wednesday afternoon in Ha Noi: week 2 of the live copy must be open.
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

#[tokio::test]
async fn question_bank_has_120_real_questions_over_six_areas() {
    for t in common::demo_databases("bank", now()).await {
        let topics = topic::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(topics.len(), 6, "{}", t.backend);
        let questions = question::Entity::find().all(&t.db).await.unwrap();
        assert!(questions.len() >= 120, "{}: only {} questions", t.backend, questions.len());

        let mut per_topic: HashMap<i32, usize> = HashMap::new();
        for q in &questions {
            *per_topic.entry(q.topic_id).or_default() += 1;
        }
        for topic in &topics {
            assert!(
                per_topic.get(&topic.id).copied().unwrap_or(0) >= 20,
                "{}: topic {} too small",
                t.backend,
                topic.code
            );
        }

        let texts: HashSet<&str> = questions.iter().map(|q| q.normalized_text.as_str()).collect();
        assert_eq!(texts.len(), questions.len(), "{}: duplicate questions", t.backend);

        let options = question_option::Entity::find().all(&t.db).await.unwrap();
        let mut by_question: HashMap<i32, Vec<&question_option::Model>> = HashMap::new();
        for o in &options {
            by_question.entry(o.question_id).or_default().push(o);
        }
        let mut correct_positions = HashSet::new();
        for q in &questions {
            let opts = &by_question[&q.id];
            assert_eq!(opts.len(), 4, "{}: question {} needs four options", t.backend, q.id);
            let correct: Vec<_> = opts.iter().filter(|o| o.is_correct).collect();
            assert_eq!(correct.len(), 1, "{}: question {} needs exactly one correct option", t.backend, q.id);
            correct_positions.insert(correct[0].position);
            assert!(
                !q.text.trim().is_empty() && !q.text.is_ascii(),
                "{}: question {} is not Vietnamese",
                t.backend,
                q.id
            );
        }
        // The answer key is not always "A".
        assert_eq!(correct_positions.len(), 4, "{}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn units_follow_lang_son_in_2022() {
    for t in common::demo_databases("units", now()).await {
        let units = unit::Entity::find().all(&t.db).await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap();
        assert_eq!(root.name, "Tỉnh Lạng Sơn");
        let districts: Vec<_> = units.iter().filter(|u| u.kind == UnitKind::District).collect();
        assert_eq!(districts.len(), 11, "{}", t.backend);
        for d in &districts {
            let communes =
                units.iter().filter(|u| u.parent_id == Some(d.id) && u.kind == UnitKind::Commune).count();
            assert!(communes >= 3, "{}: {} has {communes} communes", t.backend, d.name);
        }
        for name in [
            "Sở Nội vụ",
            "Sở Y tế",
            "Thanh tra tỉnh",
            "Cục Thuế tỉnh Lạng Sơn",
            "Thành phố Lạng Sơn",
            "Huyện Đình Lập",
        ] {
            assert!(units.iter().any(|u| u.name == name), "{}: missing {name}", t.backend);
        }
        assert!(units.iter().filter(|u| u.parent_id.is_some()).all(|u| u.headcount > 0));
        t.finish().await;
    }
}

#[tokio::test]
async fn the_2022_contest_keeps_its_real_schedule_and_rules() {
    for t in common::demo_databases("schedule", now()).await {
        let c = contest::Entity::find()
            .filter(contest::Column::Slug.eq("cchc-lang-son-2022"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(c.published);
        assert!(c.rules.contains("151/QĐ-BTCCT"));
        let rounds = round::Entity::find()
            .filter(round::Column::ContestId.eq(c.id))
            .order_by_asc(round::Column::Number)
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(rounds.len(), 4);
        // Monday 03/10/2022 00:00 in Ha Noi is 17:00 UTC on Sunday 02/10.
        assert_eq!(rounds[0].opens_at, Utc.with_ymd_and_hms(2022, 10, 2, 17, 0, 0).unwrap());
        // Sunday 30/10/2022 24:00 in Ha Noi.
        assert_eq!(rounds[3].closes_at, Utc.with_ymd_and_hms(2022, 10, 30, 17, 0, 0).unwrap());
        let pool_size = round_question::Entity::find()
            .filter(round_question::Column::RoundId.eq(rounds[0].id))
            .count(&t.db)
            .await
            .unwrap();
        for r in &rounds {
            assert_eq!(r.closes_at - r.opens_at, Duration::days(7));
            assert_eq!((r.questions_per_attempt, r.time_limit_seconds, r.attempts_allowed), (20, 1200, 2));
            assert_eq!(r.counted_attempt, app::entities::round::CountedAttempt::Best);
            assert_eq!(r.prediction_kind, app::entities::round::PredictionKind::FullMarks);
            assert!(r.prediction_prompt.as_deref().unwrap_or("").contains("bao nhiêu người"));
        }
        assert!(pool_size >= 120);
        let categories: Vec<String> = category::Entity::find()
            .filter(category::Column::ContestId.eq(c.id))
            .order_by_asc(category::Column::SortOrder)
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.code)
            .collect();
        assert_eq!(categories, vec!["civil_servant", "citizen"]);
        t.finish().await;
    }
}

#[tokio::test]
async fn the_live_copy_has_exactly_one_round_open_now() {
    for t in common::demo_databases("live", now()).await {
        let c = contest::Entity::find()
            .filter(contest::Column::Slug.eq("cchc-lang-son-trai-nghiem"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let rounds = round::Entity::find()
            .filter(round::Column::ContestId.eq(c.id))
            .order_by_asc(round::Column::Number)
            .all(&t.db)
            .await
            .unwrap();
        let open: Vec<i32> =
            rounds.iter().filter(|r| r.opens_at <= now() && now() < r.closes_at).map(|r| r.number).collect();
        assert_eq!(open, vec![2], "{}", t.backend);
        // Week 2 opened at 00:00 on Monday 23/11/2026, local time.
        assert_eq!(rounds[1].opens_at, local_midnight(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()));
        t.finish().await;
    }
}

#[tokio::test]
async fn demo_loads_once_and_its_organizer_can_sign_in() {
    for t in common::migrated_databases("once").await {
        let first = server::demo::seed_if_empty(&t.db, &t.data_dir, now()).await.unwrap();
        assert!(first.is_some(), "{}: empty database gets the demo", t.backend);
        let second = server::demo::seed_if_empty(&t.db, &t.data_dir, now()).await.unwrap();
        assert_eq!(second, None, "{}: a second start loads nothing", t.backend);
        assert_eq!(contest::Entity::find().count(&t.db).await.unwrap(), 2);

        let sign_in = std::fs::read_to_string(server::demo::organizer_file(&t.data_dir)).unwrap();
        let password = sign_in.trim().rsplit(" / ").next().unwrap();
        let account = staff_account::Entity::find().one(&t.db).await.unwrap().unwrap();
        assert_eq!(account.role, app::staff::Role::Organizer);
        assert!(sign_in.contains(&account.email));
        assert!(
            app::password::verify(password, &account.password_hash),
            "{}: printed password works",
            t.backend
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn a_failed_demo_load_leaves_nothing_half_written() {
    for t in common::migrated_databases("atomic").await {
        // The organizer is created last; an existing account with its e-mail makes that step fail.
        use sea_orm::{ActiveModelTrait, Set};
        staff_account::ActiveModel {
            email: Set("btc@cuocthi.example".into()),
            full_name: Set("Đã có".into()),
            role: Set(app::staff::Role::Admin),
            unit_id: Set(None),
            password_hash: Set("x".into()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
        assert!(server::demo::seed(&t.db, &t.data_dir, now()).await.is_err(), "{}", t.backend);
        assert_eq!(unit::Entity::find().count(&t.db).await.unwrap(), 0, "{}", t.backend);
        assert_eq!(question::Entity::find().count(&t.db).await.unwrap(), 0, "{}", t.backend);
        assert_eq!(contest::Entity::find().count(&t.db).await.unwrap(), 0, "{}", t.backend);
        assert!(!server::demo::organizer_file(&t.data_dir).exists());
        t.finish().await;
    }
}
