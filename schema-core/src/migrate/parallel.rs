//! Two independent pieces of a run at once: on a machine with two cores, writing a migration
//! of thousands of tables takes the time of the longer piece rather than of both.

use std::sync::Mutex;

/// `(first(), second())`, with `first` on a thread of its own while `second` runs here. Where no
/// thread can be started, `first` runs here after `second`. A panic in `first` is raised again
/// here, as if it had run here.
pub(super) fn both<A: Send, B>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B,
) -> (A, B) {
    // Taken by whichever runs it: the thread, or this one if the thread never started.
    let first = Mutex::new(Some(first));
    let take = || first.lock().ok().and_then(|mut f| f.take());
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().spawn_scoped(scope, || take().map(|f| f()));
        let b = second();
        let a = match thread.map(|t| t.join()) {
            Ok(Ok(Some(a))) => a,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            _ => take().expect("`first` runs on the thread or, failing that, here")(),
        };
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_come_back_in_order() {
        let data = [1, 2, 3];
        let (sum, len) = both(|| data.iter().sum::<i32>(), || data.len());
        assert_eq!((sum, len), (6, 3));
    }
}
