//! Ordering and planning of statements: what must exist before what.

mod order;

pub use order::{creation_order, CreationOrder};
