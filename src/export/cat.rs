//! Glossary files shaped for the import dialogs of CAT tools (README: "Importing into CAT
//! tools" gives the steps). Every profile keeps the concept id and the review status, so a
//! reviewed file can be matched back to the graph.
//!
//! # Formats
//! - memoQ: tab-separated, UTF-8 with BOM; header `Chinese (PRC)`, `English` (all English
//!   equivalents, `;`-separated: memoQ's "split alternatives" character), `Chinese (PRC)_Example`,
//!   `English_Example`, `Entry_Note`, `Concept_ID`, `Status`.
//! - Trados (Glossary Converter → MultiTerm): CSV with BOM; `Chinese,English` language
//!   columns, then descriptive fields `English variants,Status,Context,Source,Note,Concept ID`.
//! - Crowdin: CSV with BOM; `term_zh-CN,description_zh-CN,partOfSpeech_zh-CN,term_en,
//!   description_en,concept_id`.
//! - OmegaT: `.utf8` glossary, tab-separated, no header, no quoting: source, target, comment;
//!   one line per Chinese form and English equivalent.
//!
//! Those are the headers of a `zh-CN` glossary. For another Chinese variant
//! ([`crate::graph::TermGraph::zh_tag`]) memoQ's columns carry its language name
//! (`Chinese (Taiwan)`, `Chinese (Taiwan)_Example`) and Crowdin's its tag (`term_zh-TW`…);
//! Trados' `Chinese` names none. [`super::profile`] holds every column, for writer and importer.
//!
//! The note field of each profile (memoQ `Entry_Note`, Trados `Note`, Crowdin
//! `description_zh-CN`, the OmegaT comment) is the evidence line of [`evidence`], which an
//! import takes apart again. In every profile, tabs and line breaks inside fields become
//! spaces (the generic CSV keeps them, quoted), and a field a spreadsheet would run as a
//! formula is neutralised ([`super::cell`]).

use super::cell::neutralise;
use super::csv::{csv_error, delimited, finish};
use super::evidence::{self, flat, Evidence};
use super::profile::{CROWDIN, MEMOQ, TRADOS};
use crate::error::Result;
use crate::graph::{Concept, TermGraph};

/// A field as every CAT profile writes it: on one line, and safe in a spreadsheet.
fn cell(text: &str) -> String {
    neutralise(&flat(text)).into_owned()
}

fn english<'a>(concept: &Concept<'a>, skip: usize) -> Vec<&'a str> {
    concept.en.iter().skip(skip).map(|(t, _)| t.text.as_str()).collect()
}

fn context_zh<'a>(concept: &Concept<'a>) -> &'a str {
    concept.zh.contexts.first().map_or("", |c| c.zh.as_str())
}

fn context_en<'a>(concept: &Concept<'a>) -> &'a str {
    concept.zh.contexts.first().and_then(|c| c.en.as_deref()).unwrap_or("")
}

fn source<'a>(concept: &Concept<'a>) -> &'a str {
    concept.zh.contexts.first().map_or("", |c| c.source.as_str())
}

pub fn memoq(graph: &TermGraph) -> Result<Vec<u8>> {
    let mut w = delimited(b'\t');
    w.write_record(MEMOQ.header(&graph.zh_tag())).map_err(csv_error)?;
    for c in graph.concepts() {
        w.write_record(
            [
                c.zh.text.as_str(),
                &english(&c, 0).join(";"),
                context_zh(&c),
                context_en(&c),
                &evidence::write(&Evidence::of(&c), None),
                &format!("c{}", c.id),
                c.zh.status.as_str(),
            ]
            .map(cell),
        )
        .map_err(csv_error)?;
    }
    finish(w)
}

pub fn trados(graph: &TermGraph) -> Result<Vec<u8>> {
    let mut w = delimited(b',');
    w.write_record(TRADOS.header(&graph.zh_tag())).map_err(csv_error)?;
    for c in graph.concepts() {
        w.write_record(
            [
                c.zh.text.as_str(),
                english(&c, 0).first().copied().unwrap_or(""),
                &english(&c, 1).join("; "),
                c.zh.status.as_str(),
                context_zh(&c),
                source(&c),
                &evidence::write(&Evidence::of(&c), None),
                &format!("c{}", c.id),
            ]
            .map(cell),
        )
        .map_err(csv_error)?;
    }
    finish(w)
}

pub fn crowdin(graph: &TermGraph) -> Result<Vec<u8>> {
    let mut w = delimited(b',');
    w.write_record(CROWDIN.header(&graph.zh_tag())).map_err(csv_error)?;
    for c in graph.concepts() {
        let description = evidence::write(&Evidence::of(&c), Some(context_zh(&c)));
        let others = english(&c, 1);
        let description_en = if others.is_empty() { String::new() } else { format!("Also: {}", others.join("; ")) };
        w.write_record(
            [
                c.zh.text.as_str(),
                &description,
                "noun",
                english(&c, 0).first().copied().unwrap_or(""),
                &description_en,
                &format!("c{}", c.id),
            ]
            .map(cell),
        )
        .map_err(csv_error)?;
    }
    finish(w)
}

pub fn omegat(graph: &TermGraph) -> String {
    let mut out = String::new();
    for c in graph.concepts() {
        let comment = format!("c{} {}", c.id, evidence::write(&Evidence::of(&c), None));
        let sources = std::iter::once(c.zh).chain(c.zh_variants.iter().copied());
        for zh in sources {
            for en in english(&c, 0) {
                out.push_str(&format!("{}\t{}\t{comment}\n", cell(&zh.text), cell(en)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, Relation, Term, TermKind, Translation};

    fn graph() -> TermGraph {
        let mut g = TermGraph::default();
        let zh = g.add_term(Term {
            rank: Some(1),
            note: Some("a\tb\nc".into()),
            ..Term::new("光伏\t组件", Lang::Zh, TermKind::Term)
        });
        let en = g.add_term(Term::new("PV\nmodule", Lang::En, TermKind::Term));
        let t = Translation::aligned(0.7, 2, 0.7, 1.0);
        g.relate(zh, en, Relation::Translation(t));
        g
    }

    #[test]
    fn omegat_lines_have_exactly_three_fields() {
        let text = omegat(&graph());
        assert_eq!(text.lines().count(), 1, "{text:?}");
        let fields: Vec<&str> = text.trim_end().split('\t').collect();
        assert_eq!(fields[..2], ["光伏 组件", "PV module"]);
        assert_eq!(fields.len(), 3);
        assert!(fields[2].starts_with("c1 zhterm candidate") && fields[2].ends_with("a b c"), "{}", fields[2]);
    }

    #[test]
    fn memoq_is_tab_separated_with_language_headers() {
        let bytes = memoq(&graph()).unwrap();
        let mut reader = csv::ReaderBuilder::new().delimiter(b'\t').from_reader(&bytes[3..]);
        assert_eq!(reader.headers().unwrap(), MEMOQ.header("zh-CN"));
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!((&row[0], &row[1], &row[5]), ("光伏 组件", "PV module", "c1"));
    }
}
