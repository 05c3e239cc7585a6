//! Test support: a fresh database per test ([`pg::TestDb`]), applying scripts as a runner does
//! ([`apply`]), a model set that uses every supported type and attribute ([`kitchen_sink`]),
//! and a corpus of JSON values over the example models ([`zod_corpus`]).

pub mod apply;
pub mod kitchen_sink;
pub mod pg;
pub mod zod_corpus;
