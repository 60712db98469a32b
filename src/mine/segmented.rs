//! The words of every body clause, kept once per distinct clause text: a translation memory
//! repeats most of its segments, and a repeated clause has the same words at another offset.

use super::classes::{class_bits, Classes, CLASS_BITS};
use super::{runs, Sentence};
use crate::corpus::Document;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, Token};
use rayon::prelude::*;
use std::hash::{Hash, Hasher};

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
        let seen = BitsSeen::default();
        let distinct =
            texts.first.par_iter().map(|&i| segment(docs, &sentences[i], segmenter, lexicon, &seen)).collect();
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
        let seen = BitsSeen::default();
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
                None => *tokens = segment(docs, sentence, segmenter, lexicon, &seen),
            }
        });
    }

    /// The distinct clause texts, the tokens freed.
    pub fn into_texts(self) -> crate::corpus::Distinct {
        self.texts
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

    /// The word classes of clause `index`, whose tokens are `line` (from [`Segmented::tokens`])
    /// in `text`: those worked out when the clause was segmented, the others when asked.
    pub fn classes<'a>(&self, index: usize, text: &'a str, line: &'a [Token], lexicon: &'a Lexicon) -> Classes<'a> {
        let stored = &self.distinct[self.texts.slot[index]];
        debug_assert_eq!(stored.len(), line.len(), "the clause's own tokens");
        Classes::with_bits(text, line, lexicon, stored.iter().map(|t| t.classes()))
    }
}

/// A token stored relative to its clause in 12 bytes instead of 24: a memory's distinct
/// clauses hold tens of millions of them. Its word classes ([`class_bits`]) fill what would
/// be padding: the run search asks them of every token, in two passes over the corpus, and
/// each was a look-up in the lexicon's cache.
#[derive(Clone, Copy)]
struct Compact {
    start: u32,
    end: u32,
    pos: Pos,
    /// [`class_bits`] and [`CLASSES_KNOWN`], or 0 when not worked out (a token joined
    /// by [`Segmented::teach`]).
    classes: u16,
}

/// The bit of [`Compact::classes`] that says the classes are there.
const CLASSES_KNOWN: u16 = 1 << 15;
const _: () = assert!(CLASS_BITS < 15, "the class bits and the known bit fit in 16 bits");

impl Compact {
    fn at(self, clause_start: usize) -> Token {
        Token { span: clause_start + self.start as usize..clause_start + self.end as usize, pos: self.pos }
    }

    fn classes(self) -> Option<u16> {
        (self.classes & CLASSES_KNOWN != 0).then_some(self.classes & !CLASSES_KNOWN)
    }
}

/// Each thread's [`class_bits`] of the words and tags it has met: a corpus repeats its words,
/// and a word's classes are several look-ups in the lexicon. Kept while segmenting only. The
/// word is kept in the entry itself ([`InlineWord`]): a look-up reads one place in memory,
/// where a boxed word was a second, and most of the tokens of a large memory are looked up.
type BitsSeen = thread_local::ThreadLocal<std::cell::RefCell<hashbrown::HashTable<(InlineWord, Pos, u16)>>>;

/// A word of at most 23 bytes (seven Chinese characters) and its length in the last byte.
type InlineWord = [u8; 24];

fn inline_word(word: &str) -> Option<InlineWord> {
    let bytes = word.as_bytes();
    if bytes.len() >= 24 {
        return None;
    }
    let mut inline = [0u8; 24];
    inline[..bytes.len()].copy_from_slice(bytes);
    inline[23] = bytes.len() as u8;
    Some(inline)
}

/// [`class_bits`] of `word` tagged `pos`, from this thread's table when met before (a longer
/// word, rare, is worked out each time).
fn bits_of(seen: &BitsSeen, word: &str, pos: Pos, lexicon: &Lexicon) -> u16 {
    let Some(inline) = inline_word(word) else { return class_bits(word, pos, lexicon) };
    let hash_of = |inline: &InlineWord, pos: Pos| {
        let mut hasher = rustc_hash::FxHasher::default();
        for chunk in inline.chunks_exact(8) {
            hasher.write_u64(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        pos.hash(&mut hasher);
        hasher.finish()
    };
    let hash = hash_of(&inline, pos);
    let mut table = seen.get_or_default().borrow_mut();
    if let Some(&(_, _, bits)) = table.find(hash, |(w, p, _)| *w == inline && *p == pos) {
        return bits;
    }
    let bits = class_bits(word, pos, lexicon);
    table.insert_unique(hash, (inline, pos, bits), |(w, p, _)| hash_of(w, *p));
    bits
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
            out.push(Compact { start, end, pos, classes: 0 });
            next = last + 1;
        } else if !(cut_first && whole(first) || cut_last && whole(&tokens[last])) {
            return None;
        }
    }
    out.extend_from_slice(&tokens[next..]);
    Some(out.into_boxed_slice())
}

/// Tokens of one clause, prepared for the run rules, spans relative to the clause start.
fn segment(
    docs: &[Document],
    sentence: &Sentence,
    segmenter: &Segmenter,
    lexicon: &Lexicon,
    seen: &BitsSeen,
) -> Box<[Compact]> {
    let text = &docs[sentence.doc].zh;
    let start = sentence.span.start;
    let tokens = runs::prepare(text, segmenter.tokens(&text[sentence.span.clone()], start), segmenter, lexicon);
    // Offsets are within one clause; a single clause of 4 GB (one unpunctuated line) is far
    // beyond what mining could hold anyway, so clamping instead of failing is moot.
    let relative = |offset: usize| u32::try_from(offset - start).unwrap_or(u32::MAX);
    tokens
        .into_iter()
        .map(|t| Compact {
            start: relative(t.span.start),
            end: relative(t.span.end),
            pos: t.pos,
            classes: bits_of(seen, &text[t.span.clone()], t.pos, lexicon) | CLASSES_KNOWN,
        })
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
                Compact { start: (at - word.len()) as u32, end: at as u32, pos: Pos::Other, classes: 0 }
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

    /// Every class `classes` gives token `i`.
    fn answers(classes: &Classes, i: usize) -> [bool; CLASS_BITS] {
        [
            classes.can_start(i),
            classes.can_head(i),
            classes.predicate(i),
            classes.attributive_adverb(i),
            classes.content(i),
            classes.breaks_term(i),
            classes.negating_prefix(i),
            classes.coordinator(i),
            classes.all_han(i),
            classes.locative_phrase(i),
            classes.known(i),
            classes.name(i),
        ]
    }

    #[test]
    fn a_word_kept_inline_is_told_from_every_other_and_a_long_one_is_not_kept() {
        let words = ["剪力", "剪力\0", "剪力墙结构", "钢筋混凝土结构", "a", ""];
        let kept: Vec<InlineWord> = words.iter().map(|w| inline_word(w).expect("short enough")).collect();
        for (i, a) in kept.iter().enumerate() {
            assert!(kept[i + 1..].iter().all(|b| a != b), "{}", words[i]);
        }
        assert!(inline_word("钢筋混凝土剪力墙").is_none(), "eight characters, 24 bytes");
        // Worked out each time instead, the same as when kept.
        let (lexicon, seen) = (Lexicon::new(), BitsSeen::default());
        let long = "钢筋混凝土剪力墙结构设计";
        assert_eq!(bits_of(&seen, long, Pos::ProperNoun, &lexicon), class_bits(long, Pos::ProperNoun, &lexicon));
        assert_eq!(bits_of(&seen, "组织", Pos::Noun, &lexicon), class_bits("组织", Pos::Noun, &lexicon));
        assert_eq!(bits_of(&seen, "组织", Pos::Noun, &lexicon), class_bits("组织", Pos::Noun, &lexicon), "kept");
    }

    #[test]
    fn classes_worked_out_when_segmenting_are_those_worked_out_when_asked() {
        use crate::corpus::{normalize::normalize_zh, InputKind};
        let text = "反不正当竞争法和特别委员会应当通过7个国家的可持续发展。王小明来到东山书院，\
                    床上有关于合作的书。王小明来到东山书院，淡淡一笑。";
        let docs = vec![Document::monolingual("t".into(), InputKind::Plain, normalize_zh(text, false))];
        let (mut segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let sentences = crate::mine::clauses::body_sentences(&docs);
        let mut segmented = Segmented::new(&docs, &sentences, &segmenter, &lexicon);
        let zh = &docs[0].zh;
        // The classes of every token, stored and asked; how many were stored.
        let compare = |segmented: &Segmented| {
            let mut stored_tokens = 0;
            for (i, sentence) in sentences.iter().enumerate() {
                let line = segmented.tokens(i, sentence);
                let (stored, asked) = (segmented.classes(i, zh, &line, &lexicon), Classes::new(zh, &line, &lexicon));
                for t in 0..line.len() {
                    assert_eq!(answers(&stored, t), answers(&asked, t), "{}", &zh[line[t].span.clone()]);
                }
                stored_tokens +=
                    segmented.distinct[segmented.texts.slot[i]].iter().filter(|t| t.classes().is_some()).count();
            }
            stored_tokens
        };
        let tokens: usize = sentences.iter().enumerate().map(|(i, s)| segmented.tokens(i, s).len()).sum();
        assert_eq!(compare(&segmented), tokens, "every token segmented has its classes");
        // A taught word joins its tokens into one whose classes are worked out when asked.
        segmenter.add_word("东山书院", "nz");
        let words = aho_corasick::AhoCorasick::new(["东山书院"]).expect("an automaton");
        segmented.teach(&docs, &sentences, &segmenter, &lexicon, &words, Pos::ProperNoun);
        let joined = sentences.iter().enumerate().flat_map(|(i, s)| segmented.tokens(i, s));
        assert!(joined.into_iter().any(|t| &zh[t.span] == "东山书院"), "the word is taught");
        assert!(compare(&segmented) < tokens);
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
