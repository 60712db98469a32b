//! The bilingual general-language lexicon (CC-CEDICT, embedded by the `chinese_dictionary`
//! crate), with the entries of an optional user dictionary (`user`) joined to it: English
//! glosses of Chinese words, used to tell nominal from verbal words when mining and as lexical
//! anchors and composition evidence when aligning.

mod function_words;
mod user;

pub use function_words::{is_english_function_word, ENGLISH_FUNCTION_WORDS};
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use thread_local::ThreadLocal;
pub use user::UserDictionary;

/// CC-CEDICT look-ups with a cache (the crate's index answers quickly, but the glosses are
/// split and lower-cased once per word here).
#[derive(Default)]
pub struct Lexicon {
    /// One cache per thread: mining asks for tens of millions of words on all cores, and a
    /// shared lock's counter (and a shared entry's reference count) bounced between the cores
    /// cost more than the look-up. FxHash: the keys are short words; SipHash's flood
    /// resistance buys nothing here.
    cache: ThreadLocal<RefCell<ThreadCache>>,
    /// Senses added by [`Lexicon::add_sense`], shared by all threads and looked up first, and
    /// whether any were added (until then the look-up skips the lock).
    added: RwLock<rustc_hash::FxHashMap<String, Arc<Entry>>>,
    any_added: AtomicBool,
    user: UserDictionary,
}

/// One thread's cache: each listed word's class and entry, and the entry of words the lexicon
/// does not list, shared by all of them. Unlisted words are not remembered: they are most of
/// what a large corpus asks for (names, made-up words, pairs of words asked whether they are
/// one), and a table of a million of them made every look-up slower than asking CC-CEDICT's
/// own index again, besides holding tens of megabytes.
#[derive(Default)]
struct ThreadCache {
    words: rustc_hash::FxHashMap<String, (WordClass, Arc<Entry>)>,
    unknown: Arc<Entry>,
}

/// What mining asks of a word, answered from the cache without touching the entry itself
/// (mining asks it for every token of every clause).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClass {
    /// The lexicon lists the word.
    pub known: bool,
    /// Some sense is not a verb ([`Entry::has_nominal_sense`]).
    pub nominal: bool,
    /// The first sense is a verb ("to increase").
    pub verb_first: bool,
    /// Some sense is a verb.
    pub verb_sense: bool,
    /// Some sense is one word that is not an -ly adverb ("special" for 特别).
    pub one_word_sense: bool,
    /// CC-CEDICT lists the word only as a proper name ([`Entry::name`]).
    pub name: bool,
    /// Every sense is a question or an exclamation (怎么回事 "what's going on?", 天哪 "good
    /// heavens!"): a formula of speech.
    pub speech: bool,
    /// CC-CEDICT gives a surname reading ([`Entry::surname`]).
    pub surname: bool,
    /// Some sense says a time (a word of [`TIME_WORDS`]: 前世 "previous life", 晚上 "evening")
    /// or opens with a preposition or an adverb (如下 "as follows", 瞬间 "in an instant", 明明
    /// "obviously"): the word is a time or an adverb, whatever else it glosses.
    pub adverbial: bool,
    /// Every sense says a time or opens with a preposition or a closed-class adverb, none is
    /// a verb: 同比 "year on year", 如下 "as follows".
    pub adverbial_only: bool,
}

impl WordClass {
    fn of(entry: &Entry) -> Self {
        let verb = |s: &String| s.starts_with("to ");
        WordClass {
            known: entry.is_known(),
            nominal: entry.has_nominal_sense(),
            verb_first: entry.senses.first().is_some_and(verb),
            verb_sense: entry.senses.iter().any(verb),
            one_word_sense: entry.senses.iter().any(|s| is_one_word_sense(s)),
            name: entry.name,
            speech: !entry.senses.is_empty() && entry.senses.iter().all(|s| s.ends_with(['?', '!'])),
            surname: entry.surname,
            adverbial: entry.senses.iter().any(|s| is_adverbial_sense(s)),
            // "to …" opens with a function word too, but glosses a verb.
            adverbial_only: entry.is_known() && entry.senses.iter().all(|s| !verb(s) && is_time_or_grammar_sense(s)),
        }
    }

    /// Known, and never as a verb (对照组 "control group", 抹茶 "matcha").
    pub fn noun_only(&self) -> bool {
        self.nominal && !self.verb_sense
    }

    /// Known only as a verb (深化 "to deepen").
    pub fn verb_only(&self) -> bool {
        self.verb_sense && !self.nominal
    }
}

/// A sense of one word that is not an -ly adverb ("special" for 特别, "internal" for 境内).
pub fn is_one_word_sense(sense: &str) -> bool {
    !sense.is_empty() && !sense.contains(' ') && !sense.ends_with("ly")
}

/// A sense that says a time or opens with a preposition or an adverb ([`WordClass::adverbial`]).
fn is_adverbial_sense(sense: &str) -> bool {
    let first = sense.split(|c: char| !c.is_ascii_alphabetic()).find(|w| !w.is_empty());
    is_time_or_grammar_sense(sense) || first.is_some_and(|w| w.len() > 4 && w.ends_with("ly"))
}

/// A sense that says a time or opens with a preposition or an adverb of a closed class (as,
/// in, almost, forward): [`is_adverbial_sense`] without its guess that a word in -ly is an
/// adverb, which "family" and "assembly" defeat.
fn is_time_or_grammar_sense(sense: &str) -> bool {
    let time = |w: &str| TIME_WORDS.contains(&w);
    let mut words = sense.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty());
    // A gloss opening with a preposition or an adverb (as, in, almost, forward) is no noun's.
    let opens_with_grammar = words.clone().next().is_some_and(|w| {
        !matches!(w, "a" | "an" | "the")
            && (is_english_function_word(w) || matches!(w, "almost" | "forward" | "onward" | "soon"))
    });
    opens_with_grammar || words.any(|w| time(w) || w.strip_suffix('s').is_some_and(time))
}

/// English words of time, singular, as a gloss of a time word holds them.
const TIME_WORDS: &[&str] = &[
    "afternoon",
    "afterward",
    "age",
    "ago",
    "ancient",
    "annals",
    "anniversary",
    "annual",
    "autumn",
    "century",
    "childhood",
    "currently",
    "date",
    "dawn",
    "day",
    "decade",
    "dusk",
    "dynasty",
    "early",
    "era",
    "evening",
    "former",
    "future",
    "hour",
    "instant",
    "late",
    "later",
    "life",
    "lifetime",
    "moment",
    "month",
    "morning",
    "night",
    "noon",
    "now",
    "past",
    "period",
    "present",
    "previous",
    "recent",
    "season",
    "someday",
    "sometime",
    "spring",
    "summer",
    "then",
    "time",
    "today",
    "tonight",
    "tomorrow",
    "week",
    "when",
    "winter",
    "year",
    "yesterday",
];

/// What the lexicon (the user dictionary, then CC-CEDICT) says of one simplified-Chinese word.
#[derive(Debug, Default)]
pub struct Entry {
    /// Every sense, lower-cased, without bracketed notes: "to organize", "organization".
    pub senses: Vec<String>,
    /// Every CC-CEDICT reading of the word is a proper name: capitalised pinyin and English
    /// ("Ma3 li3", "Mali" for 马里; not 中方 "the Chinese side", though "Zhong1 fang1").
    pub name: bool,
    /// Some CC-CEDICT reading is a surname ("surname Xiang" for 向), which the senses leave out.
    pub surname: bool,
}

impl Entry {
    pub fn is_known(&self) -> bool {
        !self.senses.is_empty()
    }

    /// Says nothing: no sense, no name, no surname (the entry of a word the lexicon lacks).
    fn is_empty(&self) -> bool {
        !self.is_known() && !self.name && !self.surname
    }

    /// True when some sense is not a verb ("organization" beside "to organize").
    pub fn has_nominal_sense(&self) -> bool {
        self.senses.iter().any(|s| !s.starts_with("to ") && !s.starts_with("variant of") && !s.starts_with("used in"))
    }

    /// Lower-cased content words of all senses.
    pub fn content_words(&self) -> impl Iterator<Item = &str> {
        self.senses
            .iter()
            .flat_map(|s| s.split(|c: char| !c.is_alphanumeric() && c != '-'))
            .filter(|w| w.len() > 1 && !is_english_function_word(w))
    }
}

impl Lexicon {
    pub fn new() -> Self {
        Self::default()
    }

    /// CC-CEDICT with the entries of a user's dictionary joined to it.
    pub fn with_user(user: UserDictionary) -> Self {
        Lexicon { user, ..Self::default() }
    }

    /// The entry of `word`: the user's senses first (they are the ones the user wants), then
    /// CC-CEDICT's (empty when neither lists the word).
    pub fn entry(&self, word: &str) -> Arc<Entry> {
        // Added senses take precedence; no look-up pays for them until one is added.
        if let Some(entry) = self.added(word) {
            return entry;
        }
        self.cached(word, |(_, entry)| entry.clone())
    }

    /// The [`WordClass`] of `word`.
    pub fn class(&self, word: &str) -> WordClass {
        if let Some(entry) = self.added(word) {
            return WordClass::of(&entry);
        }
        self.cached(word, |&(class, _)| class)
    }

    fn added(&self, word: &str) -> Option<Arc<Entry>> {
        if !self.any_added.load(Ordering::Acquire) {
            return None;
        }
        self.added.read().ok().and_then(|added| added.get(word).cloned())
    }

    /// `read` of this thread's cached class and entry of `word`.
    fn cached<R>(&self, word: &str, read: impl Fn(&(WordClass, Arc<Entry>)) -> R) -> R {
        let cache = self.cache.get_or_default();
        if let Some(cached) = cache.borrow().words.get(word) {
            return read(cached);
        }
        let entry = self.look_up(word);
        let mut cache = cache.borrow_mut();
        // Not remembered: see [`ThreadCache`].
        if entry.is_empty() {
            let unknown = (WordClass::of(&cache.unknown), cache.unknown.clone());
            return read(&unknown);
        }
        let entry = Arc::new(entry);
        let cached = (WordClass::of(&entry), entry);
        let value = read(&cached);
        cache.words.insert(word.to_string(), cached);
        value
    }

    /// The entry of `word` as the user dictionary and CC-CEDICT give it.
    fn look_up(&self, word: &str) -> Entry {
        let user = self.user.senses(word);
        let mut senses = user.to_vec();
        let (mut readings, mut names, mut surname) = (0, 0, false);
        let capitalised = |s: &str| s.trim_start().starts_with(|c: char| c.is_uppercase());
        // The exact simplified headword: `query_by_chinese` first cuts the word into the
        // dictionary's longest headwords and looks each up in both scripts, which only a
        // headword equal to the whole word survives (0 of 370,000 jieba words and CJK
        // characters answered otherwise), at several times the cost on every cache miss.
        for hit in chinese_dictionary::query_by_simplified(word) {
            if hit.simplified != word {
                continue;
            }
            readings += 1;
            let glossed_as_name = hit.english.first().is_some_and(|g| capitalised(g));
            names += usize::from(capitalised(&hit.pinyin_numbers) && glossed_as_name);
            for gloss in &hit.english {
                for sense in gloss.split(';') {
                    let sense = strip_notes(sense).to_lowercase();
                    let sense = sense.trim();
                    surname |= sense.starts_with("surname ");
                    if !sense.is_empty()
                        && !sense.starts_with("surname ")
                        && !sense.starts_with("abbr. for")
                        && !user.iter().any(|s| s == sense)
                    {
                        senses.push(sense.to_string());
                    }
                }
            }
        }
        Entry { senses, name: readings > 0 && names == readings, surname }
    }

    /// Makes `english` the first sense of `word`, ahead of CC-CEDICT's: a pair the glossary
    /// already holds explains the terms built on it.
    pub fn add_sense(&self, word: &str, english: &str) {
        let sense = english.trim().to_lowercase();
        let known = self.entry(word);
        let mut senses = known.senses.clone();
        if sense.is_empty() || senses.contains(&sense) {
            return;
        }
        senses.insert(0, sense);
        if let Ok(mut added) = self.added.write() {
            added.insert(word.to_string(), Arc::new(Entry { senses, name: known.name, surname: known.surname }));
            self.any_added.store(true, Ordering::Release);
        }
    }
}

/// Drops "(…)" and "[…]" notes and CL: classifier remarks from a gloss.
fn strip_notes(sense: &str) -> String {
    let mut out = String::with_capacity(sense.len());
    let mut depth = 0i32;
    for c in sense.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ if depth <= 0 => out.push(c),
            _ => {}
        }
    }
    match out.find("CL:") {
        Some(i) => out[..i].to_string(),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_glossed_only_as_a_time_or_an_adverbial_is_adverbial_only() {
        let lexicon = Lexicon::new();
        assert!(lexicon.class("同比").adverbial_only, "year on year");
        assert!(lexicon.class("如下").adverbial_only, "as follows");
        // A noun in -ly, a verb ("to …" opens with a function word) and a word the lexicon
        // lacks are not.
        assert!(!lexicon.class("蝴蝶").adverbial_only, "butterfly");
        assert!(!lexicon.class("深化").adverbial_only, "to deepen");
        assert!(!lexicon.class("桌子").adverbial_only && !lexicon.class("某某某").adverbial_only);
    }

    #[test]
    fn names_are_told_by_capitalised_pinyin_and_english() {
        let lexicon = Lexicon::new();
        assert!(lexicon.class("马里").name, "Mali");
        assert!(lexicon.class("海地").name, "Haiti");
        assert!(!lexicon.class("公斤").name, "kilogram");
        assert!(!lexicon.class("中方").name, "the Chinese side: capitalised pinyin, English no name");
        assert!(!lexicon.class("组织").name);
    }

    #[test]
    fn nominal_and_verbal_senses_are_told_apart() {
        let lexicon = Lexicon::new();
        assert!(lexicon.entry("组织").has_nominal_sense());
        assert!(!lexicon.entry("推动").has_nominal_sense());
        assert!(!lexicon.entry("不存在的词语").is_known());
    }

    #[test]
    fn an_added_sense_comes_first_and_only_once() {
        let lexicon = Lexicon::new();
        lexicon.add_sense("北极星计划", "Polaris Programme");
        lexicon.add_sense("北极星计划", "polaris programme");
        assert_eq!(lexicon.entry("北极星计划").senses, ["polaris programme"]);
        let listed = lexicon.entry("组织").senses.len();
        lexicon.add_sense("组织", "outfit");
        assert_eq!(lexicon.entry("组织").senses[0], "outfit");
        assert_eq!(lexicon.entry("组织").senses.len(), listed + 1);
    }

    #[test]
    fn a_sense_added_on_one_thread_is_seen_on_another_that_cached_the_word_before() {
        let lexicon = Lexicon::new();
        let (ready, go) = (std::sync::Barrier::new(2), std::sync::Barrier::new(2));
        std::thread::scope(|scope| {
            scope.spawn(|| {
                assert_ne!(lexicon.entry("组织").senses[0], "outfit");
                ready.wait();
                go.wait();
                assert_eq!(lexicon.entry("组织").senses[0], "outfit");
                assert!(lexicon.class("组织").nominal);
            });
            ready.wait();
            lexicon.add_sense("组织", "outfit");
            go.wait();
        });
    }

    #[test]
    fn a_word_class_says_what_the_entry_says() {
        let lexicon = Lexicon::new();
        let organize = lexicon.class("组织");
        assert!(organize.known && organize.nominal && organize.verb_sense);
        let increase = lexicon.class("加大");
        assert!(increase.known && increase.verb_first);
        assert_eq!(lexicon.class("不是一个词语"), WordClass::default());
        for word in ["特别", "发展", "抗击", "共同", "加大"] {
            assert_eq!(lexicon.class(word), WordClass::of(&lexicon.entry(word)), "{word}");
        }
    }

    #[test]
    fn user_entries_join_the_dictionary_senses() {
        let user = UserDictionary::parse(
            std::path::Path::new("orchard.tsv"),
            "嫁接刀\tgrafting knife | budding knife\n苹果\tMalus fruit\n",
        )
        .unwrap();
        let (plain, lexicon) = (Lexicon::new(), Lexicon::with_user(user));
        assert!(!plain.entry("嫁接刀").is_known());
        assert_eq!(lexicon.entry("嫁接刀").senses, ["grafting knife", "budding knife"]);
        let apple = lexicon.entry("苹果");
        assert_eq!(apple.senses[0], "malus fruit", "the user's sense comes first");
        assert!(apple.senses.len() > 1 && apple.senses[1..] == plain.entry("苹果").senses[..], "CC-CEDICT's follow");
    }

    #[test]
    fn a_word_is_looked_up_whole_and_unknown_words_share_one_empty_entry_and_are_not_remembered() {
        let lexicon = Lexicon::new();
        // Two headwords side by side are no headword; a traditional spelling is not the
        // simplified word.
        let (joined, traditional) = (lexicon.entry("组织加大"), lexicon.entry("組織"));
        assert!(!joined.is_known() && !traditional.is_known());
        assert!(Arc::ptr_eq(&joined, &traditional), "one shared entry for what the lexicon lacks");
        assert!(Arc::ptr_eq(&joined, &lexicon.entry("不是一个词语")));
        let organize = lexicon.entry("组织");
        assert!(organize.is_known() && !Arc::ptr_eq(&organize, &joined));
        // A surname alone is no empty entry: 向 is read as a surname too.
        assert!(lexicon.class("向").surname);
        // Only the listed words are remembered, each once.
        lexicon.class("组织");
        lexicon.class("又一个不是词语的");
        assert_eq!(lexicon.cached_words(), 2, "组织 and 向");
    }

    impl Lexicon {
        /// How many words this thread's cache remembers.
        fn cached_words(&self) -> usize {
            self.cache.get_or_default().borrow().words.len()
        }
    }

    #[test]
    fn notes_are_stripped_from_glosses() {
        assert_eq!(strip_notes("channel (communications) CL:個|个[ge4]"), "channel  ");
    }
}
