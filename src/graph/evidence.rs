//! The sentence pairs that support translation edges, kept once in a table and addressed by
//! id: an edge names its pairs (`Translation::pairs`), so the evidence of a translation can be
//! shown and checked long after the corpus is gone. Only pairs some edge names are stored.
//!
//! Ids are given in the order pairs are added (a build adds them in corpus order, so the same
//! input gives the same ids) and never reused: a pair added again — the same source, text
//! and spans — keeps its id, which is how merges and rebuilds unite two tables.

use crate::corpus::Span;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One aligned sentence pair kept as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EvidencePair {
    pub id: usize,
    /// Name of the document the pair comes from.
    pub source: String,
    pub zh: String,
    pub en: String,
    /// Byte spans of the two sides in the document's normalised text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh_span: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en_span: Option<Span>,
}

impl EvidencePair {
    /// The pair's content, without its id: what makes two pairs the same pair.
    fn content(&self) -> EvidencePair {
        EvidencePair { id: 0, ..self.clone() }
    }
}

/// The table of evidence pairs, ascending by id.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    pairs: Vec<EvidencePair>,
    ids: HashMap<EvidencePair, usize>,
}

impl Evidence {
    /// The table of stored pairs (any order); `Err` names an id given twice.
    pub fn from_pairs(mut pairs: Vec<EvidencePair>) -> Result<Evidence, usize> {
        pairs.sort_by_key(|p| p.id);
        if let Some(twice) = pairs.windows(2).find(|w| w[0].id == w[1].id) {
            return Err(twice[0].id);
        }
        let ids = pairs.iter().map(|p| (p.content(), p.id)).collect();
        Ok(Evidence { pairs, ids })
    }

    /// Adds `pair` under the next id (its own `id` is ignored), or gives the id of the same
    /// pair already in the table.
    pub fn add(&mut self, pair: EvidencePair) -> usize {
        let content = pair.content();
        if let Some(&id) = self.ids.get(&content) {
            return id;
        }
        let id = self.pairs.last().map_or(1, |p| p.id + 1);
        self.ids.insert(content, id);
        self.pairs.push(EvidencePair { id, ..pair });
        id
    }

    pub fn get(&self, id: usize) -> Option<&EvidencePair> {
        self.pairs.binary_search_by_key(&id, |p| p.id).ok().map(|i| &self.pairs[i])
    }

    /// Every pair, ascending by id.
    pub fn iter(&self) -> impl Iterator<Item = &EvidencePair> {
        self.pairs.iter()
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(zh: &str, at: usize) -> EvidencePair {
        EvidencePair {
            id: 0,
            source: "memory.tsv".into(),
            zh: zh.into(),
            en: "text".into(),
            zh_span: Some(at..at + zh.len()),
            en_span: None,
        }
    }

    #[test]
    fn the_same_pair_keeps_its_id_and_a_new_one_takes_the_next() {
        let mut table = Evidence::default();
        assert_eq!(table.add(pair("风力发电机", 0)), 1);
        assert_eq!(table.add(pair("风力发电机组", 40)), 2);
        assert_eq!(table.add(pair("风力发电机", 0)), 1, "same content, same id");
        assert_eq!(table.add(pair("风力发电机", 90)), 3, "same text elsewhere is another pair");
        assert_eq!(table.get(2).map(|p| p.zh.as_str()), Some("风力发电机组"));
        assert_eq!(table.len(), 3);
    }

    #[test]
    fn a_stored_table_keeps_its_ids_and_refuses_one_given_twice() {
        let stored = vec![EvidencePair { id: 7, ..pair("叶片", 3) }, EvidencePair { id: 2, ..pair("塔筒", 9) }];
        let mut table = Evidence::from_pairs(stored).unwrap();
        assert_eq!(table.iter().map(|p| p.id).collect::<Vec<_>>(), [2, 7]);
        assert_eq!(table.add(pair("叶片", 3)), 7);
        assert_eq!(table.add(pair("机舱", 20)), 8, "after the highest id, never a reused one");
        let twice = vec![EvidencePair { id: 4, ..pair("叶片", 3) }, EvidencePair { id: 4, ..pair("塔筒", 9) }];
        assert_eq!(Evidence::from_pairs(twice).unwrap_err(), 4);
    }
}
