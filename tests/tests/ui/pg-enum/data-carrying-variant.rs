use schema_core::PgEnum;

#[derive(PgEnum)]
pub enum Payment {
    Cash,
    Card { last4: String },
}

fn main() {}
