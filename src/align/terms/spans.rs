//! English candidate spans: noun-phrase-like word n-grams of a sentence, with a content word
//! at each end, joined by spaces or hyphens (function words may sit inside: "Belt and Road",
//! "Initiative on Data Security"; a comma only inside a list closed by and/or: "terrorist,
//! separatist and extremist forces"). Each is keyed by a hash of its word lemmas so that
//! counting over millions of sentences needs no strings.

use crate::align::english::{self, Word};
use std::collections::HashMap;
use std::ops::Range;

/// Longest English equivalent considered, in words.
pub const MAX_WORDS: usize = 7;

/// A candidate span: the key of its lemmas and the words it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub key: u64,
    pub words: (usize, usize),
}

/// Interns lemmas so that phrase keys hash integers.
#[derive(Default)]
pub struct Lemmas {
    ids: HashMap<String, u32>,
}

impl Lemmas {
    pub fn ids(&mut self, words: &[Word]) -> Vec<u32> {
        words
            .iter()
            .map(|w| {
                let next = self.ids.len() as u32;
                *self.ids.entry(w.lemma.clone()).or_insert(next)
            })
            .collect()
    }
}

/// The key of a run of lemma ids (FNV-1a over the ids).
pub fn key_of(ids: &[u32]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for &id in ids {
        for byte in id.to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        hash = (hash ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Candidate phrases of one sentence (`words` of `text`, `ids` their lemma ids).
pub fn phrases(text: &str, words: &[Word], ids: &[u32]) -> Vec<Phrase> {
    let content: Vec<bool> = words.iter().map(english::is_content).collect();
    let mut out = Vec::new();
    for start in 0..words.len() {
        if !content[start] {
            continue;
        }
        // A comma may only join one-word items of a list closed by and/or; `open_list` holds
        // the words of the current item while such a list is open.
        let mut open_list: Option<usize> = None;
        for end in start..words.len().min(start + MAX_WORDS) {
            if end > start {
                let gap = &text[words[end - 1].span.end..words[end].span.start];
                if gap == ", " {
                    let item_words = open_list.unwrap_or(end - start);
                    if item_words != 1 {
                        break;
                    }
                    open_list = Some(0);
                } else if !gap.chars().all(|c| c == ' ' || c == '-') || gap.is_empty() {
                    break;
                }
            }
            if let Some(item_words) = open_list {
                if matches!(words[end].lemma.as_str(), "and" | "or") {
                    if item_words != 1 {
                        break;
                    }
                    open_list = None;
                } else {
                    open_list = Some(item_words + 1);
                }
            }
            if content[end] && open_list.is_none() {
                out.push(Phrase { key: key_of(&ids[start..=end]), words: (start, end + 1) });
            }
        }
    }
    out
}

/// The byte span of a phrase's words.
pub fn span_of(words: &[Word], phrase: &Phrase) -> Range<usize> {
    words[phrase.words.0].span.start..words[phrase.words.1 - 1].span.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<&str> {
        let words = english::words(text, 0);
        let ids = Lemmas::default().ids(&words);
        phrases(text, &words, &ids).iter().map(|p| &text[span_of(&words, p)]).collect()
    }

    #[test]
    fn phrases_have_content_words_at_both_ends() {
        let found = surfaces("the fast tracks, and green lanes of the Belt and Road");
        assert!(found.contains(&"fast tracks"));
        assert!(found.contains(&"green lanes"));
        assert!(found.contains(&"Belt and Road"));
        assert!(!found.iter().any(|p| p.starts_with("the") || p.ends_with("and") || p.contains("tracks, and green")));
    }

    #[test]
    fn a_comma_joins_only_a_closed_list() {
        let found = surfaces("by terrorist, separatist and extremist forces, exploiting it");
        assert!(found.contains(&"terrorist, separatist and extremist forces"));
        assert!(!found.iter().any(|p| p.contains("forces, exploiting")));
        let found = surfaces("the SCO University, bringing more universities and disciplines");
        assert!(!found.iter().any(|p| p.contains(',')), "{found:?}");
    }

    #[test]
    fn keys_fold_plurals() {
        let text = "fast track and fast tracks";
        let words = english::words(text, 0);
        let ids = Lemmas::default().ids(&words);
        let keys: Vec<u64> = phrases(text, &words, &ids).iter().map(|p| p.key).collect();
        assert_eq!(keys.iter().filter(|&&k| k == key_of(&ids[0..2])).count(), 2);
    }
}
