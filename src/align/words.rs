//! Word alignment inside sentence pairs: which English words translate which Chinese words.
//!
//! Two lexical models are trained by EM on the corpus's own sentence pairs, t(e | f) and
//! t(f | e), each with fast_align's reparameterised Model 2 as the alignment distribution:
//! a word prefers the positions near the diagonal, p(i | j) ∝ exp(−λ·|i/m − j/n|), with a
//! fixed share [`NULL_SHARE`] left to the empty word (Dyer et al. 2013; λ is not re-estimated,
//! since a few thousand pairs fit it poorly). CC-CEDICT and the user dictionary are a
//! Dirichlet prior on each lexical row (as in `model1.rs`), so a corpus of one document leans
//! on them and a large one on its counts.
//!
//! Each direction aligns every word of its target side to its most likely source word (or to
//! nothing), and the two alignments are symmetrised ([`super::symmetrise`]).

use super::symmetrise::grow_diag_final_and;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Strength of the diagonal preference (fast_align's starting value).
const DIAGONAL: f64 = 4.0;
/// Probability that a word has no counterpart.
const NULL_SHARE: f64 = 0.08;
/// Pseudo-counts of the dictionary prior per source word.
const PRIOR: f64 = 4.0;
/// Share of every t(· | f) spread evenly over the vocabulary.
const FLOOR: f64 = 0.01;
/// Sentence pairs a worker takes at least in the E-step.
const BLOCK: usize = 64;

/// A sentence pair as word ids: (Chinese, English).
pub type IdPair = (Vec<u32>, Vec<u32>);

/// One direction's lexical table t(target | source). Every (source, target) pair of words
/// that meet in a training pair is one parameter, numbered once, so that an EM round is array
/// arithmetic over the pairs' precomputed parameter numbers rather than hashing.
struct Direction {
    /// Expected count of each parameter (each (source, target) that met in training).
    counts: Vec<f32>,
    /// The trained counts again, by source word: `rows[row_starts[s]..row_starts[s + 1]]`
    /// holds (target, count) sorted by target. Aligning reads t(target | source) for every
    /// cell of every pair from these rows; the hash table that numbers the parameters is only
    /// needed while training, and is dropped after it (a row entry takes 8 bytes, the table
    /// about twice that).
    row_starts: Vec<usize>,
    rows: Vec<(u32, f32)>,
    /// Total expected count of each source word.
    totals: Vec<f64>,
    /// Sorted dictionary translations of each source word.
    glosses: Vec<Vec<u32>>,
    /// t(target | NULL): each target word at its text frequency.
    null: Vec<f64>,
    vocabulary: f64,
}

impl Direction {
    fn new(glosses: Vec<Vec<u32>>, sources: usize, targets: &[&[u32]], vocabulary: usize) -> Self {
        let mut null = vec![0.0; vocabulary.max(1)];
        let mut words = 0.0;
        for &sentence in targets {
            for &t in sentence {
                null[t as usize] += 1.0;
                words += 1.0;
            }
        }
        null.iter_mut().for_each(|p| *p /= f64::max(words, 1.0));
        let mut glosses = glosses;
        glosses.resize(sources, Vec::new());
        Direction {
            counts: Vec::new(),
            row_starts: Vec::new(),
            rows: Vec::new(),
            totals: vec![0.0; sources],
            glosses,
            null,
            vocabulary: vocabulary.max(1) as f64,
        }
    }

    /// What t(· | `source`) reads of the source word: its trained row, total and glosses.
    fn source(&self, source: u32) -> Source<'_> {
        let s = source as usize;
        let row = match (self.row_starts.get(s), self.row_starts.get(s + 1)) {
            (Some(&start), Some(&end)) => &self.rows[start..end],
            _ => &[][..],
        };
        Source {
            row,
            total: self.totals.get(s).copied().unwrap_or(0.0),
            glosses: self.glosses.get(s).map_or(&[][..], Vec::as_slice),
            vocabulary: self.vocabulary,
        }
    }

    /// t(target | source) with `count` expected links.
    fn with_count(&self, source: u32, target: u32, count: f64) -> f64 {
        self.source(source).with_count(target, count)
    }

    /// t(target | source).
    fn probability(&self, source: u32, target: u32) -> f64 {
        self.source(source).probability(target)
    }

    fn null(&self, target: u32) -> f64 {
        (1.0 - FLOOR) * self.null.get(target as usize).copied().unwrap_or(0.0) + FLOOR / self.vocabulary
    }

    /// Posteriors of every (target j, source i) link of one pair, row by row, given the
    /// lexical probability of each link in the same order and each target word's null
    /// probability; written into `out` (len m·n).
    fn posteriors(m: usize, n: usize, lexical: &[f64], null: &[f64], out: &mut [f32]) {
        let (mf, nf) = (m as f64, n as f64);
        let mut prior = vec![0.0; m];
        for j in 0..n {
            // The diagonal preference of each source position, computed once per target word.
            for (i, h) in prior.iter_mut().enumerate() {
                *h = diagonal(i, j, mf, nf);
            }
            let scale = (1.0 - NULL_SHARE) / prior.iter().sum::<f64>().max(f64::MIN_POSITIVE);
            let row = &lexical[j * m..(j + 1) * m];
            let sum: f64 = row.iter().zip(&prior).map(|(&t, &h)| h * t * scale).sum::<f64>() + NULL_SHARE * null[j];
            for (i, (&t, &h)) in row.iter().zip(&prior).enumerate() {
                out[j * m + i] = (h * t * scale / sum) as f32;
            }
        }
    }

    /// `iterations` EM rounds over `pairs` (source, target).
    fn train(&mut self, pairs: &[(&[u32], &[u32])], iterations: usize) {
        // Number the parameters and lay out each pair's links (target-major) once.
        let mut index: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut params: Vec<(u32, u32)> = Vec::new();
        let mut links: Vec<u32> = Vec::new();
        let mut starts = Vec::with_capacity(pairs.len() + 1);
        for &(source, target) in pairs {
            starts.push(links.len());
            for &t in target {
                for &s in source {
                    let next = params.len() as u32;
                    let k = *index.entry((s, t)).or_insert_with(|| {
                        params.push((s, t));
                        next
                    });
                    links.push(k);
                }
            }
        }
        starts.push(links.len());
        drop(index);
        self.counts = vec![0.0; params.len()];
        let mut posterior = vec![0.0f32; links.len()];
        for _ in 0..iterations {
            let probability: Vec<f64> =
                params.iter().enumerate().map(|(k, &(s, t))| self.with_count(s, t, self.counts[k] as f64)).collect();
            // Each pair writes its own slice of `posterior`: the result does not depend on
            // the thread count, and the counts are summed in one fixed order below.
            let mut slices: Vec<&mut [f32]> = Vec::with_capacity(pairs.len());
            let mut rest = posterior.as_mut_slice();
            for k in 0..pairs.len() {
                let (head, tail) = rest.split_at_mut(starts[k + 1] - starts[k]);
                slices.push(head);
                rest = tail;
            }
            let this = &*self;
            slices.into_par_iter().enumerate().with_min_len(BLOCK).for_each(|(k, out)| {
                let (source, target) = pairs[k];
                let lexical: Vec<f64> =
                    links[starts[k]..starts[k + 1]].iter().map(|&l| probability[l as usize]).collect();
                let null: Vec<f64> = target.iter().map(|&t| this.null(t)).collect();
                Direction::posteriors(source.len(), target.len(), &lexical, &null, out);
            });
            let mut counts = vec![0.0f32; params.len()];
            for (&l, &p) in links.iter().zip(&posterior) {
                counts[l as usize] += p;
            }
            let mut totals = vec![0.0; self.totals.len()];
            for (&(s, _), &c) in params.iter().zip(&counts) {
                totals[s as usize] += c as f64;
            }
            self.counts = counts;
            self.totals = totals;
        }
        let mut order: Vec<usize> = (0..params.len()).collect();
        order.sort_unstable_by_key(|&k| params[k]);
        self.row_starts = vec![0; self.totals.len() + 1];
        for &(s, _) in &params {
            self.row_starts[s as usize + 1] += 1;
        }
        for s in 0..self.totals.len() {
            self.row_starts[s + 1] += self.row_starts[s];
        }
        self.rows = order.into_iter().map(|k| (params[k].1, self.counts[k])).collect();
    }

    /// t(target | source) of every cell of a pair, at `[i * target.len() + j]`: each source
    /// word's row, total and glosses found once for all the target words (aligning a large
    /// memory's pairs looked them up again for every cell).
    fn lexical(&self, source: &[u32], target: &[u32]) -> Vec<f64> {
        let mut out = Vec::with_capacity(source.len() * target.len());
        for &s in source {
            let source = self.source(s);
            out.extend(target.iter().map(|&t| source.probability(t)));
        }
        out
    }

    /// Each target word's best source position (None: the empty word).
    fn viterbi(&self, source: &[u32], target: &[u32]) -> Vec<Option<usize>> {
        let (m, n) = (source.len() as f64, target.len() as f64);
        let lexical = self.lexical(source, target);
        // The diagonal preference of each source position, once per target word (an exp each).
        let mut prior = vec![0.0; source.len()];
        target
            .iter()
            .enumerate()
            .map(|(j, &t)| {
                let null = NULL_SHARE * self.null(t);
                for (i, h) in prior.iter_mut().enumerate() {
                    *h = diagonal(i, j, m, n);
                }
                let z: f64 = prior.iter().sum();
                let scale = (1.0 - NULL_SHARE) / z.max(f64::MIN_POSITIVE);
                let best = prior
                    .iter()
                    .enumerate()
                    .map(|(i, &h)| (i, h * scale * lexical[i * target.len() + j]))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
                best.filter(|&(_, p)| p > null).map(|(i, _)| i)
            })
            .collect()
    }
}

/// One source word of a [`Direction`]: what t(· | source) reads of it.
struct Source<'d> {
    /// (target, expected count), sorted by target.
    row: &'d [(u32, f32)],
    total: f64,
    /// Sorted dictionary translations.
    glosses: &'d [u32],
    vocabulary: f64,
}

impl Source<'_> {
    /// The dictionary's share of t(target | source) before counts.
    fn prior(&self, target: u32) -> f64 {
        if self.glosses.is_empty() {
            1.0 / self.vocabulary
        } else if self.glosses.binary_search(&target).is_ok() {
            1.0 / self.glosses.len() as f64
        } else {
            0.0
        }
    }

    /// t(target | source) with `count` expected links.
    fn with_count(&self, target: u32, count: f64) -> f64 {
        (1.0 - FLOOR) * (count + PRIOR * self.prior(target)) / (self.total + PRIOR) + FLOOR / self.vocabulary
    }

    /// t(target | source), with the trained count.
    fn probability(&self, target: u32) -> f64 {
        let count = self.row.binary_search_by_key(&target, |&(t, _)| t).map_or(0.0, |k| self.row[k].1 as f64);
        self.with_count(target, count)
    }
}

/// fast_align's unnormalised diagonal preference of source position `i` (of `m`) for target
/// position `j` (of `n`).
fn diagonal(i: usize, j: usize, m: f64, n: f64) -> f64 {
    (-DIAGONAL * ((i as f64 + 0.5) / m - (j as f64 + 0.5) / n).abs()).exp()
}

/// The two trained directions.
pub struct WordAligner {
    /// t(English | Chinese).
    forward: Direction,
    /// t(Chinese | English).
    backward: Direction,
}

impl WordAligner {
    /// Trains both directions for `iterations` EM rounds. `glosses[f]`: the English ids the
    /// dictionary gives Chinese id `f`; ids below `zh_words` and `en_words`.
    pub fn train(pairs: &[IdPair], glosses: &[Vec<u32>], zh_words: usize, en_words: usize, iterations: usize) -> Self {
        let mut sorted: Vec<Vec<u32>> = glosses.to_vec();
        let mut inverse = vec![Vec::new(); en_words];
        for (f, stems) in sorted.iter_mut().enumerate() {
            stems.sort_unstable();
            stems.dedup();
            for &e in stems.iter() {
                inverse[e as usize].push(f as u32);
            }
        }
        let zh: Vec<&[u32]> = pairs.iter().map(|p| p.0.as_slice()).collect();
        let en: Vec<&[u32]> = pairs.iter().map(|p| p.1.as_slice()).collect();
        let mut forward = Direction::new(sorted, zh_words, &en, en_words);
        let mut backward = Direction::new(inverse, en_words, &zh, zh_words);
        let there: Vec<(&[u32], &[u32])> = zh.iter().copied().zip(en.iter().copied()).collect();
        let back: Vec<(&[u32], &[u32])> = en.iter().copied().zip(zh.iter().copied()).collect();
        // The directions are independent: trained side by side, each one's serial steps
        // (numbering parameters, summing counts) overlap the other's.
        rayon::join(|| forward.train(&there, iterations), || backward.train(&back, iterations));
        WordAligner { forward, backward }
    }

    /// t(English word | Chinese word) and t(Chinese word | English word).
    pub fn probabilities(&self, zh: u32, en: u32) -> (f64, f64) {
        (self.forward.probability(zh, en), self.backward.probability(en, zh))
    }

    /// Symmetrised links (Chinese position, English position) of one pair, sorted.
    pub fn align(&self, zh: &[u32], en: &[u32]) -> Vec<(usize, usize)> {
        let forward: Vec<(usize, usize)> =
            self.forward.viterbi(zh, en).into_iter().enumerate().filter_map(|(j, i)| Some((i?, j))).collect();
        let backward: Vec<(usize, usize)> =
            self.backward.viterbi(en, zh).into_iter().enumerate().filter_map(|(i, j)| Some((i, j?))).collect();
        grow_diag_final_and(zh.len(), en.len(), &forward, &backward)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::symmetrise::consistent_span;

    /// Chinese 0 水泵 "pump", 1 阀门 "valve", 2 一个 (a function word), 3 a coinage the
    /// dictionary lacks; English 0 pump, 1 valve, 2 a, 3 the coinage's spelling, 4 the.
    fn corpus() -> Vec<IdPair> {
        vec![
            (vec![2, 0], vec![2, 0]),
            (vec![0, 1], vec![4, 0, 4, 1]),
            (vec![3, 1], vec![4, 3, 4, 1]),
            (vec![3, 0], vec![3, 4, 0]),
            (vec![2, 3], vec![2, 3]),
            (vec![1, 3, 0], vec![1, 3, 0]),
        ]
    }

    #[test]
    fn em_and_the_dictionary_align_a_word_the_dictionary_lacks() {
        let glosses = vec![vec![0], vec![1], vec![2], vec![]];
        let aligner = WordAligner::train(&corpus(), &glosses, 4, 5, 5);
        let links = aligner.align(&[3, 1], &[4, 3, 4, 1]);
        assert!(links.contains(&(0, 1)) && links.contains(&(1, 3)), "{links:?}");
        // "the" before the coinage may come along (term translation trims function words at
        // the edges); the valve never does.
        let (start, end) = consistent_span(&links, 0..1).unwrap();
        assert!(start <= 1 && end == 2, "{links:?}");
        let (there, back) = aligner.probabilities(3, 3);
        assert!(there > aligner.probabilities(3, 0).0 && back > aligner.probabilities(0, 3).1);
    }

    #[test]
    fn a_pairs_lexical_table_holds_each_cells_probability() {
        let glosses = vec![vec![0], vec![1], vec![2], vec![]];
        let aligner = WordAligner::train(&corpus(), &glosses, 4, 5, 3);
        // Words the training never saw (id 7) as well as seen ones, in both directions.
        let (zh, en) = ([3, 1, 0, 7, 3], [4, 3, 9, 4, 1, 0]);
        for (direction, source, target) in [(&aligner.forward, &zh[..], &en[..]), (&aligner.backward, &en[..], &zh[..])]
        {
            let table = direction.lexical(source, target);
            assert_eq!(table.len(), source.len() * target.len());
            for (i, &s) in source.iter().enumerate() {
                for (j, &t) in target.iter().enumerate() {
                    assert_eq!(table[i * target.len() + j], direction.probability(s, t), "({s}, {t})");
                }
            }
        }
    }

    #[test]
    fn training_does_not_depend_on_the_thread_count() {
        let glosses = vec![vec![0], vec![1], vec![2], vec![]];
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let one = pool.install(|| WordAligner::train(&corpus(), &glosses, 4, 5, 3).probabilities(3, 3));
        let many = WordAligner::train(&corpus(), &glosses, 4, 5, 3).probabilities(3, 3);
        assert_eq!(one, many);
    }
}
