//! The look-up index: `lookup.idx` beside `graph.json`, committed with it by every writer
//! (`crate::store`), so a look-up in a large glossary reads a compact key list instead of
//! parsing the whole graph. `graph.json` stays the source of truth: an index stamped with
//! another graph's hash than the one the folder's manifest names is not used (the store then
//! builds one in memory from the graph).
//!
//! # Format (UTF-8, version 4: stamped with the graph's SHA-256; normalised Chinese keys
//! folded to Simplified script)
//! ```text
//! zhterm-lookup-index<TAB>4<TAB>GRAPH_SHA256<TAB>KEY_SECTION_BYTES
//! OFFSET<TAB>LENGTH(<TAB>TAG<TAB>TEXT<TAB>NORMALISED)...     one line a concept, in concept order
//! {"concept_id":"c1",...}                                   one JSON Entry a line
//! ```
//! OFFSET and LENGTH locate the concept's JSON line from the start of the entry section.
//! TAG is `z` (Chinese term), `v` (Chinese short form), `e` (English), `p` (pinyin as bare
//! letters). TEXT is left empty when it equals NORMALISED (always for pinyin), which keeps the
//! key section small: a look-up reads all of it. Tabs and line breaks inside keys are written
//! as spaces.

use crate::error::{Error, Result};
use crate::graph::TermGraph;
use crate::lookup::entry::Entry;
use crate::lookup::keys::{fold_pinyin, normalize, pinyin};
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

const MAGIC: &str = "zhterm-lookup-index";
// 3: stamped with the graph's SHA-256 instead of its size and modification time.
// 4: normalised Chinese keys are folded to Simplified script.
const VERSION: &str = "4";

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The index bytes for `graph`, stamped with the SHA-256 of the graph file it indexes.
pub fn render(graph: &TermGraph, graph_sha256: &str) -> Vec<u8> {
    let mut keys = String::new();
    let mut entries = String::new();
    for concept in graph.concepts() {
        let entry = Entry::new(&concept);
        let json = serde_json::to_string(&entry).unwrap_or_default();
        keys.push_str(&format!("{}\t{}", entries.len(), json.len()));
        let mut key = |tag: char, text: &str, normalised: &str| {
            let text = if text == normalised { "" } else { text };
            keys.push_str(&format!("\t{tag}\t{}\t{}", clean(text), clean(normalised)));
        };
        for (tag, text) in std::iter::once(('z', &entry.zh)).chain(entry.zh_variants.iter().map(|v| ('v', v))) {
            key(tag, text, &normalize(text));
            if let Some(folded) = fold_pinyin(&pinyin(text, false)) {
                key('p', "", &folded);
            }
        }
        for en in &entry.en {
            key('e', &en.term, &normalize(&en.term));
        }
        keys.push('\n');
        entries.push_str(&json);
        entries.push('\n');
    }
    let mut out = format!("{MAGIC}\t{VERSION}\t{graph_sha256}\t{}\n", keys.len());
    out.push_str(&keys);
    out.push_str(&entries);
    out.into_bytes()
}

pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// An open index: the key section in memory, entries read on demand.
pub struct Index {
    pub(super) keys: Vec<u8>,
    entries_start: u64,
    reader: Box<dyn ReadSeek>,
    path: PathBuf,
}

impl Index {
    /// An in-memory index of `graph`.
    pub fn of(graph: &TermGraph) -> Result<Index> {
        Index::read(Box::new(Cursor::new(render(graph, ""))), Path::new("lookup.idx"), None)
    }

    /// Reads an index from `reader` (the file at `path`), refusing one stamped with another
    /// graph than `expect` (a graph's SHA-256) when given.
    pub fn read(mut reader: Box<dyn ReadSeek>, path: &Path, expect: Option<&str>) -> Result<Index> {
        let malformed = |message: &str| Error::Malformed { path: path.to_path_buf(), line: 1, message: message.into() };
        let mut header = String::new();
        let mut buffered = BufReader::new(&mut reader);
        buffered.read_line(&mut header).map_err(|e| Error::io(path, e))?;
        let fields: Vec<&str> = header.trim_end().split('\t').collect();
        let [MAGIC, VERSION, stamp, keys_len] = fields[..] else {
            return Err(malformed("not a zhterm look-up index of this version"));
        };
        let number = |s: &str| s.parse::<u64>().map_err(|_| malformed("bad number in header"));
        if expect.is_some_and(|e| e != stamp) {
            return Err(malformed("stale: it indexes another graph than the manifest names"));
        }
        let mut keys = vec![0; number(keys_len)? as usize];
        buffered.read_exact(&mut keys).map_err(|e| Error::io(path, e))?;
        let entries_start = (header.len() + keys.len()) as u64;
        drop(buffered);
        Ok(Index { keys, entries_start, reader, path: path.to_path_buf() })
    }

    /// The entry at `offset`/`length` of the entry section.
    pub(super) fn entry(&mut self, offset: u64, length: usize) -> Result<Entry> {
        let mut bytes = vec![0; length];
        self.reader.seek(SeekFrom::Start(self.entries_start + offset)).map_err(|e| Error::io(&self.path, e))?;
        self.reader.read_exact(&mut bytes).map_err(|e| Error::io(&self.path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::Malformed {
            path: self.path.clone(),
            line: 0,
            message: format!("entry at byte {offset}: {e}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, Relation, Term, TermKind, Translation};
    use crate::lookup::lookup;

    fn graph() -> TermGraph {
        let mut g = TermGraph::default();
        let zh = g.add_term(Term { rank: Some(1), ..Term::new("风力发电机", Lang::Zh, TermKind::Term) });
        let en = g.add_term(Term::new("wind turbine", Lang::En, TermKind::Term));
        let t = Translation::aligned(0.7, 2, 0.7, 1.0);
        g.relate(zh, en, Relation::Translation(t));
        g
    }

    fn read(bytes: Vec<u8>, expect: Option<&str>) -> Result<Index> {
        Index::read(Box::new(Cursor::new(bytes)), Path::new("lookup.idx"), expect)
    }

    #[test]
    fn an_index_reads_back_its_entries_and_refuses_another_graphs_stamp() {
        let bytes = render(&graph(), "abc123");
        let mut index = read(bytes.clone(), Some("abc123")).unwrap();
        assert_eq!(lookup(&mut index, "风力发电机", 1).unwrap()[0].entry.en[0].term, "wind turbine");
        let err = read(bytes, Some("def456")).err().unwrap().to_string();
        assert!(err.contains("stale"), "{err}");
        assert!(read(b"not an index\n".to_vec(), None).is_err());
    }
}
