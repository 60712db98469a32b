//! The glossary store: `graph.json` in the glossary folder, the term graph as nodes and
//! edges (our own schema, not petgraph's internals, so it stays readable and stable).
//!
//! # Format
//! ```json
//! {"format": "zhterm-graph", "version": 1,
//!  "nodes": [{"text": "上海精神", "lang": "zh", "kind": "term", "status": "candidate", ...}],
//!  "edges": [{"from": 0, "to": 5, "relation": {"type": "translation", "score": 0.9, ...}}]}
//! ```
//! Files are written to a temporary name in the folder and renamed, so a failed write never
//! leaves a half-written glossary.

use crate::error::{Error, Result};
use crate::graph::{Relation, Term, TermGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const GRAPH_FILE: &str = "graph.json";
const FORMAT: &str = "zhterm-graph";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: u32,
    nodes: Vec<Term>,
    edges: Vec<StoredEdge>,
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
    if stored.format != FORMAT || stored.version != VERSION {
        return Err(Error::Invalid(format!(
            "{}: format {} version {} is not {FORMAT} version {VERSION}",
            path.display(),
            stored.format,
            stored.version
        )));
    }
    let mut graph = TermGraph::default();
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
        graph.relate(from, to, edge.relation);
    }
    Ok(graph)
}

/// Loads the graph of a glossary folder.
pub fn load(dir: &Path) -> Result<TermGraph> {
    let path = dir.join(GRAPH_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::NoGlossary { path: dir.to_path_buf(), message: format!("no {GRAPH_FILE}") }
        }
        _ => Error::io(&path, e),
    })?;
    from_json(&text, &path)
}

/// Writes `contents` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let temporary = dir.join(format!(".{name}.tmp{}", std::process::id()));
    std::fs::write(&temporary, contents).map_err(|e| Error::io(&temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::io(path, e)
    })
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

    #[test]
    fn a_missing_store_says_to_build_first() {
        let dir = tempfile::tempdir().unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("zhterm build"), "{err}");
    }

    #[test]
    fn garbage_is_refused_with_its_path() {
        let err = from_json("{", Path::new("x/graph.json")).unwrap_err().to_string();
        assert!(err.starts_with("x/graph.json:"), "{err}");
    }
}
