//! Which prize list: one round's, or the whole contest's. The tables and the
//! wire keep a round id with 0 for the whole contest (`prize_list.round_id`,
//! `prize_tier.round_id`, [`super::ListView::round_id`]); inside, the two are
//! told apart by type, and that 0 is read and written here only.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKey {
    /// The whole contest's list: its prizes sum every round.
    Contest,
    /// One round's list.
    Round(i32),
}

impl ListKey {
    /// From a stored or wire round id: 0 is the whole contest.
    pub fn of(round_id: i32) -> Self {
        if round_id == 0 {
            ListKey::Contest
        } else {
            ListKey::Round(round_id)
        }
    }

    /// The stored or wire round id: 0 for the whole contest.
    pub fn round_id(self) -> i32 {
        match self {
            ListKey::Contest => 0,
            ListKey::Round(id) => id,
        }
    }

    /// The order lists are drawn up again in after a disqualification: the
    /// rounds first, in order, then the whole contest, which sums them.
    pub fn redo_order(self) -> (bool, i32) {
        (self == ListKey::Contest, self.round_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_the_whole_contest_both_ways() {
        assert_eq!(ListKey::of(0), ListKey::Contest);
        assert_eq!(ListKey::of(7), ListKey::Round(7));
        for key in [ListKey::Contest, ListKey::Round(7)] {
            assert_eq!(ListKey::of(key.round_id()), key);
        }
    }

    #[test]
    fn rounds_are_drawn_up_again_before_the_whole_contest() {
        let mut keys = vec![ListKey::Contest, ListKey::Round(9), ListKey::Round(3)];
        keys.sort_by_key(|k| k.redo_order());
        assert_eq!(keys, vec![ListKey::Round(3), ListKey::Round(9), ListKey::Contest]);
    }
}
