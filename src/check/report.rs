//! Findings and the summary of a check, gathered from the checked segments in order.

use super::{Glossary, Hit, Segment};
use crate::corpus::{Document, Span};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One term rendered two ways across a file.
    Inconsistent,
    /// A rendering the glossary struck from the entry appears.
    Rejected,
    /// The source holds the term, the target none of its accepted English.
    Missing,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Inconsistent => "inconsistent",
            Kind::Rejected => "rejected",
            Kind::Missing => "missing",
        }
    }
}

/// What a target used where the glossary expected its English: the text and its byte span
/// in the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Used {
    pub text: String,
    pub span: Span,
}

/// How often one rendering of a term was used in a file, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderingCount {
    pub english: String,
    /// An English the entry accepts; otherwise what missing findings found used instead.
    pub accepted: bool,
    pub segments: usize,
    /// The ids of those segments, in order.
    pub ids: Vec<String>,
}

/// One finding. `segment`, `source` (with the term's byte spans in `marks`) and `target`
/// name the segment of a missing or rejected rendering; an inconsistent term gives the count
/// of each rendering instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub concept_id: String,
    /// The glossary entry.
    pub term: String,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The preferred English.
    pub expected: String,
    /// What the target used instead: the struck rendering, or the phrase that renders the
    /// term when the alignment can tell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used: Option<Used>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renderings: Vec<RenderingCount>,
    /// Glossary entry index, file, kind, segment: the order findings are reported in.
    #[serde(skip)]
    order: (usize, usize, Kind, usize),
}

/// Everything a check found, and what it looked at.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub segments: usize,
    /// Glossary terms found in sources, counted once a segment.
    pub occurrences: usize,
    /// Distinct glossary entries found.
    pub terms: usize,
}

impl Report {
    pub fn count(&self, kind: Kind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }
}

/// A rendering as counted for consistency: one of the entry's English (renderings that read
/// alike, by hyphen or plural, are one), or a phrase used instead, by its lemmas.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Rendering {
    Accepted(usize),
    Other(String),
}

/// Renderings of one entry in one file: the text shown for each and the segments using it.
type Uses = BTreeMap<Rendering, (String, Vec<usize>)>;

pub(super) struct Builder<'a> {
    glossary: &'a Glossary,
    docs: &'a [Document],
    findings: Vec<Finding>,
    uses: BTreeMap<(usize, usize), Uses>,
    ids: Vec<String>,
    occurrences: usize,
    terms: BTreeSet<usize>,
}

impl<'a> Builder<'a> {
    pub fn new(glossary: &'a Glossary, docs: &'a [Document]) -> Self {
        Builder {
            glossary,
            docs,
            findings: Vec::new(),
            uses: BTreeMap::new(),
            ids: Vec::new(),
            occurrences: 0,
            terms: BTreeSet::new(),
        }
    }

    pub fn add(&mut self, segment: &Segment, hits: &[Hit]) {
        let number = self.ids.len();
        self.ids.push(segment.id.clone());
        if hits.is_empty() {
            return;
        }
        let doc = &self.docs[segment.doc];
        let (zh, en) = (&doc.zh[segment.zh.clone()], &doc.en[segment.en.clone()]);
        for hit in hits {
            self.occurrences += 1;
            self.terms.insert(hit.entry);
            let entry = &self.glossary.entries[hit.entry];
            let finding = |kind: Kind, used: Option<Used>| Finding {
                kind,
                concept_id: entry.concept_id.clone(),
                term: entry.zh.clone(),
                file: doc.name.clone(),
                segment: Some(segment.id.clone()),
                source: Some(zh.to_string()),
                marks: hit.marks.clone(),
                target: Some(en.to_string()),
                expected: entry.expected().to_string(),
                used,
                renderings: Vec::new(),
                order: (hit.entry, segment.doc, kind, number),
            };
            for (_, span) in &hit.rejected {
                let used = Used { text: en[span.clone()].to_string(), span: span.clone() };
                self.findings.push(finding(Kind::Rejected, Some(used)));
            }
            let mut renderings: Vec<(Rendering, String)> = Vec::new();
            if hit.is_missing() {
                let used = hit.instead.as_ref().map(|(span, lemmas)| {
                    renderings.push((Rendering::Other(lemmas.clone()), en[span.clone()].to_string()));
                    Used { text: en[span.clone()].to_string(), span: span.clone() }
                });
                self.findings.push(finding(Kind::Missing, used));
            }
            for &i in &hit.rendered {
                let group = entry.english.iter().position(|r| r.pattern == entry.english[i].pattern).unwrap_or(i);
                renderings.push((Rendering::Accepted(group), entry.english[group].text.clone()));
            }
            let uses = self.uses.entry((hit.entry, segment.doc)).or_default();
            for (rendering, text) in renderings {
                let (_, segments) = uses.entry(rendering).or_insert((text, Vec::new()));
                if segments.last() != Some(&number) {
                    segments.push(number);
                }
            }
        }
    }

    pub fn finish(mut self, segments: usize) -> Report {
        for (&(entry_index, doc), uses) in &self.uses {
            if uses.len() < 2 {
                continue;
            }
            let entry = &self.glossary.entries[entry_index];
            let mut renderings: Vec<RenderingCount> = uses
                .iter()
                .map(|(rendering, (text, numbers))| RenderingCount {
                    english: text.clone(),
                    accepted: matches!(rendering, Rendering::Accepted(_)),
                    segments: numbers.len(),
                    ids: numbers.iter().map(|&n| self.ids[n].clone()).collect(),
                })
                .collect();
            // Most used first; among equals the glossary's English first, in its order (the
            // map's order).
            renderings.sort_by_key(|r| std::cmp::Reverse(r.segments));
            let first = uses.values().map(|(_, n)| n[0]).min().unwrap_or(0);
            self.findings.push(Finding {
                kind: Kind::Inconsistent,
                concept_id: entry.concept_id.clone(),
                term: entry.zh.clone(),
                file: self.docs[doc].name.clone(),
                segment: None,
                source: None,
                marks: Vec::new(),
                target: None,
                expected: entry.expected().to_string(),
                used: None,
                renderings,
                order: (entry_index, doc, Kind::Inconsistent, first),
            });
        }
        self.findings.sort_by_key(|f| f.order);
        Report { findings: self.findings, segments, occurrences: self.occurrences, terms: self.terms.len() }
    }
}
