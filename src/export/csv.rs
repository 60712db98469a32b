//! CSV exports: the glossary (one row a Chinese term) and the ranked candidate list.
//!
//! # Format
//! UTF-8 with a byte-order mark (Excel and CAT tools need it to read UTF-8), comma separated,
//! RFC 4180 quoting, CRLF-free (`\n`) rows. Glossary header:
//! `zh-CN,en,status,score,frequency,context_zh,context_en,concept_id,en_variants,zh_variants,documents,translation_score,source,note,modified`
//! (`note` and `modified`: the reviewer's, see `crate::curate`).

use crate::error::{Error, Result};
use crate::graph::TermGraph;
use crate::mine::Candidate;

pub const GLOSSARY_HEADER: &[&str] = &[
    "zh-CN",
    "en",
    "status",
    "score",
    "frequency",
    "context_zh",
    "context_en",
    "concept_id",
    "en_variants",
    "zh_variants",
    "documents",
    "translation_score",
    "source",
    "note",
    "modified",
];

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
    let tag = graph.zh_tag();
    let header = std::iter::once(tag.as_str()).chain(GLOSSARY_HEADER[1..].iter().copied());
    w.write_record(header).map_err(csv_error)?;
    for concept in graph.concepts() {
        let zh = concept.zh;
        let first = concept.en.first();
        let context = zh.contexts.first();
        let join = |items: Vec<&str>| items.join("|");
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
        w.write_record(&record).map_err(csv_error)?;
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
        w.write_record(&record).map_err(csv_error)?;
    }
    finish(w)
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
            prop_assert_eq!(&row[0], zh.as_str());
            prop_assert_eq!(&row[1], en.as_str());
        }
    }
}
