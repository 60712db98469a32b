//! How a glossary names its source documents: relative to the corpus root, the deepest folder
//! holding every input of the build (a folder input counts as itself, a file as its folder),
//! so exports never carry a local absolute path and names stay distinct across inputs.

use std::path::{Component, Path, PathBuf};

/// The corpus root of a build's inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusRoot(PathBuf);

impl CorpusRoot {
    pub fn of(inputs: &[PathBuf]) -> CorpusRoot {
        let folders: Vec<PathBuf> = inputs
            .iter()
            .map(|input| {
                let input = absolute(input);
                if input.is_dir() {
                    input
                } else {
                    input.parent().map(Path::to_path_buf).unwrap_or_default()
                }
            })
            .collect();
        let mut root = folders.first().cloned().unwrap_or_default();
        for folder in &folders[1.min(folders.len())..] {
            while !folder.starts_with(&root) {
                if !root.pop() {
                    break;
                }
            }
        }
        CorpusRoot(root)
    }

    /// The name of the document read from `path` (as the corpus reader named it), relative
    /// to the root with `/` between folders; a path outside the root keeps its file name.
    pub fn name(&self, path: &str) -> String {
        let absolute = absolute(Path::new(path));
        let relative = absolute.strip_prefix(&self.0).ok().filter(|r| !r.as_os_str().is_empty());
        let relative = relative.unwrap_or_else(|| Path::new(absolute.file_name().unwrap_or(absolute.as_os_str())));
        let parts: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        parts.join("/")
    }
}

/// `path` made absolute against the working folder, `.` and `..` resolved by name.
fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_relative_to_the_deepest_common_folder() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        for folder in ["orchard/apples", "orchard/pears"] {
            std::fs::create_dir_all(base.join(folder)).unwrap();
        }
        std::fs::write(base.join("orchard/pears/p.txt"), "梨").unwrap();
        let one = CorpusRoot::of(&[base.join("orchard/apples")]);
        assert_eq!(one.name(&base.join("orchard/apples/sub/a.txt").display().to_string()), "sub/a.txt");
        let two = CorpusRoot::of(&[base.join("orchard/apples"), base.join("orchard/pears/p.txt")]);
        assert_eq!(two.name(&base.join("orchard/apples/a.txt").display().to_string()), "apples/a.txt");
        assert_eq!(two.name(&base.join("orchard/pears/p.txt").display().to_string()), "pears/p.txt");
        let file = CorpusRoot::of(&[base.join("orchard/pears/p.txt")]);
        assert_eq!(file.name(&base.join("orchard/pears/p.txt").display().to_string()), "p.txt");
        assert_eq!(file.name("/elsewhere/q.txt"), "q.txt", "outside the root: the file name alone");
    }
}
