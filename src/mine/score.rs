//! Candidate scoring. Each component is a pure function, kept by name on the candidate (and
//! in candidates.csv), so a terminologist can see why a term ranks where it does:
//!
//! - `cvalue`: C-value unithood — frequency, less what longer candidates containing it
//!   explain, scaled by length (Frantzi et al.); nested fragments of one longer term get ~0.
//! - `termhood`: "weirdness" — relative frequency here against jieba's general-language
//!   dictionary; generic words (合作, 发展) score low.
//! - `cue`: the text marks it (quotes, title brackets, a defined short form).
//! - `spread`: it occurs in several documents.
//! - `length`: a mild prior against one-word and very long candidates.
//! - `fragment`: it always follows (or precedes) the same word: a piece of a longer unit.

use super::Candidate;
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

/// Scores every candidate and sorts best first (ties by frequency, then term, so the order
/// is the same on every run).
pub fn rank(
    mut candidates: Vec<Candidate>,
    segmenter: &Segmenter,
    total_tokens: usize,
    documents: usize,
) -> Vec<Candidate> {
    let frequency: HashMap<&str, usize> = candidates.iter().map(|c| (c.term.as_str(), c.frequency)).collect();
    let nesting = nesting_frequencies(&frequency);
    let scores: Vec<Scores> = candidates
        .iter()
        .map(|c| {
            let chars = c.term.chars().count();
            let nested = nesting.get(c.term.as_str());
            let mut s = Scores {
                cvalue: cvalue(chars, c.frequency, nested.copied()),
                termhood: termhood(c.frequency, total_tokens, segmenter.dictionary_frequency(&c.term)),
                cue: if c.cues.is_empty() { 0.0 } else { 1.0 },
                spread: if documents > 1 { (c.documents as f64).ln() / (documents as f64).ln() } else { 0.0 },
                length: length_prior(chars),
                fragment: fragment(c),
                total: 0.0,
            };
            s.total = (1.0 + s.cvalue.max(0.0)).ln() + 1.5 * s.cue + s.termhood + s.spread + s.length - s.fragment;
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

/// For each candidate nested in longer ones: (number of longer candidates, their summed frequency).
fn nesting_frequencies<'a>(frequency: &HashMap<&'a str, usize>) -> HashMap<&'a str, (usize, usize)> {
    let mut nesting: HashMap<&str, (usize, usize)> = HashMap::new();
    for (&longer, &f) in frequency {
        let bounds: Vec<usize> = longer.char_indices().map(|(i, _)| i).chain([longer.len()]).collect();
        let mut seen = std::collections::HashSet::new();
        for (a, &start) in bounds.iter().enumerate() {
            for &end in &bounds[a + 1..] {
                let inner = &longer[start..end];
                if inner.len() == longer.len() || !seen.insert(inner) {
                    continue;
                }
                if let Some((&key, _)) = frequency.get_key_value(inner) {
                    let entry = nesting.entry(key).or_default();
                    entry.0 += 1;
                    entry.1 += f;
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

pub fn length_prior(chars: usize) -> f64 {
    match chars {
        0..=2 => -0.6,
        3 => -0.2,
        4..=10 => 0.0,
        n => -0.08 * (n - 10) as f64,
    }
}

/// 1 when every occurrence has the same neighbour on one side (and there are several).
pub fn fragment(c: &Candidate) -> f64 {
    let repeated = c.frequency >= 2 && c.cues.is_empty();
    if repeated && (c.left_variety == 1 || c.right_variety == 1) {
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
    fn nesting_counts_longer_candidates() {
        let frequency: HashMap<&str, usize> =
            [("数据安全", 3), ("全球数据安全倡议", 2), ("数据", 9)].into_iter().collect();
        let nesting = nesting_frequencies(&frequency);
        assert_eq!(nesting["数据安全"], (1, 2));
        assert_eq!(nesting["数据"], (2, 5));
        assert!(!nesting.contains_key("全球数据安全倡议"));
    }
}
