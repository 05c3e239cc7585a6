pub mod columns;
pub mod pg_enum;
pub mod table;
pub mod tracking;
