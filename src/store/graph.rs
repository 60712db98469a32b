//! `graph.json`, the term graph as nodes and
//! edges (our own schema, not petgraph's internals, so it stays readable and stable).
//!
//! # Format
//! ```json
//! {"format": "zhterm-graph", "version": 2,
//!  "nodes": [{"text": "漏电保护器", "lang": "zh", "kind": "term", "status": "candidate", ...}],
//!  "edges": [{"from": 0, "to": 5, "relation": {"type": "translation", "score": 0.9, ...,
//!             "pairs": [3, 8]}}],
//!  "pairs": [{"id": 3, "source": "a.txt", "zh": "…", "en": "…",
//!             "zh_span": {"start": 120, "end": 171}, "en_span": {"start": 96, "end": 180}}]}
//! ```
//! `pairs` is the evidence table ([`crate::graph::Evidence`]): the sentence pairs translation
//! edges name by id, each with its document, its two sides and their byte spans in the
//! document's normalised text. Only pairs some edge names are written, ascending by id.
//! Version 1 (no `pairs` table, no `pairs` on edges) is still read.

use crate::error::{Error, Result};
use crate::graph::{Evidence, EvidencePair, Relation, Term, TermGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::path::Path;

const FORMAT: &str = "zhterm-graph";
const VERSION: u32 = 2;
/// Versions this build reads: 1 lacks the evidence table, which serde's defaults fill.
const READS: [u32; 2] = [1, VERSION];

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: u32,
    nodes: Vec<Term>,
    edges: Vec<StoredEdge>,
    #[serde(default)]
    pairs: Vec<EvidencePair>,
}

#[derive(Serialize, Deserialize)]
struct StoredEdge {
    from: usize,
    to: usize,
    relation: Relation,
}

/// The graph as the JSON text `save` writes.
pub fn to_json(graph: &TermGraph) -> String {
    let g = &graph.graph;
    let stored = Stored {
        format: FORMAT.into(),
        version: VERSION,
        nodes: g.node_weights().cloned().collect(),
        edges: g
            .edge_references()
            .map(|e| StoredEdge { from: e.source().index(), to: e.target().index(), relation: e.weight().clone() })
            .collect(),
        pairs: graph.evidence_in_use().into_iter().cloned().collect(),
    };
    let mut text = serde_json::to_string_pretty(&stored).unwrap_or_default();
    text.push('\n');
    text
}

pub fn from_json(text: &str, path: &Path) -> Result<TermGraph> {
    let stored: Stored = serde_json::from_str(text).map_err(|e| Error::Malformed {
        path: path.to_path_buf(),
        line: e.line(),
        message: format!("not a zhterm graph: {e}"),
    })?;
    if stored.format != FORMAT || !READS.contains(&stored.version) {
        return Err(Error::Invalid(format!(
            "{}: format {} version {} is not {FORMAT} version {}",
            path.display(),
            stored.format,
            stored.version,
            READS.map(|v| v.to_string()).join(" or ")
        )));
    }
    let evidence = Evidence::from_pairs(stored.pairs)
        .map_err(|id| Error::Invalid(format!("{}: evidence pair {id} is listed twice", path.display())))?;
    let mut graph = TermGraph { evidence, ..TermGraph::default() };
    let nodes: Vec<_> = stored.nodes.into_iter().map(|n| graph.add_term(n)).collect();
    for edge in stored.edges {
        let (Some(&from), Some(&to)) = (nodes.get(edge.from), nodes.get(edge.to)) else {
            return Err(Error::Invalid(format!(
                "{}: edge {}→{} names a missing node",
                path.display(),
                edge.from,
                edge.to
            )));
        };
        if let Relation::Translation(t) = &edge.relation {
            if let Some(missing) = t.pairs.iter().find(|&&id| graph.evidence.get(id).is_none()) {
                return Err(Error::Invalid(format!(
                    "{}: edge {}→{} names evidence pair {missing}, which the pairs table lacks",
                    path.display(),
                    edge.from,
                    edge.to
                )));
            }
        }
        graph.relate(from, to, edge.relation);
    }
    Ok(graph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, TermKind};

    #[test]
    fn json_round_trip_keeps_nodes_and_edges() {
        let mut g = TermGraph::default();
        let a = g.add_term(Term::new("上海精神", Lang::Zh, TermKind::Term));
        let b = g.add_term(Term::new("Shanghai \"Spirit\"", Lang::En, TermKind::Term));
        g.relate(a, b, Relation::Contains);
        let text = to_json(&g);
        let back = from_json(&text, Path::new("graph.json")).unwrap();
        assert_eq!(to_json(&back), text);
        assert_eq!(back.graph.edge_count(), 1);
    }

    fn pair(zh: &str, en: &str) -> EvidencePair {
        EvidencePair {
            id: 0,
            source: "turbines.tsv".into(),
            zh: zh.into(),
            en: en.into(),
            zh_span: None,
            en_span: None,
        }
    }

    /// 风力发电机 → wind turbine, its edge naming the second of three pairs in the table.
    fn graph_with_evidence() -> TermGraph {
        let mut g = TermGraph::default();
        let unused = g.evidence.add(pair("塔筒很高。", "The tower is tall."));
        let cited = g.evidence.add(pair("风力发电机停了。", "The wind turbine stopped."));
        let also_unused = g.evidence.add(pair("叶片很长。", "The blades are long."));
        assert_eq!((unused, cited, also_unused), (1, 2, 3));
        let zh = g.add_term(Term { rank: Some(1), ..Term::new("风力发电机", Lang::Zh, TermKind::Term) });
        let en = g.add_term(Term::new("wind turbine", Lang::En, TermKind::Term));
        let t =
            crate::graph::Translation { pairs: vec![cited], ..crate::graph::Translation::aligned(0.8, 1, 0.8, 1.0) };
        g.relate(zh, en, Relation::Translation(t));
        g
    }

    #[test]
    fn only_the_evidence_pairs_an_edge_names_are_stored_and_their_ids_stay() {
        let text = to_json(&graph_with_evidence());
        assert!(text.contains("风力发电机停了") && !text.contains("塔筒") && !text.contains("叶片"), "{text}");
        let back = from_json(&text, Path::new("graph.json")).unwrap();
        let ids: Vec<usize> = back.evidence.iter().map(|p| p.id).collect();
        assert_eq!(ids, [2], "the id is kept, not renumbered");
        assert_eq!(to_json(&back), text);
        let concepts = back.concepts();
        assert_eq!(
            concepts[0].evidence.iter().map(|p| p.en.as_str()).collect::<Vec<_>>(),
            ["The wind turbine stopped."]
        );
    }

    #[test]
    fn a_version_1_graph_without_evidence_still_loads() {
        let old = r#"{"format": "zhterm-graph", "version": 1,
            "nodes": [{"text": "风力发电机", "lang": "zh", "kind": "term", "status": "candidate", "frequency": 2, "documents": 1, "rank": 1},
                      {"text": "wind turbine", "lang": "en", "kind": "term", "status": "candidate", "frequency": 2, "documents": 0}],
            "edges": [{"from": 0, "to": 1, "relation": {"type": "translation", "score": 0.8, "cooccurrences": 2,
                       "dice": 0.8, "dictionary": 1.0, "method": "alignment"}}]}"#;
        let g = from_json(old, Path::new("graph.json")).unwrap();
        assert!(g.evidence.is_empty());
        assert_eq!(g.concepts()[0].en[0].1.map(|t| t.pairs.len()), Some(0));
        assert!(to_json(&g).contains("\"version\": 2"), "written in the current version");
    }

    #[test]
    fn an_edge_naming_a_missing_pair_or_a_pair_listed_twice_is_refused() {
        let text = to_json(&graph_with_evidence());
        let missing = text.replace("\"id\": 2", "\"id\": 9");
        let err = from_json(&missing, Path::new("g/graph.json")).unwrap_err().to_string();
        assert!(err.contains("evidence pair 2") && err.starts_with("g/graph.json"), "{err}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let pair = value["pairs"][0].clone();
        let mut twice = value.clone();
        twice["pairs"] = serde_json::Value::Array(vec![pair.clone(), pair]);
        let err = from_json(&twice.to_string(), Path::new("g/graph.json")).unwrap_err().to_string();
        assert!(err.contains("listed twice"), "{err}");
    }

    #[test]
    fn garbage_is_refused_with_its_path() {
        let err = from_json("{", Path::new("x/graph.json")).unwrap_err().to_string();
        assert!(err.starts_with("x/graph.json:"), "{err}");
    }
}
