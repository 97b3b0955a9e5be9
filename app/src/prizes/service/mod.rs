//! The prize workflow on the database. A list in draft is allocated afresh
//! from the rankings whenever it is looked at; approving stores its awards
//! (with names, units and scores as they then were); publishing makes them
//! public; after that only a correction, recorded with its reason and shown
//! to the public, changes them.
//!
//! Split by side: [`load`] reads what the others need, [`read`] answers the
//! pages and the public API, [`workflow`] changes the lists.
use super::allocate::{allocate, Allocation, ListInput, Standing, Tier};
use super::collective::{score_units, CollectiveRule, UnitFigures, UnitScore};
use super::*;
use crate::audit::service::{record, Change};
use crate::entities::{
    award, award_correction, category, contest, contestant, disqualification, prize_list, prize_tier, round,
    unit, unit_award,
};
use crate::error::{AppError, Result};
use crate::results::ranking::{rank, Entry, TieBreak};
use crate::results::service::rank_round;
use crate::staff::guard::Staff;
use crate::time::local_datetime;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

mod load;
mod read;
mod workflow;

pub use load::rank_contest;
use load::*;
pub use read::{contest_leaderboard, overview, winners};
pub use workflow::{approve, correct, disqualify, publish, reinstate, save_rules, save_tiers, unapprove};
