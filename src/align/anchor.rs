//! Lexical evidence that a group of Chinese items translates a group of English items, as a
//! log-likelihood ratio corrected for chance.
//!
//! On each side, every token either finds a translation on the other side or not. Under "true
//! translation" a token finds one with probability `p1`; under "unrelated text" with
//! `p0 = 1 − (1 − q)^L`, `q` being the chance that two random tokens match and `L` the number
//! of tokens on the other side. A bead scores
//! `M·ln(p1/p0) + (N − M)·ln((1 − p1)/(1 − p0))` per side and class (dictionary words, exact
//! anchors), so tokens left unmatched cost: a merged bead does not win by being long, and a
//! long sentence does not win by offering more chances. `q` and `p1` are estimated on the
//! document itself (random item pairs; best pairs near the diagonal). The total is floored at
//! zero: anchors add evidence but never veto a bead that lengths support.

use super::features::{EnToken, ZhToken};
use std::collections::HashMap;
use std::ops::Range;

/// Which tokens of one item matched, as bit sets over the item's tokens.
#[derive(Debug, Clone, Default)]
struct Cell {
    zh: Vec<u64>,
    en: Vec<u64>,
}

/// Token classes scored apart: dictionary words and exact anchors.
const CLASSES: usize = 2;

/// Per side and class: chance match rate per token pair and true-translation match rate.
#[derive(Debug, Clone, Copy)]
struct Rates {
    chance: f64,
    found: f64,
}

pub struct AnchorScorer<'a> {
    zh: &'a [Vec<ZhToken>],
    en: &'a [Vec<EnToken>],
    /// For each Chinese item: id → bit set of its tokens that the id translates.
    inverted: Vec<HashMap<u32, Vec<u64>>>,
    /// Token counts per item and class.
    zh_counts: Vec<[usize; CLASSES]>,
    en_counts: Vec<[usize; CLASSES]>,
    zh_masks: Vec<[Vec<u64>; CLASSES]>,
    en_masks: Vec<[Vec<u64>; CLASSES]>,
    cells: HashMap<(usize, usize), Cell>,
    zh_rates: [Rates; CLASSES],
    en_rates: [Rates; CLASSES],
}

fn class(exact: bool) -> usize {
    usize::from(exact)
}

fn bits_for(len: usize) -> Vec<u64> {
    vec![0; len.div_ceil(64)]
}

fn set(bits: &mut [u64], k: usize) {
    bits[k / 64] |= 1 << (k % 64);
}

fn count_and(a: &[u64], mask: &[u64]) -> usize {
    a.iter().zip(mask).map(|(x, m)| (x & m).count_ones() as usize).sum()
}

fn or_into(into: &mut [u64], from: &[u64]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a |= b;
    }
}

impl<'a> AnchorScorer<'a> {
    pub fn new(zh: &'a [Vec<ZhToken>], en: &'a [Vec<EnToken>]) -> Self {
        let inverted = zh
            .iter()
            .map(|tokens| {
                let mut index: HashMap<u32, Vec<u64>> = HashMap::new();
                for (k, token) in tokens.iter().enumerate() {
                    for &id in &token.ids {
                        set(index.entry(id).or_insert_with(|| bits_for(tokens.len())), k);
                    }
                }
                index
            })
            .collect();
        let zh_masks: Vec<[Vec<u64>; CLASSES]> = zh.iter().map(|t| masks(t.iter().map(|t| t.exact))).collect();
        let en_masks: Vec<[Vec<u64>; CLASSES]> = en.iter().map(|t| masks(t.iter().map(|t| t.exact))).collect();
        let counts = |m: &[Vec<u64>; CLASSES]| [0, 1].map(|c| count_and(&m[c], &m[c]));
        let mut scorer = AnchorScorer {
            zh,
            en,
            inverted,
            zh_counts: zh_masks.iter().map(counts).collect(),
            en_counts: en_masks.iter().map(counts).collect(),
            zh_masks,
            en_masks,
            cells: HashMap::new(),
            zh_rates: [Rates { chance: 0.0, found: 0.0 }; CLASSES],
            en_rates: [Rates { chance: 0.0, found: 0.0 }; CLASSES],
        };
        scorer.estimate();
        scorer
    }

    fn compute_cell(&self, i: usize, j: usize) -> Cell {
        let mut cell = Cell { zh: bits_for(self.zh[i].len()), en: bits_for(self.en[j].len()) };
        for (l, token) in self.en[j].iter().enumerate() {
            if let Some(bits) = self.inverted[i].get(&token.id) {
                or_into(&mut cell.zh, bits);
                set(&mut cell.en, l);
            }
        }
        cell
    }

    /// Matched and total tokens per class, on the Chinese and on the English side.
    fn counts(&mut self, zh: Range<usize>, en: Range<usize>) -> ([[usize; 2]; CLASSES], [[usize; 2]; CLASSES]) {
        for i in zh.clone() {
            for j in en.clone() {
                if !self.cells.contains_key(&(i, j)) {
                    let cell = self.compute_cell(i, j);
                    self.cells.insert((i, j), cell);
                }
            }
        }
        let mut zh_side = [[0usize; 2]; CLASSES];
        let mut en_side = [[0usize; 2]; CLASSES];
        for i in zh.clone() {
            let mut matched = bits_for(self.zh[i].len());
            for j in en.clone() {
                or_into(&mut matched, &self.cells[&(i, j)].zh);
            }
            for (c, side) in zh_side.iter_mut().enumerate() {
                side[0] += count_and(&matched, &self.zh_masks[i][c]);
                side[1] += self.zh_counts[i][c];
            }
        }
        for j in en {
            let mut matched = bits_for(self.en[j].len());
            for i in zh.clone() {
                or_into(&mut matched, &self.cells[&(i, j)].en);
            }
            for (c, side) in en_side.iter_mut().enumerate() {
                side[0] += count_and(&matched, &self.en_masks[j][c]);
                side[1] += self.en_counts[j][c];
            }
        }
        (zh_side, en_side)
    }

    /// Evidence (nats, ≥ 0) that Chinese items `zh` translate English items `en`.
    pub fn score(&mut self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let (zh_side, en_side) = self.counts(zh, en);
        let mut total = 0.0;
        for c in 0..CLASSES {
            // The other side's size sets the chance of a match.
            total += llr(zh_side[c][0], zh_side[c][1], en_side[c][1], self.zh_rates[c]);
            total += llr(en_side[c][0], en_side[c][1], zh_side[c][1], self.en_rates[c]);
        }
        // Both sides are counted: a match explains a Chinese token and an English one, and
        // each side's unmatched tokens are evidence of their own.
        total.max(0.0)
    }

    /// Estimates chance rates on item pairs half a document apart and found rates on the best
    /// pair near the diagonal; both start from priors worth a few sentences.
    fn estimate(&mut self) {
        let (n, m) = (self.zh.len(), self.en.len());
        if n == 0 || m == 0 {
            return;
        }
        // [side][class]: matched, trials (tokens × other-side tokens for chance).
        let mut chance = [[(0.0f64, 0.0f64); CLASSES]; 2];
        let mut found = [[(0.0f64, 0.0f64); CLASSES]; 2];
        let step = (n / 200).max(1);
        for i in (0..n).step_by(step) {
            let diagonal = i * m / n;
            let far = (diagonal + m / 2) % m;
            if m > 4 && far.abs_diff(diagonal) > 2 {
                let (zh_side, en_side) = self.counts(i..i + 1, far..far + 1);
                for c in 0..CLASSES {
                    chance[0][c].0 += zh_side[c][0] as f64;
                    chance[0][c].1 += (zh_side[c][1] * en_side[c][1]) as f64;
                    chance[1][c].0 += en_side[c][0] as f64;
                    chance[1][c].1 += (en_side[c][1] * zh_side[c][1]) as f64;
                }
            }
            let window = diagonal.saturating_sub(2)..(diagonal + 3).min(m);
            let best = window
                .map(|j| (j, self.counts(i..i + 1, j..j + 1)))
                .max_by_key(|(j, (zh_side, en_side))| (zh_side[0][0] + en_side[0][0], usize::MAX - j));
            if let Some((_, (zh_side, en_side))) = best {
                for c in 0..CLASSES {
                    found[0][c].0 += zh_side[c][0] as f64;
                    found[0][c].1 += zh_side[c][1] as f64;
                    found[1][c].0 += en_side[c][0] as f64;
                    found[1][c].1 += en_side[c][1] as f64;
                }
            }
        }
        self.cells.clear();
        // Priors: (rate, weight in trials).
        const CHANCE_PRIOR: [(f64, f64); CLASSES] = [(0.002, 2_000.0), (0.001, 1_000.0)];
        const FOUND_PRIOR: [(f64, f64); CLASSES] = [(0.4, 50.0), (0.8, 10.0)];
        for side in 0..2 {
            for c in 0..CLASSES {
                let smooth =
                    |(hits, trials): (f64, f64), (rate, weight): (f64, f64)| (hits + rate * weight) / (trials + weight);
                let rates = Rates {
                    chance: smooth(chance[side][c], CHANCE_PRIOR[c]),
                    found: smooth(found[side][c], FOUND_PRIOR[c]),
                };
                if side == 0 {
                    self.zh_rates[c] = rates;
                } else {
                    self.en_rates[c] = rates;
                }
            }
        }
    }
}

fn masks(exact: impl Iterator<Item = bool>) -> [Vec<u64>; CLASSES] {
    let flags: Vec<bool> = exact.collect();
    let mut out = [bits_for(flags.len()), bits_for(flags.len())];
    for (k, &e) in flags.iter().enumerate() {
        set(&mut out[class(e)], k);
    }
    out
}

/// Binomial log-likelihood ratio of `matched` of `tokens` finding a translation among
/// `other` tokens: true translation against chance.
fn llr(matched: usize, tokens: usize, other: usize, rates: Rates) -> f64 {
    if tokens == 0 {
        return 0.0;
    }
    let p0 = (1.0 - (1.0 - rates.chance).powi(other as i32)).clamp(1e-6, 1.0 - 1e-6);
    let p1 = rates.found.clamp(1e-6, 1.0 - 1e-6);
    if p0 >= p1 {
        return 0.0;
    }
    let missed = (tokens - matched) as f64;
    matched as f64 * (p1 / p0).ln() + missed * ((1.0 - p1) / (1.0 - p0)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(ids: &[&[u32]]) -> Vec<ZhToken> {
        ids.iter().map(|ids| ZhToken { ids: ids.to_vec(), exact: false }).collect()
    }

    fn en(ids: &[u32]) -> Vec<EnToken> {
        ids.iter().map(|&id| EnToken { id, exact: false }).collect()
    }

    #[test]
    fn a_translation_scores_and_an_unrelated_pair_does_not() {
        let zh_items = vec![zh(&[&[1], &[2, 3], &[4]]), zh(&[&[10], &[11], &[12]])];
        let en_items = vec![en(&[1, 3, 4, 99]), en(&[10, 12, 98])];
        let mut scorer = AnchorScorer::new(&zh_items, &en_items);
        assert!(scorer.score(0..1, 0..1) > 2.0);
        assert_eq!(scorer.score(0..1, 1..2), 0.0);
    }

    #[test]
    fn merging_an_unrelated_sentence_lowers_the_evidence() {
        let zh_items = vec![zh(&[&[1], &[2], &[3], &[4]]), zh(&[&[20], &[21], &[22], &[23], &[24], &[25]])];
        let en_items = vec![en(&[1, 2, 3, 4])];
        let mut scorer = AnchorScorer::new(&zh_items, &en_items);
        assert!(scorer.score(0..2, 0..1) < scorer.score(0..1, 0..1));
    }
}
