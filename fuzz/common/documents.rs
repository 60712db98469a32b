//! The documents a fuzz input gives: read as plain text, as a bilingual document and as TSV,
//! keeping the readings that parse.

use std::path::Path;
use zhterm::corpus::{parse, Document, InputKind};

pub fn documents(bytes: &[u8]) -> Vec<Document> {
    let text = String::from_utf8_lossy(bytes);
    [InputKind::Plain, InputKind::Bilingual, InputKind::Tsv]
        .into_iter()
        .filter_map(|kind| parse(Path::new("f.txt"), &text, kind).ok())
        .collect()
}
