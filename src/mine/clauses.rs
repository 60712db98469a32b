//! The clauses mining reads: every body line of the corpus cut at clause punctuation, each
//! marked when the same clause came earlier.

use super::furniture;
use crate::corpus::{first_equal, is_han, Document, Span};
use rayon::prelude::*;
use std::borrow::Cow;

/// A clause of running text (see [`clause_spans`]).
pub(crate) struct Sentence {
    pub doc: usize,
    pub span: Span,
    /// The same clause (white space aside) came earlier in the corpus, and it is long (see
    /// [`MIN_COPIED`]) or stands beside a long one that did: a speech republished on three
    /// sites is one piece of evidence, not three. Its occurrences are kept (the aligner needs
    /// them) but not counted.
    pub repeat: bool,
}

pub(super) fn body_sentences(docs: &[Document]) -> Vec<Sentence> {
    let blocks: Vec<(usize, &Span)> =
        docs.iter().enumerate().flat_map(|(doc, document)| document.zh_blocks.iter().map(move |b| (doc, b))).collect();
    let spans: Vec<(usize, Span)> = blocks
        .par_iter()
        .flat_map_iter(|&(doc, block)| {
            let document = &docs[doc];
            // A translation memory's segments are all content (its headings are terms more
            // often than not); page furniture is a property of web copies.
            let body = document.aligned || furniture::is_body_line(&document.zh[block.clone()]);
            let spans = if body { clause_spans(&document.zh, block) } else { Vec::new() };
            spans.into_iter().map(move |span| (doc, span))
        })
        .collect();
    let keys: Vec<Cow<str>> = spans
        .par_iter()
        .map(|(doc, span)| {
            let text = &docs[*doc].zh[span.clone()];
            if text.contains(char::is_whitespace) {
                Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).collect())
            } else {
                Cow::Borrowed(text)
            }
        })
        .collect();
    let first = first_equal(&keys);
    drop(keys);
    // A clause met before is copied; a long one is evidence of copying by itself, a short one
    // only beside a long copied clause of its document (前不久， before a copied sentence of a
    // republished speech), since one author writes short clauses again and again.
    let copied_long = |i: usize| first[i] != i && !is_short(&docs[spans[i].0].zh[spans[i].1.clone()]);
    let repeat: Vec<bool> = (0..spans.len())
        .into_par_iter()
        .map(|i| {
            let beside = |j: usize| spans.get(j).is_some_and(|(doc, _)| *doc == spans[i].0) && copied_long(j);
            first[i] != i && (copied_long(i) || i > 0 && beside(i - 1) || beside(i + 1))
        })
        .collect();
    spans.into_iter().zip(repeat).map(|((doc, span), repeat)| Sentence { doc, span, repeat }).collect()
}

/// Fewer Chinese characters than this, a clause written again is no copy by itself: a name
/// called out (“赵师妹，), a frame of speech (林锋笑道：) or a heading is written again and
/// again by one author, and counting it once hid the names a novel uses most in dialogue.
const MIN_COPIED: usize = 6;

/// Whether `clause` has fewer than [`MIN_COPIED`] Chinese characters.
fn is_short(clause: &str) -> bool {
    clause.chars().filter(|&c| is_han(c)).take(MIN_COPIED).count() < MIN_COPIED
}

/// The clauses of a line, each with its closing punctuation. Clauses, not sentences, are
/// the unit of repetition: republished texts are often edited sentence by sentence
/// (会议成果 → 峰会成果) while most clauses stay word for word.
fn clause_spans(text: &str, line: &Span) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = line.start;
    for (at, c) in text[line.clone()].char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '，' | '：') {
            let end = line.start + at + c.len_utf8();
            spans.push(start..end);
            start = end;
        }
    }
    if text[start..line.end].chars().any(|c| !c.is_whitespace()) {
        spans.push(start..line.end);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_repeated_but_for_white_space_is_a_repeat() {
        let zh = "推动区域经济合作，深化交流。推动区域 经济合作，新的一句".to_string();
        let texts = repeats(&zh);
        assert_eq!(
            texts,
            [("推动区域经济合作，", false), ("深化交流。", false), ("推动区域 经济合作，", true), ("新的一句", false)]
        );
    }

    #[test]
    fn a_short_clause_counts_each_time_it_is_written() {
        // A name called out or a frame of speech is written again and again by one author; it
        // is no copied text.
        let zh = "“赵师妹，好久不见。”“赵师妹，算了。”林锋笑道：“来了。”林锋笑道：“走吧。”".to_string();
        let texts = repeats(&zh);
        assert!(texts.iter().all(|&(_, repeat)| !repeat), "{texts:?}");
        // Beside a long copied clause, a short one is part of the copy.
        let zh = "前不久，各方出席了峰会并通过宣言。前不久，各方出席了峰会并通过宣言。".to_string();
        assert_eq!(repeats(&zh).iter().filter(|&&(_, repeat)| repeat).count(), 2);
    }

    /// The clauses of one aligned document `zh`, each with whether it is a repeat.
    fn repeats(zh: &str) -> Vec<(&str, bool)> {
        let mut doc = Document::monolingual("d".into(), crate::corpus::InputKind::Tsv, zh.to_string());
        doc.aligned = true;
        doc.zh_blocks = crate::corpus::line_spans(zh);
        let sentences = body_sentences(&[doc]);
        sentences.iter().map(|s| (&zh[s.span.clone()], s.repeat)).collect()
    }
}
