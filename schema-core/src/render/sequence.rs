//! Sequences: `CREATE SEQUENCE`, `ALTER SEQUENCE` (options, owner, name) and `DROP SEQUENCE`.

use super::{quote_ident, quote_qualified};
use crate::model::{QualifiedName, Sequence, SequenceOwner};

/// `CREATE SEQUENCE "schema"."name" [AS ..] [INCREMENT BY ..] [MINVALUE ..] [MAXVALUE ..]
/// [START WITH ..] [CACHE ..] [CYCLE]`: the options the sequence sets, without its owner,
/// which is set once the owning table exists ([`set_owner`]).
pub fn create_sequence(sequence: &Sequence) -> String {
    let mut sql = format!(
        "CREATE SEQUENCE {}",
        quote_qualified(&sequence.schema, &sequence.name)
    );
    if sequence.ty != crate::model::SequenceType::BigInt {
        sql.push_str(&format!(" AS {}", sequence.ty));
    }
    let options = [
        ("INCREMENT BY", sequence.increment),
        ("MINVALUE", sequence.min_value),
        ("MAXVALUE", sequence.max_value),
        ("START WITH", sequence.start),
        ("CACHE", sequence.cache),
    ];
    for (keyword, value) in options {
        if let Some(value) = value {
            sql.push_str(&format!(" {keyword} {value}"));
        }
    }
    if sequence.cycle {
        sql.push_str(" CYCLE");
    }
    sql
}

/// `ALTER SEQUENCE "schema"."name" AS .. INCREMENT BY .. MINVALUE .. MAXVALUE .. START WITH ..
/// CACHE .. [NO] CYCLE`: every option written, so that one left out returns to PostgreSQL's
/// default rather than keeping its old value. The current value is left alone.
pub fn alter_sequence(sequence: &Sequence) -> String {
    format!(
        "ALTER SEQUENCE {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {} {}",
        quote_qualified(&sequence.schema, &sequence.name),
        sequence.ty,
        sequence.step(),
        sequence.smallest(),
        sequence.largest(),
        sequence.first(),
        sequence.cache_size(),
        if sequence.cycle { "CYCLE" } else { "NO CYCLE" }
    )
}

/// `ALTER SEQUENCE "schema"."name" OWNED BY "schema"."table"."column"`, or `OWNED BY NONE`.
pub fn set_owner(name: &QualifiedName, owner: Option<&SequenceOwner>) -> String {
    let owner = match owner {
        Some(owner) => format!(
            "{}.{}",
            quote_qualified(&name.schema, &owner.table),
            quote_ident(&owner.column)
        ),
        None => "NONE".to_owned(),
    };
    format!(
        "ALTER SEQUENCE {} OWNED BY {owner}",
        quote_qualified(&name.schema, &name.name)
    )
}

/// `ALTER SEQUENCE "schema"."old" RENAME TO "new"`
pub fn rename_sequence(schema: &str, from: &str, to: &str) -> String {
    format!(
        "ALTER SEQUENCE {} RENAME TO {}",
        quote_qualified(schema, from),
        quote_ident(to)
    )
}

/// `DROP SEQUENCE "schema"."name"` (fails while a default still draws from it).
pub fn drop_sequence(name: &QualifiedName) -> String {
    format!(
        "DROP SEQUENCE {}",
        quote_qualified(&name.schema, &name.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SequenceType;

    #[test]
    fn statements() {
        let invoices = Sequence::new("billing", "invoice_numbers")
            .of_type(SequenceType::Integer)
            .start(1000)
            .cache(10)
            .owned_by("invoices", "number");
        assert_eq!(
            create_sequence(&invoices),
            "CREATE SEQUENCE \"billing\".\"invoice_numbers\" AS integer START WITH 1000 CACHE 10"
        );
        assert_eq!(
            alter_sequence(&invoices),
            "ALTER SEQUENCE \"billing\".\"invoice_numbers\" AS integer INCREMENT BY 1 \
             MINVALUE 1 MAXVALUE 2147483647 START WITH 1000 CACHE 10 NO CYCLE"
        );
        let name = invoices.qualified_name();
        assert_eq!(
            set_owner(&name, invoices.owned_by.as_ref()),
            "ALTER SEQUENCE \"billing\".\"invoice_numbers\" OWNED BY \"billing\".\"invoices\".\"number\""
        );
        assert_eq!(
            set_owner(&name, None),
            "ALTER SEQUENCE \"billing\".\"invoice_numbers\" OWNED BY NONE"
        );
        assert_eq!(
            rename_sequence("billing", "old", "invoice_numbers"),
            "ALTER SEQUENCE \"billing\".\"old\" RENAME TO \"invoice_numbers\""
        );
        assert_eq!(
            drop_sequence(&name),
            "DROP SEQUENCE \"billing\".\"invoice_numbers\""
        );
        assert_eq!(
            create_sequence(&Sequence::public("n").increment(-1).cycle()),
            "CREATE SEQUENCE \"public\".\"n\" INCREMENT BY -1 CYCLE"
        );
    }
}
