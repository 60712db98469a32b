//! New-word discovery for small corpora. jieba breaks words it does not know into pieces,
//! often single characters (中小/微/企业, 可/再生能源). A string of such pieces is taken
//! for a word when it repeats, starts and ends on token boundaries, is not in the general
//! dictionary, and is not bound to one neighbour on either side (else it is a piece of a
//! longer unit, [`super::neighbours`]). Found words are taught to the segmenter so the miner sees them whole.

use super::neighbours::WordContexts;
use super::runs::breaks_run;
use crate::corpus::{is_han, Document};
use crate::segment::{Pos, Segmenter, Token};
use std::collections::{BTreeSet, HashMap};

const MIN_TOKENS: usize = 2;
const MAX_TOKENS: usize = 4;
const MIN_CHARS: usize = 3;
const MAX_CHARS: usize = 8;
const MIN_FREQUENCY: usize = 2;

#[derive(Default)]
struct Seen<'a> {
    count: usize,
    first: &'a str,
    last: &'a str,
    before: BTreeSet<&'a str>,
    after: BTreeSet<&'a str>,
}

/// Words the segmenter split but the corpus repeats as units, longest first.
pub fn new_words(
    docs: &[Document],
    sentences: &[(usize, Vec<Token>)],
    contexts: &WordContexts,
    segmenter: &Segmenter,
) -> Vec<String> {
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for (doc, line) in sentences {
        let text = docs[*doc].zh.as_str();
        let word = |i: usize| &text[line[i].span.clone()];
        for start in 0..line.len() {
            if !may_start(word(start), line[start].pos) {
                continue;
            }
            for end in start + MIN_TOKENS..=line.len().min(start + MAX_TOKENS) {
                let window = &line[start..end];
                if !is_unknown_word_shape(text, window) {
                    continue;
                }
                let span = window[0].span.start..window[window.len() - 1].span.end;
                let entry = seen.entry(text[span].to_string()).or_default();
                entry.count += 1;
                entry.first = word(start);
                entry.last = word(end - 1);
                entry.before.insert(start.checked_sub(1).map_or("", word));
                entry.after.insert(if end < line.len() { word(end) } else { "" });
            }
        }
    }
    let mut found: Vec<(String, usize)> = seen
        .into_iter()
        .filter(|(string, s)| {
            s.count >= MIN_FREQUENCY
                && !segmenter.is_dictionary_word(string)
                && !bound(&s.before, |w| contexts.binds_to_next(w, s.first))
                && !bound(&s.after, |w| contexts.binds_to_previous(w, s.last))
        })
        .map(|(string, s)| (string, s.count))
        .collect();
    found.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    let mut words: Vec<(String, usize)> = Vec::new();
    for (string, count) in found {
        // A piece of a longer new word that occurs only inside it is not a word of its own.
        if !words.iter().any(|(longer, c)| *c >= count && longer.contains(string.as_str())) {
            words.push((string, count));
        }
    }
    words.into_iter().map(|(w, _)| w).collect()
}

/// Quantity phrases (三个方面) start with a numeral; grammatical words start no word.
fn may_start(word: &str, pos: Pos) -> bool {
    !breaks_run(word, pos) && pos != Pos::Adverb
}

/// Han only, 3–8 characters, no grammatical word or date inside, grammatical words at neither
/// end, and at least one piece a whole word would not be: a single character or a number.
fn is_unknown_word_shape(text: &str, window: &[Token]) -> bool {
    let words: Vec<&str> = window.iter().map(|t| &text[t.span.clone()]).collect();
    let chars: usize = words.iter().map(|w| w.chars().count()).sum();
    let contiguous = window.windows(2).all(|p| p[0].span.end == p[1].span.start);
    let last = window[window.len() - 1].pos;
    contiguous
        && (MIN_CHARS..=MAX_CHARS).contains(&chars)
        && words.iter().all(|w| w.chars().all(is_han))
        && window.iter().all(|t| !t.pos.is_function() && t.pos != Pos::Time)
        && !matches!(last, Pos::Verb | Pos::Adverb | Pos::Numeral | Pos::Classifier | Pos::Locative)
        && window.iter().zip(&words).any(|(t, w)| w.chars().count() == 1 || matches!(t.pos, Pos::Numeral))
}

/// Always the same neighbour on that side, and one that binds to the string.
fn bound(neighbours: &BTreeSet<&str>, binds: impl Fn(&str) -> bool) -> bool {
    neighbours.len() == 1 && neighbours.iter().all(|w| !w.is_empty() && binds(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{line_spans, normalize::normalize_zh, InputKind};

    fn discover(text: &str) -> Vec<String> {
        let docs = vec![Document::monolingual("t".into(), InputKind::Plain, normalize_zh(text, false))];
        let segmenter = Segmenter::new();
        let sentences: Vec<(usize, Vec<Token>)> = line_spans(&docs[0].zh)
            .into_iter()
            .map(|span| (0, segmenter.tokens(&docs[0].zh[span.clone()], span.start)))
            .collect();
        let contexts = WordContexts::new(&docs, &sentences);
        new_words(&docs, &sentences, &contexts, &segmenter)
    }

    #[test]
    fn a_repeated_split_word_is_found() {
        let words = discover("各国开发可再生能源。\n可再生能源占比提高，可再生能源发电增加。\n");
        assert!(words.contains(&"可再生能源".to_string()), "{words:?}");
    }

    #[test]
    fn a_string_seen_once_or_always_after_the_same_word_is_not_a_word() {
        let words = discover("开发可再生能源。\n");
        assert!(words.is_empty(), "{words:?}");
    }

    #[test]
    fn quantity_phrases_are_not_words() {
        let words = discover("有三个方面的问题。\n这三个方面很重要，三个方面都要抓。\n");
        assert!(!words.iter().any(|w| w.starts_with('三')), "{words:?}");
    }
}
