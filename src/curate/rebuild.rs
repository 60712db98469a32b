//! Reviewed entries through a rebuild. A build from the corpus knows nothing of reviews, so
//! three hooks in [`crate::pipeline::build_with_previous`] bring them in:
//! 1. [`rejected_terms`] leave the candidate ranking before terms are selected, so they take
//!    no glossary place and are not listed as candidates;
//! 2. [`anchor_translations`], after term translation: an approved pair is its term's
//!    equivalent, with the sentence pairs that hold both as evidence, and owns its English,
//!    so no other term may take that English as its machine equivalent;
//! 3. [`carry_over`] puts every reviewed entry into the new graph as the reviewer left it:
//!    status, note, English (preferred first), struck English, manual entries. The new build
//!    only adds evidence, contexts and suggestions after the reviewed English.

use super::entry::Indexed;
use crate::align::terms::Equivalent;
use crate::align::SentencePair;
use crate::corpus::Document;
use crate::graph::{Lang, Status, TermGraph};
use crate::mine::Candidate;
use std::collections::{HashMap, HashSet};

/// Chinese terms a reviewer rejected.
pub fn rejected_terms(previous: &TermGraph) -> HashSet<&str> {
    previous
        .graph
        .node_weights()
        .filter(|t| t.lang == Lang::Zh && t.status == Status::Rejected)
        .map(|t| t.text.as_str())
        .collect()
}

/// Sentence pairs kept as evidence of an approved pair (as the term translation keeps).
const MAX_EVIDENCE: usize = 5;

/// Approved pairs as anchors of the term translation: an approved term gets its approved
/// English as equivalent, with the pairs that hold both as evidence (when none does, the
/// machine's own finding stays, as a suggestion); a term whose machine equivalent is the
/// approved English of another term loses it, since the approved pair explains that evidence.
pub fn anchor_translations(
    previous: &TermGraph,
    selected: &[Candidate],
    docs: &[Document],
    pairs: &[SentencePair],
    equivalents: &mut [Option<Equivalent>],
) {
    let approved: HashMap<&str, &str> = previous
        .graph
        .node_weights()
        .filter(|t| t.lang == Lang::Zh && t.status == Status::Approved)
        .filter_map(|t| t.reviewed_english().first().map(|e| (t.text.as_str(), e.as_str())))
        .collect();
    let anchored: HashSet<String> = approved.values().map(|en| en.to_lowercase()).collect();
    // Built when the first approved pair needs its evidence, then shared by all of them.
    let mut index: Option<PairIndex> = None;
    for (candidate, equivalent) in selected.iter().zip(equivalents) {
        let found = equivalent.as_ref().map(|e| e.english.to_lowercase());
        match approved.get(candidate.term.as_str()) {
            Some(english) if found.as_deref() != Some(english.to_lowercase().as_str()) => {
                let index = index.get_or_insert_with(|| PairIndex::new(docs, pairs));
                if let Some(anchor) = evidence(candidate, english, index) {
                    *equivalent = Some(anchor);
                }
            }
            Some(_) => {}
            None if found.is_some_and(|f| anchored.contains(&f)) => *equivalent = None,
            None => {}
        }
    }
}

/// The sentence pairs as the anchoring reads them: found from the Chinese spans they hold,
/// and their English lower-cased once for every approved pair rather than once per pair each.
struct PairIndex<'a> {
    pairs: &'a [SentencePair],
    /// Pair ids by (document, start of the Chinese side).
    by_start: Vec<usize>,
    english: Vec<String>,
}

impl<'a> PairIndex<'a> {
    fn new(docs: &[Document], pairs: &'a [SentencePair]) -> Self {
        let mut by_start: Vec<usize> = (0..pairs.len()).collect();
        by_start.sort_by_key(|&i| (pairs[i].doc, pairs[i].zh.start));
        let english = pairs.iter().map(|p| docs[p.doc].en[p.en.clone()].to_lowercase()).collect();
        PairIndex { pairs, by_start, english }
    }

    /// Ids, ascending, of the pairs whose Chinese side holds an occurrence of `candidate`. The
    /// Chinese sides of a document's pairs do not overlap (each character is in one bead at
    /// most), so the only pair that can hold an occurrence is the last one starting at or
    /// before it.
    fn holding(&self, candidate: &Candidate) -> Vec<usize> {
        let mut ids: Vec<usize> = candidate
            .occurrences
            .iter()
            .filter_map(|o| {
                let after = self
                    .by_start
                    .partition_point(|&i| (self.pairs[i].doc, self.pairs[i].zh.start) <= (o.doc(), o.span().start));
                let id = self.by_start[after.checked_sub(1)?];
                let pair = &self.pairs[id];
                (pair.doc == o.doc() && o.span().end <= pair.zh.end).then_some(id)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// `english` as the equivalent of `candidate`, scored by Dice over the sentence pairs.
fn evidence(candidate: &Candidate, english: &str, index: &PairIndex) -> Option<Equivalent> {
    let needle = english.to_lowercase();
    let holds_english = |i: usize| contains_words(&index.english[i], &needle);
    let term_pairs = index.holding(candidate);
    let together: Vec<usize> = term_pairs.iter().copied().filter(|&i| holds_english(i)).collect();
    if together.is_empty() {
        return None;
    }
    let english_pairs = (0..index.english.len()).filter(|&i| holds_english(i)).count();
    let dice = 2.0 * together.len() as f64 / (term_pairs.len() + english_pairs) as f64;
    Some(Equivalent {
        english: english.to_string(),
        score: dice,
        cooccurrences: together.len(),
        dice,
        dictionary: 0.0,
        pairs: together.into_iter().take(MAX_EVIDENCE).collect(),
        variants: Vec::new(),
        abbreviation: None,
    })
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Puts the reviewed entries of `previous` into the freshly built `graph`, in their old order.
pub fn carry_over(previous: &TermGraph, graph: &mut TermGraph) {
    let mut graph = Indexed::new(graph);
    for node in previous.graph.node_indices() {
        let term = &previous.graph[node];
        if term.lang != Lang::Zh || !term.is_reviewed() {
            continue;
        }
        match graph.find(&term.text, Lang::Zh) {
            Some(fresh) => graph.adopt(previous, node, fresh),
            None => {
                // Not mined this time (a manual entry, or a term the new corpus lacks): the
                // entry and its stored evidence stay, outside the new ranking.
                let copy = graph.copy_entry(previous, node);
                graph[copy].rank = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn pairs_are_found_exactly_where_an_occurrence_of_the_term_is() {
        use crate::corpus::{parse, InputKind};
        let memory = "本协议适用于知识产权许可。\tThis agreement applies to intellectual property licensing.\n\
                      知识产权许可应当以书面形式订立。\tIntellectual property licensing shall be in writing.\n\
                      许可方应当保证其知识产权的有效性。\tThe licensor shall guarantee its intellectual property.\n";
        let story = "The river rose in spring and the village moved its boats.\n\n\
                     春天河水上涨，村里把船移到高处。\n\nThe boats stayed there until the licensing office opened.\n\n\
                     船一直停在那里，直到许可办公室开门。\n";
        let docs = vec![
            parse(std::path::Path::new("m.tsv"), memory, InputKind::Tsv).unwrap(),
            parse(std::path::Path::new("s.txt"), story, InputKind::Bilingual).unwrap(),
        ];
        let build = crate::pipeline::build(&docs, &Default::default());
        // The build drops its candidates' occurrences; mined again, they have them.
        let (mut segmenter, lexicon) = crate::pipeline::dictionaries(&Default::default());
        let candidates = crate::mine::mine(&docs, &mut segmenter, &lexicon);
        let index = PairIndex::new(&docs, &build.pairs);
        assert!(candidates.iter().any(|c| index.holding(c).len() >= 2), "some term is in several pairs");
        for candidate in &candidates {
            let expected: Vec<usize> = (0..build.pairs.len())
                .filter(|&i| {
                    let p = &build.pairs[i];
                    candidate
                        .occurrences
                        .iter()
                        .any(|o| o.doc() == p.doc && p.zh.start <= o.span().start && o.span().end <= p.zh.end)
                })
                .collect();
            assert_eq!(index.holding(candidate), expected, "{}", candidate.term);
        }
    }

    use super::*;
    use crate::curate::{apply, Edit};
    use crate::graph::{Relation, Term, TermKind, Translation};

    fn entry(g: &mut TermGraph, zh: &str, english: &[&str]) {
        let node = g.add_term(Term { rank: Some(g.graph.node_count() + 1), ..Term::new(zh, Lang::Zh, TermKind::Term) });
        for en in english {
            let target = g.find_or_add(en, Lang::En, TermKind::Term);
            let t = Translation::aligned(0.5, 1, 0.5, 0.0);
            g.relate(node, target, Relation::Translation(t));
        }
    }

    fn english(g: &TermGraph, zh: &str) -> Vec<String> {
        let concepts = g.concepts();
        let c = concepts.iter().find(|c| c.zh.text == zh).unwrap();
        c.en.iter().map(|(t, _)| t.text.clone()).collect()
    }

    #[test]
    fn reviewed_entries_keep_their_english_first_and_struck_english_out() {
        let mut old = TermGraph::default();
        entry(&mut old, "保税仓库", &["warehouse"]);
        entry(&mut old, "报关单", &["form"]);
        let edits = [
            Edit {
                zh: "保税仓库".into(),
                english: Some("bonded warehouse".into()),
                status: Some(Status::Approved),
                ..Edit::default()
            },
            Edit { zh: "报关单".into(), status: Some(Status::Rejected), ..Edit::default() },
            Edit { zh: "海关监管".into(), english: Some("customs supervision".into()), ..Edit::default() },
        ];
        apply(&mut old, &edits, "2026-01-02");
        assert_eq!(rejected_terms(&old), HashSet::from(["报关单"]));

        // The new build found "warehouse" again and a new suggestion.
        let mut fresh = TermGraph::default();
        entry(&mut fresh, "保税仓库", &["warehouse", "bonded store"]);
        entry(&mut fresh, "原产地", &["origin"]);
        carry_over(&old, &mut fresh);
        assert_eq!(english(&fresh, "保税仓库"), ["bonded warehouse", "bonded store"]);
        assert_eq!(english(&fresh, "海关监管"), ["customs supervision"]);
        let zh: Vec<_> = fresh.concepts().iter().map(|c| c.zh.text.clone()).collect();
        assert_eq!(zh, ["保税仓库", "原产地", "海关监管"]);
        let rejected = fresh.find("报关单", Lang::Zh).map(|n| fresh.graph[n].status);
        assert_eq!(rejected, Some(Status::Rejected), "the rejection is kept in the store");
    }

    /// `entry`, its translation naming one evidence pair `zh ↔ en` (added to the table).
    fn entry_with_pair(g: &mut TermGraph, zh: &str, en: &str) {
        use petgraph::visit::EdgeRef;
        let id = g.evidence.add(crate::graph::EvidencePair {
            id: 0,
            source: "customs.tsv".into(),
            zh: format!("{zh}。"),
            en: format!("{en}."),
            zh_span: None,
            en_span: None,
        });
        entry(g, zh, &[en]);
        let node = g.find(zh, Lang::Zh).unwrap();
        let edge = g.graph.edges(node).next().unwrap().id();
        if let Relation::Translation(t) = &mut g.graph[edge] {
            t.pairs = vec![id];
        }
    }

    #[test]
    fn carried_entries_keep_their_evidence_under_the_new_tables_ids() {
        let mut old = TermGraph::default();
        entry_with_pair(&mut old, "海关监管", "customs supervision");
        entry_with_pair(&mut old, "保税仓库", "bonded warehouse");
        let approve = |zh: &str| Edit { zh: zh.into(), status: Some(Status::Approved), ..Edit::default() };
        apply(&mut old, &[approve("海关监管"), approve("保税仓库")], "2026-01-02");
        // The new corpus lacks 海关监管; its own pair for 原产地 took id 1.
        let mut fresh = TermGraph::default();
        entry_with_pair(&mut fresh, "原产地", "origin");
        entry(&mut fresh, "保税仓库", &[]);
        carry_over(&old, &mut fresh);
        let texts: Vec<(String, Vec<(usize, String)>)> = fresh
            .concepts()
            .iter()
            .map(|c| {
                let pairs = c.evidence.iter().map(|p| (p.id, p.en.clone())).collect();
                (c.zh.text.clone(), pairs)
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("原产地".to_string(), vec![(1, "origin.".to_string())]),
                ("保税仓库".to_string(), vec![(3, "bonded warehouse.".to_string())]),
                ("海关监管".to_string(), vec![(2, "customs supervision.".to_string())]),
            ]
        );
    }

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(contains_words("the bonded warehouse, here", "bonded warehouse"));
        assert!(!contains_words("unbonded warehouses", "bonded warehouse"));
    }
}
