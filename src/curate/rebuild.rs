//! Reviewed entries through a rebuild. A build from the corpus knows nothing of reviews, so
//! three hooks in [`crate::pipeline::build_with_previous`] bring them in:
//! 1. [`rejected_terms`] leave the candidate ranking before terms are selected, so they take
//!    no glossary place and are not listed as candidates;
//! 2. [`anchor_translations`], after term translation: an approved pair owns its English, so
//!    no other term may take that English as its machine equivalent;
//! 3. [`carry_over`] puts every reviewed entry into the new graph as the reviewer left it:
//!    status, note, English (preferred first), struck English, manual entries. The new build
//!    only adds evidence, contexts and suggestions after the reviewed English.

use super::entry;
use crate::align::terms::Equivalent;
use crate::graph::{Lang, Status, TermGraph};
use crate::mine::Candidate;
use std::collections::HashSet;

/// Chinese terms a reviewer rejected.
pub fn rejected_terms(previous: &TermGraph) -> HashSet<&str> {
    previous
        .graph
        .node_weights()
        .filter(|t| t.lang == Lang::Zh && t.status == Status::Rejected)
        .map(|t| t.text.as_str())
        .collect()
}

/// Drops the machine equivalent of a term when it is the approved English of another term:
/// the sentences that gave the evidence are explained by the approved pair.
pub fn anchor_translations(previous: &TermGraph, selected: &[Candidate], equivalents: &mut [Option<Equivalent>]) {
    let approved: Vec<(&str, &str)> = previous
        .graph
        .node_weights()
        .filter(|t| t.lang == Lang::Zh && t.status == Status::Approved)
        .filter_map(|t| t.reviewed_english().first().map(|e| (t.text.as_str(), e.as_str())))
        .collect();
    let owners: HashSet<&str> = approved.iter().map(|(zh, _)| *zh).collect();
    let anchored: HashSet<String> = approved.iter().map(|(_, en)| en.to_lowercase()).collect();
    for (candidate, equivalent) in selected.iter().zip(equivalents) {
        let taken = equivalent.as_ref().is_some_and(|e| anchored.contains(&e.english.to_lowercase()));
        if taken && !owners.contains(candidate.term.as_str()) {
            *equivalent = None;
        }
    }
}

/// Puts the reviewed entries of `previous` into the freshly built `graph`, in their old order.
pub fn carry_over(previous: &TermGraph, graph: &mut TermGraph) {
    for node in previous.graph.node_indices() {
        let term = &previous.graph[node];
        if term.lang != Lang::Zh || !term.is_reviewed() {
            continue;
        }
        match graph.find(&term.text, Lang::Zh) {
            Some(fresh) => entry::adopt(previous, node, graph, fresh),
            None => {
                // Not mined this time (a manual entry, or a term the new corpus lacks): the
                // entry and its stored evidence stay, outside the new ranking.
                let copy = entry::copy_entry(previous, node, graph);
                graph.graph[copy].rank = None;
            }
        }
    }
}
