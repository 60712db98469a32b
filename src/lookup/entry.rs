//! The glossary entry as one self-contained record: what the look-up index stores, what
//! `lookup --json` prints and what `export --format json` writes (it lives here, below the
//! exports, so the dependency goes one way: export → lookup).
//!
//! # Format
//! A JSON array of objects: `concept_id` (`c1`…, the TBX id), `status`, `zh`, `pinyin` (tone
//! marks, a space between syllables), `score`, `frequency`, `documents`, `en` (preferred first:
//! `term`, `kind`, `status`, and the `translation` evidence when the pair was aligned),
//! `zh_variants`, `short_form_entries`, `contains`, `contained_in`, `contexts`
//! (`source`, `zh`, `en`), `note`, and `evidence`: the sentence pairs the translations name
//! by id in their `pairs` (`id`, `source`, `zh`, `en`, `zh_span`, `en_span`; left out when
//! there are none).

use crate::graph::{Concept, Context, EvidencePair, Status, Term, TermGraph, TermKind, Translation};
use crate::lookup::keys::pinyin;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub concept_id: String,
    pub status: Status,
    pub zh: String,
    /// The entry's Chinese variant when it is not the default `zh-CN` (`zh-TW`, `zh-Hant`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    pub pinyin: String,
    pub score: Option<f64>,
    pub frequency: usize,
    pub documents: usize,
    pub en: Vec<English>,
    pub zh_variants: Vec<String>,
    pub short_form_entries: Vec<String>,
    pub contains: Vec<String>,
    pub contained_in: Vec<String>,
    pub contexts: Vec<Context>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The sentence pairs `en[].translation.pairs` name, ascending by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidencePair>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct English {
    pub term: String,
    pub kind: TermKind,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<Translation>,
}

impl Entry {
    pub fn new(concept: &Concept<'_>) -> Self {
        let texts = |terms: &[&Term]| terms.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
        let zh = concept.zh;
        Entry {
            concept_id: format!("c{}", concept.id),
            status: zh.status,
            zh: zh.text.clone(),
            locale: zh.locale.clone(),
            pinyin: pinyin(&zh.text, true),
            score: zh.scores.map(|s| s.total),
            frequency: zh.frequency,
            documents: zh.documents,
            en: concept
                .en
                .iter()
                .map(|(t, translation)| English {
                    term: t.text.clone(),
                    kind: t.kind,
                    status: t.status,
                    translation: translation.cloned(),
                })
                .collect(),
            zh_variants: texts(&concept.zh_variants),
            short_form_entries: texts(&concept.short_form_entries),
            contains: texts(&concept.contains),
            contained_in: texts(&concept.contained_in),
            contexts: zh.contexts.clone(),
            note: zh.note.clone(),
            evidence: concept.evidence.iter().map(|&p| p.clone()).collect(),
        }
    }

    /// The translation of the first English term that names evidence pairs, with its pairs
    /// from `evidence`: what a translator checks first.
    pub fn best_evidence(&self) -> Option<(&English, &Translation, Vec<&EvidencePair>)> {
        self.en.iter().find_map(|english| {
            let translation = english.translation.as_ref().filter(|t| !t.pairs.is_empty())?;
            let pairs = translation.pairs.iter().filter_map(|id| self.evidence.iter().find(|p| p.id == *id)).collect();
            Some((english, translation, pairs))
        })
    }
}

pub fn entries(graph: &TermGraph) -> Vec<Entry> {
    graph.concepts().iter().map(Entry::new).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, Relation};

    #[test]
    fn json_reads_back_into_the_same_entries() {
        let mut g = TermGraph::default();
        let zh = g.add_term(Term { rank: Some(1), ..Term::new("风力发电机", Lang::Zh, TermKind::Term) });
        let en = g.add_term(Term::new("wind turbine", Lang::En, TermKind::Term));
        let t = Translation::aligned(0.7, 2, 0.7, 1.0);
        g.relate(zh, en, Relation::Translation(t));
        let back: Vec<Entry> = serde_json::from_slice(&serde_json::to_vec(&entries(&g)).unwrap()).unwrap();
        assert_eq!(back, entries(&g));
        assert_eq!(back[0].pinyin, "fēng lì fā diàn jī");
        assert_eq!(back[0].en[0].term, "wind turbine");
    }
}
