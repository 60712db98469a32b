//! Word segmentation: the only module that names jieba. Yields tokens with byte spans and a
//! coarse part of speech, and exposes the general-language word frequencies of jieba's
//! dictionary that termhood is measured against.

use crate::corpus::Span;
use jieba_rs::Jieba;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

/// Sum of the word frequencies in jieba's bundled dictionary (its `total_freq`, 60,101,964 in jieba-rs 0.11): the size of
/// the general-language reference corpus that dictionary frequencies are relative to.
pub const DICTIONARY_TOTAL: f64 = 60_101_964.0;

/// Coarse part of speech, from jieba's ICTCLAS-style tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Noun,
    ProperNoun,
    /// A person's name: may open a term (a theory named after someone), never heads one.
    PersonName,
    VerbalNoun,
    Verb,
    Adjective,
    Adverb,
    Preposition,
    Conjunction,
    Particle,
    Numeral,
    Classifier,
    Pronoun,
    Locative,
    Time,
    Idiom,
    Abbreviation,
    Foreign,
    Punctuation,
    Other,
}

impl Pos {
    pub fn from_tag(tag: &str) -> Pos {
        match tag {
            "n" | "ng" | "nl" | "an" => Pos::Noun,
            "nr" | "nrt" | "nrfg" => Pos::PersonName,
            "ns" | "nt" | "nz" => Pos::ProperNoun,
            "vn" => Pos::VerbalNoun,
            "a" | "ag" | "b" | "z" => Pos::Adjective,
            // "ad": an adjective used as an adverb (切实 in 切实落实).
            "d" | "dg" | "ad" => Pos::Adverb,
            "p" => Pos::Preposition,
            "c" => Pos::Conjunction,
            "u" | "uj" | "ul" | "uz" | "ug" | "uv" | "ud" | "y" | "e" | "o" => Pos::Particle,
            "m" | "mq" => Pos::Numeral,
            "q" => Pos::Classifier,
            "r" | "rr" | "rz" => Pos::Pronoun,
            "f" | "s" => Pos::Locative,
            "t" | "tg" => Pos::Time,
            "i" => Pos::Idiom,
            // "l" (习用语) covers set noun phrases as well as predicates; the miner
            // decides with the lexicon.
            "l" => Pos::Other,
            "j" => Pos::Abbreviation,
            "eng" => Pos::Foreign,
            "x" | "w" => Pos::Punctuation,
            t if t.starts_with('v') => Pos::Verb,
            _ => Pos::Other,
        }
    }

    /// Parts of speech that can head (end) a term.
    pub fn is_nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::ProperNoun | Pos::VerbalNoun | Pos::Abbreviation | Pos::Foreign)
    }

    /// Grammatical words that never start or end a term.
    pub fn is_function(self) -> bool {
        matches!(self, Pos::Preposition | Pos::Conjunction | Pos::Particle | Pos::Pronoun | Pos::Punctuation)
    }
}

/// The two words of a set phrase, with their parts of speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub first: String,
    pub first_pos: Pos,
    pub head: String,
    pub head_pos: Pos,
}

/// One word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span into the text that was segmented (offset included).
    pub span: Span,
    pub pos: Pos,
}

/// jieba with the words zhterm discovered added to its dictionary.
pub struct Segmenter {
    jieba: Jieba,
    /// Words taught to jieba: they are not general language, whatever frequency they were
    /// given to keep them whole.
    added: HashSet<String>,
    /// Dictionary words taught again (to outweigh their parts): their original frequency.
    boosted: HashMap<String, usize>,
    /// [`Segmenter::parts`] of the words looked up so far, per thread (two jieba look-ups
    /// each, asked for every set phrase of every clause); emptied when a word is taught.
    parts_seen: thread_local::ThreadLocal<std::cell::RefCell<HashMap<String, Option<Arc<Parts>>>>>,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    pub fn new() -> Self {
        Segmenter {
            jieba: Jieba::new(),
            added: HashSet::default(),
            boosted: HashMap::default(),
            parts_seen: thread_local::ThreadLocal::new(),
        }
    }

    /// Segments `text`, whose first byte is at `offset` in the document, into tokens whose
    /// spans point into the document. Whitespace is dropped.
    pub fn tokens(&self, text: &str, offset: usize) -> Vec<Token> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .filter(|tag| !tag.word.trim().is_empty())
            .map(|tag| Token { span: offset + tag.byte_start..offset + tag.byte_end, pos: Pos::from_tag(tag.tag) })
            .collect()
    }

    /// The frequency of `word` in jieba's general-language dictionary, 0 when absent.
    pub fn dictionary_frequency(&self, word: &str) -> usize {
        if !self.is_dictionary_word(word) {
            0
        } else if let Some(&frequency) = self.boosted.get(word) {
            frequency
        } else {
            self.dictionary_frequency_now(word)
        }
    }

    fn dictionary_frequency_now(&self, word: &str) -> usize {
        self.jieba.suggest_freq(word).saturating_sub(1)
    }

    /// True when jieba's bundled dictionary lists `word` (words added since do not count).
    pub fn is_dictionary_word(&self, word: &str) -> bool {
        self.jieba.has_word(word) && !self.added.contains(word)
    }

    /// A dictionary entry of three or more characters made of two dictionary words (jieba
    /// lists many set phrases: 经贸合作 = 经贸 + 合作, 按规定 = 按 + 规定), split as near the
    /// middle as possible. None for shorter words and non-entries.
    pub fn parts(&self, word: &str) -> Option<Arc<Parts>> {
        // Short words and non-entries are answered at once; only entries are remembered.
        if word.chars().nth(2).is_none() || !self.is_dictionary_word(word) {
            return None;
        }
        let seen = self.parts_seen.get_or_default();
        if let Some(parts) = seen.borrow().get(word) {
            return parts.clone();
        }
        // Shared, not copied: mining asks it of every token, and each answer held two strings.
        let parts = self.split_entry(word).map(Arc::new);
        seen.borrow_mut().insert(word.to_string(), parts.clone());
        parts
    }

    /// [`Segmenter::parts`] of a dictionary entry of three or more characters.
    fn split_entry(&self, word: &str) -> Option<Parts> {
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
        let middle = word.len() / 2;
        let split = bounds
            .iter()
            .copied()
            .filter(|&at| self.is_dictionary_word(&word[..at]) && self.is_dictionary_word(&word[at..]))
            .min_by_key(|&at| at.abs_diff(middle))?;
        let pos = |w: &str| self.jieba.tag(w, false).first().map_or(Pos::Other, |t| Pos::from_tag(t.tag));
        let (first, head) = word.split_at(split);
        Some(Parts { first: first.to_string(), first_pos: pos(first), head: head.to_string(), head_pos: pos(head) })
    }

    /// Makes jieba keep `word` whole from now on. jieba-rs ignores dictionary lines without a
    /// frequency, so the word is given one high enough to beat its parts.
    pub fn add_word(&mut self, word: &str, pos: &str) {
        self.parts_seen.clear();
        if !self.jieba.has_word(word) {
            self.added.insert(word.to_string());
        } else if !self.added.contains(word) && !self.boosted.contains_key(word) {
            self.boosted.insert(word.to_string(), self.dictionary_frequency_now(word));
        }
        let frequency = self.jieba.suggest_freq(word).max(1000);
        self.jieba.add_word(word, Some(frequency), Some(pos));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_spans_slice_back_to_their_words() {
        let segmenter = Segmenter::new();
        let text = "前言：智能电网，RCEP";
        let tokens = segmenter.tokens(&text[9..], 9);
        let words: Vec<_> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        assert_eq!(words.concat(), "智能电网，RCEP");
        assert!(tokens.iter().any(|t| t.pos == Pos::Foreign));
    }

    #[test]
    fn added_words_stay_whole() {
        let mut segmenter = Segmenter::new();
        let text = "开展去极端化合作";
        let before = segmenter.tokens(text, 0).len();
        segmenter.add_word("去极端化", "n");
        let tokens = segmenter.tokens(text, 0);
        assert!(tokens.iter().any(|t| &text[t.span.clone()] == "去极端化"));
        assert!(tokens.len() < before);
    }

    #[test]
    fn added_words_are_not_general_language() {
        let mut segmenter = Segmenter::new();
        segmenter.add_word("磁悬浮列车线", "nz");
        assert!(!segmenter.is_dictionary_word("磁悬浮列车线"));
        assert_eq!(segmenter.dictionary_frequency("磁悬浮列车线"), 0);
        let before = segmenter.dictionary_frequency("公共卫生");
        segmenter.add_word("公共卫生", "nz");
        assert_eq!(segmenter.dictionary_frequency("公共卫生"), before);
    }

    #[test]
    fn set_phrases_split_into_their_words() {
        let segmenter = Segmenter::new();
        let parts = segmenter.parts("经贸合作").expect("a listed set phrase");
        assert_eq!((parts.first.as_str(), parts.head.as_str(), parts.head_pos), ("经贸", "合作", Pos::VerbalNoun));
        assert!(segmenter.parts("合作").is_none());
        assert!(segmenter.parts("不在词典里的词").is_none());
        // Asked again, from the thread's memory of it.
        assert_eq!(segmenter.parts("经贸合作"), Some(parts));
        assert!(segmenter.parts("合作").is_none());
    }

    #[test]
    fn general_words_have_dictionary_frequencies() {
        let segmenter = Segmenter::new();
        assert!(segmenter.dictionary_frequency("合作") > 1000);
        assert_eq!(segmenter.dictionary_frequency("卫生健康共同体"), 0);
    }
}
