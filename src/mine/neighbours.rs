//! Which words bind to the word before them: how often each word type occurs and how often
//! each pair of words occurs side by side. A word mostly preceded by one word binds to it
//! (联络 → 组), so what precedes is a piece of a longer unit; a word that follows many
//! different words (合作 after 经贸, 技术, 各领域 …) combines freely, so what precedes it
//! may be a term of its own.

use crate::corpus::Document;
use crate::segment::Token;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Mutex;

/// Word and word-pair counts of the corpus. Borrowed from the documents, nothing is copied.
pub struct WordContexts<'a> {
    words: HashMap<&'a str, usize>,
    /// By the hash of the two words, in [`SHARDS`] tables by its high bits: a million-pair
    /// memory has tens of millions of distinct pairs (two string slices a key tripled this
    /// table), counted on all cores, each core filling whichever tables are free.
    pairs: Vec<HashMap<u64, u32>>,
}

const SHARDS: usize = 64;

fn shard_of(key: u64) -> usize {
    super::shard_of(key, SHARDS)
}

/// Tokens a worker collects before counting them into the shared tables: one lock of each
/// table per batch.
const BATCH_TOKENS: usize = 1 << 16;

/// One worker's words and word pairs not yet counted.
#[derive(Default)]
struct Batch<'a> {
    words: Vec<&'a str>,
    pairs: Vec<u64>,
}

impl<'a> WordContexts<'a> {
    /// Counts over tokenised sentences, each a (document, tokens) pair, on all cores.
    pub fn new<T: AsRef<[Token]>>(
        docs: &'a [Document],
        sentences: impl IntoParallelIterator<Item = (usize, T)>,
    ) -> Self {
        let words: Vec<Mutex<HashMap<&'a str, usize>>> = (0..SHARDS).map(|_| Mutex::default()).collect();
        let pairs: Vec<Mutex<HashMap<u64, u32>>> = (0..SHARDS).map(|_| Mutex::default()).collect();
        let count = |batch: &mut Batch<'a>| {
            let mut by_shard: Vec<Vec<usize>> = vec![Vec::new(); SHARDS];
            for (i, word) in batch.words.iter().enumerate() {
                by_shard[shard_of(super::string_hash(word))].push(i);
            }
            for (shard, indices) in by_shard.iter().enumerate().filter(|(_, i)| !i.is_empty()) {
                let mut table = words[shard].lock().expect("no worker panics holding a table");
                for &i in indices {
                    *table.entry(batch.words[i]).or_default() += 1;
                }
            }
            batch.pairs.sort_unstable_by_key(|&key| shard_of(key));
            for run in batch.pairs.chunk_by(|a, b| shard_of(*a) == shard_of(*b)) {
                let mut table = pairs[shard_of(run[0])].lock().expect("no worker panics holding a table");
                for &key in run {
                    *table.entry(key).or_default() += 1;
                }
            }
            batch.words.clear();
            batch.pairs.clear();
        };
        sentences
            .into_par_iter()
            .fold(Batch::default, |mut batch, (doc, sentence)| {
                let text = docs[doc].zh.as_str();
                let start = batch.words.len();
                batch.words.extend(sentence.as_ref().iter().map(|t| &text[t.span.clone()]));
                for k in start + 1..batch.words.len() {
                    batch.pairs.push(pair_key(batch.words[k - 1], batch.words[k]));
                }
                if batch.words.len() >= BATCH_TOKENS {
                    count(&mut batch);
                }
                batch
            })
            .for_each(|mut batch| count(&mut batch));
        let words = words.into_iter().flat_map(|w| w.into_inner().expect("no worker panicked")).collect();
        let pairs = pairs.into_iter().map(|p| p.into_inner().expect("no worker panicked")).collect();
        WordContexts { words, pairs }
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
        let key = pair_key(first, second);
        self.pairs[shard_of(key)].get(&key).map_or(0, |&n| n as usize)
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
