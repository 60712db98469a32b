//! The term graph for people who would rather look than read: Graphviz DOT
//! (`dot -Tsvg glossary.dot > glossary.svg`) and GraphML (Gephi, yEd, Cytoscape).
//!
//! # Format
//! Nodes are the glossary's Chinese terms and every term they point to (English equivalents,
//! short forms, nested terms), rejected terms left out; node ids are `n` + the store's node
//! index. Edges: `translation` (labelled with its score), `abbreviation`, `contains`.

use super::csv::score;
use super::xml::escape;
use crate::graph::{Lang, Relation, Status, TermGraph};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;
use std::fmt::Write;

struct Shown<'a> {
    nodes: BTreeSet<NodeIndex>,
    edges: Vec<(NodeIndex, NodeIndex, &'a Relation)>,
}

fn shown(graph: &TermGraph) -> Shown<'_> {
    let g = &graph.graph;
    let concepts: BTreeSet<NodeIndex> = graph.concepts().iter().map(|c| c.node).collect();
    let mut nodes = concepts.clone();
    let mut edges = Vec::new();
    for edge in g.edge_references() {
        if concepts.contains(&edge.source()) && g[edge.target()].status != Status::Rejected {
            nodes.insert(edge.target());
            edges.push((edge.source(), edge.target(), edge.weight()));
        }
    }
    Shown { nodes, edges }
}

fn relation_name(relation: &Relation) -> &'static str {
    match relation {
        Relation::Translation(_) => "translation",
        Relation::Abbreviation => "abbreviation",
        Relation::Contains => "contains",
    }
}

/// DOT strings are double-quoted; only `"` and `\` need escaping, and line breaks would end
/// the label.
fn dot_string(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' | '\r' | '\t' => vec![' '],
            c => vec![c],
        })
        .collect()
}

pub fn dot(graph: &TermGraph) -> String {
    let g = &graph.graph;
    let shown = shown(graph);
    let mut out = String::from(
        "digraph zhterm {\n  rankdir=LR;\n  node [shape=box, fontname=\"Noto Sans CJK SC\"];\n  edge [fontname=\"Noto Sans CJK SC\", fontsize=10];\n",
    );
    for &node in &shown.nodes {
        let term = &g[node];
        let style = match term.lang {
            Lang::Zh => "style=filled, fillcolor=\"#fde8c8\"",
            Lang::En => "style=filled, fillcolor=\"#d6e8fa\"",
        };
        let _ = writeln!(out, "  n{} [label=\"{}\", {style}];", node.index(), dot_string(&term.text));
    }
    for (from, to, relation) in &shown.edges {
        let label = match relation {
            Relation::Translation(t) => format!(" [label=\"{}\"]", score(t.score)),
            Relation::Abbreviation => " [label=\"short form\", style=dashed]".to_string(),
            Relation::Contains => " [label=\"contains\", style=dotted]".to_string(),
        };
        let _ = writeln!(out, "  n{} -> n{}{label};", from.index(), to.index());
    }
    out.push_str("}\n");
    out
}

pub fn graphml(graph: &TermGraph) -> String {
    let g = &graph.graph;
    let shown = shown(graph);
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n",
        "  <key id=\"lang\" for=\"node\" attr.name=\"lang\" attr.type=\"string\"/>\n",
        "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        "  <key id=\"status\" for=\"node\" attr.name=\"status\" attr.type=\"string\"/>\n",
        "  <key id=\"frequency\" for=\"node\" attr.name=\"frequency\" attr.type=\"int\"/>\n",
        "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n",
        "  <key id=\"score\" for=\"edge\" attr.name=\"score\" attr.type=\"double\"/>\n",
        "  <graph id=\"zhterm\" edgedefault=\"directed\">\n",
    ));
    for &node in &shown.nodes {
        let t = &g[node];
        let kind = match t.kind {
            crate::graph::TermKind::Term => "term",
            crate::graph::TermKind::Abbreviation => "abbreviation",
        };
        let _ = writeln!(
            out,
            "    <node id=\"n{}\"><data key=\"label\">{}</data><data key=\"lang\">{}</data><data key=\"kind\">{kind}</data><data key=\"status\">{}</data><data key=\"frequency\">{}</data></node>",
            node.index(),
            escape(&t.text),
            t.tag(),
            t.status.as_str(),
            t.frequency
        );
    }
    for (from, to, relation) in &shown.edges {
        let weight = match relation {
            Relation::Translation(t) => format!("<data key=\"score\">{}</data>", score(t.score)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "    <edge source=\"n{}\" target=\"n{}\"><data key=\"relation\">{}</data>{weight}</edge>",
            from.index(),
            to.index(),
            relation_name(relation)
        );
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Term, TermKind};

    #[test]
    fn rejected_terms_and_quotes_do_not_break_the_picture() {
        let mut g = TermGraph::default();
        let a = g.add_term(Term { rank: Some(1), ..Term::new("\"储能\"", Lang::Zh, TermKind::Term) });
        let b = g.add_term(Term { status: Status::Rejected, ..Term::new("storage", Lang::En, TermKind::Term) });
        g.relate(a, b, Relation::Abbreviation);
        let dot = dot(&g);
        assert!(dot.contains("n0 [label=\"\\\"储能\\\"\""), "{dot}");
        assert!(!dot.contains("storage") && !dot.contains("->"));
        assert!(graphml(&g).contains("<data key=\"label\">&quot;储能&quot;</data>"));
    }
}
