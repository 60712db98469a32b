//! New-word discovery for small corpora. jieba breaks words it does not know into pieces,
//! often single characters (中小/微/企业, 可/再生能源). A string of such pieces is taken
//! for a word when it repeats, starts and ends on token boundaries, is not in the general
//! dictionary, and is not bound to one neighbour on either side (else it is a piece of a
//! longer unit, [`super::neighbours`]). Found words are taught to the segmenter so the miner sees them whole.

use super::classes::{is_locative_phrase, is_numeral_prefix, POSTPOSITIONS};
use super::runs::{can_start, links_clauses};
use super::score::{generality, GENERAL_WORD};
use super::{by_shard, shard_of, string_hash};
use crate::corpus::{is_han, Document};
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, Token};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const MIN_TOKENS: usize = 2;
const MAX_TOKENS: usize = 4;
const MIN_CHARS: usize = 3;
const MAX_CHARS: usize = 8;
const MIN_FREQUENCY: usize = 2;

/// Strings seen this often, always after the same character inside varying words, take that
/// character ([`left_character`]).
const MIN_LEFT_CHARACTER_EVIDENCE: usize = 3;

struct Seen<'a> {
    count: usize,
    last: &'a str,
    before: Side<&'a str>,
    after: Side<&'a str>,
    /// The character glued before the string, and the word jieba put it in (by hash).
    left_character: Side<char>,
    left_word: Side<u64>,
    /// Whether every such word was a grammatical character and that one ([`glued_to_grammar`]).
    left_after_grammar: bool,
    /// Whether its first piece is of a class that opens no term ([`opens_unknown_word`]).
    odd_start: bool,
}

impl Default for Seen<'_> {
    /// Nothing seen yet: every left word so far (none) was glue.
    fn default() -> Self {
        Seen {
            count: 0,
            last: "",
            before: Side::None,
            after: Side::None,
            left_character: Side::None,
            left_word: Side::None,
            left_after_grammar: true,
            odd_start: false,
        }
    }
}

/// One-character prepositions, conjunctions and coverbs, a closed class of Chinese grammar,
/// which jieba glues to the first character of a name it does not know (对 + 联…, 与 + 联…).
const GRAMMATICAL_CHARACTERS: &str = "对与和及同跟向在于从由为以把被将给的";

/// The character alone, or a word of two characters whose first is a grammatical one: jieba's
/// glue, not a word the text meant (对联 "couplet" in 对联阿安全部队). Words that merely end
/// alike (支持, 扶持) are not.
fn glued_to_grammar(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next(), chars.next()) {
        // The character alone: jieba could not place it at all.
        (Some(_), None, _) => true,
        (Some(first), Some(_), None) => GRAMMATICAL_CHARACTERS.contains(first),
        _ => false,
    }
}

/// The distinct neighbours of a string on one side, as far as [`bound`] needs them: none, one
/// (which), or more (a set of them all cost gigabytes in a large memory).
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
enum Side<T> {
    #[default]
    None,
    One(T),
    Many,
}

impl<T: Copy + PartialEq> Side<T> {
    fn insert(&mut self, item: T) {
        *self = match *self {
            Side::None => Side::One(item),
            Side::One(seen) if seen == item => Side::One(seen),
            _ => Side::Many,
        };
    }

    /// What this side and `other` have seen together.
    fn absorb(&mut self, other: Side<T>) {
        match other {
            Side::None => {}
            Side::One(item) => self.insert(item),
            Side::Many => *self = Side::Many,
        }
    }
}

impl Seen<'_> {
    /// Adds what a later stretch of the corpus saw of the same string.
    fn absorb(&mut self, later: Self) {
        self.count += later.count;
        self.last = later.last;
        self.before.absorb(later.before);
        self.after.absorb(later.after);
        self.left_character.absorb(later.left_character);
        self.left_word.absorb(later.left_word);
        self.left_after_grammar &= later.left_after_grammar;
        self.odd_start |= later.odd_start;
    }
}

/// jieba glues the first character of a name it does not know to a grammatical character before
/// it (对 + 联 | 阿安全部队 cut as 对联 | 阿安全部队): a string always after the same character,
/// inside words that differ and are each such glue, takes that character. One word every time
/// is a word of its own (执事 + 凌重宽); words that end alike are the text's (支持, 扶持).
fn left_character(string: &str, seen: &Seen) -> Option<String> {
    match (seen.left_character, seen.left_word) {
        (Side::One(c), Side::Many)
            if seen.count >= MIN_LEFT_CHARACTER_EVIDENCE && seen.left_after_grammar && is_han(c) =>
        {
            Some(format!("{c}{string}"))
        }
        _ => None,
    }
}

/// Words the segmenter split but the corpus repeats as units, shortest first.
pub fn new_words<T: AsRef<[Token]>>(
    docs: &[Document],
    sentences: impl IntoParallelIterator<Item = (usize, T)>,
    binds: impl FnOnce(&[(&str, &str)]) -> Vec<bool>,
    segmenter: &Segmenter,
    lexicon: &Lexicon,
) -> Vec<String> {
    // Each worker's stretch of clauses into tables of its own, sharded by the string's hash;
    // the stretches merged shard by shard on all cores, in corpus order (the string's last
    // word is its last occurrence's), so the result does not depend on the number of threads.
    let stretches: Vec<Vec<HashMap<String, Seen>>> = sentences
        .into_par_iter()
        .fold(
            || (0..SHARDS).map(|_| HashMap::default()).collect(),
            |mut seen: Vec<HashMap<String, Seen>>, (doc, line)| {
                see(docs[doc].zh.as_str(), line.as_ref(), segmenter, lexicon, &mut seen);
                seen
            },
        )
        .collect();
    let seen: Vec<HashMap<String, Seen>> = by_shard(stretches, SHARDS)
        .into_par_iter()
        .map(|parts| {
            let mut parts = parts.into_iter();
            let mut merged = parts.next().unwrap_or_default();
            for part in parts {
                for (string, later) in part {
                    merged.entry(string).or_default().absorb(later);
                }
            }
            merged
        })
        .collect();
    let frequent: Vec<(String, Seen)> = seen
        .into_iter()
        .flatten()
        .filter(|(string, s)| {
            // A word always before it binds (it could be part of a term, which `see` checks
            // when recording it).
            let least = if s.odd_start { MIN_ODD_START_FREQUENCY } else { MIN_FREQUENCY };
            s.count >= least && !segmenter.is_dictionary_word(string) && single(&s.before).is_none()
        })
        .collect();
    // Whether the one word after each string binds to the string's last word, asked of the
    // corpus at once.
    let asked: Vec<(&str, &str)> = frequent.iter().filter_map(|(_, s)| Some((single(&s.after)?, s.last))).collect();
    let mut binding = binds(&asked).into_iter();
    let mut found: Vec<(String, usize)> = Vec::new();
    for (string, s) in frequent {
        // The answers come in the order asked.
        let bound = single(&s.after).is_some() && binding.next().expect("one answer per question");
        if !bound {
            found.push((left_character(&string, &s).unwrap_or(string), s.count));
        }
    }
    // Shortest first: a found word glued to a free neighbour (中小微企业 + 合作) is not taught
    // as well, the miner builds such runs from the tokens itself.
    found.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
    // Each string is at most MAX_CHARS characters: looking its pieces up in a set keeps this
    // linear in the number of strings (a scan of every word kept was quadratic at scale).
    let mut kept: HashSet<&str> = HashSet::default();
    let mut words: Vec<&str> = Vec::new();
    for (string, _) in &found {
        let bounds: Vec<usize> = string.char_indices().map(|(i, _)| i).chain([string.len()]).collect();
        let holds_kept =
            (0..bounds.len()).any(|a| (a + 1..bounds.len()).any(|b| kept.contains(&string[bounds[a]..bounds[b]])));
        if !holds_kept {
            kept.insert(string);
            words.push(string);
        }
    }
    words.into_iter().map(str::to_string).collect()
}

/// Tables of [`new_words`], by the string's hash.
const SHARDS: usize = 32;

/// Records in `seen` every string of `line` that has the shape of a word jieba did not know.
fn see<'a>(
    text: &'a str,
    line: &[Token],
    segmenter: &Segmenter,
    lexicon: &Lexicon,
    seen: &mut [HashMap<String, Seen<'a>>],
) {
    let word = |i: usize| &text[line[i].span.clone()];
    // Asked of each token once: as the first piece of its strings and as the word before the
    // strings after it.
    let can_start: Vec<bool> = (0..line.len()).map(|i| can_start(word(i), line[i].pos, lexicon)).collect();
    for start in 0..line.len() {
        // A one-character adjective before a noun is a free modifier (新产业, 大项目).
        let free_modifier = line[start].pos == Pos::Adjective && word(start).chars().count() == 1;
        let after_number = start > 0 && line[start - 1].pos == Pos::Numeral;
        let starts = can_start[start];
        let odd = !starts && opens_unknown_word(word(start), line[start].pos, after_number, segmenter);
        if free_modifier || !(starts || odd) {
            continue;
        }
        for end in start + MIN_TOKENS..=line.len().min(start + MAX_TOKENS) {
            let window = &line[start..end];
            // A place phrase jieba lists as one word ends the string in a place (婚 + 床上 "on
            // the wedding bed"), not a name.
            if !is_unknown_word_shape(text, window, odd, |w| segmenter.is_dictionary_word(w))
                || is_locative_phrase(word(end - 1), lexicon)
            {
                continue;
            }
            let string = &text[window[0].span.start..window[window.len() - 1].span.end];
            let shard = &mut seen[shard_of(string_hash(string), SHARDS)];
            if !shard.contains_key(string) {
                shard.insert(string.to_string(), Seen::default());
            }
            let entry = shard.get_mut(string).expect("inserted above");
            entry.count += 1;
            entry.odd_start |= odd;
            entry.last = word(end - 1);
            // Only a word that could be part of a term makes the string a piece of one.
            let before = start.checked_sub(1).filter(|&i| can_start[i]);
            entry.before.insert(before.map_or("", word));
            entry.after.insert(if end < line.len() { word(end) } else { "" });
            match start.checked_sub(1).filter(|&i| line[i].span.end == line[start].span.start) {
                Some(i) => {
                    entry.left_character.insert(word(i).chars().next_back().unwrap_or(' '));
                    entry.left_word.insert(string_hash(word(i)));
                    entry.left_after_grammar &= glued_to_grammar(word(i));
                }
                None => {
                    entry.left_character = Side::Many;
                }
            }
        }
    }
}

/// Han only, 3–8 characters, no grammatical word, number, date or one-character verb (是)
/// inside, a last piece that could head a noun, and at least one single-character piece (the
/// mark of a word jieba did not know). The first piece must be able to start a term, or be
/// `odd_start` ([`opens_unknown_word`]), which exempts it from the grammatical classes.
fn is_unknown_word_shape(text: &str, window: &[Token], odd_start: bool, known: impl Fn(&str) -> bool) -> bool {
    // The cheapest tests first, no allocation: this is asked of every two to four tokens of
    // every clause, and most windows fail at once.
    let word = |t: &Token| &text[t.span.clone()];
    let last = window[window.len() - 1].pos;
    let last_word = word(&window[window.len() - 1]);
    if !window.windows(2).all(|p| p[0].span.end == p[1].span.start)
        || matches!(last, Pos::Verb | Pos::Adverb | Pos::Locative)
        // A postposition however tagged (领土 + 内 "within the territory") ends a place phrase.
        || last_word.chars().count() == 1 && last_word.ends_with(POSTPOSITIONS)
    {
        return false;
    }
    let grammatical = |t: &Token| {
        t.pos.is_function()
            || matches!(t.pos, Pos::Time | Pos::Numeral | Pos::Classifier)
            || links_clauses(word(t), t.pos)
    };
    if window.iter().skip(usize::from(odd_start)).any(grammatical) {
        return false;
    }
    let (mut chars, mut single) = (0, false);
    for t in window {
        let w = word(t);
        if !w.chars().all(is_han) {
            return false;
        }
        let n = w.chars().count();
        chars += n;
        single |= n == 1;
    }
    (MIN_CHARS..=MAX_CHARS).contains(&chars)
        // An adjective ends a word only after a piece jieba made up from characters (凌重 +
        // 宽, a name it cut); after a word it knows, it is a predicate or complement (很 +
        // 清楚, 落实 + 好).
        && (last != Pos::Adjective || !known(word(&window[window.len() - 2])))
        && (single
            // A foreign name jieba cut into names of its own (弗拉格 + 斯塔夫).
            || window.iter().all(|t| t.pos == Pos::PersonName))
}

/// jieba gives the first character or word of many names it does not know a class that opens
/// no term: a Chinese numeral (七 + 公主 "the Seventh Princess"), a measure word (it lists the
/// country 马里 as one), a one-character verb (抹 of 抹茶 "matcha", 准 "associate" in 准 +
/// 会员). Such a piece may open a new word, unless it is what its class says: a measure word
/// after a number (五 + 千克 + 铀), or a verb as common as general vocabulary, which before a
/// word is a predicate with its object (是 + 法师, 请 + 秘书长, 有 + 代表团).
fn opens_unknown_word(word: &str, pos: Pos, after_number: bool, segmenter: &Segmenter) -> bool {
    let chars = word.chars().count();
    word.chars().all(is_han)
        && match pos {
            Pos::Numeral => chars == 1 && is_numeral_prefix(word),
            Pos::Classifier => chars >= 2 && !after_number,
            Pos::Verb => chars == 1 && generality(segmenter.dictionary_frequency(word)) < GENERAL_WORD,
            _ => false,
        }
}

/// A string whose first piece opens no term ([`opens_unknown_word`]) needs a sighting more
/// than [`MIN_FREQUENCY`]: a number or verb before a word is more often a phrase than a name.
const MIN_ODD_START_FREQUENCY: usize = 3;

/// The neighbour always on that side, when it is one word (not the clause edge).
fn single<'a>(neighbours: &Side<&'a str>) -> Option<&'a str> {
    match *neighbours {
        Side::One(word) if !word.is_empty() => Some(word),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{line_spans, normalize::normalize_zh, InputKind};
    use crate::mine::neighbours::binds_asked;

    #[test]
    fn a_side_tells_one_neighbour_from_several() {
        let mut side = Side::default();
        side.insert("合作");
        side.insert("合作");
        assert_eq!(side, Side::One("合作"));
        assert_eq!(single(&side), Some("合作"));
        side.insert("发展");
        assert_eq!(side, Side::Many);
        side.insert("合作");
        assert_eq!(single(&side), None, "a third sighting of the first word does not make it one again");
        assert_eq!(single(&Side::One("")), None, "the clause edge is no word");
    }

    fn discover(text: &str) -> Vec<String> {
        let docs = vec![Document::monolingual("t".into(), InputKind::Plain, normalize_zh(text, false))];
        let segmenter = Segmenter::new();
        let sentences: Vec<(usize, Vec<Token>)> = line_spans(&docs[0].zh)
            .into_iter()
            .map(|span| (0, segmenter.tokens(&docs[0].zh[span.clone()], span.start)))
            .collect();
        let binds = |asked: &[(&str, &str)]| binds_asked(&docs, sentences.par_iter().map(|(d, t)| (*d, t)), asked);
        new_words(&docs, sentences.par_iter().map(|(d, t)| (*d, t)), binds, &segmenter, &Lexicon::new())
    }

    #[test]
    fn a_repeated_split_word_is_found() {
        let words = discover("支持中小微企业发展。\n中小微企业贷款增加，帮助中小微企业。\n");
        assert!(words.contains(&"中小微企业".to_string()), "{words:?}");
    }

    #[test]
    fn a_found_word_is_not_found_again_with_a_free_head() {
        let words = discover("支持中小微企业合作。\n中小微企业合作增加，中小微企业贷款难。\n加强金融合作，扩大能源合作，深化人文合作。\n");
        assert!(words.contains(&"中小微企业".to_string()), "{words:?}");
        assert!(!words.iter().any(|w| w.ends_with("合作")), "{words:?}");
    }

    #[test]
    fn a_string_seen_once_is_not_a_word() {
        let words = discover("支持中小微企业发展。\n");
        assert!(words.is_empty(), "{words:?}");
    }

    #[test]
    fn a_string_always_after_the_same_modifier_is_a_piece_not_a_word() {
        let words = discover("国有中小微企业改革。\n国有中小微企业贷款。\n");
        assert!(!words.contains(&"中小微企业".to_string()), "{words:?}");
    }

    #[test]
    fn a_one_character_adjective_and_a_noun_are_not_a_word() {
        let words = discover("培育新产业。\n新产业发展快，扶持新产业。\n");
        assert!(words.is_empty(), "{words:?}");
    }

    #[test]
    fn predicates_with_complements_are_not_words() {
        let words = discover("要落实好政策。\n落实好，建设好。\n必须落实好。\n");
        assert!(words.is_empty(), "{words:?}");
    }

    #[test]
    fn a_foreign_name_cut_into_names_is_found() {
        let words = discover("学校名叫弗拉格斯塔夫。\n弗拉格斯塔夫又称旗杆市。\n他到了弗拉格斯塔夫美国学院。\n");
        assert!(words.contains(&"弗拉格斯塔夫".to_string()), "{words:?}");
        let words = discover("应对西非埃博拉病。\n促进埃博拉蔓延的减少。\n");
        assert!(words.contains(&"埃博拉".to_string()), "a name ending in a given name: {words:?}");
    }

    #[test]
    fn an_adjective_ends_a_word_only_after_a_made_up_piece() {
        let words = discover("大执事凌重宽却是跑过来。\n但凌重宽说是商量。\n阻止凌重宽。\n");
        assert!(words.contains(&"凌重宽".to_string()), "{words:?}");
        let words = discover("我很清楚。\n他很清楚。\n大家都很清楚了。\n要落实好。\n必须落实好。\n");
        assert!(words.is_empty(), "a predicate adjective after a word jieba knows: {words:?}");
    }

    #[test]
    fn a_string_always_after_one_character_inside_varying_words_takes_it() {
        let words = discover("莫格斯少将对联阿安全部队的奉献。\n要求联阿安全部队继续协助。\n表示对联阿安全部队的支持。\n因为与联阿安全部队唯一的部分。\n");
        assert!(words.contains(&"联阿安全部队".to_string()), "{words:?}");
        assert!(!words.contains(&"阿安全部队".to_string()), "{words:?}");
        // Words that only end alike (支持, 扶持, 维持) are the text's own.
        let words = discover("支持中小微企业发展。\n扶持中小微企业贷款。\n维持中小微企业运营。\n");
        assert!(words.contains(&"中小微企业".to_string()), "{words:?}");
        assert!(!words.iter().any(|w| w.starts_with('持')), "{words:?}");
        // Always after the same word: that word is the text's, not the name's.
        let words = discover("大执事凌重宽却是跑过来。\n大执事凌重宽说是商量。\n大执事凌重宽阻止了他。\n");
        assert!(!words.iter().any(|w| w.starts_with('事')), "{words:?}");
    }

    #[test]
    fn a_name_opened_by_a_numeral_a_measure_word_or_a_rare_verb_is_found() {
        // jieba tags 九 a numeral, 居里 a measure word, 抹 a verb; each opens a name here.
        let words = discover("众人拜见九王子。\n九王子的剑，九王子的马。\n");
        assert!(words.contains(&"九王子".to_string()), "{words:?}");
        let words = discover("居里镇的居民。\n他去过居里镇，居里镇很小。\n");
        assert!(words.contains(&"居里镇".to_string()), "{words:?}");
        let words = discover("抹茶狗的主人。\n看见抹茶狗，抹茶狗的窝。\n");
        assert!(words.contains(&"抹茶狗".to_string()), "{words:?}");
    }

    #[test]
    fn an_odd_first_piece_needs_a_third_sighting_and_its_class_must_not_hold() {
        let words = discover("众人拜见九王子。\n九王子的剑。\n");
        assert!(!words.contains(&"九王子".to_string()), "seen twice: {words:?}");
        // A measure word after a number measures; a common verb takes its object.
        let words = discover("运来五千克铀。\n又有三千克铀，八千克铀。\n");
        assert!(!words.iter().any(|w| w.contains("千克")), "{words:?}");
        let words = discover("他是法师，我是法师。\n你是法师吗？\n谁是法师。\n");
        assert!(!words.iter().any(|w| w.starts_with('是')), "{words:?}");
    }

    #[test]
    fn a_string_ending_in_a_place_phrase_is_not_a_word() {
        let found = discover("她坐在婚床上发呆。他躺在婚床上睡觉。");
        assert!(!found.iter().any(|w| w.ends_with("床上")), "{found:?}");
    }

    #[test]
    fn a_place_phrase_is_not_a_word() {
        let words = discover("在领土内实施袭击。\n领土内的平民，领土内的安全。\n");
        assert!(!words.iter().any(|w| w.ends_with('内')), "{words:?}");
    }

    #[test]
    fn quantity_phrases_are_not_words() {
        let words =
            discover("有三个方面的问题。\n这三个方面很重要，三个方面都要抓。\n集团多个成员发言，集团多个成员反对。\n");
        assert!(!words.iter().any(|w| w.contains('三') || w.contains("多个")), "{words:?}");
    }
}
