//! Moore's second pass (Moore 2002): Model 1 tables (`model1.rs`) trained both ways on the
//! confident 1-1 beads of a first alignment (of all the paragraph pairs of a document), and their evidence that a group of Chinese items
//! translates a group of English items, corrected for chance.
//!
//! Each English word of the group is either a translation of one of the Chinese words (or of
//! the empty word), with Model 1's probability `P₁(e | F) = (t(e | NULL) + Σ_f t(e | f)) /
//! (|F| + 1)`, or free text drawn from the text's own word frequencies `P₀(e)`; the first with
//! probability [`SHARE`]. Against "unrelated text" (every word from `P₀`) a bead scores
//! `Σ_e ln(SHARE · P₁(e | F) / P₀(e) + 1 − SHARE)`: a word explained by the table earns up to
//! many nats, an unexplained one costs at most `ln(1 − SHARE)`, so free paraphrase is not
//! punished hard. A merged bead does not win by being long: each extra English word must be
//! explained, and each extra Chinese word dilutes `P₁` of all the rest. The empty word emits
//! words at `P₀`, so a word left unaligned scores 0 and 0-1 beads, which the search does not
//! score, are neither favoured nor punished; the evidence of a bead may be negative.
//! The other direction (English explaining Chinese) is scored the same way and the two are
//! averaged.

use super::model1::{self, Model1, NULL};
use super::sentence::{self, Bead, LengthModel};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// EM rounds of the Model 1 tables.
const ITERATIONS: usize = 5;

/// Confident 1-1 beads needed to train a table worth a second pass.
const MIN_TRAINING_PAIRS: usize = 10;

/// Weight of each direction's evidence (both count the same word pairs).
const DIRECTION_WEIGHT: f64 = 0.5;

/// One problem as the second pass sees it: item lengths, and the Chinese word ids and English
/// stem ids of each item.
pub struct Texts<'a> {
    pub zh_lengths: &'a [usize],
    pub en_lengths: &'a [usize],
    pub zh_words: &'a [Vec<u32>],
    pub en_words: &'a [Vec<u32>],
}

/// The dictionary: the gloss stems of each Chinese word, and the English vocabulary size.
pub struct Dictionary<'a> {
    pub glosses: &'a [Vec<u32>],
    pub vocabulary: usize,
}

/// Moore's second pass over the problems of one document (the sentence lists of its paragraph
/// pairs, or one list): Model 1 tables trained both ways on the confident 1-1 beads of all the
/// first alignments, then every problem aligned again with their evidence added to
/// `anchor(problem, zh, en)`'s, lengths compared by the document's ratio and the variance of
/// the first alignments. One table for the document, because a paragraph pair of a few
/// sentences has too few pairs to learn from. Too few confident beads in the whole document:
/// the first alignments stand.
pub fn second_pass<F>(
    problems: &[Texts],
    dictionary: &Dictionary,
    first: Vec<Vec<Bead>>,
    mut anchor: F,
) -> Vec<Vec<Bead>>
where
    F: FnMut(usize, Range<usize>, Range<usize>) -> f64,
{
    let training: Vec<(&[u32], &[u32])> = problems
        .iter()
        .zip(&first)
        .flat_map(|(texts, beads)| {
            confident_one_to_one(beads).map(|b| (&texts.zh_words[b.zh.start][..], &texts.en_words[b.en.start][..]))
        })
        .collect();
    if training.len() < MIN_TRAINING_PAIRS {
        return first;
    }
    let Dictionary { glosses, vocabulary } = *dictionary;
    let en_unigram = unigram(problems.iter().flat_map(|t| t.en_words));
    let forward = Model1::train(&training, glosses, vocabulary, en_unigram, ITERATIONS);
    let reversed: Vec<(&[u32], &[u32])> = training.iter().map(|&(z, e)| (e, z)).collect();
    let inverse = model1::invert(glosses, vocabulary);
    let zh_unigram = unigram(problems.iter().flat_map(|t| t.zh_words));
    let backward = Model1::train(&reversed, &inverse, glosses.len(), zh_unigram, ITERATIONS);
    let lengths = LengthModel::of(problems.iter().map(|t| (t.zh_lengths, t.en_lengths)));
    let lengths = lengths
        .fitted(problems.iter().zip(&first).map(|(t, beads)| (t.zh_lengths, t.en_lengths, &beads[..])))
        .unwrap_or(lengths);
    problems
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut forward = LexicalScorer::new(&forward, t.zh_words, t.en_words);
            let mut backward = LexicalScorer::new(&backward, t.en_words, t.zh_words);
            sentence::align_given(t.zh_lengths, t.en_lengths, lengths, |z, e| {
                anchor(k, z.clone(), e.clone())
                    + DIRECTION_WEIGHT * (forward.score(z.clone(), e.clone()) + backward.score(e, z))
            })
        })
        .collect()
}

/// Relative frequencies of the words of a text.
fn unigram<'w>(items: impl Iterator<Item = &'w Vec<u32>>) -> FxHashMap<u32, f64> {
    let mut frequency: FxHashMap<u32, f64> = FxHashMap::default();
    for &w in items.flatten() {
        *frequency.entry(w).or_default() += 1.0;
    }
    let total: f64 = frequency.values().sum();
    for f in frequency.values_mut() {
        *f /= total;
    }
    frequency
}

/// 1-1 beads whose neighbours are 1-1 too (or the ends of the text): the pairs a first pass
/// is surest of.
fn confident_one_to_one(beads: &[Bead]) -> impl Iterator<Item = &Bead> {
    let one_to_one = |b: Option<&Bead>| b.is_none_or(|b| b.zh.len() == 1 && b.en.len() == 1);
    beads
        .iter()
        .enumerate()
        .filter(move |&(k, b)| {
            one_to_one(Some(b))
                && one_to_one(k.checked_sub(1).and_then(|k| beads.get(k)))
                && one_to_one(beads.get(k + 1))
        })
        .map(|(_, b)| b)
}

/// Share of English words taken to translate something on the Chinese side.
const SHARE: f64 = 0.5;

pub struct LexicalScorer<'a> {
    zh: &'a [Vec<u32>],
    en: &'a [Vec<u32>],
    /// Per English item and word: t(e | NULL), the word's frequency in the text.
    null: Vec<Vec<f64>>,
    /// Per Chinese item: Σ_f t(e | f) of an English word no word of the item favours, and
    /// what each favoured word adds to it (sorted by word: compact, searched only when a cell
    /// is first computed).
    base: Vec<f64>,
    favoured: Vec<Vec<(u32, f32)>>,
    /// Per (Chinese item, English item): Σ_f t(e | f) for each word e of the English item.
    cells: FxHashMap<(usize, usize), Vec<f32>>,
}

impl<'a> LexicalScorer<'a> {
    /// `zh[i]`: Chinese word ids of item i; `en[j]`: English stem ids of item j.
    pub fn new(model: &Model1, zh: &'a [Vec<u32>], en: &'a [Vec<u32>]) -> Self {
        let null = en.iter().map(|item| item.iter().map(|&e| model.probability(e, NULL)).collect()).collect();
        let mut base = Vec::with_capacity(zh.len());
        let mut favoured = Vec::with_capacity(zh.len());
        // Words recur: each one's translations are listed once per problem (kept for a whole
        // document, the lists would cost more memory than listing them again costs time).
        let mut translations: FxHashMap<u32, (Vec<(u32, f64)>, f64)> = FxHashMap::default();
        for item in zh {
            let mut sum = 0.0;
            let mut extra: FxHashMap<u32, f64> = FxHashMap::default();
            for &f in item {
                let (listed, unseen) = translations.entry(f).or_insert_with(|| model.translations(f));
                sum += *unseen;
                for &(e, p) in listed.iter() {
                    *extra.entry(e).or_default() += p - *unseen;
                }
            }
            base.push(sum);
            let mut extra: Vec<(u32, f32)> = extra.into_iter().map(|(e, p)| (e, p as f32)).collect();
            extra.sort_unstable_by_key(|&(e, _)| e);
            favoured.push(extra);
        }
        LexicalScorer { zh, en, null, base, favoured, cells: FxHashMap::default() }
    }

    fn cell(&mut self, i: usize, j: usize) -> &[f32] {
        let (base, favoured, en) = (self.base[i], &self.favoured[i], &self.en[j]);
        self.cells.entry((i, j)).or_insert_with(|| {
            en.iter()
                .map(|&e| {
                    let extra = favoured.binary_search_by_key(&e, |&(e, _)| e).map_or(0.0, |k| favoured[k].1);
                    (base + extra as f64) as f32
                })
                .collect()
        })
    }

    /// Evidence (nats) that Chinese items `zh` translate English items `en`, against leaving
    /// the English unaligned.
    pub fn score(&mut self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let words = zh.clone().map(|i| self.zh[i].len()).sum::<usize>() as f64 + 1.0;
        let mut total = 0.0;
        let mut sums = Vec::new();
        for j in en {
            sums.clear();
            sums.extend_from_slice(&self.null[j]);
            for i in zh.clone() {
                for (sum, &p) in sums.iter_mut().zip(self.cell(i, j)) {
                    *sum += p as f64;
                }
            }
            total += sums
                .iter()
                .zip(&self.null[j])
                .map(|(sum, null)| (SHARE * sum / words / null + 1.0 - SHARE).ln())
                .sum::<f64>();
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_scores_above_a_merge_and_an_unrelated_pair_scores_nothing() {
        // Chinese words 0-3 translate English 0-3 and words 10-13 English 10-13 (glosses).
        let mut glosses = vec![Vec::new(); 14];
        for w in [0, 1, 2, 3, 10, 11, 12, 13] {
            glosses[w as usize] = vec![w];
        }
        let null = (0..14).map(|e| (e, 1.0 / 14.0)).collect();
        let model = Model1::train(&[], &glosses, 14, null, 0);
        let zh = vec![vec![0, 1, 2, 3], vec![10, 11, 12, 13]];
        let en = vec![vec![0, 1, 2, 3], vec![10, 11, 12, 13]];
        let mut scorer = LexicalScorer::new(&model, &zh, &en);
        let right = scorer.score(0..1, 0..1);
        assert!(right > 1.0, "{right}");
        assert!(scorer.score(0..1, 1..2) <= 0.0);
        assert!(scorer.score(0..2, 0..1) < right, "an extra Chinese sentence dilutes");
        assert!(scorer.score(0..1, 0..2) < right, "an extra English sentence is unexplained");
        assert!(scorer.score(0..2, 0..2) < right + scorer.score(1..2, 1..2), "two beads beat their merge");
    }

    #[test]
    fn the_second_pass_finds_what_lengths_alone_get_wrong() {
        // Twelve Chinese and twelve English items of equal length, six words each, word k
        // glossed by stem k. Chinese item 5 is untranslated and English item 7 has no source,
        // so lengths alone pair 5-5, 6-6 and 7-7, all wrong.
        let zh_words: Vec<Vec<u32>> = (0..12).map(|i| (0..6).map(|k| i * 6 + k).collect()).collect();
        let mut en_words: Vec<Vec<u32>> = zh_words.clone();
        en_words.remove(5);
        en_words.insert(7, (200..206).collect());
        let glosses: Vec<Vec<u32>> = (0..72).map(|w| vec![w]).collect();
        let lengths = vec![30; 12];
        let first = sentence::align(&lengths, &lengths, |_, _| 0.0);
        assert!(first.contains(&Bead { zh: 5..6, en: 5..6 }), "{first:?}");
        let texts = Texts { zh_lengths: &lengths, en_lengths: &lengths, zh_words: &zh_words, en_words: &en_words };
        let dictionary = Dictionary { glosses: &glosses, vocabulary: 206 };
        let second = second_pass(&[texts], &dictionary, vec![first], |_, _, _| 0.0).remove(0);
        let mut truth: Vec<Bead> = (0..5).map(|i| Bead { zh: i..i + 1, en: i..i + 1 }).collect();
        truth.push(Bead { zh: 5..6, en: 5..5 });
        truth.extend((6..8).map(|i| Bead { zh: i..i + 1, en: i - 1..i }));
        truth.push(Bead { zh: 8..8, en: 7..8 });
        truth.extend((8..12).map(|i| Bead { zh: i..i + 1, en: i..i + 1 }));
        assert_eq!(second, truth);
    }

    #[test]
    fn one_table_serves_every_paragraph_pair_of_a_document() {
        // Three paragraph pairs of four items and one of six, six words each (word k glossed
        // by stem k), all of equal length. In the six, Chinese item 1 is untranslated and the
        // English has an unrelated item after item 3's translation, so lengths alone pair
        // 1-1, 2-2 and 3-3, all wrong. No pair has the ten confident beads a table needs; the
        // document has more.
        let sizes = [4, 4, 6, 4];
        let mut next = 0;
        let zh_words: Vec<Vec<Vec<u32>>> = sizes
            .iter()
            .map(|&n| {
                (0..n)
                    .map(|_| {
                        next += 6;
                        (next - 6..next).collect()
                    })
                    .collect()
            })
            .collect();
        let mut en_words = zh_words.clone();
        en_words[2].remove(1);
        en_words[2].insert(3, (200..206).collect());
        let glosses: Vec<Vec<u32>> = (0..next).map(|w| vec![w]).collect();
        let dictionary = Dictionary { glosses: &glosses, vocabulary: 206 };
        let lengths = [30; 6];
        let texts: Vec<Texts> = zh_words
            .iter()
            .zip(&en_words)
            .map(|(zh, en)| Texts {
                zh_lengths: &lengths[..zh.len()],
                en_lengths: &lengths[..en.len()],
                zh_words: zh,
                en_words: en,
            })
            .collect();
        let first: Vec<Vec<Bead>> =
            texts.iter().map(|t| sentence::align(t.zh_lengths, t.en_lengths, |_, _| 0.0)).collect();
        assert!(first[2].contains(&Bead { zh: 1..2, en: 1..2 }), "{:?}", first[2]);
        let alone = second_pass(&texts[2..3], &dictionary, vec![first[2].clone()], |_, _, _| 0.0);
        assert_eq!(alone[0], first[2], "one pair alone trains no table");
        let together = second_pass(&texts, &dictionary, first.clone(), |_, _, _| 0.0);
        let truth = vec![
            Bead { zh: 0..1, en: 0..1 },
            Bead { zh: 1..2, en: 1..1 },
            Bead { zh: 2..3, en: 1..2 },
            Bead { zh: 3..4, en: 2..3 },
            Bead { zh: 4..4, en: 3..4 },
            Bead { zh: 4..5, en: 4..5 },
            Bead { zh: 5..6, en: 5..6 },
        ];
        assert_eq!(together[2], truth);
        assert_eq!(together[0], first[0]);
    }

    proptest::proptest! {
        #[test]
        fn the_second_pass_covers_every_item_once(
            zh in proptest::collection::vec((1usize..80, proptest::collection::vec(0u32..40, 0..8)), 0..40),
            en in proptest::collection::vec((1usize..200, proptest::collection::vec(0u32..30, 0..8)), 0..40),
        ) {
            let (zh_lengths, zh_words): (Vec<usize>, Vec<Vec<u32>>) = zh.into_iter().unzip();
            let (en_lengths, en_words): (Vec<usize>, Vec<Vec<u32>>) = en.into_iter().unzip();
            let glosses: Vec<Vec<u32>> = (0..40).map(|w| if w % 3 == 0 { vec![w % 30] } else { Vec::new() }).collect();
            let first = sentence::align(&zh_lengths, &en_lengths, |_, _| 0.0);
            let texts = Texts { zh_lengths: &zh_lengths, en_lengths: &en_lengths, zh_words: &zh_words, en_words: &en_words };
            let dictionary = Dictionary { glosses: &glosses, vocabulary: 30 };
            let mut next = (0, 0);
            for bead in second_pass(&[texts], &dictionary, vec![first], |_, _, _| 0.0).remove(0) {
                proptest::prop_assert_eq!((bead.zh.start, bead.en.start), next);
                proptest::prop_assert!(!bead.zh.is_empty() || !bead.en.is_empty());
                next = (bead.zh.end, bead.en.end);
            }
            proptest::prop_assert_eq!(next, (zh_lengths.len(), en_lengths.len()));
        }
    }
}
