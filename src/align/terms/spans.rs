//! English candidate spans: noun-phrase-like word n-grams of a sentence, with a content word
//! at each end, joined by spaces or hyphens (function words may sit inside: "Belt and Road",
//! "Initiative on Data Security"; a comma only inside a list closed by and/or: "terrorist,
//! separatist and extremist forces"). Each is keyed by a hash of its word lemmas so that
//! counting over millions of sentences needs no strings.

use crate::align::english;
// FxHash: phrase keys are already hashes and lemmas short words, looked up millions of times.
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// Longest English equivalent considered, in words, except for names.
pub const MAX_WORDS: usize = 7;
/// Longest capitalised name considered, in words ("Convention on the Elimination of All Forms of
/// Discrimination against Women" is eleven).
const MAX_NAME_WORDS: usize = 16;
/// Lower-case words that may sit inside a capitalised name.
const NAME_CONNECTORS: &[&str] = &["against", "and", "for", "in", "of", "on", "the", "to"];

/// A candidate span: the key of its lemmas and the words it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub key: u64,
    pub words: (usize, usize),
}

/// A word of an English sentence as phrase generation needs it: its byte span in the sentence
/// and its lemma id. Twelve bytes, since a translation memory has tens of millions of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub id: u32,
}

/// Interns lemmas so that phrase keys hash integers, and knows of each lemma whether it is a
/// content word and whether it closes a list ("and", "or").
#[derive(Default)]
pub struct Lemmas {
    ids: HashMap<String, u32>,
    content: Vec<bool>,
    joins_list: Vec<bool>,
}

impl Lemmas {
    /// The tokens of `text`'s words.
    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        self.tokens_with(text, &mut Vec::new())
    }

    /// [`Lemmas::tokens`], cut into `scratch` first and copied out at their exact size: a
    /// memory keeps every pair's tokens, and room left over from growing a list stays
    /// allocated (shrinking in place frees nothing).
    fn tokens_with(&mut self, text: &str, scratch: &mut Vec<Token>) -> Vec<Token> {
        scratch.clear();
        let out = scratch;
        for_each_cut(text, |span, lemma| {
            // Looked up by the borrowed lemma first: most words are interned already.
            let id = match self.ids.get(lemma) {
                Some(&id) => id,
                None => self.insert(lemma.to_string()),
            };
            out.push(Token { start: span.start as u32, end: span.end as u32, id });
        });
        out.to_vec()
    }

    /// The tokens of every text, cut and interned on all cores. Each block of texts interns
    /// into a vocabulary of its own, in first-seen order; the blocks' vocabularies then join
    /// this one in block order, which gives every lemma the id that interning the texts one
    /// by one would give.
    pub fn tokens_of_all(&mut self, texts: &[&str]) -> Vec<Vec<Token>> {
        use rayon::prelude::*;
        const BLOCK: usize = 8192;
        let blocks: Vec<(Vec<String>, Vec<Vec<Token>>)> = texts
            .par_chunks(BLOCK)
            .map(|block| {
                let mut local = Lemmas::default();
                let mut scratch = Vec::new();
                let tokens = block.iter().map(|text| local.tokens_with(text, &mut scratch)).collect();
                let mut vocabulary: Vec<(String, u32)> = local.ids.into_iter().collect();
                vocabulary.sort_unstable_by_key(|&(_, id)| id);
                (vocabulary.into_iter().map(|(lemma, _)| lemma).collect(), tokens)
            })
            .collect();
        let mut out = Vec::with_capacity(texts.len());
        for (vocabulary, mut tokens) in blocks {
            let global: Vec<u32> = vocabulary.into_iter().map(|lemma| self.insert(lemma)).collect();
            tokens.par_iter_mut().flatten().for_each(|t| t.id = global[t.id as usize]);
            out.extend(tokens);
        }
        out
    }

    /// The id of `lemma`, interned if new.
    fn insert(&mut self, lemma: String) -> u32 {
        if let Some(&id) = self.ids.get(&lemma) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.content.push(!crate::lexicon::is_english_function_word(&lemma));
        self.joins_list.push(matches!(lemma.as_str(), "and" | "or"));
        self.ids.insert(lemma, id);
        id
    }

    /// The id of a lemma the text holds.
    pub fn id(&self, lemma: &str) -> Option<u32> {
        self.ids.get(lemma).copied()
    }

    /// Distinct lemmas interned.
    pub fn len(&self) -> usize {
        self.content.len()
    }

    pub fn is_empty(&self) -> bool {
        self.content.is_empty()
    }

    pub fn is_content(&self, token: &Token) -> bool {
        self.content[token.id as usize]
    }

    fn joins_list(&self, token: &Token) -> bool {
        self.joins_list[token.id as usize]
    }
}

/// Calls `each` with the span and lemma of every word of `text`, an acronym's lemma kept in
/// capitals: "WHO" is a name, not the pronoun "who" (a function word, which no phrase may
/// end on), and "IT" is not "it".
fn for_each_cut(text: &str, mut each: impl FnMut(Range<usize>, &str)) {
    english::for_each_word(text, |span, lemma| {
        let surface = &text[span.clone()];
        if surface.len() >= 2 && surface.bytes().all(|b| b.is_ascii_uppercase()) {
            each(span, surface)
        } else {
            each(span, lemma)
        }
    });
}

/// The key of a run of lemma ids (FNV-1a over the ids).
pub fn key_of(ids: &[u32]) -> u64 {
    ids.iter().fold(KEY_SEED, |hash, &id| extend_key(hash, id))
}

const KEY_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// [`key_of`] of every run that opens `ids` (`ids[..1]`, `ids[..2]`, …), in one pass.
pub fn prefix_keys(ids: &[u32]) -> impl Iterator<Item = u64> + '_ {
    ids.iter().scan(KEY_SEED, |hash, &id| {
        *hash = extend_key(*hash, id);
        Some(*hash)
    })
}

/// The key of a run one id longer than the run keyed `hash`: a sentence's phrases from one
/// start are keyed in one pass.
fn extend_key(mut hash: u64, id: u32) -> u64 {
    for byte in id.to_le_bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    (hash ^ 0xff).wrapping_mul(0x0100_0000_01b3)
}

/// Candidate phrases of one sentence (`words` of `text`, interned by `lemmas`).
pub fn phrases(text: &str, words: &[Token], lemmas: &Lemmas) -> Vec<Phrase> {
    let content: Vec<bool> = words.iter().map(|w| lemmas.is_content(w)).collect();
    let ids: Vec<u32> = words.iter().map(|w| w.id).collect();
    // What stands between each word and the next, read once (each gap is asked of every
    // phrase across it: up to MAX_WORDS times).
    let gaps: Vec<Gap> = words.windows(2).map(|w| Gap::of(&text[w[0].end as usize..w[1].start as usize])).collect();
    let mut out = Vec::new();
    for start in 0..words.len() {
        if !content[start] {
            continue;
        }
        // A comma may only join one-word items of a list closed by and/or; `open_list` holds
        // the words of the current item while such a list is open.
        let mut open_list: Option<usize> = None;
        let mut key = KEY_SEED;
        for end in start..words.len().min(start + MAX_WORDS) {
            key = extend_key(key, ids[end]);
            if end > start {
                match gaps[end - 1] {
                    Gap::Comma => {
                        let item_words = open_list.unwrap_or(end - start);
                        if item_words != 1 {
                            break;
                        }
                        open_list = Some(0);
                    }
                    Gap::Break => break,
                    Gap::Join => {}
                }
            }
            if let Some(item_words) = open_list {
                if lemmas.joins_list(&words[end]) {
                    if item_words != 1 {
                        break;
                    }
                    open_list = None;
                } else {
                    open_list = Some(item_words + 1);
                }
            }
            if content[end] && open_list.is_none() {
                out.push(Phrase { key, words: (start, end + 1) });
            }
        }
        long_names(text, words, start, &ids, &mut out);
    }
    out
}

/// What separates two words of a phrase.
#[derive(Clone, Copy)]
enum Gap {
    /// ", ": between the items of a list.
    Comma,
    /// Spaces or hyphens.
    Join,
    /// Anything else, or nothing: no phrase spans it.
    Break,
}

impl Gap {
    fn of(gap: &str) -> Gap {
        if gap == ", " {
            Gap::Comma
        } else if gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '-') {
            Gap::Break
        } else {
            Gap::Join
        }
    }
}

/// The phrases longer than [`MAX_WORDS`] that start at `start` and are names: capitalised words,
/// joined by spaces or hyphens and by [`NAME_CONNECTORS`], each ending on a capitalised word.
fn long_names(text: &str, words: &[Token], start: usize, ids: &[u32], out: &mut Vec<Phrase>) {
    let word = |k: usize| &text[words[k].start as usize..words[k].end as usize];
    let capitalised = |k: usize| word(k).chars().next().is_some_and(char::is_uppercase);
    if !capitalised(start) {
        return;
    }
    for end in start + 1..words.len().min(start + MAX_NAME_WORDS) {
        let gap = &text[words[end - 1].end as usize..words[end].start as usize];
        let joined = !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '-');
        if !joined || !(capitalised(end) || NAME_CONNECTORS.contains(&word(end))) {
            return;
        }
        if end >= start + MAX_WORDS && capitalised(end) {
            out.push(Phrase { key: key_of(&ids[start..=end]), words: (start, end + 1) });
        }
    }
}

/// The byte span of a phrase's words.
pub fn span_of(words: &[Token], phrase: &Phrase) -> Range<usize> {
    words[phrase.words.0].start as usize..words[phrase.words.1 - 1].end as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_on_all_cores_gives_the_ids_of_interning_in_order() {
        // More texts than one block, words recurring across blocks in a varying order.
        let texts: Vec<String> =
            (0..20_000).map(|i| format!("Word{} and the Council of state{} Cities", i % 977, i % 13)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut one_by_one = Lemmas::default();
        let expected: Vec<Vec<Token>> = texts.iter().map(|t| one_by_one.tokens(t)).collect();
        let mut together = Lemmas::default();
        assert_eq!(together.tokens_of_all(&texts), expected);
        assert_eq!(together.len(), one_by_one.len());
        assert_eq!(together.id("city"), one_by_one.id("city"));
    }

    fn surfaces(text: &str) -> Vec<&str> {
        let mut lemmas = Lemmas::default();
        let words = lemmas.tokens(text);
        phrases(text, &words, &lemmas).iter().map(|p| &text[span_of(&words, p)]).collect()
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
    fn prepositions_pronouns_and_adverbs_of_narrative_end_no_phrase() {
        // "like", "himself", "always": grammar of the sentence, not of a name.
        let found = surfaces("he picked the books out like a demon and talked to himself, always sick");
        assert!(found.contains(&"books") && found.contains(&"demon"), "{found:?}");
        let ends = ["like", "himself", "always"];
        assert!(!found.iter().any(|p| ends.iter().any(|e| p.ends_with(e) || p.starts_with(e))), "{found:?}");
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
    fn a_long_name_is_one_phrase() {
        let name = "Convention on the Prohibition of the Development and Stockpiling of Bacteriological Weapons";
        let sentence = format!("They ratified the {name} last year.");
        let found = surfaces(&sentence);
        assert!(found.contains(&name), "{found:?}");
        let long = |p: &&&str| p.split(' ').count() > MAX_WORDS;
        assert!(!found.iter().filter(long).any(|p| p.contains("last")));
        // Lower-case words other than connectors end a name.
        let found = surfaces("the Office of the High Commissioner said that the Office of the Legal Counsel");
        assert!(!found.iter().filter(long).any(|p| p.contains("said")), "{found:?}");
    }

    #[test]
    fn acronyms_are_not_the_function_words_they_spell() {
        let found = surfaces("experts of WHO said who was there");
        assert!(found.contains(&"WHO"), "{found:?}");
        assert!(!found.iter().any(|p| p.ends_with("who")));
    }

    #[test]
    fn keys_fold_plurals() {
        let text = "fast track and fast tracks";
        let mut lemmas = Lemmas::default();
        let words = lemmas.tokens(text);
        let ids: Vec<u32> = words.iter().map(|w| w.id).collect();
        let keys: Vec<u64> = phrases(text, &words, &lemmas).iter().map(|p| p.key).collect();
        assert_eq!(keys.iter().filter(|&&k| k == key_of(&ids[0..2])).count(), 2);
    }

    proptest::proptest! {
        #[test]
        fn prefix_keys_are_the_keys_of_the_prefixes(ids in proptest::collection::vec(0u32..50, 0..12)) {
            let keys: Vec<u64> = prefix_keys(&ids).collect();
            proptest::prop_assert_eq!(keys.len(), ids.len());
            for (length, key) in (1..).zip(keys) {
                proptest::prop_assert_eq!(key, key_of(&ids[..length]));
            }
        }
    }
}
