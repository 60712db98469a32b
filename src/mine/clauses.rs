//! The clauses mining reads: every body line of the corpus cut at clause punctuation, each
//! marked when the same clause came earlier.

use super::furniture;
use crate::corpus::{first_equal, Document, Span};
use rayon::prelude::*;
use std::borrow::Cow;

/// A clause of running text (see [`clause_spans`]).
pub(crate) struct Sentence {
    pub doc: usize,
    pub span: Span,
    /// The same clause (white space aside) came earlier in the corpus: a speech republished
    /// on three sites is one piece of evidence, not three. Its occurrences are kept (the
    /// aligner needs them) but not counted.
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
    spans
        .into_iter()
        .zip(first)
        .enumerate()
        .map(|(i, ((doc, span), first))| Sentence { doc, span, repeat: first != i })
        .collect()
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
        let zh = "推动合作，深化交流。推动 合作，新的一句".to_string();
        let mut doc = Document::monolingual("d".into(), crate::corpus::InputKind::Tsv, zh.clone());
        doc.aligned = true;
        doc.zh_blocks = crate::corpus::line_spans(&zh);
        let sentences = body_sentences(&[doc]);
        let texts: Vec<(&str, bool)> = sentences.iter().map(|s| (&zh[s.span.clone()], s.repeat)).collect();
        assert_eq!(texts, [("推动合作，", false), ("深化交流。", false), ("推动 合作，", true), ("新的一句", false)]);
    }
}
