//! Contest and round set-up. Every change is checked in full first and then
//! written with its audit entry in one transaction.
//!
//! In two parts: [`contests`] and [`rounds`].
use super::{
    CategoryDraft, ContestDraft, ContestRow, ContestSetup, ExclusionRow, PoolMode, QuotaDraft, RoundDraft,
    RoundMonitor, RoundRow, RoundSetup,
};
use crate::audit::service::{record, Change};
use crate::entities::round::{CountedAttempt, PredictionKind, ReviewPolicy};
use crate::entities::{
    attempt, category, contest, contestant, exclusion, question, round, round_pool_topic, round_question,
    round_topic_quota, topic,
};
use crate::error::{AppError, FieldErrors, Result};
use crate::staff::guard::Staff;
use crate::time::ZONE;
use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use sea_orm::TryIntoModel;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde_json::json;
use std::collections::{BTreeSet, HashMap};

mod contests;
mod rounds;

use contests::*;
pub use contests::{
    add_exclusion, contest, contests, publish, remove_exclusion, sanitize_rules, save_contest,
};
pub use rounds::{monitor, new_round, parse_local, round, running, save_round};
