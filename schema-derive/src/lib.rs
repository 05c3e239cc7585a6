//! Derive macros of `schema-core`. Use them through `schema_core::{Table, PgEnum}`.
//!
//! Each derive reads its input, every attribute included, into a typed model
//! (`internals::ast`), resolves SQL names (`internals::resolve`), checks cross-attribute rules
//! (`internals::check`) and the naming conventions (`internals::conventions`), and only then
//! expands (`expand`). Every mistake is collected; on any, `fallback` emits the errors beside
//! stub impls.

mod expand;
#[cfg(test)]
mod expansion_size;
mod fallback;
mod internals;

use internals::ast::{Container, DomainContainer, EnumContainer, ValidateContainer, ViewContainer};
use internals::config::Config;
use internals::ctxt::Ctxt;
use internals::resolve::{DomainModel, EnumModel, TableModel};
use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Maps a struct with named fields to a PostgreSQL table. See `docs/models-and-attributes.md` for the
/// attribute reference.
#[proc_macro_derive(Table, attributes(table, column, index, validate, has_many, has_one))]
pub fn derive_table(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand_table(&input).into()
}

fn expand_table(input: &DeriveInput) -> proc_macro2::TokenStream {
    let cx = Ctxt::new();
    let config = load_config(&cx, &input.ident);
    let container = Container::from_ast(&cx, input);
    let model = TableModel::resolve(&cx, &container);
    internals::check::check_table(&cx, &model);
    internals::conventions::check_table(&cx, &config, &model);
    let relations = internals::relations::resolve(&cx, &container, &model);
    let tracking = expand::tracking::config(&config);
    match cx.check() {
        Ok(()) => {
            // The shapes and all their impls only where asked: a model without them expands
            // to its table data, its rules and the query impls, and nothing else.
            let shapes = config.shapes || container.attrs.shapes;
            let table = expand::table::expand(&model);
            let validate = expand::validate::expand(&model, shapes);
            let row = expand::row::expand(&model);
            let shapes = shapes.then(|| {
                let structs = expand::shapes::expand(&model);
                let writes = expand::row::expand_shapes(&model);
                quote::quote!(#structs #writes)
            });
            let relations = expand::relations::expand(input, &relations, true);
            quote::quote!(#table #shapes #validate #row #relations #tracking)
        }
        Err(error) => {
            let stubs = fallback::table(input, error);
            let query = fallback::query(input, &relations);
            quote::quote!(#stubs #query)
        }
    }
}

/// Maps a row struct to a view or materialized view: `#[view(query = "SELECT ..")]`, with
/// `materialized`, `with_no_data` and `#[index(..)]`s for a materialized one. Its columns are
/// read with the same handles, `FromRow` and `query::select` as a table's.
// `table`, `validate`, `has_many` and `has_one` are accepted only to be refused with a
// message of the derive's own, rather than the compiler's "cannot find attribute".
#[proc_macro_derive(
    View,
    attributes(view, column, index, table, validate, has_many, has_one)
)]
pub fn derive_view(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let cx = Ctxt::new();
    let view = ViewContainer::from_ast(&cx, &input);
    let model = TableModel::resolve(&cx, &view.container);
    internals::check::check_view(&cx, &view, &model);
    match cx.check() {
        Ok(()) => {
            let table = expand::table::expand_as(&model, true);
            let validate = expand::validate::expand(&model, false);
            let row = expand::row::expand(&model);
            let view = expand::view::expand(&view);
            quote::quote!(#table #validate #row #view).into()
        }
        Err(error) => {
            let stubs = fallback::table(&input, error);
            let query = fallback::query(&input, &[]);
            let view = fallback::view(&input);
            quote::quote!(#stubs #query #view).into()
        }
    }
}

/// Validation rules for a plain struct (a value nested in a model, such as a `Json<T>` column):
/// the `#[validate(..)]` rules of `#[derive(Table)]`, without a table.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let cx = Ctxt::new();
    let container = ValidateContainer::from_ast(&cx, &input);
    match cx.check() {
        Ok(()) => expand::validate_struct::expand(&container).into(),
        Err(error) => fallback::validate(&input, error).into(),
    }
}

/// Maps a fieldless enum to a PostgreSQL enum type, with `ToSql`/`FromSql`.
#[proc_macro_derive(PgEnum, attributes(pg_enum))]
pub fn derive_pg_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let cx = Ctxt::new();
    let config = load_config(&cx, &input.ident);
    let container = EnumContainer::from_ast(&cx, &input);
    let model = EnumModel::resolve(&cx, &container);
    internals::conventions::check_enum(&cx, &config, &container, &model);
    let tracking = expand::tracking::config(&config);
    match cx.check() {
        Ok(()) => {
            let expanded = expand::pg_enum::expand(&container, &model);
            quote::quote!(#expanded #tracking).into()
        }
        Err(error) => fallback::pg_enum(&input, error).into(),
    }
}

/// Maps a newtype to a PostgreSQL domain: its base type is the inner field's, its checks the
/// inner field's `#[validate(..)]` rules and `#[pg_domain(check(..))]`, with `ToSql`/`FromSql`,
/// serde (as the inner value) and `Validate`.
#[proc_macro_derive(PgDomain, attributes(pg_domain, validate))]
pub fn derive_pg_domain(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let cx = Ctxt::new();
    let container = DomainContainer::from_ast(&cx, &input);
    let model = DomainModel::resolve(&cx, &container);
    match (cx.check(), container.inner) {
        (Ok(()), Some(inner)) => expand::pg_domain::expand(&container, inner, &model).into(),
        (Err(error), _) => fallback::pg_domain(&input, error).into(),
        (Ok(()), None) => unreachable!("a container without its field is an error"),
    }
}

/// The crate's rule configuration; a broken one is reported on the item and the defaults apply,
/// so its other mistakes still show.
fn load_config(cx: &Ctxt, ident: &syn::Ident) -> Config {
    Config::load().unwrap_or_else(|message| {
        cx.error_spanned_by(ident, format!("invalid rule configuration: {message}"));
        Config::default()
    })
}
