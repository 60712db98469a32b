//! Merging two glossaries. Entries are matched by their Chinese term. An entry only one side
//! has is taken as it is; where both have it, a reviewed entry wins over a machine one, and
//! two machine entries keep the first glossary's. Two reviewed entries that disagree (status,
//! English, note) are conflicts: the first glossary's decision is kept and the conflict is
//! returned, so the caller can list it.

use super::entry;
use crate::graph::{Lang, Term, TermGraph};
use petgraph::graph::NodeIndex;

/// Two reviewed entries for one Chinese term that say different things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub zh: String,
    /// The decision kept (first glossary) and the one set aside (second), as
    /// `status [English|…] note`.
    pub kept: String,
    pub other: String,
}

/// `first` with the entries of `second` merged in, and the conflicts found.
pub fn merge(first: &TermGraph, second: &TermGraph) -> (TermGraph, Vec<Conflict>) {
    let mut merged = first.clone();
    let mut conflicts = Vec::new();
    for node in second.graph.node_indices() {
        let theirs = &second.graph[node];
        if theirs.lang != Lang::Zh || !(theirs.is_entry() || theirs.is_reviewed()) {
            continue;
        }
        let Some(ours) = merged.find(&theirs.text, Lang::Zh) else {
            entry::copy_entry(second, node, &mut merged);
            continue;
        };
        let mine = &merged.graph[ours];
        if !mine.is_entry() && !mine.is_reviewed() {
            entry::copy_entry(second, node, &mut merged);
        } else if theirs.is_reviewed() && !mine.is_reviewed() {
            entry::adopt(second, node, &mut merged, ours);
        } else if theirs.is_reviewed() {
            let (kept, other) = (decision(&merged, ours), decision(second, node));
            if kept != other {
                conflicts.push(Conflict { zh: theirs.text.clone(), kept, other });
            }
        }
    }
    (merged, conflicts)
}

/// What a reviewer decided about an entry, as one comparable line.
fn decision(graph: &TermGraph, node: NodeIndex) -> String {
    let term: &Term = &graph.graph[node];
    let mut line = format!("{} [{}]", term.status.as_str(), term.reviewed_english().join("|"));
    if let Some(note) = &term.note {
        line.push_str(&format!(" note {note:?}"));
    }
    line
}
