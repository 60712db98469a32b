//! Term translation: for each Chinese term, the English span of the aligned sentences that
//! translates it. English candidates are word n-grams of the pairs the term occurs in, with
//! no function word at either end; each is scored by
//! - `dice`: co-occurrence over sentence pairs, 2·c(t,e) / (f(t) + f(e));
//! - `dictionary`: how much of the term and of the n-gram CC-CEDICT glosses explain;
//! - `identity`: Latin strings written the same on both sides (RCEP).

use super::english::{self, Word};
use super::SentencePair;
use crate::corpus::{Document, Span};
use crate::lexicon::Lexicon;
use crate::mine::Candidate;
use crate::segment::Segmenter;
use std::collections::{HashMap, HashSet};

/// Longest English equivalent considered, in words.
const MAX_WORDS: usize = 6;
/// Below this score no equivalent is proposed.
const MIN_SCORE: f64 = 0.35;
/// Supporting pair ids kept as evidence.
const MAX_EVIDENCE: usize = 5;

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
}

/// English equivalents for `candidates` (same order; `None` when nothing scored enough).
pub fn translate(
    candidates: &[Candidate],
    docs: &[Document],
    pairs: &[SentencePair],
    segmenter: &Segmenter,
    lexicon: &Lexicon,
) -> Vec<Option<Equivalent>> {
    let pair_words: Vec<Vec<Word>> =
        pairs.iter().map(|p| english::words(&docs[p.doc].en[p.en.clone()], p.en.start)).collect();
    let locate = PairLocator::new(pairs);
    let term_pairs: Vec<Vec<usize>> = candidates
        .iter()
        .map(|c| {
            let mut ids: Vec<usize> = c.occurrences.iter().filter_map(|o| locate.find(o.doc, &o.span)).collect();
            ids.dedup();
            ids
        })
        .collect();
    let wanted: HashSet<String> = term_pairs
        .iter()
        .flatten()
        .flat_map(|&p| ngrams(&docs[pairs[p].doc].en, &pair_words[p]).into_iter().map(|(key, _)| key))
        .collect();
    let mut pair_frequency: HashMap<&str, usize> = HashMap::new();
    for (p, words) in pair_words.iter().enumerate() {
        let keys: HashSet<String> = ngrams(&docs[pairs[p].doc].en, words).into_iter().map(|(k, _)| k).collect();
        for key in keys {
            if let Some(k) = wanted.get(&key) {
                *pair_frequency.entry(k.as_str()).or_default() += 1;
            }
        }
    }
    candidates
        .iter()
        .zip(&term_pairs)
        .map(|(candidate, ids)| {
            if ids.is_empty() {
                return None;
            }
            let glosses = term_glosses(&candidate.term, segmenter, lexicon);
            best_equivalent(candidate, ids, docs, pairs, &pair_words, &pair_frequency, &glosses)
        })
        .collect()
}

fn best_equivalent(
    candidate: &Candidate,
    ids: &[usize],
    docs: &[Document],
    pairs: &[SentencePair],
    pair_words: &[Vec<Word>],
    pair_frequency: &HashMap<&str, usize>,
    glosses: &[(usize, HashSet<String>)],
) -> Option<Equivalent> {
    let mut together: HashMap<String, (usize, String, Vec<usize>)> = HashMap::new();
    for &p in ids {
        let text = &docs[pairs[p].doc].en;
        let mut seen = HashSet::new();
        for (key, span) in ngrams(text, &pair_words[p]) {
            if seen.insert(key.clone()) {
                let entry = together.entry(key).or_insert_with(|| (0, text[span].to_string(), Vec::new()));
                entry.0 += 1;
                entry.2.push(p);
            }
        }
    }
    let term_frequency = ids.len() as f64;
    let corpus_frequency = |key: &str, count: usize| pair_frequency.get(key).copied().unwrap_or(count);
    // An n-gram that occurs exactly where a one-word extension of it occurs, here and in
    // the whole corpus, is a fragment of that longer unit ("current" in "residual current
    // device"); only the maximal unit competes.
    let mut dominated = HashSet::new();
    for (key, (count, _, _)) in &together {
        for part in [key.split_once(' ').map(|(_, rest)| rest), key.rsplit_once(' ').map(|(rest, _)| rest)] {
            let Some(part) = part else { continue };
            let same_here = together.get(part).is_some_and(|(c, _, _)| c == count);
            if same_here && corpus_frequency(part, *count) == corpus_frequency(key, *count) {
                dominated.insert(part.to_string());
            }
        }
    }
    let mut best: Option<Equivalent> = None;
    for (key, (count, surface, support)) in together {
        if dominated.contains(&key) {
            continue;
        }
        let f_e = corpus_frequency(&key, count) as f64;
        let dice = 2.0 * count as f64 / (term_frequency + f_e);
        let dictionary = composition(glosses, &key);
        let identity = if candidate.term.to_lowercase().contains(&key)
            || candidate.short_forms.iter().any(|s| s.to_lowercase() == key)
        {
            1.0
        } else {
            0.0
        };
        let score = dice * (0.5 + 0.5 * dictionary) + identity;
        let better = match &best {
            None => true,
            Some(b) => score > b.score + 1e-12 || ((score - b.score).abs() <= 1e-12 && surface < b.english),
        };
        if better {
            best = Some(Equivalent {
                english: surface,
                score,
                cooccurrences: count,
                dice,
                dictionary,
                pairs: support.into_iter().take(MAX_EVIDENCE).collect(),
            });
        }
    }
    best.filter(|b| b.score >= MIN_SCORE)
}

/// English n-grams (lemma key, surface span) of a pair, with content words at both ends and
/// nothing but spaces or hyphens between the words.
fn ngrams(text: &str, words: &[Word]) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for start in 0..words.len() {
        if !english::is_content(&words[start]) {
            continue;
        }
        let mut key = String::new();
        for end in start..words.len().min(start + MAX_WORDS) {
            if end > start {
                let gap = &text[words[end - 1].span.end..words[end].span.start];
                if !gap.chars().all(|c| c == ' ' || c == '-') {
                    break;
                }
                key.push(' ');
            }
            key.push_str(&words[end].lemma);
            if english::is_content(&words[end]) {
                out.push((key.clone(), words[start].span.start..words[end].span.end));
            }
        }
    }
    out
}

/// For each word of the term: its length in characters and the stems of its CC-CEDICT glosses.
fn term_glosses(term: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<(usize, HashSet<String>)> {
    segmenter
        .tokens(term, 0)
        .iter()
        .map(|t| {
            let word = &term[t.span.clone()];
            let mut set: HashSet<String> = lexicon.entry(word).content_words().map(english::stem).collect();
            if word.chars().all(|c| c.is_ascii_alphanumeric()) {
                set.insert(word.to_lowercase());
            }
            (word.chars().count(), set)
        })
        .collect()
}

/// Share of the term's characters whose word some English word glosses, averaged with the
/// share of English content words that some term word glosses.
fn composition(glosses: &[(usize, HashSet<String>)], key: &str) -> f64 {
    let zh_chars: usize = glosses.iter().map(|(n, _)| n).sum();
    if zh_chars == 0 {
        return 0.0;
    }
    let english: Vec<String> =
        key.split(' ').filter(|w| !crate::lexicon::is_english_function_word(w)).map(english::stem).collect();
    if english.is_empty() {
        return 0.0;
    }
    let zh_covered: usize = glosses.iter().filter(|(_, g)| english.iter().any(|w| g.contains(w))).map(|(n, _)| n).sum();
    let en_covered = english.iter().filter(|w| glosses.iter().any(|(_, g)| g.contains(*w))).count();
    (zh_covered as f64 / zh_chars as f64 + en_covered as f64 / english.len() as f64) / 2.0
}

/// Finds the sentence pair whose Chinese side holds a span.
struct PairLocator {
    by_doc: HashMap<usize, Vec<(Span, usize)>>,
}

impl PairLocator {
    fn new(pairs: &[SentencePair]) -> Self {
        let mut by_doc: HashMap<usize, Vec<(Span, usize)>> = HashMap::new();
        for (id, pair) in pairs.iter().enumerate() {
            by_doc.entry(pair.doc).or_default().push((pair.zh.clone(), id));
        }
        for spans in by_doc.values_mut() {
            spans.sort_by_key(|(span, _)| span.start);
        }
        PairLocator { by_doc }
    }

    fn find(&self, doc: usize, span: &Span) -> Option<usize> {
        let spans = self.by_doc.get(&doc)?;
        let index = spans.partition_point(|(s, _)| s.start <= span.start).checked_sub(1)?;
        let (zh, id) = &spans[index];
        (span.end <= zh.end).then_some(*id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composition_rewards_glossed_words_on_both_sides() {
        let glosses =
            vec![(2, ["data".to_string()].into()), (2, [english::stem("security"), english::stem("safe")].into())];
        assert_eq!(composition(&glosses, "data security"), 1.0);
        assert!(composition(&glosses, "data") < 1.0);
        assert_eq!(composition(&glosses, "weather"), 0.0);
    }

    #[test]
    fn ngrams_do_not_start_or_end_with_function_words_or_cross_commas() {
        let text = "the fast tracks, and green lanes";
        let words = english::words(text, 0);
        let keys: Vec<String> = ngrams(text, &words).into_iter().map(|(k, _)| k).collect();
        assert!(keys.contains(&"fast track".to_string()));
        assert!(keys.contains(&"green lane".to_string()));
        assert!(!keys.iter().any(|k| k.starts_with("the") || k.contains("track green") || k.ends_with("and")));
    }

    #[test]
    fn pairs_are_located_by_span() {
        let pairs = vec![SentencePair { doc: 0, zh: 0..10, en: 0..5 }, SentencePair { doc: 0, zh: 10..30, en: 5..9 }];
        let locate = PairLocator::new(&pairs);
        assert_eq!(locate.find(0, &(12..15)), Some(1));
        assert_eq!(locate.find(0, &(8..12)), None);
        assert_eq!(locate.find(1, &(0..2)), None);
    }
}
