//! CSV exports: the glossary (one row a Chinese term) and the ranked candidate list.
//!
//! # Format
//! UTF-8 with a byte-order mark (Excel and CAT tools need it to read UTF-8), comma separated,
//! RFC 4180 quoting, CRLF-free (`\n`) rows. Glossary header:
//! `zh-CN,en,status,score,frequency,context_zh,context_en,concept_id,en_variants,zh_variants,documents,translation_score,source,note,modified`
//! (`note` and `modified`: the reviewer's, see `crate::curate`; `zh-CN` names the glossary's
//! Chinese variant, `zh-TW` for a Taiwan memory: [`crate::graph::TermGraph::zh_tag`]). A cell a spreadsheet would run
//! as a formula is neutralised ([`super::cell`]); [`read_candidates`] and the importer restore it.

use super::cell::{neutralise, restore};
use super::profile::{GENERIC, LIST_SEPARATOR};
use crate::error::{Error, Result};
use crate::graph::TermGraph;
use crate::mine::Candidate;
use std::path::Path;

pub const CANDIDATE_HEADER: &[&str] = &[
    "rank",
    "term",
    "score",
    "frequency",
    "documents",
    "cvalue",
    "termhood",
    "cue",
    "spread",
    "length",
    "fragment",
    "cues",
    "short_forms",
];

pub const BOM: &[u8] = "\u{feff}".as_bytes();

fn writer() -> csv::Writer<Vec<u8>> {
    delimited(b',')
}

/// A BOM-first, `\n`-terminated writer; fields holding the delimiter, quotes or line breaks
/// are quoted (RFC 4180).
pub(super) fn delimited(delimiter: u8) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::Any(b'\n')).from_writer(BOM.to_vec())
}

pub(super) fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    writer.into_inner().map_err(|e| Error::Invalid(format!("writing CSV: {e}")))
}

pub(super) fn csv_error(e: csv::Error) -> Error {
    Error::Invalid(format!("writing CSV: {e}"))
}

/// Rounds a score for output, so files stay readable and stable.
pub fn score(value: f64) -> String {
    format!("{value:.3}")
}

pub fn glossary(graph: &TermGraph) -> Result<Vec<u8>> {
    let mut w = writer();
    // The Chinese column is named by the glossary's variant (zh-TW for a Taiwan memory).
    w.write_record(GENERIC.header(&graph.zh_tag())).map_err(csv_error)?;
    for concept in graph.concepts() {
        let zh = concept.zh;
        let first = concept.en.first();
        let context = zh.contexts.first();
        let join = |items: Vec<&str>| items.join(&LIST_SEPARATOR.to_string());
        let record = [
            zh.text.clone(),
            first.map(|(t, _)| t.text.clone()).unwrap_or_default(),
            zh.status.as_str().to_string(),
            zh.scores.map(|s| score(s.total)).unwrap_or_default(),
            zh.frequency.to_string(),
            context.map(|c| c.zh.clone()).unwrap_or_default(),
            context.and_then(|c| c.en.clone()).unwrap_or_default(),
            format!("c{}", concept.id),
            join(concept.en.iter().skip(1).map(|(t, _)| t.text.as_str()).collect()),
            join(concept.zh_variants.iter().map(|t| t.text.as_str()).collect()),
            zh.documents.to_string(),
            first.and_then(|(_, t)| *t).map(|t| score(t.score)).unwrap_or_default(),
            context.map(|c| c.source.clone()).unwrap_or_default(),
            zh.note.clone().unwrap_or_default(),
            zh.review.as_ref().and_then(|r| r.modified.clone()).unwrap_or_default(),
        ];
        w.write_record(record.iter().map(|c| neutralise(c).into_owned())).map_err(csv_error)?;
    }
    finish(w)
}

pub fn candidates(candidates: &[Candidate]) -> Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(CANDIDATE_HEADER).map_err(csv_error)?;
    for (rank, c) in candidates.iter().enumerate() {
        let s = &c.scores;
        let cues: Vec<String> = c.cues.iter().map(|k| format!("{k:?}").to_lowercase()).collect();
        let record = [
            (rank + 1).to_string(),
            c.term.clone(),
            score(s.total),
            c.frequency.to_string(),
            c.documents.to_string(),
            score(s.cvalue),
            score(s.termhood),
            score(s.cue),
            score(s.spread),
            score(s.length),
            score(s.fragment),
            cues.join("|"),
            c.short_forms.iter().cloned().collect::<Vec<_>>().join("|"),
        ];
        w.write_record(record.iter().map(|c| neutralise(c).into_owned())).map_err(csv_error)?;
    }
    finish(w)
}

/// One row of a candidate list, as [`read_candidates`] gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateRow {
    /// Byte offset of the row in the text, so a row can be kept byte for byte.
    pub start: usize,
    /// Physical line of the row, for messages.
    pub line: usize,
    pub rank: usize,
    pub term: String,
    /// Every field by its header name, cells restored ([`super::cell::restore`]).
    pub fields: Vec<(String, String)>,
}

/// The one reader of `candidates.csv` (text with or without its BOM).
pub fn read_candidates(text: &str, path: &Path) -> Result<Vec<CandidateRow>> {
    let malformed = |line: usize, message: String| Error::Malformed { path: path.to_path_buf(), line, message };
    // Offsets count from the start of `text`, BOM included.
    let bom = if text.starts_with('\u{feff}') { BOM.len() } else { 0 };
    let mut reader = csv::Reader::from_reader(&text.as_bytes()[bom..]);
    let header: Vec<String> =
        reader.headers().map_err(|e| malformed(1, e.to_string()))?.iter().map(str::to_string).collect();
    let column =
        |name: &str| header.iter().position(|h| h == name).ok_or_else(|| malformed(1, format!("no `{name}` column")));
    let (rank, term) = (column("rank")?, column("term")?);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| malformed(e.position().map_or(0, |p| p.line() as usize), e.to_string()))?;
        let (byte, line) = record.position().map_or((0, 0), |p| (p.byte() as usize, p.line() as usize));
        let field = |i: usize| restore(record.get(i).unwrap_or_default()).to_string();
        let rank_text = field(rank);
        let rank = rank_text.parse().map_err(|_| malformed(line, format!("rank {rank_text:?} is not a number")))?;
        rows.push(CandidateRow {
            start: bom + byte,
            line,
            rank,
            term: field(term),
            fields: header.iter().enumerate().map(|(i, name)| (name.clone(), field(i))).collect(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, Relation, Term, TermKind, Translation};
    use proptest::prelude::*;

    fn graph_with(zh: &str, en: &str) -> TermGraph {
        let mut g = TermGraph::default();
        let a = g.add_term(Term { rank: Some(1), ..Term::new(zh, Lang::Zh, TermKind::Term) });
        let b = g.add_term(Term::new(en, Lang::En, TermKind::Term));
        let t = Translation::aligned(0.5, 1, 0.5, 0.5);
        g.relate(a, b, Relation::Translation(t));
        g
    }

    #[test]
    fn the_candidate_list_reads_back_with_its_offsets_and_restored_cells() {
        // As `candidates` writes a term a spreadsheet would run (a literal: a test building a
        // `Candidate` would break with every field mining adds).
        let text = "\u{feff}rank,term,score,frequency\n1,'=保税仓库,2.000,3\n";
        let rows = read_candidates(text, Path::new("candidates.csv")).unwrap();
        assert_eq!((rows[0].rank, rows[0].term.as_str(), rows[0].line), (1, "=保税仓库", 2));
        assert!(text[rows[0].start..].starts_with("1,'="), "the offset is the row's, BOM counted");
        assert!(rows[0].fields.contains(&("frequency".to_string(), "3".to_string())));
        let err = read_candidates("term\nx\n", Path::new("c.csv")).unwrap_err().to_string();
        assert!(err.contains("no `rank` column"), "{err}");
    }

    #[test]
    fn glossary_starts_with_bom_and_the_required_header() {
        let bytes = glossary(&graph_with("智能电网", "smart grid")).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
        assert!(text.starts_with("zh-CN,en,status,score,frequency,context_zh,context_en,concept_id"));
        assert!(text.contains("智能电网,smart grid,candidate"));
    }

    proptest! {
        #[test]
        fn any_text_survives_a_write_and_read(zh in "\\PC{1,20}", en in "[ -~]{1,30}") {
            let bytes = glossary(&graph_with(&zh, &en)).unwrap();
            let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
            let row = reader.records().next().unwrap().unwrap();
            // Cells a spreadsheet would run are neutralised; `restore` gives them back.
            prop_assert!(!row[1].starts_with(['=', '+', '-', '@']) || en.parse::<f64>().is_ok());
            prop_assert_eq!(restore(&row[0]), zh.as_str());
            prop_assert_eq!(restore(&row[1]), en.as_str());
        }
    }
}
