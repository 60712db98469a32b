//! Which files a load reads: the files named, and the files under the folders named, in sorted
//! order. Hidden entries are passed over; a glossary folder (one holding `graph.json` or
//! `.zhterm.lock`, or one the caller excludes: the build's own output) is never read as corpus;
//! a folder or file reached twice through symbolic links (a link loop, or two links to one
//! place) is read once.

use super::{LoadOptions, LoadReport};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Files only a glossary folder holds (`crate::store` writes them: the graph, and the writer's
/// lock file, there from a writer's first moment on; the corpus reader sits below the store and
/// names them here rather than depend on it).
const GLOSSARY_MARKS: [&str; 2] = ["graph.json", ".zhterm.lock"];

/// The files to read, each with whether the user named it (a named file must read).
pub fn collect(inputs: &[PathBuf], options: &LoadOptions, report: &mut LoadReport) -> Result<BTreeMap<PathBuf, bool>> {
    let excluded: HashSet<PathBuf> = options.exclude.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut walk = Walk { excluded, folders: HashSet::new(), strict: options.strict, files: BTreeMap::new() };
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            walk.folder(input, report)?;
        } else {
            walk.files.insert(input.clone(), true);
        }
    }
    // One real file, one read: of the paths reaching it, the first in sorted order stays
    // (a named path stays over a found one).
    let mut seen = HashSet::new();
    let mut files = BTreeMap::new();
    let (named, found): (Vec<_>, Vec<_>) = walk.files.into_iter().partition(|(_, named)| *named);
    for (path, named) in named.into_iter().chain(found) {
        let real = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.insert(real) {
            files.insert(path, named);
        }
    }
    Ok(files)
}

struct Walk {
    excluded: HashSet<PathBuf>,
    /// Real paths of the folders entered so far.
    folders: HashSet<PathBuf>,
    strict: bool,
    files: BTreeMap<PathBuf, bool>,
}

impl Walk {
    /// Adds the files under `dir`. A subfolder that cannot be listed is skipped like a bad
    /// file; `dir` itself must be listable.
    fn folder(&mut self, dir: &Path, report: &mut LoadReport) -> Result<()> {
        let real = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
        if self.excluded.contains(&real) || GLOSSARY_MARKS.iter().any(|mark| dir.join(mark).is_file()) {
            report.glossaries.push(dir.to_path_buf());
            return Ok(());
        }
        if !self.folders.insert(real) {
            // Entered already: through a link loop, or a second link to the same folder.
            if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
                report.warnings.push((dir.to_path_buf(), "a link to a folder already read: not read again".into()));
            }
            return Ok(());
        }
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            entries.push(entry.map_err(|e| Error::io(dir, e))?.path());
        }
        // Sorted, so that of two links to one folder the same one is read on every run.
        entries.sort();
        for child in entries {
            let hidden = child.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if child.is_dir() {
                match self.folder(&child, report) {
                    Err(error) if !self.strict => report.skipped.push((child, error)),
                    result => result?,
                }
            } else {
                self.files.entry(child).or_insert(false);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_folders_are_passed_over_and_link_loops_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("notes/deeper")).unwrap();
        std::fs::write(root.join("notes/a.txt"), "甲").unwrap();
        std::fs::write(root.join("notes/deeper/b.txt"), "乙").unwrap();
        std::fs::create_dir(root.join("old-glossary")).unwrap();
        std::fs::write(root.join("old-glossary/graph.json"), "{}").unwrap();
        std::fs::write(root.join("old-glossary/glossary.csv"), "zh-CN,en").unwrap();
        // A glossary whose first commit a killed writer left before the graph got its name.
        std::fs::create_dir(root.join("staged-glossary")).unwrap();
        std::fs::write(root.join("staged-glossary/.zhterm.lock"), "").unwrap();
        std::fs::write(root.join("staged-glossary/glossary.csv"), "zh-CN,en").unwrap();
        std::fs::create_dir(root.join("out")).unwrap();
        std::fs::write(root.join("out/glossary.csv"), "zh-CN,en").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("notes"), root.join("notes/deeper/loop")).unwrap();
        let options = LoadOptions { exclude: vec![root.join("out")], ..LoadOptions::default() };
        let mut report = LoadReport::default();
        let files = collect(&[root.to_path_buf()], &options, &mut report).unwrap();
        let names: Vec<_> = files.keys().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect();
        assert_eq!(names, ["notes/a.txt", "notes/deeper/b.txt"]);
        assert_eq!(report.glossaries, [root.join("old-glossary"), root.join("out"), root.join("staged-glossary")]);
        #[cfg(unix)]
        assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    }
}
