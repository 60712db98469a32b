//! Bilingual alignment: documents → sentence pairs ([`sentence_pairs`]) → the English
//! equivalent of each Chinese term with its evidence ([`terms`]).
//!
//! Already-aligned inputs (TM, TSV, line pairs) give their segment pairs as they are. A
//! bilingual document is aligned in two levels (`levels`): its paragraph streams first, then
//! the sentences inside each paragraph pair, all of them with the document's length ratio,
//! variance and Model 1 tables (`problems`). `input` reads the two files of `zhterm align`:
//! one sentence a line, or raw documents aligned in the same two levels.

mod anchor;
pub mod english;
pub mod evaluate;
pub mod features;
pub mod input;
pub mod levels;
mod lexical;
pub mod model1;
pub mod numbers;
mod problems;
pub mod sentence;
pub mod symmetrise;
pub mod terms;
pub mod words;

use crate::corpus::{is_han, Document, Span};
use crate::lexicon::Lexicon;
use crate::segment::Segmenter;
pub use features::Features;
use levels::{align_outlines, Outline};
use sentence::Bead;

/// A Chinese span and the English span that translates it, in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentencePair {
    pub doc: usize,
    pub zh: Span,
    pub en: Span,
}

/// Sentence pairs of every bilingual document, in document order.
pub fn sentence_pairs(docs: &[Document], segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<SentencePair> {
    let mut features = Features::new(segmenter, lexicon);
    let mut pairs = Vec::new();
    for (index, doc) in docs.iter().enumerate() {
        if !doc.is_bilingual() {
            continue;
        }
        if doc.aligned {
            for (zh, en) in doc.zh_blocks.iter().zip(&doc.en_blocks) {
                if !zh.is_empty() && !en.is_empty() {
                    pairs.push(SentencePair { doc: index, zh: zh.clone(), en: en.clone() });
                }
            }
        } else {
            align_document(index, doc, &mut features, &mut pairs);
        }
    }
    pairs
}

fn align_document(index: usize, doc: &Document, features: &mut Features, pairs: &mut Vec<SentencePair>) {
    let zh = Outline::new(&doc.zh_blocks, |p| zh_sentences(&doc.zh, p));
    let en = Outline::new(&doc.en_blocks, |p| english::sentences(&doc.en, p));
    for bead in align_outlines(&doc.zh, &zh, &doc.en, &en, features) {
        if !bead.zh.is_empty() && !bead.en.is_empty() {
            pairs.push(SentencePair {
                doc: index,
                zh: zh.sentences[bead.zh.start].start..zh.sentences[bead.zh.end - 1].end,
                en: en.sentences[bead.en.start].start..en.sentences[bead.en.end - 1].end,
            });
        }
    }
}

/// Paragraph pairs of a bilingual document: groups of Chinese and English blocks that
/// translate each other (1-0 and 0-1 beads left out).
pub fn paragraph_pairs(doc: &Document, features: &mut Features) -> Vec<(Vec<Span>, Vec<Span>)> {
    align_spans(&doc.zh, &doc.zh_blocks, &doc.en, &doc.en_blocks, features)
        .into_iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
        .map(|b| (doc.zh_blocks[b.zh].to_vec(), doc.en_blocks[b.en].to_vec()))
        .collect()
}

/// Aligns two lists of spans (indices of the beads are indices into the lists).
fn align_spans(zh: &str, zh_spans: &[Span], en: &str, en_spans: &[Span], features: &mut Features) -> Vec<Bead> {
    let zh_items: Vec<&str> = zh_spans.iter().map(|s| &zh[s.clone()]).collect();
    let en_items: Vec<&str> = en_spans.iter().map(|s| &en[s.clone()]).collect();
    align_texts(&zh_items, &en_items, features)
}

/// The evidence the sentence aligner weighs besides lengths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Evidence {
    /// Dictionary and exact anchors, corrected for chance (one pass).
    Anchors,
    /// Moore's second pass: align with anchors, train Model 1 tables on the confident 1-1
    /// beads, align again with the tables' evidence added. Better on free translation
    /// (benches/align.rs), about three times slower.
    #[default]
    AnchorsAndModel1,
}

/// Aligns Chinese items (sentences or paragraphs) with English ones, in order: lengths plus
/// lexical anchors (dictionary glosses, numbers, Latin words) corrected for chance, then again
/// with a Model 1 table learnt from the first alignment's surest pairs ([`Evidence`]).
pub fn align_texts(zh: &[&str], en: &[&str], features: &mut Features) -> Vec<Bead> {
    align_texts_with(zh, en, features, Evidence::default())
}

/// [`align_texts`] with the evidence chosen.
pub fn align_texts_with(zh: &[&str], en: &[&str], features: &mut Features, evidence: Evidence) -> Vec<Bead> {
    problems::align_problems(&[(zh, en)], features, evidence).pop().unwrap_or_default()
}

/// Sentence spans of a Chinese paragraph: ends after 。！？ (and closing quotes after them).
pub fn zh_sentences(text: &str, span: &Span) -> Vec<Span> {
    let body = &text[span.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '。' | '！' | '？') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, q)) = chars.peek() {
                if matches!(q, '”' | '’' | '）') {
                    end = j + q.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            english::push_trimmed(body, start, end, span.start, &mut out);
            start = end;
        }
    }
    english::push_trimmed(body, start, body.len(), span.start, &mut out);
    out.retain(|s| text[s.clone()].chars().any(|c| is_han(c) || c.is_alphanumeric()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::InputKind;

    #[test]
    fn chinese_sentences_end_at_final_punctuation() {
        let text = "他说：“好。”我们同意！然后";
        let parts: Vec<_> = zh_sentences(text, &(0..text.len())).iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(parts, ["他说：“好。”", "我们同意！", "然后"]);
    }

    #[test]
    fn interleaved_paragraphs_pair_up_by_length_and_numbers() {
        let zh = "第一段讲了2020年的事情。\n第二段很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。\n"
            .to_string();
        let en = "The first paragraph is about 2020.\nThe second paragraph is very very very very very very very very very long indeed, it goes on and on and on.\n".to_string();
        let doc = Document {
            name: "t".into(),
            kind: InputKind::Bilingual,
            zh_blocks: crate::corpus::line_spans(&zh),
            en_blocks: crate::corpus::line_spans(&en),
            zh,
            en,
            aligned: false,
            locale: None,
        };
        let pairs = sentence_pairs(std::slice::from_ref(&doc), &Segmenter::new(), &Lexicon::new());
        assert_eq!(pairs.len(), 2);
        assert!(doc.zh[pairs[0].zh.clone()].contains("2020"));
        assert!(doc.en[pairs[0].en.clone()].contains("2020"));
    }
}
