//! Reviewed entries through a rebuild. A build from the corpus knows nothing of reviews, so
//! three hooks in [`crate::pipeline::build_with_previous`] bring them in:
//! 1. [`rejected_terms`] leave the candidate ranking before terms are selected, so they take
//!    no glossary place and are not listed as candidates;
//! 2. [`anchor_translations`], after term translation: an approved pair is its term's
//!    equivalent, with the sentence pairs that hold both as evidence, and owns its English,
//!    so no other term may take that English as its machine equivalent;
//! 3. [`carry_over`] puts every reviewed entry into the new graph as the reviewer left it:
//!    status, note, English (preferred first), struck English, manual entries. The new build
//!    only adds evidence, contexts and suggestions after the reviewed English.

use super::entry::Indexed;
use crate::align::terms::Equivalent;
use crate::align::SentencePair;
use crate::corpus::Document;
use crate::graph::{Lang, Status, TermGraph};
use crate::mine::Candidate;
use std::collections::{HashMap, HashSet};

/// Chinese terms a reviewer rejected.
pub fn rejected_terms(previous: &TermGraph) -> HashSet<&str> {
    previous
        .graph
        .node_weights()
        .filter(|t| t.lang == Lang::Zh && t.status == Status::Rejected)
        .map(|t| t.text.as_str())
        .collect()
}

/// Sentence pairs kept as evidence of an approved pair (as the term translation keeps).
const MAX_EVIDENCE: usize = 5;

/// Approved pairs as anchors of the term translation: an approved term gets its approved
/// English as equivalent, with the pairs that hold both as evidence (when none does, the
/// machine's own finding stays, as a suggestion); a term whose machine equivalent is the
/// approved English of another term loses it, since the approved pair explains that evidence.
pub fn anchor_translations(
    previous: &TermGraph,
    selected: &[Candidate],
    docs: &[Document],
    pairs: &[SentencePair],
    equivalents: &mut [Option<Equivalent>],
) {
    let approved: HashMap<&str, &str> = previous
        .graph
        .node_weights()
        .filter(|t| t.lang == Lang::Zh && t.status == Status::Approved)
        .filter_map(|t| t.reviewed_english().first().map(|e| (t.text.as_str(), e.as_str())))
        .collect();
    let anchored: HashSet<String> = approved.values().map(|en| en.to_lowercase()).collect();
    for (candidate, equivalent) in selected.iter().zip(equivalents) {
        let found = equivalent.as_ref().map(|e| e.english.to_lowercase());
        match approved.get(candidate.term.as_str()) {
            Some(english) if found.as_deref() != Some(english.to_lowercase().as_str()) => {
                if let Some(anchor) = evidence(candidate, english, docs, pairs) {
                    *equivalent = Some(anchor);
                }
            }
            Some(_) => {}
            None if found.is_some_and(|f| anchored.contains(&f)) => *equivalent = None,
            None => {}
        }
    }
}

/// `english` as the equivalent of `candidate`, scored by Dice over the sentence pairs.
fn evidence(candidate: &Candidate, english: &str, docs: &[Document], pairs: &[SentencePair]) -> Option<Equivalent> {
    let needle = english.to_lowercase();
    let holds_english = |p: &SentencePair| contains_words(&docs[p.doc].en[p.en.clone()].to_lowercase(), &needle);
    let holds_term = |p: &SentencePair| {
        candidate.occurrences.iter().any(|o| o.doc == p.doc && p.zh.start <= o.span.start && o.span.end <= p.zh.end)
    };
    let term_pairs: Vec<usize> = (0..pairs.len()).filter(|&i| holds_term(&pairs[i])).collect();
    let together: Vec<usize> = term_pairs.iter().copied().filter(|&i| holds_english(&pairs[i])).collect();
    if together.is_empty() {
        return None;
    }
    let english_pairs = pairs.iter().filter(|p| holds_english(p)).count();
    let dice = 2.0 * together.len() as f64 / (term_pairs.len() + english_pairs) as f64;
    Some(Equivalent {
        english: english.to_string(),
        score: dice,
        cooccurrences: together.len(),
        dice,
        dictionary: 0.0,
        pairs: together.into_iter().take(MAX_EVIDENCE).collect(),
        variants: Vec::new(),
        abbreviation: None,
    })
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Puts the reviewed entries of `previous` into the freshly built `graph`, in their old order.
pub fn carry_over(previous: &TermGraph, graph: &mut TermGraph) {
    let mut graph = Indexed::new(graph);
    for node in previous.graph.node_indices() {
        let term = &previous.graph[node];
        if term.lang != Lang::Zh || !term.is_reviewed() {
            continue;
        }
        match graph.find(&term.text, Lang::Zh) {
            Some(fresh) => graph.adopt(previous, node, fresh),
            None => {
                // Not mined this time (a manual entry, or a term the new corpus lacks): the
                // entry and its stored evidence stay, outside the new ranking.
                let copy = graph.copy_entry(previous, node);
                graph[copy].rank = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curate::{apply, Edit};
    use crate::graph::{Relation, Term, TermKind, Translation};

    fn entry(g: &mut TermGraph, zh: &str, english: &[&str]) {
        let node = g.add_term(Term { rank: Some(g.graph.node_count() + 1), ..Term::new(zh, Lang::Zh, TermKind::Term) });
        for en in english {
            let target = g.find_or_add(en, Lang::En, TermKind::Term);
            let t =
                Translation { score: 0.5, cooccurrences: 1, dice: 0.5, dictionary: 0.0, method: "alignment".into() };
            g.relate(node, target, Relation::Translation(t));
        }
    }

    fn english(g: &TermGraph, zh: &str) -> Vec<String> {
        let concepts = g.concepts();
        let c = concepts.iter().find(|c| c.zh.text == zh).unwrap();
        c.en.iter().map(|(t, _)| t.text.clone()).collect()
    }

    #[test]
    fn reviewed_entries_keep_their_english_first_and_struck_english_out() {
        let mut old = TermGraph::default();
        entry(&mut old, "保税仓库", &["warehouse"]);
        entry(&mut old, "报关单", &["form"]);
        let edits = [
            Edit {
                zh: "保税仓库".into(),
                english: Some("bonded warehouse".into()),
                status: Some(Status::Approved),
                ..Edit::default()
            },
            Edit { zh: "报关单".into(), status: Some(Status::Rejected), ..Edit::default() },
            Edit { zh: "海关监管".into(), english: Some("customs supervision".into()), ..Edit::default() },
        ];
        apply(&mut old, &edits, "2026-01-02");
        assert_eq!(rejected_terms(&old), HashSet::from(["报关单"]));

        // The new build found "warehouse" again and a new suggestion.
        let mut fresh = TermGraph::default();
        entry(&mut fresh, "保税仓库", &["warehouse", "bonded store"]);
        entry(&mut fresh, "原产地", &["origin"]);
        carry_over(&old, &mut fresh);
        assert_eq!(english(&fresh, "保税仓库"), ["bonded warehouse", "bonded store"]);
        assert_eq!(english(&fresh, "海关监管"), ["customs supervision"]);
        let zh: Vec<_> = fresh.concepts().iter().map(|c| c.zh.text.clone()).collect();
        assert_eq!(zh, ["保税仓库", "原产地", "海关监管"]);
        let rejected = fresh.find("报关单", Lang::Zh).map(|n| fresh.graph[n].status);
        assert_eq!(rejected, Some(Status::Rejected), "the rejection is kept in the store");
    }

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(contains_words("the bonded warehouse, here", "bonded warehouse"));
        assert!(!contains_words("unbonded warehouses", "bonded warehouse"));
    }
}
