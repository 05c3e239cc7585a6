//! Derive macros of `schema-core`. Use them through `schema_core::{Table, PgEnum}`.
//!
//! Each derive reads its input into a typed model ([`internals::ast`]), resolves SQL names
//! ([`internals::resolve`]), checks cross-attribute rules ([`internals::check`]) and only then
//! expands ([`expand`]). Every mistake is collected; on any, [`fallback`] emits the errors
//! beside stub impls.

mod expand;
mod fallback;
mod internals;

use internals::ast::{Container, EnumContainer};
use internals::ctxt::Ctxt;
use internals::resolve::{EnumModel, TableModel};
use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Maps a struct with named fields to a PostgreSQL table. See the `schema-core` README for the
/// attribute reference.
#[proc_macro_derive(Table, attributes(table, column, index))]
pub fn derive_table(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let cx = Ctxt::new();
    let container = Container::from_ast(&cx, &input);
    let model = TableModel::resolve(&cx, &container);
    internals::check::check_table(&cx, &model);
    match cx.check() {
        Ok(()) => expand::table::expand(&model).into(),
        Err(error) => fallback::table(&input, error).into(),
    }
}

/// Maps a fieldless enum to a PostgreSQL enum type, with `ToSql`/`FromSql`.
#[proc_macro_derive(PgEnum, attributes(pg_enum))]
pub fn derive_pg_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let cx = Ctxt::new();
    let container = EnumContainer::from_ast(&cx, &input);
    let model = EnumModel::resolve(&cx, &container);
    match cx.check() {
        Ok(()) => expand::pg_enum::expand(&container, &model).into(),
        Err(error) => fallback::pg_enum(&input, error).into(),
    }
}
