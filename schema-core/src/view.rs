//! The trait of a view's row struct, and registering views.

use crate::model::{Schema, ViewColumn, ViewDef};
use crate::Table;

/// A row struct mapped to a view or materialized view. Implemented by `#[derive(View)]`,
/// which also implements [`Table`] (its name, column handles and columns) and the query
/// helpers' `FromRow` and `Model`, so a view is read with [`query::select`] like a table.
///
/// [`query::select`]: crate::query::select
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a view",
    note = "add `#[derive(View)]` and `#[view(query = \"SELECT ...\")]` to `{Self}`"
)]
pub trait View: Table {
    /// `#[view(materialized)]`.
    const MATERIALIZED: bool;
    /// The query (`#[view(query = "...")]`).
    const QUERY: &'static str;
    /// `#[view(with_no_data)]`: a materialized view left empty until its first refresh.
    const WITH_NO_DATA: bool;
    /// `#[view(security_invoker)]`: the tables it reads are read as the querying role.
    const SECURITY_INVOKER: bool = false;

    /// The view's definition, built once.
    fn view_def() -> &'static ViewDef;
}

/// The definition of view `V`, from its table data: what [`View::view_def`] builds once.
#[doc(hidden)]
pub fn build_view_def<V: View>() -> ViewDef {
    let table = V::table_def();
    let mut def = ViewDef::new(V::SCHEMA, V::NAME, V::QUERY);
    def.materialized = V::MATERIALIZED;
    def.with_no_data = V::WITH_NO_DATA;
    def.security_invoker = V::SECURITY_INVOKER;
    def.columns = table
        .columns
        .iter()
        .map(|c| ViewColumn {
            name: c.name.clone(),
            ty: c.ty.clone(),
        })
        .collect();
    def.indexes = table.indexes.clone();
    def.comment = table.comment.clone();
    def
}

/// Registering views: here rather than in `model`, which knows no Rust model.
impl Schema {
    /// Registers the view of row struct `V`, and the enums, domains and extensions its
    /// columns' types come from.
    pub fn view<V: View>(mut self) -> Self {
        self.add_view(V::view_def().clone());
        for e in V::enums() {
            self.add_enum(e);
        }
        for e in V::extensions() {
            self.add_extension(e);
        }
        for d in V::SPEC.domains() {
            self.add_domain(d);
        }
        self
    }
}
