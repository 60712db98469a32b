//! The look-up index: `lookup.idx` beside `graph.json`, written by `build`, so a look-up in a
//! large glossary reads a compact key list instead of parsing the whole graph. `graph.json`
//! stays the source of truth: an index whose stamp does not match the graph's size and
//! modification time is ignored and rebuilt in memory from the graph.
//!
//! # Format (UTF-8, version 2: entries carry their evidence pairs)
//! ```text
//! zhterm-lookup-index<TAB>3<TAB>GRAPH_BYTES<TAB>GRAPH_MTIME_NS<TAB>KEY_SECTION_BYTES
//! OFFSET<TAB>LENGTH(<TAB>TAG<TAB>TEXT<TAB>NORMALISED)...     one line a concept, in concept order
//! {"concept_id":"c1",...}                                   one JSON Entry a line
//! ```
//! OFFSET and LENGTH locate the concept's JSON line from the start of the entry section.
//! TAG is `z` (Chinese term), `v` (Chinese short form), `e` (English), `p` (pinyin as bare
//! letters). TEXT is left empty when it equals NORMALISED (always for pinyin), which keeps the
//! key section small: a look-up reads all of it. Tabs and line breaks inside keys are written
//! as spaces.

use crate::error::{Error, Result};
use crate::export::entry::Entry;
use crate::graph::TermGraph;
use crate::lookup::keys::{fold_pinyin, normalize, pinyin};
use crate::store;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

pub const INDEX_FILE: &str = "lookup.idx";
const MAGIC: &str = "zhterm-lookup-index";
// 3: normalised Chinese keys are folded to Simplified script.
const VERSION: &str = "3";

/// Size and modification time of `graph.json`, which an index must match to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub bytes: u64,
    pub mtime_ns: u128,
}

impl Stamp {
    pub fn of(graph_path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(graph_path).ok()?;
        let mtime_ns = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
        Some(Stamp { bytes: meta.len(), mtime_ns })
    }
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The index bytes for `graph`, stamped with the graph file it was made from.
pub fn render(graph: &TermGraph, stamp: Stamp) -> Vec<u8> {
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
    let mut out = format!("{MAGIC}\t{VERSION}\t{}\t{}\t{}\n", stamp.bytes, stamp.mtime_ns, keys.len());
    out.push_str(&keys);
    out.push_str(&entries);
    out.into_bytes()
}

/// Writes the index of `graph` into `dir`, stamped with `dir/graph.json` as it is now: call
/// it after the graph is saved.
pub fn write(dir: &Path, graph: &TermGraph) -> Result<()> {
    let graph_path = dir.join(store::GRAPH_FILE);
    let stamp = Stamp::of(&graph_path)
        .ok_or_else(|| Error::Invalid(format!("{}: cannot index a graph that is not there", graph_path.display())))?;
    store::write_atomic(&dir.join(INDEX_FILE), &render(graph, stamp))
}

trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// An open index: the key section in memory, entries read on demand.
pub struct Index {
    pub(super) keys: Vec<u8>,
    entries_start: u64,
    reader: Box<dyn ReadSeek>,
    path: PathBuf,
}

impl Index {
    /// The index of the glossary in `dir`: `lookup.idx` when it matches `graph.json`,
    /// otherwise built from the graph.
    pub fn open(dir: &Path) -> Result<Index> {
        let path = dir.join(INDEX_FILE);
        let stamp = Stamp::of(&dir.join(store::GRAPH_FILE));
        if let (Some(stamp), Ok(file)) = (stamp, std::fs::File::open(&path)) {
            if let Ok(index) = Index::read(Box::new(BufReader::new(file)), &path, Some(stamp)) {
                return Ok(index);
            }
        }
        let graph = store::load(dir)?;
        let stamp = stamp.unwrap_or_default();
        Index::read(Box::new(Cursor::new(render(&graph, stamp))), &path, None)
    }

    /// An in-memory index of `graph`.
    pub fn of(graph: &TermGraph) -> Result<Index> {
        Index::read(Box::new(Cursor::new(render(graph, Stamp::default()))), Path::new(INDEX_FILE), None)
    }

    fn read(mut reader: Box<dyn ReadSeek>, path: &Path, expect: Option<Stamp>) -> Result<Index> {
        let malformed = |message: &str| Error::Malformed { path: path.to_path_buf(), line: 1, message: message.into() };
        let mut header = String::new();
        let mut buffered = BufReader::new(&mut reader);
        buffered.read_line(&mut header).map_err(|e| Error::io(path, e))?;
        let fields: Vec<&str> = header.trim_end().split('\t').collect();
        let [MAGIC, VERSION, bytes, mtime, keys_len] = fields[..] else {
            return Err(malformed("not a zhterm look-up index"));
        };
        let number = |s: &str| s.parse::<u128>().map_err(|_| malformed("bad number in header"));
        let stamp = Stamp { bytes: number(bytes)? as u64, mtime_ns: number(mtime)? };
        if expect.is_some_and(|e| e != stamp) {
            return Err(malformed("stale: graph.json changed since the index was written"));
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

    fn first_english(dir: &Path) -> String {
        let mut index = Index::open(dir).unwrap();
        lookup(&mut index, "风力发电机", 1).unwrap()[0].entry.en[0].term.clone()
    }

    #[test]
    fn a_fresh_index_is_read_and_a_stale_one_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let g = graph();
        std::fs::write(dir.path().join(store::GRAPH_FILE), store::to_json(&g)).unwrap();
        write(dir.path(), &g).unwrap();
        // Tamper with the index only (same length, so offsets hold): a fresh index is trusted.
        let path = dir.path().join(INDEX_FILE);
        let text = std::fs::read_to_string(&path).unwrap().replace("wind turbine", "wind turbinX");
        std::fs::write(&path, text).unwrap();
        assert_eq!(first_english(dir.path()), "wind turbinX");
        // Any change to the graph file makes the index stale: the graph answers.
        std::fs::write(dir.path().join(store::GRAPH_FILE), store::to_json(&g) + "\n").unwrap();
        assert_eq!(first_english(dir.path()), "wind turbine");
    }

    #[test]
    fn garbage_in_place_of_an_index_falls_back_to_the_graph() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(store::GRAPH_FILE), store::to_json(&graph())).unwrap();
        std::fs::write(dir.path().join(INDEX_FILE), "not an index\n").unwrap();
        assert_eq!(first_english(dir.path()), "wind turbine");
    }
}
