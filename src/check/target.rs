//! Finding an English rendering in a target segment, tolerant of what does not change the
//! term: plural and possessive (the lemmas of `align::english`), case, a hyphen for a space
//! or no space at all (e-commerce, e commerce, ecommerce), and one word inserted inside a
//! term of two words or more (Ministry of Public Health for "Ministry of Health"). An
//! acronym (two or more capitals: SCO, SMEs) keeps its case, so "WHO" is not "who".

use crate::align::english;
use crate::corpus::Span;
use crate::lexicon::is_english_function_word;

/// One word of a target, or one hyphen-separated piece of a word, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub span: Span,
    /// Lower case, singular (`english::lemma`).
    pub lemma: String,
    /// The piece with its case, possessive and acronym plural dropped (SMEs → SME).
    pub exact: String,
}

impl Piece {
    fn new(text: &str, span: Span) -> Self {
        Piece { span, lemma: english::lemma(text), exact: exact(text) }
    }

    /// A plural in -ses/-zes/-xes the lemma leaves with its e: processes → process.
    fn lemma_matches(&self, key: &str) -> bool {
        self.lemma == key || self.lemma.strip_suffix('e').is_some_and(|l| l == key && l.ends_with(['s', 'z', 'x']))
    }

    pub fn is_content(&self) -> bool {
        !is_english_function_word(&self.lemma)
    }
}

/// `text` without a possessive, and without the plural s of an acronym.
fn exact(text: &str) -> String {
    let text = text.trim_end_matches("'s").trim_end_matches("’s");
    match text.strip_suffix('s') {
        Some(stem) if stem.chars().count() >= 2 && stem.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) => {
            stem.to_string()
        }
        _ => text.to_string(),
    }
}

/// The pieces of `text`: its words (`english::words`) cut at hyphens.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for word in english::words(text, 0) {
        let whole = &text[word.span.clone()];
        if !whole.contains('-') {
            // The word's own lemma serves: one allocation less per word of every target.
            out.push(Piece { exact: exact(whole), span: word.span, lemma: word.lemma });
            continue;
        }
        let mut start = word.span.start;
        for part in whole.split('-') {
            if !part.is_empty() {
                out.push(Piece::new(part, start..start + part.len()));
            }
            start += part.len() + 1;
        }
    }
    out
}

/// How one piece of a rendering is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Lemma(String),
    Exact(String),
}

impl Key {
    fn matches(&self, piece: &Piece) -> bool {
        match self {
            Key::Lemma(lemma) => piece.lemma_matches(lemma),
            Key::Exact(exact) => piece.exact == *exact,
        }
    }
}

/// A rendering ready to be found in targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    keys: Vec<Key>,
    /// The lemmas run together (ecommerce), for closed and open spellings of one compound;
    /// empty for a rendering with an acronym.
    joined: String,
}

impl Pattern {
    /// `None` for a rendering without a word.
    pub fn new(text: &str) -> Option<Self> {
        let pieces = pieces(text);
        if pieces.is_empty() {
            return None;
        }
        let keys: Vec<Key> = pieces
            .iter()
            .map(|p| {
                let raw = &text[p.span.clone()];
                let capitals = raw.chars().filter(|c| c.is_uppercase()).count();
                if capitals >= 2 && !raw.chars().any(char::is_lowercase) || is_acronym_plural(raw) {
                    Key::Exact(p.exact.clone())
                } else {
                    Key::Lemma(p.lemma.clone())
                }
            })
            .collect();
        let joined = if keys.iter().all(|k| matches!(k, Key::Lemma(_))) {
            pieces.iter().map(|p| p.lemma.as_str()).collect()
        } else {
            String::new()
        };
        Some(Pattern { keys, joined })
    }

    /// Number of pieces (words, hyphen parts) of the rendering.
    pub fn parts(&self) -> usize {
        self.keys.len()
    }

    /// A single acronym (IPM, SMEs): a short form, whatever kind the glossary gave it.
    pub fn is_acronym(&self) -> bool {
        matches!(self.keys[..], [Key::Exact(_)])
    }

    /// Spans (in `text`, whose pieces are `pieces`) where the rendering occurs.
    pub fn find(&self, text: &str, pieces: &[Piece]) -> Vec<Span> {
        let mut found = Vec::new();
        for start in 0..pieces.len() {
            if let Some(end) = self.match_at(text, pieces, start) {
                found.push(pieces[start].span.start..pieces[end].span.end);
            }
        }
        found
    }

    /// The last piece of a match starting at piece `start`, if one does.
    fn match_at(&self, text: &str, pieces: &[Piece], start: usize) -> Option<usize> {
        if let Some(taken) = self.step(0, &pieces[start]) {
            if let Some(end) = self.sequence_from(text, pieces, start, taken) {
                return Some(end);
            }
        }
        if self.joined.is_empty() {
            return None;
        }
        // The same letters cut differently: one text piece for several rendering pieces, or
        // up to three text pieces for one.
        let mut letters = String::new();
        for end in start..pieces.len().min(start + 3) {
            if end > start && !joins(text, &pieces[end - 1], &pieces[end]) {
                break;
            }
            letters.push_str(&pieces[end].lemma);
            if (end > start || self.keys.len() > 1) && letters == self.joined {
                return Some(end);
            }
            if !self.joined.starts_with(&letters) {
                break;
            }
        }
        None
    }

    /// How many of the rendering's keys from `k` on the piece stands for: one, or two run
    /// together (NonProliferation for "non-proliferation").
    fn step(&self, k: usize, piece: &Piece) -> Option<usize> {
        if self.keys[k].matches(piece) {
            return Some(1);
        }
        match (&self.keys[k], self.keys.get(k + 1)) {
            (Key::Lemma(a), Some(Key::Lemma(b))) => {
                let closed = piece.lemma.len() == a.len() + b.len() && piece.lemma.starts_with(a.as_str());
                (closed && piece.lemma_matches(&format!("{a}{b}"))).then_some(2)
            }
            _ => None,
        }
    }

    /// The rendering's keys in order from key `k`, piece `start` on, one content word
    /// allowed between two of them when the rendering has two pieces or more.
    fn sequence_from(&self, text: &str, pieces: &[Piece], start: usize, mut k: usize) -> Option<usize> {
        let mut at = start;
        let mut inserted = false;
        while k < self.keys.len() {
            let next = pieces.get(at + 1)?;
            if joins(text, &pieces[at], next) {
                if let Some(taken) = self.step(k, next) {
                    at += 1;
                    k += taken;
                    continue;
                }
            }
            if k + 1 == self.keys.len() {
                if let Some(head) = self.shared_head(text, pieces, at) {
                    return Some(head);
                }
            }
            let after = pieces.get(at + 2)?;
            let taken = (!inserted && next.is_content() && joins(text, &pieces[at], next) && joins(text, next, after))
                .then(|| self.step(k, after))
                .flatten()?;
            inserted = true;
            at += 2;
            k += taken;
        }
        Some(at)
    }

    /// The rendering's last word as the head of a coordination after piece `at`: "sexual and
    /// reproductive health" holds *sexual health*, "non-governmental, faith-based and
    /// community organizations" *non-governmental organizations*. The words between end in
    /// and/or, at most [`MAX_COORDINATED`] pieces in all, content words but the and/or, with
    /// nothing but commas, spaces and hyphens between them.
    fn shared_head(&self, text: &str, pieces: &[Piece], at: usize) -> Option<usize> {
        let last = self.keys.last()?;
        let mut joined = false;
        for (offset, piece) in pieces.iter().enumerate().skip(at + 1).take(MAX_COORDINATED + 2) {
            let gap = &text[pieces[offset - 1].span.end..piece.span.start];
            if !gap.chars().all(|c| matches!(c, ' ' | '-' | ',' | '\u{a0}')) {
                return None;
            }
            if joined && offset > at + 2 && last.matches(piece) {
                return Some(offset);
            }
            let conjunction = matches!(piece.lemma.as_str(), "and" | "or");
            // The other conjuncts are modifiers: "Court and with the Tribunal" is no
            // coordination of *Criminal Tribunal*.
            if !conjunction && !piece.is_content() {
                return None;
            }
            joined |= conjunction;
        }
        None
    }
}

fn is_acronym_plural(raw: &str) -> bool {
    raw.strip_suffix('s').is_some_and(|s| s.chars().count() >= 2 && s.chars().all(|c| c.is_uppercase()))
}

/// Pieces a coordination may put between a rendering's modifier and its head, the and/or
/// and the other conjuncts together ("and reproductive": 2; ", faith-based and community": 4).
const MAX_COORDINATED: usize = 4;

/// Whether two neighbouring pieces belong to one phrase: nothing but spaces, hyphens or an
/// apostrophe between them (a comma or a bracket ends the phrase).
fn joins(text: &str, a: &Piece, b: &Piece) -> bool {
    text[a.span.end..b.span.start].chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(rendering: &str, text: &str) -> Vec<String> {
        let pattern = Pattern::new(rendering).unwrap();
        pattern.find(text, &pieces(text)).into_iter().map(|s| text[s].to_string()).collect()
    }

    #[test]
    fn inflection_case_and_hyphens_do_not_matter() {
        assert_eq!(found("heat pump", "Two Heat Pumps and a heat-pump's fan."), ["Heat Pumps", "heat-pump's"]);
        assert_eq!(found("cross-border e-commerce", "Cross border ecommerce grew."), ["Cross border ecommerce"]);
        assert_eq!(found("healthcare", "health care and health-care"), ["health care", "health-care"]);
        assert_eq!(found("customs process", "customs processes"), ["customs processes"]);
        assert_eq!(
            found("the Non-Proliferation Treaty", "the NonProliferation Treaty"),
            ["the NonProliferation Treaty"]
        );
    }

    #[test]
    fn acronyms_keep_their_case_and_take_a_plural() {
        assert_eq!(found("WHO", "WHO said who is who; the WHO's view."), ["WHO", "WHO's"]);
        assert_eq!(found("SME", "loans to SMEs"), ["SMEs"]);
    }

    #[test]
    fn one_content_word_may_sit_inside_a_term_but_not_a_comma_or_an_and() {
        assert_eq!(found("ministry of health", "the Ministry of Public Health"), ["Ministry of Public Health"]);
        assert!(found("energy storage", "energy and storage").is_empty());
        assert!(found("energy storage", "energy, storage").is_empty());
        assert!(found("energy storage", "energy grid battery storage").is_empty());
        assert!(found("storage", "a storeroom").is_empty());
    }

    #[test]
    fn a_head_shared_by_coordinated_modifiers_still_renders_the_term() {
        assert_eq!(found("sexual health", "sexual and reproductive health"), ["sexual and reproductive health"]);
        let text = "non-governmental, faith-based and community organizations";
        assert_eq!(found("non-governmental organization", text), [text]);
        assert!(found("sexual health", "sexual and reproductive rights; health").is_empty());
        assert!(found("sexual health", "sexual and health").is_empty(), "a conjunct of its own is needed");
        assert!(found("criminal tribunal", "the Criminal Court and with the Tribunal").is_empty());
    }

    #[test]
    fn piece_spans_slice_the_text() {
        let text = "The cold-chain’s capacity (SMEs).";
        for piece in pieces(text) {
            assert_eq!(english::lemma(&text[piece.span.clone()]), piece.lemma);
        }
        let words: Vec<_> = pieces(text).iter().map(|p| p.exact.clone()).collect();
        assert_eq!(words, ["The", "cold", "chain", "capacity", "SME"]);
    }
}
