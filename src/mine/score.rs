//! Candidate scoring. Each component is a pure function, kept by name on the candidate (and
//! in candidates.csv), so a terminologist can see why a term ranks where it does:
//!
//! - `cvalue`: C-value unithood — frequency, less what longer candidates containing it
//!   explain, scaled by length (Frantzi et al.). Only longer candidates that *bind* to it
//!   count (上海 + 合作组织); one that adds a freely combining word (去极端化 + 合作) does not
//!   make it a fragment.
//! - `termhood`: relative frequency here against jieba's general-language dictionary
//!   ("weirdness"), less a generality penalty: frequent general words (合作, 发展) and
//!   unlexicalised combinations of them (地区国家) are not terms however often they occur.
//! - `cue`: the text marks it (quotes, title brackets, a defined short form).
//! - `spread`: it occurs in several documents.
//! - `length`: a mild prior against one-word and very long candidates.
//! - `fragment`: it always follows (or precedes) the same bound word: a piece of a longer unit.

use super::neighbours::WordContexts;
use super::Candidate;
use crate::lexicon::Lexicon;
use crate::segment::{Segmenter, DICTIONARY_TOTAL};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scores {
    pub cvalue: f64,
    pub termhood: f64,
    pub cue: f64,
    pub spread: f64,
    pub length: f64,
    pub fragment: f64,
    pub total: f64,
}

/// Dictionary frequencies (jieba counts, out of ~60 million) between which a word goes from
/// specialised to fully general.
const SPECIALISED_FREQUENCY: f64 = 200.0;
const GENERAL_FREQUENCY: f64 = 20_000.0;
/// How much of the generality of its least general word a free combination inherits.
const COMBINATION_GENERALITY: f64 = 0.5;

/// Weights of the components in the total.
const FREQUENCY_WEIGHT: f64 = 0.7;
const CUE_WEIGHT: f64 = 1.5;
const FRAGMENT_WEIGHT: f64 = 1.5;
const GENERALITY_WEIGHT: f64 = 3.0;

/// Scores every candidate and sorts best first (ties by frequency, then term, so the order
/// is the same on every run).
pub fn rank(
    mut candidates: Vec<Candidate>,
    segmenter: &Segmenter,
    lexicon: &Lexicon,
    contexts: &WordContexts,
    total_tokens: usize,
    documents: usize,
) -> Vec<Candidate> {
    let nesting = nesting_frequencies(&candidates, contexts);
    let scores: Vec<Scores> = candidates
        .iter()
        .map(|c| {
            let chars = c.term.chars().count();
            let nested = nesting.get(c.term.as_str());
            let weirdness = termhood(c.frequency, total_tokens, segmenter.dictionary_frequency(&c.term));
            let mut s = Scores {
                cvalue: cvalue(chars, c.frequency, nested.copied()),
                termhood: weirdness - GENERALITY_WEIGHT * candidate_generality(c, segmenter, lexicon),
                cue: if c.cues.is_empty() { 0.0 } else { 1.0 },
                spread: if documents > 1 { (c.documents as f64).ln() / (documents as f64).ln() } else { 0.0 },
                length: length_prior(chars),
                fragment: fragment(c),
                total: 0.0,
            };
            s.total = FREQUENCY_WEIGHT * (1.0 + s.cvalue.max(0.0)).ln() + CUE_WEIGHT * s.cue + s.termhood + s.spread
                - FRAGMENT_WEIGHT * s.fragment
                + s.length;
            s
        })
        .collect();
    for (candidate, s) in candidates.iter_mut().zip(scores) {
        candidate.scores = s;
    }
    candidates.sort_by(|a, b| {
        b.scores.total.total_cmp(&a.scores.total).then(b.frequency.cmp(&a.frequency)).then_with(|| a.term.cmp(&b.term))
    });
    candidates
}

/// For each candidate nested, on word boundaries, in longer ones that bind to it: (number of
/// those longer candidates, their summed frequency). A longer candidate binds when a word it
/// adds right before the shorter one is mostly followed by the shorter one's first word, or a
/// word it adds right after is mostly preceded by the shorter one's last word.
fn nesting_frequencies<'c>(candidates: &'c [Candidate], contexts: &WordContexts) -> HashMap<&'c str, (usize, usize)> {
    let known: std::collections::HashSet<&str> = candidates.iter().map(|c| c.term.as_str()).collect();
    let mut nesting: HashMap<&str, (usize, usize)> = HashMap::new();
    for longer in candidates {
        let words = &longer.words;
        let mut seen = std::collections::HashSet::new();
        for start in 0..words.len() {
            for end in start + 1..=words.len() {
                if end - start == words.len() {
                    continue;
                }
                let inner = words[start..end].concat();
                let Some(&key) = known.get(inner.as_str()) else { continue };
                let binds_before = start > 0 && contexts.binds_to_next(&words[start - 1], &words[start]);
                let binds_after = end < words.len() && contexts.binds_to_previous(&words[end], &words[end - 1]);
                if (binds_before || binds_after) && seen.insert(key) {
                    let entry = nesting.entry(key).or_default();
                    entry.0 += 1;
                    entry.1 += longer.frequency;
                }
            }
        }
    }
    nesting
}

pub fn cvalue(chars: usize, frequency: usize, nested: Option<(usize, usize)>) -> f64 {
    let weight = (chars as f64 + 1.0).log2();
    match nested {
        Some((count, sum)) if count > 0 => weight * (frequency as f64 - sum as f64 / count as f64),
        _ => weight * frequency as f64,
    }
}

/// ln of relative frequency here over relative frequency in general language, scaled to
/// about 0..1.5; words the dictionary does not know count as seen once there.
pub fn termhood(frequency: usize, total_tokens: usize, dictionary_frequency: usize) -> f64 {
    let here = frequency as f64 / total_tokens as f64;
    let general = (dictionary_frequency as f64 + 1.0) / DICTIONARY_TOTAL;
    ((here / general).ln() / 10.0).clamp(0.0, 1.5)
}

/// 0 for a specialised word, 1 for a word as common as 合作 or 国家 in general Chinese.
pub fn generality(dictionary_frequency: usize) -> f64 {
    let f = dictionary_frequency as f64 + 1.0;
    ((f / SPECIALISED_FREQUENCY).ln() / (GENERAL_FREQUENCY / SPECIALISED_FREQUENCY).ln()).clamp(0.0, 1.0)
}

/// A dictionary word has its own generality. A combination no dictionary lists (neither
/// jieba's nor CC-CEDICT) is as general as a share of its least general word: 地区国家 is
/// made of general words only, 营商环境 is not. Lexicalised combinations (世界经济 in
/// CC-CEDICT) are not penalised.
fn candidate_generality(c: &Candidate, segmenter: &Segmenter, lexicon: &Lexicon) -> f64 {
    if segmenter.is_dictionary_word(&c.term) {
        return generality(segmenter.dictionary_frequency(&c.term));
    }
    if c.words.len() < 2 || lexicon.entry(&c.term).is_known() {
        return 0.0;
    }
    let least = c.words.iter().map(|w| generality(segmenter.dictionary_frequency(w))).fold(1.0, f64::min);
    COMBINATION_GENERALITY * least
}

pub fn length_prior(chars: usize) -> f64 {
    match chars {
        0..=2 => -0.6,
        3 => -0.2,
        4..=10 => 0.0,
        n => -0.08 * (n - 10) as f64,
    }
}

/// 1 when (nearly) every occurrence has the same bound neighbour on one side (and there are
/// several).
pub fn fragment(c: &Candidate) -> f64 {
    if c.frequency >= 2 && c.cues.is_empty() && c.bound {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cvalue_discounts_terms_nested_in_longer_ones() {
        assert!(cvalue(4, 5, None) > cvalue(4, 5, Some((1, 5))));
        assert_eq!(cvalue(4, 5, Some((1, 5))), 0.0);
        assert!(cvalue(4, 6, Some((1, 2))) > 0.0);
    }

    #[test]
    fn generic_words_have_less_termhood_than_unknown_ones() {
        assert!(termhood(5, 1000, 200_000) < termhood(5, 1000, 0));
    }

    #[test]
    fn general_words_are_general_and_rare_ones_not() {
        assert_eq!(generality(0), 0.0);
        assert_eq!(generality(150), 0.0);
        assert!(generality(2_000) > 0.3 && generality(2_000) < 0.7);
        assert_eq!(generality(100_000), 1.0);
    }
}
