//! What one model expands to, counted in tokens, against a ceiling: the derive's output is its
//! compile cost (BENCHMARKS.md, `cargo xtask bench-compile`), so growth must be a decision.
//! A change that crosses a ceiling either finds the tokens to cut or raises the ceiling in the
//! same commit, with the benchmark's new figure in its message.

use proc_macro2::{TokenStream, TokenTree};

/// The model of the compile-cost benchmark: ten columns, no rules.
const MODEL: &str = r#"
#[table(allow(timestamps))]
pub struct Model0001 {
    #[column(primary_key)]
    pub id: Uuid,
    pub user_id: String,
    pub parent_id: Option<Uuid>,
    #[column(varchar(100))]
    pub name: String,
    pub description: Option<String>,
    pub amount: i64,
    pub position: i32,
    pub is_active: bool,
    pub metadata: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}
"#;

fn tokens(stream: TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => 1 + tokens(group.stream()),
            _ => 1,
        })
        .sum()
}

fn expanded(source: &str) -> usize {
    let input: syn::DeriveInput = syn::parse_str(source).expect("the model parses");
    tokens(crate::expand_table(&input))
}

#[test]
fn a_model_without_shapes_stays_small() {
    let count = expanded(MODEL);
    // 2026-12-01: 2,666 tokens, 440 lines of `-Zunpretty=expanded` with the struct itself.
    // Before the expansion was data and the shapes opt-in: about 3,040 lines.
    assert!(
        count <= 3_000,
        "a ten-column model now expands to {count} tokens"
    );
}

#[test]
fn the_shapes_cost_what_they_are_asked_for() {
    let with_shapes = MODEL.replace("allow(timestamps)", "allow(timestamps), shapes");
    let count = expanded(&with_shapes);
    // 2026-12-01: 7,711 tokens (serde through schema-core's erased impls), about 900 lines.
    assert!(
        count <= 9_500,
        "a ten-column model with shapes now expands to {count} tokens"
    );
    assert!(count > expanded(MODEL), "`shapes` adds the shapes");
}

/// A foreign key's name is a literal in the static spec, written or generated: naming it
/// costs no token.
#[test]
fn a_written_foreign_key_name_costs_nothing() {
    let referencing = MODEL.replace(
        "pub parent_id: Option<Uuid>,",
        "#[column(references(Self::id))]\n    pub parent_id: Option<Uuid>,",
    );
    let named = referencing.replace(
        "references(Self::id)",
        "references(Self::id, name = \"model0001_parent_id_model0001_id_fk\")",
    );
    assert_ne!(referencing, MODEL);
    assert_ne!(named, referencing);
    assert_eq!(expanded(&named), expanded(&referencing));
}
