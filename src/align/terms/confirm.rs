//! Terms the translation confirms. The glossary takes the best-ranked candidates that were
//! seen in two clauses or cued; a term named once in a bilingual document misses that floor
//! however clear it is (a university, a programme, a named technology). The English side is
//! evidence of its own: a candidate beyond the selection joins the glossary when its
//! equivalent is
//! - a proper name in the English text — every content word capitalised, not part of a longer
//!   capitalised run, at least two words — that the term's parts explain, counting the
//!   glossary's own pairs as dictionary entries (a name built on a glossary term: X University
//!   beside X); or
//! - a multi-word nominal sense that CC-CEDICT lists for the whole term, rendered as such by
//!   the translator.
//!
//! Co-occurrence counts say nothing about a term seen once, so the dictionary and the English
//! capitals carry the decision here, not Dice.

use super::learned::LearnedLexicon;
use super::{Equivalent, Translator};
use crate::align::english;
use crate::lexicon::{is_english_function_word, Lexicon};
use crate::mine::Candidate;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Least dictionary composition of a confirmed proper name.
const MIN_NAME_COMPOSITION: f64 = 0.8;
/// Supporting pairs a selected term's equivalent needs before it serves as a dictionary entry.
const MIN_GLOSSARY_PAIRS: usize = 2;

/// The candidates of the translator's `pool` whose English equivalent confirms them, by index
/// into the translator's candidates, with that equivalent. `selected` (the translator's first
/// candidates) and their `equivalents` are the glossary chosen so far: its well-attested pairs
/// join the `lexicon`, and an English term it already holds is not given to a second concept.
pub fn confirmed(
    translator: &Translator,
    selected: &[Candidate],
    equivalents: &[Option<Equivalent>],
    pool: Range<usize>,
    lexicon: &Lexicon,
    learned: Option<&LearnedLexicon>,
) -> Vec<(usize, Equivalent)> {
    let mut taken: HashSet<String> = HashSet::new();
    for (candidate, equivalent) in selected.iter().zip(equivalents) {
        let Some(equivalent) = equivalent else { continue };
        taken.insert(equivalent.english.to_lowercase());
        taken.extend(equivalent.variants.iter().map(|v| v.to_lowercase()));
        if equivalent.cooccurrences >= MIN_GLOSSARY_PAIRS {
            lexicon.add_sense(&candidate.term, &equivalent.english);
        }
    }
    let found = translator.translate(pool.clone(), lexicon, learned);
    let confirmed: Vec<(usize, Equivalent)> = pool
        .zip(found)
        .filter_map(|(index, equivalent)| Some((index, equivalent?)))
        .filter(|(_, e)| !taken.contains(&e.english.to_lowercase()))
        .filter(|(index, e)| {
            let name = e.dictionary >= MIN_NAME_COMPOSITION
                && e.pairs.iter().any(|&p| is_proper_name(translator.english_of(p), &e.english));
            name || is_dictionary_rendering(&translator.candidate(*index).term, &e.english, lexicon)
        })
        .collect();
    // Two candidates confirmed by the same English name are the whole name and a piece of it
    // (北海港务局培训学院, 港务局培训学院 → "Beihai Port Authority Training College"): the
    // name renders the longest one.
    let mut longest: HashMap<String, usize> = HashMap::new();
    for (index, e) in &confirmed {
        let chars = translator.candidate(*index).term.chars().count();
        let best = longest.entry(e.english.to_lowercase()).or_insert(*index);
        if translator.candidate(*best).term.chars().count() < chars {
            *best = *index;
        }
    }
    confirmed.into_iter().filter(|(index, e)| longest.get(&e.english.to_lowercase()) == Some(index)).collect()
}

/// Small words inside English names (Department of Political Affairs, Economic and Social
/// Council, Conference of the Parties to the Convention).
const NAME_CONNECTORS: &[&str] = &["and", "for", "of", "on", "the", "to"];
/// Most connectors in a row that may still join two parts of one name.
const MAX_CONNECTORS: usize = 2;

/// True when `phrase` occurs in `sentence` as a whole capitalised name: two words or more,
/// each content word capitalised (or an acronym or number), and not a piece of a longer name
/// (no capitalised word next to it, directly or across a connector: "Political Affairs" in
/// "Department of Political Affairs"). The first word of a sentence is capitalised anyway, so
/// it proves nothing.
fn is_proper_name(sentence: &str, phrase: &str) -> bool {
    let words = english::words(sentence, 0);
    let wanted: Vec<&str> = english::words(phrase, 0).iter().map(|w| &phrase[w.span.clone()]).collect();
    if wanted.len() < 2 {
        return false;
    }
    let text = |k: usize| &sentence[words[k].span.clone()];
    let content = |w: &str| !is_english_function_word(&w.to_lowercase());
    let capitalised = |k: usize| k > 0 && text(k).chars().next().is_some_and(char::is_uppercase) && content(text(k));
    // Whether the name goes on from word `k` in the direction `step`: past at most
    // MAX_CONNECTORS connectors, a capitalised word.
    let goes_on = |mut k: isize, step: isize| {
        for _ in 0..=MAX_CONNECTORS {
            if k < 0 || k as usize >= words.len() {
                return false;
            }
            let at = k as usize;
            if capitalised(at) {
                return true;
            }
            if !NAME_CONNECTORS.contains(&text(at).to_lowercase().as_str()) {
                return false;
            }
            k += step;
        }
        false
    };
    (0..words.len().saturating_sub(wanted.len() - 1)).any(|start| {
        let end = start + wanted.len();
        if (start..end).map(text).ne(wanted.iter().copied()) {
            return false;
        }
        let inside: Vec<usize> = (start..end).filter(|&k| content(text(k))).collect();
        let all_capitalised =
            inside.iter().all(|&k| text(k).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
        all_capitalised
            && inside.iter().any(|&k| capitalised(k))
            && !goes_on(start as isize - 1, -1)
            && !goes_on(end as isize, 1)
    })
}

/// True when CC-CEDICT lists `term` with a nominal sense of two words or more whose content
/// words are those of `english` (compared by stem: data security ~ "data securities").
fn is_dictionary_rendering(term: &str, english: &str, lexicon: &Lexicon) -> bool {
    let stems = |text: &str| -> Vec<String> {
        english::words(text, 0)
            .iter()
            .map(|w| text[w.span.clone()].to_lowercase())
            .filter(|w| !is_english_function_word(w))
            .map(|w| english::stem(&w))
            .collect()
    };
    let rendering = stems(english);
    rendering.len() >= 2
        && lexicon
            .entry(term)
            .senses
            .iter()
            .flat_map(|sense| sense.split(','))
            .filter(|sense| !sense.trim_start().starts_with("to "))
            .any(|sense| stems(sense) == rendering)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_capitalised_name_is_a_proper_name() {
        let sentence = "The ministry funds the Northern Polytechnic Institute and its staff.";
        assert!(is_proper_name(sentence, "Northern Polytechnic Institute"));
        // A piece of the name, or a phrase with a lower-case content word, is not.
        assert!(!is_proper_name(sentence, "Polytechnic Institute"));
        assert!(!is_proper_name(sentence, "Northern Polytechnic"));
        assert!(!is_proper_name(sentence, "funds the Northern Polytechnic Institute"));
        // One word is too little to tell a name from an emphasis.
        assert!(!is_proper_name("They met in Geneva.", "Geneva"));
    }

    #[test]
    fn a_name_joined_by_small_words_is_one_name() {
        let sentence = "He wrote to the Office of Naval Research and the Bureau for Fisheries.";
        assert!(!is_proper_name(sentence, "Naval Research"));
        assert!(!is_proper_name(sentence, "Office of Naval"));
        assert!(is_proper_name("A report on Naval Research was filed.", "Naval Research"));
    }

    #[test]
    fn a_sentence_initial_capital_proves_nothing() {
        assert!(!is_proper_name("Heavy rain fell.", "Heavy rain"));
        assert!(is_proper_name("Northern Polytechnic Institute opened.", "Northern Polytechnic Institute"));
        assert!(is_proper_name("Treaty of Lisbon entered into force.", "Treaty of Lisbon"));
    }

    #[test]
    fn a_listed_nominal_sense_is_a_dictionary_rendering() {
        let lexicon = Lexicon::new();
        assert!(is_dictionary_rendering("温室效应", "greenhouse effect", &lexicon));
        assert!(!is_dictionary_rendering("温室效应", "hothouse results", &lexicon));
        // One-word senses are too often general vocabulary to confirm a term.
        assert!(!is_dictionary_rendering("电脑", "computer", &lexicon));
    }
}
