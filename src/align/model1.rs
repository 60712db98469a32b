//! An IBM Model 1 lexical table, t(e | f): how likely English stem `e` translates Chinese word
//! `f` (or the empty word [`NULL`]), trained by EM on sentence pairs of the input itself, so it
//! learns what the dictionary lacks (names, the translator's own choices).
//!
//! The empty word is not trained: it emits English words at their frequency in the text
//! (`null`), so pairs a first alignment got wrong cannot teach it to explain their words away,
//! and "translated from nothing" is exactly "unrelated text" when a bead is scored.
//!
//! CC-CEDICT is a Dirichlet prior: each Chinese word brings [`PRIOR`] pseudo-counts shared
//! among its gloss stems (over the whole vocabulary when it has none), added at every M-step,
//! so a word seen once leans on its glosses and a word seen often on its counts. A floor
//! [`FLOOR`] spread over the vocabulary keeps every probability positive. For every `f`,
//! t(· | f) sums to 1 over the English vocabulary.

use rustc_hash::FxHashMap;

/// The empty Chinese word, which English words with no counterpart come from.
pub const NULL: u32 = u32::MAX;

/// Pseudo-counts of the dictionary prior per Chinese word.
const PRIOR: f64 = 10.0;

/// Share of every t(· | f) spread evenly over the English vocabulary.
const FLOOR: f64 = 0.01;

/// Smallest t(e | f) that [`Model1::translations`] lists.
pub const LISTED: f64 = 1e-3;

/// The table: expected counts of each Chinese word's English stems (sorted by stem) and
/// their totals.
pub struct Model1<'a> {
    glosses: &'a [Vec<u32>],
    vocabulary: usize,
    null: FxHashMap<u32, f64>,
    rows: FxHashMap<u32, (f64, Vec<(u32, f32)>)>,
}

impl<'a> Model1<'a> {
    /// Trains on `pairs` (Chinese word ids, English stem ids) for `iterations` EM rounds,
    /// starting from the dictionary prior alone. `glosses[f]` lists the sorted gloss stems of
    /// Chinese word `f`; every English id is below `vocabulary`; `null` gives t(e | NULL) (a
    /// distribution: it sums to 1).
    pub fn train(
        pairs: &[(&[u32], &[u32])],
        glosses: &'a [Vec<u32>],
        vocabulary: usize,
        null: FxHashMap<u32, f64>,
        iterations: usize,
    ) -> Self {
        let mut model = Model1 { glosses, vocabulary: vocabulary.max(1), null, rows: FxHashMap::default() };
        let mut posteriors = Vec::new();
        for _ in 0..iterations {
            let mut counts: FxHashMap<(u32, u32), f32> = FxHashMap::default();
            for &(zh, en) in pairs {
                for &e in en {
                    posteriors.clear();
                    posteriors.extend(zh.iter().chain(std::iter::once(&NULL)).map(|&f| model.probability(e, f)));
                    let sum: f64 = posteriors.iter().sum();
                    for (&f, &p) in zh.iter().chain(std::iter::once(&NULL)).zip(&posteriors) {
                        *counts.entry((f, e)).or_default() += (p / sum) as f32;
                    }
                }
            }
            let mut rows: FxHashMap<u32, (f64, Vec<(u32, f32)>)> = FxHashMap::default();
            for ((f, e), c) in counts {
                if f == NULL {
                    continue;
                }
                let row = rows.entry(f).or_default();
                row.0 += c as f64;
                row.1.push((e, c));
            }
            for row in rows.values_mut() {
                row.1.sort_unstable_by_key(|&(e, _)| e);
            }
            model.rows = rows;
        }
        model
    }

    /// t(e | f): the probability that Chinese word `f` (or [`NULL`]) is translated by `e`.
    pub fn probability(&self, e: u32, f: u32) -> f64 {
        if f == NULL {
            return (1.0 - FLOOR) * self.null.get(&e).copied().unwrap_or(0.0) + FLOOR / self.vocabulary as f64;
        }
        let (total, row) = self.rows.get(&f).map_or((0.0, &[][..]), |(t, row)| (*t, row.as_slice()));
        let count = row.binary_search_by_key(&e, |&(e, _)| e).map_or(0.0, |k| row[k].1 as f64);
        self.with_count(e, f, count, total)
    }

    fn with_count(&self, e: u32, f: u32, count: f64, total: f64) -> f64 {
        let vocabulary = self.vocabulary as f64;
        let glosses = self.glosses(f);
        let prior = if glosses.is_empty() {
            1.0 / vocabulary
        } else if glosses.binary_search(&e).is_ok() {
            1.0 / glosses.len() as f64
        } else {
            0.0
        };
        (1.0 - FLOOR) * (count + PRIOR * prior) / (total + PRIOR) + FLOOR / vocabulary
    }

    fn glosses(&self, f: u32) -> &[u32] {
        self.glosses.get(f as usize).map_or(&[][..], Vec::as_slice)
    }

    /// The stems `f` gives with t(e | f) ≥ [`LISTED`], each with t(e | f), and t(e | f) of
    /// the stems neither counted nor glossed (those counted or glossed but not listed lie
    /// between the two).
    /// Not for [`NULL`].
    pub fn translations(&self, f: u32) -> (Vec<(u32, f64)>, f64) {
        let (total, row) = self.rows.get(&f).map_or((0.0, &[][..]), |(t, row)| (*t, row.as_slice()));
        let mut out: Vec<(u32, f64)> = row.iter().map(|&(e, c)| (e, self.with_count(e, f, c as f64, total))).collect();
        for &e in self.glosses(f) {
            if row.binary_search_by_key(&e, |&(e, _)| e).is_err() {
                out.push((e, self.with_count(e, f, 0.0, total)));
            }
        }
        // A frequent word meets thousands of stems once or twice; they barely move a score.
        out.retain(|&(_, p)| p >= LISTED);
        let unseen =
            self.glosses(f).is_empty() as u32 as f64 * (1.0 - FLOOR) * PRIOR / self.vocabulary as f64 / (total + PRIOR)
                + FLOOR / self.vocabulary as f64;
        (out, unseen)
    }
}

/// The dictionary the other way round: for each English stem below `vocabulary`, the sorted
/// Chinese words it glosses.
pub fn invert(glosses: &[Vec<u32>], vocabulary: usize) -> Vec<Vec<u32>> {
    let mut inverse = vec![Vec::new(); vocabulary];
    for (f, stems) in glosses.iter().enumerate() {
        for &e in stems {
            inverse[e as usize].push(f as u32);
        }
    }
    inverse
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese words 0 (河 "river"), 1 (山 "mountain"), 2 (a name the dictionary lacks);
    /// English 0 river, 1 mountain, 2 the name's spelling, 3 a filler word.
    fn corpus() -> Vec<(Vec<u32>, Vec<u32>)> {
        vec![
            (vec![0, 2], vec![0, 2, 3]),
            (vec![1, 2], vec![2, 1]),
            (vec![0, 1], vec![1, 0, 3]),
            (vec![2], vec![2, 3]),
            (vec![0, 1, 2], vec![3, 2, 0, 1]),
        ]
    }

    fn train(glosses: &[Vec<u32>], iterations: usize) -> Model1<'_> {
        let corpus = corpus();
        let pairs: Vec<(&[u32], &[u32])> = corpus.iter().map(|(z, e)| (&z[..], &e[..])).collect();
        Model1::train(&pairs, glosses, 4, null(), iterations)
    }

    /// The filler word is the commonest.
    fn null() -> FxHashMap<u32, f64> {
        [(0, 0.2), (1, 0.2), (2, 0.2), (3, 0.4)].into_iter().collect()
    }

    #[test]
    fn em_finds_each_word_its_translation_without_a_dictionary() {
        let glosses = vec![Vec::new(); 3];
        let model = train(&glosses, 10);
        for f in 0..3u32 {
            let best = (0..4).max_by(|&a, &b| model.probability(a, f).total_cmp(&model.probability(b, f)));
            assert_eq!(best, Some(f), "t(· | {f})");
        }
    }

    #[test]
    fn probabilities_sum_to_one_for_every_word_and_null() {
        let glosses = vec![vec![0], vec![1, 3], Vec::new()];
        for iterations in [0, 1, 5] {
            let model = train(&glosses, iterations);
            let sum: f64 = (0..4).map(|e| model.probability(e, NULL)).sum();
            assert!((sum - 1.0).abs() < 1e-5, "NULL: {sum}");
            for f in [0, 1, 2, 7] {
                let sum: f64 = (0..4).map(|e| model.probability(e, f)).sum();
                assert!((sum - 1.0).abs() < 1e-5, "f = {f}, {iterations} iterations: {sum}");
                let (listed, unseen) = model.translations(f);
                for e in 0..4 {
                    let p = model.probability(e, f);
                    match listed.iter().find(|&&(l, _)| l == e) {
                        Some(&(_, listed)) => assert!((listed - p).abs() < 1e-9, "translations agree"),
                        None => assert!(p < LISTED || (p - unseen).abs() < 1e-9, "{e} | {f}: {p}"),
                    }
                }
            }
        }
    }

    #[test]
    fn the_dictionary_settles_what_the_counts_cannot() {
        // 0 and 1 always occur together: counts alone cannot tell them apart, glosses can.
        let pairs: Vec<(&[u32], &[u32])> = vec![(&[0, 1], &[0, 1]), (&[0, 1], &[1, 0])];
        let glosses = vec![vec![1], vec![0]];
        let model = Model1::train(&pairs, &glosses, 2, [(0, 0.5), (1, 0.5)].into_iter().collect(), 5);
        assert!(model.probability(1, 0) > 2.0 * model.probability(0, 0));
        assert!(model.probability(0, 1) > 2.0 * model.probability(1, 1));
    }
}
