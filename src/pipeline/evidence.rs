//! The evidence a glossary entry shows: the sentence pairs its translation cites, in the
//! graph's evidence table, and context sentences around its other occurrences.

use crate::align::{self, terms, SentencePair};
use crate::corpus::{Document, Span};
use crate::graph::{Context, EvidencePair, TermGraph};
use crate::mine::Candidate;
use std::collections::{HashMap, HashSet};

/// Contexts kept per term.
const MAX_CONTEXTS: usize = 2;

/// Puts the sentence pairs the equivalents cite into the graph's evidence table, in corpus
/// order (so ids do not depend on the order terms were translated in), and returns the id of
/// each by its index in `pairs`.
pub(super) fn add_evidence(
    graph: &mut TermGraph,
    docs: &[Document],
    equivalents: &[Option<terms::Equivalent>],
    pairs: &[SentencePair],
) -> HashMap<usize, usize> {
    let mut cited: Vec<usize> = equivalents.iter().flatten().flat_map(|e| e.pairs.iter().copied()).collect();
    cited.sort_unstable();
    cited.dedup();
    cited
        .into_iter()
        .map(|index| {
            let pair = &pairs[index];
            let doc = &docs[pair.doc];
            let id = graph.evidence.add(EvidencePair {
                id: 0,
                source: doc.name.clone(),
                zh: doc.zh[pair.zh.clone()].to_string(),
                en: doc.en[pair.en.clone()].to_string(),
                zh_span: Some(pair.zh.clone()),
                en_span: Some(pair.en.clone()),
            });
            (index, id)
        })
        .collect()
}

/// A context sentence longer than this (in bytes) is cut to a window around the term: text
/// without sentence punctuation must not copy megabytes into every entry.
const MAX_CONTEXT_BYTES: usize = 1200;

/// `sentence`, or the window of it around `term` when the sentence is too long.
fn clip(text: &str, sentence: Span, term: &Span) -> Span {
    if sentence.len() <= MAX_CONTEXT_BYTES {
        return sentence;
    }
    let half = MAX_CONTEXT_BYTES / 2;
    let mut start = term.start.saturating_sub(half).max(sentence.start);
    let mut end = (term.end + half).min(sentence.end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

/// The sentences of each block already cut, by (document, block start).
pub(super) type SentenceCache = HashMap<(usize, usize), Vec<Span>>;

/// The evidence pairs of the translation first, then sentences around other occurrences.
pub(super) fn contexts(
    docs: &[Document],
    c: &Candidate,
    equivalent: Option<&terms::Equivalent>,
    pairs: &[SentencePair],
    cut: &mut SentenceCache,
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
    let mut seen = HashSet::new();
    for occurrence in &c.occurrences {
        let (index, span) = (occurrence.doc(), occurrence.span());
        let doc = &docs[index];
        let sentence = clip(&doc.zh, sentence_around(index, doc, &span, cut), &span);
        if !seen.insert((index, sentence.start, sentence.end)) {
            continue;
        }
        let zh = &doc.zh[sentence];
        if out.iter().all(|ctx| ctx.zh != zh) {
            out.push(Context { source: doc.name.clone(), zh: zh.to_string(), en: None });
        }
        if out.len() == MAX_CONTEXTS {
            break;
        }
    }
    out
}

/// The sentence of `doc.zh` that holds `span`. Blocks are cut into sentences once and
/// searched by position, so a term that occurs thousands of times in one long block costs no
/// more than the block.
fn sentence_around(doc_index: usize, doc: &Document, span: &Span, cut: &mut SentenceCache) -> Span {
    let index = doc.zh_blocks.partition_point(|b| b.start <= span.start);
    let block = match index.checked_sub(1).map(|i| &doc.zh_blocks[i]) {
        Some(b) if span.end <= b.end => b.clone(),
        _ => return span.clone(),
    };
    let sentences = cut.entry((doc_index, block.start)).or_insert_with(|| align::zh_sentences(&doc.zh, &block));
    let at = sentences.partition_point(|s| s.start <= span.start);
    match at.checked_sub(1).map(|i| &sentences[i]) {
        Some(s) if span.end <= s.end => s.clone(),
        _ => block,
    }
}
