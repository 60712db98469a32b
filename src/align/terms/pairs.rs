//! The sentence pairs that hold each term, found in one pass over the pairs, and the even
//! sample of them a term's English is looked for in: a frequent term's English shows in any
//! few hundred of its pairs, and a large memory's terms are held in tens of millions.

use super::SentencePair;
use crate::corpus::Document;
use crate::mine::Candidate;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// Most sentence pairs per term searched for English candidates.
const MAX_SAMPLE: usize = 200;
/// Most sentence pairs searched for all terms together: past it each term's sample shrinks
/// evenly (the most frequent terms first, down to [`MIN_SAMPLE`]), so thousands of terms over
/// a million pairs cost a bounded search. A smaller memory is searched as before.
const MAX_SAMPLED_PAIRS: usize = 300_000;
/// Fewest sentence pairs per term searched, however many terms there are.
const MIN_SAMPLE: usize = 32;

/// For each candidate, the pairs whose Chinese side holds it (every occurrence counts, also
/// in titles the miner skips), as an even sample of at most [`sample_size`] pairs: one pass
/// over the pairs with the terms indexed by their first two characters. Only the sample is
/// kept: a large memory's terms are held in tens of millions of pairs.
pub(super) fn pairs_holding(candidates: &[Candidate], docs: &[Document], pairs: &[SentencePair]) -> Vec<TermPairs> {
    let mut by_start: HashMap<(char, char), Vec<usize>> = HashMap::default();
    for (index, candidate) in candidates.iter().enumerate() {
        let mut chars = candidate.term.chars();
        if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
            by_start.entry((a, b)).or_default().push(index);
        }
    }
    // Each pair searched on all cores; the finds distributed in pair order.
    let found: Vec<Vec<(u32, u32)>> = pairs
        .par_iter()
        .map(|pair| {
            let text = &docs[pair.doc].zh[pair.zh.clone()];
            let mut found: Vec<(u32, u32)> = Vec::new();
            let mut chars = text.char_indices().peekable();
            while let Some((at, a)) = chars.next() {
                let Some(&(_, b)) = chars.peek() else { break };
                for &index in by_start.get(&(a, b)).into_iter().flatten() {
                    if text[at..].starts_with(candidates[index].term.as_str()) {
                        found.push((index as u32, at as u32));
                    }
                }
            }
            // The first occurrence in the pair stands for the term.
            found.sort_by_key(|&(index, _)| index);
            found.dedup_by_key(|&mut (index, _)| index);
            found
        })
        .collect();
    let mut out: Vec<TermPairs> = vec![TermPairs::default(); candidates.len()];
    for &(index, _) in found.iter().flatten() {
        out[index as usize].held += 1;
    }
    let most = sample_size(out.iter().map(|t| t.held));
    let steps: Vec<usize> = out.iter().map(|t| sample_step(t.held, most)).collect();
    let mut seen = vec![0usize; candidates.len()];
    for (id, (pair, found)) in pairs.iter().zip(found).enumerate() {
        let length = docs[pair.doc].zh[pair.zh.clone()].len().max(1);
        for (index, at) in found {
            let index = index as usize;
            seen[index] += 1;
            if (seen[index] - 1) % steps[index] == 0 {
                let position = at as f64 / length as f64;
                out[index].sample.push(TermPair { pair: id as u32, position, at });
            }
        }
    }
    out
}

/// The pairs that hold a term: an even sample of them, in pair order (a frequent term's
/// English shows in any few hundred of its pairs), and how many there are.
#[derive(Debug, Clone, Default)]
pub(super) struct TermPairs {
    pub sample: Vec<TermPair>,
    pub held: usize,
}

impl TermPairs {
    /// How many pairs each sampled one stands for.
    pub fn scale(&self) -> f64 {
        self.held as f64 / self.sample.len().max(1) as f64
    }
}

/// A pair that holds a term: its index, where the term starts relative to the pair's Chinese
/// length, and at which byte. Indices in 32 bits: a large memory's terms are held in tens of
/// millions of pairs.
#[derive(Debug, Clone, Copy)]
pub(super) struct TermPair {
    pub pair: u32,
    pub position: f64,
    pub at: u32,
}

/// Every how many pairs of a term held in `held` pairs one is sampled, for at most `most`.
pub(super) fn sample_step(held: usize, most: usize) -> usize {
    held.div_ceil(most).max(1)
}

/// The largest per-term sample, at most [`MAX_SAMPLE`] and at least [`MIN_SAMPLE`], whose
/// samples of all terms together hold at most [`MAX_SAMPLED_PAIRS`] pairs (`held`: how many
/// pairs hold each term).
fn sample_size(held: impl Iterator<Item = usize> + Clone) -> usize {
    let total = |most: usize| held.clone().map(|n| n.min(most)).sum::<usize>();
    let (mut low, mut high) = (MIN_SAMPLE, MAX_SAMPLE);
    if total(high) <= MAX_SAMPLED_PAIRS {
        return high;
    }
    // The total grows with the size: the largest size within budget, by bisection.
    while low < high {
        let mid = (low + high).div_ceil(2);
        if total(mid) <= MAX_SAMPLED_PAIRS {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low
}

/// The pairs of a term that are word-aligned: an even part of its sample, at most `most`
/// (the aligner's verdict settles in a few dozen pairs).
pub(super) fn aligned_sample(ids: &TermPairs, most: usize) -> impl Iterator<Item = usize> + '_ {
    ids.sample.iter().step_by(sample_step(ids.sample.len(), most)).map(|t| t.pair as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(terms: usize, pairs_each: usize) -> impl Iterator<Item = usize> + Clone {
        std::iter::repeat_n(pairs_each, terms)
    }

    #[test]
    fn a_memory_within_the_budget_searches_every_term_in_full_samples() {
        assert_eq!(sample_size(held(1_000, 250)), MAX_SAMPLE);
    }

    #[test]
    fn thousands_of_frequent_terms_share_the_budget_evenly() {
        let size = sample_size(held(6_000, 1_000));
        assert!((MIN_SAMPLE..MAX_SAMPLE).contains(&size), "{size}");
        let total = |most: usize| held(6_000, 1_000).map(|n| n.min(most)).sum::<usize>();
        assert!(total(size) <= MAX_SAMPLED_PAIRS && total(size + 1) > MAX_SAMPLED_PAIRS);
        // Past the floor the budget gives way: every term keeps MIN_SAMPLE pairs.
        assert_eq!(sample_size(held(50_000, 1_000)), MIN_SAMPLE);
        // A term with fewer pairs than the size keeps them all; a frequent one keeps at most
        // the size, spread over all its pairs.
        assert_eq!((0..10).step_by(sample_step(10, size)).count(), 10);
        let sampled: Vec<usize> = (0..1_000).step_by(sample_step(1_000, size)).collect();
        assert!(sampled.len() <= size && sampled.len() * 2 > size, "{}", sampled.len());
        assert!(*sampled.last().unwrap() * 10 > 9 * 1_000 - 10 * sample_step(1_000, size));
    }
}
