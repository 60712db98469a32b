//! Moving entries between graphs (rebuilds, merges) and keeping an entry's edges in line
//! with its review.

use crate::graph::{Lang, Relation, Review, TermGraph, TermKind, Translation};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

/// `Translation::method` of English a reviewer wrote and no build has found.
pub const REVIEWER_METHOD: &str = "reviewer";

/// Gives `node` the review and makes its edges agree with it: an edge to every reviewed
/// English term (with the evidence `source` holds for it, if any), none to a struck one.
pub fn set_review(graph: &mut TermGraph, node: NodeIndex, review: Review, source: Option<(&TermGraph, NodeIndex)>) {
    for english in &review.english {
        if english_edge(graph, node, english).is_some() {
            continue;
        }
        let relation =
            source.and_then(|(g, n)| english_edge(g, n, english).map(|e| g.graph[e].clone())).unwrap_or_else(|| {
                Relation::Translation(Translation {
                    score: 0.0,
                    cooccurrences: 0,
                    dice: 0.0,
                    dictionary: 0.0,
                    method: REVIEWER_METHOD.into(),
                })
            });
        let kind = if matches!(relation, Relation::Abbreviation) { TermKind::Abbreviation } else { TermKind::Term };
        let target = graph.find_or_add(english, Lang::En, kind);
        graph.relate(node, target, relation);
    }
    for struck in &review.rejected_english {
        while let Some(edge) = english_edge(graph, node, struck) {
            graph.graph.remove_edge(edge);
        }
    }
    graph.graph[node].review = Some(review);
}

/// The edge that gives `node` the English term `text`.
fn english_edge(graph: &TermGraph, node: NodeIndex, text: &str) -> Option<EdgeIndex> {
    graph
        .graph
        .edges_directed(node, Direction::Outgoing)
        .find(|e| {
            let target = &graph.graph[e.target()];
            matches!(e.weight(), Relation::Translation(_) | Relation::Abbreviation)
                && target.lang == Lang::En
                && target.text == text
        })
        .map(|e| e.id())
}

/// Links a Chinese short form to the entry `node`.
pub fn add_short_form(graph: &mut TermGraph, node: NodeIndex, text: &str) {
    let short = graph.find_or_add(text, Lang::Zh, TermKind::Abbreviation);
    if graph.graph.find_edge(node, short).is_none() {
        graph.relate(node, short, Relation::Abbreviation);
    }
}

/// Makes the entry `into_node` take the reviewer's decisions of `from_node`: status, note,
/// review, short forms; its machine evidence stays.
pub fn adopt(from: &TermGraph, from_node: NodeIndex, into: &mut TermGraph, into_node: NodeIndex) {
    let reviewed = &from.graph[from_node];
    let term = &mut into.graph[into_node];
    term.status = reviewed.status;
    term.note = reviewed.note.clone();
    let review = reviewed.review.clone().unwrap_or_default();
    set_review(into, into_node, review, Some((from, from_node)));
    for edge in from.graph.edges_directed(from_node, Direction::Outgoing) {
        let target = &from.graph[edge.target()];
        if matches!(edge.weight(), Relation::Abbreviation) && target.lang == Lang::Zh {
            add_short_form(into, into_node, &target.text);
        }
    }
}

/// Copies the entry `node` of `from` into `into` — its term (replacing a same-text Chinese
/// node's fields), its English and short forms with their evidence, and its nesting edges
/// to terms `into` already has. Returns the entry's node in `into`.
pub fn copy_entry(from: &TermGraph, node: NodeIndex, into: &mut TermGraph) -> NodeIndex {
    let term = &from.graph[node];
    let copy = match into.find(&term.text, Lang::Zh) {
        Some(existing) => {
            into.graph[existing] = term.clone();
            existing
        }
        None => into.add_term(term.clone()),
    };
    for edge in from.graph.edges_directed(node, Direction::Outgoing) {
        let target = &from.graph[edge.target()];
        let other = match edge.weight() {
            Relation::Contains => into.find(&target.text, target.lang),
            _ => Some(into.find(&target.text, target.lang).unwrap_or_else(|| into.add_term(target.clone()))),
        };
        if let Some(other) = other.filter(|&o| into.graph.find_edge(copy, o).is_none()) {
            into.relate(copy, other, edge.weight().clone());
        }
    }
    for edge in from.graph.edges_directed(node, Direction::Incoming) {
        let source = &from.graph[edge.source()];
        let other = into.find(&source.text, source.lang);
        if let (Relation::Contains, Some(other)) = (edge.weight(), other) {
            if into.graph.find_edge(other, copy).is_none() {
                into.relate(other, copy, Relation::Contains);
            }
        }
    }
    copy
}
