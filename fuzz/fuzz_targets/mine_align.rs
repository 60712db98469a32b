//! Segment → mine → align → translate on arbitrary documents, with one segmenter kept across
//! runs: loading jieba's dictionary for every input (as the `pipeline` target does through
//! `pipeline::build`) allows only a few runs a second.
#![no_main]

#[path = "../common/documents.rs"]
mod documents;

use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};
use zhterm::lexicon::Lexicon;
use zhterm::segment::Segmenter;
use zhterm::{align, mine};

static TOOLS: OnceLock<Mutex<(Segmenter, Lexicon)>> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    let documents = documents::documents(bytes);
    let mut tools = TOOLS.get_or_init(|| Mutex::new((Segmenter::new(), Lexicon::new()))).lock().unwrap();
    let (segmenter, lexicon) = &mut *tools;
    let candidates = mine::mine(&documents, segmenter, lexicon);
    for candidate in &candidates {
        for occurrence in &candidate.occurrences {
            assert_eq!(&documents[occurrence.doc].zh[occurrence.span.clone()], candidate.term);
        }
    }
    let pairs = align::sentence_pairs(&documents, segmenter, lexicon);
    for pair in &pairs {
        let document = &documents[pair.doc];
        assert!(document.zh.get(pair.zh.clone()).is_some() && document.en.get(pair.en.clone()).is_some());
    }
    let selected: Vec<_> = candidates.into_iter().take(20).collect();
    let _ = align::terms::translate(&selected, &documents, &pairs, lexicon, None);
});
