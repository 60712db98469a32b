//! Curation: what reviewers decide about the glossary, and how it survives.
//!
//! - [`read`] parses a reviewer's edited file — zhterm's CSV (by header names, comma or tab)
//!   or TBX (v3 `conceptEntry/langSec/termSec`, 2008 `termEntry/langSet/tig`) — into
//!   [`Edit`]s, refusing any file it does not fully understand before anything is touched.
//! - [`apply`] applies the edits to a stored graph: status, corrected English, new variants,
//!   notes, added (manual) entries. An entry absent from the file is left as it is.
//! - [`rebuild`] carries reviewed entries into a fresh build: approved and manual entries
//!   are kept, rejected terms stay rejected, approved pairs anchor the term translation.
//! - [`merge`] joins two glossaries; reviewed entries win over machine ones, and two
//!   reviewed entries that disagree are reported as conflicts.
//!
//! Reviewer decisions live in [`crate::graph::Review`] on the Chinese term of an entry.

mod csv;
mod entry;
pub mod merge;
pub mod rebuild;
mod tbx;

use crate::error::{Error, Result};
use crate::export::{self, Format};
use crate::graph::{Lang, Origin, Status, Term, TermGraph, TermKind};
use crate::store;
use std::collections::HashMap;
use std::path::Path;

/// One entry as a reviewer's file states it. A `None` field is one the file does not carry,
/// so importing leaves that part of the entry as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit {
    /// Line of the row or entry in the file, for messages.
    pub line: usize,
    pub zh: String,
    /// The preferred English (`Some("")` when the reviewer left it empty).
    pub english: Option<String>,
    /// The other English terms, in order.
    pub english_variants: Option<Vec<String>>,
    /// English terms the file marks as rejected for this entry.
    pub struck_english: Vec<String>,
    /// Chinese short forms; new ones are added, none are removed.
    pub zh_variants: Option<Vec<String>>,
    pub status: Option<Status>,
    /// The reviewer note (`Some("")` clears it).
    pub note: Option<String>,
    /// The date the file gives for the change, `YYYY-MM-DD`.
    pub modified: Option<String>,
}

/// What an import changed. An entry counts once per kind of change, so an entry approved
/// with a corrected English counts as approved and as corrected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub approved: usize,
    pub corrected: usize,
    pub rejected: usize,
    pub added: usize,
    /// Entries changed in other ways only (variants, note, back to candidate).
    pub other: usize,
    pub unchanged: usize,
}

impl Summary {
    pub fn changed(&self) -> bool {
        self.approved + self.corrected + self.rejected + self.added + self.other > 0
    }
}

/// Reads a reviewer's file: TBX when it starts with `<`, otherwise CSV or TSV with a header.
pub fn read(path: &Path) -> Result<Vec<Edit>> {
    let text = crate::corpus::read_text(path)?;
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('<') {
        tbx::read(body, path)
    } else {
        csv::read(body, path)
    }
}

/// Applies `edits` to `graph`; `today` (`YYYY-MM-DD`) dates changes the file gives no date for.
pub fn apply(graph: &mut TermGraph, edits: &[Edit], today: &str) -> Summary {
    let mut current: HashMap<String, (Vec<String>, Vec<String>)> = graph
        .concepts()
        .into_iter()
        .map(|c| {
            let en = c.en.iter().map(|(t, _)| t.text.clone()).collect();
            let zh = c.zh_variants.iter().map(|t| t.text.clone()).collect();
            (c.zh.text.clone(), (en, zh))
        })
        .collect();
    let mut summary = Summary::default();
    for edit in edits {
        let (english_now, zh_variants_now) = current.get(&edit.zh).cloned().unwrap_or_default();
        let existing = graph.find(&edit.zh, Lang::Zh);
        let added = existing.is_none_or(|n| !graph.graph[n].is_entry() && !graph.graph[n].is_reviewed());
        let node = existing.unwrap_or_else(|| graph.add_term(Term::new(edit.zh.clone(), Lang::Zh, TermKind::Term)));
        let term = &graph.graph[node];
        let english = wanted_english(edit, &english_now);
        let struck: Vec<String> = english_now
            .iter()
            .filter(|e| !english.contains(e))
            .chain(edit.struck_english.iter().filter(|e| !english.contains(e)))
            .cloned()
            .collect();
        let new_zh_variants: Vec<String> = edit
            .zh_variants
            .iter()
            .flatten()
            .filter(|v| **v != edit.zh && !zh_variants_now.contains(v))
            .cloned()
            .collect();
        let status = edit.status.unwrap_or(if added { Status::Approved } else { term.status });
        let note = edit.note.as_ref().map_or(term.note.clone(), |n| Some(n.trim().to_string()).filter(|n| !n.is_empty()));
        let english_changed = english != english_now;
        let changed = english_changed
            || !new_zh_variants.is_empty()
            || status != term.status
            || note != term.note
            || struck.iter().any(|s| !term.review.as_ref().is_some_and(|r| r.rejected_english.contains(s)));
        if !added && !changed {
            summary.unchanged += 1;
            continue;
        }
        let corrected = !added && english_changed && english.first() != english_now.first();
        match status {
            _ if added => summary.added += 1,
            s if s == term.status => summary.other += usize::from(!corrected),
            Status::Approved => summary.approved += 1,
            Status::Rejected => summary.rejected += 1,
            Status::Candidate => summary.other += usize::from(!corrected),
        }
        summary.corrected += usize::from(corrected);
        let previous_date = term.review.as_ref().and_then(|r| r.modified.clone());
        let modified = edit.modified.clone().filter(|d| Some(d) != previous_date.as_ref()).unwrap_or(today.to_string());
        let mut review = term.review.clone().unwrap_or_default();
        review.modified = Some(modified);
        if added {
            review.origin = Origin::Manual;
        }
        review.rejected_english.retain(|e| !english.contains(e));
        for e in &struck {
            if !review.rejected_english.contains(e) {
                review.rejected_english.push(e.clone());
            }
        }
        review.english = english.clone();
        let term = &mut graph.graph[node];
        term.status = status;
        term.note = note;
        entry::set_review(graph, node, review, None);
        for variant in &new_zh_variants {
            entry::add_short_form(graph, node, variant);
        }
        current.insert(edit.zh.clone(), (english, zh_variants_now.into_iter().chain(new_zh_variants).collect()));
    }
    summary
}

/// The English list the edit asks for: its preferred term, then its variants (or, when the
/// file has no variants column, the entry's current ones).
fn wanted_english(edit: &Edit, now: &[String]) -> Vec<String> {
    let Some(preferred) = &edit.english else {
        return now.iter().filter(|e| !edit.struck_english.contains(e)).cloned().collect();
    };
    let variants = edit.english_variants.clone().unwrap_or_else(|| now.iter().skip(1).cloned().collect());
    let mut list: Vec<String> = Vec::new();
    for e in std::iter::once(preferred).chain(&variants) {
        let e = e.trim();
        if !e.is_empty() && !list.iter().any(|l| l == e) && !edit.struck_english.iter().any(|s| s == e) {
            list.push(e.to_string());
        }
    }
    list
}

/// Writes the graph and the exports `build` writes from it (glossary.csv, glossary.tbx),
/// each atomically, the graph last.
pub fn write_glossary(dir: &Path, graph: &TermGraph) -> Result<()> {
    for (name, format) in [("glossary.csv", Format::Csv), ("glossary.tbx", Format::Tbx)] {
        store::write_atomic(&dir.join(name), &export::render(graph, format)?)?;
    }
    store::write_atomic(&dir.join(store::GRAPH_FILE), store::to_json(graph).as_bytes())
}

/// The graph without the entries of any other status, for exports of one status.
pub fn with_status(graph: &TermGraph, status: Status) -> TermGraph {
    let graph = graph.graph.filter_map(
        |_, term| (!term.is_entry() || term.status == status).then(|| term.clone()),
        |_, relation| Some(relation.clone()),
    );
    TermGraph { graph }
}

/// Reads a date as `YYYY-MM-DD`; a longer ISO 8601 time stamp keeps its date part.
pub fn parse_date(text: &str) -> Option<String> {
    let date = text.trim().get(..10)?;
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    let rest = &text.trim()[10..];
    (ok && (1..=12).contains(&month) && (1..=31).contains(&day) && (rest.is_empty() || rest.starts_with('T')))
        .then(|| date.to_string())
}

/// Today's date (UTC), `YYYY-MM-DD`.
pub fn today() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date((seconds / 86_400) as i64)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A header or value the importer does not understand, as a one-line error.
fn refuse(path: &Path, line: usize, message: String) -> Error {
    Error::Malformed { path: path.to_path_buf(), line, message: format!("{message}; nothing was changed") }
}

/// A status word from a file: zhterm's own words or the TBX-Basic administrative statuses.
fn parse_status(text: &str) -> Option<Status> {
    Status::parse(text).or(match text.trim() {
        "preferredTerm-admn-sts" => Some(Status::Approved),
        "admittedTerm-admn-sts" => Some(Status::Candidate),
        "deprecatedTerm-admn-sts" | "supersededTerm-admn-sts" => Some(Status::Rejected),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
