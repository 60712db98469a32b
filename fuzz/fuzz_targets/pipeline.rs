//! The build (segment → mine → align → graph) on arbitrary documents, monolingual and
//! bilingual, then the store and export writers on what it built.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zhterm::corpus::{parse, InputKind};
use zhterm::pipeline::{build, BuildOptions};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let documents: Vec<_> = [InputKind::Plain, InputKind::Bilingual, InputKind::Tsv]
        .into_iter()
        .filter_map(|kind| parse(Path::new("f.txt"), &text, kind).ok())
        .collect();
    if documents.is_empty() {
        return;
    }
    let built = build(&documents, &BuildOptions { max_terms: 20, ..BuildOptions::default() });
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
