//! The build: corpus → mined candidates → sentence pairs → English equivalents → term graph.

use crate::align::{self, terms, SentencePair};
use crate::corpus::{Document, Span};
use crate::curate::rebuild;
use crate::graph::{Context, Lang, Relation, Term, TermGraph, TermKind, Translation};
use crate::lexicon::Lexicon;
use crate::mine::{self, Candidate};
use crate::segment::Segmenter;

/// Contexts kept per term.
const MAX_CONTEXTS: usize = 2;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Most Chinese terms the glossary takes from the ranked candidates.
    pub max_terms: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions { max_terms: 300 }
    }
}

/// What a build produced.
pub struct Build {
    pub graph: TermGraph,
    /// Every candidate, best first (the glossary holds the best of them).
    pub candidates: Vec<Candidate>,
    pub pairs: Vec<SentencePair>,
    /// Wall time of each stage, in order.
    pub stages: Vec<(&'static str, std::time::Duration)>,
}

pub fn build(docs: &[Document], options: &BuildOptions) -> Build {
    build_with_previous(docs, options, None)
}

/// A build that keeps the reviewed entries of the `previous` graph of the glossary folder
/// (see [`rebuild`]): rejected terms stay out, approved and manual entries stay as
/// the reviewer left them, approved pairs anchor the term translation.
pub fn build_with_previous(docs: &[Document], options: &BuildOptions, previous: Option<&TermGraph>) -> Build {
    let mut clock = Stopwatch::start();
    let lexicon = Lexicon::new();
    let mut segmenter = Segmenter::new();
    clock.lap("load dictionaries");
    let mut candidates = mine::mine(docs, &mut segmenter, &lexicon);
    if let Some(previous) = previous {
        let rejected = rebuild::rejected_terms(previous);
        candidates.retain(|c| !rejected.contains(c.term.as_str()));
    }
    clock.lap("mine");
    let pairs = align::sentence_pairs(docs, &segmenter, &lexicon);
    clock.lap("align sentences");
    let selected: Vec<Candidate> = candidates
        .iter()
        .filter(|c| c.scores.total > 0.0 && (c.frequency >= 2 || !c.cues.is_empty()))
        .take(options.max_terms)
        .cloned()
        .collect();
    let mut equivalents = terms::translate(&selected, docs, &pairs, &lexicon);
    if let Some(previous) = previous {
        rebuild::anchor_translations(previous, &selected, docs, &pairs, &mut equivalents);
    }
    clock.lap("translate terms");
    let mut graph = term_graph(docs, &candidates, &selected, &equivalents, &pairs);
    if let Some(previous) = previous {
        rebuild::carry_over(previous, &mut graph);
    }
    clock.lap("build graph");
    Build { graph, candidates, pairs, stages: clock.stages }
}

/// Wall time of each stage of a build, for `build --stats` and the scale benchmark.
struct Stopwatch {
    stages: Vec<(&'static str, std::time::Duration)>,
    since: std::time::Instant,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch { stages: Vec::new(), since: std::time::Instant::now() }
    }

    fn lap(&mut self, stage: &'static str) {
        self.stages.push((stage, self.since.elapsed()));
        self.since = std::time::Instant::now();
    }
}

fn term_graph(
    docs: &[Document],
    ranked: &[Candidate],
    selected: &[Candidate],
    equivalents: &[Option<terms::Equivalent>],
    pairs: &[SentencePair],
) -> TermGraph {
    let mut graph = TermGraph::default();
    let rank_of = |term: &str| ranked.iter().position(|c| c.term == term).map(|p| p + 1);
    let nodes: Vec<_> = selected
        .iter()
        .zip(equivalents)
        .map(|(c, equivalent)| {
            let contexts = contexts(docs, c, equivalent.as_ref(), pairs);
            graph.add_term(Term {
                frequency: c.frequency,
                documents: c.documents,
                rank: rank_of(&c.term),
                scores: Some(c.scores),
                cues: c.cues.iter().copied().collect(),
                contexts,
                ..Term::new(c.term.clone(), Lang::Zh, TermKind::Term)
            })
        })
        .collect();
    for ((c, equivalent), &node) in selected.iter().zip(equivalents).zip(&nodes) {
        if let Some(e) = equivalent {
            let en = graph.find_or_add(&e.english, Lang::En, TermKind::Term);
            graph.graph[en].frequency += e.cooccurrences;
            let translation = Translation {
                score: e.score,
                cooccurrences: e.cooccurrences,
                dice: e.dice,
                dictionary: e.dictionary,
                method: "alignment".into(),
            };
            graph.relate(node, en, Relation::Translation(translation.clone()));
            // Other spellings (fast track / fast tracks) join the concept after the preferred one.
            for variant in &e.variants {
                let variant_node = graph.find_or_add(variant, Lang::En, TermKind::Term);
                let weaker = Translation { score: e.score * 0.99, ..translation.clone() };
                graph.relate(node, variant_node, Relation::Translation(weaker));
            }
            if let Some(short) = &e.abbreviation {
                let short_node = graph.find_or_add(short, Lang::En, TermKind::Abbreviation);
                graph.relate(node, short_node, Relation::Abbreviation);
            }
        }
        for short in &c.short_forms {
            let lang = if short.chars().any(crate::corpus::is_han) { Lang::Zh } else { Lang::En };
            let target = graph.find_or_add(short, lang, TermKind::Abbreviation);
            graph.relate(node, target, Relation::Abbreviation);
        }
    }
    for (a, &outer) in selected.iter().zip(&nodes) {
        for (b, &inner) in selected.iter().zip(&nodes) {
            if a.term.len() > b.term.len() && a.term.contains(&b.term) {
                graph.relate(outer, inner, Relation::Contains);
            }
        }
    }
    graph
}

/// The evidence pairs of the translation first, then sentences around other occurrences.
fn contexts(
    docs: &[Document],
    c: &Candidate,
    equivalent: Option<&terms::Equivalent>,
    pairs: &[SentencePair],
) -> Vec<Context> {
    let mut out: Vec<Context> = Vec::new();
    for &id in equivalent.map(|e| e.pairs.as_slice()).unwrap_or_default() {
        let pair = &pairs[id];
        let doc = &docs[pair.doc];
        out.push(Context {
            source: doc.name.clone(),
            zh: doc.zh[pair.zh.clone()].to_string(),
            en: Some(doc.en[pair.en.clone()].to_string()),
        });
        if out.len() == MAX_CONTEXTS {
            return out;
        }
    }
    for occurrence in &c.occurrences {
        let doc = &docs[occurrence.doc];
        let sentence = sentence_around(doc, &occurrence.span);
        let zh = doc.zh[sentence].to_string();
        if out.iter().all(|ctx| ctx.zh != zh) {
            out.push(Context { source: doc.name.clone(), zh, en: None });
        }
        if out.len() == MAX_CONTEXTS {
            break;
        }
    }
    out
}

/// The sentence of `doc.zh` that holds `span`.
fn sentence_around(doc: &Document, span: &Span) -> Span {
    // Blocks are in text order: a binary search, since a memory has a million of them.
    let index = doc.zh_blocks.partition_point(|b| b.start <= span.start);
    let block =
        index.checked_sub(1).map(|i| doc.zh_blocks[i].clone()).filter(|b| span.end <= b.end).unwrap_or(span.clone());
    align::zh_sentences(&doc.zh, &block)
        .into_iter()
        .find(|s| s.start <= span.start && span.end <= s.end)
        .unwrap_or(block)
}
