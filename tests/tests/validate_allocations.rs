//! The promise of docs/validation-and-zod.md: a valid value is checked without allocating. A counting allocator
//! (counting per thread, so tests running in parallel do not disturb each other) runs every
//! rule on valid input, `url` on the common shapes included.

use schema_core::validate::{Check, LazyRegex, Path, Validate};
use schema_core::Table;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// const-initialised thread-local, which does not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[derive(Table, Debug, Clone)]
#[table(schema = "alloc")]
struct Link {
    #[column(primary_key)]
    #[allow(dead_code)]
    id: i64,
    #[validate(url, max_len = 2000)]
    href: String,
    #[validate(guid)]
    owner: String,
    #[validate(multiple_of = 0.25, int32)]
    weight: f64,
}

#[test]
fn valid_urls_are_checked_without_allocating() {
    for href in [
        "https://example.com",
        "http://localhost:8080/a/b?c=d#e",
        "  https://docs.example.org/guide/intro.html?lang=en  ",
        "mailto:someone@example.com",
        "https://example.com/😀?é#€",
    ] {
        let link = Link {
            id: 1,
            href: href.to_owned(),
            owner: "123e4567-e89b-02d3-c456-426614174000".to_owned(),
            weight: 3.0,
        };
        assert!(link.validate().is_ok(), "{href}");
        assert_eq!(allocations(|| drop(link.validate())), 0, "{href}");
    }
}

#[test]
fn every_rule_on_valid_input_allocates_nothing() {
    static HEX: LazyRegex = LazyRegex::new("^#[0-9a-f]{6}$");
    let text_rules = [
        (Check::MinLen(1), "a"),
        (Check::MaxLen(3), "abc"),
        (Check::Len(2), "é😀"),
        (Check::NonEmpty, " "),
        (Check::Email, "a@example.com"),
        (Check::Url, "https://example.com/x"),
        (Check::Uuid, "123e4567-e89b-12d3-a456-426614174000"),
        (Check::Guid, "123e4567-e89b-02d3-c456-426614174000"),
        (Check::Regex(&HEX), "#3b82f6"),
        (Check::StartsWith("a"), "ab"),
        (Check::EndsWith("b"), "ab"),
        (Check::Includes("b"), "abc"),
        (Check::Lowercase, "abc"),
        (Check::Uppercase, "ABC"),
    ];
    // The regex compiles on first use, which may allocate once.
    let mut warm = Vec::new();
    Check::Regex(&HEX).text("#000000", &Path::Root, &mut warm);
    for (check, value) in &text_rules {
        let mut issues = Vec::new();
        let n = allocations(|| check.text(value, &Path::Root, &mut issues));
        assert_eq!((n, issues.len()), (0, 0), "{check:?} on {value:?}");
    }
    for (check, value) in [
        (Check::Min(0.0), 0.0),
        (Check::MultipleOf(0.1), 0.3),
        (Check::Int, 9_007_199_254_740_991.0),
        (Check::Int32, -2_147_483_648.0),
    ] {
        let mut issues = Vec::new();
        let n = allocations(|| {
            check.number(value, &Path::Root, &mut issues);
        });
        assert_eq!((n, issues.len()), (0, 0), "{check:?} on {value}");
    }
}
