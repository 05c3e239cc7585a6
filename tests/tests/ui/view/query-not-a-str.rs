use schema_core::View;

#[derive(View)]
#[view(query = 42)]
pub struct Total {
    pub one: i32,
}

fn main() {}
