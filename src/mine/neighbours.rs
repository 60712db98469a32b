//! Which words bind to the word before them: how often each word type occurs and how often
//! each pair of words occurs side by side. A word mostly preceded by one word binds to it
//! (联络 → 组), so what precedes is a piece of a longer unit; a word that follows many
//! different words (合作 after 经贸, 技术, 各领域 …) combines freely, so what precedes it
//! may be a term of its own.

use crate::corpus::Document;
use crate::segment::Token;
use rustc_hash::FxHashMap as HashMap;

/// Word and word-pair counts of the corpus. Borrowed from the documents, nothing is copied.
#[derive(Default)]
pub struct WordContexts<'a> {
    words: HashMap<&'a str, usize>,
    /// By the hash of the two words: a million-pair memory has tens of millions of distinct
    /// pairs, and two string slices a key tripled this table.
    pairs: HashMap<u64, u32>,
}

impl<'a> WordContexts<'a> {
    /// Counts over tokenised sentences, each a (document, tokens) pair.
    pub fn new<T: AsRef<[Token]>>(docs: &'a [Document], sentences: impl IntoIterator<Item = (usize, T)>) -> Self {
        let mut contexts = WordContexts::default();
        for (doc, sentence) in sentences {
            let text = docs[doc].zh.as_str();
            let words: Vec<&str> = sentence.as_ref().iter().map(|t| &text[t.span.clone()]).collect();
            for &word in &words {
                *contexts.words.entry(word).or_default() += 1;
            }
            for pair in words.windows(2) {
                *contexts.pairs.entry(pair_key(pair[0], pair[1])).or_default() += 1;
            }
        }
        contexts
    }

    /// How many tokens the counted clauses hold.
    pub fn tokens(&self) -> usize {
        self.words.values().sum()
    }

    /// How often `word` occurs as a token of the counted clauses.
    pub fn count(&self, word: &str) -> usize {
        self.words.get(word).copied().unwrap_or(0)
    }

    fn pair(&self, first: &str, second: &str) -> usize {
        self.pairs.get(&pair_key(first, second)).map_or(0, |&n| n as usize)
    }

    /// True when `word` is preceded by `previous` in at least half of its occurrences.
    pub fn binds_to_previous(&self, word: &str, previous: &str) -> bool {
        let count = self.words.get(word).copied().unwrap_or(0);
        count > 0 && 2 * self.pair(previous, word) >= count
    }
}

fn pair_key(first: &str, second: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one((first, second))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::InputKind;
    use crate::segment::Pos;

    #[test]
    fn a_word_binds_to_the_word_it_mostly_meets() {
        let text = "甲乙 丙丁\n戊己 丙丁\n庚辛 丙丁\n甲乙 丙丁\n";
        let docs = vec![Document::monolingual("t".into(), InputKind::Plain, text.to_string())];
        let sentences: Vec<(usize, Vec<Token>)> = crate::corpus::line_spans(text)
            .into_iter()
            .map(|span| {
                let mid = span.start + "甲乙".len();
                let words = vec![
                    Token { span: span.start..mid, pos: Pos::Noun },
                    Token { span: mid + 1..span.end, pos: Pos::Noun },
                ];
                (0, words)
            })
            .collect();
        let contexts = WordContexts::new(&docs, sentences);
        assert!(!contexts.binds_to_previous("丙丁", "戊己"), "丙丁 follows three different words");
        assert!(contexts.binds_to_previous("丙丁", "甲乙"), "half of the time after 甲乙");
        assert!(!contexts.binds_to_previous("不在文中", "丙丁"));
    }
}
