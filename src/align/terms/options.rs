//! The scored English options of one term: every noun-phrase-like n-gram of the pairs the
//! term occurs in (and the span the word alignment gives it there), scored by co-occurrence
//! (Dice), dictionary composition, position, identity and the share of the pairs whose word
//! alignment gives it; pieces of a longer phrase or name that the term meets exactly as often
//! give way to it, and clauses are never options.

use super::aligned::PairAlignments;
use super::compose::TermGlosses;
use super::pieces::{self, Compound, Piece, Whole};
use super::spans::{self, key_of, Phrase};
use super::*;

/// One occurrence of a phrase in a pair of the term: (key, pair, word range, distance of
/// its relative position from the term's).
type Spot = (u64, usize, (usize, usize), f64);

/// Co-occurrence of one phrase with a term: its spots are `spots[range]`, sorted by pair.
struct Together {
    count: usize,
    range: std::ops::Range<usize>,
    /// Sum over supporting pairs of the smallest |relative position in Chinese − in English|.
    distortion: f64,
}

pub(super) fn term_options(
    candidate: &Candidate,
    ids: &TermPairs,
    english: &EnglishSide,
    frequency: &PhraseCounts,
    glosses: &TermGlosses,
    alignments: Option<&PairAlignments>,
) -> Vec<Option_> {
    // A frequent term's English shows in any few hundred of its pairs: an even sample keeps
    // the work per term bounded however large the corpus, and counts are scaled back.
    let (sample, scale) = (&ids.sample, ids.scale());
    // All phrase occurrences in one flat list, grouped by sorting: no allocation per phrase.
    let mut spots: Vec<Spot> = Vec::new();
    // A name longer than the usual phrase only translates a term of about as many characters
    // (a character per word at least: 消除对妇女一切形式歧视公约, eleven words).
    let longest = spans::MAX_WORDS.max(candidate.term.chars().count());
    // How many sampled pairs align the term to each phrase (its English under the word
    // alignment, the phrase-extraction rule).
    let mut aligned: HashMap<u64, usize> = HashMap::default();
    let romanised = romanisations(&candidate.term);
    for &TermPair { pair: p, position: zh_position, at } in sample {
        let (p, at) = (p as usize, at as usize);
        let words = english.words(p).len().max(1) as f64;
        let phrases = english.phrases(p);
        let span = alignments.and_then(|a| a.english_of(p, at..at + candidate.term.len(), english));
        if let Some(span) = span.filter(|s| s.core.1 - s.core.0 <= longest) {
            let (first, last) = span.core;
            let ids: Vec<u32> = english.words(p)[first..last].iter().map(|w| w.id).collect();
            let key = key_of(&ids);
            // Every phrase consistent with the alignment counts: the core and the phrases
            // that add only words linked to nothing ("Belt and Road" when "and Road" were
            // left unlinked).
            let mut credited = vec![key];
            credited.extend(phrases.iter().filter(|ph| ph.key != key && span.extends(ph.words)).map(|ph| ph.key));
            credited.sort_unstable();
            credited.dedup();
            for k in credited {
                *aligned.entry(k).or_default() += 1;
            }
            // An aligned span that is no noun-phrase-like n-gram (it holds a comma or a
            // bracket) is still a candidate: the alignment vouches for it.
            if !phrases.iter().any(|ph| ph.key == key) {
                let distance = (zh_position - first as f64 / words).abs();
                spots.push((key, p, (first, last), distance));
            }
        }
        for phrase in phrases.into_iter().filter(|ph| ph.words.1 - ph.words.0 <= longest) {
            let distance = (zh_position - phrase.words.0 as f64 / words).abs();
            spots.push((phrase.key, p, phrase.words, distance));
        }
        for romanised in &romanised {
            for (first, last) in spelled_names(english, p, romanised) {
                let ids: Vec<u32> = english.words(p)[first..last].iter().map(|w| w.id).collect();
                spots.push((key_of(&ids), p, (first, last), (zh_position - first as f64 / words).abs()));
            }
        }
    }
    let sampled = alignments.map_or(0, |a| sample.iter().filter(|t| a.holds(t.pair as usize)).count()).max(1) as f64;
    let trust = alignments.map_or(0.0, |a| a.trust);
    let aligned_share = |key: u64| trust * aligned.get(&key).copied().unwrap_or(0) as f64 / sampled;
    spots.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.3.total_cmp(&b.3)));
    let mut together: HashMap<u64, Together> = HashMap::default();
    let mut start = 0;
    while start < spots.len() {
        let key = spots[start].0;
        let end = spots[start..].iter().position(|s| s.0 != key).map_or(spots.len(), |k| start + k);
        let (mut count, mut distortion) = (0, 0.0);
        for (k, spot) in spots[start..end].iter().enumerate() {
            // The first spot of each pair is its nearest (sorted by distance within a pair).
            if k == 0 || spots[start + k - 1].1 != spot.1 {
                count += 1;
                distortion += spot.3;
            }
        }
        together.insert(key, Together { count, range: start..end, distortion });
        start = end;
    }
    // The ways a phrase is written (case, inflection), most frequent first, and whether each
    // time it opened a sentence.
    let written = |t: &Together| -> Vec<canonical::Written> {
        let mut counts: HashMap<(&str, bool), usize> = HashMap::default();
        for &(_, p, words, _) in &spots[t.range.clone()] {
            let surface = english.surface(p, &Phrase { key: 0, words });
            *counts.entry((surface, english.sentence_initial(p, words.0))).or_default() += 1;
        }
        let mut out: Vec<canonical::Written> = counts
            .into_iter()
            .map(|((text, sentence_initial), count)| canonical::Written { text, count, sentence_initial })
            .collect();
        out.sort_by(|a, b| {
            b.count.cmp(&a.count).then(a.text.cmp(b.text)).then(a.sentence_initial.cmp(&b.sentence_initial))
        });
        out
    };
    // The most frequent way of writing each phrase, worked out once per phrase: the search
    // below asks it of the same phrases again and again (every kept option at each insertion,
    // each longer compound of a piece), and each answer counts and sorts all its spots.
    let surfaces: std::cell::RefCell<HashMap<usize, &str>> = Default::default();
    let surface_of = |t: &Together| {
        if let Some(&surface) = surfaces.borrow().get(&t.range.start) {
            return surface;
        }
        let surface = written(t).first().map_or("", |s| s.text);
        surfaces.borrow_mut().insert(t.range.start, surface);
        surface
    };
    let term_frequency = ids.held as f64;
    let numeral = leading_numeral(&candidate.term);
    let latin: Vec<String> = std::iter::once(candidate.term.as_str())
        .chain(candidate.short_forms.iter().map(String::as_str))
        .filter(|s| !s.chars().any(is_han))
        .map(str::to_lowercase)
        .collect();
    // A name is written in English as its pinyin (张若尘 → Zhang Ruochen): a phrase that spells
    // it is as good as an identity.
    // So is a foreign name written by sound (弗拉格斯塔夫 → Flagstaff, [`sounds`]).
    // A name the dictionary knows is rendered as the dictionary says: sounding alike is
    // loose, and a sound-alike that beats the dictionary's rendering is another name
    // ("Yugoslav" beside "Serbia").
    let sounds = sounds::of_term(&candidate.term).filter(|_| !glosses.knows_whole_term());
    let spelled: rustc_hash::FxHashSet<u64> = if !romanised.is_empty() || sounds.is_some() {
        // Sounding alike is loose evidence: a foreign name is written the same way in most
        // of the term's pairs, while a word that merely sounds like it (a province 奥斯兰 and
        // "Austrian") turns up in one or two.
        let mostly = |key: u64| 2.0 * together[&key].count as f64 * scale >= ids.held as f64;
        let spelled_out = |key: u64, surface: &str| {
            romanised.iter().any(|r| spells(surface, r))
                || sounds.as_ref().is_some_and(|s| sounds::sounds_like(surface, s)) && mostly(key)
        };
        spots
            .iter()
            .filter(|s| s.2 .1 - s.2 .0 <= MAX_NAME_WORDS)
            .filter(|s| spelled_out(s.0, english.surface(s.1, &Phrase { key: 0, words: s.2 })))
            .map(|s| s.0)
            .collect()
    } else {
        Default::default()
    };
    let global = |key: u64, t: &Together| frequency.get(&key).map_or(t.count, |c| c.load(Relaxed));
    // The phrases by co-occurrence count: a piece gives way only to a longer phrase met as
    // often, and the search below asks for the pieces of few counts (it stops early), so each
    // count's compounds are found when first asked for.
    let mut by_count: Vec<(usize, u64)> = together.iter().map(|(&key, t)| (t.count, key)).collect();
    by_count.sort_unstable();
    let mut compounds: HashMap<usize, HashMap<u64, Vec<Compound>>> = HashMap::default();
    let mut memo: HashMap<u64, f64> = HashMap::default();
    let mut dictionary = |key: u64| {
        *memo.entry(key).or_insert_with(|| {
            let surface = surface_of(&together[&key]);
            let words: Vec<&str> = english::words(surface, 0).iter().map(|w| &surface[w.span.clone()]).collect();
            let mut dictionary = glosses.composition(&words);
            if numeral.is_some_and(|n| list_items(surface) == n) {
                let head = words.last().copied().unwrap_or_default();
                dictionary = dictionary.max(0.5 + 0.5 * glosses.composition(&[head]));
            }
            dictionary
        })
    };
    // Best co-occurrence first: the score never exceeds dice (+ identity), so the search
    // stops once no remaining phrase can enter the kept options.
    // A term seen in one pair meets each phrase of it once, and a phrase other words also
    // translate to (insulin for 胰岛素 as well as for 胰岛素注射液) has a poor Dice however exact the
    // rendering. There, a phrase the dictionary renders exactly counts as co-occurring
    // perfectly. (One pair holds a few dozen phrases, so asking the dictionary of each is cheap.)
    let single_pair = ids.held == 1;
    let mut order: Vec<(f64, u64)> = together
        .iter()
        .map(|(&key, t)| {
            // One look-up in the corpus's phrase counts (millions of keys: a cache miss each).
            let global = global(key, t) as f64;
            let count = (t.count as f64 * scale).min(global);
            let dice = 2.0 * count / (term_frequency + global);
            let exact = single_pair && dictionary(key) >= EXACT_RENDERING;
            // An upper bound of the score (but identity): the search below stops on it.
            let spelled = if spelled.contains(&key) { 1.0 } else { 0.0 };
            (if exact { 1.0 } else { dice } + ALIGNED_WEIGHT * aligned_share(key) + spelled, key)
        })
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let identity_possible = if latin.is_empty() { 0.0 } else { 1.0 };
    // (score, key, dice, dictionary, identity, the compound it is a piece of), best first.
    let mut kept: Vec<Kept> = Vec::new();
    // The best pieces that gave way to a compound: a longer term holding the compound leaves
    // this one the piece ([`linking`]).
    let mut pieces: Vec<Kept> = Vec::new();
    for (bound, key) in order {
        let floor = if kept.len() >= MAX_OPTIONS { kept[MAX_OPTIONS - 1].0 } else { MIN_SCORE };
        if bound + identity_possible < floor {
            break;
        }
        let t = &together[&key];
        // A clause is never a term's English, however often it meets the term.
        if canonical::is_clause(surface_of(t)) {
            continue;
        }
        let romanised = spelled.contains(&key);
        let dice = bound - ALIGNED_WEIGHT * aligned_share(key) - if romanised { 1.0 } else { 0.0 };
        let own = dictionary(key);
        // The longer phrases that may hold it as a piece ([`pieces`]), found once per count.
        let alike = compounds.entry(t.count).or_insert_with(|| {
            let from = by_count.partition_point(|&(count, _)| count < pieces::least_cover(t.count));
            let to = by_count.partition_point(|&(count, _)| count <= t.count);
            let longer = by_count[from..to].iter().map(|&(_, key)| key);
            pieces::compounds_of(
                longer,
                t.count,
                |key| together.get(&key).map(|t| t.count),
                |key| {
                    let (_, pair, (first, last), _) = spots[together[&key].range.start];
                    english.words(pair)[first..last].iter().map(|w| w.id).collect()
                },
            )
        });
        // A capitalised word met only inside a name ("Law" of "the Law Hall", "Tang" of
        // "Emperor Tang") that leaves part of the term unrendered (院 of 律院) is capitalised
        // because it is part of the name: the name wins whatever the dictionary makes of its
        // other words (院 glosses no "Hall"). Not a word that renders the whole term
        // ("Council" for 理事会 inside "Council of Heads of Government"), nor a name of its
        // own: several words (an organisation's name inside "Member States of the ..."), an
        // acronym, or the term's pinyin (a person stays themselves). Met in one pair, every
        // phrase of it is "always" inside the names there: that says nothing.
        let capitalised = t.count >= 2 && !romanised && own < EXACT_RENDERING && is_capitalised_word(surface_of(t));
        let piece_of = alike
            .get(&key)
            // The term's own name written in English (pinyin, or by sound and met in half
            // its pairs or more) stays itself inside a longer name ("Saviro" in "Marco
            // Saviro"): a person or place is not the whole of every name that holds it.
            .filter(|_| !(romanised && dice >= OWN_NAME_DICE))
            .into_iter()
            .flatten()
            .find(|compound| {
                let longer = &together[&compound.key];
                let longer_dictionary = dictionary(compound.key);
                pieces::gives_way(
                    &Piece { count: t.count, dictionary: own, capitalised },
                    &Whole {
                        count: longer.count,
                        dictionary: longer_dictionary,
                        longer_by: compound.longer_by,
                        left: compound.left,
                        name: canonical::is_name(surface_of(longer)),
                        same_global: global(compound.key, longer) == global(key, t),
                    },
                )
            })
            .map(|compound| compound.key);
        let identity = if romanised || latin.contains(&surface_of(t).to_lowercase()) { 1.0 } else { 0.0 };
        // Word order differs between the languages, so position only nudges (IBM 2's
        // diagonal preference, mildly).
        let distortion = t.distortion / t.count.max(1) as f64;
        let score = dice * (0.4 + 0.6 * own) * (1.0 - DISTORTION_WEIGHT * distortion)
            + identity
            + ALIGNED_WEIGHT * aligned_share(key);
        let (list, most) = if piece_of.is_some() { (&mut pieces, MAX_PIECES) } else { (&mut kept, MAX_OPTIONS) };
        if score < floor || list.len() >= most && score < list[most - 1].0 {
            continue;
        }
        let surface = surface_of(t);
        let at = list
            .iter()
            .position(|k| score > k.0 || (score == k.0 && surface < surface_of(&together[&k.1])))
            .unwrap_or(list.len());
        list.insert(at, (score, key, dice, own, identity > 0.0, piece_of));
        list.truncate(most);
    }
    kept.into_iter()
        .chain(pieces)
        .filter_map(|(score, key, dice, dictionary, vouched, piece_of)| {
            let t = together.get(&key)?;
            let written = written(t);
            let mut support: Vec<usize> = spots[t.range.clone()].iter().map(|s| s.1).collect();
            support.dedup();
            Some(Option_ {
                key,
                vouched,
                piece_of,
                spots: spots[t.range.clone()].iter().map(|s| (s.1, s.2)).collect(),
                equivalent: Equivalent {
                    english: canonical::preferred(&written, |w| english.seen_lower(w)),
                    score,
                    cooccurrences: (t.count as f64 * scale).round() as usize,
                    dice,
                    dictionary,
                    pairs: support.into_iter().take(MAX_EVIDENCE).collect(),
                    // Other spellings of the same lemmas are inflections, not variants.
                    variants: Vec::new(),
                    abbreviation: None,
                },
            })
        })
        .collect()
}

/// One word, capitalised and not an acronym ("Hall", "Tang"; not "WHO", "Law Hall").
fn is_capitalised_word(surface: &str) -> bool {
    let mut chars = surface.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().any(char::is_lowercase)
        && chars.all(char::is_alphabetic)
}

/// An option found: (score, key, dice, dictionary, identity, the compound it is a piece of).
type Kept = (f64, u64, f64, f64, bool, Option<u64>);

/// Least Dice with which the term's name spelled in English is its own, never a piece of a
/// longer name around it.
const OWN_NAME_DICE: f64 = 0.5;

/// Most pieces of compounds kept beside a term's options.
const MAX_PIECES: usize = 2;

/// Most words of a name written in pinyin (a syllable a word at most).
const MAX_NAME_WORDS: usize = 4;

/// The ways a name of two to four Chinese characters is written in English: its pinyin run
/// together ("zhangruochen"), and, when it ends in the diminutive suffix 儿, also without it
/// (阿宝儿 "Abao" as well as "Abao'er": the suffix is a sound of speech, often left unwritten).
fn romanisations(term: &str) -> Vec<String> {
    let Some(full) = romanisation(term) else { return Vec::new() };
    let mut forms = vec![full];
    if let Some(stem) = term.strip_suffix('儿').filter(|stem| !stem.is_empty()) {
        use pinyin::ToPinyin;
        forms.extend(stem.chars().map(|c| c.to_pinyin().map(|p| p.plain())).collect::<Option<String>>());
    }
    forms
}

/// The pinyin of a term of two to four Chinese characters, run together ("zhangruochen").
fn romanisation(term: &str) -> Option<String> {
    use pinyin::ToPinyin;
    let count = term.chars().count();
    if !(2..=MAX_NAME_WORDS).contains(&count) {
        return None;
    }
    term.chars().map(|c| c.to_pinyin().map(|p| p.plain())).collect::<Option<Vec<&str>>>().map(|s| s.concat())
}

/// The runs of capitalised words of pair `pair` whose letters spell `romanised`, as word
/// ranges. A name's syllable may be an English function word ("An Lin" for 安林), which no
/// noun-phrase-like n-gram starts with: a name written in capitals is a name whatever its words.
fn spelled_names(english: &EnglishSide, pair: usize, romanised: &str) -> Vec<(usize, usize)> {
    let count = english.words(pair).len();
    let word = |i: usize| english.surface(pair, &Phrase { key: 0, words: (i, i + 1) });
    let mut found = Vec::new();
    for first in 0..count {
        let mut letters = String::new();
        for last in first..count.min(first + MAX_NAME_WORDS) {
            let surface = word(last);
            if !surface.starts_with(|c: char| c.is_uppercase()) {
                break;
            }
            letters.extend(name_letters(surface));
            if !romanised.starts_with(letters.as_str()) {
                break;
            }
            if letters.len() == romanised.len() {
                if last > first {
                    found.push((first, last + 1));
                }
                break;
            }
        }
    }
    found
}

/// Whether `surface` is a capitalised name whose letters spell `romanised` ("Zhang Ruochen",
/// "Zhang Ruo-chen", not "zhang ruochen").
fn spells(surface: &str, romanised: &str) -> bool {
    let capitalised = surface.chars().next().is_some_and(char::is_uppercase);
    capitalised && name_letters(surface).eq(romanised.chars())
}

/// The letters of a written name as its romanisation is compared with them: lower case, no
/// spaces or hyphens ("Zhang Ruo-chen" → zhangruochen).
fn name_letters(surface: &str) -> impl Iterator<Item = char> + '_ {
    surface.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

/// The value of a term's leading Chinese numeral (三大产业 → 3), for list translations.
fn leading_numeral(term: &str) -> Option<usize> {
    let first = term.chars().next()?;
    let value = chinese_numeral(first.encode_utf8(&mut [0; 4]))?;
    (2..10).contains(&value).then_some(value as usize)
}

/// Items of an English list of single-word modifiers before a head, "A, B and C X"
/// (1 when the phrase is no such list).
fn list_items(surface: &str) -> usize {
    if !surface.contains(", ") {
        return 1;
    }
    let items: Vec<&str> =
        surface.split(", ").flat_map(|part| part.split(" and ").flat_map(|p| p.split(" or "))).collect();
    let (last, modifiers) = items.split_last().unwrap_or((&"", &[]));
    if modifiers.iter().all(|m| !m.trim().contains(' ')) && !last.trim().is_empty() {
        items.len()
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capitalised_word_is_one_word_and_no_acronym() {
        assert!(is_capitalised_word("Hall"));
        assert!(is_capitalised_word("Tang"));
        for surface in ["hall", "WHO", "Law Hall", "Gulf-Union", "X", "Hall's"] {
            assert!(!is_capitalised_word(surface), "{surface}");
        }
    }

    #[test]
    fn a_name_in_the_diminutive_suffix_is_spelled_with_it_or_without() {
        let forms = romanisations("阿宝儿");
        assert_eq!(forms, ["abaoer", "abao"]);
        assert!(forms.iter().any(|r| spells("Abao", r)) && forms.iter().any(|r| spells("A'bao'er", r)));
        assert_eq!(romanisations("李小蒙"), ["lixiaomeng"]);
        assert!(romanisations("儿").is_empty(), "one character is no name written in pinyin");
    }

    #[test]
    fn names_are_spelled_in_pinyin_run_together() {
        let romanised = romanisation("张若尘").unwrap();
        assert!(spells("Zhang Ruochen", &romanised));
        assert!(spells("Zhang Ruo-chen", &romanised));
        assert!(!spells("zhang ruochen", &romanised));
        assert!(!spells("Zhang", &romanised));
        assert_eq!(romanisation("张"), None);
        assert_eq!(romanisation("RCEP"), None);
    }

    #[test]
    fn lists_are_counted_and_numerals_read() {
        assert_eq!(list_items("terrorist, separatist and extremist forces"), 3);
        assert_eq!(list_items("green lanes"), 1);
        assert_eq!(list_items("sabotages by terrorist, separatist and extremist forces"), 1);
        assert_eq!(leading_numeral("四个现代化"), Some(4));
        assert_eq!(leading_numeral("一致"), None);
    }
}
