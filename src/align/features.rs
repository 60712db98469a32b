//! What the aligner compares: each Chinese item (sentence or paragraph) as a list of tokens,
//! each token a set of English stems that would translate it (CC-CEDICT glosses) or one exact
//! anchor (number, Latin word); each English item as a list of stems and exact anchors. All
//! strings are interned to ids so that comparing two items is integer work.

use super::english;
use super::numbers;
use crate::corpus::is_han;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter};
use std::collections::HashMap;

/// A Chinese token: the ids it may be translated by, and whether it is an exact anchor.
#[derive(Debug, Clone)]
pub struct ZhToken {
    pub ids: Vec<u32>,
    pub exact: bool,
}

/// An English token (a content word's stem or an exact anchor) as an id.
#[derive(Debug, Clone, Copy)]
pub struct EnToken {
    pub id: u32,
    pub exact: bool,
}

/// Interned stems and anchors, with the gloss stems of each Chinese word cached.
pub struct Features<'a> {
    segmenter: &'a Segmenter,
    lexicon: &'a Lexicon,
    ids: HashMap<String, u32>,
    glosses: HashMap<String, Vec<u32>>,
}

impl<'a> Features<'a> {
    pub fn new(segmenter: &'a Segmenter, lexicon: &'a Lexicon) -> Self {
        Features { segmenter, lexicon, ids: HashMap::new(), glosses: HashMap::new() }
    }

    fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(key.to_string(), id);
        id
    }

    /// Exact anchors live in their own name space ("#19"), apart from word stems.
    fn anchor_id(&mut self, anchor: &str) -> u32 {
        self.id(&format!("#{anchor}"))
    }

    /// Tokens of a Chinese item: content words with their gloss stems, then exact anchors.
    pub fn chinese(&mut self, text: &str) -> Vec<ZhToken> {
        let mut out = Vec::new();
        for token in self.segmenter.tokens(text, 0) {
            let word = &text[token.span.clone()];
            if matches!(token.pos, Pos::Numeral | Pos::Punctuation) || !word.chars().any(is_han) {
                continue;
            }
            let ids = self.word_glosses(word);
            if !ids.is_empty() {
                out.push(ZhToken { ids, exact: false });
            }
        }
        for anchor in numbers::chinese_anchors(text) {
            let id = self.anchor_id(&anchor);
            out.push(ZhToken { ids: vec![id], exact: true });
        }
        out
    }

    /// Gloss stems of a word; a word CC-CEDICT does not list is read character by character.
    fn word_glosses(&mut self, word: &str) -> Vec<u32> {
        if let Some(ids) = self.glosses.get(word) {
            return ids.clone();
        }
        let mut stems: Vec<String> = self.lexicon.entry(word).content_words().map(english::stem).collect();
        if stems.is_empty() && word.chars().count() > 1 {
            for c in word.chars() {
                let mut buf = [0u8; 4];
                stems.extend(self.lexicon.entry(c.encode_utf8(&mut buf)).content_words().map(english::stem));
            }
        }
        let mut ids: Vec<u32> = stems.iter().map(|s| self.id(s)).collect();
        ids.sort_unstable();
        ids.dedup();
        self.glosses.insert(word.to_string(), ids.clone());
        ids
    }

    /// Tokens of an English item: stems of content words, then exact anchors.
    pub fn english(&mut self, text: &str) -> Vec<EnToken> {
        let mut out = Vec::new();
        for word in english::words(text, 0) {
            if english::is_content(&word) && word.lemma.chars().any(char::is_alphabetic) {
                let id = self.id(&english::stem(&word.lemma));
                out.push(EnToken { id, exact: false });
            }
        }
        for anchor in numbers::english_anchors(text) {
            let id = self.anchor_id(&anchor);
            out.push(EnToken { id, exact: true });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_and_its_translation_share_ids() {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let mut features = Features::new(&segmenter, &lexicon);
        let zh = features.chinese("老人在河边钓鱼，钓了三十条鱼。");
        let en = features.english("The old man was fishing by the river and caught thirty fish, 30 in all.");
        let shared = zh.iter().filter(|t| en.iter().any(|e| t.ids.contains(&e.id))).count();
        assert!(shared >= 3, "{zh:?} {en:?}");
        assert!(zh.iter().any(|t| t.exact), "三十 is an exact anchor");
    }
}
