//! Reading a reviewer's copy of zhterm's JSON export (`crate::export::entry`): each object is
//! an entry — `zh`, `en` (preferred first), `zh_variants`, `status`, `note`; the other fields
//! are evidence and ignored.

use super::{refuse, Edit};
use crate::error::Result;
use crate::export::entry::Entry;
use std::path::Path;

pub fn read(text: &str, path: &Path) -> Result<Vec<Edit>> {
    let entries: Vec<Entry> =
        serde_json::from_str(text).map_err(|e| refuse(path, e.line(), format!("not zhterm's JSON export: {e}")))?;
    let mut edits = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        if entry.zh.trim().is_empty() {
            return Err(refuse(path, 0, format!("entry {} has no Chinese term", i + 1)));
        }
        let mut english = entry.en.into_iter().map(|e| e.term);
        edits.push(Edit {
            line: i + 1,
            zh: entry.zh,
            english: Some(english.next().unwrap_or_default()),
            english_variants: Some(english.collect()),
            zh_variants: Some(entry.zh_variants),
            status: Some(entry.status),
            note: Some(entry.note.unwrap_or_default()),
            ..Edit::default()
        });
    }
    Ok(edits)
}
