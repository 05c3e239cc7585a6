//! One child process measured by the kernel: `wait4` gives its wall-clock end, its CPU time
//! and its peak resident set (each including the processes it waited for, as GNU time
//! reports them), with no wrapper process in between. A wrapper's own start-up is a few
//! milliseconds that would count against a tool whose whole run is a few milliseconds more.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// What a finished child did.
pub struct Usage {
    /// From just before the spawn to the moment it was reaped.
    pub wall: Duration,
    /// User plus system time.
    pub cpu: Duration,
    /// Peak resident set, in KiB (Linux reports `ru_maxrss` in KiB).
    pub peak_rss_kib: u64,
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `cmd` to its end, its output captured.
pub fn run(mut cmd: Command) -> std::io::Result<Usage> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    // Drained on threads of their own: a child that fills a pipe would otherwise never end.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `wait4` writes the status and a `rusage` into the pointers, which point at a
    // `c_int` and a `rusage`; the child is ours and not reaped elsewhere (`Child::wait` is not
    // called on it).
    let reaped = loop {
        let r = unsafe { libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
        if r == -1 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        break r;
    };
    let wall = start.elapsed();
    if reaped != pid {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `wait4` succeeded, so the value is written (zeroed memory is a valid `rusage`).
    let usage = unsafe { usage.assume_init() };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    use std::os::unix::process::ExitStatusExt;
    Ok(Usage {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_rss_kib: usage.ru_maxrss.max(0) as u64,
        status: ExitStatus::from_raw(status),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_that_works_and_allocates_is_measured() {
        let mut cmd = Command::new("sh");
        cmd.args([
            "-c",
            "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo out; echo err >&2; exit 3",
        ]);
        let usage = run(cmd).unwrap();
        assert_eq!(usage.status.code(), Some(3));
        assert_eq!(usage.stdout, b"out\n");
        assert_eq!(usage.stderr, b"err\n");
        assert!(usage.cpu > Duration::ZERO);
        assert!(usage.wall >= usage.cpu / 2);
        assert!(usage.peak_rss_kib > 100);
    }
}
