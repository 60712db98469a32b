//! Moving entries between graphs (rebuilds, merges) and keeping an entry's edges in line
//! with its review. [`Indexed`] finds terms by text through a map, so importing, carrying or
//! merging many entries stays linear in the size of the glossary.

use crate::graph::{Lang, Relation, Review, Term, TermGraph, TermKind, Translation};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::HashMap;

/// `Translation::method` of English a reviewer wrote and no build has found.
pub const REVIEWER_METHOD: &str = "reviewer";

/// A graph being changed, with its terms indexed by text and language (the first node of a
/// text wins, as in [`TermGraph::find`]).
pub struct Indexed<'g> {
    pub graph: &'g mut TermGraph,
    nodes: HashMap<(String, Lang), NodeIndex>,
}

impl<'g> Indexed<'g> {
    pub fn new(graph: &'g mut TermGraph) -> Self {
        let mut nodes = HashMap::new();
        for node in graph.graph.node_indices() {
            let term = &graph.graph[node];
            nodes.entry((term.text.clone(), term.lang)).or_insert(node);
        }
        Indexed { graph, nodes }
    }

    pub fn find(&self, text: &str, lang: Lang) -> Option<NodeIndex> {
        self.nodes.get(&(text.to_string(), lang)).copied()
    }

    pub fn add(&mut self, term: Term) -> NodeIndex {
        let key = (term.text.clone(), term.lang);
        let node = self.graph.add_term(term);
        *self.nodes.entry(key).or_insert(node)
    }

    fn find_or_add(&mut self, term: &Term) -> NodeIndex {
        self.find(&term.text, term.lang).unwrap_or_else(|| self.add(term.clone()))
    }

    /// Gives `node` the review and makes its edges agree with it: an edge to every reviewed
    /// English term (with the evidence `source` holds for it, if any), none to a struck one.
    pub fn set_review(&mut self, node: NodeIndex, review: Review, source: Option<(&TermGraph, NodeIndex)>) {
        for english in &review.english {
            if english_edge(self.graph, node, english).is_some() {
                continue;
            }
            let relation = source
                .and_then(|(g, n)| english_edge(g, n, english).map(|e| self.carried(g, &g.graph[e])))
                .unwrap_or_else(|| {
                    Relation::Translation(Translation {
                        score: 0.0,
                        cooccurrences: 0,
                        dice: 0.0,
                        dictionary: 0.0,
                        method: REVIEWER_METHOD.into(),
                        pairs: Vec::new(),
                    })
                });
            let kind = if matches!(relation, Relation::Abbreviation) { TermKind::Abbreviation } else { TermKind::Term };
            let target = self.find_or_add(&Term::new(english.clone(), Lang::En, kind));
            self.graph.relate(node, target, relation);
        }
        for struck in &review.rejected_english {
            while let Some(edge) = english_edge(self.graph, node, struck) {
                self.graph.graph.remove_edge(edge);
            }
        }
        self.graph.graph[node].review = Some(review);
    }

    /// Links a Chinese short form to the entry `node`.
    pub fn add_short_form(&mut self, node: NodeIndex, text: &str) {
        let short = self.find_or_add(&Term::new(text, Lang::Zh, TermKind::Abbreviation));
        if self.graph.graph.find_edge(node, short).is_none() {
            self.graph.relate(node, short, Relation::Abbreviation);
        }
    }

    /// Makes the entry `node` take the reviewer's decisions of `from_node`: status, note,
    /// review, short forms; its machine evidence stays.
    pub fn adopt(&mut self, from: &TermGraph, from_node: NodeIndex, node: NodeIndex) {
        let reviewed = &from.graph[from_node];
        let term = &mut self.graph.graph[node];
        term.status = reviewed.status;
        term.note = reviewed.note.clone();
        self.set_review(node, reviewed.review.clone().unwrap_or_default(), Some((from, from_node)));
        for edge in from.graph.edges_directed(from_node, Direction::Outgoing) {
            let target = &from.graph[edge.target()];
            if matches!(edge.weight(), Relation::Abbreviation) && target.lang == Lang::Zh {
                self.add_short_form(node, &target.text);
            }
        }
    }

    /// Copies the entry `node` of `from` — its term (replacing a same-text Chinese node's
    /// fields), its English and short forms with their evidence, and its nesting edges to
    /// terms this graph already has. Returns the entry's node here.
    pub fn copy_entry(&mut self, from: &TermGraph, node: NodeIndex) -> NodeIndex {
        let term = &from.graph[node];
        let copy = match self.find(&term.text, Lang::Zh) {
            Some(existing) => {
                self.graph.graph[existing] = term.clone();
                existing
            }
            None => self.add(term.clone()),
        };
        for edge in from.graph.edges_directed(node, Direction::Outgoing) {
            let target = &from.graph[edge.target()];
            let other = match edge.weight() {
                Relation::Contains => self.find(&target.text, target.lang),
                _ => Some(self.find_or_add(target)),
            };
            if let Some(other) = other.filter(|&o| self.graph.graph.find_edge(copy, o).is_none()) {
                let relation = self.carried(from, edge.weight());
                self.graph.relate(copy, other, relation);
            }
        }
        for edge in from.graph.edges_directed(node, Direction::Incoming) {
            let source = &from.graph[edge.source()];
            if let (Relation::Contains, Some(other)) = (edge.weight(), self.find(&source.text, source.lang)) {
                if self.graph.graph.find_edge(other, copy).is_none() {
                    self.graph.relate(other, copy, Relation::Contains);
                }
            }
        }
        copy
    }

    /// `relation`, an edge of `from`, with the evidence pairs it names added to this graph's
    /// table and named by their ids here.
    fn carried(&mut self, from: &TermGraph, relation: &Relation) -> Relation {
        let mut relation = relation.clone();
        if let Relation::Translation(t) = &mut relation {
            let pairs = t.pairs.iter().filter_map(|&id| from.evidence.get(id));
            t.pairs = pairs.map(|p| self.graph.evidence.add(p.clone())).collect();
        }
        relation
    }
}

impl std::ops::Index<NodeIndex> for Indexed<'_> {
    type Output = Term;
    fn index(&self, node: NodeIndex) -> &Term {
        &self.graph.graph[node]
    }
}

impl std::ops::IndexMut<NodeIndex> for Indexed<'_> {
    fn index_mut(&mut self, node: NodeIndex) -> &mut Term {
        &mut self.graph.graph[node]
    }
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
