//! Throughput of the migration pipeline on large synthetic schemas: `cargo bench -p schema-core`.
//! drizzle-kit users report `generate` slowing down on large schemas; these numbers are the
//! guard (see BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use schema_core::diff::create_schema_ddl;
use schema_core::diff::{diff, DiffOptions};
use schema_core::model::{
    canonical, ColumnDef, ForeignKey, Index, PrimaryKey, QualifiedName, Schema, SqlType, TableDef,
};
use schema_core::render::to_script;
use std::hint::black_box;

/// `n` tables over ten PostgreSQL schemas, each referencing the previous one, with an index;
/// `extra` adds a column to every table.
fn synthetic(n: usize, extra: bool) -> Schema {
    let mut schema = Schema::new();
    for i in 0..n {
        let mut t = TableDef::new(format!("s{}", i % 10), format!("t{i}"));
        t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
        t.columns.push(ColumnDef::new("name", SqlType::Text, true));
        t.columns
            .push(ColumnDef::new("parent", SqlType::BigInt, true));
        if extra {
            t.columns.push(ColumnDef::new("extra", SqlType::Text, true));
        }
        t.primary_key = Some(PrimaryKey {
            name: format!("t{i}_pkey"),
            columns: vec!["id".into()],
            deferrable: Default::default(),
        });
        if i > 0 {
            t.foreign_keys.push(ForeignKey {
                name: format!("t{i}_parent_fkey"),
                columns: vec!["parent".into()],
                target: QualifiedName::new(format!("s{}", (i - 1) % 10), format!("t{}", i - 1)),
                target_columns: vec!["id".into()],
                on_delete: Default::default(),
                on_update: Default::default(),
                deferrable: Default::default(),
                match_full: false,
            });
        }
        t.indexes.push(Index {
            name: format!("idx_t{i}_name"),
            columns: vec!["name".into()],
            unique: false,
            method: Default::default(),
            predicate: None,
            ..Default::default()
        });
        schema.add_table(t);
    }
    schema
}

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("migrate");
    group.sample_size(10);
    for n in [100usize, 1000] {
        let (a, b) = (synthetic(n, false), synthetic(n, true));
        group.bench_with_input(BenchmarkId::new("create_ddl", n), &a, |bench, a| {
            bench.iter(|| to_script(&create_schema_ddl(black_box(a))))
        });
        group.bench_with_input(BenchmarkId::new("diff_unchanged", n), &a, |bench, a| {
            bench.iter(|| diff(black_box(a), black_box(a), &DiffOptions::default()).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("diff_add_column_everywhere", n),
            &(&a, &b),
            |bench, (a, b)| {
                bench.iter(|| {
                    diff(black_box(a), black_box(b), &DiffOptions::default())
                        .unwrap()
                        .to_sql()
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("canonical", n), &a, |bench, a| {
            bench.iter(|| canonical(black_box(a)))
        });
        group.bench_with_input(BenchmarkId::new("snapshot_json", n), &a, |bench, a| {
            bench.iter(|| serde_json::to_string(black_box(a)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
