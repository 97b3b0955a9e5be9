//! Database rows, one module per table. These never leave the server: the
//! browser gets the wire types of each feature module instead, so nothing
//! holding a password hash or a correct option can be serialised by mistake.
pub mod attempt;
pub mod attempt_question;
pub mod audit_log;
pub mod award;
pub mod award_correction;
pub mod category;
pub mod chart_stat;
pub mod contest;
pub mod contestant;
pub mod contestant_extra_time;
pub mod disqualification;
pub mod exclusion;
pub mod password_reset;
pub mod prize_list;
pub mod prize_tier;
pub mod question;
pub mod question_option;
pub mod round;
pub mod round_pool_topic;
pub mod round_question;
pub mod round_topic_quota;
pub mod session;
pub mod staff_account;
pub mod throttle;
pub mod topic;
pub mod unit;
pub mod unit_award;
pub mod unit_stat;
