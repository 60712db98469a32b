//! Terminology check: the segments of a translation that break the glossary. The bottom of
//! the pipeline, beside `lookup` and `export`: it reads a glossary and bilingual segments
//! (the corpus readers and sentence alignment of the build) and reports, per segment pair,
//! each glossary term of the source whose English the target lacks (`missing`), renders
//! with English the glossary struck (`rejected`), and per file each term rendered two ways
//! (`inconsistent`).
//!
//! Terms are found in the source by one Aho-Corasick pass over every Chinese form of the
//! checked entries, longest match first ([`glossary`]); the target is searched for the
//! entry's English with inflection, hyphenation, abbreviations and an inserted word allowed
//! ([`target`]); what a target used instead is the phrase the term's dictionary glosses
//! explain best ([`instead`]). Segments are checked on all cores; the findings come out in
//! glossary order, then file, then segment order, whatever the number of threads.

pub mod glossary;
pub mod instead;
mod report;
pub mod target;

pub use glossary::{Glossary, StatusFilter};
pub use report::{Finding, Kind, RenderingCount, Report, Used};

use crate::align::SentencePair;
use crate::corpus::{Document, InputKind, Span};
use crate::lexicon::Lexicon;
use instead::Guesser;
use rayon::prelude::*;

/// One segment pair to check: spans into `docs[doc].zh` and `docs[doc].en`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub doc: usize,
    /// `FILE:LINE` for line-aligned `.zh`/`.en` files; `FILE#N` for the N-th unit of a TMX,
    /// TSV or CSV file, or the N-th aligned sentence pair of a bilingual document.
    pub id: String,
    pub zh: Span,
    pub en: Span,
}

/// The segments of the sentence pairs the build would align from `docs`.
pub fn segments(docs: &[Document], pairs: &[SentencePair]) -> Vec<Segment> {
    let mut out = Vec::with_capacity(pairs.len());
    let mut nth = vec![0usize; docs.len()];
    // Line counting resumes where the previous pair of the same document stopped.
    let mut lines: Vec<(usize, usize)> = vec![(0, 1); docs.len()];
    for pair in pairs {
        let doc = &docs[pair.doc];
        nth[pair.doc] += 1;
        let id = if doc.aligned {
            // Aligned readers write one segment a line of `zh`: its line is its number.
            let (at, line) = &mut lines[pair.doc];
            if *at > pair.zh.start {
                (*at, *line) = (0, 1);
            }
            *line += memchr::memchr_iter(b'\n', &doc.zh.as_bytes()[*at..pair.zh.start]).count();
            *at = pair.zh.start;
            let separator = if doc.kind == InputKind::LinePairs { ':' } else { '#' };
            format!("{}{separator}{}", doc.name, *line)
        } else {
            format!("{}#{}", doc.name, nth[pair.doc])
        };
        out.push(Segment { doc: pair.doc, id, zh: pair.zh.clone(), en: pair.en.clone() });
    }
    out
}

/// One glossary term found in a segment's source, and what the target made of it.
struct Hit {
    entry: usize,
    /// Where the term's forms are in the source (relative to the segment).
    marks: Vec<Span>,
    /// The first form found (the entry term or a short form of it).
    form: String,
    /// Full-form renderings found (indices into the entry's English).
    rendered: Vec<usize>,
    /// Whether an abbreviation rendered it.
    abbreviated: bool,
    /// Target spans accounted for by accepted renderings.
    accepted: Vec<Span>,
    /// Struck renderings found outside the accepted ones: (index into `rejected`, span).
    rejected: Vec<(usize, Span)>,
    /// For a missing term, the target phrase used instead when the dictionary can tell, with
    /// its lemmas (the rendering it counts as).
    instead: Option<(Span, String)>,
}

impl Hit {
    fn is_missing(&self) -> bool {
        self.rendered.is_empty() && !self.abbreviated && self.rejected.is_empty()
    }
}

/// Checks every segment against the glossary. `lexicon` explains what a target used instead
/// of a missing term.
pub fn check(glossary: &Glossary, docs: &[Document], segments: &[Segment], lexicon: &Lexicon) -> Report {
    // The guesser's glosses are not shared between threads: one guesser per rayon job.
    let hits: Vec<Vec<Hit>> = segments
        .par_iter()
        .map_init(
            || Guesser::new(lexicon),
            |guesser, segment| {
                let doc = &docs[segment.doc];
                check_segment(glossary, &doc.zh[segment.zh.clone()], &doc.en[segment.en.clone()], guesser)
            },
        )
        .collect();
    let mut report = report::Builder::new(glossary, docs);
    for (segment, hits) in segments.iter().zip(&hits) {
        report.add(segment, hits);
    }
    report.finish(segments.len())
}

/// The glossary terms of one segment pair and their renderings. The target is cut into
/// words only when the source holds a term.
fn check_segment(glossary: &Glossary, zh: &str, en: &str, guesser: &mut Guesser<'_>) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    for (entry, span) in glossary.find_terms(zh) {
        match hits.iter_mut().find(|h| h.entry == entry) {
            Some(hit) => hit.marks.push(span),
            None => hits.push(Hit {
                entry,
                form: zh[span.clone()].to_string(),
                marks: vec![span],
                rendered: Vec::new(),
                abbreviated: false,
                accepted: Vec::new(),
                rejected: Vec::new(),
                instead: None,
            }),
        }
    }
    if hits.is_empty() {
        return hits;
    }
    let pieces = target::pieces(en);
    for hit in &mut hits {
        let entry = &glossary.entries[hit.entry];
        let mut found: Vec<(usize, Span)> = entry
            .english
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.pattern.find(en, &pieces).into_iter().map(move |s| (i, s)))
            .collect();
        // Longest first, so that a variant inside a longer rendering is not a second one.
        found.sort_by_key(|(i, s)| (std::cmp::Reverse(s.len()), s.start, *i));
        for (i, span) in found {
            if hit.accepted.iter().any(|a| overlaps(a, &span)) {
                continue;
            }
            if entry.english[i].abbreviation {
                hit.abbreviated = true;
            } else if !hit.rendered.contains(&i) {
                hit.rendered.push(i);
            }
            hit.accepted.push(span);
        }
        for (i, rejected) in entry.rejected.iter().enumerate() {
            for span in rejected.pattern.find(en, &pieces) {
                let taken = hit.accepted.iter().chain(hit.rejected.iter().map(|(_, s)| s));
                if !taken.into_iter().any(|a| overlaps(a, &span)) {
                    hit.rejected.push((i, span));
                    break;
                }
            }
        }
        hit.rendered.sort_unstable();
    }
    if hits.iter().any(Hit::is_missing) {
        // Words other terms' renderings account for are not what a missing term became.
        let claimed: Vec<Span> =
            hits.iter().flat_map(|h| h.accepted.iter().chain(h.rejected.iter().map(|(_, s)| s))).cloned().collect();
        for hit in hits.iter_mut().filter(|h| h.is_missing()) {
            let expected = glossary.entries[hit.entry].english[0].pattern.parts();
            hit.instead = guesser.used_instead(&hit.form, en, &pieces, &claimed, expected).map(|span| {
                let inside = pieces.iter().filter(|p| span.start <= p.span.start && p.span.end <= span.end);
                let lemmas: Vec<&str> = inside.map(|p| p.lemma.as_str()).collect();
                (span, lemmas.join(" "))
            });
        }
    }
    hits
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Bilingual input read for a check: the load report of the corpus readers and the segment
/// pairs of its documents.
pub struct Input {
    pub report: crate::corpus::LoadReport,
    pub segments: Vec<Segment>,
}

/// Reads `inputs` as `build` does (every kind it reads; documents that are not yet aligned
/// are aligned sentence by sentence with the build's aligner). A Chinese-only document has
/// nothing to check: it gets a warning in the report. No segment pair at all is an error.
pub fn read(inputs: &[std::path::PathBuf], options: &crate::corpus::LoadOptions) -> crate::Result<Input> {
    let mut report = crate::corpus::load(inputs, options)?;
    for doc in report.documents.iter().filter(|d| !d.is_bilingual()) {
        let message = "no English text: nothing to check".to_string();
        report.warnings.push((std::path::PathBuf::from(&doc.name), message));
    }
    let (segmenter, lexicon) = crate::pipeline::dictionaries(&Default::default());
    let pairs = crate::align::sentence_pairs(&report.documents, &segmenter, &lexicon);
    let segments = segments(&report.documents, &pairs);
    if segments.is_empty() {
        let names: Vec<_> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(crate::Error::NoInput(format!("no segment pairs (Chinese with English) in {}", names.join(", "))));
    }
    Ok(Input { report, segments })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn segment_ids_name_lines_of_line_pairs_and_units_of_other_memories() {
        let (zh, en) = ("一\n\n三\n", "one\n\nthree\n");
        let (lines, _) = crate::corpus::parse_line_pairs(Path::new("a.zh"), zh, Path::new("a.en"), en, false).unwrap();
        let tsv = crate::corpus::parse(Path::new("b.tsv"), "zh\ten\n一\tone\n\n二\ttwo\n", InputKind::Tsv).unwrap();
        let docs = [lines, tsv];
        let (segmenter, lexicon) = crate::pipeline::dictionaries(&Default::default());
        let pairs = crate::align::sentence_pairs(&docs, &segmenter, &lexicon);
        let ids: Vec<String> = segments(&docs, &pairs).into_iter().map(|s| s.id).collect();
        assert_eq!(ids, ["a.zh:1", "a.zh:3", "b.tsv#1", "b.tsv#2"]);
    }

    #[test]
    fn each_term_found_is_checked_and_one_rendered_by_nothing_known_is_missing() {
        let mut g = crate::graph::TermGraph::default();
        use crate::graph::{Lang, Relation, Term, TermKind, Translation};
        for (rank, (zh, en)) in [("冷链", "cold chain"), ("冷链物流", "cold-chain logistics")].into_iter().enumerate()
        {
            let zh = g.add_term(Term { rank: Some(rank + 1), ..Term::new(zh, Lang::Zh, TermKind::Term) });
            let en = g.add_term(Term::new(en, Lang::En, TermKind::Term));
            g.relate(zh, en, Relation::Translation(Translation::aligned(0.5, 2, 0.5, 0.5)));
        }
        let glossary = Glossary::from_graph(&g, None).unwrap();
        let lexicon = Lexicon::new();
        let mut guesser = Guesser::new(&lexicon);
        let hits = check_segment(&glossary, "冷链物流和冷链", "Cold chain logistics and the cold chain", &mut guesser);
        assert_eq!(hits.iter().map(|h| (h.entry, h.is_missing())).collect::<Vec<_>>(), [(1, false), (0, false)]);
        let hits = check_segment(&glossary, "冷链物流", "refrigerated transport", &mut guesser);
        assert!(hits[0].is_missing());
    }
}
