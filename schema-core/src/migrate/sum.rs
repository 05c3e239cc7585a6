//! `schema.sum`, the integrity file of a migrations folder (in the spirit of Atlas's
//! `atlas.sum`).
//!
//! ```text
//! total sha256:<hash of the lines below>
//! 0000_init.down.sql sha256:<hash of the file>
//! 0000_init.sql sha256:<hash of the file>
//! snapshots/0000_init.json sha256:<hash of the file>
//! ```
//!
//! One line per migration file (`NNNN_name.sql`, `NNNN_name.down.sql`) and snapshot, sorted by
//! path, after a total over those lines. A file edited, deleted or added by hand no longer
//! matches, and an edit of the sum file itself breaks the total. Two branches that each add a
//! migration both change the total line, so git reports a conflict on this file at the merge.
//!
//! Hashes are SHA-256 of the file with `\r\n` read as `\n`, so a checkout that converts line
//! endings (git's `core.autocrlf`) does not look like an edit.

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Name of the integrity file inside a migrations folder.
pub const SUM_FILE: &str = "schema.sum";

/// The recorded or computed hashes of a migrations folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SumFile {
    /// `(path relative to the folder, with `/`, hash)`, sorted by path.
    pub entries: Vec<(String, String)>,
}

/// How a migrations folder differs from its `schema.sum`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SumMismatch {
    /// The file's contents changed since the sum was written.
    Edited(String),
    /// The sum lists the file, but the folder does not have it.
    Missing(String),
    /// The folder has the file, but the sum does not list it.
    Added(String),
}

impl std::fmt::Display for SumMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SumMismatch::Edited(p) => write!(f, "{p} was edited"),
            SumMismatch::Missing(p) => write!(f, "{p} is missing"),
            SumMismatch::Added(p) => write!(f, "{p} was added by hand"),
        }
    }
}

/// Why `schema.sum` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SumError {
    /// Reading the file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The sum file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is not in the sum format.
    #[error("corrupt {path}, line {line}: {reason}")]
    Corrupt {
        /// The sum file.
        path: PathBuf,
        /// 1-based line number of the first bad line.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The total does not match the lines: the sum file itself was edited.
    #[error("{path} was edited by hand (its total does not match its lines): restore it from version control, or run `cargo xtask migrate-hash` once the migrations are right")]
    TotalMismatch {
        /// The sum file.
        path: PathBuf,
    },
}

/// `sha256:<64 lowercase hex digits>` of `bytes`, with `\r\n` read as `\n`.
pub fn hash_bytes(bytes: &[u8]) -> String {
    let mut hasher = LineHasher::default();
    hasher.update(bytes);
    hasher.finish()
}

/// [`hash_bytes`] of bytes given piece by piece: a file is hashed as it is read, through one
/// small buffer, rather than read whole first.
#[derive(Default)]
struct LineHasher {
    hasher: Sha256,
    /// The piece before ended in `\r`, not hashed yet: it goes if the next byte is `\n`.
    pending_cr: bool,
}

impl LineHasher {
    fn update(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if std::mem::take(&mut self.pending_cr) && bytes[0] != b'\n' {
            self.hasher.update(b"\r");
        }
        let mut rest = bytes;
        let mut from = 0;
        while let Some(at) = find_cr(&rest[from..]) {
            let at = from + at;
            match rest.get(at + 1) {
                Some(b'\n') => {
                    self.hasher.update(&rest[..at]);
                    rest = &rest[at + 1..];
                    from = 0;
                }
                Some(_) => from = at + 1,
                None => {
                    self.hasher.update(&rest[..at]);
                    self.pending_cr = true;
                    return;
                }
            }
        }
        self.hasher.update(rest);
    }

    fn finish(mut self) -> String {
        if self.pending_cr {
            self.hasher.update(b"\r");
        }
        let mut out = String::with_capacity(7 + 64);
        out.push_str("sha256:");
        for byte in self.hasher.finalize() {
            let _ = write!(out, "{byte:02x}");
        }
        out
    }
}

/// [`hash_bytes`] of the file at `path`, read through `buffer`.
fn hash_file(path: &Path, buffer: &mut [u8]) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = LineHasher::default();
    loop {
        match file.read(buffer) {
            Ok(0) => return Ok(hasher.finish()),
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The position of the first `\r`. Blocks without one are skipped whole, a loop the compiler
/// vectorizes: scanning pairs of bytes (`windows(2)`) was a visible part of writing a large
/// migration, whose files have no `\r` at all.
fn find_cr(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let mut start = 0;
    for block in bytes.chunks(BLOCK) {
        if block.iter().fold(false, |seen, &b| seen | (b == b'\r')) {
            return block.iter().position(|&b| b == b'\r').map(|i| start + i);
        }
        start += block.len();
    }
    None
}

impl SumFile {
    /// Hashes `files` (paths relative to `dir`, with `/`).
    pub fn compute(dir: &Path, files: &[String]) -> Result<SumFile, (PathBuf, std::io::Error)> {
        Self::compute_knowing(dir, files, None)
    }

    /// [`SumFile::compute`], with the bytes of one of the files (`(file, bytes)`) already read:
    /// the latest snapshot, megabytes for a large schema, is read once for the diff and the sum.
    pub(crate) fn compute_knowing(
        dir: &Path,
        files: &[String],
        known: Option<(&str, &[u8])>,
    ) -> Result<SumFile, (PathBuf, std::io::Error)> {
        let mut entries = Vec::with_capacity(files.len());
        // One buffer for every file: reading each whole into memory of its own (megabytes for
        // the first migration of a large schema) cost more in fresh pages than the hash.
        let mut buffer = vec![0; 64 * 1024];
        for file in files {
            let hash = match known {
                Some((name, bytes)) if name == file => hash_bytes(bytes),
                _ => {
                    let path = dir.join(file);
                    hash_file(&path, &mut buffer).map_err(|e| (path, e))?
                }
            };
            entries.push((file.clone(), hash));
        }
        entries.sort();
        Ok(SumFile { entries })
    }

    fn body(&self) -> String {
        let mut body = String::new();
        for (path, hash) in &self.entries {
            let _ = writeln!(body, "{path} {hash}");
        }
        body
    }

    /// The file's text: the total line, then one line per entry.
    pub fn to_text(&self) -> String {
        let body = self.body();
        format!("total {}\n{body}", hash_bytes(body.as_bytes()))
    }

    /// Parses the text of the sum file at `path` and checks its total.
    pub fn parse(path: &Path, text: &str) -> Result<SumFile, SumError> {
        let corrupt = |line: usize, reason: &str| SumError::Corrupt {
            path: path.to_owned(),
            line,
            reason: reason.to_owned(),
        };
        let text = text.replace("\r\n", "\n");
        let mut lines = text.lines().enumerate();
        let total = match lines.next() {
            Some((_, line)) => line
                .strip_prefix("total ")
                .filter(|h| is_hash(h))
                .ok_or_else(|| corrupt(1, "expected `total sha256:<hash>`"))?,
            None => return Err(corrupt(1, "the file is empty")),
        };
        let mut entries: Vec<(String, String)> = Vec::new();
        for (i, line) in lines {
            if line.starts_with("<<<<<<<") || line.starts_with("=======") {
                return Err(corrupt(
                    i + 1,
                    "git conflict markers: two branches added migrations; keep the other branch's migrations, delete yours and run `cargo xtask migrate-gen` again",
                ));
            }
            let (file, hash) = line
                .rsplit_once(' ')
                .filter(|(file, hash)| !file.is_empty() && is_hash(hash))
                .ok_or_else(|| corrupt(i + 1, "expected `<file> sha256:<hash>`"))?;
            if entries
                .last()
                .is_some_and(|(prev, _)| prev.as_str() >= file)
            {
                return Err(corrupt(i + 1, "files are not sorted or listed twice"));
            }
            entries.push((file.to_owned(), hash.to_owned()));
        }
        let sum = SumFile { entries };
        if hash_bytes(sum.body().as_bytes()) != total {
            return Err(SumError::TotalMismatch {
                path: path.to_owned(),
            });
        }
        Ok(sum)
    }

    /// Reads and parses `dir/schema.sum`; `Ok(None)` when there is none.
    pub fn read(dir: &Path) -> Result<Option<SumFile>, SumError> {
        let path = dir.join(SUM_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => SumFile::parse(&path, &text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(SumError::Io { path, source }),
        }
    }

    /// How `actual` (the folder as it is) differs from this recorded sum, in path order.
    pub fn mismatches(&self, actual: &SumFile) -> Vec<SumMismatch> {
        let mut out = Vec::new();
        let (mut recorded, mut found) = (
            self.entries.iter().peekable(),
            actual.entries.iter().peekable(),
        );
        loop {
            match (recorded.peek(), found.peek()) {
                (None, None) => break,
                (Some((p, _)), None) => {
                    out.push(SumMismatch::Missing(p.clone()));
                    recorded.next();
                }
                (None, Some((p, _))) => {
                    out.push(SumMismatch::Added(p.clone()));
                    found.next();
                }
                (Some((rp, rh)), Some((fp, fh))) => match rp.cmp(fp) {
                    std::cmp::Ordering::Less => {
                        out.push(SumMismatch::Missing(rp.clone()));
                        recorded.next();
                    }
                    std::cmp::Ordering::Greater => {
                        out.push(SumMismatch::Added(fp.clone()));
                        found.next();
                    }
                    std::cmp::Ordering::Equal => {
                        if rh != fh {
                            out.push(SumMismatch::Edited(rp.clone()));
                        }
                        recorded.next();
                        found.next();
                    }
                },
            }
        }
        out
    }
}

fn is_hash(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vector_and_line_endings() {
        assert_eq!(
            hash_bytes(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(hash_bytes(b"a\r\nb\r\n"), hash_bytes(b"a\nb\n"));
        // Across the scan's 64-byte blocks, and a `\r` not followed by `\n`, which stays.
        for at in [0, 1, 62, 63, 64, 65, 127, 128, 190] {
            let mut crlf = vec![b'x'; 200];
            crlf.splice(at..at, *b"\r\n");
            let mut lf = vec![b'x'; 200];
            lf.insert(at, b'\n');
            assert_eq!(hash_bytes(&crlf), hash_bytes(&lf), "at {at}");
            let mut lone = vec![b'x'; 200];
            lone.insert(at, b'\r');
            assert_ne!(hash_bytes(&lone), hash_bytes(&lf), "at {at}");
        }
        assert_ne!(hash_bytes(b"a\rb"), hash_bytes(b"a\nb"));
    }

    /// Given piece by piece, split anywhere (between `\r` and `\n` too), the hash is the
    /// whole's; a file is hashed as its bytes are.
    #[test]
    fn pieces_hash_as_the_whole() {
        let text = b"a\r\nb\rc\r\r\nd\r";
        for split in 0..=text.len() {
            for second in split..=text.len() {
                let mut hasher = LineHasher::default();
                hasher.update(&text[..split]);
                hasher.update(&text[split..second]);
                hasher.update(&text[second..]);
                assert_eq!(hasher.finish(), hash_bytes(text), "at {split}, {second}");
            }
        }
        assert_eq!(hash_bytes(b"x\r"), hash_bytes(b"x\r"));
        assert_ne!(hash_bytes(b"x\r"), hash_bytes(b"x"));
        let dir = tempfile::tempdir().unwrap();
        let big: Vec<u8> = (0..200_000u32).map(|i| b"ab\r\n"[i as usize % 4]).collect();
        std::fs::write(dir.path().join("f"), &big).unwrap();
        let mut buffer = [0; 1000];
        assert_eq!(
            hash_file(&dir.path().join("f"), &mut buffer).unwrap(),
            hash_bytes(&big)
        );
    }

    #[test]
    fn text_round_trips_and_detects_edits() {
        let sum = SumFile {
            entries: vec![
                ("0000_init.sql".into(), hash_bytes(b"x")),
                ("snapshots/0000_init.json".into(), hash_bytes(b"y")),
            ],
        };
        let path = Path::new("schema.sum");
        let text = sum.to_text();
        assert_eq!(SumFile::parse(path, &text).unwrap(), sum);
        let edited = text.replacen(&hash_bytes(b"x"), &hash_bytes(b"z"), 1);
        assert!(matches!(
            SumFile::parse(path, &edited),
            Err(SumError::TotalMismatch { .. })
        ));
        let error = SumFile::parse(path, "total nonsense\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "corrupt schema.sum, line 1: expected `total sha256:<hash>`"
        );
    }

    #[test]
    fn mismatches_name_each_file() {
        let recorded = SumFile {
            entries: vec![
                ("a.sql".into(), hash_bytes(b"1")),
                ("b.sql".into(), hash_bytes(b"2")),
                ("c.sql".into(), hash_bytes(b"3")),
            ],
        };
        let actual = SumFile {
            entries: vec![
                ("a.sql".into(), hash_bytes(b"1")),
                ("c.sql".into(), hash_bytes(b"edited")),
                ("d.sql".into(), hash_bytes(b"4")),
            ],
        };
        assert_eq!(
            recorded.mismatches(&actual),
            [
                SumMismatch::Missing("b.sql".into()),
                SumMismatch::Edited("c.sql".into()),
                SumMismatch::Added("d.sql".into()),
            ]
        );
    }
}
