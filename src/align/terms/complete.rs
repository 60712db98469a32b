//! Names cut short. A term's pairs often write its name without the head a second time, in a
//! list that shares one ("the Basin, Harbour and Delta accords", where 海港协议 is "the
//! Harbour Accord") or as a modifier ("Harbour secretariat"), so the bare modifier can
//! be met more often than the name. When an option holds the best one and renders the term
//! exactly where the best does not, and is met in half its pairs or more, the whole name
//! goes first.
//!
//! The other way round, a phrase of one pair often holds a better attested option joined to
//! the words of that pair by a small word ("rumours about" + the name): the option goes
//! first.

use super::canonical::is_name;
use super::{promote, Option_, EXACT_RENDERING, SINGLE_PAIR_DICTIONARY};
use crate::lexicon::is_english_function_word;

/// How much better the dictionary must like the longer option than the best one.
const COMPLETES_BY: f64 = 0.1;

/// The words of an English phrase, lower-cased.
fn lower_words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// Where the words of `short` stand in a row inside `long`, which has more of them (none when
/// it has not, or `short` has none).
fn starts_inside<'a>(long: &'a [String], short: &'a [String]) -> impl Iterator<Item = usize> + 'a {
    let room = if short.is_empty() || long.len() <= short.len() { 0 } else { long.len() - short.len() + 1 };
    (0..room).filter(move |&start| long[start..start + short.len()] == *short)
}

/// Whether the words of `long` hold those of `short` in a row, and more (case aside).
pub(super) fn holds_words(long: &str, short: &str) -> bool {
    starts_inside(&lower_words(long), &lower_words(short)).next().is_some()
}

/// Puts first the option that completes the best one: it holds the best option's words, the
/// dictionary gives it for the term exactly and clearly better than the best, and it is met
/// in half the best one's pairs or more. The best stays an option, just below it.
pub(super) fn prefer_complete(options: &mut [Option_]) {
    let Some(best) = options.iter().position(|o| o.piece_of.is_none()) else { return };
    let short = &options[best].equivalent;
    let found = options.iter().position(|o| {
        let long = &o.equivalent;
        o.piece_of.is_none()
            && long.dictionary >= EXACT_RENDERING
            && long.dictionary >= short.dictionary + COMPLETES_BY
            && 2 * long.cooccurrences >= short.cooccurrences
            && holds_words(&long.english, &short.english)
    });
    if let Some(name) = found {
        promote(options, best, name);
    }
}

/// Whether `long` holds the words of `short` with a function word right before or after
/// them ("gratitude to Lieutenant General", "Agreement on Trade").
pub(super) fn joined_by_small_word(long: &str, short: &str) -> bool {
    let (long, short) = (lower_words(long), lower_words(short));
    let small = |k: Option<&String>| k.is_some_and(|w| is_english_function_word(w));
    let mut starts = starts_inside(&long, &short);
    starts.any(|start| small(start.checked_sub(1).and_then(|k| long.get(k))) || small(long.get(start + short.len())))
}

/// Whether the words of `short` end `long`, which has more of them.
fn ends_with_words(long: &str, short: &str) -> bool {
    let (long, short) = (lower_words(long), lower_words(short));
    let ends = starts_inside(&long, &short).any(|start| start + short.len() == long.len());
    ends
}

/// Puts first the option the best one holds joined to other words by a small word
/// ("happenings during" + a name), when the inner one is met in more pairs and renders the
/// term as well by the dictionary (which supports it), or is a name met as often after such
/// words: the words around it are the context of a pair, not the term's.
pub(super) fn prefer_inner(options: &mut [Option_]) {
    let Some(best) = options.iter().position(|o| o.piece_of.is_none()) else { return };
    let long = &options[best].equivalent;
    let found = options.iter().position(|o| {
        let inner = &o.equivalent;
        // Met as often, a name after words of the sentence ("use of the" + a name) is the
        // name, unless the dictionary clearly prefers the words before it. (Words after a
        // name may go on with it: "… Deprived of their Liberty".)
        let name = inner.cooccurrences == long.cooccurrences
            && is_name(&inner.english)
            && !is_name(&long.english)
            && ends_with_words(&long.english, &inner.english)
            && inner.dictionary + COMPLETES_BY > long.dictionary;
        let attested = inner.cooccurrences > long.cooccurrences && inner.dictionary >= long.dictionary;
        o.piece_of.is_none()
            && (attested || name)
            && inner.dictionary >= SINGLE_PAIR_DICTIONARY
            && joined_by_small_word(&long.english, &inner.english)
    });
    if let Some(inner) = found {
        promote(options, best, inner);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_option;
    use super::*;

    fn option(english: &str, cooccurrences: usize, dictionary: f64) -> Option_ {
        test_option(english, 1.0 / english.len() as f64, cooccurrences, dictionary)
    }

    fn order(options: &[Option_]) -> Vec<&str> {
        options.iter().map(|o| o.equivalent.english.as_str()).collect()
    }

    #[test]
    fn words_in_a_row_and_more() {
        assert!(holds_words("Harbour Accord", "Harbour"));
        assert!(holds_words("the harbour accord", "Harbour Accord"));
        assert!(!holds_words("Harbour Accord", "Harbour Accord"), "no more words");
        assert!(!holds_words("Harbour and Delta Accord", "Harbour Accord"), "not in a row");
        assert!(!holds_words("Harbourmaster", "Harbour"), "whole words");
    }

    #[test]
    fn small_words_join_a_phrase_to_others() {
        assert!(joined_by_small_word("gratitude to Lieutenant General", "Lieutenant General"));
        assert!(joined_by_small_word("Lieutenant General of the army", "Lieutenant General"));
        assert!(!joined_by_small_word("Lieutenant General Smith", "Lieutenant General"));
        assert!(!joined_by_small_word("Lieutenant General", "Lieutenant General"));
        assert!(!joined_by_small_word("gratitude to the General", "Lieutenant General"));
    }

    fn assert_longer_stays_first(long: Option_, inner: Option_) {
        let mut options = vec![long, inner];
        prefer_inner(&mut options);
        assert!(order(&options)[0].len() > order(&options)[1].len(), "the longer stays first: {:?}", order(&options));
    }

    #[test]
    fn a_phrase_around_a_better_attested_one_by_a_small_word_gives_way() {
        let mut options = vec![option("rumours about Harbour Accord", 1, 0.8), option("Harbour Accord", 3, 0.8)];
        prefer_inner(&mut options);
        assert_eq!(order(&options), ["Harbour Accord", "rumours about Harbour Accord"]);
        assert!(options[0].equivalent.score > options[1].equivalent.score);
        // Not a name the dictionary likes better, nor a phrase met as often, nor without a small
        // word, nor one the dictionary does not support.
        for (long, inner) in [
            (option("Accord of the Harbour Board", 1, 0.9), option("Harbour Board", 3, 0.6)),
            (option("rumours about the harbour accord", 3, 0.8), option("harbour accord", 3, 0.8)),
            (option("new Harbour Accord", 1, 0.8), option("Harbour Accord", 3, 0.8)),
            (option("rumours about Harbour", 1, 0.0), option("Harbour", 3, 0.0)),
        ] {
            assert_longer_stays_first(long, inner);
        }
    }

    #[test]
    fn a_name_met_as_often_as_the_words_before_it_is_the_name() {
        // One pair: every phrase of it meets the term as often.
        let mut options = vec![option("use of the Harbour Accord", 1, 0.8), option("Harbour Accord", 1, 0.75)];
        prefer_inner(&mut options);
        assert_eq!(order(&options)[0], "Harbour Accord");
        for (long, inner) in [
            // Words after a name may go on with it.
            (option("Harbour Accord of their ports", 1, 0.8), option("Harbour Accord", 1, 0.75)),
            // The dictionary clearly prefers the words before it.
            (option("use of the Harbour Accord", 1, 0.9), option("Harbour Accord", 1, 0.75)),
            // No name inside.
            (option("use of the harbour accord", 1, 0.8), option("harbour accord", 1, 0.75)),
        ] {
            assert_longer_stays_first(long, inner);
        }
    }

    #[test]
    fn the_whole_name_goes_before_its_modifier() {
        let mut options = vec![option("Harbour", 10, 0.8), option("Delta", 9, 0.0), option("Harbour Accord", 6, 1.0)];
        prefer_complete(&mut options);
        assert_eq!(order(&options), ["Harbour Accord", "Harbour", "Delta"]);
        assert!(options[0].equivalent.score > options[1].equivalent.score);
    }

    #[test]
    fn only_an_exact_rendering_met_often_enough_completes() {
        // Met in too few of the best one's pairs.
        let mut options = vec![option("Harbour", 10, 0.8), option("Harbour Accord", 4, 1.0)];
        prefer_complete(&mut options);
        assert_eq!(order(&options)[0], "Harbour");
        // The dictionary does not give it for the term exactly ("Initiative" renders nothing).
        let mut options = vec![option("Harbour Council", 6, 0.8), option("Harbour Council Initiative", 6, 0.8)];
        prefer_complete(&mut options);
        assert_eq!(order(&options)[0], "Harbour Council");
        // No better than the best.
        let mut options = vec![option("harbour", 6, 0.95), option("harbour accord", 6, 1.0)];
        prefer_complete(&mut options);
        assert_eq!(order(&options)[0], "harbour");
    }
}
