//! The words of every body clause, kept once per distinct clause text: a translation memory
//! repeats most of its segments, and a repeated clause has the same words at another offset.

use super::{runs, Sentence};
use crate::corpus::Document;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, Token};
use rayon::prelude::*;

pub(super) struct Segmented {
    /// Tokens of each distinct clause text, spans relative to the clause's start.
    distinct: Vec<Box<[Compact]>>,
    /// The distinct clause texts: a clause with each, to segment it from, and for each
    /// clause the index of its text in `distinct`.
    texts: crate::corpus::Distinct,
}

impl Segmented {
    /// Segments every distinct clause text once, on all cores.
    pub fn new(docs: &[Document], sentences: &[Sentence], segmenter: &Segmenter, lexicon: &Lexicon) -> Self {
        let texts: Vec<&str> = sentences.iter().map(|s| &docs[s.doc].zh[s.span.clone()]).collect();
        let texts = crate::corpus::Distinct::of(&texts);
        let distinct = texts.first.par_iter().map(|&i| segment(docs, &sentences[i], segmenter, lexicon)).collect();
        Segmented { distinct, texts }
    }

    /// Teaches every clause the words just taught to `segmenter` (as `pos`), found by `words`
    /// (leftmost-longest). Where an occurrence starts and ends on token boundaries, its tokens
    /// become one, as the taught segmenter cuts it: segmenting every clause that holds a new
    /// word again (most clauses of a large memory) took as long as segmenting the corpus.
    /// An occurrence that cuts through a dictionary word (进行 | 调查 for a string 行调查) is
    /// not the new word there and changes nothing: segmenting again let such strings split
    /// common words all over a large memory. A clause where one cuts through a token the
    /// segmenter guessed is segmented again.
    pub fn teach(
        &mut self,
        docs: &[Document],
        sentences: &[Sentence],
        segmenter: &Segmenter,
        lexicon: &Lexicon,
        words: &aho_corasick::AhoCorasick,
        pos: Pos,
    ) {
        self.distinct.par_iter_mut().zip(&self.texts.first).for_each(|(tokens, &i)| {
            let sentence = &sentences[i];
            let clause = &docs[sentence.doc].zh[sentence.span.clone()];
            let mut found = words.find_iter(clause).peekable();
            if found.peek().is_none() {
                return;
            }
            let whole = |t: &Compact| {
                let word = &clause[t.start as usize..t.end as usize];
                word.chars().nth(1).is_some() && segmenter.is_dictionary_word(word)
            };
            match joined(tokens, found.map(|m| (m.start(), m.end())), pos, whole) {
                Some(joined) => *tokens = joined,
                None => *tokens = segment(docs, sentence, segmenter, lexicon),
            }
        });
    }

    /// How many distinct clause texts there are.
    pub fn distinct_texts(&self) -> usize {
        self.texts.len()
    }

    /// Each distinct clause text once, in the order of its number: a clause with that text and
    /// how many clauses share it.
    pub fn distinct(&self) -> Vec<(usize, usize)> {
        self.texts.with_copies()
    }

    /// The distinct text of clause `index`, when an earlier clause has the same text
    /// (None for a text's first clause).
    pub fn copied_text(&self, index: usize) -> Option<usize> {
        let slot = self.texts.slot[index];
        (self.texts.first[slot] != index).then_some(slot)
    }

    /// The tokens of clause `index` (which is `sentence`), spans into its document.
    pub fn tokens(&self, index: usize, sentence: &Sentence) -> Vec<Token> {
        let at = sentence.span.start;
        self.distinct[self.texts.slot[index]].iter().map(|t| t.at(at)).collect()
    }
}

/// A token stored relative to its clause in 12 bytes instead of 24: a memory's distinct
/// clauses hold tens of millions of them.
#[derive(Clone, Copy)]
struct Compact {
    start: u32,
    end: u32,
    pos: Pos,
}

impl Compact {
    fn at(self, clause_start: usize) -> Token {
        Token { span: clause_start + self.start as usize..clause_start + self.end as usize, pos: self.pos }
    }
}

/// `tokens` with the tokens covering each of `spans` (in order, relative to the clause) joined
/// into one token tagged `pos`. A span that cuts through a word `whole` holds (a dictionary
/// word: 进行 | 调查 for a string 行调查) is not that word here, and leaves the tokens as
/// they are; None when a span cuts through a token that was the segmenter's guess, for the
/// taught segmenter to cut the clause again.
fn joined(
    tokens: &[Compact],
    spans: impl Iterator<Item = (usize, usize)>,
    pos: Pos,
    whole: impl Fn(&Compact) -> bool,
) -> Option<Box<[Compact]>> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut next = 0;
    for (start, end) in spans {
        let (start, end) = (u32::try_from(start).ok()?, u32::try_from(end).ok()?);
        while next < tokens.len() && tokens[next].end <= start {
            out.push(tokens[next]);
            next += 1;
        }
        let Some(first) = tokens.get(next).filter(|t| t.start < end) else { continue };
        let last = next + tokens[next..].iter().position(|t| t.end >= end).unwrap_or(tokens.len() - 1 - next);
        let cut_first = first.start != start;
        let cut_last = tokens[last].end != end;
        if !cut_first && !cut_last {
            out.push(Compact { start, end, pos });
            next = last + 1;
        } else if !(cut_first && whole(first) || cut_last && whole(&tokens[last])) {
            return None;
        }
    }
    out.extend_from_slice(&tokens[next..]);
    Some(out.into_boxed_slice())
}

/// Tokens of one clause, prepared for the run rules, spans relative to the clause start.
fn segment(docs: &[Document], sentence: &Sentence, segmenter: &Segmenter, lexicon: &Lexicon) -> Box<[Compact]> {
    let text = &docs[sentence.doc].zh;
    let start = sentence.span.start;
    let tokens = runs::prepare(text, segmenter.tokens(&text[sentence.span.clone()], start), segmenter, lexicon);
    // Offsets are within one clause; a single clause of 4 GB (one unpunctuated line) is far
    // beyond what mining could hold anyway, so clamping instead of failing is moot.
    let relative = |offset: usize| u32::try_from(offset - start).unwrap_or(u32::MAX);
    tokens
        .into_iter()
        .map(|t| Compact { start: relative(t.span.start), end: relative(t.span.end), pos: t.pos })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(text: &str, cuts: &[&str]) -> Vec<Compact> {
        let mut at = 0;
        cuts.iter()
            .map(|word| {
                assert_eq!(&text[at..at + word.len()], *word);
                at += word.len();
                Compact { start: (at - word.len()) as u32, end: at as u32, pos: Pos::Other }
            })
            .collect()
    }

    fn words<'t>(text: &'t str, tokens: &[Compact]) -> Vec<&'t str> {
        tokens.iter().map(|t| &text[t.start as usize..t.end as usize]).collect()
    }

    fn span(text: &str, word: &str) -> (usize, usize) {
        let at = text.find(word).expect("in the text");
        (at, at + word.len())
    }

    #[test]
    fn a_taught_word_joins_the_tokens_it_covers() {
        let text = "王小明来到东山书院";
        let tokens = compact(text, &["王", "小明", "来到", "东山", "书院"]);
        let spans = [span(text, "王小明"), span(text, "东山书院")];
        let out = joined(&tokens, spans.into_iter(), Pos::ProperNoun, |_| true).expect("on token boundaries");
        assert_eq!(words(text, &out), ["王小明", "来到", "东山书院"]);
        assert_eq!(out[0].pos, Pos::ProperNoun);
        assert_eq!(out[1].pos, Pos::Other);
    }

    #[test]
    fn a_string_that_cuts_a_dictionary_word_leaves_the_clause_as_cut() {
        let text = "进行调查";
        let tokens = compact(text, &["进行", "调查"]);
        let whole = |t: &Compact| &text[t.start as usize..t.end as usize] == "进行";
        let out = joined(&tokens, [span(text, "行调查")].into_iter(), Pos::ProperNoun, whole).expect("kept");
        assert_eq!(words(text, &out), ["进行", "调查"]);
    }

    #[test]
    fn a_string_that_cuts_a_guessed_token_asks_for_the_clause_again() {
        let text = "李云突然醒了";
        let tokens = compact(text, &["李", "云突", "然", "醒", "了"]);
        // None of these tokens is a dictionary word: 云突 was jieba's guess.
        assert!(joined(&tokens, [span(text, "李云")].into_iter(), Pos::ProperNoun, |_| false).is_none());
    }
}
