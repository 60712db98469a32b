//! The aligner's driver: one or several problems (the sentence lists of a document's
//! paragraph pairs, or one list of items) aligned with statistics shared over all of them —
//! the length ratio and variance, and the Model 1 tables of the second pass — since a
//! paragraph pair of a few sentences is too small to estimate them on: its own length ratio
//! makes a dropped sentence look like a natural 2-1 merge, and its few 1-1 beads train no
//! table. One problem alone is aligned exactly as before.

use super::anchor::AnchorScorer;
use super::features::{EnToken, Features, ZhToken};
use super::lexical::{self, Dictionary, Texts};
use super::sentence::{self, Bead, LengthModel};
use super::Evidence;

/// One problem's items as the aligner compares them.
struct Prepared {
    zh_lengths: Vec<usize>,
    en_lengths: Vec<usize>,
    zh_tokens: Vec<Vec<ZhToken>>,
    zh_words: Vec<Vec<u32>>,
    en_tokens: Vec<Vec<EnToken>>,
    en_words: Vec<Vec<u32>>,
}

impl Prepared {
    fn new(zh: &[&str], en: &[&str], features: &mut Features) -> Self {
        let (zh_tokens, zh_words) = zh.iter().map(|s| features.chinese(s)).map(|i| (i.tokens, i.words)).unzip();
        let en_tokens: Vec<Vec<EnToken>> = en.iter().map(|s| features.english(s)).collect();
        Prepared {
            zh_lengths: zh.iter().map(|s| s.chars().filter(|c| !c.is_whitespace()).count()).collect(),
            en_lengths: en.iter().map(|s| s.chars().count()).collect(),
            zh_tokens,
            zh_words,
            en_words: en_tokens.iter().map(|t| t.iter().map(|t| t.id).collect()).collect(),
            en_tokens,
        }
    }

    fn lengths(&self) -> (&[usize], &[usize]) {
        (&self.zh_lengths, &self.en_lengths)
    }
}

/// Aligns each problem (Chinese items, English items) in order, by lengths compared with the
/// ratio of all the problems and lexical anchors, the length variance estimated on a first
/// search over all of them; then, with [`Evidence::AnchorsAndModel1`], again with the evidence
/// of Model 1 tables trained on the surest 1-1 beads of all of them. The beads of problem `k`
/// index its own items.
pub fn align_problems(problems: &[(&[&str], &[&str])], features: &mut Features, evidence: Evidence) -> Vec<Vec<Bead>> {
    let prepared: Vec<Prepared> = problems.iter().map(|(zh, en)| Prepared::new(zh, en, features)).collect();
    // Each problem keeps its anchor scorer (and the cells it has computed) for every search.
    let mut anchors: Vec<AnchorScorer> =
        prepared.iter().map(|p| AnchorScorer::new(&p.zh_tokens, &p.en_tokens)).collect();
    let mut search = |lengths: LengthModel| -> Vec<Vec<Bead>> {
        prepared
            .iter()
            .zip(anchors.iter_mut())
            .map(|(p, anchors)| {
                sentence::align_given(&p.zh_lengths, &p.en_lengths, lengths, |z, e| anchors.score(z, e))
            })
            .collect()
    };
    let lengths = LengthModel::of(prepared.iter().map(Prepared::lengths));
    let mut first = search(lengths);
    let alignments = prepared.iter().zip(&first).map(|(p, beads)| (&p.zh_lengths[..], &p.en_lengths[..], &beads[..]));
    if let Some(fitted) = lengths.fitted(alignments) {
        first = search(fitted);
    }
    if evidence == Evidence::Anchors {
        return first;
    }
    let texts: Vec<Texts> = prepared
        .iter()
        .map(|p| Texts {
            zh_lengths: &p.zh_lengths,
            en_lengths: &p.en_lengths,
            zh_words: &p.zh_words,
            en_words: &p.en_words,
        })
        .collect();
    let dictionary = Dictionary { glosses: features.glosses(), vocabulary: features.english_vocabulary() };
    lexical::second_pass(&texts, &dictionary, first, |k, z, e| anchors[k].score(z, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::segment::Segmenter;

    /// A Chinese item of `n` characters and an English item of `n` characters, with nothing
    /// to match but their lengths.
    fn zh(n: usize) -> String {
        "嗯".repeat(n)
    }

    fn en(n: usize) -> String {
        "la ".repeat(n / 3)
    }

    #[test]
    fn a_paragraph_pair_is_judged_by_the_document_length_ratio() {
        // English runs about three characters to a Chinese one (60 to 20 in twenty paragraph
        // pairs). In the last the second Chinese sentence was left untranslated: alone, its
        // ratio (60 / 44) makes the pair a natural 2-1 merge; the document's ratio shows the
        // drop.
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let (short, long, dropped) = (zh(20), en(60), zh(24));
        let pairs: Vec<(Vec<&str>, Vec<&str>)> = (0..20)
            .map(|_| (vec![short.as_str()], vec![long.as_str()]))
            .chain([(vec![short.as_str(), dropped.as_str()], vec![long.as_str()])])
            .collect();
        let problems: Vec<(&[&str], &[&str])> = pairs.iter().map(|(z, e)| (&z[..], &e[..])).collect();
        let drop = vec![Bead { zh: 0..1, en: 0..1 }, Bead { zh: 1..2, en: 1..1 }];
        for evidence in [Evidence::Anchors, Evidence::AnchorsAndModel1] {
            let mut features = Features::new(&segmenter, &lexicon);
            let alone = align_problems(&problems[20..], &mut features, evidence);
            assert_eq!(alone[0], vec![Bead { zh: 0..2, en: 0..1 }], "{evidence:?}");
            let together = align_problems(&problems, &mut features, evidence);
            assert_eq!(together[20], drop, "{evidence:?}");
            assert!(together[..20].iter().all(|b| *b == [Bead { zh: 0..1, en: 0..1 }]));
        }
    }
}
