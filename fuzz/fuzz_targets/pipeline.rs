//! The build (segment → mine → align → graph) on arbitrary documents, monolingual and
//! bilingual, then the store and export writers on what it built.
#![no_main]

#[path = "../common/documents.rs"]
mod documents;

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zhterm::pipeline::{build, BuildOptions};

fuzz_target!(|bytes: &[u8]| {
    let documents = documents::documents(bytes);
    if documents.is_empty() {
        return;
    }
    let built = build(&documents, &BuildOptions { max_terms: Some(20), ..BuildOptions::default() });
    for candidate in &built.candidates {
        for occurrence in &candidate.occurrences {
            assert_eq!(&documents[occurrence.doc].zh[occurrence.span.clone()], candidate.term);
        }
    }
    let json = zhterm::store::to_json(&built.graph);
    zhterm::store::from_json(&json, Path::new("graph.json")).expect("the store reads what it wrote");
    let _ = zhterm::export::render(&built.graph, zhterm::export::Format::Tbx);
    let _ = zhterm::export::render(&built.graph, zhterm::export::Format::Csv);
});
