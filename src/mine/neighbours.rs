//! Which words bind to the word before them: how often each word type occurs and how often
//! each pair of words occurs side by side. A word mostly preceded by one word binds to it
//! (联络 → 组), so what precedes is a piece of a longer unit; a word that follows many
//! different words (合作 after 经贸, 技术, 各领域 …) combines freely, so what precedes it
//! may be a term of its own.

use crate::corpus::Document;
use crate::segment::Token;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Mutex;

/// Word and word-pair counts of the corpus, keyed by hash: nothing is copied, and a
/// million-pair memory's tables hold millions of words and tens of millions of pairs.
pub struct WordContexts {
    /// By the word's hash, in [`SHARDS`] tables by its high bits.
    words: Vec<HashMap<u64, u32>>,
    /// The word pairs in which the second word binds to the first (they meet in at least half
    /// of its occurrences), by the hash of the two words' hashes, in [`SHARDS`] tables by its
    /// high bits. Counted on all cores, each core filling whichever tables are free, then
    /// pruned to the binding pairs: a million-pair memory has tens of millions of distinct
    /// pairs, few of them binding, and the tally asks about one for every run it counts.
    binding: Vec<HashSet<u64>>,
}

const SHARDS: usize = 64;

/// Fewest occurrences of a word for its binding to the word before to make the two a
/// compound: at four, the two met at least twice.
const MIN_COMPOUND_EVIDENCE: usize = 4;

fn shard_of(key: u64) -> usize {
    super::shard_of(key, SHARDS)
}

/// Tokens a worker collects before counting them into the shared tables: one lock of each
/// table per batch.
const BATCH_TOKENS: usize = 1 << 16;

/// One worker's words and word pairs not yet counted, by hash (each word hashed once).
#[derive(Default)]
struct Batch {
    words: Vec<u64>,
    /// Each pair's key and its second word's hash.
    pairs: Vec<(u64, u64)>,
}

impl WordContexts {
    /// Counts over tokenised sentences, each a (document, tokens) pair, on all cores.
    pub fn new<T: AsRef<[Token]>>(docs: &[Document], sentences: impl IntoParallelIterator<Item = (usize, T)>) -> Self {
        let words: Vec<Mutex<HashMap<u64, u32>>> = (0..SHARDS).map(|_| Mutex::default()).collect();
        // By pair key: the second word's hash and the count.
        let pairs: Vec<Mutex<HashMap<u64, (u64, u32)>>> = (0..SHARDS).map(|_| Mutex::default()).collect();
        let count = |batch: &mut Batch| {
            batch.words.sort_unstable_by_key(|&key| shard_of(key));
            for run in batch.words.chunk_by(|a, b| shard_of(*a) == shard_of(*b)) {
                let mut table = words[shard_of(run[0])].lock().expect("no worker panics holding a table");
                for &key in run {
                    *table.entry(key).or_default() += 1;
                }
            }
            batch.pairs.sort_unstable_by_key(|&(key, _)| shard_of(key));
            for run in batch.pairs.chunk_by(|a, b| shard_of(a.0) == shard_of(b.0)) {
                let mut table = pairs[shard_of(run[0].0)].lock().expect("no worker panics holding a table");
                for &(key, second) in run {
                    table.entry(key).or_insert((second, 0)).1 += 1;
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
                batch.words.extend(sentence.as_ref().iter().map(|t| super::string_hash(&text[t.span.clone()])));
                for k in start + 1..batch.words.len() {
                    batch.pairs.push((pair_key(batch.words[k - 1], batch.words[k]), batch.words[k]));
                }
                if batch.words.len() >= BATCH_TOKENS {
                    count(&mut batch);
                }
                batch
            })
            .for_each(|mut batch| count(&mut batch));
        let words: Vec<HashMap<u64, u32>> =
            words.into_iter().map(|t| t.into_inner().expect("no worker panicked")).collect();
        let binding = pairs
            .into_par_iter()
            .map(|table| {
                let table = table.into_inner().expect("no worker panicked");
                table
                    .into_iter()
                    .filter(|&(_, (second, n))| binds(n as usize, count_in(&words, second)))
                    .map(|(key, _)| key)
                    .collect()
            })
            .collect();
        WordContexts { words, binding }
    }

    /// How many tokens the counted clauses hold.
    pub fn tokens(&self) -> usize {
        self.words.iter().flat_map(|t| t.values()).map(|&n| n as usize).sum()
    }

    /// How often `word` occurs as a token of the counted clauses.
    pub fn count(&self, word: &str) -> usize {
        count_in(&self.words, super::string_hash(word))
    }

    /// True when token `i` of `line` (in `text`) is preceded by the word before it in at least
    /// half of its occurrences, and the corpus uses it often enough ([`MIN_COMPOUND_EVIDENCE`])
    /// for that to say the two make a compound rather than one sentence's subject and verb (司机
    /// + 装卸 "the driver loads"): the `binds` the run search asks of each line.
    pub(super) fn compound_at(&self, text: &str, line: &[Token], i: usize) -> bool {
        let hash = |i: usize| super::string_hash(&text[line[i].span.clone()]);
        let word = hash(i);
        count_in(&self.words, word) >= MIN_COMPOUND_EVIDENCE && self.binds_hashed(word, hash(i - 1))
    }

    /// True when `word` is preceded by `previous` in at least half of its occurrences.
    pub fn binds_to_previous(&self, word: &str, previous: &str) -> bool {
        self.binds_hashed(super::string_hash(word), super::string_hash(previous))
    }

    /// [`WordContexts::binds_to_previous`] of two words by their [`super::string_hash`].
    pub(super) fn binds_hashed(&self, word: u64, previous: u64) -> bool {
        // Only a counted word is in a binding pair.
        let key = pair_key(previous, word);
        self.binding[shard_of(key)].contains(&key)
    }
}

/// Whether each asked (word, previous word) pair binds, as [`WordContexts::binds_to_previous`]
/// over the same tokens answers, in one pass on all cores that counts only the words and
/// pairs asked about: new-word discovery asks about a few thousand, and the whole tables
/// of a large memory (tens of millions of pairs) took half a second to build.
pub fn binds_asked<T: AsRef<[Token]>>(
    docs: &[Document],
    sentences: impl IntoParallelIterator<Item = (usize, T)>,
    asked: &[(&str, &str)],
) -> Vec<bool> {
    let mut words: HashMap<u64, usize> = HashMap::default();
    let mut pairs: HashMap<u64, usize> = HashMap::default();
    let slots: Vec<(usize, usize)> = asked
        .iter()
        .map(|&(word, previous)| {
            let (word, previous) = (super::string_hash(word), super::string_hash(previous));
            let next = words.len();
            let w = *words.entry(word).or_insert(next);
            let next = pairs.len();
            (w, *pairs.entry(pair_key(previous, word)).or_insert(next))
        })
        .collect();
    let empty = || (vec![0u32; words.len()], vec![0u32; pairs.len()]);
    let (word_counts, pair_counts) = sentences
        .into_par_iter()
        .fold(empty, |(mut word_counts, mut pair_counts), (doc, sentence)| {
            let text = docs[doc].zh.as_str();
            let mut previous: Option<u64> = None;
            for t in sentence.as_ref() {
                let hash = super::string_hash(&text[t.span.clone()]);
                if let Some(&w) = words.get(&hash) {
                    word_counts[w] += 1;
                    if let Some(&p) = previous.and_then(|before| pairs.get(&pair_key(before, hash))) {
                        pair_counts[p] += 1;
                    }
                }
                previous = Some(hash);
            }
            (word_counts, pair_counts)
        })
        .reduce(empty, |(mut a, mut b), (c, d)| {
            a.iter_mut().zip(c).for_each(|(a, c)| *a += c);
            b.iter_mut().zip(d).for_each(|(b, d)| *b += d);
            (a, b)
        });
    slots.into_iter().map(|(w, p)| binds(pair_counts[p] as usize, word_counts[w] as usize)).collect()
}

/// The rule of binding: a pair met `together` times binds when that is at least half the
/// `occurrences` of its second word. A pair never met binds nothing (it is in no table).
fn binds(together: usize, occurrences: usize) -> bool {
    together > 0 && 2 * together >= occurrences
}

/// How often the word hashed `hash` occurs, in the sharded word counts `words`.
fn count_in(words: &[HashMap<u64, u32>], hash: u64) -> usize {
    words[shard_of(hash)].get(&hash).map_or(0, |&n| n as usize)
}

/// The key of two words side by side, from their hashes.
fn pair_key(first: u64, second: u64) -> u64 {
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

    proptest::proptest! {
        /// Counting only the pairs asked about answers as the whole tables do, for pairs met,
        /// pairs of words met apart and words never met.
        #[test]
        fn asked_pairs_bind_as_the_whole_tables_say(lines in proptest::collection::vec(
            proptest::collection::vec(0usize..5, 0..8), 1..12)) {
            const WORDS: [&str; 6] = ["甲", "乙", "丙", "丁", "戊", "己"];
            let text: String = lines.iter().map(|l| l.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ") + "\n").collect();
            let docs = vec![Document::monolingual("t".into(), InputKind::Plain, text.clone())];
            let mut sentences: Vec<(usize, Vec<Token>)> = Vec::new();
            let mut at = 0;
            for line in &lines {
                let mut tokens = Vec::new();
                for &w in line {
                    tokens.push(Token { span: at..at + WORDS[w].len(), pos: Pos::Noun });
                    at += WORDS[w].len() + 1;
                }
                at += usize::from(line.is_empty());
                sentences.push((0, tokens));
            }
            let contexts = WordContexts::new(&docs, sentences.clone());
            let asked: Vec<(&str, &str)> = WORDS.iter().flat_map(|&w| WORDS.iter().map(move |&p| (w, p))).collect();
            let answers = binds_asked(&docs, sentences, &asked);
            for (&(word, previous), answer) in asked.iter().zip(answers) {
                proptest::prop_assert_eq!(answer, contexts.binds_to_previous(word, previous), "{} after {}", word, previous);
            }
        }
    }
}
