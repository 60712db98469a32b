//! Which entries an export carries: a reviewer asks for one status, only entries with an
//! English equivalent (what a CAT term base can use), a minimum score, or the rejected entries
//! too (left out unless asked for).

use crate::graph::{Concept, Status, TermGraph};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Filter {
    /// Only entries of this review status.
    pub status: Option<Status>,
    /// Only entries with at least one English equivalent.
    pub with_english: bool,
    /// Only entries scoring at least this much. An entry a reviewer added has no score and is
    /// kept: the threshold is about the machine's confidence, and a person vouched for it.
    pub min_score: Option<f64>,
    /// Rejected entries too (`status: Some(Rejected)` asks for them alone).
    pub rejected: bool,
}

impl Filter {
    fn keeps(&self, concept: &Concept<'_>) -> bool {
        let zh = concept.zh;
        self.status.is_none_or(|status| zh.status == status)
            && (!self.with_english || !concept.en.is_empty())
            && self.min_score.is_none_or(|min| zh.scores.is_none_or(|s| s.total >= min))
    }

    /// The graph without the entries the filter leaves out (their terms and edges go; the
    /// rest, English terms and evidence included, is kept as it is).
    pub fn apply(&self, graph: &TermGraph) -> TermGraph {
        let with_rejected = self.rejected || self.status == Some(Status::Rejected);
        let all = TermGraph { with_rejected, ..graph.clone() };
        if *self == Filter::default() {
            return all;
        }
        let concepts = all.concepts();
        let listed: HashSet<_> = concepts.iter().map(|c| c.node).collect();
        let kept: HashSet<_> = concepts.iter().filter(|c| self.keeps(c)).map(|c| c.node).collect();
        let filtered = all.graph.filter_map(
            |node, term| (!listed.contains(&node) || kept.contains(&node)).then(|| term.clone()),
            |_, relation| Some(relation.clone()),
        );
        TermGraph { graph: filtered, evidence: graph.evidence.clone(), with_rejected }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, Relation, Term, TermKind, Translation};
    use crate::mine::Scores;

    /// 保税仓库 (approved, score 3, English), 报关单 (candidate, score 1, English),
    /// 原产地 (candidate, score 2, no English), 关税 (rejected, score 4, English).
    fn graph() -> TermGraph {
        let mut g = TermGraph::default();
        for (rank, (zh, status, score, en)) in [
            ("保税仓库", Status::Approved, 3.0, Some("bonded warehouse")),
            ("报关单", Status::Candidate, 1.0, Some("customs declaration")),
            ("原产地", Status::Candidate, 2.0, None),
            ("关税", Status::Rejected, 4.0, Some("tariff")),
        ]
        .into_iter()
        .enumerate()
        {
            let scores = Scores { total: score, ..Scores::default() };
            let term =
                Term { rank: Some(rank + 1), status, scores: Some(scores), ..Term::new(zh, Lang::Zh, TermKind::Term) };
            let node = g.add_term(term);
            if let Some(en) = en {
                let target = g.add_term(Term::new(en, Lang::En, TermKind::Term));
                g.relate(node, target, Relation::Translation(Translation::aligned(0.5, 1, 0.5, 0.5)));
            }
        }
        g
    }

    fn entries(filter: Filter) -> Vec<String> {
        filter.apply(&graph()).concepts().iter().map(|c| c.zh.text.clone()).collect()
    }

    #[test]
    fn each_filter_keeps_its_entries_and_they_combine() {
        assert_eq!(entries(Filter::default()), ["保税仓库", "报关单", "原产地"]);
        assert_eq!(entries(Filter { status: Some(Status::Approved), ..Filter::default() }), ["保税仓库"]);
        assert_eq!(entries(Filter { with_english: true, ..Filter::default() }), ["保税仓库", "报关单"]);
        assert_eq!(entries(Filter { min_score: Some(2.0), ..Filter::default() }), ["保税仓库", "原产地"]);
        let both = Filter { with_english: true, min_score: Some(2.0), ..Filter::default() };
        assert_eq!(entries(both), ["保税仓库"]);
        let approved = Filter { status: Some(Status::Approved), ..Filter::default() }.apply(&graph());
        assert_eq!(approved.concepts()[0].en[0].0.text, "bonded warehouse", "kept entries keep their English");
    }

    #[test]
    fn rejected_entries_only_on_request() {
        assert_eq!(entries(Filter { rejected: true, ..Filter::default() }), ["保税仓库", "报关单", "原产地", "关税"]);
        assert_eq!(entries(Filter { status: Some(Status::Rejected), ..Filter::default() }), ["关税"]);
        let rejected = Filter { status: Some(Status::Rejected), ..Filter::default() }.apply(&graph());
        assert_eq!(rejected.concepts()[0].zh.status, Status::Rejected);
        assert_eq!(rejected.concepts()[0].en[0].0.text, "tariff");
    }
}
