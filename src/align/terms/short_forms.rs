//! Chinese short forms among the terms translated together. Chinese abbreviates a name by
//! keeping some of its characters in order (安全理事会 → 安理会, 世界卫生组织 → 世卫组织): a term
//! whose characters are a proper subsequence of another's, starting with the same character
//! and not a plain substring of it (a substring is a nested term, not an abbreviation), is
//! that term's short form when exactly one term qualifies, or when one of those that qualify
//! is nested in all the others (安理会 abbreviates 安全理事会, not 安全理事会主席). A term that
//! keeps whole words from both ends of another (增强 + 权能 of 增强妇女权能) is a term of its
//! own, not an abbreviation.
//!
//! A short form takes the English its long form has, or the acronym the English text
//! defines for it, when the corpus shows it beside the short form; when the corpus shows it
//! nothing, or only a piece of the long form's English ("Council"), it takes the long form's.

use super::complete::holds_words;
use super::Equivalent;
use rustc_hash::FxHashMap;

/// Longest short form considered, in characters.
const MAX_SHORT_CHARS: usize = 6;
/// Share of the long form's score a short form's borrowed English keeps (it was not seen).
const BORROWED_SCORE: f64 = 0.5;

/// For each term, the index of the term it abbreviates.
pub(super) fn long_forms(terms: &[&str]) -> Vec<Option<usize>> {
    let mut by_first: FxHashMap<char, Vec<usize>> = FxHashMap::default();
    for (index, term) in terms.iter().enumerate() {
        if let Some(first) = term.chars().next() {
            by_first.entry(first).or_default().push(index);
        }
    }
    terms
        .iter()
        .map(|short| {
            let chars: Vec<char> = short.chars().collect();
            if chars.len() < 2 || chars.len() > MAX_SHORT_CHARS || !chars.iter().all(|&c| crate::corpus::is_han(c)) {
                return None;
            }
            let found: Vec<usize> = by_first[&chars[0]]
                .iter()
                .copied()
                .filter(|&l| {
                    let long = terms[l];
                    long.chars().count() > chars.len()
                        && !long.contains(short)
                        && crate::corpus::keeps_in_order(chars.iter().copied(), long.chars())
                        && !is_ellipsis(short, long)
                })
                .collect();
            // The name the others are built on (安全理事会 of 安全理事会主席).
            found.iter().copied().find(|&base| found.iter().all(|&other| terms[other].contains(terms[base])))
        })
        .collect()
}

/// Whether `short` is `long` with words dropped from its middle, a beginning and an end of
/// two characters or more each kept whole (增强 + 权能 of 增强妇女权能 "empowerment", a term
/// of its own); an abbreviation keeps a character of a word (欧 + 盟 of 欧洲联盟).
fn is_ellipsis(short: &str, long: &str) -> bool {
    let bounds: Vec<usize> = short.char_indices().map(|(i, _)| i).collect();
    // The cuts that leave two characters or more on each side.
    let cuts = bounds.iter().skip(2).take(bounds.len().saturating_sub(3));
    cuts.into_iter().any(|&cut| long.starts_with(&short[..cut]) && long.ends_with(&short[cut..]))
}

/// The English of a short form, given what it was linked to on its own (`own`), the English
/// options the corpus showed it (`seen`), its long form's English and that English's acronym.
pub(super) fn english(
    own: Option<Equivalent>,
    seen: &[Equivalent],
    long: &Equivalent,
    acronym: Option<&str>,
) -> Option<Equivalent> {
    let lower = |s: &str| s.to_lowercase();
    // The acronym first (a short form is written short), then the long form's English.
    let wanted = acronym.into_iter().map(str::to_string).chain(std::iter::once(long.english.clone()));
    for target in wanted {
        if let Some(found) = seen.iter().find(|e| lower(&e.english) == lower(&target)) {
            return Some(found.clone());
        }
    }
    let piece = own.as_ref().is_some_and(|o| holds_words(&long.english, &o.english));
    // A piece that is itself a name ("Advisory Committee") is how the corpus refers to it;
    // a bare head ("Council") is not an equivalent. One the dictionary gives for the short
    // form exactly is its own meaning: 国际会议 "international conference" is no short form
    // of the conference it would abbreviate by its characters.
    let piece = piece
        && !own
            .as_ref()
            .is_some_and(|o| super::canonical::is_name(&o.english) || o.dictionary >= super::EXACT_RENDERING);
    if own.is_some() && !piece {
        return own;
    }
    Some(Equivalent {
        english: acronym.map_or_else(|| long.english.clone(), str::to_string),
        score: long.score * BORROWED_SCORE,
        cooccurrences: 0,
        pairs: Vec::new(),
        variants: Vec::new(),
        abbreviation: None,
        ..long.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_keep_characters_in_order_and_are_no_substrings() {
        let terms = ["世界气象组织", "世气组织", "气象组织", "组织", "国际海事组织", "海事组织", "国海组织"];
        let long = long_forms(&terms);
        assert_eq!(long[1], Some(0), "世气组织 abbreviates 世界气象组织");
        assert_eq!(long[2], None, "气象组织 is nested, not abbreviated");
        assert_eq!(long[3], None);
        assert_eq!(long[6], Some(4));
        assert_eq!(long[0], None);
        let terms = ["安全理事会主席", "安全理事会", "安理会", "安全理事会决议", "安全委员会", "安委会"];
        let long = long_forms(&terms);
        assert_eq!(long[2], Some(1), "the name the others are built on");
        assert_eq!(long[5], Some(4));
        let terms = ["增强妇女权能", "增强权能", "欧洲联盟", "欧盟"];
        let long = long_forms(&terms);
        assert_eq!(long[1], None, "words dropped whole: a term of its own");
        assert_eq!(long[3], Some(2), "a character of each word: an abbreviation");
        let terms = ["国际海事组织", "国际气象组织", "国组织"];
        assert_eq!(long_forms(&terms)[2], None, "two names, neither built on the other");
    }

    fn equivalent(english: &str, score: f64) -> Equivalent {
        Equivalent {
            english: english.into(),
            score,
            cooccurrences: 3,
            dice: 0.5,
            dictionary: 0.5,
            pairs: vec![1],
            variants: Vec::new(),
            abbreviation: None,
        }
    }

    #[test]
    fn a_short_form_takes_the_acronym_or_the_long_forms_english() {
        let long = equivalent("World Meteorological Organization", 2.0);
        let seen = [equivalent("Organization", 0.6), equivalent("WMO", 0.4)];
        let chosen = english(Some(seen[0].clone()), &seen, &long, Some("WMO")).unwrap();
        assert_eq!(chosen.english, "WMO");
        assert_eq!(chosen.pairs, [1], "the evidence is the short form's own");
        // Only a piece of the long form's English seen: the whole one is borrowed.
        let chosen = english(Some(seen[0].clone()), &seen[..1], &long, None).unwrap();
        assert_eq!((chosen.english.as_str(), chosen.cooccurrences), ("World Meteorological Organization", 0));
        // A piece that is a name itself is the corpus's own short reference.
        let short = equivalent("Meteorological Organization", 0.6);
        assert_eq!(english(Some(short.clone()), &[short], &long, None).unwrap().english, "Meteorological Organization");
        // A piece the dictionary gives for the short form exactly is its own meaning.
        let own = Equivalent { dictionary: 1.0, ..equivalent("meteorological organization", 0.6) };
        let long = equivalent("Regional Meteorological Organization", 2.0);
        assert_eq!(english(Some(own.clone()), &[own], &long, None).unwrap().english, "meteorological organization");
        // Something else the corpus shows for it stays.
        let other = equivalent("weather agency", 0.9);
        assert_eq!(english(Some(other.clone()), &[other], &long, None).unwrap().english, "weather agency");
        assert_eq!(english(None, &[], &long, Some("WMO")).unwrap().english, "WMO");
    }
}
