//! The word alignment of the pairs terms are translated from ([`crate::align::words`]):
//! trained on the build's own sentence pairs (Chinese as the build's segmenter cuts it, so a
//! term taught to it is one word; English lemmas as term translation tokenises them) and
//! applied to the pairs a term is looked for in. A term's aligned English in a pair is the
//! span consistent with the links of the Chinese words under it, trimmed to content words at
//! both ends ("the" linked to a term is not part of its English).
//!
//! A large memory is trained on an even sample of [`MAX_TRAINING_PAIRS`] (the pairs the
//! terms need first), repeated segments once: time and memory stay bounded.

use super::spans::Lemmas;
use super::EnglishSide;
use crate::align::english;
use crate::align::symmetrise::consistent_span;
use crate::align::words::{IdPair, WordAligner};
use crate::align::SentencePair;
use crate::corpus::Document;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Most sentence pairs trained on.
const MAX_TRAINING_PAIRS: usize = 5_000;
/// A pair with a side longer than this (in words) is aligned but not trained on: EM costs the
/// product of the lengths, and a long paragraph pair teaches little per word.
const MAX_TRAINING_WORDS: usize = 160;
/// Distinct training pairs at which the alignment is trusted half.
const HALF_TRUST_PAIRS: f64 = 500.0;
/// EM rounds of each direction.
const ITERATIONS: usize = 5;

/// A pair as the aligner saw it: the byte spans (in the pair's Chinese) of its Chinese words
/// and the symmetrised links.
struct Aligned {
    zh_spans: Vec<Range<usize>>,
    links: Vec<(usize, usize)>,
}

/// The alignments of the pairs terms are translated from, by pair index.
pub struct PairAlignments {
    pairs: FxHashMap<usize, Aligned>,
    /// How far the alignment is to be trusted, 0–1: EM on a few dozen pairs learns little
    /// beyond the dictionary it starts from, so a single document's alignment counts little.
    pub trust: f64,
}

impl PairAlignments {
    /// Trains the aligner and aligns the pairs `needed` (indices into `pairs`, sorted).
    pub(super) fn new(
        docs: &[Document],
        pairs: &[SentencePair],
        english: &EnglishSide,
        needed: &[usize],
        segmenter: &Segmenter,
        lexicon: &Lexicon,
    ) -> Self {
        let mut training: Vec<usize> = sample(needed, MAX_TRAINING_PAIRS);
        let room = MAX_TRAINING_PAIRS.saturating_sub(training.len());
        if room > 0 {
            let all: Vec<usize> = (0..pairs.len()).collect();
            training.extend(sample(&all, room));
            training.sort_unstable();
            training.dedup();
        }
        let mut wanted: Vec<usize> = training.iter().chain(needed).copied().collect();
        wanted.sort_unstable();
        wanted.dedup();
        // Segmenting is the costly part: on all cores, then interned in pair order so ids
        // are deterministic.
        let cut: Vec<(usize, Vec<Range<usize>>)> = wanted
            .par_iter()
            .map(|&p| {
                let pair = &pairs[p];
                let text = &docs[pair.doc].zh[pair.zh.clone()];
                let spans = segmenter.tokens(text, 0).into_iter().filter(|t| t.pos != Pos::Punctuation).map(|t| t.span);
                (p, spans.collect())
            })
            .collect();
        let mut zh_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut glosses: Vec<Vec<u32>> = Vec::new();
        let mut ids_of: FxHashMap<usize, Vec<u32>> = FxHashMap::default();
        for (p, spans) in &cut {
            let pair = &pairs[*p];
            let text = &docs[pair.doc].zh[pair.zh.clone()];
            let ids = spans
                .iter()
                .map(|span| {
                    let word = &text[span.clone()];
                    *zh_ids.entry(word).or_insert_with(|| {
                        glosses.push(gloss_ids(word, lexicon, &english.lemmas));
                        glosses.len() as u32 - 1
                    })
                })
                .collect();
            ids_of.insert(*p, ids);
        }
        let en_ids = |p: usize| -> Vec<u32> { english.words(p).iter().map(|w| w.id).collect() };
        let mut corpus: Vec<IdPair> = training
            .iter()
            .map(|&p| (ids_of[&p].clone(), en_ids(p)))
            .filter(|(zh, en)| {
                !zh.is_empty() && !en.is_empty() && zh.len() <= MAX_TRAINING_WORDS && en.len() <= MAX_TRAINING_WORDS
            })
            .collect();
        // A memory repeats its segments: a formula seen a hundred times is one piece of
        // evidence, not a hundred.
        corpus.sort_unstable();
        corpus.dedup();
        let aligner = WordAligner::train(&corpus, &glosses, zh_ids.len(), english.lemmas.len(), ITERATIONS);
        let aligned: Vec<(usize, Aligned)> = cut
            .into_par_iter()
            .filter(|(p, _)| needed.binary_search(p).is_ok())
            .map(|(p, zh_spans)| {
                let links = aligner.align(&ids_of[&p], &en_ids(p));
                (p, Aligned { zh_spans, links })
            })
            .collect();
        let trained = corpus.len() as f64;
        PairAlignments { pairs: aligned.into_iter().collect(), trust: trained / (trained + HALF_TRUST_PAIRS) }
    }

    /// Whether pair `pair` was aligned.
    pub fn holds(&self, pair: usize) -> bool {
        self.pairs.contains_key(&pair)
    }

    /// The English words (a range of word positions of pair `pair`) that translate the
    /// Chinese bytes `zh` of the pair under the alignment, with content words at both ends,
    /// and which English words of the pair are linked to no Chinese word at all (a phrase
    /// that adds only such words to the span is consistent with the alignment too).
    pub(super) fn english_of(&self, pair: usize, zh: Range<usize>, english: &EnglishSide) -> Option<AlignedSpan> {
        let aligned = self.pairs.get(&pair)?;
        // The Chinese words the term covers (a term inside a longer word takes that word).
        let first = aligned.zh_spans.iter().position(|s| s.end > zh.start)?;
        let last = aligned.zh_spans.iter().rposition(|s| s.start < zh.end)?;
        if last < first {
            return None;
        }
        let (mut start, mut end) = consistent_span(&aligned.links, first..last + 1)?;
        let words = english.words(pair);
        while start < end && !english.lemmas.is_content(&words[start]) {
            start += 1;
        }
        while end > start && !english.lemmas.is_content(&words[end - 1]) {
            end -= 1;
        }
        if start >= end {
            return None;
        }
        let mut free = vec![true; words.len()];
        for &(_, j) in &aligned.links {
            free[j] = false;
        }
        Some(AlignedSpan { core: (start, end), free })
    }
}

/// A term's English in one pair under the word alignment.
pub(super) struct AlignedSpan {
    /// The words linked to the term, trimmed to content words at both ends.
    pub core: (usize, usize),
    /// For each English word of the pair, whether no Chinese word is linked to it.
    pub free: Vec<bool>,
}

impl AlignedSpan {
    /// Whether the words `[start, end)` hold the core and only free words besides.
    pub fn extends(&self, (start, end): (usize, usize)) -> bool {
        start <= self.core.0 && end >= self.core.1 && (start..self.core.0).chain(self.core.1..end).all(|j| self.free[j])
    }
}

/// An even sample of at most `most` of `items`.
fn sample(items: &[usize], most: usize) -> Vec<usize> {
    let step = items.len().div_ceil(most.max(1)).max(1);
    items.iter().copied().step_by(step).collect()
}

/// The lemma ids of the dictionary's content-word glosses of `word` (those the English side
/// holds at all).
fn gloss_ids(word: &str, lexicon: &Lexicon, lemmas: &Lemmas) -> Vec<u32> {
    let entry = lexicon.entry(word);
    let mut ids: Vec<u32> = entry.content_words().filter_map(|w| lemmas.id(&english::lemma(w))).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
