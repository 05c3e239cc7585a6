//! The naming and design rules, each with the stable name users write in `allow(..)` and in the
//! crate configuration. What each one checks lives in [`super::conventions`].

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Rule {
    TableSnakeCase,
    TablePlural,
    JunctionName,
    ColumnSnakeCase,
    PrimaryKeyId,
    BoolPrefix,
    TimestampSuffix,
    ForeignKeyName,
    IndexName,
    EnumSnakeCase,
    ExplicitSchema,
    Timestamps,
    SoftDeletePair,
    UserIdText,
}

impl Rule {
    pub const ALL: [Rule; 14] = [
        Rule::TableSnakeCase,
        Rule::TablePlural,
        Rule::JunctionName,
        Rule::ColumnSnakeCase,
        Rule::PrimaryKeyId,
        Rule::BoolPrefix,
        Rule::TimestampSuffix,
        Rule::ForeignKeyName,
        Rule::IndexName,
        Rule::EnumSnakeCase,
        Rule::ExplicitSchema,
        Rule::Timestamps,
        Rule::SoftDeletePair,
        Rule::UserIdText,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::TableSnakeCase => "table_snake_case",
            Rule::TablePlural => "table_plural",
            Rule::JunctionName => "junction_name",
            Rule::ColumnSnakeCase => "column_snake_case",
            Rule::PrimaryKeyId => "primary_key_id",
            Rule::BoolPrefix => "bool_prefix",
            Rule::TimestampSuffix => "timestamp_suffix",
            Rule::ForeignKeyName => "foreign_key_name",
            Rule::IndexName => "index_name",
            Rule::EnumSnakeCase => "enum_snake_case",
            Rule::ExplicitSchema => "explicit_schema",
            Rule::Timestamps => "timestamps",
            Rule::SoftDeletePair => "soft_delete_pair",
            Rule::UserIdText => "user_id_text",
        }
    }

    /// Opt-in rules are off unless the crate configuration enables them: they encode one
    /// team's policy (seed 001's), not a convention every schema shares.
    pub fn is_opt_in(self) -> bool {
        matches!(
            self,
            Rule::ExplicitSchema | Rule::Timestamps | Rule::SoftDeletePair | Rule::UserIdText
        )
    }

    /// The rule called `name`, or an error message that suggests the closest rule name.
    pub fn parse(name: &str) -> Result<Rule, String> {
        if let Some(rule) = Rule::ALL.into_iter().find(|r| r.name() == name) {
            return Ok(rule);
        }
        let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        Err(match super::attr::closest_key(name, &names) {
            Some(close) => format!("unknown rule `{name}`; did you mean `{close}`?"),
            None => format!("unknown rule `{name}`; the rules are: {}", names.join(", ")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_typos_are_suggested() {
        for rule in Rule::ALL {
            assert_eq!(Rule::parse(rule.name()), Ok(rule));
        }
        assert_eq!(
            Rule::parse("bool_prefx").unwrap_err(),
            "unknown rule `bool_prefx`; did you mean `bool_prefix`?"
        );
    }
}
