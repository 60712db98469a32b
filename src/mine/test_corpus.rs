//! A small corpus made ready for the candidate tally, shared by the tests of the tally and
//! of the runs the repeated-string pass records for it.

use super::clauses::Sentence;
use super::neighbours::WordContexts;
use super::repeated::Repeated;
use super::segmented::Segmented;
use super::tally::Tallies;
use crate::corpus::Document;
use crate::lexicon::Lexicon;
use crate::segment::Segmenter;

/// One document of clauses, segmented, with its word contexts.
pub(in crate::mine) struct TestCorpus {
    docs: Vec<Document>,
    sentences: Vec<Sentence>,
    segmented: Segmented,
    segmenter: Segmenter,
    lexicon: Lexicon,
    contexts: WordContexts,
}

impl TestCorpus {
    pub fn new(text: &str) -> Self {
        use crate::corpus::{normalize::normalize_zh, InputKind};
        let docs = vec![Document::monolingual("t".into(), InputKind::Plain, normalize_zh(text, false))];
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let sentences = super::clauses::body_sentences(&docs);
        let segmented = Segmented::new(&docs, &sentences, &segmenter, &lexicon);
        let tokens: Vec<_> = sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.repeat)
            .map(|(i, s)| (s.doc, segmented.tokens(i, s)))
            .collect();
        let contexts = WordContexts::new(&docs, rayon::iter::IntoParallelIterator::into_par_iter(tokens));
        TestCorpus { docs, sentences, segmented, segmenter, lexicon, contexts }
    }

    pub fn tallies(&self) -> Tallies<'_> {
        Tallies {
            docs: &self.docs,
            sentences: &self.sentences,
            segmented: &self.segmented,
            segmenter: &self.segmenter,
            lexicon: &self.lexicon,
            contexts: &self.contexts,
        }
    }

    pub fn repeated(&self) -> Repeated {
        super::repeated::repeated_strings(&self.docs, &self.sentences, &self.segmented, &self.lexicon, &self.contexts)
    }
}
