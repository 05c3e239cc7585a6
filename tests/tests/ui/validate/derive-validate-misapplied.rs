use schema_core::Validate;

#[derive(Validate)]
pub enum Shape {
    Round,
}

#[derive(Validate)]
pub struct Address {
    #[validate(email)]
    pub number: i32,
    #[validate(min_len = 1)]
    pub street: String,
}

fn main() {}
