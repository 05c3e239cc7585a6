//! Test support: a fresh database per test ([`pg::TestDb`]), applying scripts as a runner does
//! ([`apply`]), a model set that uses every supported type and attribute ([`kitchen_sink`]),
//! rows for the example models ([`fixtures`]), a corpus of JSON values over them
//! ([`zod_corpus`]) and a model with the rules the examples do not use ([`zod_rules`]).

pub mod apply;
pub mod fixtures;
pub mod kitchen_sink;
pub mod pg;
pub mod zod_corpus;
pub mod zod_rules;
