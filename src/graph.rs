//! The term graph: Chinese and English term nodes joined by translation, variant and
//! nesting edges (petgraph). A concept — one TBX `conceptEntry`, one CSV row — is a Chinese
//! glossary term with its short forms and the English terms it translates to; [`concepts`]
//! is the one place that rule lives. The sentence pairs that support translations are kept
//! once, in the graph's [`Evidence`] table, and named by id from the edges.

mod evidence;

pub use evidence::{Evidence, EvidencePair};

use crate::mine::{CueKind, Scores};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The language tag written into exports.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// A full form.
    Term,
    /// A short form defined in the text (世卫组织, WHO).
    Abbreviation,
}

/// Review status of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Made by the machine, not reviewed.
    Candidate,
    Approved,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Candidate => "candidate",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    /// Reads `candidate`, `approved` or `rejected` (any case).
    pub fn parse(text: &str) -> Option<Status> {
        [Status::Candidate, Status::Approved, Status::Rejected]
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// Who made an entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Mined from the corpus.
    #[default]
    Machine,
    /// Added by a reviewer.
    Manual,
}

/// What a reviewer decided about a Chinese entry, kept across rebuilds (see `crate::curate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Date of the last reviewed change, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "is_machine")]
    pub origin: Origin,
    /// The English terms the reviewer kept or wrote, preferred first; builds never drop or
    /// reorder them, they may only add suggestions after them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub english: Vec<String>,
    /// English terms the reviewer struck from this entry; builds do not propose them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_english: Vec<String>,
}

fn is_machine(origin: &Origin) -> bool {
    *origin == Origin::Machine
}

/// A sentence where the term occurs, with its translation when one is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub source: String,
    pub zh: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub text: String,
    pub lang: Lang,
    /// The Chinese variant of the documents the term was mined from (`zh-TW`, `zh-Hant`…);
    /// `None` for the default, `zh-CN`. See [`Term::tag`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    pub kind: TermKind,
    pub status: Status,
    pub frequency: usize,
    pub documents: usize,
    /// Place in the candidate ranking (Chinese terms), 1 = best.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Scores>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<CueKind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contexts: Vec<Context>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set once a reviewer has changed the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

impl Term {
    pub fn new(text: impl Into<String>, lang: Lang, kind: TermKind) -> Self {
        Term {
            text: text.into(),
            lang,
            locale: None,
            kind,
            status: Status::Candidate,
            frequency: 0,
            documents: 0,
            rank: None,
            scores: None,
            cues: Vec::new(),
            contexts: Vec::new(),
            note: None,
            review: None,
        }
    }

    /// The language tag written into exports: the term's own Chinese variant, else its
    /// language's default (`zh-CN`, `en`).
    pub fn tag(&self) -> &str {
        self.locale.as_deref().unwrap_or(self.lang.tag())
    }

    /// Whether a reviewer has decided anything about this term.
    pub fn is_reviewed(&self) -> bool {
        self.status != Status::Candidate || self.review.is_some()
    }

    /// Whether the term heads a glossary entry: a Chinese term, mined into the ranking or
    /// made an entry by a reviewer, and not rejected.
    pub fn is_entry(&self) -> bool {
        self.lang == Lang::Zh && self.status != Status::Rejected && (self.rank.is_some() || self.review.is_some())
    }

    /// The reviewer's English for this entry, preferred first (empty when unreviewed).
    pub fn reviewed_english(&self) -> &[String] {
        self.review.as_ref().map_or(&[], |r| r.english.as_slice())
    }
}

/// Evidence that an English term translates a Chinese one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Translation {
    pub score: f64,
    pub cooccurrences: usize,
    pub dice: f64,
    pub dictionary: f64,
    /// How it was found: "alignment" (statistics over sentence pairs) or "definition"
    /// (a bracketed abbreviation in the text).
    pub method: String,
    /// Ids in [`TermGraph::evidence`] of sentence pairs that hold both terms (a few of the
    /// `cooccurrences`, in corpus order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<usize>,
}

impl Translation {
    /// A translation found by alignment statistics, citing no sentence pair yet.
    pub fn aligned(score: f64, cooccurrences: usize, dice: f64, dictionary: f64) -> Self {
        Translation { score, cooccurrences, dice, dictionary, method: "alignment".into(), pairs: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Relation {
    /// Chinese term → English equivalent.
    Translation(Translation),
    /// Full form → short form of the same language, defined in the text.
    Abbreviation,
    /// Longer term → term nested in it (关税 ⊂ 关税减让表).
    Contains,
}

/// Terms and their relations.
#[derive(Debug, Clone, Default)]
pub struct TermGraph {
    pub graph: DiGraph<Term, Relation>,
    /// The sentence pairs translation edges name; may hold pairs no edge names any more
    /// (after an edit), which [`TermGraph::evidence_in_use`] leaves out.
    pub evidence: Evidence,
    /// Whether [`TermGraph::concepts`] lists rejected entries too: set on the copy an export
    /// asked for them makes (`crate::export::filter`); never stored.
    pub with_rejected: bool,
}

/// One glossary entry as exports and look-ups see it.
#[derive(Debug, Clone)]
pub struct Concept<'a> {
    /// 1-based, stable for a given graph: `c1`, `c2`… in TBX.
    pub id: usize,
    pub node: NodeIndex,
    pub zh: &'a Term,
    /// Short forms of the Chinese term that have no entry of their own.
    pub zh_variants: Vec<&'a Term>,
    /// Short forms with an entry of their own (世卫组织 for 世界卫生组织): a translator who
    /// looks up the short form wants its own English short form, so they are cross-referenced.
    pub short_form_entries: Vec<&'a Term>,
    /// English terms, preferred first, with the evidence of their translation edge.
    pub en: Vec<(&'a Term, Option<&'a Translation>)>,
    /// Glossary terms nested in this one, and those this one is nested in.
    pub contains: Vec<&'a Term>,
    pub contained_in: Vec<&'a Term>,
    /// The sentence pairs the translations of `en` name, ascending by id.
    pub evidence: Vec<&'a EvidencePair>,
}

impl TermGraph {
    pub fn add_term(&mut self, term: Term) -> NodeIndex {
        self.graph.add_node(term)
    }

    pub fn find(&self, text: &str, lang: Lang) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&i| self.graph[i].text == text && self.graph[i].lang == lang)
    }

    /// The node for `text`, added with `kind` if absent.
    pub fn find_or_add(&mut self, text: &str, lang: Lang, kind: TermKind) -> NodeIndex {
        self.find(text, lang).unwrap_or_else(|| self.add_term(Term::new(text, lang, kind)))
    }

    pub fn relate(&mut self, from: NodeIndex, to: NodeIndex, relation: Relation) {
        self.graph.add_edge(from, to, relation);
    }

    /// The Chinese language tag most of the glossary's entries carry (the first entry's on a
    /// tie; `zh-CN` for an empty glossary): the one a file with a single Chinese column
    /// (CSV, memoQ, Crowdin) names in its header.
    pub fn zh_tag(&self) -> String {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for concept in self.concepts() {
            let tag = concept.zh.tag();
            match counts.iter_mut().find(|(t, _)| *t == tag) {
                Some((_, n)) => *n += 1,
                None => counts.push((tag, 1)),
            }
        }
        counts.iter().rev().max_by_key(|(_, n)| *n).map_or(Lang::Zh.tag(), |(t, _)| t).to_string()
    }

    /// Glossary entries: every Chinese full-form term that is not rejected (or is, with
    /// `with_rejected`), in node order.
    pub fn concepts(&self) -> Vec<Concept<'_>> {
        let g = &self.graph;
        let mut concepts = Vec::new();
        for node in g.node_indices() {
            let zh = &g[node];
            let rejected_entry = self.with_rejected
                && zh.lang == Lang::Zh
                && zh.status == Status::Rejected
                && (zh.rank.is_some() || zh.review.is_some());
            if !zh.is_entry() && !rejected_entry {
                continue;
            }
            let mut zh_variants = Vec::new();
            let mut short_form_entries = Vec::new();
            let mut en: Vec<(&Term, Option<&Translation>)> = Vec::new();
            let mut contains = Vec::new();
            for edge in g.edges_directed(node, Direction::Outgoing) {
                let target = &g[edge.target()];
                match edge.weight() {
                    _ if target.status == Status::Rejected => {}
                    Relation::Translation(t) => en.push((target, Some(t))),
                    Relation::Abbreviation if target.lang == Lang::Zh && target.is_entry() => {
                        short_form_entries.push(target)
                    }
                    Relation::Abbreviation if target.lang == Lang::Zh => zh_variants.push(target),
                    Relation::Abbreviation => en.push((target, None)),
                    Relation::Contains => contains.push(target),
                }
            }
            // Preferred first: the reviewer's English in the reviewer's order, then approved,
            // then full forms, then by score.
            let reviewed = zh.reviewed_english();
            let place = |t: &Term| reviewed.iter().position(|e| *e == t.text).unwrap_or(usize::MAX);
            en.sort_by(|a, b| {
                place(a.0)
                    .cmp(&place(b.0))
                    .then((b.0.status == Status::Approved).cmp(&(a.0.status == Status::Approved)))
                    .then((a.0.kind == TermKind::Abbreviation).cmp(&(b.0.kind == TermKind::Abbreviation)))
                    .then(score_of(b.1).total_cmp(&score_of(a.1)))
                    .then_with(|| a.0.text.cmp(&b.0.text))
            });
            en.dedup_by(|a, b| a.0.text == b.0.text);
            zh_variants.sort_by(|a, b| a.text.cmp(&b.text));
            contains.sort_by(|a, b| a.text.cmp(&b.text));
            let mut contained_in: Vec<&Term> = g
                .edges_directed(node, Direction::Incoming)
                .filter(|e| matches!(e.weight(), Relation::Contains))
                .map(|e| &g[e.source()])
                .filter(|t| t.status != Status::Rejected)
                .collect();
            contained_in.sort_by(|a, b| a.text.cmp(&b.text));
            short_form_entries.sort_by(|a, b| a.text.cmp(&b.text));
            let evidence = self.pairs_of(en.iter().filter_map(|(_, t)| *t));
            concepts.push(Concept {
                id: concepts.len() + 1,
                node,
                zh,
                zh_variants,
                short_form_entries,
                en,
                contains,
                contained_in,
                evidence,
            });
        }
        concepts
    }

    /// The evidence pairs some translation edge names, ascending by id: what the store keeps.
    pub fn evidence_in_use(&self) -> Vec<&EvidencePair> {
        self.pairs_of(self.graph.edge_weights().filter_map(|r| match r {
            Relation::Translation(t) => Some(t),
            _ => None,
        }))
    }

    fn pairs_of<'a>(&'a self, translations: impl Iterator<Item = &'a Translation>) -> Vec<&'a EvidencePair> {
        let mut ids: Vec<usize> = translations.flat_map(|t| t.pairs.iter().copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|id| self.evidence.get(id)).collect()
    }
}

fn score_of(t: Option<&Translation>) -> f64 {
    t.map_or(0.0, |t| t.score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(text: &str, rank: usize) -> Term {
        Term { rank: Some(rank), ..Term::new(text, Lang::Zh, TermKind::Term) }
    }

    fn translation(score: f64) -> Relation {
        Relation::Translation(Translation::aligned(score, 1, score, 0.0))
    }

    #[test]
    fn a_concept_lists_its_best_translation_first_and_abbreviations_last() {
        let mut g = TermGraph::default();
        let term = g.add_term(zh("上海合作组织", 1));
        let full = g.add_term(Term::new("Shanghai Cooperation Organization", Lang::En, TermKind::Term));
        let weak = g.add_term(Term::new("Organization", Lang::En, TermKind::Term));
        let short = g.add_term(Term::new("SCO", Lang::En, TermKind::Abbreviation));
        g.relate(term, short, Relation::Abbreviation);
        g.relate(term, weak, translation(0.4));
        g.relate(term, full, translation(0.9));
        let concepts = g.concepts();
        assert_eq!(concepts.len(), 1);
        let en: Vec<_> = concepts[0].en.iter().map(|(t, _)| t.text.as_str()).collect();
        assert_eq!(en, ["Shanghai Cooperation Organization", "Organization", "SCO"]);
    }

    #[test]
    fn rejected_terms_are_not_concepts() {
        let mut g = TermGraph::default();
        g.add_term(Term { status: Status::Rejected, ..zh("合作", 1) });
        g.add_term(zh("数字经济", 2));
        let concepts = g.concepts();
        assert_eq!(concepts.len(), 1);
        assert_eq!(concepts[0].zh.text, "数字经济");
        assert_eq!(concepts[0].id, 1);
    }

    #[test]
    fn nesting_is_visible_from_both_ends() {
        let mut g = TermGraph::default();
        let long = g.add_term(zh("全球数据安全倡议", 1));
        let short = g.add_term(zh("数据安全", 2));
        g.relate(long, short, Relation::Contains);
        let concepts = g.concepts();
        assert_eq!(concepts[0].contains[0].text, "数据安全");
        assert_eq!(concepts[1].contained_in[0].text, "全球数据安全倡议");
    }
}
