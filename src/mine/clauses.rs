//! The clauses mining reads: every body line of the corpus cut at clause punctuation, each
//! marked when the same clause came earlier, and the finding of equal texts both this and
//! the segmented clauses rest on, on all cores.

use super::{furniture, shard_of, string_hash};
use crate::corpus::{Document, Span};
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

/// Shards of [`first_equal`]'s tables: enough to balance the cores.
const SHARDS: usize = 16;

/// For each of `keys`, the index of the first key equal to it (its own index when it is the
/// first), on all cores: the keys hashed, then each shard of hashes scanned in order by a
/// worker of its own. A million-pair memory has millions of clauses, and one table filled on
/// one core took most of a second, twice.
pub(super) fn first_equal<K: AsRef<str> + Sync>(keys: &[K]) -> Vec<usize> {
    let hashes: Vec<u64> = keys.par_iter().map(|k| string_hash(k.as_ref())).collect();
    let mut shards: Vec<Vec<u32>> = vec![Vec::new(); SHARDS];
    for (i, &hash) in hashes.iter().enumerate() {
        shards[shard_of(hash, SHARDS)].push(u32::try_from(i).expect("fewer than 4G clauses"));
    }
    let firsts: Vec<Vec<(u32, u32)>> = shards
        .par_iter()
        .map(|indices| {
            let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::with_capacity(indices.len());
            let hash_of = |&j: &u32| hashes[j as usize];
            let mut out = Vec::new();
            for &i in indices {
                let key = keys[i as usize].as_ref();
                let same = |&j: &u32| hashes[j as usize] == hashes[i as usize] && keys[j as usize].as_ref() == key;
                match table.find(hashes[i as usize], same) {
                    Some(&j) => out.push((i, j)),
                    None => {
                        table.insert_unique(hashes[i as usize], i, hash_of);
                    }
                }
            }
            out
        })
        .collect();
    let mut first: Vec<usize> = (0..keys.len()).collect();
    for (i, j) in firsts.into_iter().flatten() {
        first[i as usize] = j as usize;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_equal_points_each_key_at_its_first_copy() {
        let keys = ["甲", "乙", "甲", "丙", "乙", "甲", ""];
        assert_eq!(first_equal(&keys), vec![0, 1, 0, 3, 1, 0, 6]);
        // Enough keys to fill every shard, each text seen three times.
        let many: Vec<String> = (0..3000).map(|i| format!("第{}条", i % 1000)).collect();
        let first = first_equal(&many);
        for (i, &j) in first.iter().enumerate() {
            assert_eq!(j, i % 1000, "{}", many[i]);
        }
    }

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
