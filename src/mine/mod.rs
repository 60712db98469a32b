//! Term mining: ranked Chinese term candidates from the corpus.
//!
//! Body lines only (page furniture is skipped) → cues (quotes, titles, bracketed short
//! forms) fed back to the segmenter → token runs inside clauses → candidates whose first and
//! last words may start and head a term → scores with named components ([`score`]).

pub mod cues;
pub mod furniture;
pub mod score;

use crate::corpus::{is_han, Document, Span};
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, Token};
pub use cues::CueKind;
pub use score::Scores;
use std::collections::{BTreeSet, HashMap};

/// Longest candidate built from tokens, in tokens and in characters.
const MAX_TOKENS: usize = 7;
const MAX_CHARS: usize = 18;
/// Quoted expressions up to this length are taught to the segmenter as words.
const MAX_SEGMENTER_WORD_CHARS: usize = 10;

/// Where a candidate occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// Byte span into that document's `zh`.
    pub span: Span,
}

/// A Chinese term candidate with its evidence and scores.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub term: String,
    pub occurrences: Vec<Occurrence>,
    pub frequency: usize,
    pub documents: usize,
    pub cues: BTreeSet<CueKind>,
    /// Short forms defined for this term in the text (上合组织, RCEP).
    pub short_forms: BTreeSet<String>,
    /// Distinct words seen right before and right after it (page/clause edges count as one).
    pub left_variety: usize,
    pub right_variety: usize,
    pub scores: Scores,
}

#[derive(Default)]
struct Tally {
    occurrences: Vec<Occurrence>,
    cues: BTreeSet<CueKind>,
    short_forms: BTreeSet<String>,
    left: BTreeSet<String>,
    right: BTreeSet<String>,
}

/// Mines and ranks candidates, best first. Teaches `segmenter` the cued words it finds.
pub fn mine(docs: &[Document], segmenter: &mut Segmenter, lexicon: &Lexicon) -> Vec<Candidate> {
    let lines = body_lines(docs);
    let mut table: HashMap<String, Tally> = HashMap::new();
    for &(doc, ref span) in &lines {
        let text = &docs[doc].zh;
        for cue in cues::quoted_and_titles(&text[span.clone()]) {
            let cued = &text[span.start + cue.span.start..span.start + cue.span.end];
            table.entry(cued.to_string()).or_default().cues.insert(cue.kind);
            if cue.kind == CueKind::Quoted
                && cued.chars().count() <= MAX_SEGMENTER_WORD_CHARS
                && cued.chars().all(is_han)
            {
                segmenter.add_word(cued, "nz");
            }
        }
    }
    let mut total_tokens = 0usize;
    for &(doc, ref span) in &lines {
        let text = &docs[doc].zh;
        let tokens = merge_bound_prefixes(text, segmenter.tokens(&text[span.clone()], span.start));
        total_tokens += tokens.len();
        let found = token_candidates(text, &tokens, lexicon);
        for (range, left, right) in &found {
            let tally = table.entry(text[range.clone()].to_string()).or_default();
            tally.occurrences.push(Occurrence { doc, span: range.clone() });
            tally.left.insert(left.clone());
            tally.right.insert(right.clone());
        }
        link_short_forms(text, span, &found, &mut table);
    }
    count_cued_occurrences(docs, &lines, &mut table);
    let candidates = table
        .into_iter()
        .filter(|(_, tally)| !tally.occurrences.is_empty())
        .map(|(term, tally)| into_candidate(term, tally))
        .collect();
    score::rank(candidates, segmenter, total_tokens.max(1), docs.len())
}

/// (document, line span) of every line that carries running text.
fn body_lines(docs: &[Document]) -> Vec<(usize, Span)> {
    let mut lines = Vec::new();
    for (index, doc) in docs.iter().enumerate() {
        for block in &doc.zh_blocks {
            if furniture::is_body_line(&doc.zh[block.clone()]) {
                lines.push((index, block.clone()));
            }
        }
    }
    lines
}

/// Bound prefixes of Chinese word formation (去极端化, 逆全球化, 非歧视) that jieba splits
/// off as verbs: joined to the word they attach to.
fn merge_bound_prefixes(text: &str, tokens: Vec<Token>) -> Vec<Token> {
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

/// Token runs of a line that may be terms, with the words on either side.
fn token_candidates(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Vec<(Span, String, String)> {
    let mut found = Vec::new();
    let word = |i: usize| &text[tokens[i].span.clone()];
    let edge = |i: Option<usize>| i.map_or_else(|| "^".to_string(), |i| word(i).to_string());
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
                let span = tokens[start].span.start..tokens[end].span.end;
                let left = edge(start.checked_sub(1));
                let right = edge((end + 1 < tokens.len()).then_some(end + 1));
                found.push((span, left, right));
            }
        }
    }
    found
}

/// Words that end a run: punctuation, grammatical words, numbers and measure words.
fn breaks_run(word: &str, pos: Pos) -> bool {
    pos.is_function()
        || matches!(pos, Pos::Numeral | Pos::Classifier | Pos::Time)
        || !word.chars().any(|c| is_han(c) || c.is_ascii_alphabetic())
}

/// Inside a term: no one-character verb or adverb (是, 有, 将, 也), which link clauses rather
/// than name things. Longer verbs may modify a head (药品注册管理办法) and stay.
fn breaks_term(word: &str, pos: Pos) -> bool {
    breaks_run(word, pos) || (matches!(pos, Pos::Verb | Pos::Adverb) && word.chars().count() == 1)
}

/// No term starts with a predicate: a verb that CC-CEDICT knows only as a verb (推动, 开展).
fn can_start(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
    !breaks_term(word, pos)
        && !matches!(pos, Pos::Adverb | Pos::Locative | Pos::Idiom)
        && (pos != Pos::Verb || lexicon.entry(word).has_nominal_sense())
}

/// The last word must be able to head a noun phrase: a nominal tag, or a word jieba tags
/// otherwise that CC-CEDICT also knows as a noun (组织 "organization", 通道 "channel").
fn can_head(word: &str, pos: Pos, lexicon: &Lexicon) -> bool {
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

/// Records `long（SHORT）` pairs: the long form is the longest candidate ending at the bracket.
fn link_short_forms(text: &str, line: &Span, found: &[(Span, String, String)], table: &mut HashMap<String, Tally>) {
    for form in cues::short_forms(&text[line.clone()]) {
        let long_end = line.start + form.long_end;
        let long = found.iter().filter(|(span, _, _)| span.end == long_end).max_by_key(|(span, _, _)| span.len());
        let Some((long, _, _)) = long else { continue };
        let short = text[line.start + form.short.start..line.start + form.short.end].to_string();
        let tally = table.entry(text[long.clone()].to_string()).or_default();
        tally.cues.insert(CueKind::Defined);
        tally.short_forms.insert(short.clone());
        table.entry(short).or_default().cues.insert(CueKind::Abbreviation);
    }
}

/// Cued terms that no token run produced (titles with 的 inside, abbreviations, quoted
/// expressions starting with a numeral) get their occurrences by string search.
fn count_cued_occurrences(docs: &[Document], lines: &[(usize, Span)], table: &mut HashMap<String, Tally>) {
    for (term, tally) in table.iter_mut() {
        if tally.cues.is_empty() || !tally.occurrences.is_empty() {
            continue;
        }
        for &(doc, ref span) in lines {
            let line = &docs[doc].zh[span.clone()];
            for (at, _) in line.match_indices(term.as_str()) {
                let start = span.start + at;
                tally.occurrences.push(Occurrence { doc, span: start..start + term.len() });
            }
        }
    }
}

fn into_candidate(term: String, mut tally: Tally) -> Candidate {
    tally.occurrences.sort_by_key(|o| (o.doc, o.span.start, o.span.end));
    tally.occurrences.dedup();
    let documents = tally.occurrences.iter().map(|o| o.doc).collect::<BTreeSet<_>>().len();
    Candidate {
        frequency: tally.occurrences.len(),
        documents,
        occurrences: tally.occurrences,
        cues: tally.cues,
        short_forms: tally.short_forms,
        left_variety: tally.left.len(),
        right_variety: tally.right.len(),
        scores: Scores::default(),
        term,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{normalize::normalize_zh, Document, InputKind};

    fn corpus(text: &str) -> Vec<Document> {
        vec![Document::monolingual("t".into(), InputKind::Plain, normalize_zh(text, false))]
    }

    fn mined(text: &str) -> Vec<Candidate> {
        mine(&corpus(text), &mut Segmenter::new(), &Lexicon::new())
    }

    #[test]
    fn every_occurrence_span_slices_to_its_term() {
        let docs = corpus("我们要建设好区域“快速走廊”网络，推动区域全面经济伙伴关系协定（RCEP）早日生效。区域全面经济伙伴关系协定意义重大。");
        let candidates = mine(&docs, &mut Segmenter::new(), &Lexicon::new());
        assert!(!candidates.is_empty());
        for candidate in &candidates {
            for occurrence in &candidate.occurrences {
                assert_eq!(&docs[occurrence.doc].zh[occurrence.span.clone()], candidate.term);
            }
        }
    }

    #[test]
    fn candidates_do_not_start_with_verbs_or_end_in_particles() {
        let candidates = mined("我们要推动数字经济发展。推动数字经济发展的措施。数字经济和实体经济融合发展。");
        assert!(candidates.iter().any(|c| c.term == "数字经济"));
        for candidate in &candidates {
            assert!(!candidate.term.starts_with("推动"), "{}", candidate.term);
            assert!(!candidate.term.ends_with('的'), "{}", candidate.term);
        }
    }

    #[test]
    fn bracketed_abbreviations_link_to_their_long_form() {
        let candidates = mined("各国签署了区域全面经济伙伴关系协定（RCEP），这是重要成果。");
        let long = candidates.iter().find(|c| c.term == "区域全面经济伙伴关系协定").expect("long form mined");
        assert!(long.short_forms.contains("RCEP"));
        assert!(long.cues.contains(&CueKind::Defined));
    }

    #[test]
    fn bound_prefixes_join_their_word() {
        let candidates = mined("开展去极端化合作，反对逆全球化思潮。开展去极端化合作。");
        assert!(
            candidates.iter().any(|c| c.term == "去极端化"),
            "{:?}",
            candidates.iter().map(|c| &c.term).collect::<Vec<_>>()
        );
    }

    #[test]
    fn furniture_lines_yield_no_candidates() {
        let candidates = mined("来源：某某网 2020-12-01 08:34\n1. 【学术交流】某教授应邀参加第十一届论坛\n");
        assert!(candidates.is_empty(), "{:?}", candidates.iter().map(|c| &c.term).collect::<Vec<_>>());
    }
}
