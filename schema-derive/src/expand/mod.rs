pub mod columns;
pub mod pg_enum;
pub mod relations;
pub mod row;
pub mod shapes;
pub mod table;
pub mod tracking;
pub mod validate;
