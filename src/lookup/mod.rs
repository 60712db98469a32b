//! Term look-up in a stored glossary, through its index ([`index`]): exact, then normalised
//! (case, width, dashes, plural), then pinyin (toned or not), then prefix, then fuzzy
//! (normalised Levenshtein, as strsim defines it, computed bit-parallel in `distance.rs`)
//! matches over Chinese terms, their short forms, their pinyin and English terms.
//! Only the best kind of match that found anything is returned, best first.

mod distance;
pub mod entry;
pub mod index;
pub mod keys;

use crate::error::Result;
use distance::Pattern;
use entry::Entry;
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
    normalized_pattern: Pattern,
    pinyin: Option<(String, Pattern)>,
}

/// One entry's best match so far.
struct Found {
    kind: MatchKind,
    similarity: f64,
    matched: String,
    offset: u64,
    length: usize,
    order: usize,
}

/// Hits for `query` in `index`, best first, at most `limit`.
///
/// Two passes over the keys: equality and prefix tests are cheap, so they run on every key
/// first; the fuzzy pass, the costly one, runs only when they found nothing.
pub fn lookup(index: &mut Index, query: &str, limit: usize) -> Result<Vec<Hit>> {
    let text = query.trim().to_string();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let normalized = normalize(&text);
    let q = Query {
        normalized_chars: normalized.chars().count(),
        normalized_pattern: Pattern::new(&normalized),
        pinyin: fold_pinyin(&text).filter(|p| p.len() >= MIN_PREFIX_CHARS).map(|p| {
            let pattern = Pattern::new(&p);
            (p, pattern)
        }),
        text,
        normalized,
    };
    let mut found = scan(&index.keys, |tag, text, key| direct_match(&q, tag, text, key));
    if found.is_empty() {
        found = scan(&index.keys, |tag, _, key| fuzzy_match(&q, tag, key));
    }
    let Some(best_kind) = found.iter().map(|f| f.kind).min() else { return Ok(Vec::new()) };
    found.retain(|f| f.kind == best_kind);
    found.sort_by(|a, b| b.similarity.total_cmp(&a.similarity).then(a.order.cmp(&b.order)));
    found.truncate(limit);
    found
        .into_iter()
        .map(|f| {
            Ok(Hit {
                kind: f.kind,
                similarity: f.similarity,
                matched: f.matched,
                entry: index.entry(f.offset, f.length)?,
            })
        })
        .collect()
}

/// Each entry's best key under `matcher(tag, text, normalised)`; see [`index`] for the line
/// layout. Works on bytes in one memchr pass over the separators: the key section is large and
/// every byte of it is read, so it is neither validated as UTF-8 as a whole nor split twice.
fn scan(keys: &[u8], matcher: impl Fn(u8, &[u8], &[u8]) -> Option<(MatchKind, f64)>) -> Vec<Found> {
    let mut found = Vec::new();
    let mut fields: Vec<&[u8]> = Vec::with_capacity(16);
    let mut start = 0;
    let mut order = 0;
    for end in memchr::memchr2_iter(b'\t', b'\n', keys) {
        fields.push(&keys[start..end]);
        start = end + 1;
        if keys[end] == b'\n' {
            if let Some(f) = best_key(&fields, order, &matcher) {
                found.push(f);
            }
            fields.clear();
            order += 1;
        }
    }
    found
}

/// The best match among one index line's fields: OFFSET, LENGTH, then (TAG, TEXT, KEY)s.
fn best_key(
    fields: &[&[u8]],
    order: usize,
    matcher: &impl Fn(u8, &[u8], &[u8]) -> Option<(MatchKind, f64)>,
) -> Option<Found> {
    let [offset, length, keys @ ..] = fields else { return None };
    let mut best: Option<(MatchKind, f64, &[u8])> = None;
    for key in keys.chunks_exact(3) {
        let (tag, text, normalised) = (key[0].first().copied().unwrap_or(0), key[1], key[2]);
        let Some((kind, similarity)) = matcher(tag, text, normalised) else { continue };
        if best.is_none_or(|(k, s, _)| (kind, -similarity) < (k, -s)) {
            best = Some((kind, similarity, if text.is_empty() { normalised } else { text }));
        }
    }
    let (kind, similarity, matched) = best?;
    let number = |field: &[u8]| std::str::from_utf8(field).ok()?.parse::<u64>().ok();
    Some(Found {
        kind,
        similarity,
        matched: String::from_utf8_lossy(matched).into_owned(),
        offset: number(offset)?,
        length: number(length)? as usize,
        order,
    })
}

fn direct_match(q: &Query, tag: u8, text: &[u8], key: &[u8]) -> Option<(MatchKind, f64)> {
    if tag == b'p' {
        let (query, _) = q.pinyin.as_ref()?;
        if key == query.as_bytes() {
            return Some((MatchKind::Pinyin, 1.0));
        }
        return (query.len() >= MIN_PINYIN_LETTERS && key.starts_with(query.as_bytes()))
            .then(|| (MatchKind::Prefix, query.len() as f64 / key.len() as f64));
    }
    let text = if text.is_empty() { key } else { text };
    if text == q.text.as_bytes() {
        return Some((MatchKind::Exact, 1.0));
    }
    if key == q.normalized.as_bytes() {
        return Some((MatchKind::Normalized, 1.0));
    }
    if q.normalized_chars < MIN_PREFIX_CHARS || !key.starts_with(q.normalized.as_bytes()) {
        return None;
    }
    let key_chars = std::str::from_utf8(key).ok()?.chars().count();
    Some((MatchKind::Prefix, q.normalized_chars as f64 / key_chars as f64))
}

fn fuzzy_match(q: &Query, tag: u8, key: &[u8]) -> Option<(MatchKind, f64)> {
    let similarity = if tag == b'p' {
        let (_, pattern) = q.pinyin.as_ref().filter(|(p, _)| p.len() >= MIN_PINYIN_LETTERS)?;
        fuzzy(pattern, key, PINYIN_FUZZY_THRESHOLD)?
    } else {
        fuzzy(&q.normalized_pattern, key, FUZZY_THRESHOLD)?
    };
    Some((MatchKind::Fuzzy, similarity))
}

/// Normalised Levenshtein similarity when it reaches `threshold`. A key of `n` UTF-8 bytes
/// has between n/4 and n characters, and the similarity is at most shorter length / longer
/// length, which rules out most keys before the distance is computed.
fn fuzzy(pattern: &Pattern, key: &[u8], threshold: f64) -> Option<f64> {
    let query_chars = pattern.chars();
    let closest = query_chars.clamp(key.len().div_ceil(4), key.len());
    if (closest.min(query_chars) as f64) < threshold * closest.max(query_chars) as f64 {
        return None;
    }
    let similarity = pattern.similarity(std::str::from_utf8(key).ok()?);
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
            let t = Translation::aligned(1.0, 1, 1.0, 1.0);
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
