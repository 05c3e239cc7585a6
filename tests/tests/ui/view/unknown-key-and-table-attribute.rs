use schema_core::View;

#[derive(View)]
#[table(name = "totals")]
#[view(query = "SELECT 1", materialised)]
pub struct Total {
    pub one: i32,
}

fn main() {}
