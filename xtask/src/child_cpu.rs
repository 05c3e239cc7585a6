//! CPU time of the processes a benchmark waited for, from `getrusage(RUSAGE_CHILDREN)`: the
//! kernel's own accounting, to the microsecond. On a machine that other work shares, a short
//! process's wall time is mostly how long it waited for a core; its CPU time is not.

use std::time::Duration;

/// User plus system time of every child (and their children) waited for so far: take the
/// difference around one run.
pub fn children_cpu_time() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `getrusage` writes a `rusage` into the pointer it is given, which points at one.
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    if status != 0 {
        return Duration::ZERO;
    }
    // SAFETY: `getrusage` succeeded, so the value is written (and zeroed memory is a valid
    // `rusage` in any case).
    let usage = unsafe { usage.assume_init() };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_that_works_adds_to_the_total() {
        let before = children_cpu_time();
        let status = std::process::Command::new("sh")
            .args(["-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done"])
            .status()
            .unwrap();
        assert!(status.success());
        assert!(children_cpu_time() > before);
    }
}
