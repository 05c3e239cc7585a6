//! Test support: a fresh database per test ([`pg::TestDb`]) and a model set that uses every
//! supported type and attribute ([`kitchen_sink`]), and a corpus of JSON values over the example
//! models ([`zod_corpus`]).

pub mod kitchen_sink;
pub mod pg;
pub mod zod_corpus;
