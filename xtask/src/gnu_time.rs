//! What the benchmarks read from GNU time (`/usr/bin/time -v`, Debian package `time`): the
//! peak resident set of the process and the processes it waited for.

use std::path::Path;

/// Where the benchmarks expect GNU time.
pub const PATH: &str = "/usr/bin/time";

/// Whether GNU time is installed; without it the benchmarks print times alone.
pub fn available() -> bool {
    Path::new(PATH).is_file()
}

/// GNU time's `Maximum resident set size (kbytes): N` line.
pub fn max_rss_kib(time_output: &str) -> Option<u64> {
    time_output.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|v| v.trim().parse().ok())
    })
}

/// `123 MiB`
pub fn mib(kib: u64) -> String {
    format!("{} MiB", kib / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_rss_is_read_from_gnu_time() {
        let out = "\tUser time (seconds): 1.0\n\tMaximum resident set size (kbytes): 123456\n";
        assert_eq!(max_rss_kib(out), Some(123456));
        assert_eq!(max_rss_kib("no such line"), None);
        assert_eq!(mib(2048), "2 MiB");
    }
}
