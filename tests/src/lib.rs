//! Test support: a fresh database per test ([`pg::TestDb`]), applying scripts as a runner does
//! ([`apply`]), and a model set that uses every
//! supported type and attribute ([`kitchen_sink`]).

pub mod apply;
pub mod kitchen_sink;
pub mod pg;
