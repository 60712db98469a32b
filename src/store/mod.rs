//! The glossary folder and its one owner. Every command reads a glossary through
//! [`Glossary`] and writes one through [`Writer`]; nothing else knows the file names.
//!
//! A folder holds `graph.json` (the term graph, [`graph`]: the source of truth), the exports
//! `glossary.csv` and `glossary.tbx`, `candidates.csv` (a build's ranking), `lookup.idx` (the
//! look-up index of the graph, `crate::lookup::index`), `manifest.json` and `.zhterm.lock`.
//!
//! # Commit protocol
//! A writer takes the exclusive advisory lock on `.zhterm.lock` ([`Writer::lock`]; a second
//! writer waits a bounded time, then fails), reads the glossary under the lock, and commits:
//! 1. every file is written and synced under a staged name `.NAME.gN.new`, `N` the next
//!    generation;
//! 2. the manifest of generation `N` (each file's name, size, modification time, SHA-256) is
//!    written the same way and renamed to `manifest.json` — the commit point;
//! 3. the staged files are renamed to their names; files the old manifest named and the new
//!    one does not are removed.
//!
//! Readers ([`Glossary`]) take no lock and trust only what the manifest names, looking under
//! the staged name first. A writer killed before step 2 leaves the old manifest and old files
//! (its staged files are ignored); killed after it, the new manifest, whose files readers find
//! under either name. The next writer, under the lock, finishes step 3 of a committed
//! generation and removes every other staged file. A folder without a manifest (written before
//! it existed) is read file by file; its first commit writes one.

mod files;
mod folder;
mod graph;
pub mod manifest;
pub mod sources;
mod writer;

pub use files::Candidates;
pub use folder::Glossary;
pub use graph::{from_json, to_json};
pub use writer::{ensure_writable, write_atomic, Step, Writer, LOCK_FILE};

use crate::error::Result;
use crate::graph::TermGraph;

pub const GRAPH_FILE: &str = "graph.json";
pub const CSV_FILE: &str = "glossary.csv";
pub const TBX_FILE: &str = "glossary.tbx";
pub const CANDIDATES_FILE: &str = "candidates.csv";
pub const INDEX_FILE: &str = "lookup.idx";

impl Writer {
    /// Commits the glossary of `graph`: the graph, its exports, the candidate list and the
    /// look-up index, all in one generation. Returns the new generation number.
    pub fn commit_graph(
        self,
        graph: &TermGraph,
        candidates: Candidates<'_>,
        observe: &mut dyn FnMut(&Step),
    ) -> Result<u64> {
        let files = files::render(self.glossary(), graph, candidates)?;
        self.commit(&files, observe)
    }
}

/// Loads the graph of the glossary folder `dir` (a reader's shortcut).
pub fn load(dir: &std::path::Path) -> Result<TermGraph> {
    Glossary::open(dir)?.graph()
}
