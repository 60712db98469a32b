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
    use crate::graph::{EvidencePair, Relation, Status, TermKind, Translation};

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

    /// A glossary of one machine entry per (Chinese, English, sentence pairs), each pair
    /// text added to the table under its next id.
    fn with_evidence(entries: &[(&str, &str, &[&str])]) -> TermGraph {
        let mut g = TermGraph::default();
        for (rank, (zh, en, pairs)) in entries.iter().enumerate() {
            let node = g.add_term(Term { rank: Some(rank + 1), ..Term::new(*zh, Lang::Zh, TermKind::Term) });
            let target = g.find_or_add(en, Lang::En, TermKind::Term);
            let pairs = pairs
                .iter()
                .map(|text| {
                    g.evidence.add(EvidencePair {
                        id: 0,
                        source: "memory.tsv".into(),
                        zh: format!("{zh}：{text}"),
                        en: format!("{en}: {text}"),
                        zh_span: None,
                        en_span: None,
                    })
                })
                .collect();
            let t = Translation { pairs, ..Translation::aligned(0.5, 2, 0.5, 0.0) };
            g.relate(node, target, Relation::Translation(t));
        }
        g
    }

    /// Each entry's English with the texts of its evidence pairs, through the pair ids.
    fn evidence_of(g: &TermGraph) -> Vec<(String, Vec<String>)> {
        g.concepts()
            .iter()
            .map(|c| {
                let (en, t) = &c.en[0];
                let texts = t.unwrap().pairs.iter().map(|&id| g.evidence.get(id).unwrap().zh.clone()).collect();
                (en.text.clone(), texts)
            })
            .collect()
    }

    #[test]
    fn merged_evidence_pairs_are_renumbered_into_one_table() {
        let first = with_evidence(&[("保税仓库", "bonded warehouse", &["a", "b"])]);
        let second = with_evidence(&[("报关单", "customs declaration", &["c"]), ("原产地", "origin", &["d", "e"])]);
        let (merged, _) = merge(&first, &second);
        assert_eq!(
            evidence_of(&merged),
            [
                ("bonded warehouse".to_string(), vec!["保税仓库：a".to_string(), "保税仓库：b".to_string()]),
                ("customs declaration".to_string(), vec!["报关单：c".to_string()]),
                ("origin".to_string(), vec!["原产地：d".to_string(), "原产地：e".to_string()]),
            ]
        );
        let ids: Vec<usize> = merged.evidence_in_use().iter().map(|p| p.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5], "the first glossary's ids stay, the second's follow");
        let again = crate::store::to_json(&merge(&first, &second).0);
        assert_eq!(crate::store::to_json(&merged), again);
        let (with_itself, _) = merge(&merged, &first);
        assert_eq!(with_itself.evidence_in_use().len(), 5, "a pair both glossaries hold is one pair");
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
