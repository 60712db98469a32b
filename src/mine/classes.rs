//! Word classes of Chinese term formation: which words may open a term, head one, end a run
//! or link clauses, from jieba's tags, closed classes of the grammar (modal verbs, coverbs,
//! negating prefixes, coordinators) and the lexicon's senses; and [`Classes`] (`memo`), each
//! token's classes as worked out when its clause was segmented ([`class_bits`]), or once per
//! line for a token without them.

use crate::corpus::is_han;
use crate::lexicon::{is_english_function_word, is_one_word_sense, Lexicon};
use crate::segment::{Pos, Segmenter};

mod memo;

pub(super) use memo::{class_bits, Classes, CLASS_BITS};

/// Modal verbs, a closed class of Chinese grammar: they never start or head a term, and
/// CC-CEDICT glosses them without "to" (应当 "should").
pub(super) const MODAL_VERBS: &[&str] =
    &["应当", "应该", "可以", "能够", "必须", "需要", "愿意", "可能", "得以", "值得"];

/// The auxiliary that negates a verb ("did not") or what exists (没有人 "nobody"): it names
/// nothing, and a term never holds it.
const NEGATING_AUXILIARY: &str = "没有";

/// Coverbs, the verbs of Chinese grammar that work as prepositions (作为 "as", 通过 "through",
/// 包括 "including"); jieba often tags them as verbs, CC-CEDICT glosses some as nouns (作为
/// "conduct").
pub(super) const COVERBS: &[&str] =
    &["作为", "通过", "根据", "按照", "依照", "依据", "经过", "随着", "本着", "为了", "关于", "对于", "除了", "包括"];

/// Quantifiers and determiners, a closed class of Chinese grammar that jieba tags as
/// adjectives, nouns or verbs (所有 "all", 有关 "relevant", 上述 "above-mentioned"): they pick
/// out which things a noun phrase speaks of (所有会员国 "all member states"), they name none,
/// so they neither start a term nor are one.
pub(super) const QUANTIFIERS: &[&str] = &[
    "所有", "一切", "全部", "任何", "其他", "其它", "有关", "上述", "某些", "若干", "许多", "各种", "各个", "每个",
    "整个", "一些", "诸多", "众多", "各类",
];

/// `word` is one of the [`QUANTIFIERS`] (see [`closed_classes`]).
pub(super) fn is_quantifier(word: &str) -> bool {
    closed_classes(word) & QUANTIFIER != 0
}

/// `word` is one of the [`MODAL_VERBS`] (see [`closed_classes`]).
pub(super) fn is_modal_verb(word: &str) -> bool {
    closed_classes(word) & MODAL_VERB != 0
}

/// `word` is one of the [`COVERBS`] (see [`closed_classes`]).
pub(super) fn is_coverb(word: &str) -> bool {
    closed_classes(word) & COVERB != 0
}

/// The bits of [`closed_classes`].
const MODAL_VERB: u8 = 1;
const COVERB: u8 = 2;
const QUANTIFIER: u8 = 4;

/// Which of the closed lists ([`MODAL_VERBS`], [`COVERBS`], [`QUANTIFIERS`]) hold `word`, as
/// bits: one hash look-up for all three, since they are asked of every token of the corpus
/// (a search of each list compared most two-character words with every entry, and a set
/// each hashed the word three times), and none for a word of another length than theirs.
fn closed_classes(word: &str) -> u8 {
    struct Lists {
        bits: rustc_hash::FxHashMap<&'static str, u8>,
        lengths: std::ops::RangeInclusive<usize>,
    }
    static LISTS: std::sync::LazyLock<Lists> = std::sync::LazyLock::new(|| {
        let mut bits = rustc_hash::FxHashMap::default();
        for (list, bit) in [(MODAL_VERBS, MODAL_VERB), (COVERBS, COVERB), (QUANTIFIERS, QUANTIFIER)] {
            for word in list {
                *bits.entry(*word).or_default() |= bit;
            }
        }
        let shortest = bits.keys().map(|w| w.len()).min().unwrap_or(0);
        let longest = bits.keys().map(|w| w.len()).max().unwrap_or(0);
        Lists { bits, lengths: shortest..=longest }
    });
    if !LISTS.lengths.contains(&word.len()) {
        return 0;
    }
    LISTS.bits.get(word).copied().unwrap_or(0)
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
    const DIGITS: &str = "一二三四五六七八九十百千万两";
    let rest = word.strip_prefix('第').unwrap_or(word);
    !rest.is_empty() && rest.chars().count() <= 3 && rest.chars().all(|c| DIGITS.contains(c))
}

/// A numeral word written in characters (千年 "millennium"), not digits.
pub(super) fn is_numeral_word(word: &str, pos: Pos) -> bool {
    pos == Pos::Numeral && word.chars().count() >= 2 && word.chars().all(is_han)
}

/// "One" or "a few" glued to a measure word by jieba (一个, 一名, 一具, 几个, 数名): an
/// indefinite quantity, the article of what follows (一个声音 "a voice", 一名武者 "a martial
/// artist"), unlike a counted set (三股势力 "the three forces", 两个一百年).
pub(super) fn is_indefinite_quantity(word: &str) -> bool {
    const MEASURE_WORDS: &str = "个位名具只件句张把条根块本辆座头匹间份篇首部台艘枚颗粒滴片双群种次声眼阵番道团";
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some('一' | '几' | '数'), Some(m), None) if MEASURE_WORDS.contains(m))
}

/// An adverb of two characters or more that CC-CEDICT also glosses as an adjective (特别
/// "special", 共同 "common"): before a noun it modifies it.
pub(super) fn is_attributive_adverb(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    pos == Pos::Adverb && word.chars().count() >= 2 && !ends_in_copula(word) && lexicon.class(word).one_word_sense
}

/// A word that can be a term by itself: a noun, a name, a verb, an adjective or a set phrase.
pub(super) fn is_content_word(word: &str, pos: Pos) -> bool {
    (pos.is_nominal() || matches!(pos, Pos::PersonName | Pos::Verb | Pos::Adjective | Pos::Idiom | Pos::Other))
        && !is_modal_verb(word)
        && !is_coverb(word)
        && !is_quantifier(word)
        && !is_glued_grammar(word)
        && word.chars().any(is_han)
        && !(word.chars().count() >= 2 && word.ends_with(['于', '於', '们']))
}

/// A postposition 上, 中, 内 or 里 ("on", "in", "within"), or 时 "when, at the time of" (大学 +
/// 时 "when at university"), which jieba may tag a noun (范围 + 内 "within the scope"), or a
/// place phrase it lists as one word (床上 "in bed"): a word CC-CEDICT does not know, of one
/// it does and such a postposition. It heads no term and is none; a word CC-CEDICT knows is
/// its own (皇上 "the emperor", 高中 "senior high school", 公里 "kilometre", 临时 "temporary").
pub(super) fn is_locative_phrase(word: &str, lexicon: &Lexicon) -> bool {
    let Some(rest) = word.strip_suffix(POSTPOSITIONS) else { return false };
    // The word itself first: the other classes have looked it up already.
    rest.is_empty() || !lexicon.class(word).known && lexicon.class(rest).known
}

/// The postpositions of [`is_locative_phrase`].
pub(super) const POSTPOSITIONS: [char; 5] = ['上', '中', '内', '里', '时'];

/// Words that end a run: punctuation, grammatical words, numbers and measure words.
pub fn breaks_run(word: &str, pos: Pos) -> bool {
    pos.is_function()
        || matches!(pos, Pos::Numeral | Pos::Classifier | Pos::Time)
        || !word.chars().any(|c| is_han(c) || c.is_ascii_alphabetic())
}

/// Inside a term: no one-character verb or adverb (是, 有, 将, 也), which link clauses rather
/// than name things. Longer verbs may modify a head (药品注册管理办法) and stay.
pub(super) fn breaks_term(word: &str, pos: Pos) -> bool {
    breaks_run(word, pos) || links_clauses(word, pos) || is_glued_grammar(word)
}

/// A word that jieba's dictionary or character model made of grammar: a predicate with its
/// aspect particle or directional complement, a character and the copula, or the auxiliary
/// 没有. It neither is a term nor stands in one.
fn is_glued_grammar(word: &str) -> bool {
    holds_aspect_particle(word)
        || ends_in_copula(word)
        || has_directional_complement(word)
        || word == NEGATING_AUXILIARY
}

/// A word with 了 after its first character: the aspect particle of a predicate glued in by
/// jieba's dictionary or character model (笑了笑 "smiled", 太好了 "great!", 大不了 "at
/// worst"). It names nothing; 了 opening a word is another morpheme (了解 "to understand").
fn holds_aspect_particle(word: &str) -> bool {
    word.chars().skip(1).any(|c| c == '了')
}

/// A character and the copula 是 "is", which jieba's dictionary or character model glue into
/// one word: a demonstrative (这是 "this is"), an adverb (总是, 只是, 就是, 却是) or a
/// conjunction (但是, 于是, 还是). Such a word is grammar: it neither is a term nor stands in one.
fn ends_in_copula(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next_back() == Some('是') && chars.count() == 1
}

/// A verb and a directional complement, which jieba's dictionary or character model glue into
/// one word (醒过来 "came to", 站起来 "stood up", 拿出来 "took out"): a predicate, not a name.
/// 过去 is left out: it is also the noun "the past".
fn has_directional_complement(word: &str) -> bool {
    const COMPLEMENTS: [&str; 9] = ["过来", "起来", "下来", "出来", "回来", "下去", "上来", "进来", "出去"];
    word.chars().count() >= 3 && COMPLEMENTS.iter().any(|c| word.ends_with(c))
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
        && (is_modal_verb(word) || {
            let class = lexicon.class(word);
            !class.known || class.verb_first
        })
}

/// A set phrase that CC-CEDICT glosses only as a question or an exclamation (怎么回事
/// "what's going on?"): speech, which neither is a term nor opens one. Only set phrases and
/// words jieba could not tag are looked up: nouns and verbs are not glossed that way.
fn is_speech(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    matches!(pos, Pos::Other | Pos::Idiom) && lexicon.class(word).speech
}

/// A name: jieba tags it a person the lexicon lists, if at all, only as a name, or a place or
/// organisation CC-CEDICT lists as a name (海地 "Haiti"; not 和平 "peace", which jieba also
/// tags a place, nor a new word the corpus taught the segmenter, which it tags nz whatever
/// it is: 数据港 "data harbour").
pub(super) fn is_name(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    let class = match pos {
        Pos::PersonName | Pos::ProperNoun => lexicon.class(word),
        _ => return false,
    };
    class.name || pos == Pos::PersonName && !class.known
}

/// A four-character (or longer) set phrase (成语). jieba also tags as "i" thousands of
/// three-character words that are ordinary nouns or adjectives (无症状 "asymptomatic", 鬼故事
/// "ghost story"), which may open a term like any other word.
fn is_set_phrase(word: &str, pos: Pos) -> bool {
    pos == Pos::Idiom && word.chars().nth(3).is_some()
}

/// No term starts with a predicate, an adverb, a locative or a set phrase ([`is_set_phrase`]). A
/// word jieba tags as a verb starts a term only when CC-CEDICT gives a non-verbal sense first (发展
/// "development"), not when it is a verb with a noun sense further down (支持, 联合); a verbal noun
/// only when CC-CEDICT knows it as something besides a verb (抗击 is not).
pub fn can_start(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    !breaks_term(word, pos)
        && !is_speech(word, pos, lexicon)
        && pos != Pos::Adverb
        && !is_set_phrase(word, pos)
        && (pos != Pos::Locative || is_attributive_locative(word, lexicon))
        && !is_descriptive_reduplication(word, pos, lexicon)
        && !is_quantifier(word)
        && !is_predicate(word, pos, lexicon)
        && (pos != Pos::VerbalNoun || {
            let class = lexicon.class(word);
            !class.known || class.nominal
        })
}

/// A place word of two characters or more that CC-CEDICT also glosses as one content word
/// (境内 "internal", 国内 "domestic", 海外 "overseas"): before a noun it modifies it (境内 +
/// 流离失所者 "internally displaced persons"). Not one glossed only by prepositions and phrases
/// (之间 "between", 以上 "more than").
fn is_attributive_locative(word: &str, lexicon: &Lexicon) -> bool {
    word.chars().count() >= 2
        && lexicon.entry(word).senses.iter().any(|s| is_one_word_sense(s) && !is_english_function_word(s))
}

/// A reduplicated word that jieba tags neither a noun nor a name (淡淡 "faint", 莽莽 "vast"),
/// or that it takes for a name and CC-CEDICT knows as a word (熊熊 "raging"): Chinese
/// grammar's vivid form of an adjective or adverb, which describes and names nothing
/// (熊熊怒火 "raging fury"). Reduplicated nouns (星星 "star", 爷爷 "grandpa") stay nouns.
fn is_descriptive_reduplication(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    is_reduplication(word)
        && match pos {
            Pos::Noun | Pos::ProperNoun => false,
            // A name jieba made up from the characters (a nickname) unless CC-CEDICT knows
            // the word as something else (熊熊 "raging").
            Pos::PersonName => {
                let class = lexicon.class(word);
                class.known && !class.name
            }
            _ => true,
        }
}

/// Two Chinese characters, the same one twice (淡淡, 星星; not "FF").
pub(super) fn is_reduplication(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(a), Some(b), None) if a == b && is_han(a))
}

/// The last word must be able to head a noun phrase: a nominal tag, or a word jieba tags
/// otherwise that CC-CEDICT also knows as a noun (组织 "organization", 通道 "channel").
/// Verb+于 words (致力于, 有利于) govern an object whatever their tag; X们 is a plural of people.
pub fn can_head(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    // Verb+于 words govern an object; 们 marks a plural of people (团长们), not a name.
    if word.chars().count() >= 2 && word.ends_with(['于', '於', '们']) || is_locative_phrase(word, lexicon) {
        return false;
    }
    match pos {
        // jieba's "abbreviation" and untagged words include adverbials (同比 "year on year",
        // 环比 "period on period"): a word CC-CEDICT glosses only as a time or an adverb
        // qualifies a clause and heads no noun phrase.
        Pos::Abbreviation => !lexicon.class(word).adverbial_only,
        _ if pos.is_nominal() => true,
        Pos::Verb => word.chars().count() >= 2 && !is_modal_verb(word) && lexicon.class(word).nominal,
        Pos::Other => {
            word.chars().count() >= 2 && {
                let class = lexicon.class(word);
                (!class.known || class.nominal) && !class.adverbial_only
            }
        }
        _ => false,
    }
}

/// jieba's character model glues a grammatical character to a word (疫情 + 仍, 日 + 以): a
/// string that opens or closes with an adverb, preposition, conjunction, particle or pronoun
/// of one character is no name; nor is one that closes with the general measure word 个
/// (找 + 个 "find a", 这 + 个), which counts the noun after it.
pub(crate) fn has_grammatical_edge(word: &str, segmenter: &Segmenter) -> bool {
    let grammatical = |c: char| {
        let mut buffer = [0u8; 4];
        let character = c.encode_utf8(&mut buffer);
        segmenter.tokens(character, 0).first().is_some_and(|t| t.pos.is_function() || t.pos == Pos::Adverb)
    };
    word.chars().next().is_some_and(grammatical) || word.chars().last().is_some_and(|c| c == '个' || grammatical(c))
}

/// A compound of three or more characters whose first two are a verb (再生能源: 再生 "to regenerate").
pub(super) fn opens_with_verb(word: &str, lexicon: &Lexicon) -> bool {
    let Some((two, _)) = word.char_indices().nth(2) else { return false };
    lexicon.class(&word[..two]).verb_first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_closed_list_answers_for_its_own_words_only() {
        type Listed = fn(&str) -> bool;
        let lists: [(&[&str], Listed); 3] =
            [(MODAL_VERBS, is_modal_verb), (COVERBS, is_coverb), (QUANTIFIERS, is_quantifier)];
        for (list, is_listed) in lists {
            for (other, is_other) in lists {
                for word in list {
                    assert_eq!(is_other(word), other.contains(word), "{word}");
                }
            }
            // Pieces and longer words of a listed word are not listed.
            for word in list {
                let first = word.chars().next().map(String::from).unwrap_or_default();
                assert!(!is_listed(&first) && !is_listed(&format!("{word}人")), "{word}");
            }
        }
        assert!(!is_modal_verb("合作") && !is_coverb("") && !is_quantifier("所有会员国"));
    }

    #[test]
    fn a_set_phrase_opens_no_term_but_a_three_character_word_tagged_as_one_may() {
        let lexicon = Lexicon::new();
        assert!(!can_start("一帆风顺", Pos::Idiom, &lexicon), "a four-character set phrase");
        assert!(can_start("鬼故事", Pos::Idiom, &lexicon), "a noun jieba tags i");
    }

    #[test]
    fn an_abbreviation_glossed_only_as_an_adverbial_heads_nothing() {
        let lexicon = Lexicon::new();
        // jieba tags 同比 "year on year" j, as it tags 北约 "NATO".
        assert!(!can_head("同比", Pos::Abbreviation, &lexicon));
        assert!(can_head("北约", Pos::Abbreviation, &lexicon));
        assert!(!can_head("如下", Pos::Other, &lexicon));
    }

    #[test]
    fn a_name_is_a_person_or_a_place_the_dictionary_lists_as_one() {
        let lexicon = Lexicon::new();
        assert!(is_name("智利", Pos::ProperNoun, &lexicon), "Chile");
        assert!(is_name("李小蒙", Pos::PersonName, &lexicon), "a person the lexicon lacks");
        assert!(!is_name("和平", Pos::ProperNoun, &lexicon), "peace");
        // A new word the corpus taught the segmenter is tagged a proper noun, whatever it is.
        assert!(!is_name("数据港", Pos::ProperNoun, &lexicon));
        assert!(!is_name("智利", Pos::Noun, &lexicon));
    }

    #[test]
    fn a_place_phrase_heads_no_term_but_a_word_the_dictionary_knows_does() {
        let lexicon = Lexicon::new();
        for phrase in ["内", "上", "床上", "桌面上", "记忆里"] {
            assert!(is_locative_phrase(phrase, &lexicon), "{phrase}");
            assert!(!can_head(phrase, Pos::Noun, &lexicon), "{phrase}");
        }
        for word in ["皇上", "高中", "公里", "国内"] {
            assert!(!is_locative_phrase(word, &lexicon), "{word}");
        }
    }

    #[test]
    fn shi_after_a_phrase_says_when_and_heads_no_term() {
        let lexicon = Lexicon::new();
        // 大学 + 时 "when at university", 笑时 "when smiling".
        for phrase in ["时", "笑时"] {
            assert!(is_locative_phrase(phrase, &lexicon), "{phrase}");
            assert!(!can_head(phrase, Pos::Noun, &lexicon), "{phrase}");
        }
        for word in ["临时", "比利时", "小时", "倒计时"] {
            assert!(!is_locative_phrase(word, &lexicon), "{word}");
        }
    }
}
