//! The glossary as the check sees it: each entry's Chinese forms, the English it accepts
//! (preferred first), its abbreviations and the renderings a reviewer struck, with one
//! Aho-Corasick automaton over every Chinese form.

use super::target::Pattern;
use crate::error::{Error, Result};
use crate::graph::{Concept, Lang, Relation, Status, TermGraph, TermKind};
use aho_corasick::{AhoCorasick, MatchKind};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::path::Path;

/// Which entries a check holds the translation to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusFilter {
    /// Entries a reviewer approved (a professional QA check).
    Approved,
    /// Every entry that is not rejected: machine candidates too.
    All,
}

/// One English rendering of an entry and how it is recognised in a target.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub text: String,
    /// A short form (SCO): accepted, but not counted as a way of rendering the term.
    pub abbreviation: bool,
    pub(super) pattern: Pattern,
}

impl Rendering {
    /// An acronym is a short form even when a reviewer listed it as a variant: using it
    /// after the full form is no inconsistency.
    fn new(text: &str, abbreviation: bool) -> Option<Self> {
        let pattern = Pattern::new(text)?;
        Some(Rendering { text: text.to_string(), abbreviation: abbreviation || pattern.is_acronym(), pattern })
    }
}

/// A glossary entry the check holds translations to.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `c12`, as in the exports.
    pub concept_id: String,
    pub zh: String,
    pub status: Status,
    /// Accepted English, preferred first (full forms before abbreviations).
    pub english: Vec<Rendering>,
    /// English a reviewer struck from the entry: its use is a finding.
    pub rejected: Vec<Rendering>,
}

impl Entry {
    /// The preferred English.
    pub fn expected(&self) -> &str {
        &self.english[0].text
    }
}

/// The entries to check and the automaton that finds their Chinese forms.
#[derive(Debug)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// The filter in force (the one asked for, or the default chosen by [`Glossary::open`]).
    pub filter: StatusFilter,
    /// Entries the filter let in that have no English to check against.
    pub without_english: usize,
    automaton: AhoCorasick,
    /// Entry of each automaton pattern.
    owner: Vec<usize>,
    forms: Vec<String>,
}

impl Glossary {
    /// Reads the glossary folder `dir`. This is the one place the check opens a glossary.
    ///
    /// Without a `filter`, approved entries are checked when the glossary has any, and every
    /// entry otherwise: a freshly built glossary holds only machine candidates, and a check
    /// against nothing would report a clean file.
    pub fn open(dir: &Path, filter: Option<StatusFilter>) -> Result<Glossary> {
        let graph = crate::store::load(dir)?;
        Glossary::from_graph(&graph, filter)
    }

    /// The entries of `graph` that `filter` lets in (see [`Glossary::open`] for `None`).
    pub fn from_graph(graph: &TermGraph, filter: Option<StatusFilter>) -> Result<Glossary> {
        let concepts = graph.concepts();
        let filter = filter.unwrap_or_else(|| {
            if concepts.iter().any(|c| c.zh.status == Status::Approved) {
                StatusFilter::Approved
            } else {
                StatusFilter::All
            }
        });
        let mut entries = Vec::new();
        let mut without_english = 0;
        let mut owner = Vec::new();
        let mut forms: Vec<String> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for concept in &concepts {
            if filter == StatusFilter::Approved && concept.zh.status != Status::Approved {
                continue;
            }
            let Some(entry) = entry(graph, concept) else {
                without_english += 1;
                continue;
            };
            let index = entries.len();
            let chinese = std::iter::once(concept.zh).chain(concept.zh_variants.iter().copied());
            for form in chinese.map(|t| t.text.trim()).filter(|t| !t.is_empty()) {
                // A form two entries share belongs to the first (the better ranked).
                if seen.insert(form.to_string(), index).is_none() {
                    forms.push(form.to_string());
                    owner.push(index);
                }
            }
            entries.push(entry);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
            .map_err(|e| Error::Invalid(format!("cannot index the glossary's Chinese terms: {e}")))?;
        Ok(Glossary { entries, filter, without_english, automaton, owner, forms })
    }

    /// The glossary terms in `text`, longest first where they overlap: (entry, byte span).
    pub fn find_terms(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        self.automaton.find_iter(text).map(|m| (self.owner[m.pattern().as_usize()], m.range())).collect()
    }

    /// Number of Chinese forms (entry terms and their short forms) searched for.
    pub fn forms(&self) -> usize {
        self.forms.len()
    }
}

/// The entry of `concept`, or `None` when it has no English. A reviewed entry accepts the
/// English its reviewer kept (and any abbreviation); the machine's later suggestions are not
/// the reviewer's word. An unreviewed entry accepts all of its English.
fn entry(graph: &TermGraph, concept: &Concept<'_>) -> Option<Entry> {
    let reviewed = concept.zh.reviewed_english();
    let mut english: Vec<Rendering> = Vec::new();
    for (term, _) in &concept.en {
        let abbreviation = term.kind == TermKind::Abbreviation;
        let accepted =
            reviewed.is_empty() || abbreviation || term.status == Status::Approved || reviewed.contains(&term.text);
        if accepted && !english.iter().any(|r| r.text == term.text) {
            english.extend(Rendering::new(&term.text, abbreviation));
        }
    }
    // The preferred English is a full form when the entry has one.
    if let Some(full) = english.iter().position(|r| !r.abbreviation) {
        let preferred = english.remove(full);
        english.insert(0, preferred);
    }
    if english.is_empty() {
        return None;
    }
    let mut struck: Vec<&str> =
        concept.zh.review.iter().flat_map(|r| r.rejected_english.iter().map(String::as_str)).collect();
    // An English term itself marked rejected, still linked to the entry (concepts() hides it).
    for edge in graph.graph.edges(concept.node) {
        let target = &graph.graph[edge.target()];
        let linked = matches!(edge.weight(), Relation::Translation(_) | Relation::Abbreviation);
        if linked && target.lang == Lang::En && target.status == Status::Rejected {
            struck.push(&target.text);
        }
    }
    let mut rejected: Vec<Rendering> = Vec::new();
    for rendering in struck.into_iter().filter_map(|text| Rendering::new(text, false)) {
        // Struck spellings that read alike (sensor, sensors) are one rejected rendering, and
        // English the entry accepts again is not rejected.
        let known = |r: &Rendering| r.pattern == rendering.pattern;
        if !english.iter().any(known) && !rejected.iter().any(known) {
            rejected.push(rendering);
        }
    }
    Some(Entry {
        concept_id: format!("c{}", concept.id),
        zh: concept.zh.text.clone(),
        status: concept.zh.status,
        english,
        rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Review, Term, Translation};

    /// 冷藏车 (candidate) and 集装箱 (approved, "container"; "box" struck) with its short form.
    fn graph(approve: bool) -> TermGraph {
        let mut g = TermGraph::default();
        let truck = g.add_term(Term { rank: Some(1), ..Term::new("冷藏车", Lang::Zh, TermKind::Term) });
        let review =
            Review { english: vec!["container".into()], rejected_english: vec!["box".into()], ..Review::default() };
        let status = if approve { Status::Approved } else { Status::Candidate };
        let container = g.add_term(Term {
            rank: Some(2),
            status,
            review: approve.then_some(review),
            ..Term::new("集装箱", Lang::Zh, TermKind::Term)
        });
        for (zh, en) in [(truck, "refrigerated truck"), (container, "container"), (container, "shipping box")] {
            let node = g.find_or_add(en, Lang::En, TermKind::Term);
            g.relate(zh, node, Relation::Translation(Translation::aligned(0.5, 2, 0.5, 0.5)));
        }
        let short = g.add_term(Term::new("箱", Lang::Zh, TermKind::Abbreviation));
        g.relate(container, short, Relation::Abbreviation);
        g
    }

    #[test]
    fn the_default_checks_approved_entries_when_there_are_any() {
        let reviewed = Glossary::from_graph(&graph(true), None).unwrap();
        assert_eq!(reviewed.filter, StatusFilter::Approved);
        assert_eq!(reviewed.entries.iter().map(|e| e.zh.as_str()).collect::<Vec<_>>(), ["集装箱"]);
        let fresh = Glossary::from_graph(&graph(false), None).unwrap();
        assert_eq!((fresh.filter, fresh.entries.len()), (StatusFilter::All, 2));
        assert_eq!(Glossary::from_graph(&graph(true), Some(StatusFilter::All)).unwrap().entries.len(), 2);
    }

    #[test]
    fn a_reviewed_entry_accepts_its_reviewers_english_and_rejects_what_was_struck() {
        let glossary = Glossary::from_graph(&graph(true), None).unwrap();
        let entry = &glossary.entries[0];
        let texts = |r: &[Rendering]| r.iter().map(|r| r.text.clone()).collect::<Vec<_>>();
        // "shipping box" is the machine's suggestion, not the reviewer's.
        assert_eq!(texts(&entry.english), ["container"]);
        assert_eq!(texts(&entry.rejected), ["box"]);
        let unreviewed = Glossary::from_graph(&graph(false), None).unwrap();
        assert_eq!(texts(&unreviewed.entries[1].english), ["container", "shipping box"]);
    }

    #[test]
    fn chinese_forms_are_found_longest_first_with_spans_into_the_text() {
        let glossary = Glossary::from_graph(&graph(false), None).unwrap();
        let text = "冷藏车把集装箱和空箱运走。";
        let found: Vec<(usize, &str)> = glossary.find_terms(text).into_iter().map(|(e, s)| (e, &text[s])).collect();
        // The short form 箱 of 集装箱 is found alone in 空箱, not inside 集装箱.
        assert_eq!(found, [(0, "冷藏车"), (1, "集装箱"), (1, "箱")]);
    }
}
