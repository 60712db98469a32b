//! Merging two glossaries. Entries are matched by their Chinese term. An entry only one side
//! has is taken as it is; where both have it, a reviewed entry wins over a machine one, and
//! two machine entries keep the first glossary's. Two reviewed entries that disagree (status,
//! English, note) are conflicts: the first glossary's decision is kept and the conflict is
//! returned, so the caller can list it.

use super::entry::Indexed;
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
    let mut into = Indexed::new(&mut merged);
    for node in second.graph.node_indices() {
        let theirs = &second.graph[node];
        if theirs.lang != Lang::Zh || !(theirs.is_entry() || theirs.is_reviewed()) {
            continue;
        }
        let Some(ours) = into.find(&theirs.text, Lang::Zh) else {
            into.copy_entry(second, node);
            continue;
        };
        let mine = &into[ours];
        if !mine.is_entry() && !mine.is_reviewed() {
            into.copy_entry(second, node);
        } else if theirs.is_reviewed() && !mine.is_reviewed() {
            into.adopt(second, node, ours);
        } else if theirs.is_reviewed() {
            let (kept, other) = (decision(into.graph, ours), decision(second, node));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curate::{apply, Edit};
    use crate::graph::{Status, TermKind};

    fn glossary(decisions: &[(&str, Option<(Status, &str)>)]) -> TermGraph {
        let mut g = TermGraph::default();
        let mut edits = Vec::new();
        for (rank, (zh, decision)) in decisions.iter().enumerate() {
            g.add_term(Term { rank: Some(rank + 1), ..Term::new(*zh, Lang::Zh, TermKind::Term) });
            if let Some((status, en)) = decision {
                edits.push(Edit {
                    zh: zh.to_string(),
                    english: Some(en.to_string()),
                    status: Some(*status),
                    ..Edit::default()
                });
            }
        }
        apply(&mut g, &edits, "2026-01-02");
        g
    }

    #[test]
    fn reviewed_entries_win_and_disagreements_are_conflicts() {
        let first = glossary(&[("保税仓库", Some((Status::Approved, "bonded warehouse"))), ("报关单", None)]);
        let second = glossary(&[
            ("保税仓库", Some((Status::Rejected, "warehouse"))),
            ("报关单", Some((Status::Approved, "customs declaration"))),
            ("原产地", None),
        ]);
        let (merged, conflicts) = merge(&first, &second);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].zh, "保税仓库");
        assert!(conflicts[0].other.starts_with("rejected [warehouse]"), "{:?}", conflicts[0]);
        let entries: Vec<(String, Status, Vec<String>)> = merged
            .concepts()
            .iter()
            .map(|c| (c.zh.text.clone(), c.zh.status, c.en.iter().map(|(t, _)| t.text.clone()).collect()))
            .collect();
        assert_eq!(
            entries,
            [
                ("保税仓库".into(), Status::Approved, vec!["bonded warehouse".to_string()]),
                ("报关单".into(), Status::Approved, vec!["customs declaration".to_string()]),
                ("原产地".into(), Status::Candidate, vec![]),
            ]
        );
    }
}
