//! A model as `#[derive(Table)]` writes it: `static` data, read by the one non-generic
//! [`ModelSpec::table_def`] instead of a table-building function per model. The derive's output
//! stays a few lines of data per column, and every model shares the code that turns the data
//! into a [`TableDef`].

use super::{
    CheckConstraint, ColumnDef, ColumnDefault, Deferrable, DomainDef, EnumDef, ExclusionConstraint,
    ExclusionElement, Extension, ForeignKey, Function, Identity, Index, IndexKey, IndexMethod,
    KeyPart, NullsOrder, PartitionBy, PartitionMethod, Policy, PolicyCommand, PrimaryKey,
    QualifiedName, ReferentialAction, RowSecurity, SqlType, TableDef, Trigger, TriggerEvent,
    TriggerTiming, UniqueConstraint,
};

/// A table as static data. Built by `#[derive(Table)]`; not part of the public API.
#[doc(hidden)]
#[derive(Debug)]
pub struct ModelSpec {
    pub schema: &'static str,
    pub name: &'static str,
    pub comment: Option<&'static str>,
    pub renamed_from: Option<&'static str>,
    pub columns: &'static [ColumnSpec],
    pub primary_key: Option<KeySpec>,
    pub uniques: &'static [KeySpec],
    pub foreign_keys: &'static [ForeignKeySpec],
    pub indexes: &'static [IndexSpec],
    pub checks: &'static [CheckSpec],
    pub triggers: &'static [TriggerSpec],
    pub exclusions: &'static [ExclusionSpec],
    /// The deferral of each key (primary or unique, by name) that is deferrable.
    pub key_deferrals: &'static [(&'static str, Deferrable)],
    pub row_security: RowSecurity,
    pub policies: &'static [PolicySpec],
    pub partition_by: Option<PartitionBySpec>,
}

/// `#[table(partition_by = "..")]`: the method and the key's column names.
#[doc(hidden)]
#[derive(Debug)]
pub struct PartitionBySpec {
    pub method: PartitionMethod,
    pub columns: &'static [&'static str],
}

/// A row-level security policy `#[table(policy(..))]` declares.
#[doc(hidden)]
#[derive(Debug)]
pub struct PolicySpec {
    pub name: &'static str,
    pub command: PolicyCommand,
    pub restrictive: bool,
    pub roles: &'static [&'static str],
    pub using: Option<&'static str>,
    pub with_check: Option<&'static str>,
}

/// An exclusion constraint: its keys, one operator per key.
#[doc(hidden)]
#[derive(Debug)]
pub struct ExclusionSpec {
    pub name: &'static str,
    pub method: IndexMethod,
    pub keys: &'static [IndexKeySpec],
    pub operators: &'static [&'static str],
    pub predicate: Option<&'static str>,
}

/// A trigger `#[table(trigger(..))]` declares; its function is the schema's to declare.
#[doc(hidden)]
#[derive(Debug)]
pub struct TriggerSpec {
    pub name: &'static str,
    pub timing: TriggerTiming,
    pub events: &'static [TriggerEvent],
    pub per_row: bool,
    /// The function's schema when written (`"audit.log_change"`), else the table's.
    pub function_schema: Option<&'static str>,
    pub function: &'static str,
    pub update_of: &'static [&'static str],
    pub when: Option<&'static str>,
}

/// One column: its SQL name, type and hints.
#[doc(hidden)]
#[derive(Debug)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub ty: ColumnType,
    pub default: Option<DefaultSpec>,
    pub identity: Option<Identity>,
    pub generated: Option<&'static str>,
    pub comment: Option<&'static str>,
    pub renamed_from: Option<&'static str>,
    pub using: Option<&'static str>,
    /// `#[column(touch)]`: set to `now()` by a trigger on every update.
    pub touch: bool,
}

/// Where a column's SQL type and nullability come from.
#[doc(hidden)]
#[derive(Debug)]
pub enum ColumnType {
    /// The field type's `PgType`.
    Mapped(TypeSpec),
    /// An override the derive resolved (`varchar(n)`, `numeric(p, s)`, `timestamp`), and
    /// whether the field type is nullable.
    Fixed(SqlType, bool),
    /// A raw `type = ".."` override, parsed when the table is built, and whether the field is
    /// an `Option`.
    Raw(&'static str, bool),
}

/// What a `PgType` says about its columns: `PgType::__TYPE`.
#[doc(hidden)]
#[derive(Debug)]
pub struct TypeSpec {
    pub sql_type: fn() -> SqlType,
    pub enum_def: fn() -> Option<EnumDef>,
    pub extension: fn() -> Option<Extension>,
    pub domain: fn() -> Option<DomainDef>,
    pub nullable: bool,
}

/// A column default.
#[doc(hidden)]
#[derive(Debug)]
pub enum DefaultSpec {
    Bool(bool),
    Number(&'static str),
    String(&'static str),
    /// An enum variant's label, read from the enum's `PgEnum` impl.
    Label(fn() -> &'static str),
    Now,
    RandomUuid,
    Sql(&'static str),
}

/// A primary key or unique constraint.
#[doc(hidden)]
#[derive(Debug)]
pub struct KeySpec {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

/// A single-column foreign key.
#[doc(hidden)]
#[derive(Debug)]
pub struct ForeignKeySpec {
    pub name: &'static str,
    pub column: &'static str,
    pub target_schema: &'static str,
    pub target_table: &'static str,
    pub target_column: &'static str,
    pub on_delete: ReferentialAction,
    pub on_update: ReferentialAction,
    pub deferrable: Deferrable,
}

/// An index.
#[doc(hidden)]
#[derive(Debug)]
pub struct IndexSpec {
    pub name: &'static str,
    /// The keys when all are plain columns; else empty, and `keys` has them.
    pub columns: &'static [&'static str],
    pub keys: &'static [IndexKeySpec],
    pub include: &'static [&'static str],
    pub nulls_not_distinct: bool,
    /// Storage parameters, as (name, value).
    pub with: &'static [(&'static str, &'static str)],
    pub unique: bool,
    pub method: IndexMethod,
    pub predicate: Option<&'static str>,
}

/// An index key with an order, an operator class or an expression.
#[doc(hidden)]
#[derive(Debug)]
pub struct IndexKeySpec {
    /// The column, or the expression's SQL.
    pub part: &'static str,
    pub expression: bool,
    pub descending: bool,
    pub nulls: Option<NullsOrder>,
    pub opclass: Option<&'static str>,
}

impl IndexKeySpec {
    fn key(&self) -> IndexKey {
        IndexKey {
            part: if self.expression {
                KeyPart::Expression(self.part.to_owned())
            } else {
                KeyPart::Column(self.part.to_owned())
            },
            descending: self.descending,
            nulls: self.nulls,
            opclass: owned(self.opclass),
        }
    }
}

/// A check constraint.
#[doc(hidden)]
#[derive(Debug)]
pub struct CheckSpec {
    pub name: &'static str,
    pub expression: &'static str,
}

fn owned(s: Option<&'static str>) -> Option<String> {
    s.map(str::to_owned)
}

fn names(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| (*c).to_owned()).collect()
}

impl ModelSpec {
    /// What a model with compile errors carries: it is never built.
    pub const UNBUILT: ModelSpec = ModelSpec {
        schema: "",
        name: "",
        comment: None,
        renamed_from: None,
        columns: &[],
        primary_key: None,
        uniques: &[],
        foreign_keys: &[],
        indexes: &[],
        checks: &[],
        triggers: &[],
        exclusions: &[],
        key_deferrals: &[],
        row_security: RowSecurity::Off,
        policies: &[],
        partition_by: None,
    };

    /// The table, normalized as every [`TableDef`] a schema holds.
    pub fn table_def(&self) -> TableDef {
        let mut table = TableDef::new(self.schema, self.name);
        table.comment = owned(self.comment);
        table.renamed_from = owned(self.renamed_from);
        table.columns = self.columns.iter().map(ColumnSpec::column_def).collect();
        table.primary_key = self.primary_key.as_ref().map(|pk| PrimaryKey {
            name: pk.name.to_owned(),
            columns: names(pk.columns),
            deferrable: Default::default(),
        });
        table.uniques = self
            .uniques
            .iter()
            .map(|u| UniqueConstraint {
                name: u.name.to_owned(),
                columns: names(u.columns),
                deferrable: Default::default(),
            })
            .collect();
        table.foreign_keys = self
            .foreign_keys
            .iter()
            .map(|fk| ForeignKey {
                name: fk.name.to_owned(),
                columns: vec![fk.column.to_owned()],
                target: QualifiedName::new(fk.target_schema, fk.target_table),
                target_columns: vec![fk.target_column.to_owned()],
                on_delete: fk.on_delete,
                on_update: fk.on_update,
                deferrable: fk.deferrable,
                match_full: false,
            })
            .collect();
        table.indexes = self
            .indexes
            .iter()
            .map(|i| Index {
                name: i.name.to_owned(),
                columns: if i.keys.is_empty() {
                    i.columns.iter().map(|&c| IndexKey::column_key(c)).collect()
                } else {
                    i.keys.iter().map(IndexKeySpec::key).collect()
                },
                include: names(i.include),
                nulls_not_distinct: i.nulls_not_distinct,
                with: i
                    .with
                    .iter()
                    .map(|&(name, value)| (name.to_owned(), value.to_owned()))
                    .collect(),
                unique: i.unique,
                method: i.method.clone(),
                predicate: owned(i.predicate),
            })
            .collect();
        table.checks = self
            .checks
            .iter()
            .map(|c| CheckConstraint {
                name: c.name.to_owned(),
                expression: c.expression.to_owned(),
            })
            .collect();
        for &(name, deferrable) in self.key_deferrals {
            if let Some(pk) = table.primary_key.as_mut().filter(|pk| pk.name == name) {
                pk.deferrable = deferrable;
            }
            for unique in table.uniques.iter_mut().filter(|u| u.name == name) {
                unique.deferrable = deferrable;
            }
        }
        table.exclusions = self
            .exclusions
            .iter()
            .map(|x| ExclusionConstraint {
                name: x.name.to_owned(),
                method: x.method.clone(),
                elements: x
                    .keys
                    .iter()
                    .zip(x.operators)
                    .map(|(key, operator)| ExclusionElement::new(key.key(), *operator))
                    .collect(),
                predicate: owned(x.predicate),
            })
            .collect();
        table.triggers = self
            .touched()
            .map(|column| Trigger::touch(self.schema, column))
            .chain(self.triggers.iter().map(|t| Trigger {
                per_row: t.per_row,
                update_of: names(t.update_of),
                when: owned(t.when),
                ..Trigger::new(
                    t.name,
                    t.timing,
                    t.events.iter().copied(),
                    QualifiedName::new(t.function_schema.unwrap_or(self.schema), t.function),
                )
            }))
            .collect();
        table.row_security = self.row_security;
        table.partition_by = self.partition_by.as_ref().map(|p| PartitionBy {
            method: p.method,
            columns: names(p.columns),
        });
        table.policies = self
            .policies
            .iter()
            .map(|p| Policy {
                name: p.name.to_owned(),
                command: p.command,
                restrictive: p.restrictive,
                roles: names(p.roles),
                using: owned(p.using),
                with_check: owned(p.with_check),
            })
            .collect();
        table.normalize();
        table
    }

    /// The columns kept current by a trigger.
    fn touched(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().filter(|c| c.touch).map(|c| c.name)
    }

    /// The functions the table's triggers execute: one per touched column.
    pub fn functions(&self) -> Vec<Function> {
        self.touched()
            .map(|column| Function::touch(self.schema, column))
            .collect()
    }

    /// The enum types behind the columns, each once, in column order.
    pub fn enums(&self) -> Vec<EnumDef> {
        self.collect_from_column_types(|spec| (spec.enum_def)())
    }

    /// The domains of the column types, each once, in column order.
    pub fn domains(&self) -> Vec<DomainDef> {
        self.collect_from_column_types(|spec| (spec.domain)())
    }

    /// The extensions the column types come from, each once, in column order.
    pub fn extensions(&self) -> Vec<Extension> {
        self.collect_from_column_types(|spec| (spec.extension)())
    }

    /// What `of` says of each mapped column type, each value once, in column order.
    fn collect_from_column_types<T: PartialEq>(
        &self,
        of: impl Fn(&TypeSpec) -> Option<T>,
    ) -> Vec<T> {
        let mut found: Vec<T> = Vec::new();
        for column in self.columns {
            if let ColumnType::Mapped(spec) = &column.ty {
                if let Some(value) = of(spec) {
                    if !found.contains(&value) {
                        found.push(value);
                    }
                }
            }
        }
        found
    }
}

impl ColumnSpec {
    /// A column without a default, comment or hint: what most columns are, and what the
    /// others are written from.
    pub const fn new(name: &'static str, ty: ColumnType) -> Self {
        ColumnSpec {
            name,
            ty,
            default: None,
            identity: None,
            generated: None,
            comment: None,
            renamed_from: None,
            using: None,
            touch: false,
        }
    }

    /// The column with a default. The derive chains these rather than writing a struct
    /// update (`..base`), which `const` evaluation refuses for a type with a destructor.
    pub const fn with_default(mut self, default: DefaultSpec) -> Self {
        self.default = Some(default);
        self
    }

    /// The column as an identity column.
    pub const fn with_identity(mut self, identity: Identity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// The column as a stored generated column.
    pub const fn with_generated(mut self, expression: &'static str) -> Self {
        self.generated = Some(expression);
        self
    }

    /// The column with a comment.
    pub const fn with_comment(mut self, comment: &'static str) -> Self {
        self.comment = Some(comment);
        self
    }

    /// The column with a rename hint.
    pub const fn with_renamed_from(mut self, old: &'static str) -> Self {
        self.renamed_from = Some(old);
        self
    }

    /// The column kept at the time of its row's last update by a trigger
    /// ([`Trigger::touch`](crate::model::Trigger::touch)).
    pub const fn with_touch(mut self) -> Self {
        self.touch = true;
        self
    }

    /// The column with a `USING` expression for a type change.
    pub const fn with_using(mut self, expression: &'static str) -> Self {
        self.using = Some(expression);
        self
    }

    fn column_def(&self) -> ColumnDef {
        let (ty, nullable) = match &self.ty {
            ColumnType::Mapped(spec) => ((spec.sql_type)(), spec.nullable),
            ColumnType::Fixed(ty, nullable) => (ty.clone(), *nullable),
            ColumnType::Raw(sql, nullable) => (SqlType::parse(sql), *nullable),
        };
        let mut column = ColumnDef::new(self.name, ty, nullable);
        column.default = self.default.as_ref().map(DefaultSpec::column_default);
        column.identity = self.identity;
        column.generated = owned(self.generated);
        column.comment = owned(self.comment);
        column.renamed_from = owned(self.renamed_from);
        column.using = owned(self.using);
        column
    }
}

impl DefaultSpec {
    fn column_default(&self) -> ColumnDefault {
        match *self {
            DefaultSpec::Bool(b) => ColumnDefault::Bool(b),
            DefaultSpec::Number(n) => ColumnDefault::Number(n.to_owned()),
            DefaultSpec::String(s) => ColumnDefault::String(s.to_owned()),
            DefaultSpec::Label(label) => ColumnDefault::String(label().to_owned()),
            DefaultSpec::Now => ColumnDefault::Now,
            DefaultSpec::RandomUuid => ColumnDefault::RandomUuid,
            DefaultSpec::Sql(sql) => ColumnDefault::Sql(sql.to_owned()),
        }
    }
}
