//! [`Classes`]: each token's word classes worked out once per line, or given as the
//! [`class_bits`] worked out when the clause was segmented.

use super::{
    breaks_term, can_head, can_start, is_attributive_adverb, is_content_word, is_locative_phrase, is_name,
    is_predicate, is_speech, COORDINATORS, NEGATING_PREFIXES,
};
use crate::corpus::is_han;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Token};
use std::cell::Cell;

/// The word classes of a line's tokens, each worked out at most once: the run search asks
/// again for every run a token can open, end or continue, and a class is a look-up in a
/// large cache (a few cache misses) or a comparison with a closed list of words.
pub(in crate::mine) struct Classes<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lexicon: &'a Lexicon,
    of_token: Vec<TokenClasses>,
}

/// One token's classes: its characters (the run rules ask it of every token several times),
/// and a bit for each class, set once the class is known.
struct TokenClasses {
    chars: u32,
    known: Cell<u16>,
    value: Cell<u16>,
}

/// The classes [`Classes`] keeps, one bit each.
#[derive(Clone, Copy)]
enum Class {
    Start,
    Head,
    Predicate,
    AttributiveAdverb,
    Content,
    BreaksTerm,
    NegatingPrefix,
    Coordinator,
    AllHan,
    LocativePhrase,
    Known,
    Name,
}

impl Class {
    const ALL: [Class; 12] = [
        Class::Start,
        Class::Head,
        Class::Predicate,
        Class::AttributiveAdverb,
        Class::Content,
        Class::BreaksTerm,
        Class::NegatingPrefix,
        Class::Coordinator,
        Class::AllHan,
        Class::LocativePhrase,
        Class::Known,
        Class::Name,
    ];

    /// Whether `word`, tagged `pos`, is of this class.
    fn test(self, word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
        match self {
            Class::Start => can_start(word, pos, lexicon),
            Class::Head => can_head(word, pos, lexicon),
            Class::Predicate => is_predicate(word, pos, lexicon),
            Class::AttributiveAdverb => is_attributive_adverb(word, pos, lexicon),
            Class::Content => is_content_word(word, pos) && !is_speech(word, pos, lexicon),
            Class::BreaksTerm => breaks_term(word, pos),
            Class::NegatingPrefix => NEGATING_PREFIXES.contains(&word),
            Class::Coordinator => COORDINATORS.contains(&word),
            Class::AllHan => word.chars().all(is_han),
            Class::LocativePhrase => is_locative_phrase(word, lexicon),
            Class::Known => lexicon.class(word).known,
            Class::Name => is_name(word, pos, lexicon),
        }
    }
}

/// Every class of a word at once, a bit each (bit `Class as u16`): what [`Classes`] would
/// work out one by one. A word's classes depend on its string and tag only, so a caller that
/// meets the same words again and again (the segmented clauses of a corpus) works them out
/// once per word and tag.
pub(in crate::mine) fn class_bits(word: &str, pos: Pos, lexicon: &Lexicon) -> u16 {
    Class::ALL.iter().filter(|class| class.test(word, pos, lexicon)).fold(0, |bits, &class| bits | 1 << class as u16)
}

/// How many bits [`class_bits`] uses, the lowest ones.
pub(in crate::mine) const CLASS_BITS: usize = Class::ALL.len();

/// The bits of every class: a token whose [`class_bits`] are given knows them all.
const ALL_CLASSES: u16 = (1 << CLASS_BITS) - 1;

impl<'a> Classes<'a> {
    pub(in crate::mine) fn new(text: &'a str, tokens: &'a [Token], lexicon: &'a Lexicon) -> Self {
        Self::with_bits(text, tokens, lexicon, std::iter::repeat(None))
    }

    /// [`Classes::new`] with the [`class_bits`] of the tokens that have them (in token order;
    /// None for a token whose classes are to be worked out when asked).
    pub(in crate::mine) fn with_bits(
        text: &'a str,
        tokens: &'a [Token],
        lexicon: &'a Lexicon,
        bits: impl Iterator<Item = Option<u16>>,
    ) -> Self {
        let of_token = tokens
            .iter()
            .zip(bits)
            .map(|(t, bits)| TokenClasses {
                chars: text[t.span.clone()].chars().count() as u32,
                known: Cell::new(if bits.is_some() { ALL_CLASSES } else { 0 }),
                value: Cell::new(bits.unwrap_or(0)),
            })
            .collect();
        Classes { text, tokens, lexicon, of_token }
    }

    /// How many characters token `i` has.
    pub(in crate::mine) fn chars(&self, i: usize) -> usize {
        self.of_token[i].chars as usize
    }

    /// `class` of token `i`, worked out the first time it is asked for.
    fn memo(&self, i: usize, class: Class) -> bool {
        let (cell, bit) = (&self.of_token[i], 1u16 << class as u16);
        if cell.known.get() & bit != 0 {
            return cell.value.get() & bit != 0;
        }
        let token = &self.tokens[i];
        let value = class.test(&self.text[token.span.clone()], token.pos, self.lexicon);
        cell.known.set(cell.known.get() | bit);
        cell.value.set(cell.value.get() | if value { bit } else { 0 });
        value
    }

    pub(in crate::mine) fn can_start(&self, i: usize) -> bool {
        self.memo(i, Class::Start)
    }

    pub(in crate::mine) fn can_head(&self, i: usize) -> bool {
        self.memo(i, Class::Head)
    }

    pub(in crate::mine) fn predicate(&self, i: usize) -> bool {
        self.memo(i, Class::Predicate)
    }

    pub(in crate::mine) fn attributive_adverb(&self, i: usize) -> bool {
        self.memo(i, Class::AttributiveAdverb)
    }

    /// [`is_content_word`] of token `i`.
    pub(in crate::mine) fn content(&self, i: usize) -> bool {
        self.memo(i, Class::Content)
    }

    /// [`breaks_term`] of token `i`.
    pub(in crate::mine) fn breaks_term(&self, i: usize) -> bool {
        self.memo(i, Class::BreaksTerm)
    }

    /// Token `i` is one of the [`NEGATING_PREFIXES`].
    pub(in crate::mine) fn negating_prefix(&self, i: usize) -> bool {
        self.memo(i, Class::NegatingPrefix)
    }

    /// Token `i` is one of the [`COORDINATORS`].
    pub(in crate::mine) fn coordinator(&self, i: usize) -> bool {
        self.memo(i, Class::Coordinator)
    }

    /// [`is_locative_phrase`] of token `i`.
    pub(in crate::mine) fn locative_phrase(&self, i: usize) -> bool {
        self.memo(i, Class::LocativePhrase)
    }

    /// [`is_name`] of token `i`.
    pub(in crate::mine) fn name(&self, i: usize) -> bool {
        self.memo(i, Class::Name)
    }

    /// CC-CEDICT lists token `i`.
    pub(in crate::mine) fn known(&self, i: usize) -> bool {
        self.memo(i, Class::Known)
    }

    /// Token `i` is all Chinese characters.
    pub(in crate::mine) fn all_han(&self, i: usize) -> bool {
        self.memo(i, Class::AllHan)
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    #[test]
    fn remembered_classes_are_the_classes() {
        let text = "反不正当竞争法和特别委员会应当通过7个国家的可持续发展、合作与交流";
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let tokens = segmenter.tokens(text, 0);
        let classes = Classes::new(text, &tokens, &lexicon);
        // Asked twice each, in an order that interleaves the classes, so a class answered
        // from another one's bit or remembered wrong shows.
        for _ in 0..2 {
            for (i, t) in tokens.iter().enumerate().rev() {
                let (word, pos) = (&text[t.span.clone()], t.pos);
                assert_eq!(classes.all_han(i), word.chars().all(is_han), "{word}");
                assert_eq!(classes.coordinator(i), COORDINATORS.contains(&word), "{word}");
                assert_eq!(classes.negating_prefix(i), NEGATING_PREFIXES.contains(&word), "{word}");
                assert_eq!(classes.breaks_term(i), breaks_term(word, pos), "{word}");
                assert_eq!(classes.content(i), is_content_word(word, pos), "{word}");
                assert_eq!(classes.attributive_adverb(i), is_attributive_adverb(word, pos, &lexicon), "{word}");
                assert_eq!(classes.predicate(i), is_predicate(word, pos, &lexicon), "{word}");
                assert_eq!(classes.can_head(i), can_head(word, pos, &lexicon), "{word}");
                assert_eq!(classes.can_start(i), can_start(word, pos, &lexicon), "{word}");
                assert_eq!(classes.locative_phrase(i), is_locative_phrase(word, &lexicon), "{word}");
                assert_eq!(classes.chars(i), word.chars().count(), "{word}");
                assert_eq!(is_modal_verb(word), MODAL_VERBS.contains(&word), "{word}");
                assert_eq!(is_coverb(word), COVERBS.contains(&word), "{word}");
            }
        }
        let answers = |i: usize| (0..10).filter(|&c| classes.of_token[i].known.get() & (1 << c) != 0).count();
        assert!((0..tokens.len()).all(|i| answers(i) == 10), "every class remembered");
    }
}
