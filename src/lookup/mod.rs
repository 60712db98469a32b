//! Term look-up in a stored glossary, through its index ([`index`]): exact, then normalised
//! (case, width, dashes, plural), then pinyin (toned or not), then prefix, then fuzzy
//! (strsim) matches over Chinese terms, their short forms, their pinyin and English terms.
//! Only the best kind of match that found anything is returned, best first.

pub mod index;
pub mod keys;

use crate::error::Result;
use crate::export::entry::Entry;
use index::Index;
use keys::{fold_pinyin, normalize};

/// Fuzzy matches below this similarity (normalised Levenshtein, 0..1) are not shown.
const FUZZY_THRESHOLD: f64 = 0.6;
/// Pinyin is letters only, so near misses between unrelated words are likelier: ask more.
const PINYIN_FUZZY_THRESHOLD: f64 = 0.8;
/// Shorter queries would make prefix and fuzzy matches noise.
const MIN_PREFIX_CHARS: usize = 2;
const MIN_PINYIN_LETTERS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Exact,
    Normalized,
    Pinyin,
    Prefix,
    Fuzzy,
}

/// A glossary entry that answers the query, through one of its keys.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: MatchKind,
    pub similarity: f64,
    /// The form of the entry that matched (a term, or its pinyin).
    pub matched: String,
    pub entry: Entry,
}

struct Query {
    text: String,
    normalized: String,
    normalized_chars: usize,
    pinyin: Option<String>,
}

/// Hits for `query` in `index`, best first, at most `limit`.
pub fn lookup(index: &mut Index, query: &str, limit: usize) -> Result<Vec<Hit>> {
    let text = query.trim().to_string();
    let normalized = normalize(&text);
    let q = Query {
        normalized_chars: normalized.chars().count(),
        pinyin: fold_pinyin(&text).filter(|p| p.len() >= MIN_PREFIX_CHARS),
        text,
        normalized,
    };
    if q.text.is_empty() {
        return Ok(Vec::new());
    }
    // (kind, similarity, matched, offset, length, order)
    let mut found: Vec<(MatchKind, f64, String, u64, usize, usize)> = Vec::new();
    let mut best_kind = MatchKind::Fuzzy;
    for (order, line) in index.keys.lines().enumerate() {
        let mut fields = line.split('\t');
        let (Some(offset), Some(length)) = (fields.next(), fields.next()) else { continue };
        let mut best: Option<(MatchKind, f64, &str)> = None;
        while let (Some(tag), Some(text), Some(key)) = (fields.next(), fields.next(), fields.next()) {
            let Some((kind, similarity)) = match_key(&q, tag, text, key, best_kind) else { continue };
            if best.is_none_or(|(k, s, _)| (kind, -similarity) < (k, -s)) {
                best = Some((kind, similarity, text));
            }
        }
        if let Some((kind, similarity, matched)) = best {
            best_kind = best_kind.min(kind);
            let (Ok(offset), Ok(length)) = (offset.parse(), length.parse()) else { continue };
            found.push((kind, similarity, matched.to_string(), offset, length, order));
        }
    }
    found.retain(|f| f.0 == best_kind);
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.5.cmp(&b.5)));
    found.truncate(limit);
    found
        .into_iter()
        .map(|(kind, similarity, matched, offset, length, _)| {
            Ok(Hit { kind, similarity, matched, entry: index.entry(offset, length)? })
        })
        .collect()
}

/// How `key` answers the query; kinds worse than `floor` (already beaten elsewhere) are not
/// computed, which keeps a large glossary's look-up from running fuzzy matching on every key.
fn match_key(q: &Query, tag: &str, text: &str, key: &str, floor: MatchKind) -> Option<(MatchKind, f64)> {
    if tag == "p" {
        let query = q.pinyin.as_deref()?;
        if key == query {
            return Some((MatchKind::Pinyin, 1.0));
        }
        if floor >= MatchKind::Prefix && query.len() >= MIN_PINYIN_LETTERS && key.starts_with(query) {
            return Some((MatchKind::Prefix, query.len() as f64 / key.len() as f64));
        }
        if floor == MatchKind::Fuzzy && query.len() >= MIN_PINYIN_LETTERS {
            return fuzzy(query, query.len(), key, PINYIN_FUZZY_THRESHOLD).map(|s| (MatchKind::Fuzzy, s));
        }
        return None;
    }
    if text == q.text {
        return Some((MatchKind::Exact, 1.0));
    }
    if floor >= MatchKind::Normalized && key == q.normalized {
        return Some((MatchKind::Normalized, 1.0));
    }
    if floor >= MatchKind::Prefix && q.normalized_chars >= MIN_PREFIX_CHARS && key.starts_with(&q.normalized) {
        return Some((MatchKind::Prefix, q.normalized_chars as f64 / key.chars().count() as f64));
    }
    if floor == MatchKind::Fuzzy {
        return fuzzy(&q.normalized, q.normalized_chars, key, FUZZY_THRESHOLD).map(|s| (MatchKind::Fuzzy, s));
    }
    None
}

/// Normalised Levenshtein similarity when it reaches `threshold`. The length difference is a
/// lower bound of the distance, so most keys are ruled out before the real computation.
fn fuzzy(query: &str, query_chars: usize, key: &str, threshold: f64) -> Option<f64> {
    let key_chars = key.chars().count();
    let longest = query_chars.max(key_chars).max(1) as f64;
    if 1.0 - (query_chars.abs_diff(key_chars) as f64) / longest < threshold {
        return None;
    }
    let similarity = strsim::normalized_levenshtein(query, key);
    (similarity >= threshold).then_some(similarity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, Relation, Term, TermGraph, TermKind, Translation};

    fn glossary() -> Index {
        let mut g = TermGraph::default();
        for (rank, (zh, en)) in
            [("快速通道", "fast tracks"), ("数字经济", "digital economy"), ("数字货币", "digital currency")]
                .into_iter()
                .enumerate()
        {
            let a = g.add_term(Term { rank: Some(rank + 1), ..Term::new(zh, Lang::Zh, TermKind::Term) });
            let b = g.add_term(Term::new(en, Lang::En, TermKind::Term));
            let t =
                Translation { score: 1.0, cooccurrences: 1, dice: 1.0, dictionary: 1.0, method: "alignment".into() };
            g.relate(a, b, Relation::Translation(t));
        }
        Index::of(&g).unwrap()
    }

    fn first(index: &mut Index, query: &str) -> Option<(MatchKind, String)> {
        lookup(index, query, 5).unwrap().first().map(|h| (h.kind, h.entry.zh.clone()))
    }

    #[test]
    fn exact_chinese_and_normalised_english() {
        let mut index = glossary();
        let hits = lookup(&mut index, "数字经济", 5).unwrap();
        assert_eq!((hits.len(), hits[0].kind), (1, MatchKind::Exact));
        assert_eq!(first(&mut index, "Fast Track"), Some((MatchKind::Normalized, "快速通道".into())));
    }

    #[test]
    fn pinyin_with_or_without_tones_finds_the_chinese_term() {
        let mut index = glossary();
        for query in ["kuaisu tongdao", "kuàisù tōngdào", "KUAI4SU4TONG1DAO4"] {
            assert_eq!(first(&mut index, query), Some((MatchKind::Pinyin, "快速通道".into())), "{query}");
        }
    }

    #[test]
    fn prefixes_list_every_entry_they_start() {
        let mut index = glossary();
        let hits = lookup(&mut index, "数字", 5).unwrap();
        let terms: Vec<_> = hits.iter().map(|h| (h.kind, h.entry.zh.as_str())).collect();
        assert_eq!(terms, [(MatchKind::Prefix, "数字经济"), (MatchKind::Prefix, "数字货币")]);
        // The shorter key is the closer prefix match.
        assert_eq!(first(&mut index, "shuzi"), Some((MatchKind::Prefix, "数字货币".into())));
    }

    #[test]
    fn fuzzy_finds_near_misses_and_nothing_finds_nothing() {
        let mut index = glossary();
        assert_eq!(first(&mut index, "digital econmy"), Some((MatchKind::Fuzzy, "数字经济".into())));
        assert!(lookup(&mut index, "weather", 5).unwrap().is_empty());
        assert!(lookup(&mut index, "  ", 5).unwrap().is_empty());
    }
}
