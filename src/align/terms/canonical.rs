//! The one preferred English form of an equivalent, as a glossary writes it: a noun phrase,
//! singular unless the corpus always writes it in the plural, without a possessive, without a
//! capital that only the start of a sentence gave a common noun, never a clause. The other
//! spellings of the same lemmas (plural, case, possessive) are inflections of it, not
//! variants, so they are not listed beside it.

use crate::align::english;

/// Words that make a span a clause, not a noun phrase: finite auxiliaries and modals,
/// pronouns that stand for a subject or object, interrogatives. General English grammar.
const CLAUSE_WORDS: &[&str] = &[
    "am", "are", "can", "could", "did", "do", "does", "had", "has", "have", "he", "i", "is", "it", "may", "might",
    "must", "shall", "she", "should", "that", "they", "was", "we", "were", "what", "which", "who", "will", "would",
    "you",
];

/// One way the phrase was written in the pairs: the text, how many times, and whether it
/// opened a sentence there (where English capitalises any word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written<'a> {
    pub text: &'a str,
    pub count: usize,
    pub sentence_initial: bool,
}

/// Whether `text` is a clause (or a clause fragment) rather than a noun phrase: it holds a
/// finite auxiliary, a modal or a pronoun as a word of its own ("European Union had already
/// agreed", "Party A shall have the right"; a hyphenated compound is one word).
pub fn is_clause(text: &str) -> bool {
    is_verb_phrase(text)
        || text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '\'' | '’'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            // An acronym is a name ("WHO"), not the pronoun it spells.
            .filter(|w| w.chars().count() < 2 || !w.chars().all(|c| c.is_ascii_uppercase()))
            .any(|w| CLAUSE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether `text` holds a verb taking an object: a lower-case -ing or -ed word right before
/// an article ("developing the SCO University", "signed the Partnership"); inside a noun
/// phrase an article follows a preposition instead ("Convention on the Rights"). Or it opens
/// with a past participle and its preposition, what is said of a noun rather than the noun
/// ("contained in Agenda 21", "required for immediate needs").
fn is_verb_phrase(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let participle =
        words.first().is_some_and(|w| lower(w) && w.len() >= 5 && w.ends_with("ed") && !w.ends_with("eed"))
            && words.get(1).is_some_and(|w| PARTICIPLE_PREPOSITIONS.contains(w));
    participle
        || words.windows(2).any(|w| {
            let verb = lower(w[0]) && (w[0].ends_with("ing") || w[0].ends_with("ed"));
            verb && matches!(w[1], "the" | "a" | "an")
        })
}

/// Prepositions a participle takes ("based on", "referred to").
const PARTICIPLE_PREPOSITIONS: &[&str] =
    &["in", "for", "to", "on", "by", "with", "at", "from", "among", "into", "under"];

/// Whether `text` is written as a name: every word capitalised but the connectors inside
/// ("International Court of Justice", "Team Nottingham Forest").
pub fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    words.len() >= 2
        && words.first().is_some_and(capitalised)
        && words.last().is_some_and(capitalised)
        && words.iter().all(|w| capitalised(w) || NAME_CONNECTORS.contains(w))
}

/// Lower-case words that may sit inside a name.
const NAME_CONNECTORS: &[&str] = &["against", "and", "for", "in", "of", "on", "the", "to"];

/// `text` without a possessive ending ("SCO's" → "SCO", "Kunlun’s" → "Kunlun", "States'" →
/// "States").
pub fn without_possessive(text: &str) -> &str {
    for ending in ["'s", "’s", "'", "’"] {
        if let Some(stem) = text.strip_suffix(ending) {
            // A bare apostrophe is a possessive only after a plural -s ("States'").
            if ending.len() > 2 || ending == "'s" || stem.ends_with('s') {
                return stem;
            }
        }
    }
    text
}

/// Whether the last word of `text` is written as its own lemma (not a regular plural).
fn is_singular(text: &str) -> bool {
    let last = text.rsplit([' ', '-']).next().unwrap_or(text);
    english::lemma(last) == last.to_lowercase()
}

/// The preferred form among the ways one phrase was written. `seen_lower(word)`: whether the
/// corpus writes the word in lower case somewhere (then a capital it has only at sentence
/// starts is no part of it).
pub fn preferred(written: &[Written], seen_lower: impl Fn(&str) -> bool) -> String {
    // Inside a sentence the writer chose the case; at its start English chose it.
    let inside: Vec<&Written> = written.iter().filter(|w| !w.sentence_initial).collect();
    let pool: Vec<&Written> = if inside.is_empty() { written.iter().collect() } else { inside };
    let count = |w: &&Written| w.count;
    let singular: Vec<&Written> = pool.iter().copied().filter(|w| is_singular(without_possessive(w.text))).collect();
    let from = if singular.is_empty() { &pool } else { &singular };
    let best = from
        .iter()
        .max_by(|a, b| count(a).cmp(&count(b)).then(b.text.cmp(a.text)))
        .map_or("", |w| without_possessive(w.text));
    let initial_only = written.iter().all(|w| w.sentence_initial);
    let words: Vec<&str> = best.split(' ').collect();
    let first = words.first().copied().unwrap_or_default();
    // A name capitalises its content words throughout ("Security Council"): only a phrase
    // with a lower-case word after its first, or a single word, is a common noun phrase.
    let common = words.len() == 1 || words[1..].iter().any(|w| w.chars().next().is_some_and(char::is_lowercase));
    let capital_only_first =
        first.chars().next().is_some_and(char::is_uppercase) && first.chars().skip(1).all(|c| !c.is_uppercase());
    if initial_only && common && capital_only_first && seen_lower(&first.to_lowercase()) {
        let mut chars = best.chars();
        let head = chars.next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
        return head + chars.as_str();
    }
    best.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, count: usize, sentence_initial: bool) -> Written<'_> {
        Written { text, count, sentence_initial }
    }

    fn everything_lower(_: &str) -> bool {
        true
    }

    #[test]
    fn singular_is_preferred_when_the_corpus_writes_it() {
        let written = [w("irrigation canals", 5, false), w("irrigation canal", 2, false)];
        assert_eq!(preferred(&written, everything_lower), "irrigation canal");
    }

    #[test]
    fn a_plural_the_corpus_always_writes_stays() {
        let written = [w("gravitational waves", 3, false)];
        assert_eq!(preferred(&written, everything_lower), "gravitational waves");
    }

    #[test]
    fn possessives_are_dropped() {
        assert_eq!(preferred(&[w("WMO's", 3, false), w("WMO", 1, false)], everything_lower), "WMO");
        assert_eq!(preferred(&[w("Penglai’s", 2, false)], everything_lower), "Penglai");
        assert_eq!(without_possessive("Member States'"), "Member States");
        assert_eq!(without_possessive("bus"), "bus");
        assert_eq!(without_possessive("Mr Jones'"), "Mr Jones");
    }

    #[test]
    fn a_capital_only_sentence_starts_gave_a_common_noun_goes() {
        let written = [w("Gravitational lensing", 2, true)];
        assert_eq!(preferred(&written, everything_lower), "gravitational lensing");
        assert_eq!(preferred(&[w("Redshift", 1, true)], everything_lower), "redshift");
        // A word the corpus never writes in lower case keeps its capital (a name).
        assert_eq!(preferred(&[w("Kalrond", 1, true)], |_| false), "Kalrond");
        // Seen inside a sentence: the writer's case wins.
        assert_eq!(
            preferred(&[w("Dark matter", 1, true), w("dark matter", 1, false)], everything_lower),
            "dark matter"
        );
    }

    #[test]
    fn names_keep_their_capitals_at_sentence_starts() {
        assert_eq!(preferred(&[w("Port Authority", 2, true)], everything_lower), "Port Authority");
        assert_eq!(preferred(&[w("Port Authority", 1, false)], everything_lower), "Port Authority");
        assert_eq!(preferred(&[w("UNESCO", 1, true)], everything_lower), "UNESCO");
    }

    #[test]
    fn names_are_capitalised_throughout() {
        assert!(is_name("International Court of Justice"));
        assert!(is_name("Agenda 21"));
        assert!(!is_name("Rotterdam"));
        assert!(!is_name("nuclear test"));
        assert!(!is_name("Court said"));
    }

    #[test]
    fn clauses_are_told_from_noun_phrases() {
        assert!(is_clause("European Union had already agreed"));
        assert!(is_clause("Party A shall have the right"));
        assert!(is_clause("Grandpa, what’s wrong"));
        assert!(is_clause("the Tribunal does"));
        assert!(!is_clause("Dispute Tribunal"));
        assert!(!is_clause("Convention on the Rights of the Child"));
        assert!(!is_clause("self-determination"));
        assert!(!is_clause("WHO"));
        assert!(is_clause("developing the Penglai Harbour"));
        assert!(is_clause("signed the Partnership"));
        assert!(!is_clause("Convention on the Rights of the Child"));
        assert!(!is_clause("Building the Future Fund"));
        assert!(is_clause("contained in Agenda 21"));
        assert!(is_clause("required for immediate needs"));
        assert!(!is_clause("armed forces"), "a participle before its noun");
        assert!(!is_clause("need for assistance"), "not a participle");
        assert!(!is_clause("financing for development"));
    }
}
