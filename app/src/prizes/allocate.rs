//! Who wins which individual prize, given each list's prize structure and
//! rankings. Pure: the service feeds it rankings that already leave out
//! excluded, locked and disqualified contestants.
//!
//! Prizes are handed out highest first across every list being drawn up (the
//! whole contest before the rounds, rounds in order): all first prizes, then
//! all second prizes, and so on. Under the one-prize rule a person who already
//! holds a prize is passed over, so everyone keeps their highest prize and the
//! lower one goes to the next in line. Nobody wins twice in one list.
use super::ListKey;
use std::collections::{HashMap, HashSet};

/// One line of a list's prize structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub id: i32,
    /// 1 for the highest prize.
    pub position: i32,
    pub name: String,
    pub quantity: i32,
    /// "" for everyone; otherwise the ranking of that category.
    pub category: String,
    pub unit_points: f64,
}

/// One place in a ranking, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub contestant_id: i32,
    pub rank: u32,
    pub score: i32,
    pub duration_ms: i32,
    /// The ranked attempt's prediction (a round's list; none for the whole contest's).
    pub prediction: Option<i64>,
}

/// A list to draw up: which list, its tiers and its rankings by category ("" = everyone).
#[derive(Debug, Clone)]
pub struct ListInput {
    pub key: ListKey,
    pub tiers: Vec<Tier>,
    pub rankings: HashMap<String, Vec<Standing>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Won {
    pub list: ListKey,
    pub tier: Tier,
    pub standing: Standing,
}

/// Someone passed over for a prize they ranked for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedOver {
    pub list: ListKey,
    pub contestant_id: i32,
    pub rank: u32,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Allocation {
    pub won: Vec<Won>,
    pub passed_over: Vec<PassedOver>,
}

impl Allocation {
    pub fn of_list(&self, key: ListKey) -> impl Iterator<Item = &Won> {
        self.won.iter().filter(move |w| w.list == key)
    }
}

/// Allocates the prizes of `lists` (in the order given, which is the order of
/// precedence among equal positions). `holders` already hold a prize in a list
/// that is not being drawn up (approved or published); under `one_prize` they
/// win nothing more.
pub fn allocate(lists: &[ListInput], holders: &HashSet<i32>, one_prize: bool) -> Allocation {
    let mut out = Allocation::default();
    let mut taken: HashSet<i32> = if one_prize { holders.clone() } else { HashSet::new() };
    // Winners per list (nobody wins twice in one list) and how far each ranking has been read.
    let mut in_list: HashMap<ListKey, HashSet<i32>> = HashMap::new();
    let mut cursor: HashMap<(ListKey, String), usize> = HashMap::new();
    let mut positions: Vec<i32> = lists.iter().flat_map(|l| l.tiers.iter().map(|t| t.position)).collect();
    positions.sort_unstable();
    positions.dedup();
    for position in positions {
        for list in lists {
            for tier in list.tiers.iter().filter(|t| t.position == position) {
                let Some(ranking) = list.rankings.get(&tier.category) else { continue };
                let at = cursor.entry((list.key, tier.category.clone())).or_insert(0);
                let mut given = 0;
                while given < tier.quantity.max(0) && *at < ranking.len() {
                    let standing = &ranking[*at];
                    *at += 1;
                    let winners = in_list.entry(list.key).or_default();
                    if winners.contains(&standing.contestant_id) {
                        continue;
                    }
                    if taken.contains(&standing.contestant_id) {
                        out.passed_over.push(PassedOver {
                            list: list.key,
                            contestant_id: standing.contestant_id,
                            rank: standing.rank,
                            reason: "Đã nhận một giải cao hơn (mỗi người chỉ nhận một giải)".into(),
                        });
                        continue;
                    }
                    winners.insert(standing.contestant_id);
                    if one_prize {
                        taken.insert(standing.contestant_id);
                    }
                    out.won.push(Won { list: list.key, tier: tier.clone(), standing: standing.clone() });
                    given += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(id: i32, position: i32, quantity: i32, category: &str) -> Tier {
        Tier {
            id,
            position,
            name: format!("Giải {position}"),
            quantity,
            category: category.into(),
            unit_points: 1.0,
        }
    }

    fn ranking(ids: &[i32]) -> Vec<Standing> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| Standing {
                contestant_id: *id,
                rank: i as u32 + 1,
                score: 100 - i as i32,
                duration_ms: 1,
                prediction: None,
            })
            .collect()
    }

    fn list(key: i32, tiers: Vec<Tier>, by_category: &[(&str, &[i32])]) -> ListInput {
        ListInput {
            key: ListKey::of(key),
            tiers,
            rankings: by_category.iter().map(|(c, ids)| (c.to_string(), ranking(ids))).collect(),
        }
    }

    fn winners(a: &Allocation, key: i32) -> Vec<(i32, i32)> {
        a.of_list(ListKey::of(key)).map(|w| (w.tier.position, w.standing.contestant_id)).collect()
    }

    #[test]
    fn prizes_go_down_the_ranking_in_order_of_the_structure() {
        let l = list(
            1,
            vec![tier(1, 1, 1, ""), tier(2, 2, 2, ""), tier(3, 3, 3, "")],
            &[("", &[9, 8, 7, 6, 5, 4, 3])],
        );
        let a = allocate(&[l], &HashSet::new(), true);
        assert_eq!(winners(&a, 1), vec![(1, 9), (2, 8), (2, 7), (3, 6), (3, 5), (3, 4)]);
        assert!(a.passed_over.is_empty());
    }

    #[test]
    fn one_prize_rule_keeps_the_highest_and_passes_the_lower_one_on() {
        // 5 is second in round 1 but first in round 2: keeps round 2's first prize,
        // and round 1's second prize goes to the next in line.
        let r1 = list(1, vec![tier(1, 1, 1, ""), tier(2, 2, 1, "")], &[("", &[4, 5, 6])]);
        let r2 = list(2, vec![tier(3, 1, 1, ""), tier(4, 2, 1, "")], &[("", &[5, 4, 7])]);
        let a = allocate(&[r1.clone(), r2.clone()], &HashSet::new(), true);
        assert_eq!(winners(&a, 1), vec![(1, 4), (2, 6)]);
        assert_eq!(winners(&a, 2), vec![(1, 5), (2, 7)]);
        assert_eq!(
            a.passed_over.iter().map(|p| (p.list.round_id(), p.contestant_id)).collect::<Vec<_>>(),
            vec![(1, 5), (2, 4)]
        );
        // Without the rule everyone wins where they rank.
        let free = allocate(&[r1, r2], &HashSet::new(), false);
        assert_eq!(winners(&free, 1), vec![(1, 4), (2, 5)]);
        assert_eq!(winners(&free, 2), vec![(1, 5), (2, 4)]);
    }

    #[test]
    fn holders_of_published_prizes_win_nothing_more_under_the_rule() {
        let r = list(3, vec![tier(1, 1, 2, "")], &[("", &[1, 2, 3])]);
        let holders: HashSet<i32> = [1].into();
        assert_eq!(winners(&allocate(std::slice::from_ref(&r), &holders, true), 3), vec![(1, 2), (1, 3)]);
        assert_eq!(winners(&allocate(&[r], &holders, false), 3), vec![(1, 1), (1, 2)]);
    }

    #[test]
    fn categories_have_their_own_prizes_and_rankings() {
        let l = list(
            1,
            vec![tier(1, 1, 1, "civil_servant"), tier(2, 1, 1, "citizen"), tier(3, 2, 1, "citizen")],
            &[("civil_servant", &[10, 11]), ("citizen", &[20, 21, 22])],
        );
        let a = allocate(&[l], &HashSet::new(), true);
        assert_eq!(winners(&a, 1), vec![(1, 10), (1, 20), (2, 21)]);
    }

    #[test]
    fn a_short_ranking_leaves_prizes_unawarded() {
        let l = list(1, vec![tier(1, 1, 3, "")], &[("", &[1])]);
        assert_eq!(winners(&allocate(&[l], &HashSet::new(), true), 1), vec![(1, 1)]);
    }

    #[test]
    fn nobody_wins_twice_in_one_list_even_without_the_rule() {
        // Contest-wide list with an overall tier and a category tier both reading the same person.
        let l = list(
            0,
            vec![tier(1, 1, 1, ""), tier(2, 2, 1, "citizen")],
            &[("", &[1, 2]), ("citizen", &[1, 3])],
        );
        assert_eq!(winners(&allocate(&[l], &HashSet::new(), false), 0), vec![(1, 1), (2, 3)]);
    }
}
