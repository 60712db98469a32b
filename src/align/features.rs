//! What the aligner compares: each Chinese item (sentence or paragraph) as a list of tokens,
//! each token a set of English stems that would translate it (CC-CEDICT glosses) or one exact
//! anchor (number, Latin word), and as a list of its content words (for the lexical table of
//! `model1.rs`, which learns words the dictionary lacks); each English item as a list of
//! stems and exact anchors. All strings are interned to ids so that comparing two items is
//! integer work: English stems and anchors in one id space, Chinese words in another.

use super::english;
use super::numbers;
use crate::corpus::is_han;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter};
use pinyin::ToPinyin;
use std::collections::HashMap;

/// A Chinese token: the ids it may be translated by, and whether it is an exact anchor.
#[derive(Debug, Clone)]
pub struct ZhToken {
    pub ids: Vec<u32>,
    pub exact: bool,
}

/// A Chinese item: its dictionary and anchor tokens, and its content words and exact anchors
/// as Chinese word ids.
#[derive(Debug, Clone, Default)]
pub struct ZhItem {
    pub tokens: Vec<ZhToken>,
    pub words: Vec<u32>,
}

/// An English token (a content word's stem or an exact anchor) as an id.
#[derive(Debug, Clone, Copy)]
pub struct EnToken {
    pub id: u32,
    pub exact: bool,
}

/// Interned English stems and anchors, interned Chinese words with the gloss stems of each.
pub struct Features<'a> {
    segmenter: &'a Segmenter,
    lexicon: &'a Lexicon,
    ids: HashMap<String, u32>,
    zh_ids: HashMap<String, u32>,
    /// Gloss stem ids of each Chinese word id, sorted.
    glosses: Vec<Vec<u32>>,
}

impl<'a> Features<'a> {
    pub fn new(segmenter: &'a Segmenter, lexicon: &'a Lexicon) -> Self {
        Features { segmenter, lexicon, ids: HashMap::new(), zh_ids: HashMap::new(), glosses: Vec::new() }
    }

    /// How many English ids exist: every English id is below this.
    pub fn english_vocabulary(&self) -> usize {
        self.ids.len()
    }

    /// Gloss stem ids of each Chinese word id (an exact anchor's gloss is itself), sorted.
    pub fn glosses(&self) -> &[Vec<u32>] {
        &self.glosses
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

    /// Tokens and words of a Chinese item: content words with their gloss stems, then exact
    /// anchors.
    pub fn chinese(&mut self, text: &str) -> ZhItem {
        let mut item = ZhItem::default();
        for token in self.segmenter.tokens(text, 0) {
            let word = &text[token.span.clone()];
            if matches!(token.pos, Pos::Numeral | Pos::Punctuation) || !word.chars().any(is_han) {
                continue;
            }
            let zh_id = self.zh_word(word);
            if !token.pos.is_function() {
                item.words.push(zh_id);
            }
            let ids = &self.glosses[zh_id as usize];
            if !ids.is_empty() {
                item.tokens.push(ZhToken { ids: ids.clone(), exact: false });
            }
        }
        for anchor in numbers::chinese_anchors(text) {
            let id = self.anchor_id(&anchor);
            let key = format!("#{anchor}");
            let zh_id = match self.zh_ids.get(&key) {
                Some(&zh_id) => zh_id,
                None => self.intern_zh(key, vec![id]),
            };
            item.words.push(zh_id);
            item.tokens.push(ZhToken { ids: vec![id], exact: true });
        }
        item
    }

    fn intern_zh(&mut self, key: String, glosses: Vec<u32>) -> u32 {
        let zh_id = self.glosses.len() as u32;
        self.zh_ids.insert(key, zh_id);
        self.glosses.push(glosses);
        zh_id
    }

    /// The id of a Chinese word, its gloss stems found on first sight; a word CC-CEDICT does
    /// not list is read character by character, and its pinyin is a gloss too (names).
    fn zh_word(&mut self, word: &str) -> u32 {
        if let Some(&zh_id) = self.zh_ids.get(word) {
            return zh_id;
        }
        let mut stems: Vec<String> = self.lexicon.entry(word).content_words().map(english::stem).collect();
        if stems.is_empty() && word.chars().count() > 1 {
            for c in word.chars() {
                let mut buf = [0u8; 4];
                stems.extend(self.lexicon.entry(c.encode_utf8(&mut buf)).content_words().map(english::stem));
            }
            stems.extend(romanised(word).iter().map(|s| english::stem(s)));
        }
        let mut ids: Vec<u32> = stems.iter().map(|s| self.id(s)).collect();
        ids.sort_unstable();
        ids.dedup();
        self.intern_zh(word.to_string(), ids)
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

/// How a name the dictionary lacks is written in English: its pinyin run together
/// (林晓峰 → linxiaofeng) and, from three syllables on, the surname apart from the given name
/// (lin, xiaofeng). Two or more syllables run together seldom meet an English word by chance
/// (single ones do: long, fan, man), so they cost little when the word is no name.
fn romanised(word: &str) -> Vec<String> {
    let syllables: Option<Vec<&str>> = word.chars().map(|c| c.to_pinyin().map(|p| p.plain())).collect();
    let Some(syllables) = syllables else { return Vec::new() };
    let mut out = vec![syllables.concat()];
    if syllables.len() > 2 {
        out.push(syllables[0].to_string());
        out.push(syllables[1..].concat());
    }
    out
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
        let shared = zh.tokens.iter().filter(|t| en.iter().any(|e| t.ids.contains(&e.id))).count();
        assert!(shared >= 3, "{zh:?} {en:?}");
        assert!(zh.tokens.iter().any(|t| t.exact), "三十 is an exact anchor");
        let fish =
            zh.words.iter().filter(|&&w| features.glosses()[w as usize].iter().any(|&e| en.iter().any(|t| t.id == e)));
        assert!(fish.count() >= 3, "words carry the same glosses as tokens");
    }

    #[test]
    fn a_name_the_dictionary_lacks_meets_its_pinyin() {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let mut features = Features::new(&segmenter, &lexicon);
        let zh = features.chinese("林晓峰推开了门。");
        let en = features.english("Lin Xiaofeng pushed the door open.");
        let name = features.ids["xiaofeng"];
        assert!(en.iter().any(|t| t.id == name));
        assert!(zh.tokens.iter().any(|t| t.ids.contains(&name)), "{zh:?}");
        assert_eq!(romanised("晓峰"), ["xiaofeng"]);
        assert_eq!(romanised("林晓峰"), ["linxiaofeng", "lin", "xiaofeng"]);
    }
}
