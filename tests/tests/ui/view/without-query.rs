use schema_core::View;

/// A view needs its query.
#[derive(View)]
#[view(schema = "reports")]
pub struct Totals {
    pub total: i64,
}

fn main() {}
