//! Reading a reviewer's copy of zhterm's JSON export (`crate::lookup::entry`): each object is
//! an entry — `zh`, `en` (`term`s, preferred first), `zh_variants`, `status`, `note`; the other
//! fields are evidence and ignored, so an entry a reviewer adds needs only `zh` and `en`.
//! A missing `note` is no note (the export leaves it out when there is none); a missing
//! `status`, `en` or `zh_variants` leaves that part of the entry as it is.

use super::{refuse, Edit};
use crate::error::Result;
use crate::graph::Status;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Reviewed {
    zh: String,
    en: Option<Vec<English>>,
    zh_variants: Option<Vec<String>>,
    status: Option<Status>,
    note: Option<String>,
}

#[derive(Deserialize)]
struct English {
    term: String,
}

pub fn read(text: &str, path: &Path) -> Result<Vec<Edit>> {
    let entries: Vec<Reviewed> =
        serde_json::from_str(text).map_err(|e| refuse(path, e.line(), format!("not zhterm's JSON export: {e}")))?;
    let mut edits = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        if entry.zh.trim().is_empty() {
            return Err(refuse(path, 0, format!("entry {} has no Chinese term", i + 1)));
        }
        let english = entry.en.map(|en| en.into_iter().map(|e| e.term.trim().to_string()).collect::<Vec<_>>());
        edits.push(Edit {
            line: i + 1,
            zh: entry.zh.trim().to_string(),
            english: english.as_ref().map(|e| e.first().cloned().unwrap_or_default()),
            english_variants: english.map(|e| e.into_iter().skip(1).collect()),
            zh_variants: entry.zh_variants,
            status: entry.status,
            note: Some(entry.note.unwrap_or_default()),
            ..Edit::default()
        });
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_added_entry_needs_only_its_terms_and_evidence_fields_are_ignored() {
        let text = r#"[{"concept_id": "c1", "zh": "保税仓库", "status": "approved", "score": 1.5,
                        "en": [{"term": "bonded warehouse", "kind": "term"}, {"term": "warehouse"}]},
                       {"zh": "报关单", "en": [{"term": "customs declaration"}]}]"#;
        let edits = read(text, Path::new("r.json")).unwrap();
        assert_eq!((edits[0].status, edits[0].english.as_deref()), (Some(Status::Approved), Some("bonded warehouse")));
        assert_eq!(edits[0].english_variants.as_deref(), Some(&["warehouse".to_string()][..]));
        assert_eq!((edits[1].zh.as_str(), edits[1].status, edits[1].note.as_deref()), ("报关单", None, Some("")));
        let err = read(r#"[{"en": []}]"#, Path::new("r.json")).unwrap_err().to_string();
        assert!(err.contains("zh"), "{err}");
    }
}
