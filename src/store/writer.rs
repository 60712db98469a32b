//! Writing a glossary folder: the writer's lock, the clean-up of a dead writer's leftovers,
//! and the commit (the protocol is in the docs of [`crate::store`]).

use super::folder::Glossary;
use super::manifest::{staged, stat, FileEntry, Manifest, MANIFEST_FILE};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file: never removed (removing it would let two writers lock two different files).
pub const LOCK_FILE: &str = ".zhterm.lock";

/// How often a waiting writer tries the lock again.
const POLL: Duration = Duration::from_millis(25);

/// One step of a commit, for the observer `Writer::commit` calls before each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// 1 for the first step.
    pub number: usize,
    pub what: String,
}

/// The folder's writer: holds the exclusive lock from [`Writer::lock`] until it is dropped
/// (or the process ends, when the system releases it).
pub struct Writer {
    glossary: Glossary,
    _lock: std::fs::File,
}

impl Writer {
    /// Takes the folder's writer lock (creating the folder if needed), waiting at most `wait`
    /// for another writer to finish; then finishes or removes what a writer that died left
    /// behind, and reads the folder's manifest as it is under the lock.
    pub fn lock(dir: &Path, wait: Duration) -> Result<Writer> {
        ensure_writable(dir)?;
        let path = dir.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let started = Instant::now();
        loop {
            match fs4::FileExt::try_lock(&file) {
                Ok(()) => break,
                Err(fs4::TryLockError::WouldBlock) if started.elapsed() < wait => std::thread::sleep(POLL),
                Err(fs4::TryLockError::WouldBlock) => {
                    return Err(Error::Locked { path: dir.to_path_buf(), seconds: wait.as_secs_f64() })
                }
                Err(fs4::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
        recover(dir)?;
        Ok(Writer { glossary: Glossary::open(dir)?, _lock: file })
    }

    /// [`Writer::lock`] on a folder that must already hold a glossary (an import's): a missing
    /// folder is an error, not created.
    pub fn lock_existing(dir: &Path, wait: Duration) -> Result<Writer> {
        if !dir.is_dir() {
            return Err(Error::NoGlossary { path: dir.to_path_buf(), message: "no such folder".into() });
        }
        Writer::lock(dir, wait)
    }

    /// The glossary as it is under the lock: what a change must be made on top of.
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// Commits `files` (name, contents) as the folder's next generation: every file staged
    /// under a new name, then the manifest naming them all renamed into place (the commit
    /// point), then the files renamed to their own names. Files of the previous generation
    /// that this one does not name are removed. `observe` is called before each step.
    pub fn commit(self, files: &[(&str, Vec<u8>)], observe: &mut dyn FnMut(&Step)) -> Result<u64> {
        let dir = self.glossary.dir().to_path_buf();
        let generation = self.glossary.generation() + 1;
        let mut steps = 0;
        let mut step = |what: String| {
            steps += 1;
            observe(&Step { number: steps, what });
        };
        // Before the commit point, any failure leaves the previous generation as it was and
        // takes back what this commit staged.
        let staged_paths: Vec<PathBuf> = files
            .iter()
            .map(|(name, _)| dir.join(staged(name, generation)))
            .chain([dir.join(staged(MANIFEST_FILE, generation))])
            .collect();
        let committed = stage(&dir, files, generation, &mut step).and_then(|manifest| {
            step("commit: rename the manifest".into());
            rename(&dir.join(staged(MANIFEST_FILE, generation)), &dir.join(MANIFEST_FILE))?;
            Ok(manifest)
        });
        let manifest = committed.inspect_err(|_| {
            for path in &staged_paths {
                let _ = std::fs::remove_file(path);
            }
        })?;
        sync_folder(&dir)?;
        for (name, _) in files {
            step(format!("publish {name}"));
            rename(&dir.join(staged(name, generation)), &dir.join(name))?;
        }
        step("remove files the new generation does not name".into());
        if let Some(previous) = self.glossary.manifest() {
            for old in &previous.files {
                if manifest.file(&old.name).is_none() {
                    let _ = std::fs::remove_file(dir.join(&old.name));
                }
            }
        }
        sync_folder(&dir)?;
        step("done".into());
        Ok(generation)
    }
}

/// Steps 1 and 2 of a commit up to the commit point: every file and the manifest staged and
/// synced. A name the glossary cannot take (a folder in the way) fails here, not after.
fn stage(dir: &Path, files: &[(&str, Vec<u8>)], generation: u64, step: &mut dyn FnMut(String)) -> Result<Manifest> {
    for (name, _) in files {
        let target = dir.join(name);
        if target.is_dir() {
            return Err(Error::Input { path: target, message: "a folder is in the way of this glossary file".into() });
        }
    }
    let mut entries = Vec::new();
    for (name, contents) in files {
        let path = dir.join(staged(name, generation));
        write_synced(&path, contents, &mut || step(format!("write {name} (half written)")))?;
        let (_, mtime_ns) = stat(&path).ok_or_else(|| Error::Invalid(format!("{}: vanished", path.display())))?;
        entries.push(FileEntry::of(name, contents, mtime_ns));
        step(format!("wrote {name}"));
    }
    let manifest = Manifest::new(generation, entries);
    let staged_manifest = dir.join(staged(MANIFEST_FILE, generation));
    write_synced(&staged_manifest, manifest.to_json().as_bytes(), &mut || step("write manifest (half)".into()))?;
    sync_folder(dir)?;
    Ok(manifest)
}

/// Under the lock: a commit whose manifest is in place but whose files are not all renamed
/// is finished (roll forward); anything else a writer stages (`.NAME.gN.new`), and the
/// temporary and backup files of versions before the manifest, is removed.
fn recover(dir: &Path) -> Result<()> {
    if let Some(manifest) = Manifest::read(dir)? {
        for file in &manifest.files {
            let staged = dir.join(staged(&file.name, manifest.generation));
            if staged.is_file() {
                rename(&staged, &dir.join(&file.name))?;
            }
        }
    }
    let listing = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_leftover(&name) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    sync_folder(dir)
}

/// A writer's hidden working file: staged (`.NAME.gN.new`), or the `.NAME.tmpPID` /
/// `.NAME.bakPID` / `.zhterm-probePID` of earlier versions.
fn is_leftover(name: &str) -> bool {
    let Some(hidden) = name.strip_prefix('.') else { return false };
    let ends_in_pid = |mark: &str| {
        hidden.rsplit_once(mark).is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    };
    name != LOCK_FILE
        && (hidden.ends_with(".new") && hidden.contains(".g")
            || ends_in_pid(".tmp")
            || ends_in_pid(".bak")
            || ends_in_pid("zhterm-probe"))
}

/// Creates `dir` if needed and checks that a file can be created in it, so a build fails
/// before its work rather than after.
pub fn ensure_writable(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let probe = dir.join(format!(".zhterm-probe{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(|e| Error::Input {
        path: dir.to_path_buf(),
        message: format!("cannot write into this folder: {e}"),
    })?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Writes and syncs `contents`, calling `halfway` when half of it is written (so a test can
/// stop a writer in the middle of a file).
fn write_synced(path: &Path, contents: &[u8], halfway: &mut dyn FnMut()) -> Result<()> {
    let io = |e| Error::io(path, e);
    let mut file = std::fs::File::create(path).map_err(io)?;
    let (first, second) = contents.split_at(contents.len() / 2);
    file.write_all(first).and_then(|()| file.flush()).map_err(io)?;
    halfway();
    file.write_all(second).and_then(|()| file.sync_all()).map_err(io)
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io(to, e))
}

/// Makes the renames in `dir` durable (a directory's entries are synced through the directory).
fn sync_folder(dir: &Path) -> Result<()> {
    match std::fs::File::open(dir).and_then(|d| d.sync_all()) {
        Ok(()) => Ok(()),
        // Some systems (and Windows) cannot open or sync a directory; the renames stand.
        Err(_) => Ok(()),
    }
}

/// Writes one file outside a glossary folder (an export's `-o FILE`) through a temporary name
/// in the same folder and a rename, so a reader never sees it half written.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let temporary: PathBuf = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let written = write_synced(&temporary, contents, &mut || {}).and_then(|()| rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn leftovers_are_recognised_by_their_shape_only() {
        for name in [".graph.json.g3.new", ".manifest.json.g12.new", ".glossary.csv.tmp4411", ".graph.json.bak7"] {
            assert!(is_leftover(name), "{name}");
        }
        for name in [LOCK_FILE, "graph.json", ".gitignore", ".notes.tmp", "a.g1.new", ".x.bakery"] {
            assert!(!is_leftover(name), "{name}");
        }
    }

    #[test]
    fn a_commit_names_every_file_and_the_next_writer_sees_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut seen = Vec::new();
        let writer = Writer::lock(dir.path(), Duration::ZERO).unwrap();
        let files = [("a.csv", b"zh,en\n".to_vec()), ("b.txt", b"b".to_vec())];
        assert_eq!(writer.commit(&files, &mut |s| seen.push(s.what.clone())).unwrap(), 1);
        assert_eq!(seen.first().map(String::as_str), Some("write a.csv (half written)"));
        assert_eq!(seen.last().map(String::as_str), Some("done"));
        assert_eq!(names(dir.path()), [LOCK_FILE, "a.csv", "b.txt", MANIFEST_FILE]);
        let writer = Writer::lock(dir.path(), Duration::ZERO).unwrap();
        assert_eq!(writer.glossary().read("a.csv").unwrap().as_deref(), Some(&b"zh,en\n"[..]));
        // The second generation no longer names b.txt: it goes.
        assert_eq!(writer.commit(&[("a.csv", b"zh\n".to_vec())], &mut |_| {}).unwrap(), 2);
        assert_eq!(names(dir.path()), [LOCK_FILE, "a.csv", MANIFEST_FILE]);
    }

    #[test]
    fn a_second_writer_waits_its_time_and_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let first = Writer::lock(dir.path(), Duration::ZERO).unwrap();
        let err = Writer::lock(dir.path(), Duration::from_millis(60)).err().unwrap().to_string();
        assert!(err.contains("another zhterm"), "{err}");
        drop(first);
        assert!(Writer::lock(dir.path(), Duration::ZERO).is_ok(), "the lock goes with its writer");
    }

    #[test]
    fn a_committed_manifest_is_rolled_forward_and_uncommitted_files_removed() {
        let dir = tempfile::tempdir().unwrap();
        Writer::lock(dir.path(), Duration::ZERO).unwrap().commit(&[("a.csv", b"old".to_vec())], &mut |_| {}).unwrap();
        // A writer that died after renaming the manifest of generation 2, before its file…
        let entry = FileEntry::of("a.csv", b"new", stat(&dir.path().join("a.csv")).unwrap().1);
        std::fs::write(dir.path().join(staged("a.csv", 2)), b"new").unwrap();
        std::fs::write(dir.path().join(MANIFEST_FILE), Manifest::new(2, vec![entry]).to_json()).unwrap();
        // …and one that died staging generation 3.
        std::fs::write(dir.path().join(staged("a.csv", 3)), b"newer, never committed").unwrap();
        let reader = Glossary::open(dir.path()).unwrap();
        assert_eq!(reader.read("a.csv").unwrap().as_deref(), Some(&b"new"[..]), "readers follow the manifest");
        let writer = Writer::lock(dir.path(), Duration::ZERO).unwrap();
        assert_eq!(names(dir.path()), [LOCK_FILE, "a.csv", MANIFEST_FILE]);
        assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"new");
        assert_eq!(writer.glossary().generation(), 2);
    }

    #[test]
    fn write_atomic_replaces_a_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out.csv"]);
    }
}
