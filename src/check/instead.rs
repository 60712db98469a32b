//! What a target used instead of the expected English: the phrase of the target, outside the
//! words other glossary terms account for, that the Chinese term's dictionary parts explain
//! best (`align::terms::compose`, as term translation scores candidates). A phrase
//! explaining less than [`MIN_COMPOSITION`] is no answer: the alignment cannot tell.

use super::target::Piece;
use crate::align::terms::compose::TermGlosses;
use crate::corpus::Span;
use crate::lexicon::Lexicon;
use std::collections::HashMap;

/// Least composition (share of the term and of the phrase that explain each other) for a
/// phrase to be named as the rendering used.
pub const MIN_COMPOSITION: f64 = 0.5;
/// Longest phrase considered, in pieces.
const MAX_PIECES: usize = 6;

/// Glosses of each Chinese term asked about, made once.
pub struct Guesser<'a> {
    lexicon: &'a Lexicon,
    glosses: HashMap<String, TermGlosses>,
}

impl<'a> Guesser<'a> {
    pub fn new(lexicon: &'a Lexicon) -> Self {
        Guesser { lexicon, glosses: HashMap::new() }
    }

    /// The span of `target` (cut into `pieces`) that best renders `term`, skipping pieces
    /// inside `claimed` spans. `expected` is the number of pieces of the expected English: a
    /// phrase used instead is at most two pieces longer ("matters of which the Council" is
    /// not what rendered *Security Council*).
    pub fn used_instead(
        &mut self,
        term: &str,
        target: &str,
        pieces: &[Piece],
        claimed: &[Span],
        expected: usize,
    ) -> Option<Span> {
        let longest = MAX_PIECES.min(expected + 2);
        let lexicon = self.lexicon;
        let glosses = self.glosses.entry(term.to_string()).or_insert_with(|| TermGlosses::new(term, lexicon, None));
        let free: Vec<bool> =
            pieces.iter().map(|p| !claimed.iter().any(|c| c.start < p.span.end && p.span.start < c.end)).collect();
        // A phrase starts and ends on a word the term explains by itself: "implementation of
        // the Basel" is not what rendered 巴塞尔公约, "Basel" is.
        let explained: Vec<bool> = pieces
            .iter()
            .zip(&free)
            .map(|(p, &free)| free && p.is_content() && glosses.composition(&[&target[p.span.clone()]]) > 0.0)
            .collect();
        let mut best: Option<(f64, Span)> = None;
        for start in 0..pieces.len() {
            if !explained[start] {
                continue;
            }
            for end in start..pieces.len().min(start + longest) {
                let joined = end == start
                    || target[pieces[end - 1].span.end..pieces[end].span.start].chars().all(|c| c == ' ' || c == '-');
                if !free[end] || !joined {
                    break;
                }
                if !explained[end] {
                    continue;
                }
                let words: Vec<&str> = pieces[start..=end].iter().map(|p| &target[p.span.clone()]).collect();
                let score = glosses.composition(&words);
                // A longer phrase must explain more to win: ties go to the shorter.
                if score >= MIN_COMPOSITION && best.as_ref().is_none_or(|(s, _)| score > *s + 1e-9) {
                    best = Some((score, pieces[start].span.start..pieces[end].span.end));
                }
            }
        }
        best.map(|(_, span)| span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::target::pieces;

    #[test]
    fn the_dictionary_names_the_phrase_used_and_keeps_off_claimed_words() {
        let lexicon = Lexicon::new();
        let mut guesser = Guesser::new(&lexicon);
        let target = "The customs checked the refrigerated trucks at the border.";
        let pieces = pieces(target);
        let span = guesser.used_instead("冷藏车", target, &pieces, &[], 2).unwrap();
        assert_eq!(&target[span], "refrigerated trucks");
        let refrigerated: Span = target.find("refrigerated").unwrap()..target.find(" at").unwrap();
        assert_eq!(guesser.used_instead("冷藏车", target, &pieces, std::slice::from_ref(&refrigerated), 2), None);
    }
}
