//! Queries on the example models: the SQL each helper sends (snapshots), and on PostgreSQL
//! writes, bound values, row decoding, pagination, relations, optimistic locking and the async
//! client.
//! (One test binary per theme, each file a module: see CONTRIBUTING.md, "Tests".)

mod queries_async;
mod queries_computed;
mod queries_crud;
mod queries_domains;
mod queries_locking;
mod queries_pagination;
mod queries_relations;
mod queries_rls;
mod queries_rows;
mod queries_sql;
mod queries_values;
mod queries_views;
