//! All-or-nothing writing of the files of one run (`.sql`, `.down.sql`, snapshot,
//! `schema.sum`): a failed run leaves the folder byte for byte as it was, so that no later
//! command reports half-written files as damage.
//!
//! Every file is first written in full to a temporary file in its own directory and synced;
//! only then are the temporaries renamed into place, `schema.sum` last. A rename within one
//! directory is atomic, so each file is either its old self or its new self. When a rename
//! fails, the ones already done are undone: new files are removed, a replaced file gets its
//! old bytes back, and folders created for the run are removed again.

use super::MigrateError;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// One file to write.
pub(super) struct FileWrite {
    /// Where it goes.
    pub path: PathBuf,
    /// Its full contents.
    pub contents: Vec<u8>,
    /// Whether it may replace an existing file (`schema.sum`); a migration file or snapshot
    /// that exists already was created by someone else meanwhile, and is never overwritten.
    pub replace: bool,
}

/// The step of [`write_all_with`] about to run, for tests that make one fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// Writing and syncing the temporary file of a target.
    Stage,
    /// Renaming it into place.
    Rename,
}

/// Writes every file, or none of them.
pub(super) fn write_all(files: &[FileWrite]) -> Result<(), MigrateError> {
    Batch::default().commit(files)
}

/// [`write_all`], calling `fault(step, target)` before each step: an error it returns is
/// treated as that step's failure. Production passes a no-op; tests inject disk errors.
#[cfg(test)]
pub(super) fn write_all_with(
    files: &[FileWrite],
    fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
) -> Result<(), MigrateError> {
    Batch::default().commit_with(files, fault)
}

/// The files of one run, written and synced to temporaries, then renamed into place together
/// by [`Batch::commit`]. A file ready early ([`Batch::stage_synced`], the snapshot, written
/// while the SQL is still being planned) waits for the disk meanwhile, rather than after
/// everything else. Dropped without a commit, or when the commit fails, the batch undoes what
/// it did.
#[derive(Default)]
pub(super) struct Batch {
    run: Run,
    /// Written and synced, in the order they are renamed, before the commit's own files.
    staged: Vec<Staged>,
}

/// A temporary in place of its target.
struct Staged {
    target: PathBuf,
    temporary: PathBuf,
    /// The bytes the target has now (`None`: it does not exist).
    previous: Option<Vec<u8>>,
}

impl Batch {
    /// Writes `file`'s temporary and waits for the disk to have it, on this thread.
    pub(super) fn stage_synced(&mut self, file: &FileWrite) -> Result<(), MigrateError> {
        self.stage_synced_with(file, &mut |_, _| Ok(()))
    }

    fn stage_synced_with(
        &mut self,
        file: &FileWrite,
        fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
    ) -> Result<(), MigrateError> {
        let written = self.stage(file, fault)?;
        written
            .sync_all()
            .map_err(|source| MigrateError::WriteFailed {
                path: file.path.clone(),
                source,
            })
    }

    /// Writes `files` after the files staged so far, `schema.sum` last: all or none.
    pub(super) fn commit(self, files: &[FileWrite]) -> Result<(), MigrateError> {
        self.commit_with(files, &mut |_, _| Ok(()))
    }

    fn commit_with(
        mut self,
        files: &[FileWrite],
        fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
    ) -> Result<(), MigrateError> {
        let outcome = self.place(files, fault);
        if outcome.is_ok() {
            // Done: nothing for `Drop` to undo.
            self.run = Run::default();
        }
        outcome
    }

    /// The temporary of `file` written (not yet synced) and remembered.
    fn stage(
        &mut self,
        file: &FileWrite,
        fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
    ) -> Result<fs::File, MigrateError> {
        let io = |source| MigrateError::WriteFailed {
            path: file.path.clone(),
            source,
        };
        let dir = parent(&file.path);
        self.run.create_dirs(dir)?;
        let previous = previous_contents(file).map_err(io)?;
        let temporary = dir.join(format!(
            ".schema-core-{}-{}.tmp",
            std::process::id(),
            self.staged.len()
        ));
        fault(Step::Stage, &file.path).map_err(io)?;
        let written = self.run.stage(&temporary, &file.contents).map_err(io)?;
        self.staged.push(Staged {
            target: file.path.clone(),
            temporary,
            previous,
        });
        Ok(written)
    }

    fn place(
        &mut self,
        files: &[FileWrite],
        fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
    ) -> Result<(), MigrateError> {
        let mut written = Vec::with_capacity(files.len());
        for file in files {
            written.push(self.stage(file, fault)?);
        }
        // Every temporary is on disk before the first rename.
        for (file, synced) in files.iter().zip(sync_together(&written)) {
            synced.map_err(|source| MigrateError::WriteFailed {
                path: file.path.clone(),
                source,
            })?;
        }
        drop(written);
        let mut dirs: Vec<PathBuf> = Vec::with_capacity(self.staged.len());
        for Staged {
            target,
            temporary,
            previous,
        } in std::mem::take(&mut self.staged)
        {
            let io = |source| MigrateError::WriteFailed {
                path: target.clone(),
                source,
            };
            // Checked again just before the rename: a file created since the history was read
            // is kept, and the run fails.
            if previous.is_none() && fs::symlink_metadata(&target).is_ok() {
                return Err(io(exists_error()));
            }
            fault(Step::Rename, &target).map_err(io)?;
            fs::rename(&temporary, &target).map_err(io)?;
            self.run.temporaries.retain(|t| *t != temporary);
            dirs.push(parent(&target).to_owned());
            self.run.placed.push((target, previous));
        }
        // Makes the renames durable, each folder once; a failure here is not worth undoing
        // them.
        dirs.sort();
        dirs.dedup();
        let dirs: Vec<fs::File> = dirs
            .into_iter()
            .filter_map(|d| fs::File::open(d).ok())
            .collect();
        let _ = sync_together(&dirs);
        Ok(())
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        self.run.undo();
    }
}

/// What a run did so far, to undo it.
#[derive(Default)]
struct Run {
    /// Folders created for the run, outermost first.
    created_dirs: Vec<PathBuf>,
    /// Temporary files not yet renamed.
    temporaries: Vec<PathBuf>,
    /// Files renamed into place, with the bytes each replaced (`None`: it was new).
    placed: Vec<(PathBuf, Option<Vec<u8>>)>,
}

impl Run {
    /// Creates `dir` and its missing ancestors, remembering which ones were created.
    fn create_dirs(&mut self, dir: &Path) -> Result<(), MigrateError> {
        let mut missing = Vec::new();
        let mut current = Some(dir);
        while let Some(d) = current {
            if d.as_os_str().is_empty() || d.exists() {
                break;
            }
            missing.push(d.to_owned());
            current = d.parent();
        }
        for d in missing.into_iter().rev() {
            fs::create_dir(&d).map_err(|source| MigrateError::WriteFailed {
                path: d.clone(),
                source,
            })?;
            self.created_dirs.push(d);
        }
        Ok(())
    }

    /// Writes the temporary file, not yet synced ([`sync_together`]).
    fn stage(&mut self, temporary: &Path, contents: &[u8]) -> io::Result<fs::File> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(temporary)?;
        self.temporaries.push(temporary.to_owned());
        file.write_all(contents)?;
        Ok(file)
    }

    /// Best effort: every step is tried even when one fails, since nothing better can be done.
    fn undo(&mut self) {
        for temporary in self.temporaries.drain(..) {
            let _ = fs::remove_file(temporary);
        }
        for (path, previous) in self.placed.drain(..).rev() {
            let _ = match previous {
                None => fs::remove_file(&path),
                Some(bytes) => fs::write(&path, bytes),
            };
        }
        for dir in self.created_dirs.drain(..).rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("."))
}

/// The bytes a replaceable file has now (`None` when it does not exist); an error for a new
/// file that exists already.
fn previous_contents(file: &FileWrite) -> io::Result<Option<Vec<u8>>> {
    match fs::read(&file.path) {
        Ok(bytes) if file.replace => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Ok(_) => Err(exists_error()),
        Err(_) if !file.replace && fs::symlink_metadata(&file.path).is_ok() => Err(exists_error()),
        Err(e) => Err(e),
    }
}

fn exists_error() -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        "it exists already (created since the folder was read?)",
    )
}

/// `sync_all` of each file, all at once, one result per file in order. Syncs that run together
/// share the file system's journal commits; one after the other, each waits for its own, which
/// on a disk busy with other work is tens of milliseconds apiece.
fn sync_together(files: &[fs::File]) -> Vec<io::Result<()>> {
    std::thread::scope(|scope| {
        let running: Vec<_> = files
            .iter()
            .map(|file| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, || file.sync_all())
                    .map_err(|_| file)
            })
            .collect();
        running
            .into_iter()
            .map(|thread| match thread {
                Ok(thread) => thread
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("the sync thread panicked"))),
                // No thread to be had: synced here instead.
                Err(file) => file.sync_all(),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under `dir` with its bytes, sorted.
    fn contents(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    out.push((path.clone(), None));
                    stack.push(path);
                } else {
                    out.push((path.clone(), Some(fs::read(&path).unwrap())));
                }
            }
        }
        out.sort();
        out
    }

    fn files(dir: &Path) -> Vec<FileWrite> {
        let file = |name: &str, replace| FileWrite {
            path: dir.join(name),
            contents: format!("new {name}").into_bytes(),
            replace,
        };
        vec![
            file("0001_x.sql", false),
            file("0001_x.down.sql", false),
            file("snapshots/0001_x.json", false),
            file("schema.sum", true),
        ]
    }

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("0000_init.sql"), "old").unwrap();
        fs::write(dir.path().join("schema.sum"), "old sum").unwrap();
        dir
    }

    #[test]
    fn writes_every_file() {
        let dir = folder();
        write_all(&files(dir.path())).unwrap();
        for file in files(dir.path()) {
            assert_eq!(fs::read(&file.path).unwrap(), file.contents);
        }
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    }

    /// Each step of each file fails in turn (a full disk, a read-only folder, a rename that
    /// fails after others succeeded): the folder is left exactly as it was.
    #[test]
    fn any_failure_leaves_the_folder_as_it_was() {
        let targets = files(Path::new("")).len();
        for step in [Step::Stage, Step::Rename] {
            for failing in 0..targets {
                let dir = folder();
                let before = contents(dir.path());
                let mut seen = 0;
                let error = write_all_with(&files(dir.path()), &mut |s, _| {
                    if s != step {
                        return Ok(());
                    }
                    seen += 1;
                    if seen == failing + 1 {
                        Err(io::Error::other("injected"))
                    } else {
                        Ok(())
                    }
                })
                .unwrap_err();
                assert!(error.to_string().contains("injected"), "{error}");
                assert_eq!(contents(dir.path()), before, "{step:?} of file {failing}");
            }
        }
    }

    /// The same with the snapshot staged early ([`Batch::stage_synced`]), as `migrate-gen`
    /// does: each step of each file fails in turn, and a batch dropped uncommitted (the
    /// migration refused) leaves the folder, and the folders it created, as they were.
    #[test]
    fn a_file_staged_early_is_undone_like_the_others() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("migrations");
        let mut all = files(&dir);
        let early = all.remove(2);
        let mut batch = Batch::default();
        batch.stage_synced(&early).unwrap();
        drop(batch);
        assert_eq!(contents(root.path()), []);
        for step in [Step::Stage, Step::Rename] {
            for failing in 0..=all.len() {
                let dir = folder();
                let before = contents(dir.path());
                let mut all = files(dir.path());
                let early = all.remove(2);
                let mut seen = 0;
                let mut fault = |s, _: &Path| {
                    if s != step {
                        return Ok(());
                    }
                    seen += 1;
                    if seen == failing + 1 {
                        Err(io::Error::other("injected"))
                    } else {
                        Ok(())
                    }
                };
                let mut batch = Batch::default();
                let error = batch
                    .stage_synced_with(&early, &mut fault)
                    .and_then(|()| batch.commit_with(&all, &mut fault))
                    .unwrap_err();
                assert!(error.to_string().contains("injected"), "{error}");
                assert_eq!(contents(dir.path()), before, "{step:?} of file {failing}");
            }
        }
        let dir = folder();
        let mut all = files(dir.path());
        let early = all.remove(2);
        let mut batch = Batch::default();
        batch.stage_synced(&early).unwrap();
        batch.commit(&all).unwrap();
        for file in files(dir.path()) {
            assert_eq!(fs::read(&file.path).unwrap(), file.contents);
        }
    }

    #[test]
    fn a_file_created_meanwhile_is_kept_and_nothing_written() {
        let dir = folder();
        fs::create_dir(dir.path().join("snapshots")).unwrap();
        fs::write(dir.path().join("snapshots/0001_x.json"), "theirs").unwrap();
        let before = contents(dir.path());
        let error = write_all(&files(dir.path())).unwrap_err();
        assert!(error.to_string().contains("exists already"), "{error}");
        assert_eq!(contents(dir.path()), before);
    }

    #[test]
    fn a_missing_folder_is_created_and_removed_on_failure() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("db/migrations");
        let error = write_all_with(&files(&dir), &mut |step, path| {
            if step == Step::Rename && path.ends_with("schema.sum") {
                Err(io::Error::other("injected"))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(error.to_string().contains("injected"), "{error}");
        assert_eq!(contents(root.path()), []);
    }
}
