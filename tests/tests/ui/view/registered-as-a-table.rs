use schema_core::{Schema, View};

#[derive(View)]
#[view(query = "SELECT 1")]
pub struct Total {
    pub one: i32,
}

fn main() {
    let _ = Schema::new().table::<Total>();
}
