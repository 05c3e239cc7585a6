use super::name::name_problem;
use super::{
    DomainDef, EnumDef, Extension, Function, Grant, ModelRules, QualifiedName, RawDependency,
    RawObject, Role, Sequence, TableDef, Trigger, TriggerEvent, TriggerTiming, ViewDef,
    DEFAULT_SCHEMA,
};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// Every table and enum of a crate: the unit that is rendered, snapshotted and diffed.
///
/// Tables are registered explicitly ([`Schema::table`]); enums are collected from the columns
/// that use them. Both lists are kept sorted by qualified name, whatever the registration order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// Roles (`CREATE ROLE`), sorted by name: the cluster's, created when missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Extensions (`CREATE EXTENSION`), sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
    /// Enum types (`CREATE TYPE ... AS ENUM`), sorted by qualified name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumDef>,
    /// Domains (`CREATE DOMAIN`), sorted by qualified name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<DomainDef>,
    /// Sequences (`CREATE SEQUENCE`), sorted by qualified name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sequences: Vec<Sequence>,
    /// Functions (`CREATE FUNCTION`), sorted by qualified name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Function>,
    /// Objects declared by their SQL (aggregates, casts, operators, ...), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raw_objects: Vec<RawObject>,
    /// Tables, sorted by qualified name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableDef>,
    /// Views and materialized views, sorted by qualified name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<ViewDef>,
    /// Privileges granted beyond PostgreSQL's defaults, one per object and role, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
    /// The Rust side of the registered models (their validation rules), for the Zod writer.
    /// Not part of the database schema: never serialized, and left out by
    /// [`canonical`](super::canonical); `==` compares them.
    #[serde(skip)]
    pub models: Models,
}

/// The rules of the models registered with [`Schema::table`], sorted by table. Two
/// lists are equal when their rules are, so schemas that differ only in validation are not
/// equal. A snapshot or a catalog read-back has none: compare those with the models through
/// [`canonical`](super::canonical), which keeps only the database schema.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Models(pub Vec<&'static ModelRules>);

/// A schema whose parts do not fit together; reported all at once by [`Schema::validate`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// Two registered tables have the same qualified name.
    #[error("table `{0}` is registered twice")]
    DuplicateTable(QualifiedName),
    /// One extension declared with its objects in two schemas: a database installs an
    /// extension once.
    #[error("extension `{name}` is declared in schema `{first}` and in schema `{second}`: a database holds an extension once")]
    ConflictingExtension {
        /// The extension.
        name: String,
        /// One schema it is declared in.
        first: String,
        /// Another.
        second: String,
    },
    /// Two different definitions (values or comment) of one enum type name.
    #[error("enum `{0}` is defined twice with different values")]
    ConflictingEnum(QualifiedName),
    /// Two relations of one PostgreSQL schema have the same name: tables, indexes and the
    /// indexes behind primary keys and unique constraints share one namespace (`pg_class`).
    #[error("`{schema}.{name}` is used by two relations (tables, indexes and key constraints share one namespace per schema)")]
    DuplicateRelationName {
        /// The PostgreSQL schema in which the name is taken twice.
        schema: String,
        /// The relation name used twice.
        name: String,
    },
    /// A foreign key references a table that is not registered in this schema.
    #[error("foreign key `{fk}` on `{table}` references `{target}`, which is not registered in the schema: add `.table::<...>()` for it")]
    UnregisteredReference {
        /// The table that declares the foreign key.
        table: QualifiedName,
        /// Name of the foreign-key constraint.
        fk: String,
        /// The referenced table, missing from the schema.
        target: QualifiedName,
    },
    /// A foreign key references columns that are neither the target's primary key nor a unique
    /// key of it, which PostgreSQL rejects.
    #[error("foreign key `{fk}` on `{table}` references `{target}` ({columns}), which is neither its primary key nor a unique constraint, not deferrable")]
    ReferenceWithoutKey {
        /// The table that declares the foreign key.
        table: QualifiedName,
        /// Name of the foreign-key constraint.
        fk: String,
        /// The referenced table.
        target: QualifiedName,
        /// The referenced columns, comma-separated.
        columns: String,
    },
    /// A column's type is an enum (or array of one) that the schema does not define.
    #[error("column `{column}` of `{table}` uses enum `{ty}`, which is not in the schema")]
    MissingEnum {
        /// The table of the column.
        table: QualifiedName,
        /// The column's name.
        column: String,
        /// The enum type the column uses.
        ty: QualifiedName,
    },
    /// A name PostgreSQL would not keep as written (see [`name_problem`]): the catalog would
    /// differ from the model.
    #[error("{what} cannot be a PostgreSQL name: {problem}")]
    InvalidName {
        /// What the name names, with the name, e.g. "column `` of `public.users`".
        what: String,
        /// The name as the model has it.
        name: String,
        /// Why PostgreSQL would not keep it.
        problem: String,
    },
    /// Two constraints of one table (primary key, uniques, foreign keys, checks) share a name,
    /// which PostgreSQL refuses; generated names shortened to 63 bytes can meet this way.
    #[error("`{table}` has two constraints named `{name}`")]
    DuplicateConstraint {
        /// The table.
        table: QualifiedName,
        /// The constraint name used twice.
        name: String,
    },
    /// A column combines what PostgreSQL does not: an identity that is nullable, has a
    /// default or is not an integer; a generated column with a default.
    #[error("column `{column}` of `{table}` {problem}")]
    InvalidColumn {
        /// The table of the column.
        table: QualifiedName,
        /// The column's name.
        column: String,
        /// What PostgreSQL would refuse, e.g. "is an identity column of type text: ...".
        problem: String,
    },
    /// A sequence PostgreSQL would refuse, or one declared twice with different options.
    #[error("sequence `{sequence}` {problem}")]
    InvalidSequence {
        /// The sequence.
        sequence: QualifiedName,
        /// What is wrong with it.
        problem: String,
    },
    /// One domain defined twice differently, or a domain and an enum of one name.
    #[error("type `{0}` is defined twice: two domains, or a domain and an enum, of one name")]
    ConflictingDomain(QualifiedName),
    /// A column's type is a domain the schema does not define.
    #[error("column `{column}` of `{table}` uses domain `{ty}`, which is not in the schema")]
    MissingDomain {
        /// The table of the column.
        table: QualifiedName,
        /// The column's name.
        column: String,
        /// The domain the column uses.
        ty: QualifiedName,
    },
    /// One function declared twice with different definitions.
    #[error("function `{0}` is declared twice, with different definitions")]
    ConflictingFunction(QualifiedName),
    /// A raw object declared twice with different statements, badly named, or needing an
    /// object the schema does not declare.
    #[error("{kind} `{name}` {problem}")]
    InvalidRawObject {
        /// Its kind, in words.
        kind: &'static str,
        /// Its name, qualified but for a cast.
        name: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A trigger executes a function the schema does not declare.
    #[error("trigger `{trigger}` on `{table}` executes `{function}`, which is not in the schema: add it with `.function(..)`")]
    MissingFunction {
        /// The table of the trigger.
        table: QualifiedName,
        /// The trigger's name.
        trigger: String,
        /// The function it executes.
        function: QualifiedName,
    },
    /// A policy PostgreSQL would refuse, one of a table without row-level security, or two
    /// of one name on a table.
    #[error("policy `{policy}` on `{table}` {problem}")]
    InvalidPolicy {
        /// The table of the policy.
        table: QualifiedName,
        /// The policy's name.
        policy: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A partitioned table or partition PostgreSQL would refuse.
    #[error("`{table}` {problem}")]
    InvalidPartitioning {
        /// The partitioned table.
        table: QualifiedName,
        /// What is wrong.
        problem: String,
    },
    /// A role PostgreSQL would refuse, or one declared twice differently.
    #[error("role `{role}` {problem}")]
    InvalidRole {
        /// The role.
        role: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A grant PostgreSQL would refuse, or one on an object the schema does not have.
    #[error("grant of {grant} {problem}")]
    InvalidGrant {
        /// The grant, described.
        grant: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A role named by a grant, a policy or a membership that the schema does not declare.
    #[error("role `{role}`, named by {by}, is not declared: add `.role(Role::new(\"{role}\"))`, or `Role::existing(\"{role}\")` for a role made elsewhere")]
    UndeclaredRole {
        /// The role.
        role: String,
        /// What names it.
        by: String,
    },
    /// A view PostgreSQL would refuse, or one declared twice differently.
    #[error("{kind} `{view}` {problem}")]
    InvalidView {
        /// `view` or `materialized view`.
        kind: &'static str,
        /// The view.
        view: QualifiedName,
        /// What is wrong with it.
        problem: String,
    },
    /// A trigger PostgreSQL would refuse, or two of one name on a table.
    #[error("trigger `{trigger}` on `{table}` {problem}")]
    InvalidTrigger {
        /// The table of the trigger.
        table: QualifiedName,
        /// The trigger's name.
        trigger: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A key, foreign key or index of a table lists a column the table does not have.
    #[error("`{table}` names column `{column}` in `{item}`, but has no such column")]
    UnknownColumn {
        /// The table whose constraint or index names the column.
        table: QualifiedName,
        /// Name of the constraint or index that lists the column.
        item: String,
        /// The column name that matches no column of the table.
        column: String,
    },
}

/// Inserts `item` at its sorted place in `list`, unless an equal one is there.
fn insert_sorted<T: Ord>(list: &mut Vec<T>, item: T) {
    if let Err(at) = list.binary_search(&item) {
        list.insert(at, item);
    }
}

/// What tables are ordered by: their qualified name, borrowed.
fn order_key(table: &TableDef) -> (&str, &str) {
    (table.schema.as_str(), table.name.as_str())
}

impl Schema {
    /// An empty schema; register tables with [`Schema::table`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps a registered model's validation rules, sorted by table as the tables are, so the
    /// registration order changes nothing. [`Schema::table`] calls it.
    pub fn add_rules(&mut self, rules: &'static ModelRules) {
        let key = |m: &ModelRules| (m.schema, m.table);
        let at = self.models.0.partition_point(|m| key(m) <= key(rules));
        self.models.0.insert(at, rules);
    }

    /// Adds a table definition, [normalized](TableDef::normalize), at its sorted position.
    /// Unlike [`Schema::table`] it adds no enums; a duplicate is kept, for [`Schema::validate`]
    /// to report.
    pub fn add_table(&mut self, mut table: TableDef) {
        table.normalize();
        // Compared in place, not as `QualifiedName`s: two allocations per comparison were
        // most of building a schema of thousands of tables.
        let at = self
            .tables
            .partition_point(|t| order_key(t) <= order_key(&table));
        self.tables.insert(at, table);
    }

    /// Declares an extension the schema needs: `Schema::new().extension("citext")`, or
    /// `.extension(Extension::new("vector").in_schema("extensions"))`. Declared twice, it is
    /// kept once.
    pub fn extension(mut self, extension: impl Into<Extension>) -> Self {
        self.add_extension(extension.into());
        self
    }

    /// [`Schema::extension`] in place.
    pub fn add_extension(&mut self, extension: Extension) {
        insert_sorted(&mut self.extensions, extension);
    }

    /// Declares a sequence: `Schema::new().sequence(Sequence::public("invoice_numbers").start(1000))`.
    /// Declared twice with the same options, it is kept once.
    pub fn sequence(mut self, sequence: Sequence) -> Self {
        self.add_sequence(sequence);
        self
    }

    /// [`Schema::sequence`] in place. Two definitions of one name are both kept, for
    /// [`Schema::validate`] to report.
    pub fn add_sequence(&mut self, sequence: Sequence) {
        insert_sorted(&mut self.sequences, sequence);
    }

    /// Declares a role: `Schema::new().role(Role::new("app").member_of("readers"))`, or
    /// `.role(Role::existing("authenticated"))` for one made elsewhere. Declared twice alike,
    /// it is kept once.
    pub fn role(mut self, role: Role) -> Self {
        self.add_role(role);
        self
    }

    /// [`Schema::role`] in place. Two definitions of one name are both kept, for
    /// [`Schema::validate`] to report.
    pub fn add_role(&mut self, role: Role) {
        insert_sorted(&mut self.roles, role);
    }

    /// Grants privileges: `.grant(Grant::on::<Member>().privilege(Privilege::Select).to("app"))`.
    /// The grants of one object to one role are merged into one.
    pub fn grant(mut self, grant: Grant) -> Self {
        self.add_grant(grant);
        self
    }

    /// [`Schema::grant`] in place. Two grants of one object to one role, one with
    /// `WITH GRANT OPTION` and one without, are both kept, for [`Schema::validate`] to report.
    pub fn add_grant(&mut self, mut grant: Grant) {
        grant.normalize();
        let same = |g: &Grant| {
            g.on == grant.on && g.to == grant.to && g.with_grant_option == grant.with_grant_option
        };
        if let Some(at) = self.grants.iter().position(same) {
            let mut merged = self.grants.remove(at);
            merged.privileges.append(&mut grant.privileges);
            merged.normalize();
            grant = merged;
        }
        insert_sorted(&mut self.grants, grant);
    }

    /// Declares an object by the SQL that creates and drops it ([`RawObject`]): an aggregate,
    /// a cast, an operator, ... Declared twice alike, it is kept once.
    pub fn raw(mut self, object: RawObject) -> Self {
        self.add_raw(object);
        self
    }

    /// [`Schema::raw`] in place.
    pub fn add_raw(&mut self, object: RawObject) {
        insert_sorted(&mut self.raw_objects, object);
    }

    /// Adds a view definition at its sorted position; one declared twice alike is kept once,
    /// two definitions of one name both, for [`Schema::validate`] to report.
    pub fn add_view(&mut self, mut view: ViewDef) {
        view.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        if self.views.contains(&view) {
            return;
        }
        fn key(v: &ViewDef) -> (&str, &str) {
            (&v.schema, &v.name)
        }
        let at = self.views.partition_point(|v| key(v) <= key(&view));
        self.views.insert(at, view);
    }

    /// The registered view with this qualified name, if any.
    pub fn find_view(&self, name: &QualifiedName) -> Option<&ViewDef> {
        self.views
            .iter()
            .find(|v| v.schema == name.schema && v.name == name.name)
    }

    /// Declares a function: a trigger's, or one that checks and queries call. Declared twice
    /// with the same definition, it is kept once.
    pub fn function(mut self, function: Function) -> Self {
        self.add_function(function);
        self
    }

    /// [`Schema::function`] in place. Two definitions of one name are both kept, for
    /// [`Schema::validate`] to report.
    pub fn add_function(&mut self, function: Function) {
        insert_sorted(&mut self.functions, function);
    }

    /// Adds a partition to the registered table `table`. False when no table of that name is
    /// registered.
    pub fn add_partition(&mut self, table: &QualifiedName, partition: super::Partition) -> bool {
        let Some(table) = self.table_mut(table) else {
            return false;
        };
        let at = table
            .partitions
            .partition_point(|p| p.name <= partition.name);
        table.partitions.insert(at, partition);
        true
    }

    /// The registered table `name`, to add to.
    fn table_mut(&mut self, name: &QualifiedName) -> Option<&mut TableDef> {
        let key = (name.schema.as_str(), name.name.as_str());
        self.tables.iter_mut().find(|t| order_key(t) == key)
    }

    /// Adds a trigger to the registered table `table` (the function it executes is declared
    /// with [`Schema::function`]). False when no table of that name is registered.
    pub fn add_trigger(&mut self, table: &QualifiedName, trigger: Trigger) -> bool {
        let Some(table) = self.table_mut(table) else {
            return false;
        };
        let at = table.triggers.partition_point(|t| t.name <= trigger.name);
        table.triggers.insert(at, trigger);
        true
    }

    /// Adds a domain; the same domain reached through several columns is kept once. Two
    /// definitions of one name are both kept, for [`Schema::validate`] to report.
    pub fn add_domain(&mut self, def: DomainDef) {
        if self.domains.contains(&def) {
            return;
        }
        fn key(d: &DomainDef) -> (&str, &str) {
            (&d.schema, &d.name)
        }
        let at = self.domains.partition_point(|d| key(d) <= key(&def));
        self.domains.insert(at, def);
    }

    /// The domain a column of type `ty` is (or holds the elements of), if the schema has it.
    pub fn domain_of(&self, ty: &super::SqlType) -> Option<&DomainDef> {
        let name = ty.referenced_domain()?;
        self.domains
            .iter()
            .find(|d| d.schema == name.schema && d.name == name.name)
    }

    /// Adds an enum; the same enum reached through several tables is kept once.
    pub fn add_enum(&mut self, def: EnumDef) {
        if self.enums.contains(&def) {
            return;
        }
        let at = self
            .enums
            .partition_point(|e| e.qualified_name() <= def.qualified_name());
        self.enums.insert(at, def);
    }

    /// The schema without the diff engine's hints (`renamed_from`, `using`, renamed enum
    /// values): what a snapshot stores, since hints say how a state was reached, not what it is.
    pub fn without_hints(&self) -> Schema {
        let mut out = self.clone();
        super::canonical::clear_schema_hints(&mut out);
        out
    }

    /// The registered table with this qualified name, if any (the first, should there be
    /// two, which [`Schema::validate`] refuses).
    pub fn find_table(&self, name: &QualifiedName) -> Option<&TableDef> {
        let key = (name.schema.as_str(), name.name.as_str());
        let named = |t: &&TableDef| order_key(t) == key;
        // Tables are kept in qualified-name order (`add_table`, snapshots, `canonical`): a
        // binary search finds the first of that name, so that a lookup per foreign key stays
        // cheap on thousands of tables. A list put out of order by hand may hide the table
        // from the search, so a miss is confirmed by a scan.
        let at = self.tables.partition_point(|t| order_key(t) < key);
        self.tables
            .get(at)
            .filter(named)
            .or_else(|| self.tables.iter().find(named))
    }

    /// The database schema alone, as a snapshot stores it and a catalog reads back: without the
    /// diff engine's hints ([`Schema::without_hints`]) and without the models' validation
    /// rules, which are Rust's, not the database's.
    pub fn database(&self) -> Schema {
        let mut out = self.without_hints();
        out.models = Models::default();
        out
    }

    /// Whether both hold the same database objects: `==` but for [`Schema::models`], the
    /// validation rules, which a snapshot or a catalog read-back does not have.
    pub fn same_objects(&self, other: &Schema) -> bool {
        // Destructured, so that an object kind added to the schema cannot be left out.
        let Schema {
            roles,
            extensions,
            enums,
            domains,
            sequences,
            functions,
            raw_objects,
            tables,
            views,
            grants,
            models: _,
        } = self;
        *roles == other.roles
            && *extensions == other.extensions
            && *enums == other.enums
            && domains.len() == other.domains.len()
            && domains
                .iter()
                .zip(&other.domains)
                .all(|(a, b)| a.clone().without_rules() == b.clone().without_rules())
            && *sequences == other.sequences
            && *functions == other.functions
            && *raw_objects == other.raw_objects
            && *tables == other.tables
            && *views == other.views
            && *grants == other.grants
    }

    /// The PostgreSQL schemas (namespaces) this schema creates: all but `public`, sorted.
    pub fn namespaces(&self) -> BTreeSet<&str> {
        self.tables
            .iter()
            .map(|t| t.schema.as_str())
            .chain(self.enums.iter().map(|e| e.schema.as_str()))
            .chain(self.domains.iter().map(|d| d.schema.as_str()))
            .chain(self.extensions.iter().map(|e| e.schema.as_str()))
            .chain(self.functions.iter().map(|f| f.schema.as_str()))
            .chain(self.sequences.iter().map(|s| s.schema.as_str()))
            .chain(self.raw_objects.iter().map(|r| r.schema.as_str()))
            .chain(self.views.iter().map(|v| v.schema.as_str()))
            .filter(|s| *s != DEFAULT_SCHEMA)
            .collect()
    }

    /// Checks what no single model can check alone: that references point at registered tables
    /// with a key on the referenced columns, and that names do not collide.
    pub fn validate(&self) -> Result<(), Vec<SchemaError>> {
        let mut errors = self.name_errors();
        // Sorted by name, then schema: one name in two schemas is side by side.
        for pair in self.extensions.windows(2) {
            if pair[0].name == pair[1].name {
                errors.push(SchemaError::ConflictingExtension {
                    name: pair[0].name.clone(),
                    first: pair[0].schema.clone(),
                    second: pair[1].schema.clone(),
                });
            }
        }
        for pair in self.domains.windows(2) {
            if (&pair[0].schema, &pair[0].name) == (&pair[1].schema, &pair[1].name) {
                errors.push(SchemaError::ConflictingDomain(pair[0].qualified_name()));
            }
        }
        for domain in &self.domains {
            let clash = self
                .enums
                .iter()
                .any(|e| e.schema == domain.schema && e.name == domain.name);
            if clash {
                errors.push(SchemaError::ConflictingDomain(domain.qualified_name()));
            }
        }
        let mut enums: BTreeMap<QualifiedName, &EnumDef> = BTreeMap::new();
        for e in &self.enums {
            if enums.insert(e.qualified_name(), e).is_some() {
                errors.push(SchemaError::ConflictingEnum(e.qualified_name()));
            }
        }
        // Sorted by qualified name: two definitions of one name are side by side.
        for pair in self.functions.windows(2) {
            if (&pair[0].schema, &pair[0].name) == (&pair[1].schema, &pair[1].name) {
                errors.push(SchemaError::ConflictingFunction(pair[0].qualified_name()));
            }
        }
        // Borrowed names: owned pairs in a tree were a visible part of validating thousands of
        // tables.
        // Sized once: growing a set of tens of thousands of names rehashed it each time.
        let relation_count = self
            .tables
            .iter()
            .map(|t| {
                1 + t.primary_key.is_some() as usize
                    + t.uniques.len()
                    + t.indexes.len()
                    + t.exclusions.len()
            })
            .sum();
        let mut relations: FxHashSet<(&str, &str)> =
            FxHashSet::with_capacity_and_hasher(relation_count, Default::default());
        fn claim<'a>(
            relations: &mut FxHashSet<(&'a str, &'a str)>,
            key: (&'a str, &'a str),
            errors: &mut Vec<SchemaError>,
        ) {
            if !relations.insert(key) {
                errors.push(SchemaError::DuplicateRelationName {
                    schema: key.0.to_owned(),
                    name: key.1.to_owned(),
                });
            }
        }
        self.check_sequences(&mut relations, &mut errors);
        self.check_raw_objects(&mut errors);
        self.check_access(&mut errors);
        self.check_views(&mut relations, &mut errors);
        // The first table of each name, as `find_table` would return it, in one pass.
        let mut by_name: FxHashMap<(&str, &str), &TableDef> =
            FxHashMap::with_capacity_and_hasher(self.tables.len(), Default::default());
        let duplicate: Vec<bool> = self
            .tables
            .iter()
            .map(|t| match by_name.entry(order_key(t)) {
                Entry::Occupied(_) => true,
                Entry::Vacant(first) => {
                    first.insert(t);
                    false
                }
            })
            .collect();
        for (i, table) in self.tables.iter().enumerate() {
            // Named in an error only: not built for every table.
            let qualified = || table.qualified_name();
            if duplicate[i] {
                errors.push(SchemaError::DuplicateTable(qualified()));
                continue;
            }
            claim(&mut relations, (&table.schema, &table.name), &mut errors);
            let index_names = table
                .primary_key
                .iter()
                .map(|pk| &pk.name)
                .chain(table.uniques.iter().map(|u| &u.name))
                .chain(table.indexes.iter().map(|i| &i.name))
                .chain(table.exclusions.iter().map(|x| &x.name));
            for name in index_names {
                claim(&mut relations, (&table.schema, name), &mut errors);
            }
            let mut constraints = BTreeSet::new();
            let constraint_names = table
                .primary_key
                .iter()
                .map(|pk| &pk.name)
                .chain(table.uniques.iter().map(|u| &u.name))
                .chain(table.foreign_keys.iter().map(|f| &f.name))
                .chain(table.checks.iter().map(|c| &c.name))
                .chain(table.exclusions.iter().map(|x| &x.name));
            for name in constraint_names {
                if !constraints.insert(name) {
                    errors.push(SchemaError::DuplicateConstraint {
                        table: qualified(),
                        name: name.clone(),
                    });
                }
            }
            self.check_columns(table, &mut errors);
            self.check_triggers(table, &mut errors);
            check_policies(table, &mut errors);
            super::partition_check::check_partitioning(table, &mut relations, &mut errors);
            for column in &table.columns {
                if let Some(problem) = column_problem(column) {
                    errors.push(SchemaError::InvalidColumn {
                        table: qualified(),
                        column: column.name.clone(),
                        problem,
                    });
                }
                if let Some(ty) = column.ty.referenced_domain() {
                    if self.domain_of(&column.ty).is_none() {
                        errors.push(SchemaError::MissingDomain {
                            table: qualified(),
                            column: column.name.clone(),
                            ty,
                        });
                    }
                }
                if let Some(ty) = column.ty.referenced_enum() {
                    if !enums.contains_key(&ty) {
                        errors.push(SchemaError::MissingEnum {
                            table: qualified(),
                            column: column.name.clone(),
                            ty,
                        });
                    }
                }
            }
            for fk in &table.foreign_keys {
                match by_name.get(&(fk.target.schema.as_str(), fk.target.name.as_str())) {
                    None => errors.push(SchemaError::UnregisteredReference {
                        table: qualified(),
                        fk: fk.name.clone(),
                        target: fk.target.clone(),
                    }),
                    Some(target) if !target.has_key_on(&fk.target_columns) => {
                        errors.push(SchemaError::ReferenceWithoutKey {
                            table: qualified(),
                            fk: fk.name.clone(),
                            target: fk.target.clone(),
                            columns: fk.target_columns.join(", "),
                        })
                    }
                    Some(_) => {}
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Every name of the schema that PostgreSQL would not keep as written.
    fn name_errors(&self) -> Vec<SchemaError> {
        // Each name is checked where it is met, and its owner (" of `public.users`") written
        // only for a name that has a problem: collecting and formatting every name of
        // thousands of tables was a visible part of `migrate-gen`.
        enum Owner<'a> {
            None,
            Enum(&'a EnumDef),
            Table(&'a TableDef),
        }
        let mut errors = Vec::new();
        let mut check = |what: &str, owner: Owner, name: &str| {
            if let Some(problem) = name_problem(name) {
                let of = match owner {
                    Owner::None => String::new(),
                    Owner::Enum(e) => format!(" of enum `{}`", e.qualified_name()),
                    Owner::Table(t) => format!(" of `{}`", t.qualified_name()),
                };
                errors.push(SchemaError::InvalidName {
                    what: format!("{what} `{name}`{of}"),
                    name: name.to_owned(),
                    problem,
                });
            }
        };
        for namespace in self.namespaces() {
            check("schema", Owner::None, namespace);
        }
        for e in &self.extensions {
            check("extension", Owner::None, &e.name);
        }
        for e in &self.enums {
            check("enum type", Owner::None, &e.name);
            for v in &e.values {
                check("label", Owner::Enum(e), v);
            }
        }
        for f in &self.functions {
            check("function", Owner::None, &f.name);
        }
        for d in &self.domains {
            check("domain", Owner::None, &d.name);
            for c in &d.checks {
                check("check constraint", Owner::None, &c.name);
            }
        }
        for s in &self.sequences {
            check("sequence", Owner::None, &s.name);
        }
        for v in &self.views {
            check(v.kind(), Owner::None, &v.name);
            for name in v
                .columns
                .iter()
                .map(|c| &c.name)
                .chain(v.indexes.iter().map(|i| &i.name))
            {
                check("column or index", Owner::None, name);
            }
        }
        for t in &self.tables {
            check("table", Owner::None, &t.name);
            let parts = t
                .columns
                .iter()
                .map(|c| ("column", &c.name))
                .chain(t.primary_key.iter().map(|k| ("primary key", &k.name)))
                .chain(t.uniques.iter().map(|k| ("unique constraint", &k.name)))
                .chain(t.foreign_keys.iter().map(|k| ("foreign key", &k.name)))
                .chain(t.checks.iter().map(|k| ("check constraint", &k.name)))
                .chain(
                    t.exclusions
                        .iter()
                        .map(|k| ("exclusion constraint", &k.name)),
                )
                .chain(t.indexes.iter().map(|k| ("index", &k.name)))
                .chain(t.triggers.iter().map(|k| ("trigger", &k.name)))
                .chain(t.policies.iter().map(|k| ("policy", &k.name)));
            for (what, name) in parts {
                check(what, Owner::Table(t), name);
            }
        }
        errors
    }

    /// Each sequence's options, its owner column, and its name in its schema's relations.
    fn check_sequences<'a>(
        &'a self,
        relations: &mut FxHashSet<(&'a str, &'a str)>,
        errors: &mut Vec<SchemaError>,
    ) {
        for (i, sequence) in self.sequences.iter().enumerate() {
            let invalid = |problem: String| SchemaError::InvalidSequence {
                sequence: sequence.qualified_name(),
                problem,
            };
            let twice = i > 0 && {
                let before = &self.sequences[i - 1];
                (&before.schema, &before.name) == (&sequence.schema, &sequence.name)
            };
            if twice {
                errors.push(invalid("is declared twice, with different options".into()));
                continue;
            }
            if !relations.insert((&sequence.schema, &sequence.name)) {
                errors.push(SchemaError::DuplicateRelationName {
                    schema: sequence.schema.clone(),
                    name: sequence.name.clone(),
                });
            }
            if let Some(problem) = sequence.problem() {
                errors.push(invalid(problem));
            }
            if let Some(owner) = &sequence.owned_by {
                let table = self.find_table(&QualifiedName::new(&sequence.schema, &owner.table));
                match table {
                    None => errors.push(invalid(format!(
                        "is owned by `{}.{}`, but no table `{}.{}` is registered: a sequence's owner is a table of its schema",
                        owner.table, owner.column, sequence.schema, owner.table
                    ))),
                    Some(table) if table.column(&owner.column).is_none() => {
                        errors.push(SchemaError::UnknownColumn {
                            table: table.qualified_name(),
                            item: sequence.name.clone(),
                            column: owner.column.clone(),
                        })
                    }
                    Some(_) => {}
                }
            }
        }
    }

    /// Each raw object's name, that one name has one definition, and that what it depends on
    /// is declared.
    /// Each view once, its name and its indexes' in its schema's relations, its indexes on its
    /// columns, and what only a materialized view has.
    fn check_views<'a>(
        &'a self,
        relations: &mut FxHashSet<(&'a str, &'a str)>,
        errors: &mut Vec<SchemaError>,
    ) {
        for (i, view) in self.views.iter().enumerate() {
            let invalid = |problem: String| SchemaError::InvalidView {
                kind: view.kind(),
                view: view.qualified_name(),
                problem,
            };
            let twice = i > 0 && {
                let before = &self.views[i - 1];
                (&before.schema, &before.name) == (&view.schema, &view.name)
            };
            if twice {
                errors.push(invalid("is declared twice, differently".into()));
                continue;
            }
            for name in std::iter::once(&view.name).chain(view.indexes.iter().map(|i| &i.name)) {
                if !relations.insert((&view.schema, name)) {
                    errors.push(SchemaError::DuplicateRelationName {
                        schema: view.schema.clone(),
                        name: name.clone(),
                    });
                }
            }
            if view.query.trim().is_empty() {
                errors.push(invalid("needs a query".into()));
            }
            if view.columns.is_empty() {
                errors.push(invalid("needs at least one column".into()));
            }
            let mut names = BTreeSet::new();
            for column in &view.columns {
                if !names.insert(&column.name) {
                    errors.push(invalid(format!("has two columns named `{}`", column.name)));
                }
            }
            if !view.materialized && view.with_no_data {
                errors.push(invalid(
                    "is created `WITH NO DATA`, which only a materialized view can be".into(),
                ));
            }
            if view.materialized && view.security_invoker {
                errors.push(invalid(
                    "is `security_invoker`, which a materialized view cannot be: its rows are read when it is refreshed".into(),
                ));
            }
            if !view.materialized && !view.indexes.is_empty() {
                errors.push(invalid(
                    "has indexes, which only a materialized view can have".into(),
                ));
            }
            for index in &view.indexes {
                for column in index
                    .key_columns()
                    .chain(index.include.iter().map(String::as_str))
                {
                    if !view.columns.iter().any(|c| c.name == column) {
                        errors.push(invalid(format!(
                            "names column `{column}` in index `{}`, but has no such column",
                            index.name
                        )));
                    }
                }
            }
        }
    }

    fn check_raw_objects(&self, errors: &mut Vec<SchemaError>) {
        for (i, object) in self.raw_objects.iter().enumerate() {
            let invalid = |problem: String| SchemaError::InvalidRawObject {
                kind: object.kind.word(),
                name: object.described_name(),
                problem,
            };
            if self.raw_objects[..i]
                .iter()
                .any(|o| o.key() == object.key())
            {
                errors.push(invalid(
                    "is declared twice, with different statements".into(),
                ));
            }
            if object.name.trim().is_empty() || object.name.chars().any(char::is_control) {
                errors.push(invalid(
                    "needs a name on one line: the diff knows it by it".into(),
                ));
            }
            if object.create.trim().is_empty() || object.drop.trim().is_empty() {
                errors.push(invalid(
                    "needs both the statements that create it and those that drop it".into(),
                ));
            }
            for dependency in &object.depends_on {
                let same = |schema: &str, name: &str, q: &QualifiedName| {
                    schema == q.schema && name == q.name
                };
                let declared = match dependency {
                    RawDependency::Table(q) => self.find_table(q).is_some(),
                    RawDependency::Function(q) => {
                        self.functions.iter().any(|f| same(&f.schema, &f.name, q))
                    }
                    RawDependency::Type(q) => {
                        self.enums.iter().any(|e| same(&e.schema, &e.name, q))
                    }
                    RawDependency::Sequence(q) => {
                        self.sequences.iter().any(|s| same(&s.schema, &s.name, q))
                    }
                    RawDependency::Extension(name) => {
                        self.extensions.iter().any(|e| e.name == *name)
                    }
                    RawDependency::Raw(q) => self
                        .raw_objects
                        .iter()
                        .any(|o| same(&o.schema, &o.name, q) && o != object),
                };
                if !declared {
                    errors.push(invalid(format!(
                        "depends on {dependency}, which the schema does not declare"
                    )));
                }
            }
        }
    }

    fn check_triggers(&self, table: &TableDef, errors: &mut Vec<SchemaError>) {
        let invalid = |trigger: &Trigger, problem: &str| SchemaError::InvalidTrigger {
            table: table.qualified_name(),
            trigger: trigger.name.clone(),
            problem: problem.to_owned(),
        };
        for (i, trigger) in table.triggers.iter().enumerate() {
            if table.triggers[..i].iter().any(|t| t.name == trigger.name) {
                errors.push(invalid(trigger, "is declared twice"));
            }
            if trigger.events.is_empty() {
                errors.push(invalid(
                    trigger,
                    "fires on no event: name INSERT, UPDATE, DELETE or TRUNCATE",
                ));
            }
            if trigger.per_row && trigger.events.contains(&TriggerEvent::Truncate) {
                errors.push(invalid(trigger, "fires FOR EACH ROW on TRUNCATE, which PostgreSQL refuses: TRUNCATE triggers are statement triggers"));
            }
            if !trigger.update_of.is_empty() && !trigger.events.contains(&TriggerEvent::Update) {
                errors.push(invalid(
                    trigger,
                    "names `UPDATE OF` columns but does not fire on UPDATE",
                ));
            }
            for column in &trigger.update_of {
                if table.column(column).is_none() {
                    errors.push(SchemaError::UnknownColumn {
                        table: table.qualified_name(),
                        item: trigger.name.clone(),
                        column: column.clone(),
                    });
                }
            }
            if trigger.timing == TriggerTiming::InsteadOf {
                errors.push(invalid(
                    trigger,
                    "is INSTEAD OF, which PostgreSQL allows on views only",
                ));
            }
            let declared = self.functions.iter().any(|f| {
                (f.schema.as_str(), f.name.as_str())
                    == (
                        trigger.function.schema.as_str(),
                        trigger.function.name.as_str(),
                    )
            });
            // Built-in trigger functions, and an extension's, are not the schema's to declare.
            let provided = trigger.function.schema == "pg_catalog"
                || self
                    .extensions
                    .iter()
                    .any(|e| e.schema == trigger.function.schema);
            if !declared && !provided {
                errors.push(SchemaError::MissingFunction {
                    table: table.qualified_name(),
                    trigger: trigger.name.clone(),
                    function: trigger.function.clone(),
                });
            }
        }
    }

    fn check_columns(&self, table: &TableDef, errors: &mut Vec<SchemaError>) {
        fn names(columns: &[String]) -> Vec<&str> {
            columns.iter().map(String::as_str).collect()
        }
        let named = table
            .primary_key
            .iter()
            .map(|k| (&k.name, names(&k.columns)))
            .chain(table.uniques.iter().map(|u| (&u.name, names(&u.columns))))
            .chain(
                table
                    .foreign_keys
                    .iter()
                    .map(|f| (&f.name, names(&f.columns))),
            )
            .chain(table.indexes.iter().map(|i| {
                let columns = i.key_columns().chain(i.include.iter().map(String::as_str));
                (&i.name, columns.collect())
            }))
            .chain(
                table
                    .exclusions
                    .iter()
                    .map(|x| (&x.name, x.key_columns().collect())),
            );
        for (item, columns) in named {
            for column in columns {
                if table.column(column).is_none() {
                    errors.push(SchemaError::UnknownColumn {
                        table: table.qualified_name(),
                        item: item.clone(),
                        column: column.to_owned(),
                    });
                }
            }
        }
    }
}

/// Each policy of a table as PostgreSQL takes it, once per name, on a table with row-level
/// security (a policy of a table without it does nothing).
fn check_policies(table: &TableDef, errors: &mut Vec<SchemaError>) {
    let invalid = |policy: &super::Policy, problem: &str| SchemaError::InvalidPolicy {
        table: table.qualified_name(),
        policy: policy.name.clone(),
        problem: problem.to_owned(),
    };
    for (i, policy) in table.policies.iter().enumerate() {
        if table.policies[..i].iter().any(|p| p.name == policy.name) {
            errors.push(invalid(policy, "is declared twice"));
        }
        if let Some(problem) = policy.problem() {
            errors.push(invalid(policy, problem));
        }
        if table.row_security.is_off() {
            errors.push(invalid(
                policy,
                "is on a table without row-level security, where it does nothing: add `rls`",
            ));
        }
    }
}

/// What PostgreSQL refuses in one column's definition.
fn column_problem(column: &super::ColumnDef) -> Option<String> {
    use super::SqlType;
    if let Some(identity) = &column.identity {
        if !matches!(
            column.ty,
            SqlType::SmallInt | SqlType::Integer | SqlType::BigInt
        ) {
            return Some(format!(
                "is an identity column of type {}: identity columns are smallint, integer or bigint",
                column.ty
            ));
        }
        if column.nullable {
            return Some(
                "is an identity column and nullable: identity columns are NOT NULL".into(),
            );
        }
        if column.default.is_some() {
            return Some(
                "is an identity column with a default: its values come from its identity".into(),
            );
        }
        if column.generated.is_some() {
            return Some("is both an identity and a generated column".into());
        }
        if identity.step() == 0 {
            return Some("is an identity column with an increment of 0".into());
        }
    }
    if column.generated.is_some() && column.default.is_some() {
        return Some(
            "is a generated column with a default: its values come from its expression".into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ColumnDef, ForeignKey, PrimaryKey, SqlType};

    /// Every error of `schema`, in words; it must have some.
    fn messages(schema: &Schema) -> Vec<String> {
        let errors = schema.validate().unwrap_err();
        errors.iter().map(ToString::to_string).collect()
    }

    fn users() -> TableDef {
        let mut t = TableDef::new("public", "users");
        t.columns.push(ColumnDef::new("id", SqlType::Uuid, false));
        t.columns
            .push(ColumnDef::new("email", SqlType::Text, false));
        t.primary_key = Some(PrimaryKey {
            name: "users_pkey".into(),
            columns: vec!["id".into()],
            deferrable: Default::default(),
        });
        t
    }

    fn posts(target_column: &str) -> TableDef {
        let mut t = TableDef::new("public", "posts");
        t.columns
            .push(ColumnDef::new("author_id", SqlType::Uuid, false));
        t.foreign_keys.push(ForeignKey {
            name: "posts_author_id_fkey".into(),
            columns: vec!["author_id".into()],
            target: QualifiedName::new("public", "users"),
            target_columns: vec![target_column.into()],
            on_delete: Default::default(),
            on_update: Default::default(),
            deferrable: Default::default(),
            match_full: false,
        });
        t
    }

    #[test]
    fn extensions_are_kept_once_in_name_order_and_their_schemas_created() {
        let schema = Schema::new()
            .extension("pg_trgm")
            .extension(Extension::new("vector").in_schema("ext"))
            .extension("citext")
            .extension("pg_trgm");
        let names: Vec<(&str, &str)> = schema
            .extensions
            .iter()
            .map(|e| (e.name.as_str(), e.schema.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("citext", "public"),
                ("pg_trgm", "public"),
                ("vector", "ext")
            ]
        );
        assert_eq!(schema.namespaces(), BTreeSet::from(["ext"]));
        assert_eq!(schema.validate(), Ok(()));
    }

    #[test]
    fn an_extension_in_two_schemas_or_badly_named_is_refused() {
        let errors = Schema::new()
            .extension("citext")
            .extension(Extension::new("citext").in_schema("ext"))
            .extension("")
            .validate()
            .unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages.iter().any(|m| m
                == "extension `citext` is declared in schema `ext` and in schema `public`: \
                    a database holds an extension once"),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.starts_with("extension `` ")),
            "{messages:?}"
        );
    }

    #[test]
    fn schemas_that_differ_only_in_a_rule_are_not_equal() {
        use crate::model::{Check, FieldRules, ModelRules};
        static SHORT: [Check; 1] = [Check::MaxLen(10)];
        static LONG: [Check; 1] = [Check::MaxLen(20)];
        static SHORT_FIELDS: [FieldRules; 1] = [FieldRules {
            field: "name",
            column: "name",
            checks: &SHORT,
            nested: false,
            custom: None,
        }];
        static LONG_FIELDS: [FieldRules; 1] = [FieldRules {
            checks: &LONG,
            ..SHORT_FIELDS[0]
        }];
        static SHORT_MODEL: ModelRules = ModelRules {
            model: "User",
            schema: "public",
            table: "users",
            fields: &SHORT_FIELDS,
        };
        static LONG_MODEL: ModelRules = ModelRules {
            fields: &LONG_FIELDS,
            ..SHORT_MODEL
        };
        let mut a = Schema::new();
        a.add_table(users());
        let mut b = a.clone();
        a.models.0.push(&SHORT_MODEL);
        b.models.0.push(&LONG_MODEL);
        assert_ne!(a, b, "max_len 10 and max_len 20");
        assert_eq!(a, a.clone());
        assert_eq!(a.database(), b.database(), "one database schema");
        assert!(a.database().models.0.is_empty());
    }

    #[test]
    fn tables_are_sorted_whatever_the_registration_order() {
        let mut a = Schema::new();
        a.add_table(posts("id"));
        a.add_table(users());
        let mut b = Schema::new();
        b.add_table(users());
        b.add_table(posts("id"));
        assert_eq!(a, b);
        assert_eq!(a.tables[0].name, "posts");
        assert_eq!(a.validate(), Ok(()));
    }

    #[test]
    fn a_forgotten_referenced_table_is_an_error() {
        let mut schema = Schema::new();
        schema.add_table(posts("id"));
        let errors = schema.validate().unwrap_err();
        assert!(
            matches!(&errors[..], [SchemaError::UnregisteredReference { target, .. }] if target.name == "users"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_reference_needs_a_key_on_its_target() {
        let mut schema = Schema::new();
        schema.add_table(users());
        schema.add_table(posts("email"));
        let errors = schema.validate().unwrap_err();
        assert!(
            matches!(&errors[..], [SchemaError::ReferenceWithoutKey { columns, .. }] if columns == "email"),
            "{errors:?}"
        );
    }

    /// PostgreSQL refuses a deferrable unique constraint as a foreign key's target.
    #[test]
    fn a_reference_to_a_deferrable_unique_needs_another_key() {
        let mut target = users();
        target.uniques.push(crate::model::UniqueConstraint {
            name: "users_email_key".into(),
            columns: vec!["email".into()],
            deferrable: crate::model::Deferrable::InitiallyDeferred,
        });
        let mut schema = Schema::new();
        schema.add_table(target.clone());
        schema.add_table(posts("email"));
        let errors = schema.validate().unwrap_err();
        assert!(
            matches!(&errors[..], [SchemaError::ReferenceWithoutKey { columns, .. }] if columns == "email"),
            "{errors:?}"
        );
        target.uniques[0].deferrable = crate::model::Deferrable::Not;
        let mut schema = Schema::new();
        schema.add_table(target);
        schema.add_table(posts("email"));
        assert_eq!(schema.validate(), Ok(()));
    }

    /// A foreign key named by hand (to adopt a database another tool named) may meet another
    /// constraint's name; PostgreSQL would refuse the second one. Sharing an index's name is
    /// allowed: a foreign key is not a relation.
    #[test]
    fn a_foreign_key_name_taken_by_another_constraint_is_an_error() {
        let mut schema = Schema::new();
        schema.add_table(users());
        let mut t = posts("id");
        t.foreign_keys[0].name = "posts_author_fk".into();
        t.checks.push(crate::model::CheckConstraint {
            name: "posts_author_fk".into(),
            expression: "author_id IS NOT NULL".into(),
        });
        t.indexes.push(crate::model::Index {
            name: "posts_author_fk".into(),
            columns: vec!["author_id".into()],
            unique: false,
            method: Default::default(),
            predicate: None,
            ..Default::default()
        });
        schema.add_table(t);
        let errors = schema.validate().unwrap_err();
        assert_eq!(
            errors,
            [SchemaError::DuplicateConstraint {
                table: QualifiedName::new("public", "posts"),
                name: "posts_author_fk".into(),
            }]
        );
        assert_eq!(
            errors[0].to_string(),
            "`public.posts` has two constraints named `posts_author_fk`"
        );
    }

    #[test]
    fn every_problem_is_reported() {
        let mut schema = Schema::new();
        schema.add_table(users());
        schema.add_table(users());
        let mut t = TableDef::new("public", "users_pkey");
        t.columns.push(ColumnDef::new(
            "x",
            SqlType::Enum {
                schema: "public".into(),
                name: "mood".into(),
            },
            false,
        ));
        schema.add_table(t);
        let errors = schema.validate().unwrap_err();
        assert!(
            errors.contains(&SchemaError::DuplicateTable(QualifiedName::new(
                "public", "users"
            )))
        );
        assert!(errors.iter().any(
            |e| matches!(e, SchemaError::DuplicateRelationName { name, .. } if name == "users_pkey")
        ));
        assert!(errors
            .iter()
            .any(|e| matches!(e, SchemaError::MissingEnum { .. })));
    }

    /// A schema built at run time (or read from a database we did not create) is held to the
    /// rules the derive checks at compile time.
    #[test]
    fn names_postgresql_would_change_are_errors() {
        let mut t = users();
        t.name = format!("{}é", "u".repeat(62));
        t.columns[1].name = String::new();
        t.checks.push(crate::model::CheckConstraint {
            name: "users_pkey".into(),
            expression: "true".into(),
        });
        let mut schema = Schema::new();
        schema.add_table(t);
        let errors = schema.validate().unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                format!("table `{}é` cannot be a PostgreSQL name: it is 64 bytes long, and PostgreSQL truncates names to 63 bytes", "u".repeat(62)),
                format!("column `` of `public.{}é` cannot be a PostgreSQL name: a PostgreSQL name cannot be empty", "u".repeat(62)),
                format!("`public.{}é` has two constraints named `users_pkey`", "u".repeat(62)),
            ]
        );
    }

    #[test]
    fn raw_objects_need_statements_a_name_and_what_they_depend_on() {
        use crate::model::{RawDependency, RawKind, RawObject};
        let total = |create: &str| {
            RawObject::new(
                RawKind::Aggregate,
                "public",
                "total(bigint)",
                create,
                "DROP AGGREGATE total(bigint)",
            )
        };
        let schema = Schema::new()
            .raw(total(
                "CREATE AGGREGATE total(bigint) (SFUNC = int8pl, STYPE = bigint)",
            ))
            .raw(total(
                "CREATE AGGREGATE total (bigint) (SFUNC = int8pl, STYPE = int8)",
            ))
            .raw(RawObject::new(
                RawKind::Cast,
                "public",
                "",
                "CREATE CAST ..",
                "",
            ))
            .raw(
                RawObject::new(RawKind::Other, "public", "x", "CREATE ..", "DROP ..")
                    .depends_on(RawDependency::Function(QualifiedName::new("public", "f")))
                    .depends_on(RawDependency::Extension("hstore".into())),
            );
        let errors = messages(&schema);
        assert_eq!(
            errors,
            [
                "aggregate `public.total(bigint)` is declared twice, with different statements",
                "cast `` needs a name on one line: the diff knows it by it",
                "cast `` needs both the statements that create it and those that drop it",
                "object `public.x` depends on function `public.f`, which the schema does not declare",
                "object `public.x` depends on extension `hstore`, which the schema does not declare",
            ]
        );
    }

    #[test]
    fn policies_are_checked_as_postgres_would() {
        use crate::model::{Policy, PolicyCommand, RowSecurity};
        let mut t = users();
        let seeing = |name: &str| Policy {
            using: Some("true".into()),
            ..Policy::new(name)
        };
        t.policies = vec![
            seeing("a"),
            seeing("a"),
            Policy {
                command: PolicyCommand::Insert,
                ..seeing("b")
            },
            Policy::new("c"),
        ];
        let mut schema = Schema::new();
        schema.add_table(t.clone());
        let errors = messages(&schema);
        let off = errors
            .iter()
            .filter(|e| e.contains("without row-level security"))
            .count();
        assert_eq!(off, 4, "{errors:#?}");
        t.row_security = RowSecurity::On;
        let mut schema = Schema::new();
        schema.add_table(t);
        assert_eq!(
            messages(&schema),
            [
                "policy `a` on `public.users` is declared twice",
                "policy `b` on `public.users` is an INSERT policy with USING: an INSERT policy has only WITH CHECK",
                "policy `c` on `public.users` has neither USING nor WITH CHECK",
            ]
        );
    }

    #[test]
    fn sequences_are_checked_as_postgres_would() {
        use crate::model::Sequence;
        let mut schema = Schema::new()
            .sequence(Sequence::public("users"))
            .sequence(Sequence::public("a").owned_by("nowhere", "id"))
            .sequence(Sequence::public("b").owned_by("users", "nothing"))
            .sequence(Sequence::public("c").increment(0))
            .sequence(Sequence::public("d"))
            .sequence(Sequence::public("d").start(5))
            .sequence(Sequence::new("other", "e").owned_by("users", "id"))
            .sequence(Sequence::public("ok").owned_by("users", "id"));
        schema.add_table(users());
        let errors = messages(&schema);
        let expected = [
            "sequence `public.a` is owned by `nowhere.id`, but no table `public.nowhere` is registered",
            "`public.users` names column `nothing` in `b`, but has no such column",
            "sequence `public.c` has an increment of 0",
            "sequence `public.d` is declared twice, with different options",
            "sequence `other.e` is owned by `users.id`, but no table `other.users` is registered",
            "`public.users` is used by two relations",
        ];
        assert_eq!(errors.len(), expected.len(), "{errors:#?}");
        for wording in expected {
            assert!(
                errors.iter().any(|e| e.starts_with(wording)),
                "{wording}: {errors:#?}"
            );
        }
    }

    #[test]
    fn identity_and_generated_columns_are_checked_as_postgres_would() {
        use crate::model::{ColumnDef, ColumnDefault, Identity, SqlType, TableDef};
        let bad = [
            (
                ColumnDef::new("a", SqlType::Text, false).with_identity(Identity::ALWAYS),
                "is an identity column of type text",
            ),
            (
                ColumnDef::new("b", SqlType::BigInt, true).with_identity(Identity::ALWAYS),
                "nullable",
            ),
            (
                ColumnDef::new("c", SqlType::BigInt, false)
                    .with_identity(Identity::BY_DEFAULT)
                    .with_default(ColumnDefault::Number("1".into())),
                "with a default",
            ),
            (
                ColumnDef::new("d", SqlType::BigInt, false)
                    .with_identity(Identity::ALWAYS)
                    .with_generated("1"),
                "both an identity and a generated",
            ),
            (
                ColumnDef::new("e", SqlType::Integer, false).with_identity(Identity {
                    increment: Some(0),
                    ..Identity::ALWAYS
                }),
                "increment of 0",
            ),
            (
                ColumnDef::new("f", SqlType::Integer, true)
                    .with_generated("1")
                    .with_default(ColumnDefault::Number("1".into())),
                "generated column with a default",
            ),
        ];
        let mut table = TableDef::new("public", "t");
        table.columns.extend(bad.iter().map(|(c, _)| c.clone()));
        table
            .columns
            .push(ColumnDef::new("ok", SqlType::SmallInt, false).with_identity(Identity::ALWAYS));
        table
            .columns
            .push(ColumnDef::new("sum", SqlType::Integer, true).with_generated("ok + 1"));
        let mut schema = Schema::new();
        schema.add_table(table);
        let errors = messages(&schema);
        assert_eq!(errors.len(), bad.len(), "{errors:#?}");
        for ((column, wording), error) in bad.iter().zip(&errors) {
            assert!(
                error.starts_with(&format!("column `{}` of `public.t` ", column.name)),
                "{error}"
            );
            assert!(error.contains(wording), "{error}");
        }
    }
}
