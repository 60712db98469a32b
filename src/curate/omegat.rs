//! Reading a reviewer's OmegaT glossary (`crate::export::cat::omegat`): tab-separated, no
//! header, one line per Chinese form and English term — source, target, comment. zhterm's
//! comment starts with the concept id (`c3 `) and then the evidence line, so the lines of one
//! entry are grouped by that id: the first line's source is the entry, its targets the English
//! (in order, a removed line strikes its English), other sources short forms. The comment
//! that differs from the entry's other lines (the one a reviewer edited; the earliest when
//! several differ) gives status and note. A line without zhterm's id joins the entry whose
//! Chinese it names, or starts a new entry.

use super::{refuse, Edit};
use crate::error::Result;
use crate::export::cell::restore;
use crate::export::evidence;
use std::path::Path;

/// Whether `text` has OmegaT's shape: every non-empty line two or three tab-separated fields.
pub fn looks_like(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek().is_some() && lines.all(|l| (2..=3).contains(&l.split('\t').count()))
}

struct Group {
    id: Option<String>,
    edit: Edit,
    english: Vec<String>,
    sources: Vec<String>,
    comments: Vec<String>,
}

impl Group {
    /// The least repeated comment of the group's lines, the earliest of a tie.
    fn edited_comment(&self) -> &str {
        let count = |c: &String| self.comments.iter().filter(|o| *o == c).count();
        self.comments.iter().min_by_key(|c| count(c)).map_or("", String::as_str)
    }
}

pub fn read(text: &str, path: &Path) -> Result<Vec<Edit>> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(|f| restore(f).trim()).collect();
        let (source, target) = match fields[..] {
            [s, t] | [s, t, _] => (s, t),
            _ => {
                return Err(refuse(
                    path,
                    line_no,
                    "an OmegaT line has source, target and comment, tab-separated".into(),
                ))
            }
        };
        if source.is_empty() {
            return Err(refuse(path, line_no, "a line without a Chinese term".into()));
        }
        let comment = fields.get(2).copied().unwrap_or("");
        let (id, comment) = match comment.split_once(' ') {
            Some((id, rest)) if is_concept_id(id) => (Some(id.to_string()), rest),
            _ if is_concept_id(comment) => (Some(comment.to_string()), ""),
            _ => (None, comment),
        };
        let has_id = id.is_some();
        let found = groups.iter().position(|g| match &id {
            Some(id) => g.id.as_ref() == Some(id),
            None => g.sources.iter().any(|s| s == source),
        });
        let group = match found {
            Some(g) => &mut groups[g],
            None => {
                let edit = Edit { line: line_no, zh: source.to_string(), flattened: true, ..Edit::default() };
                let sources = vec![source.to_string()];
                groups.push(Group { id, edit, english: Vec::new(), sources, comments: Vec::new() });
                groups.last_mut().expect("just pushed")
            }
        };
        if has_id || group.comments.is_empty() {
            group.comments.push(comment.to_string());
        }
        if !group.sources.iter().any(|s| s == source) {
            group.sources.push(source.to_string());
        }
        // zhterm repeats the entry's English on each short form's lines; a reviewer's own
        // line adds its English whichever form it names.
        let names_entry = source == group.edit.zh || !has_id;
        if names_entry && !target.is_empty() && !group.english.iter().any(|e| e == target) {
            group.english.push(target.to_string());
        }
    }
    Ok(groups
        .into_iter()
        .map(|g| {
            let split = evidence::split(g.edited_comment());
            let mut english = g.english.into_iter();
            Edit {
                status: split.status,
                note: Some(split.note),
                english: Some(english.next().unwrap_or_default()),
                english_variants: Some(english.collect()),
                zh_variants: Some(g.sources.into_iter().skip(1).collect()),
                ..g.edit
            }
        })
        .collect())
}

fn is_concept_id(text: &str) -> bool {
    text.strip_prefix('c').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Status;

    #[test]
    fn lines_group_by_concept_and_the_edited_comment_speaks_for_the_entry() {
        let text = "保税仓库\tbonded warehouse\tc1 zhterm candidate; frequency 3\n\
                    保税仓库\twarehouse\tc1 zhterm approved; frequency 3; checked\n\
                    保税库\tbonded warehouse\tc1 zhterm candidate; frequency 3\n\
                    保税仓库\tstore\n\
                    报关单\tcustoms declaration\tmy note\n";
        assert!(looks_like(text));
        let edits = read(text, Path::new("g.utf8")).unwrap();
        assert_eq!(edits.len(), 2);
        let e = &edits[0];
        assert_eq!(e.zh, "保税仓库");
        assert_eq!(e.english.as_deref(), Some("bonded warehouse"));
        assert_eq!(e.english_variants.as_deref(), Some(&["warehouse".to_string(), "store".to_string()][..]));
        assert_eq!(e.zh_variants.as_deref(), Some(&["保税库".to_string()][..]));
        assert_eq!((e.status, e.note.as_deref()), (Some(Status::Approved), Some("checked")));
        assert_eq!((edits[1].status, edits[1].note.as_deref()), (None, Some("my note")));
    }

    #[test]
    fn a_file_of_another_shape_is_not_omegat() {
        assert!(!looks_like("one field only\n"));
        assert!(!looks_like("a\tb\tc\td\n"));
        assert!(!looks_like(""));
    }
}
