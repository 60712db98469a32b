//! Curation: what reviewers decide about the glossary, and how it survives.
//!
//! - [`read`] parses a reviewer's edited file — any profile zhterm exports: the CSV profiles
//!   by header names (`csv`: generic, memoQ, Trados, Crowdin), OmegaT's headerless glossary
//!   (`omegat`), TBX v3 and 2008 (`tbx`), the JSON export (`json`) — into [`Edit`]s, refusing
//!   any file it does not fully understand before anything is touched. Note fields are split
//!   with `crate::export::evidence`, the definition the CAT exports write them by.
//! - [`apply`] applies the edits to a stored graph: status, corrected English, new variants,
//!   notes, added (manual) entries. An entry absent from the file is left as it is.
//! - [`rebuild`] carries reviewed entries into a fresh build: approved and manual entries
//!   are kept, rejected terms stay rejected, approved pairs anchor the term translation.
//! - [`merge`] joins two glossaries; reviewed entries win over machine ones, and two
//!   reviewed entries that disagree are reported as conflicts.
//!
//! Reviewer decisions live in [`crate::graph::Review`] on the Chinese term of an entry.

mod apply;
mod csv;
mod entry;
mod json;
pub mod merge;
mod omegat;
pub(crate) mod rebuild;
mod tbx;

pub use apply::apply;

use crate::error::{Error, Result};
use crate::graph::Status;
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
    /// The file turned tabs and line breaks into spaces (the CAT profiles), so a text that
    /// differs from the entry's only by that is the entry's text unchanged.
    pub flattened: bool,
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

/// Reads a reviewer's file. The content decides: TBX when it starts with `<`, zhterm's JSON
/// export when it starts with `[`, a CSV or TSV profile when its first line is a header zhterm
/// knows; a headerless tab-separated `.utf8` or `.txt` file (or an empty `.utf8` one) is
/// OmegaT's glossary; anything else is read as CSV and refused for its header.
pub fn read(path: &Path) -> Result<Vec<Edit>> {
    let text = crate::corpus::read_text(path)?;
    let text = text.trim_start_matches('\u{feff}');
    let body = text.trim_start();
    // Lines are counted from the file's first line, not from the first one with text.
    let skipped = text[..text.len() - body.len()].matches('\n').count();
    let physical = |line: usize| if line == 0 { 0 } else { line + skipped };
    read_body(body, path)
        .map(|mut edits| {
            edits.iter_mut().for_each(|e| e.line = physical(e.line));
            edits
        })
        .map_err(|error| match error {
            Error::Malformed { path, line, message } => Error::Malformed { path, line: physical(line), message },
            Error::Syntax { path, line, column, message } => {
                Error::Syntax { path, line: physical(line), column, message }
            }
            other => other,
        })
}

fn read_body(body: &str, path: &Path) -> Result<Vec<Edit>> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let first_line = body.lines().next().unwrap_or_default();
    if body.starts_with('<') {
        tbx::read(body, path)
    } else if body.starts_with('[') {
        json::read(body, path)
    } else if (extension == "utf8" && body.is_empty())
        || (matches!(extension.as_str(), "utf8" | "txt")
            && !csv::understands_header(first_line)
            && omegat::looks_like(body))
    {
        omegat::read(body, path)
    } else {
        csv::read(body, path)
    }
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
mod tests {
    use super::*;
    use crate::export::{self, Format};
    use crate::graph::{Lang, Origin, Relation, Review, Term, TermGraph, TermKind, Translation};
    use crate::store;
    use proptest::prelude::*;

    /// A graph of ranked Chinese entries, each with the given English.
    fn glossary(entries: &[(&str, &[&str])]) -> TermGraph {
        let mut g = TermGraph::default();
        for (rank, (zh, english)) in entries.iter().enumerate() {
            let node = g.add_term(Term { rank: Some(rank + 1), ..Term::new(*zh, Lang::Zh, TermKind::Term) });
            for (i, en) in english.iter().enumerate() {
                let target = g.find_or_add(en, Lang::En, TermKind::Term);
                let t = Translation::aligned(1.0 - i as f64 / 10.0, 2, 0.5, 0.5);
                g.relate(node, target, Relation::Translation(t));
            }
        }
        g
    }

    fn english_of(g: &TermGraph, zh: &str) -> Vec<String> {
        let concepts = g.concepts();
        let concept = concepts.iter().find(|c| c.zh.text == zh).unwrap_or_else(|| panic!("{zh} is no entry"));
        concept.en.iter().map(|(t, _)| t.text.clone()).collect()
    }

    fn read_csv(text: &str) -> Result<Vec<Edit>> {
        csv::read(text, Path::new("review.csv"))
    }

    #[test]
    fn csv_columns_are_read_by_name_in_any_order() {
        let edits = read_csv("status,English,Chinese,note\napproved,bonded warehouse,保税仓库,checked\n").unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].zh, "保税仓库");
        assert_eq!(edits[0].english.as_deref(), Some("bonded warehouse"));
        assert_eq!(edits[0].status, Some(Status::Approved));
        assert_eq!(edits[0].note.as_deref(), Some("checked"));
        assert_eq!(edits[0].english_variants, None, "no variants column: variants stay as they are");
    }

    #[test]
    fn unknown_headers_and_bad_values_are_refused_with_their_line() {
        let err = read_csv("zh-CN,en,price\n保税仓库,bonded warehouse,3\n").unwrap_err().to_string();
        assert!(err.starts_with("review.csv:1:") && err.contains("\"price\""), "{err}");
        let err = read_csv("zh-CN,en,status\n保税仓库,x,approved\n报关单,y,maybe\n").unwrap_err().to_string();
        assert!(err.starts_with("review.csv:3:") && err.contains("maybe"), "{err}");
        let err = read_csv("zh-CN,status\n保税仓库,approved\n").unwrap_err().to_string();
        assert!(err.contains("English"), "{err}");
    }

    #[test]
    fn an_import_approves_corrects_rejects_and_adds() {
        let mut g = glossary(&[("保税仓库", &["warehouse"]), ("报关单", &["form"]), ("原产地", &["origin"])]);
        let edits = read_csv(
            "zh-CN,en,status,en_variants,note\n\
             保税仓库,bonded warehouse,approved,warehouse,corrected\n\
             报关单,form,rejected,,\n\
             海关监管,customs supervision,,,\n",
        )
        .unwrap();
        let summary = apply(&mut g, &edits, "2026-01-02");
        assert_eq!(summary, Summary { approved: 1, corrected: 1, rejected: 1, added: 1, other: 0, unchanged: 0 });
        assert_eq!(english_of(&g, "保税仓库"), ["bonded warehouse", "warehouse"]);
        assert_eq!(english_of(&g, "原产地"), ["origin"], "rows absent from the file are left alone");
        let added = &g.graph[g.find("海关监管", Lang::Zh).unwrap()];
        assert_eq!((added.status, added.review.as_ref().unwrap().origin), (Status::Approved, Origin::Manual));
        let zh: Vec<_> = g.concepts().iter().map(|c| c.zh.text.clone()).collect();
        assert_eq!(zh, ["保税仓库", "原产地", "海关监管"]);
        let reviewed = g.graph[g.find("保税仓库", Lang::Zh).unwrap()].review.clone().unwrap();
        assert_eq!(reviewed.modified.as_deref(), Some("2026-01-02"));
        assert_eq!(g.graph[g.find("保税仓库", Lang::Zh).unwrap()].note.as_deref(), Some("corrected"));
    }

    #[test]
    fn rejecting_a_term_the_glossary_lacks_keeps_it_out_and_counts_as_a_rejection() {
        let mut g = glossary(&[("保税仓库", &["bonded warehouse"])]);
        let summary = apply(&mut g, &read_csv("zh-CN,en,status\n报关,,rejected\n").unwrap(), "2026-01-02");
        assert_eq!((summary.rejected, summary.added), (1, 0));
        assert_eq!(g.concepts().len(), 1);
        assert!(crate::curate::rebuild::rejected_terms(&g).contains("报关"));
    }

    #[test]
    fn a_dropped_english_term_is_struck_for_that_entry_only() {
        let mut g = glossary(&[("保税仓库", &["bonded warehouse", "storage"]), ("仓储", &["storage"])]);
        let edits = read_csv("zh-CN,en,en_variants\n保税仓库,bonded warehouse,\n").unwrap();
        assert_eq!(apply(&mut g, &edits, "2026-01-02").other, 1);
        assert_eq!(english_of(&g, "保税仓库"), ["bonded warehouse"]);
        assert_eq!(english_of(&g, "仓储"), ["storage"]);
        let review = g.graph[g.find("保税仓库", Lang::Zh).unwrap()].review.clone().unwrap();
        assert_eq!(review.rejected_english, ["storage"]);
    }

    #[test]
    fn the_file_date_wins_over_today_when_the_reviewer_gave_one() {
        let mut g = glossary(&[("保税仓库", &["warehouse"])]);
        let edits = read_csv("zh-CN,en,status,modified\n保税仓库,warehouse,approved,2025-12-31\n").unwrap();
        apply(&mut g, &edits, "2026-01-02");
        let review = g.graph[g.find("保税仓库", Lang::Zh).unwrap()].review.clone().unwrap();
        assert_eq!(review.modified.as_deref(), Some("2025-12-31"));
    }

    #[test]
    fn tbx_v3_and_2008_entries_read_alike() {
        let v3 = r#"<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
            <conceptEntry id="c1"><transacGrp><transac type="transactionType">modification</transac><date>2025-05-06</date></transacGrp>
            <langSec xml:lang="zh-CN"><termSec><term>保税仓库</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <note>zhterm term score 1.000</note><note>checked &amp; fine</note></termSec></langSec>
            <langSec xml:lang="en"><termSec><term>bonded warehouse</term></termSec>
            <termSec><term>storage</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
            </conceptEntry></body></text></tbx>"#;
        let v2 = r#"<?xml version="1.0"?><martif type="TBX-Basic"><text><body><termEntry id="c1">
            <langSet xml:lang="zh"><tig><term>保税仓库</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote><note>checked &amp; fine</note></tig></langSet>
            <langSet xml:lang="en-US"><tig><term>bonded warehouse</term></tig><tig><term>storage</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
            <transacGrp><transac type="transactionType">modification</transac><date>2025-05-06T10:00:00</date></transacGrp>
            </termEntry></body></text></martif>"#;
        for text in [v3, v2] {
            let edits = tbx::read(text, Path::new("r.tbx")).unwrap();
            assert_eq!(edits.len(), 1);
            let e = &edits[0];
            assert_eq!((e.zh.as_str(), e.status), ("保税仓库", Some(Status::Approved)));
            assert_eq!(e.english.as_deref(), Some("bonded warehouse"));
            assert_eq!(e.struck_english, ["storage"]);
            assert_eq!(e.note.as_deref(), Some("checked & fine"));
            assert_eq!(e.modified.as_deref(), Some("2025-05-06"));
        }
        let err = tbx::read("<html><body/></html>", Path::new("r.tbx")).unwrap_err().to_string();
        assert!(err.contains("not a TBX root"), "{err}");
    }

    #[test]
    fn dates_are_checked_and_today_is_a_date() {
        assert_eq!(parse_date("2024-02-29T12:00:00Z").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_723), "2024-01-01");
        assert!(parse_date(&today()).is_some());
    }

    fn arbitrary_glossary() -> impl Strategy<Value = TermGraph> {
        let entry = (
            "[\u{4e00}-\u{4e0f}]{2,4}",
            proptest::collection::vec("[a-z]{1,6}( [a-z]{1,6})?", 0..3),
            0..3usize,
            proptest::option::of("[a-z ,\"]{0,12}"),
        );
        proptest::collection::vec(entry, 1..6).prop_map(|entries| {
            let mut g = TermGraph::default();
            for (rank, (zh, english, status, note)) in entries.into_iter().enumerate() {
                if g.find(&zh, Lang::Zh).is_some() {
                    continue;
                }
                let status = [Status::Candidate, Status::Approved, Status::Candidate][status];
                let review = (status != Status::Candidate).then(|| Review {
                    modified: Some("2025-01-01".into()),
                    english: english.clone(),
                    ..Review::default()
                });
                let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
                let term =
                    Term { rank: Some(rank + 1), status, note, review, ..Term::new(zh, Lang::Zh, TermKind::Term) };
                let node = g.add_term(term);
                for (i, en) in english.iter().enumerate() {
                    let target = g.find_or_add(en, Lang::En, TermKind::Term);
                    if g.graph.find_edge(node, target).is_none() {
                        let pair = g.evidence.add(crate::graph::EvidencePair {
                            id: 0,
                            source: "memory.tmx".into(),
                            zh: g.graph[node].text.clone(),
                            en: en.clone(),
                            zh_span: None,
                            en_span: None,
                        });
                        let t = Translation {
                            pairs: vec![pair],
                            ..Translation::aligned(1.0 / (i + 1) as f64, 1, 0.1, 0.0)
                        };
                        g.relate(node, target, Relation::Translation(t));
                    }
                }
            }
            g
        })
    }

    proptest! {
        #[test]
        fn an_unedited_export_imports_as_no_change(g in arbitrary_glossary()) {
            let dir = tempfile::tempdir().unwrap();
            let formats = [Format::Csv, Format::Tbx, Format::Tbx2008, Format::Memoq, Format::Trados, Format::Crowdin, Format::Omegat, Format::Json];
            for format in formats {
                let path = dir.path().join(format!("export.{}", format.extension()));
                std::fs::write(&path, export::render(&g, format).unwrap()).unwrap();
                let mut imported = g.clone();
                let summary = apply(&mut imported, &read(&path).unwrap(), "2030-01-01");
                prop_assert!(!summary.changed(), "{:?}: {:?}", format, summary);
                prop_assert_eq!(store::to_json(&imported), store::to_json(&g));
            }
        }
    }
}
