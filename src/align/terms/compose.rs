//! Dictionary composition: how much of a Chinese term and of an English phrase the term's
//! parts explain. The parts are every CC-CEDICT word inside the term (single characters
//! count less) plus bound morphemes of Chinese word formation with their English affixes
//! (去…化 → de-…-ization, 网络 → cyber-, …主义 → -ism), so new compounds are covered.

use super::learned::LearnedLexicon;
use crate::align::english;
use crate::lexicon::{is_english_function_word, Lexicon};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

/// Longest CC-CEDICT word looked up inside a term, in characters.
const MAX_PART: usize = 6;
/// Longest word of the learned table looked up inside a term (the segmenter keeps mined terms
/// whole, names included).
const MAX_LEARNED_PART: usize = 12;
/// Credit of a single-character gloss against a word gloss: characters are ambiguous.
const CHARACTER_WEIGHT: f64 = 0.7;
/// Credit of a word known only from the corpus's learned table: Model 1 often renders a
/// compound by its most distinctive word alone (管理国 "administering" of "administering Power").
const LEARNED_WEIGHT: f64 = 0.8;
/// Credit of a match through a shared beginning (foodstuff ~ food) rather than a stem.
const PREFIX_WEIGHT: f64 = 0.7;
/// Credit given to unexplained English words facing unexplained Chinese characters, when
/// their lengths agree.
const AGREEMENT: f64 = 0.6;
/// Chinese characters per English word, for that length agreement.
const CHARS_PER_WORD: f64 = 2.0;

/// Chinese bound morphemes and the English affixes that render them.
const PREFIXES: &[(&str, &[&str])] = &[
    ("去", &["de"]),
    ("反", &["anti", "counter"]),
    ("非", &["non", "un"]),
    ("逆", &["de", "anti", "counter"]),
    ("超", &["super", "ultra", "hyper"]),
    ("跨", &["cross", "trans"]),
    ("多", &["multi", "poly"]),
    ("单", &["uni", "mono"]),
    ("再", &["re"]),
    ("后", &["post"]),
    ("前", &["pre", "ex"]),
    ("副", &["vice", "deputy"]),
    ("网络", &["cyber"]),
    ("微", &["micro"]),
    ("自", &["self", "auto"]),
];
const SUFFIXES: &[(&str, &[&str])] = &[
    ("化", &["ization", "isation", "ize", "ise"]),
    ("主义", &["ism"]),
    ("性", &["ity", "ness"]),
    ("者", &["er", "or", "ist"]),
    ("学", &["ology", "ics"]),
];

/// One part of a term: its character range and what may translate it.
#[derive(Debug)]
struct Part {
    chars: Range<usize>,
    weight: f64,
    /// Content-word stems of each CC-CEDICT sense.
    senses: Vec<Vec<String>>,
    prefixes: &'static [&'static str],
    suffixes: &'static [&'static str],
}

/// A gloss word that an English stem matches: (part, sense, word of the sense, similarity).
type GlossMatch = (usize, usize, usize, f64);

/// The parts of a Chinese term, ready to be compared with English phrases.
#[derive(Debug)]
pub struct TermGlosses {
    chars: usize,
    parts: Vec<Part>,
    /// What each English stem matched, remembered: a term meets the same words in many
    /// phrases.
    matches: RefCell<HashMap<String, Rc<Vec<GlossMatch>>>>,
}

/// One English morpheme to explain: a word's stem, or a root or affix inside it.
struct Morpheme {
    text: String,
    affix: bool,
}

impl TermGlosses {
    /// The parts of `term`: CC-CEDICT's words inside it, and the words the corpus's own
    /// lexical table renders (`learned`, its rendering a sense of its own).
    pub fn new(term: &str, lexicon: &Lexicon, learned: Option<&LearnedLexicon>) -> Self {
        let chars: Vec<char> = term.chars().collect();
        let dictionary_words = learned.map_or_else(Vec::new, |_| dictionary_words(&chars, lexicon));
        let mut parts = Vec::new();
        for start in 0..chars.len() {
            for end in start + 1..=(start + MAX_PART.max(MAX_LEARNED_PART)).min(chars.len()) {
                let piece: String = chars[start..end].iter().collect();
                let entry = (end - start <= MAX_PART).then(|| lexicon.entry(&piece));
                // The corpus speaks for the words the dictionary lacks. Where CC-CEDICT has senses,
                // or its words make up the whole piece, a learned rendering mostly repeats or
                // trims them (全体会议: "plenary"; 阿拉伯叙利亚共和国: "arab").
                let known = entry.as_ref().is_some_and(|e| !e.senses.is_empty())
                    || (start..end)
                        .all(|c| dictionary_words.iter().any(|w| start <= w.start && w.end <= end && w.contains(&c)));
                let learned_rendering = learned.filter(|_| !known).and_then(|l| l.rendering(&piece));
                let mut senses: Vec<Vec<String>> = entry
                    .iter()
                    .flat_map(|entry| entry.senses.iter())
                    // "belt and road initiative, chinese infrastructure … strategy": each
                    // comma-separated piece is a rendering of its own.
                    .flat_map(|sense| sense.split(','))
                    .chain(learned_rendering)
                    .map(|sense| {
                        sense
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|w| w.len() > 1 && !is_english_function_word(w))
                            .map(english::stem)
                            .collect::<Vec<_>>()
                    })
                    .filter(|words| !words.is_empty())
                    .collect();
                if piece.chars().all(|c| c.is_ascii_alphanumeric()) {
                    senses.push(vec![piece.to_lowercase()]);
                }
                let affixes = |table: &'static [(&str, &'static [&'static str])]| {
                    table.iter().find(|(zh, _)| *zh == piece).map_or(&[][..], |(_, en)| *en)
                };
                let prefixes = if start == 0 { affixes(PREFIXES) } else { &[] };
                let suffixes = if end == chars.len() { affixes(SUFFIXES) } else { &[] };
                if senses.is_empty() && prefixes.is_empty() && suffixes.is_empty() {
                    continue;
                }
                let weight = match (end - start == 1, learned_rendering.is_some()) {
                    (true, _) => CHARACTER_WEIGHT,
                    (false, true) => LEARNED_WEIGHT,
                    (false, false) => 1.0,
                };
                parts.push(Part { chars: start..end, weight, senses, prefixes, suffixes });
            }
        }
        // A character inside a longer dictionary word means what that word means (合 of 合作
        // is not "to join"); its own glosses serve only words the dictionary does not know.
        let in_words: Vec<Range<usize>> =
            parts.iter().filter(|p| p.chars.len() > 1 && !p.senses.is_empty()).map(|p| p.chars.clone()).collect();
        parts.retain(|p| {
            p.chars.len() > 1
                || !p.prefixes.is_empty()
                || !p.suffixes.is_empty()
                || !in_words.iter().any(|w| w.contains(&p.chars.start))
        });
        TermGlosses { chars: chars.len(), parts, matches: RefCell::default() }
    }

    /// Whether the dictionary has senses for the whole term (塞尔维亚 "Serbia"), not only for
    /// its parts.
    pub fn knows_whole_term(&self) -> bool {
        self.parts.iter().any(|p| p.chars.len() == self.chars && !p.senses.is_empty())
    }

    /// Share of the term's characters explained by the English words, averaged with the
    /// share of the English content words (or their morphemes) explained by the term.
    pub fn composition(&self, english_words: &[&str]) -> f64 {
        if self.chars == 0 {
            return 0.0;
        }
        // Each content word, as hyphen pieces, each piece as its morphemes.
        let words: Vec<Vec<Vec<Morpheme>>> = english_words
            .iter()
            .map(|w| w.to_lowercase())
            .filter(|w| !is_english_function_word(w))
            .map(|w| w.split('-').filter(|p| !p.is_empty()).map(|p| self.morphemes(p)).collect())
            .collect();
        if words.is_empty() {
            return 0.0;
        }
        let all: Vec<&Morpheme> = words.iter().flatten().flatten().collect();
        let mut char_credit = vec![0.0f64; self.chars];
        // The same without the whole term's own senses: what its words explain.
        let mut word_credit = vec![0.0f64; self.chars];
        // Best similarity of each gloss word to any English morpheme, summed per sense.
        let mut best: HashMap<(usize, usize, usize), f64> = HashMap::new();
        for morpheme in all.iter().filter(|m| !m.affix) {
            for &(part, sense, word, similarity) in self.matches(&morpheme.text).iter() {
                let entry = best.entry((part, sense, word)).or_insert(0.0);
                *entry = entry.max(similarity);
            }
        }
        let mut found: HashMap<(usize, usize), f64> = HashMap::new();
        for ((part, sense, _), similarity) in best {
            *found.entry((part, sense)).or_default() += similarity;
        }
        for (index, part) in self.parts.iter().enumerate() {
            let credit = part.weight * self.part_credit(index, part, &all, &found);
            for c in part.chars.clone() {
                char_credit[c] = char_credit[c].max(credit);
                if part.chars.len() < self.chars {
                    word_credit[c] = word_credit[c].max(credit);
                }
            }
        }
        let mut credits: Vec<f64> = words
            .iter()
            .map(|pieces| {
                let explained: f64 = pieces
                    .iter()
                    .map(|morphemes| {
                        let found: f64 = morphemes.iter().map(|m| self.morpheme_credit(m)).sum();
                        found / morphemes.len().max(1) as f64
                    })
                    .sum();
                explained / pieces.len().max(1) as f64
            })
            .collect();
        // What neither side's dictionary explains may still translate each other: the
        // unexplained characters and the unexplained share of the English words take partial
        // credit when something else is explained on both sides (漏电 "residual current" of
        // 漏电保护器 "… device", 素养 "literacy" of 数字素养培训 "digital … training").
        let open_chars: Vec<usize> = (0..self.chars).filter(|&c| word_credit[c] == 0.0).collect();
        let open_words: f64 = credits.iter().map(|c| 1.0 - c.min(1.0)).sum();
        let explained_words = credits.iter().any(|&c| c > 0.0);
        if !open_chars.is_empty() && open_words > 0.0 && open_chars.len() < self.chars && explained_words {
            let (zh, en) = (open_chars.len() as f64, open_words);
            let zh_credit = AGREEMENT * (CHARS_PER_WORD * en / zh).min(1.0);
            let en_credit = AGREEMENT * (zh / (CHARS_PER_WORD * en)).min(1.0);
            for c in open_chars {
                char_credit[c] = char_credit[c].max(zh_credit);
            }
            for credit in &mut credits {
                *credit += (1.0 - credit.min(1.0)) * en_credit;
            }
        }
        let english: f64 = credits.iter().sum();
        let zh = char_credit.iter().sum::<f64>() / self.chars as f64;
        (zh + english / words.len() as f64) / 2.0
    }

    /// A piece as one stem, or as affix + root + affix when the term has matching affixes
    /// (deradicalization → de, radical, ization).
    fn morphemes(&self, piece: &str) -> Vec<Morpheme> {
        let fits = |a: &&str, ok: &dyn Fn(&str) -> bool| piece.len() > a.len() + 3 && ok(a);
        let prefix = self.parts.iter().flat_map(|p| p.prefixes).find(|a| fits(a, &|a| piece.starts_with(a)));
        let suffix = self.parts.iter().flat_map(|p| p.suffixes).find(|a| fits(a, &|a| piece.ends_with(a)));
        let is_affix = self.parts.iter().any(|p| p.prefixes.contains(&piece) || p.suffixes.contains(&piece));
        if (prefix.is_none() && suffix.is_none()) || is_affix {
            return vec![Morpheme {
                text: if is_affix { piece.to_string() } else { english::stem(piece) },
                affix: is_affix,
            }];
        }
        let start = prefix.map_or(0, |a| a.len());
        let end = piece.len() - suffix.map_or(0, |a| a.len());
        let mut out: Vec<Morpheme> = prefix.iter().map(|a| Morpheme { text: a.to_string(), affix: true }).collect();
        out.push(Morpheme { text: english::stem(&piece[start..end.max(start)]), affix: false });
        out.extend(suffix.iter().map(|a| Morpheme { text: a.to_string(), affix: true }));
        out
    }

    /// Gloss words an English stem matches.
    fn matches(&self, stem: &str) -> Rc<Vec<GlossMatch>> {
        if let Some(found) = self.matches.borrow().get(stem) {
            return found.clone();
        }
        let mut found = Vec::new();
        for (p, part) in self.parts.iter().enumerate() {
            for (s, sense) in part.senses.iter().enumerate() {
                for (g, gloss) in sense.iter().enumerate() {
                    let similarity = similarity(gloss, stem);
                    if similarity > 0.0 {
                        found.push((p, s, g, similarity));
                    }
                }
            }
        }
        let found = Rc::new(found);
        self.matches.borrow_mut().insert(stem.to_string(), found.clone());
        found
    }

    /// How well the English morphemes render one part: an affix it stands for, or the best
    /// share of one sense's words (`found`: summed similarities per (part, sense)).
    fn part_credit(
        &self,
        index: usize,
        part: &Part,
        morphemes: &[&Morpheme],
        found: &HashMap<(usize, usize), f64>,
    ) -> f64 {
        let affix_found = morphemes
            .iter()
            .any(|m| m.affix && (part.prefixes.contains(&m.text.as_str()) || part.suffixes.contains(&m.text.as_str())));
        if affix_found {
            return 1.0;
        }
        part.senses
            .iter()
            .enumerate()
            .map(|(s, sense)| {
                // A sense with extra words ("Shanghai municipality") still counts mostly.
                (found.get(&(index, s)).copied().unwrap_or(0.0) / sense.len() as f64).sqrt()
            })
            .fold(0.0, f64::max)
    }

    fn morpheme_credit(&self, morpheme: &Morpheme) -> f64 {
        if morpheme.affix {
            let text = morpheme.text.as_str();
            return self
                .parts
                .iter()
                .filter(|p| p.prefixes.contains(&text) || p.suffixes.contains(&text))
                .map(|p| p.weight.max(CHARACTER_WEIGHT))
                .fold(0.0, f64::max);
        }
        self.matches(&morpheme.text)
            .iter()
            .map(|&(p, _, _, similarity)| similarity * self.parts[p].weight.max(CHARACTER_WEIGHT))
            .fold(0.0, f64::max)
    }
}

/// The CC-CEDICT words of two characters or more inside a term, as character ranges.
fn dictionary_words(chars: &[char], lexicon: &Lexicon) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for start in 0..chars.len() {
        for end in start + 2..=(start + MAX_PART).min(chars.len()) {
            let piece: String = chars[start..end].iter().collect();
            if !lexicon.entry(&piece).senses.is_empty() {
                out.push(start..end);
            }
        }
    }
    out
}

/// 1 for the same stem, [`PREFIX_WEIGHT`] when one begins the other (food ~ foodstuff).
fn similarity(gloss: &str, stem: &str) -> f64 {
    if gloss == stem {
        1.0
    } else if shares_beginning(gloss, stem) {
        PREFIX_WEIGHT
    } else {
        0.0
    }
}

/// One word begins the other and the shorter is long enough not to be an accident
/// (food ~ foodstuff, radical ~ radicalize).
fn shares_beginning(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 4 && long.starts_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_knows_a_name_as_a_whole_or_only_its_parts() {
        let lexicon = Lexicon::new();
        assert!(TermGlosses::new("罗马尼亚", &lexicon, None).knows_whole_term());
        assert!(!TermGlosses::new("萨维罗", &lexicon, None).knows_whole_term(), "a made-up name");
        assert!(!TermGlosses::new("省美术馆", &lexicon, None).knows_whole_term(), "known only by its parts");
    }

    #[test]
    fn new_compounds_are_explained_by_their_parts() {
        let lexicon = Lexicon::new();
        let glosses = TermGlosses::new("网络恐怖主义", &lexicon, None);
        assert!(glosses.composition(&["cyber-terrorism"]) > 0.8, "{glosses:?}");
        let glosses = TermGlosses::new("去中心化", &lexicon, None);
        assert!(glosses.composition(&["decentralization"]) > glosses.composition(&["centre"]));
        let glosses = TermGlosses::new("食品安全", &lexicon, None);
        assert!(glosses.composition(&["food", "security"]) > 0.8);
        assert!(glosses.composition(&["food", "security"]) > glosses.composition(&["food"]));
        assert_eq!(glosses.composition(&["weather"]), 0.0);
    }

    #[test]
    fn a_learned_rendering_explains_only_what_the_dictionary_lacks() {
        let lexicon = Lexicon::new();
        let learned = LearnedLexicon::from_renderings(&[("氟胺氰菊酯", "fluvalinate"), ("地下水资源", "groundwater")]);
        let without = TermGlosses::new("氟胺氰菊酯", &lexicon, None);
        let with = TermGlosses::new("氟胺氰菊酯", &lexicon, Some(&learned));
        assert!(with.composition(&["fluvalinate"]) > 0.7, "{with:?}");
        assert!(without.composition(&["fluvalinate"]) < 0.3);
        assert!(with.composition(&["fluvalinate"]) > with.composition(&["fluvalinate", "strips"]));
        // CC-CEDICT's words make up 地下水资源 (which it does not list whole): the corpus's
        // trimmed rendering adds nothing.
        assert!(lexicon.entry("地下水资源").senses.is_empty());
        let without = TermGlosses::new("地下水资源", &lexicon, None);
        let with = TermGlosses::new("地下水资源", &lexicon, Some(&learned));
        for phrase in [&["groundwater"][..], &["groundwater", "resources"]] {
            assert_eq!(with.composition(phrase), without.composition(phrase));
        }
    }
}
