//! The words of every body clause, kept once per distinct clause text: a translation memory
//! repeats most of its segments, and a repeated clause has the same words at another offset.

use super::{runs, Sentence};
use crate::corpus::Document;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, Token};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

pub(super) struct Segmented {
    /// Tokens of each distinct clause text, spans relative to the clause's start.
    distinct: Vec<Box<[Compact]>>,
    /// A clause with each distinct text, to segment it from.
    representative: Vec<usize>,
    /// For each clause, the index of its text in `distinct`.
    slot: Vec<usize>,
}

impl Segmented {
    /// Segments every distinct clause text once, on all cores.
    pub fn new(docs: &[Document], sentences: &[Sentence], segmenter: &Segmenter, lexicon: &Lexicon) -> Self {
        let mut first_of: HashMap<&str, usize> = HashMap::default();
        let mut representative = Vec::new();
        let slot = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                *first_of.entry(&docs[s.doc].zh[s.span.clone()]).or_insert_with(|| {
                    representative.push(i);
                    representative.len() - 1
                })
            })
            .collect();
        let distinct = representative.par_iter().map(|&i| segment(docs, &sentences[i], segmenter, lexicon)).collect();
        Segmented { distinct, representative, slot }
    }

    /// Segments again, with what `segmenter` has learnt since, the clause texts for which
    /// `changed` holds.
    pub fn resegment(
        &mut self,
        docs: &[Document],
        sentences: &[Sentence],
        segmenter: &Segmenter,
        lexicon: &Lexicon,
        changed: impl Fn(&str) -> bool + Sync,
    ) {
        self.distinct.par_iter_mut().zip(&self.representative).for_each(|(tokens, &i)| {
            let sentence = &sentences[i];
            if changed(&docs[sentence.doc].zh[sentence.span.clone()]) {
                *tokens = segment(docs, sentence, segmenter, lexicon);
            }
        });
    }

    /// How many distinct clause texts there are.
    pub fn distinct_texts(&self) -> usize {
        self.representative.len()
    }

    /// Each distinct clause text once: a clause with that text and how many clauses share it.
    pub fn distinct(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut count = vec![0usize; self.representative.len()];
        for &slot in &self.slot {
            count[slot] += 1;
        }
        self.representative.iter().copied().zip(count)
    }

    /// The tokens of clause `index` (which is `sentence`), spans into its document.
    pub fn tokens(&self, index: usize, sentence: &Sentence) -> Vec<Token> {
        let at = sentence.span.start;
        self.distinct[self.slot[index]].iter().map(|t| t.at(at)).collect()
    }
}

/// A token stored relative to its clause in 12 bytes instead of 24: a memory's distinct
/// clauses hold tens of millions of them.
#[derive(Clone, Copy)]
struct Compact {
    start: u32,
    end: u32,
    pos: Pos,
}

impl Compact {
    fn at(self, clause_start: usize) -> Token {
        Token { span: clause_start + self.start as usize..clause_start + self.end as usize, pos: self.pos }
    }
}

/// Tokens of one clause, prepared for the run rules, spans relative to the clause start.
fn segment(docs: &[Document], sentence: &Sentence, segmenter: &Segmenter, lexicon: &Lexicon) -> Box<[Compact]> {
    let text = &docs[sentence.doc].zh;
    let start = sentence.span.start;
    let tokens = runs::prepare(text, segmenter.tokens(&text[sentence.span.clone()], start), segmenter, lexicon);
    // Offsets are within one clause; a single clause of 4 GB (one unpunctuated line) is far
    // beyond what mining could hold anyway, so clamping instead of failing is moot.
    let relative = |offset: usize| u32::try_from(offset - start).unwrap_or(u32::MAX);
    tokens
        .into_iter()
        .map(|t| Compact { start: relative(t.span.start), end: relative(t.span.end), pos: t.pos })
        .collect()
}
