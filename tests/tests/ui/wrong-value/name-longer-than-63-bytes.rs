use schema_core::Table;

#[derive(Table)]
pub struct Post {
    #[column(primary_key)]
    pub id: i64,
    #[column(name = "the_number_of_times_this_post_was_read_by_someone_who_is_not_its_author")]
    pub reads: i64,
}

fn main() {}
