//! Two-level alignment of a document: its paragraphs first, then the sentences inside each
//! paragraph pair. Every bead is kept (1-0 and 0-1 included), numbered over the document's
//! whole sentence list, so the build can keep the pairs and `zhterm align` can print them all.

use super::problems::align_problems;
use super::sentence::Bead;
use super::{align_spans, Evidence, Features};
use crate::corpus::Span;
use std::ops::Range;

/// A text's paragraphs and their sentences, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub paragraphs: Vec<Span>,
    /// The sentences of every paragraph, one list for the whole text.
    pub sentences: Vec<Span>,
    /// `sentences[starts[p]..starts[p + 1]]` are the sentences of paragraph `p`.
    starts: Vec<usize>,
}

impl Outline {
    /// Cuts each paragraph into sentences with `split` (spans into the same text).
    pub fn new(paragraphs: &[Span], mut split: impl FnMut(&Span) -> Vec<Span>) -> Self {
        let mut sentences = Vec::new();
        let mut starts = vec![0];
        for paragraph in paragraphs {
            sentences.extend(split(paragraph));
            starts.push(sentences.len());
        }
        Outline { paragraphs: paragraphs.to_vec(), sentences, starts }
    }

    /// One paragraph holding the given sentences (a text that has no paragraphs of its own).
    pub fn flat(sentences: Vec<Span>) -> Self {
        let whole = match (sentences.first(), sentences.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        };
        Outline { paragraphs: vec![whole], starts: vec![0, sentences.len()], sentences }
    }

    /// The sentence indices of a run of paragraphs.
    fn sentences_of(&self, paragraphs: &Range<usize>) -> Range<usize> {
        self.starts[paragraphs.start]..self.starts[paragraphs.end]
    }
}

/// Aligns the paragraphs of `zh` and `en`, then the sentences inside each paragraph pair; the
/// sentences of a paragraph left unpaired become 1-0 (or 0-1) beads. Bead indices are
/// sentence indices of the outlines. The sentence alignments of all the paragraph pairs share
/// the document's statistics (length ratio and variance, Model 1 tables: `problems.rs`).
pub fn align_outlines(
    zh: &str,
    zh_outline: &Outline,
    en: &str,
    en_outline: &Outline,
    features: &mut Features,
) -> Vec<Bead> {
    let paragraphs = align_spans(zh, &zh_outline.paragraphs, en, &en_outline.paragraphs, features);
    let sentences_of = |b: &Bead| (zh_outline.sentences_of(&b.zh), en_outline.sentences_of(&b.en));
    let paired: Vec<(Vec<&str>, Vec<&str>)> = paragraphs
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
        .map(|b| {
            let (zh_sentences, en_sentences) = sentences_of(b);
            (items(zh, &zh_outline.sentences[zh_sentences]), items(en, &en_outline.sentences[en_sentences]))
        })
        .collect();
    let problems: Vec<(&[&str], &[&str])> = paired.iter().map(|(z, e)| (&z[..], &e[..])).collect();
    let mut inner = align_problems(&problems, features, Evidence::default()).into_iter();
    let mut beads = Vec::new();
    for paragraphs in &paragraphs {
        let (zh_sentences, en_sentences) = sentences_of(paragraphs);
        if paragraphs.zh.is_empty() || paragraphs.en.is_empty() {
            let (zh_at, en_at) = (zh_sentences.start, en_sentences.start);
            beads.extend(zh_sentences.map(|i| Bead { zh: i..i + 1, en: en_at..en_at }));
            beads.extend(en_sentences.map(|j| Bead { zh: zh_at..zh_at, en: j..j + 1 }));
            continue;
        }
        let shift = |r: Range<usize>, by: usize| r.start + by..r.end + by;
        beads.extend(
            inner
                .next()
                .unwrap_or_default()
                .into_iter()
                .map(|b| Bead { zh: shift(b.zh, zh_sentences.start), en: shift(b.en, en_sentences.start) }),
        );
    }
    beads
}

fn items<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
    spans.iter().map(|s| &text[s.clone()]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{english, zh_sentences};
    use crate::lexicon::Lexicon;
    use crate::segment::Segmenter;

    #[test]
    fn outline_numbers_sentences_over_the_whole_text() {
        let text = "甲说了。乙笑了。\n丙走了。";
        let paragraphs = crate::corpus::line_spans(text);
        let outline = Outline::new(&paragraphs, |p| zh_sentences(text, p));
        let sentences: Vec<_> = outline.sentences.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(sentences, ["甲说了。", "乙笑了。", "丙走了。"]);
        assert_eq!(outline.sentences_of(&(1..2)), 2..3);
        assert_eq!(outline.sentences_of(&(0..2)), 0..3);
    }

    #[test]
    fn every_sentence_is_in_exactly_one_bead_in_order() {
        let zh =
            "老人在河边钓鱼。他钓了三十条鱼。\n天黑了，他回家了。\n这一段没有翻译，只在中文里出现，讲的是别的事情。";
        let en = "The old man fished by the river. He caught 30 fish.\nIt got dark and he went home.";
        let zh_outline = Outline::new(&crate::corpus::line_spans(zh), |p| zh_sentences(zh, p));
        let en_outline = Outline::new(&crate::corpus::line_spans(en), |p| english::sentences(en, p));
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let beads = align_outlines(zh, &zh_outline, en, &en_outline, &mut Features::new(&segmenter, &lexicon));
        let zh_covered: Vec<usize> = beads.iter().flat_map(|b| b.zh.clone()).collect();
        let en_covered: Vec<usize> = beads.iter().flat_map(|b| b.en.clone()).collect();
        assert_eq!(zh_covered, (0..zh_outline.sentences.len()).collect::<Vec<_>>());
        assert_eq!(en_covered, (0..en_outline.sentences.len()).collect::<Vec<_>>());
        assert!(beads.contains(&Bead { zh: 1..2, en: 1..2 }), "三十 ↔ 30: {beads:?}");
        assert_eq!(beads.last(), Some(&Bead { zh: 3..4, en: 3..3 }), "{beads:?}");
    }
}
