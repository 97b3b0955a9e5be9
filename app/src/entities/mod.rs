//! Database rows, one module per table. These never leave the server: the
//! browser gets the wire types of each feature module instead, so nothing
//! holding a password hash or a correct option can be serialised by mistake.
//!
//! The modules are declared through `entities!`, which also lists their
//! tables in [`tables`]: a new entity cannot be left out of that list, and the
//! migration test compares it with the tables the migrations really create.

/// Declares each entity module and lists its table.
macro_rules! entities {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every table of the schema, one per entity module, by the entity's own name.
        pub fn tables() -> Vec<&'static str> {
            use sea_orm::EntityName;
            vec![$($module::Entity.table_name()),*]
        }
    };
}

entities!(
    attempt,
    attempt_question,
    audit_log,
    award,
    award_correction,
    category,
    chart_stat,
    contest,
    contestant,
    contestant_extra_time,
    disqualification,
    exclusion,
    password_reset,
    prize_list,
    prize_tier,
    question,
    question_option,
    round,
    round_pool_topic,
    round_question,
    round_topic_quota,
    session,
    staff_account,
    throttle,
    topic,
    unit,
    unit_award,
    unit_stat,
);
