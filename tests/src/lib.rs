//! Test support: a fresh database per test ([`pg::TestDb`]) and a model set that uses every
//! supported type and attribute ([`kitchen_sink`]).

pub mod fixtures;
pub mod kitchen_sink;
pub mod pg;
