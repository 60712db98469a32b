//! `manifest.json`: the glossary's commit point. It names every file of one generation of the
//! glossary with its size and SHA-256; a reader trusts a file only when its bytes hash to what
//! the manifest records, and the manifest is the last file a commit renames into place.
//!
//! # Format
//! ```json
//! {"format": "zhterm-glossary", "version": 1, "generation": 4,
//!  "files": [{"name": "graph.json", "bytes": 120544, "sha256": "9f86d0…"}, …]}
//! ```
//! Between the manifest's rename and the renames of the files it names (or after a writer
//! died there), a file of generation `N` is still under its staged name
//! [`staged`]`(name, N)`; readers look there first.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

pub const MANIFEST_FILE: &str = "manifest.json";
const FORMAT: &str = "zhterm-glossary";
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// Counts the commits of this folder: 1 for the first.
    pub generation: u64,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub name: String,
    pub bytes: u64,
    /// Modification time of the written file (nanoseconds since 1970; a rename keeps it): with
    /// the size, a cheap sign that the file is still the one committed, which look-up uses
    /// instead of hashing a large graph.
    pub mtime_ns: u128,
    pub sha256: String,
}

impl FileEntry {
    pub fn of(name: &str, contents: &[u8], mtime_ns: u128) -> FileEntry {
        FileEntry { name: name.to_string(), bytes: contents.len() as u64, mtime_ns, sha256: sha256_hex(contents) }
    }

    /// Whether the file at `path` has the size and modification time this entry records.
    pub fn stat_matches(&self, path: &Path) -> bool {
        stat(path) == Some((self.bytes, self.mtime_ns))
    }

    pub fn matches(&self, contents: &[u8]) -> bool {
        contents.len() as u64 == self.bytes && sha256_hex(contents) == self.sha256
    }
}

/// The name a file of `generation` is written under before the commit renames it: hidden,
/// and ending in `.new`, the mark by which a later writer recognises leftovers.
pub fn staged(name: &str, generation: u64) -> String {
    format!(".{name}.g{generation}.new")
}

/// Size and modification time (nanoseconds since 1970) of the file at `path`.
pub fn stat(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    Some((meta.len(), mtime))
}

pub fn sha256_hex(contents: &[u8]) -> String {
    Sha256::digest(contents).iter().map(|b| format!("{b:02x}")).collect()
}

impl Manifest {
    pub fn new(generation: u64, files: Vec<FileEntry>) -> Manifest {
        Manifest { format: FORMAT.into(), version: VERSION, generation, files }
    }

    pub fn file(&self, name: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.name == name)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The manifest of the folder `dir`, or `None` when it has none (a folder written before
    /// manifests existed, or no glossary at all).
    pub fn read(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| Error::Malformed {
            path: path.clone(),
            line: e.line(),
            message: format!("not a zhterm glossary manifest: {e}"),
        })?;
        if manifest.format != FORMAT || manifest.version != VERSION {
            return Err(Error::Invalid(format!(
                "{}: format {} version {} is not {FORMAT} version {VERSION}",
                path.display(),
                manifest.format,
                manifest.version
            )));
        }
        Ok(Some(manifest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_and_checks_contents() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Manifest::read(dir.path()).unwrap(), None);
        let manifest = Manifest::new(3, vec![FileEntry::of("a.csv", b"zh,en\n", 7)]);
        std::fs::write(dir.path().join(MANIFEST_FILE), manifest.to_json()).unwrap();
        let back = Manifest::read(dir.path()).unwrap().unwrap();
        assert_eq!(back, manifest);
        let entry = back.file("a.csv").unwrap();
        assert!(entry.matches(b"zh,en\n"));
        assert!(!entry.matches(b"zh,em\n"), "same size, other bytes");
        assert!(back.file("b.csv").is_none());
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        // FIPS 180-2's "abc" example.
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn a_foreign_manifest_is_refused_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST_FILE), "{\"format\": \"x\"}").unwrap();
        let err = Manifest::read(dir.path()).unwrap_err().to_string();
        assert!(err.contains("manifest.json"), "{err}");
    }
}
