//! A glossary folder as a reader sees it: the files its manifest names, never blocking on a
//! writer. A writer may commit while a reader reads; a file that no longer hashes to what the
//! reader's manifest says sends the reader back to the (new) manifest, a few times.

use super::graph::from_json;
use super::manifest::{staged, FileEntry, Manifest};
use super::{GRAPH_FILE, INDEX_FILE};
use crate::error::{Error, Result};
use crate::graph::TermGraph;
use crate::lookup::index::Index;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// Re-reads of the manifest when a file changed under a reader, before the file is taken as
/// changed by hand: each re-read follows a commit that happened meanwhile.
const ATTEMPTS: u32 = 5;

/// A glossary folder opened for reading (see the module docs of [`crate::store`]).
#[derive(Debug, Clone)]
pub struct Glossary {
    dir: PathBuf,
    manifest: Option<Manifest>,
}

impl Glossary {
    /// Opens the folder `dir`: reads its manifest, and nothing else. A folder without one (a
    /// glossary written before manifests, or none yet) is read file by file as it is.
    pub fn open(dir: &Path) -> Result<Glossary> {
        Ok(Glossary { dir: dir.to_path_buf(), manifest: Manifest::read(dir)? })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The number of commits behind this glossary (0: written without a manifest, or empty).
    pub fn generation(&self) -> u64 {
        self.manifest.as_ref().map_or(0, |m| m.generation)
    }

    pub(super) fn manifest(&self) -> Option<&Manifest> {
        self.manifest.as_ref()
    }

    /// The bytes of the glossary's file `name`, or `None` when the glossary has no such file.
    ///
    /// A file that hashes to something else than the manifest records, while the manifest
    /// stays the same, was changed outside zhterm (edited by hand, checked out by version
    /// control): it is read as it is, which is what its editor meant.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let mut manifest = self.manifest.clone();
        for attempt in 0..ATTEMPTS {
            let Some(current) = &manifest else { return read_if_present(&self.dir.join(name)) };
            let Some(entry) = current.file(name) else { return Ok(None) };
            // Staged name first: a writer may rename it to the published name in between, so
            // that is read next (a rename is atomic: one of the two has the bytes).
            let found = match read_if_present(&self.dir.join(staged(&entry.name, current.generation)))? {
                Some(bytes) => Some(bytes),
                None => read_if_present(&self.dir.join(&entry.name))?,
            };
            if found.as_deref().is_some_and(|bytes| entry.matches(bytes)) {
                return Ok(found);
            }
            // A writer may have committed since the manifest was read.
            let again = Manifest::read(&self.dir)?;
            if again == manifest {
                return Ok(found);
            }
            manifest = again;
            std::thread::sleep(std::time::Duration::from_millis(5 << attempt));
        }
        read_if_present(&self.dir.join(name))
    }

    /// The path to read the glossary's file `name` from (for readers that take a path): where
    /// the manifest's generation has it, else `dir/name`.
    pub fn path_of(&self, name: &str) -> PathBuf {
        let located = self.manifest.as_ref().and_then(|m| Some((m.file(name)?, m.generation)));
        located.and_then(|(entry, generation)| self.locate(entry, generation)).unwrap_or_else(|| self.dir.join(name))
    }

    /// Where the file of `entry` is: under its staged name while the commit of `generation`
    /// is being published (or its writer died doing so), else under its own name.
    pub(super) fn locate(&self, entry: &FileEntry, generation: u64) -> Option<PathBuf> {
        let staged = self.dir.join(staged(&entry.name, generation));
        let published = self.dir.join(&entry.name);
        [staged, published].into_iter().find(|p| p.is_file())
    }

    /// The term graph, or `None` when the folder has none (no glossary yet, or `graph.json`
    /// moved away to start afresh).
    pub fn graph_if_present(&self) -> Result<Option<TermGraph>> {
        let Some(bytes) = self.read(GRAPH_FILE)? else { return Ok(None) };
        let path = self.dir.join(GRAPH_FILE);
        let text = String::from_utf8(bytes).map_err(|e| Error::Malformed {
            path: path.clone(),
            line: 0,
            message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        })?;
        from_json(&text, &path).map(Some)
    }

    /// The term graph; a folder without one is no glossary.
    pub fn graph(&self) -> Result<TermGraph> {
        self.graph_if_present()?
            .ok_or_else(|| Error::NoGlossary { path: self.dir.clone(), message: format!("no {GRAPH_FILE}") })
    }

    /// The look-up index: `lookup.idx` when the manifest names it and it indexes the graph
    /// the manifest names (checked by the graph's size, modification time and hash, without
    /// reading the graph); otherwise built in memory from the graph.
    pub fn index(&self) -> Result<Index> {
        if let Some(index) = self.committed_index() {
            return Ok(index);
        }
        Index::of(&self.graph()?)
    }

    fn committed_index(&self) -> Option<Index> {
        let manifest = self.manifest.as_ref()?;
        let (graph, index) = (manifest.file(GRAPH_FILE)?, manifest.file(INDEX_FILE)?);
        let graph_path = self.locate(graph, manifest.generation)?;
        let index_path = self.locate(index, manifest.generation)?;
        if !graph.stat_matches(&graph_path) || !index.stat_matches(&index_path) {
            return None;
        }
        let file = std::fs::File::open(&index_path).ok()?;
        Index::read(Box::new(BufReader::new(file)), &self.dir.join(INDEX_FILE), Some(&graph.sha256)).ok()
    }
}

fn read_if_present(path: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Writer;
    use std::time::Duration;

    fn committed(dir: &Path) {
        let files = [("a.csv", b"committed".to_vec()), (GRAPH_FILE, b"{}".to_vec())];
        Writer::lock(dir, Duration::ZERO).unwrap().commit(&files, &mut |_| {}).unwrap();
    }

    #[test]
    fn a_file_edited_by_hand_is_read_as_it_is_and_a_removed_one_is_absent() {
        let dir = tempfile::tempdir().unwrap();
        committed(dir.path());
        let glossary = Glossary::open(dir.path()).unwrap();
        assert_eq!(glossary.read("a.csv").unwrap().as_deref(), Some(&b"committed"[..]));
        std::fs::write(dir.path().join("a.csv"), b"edited by hand").unwrap();
        assert_eq!(glossary.read("a.csv").unwrap().as_deref(), Some(&b"edited by hand"[..]));
        std::fs::remove_file(dir.path().join(GRAPH_FILE)).unwrap();
        assert!(glossary.graph_if_present().unwrap().is_none(), "graph.json moved away: start afresh");
        assert!(glossary.read("never.csv").unwrap().is_none());
    }

    #[test]
    fn a_reader_holding_an_old_manifest_follows_the_next_commit() {
        let dir = tempfile::tempdir().unwrap();
        committed(dir.path());
        let old = Glossary::open(dir.path()).unwrap();
        let files = [("a.csv", b"second".to_vec())];
        Writer::lock(dir.path(), Duration::ZERO).unwrap().commit(&files, &mut |_| {}).unwrap();
        assert_eq!(old.read("a.csv").unwrap().as_deref(), Some(&b"second"[..]));
        assert_eq!(Glossary::open(dir.path()).unwrap().generation(), 2);
    }

    #[test]
    fn a_folder_without_a_manifest_is_read_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), b"legacy").unwrap();
        let glossary = Glossary::open(dir.path()).unwrap();
        assert_eq!((glossary.generation(), glossary.read("a.csv").unwrap()), (0, Some(b"legacy".to_vec())));
        let err = glossary.graph().unwrap_err().to_string();
        assert!(err.contains("zhterm build"), "{err}");
    }
}
