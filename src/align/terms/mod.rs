//! Term translation: for each Chinese term, the English span of the aligned sentences that
//! translates it. English candidates are noun-phrase-like n-grams ([`spans`]) of the pairs the
//! term occurs in (found through occurrence → pair, never by scanning); each is scored by
//! - `dice`: co-occurrence over sentence pairs, 2·c(t,e) / (f(t) + f(e));
//! - `dictionary`: how much of the term and of the n-gram CC-CEDICT explains ([`compose`];
//!   with the corpus's [`learned`] renderings of words CC-CEDICT lacks, when trained),
//!   or a list of as many items as the term's leading numeral says (三大产业 ↔ "agriculture,
//!   industry and services");
//! - `identity`: a Latin string written the same on both sides (RCEP);
//! - acronyms defined in the English text ([`acronyms`]): a Chinese short form takes the
//!   acronym of its long form's English.
//!
//! Competitive linking then gives each English n-gram to one term only: the best-scored
//! (term, English) links are fixed first, and a term whose best English was taken falls back
//! on its next option.

pub mod acronyms;
mod aligned;
pub mod canonical;
mod complete;
pub mod compose;
pub mod confirm;
mod demonyms;
pub mod given;
pub mod learned;
mod linking;
mod options;
mod pairs;
mod pieces;
mod short_forms;
mod sounds;
pub mod spans;

use super::english;
use super::numbers::chinese_numeral;
use super::SentencePair;
use crate::corpus::{is_han, Document};
use crate::lexicon::Lexicon;
use crate::mine::Candidate;
use crate::segment::Segmenter;
use aligned::PairAlignments;
use compose::TermGlosses;
use learned::LearnedLexicon;
use linking::competitive_linking;
use pairs::{aligned_sample, pairs_holding, TermPair, TermPairs};
use rayon::prelude::*;
use spans::{Lemmas, Phrase};
// FxHash: phrase keys are already hashes and lemmas short words, looked up millions of times.
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Below this score no equivalent is proposed.
const MIN_SCORE: f64 = 0.3;
/// Supporting pair ids kept as evidence.
const MAX_EVIDENCE: usize = 5;
/// Most sentence pairs per term word-aligned.
const MAX_ALIGNED: usize = 32;
/// Most sentence pairs word-aligned in all: past it each term's share shrinks (down to
/// [`MIN_ALIGNED`]), so a memory of a million pairs and thousands of terms aligns a bounded
/// number of pairs. A memory smaller than this is aligned as before.
const MAX_ALIGNED_PAIRS: usize = 20_000;
/// Fewest sentence pairs per term word-aligned, however many terms there are.
const MIN_ALIGNED: usize = 4;
/// Options per term kept for competitive linking.
const MAX_OPTIONS: usize = 8;
/// How much an English phrase far from the term's relative position loses (at distance 1).
const DISTORTION_WEIGHT: f64 = 0.3;
/// How much better the dictionary must like a fragment than its compound to keep it.
const FRAGMENT_MARGIN: f64 = 0.0;
/// Least dictionary support of a phrase a term may take from another in an exchange.
const EXCHANGE_DICTIONARY: f64 = 0.5;
/// Dictionary support of a phrase that renders a term exactly, both ways.
const EXACT_RENDERING: f64 = 0.95;
/// Least dictionary support of an English phrase that only one sentence pair supports.
const SINGLE_PAIR_DICTIONARY: f64 = 0.5;
/// Weight of the share of a term's pairs whose word alignment gives it the phrase.
const ALIGNED_WEIGHT: f64 = 0.5;
/// Bonus of an English acronym whose long form translates the term's long form.
const ACRONYM_BONUS: f64 = 1.0;

/// The English equivalent found for one term, with its evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Equivalent {
    pub english: String,
    pub score: f64,
    pub cooccurrences: usize,
    pub dice: f64,
    pub dictionary: f64,
    /// Indices into the sentence pairs that show the term and its equivalent together.
    pub pairs: Vec<usize>,
    /// Other spellings seen in the pairs (plural, case), most frequent first.
    #[serde(default)]
    pub variants: Vec<String>,
    /// The acronym the English text defines for `english` (SCO).
    #[serde(default)]
    pub abbreviation: Option<String>,
}

/// English side of the sentence pairs, each distinct text tokenised once (a memory repeats a
/// fifth of its English segments, a document's boilerplate more).
struct EnglishSide<'a> {
    texts: Vec<&'a str>,
    /// Words of each distinct text; `copies.slot[pair]` is the pair's text among them.
    distinct: Vec<Vec<spans::Token>>,
    copies: crate::corpus::Distinct,
    lemmas: Lemmas,
    /// By lemma id: whether the text writes the word in lower case somewhere.
    lower: Vec<bool>,
}

impl<'a> EnglishSide<'a> {
    fn new(docs: &'a [Document], pairs: &[SentencePair]) -> Self {
        let mut lemmas = Lemmas::default();
        let texts: Vec<&str> = pairs.iter().map(|p| &docs[p.doc].en[p.en.clone()]).collect();
        let copies = crate::corpus::Distinct::of(&texts);
        let distinct_texts: Vec<&str> = copies.first.iter().map(|&p| texts[p]).collect();
        // Lemmas are numbered in order of first sight, which the first copies keep.
        let distinct = lemmas.tokens_of_all(&distinct_texts);
        let lower: Vec<std::sync::atomic::AtomicBool> = (0..lemmas.len()).map(|_| Default::default()).collect();
        distinct_texts.par_iter().zip(&distinct).for_each(|(text, words)| {
            for w in words {
                if text[w.start as usize..].starts_with(|c: char| c.is_lowercase()) {
                    lower[w.id as usize].store(true, Relaxed);
                }
            }
        });
        let lower = lower.into_iter().map(|l| l.into_inner()).collect();
        EnglishSide { texts, distinct, copies, lemmas, lower }
    }

    /// The words of pair `pair`'s English.
    fn words(&self, pair: usize) -> &[spans::Token] {
        &self.distinct[self.copies.slot[pair]]
    }

    /// Whether the text writes `word` in lower case somewhere.
    fn seen_lower(&self, word: &str) -> bool {
        self.lemmas.id(&english::lemma(word)).is_some_and(|id| self.lower[id as usize])
    }

    /// Whether word `index` of pair `pair` opens a sentence (English capitalises it there).
    fn sentence_initial(&self, pair: usize, index: usize) -> bool {
        let text = self.texts[pair];
        let before = text[..self.words(pair)[index].start as usize]
            .trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘([«".contains(c));
        before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', '。', '！', '？', '…'])
    }

    fn phrases(&self, pair: usize) -> Vec<Phrase> {
        spans::phrases(self.texts[pair], self.words(pair), &self.lemmas)
    }

    fn surface(&self, pair: usize, phrase: &Phrase) -> &'a str {
        &self.texts[pair][spans::span_of(self.words(pair), phrase)]
    }
}

/// Moves option `found` up to `to` (a term's best), scored just above what stood there: a rule
/// of English word formation or naming that overrides the counts ([`demonyms`], [`complete`]).
fn promote(options: &mut [Option_], to: usize, found: usize) {
    options[found].equivalent.score = options[to].equivalent.score + 1e-6;
    options[to..=found].rotate_right(1);
}

/// An option for the tests of the rules that reorder a term's options.
#[cfg(test)]
fn test_option(english: &str, score: f64, cooccurrences: usize, dictionary: f64) -> Option_ {
    Option_ {
        key: english.len() as u64,
        vouched: false,
        piece_of: None,
        spots: Vec::new(),
        equivalent: Equivalent {
            english: english.into(),
            score,
            cooccurrences,
            dice: score,
            dictionary,
            pairs: Vec::new(),
            variants: Vec::new(),
            abbreviation: None,
        },
    }
}

/// One scored English option of a term.
#[derive(Debug, Clone)]
struct Option_ {
    key: u64,
    /// Written the same on both sides, or the acronym of the long form's English: evidence
    /// that needs no count.
    vouched: bool,
    /// Where the phrase stands in the supporting pairs: (pair, word range), in pair order.
    spots: Vec<(usize, (usize, usize))>,
    equivalent: Equivalent,
    /// The key of the compound this phrase is a piece of, always met inside it ("Red Cliff"
    /// of "Red Cliff Town"): the term takes it only when a longer term containing it holds
    /// the compound ([`linking`]).
    piece_of: Option<u64>,
}

/// What every translation of a build's terms reads, prepared once: the English side of the
/// sentence pairs tokenised, the pairs holding each candidate, how often each phrase of those
/// pairs occurs, and the acronyms the English text defines. A build translates its selection
/// first and the candidates its translation may confirm after ([`confirm`]), from one
/// `Translator`, so a memory of a million pairs is read once.
pub struct Translator<'a> {
    candidates: &'a [Candidate],
    english: EnglishSide<'a>,
    term_pairs: Vec<TermPairs>,
    frequency: PhraseCounts,
    definitions: Definitions,
    /// The word alignment of the pairs searched, once trained ([`Translator::align_words`]).
    alignments: Option<PairAlignments>,
}

impl<'a> Translator<'a> {
    pub fn new(candidates: &'a [Candidate], docs: &'a [Document], pairs: &[SentencePair]) -> Self {
        let english = EnglishSide::new(docs, pairs);
        let term_pairs = pairs_holding(candidates, docs, pairs);
        let frequency = phrase_frequencies(&english, &term_pairs);
        let definitions = acronym_table(docs);
        Translator { candidates, english, term_pairs, frequency, definitions, alignments: None }
    }

    /// Trains a word aligner on the pairs (`crate::align::words`) and aligns those the terms
    /// are looked for in: from then on, the English a term is aligned to in each pair counts
    /// in its score.
    pub fn align_words(&mut self, docs: &[Document], pairs: &[SentencePair], segmenter: &Segmenter, lexicon: &Lexicon) {
        let mut most = MAX_ALIGNED;
        let needed = loop {
            let mut needed: Vec<usize> = self.term_pairs.iter().flat_map(|ids| aligned_sample(ids, most)).collect();
            needed.sort_unstable();
            needed.dedup();
            if needed.len() <= MAX_ALIGNED_PAIRS || most == MIN_ALIGNED {
                break needed;
            }
            most = (most / 2).max(MIN_ALIGNED);
        };
        self.alignments = Some(PairAlignments::new(docs, pairs, &self.english, &needed, segmenter, lexicon));
    }

    pub fn candidate(&self, index: usize) -> &Candidate {
        &self.candidates[index]
    }

    /// The English sentence of pair `pair`.
    pub fn english_of(&self, pair: usize) -> &str {
        self.english.texts[pair]
    }

    /// English equivalents for the candidates `which` (same order; `None` when nothing scored
    /// enough). They compete for phrases among themselves only.
    pub fn translate(
        &self,
        which: Range<usize>,
        lexicon: &Lexicon,
        learned: Option<&LearnedLexicon>,
    ) -> Vec<Option<Equivalent>> {
        let candidates = &self.candidates[which.clone()];
        let terms: Vec<&str> = candidates.iter().map(|c| c.term.as_str()).collect();
        // Each term's options are its own work: on all cores.
        let mut options: Vec<Vec<Option_>> = candidates
            .par_iter()
            .zip(&self.term_pairs[which])
            .map(|(candidate, ids)| {
                if !candidate.term.chars().any(is_han) {
                    return Vec::new();
                }
                let glosses = TermGlosses::new(&candidate.term, lexicon, learned);
                options::term_options(
                    candidate,
                    ids,
                    &self.english,
                    &self.frequency,
                    &glosses,
                    self.alignments.as_ref(),
                )
            })
            .collect();
        reward_short_form_acronyms(candidates, &mut options, &self.definitions);
        options.iter_mut().for_each(|o| {
            demonyms::prefer_names(o);
            complete::prefer_inner(o);
            complete::prefer_complete(o);
        });
        let long_of = short_forms::long_forms(&terms);
        let seen: Vec<Vec<Equivalent>> = long_of
            .iter()
            .zip(&options)
            .map(|(long, o)| {
                let whole = o.iter().filter(|o| o.piece_of.is_none());
                long.map_or_else(Vec::new, |_| whole.map(|o| o.equivalent.clone()).collect())
            })
            .collect();
        let mut chosen = competitive_linking(&terms, options);
        for (short, long) in long_of.iter().enumerate() {
            let Some(long) = long.and_then(|l| chosen[l].clone()) else { continue };
            let acronym = self.definitions.acronym_of(&long.english);
            chosen[short] = short_forms::english(chosen[short].take(), &seen[short], &long, acronym.as_deref());
        }
        for (candidate, equivalent) in candidates.iter().zip(chosen.iter_mut()) {
            if !candidate.term.chars().any(is_han) {
                // A Latin term (RCEP) is its own English; it does not compete for phrases.
                *equivalent = Some(Equivalent {
                    english: candidate.term.clone(),
                    score: 1.0,
                    cooccurrences: 0,
                    dice: 0.0,
                    dictionary: 0.0,
                    pairs: Vec::new(),
                    variants: Vec::new(),
                    abbreviation: None,
                });
            }
        }
        for equivalent in chosen.iter_mut().flatten() {
            equivalent.abbreviation = self.definitions.acronym_of(&equivalent.english);
        }
        chosen
    }
}

/// English equivalents for `candidates` (same order; `None` when nothing scored enough).
/// `learned`: the corpus's own lexical table, when one was trained.
pub fn translate(
    candidates: &[Candidate],
    docs: &[Document],
    pairs: &[SentencePair],
    lexicon: &Lexicon,
    learned: Option<&LearnedLexicon>,
) -> Vec<Option<Equivalent>> {
    Translator::new(candidates, docs, pairs).translate(0..candidates.len(), lexicon, learned)
}

/// How many pairs hold each phrase that occurs in some term's pairs.
type PhraseCounts = HashMap<u64, AtomicUsize>;

/// [`PhraseCounts`] of the phrases in the terms' sampled pairs (the only ones a term's
/// options are read from), counted over every pair on all cores. Each distinct English text's
/// phrases are worked out once: those of the sampled texts first, counted as they are
/// gathered, then those of the other texts, counted where a sampled text has them too.
fn phrase_frequencies(english: &EnglishSide, term_pairs: &[TermPairs]) -> PhraseCounts {
    let mut sampled: Vec<bool> = vec![false; english.copies.len()];
    for t in term_pairs.iter().flat_map(|t| &t.sample) {
        sampled[english.copies.slot[t.pair as usize]] = true;
    }
    let texts = english.copies.with_copies();
    // A text's phrases, each once, with the text's copies.
    let phrases_of = |p: usize| {
        let mut keys: Vec<u64> = english.phrases(p).iter().map(|ph| ph.key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    type Counts = rustc_hash::FxHashMap<u64, usize>;
    let counts: Counts = texts
        .par_iter()
        .zip(&sampled)
        .filter(|(_, &sampled)| sampled)
        .fold(Counts::default, |mut counts, (&(p, copies), _)| {
            for key in phrases_of(p) {
                *counts.entry(key).or_default() += copies;
            }
            counts
        })
        .reduce(Counts::default, |mut a, b| {
            crate::corpus::add_counts(&mut a, b);
            a
        });
    let wanted: PhraseCounts = counts.into_iter().map(|(key, n)| (key, AtomicUsize::new(n))).collect();
    texts.into_par_iter().zip(sampled).filter(|(_, sampled)| !sampled).for_each(|((p, copies), _)| {
        for key in phrases_of(p) {
            if let Some(count) = wanted.get(&key) {
                count.fetch_add(copies, Relaxed);
            }
        }
    });
    wanted
}

/// Acronym definitions of every English text, by lower-cased long form and by acronym.
struct Definitions {
    long_to_short: HashMap<String, String>,
}

fn acronym_table(docs: &[Document]) -> Definitions {
    let mut long_to_short = HashMap::default();
    for doc in docs {
        for definition in acronyms::definitions(&doc.en) {
            long_to_short.entry(lemma_form(&definition.long)).or_insert(definition.short);
        }
    }
    Definitions { long_to_short }
}

/// A phrase's words as lemmas: the canonical English is singular where the definition may be
/// plural ("least developed countries (LDCs)").
fn lemma_form(text: &str) -> String {
    english::words(text, 0).into_iter().map(|w| w.lemma).collect::<Vec<_>>().join(" ")
}

impl Definitions {
    /// The acronym the text defines for the long form `english`.
    fn acronym_of(&self, english: &str) -> Option<String> {
        self.long_to_short.get(&lemma_form(english)).cloned()
    }
}

/// A Chinese short form (世卫组织) of a term whose best English has a defined acronym (WHO)
/// prefers that acronym.
fn reward_short_form_acronyms(candidates: &[Candidate], options: &mut [Vec<Option_>], definitions: &Definitions) {
    let index: HashMap<&str, usize> = candidates.iter().enumerate().map(|(i, c)| (c.term.as_str(), i)).collect();
    for (long, candidate) in candidates.iter().enumerate() {
        let Some(best) = options[long].iter().find(|o| o.piece_of.is_none()) else { continue };
        let Some(acronym) = definitions.acronym_of(&best.equivalent.english) else {
            continue;
        };
        for short in candidate.short_forms.iter().filter(|s| s.chars().any(is_han)) {
            let Some(&s) = index.get(short.as_str()) else { continue };
            for option in options[s].iter_mut().filter(|o| o.equivalent.english == acronym) {
                option.equivalent.score += ACRONYM_BONUS;
                option.vouched = true;
            }
            options[s].sort_by(|a, b| b.equivalent.score.total_cmp(&a.equivalent.score));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::InputKind;
    use pairs::TermPair;

    #[test]
    fn phrase_counts_are_those_of_every_pair_holding_a_sampled_phrase() {
        let tsv = "一\tthe Building Code applies\n二\tthe Fire Code applies\n三\tthe Building Code applies\n\
                   四\tthe Building Code sets a load limit\n五\tthe Fire Code sets a load limit\n";
        let doc = crate::corpus::parse(std::path::Path::new("t.tsv"), tsv, InputKind::Tsv).unwrap();
        let pairs: Vec<SentencePair> = (doc.zh_blocks.iter().zip(&doc.en_blocks))
            .map(|(zh, en)| SentencePair { doc: 0, zh: zh.clone(), en: en.clone() })
            .collect();
        let docs = vec![doc];
        let english = EnglishSide::new(&docs, &pairs);
        // Pair 2 is a copy of pair 0's English, which is not sampled itself.
        let sampled = [2u32, 3];
        let sample = sampled.iter().map(|&pair| TermPair { pair, position: 0.0, at: 0 }).collect();
        let counts = phrase_frequencies(&english, &[TermPairs { sample, held: 2 }]);
        let keys = |p: usize| english.phrases(p).iter().map(|ph| ph.key).collect::<rustc_hash::FxHashSet<u64>>();
        let wanted: rustc_hash::FxHashSet<u64> = sampled.iter().flat_map(|&p| keys(p as usize)).collect();
        assert_eq!(counts.len(), wanted.len(), "the sampled pairs' phrases, and only those");
        for key in wanted {
            let holding = (0..pairs.len()).filter(|&p| keys(p).contains(&key)).count();
            assert_eq!(counts[&key].load(Relaxed), holding);
        }
        let key_of = |p: usize, surface: &str| {
            english.phrases(p).into_iter().find(|ph| english.surface(p, ph) == surface).map(|ph| ph.key)
        };
        let building = key_of(3, "Building Code").expect("a phrase");
        assert_eq!(counts[&building].load(Relaxed), 3, "pairs 0, 2 and 3");
        assert!(!counts.contains_key(&key_of(1, "Fire Code").expect("a phrase")), "in no sampled pair");
    }
}
