//! What the prize work reads from the database: the contest's book (rounds,
//! tiers, lists), the rankings it allocates from, and the stored awards.
use super::*;

/// A contest-wide ranking: each contestant's counted attempts of every round
/// added up. Chain: total score (higher first) → total distance of the
/// predictions (smaller first; a missing one counts as far off) → total
/// duration (shorter first) → last submission (earlier first).
///
/// `cached`: from the rounds' cached rankings (the public leaderboard, which
/// must not rank every round on every request); otherwise ranked now (prize
/// lists, which must see a disqualification at once).
pub async fn rank_contest(
    db: &impl ConnectionTrait,
    contest_id: i32,
    category: Option<&str>,
    cached: Option<&crate::results::cache::RankingCache>,
) -> Result<Vec<(u32, Entry)>> {
    const MISSING_PREDICTION: i64 = 1_000_000_000;
    let rounds = round::Entity::find().filter(round::Column::ContestId.eq(contest_id)).all(db).await?;
    let mut totals: HashMap<i32, Entry> = HashMap::new();
    for r in rounds {
        // The public ranking adds in only the rounds whose true figure is
        // recorded: an open round's scores would give away its figure.
        if cached.is_some() && crate::results::service::figure_withheld(&r) {
            continue;
        }
        let ranked = match cached {
            Some(cache) => crate::results::service::ranked_cached(db, cache, &r, category).await?,
            None => std::sync::Arc::new(rank_round(db, r.id, category).await?),
        };
        for (_, e, _) in &ranked.rows {
            let distance = match (ranked.truth, e.prediction) {
                (Some(t), Some(p)) => (p - t).abs(),
                (Some(_), None) => MISSING_PREDICTION,
                (None, _) => 0,
            };
            let total = totals.entry(e.contestant_id).or_insert(Entry {
                attempt_id: e.contestant_id,
                contestant_id: e.contestant_id,
                score: 0,
                prediction: Some(0),
                duration_ms: 0,
                submitted_ms: 0,
            });
            total.score += e.score;
            total.prediction = total.prediction.map(|d| d.saturating_add(distance));
            total.duration_ms = total.duration_ms.saturating_add(e.duration_ms);
            total.submitted_ms = total.submitted_ms.max(e.submitted_ms);
        }
    }
    // The summed distance stands in for the prediction, with a true figure of 0.
    Ok(rank(totals.into_values().collect(), &TieBreak::DEFAULT, Some(0)))
}

/// `with_prediction`: a round's ranking carries each attempt's prediction; the
/// whole contest's holds a summed distance there instead, which is not one.
pub(super) fn standings(
    rows: impl IntoIterator<Item = (u32, Entry)>,
    with_prediction: bool,
) -> Vec<Standing> {
    rows.into_iter()
        .map(|(rank, e)| Standing {
            contestant_id: e.contestant_id,
            rank,
            score: e.score,
            duration_ms: e.duration_ms,
            prediction: e.prediction.filter(|_| with_prediction),
        })
        .collect()
}

pub(super) fn tier_of(t: &prize_tier::Model) -> Tier {
    Tier {
        id: t.id,
        position: t.position,
        name: t.name.clone(),
        quantity: t.quantity,
        category: t.category.clone(),
        unit_points: t.unit_points,
    }
}

/// What a contest's prize work reads once.
pub(super) struct Book {
    pub(super) contest: contest::Model,
    pub(super) rounds: Vec<round::Model>,
    pub(super) tiers: Vec<prize_tier::Model>,
    pub(super) lists: HashMap<ListKey, prize_list::Model>,
}

pub(super) async fn book(db: &impl ConnectionTrait, contest_id: i32) -> Result<Book> {
    let contest = contest::Entity::find_by_id(contest_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("cuộc thi"))?;
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.eq(contest_id))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await?;
    let tiers = prize_tier::Entity::find()
        .filter(prize_tier::Column::ContestId.eq(contest_id))
        .order_by_asc(prize_tier::Column::Position)
        .order_by_asc(prize_tier::Column::Id)
        .all(db)
        .await?;
    let lists = prize_list::Entity::find()
        .filter(prize_list::Column::ContestId.eq(contest_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (ListKey::of(l.round_id), l))
        .collect();
    Ok(Book { contest, rounds, tiers, lists })
}

impl Book {
    pub(super) fn status(&self, key: ListKey) -> ListStatus {
        self.lists.get(&key).map_or(ListStatus::Draft, |l| l.status)
    }
    /// The list keys in order of precedence: the whole contest, then the rounds.
    pub(super) fn keys(&self) -> Vec<ListKey> {
        std::iter::once(ListKey::Contest).chain(self.rounds.iter().map(|r| ListKey::Round(r.id))).collect()
    }
    pub(super) fn tiers_of(&self, key: ListKey) -> Vec<Tier> {
        self.tiers.iter().filter(|t| ListKey::of(t.round_id) == key).map(tier_of).collect()
    }
    pub(super) fn round(&self, key: ListKey) -> Option<&round::Model> {
        match key {
            ListKey::Contest => None,
            ListKey::Round(id) => self.rounds.iter().find(|r| r.id == id),
        }
    }
    pub(super) fn closed(&self, key: ListKey, now: DateTime<Utc>) -> bool {
        match key {
            ListKey::Contest => !self.rounds.is_empty() && self.rounds.iter().all(|r| r.closes_at <= now),
            ListKey::Round(_) => self.round(key).is_some_and(|r| r.closes_at <= now),
        }
    }
    pub(super) fn title(&self, key: ListKey) -> String {
        match key {
            ListKey::Contest => "Toàn cuộc thi".to_owned(),
            ListKey::Round(_) => self.round(key).map(|r| r.title.clone()).unwrap_or_default(),
        }
    }
}

/// The rankings a list's tiers need, by category.
pub(super) async fn list_input(
    db: &impl ConnectionTrait,
    book: &Book,
    key: ListKey,
) -> Result<(ListInput, Vec<crate::results::LeftOut>, Option<i64>)> {
    let tiers = book.tiers_of(key);
    let mut rankings = HashMap::new();
    let mut left_out = Vec::new();
    let mut truth = None;
    let categories: HashSet<String> = tiers.iter().map(|t| t.category.clone()).collect();
    for cat in categories {
        let filter = (!cat.is_empty()).then_some(cat.as_str());
        let rows = match key {
            ListKey::Contest => standings(rank_contest(db, book.contest.id, filter, None).await?, false),
            ListKey::Round(round_id) => {
                let ranked = rank_round(db, round_id, filter).await?;
                if left_out.is_empty() {
                    left_out = ranked.left_out.clone();
                }
                truth = ranked.truth;
                standings(ranked.rows.into_iter().map(|(r, e, _)| (r, e)), true)
            }
        };
        rankings.insert(cat, rows);
    }
    if truth.is_none() {
        truth = book.round(key).and_then(|r| r.truth);
    }
    Ok((ListInput { key, tiers, rankings }, left_out, truth))
}

/// People holding a prize in a stored (approved or published) list, other than `except`.
pub(super) async fn holders(
    db: &impl ConnectionTrait,
    book: &Book,
    except: Option<ListKey>,
) -> Result<HashSet<i32>> {
    let ids: Vec<i32> = book
        .lists
        .iter()
        .filter(|(key, l)| l.status != ListStatus::Draft && Some(**key) != except)
        .map(|(_, l)| l.id)
        .collect();
    Ok(award::Entity::find()
        .select_only()
        .column(award::Column::ContestantId)
        .filter(award::Column::PrizeListId.is_in(ids))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Allocates `keys` together (draft lists, or one list being corrected).
pub(super) async fn draw_up(
    db: &impl ConnectionTrait,
    book: &Book,
    keys: &[ListKey],
) -> Result<(Allocation, HashMap<ListKey, (Vec<crate::results::LeftOut>, Option<i64>)>)> {
    let mut inputs = Vec::new();
    let mut extra = HashMap::new();
    for key in keys {
        let (input, left_out, truth) = list_input(db, book, *key).await?;
        inputs.push(input);
        extra.insert(*key, (left_out, truth));
    }
    let except = (keys.len() == 1).then(|| keys[0]);
    let holders = holders(db, book, except).await?;
    Ok((allocate(&inputs, &holders, book.contest.one_prize_per_person), extra))
}

pub(super) struct People {
    pub(super) names: HashMap<i32, (String, i32)>,
    pub(super) units: HashMap<i32, String>,
}

pub(super) async fn people(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<People> {
    let mut names = HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(i32, String, i32)> = contestant::Entity::find()
            .select_only()
            .columns([contestant::Column::Id, contestant::Column::FullName, contestant::Column::UnitId])
            .filter(contestant::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        names.extend(rows.into_iter().map(|(id, n, u)| (id, (n, u))));
    }
    let units = unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    Ok(People { names, units })
}

pub(super) fn award_rows(won: &[&super::allocate::Won], people: &People) -> Vec<AwardRow> {
    won.iter()
        .map(|w| {
            let (full_name, unit_id) =
                people.names.get(&w.standing.contestant_id).cloned().unwrap_or_default();
            AwardRow {
                position: w.tier.position,
                prize_name: w.tier.name.clone(),
                category: w.tier.category.clone(),
                rank: w.standing.rank,
                contestant_id: w.standing.contestant_id,
                full_name,
                unit_id,
                unit_name: people.units.get(&unit_id).cloned().unwrap_or_default(),
                score: w.standing.score,
                duration_ms: w.standing.duration_ms,
                prediction: w.standing.prediction,
            }
        })
        .collect()
}

pub(super) fn stored_rows(awards: &[award::Model], units: &HashMap<i32, String>) -> Vec<AwardRow> {
    awards
        .iter()
        .map(|a| AwardRow {
            position: a.position,
            prize_name: a.prize_name.clone(),
            category: a.category.clone(),
            rank: a.rank as u32,
            contestant_id: a.contestant_id,
            full_name: a.full_name.clone(),
            unit_id: a.unit_id,
            unit_name: units.get(&a.unit_id).cloned().unwrap_or_default(),
            score: a.score,
            duration_ms: a.duration_ms,
            prediction: a.prediction,
        })
        .collect()
}

pub(super) async fn stored_awards(db: &impl ConnectionTrait, list_id: i32) -> Result<Vec<award::Model>> {
    Ok(award::Entity::find()
        .filter(award::Column::PrizeListId.eq(list_id))
        .order_by_asc(award::Column::Position)
        .order_by_asc(award::Column::Category)
        .order_by_asc(award::Column::Rank)
        .order_by_asc(award::Column::Id)
        .all(db)
        .await?)
}

pub(super) async fn corrections(db: &impl ConnectionTrait, list_id: i32) -> Result<Vec<CorrectionRow>> {
    Ok(award_correction::Entity::find()
        .filter(award_correction::Column::PrizeListId.eq(list_id))
        .order_by_asc(award_correction::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CorrectionRow { at: local_datetime(c.at), reason: c.reason, summary: c.summary })
        .collect())
}

/// Each competing unit's figures over its branch for the whole contest, with
/// the unit points of the prizes its members hold in `awards` (contestant, unit, points).
pub(super) async fn collective_scores(
    db: &impl ConnectionTrait,
    contest: &contest::Model,
    awards: &[(i32, i32, f64)],
) -> Result<Vec<UnitScore>> {
    let rule = CollectiveRule::from_stored(contest.collective_rule.as_deref());
    let (agencies, agency_of) = crate::results::stats::agency_figures(db, contest.id, rule.level).await?;
    let mut units: Vec<UnitFigures> = agencies
        .into_iter()
        .map(|f| UnitFigures {
            unit_id: f.unit_id,
            name: f.name,
            headcount: i32::try_from(f.headcount).unwrap_or(i32::MAX),
            contestants: f.contestants,
            prize_points: 0.0,
            prizes: 0,
        })
        .collect();
    let at: HashMap<i32, usize> = units.iter().enumerate().map(|(i, u)| (u.unit_id, i)).collect();
    for (_, unit_id, points) in awards {
        if let Some(i) = agency_of.get(unit_id).and_then(|a| at.get(a)) {
            units[*i].prize_points += points;
            units[*i].prizes += 1;
        }
    }
    Ok(score_units(&rule, &units))
}

pub(super) async fn stored_unit_scores(db: &impl ConnectionTrait, list_id: i32) -> Result<Vec<UnitScore>> {
    Ok(unit_award::Entity::find()
        .filter(unit_award::Column::PrizeListId.eq(list_id))
        .order_by_asc(unit_award::Column::Rank)
        .all(db)
        .await?
        .into_iter()
        .map(|u| UnitScore {
            unit_id: u.unit_id,
            unit_name: u.unit_name,
            headcount: 0,
            contestants: 0,
            participation_pct: u.participation_pct,
            min_pct: 0.0,
            prizes: 0,
            prize_points: 0.0,
            points: u.points,
            rank: Some(u.rank as u32),
            prize: Some(u.prize_name),
            position: Some(u.position),
        })
        .collect())
}
