//! Validation throughput against the `validator` and `garde` crates on equivalent rules (an
//! email with a maximum length, a name of 1 to 100 characters, an integer in 0..=10), and the
//! number of allocations on the valid path, which must be zero for ours.
//!
//! `cargo bench -p schema-tests --bench validate`; results in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use schema_core::validate::Validate as _;
use schema_core::Table;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts every allocation of the process.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` run `times` times.
fn allocations(times: usize, mut f: impl FnMut()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..times {
        f();
    }
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

#[derive(Table, Debug, Clone)]
#[table(schema = "bench")]
struct Account {
    #[column(primary_key)]
    #[allow(dead_code)]
    id: i32,
    #[validate(email, max_len = 320)]
    email: String,
    #[validate(min_len = 1, max_len = 100)]
    name: String,
    #[validate(min = 0, max = 10)]
    level: i32,
}

#[derive(validator::Validate)]
struct ValidatorAccount {
    #[allow(dead_code)]
    id: i32,
    #[validate(email, length(max = 320))]
    email: String,
    #[validate(length(min = 1, max = 100))]
    name: String,
    #[validate(range(min = 0, max = 10))]
    level: i32,
}

#[derive(garde::Validate)]
struct GardeAccount {
    #[garde(skip)]
    #[allow(dead_code)]
    id: i32,
    #[garde(email, length(chars, max = 320))]
    email: String,
    #[garde(length(chars, min = 1, max = 100))]
    name: String,
    #[garde(range(min = 0, max = 10))]
    level: i32,
}

const EMAIL: &str = "first.last+tag@example.com";
const NAME: &str = "Ada Lovelace, Countess of Lovelace";
const BAD_EMAIL: &str = "first.last@example";

fn accounts(email: &str, level: i32) -> (Account, ValidatorAccount, GardeAccount) {
    (
        Account {
            id: 1,
            email: email.into(),
            name: NAME.into(),
            level,
        },
        ValidatorAccount {
            id: 1,
            email: email.into(),
            name: NAME.into(),
            level,
        },
        GardeAccount {
            id: 1,
            email: email.into(),
            name: NAME.into(),
            level,
        },
    )
}

fn bench(c: &mut Criterion) {
    let (ours, validator_value, garde_value) = accounts(EMAIL, 3);
    // The three agree on the verdicts, valid and invalid, before their speed is compared.
    assert!(ours.validate().is_ok());
    assert!(validator::Validate::validate(&validator_value).is_ok());
    assert!(garde::Validate::validate(&garde_value).is_ok());
    let (bad, bad_validator, bad_garde) = accounts(BAD_EMAIL, 11);
    assert_eq!(bad.validate().unwrap_err().issues.len(), 2);
    assert!(validator::Validate::validate(&bad_validator).is_err());
    assert!(garde::Validate::validate(&bad_garde).is_err());

    // Warm the email pattern (compiled once, on first use) before counting.
    let _ = ours.validate();
    const RUNS: usize = 10_000;
    let ours_allocs = allocations(RUNS, || {
        black_box(black_box(&ours).validate()).ok();
    });
    let validator_allocs = allocations(RUNS, || {
        black_box(validator::Validate::validate(black_box(&validator_value))).ok();
    });
    let garde_allocs = allocations(RUNS, || {
        black_box(garde::Validate::validate(black_box(&garde_value))).ok();
    });
    println!(
        "allocations per valid value: schema-core {}, validator {}, garde {}",
        ours_allocs as f64 / RUNS as f64,
        validator_allocs as f64 / RUNS as f64,
        garde_allocs as f64 / RUNS as f64
    );
    assert_eq!(ours_allocs, 0, "validating a valid value allocated");

    let mut valid = c.benchmark_group("valid");
    valid.bench_function("schema-core", |b| {
        b.iter(|| black_box(&ours).validate().is_ok())
    });
    valid.bench_function("validator", |b| {
        b.iter(|| validator::Validate::validate(black_box(&validator_value)).is_ok())
    });
    valid.bench_function("garde", |b| {
        b.iter(|| garde::Validate::validate(black_box(&garde_value)).is_ok())
    });
    valid.finish();

    let mut invalid = c.benchmark_group("invalid (bad email, level 11)");
    invalid.bench_function("schema-core", |b| {
        b.iter(|| black_box(&bad).validate().is_ok())
    });
    invalid.bench_function("validator", |b| {
        b.iter(|| validator::Validate::validate(black_box(&bad_validator)).is_ok())
    });
    invalid.bench_function("garde", |b| {
        b.iter(|| garde::Validate::validate(black_box(&bad_garde)).is_ok())
    });
    invalid.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
