//! Word classes of Chinese term formation: which words may open a term, head one, end a run
//! or link clauses, from jieba's tags, closed classes of the grammar (modal verbs, coverbs,
//! negating prefixes, coordinators) and the lexicon's senses; and [`Classes`], each token's
//! classes looked up once per line.

use crate::corpus::is_han;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, Token};
use std::cell::Cell;

/// Modal verbs, a closed class of Chinese grammar: they never start or head a term, and
/// CC-CEDICT glosses them without "to" (应当 "should").
pub(super) const MODAL_VERBS: &[&str] =
    &["应当", "应该", "可以", "能够", "必须", "需要", "愿意", "可能", "得以", "值得"];

/// Coverbs, the verbs of Chinese grammar that work as prepositions (作为 "as", 通过 "through");
/// jieba often tags them as verbs, CC-CEDICT glosses some as nouns (作为 "conduct").
pub(super) const COVERBS: &[&str] =
    &["作为", "通过", "根据", "按照", "依照", "依据", "经过", "随着", "本着", "为了", "关于", "对于", "除了"];

/// The dictionary-backed word classes of a line's tokens, each looked up at most once: the
/// run search asks again for every run a token can open, end or continue, and a look-up in a
/// large cache is a few cache misses.
pub(super) struct Classes<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lexicon: &'a Lexicon,
    start: Vec<Cell<Option<bool>>>,
    head: Vec<Cell<Option<bool>>>,
    predicate: Vec<Cell<Option<bool>>>,
    adverb: Vec<Cell<Option<bool>>>,
    /// Characters of each token: the run rules ask it of every token several times.
    chars: Vec<u32>,
}

impl<'a> Classes<'a> {
    pub(super) fn new(text: &'a str, tokens: &'a [Token], lexicon: &'a Lexicon) -> Self {
        let unknown = || vec![Cell::new(None); tokens.len()];
        let chars = tokens.iter().map(|t| text[t.span.clone()].chars().count() as u32).collect();
        Classes {
            text,
            tokens,
            lexicon,
            start: unknown(),
            head: unknown(),
            predicate: unknown(),
            adverb: unknown(),
            chars,
        }
    }

    /// How many characters token `i` has.
    pub(super) fn chars(&self, i: usize) -> usize {
        self.chars[i] as usize
    }

    /// `class` of token `i`, looked up the first time it is asked for.
    fn memo(&self, cells: &[Cell<Option<bool>>], i: usize, class: fn(&str, Pos, &Lexicon) -> bool) -> bool {
        cells[i].get().unwrap_or_else(|| {
            let token = &self.tokens[i];
            let value = class(&self.text[token.span.clone()], token.pos, self.lexicon);
            cells[i].set(Some(value));
            value
        })
    }

    pub(super) fn can_start(&self, i: usize) -> bool {
        self.memo(&self.start, i, can_start)
    }

    pub(super) fn can_head(&self, i: usize) -> bool {
        self.memo(&self.head, i, can_head)
    }

    pub(super) fn predicate(&self, i: usize) -> bool {
        self.memo(&self.predicate, i, is_predicate)
    }

    pub(super) fn attributive_adverb(&self, i: usize) -> bool {
        self.memo(&self.adverb, i, is_attributive_adverb)
    }
}

/// Negating and opposing prefixes of Chinese word formation (不扩散, 非自治, 反倾销).
pub(super) const NEGATING_PREFIXES: &[&str] = &["不", "非", "反", "无"];
/// Words that coordinate the parts of a name.
pub(super) const COORDINATORS: &[&str] = &["和", "及", "与", "、", "以及"];
pub(super) const MAX_COORDINATORS: usize = 2;

pub(super) fn is_function_like(pos: Pos) -> bool {
    pos.is_function() || matches!(pos, Pos::Numeral | Pos::Classifier | Pos::Time | Pos::Adverb)
}

/// 七, 十二, 第五: a Chinese numeral or ordinal written in characters (a count in digits is
/// a quantity, not part of a name).
pub(super) fn is_numeral_prefix(word: &str) -> bool {
    const DIGITS: &str = "一二三四五六七八九十百千两";
    let rest = word.strip_prefix('第').unwrap_or(word);
    !rest.is_empty() && rest.chars().count() <= 3 && rest.chars().all(|c| DIGITS.contains(c))
}

/// A numeral word written in characters (千年 "millennium"), not digits.
pub(super) fn is_numeral_word(word: &str, pos: Pos) -> bool {
    pos == Pos::Numeral && word.chars().count() >= 2 && word.chars().all(is_han)
}

/// An adverb of two characters or more that CC-CEDICT also glosses as an adjective (特别
/// "special", 共同 "common"): before a noun it modifies it.
pub(super) fn is_attributive_adverb(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    pos == Pos::Adverb && word.chars().count() >= 2 && lexicon.class(word).one_word_sense
}

/// A word that can be a term by itself: a noun, a name, a verb, an adjective or a set phrase.
pub(super) fn is_content_word(word: &str, pos: Pos) -> bool {
    (pos.is_nominal() || matches!(pos, Pos::PersonName | Pos::Verb | Pos::Adjective | Pos::Idiom | Pos::Other))
        && !MODAL_VERBS.contains(&word)
        && !COVERBS.contains(&word)
        && word.chars().any(is_han)
        && !(word.chars().count() >= 2 && word.ends_with(['于', '於', '们']))
}

/// Words that end a run: punctuation, grammatical words, numbers and measure words.
pub fn breaks_run(word: &str, pos: Pos) -> bool {
    pos.is_function()
        || matches!(pos, Pos::Numeral | Pos::Classifier | Pos::Time)
        || !word.chars().any(|c| is_han(c) || c.is_ascii_alphabetic())
}

/// Inside a term: no one-character verb or adverb (是, 有, 将, 也), which link clauses rather
/// than name things. Longer verbs may modify a head (药品注册管理办法) and stay.
pub(super) fn breaks_term(word: &str, pos: Pos) -> bool {
    breaks_run(word, pos) || links_clauses(word, pos)
}

/// Grammatical words and one-character verbs or adverbs: a quoted expression holding one is a
/// quoted clause (“发展仍是时代主题”), not a name.
pub fn links_clauses(word: &str, pos: Pos) -> bool {
    matches!(pos, Pos::Preposition | Pos::Conjunction | Pos::Particle)
        || (matches!(pos, Pos::Verb | Pos::Adverb | Pos::Other) && word.chars().count() == 1)
}

/// A word jieba tags as a verb whose first CC-CEDICT sense is a verb (加大 "to increase"), or
/// a modal verb.
pub(super) fn is_predicate(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    pos == Pos::Verb
        && (MODAL_VERBS.contains(&word) || {
            let class = lexicon.class(word);
            !class.known || class.verb_first
        })
}

/// No term starts with a predicate, an adverb, a locative or an idiom. A word jieba tags as
/// a verb starts a term only when CC-CEDICT gives a non-verbal sense first (发展
/// "development"), not when it is a verb with a noun sense further down (支持, 联合); a
/// verbal noun only when CC-CEDICT knows it as something besides a verb (抗击 is not).
pub fn can_start(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    !breaks_term(word, pos)
        && !matches!(pos, Pos::Adverb | Pos::Locative | Pos::Idiom)
        && !is_predicate(word, pos, lexicon)
        && (pos != Pos::VerbalNoun || {
            let class = lexicon.class(word);
            !class.known || class.nominal
        })
}

/// The last word must be able to head a noun phrase: a nominal tag, or a word jieba tags
/// otherwise that CC-CEDICT also knows as a noun (组织 "organization", 通道 "channel").
/// Verb+于 words (致力于, 有利于) govern an object whatever their tag; X们 is a plural of people.
pub fn can_head(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    // Verb+于 words govern an object; 们 marks a plural of people (团长们), not a name.
    if word.chars().count() >= 2 && word.ends_with(['于', '於', '们']) {
        return false;
    }
    match pos {
        _ if pos.is_nominal() => true,
        Pos::Verb => word.chars().count() >= 2 && !MODAL_VERBS.contains(&word) && lexicon.class(word).nominal,
        Pos::Other => {
            word.chars().count() >= 2 && {
                let class = lexicon.class(word);
                !class.known || class.nominal
            }
        }
        _ => false,
    }
}

/// jieba's character model glues a grammatical character to a word (疫情 + 仍, 日 + 以): a
/// string that opens or closes with an adverb, preposition, conjunction, particle or pronoun
/// of one character is no name.
pub(crate) fn has_grammatical_edge(word: &str, segmenter: &Segmenter) -> bool {
    let grammatical = |c: char| {
        let mut buffer = [0u8; 4];
        let character = c.encode_utf8(&mut buffer);
        segmenter.tokens(character, 0).first().is_some_and(|t| t.pos.is_function() || t.pos == Pos::Adverb)
    };
    word.chars().next().is_some_and(grammatical) || word.chars().last().is_some_and(grammatical)
}

/// A compound of three or more characters whose first two are a verb (再生能源: 再生 "to regenerate").
pub(super) fn opens_with_verb(word: &str, lexicon: &Lexicon) -> bool {
    let Some((two, _)) = word.char_indices().nth(2) else { return false };
    lexicon.class(&word[..two]).verb_first
}
