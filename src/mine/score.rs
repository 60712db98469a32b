//! Candidate scoring. Each component is a pure function, kept by name on the candidate (and
//! in candidates.csv), so a terminologist can see why a term ranks where it does:
//!
//! - `cvalue`: C-value unithood — frequency, less what longer candidates containing it
//!   explain ([`super::nesting`]), scaled by length (Frantzi et al.). Chinese noun phrases are head-final: a
//!   longer candidate that adds modifiers on the left (上海 + 合作组织) explains the shorter
//!   one, but one that adds a new head on the right (去杠杆化 + 政策, 禽流感 + 疫情) names
//!   another thing, unless that head binds to it.
//! - `termhood`: relative frequency here against jieba's general-language dictionary
//!   ("weirdness"), less a generality penalty: frequent general words (合作, 发展) and
//!   unlexicalised combinations of them (地区国家) are not terms however often they occur.
//! - `cue`: the text marks it (quotes, title brackets, a defined short form: 1; quotes around
//!   a string used once: 0.5), or it is a new word the segmenter split but the text repeats as
//!   a unit (0.5).
//! - `spread`: it occurs in several documents.
//! - `length`: a mild prior against one-word and very long candidates.
//! - `fragment`: it (nearly) always follows the same word that could be part of a term, or
//!   precedes the same word that binds to it: a piece of a longer unit.

use super::bilingual::{EnglishSide, Partner};
use super::classes::COORDINATORS;
use super::neighbours::WordContexts;
use super::nesting::nesting_frequencies;
use super::{Candidate, CueKind};
use crate::corpus::Document;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, DICTIONARY_TOTAL};
use rayon::prelude::*;

#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scores {
    pub cvalue: f64,
    pub termhood: f64,
    pub cue: f64,
    pub spread: f64,
    pub length: f64,
    pub fragment: f64,
    pub total: f64,
}

/// Dictionary frequencies (jieba counts, out of ~60 million) between which a word goes from
/// specialised to fully general.
const SPECIALISED_FREQUENCY: f64 = 50.0;
const GENERAL_FREQUENCY: f64 = 20_000.0;
/// How much of the generality of its least general word a free combination inherits, and
/// how much of its head's generality one headed by a general activity noun inherits.
const COMBINATION_GENERALITY: f64 = 0.35;
const ACTIVITY_HEAD_GENERALITY: f64 = 0.8;

const GENERALITY_WEIGHT: f64 = 3.0;

/// Names of the features the total weighs, in the order of [`features`].
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "log_frequency",
    "log_cvalue",
    "nested_share",
    "specificity",
    "generality",
    "dictionary_word",
    "cue",
    "spread",
    "two_chars",
    "three_chars",
    "long",
    "tokens",
    "name",
    "verb_first",
    "verb_alone",
    "adjective_head",
    "coordinated",
    "fragment",
    "open_sides",
    "idiom",
    "verb_head",
    "part_specificity",
    "numeral_first",
    "partner_dice",
    "partner_capitalised",
    "log_likelihood",
];
pub const FEATURES: usize = 26;
/// The two bilingual features, filled in for the best candidates only ([`bilingual`]).
const PARTNER: usize = 23;
/// How many of the best candidates (by the monolingual features) have their English
/// partner looked up: the rest are too far down for it to bring them into a glossary.
const PARTNER_CANDIDATES: usize = 5000;

/// What the ranking knows of a candidate, each feature on a scale near 0..1 or a log count.
pub fn features(
    c: &Candidate,
    nested_in: Option<usize>,
    contexts: &WordContexts,
    segmenter: &Segmenter,
    lexicon: &Lexicon,
    total_tokens: usize,
    documents: usize,
) -> [f64; FEATURES] {
    let chars = c.term.chars().count();
    let dictionary_frequency = segmenter.dictionary_frequency(&c.term);
    let dictionary_word = segmenter.is_dictionary_word(&c.term);
    let first = c.tags.first().copied();
    let single = c.words.len() == 1;
    let frequency = c.frequency.max(1) as f64;
    let open = c.left_variety.min(c.right_variety) as f64;
    [
        (1.0 + c.frequency as f64).ln(),
        (1.0 + cvalue(chars, c.frequency, nested_in).max(0.0)).ln(),
        (nested_in.unwrap_or(0) as f64 / frequency).min(1.0),
        if dictionary_word { termhood(c.frequency, total_tokens, dictionary_frequency) } else { 0.0 },
        candidate_generality(c, segmenter, lexicon),
        f64::from(u8::from(dictionary_word)),
        cue(c),
        if documents > 1 { (c.documents as f64).ln() / (documents as f64).ln() } else { 0.0 },
        f64::from(u8::from(chars <= 2)),
        f64::from(u8::from(chars == 3)),
        (chars.saturating_sub(6) as f64 / 6.0).min(2.0),
        (c.words.len() as f64).min(7.0) / 7.0,
        f64::from(u8::from(single && matches!(first, Some(Pos::PersonName | Pos::ProperNoun)))),
        f64::from(u8::from(!single && matches!(first, Some(Pos::Verb)))),
        f64::from(u8::from(single && is_verb(c, lexicon))),
        f64::from(u8::from(!single && c.tags.last() == Some(&Pos::Adjective))),
        f64::from(u8::from(c.words.iter().any(|w| COORDINATORS.contains(&w.as_str())))),
        // Every occurrence inside one longer candidate that explains it: a piece of a name.
        fragment(c).max(f64::from(u8::from(nested_in.is_some_and(|n| n >= c.frequency)))),
        (open / frequency).min(1.0),
        f64::from(u8::from(single && matches!(first, Some(Pos::Idiom)))),
        f64::from(u8::from(!single && is_verb_word(c.words.last(), c.tags.last().copied(), lexicon))),
        part_specificity(c, contexts, segmenter, total_tokens),
        f64::from(u8::from(matches!(first, Some(Pos::Numeral)))),
        0.0,
        0.0,
        if dictionary_word { log_likelihood(c.frequency, total_tokens, dictionary_frequency) } else { 0.0 },
    ]
}

/// A one-word candidate that is a verb: tagged one, or tagged an abbreviation or left untagged
/// by jieba (深化 "to deepen" is a "j") while CC-CEDICT knows it only as a verb. (Inside a
/// longer candidate such a word keeps jieba's tag: 通信 of 信息和通信技术 modifies a noun.)
fn is_verb(c: &Candidate, lexicon: &Lexicon) -> bool {
    match c.tags.first() {
        Some(Pos::Verb) => true,
        Some(Pos::Abbreviation | Pos::Other) => lexicon.class(&c.term).verb_only(),
        _ => false,
    }
}

/// The last word of a longer candidate is a verb: tagged one, or tagged a name, an
/// abbreviation or nothing by jieba (深化 "to deepen" is a "j") while CC-CEDICT knows it only
/// as a verb. (A first word keeps jieba's tag: 通信 of 通信技术 modifies the noun; a head that
/// is a verb makes a clause of the words before it.)
fn is_verb_word(word: Option<&String>, tag: Option<Pos>, lexicon: &Lexicon) -> bool {
    match tag {
        Some(Pos::Verb) => true,
        Some(Pos::PersonName | Pos::Abbreviation | Pos::Other) => {
            word.is_some_and(|w| w.chars().count() >= 2 && lexicon.class(w).verb_only())
        }
        _ => false,
    }
}

/// Dunning's log-likelihood ratio of a word's frequency here against jieba's dictionary
/// count (the general-language reference), signed (negative when rarer here than there) and
/// scaled to about 0..1 (ln(1 + G²) / 10): unlike the frequency ratio, it grows with the
/// evidence, so a domain word used often outranks a rare word used twice.
pub fn log_likelihood(frequency: usize, total_tokens: usize, dictionary_frequency: usize) -> f64 {
    let (a, b) = (frequency as f64, dictionary_frequency as f64 + 0.5);
    let (n1, n2) = (total_tokens.max(1) as f64, DICTIONARY_TOTAL);
    let expected_here = n1 * (a + b) / (n1 + n2);
    let expected_there = n2 * (a + b) / (n1 + n2);
    let term = |observed: f64, expected: f64| if observed > 0.0 { observed * (observed / expected).ln() } else { 0.0 };
    let g2 = 2.0 * (term(a, expected_here) + term(b, expected_there));
    let sign = if a / n1 >= b / n2 { 1.0 } else { -1.0 };
    sign * (1.0 + g2.max(0.0)).ln() / 10.0
}

/// Weights of [`FEATURE_NAMES`] in the total, and the intercept.
const WEIGHTS: [f64; FEATURES] = [
    -0.565, 1.999, 2.436, 1.361, -3.511, -0.437, 1.925, 1.027, -0.824, -0.796, -1.829, 1.866, 0.579, -1.552, -1.490,
    -1.454, -2.125, -0.935, -2.643, -1.655, -0.787, -0.666, -1.219, 1.370, 1.776, -1.361,
];
const INTERCEPT: f64 = -1.197;

/// Scores every candidate and sorts best first (ties by frequency, then term, so the order
/// is the same on every run); with `keep_features`, also returns each candidate's features
/// in the final order.
#[allow(clippy::too_many_arguments)]
pub fn rank(
    mut candidates: Vec<Candidate>,
    docs: &[Document],
    segmenter: &Segmenter,
    lexicon: &Lexicon,
    contexts: &WordContexts,
    total_tokens: usize,
    keep_features: bool,
) -> (Vec<Candidate>, Vec<[f64; FEATURES]>) {
    let nested: Vec<Option<usize>> = {
        let nesting = nesting_frequencies(&candidates, contexts, segmenter, lexicon);
        candidates.iter().map(|c| nesting.get(c.term.as_str()).copied()).collect()
    };
    let mut table: Vec<[f64; FEATURES]> = candidates
        .par_iter()
        .zip(&nested)
        .map(|(c, &nested)| features(c, nested, contexts, segmenter, lexicon, total_tokens, docs.len()))
        .collect();
    let total = |x: &[f64; FEATURES]| x.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum::<f64>() + INTERCEPT;
    if let Some(english) = EnglishSide::new(docs) {
        // Each total worked out once, not in every comparison of the sort.
        let totals: Vec<f64> = table.par_iter().map(total).collect();
        let mut order: Vec<usize> = (0..candidates.len()).filter(|&i| candidates[i].frequency >= 2).collect();
        order.par_sort_by(|&a, &b| totals[b].total_cmp(&totals[a]).then(a.cmp(&b)));
        order.truncate(PARTNER_CANDIDATES);
        let partners: Vec<(usize, Partner)> =
            order.par_iter().map(|&i| (i, english.partner(&candidates[i], docs))).collect();
        for (i, partner) in partners {
            table[i][PARTNER] = partner.dice;
            table[i][PARTNER + 1] = partner.capitalised;
        }
    }
    candidates.par_iter_mut().zip(&table).zip(&nested).for_each(|((candidate, x), &nested)| {
        let chars = candidate.term.chars().count();
        let weirdness = termhood(candidate.frequency, total_tokens, segmenter.dictionary_frequency(&candidate.term));
        candidate.scores = Scores {
            cvalue: cvalue(chars, candidate.frequency, nested),
            termhood: weirdness - GENERALITY_WEIGHT * x[GENERALITY],
            cue: x[6],
            spread: x[7],
            length: length_prior(chars),
            fragment: x[17],
            total: total(x) - if is_general_word(x) { GENERAL_WORD_PENALTY } else { 0.0 },
        };
    });
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.par_sort_by(|&i, &j| {
        let (a, b) = (&candidates[i], &candidates[j]);
        b.scores.total.total_cmp(&a.scores.total).then(b.frequency.cmp(&a.frequency)).then_with(|| a.term.cmp(&b.term))
    });
    let features = if keep_features { order.iter().map(|&i| table[i]).collect() } else { Vec::new() };
    drop(table);
    let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    let ranked = order.iter().map(|&i| slots[i].take().expect("each index once")).collect();
    (ranked, features)
}

/// A dictionary word as common in general Chinese as 合作 or 发展 (seen some 8,000 times or
/// more in jieba's 60 million words) is general vocabulary, not a term, however often a text
/// uses it: the weighted features alone let a frequent one climb among terms. Unless it is a
/// name, or the translation writes it as one (大会 "General Assembly" in a UN memory: its
/// English partner capitalised inside the sentence at least half the time).
fn is_general_word(x: &[f64; FEATURES]) -> bool {
    x[DICTIONARY_WORD] == 1.0 && x[GENERALITY] >= GENERAL_WORD && x[NAME] == 0.0 && x[PARTNER + 1] < 0.5
}

/// The generality (see [`generality`]) from which a dictionary word is general vocabulary.
pub(super) const GENERAL_WORD: f64 = 0.85;
/// What a general word loses: enough to rank it below the terms and out of the glossary.
const GENERAL_WORD_PENALTY: f64 = 10.0;
/// Indices of the features [`is_general_word`] reads.
const GENERALITY: usize = 4;
const DICTIONARY_WORD: usize = 5;
const NAME: usize = 12;

/// How specific to this corpus the most specific word of a multi-word candidate is: a
/// phrase built on a domain word (缔约国 + 会议) is more likely a term than one of general
/// words. 0 for single words (their own specificity is a feature of its own).
fn part_specificity(c: &Candidate, contexts: &WordContexts, segmenter: &Segmenter, total_tokens: usize) -> f64 {
    if c.words.len() < 2 {
        return 0.0;
    }
    c.words
        .iter()
        .filter(|w| w.chars().count() >= 2)
        .map(|w| termhood(contexts.count(w), total_tokens, segmenter.dictionary_frequency(w)))
        .fold(0.0, f64::max)
}

/// C-value with the longer candidates' share taken as that of the most frequent one (the
/// classic average lets rare long titles hide that a fragment nearly always sits in one name).
pub fn cvalue(chars: usize, frequency: usize, nested_in: Option<usize>) -> f64 {
    let weight = (chars as f64 + 1.0).log2();
    weight * frequency.saturating_sub(nested_in.unwrap_or(0)) as f64
}

/// ln of relative frequency here over relative frequency in general language, scaled to
/// about 0..1.5; words the dictionary does not know count as seen once there.
pub fn termhood(frequency: usize, total_tokens: usize, dictionary_frequency: usize) -> f64 {
    let here = frequency as f64 / total_tokens as f64;
    let general = (dictionary_frequency as f64 + 1.0) / DICTIONARY_TOTAL;
    ((here / general).ln() / 10.0).clamp(0.0, 1.5)
}

/// 0 for a specialised word, 1 for a word as common as 合作 or 国家 in general Chinese.
pub fn generality(dictionary_frequency: usize) -> f64 {
    let f = dictionary_frequency as f64 + 1.0;
    ((f / SPECIALISED_FREQUENCY).ln() / (GENERAL_FREQUENCY / SPECIALISED_FREQUENCY).ln()).clamp(0.0, 1.0)
}

/// A dictionary word has its own generality. A combination of words, or a set phrase jieba
/// lists as one word (经贸合作), is as general as a share of its least general word (地区国家
/// is made of general words only, 营商环境 is not) or of its head when that is an activity
/// noun or a verb. Combinations CC-CEDICT lists as lexicalised (世界经济) are not penalised.
fn candidate_generality(c: &Candidate, segmenter: &Segmenter, lexicon: &Lexicon) -> f64 {
    if lexicon.entry(&c.term).is_known() {
        return generality(segmenter.dictionary_frequency(&c.term));
    }
    // Three-character entries are words (成员国 = 成员 + 国 is morphology, not a phrase).
    let phrase = c.term.chars().count() >= 4;
    let (words, head_pos) = match segmenter.parts(&c.term).filter(|_| phrase) {
        Some(parts) => (vec![parts.first.clone(), parts.head.clone()], Some(parts.head_pos)),
        None if segmenter.is_dictionary_word(&c.term) => {
            return generality(segmenter.dictionary_frequency(&c.term));
        }
        None => (c.words.clone(), c.tags.last().copied()),
    };
    if words.len() < 2 {
        return generality(segmenter.dictionary_frequency(&c.term));
    }
    let general = |w: &String| generality(segmenter.dictionary_frequency(w));
    let least = words.iter().map(general).fold(1.0, f64::min);
    let head = words.last().map(general).unwrap_or_default();
    // An activity noun or verb as head (合作, 发展, 支持) makes "X cooperation", a description
    // of what is done with X rather than a name, unless X itself is fixed (caught by the cue).
    let activity = matches!(head_pos, Some(Pos::VerbalNoun | Pos::Verb));
    let activity_head = if activity { ACTIVITY_HEAD_GENERALITY * head } else { 0.0 };
    (COMBINATION_GENERALITY * least).max(activity_head)
}

/// The strongest cue; a quoted expression the text uses only once counts half, since quotes
/// also mark slogans and figures of speech, and a name recurs.
pub fn cue(c: &Candidate) -> f64 {
    let strongest = c.cues.iter().map(|k| k.strength()).fold(0.0, f64::max);
    let only_quoted = c.cues.iter().all(|&k| k == CueKind::Quoted);
    if only_quoted && c.frequency < 2 {
        strongest / 2.0
    } else {
        strongest
    }
}

pub fn length_prior(chars: usize) -> f64 {
    match chars {
        0..=2 => -0.6,
        3 => -0.2,
        4..=10 => 0.0,
        n => -0.08 * (n - 10) as f64,
    }
}

/// 1 when (nearly) every occurrence has the same bound neighbour on one side (and there are
/// several).
pub fn fragment(c: &Candidate) -> f64 {
    if c.frequency >= 2 && c.cues.is_empty() && c.bound {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(words: &[&str], tags: &[Pos], frequency: usize) -> Candidate {
        Candidate::of_words(words, tags, frequency)
    }

    #[test]
    fn a_word_the_dictionary_knows_only_as_a_verb_is_a_verb_whatever_jieba_tags_it() {
        use Pos::{Abbreviation, Noun, Verb};
        let lexicon = Lexicon::new();
        assert!(is_verb(&candidate(&["深化"], &[Abbreviation], 3), &lexicon), "to deepen");
        assert!(is_verb(&candidate(&["推动"], &[Verb], 3), &lexicon));
        assert!(!is_verb(&candidate(&["安理会"], &[Abbreviation], 3), &lexicon), "an abbreviation");
        assert!(!is_verb(&candidate(&["组织"], &[Noun], 3), &lexicon), "jieba's noun stays one");
    }

    #[test]
    fn a_head_the_dictionary_knows_only_as_a_verb_is_a_verb_whatever_jieba_tags_it() {
        use Pos::{Abbreviation, Noun, PersonName, Verb};
        let lexicon = Lexicon::new();
        let word = |w: &str| Some(w.to_string());
        assert!(is_verb_word(word("深化").as_ref(), Some(Abbreviation), &lexicon), "to deepen");
        assert!(is_verb_word(word("推动").as_ref(), Some(Verb), &lexicon));
        assert!(!is_verb_word(word("组织").as_ref(), Some(Noun), &lexicon), "jieba's noun stays one");
        assert!(!is_verb_word(word("张伟").as_ref(), Some(PersonName), &lexicon), "a name");
    }

    #[test]
    fn cvalue_discounts_terms_nested_in_longer_ones() {
        assert!(cvalue(4, 5, None) > cvalue(4, 5, Some(2)));
        assert_eq!(cvalue(4, 5, Some(5)), 0.0);
        assert!(cvalue(4, 6, Some(2)) > 0.0);
    }

    #[test]
    fn a_name_quoted_once_is_half_a_cue() {
        let mut c = candidate(&["丝路精神"], &[], 1);
        c.cues.insert(CueKind::Quoted);
        assert_eq!(cue(&c), 0.5);
        c.frequency = 2;
        assert_eq!(cue(&c), 1.0);
        c.frequency = 1;
        c.cues.insert(CueKind::Title);
        assert_eq!(cue(&c), 1.0);
    }

    #[test]
    fn log_likelihood_grows_with_the_evidence_and_is_negative_for_general_words() {
        // The same ratio to general language, ten times the evidence.
        assert!(log_likelihood(50, 100_000, 1_000) > log_likelihood(5, 10_000, 1_000));
        assert!(log_likelihood(1, 100_000, 200_000) < 0.0);
    }

    #[test]
    fn generic_words_have_less_termhood_than_unknown_ones() {
        assert!(termhood(5, 1000, 200_000) < termhood(5, 1000, 0));
    }

    #[test]
    fn a_common_dictionary_word_is_general_vocabulary_unless_a_name() {
        let mut x = [0.0; FEATURES];
        x[DICTIONARY_WORD] = 1.0;
        x[GENERALITY] = generality(20_000);
        assert!(is_general_word(&x));
        x[GENERALITY] = generality(2_000);
        assert!(!is_general_word(&x), "a less common word is left to the weights");
        x[GENERALITY] = generality(20_000);
        x[NAME] = 1.0;
        assert!(!is_general_word(&x), "jieba tags it a name");
        x[NAME] = 0.0;
        x[PARTNER + 1] = 0.8;
        assert!(!is_general_word(&x), "the translation writes it as a name");
        x[PARTNER + 1] = 0.0;
        x[DICTIONARY_WORD] = 0.0;
        assert!(!is_general_word(&x), "a combination's generality is left to the weights");
    }

    #[test]
    fn general_words_are_general_and_rare_ones_not() {
        assert_eq!(generality(0), 0.0);
        assert_eq!(generality(40), 0.0);
        assert!(generality(2_000) > 0.3 && generality(2_000) < 0.7);
        assert_eq!(generality(100_000), 1.0);
    }
}
