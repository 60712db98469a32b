//! Term look-up in a stored glossary: exact, then normalised (case, width, dashes, plural),
//! then fuzzy (strsim) matches over Chinese terms, their short forms and English terms.

use crate::align::english::lemma;
use crate::graph::{Concept, TermGraph};

/// Fuzzy matches below this similarity (normalised Levenshtein, 0..1) are not shown.
const FUZZY_THRESHOLD: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Exact,
    Normalized,
    Fuzzy,
}

/// A concept that answers the query, through one of its terms.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub kind: MatchKind,
    pub similarity: f64,
    /// The term of the concept that matched.
    pub matched: String,
    pub concept: Concept<'a>,
}

/// Hits for `query`, best first: only the best match kind that found anything is returned.
pub fn lookup<'a>(graph: &'a TermGraph, query: &str, limit: usize) -> Vec<Hit<'a>> {
    let concepts = graph.concepts();
    let query_key = normalize(query);
    let mut hits: Vec<Hit<'a>> = Vec::new();
    for concept in concepts {
        let mut best: Option<(MatchKind, f64, String)> = None;
        for term in keys(&concept) {
            let found = if term == query.trim() {
                Some((MatchKind::Exact, 1.0))
            } else {
                let key = normalize(term);
                if key == query_key {
                    Some((MatchKind::Normalized, 1.0))
                } else {
                    let similarity = strsim::normalized_levenshtein(&key, &query_key);
                    (similarity >= FUZZY_THRESHOLD).then_some((MatchKind::Fuzzy, similarity))
                }
            };
            if let Some((kind, similarity)) = found {
                let better = best.as_ref().is_none_or(|(k, s, _)| (kind, -similarity) < (*k, -*s));
                if better {
                    best = Some((kind, similarity, term.to_string()));
                }
            }
        }
        if let Some((kind, similarity, matched)) = best {
            hits.push(Hit { kind, similarity, matched, concept });
        }
    }
    let Some(best_kind) = hits.iter().map(|h| h.kind).min() else {
        return hits;
    };
    hits.retain(|h| h.kind == best_kind);
    hits.sort_by(|a, b| b.similarity.total_cmp(&a.similarity).then(a.concept.id.cmp(&b.concept.id)));
    hits.truncate(limit);
    hits
}

fn keys<'a>(concept: &Concept<'a>) -> Vec<&'a str> {
    std::iter::once(concept.zh.text.as_str())
        .chain(concept.zh_variants.iter().map(|t| t.text.as_str()))
        .chain(concept.en.iter().map(|(t, _)| t.text.as_str()))
        .collect()
}

/// Case- and width-folded, dashes unified, white space collapsed, each English word singular.
pub fn normalize(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '—' | '–' | '－' | '‐' | '‑' => '-',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    folded
        .split_whitespace()
        .map(|w| {
            if w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '\'') {
                lemma(w)
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, Relation, Term, TermKind, Translation};

    fn glossary() -> TermGraph {
        let mut g = TermGraph::default();
        for (rank, (zh, en)) in [("快速通道", "fast tracks"), ("数字经济", "digital economy")].into_iter().enumerate()
        {
            let a = g.add_term(Term { rank: Some(rank + 1), ..Term::new(zh, Lang::Zh, TermKind::Term) });
            let b = g.add_term(Term::new(en, Lang::En, TermKind::Term));
            let t =
                Translation { score: 1.0, cooccurrences: 1, dice: 1.0, dictionary: 1.0, method: "alignment".into() };
            g.relate(a, b, Relation::Translation(t));
        }
        g
    }

    #[test]
    fn exact_chinese_and_normalised_english() {
        let g = glossary();
        let hits = lookup(&g, "数字经济", 5);
        assert_eq!((hits.len(), hits[0].kind), (1, MatchKind::Exact));
        let hits = lookup(&g, "Fast Track", 5);
        assert_eq!(hits[0].kind, MatchKind::Normalized);
        assert_eq!(hits[0].concept.zh.text, "快速通道");
    }

    #[test]
    fn fuzzy_finds_near_misses_and_nothing_finds_nothing() {
        let g = glossary();
        let hits = lookup(&g, "digital economies", 5);
        assert!(!hits.is_empty());
        assert!(lookup(&g, "weather", 5).is_empty());
    }
}
