//! Candidates as runs of tokens inside a clause, cut by Chinese word-formation rules: no
//! candidate starts with a predicate or holds a particle, a number or a one-character verb;
//! the last word heads a noun phrase (not a verb+于 word such as 致力于, whatever its tag).

use crate::corpus::{is_han, Span};
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Token};

/// Longest candidate built from tokens, in tokens and in characters.
const MAX_TOKENS: usize = 7;
const MAX_CHARS: usize = 18;

/// One place a token run may be a term: its span, its words, and the tokens on either side.
pub struct Run<'t> {
    pub span: Span,
    /// Token index range in the line.
    pub tokens: std::ops::Range<usize>,
    pub before: Option<&'t Token>,
    pub after: Option<&'t Token>,
}

/// Bound prefixes of Chinese word formation (去极端化, 逆全球化, 非歧视) that jieba splits
/// off as verbs: joined to the word they attach to.
pub fn merge_bound_prefixes(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    const PREFIXES: &[&str] = &["去", "逆", "反", "非", "泛", "超", "跨"];
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if let Some(previous) = out.last_mut() {
            let word = &text[token.span.clone()];
            let attaches = PREFIXES.contains(&&text[previous.span.clone()])
                && previous.span.end == token.span.start
                && (word.ends_with('化') || word.ends_with("主义") || word.ends_with("歧视"));
            if attaches {
                previous.span.end = token.span.end;
                previous.pos = Pos::Noun;
                continue;
            }
        }
        out.push(token);
    }
    out
}

/// Token runs of a line that may be terms.
pub fn token_runs<'t>(text: &str, tokens: &'t [Token], lexicon: &Lexicon) -> Vec<Run<'t>> {
    let mut found = Vec::new();
    let word = |i: usize| &text[tokens[i].span.clone()];
    for start in 0..tokens.len() {
        if !can_start(word(start), tokens[start].pos, lexicon) {
            continue;
        }
        let mut chars = 0;
        for end in start..tokens.len().min(start + MAX_TOKENS) {
            let gap = end > start && tokens[end - 1].span.end != tokens[end].span.start;
            if gap || breaks_term(word(end), tokens[end].pos) {
                break;
            }
            chars += word(end).chars().count();
            if chars > MAX_CHARS {
                break;
            }
            if chars >= 2 && can_head(word(end), tokens[end].pos, lexicon) {
                found.push(Run {
                    span: tokens[start].span.start..tokens[end].span.end,
                    tokens: start..end + 1,
                    before: start.checked_sub(1).map(|i| &tokens[i]),
                    after: tokens.get(end + 1),
                });
            }
        }
    }
    found
}

/// Words that end a run: punctuation, grammatical words, numbers and measure words.
pub fn breaks_run(word: &str, pos: Pos) -> bool {
    pos.is_function()
        || matches!(pos, Pos::Numeral | Pos::Classifier | Pos::Time)
        || !word.chars().any(|c| is_han(c) || c.is_ascii_alphabetic())
}

/// Inside a term: no one-character verb or adverb (是, 有, 将, 也), which link clauses rather
/// than name things. Longer verbs may modify a head (药品注册管理办法) and stay.
fn breaks_term(word: &str, pos: Pos) -> bool {
    breaks_run(word, pos) || (matches!(pos, Pos::Verb | Pos::Adverb) && word.chars().count() == 1)
}

/// No term starts with a predicate, an adverb, a locative or an idiom. A word jieba tags as
/// a verb starts a term only when CC-CEDICT gives a non-verbal sense first (发展
/// "development"), not when it is a verb with a noun sense further down (支持, 联合); a
/// verbal noun only when CC-CEDICT knows it as something besides a verb (抗击 is not).
fn can_start(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    let entry = lexicon.entry(word);
    let first_nominal = entry.senses.first().is_some_and(|s| !s.starts_with("to "));
    !breaks_term(word, pos)
        && !matches!(pos, Pos::Adverb | Pos::Locative | Pos::Idiom)
        && (pos != Pos::Verb || first_nominal)
        && (pos != Pos::VerbalNoun || !entry.is_known() || entry.has_nominal_sense())
}

/// The last word must be able to head a noun phrase: a nominal tag, or a word jieba tags
/// otherwise that CC-CEDICT also knows as a noun (组织 "organization", 通道 "channel").
/// Verb+于 words (致力于, 有利于) govern an object whatever their tag.
fn can_head(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    if word.chars().count() >= 2 && word.ends_with(['于', '於']) {
        return false;
    }
    match pos {
        _ if pos.is_nominal() => true,
        Pos::Verb => word.chars().count() >= 2 && lexicon.entry(word).has_nominal_sense(),
        Pos::Other => {
            let entry = lexicon.entry(word);
            word.chars().count() >= 2 && (!entry.is_known() || entry.has_nominal_sense())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn runs(text: &str) -> Vec<String> {
        let tokens = merge_bound_prefixes(text, Segmenter::new().tokens(text, 0));
        token_runs(text, &tokens, &Lexicon::new()).into_iter().map(|r| text[r.span].to_string()).collect()
    }

    #[test]
    fn run_spans_slice_to_their_words() {
        let text = "推动药品注册管理办法修订";
        let tokens = Segmenter::new().tokens(text, 0);
        for run in token_runs(text, &tokens, &Lexicon::new()) {
            let words: String = tokens[run.tokens.clone()].iter().map(|t| &text[t.span.clone()]).collect();
            assert_eq!(&text[run.span.clone()], words);
        }
    }

    #[test]
    fn runs_start_after_predicates_and_stop_at_particles() {
        let found = runs("我们要推动医疗器械监管的改革。");
        assert!(found.iter().any(|t| t == "医疗器械监管"), "{found:?}");
        assert!(!found.iter().any(|t| t.starts_with("推动") || t.contains('的')), "{found:?}");
    }

    #[test]
    fn predicates_start_no_term() {
        let found = runs("各国支持能源转型，抗击洪涝灾害。");
        assert!(found.iter().any(|t| t == "能源转型"), "{found:?}");
        assert!(!found.iter().any(|t| t.starts_with("支持") || t.starts_with("抗击")), "{found:?}");
    }

    #[test]
    fn verb_plus_yu_words_do_not_head_terms() {
        let found = runs("本公司致力于新能源汽车研发。");
        assert!(!found.iter().any(|t| t.ends_with("致力于")), "{found:?}");
        assert!(found.iter().any(|t| t == "新能源汽车"), "{found:?}");
    }

    #[test]
    fn bound_prefixes_join_their_word() {
        let text = "开展去极端化合作";
        let tokens = merge_bound_prefixes(text, Segmenter::new().tokens(text, 0));
        assert!(tokens.iter().any(|t| &text[t.span.clone()] == "去极端化"));
    }

    #[test]
    fn modifying_verbs_with_nominal_senses_stay_inside() {
        assert!(runs("修订药品注册管理办法。").iter().any(|t| t == "药品注册管理办法"));
    }
}
