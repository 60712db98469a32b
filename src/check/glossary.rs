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
    fn new(text: &str, abbreviation: bool) -> Option<Self> {
        let pattern = Pattern::new(text)?;
        Some(Rendering { text: text.to_string(), abbreviation, pattern })
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
    for text in struck {
        if !english.iter().any(|r| r.text == text) && !rejected.iter().any(|r| r.text == text) {
            rejected.extend(Rendering::new(text, false));
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
