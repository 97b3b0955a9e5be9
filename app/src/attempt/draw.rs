//! The random draw of an attempt's questions, honouring per-topic quotas.
//! Free of the database so that its rules are tested directly.
use rand::seq::SliceRandom;
use rand::Rng;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolQuestion {
    pub id: i32,
    pub topic_id: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawError {
    /// The pool (or one topic of it) has fewer questions than the draw needs.
    PoolTooSmall { needed: usize, available: usize },
}

/// `count` distinct question ids in random order: for each `(topic, n)` quota,
/// n questions of that topic; the rest from anywhere in the pool.
pub fn draw(
    pool: &[PoolQuestion],
    count: usize,
    quotas: &[(i32, usize)],
    rng: &mut impl Rng,
) -> Result<Vec<i32>, DrawError> {
    let mut chosen: Vec<i32> = Vec::with_capacity(count);
    let mut taken: HashSet<i32> = HashSet::new();
    for &(topic_id, n) in quotas {
        let of_topic: Vec<i32> = pool.iter().filter(|q| q.topic_id == topic_id).map(|q| q.id).collect();
        if of_topic.len() < n {
            return Err(DrawError::PoolTooSmall { needed: n, available: of_topic.len() });
        }
        for &id in of_topic.choose_multiple(rng, n) {
            if taken.insert(id) {
                chosen.push(id);
            }
        }
    }
    let rest: Vec<i32> = pool.iter().map(|q| q.id).filter(|id| !taken.contains(id)).collect();
    let missing = count.saturating_sub(chosen.len());
    if rest.len() < missing {
        return Err(DrawError::PoolTooSmall { needed: count, available: chosen.len() + rest.len() });
    }
    chosen.extend(rest.choose_multiple(rng, missing).copied());
    chosen.truncate(count);
    chosen.shuffle(rng);
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{rngs::StdRng, SeedableRng};

    fn pool(topics: &[(i32, i32)]) -> Vec<PoolQuestion> {
        // (topic, how many) → questions numbered topic*100 + i
        topics
            .iter()
            .flat_map(|&(topic_id, n)| (0..n).map(move |i| PoolQuestion { id: topic_id * 100 + i, topic_id }))
            .collect()
    }

    #[test]
    fn draws_distinct_questions_of_the_asked_number() {
        let pool = pool(&[(1, 30), (2, 30)]);
        let mut rng = StdRng::seed_from_u64(7);
        let ids = draw(&pool, 20, &[], &mut rng).unwrap();
        assert_eq!(ids.len(), 20);
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 20);
    }

    #[test]
    fn quotas_are_respected() {
        let pool = pool(&[(1, 30), (2, 30), (3, 30)]);
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..50 {
            let ids = draw(&pool, 20, &[(1, 5), (2, 10)], &mut rng).unwrap();
            let of = |t: i32| ids.iter().filter(|id| **id / 100 == t).count();
            assert!(of(1) >= 5 && of(2) >= 10, "{ids:?}");
            assert_eq!(ids.len(), 20);
        }
    }

    #[test]
    fn every_pool_question_can_be_drawn() {
        let pool = pool(&[(1, 40)]);
        let mut rng = StdRng::seed_from_u64(3);
        let mut seen = HashSet::new();
        for _ in 0..200 {
            seen.extend(draw(&pool, 10, &[], &mut rng).unwrap());
        }
        assert_eq!(seen.len(), 40);
    }

    #[test]
    fn a_small_pool_is_refused() {
        let pool = pool(&[(1, 5), (2, 3)]);
        let mut rng = StdRng::seed_from_u64(0);
        assert_eq!(draw(&pool, 10, &[], &mut rng), Err(DrawError::PoolTooSmall { needed: 10, available: 8 }));
        assert_eq!(
            draw(&pool, 6, &[(2, 4)], &mut rng),
            Err(DrawError::PoolTooSmall { needed: 4, available: 3 })
        );
    }
}
