pub mod columns;
pub mod pg_enum;
pub mod shapes;
pub mod table;
pub mod tracking;
pub mod validate;
