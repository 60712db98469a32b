//! Exports of the stored term graph. Every writer works from [`TermGraph::concepts`], so all
//! formats list the same entries in the same order, under the same stable concept ids
//! (`c1`, `c2`…) and with each entry's review status, so a reviewer's file can be matched back.

pub(crate) mod cat;
pub(crate) mod cell;
pub mod csv;
pub(crate) mod evidence;
pub mod filter;
pub(crate) mod html;
pub(crate) mod picture;
pub(crate) mod profile;
pub(crate) mod tbx;
pub(crate) mod xml;

use crate::error::{Error, Result};
use crate::graph::TermGraph;
use crate::lookup::entry::entries;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// TBX-Basic, TBX v3 (ISO 30042:2019), DCA style.
    Tbx,
    /// TBX-Basic 2008 (`martif`): what OmegaT, Weblate and Phrase import.
    Tbx2008,
    /// Generic CSV: UTF-8 with BOM, `zh-CN,en,status,…` header.
    Csv,
    /// memoQ term base import: tab-separated, BOM, language column headers.
    Memoq,
    /// Trados MultiTerm through Glossary Converter: `Chinese,English,…` CSV.
    Trados,
    /// Crowdin glossary CSV: `term_zh-CN,description_zh-CN,term_en,…`.
    Crowdin,
    /// Phrase term base: Phrase imports TBX 2008, so this is the `tbx2008` file.
    Phrase,
    /// OmegaT glossary: tab-separated `.utf8`, no header (source, target, comment).
    Omegat,
    /// JSON: one object a concept, as `lookup --json` shows them.
    Json,
    /// Graphviz DOT picture of the term graph.
    Dot,
    /// GraphML of the term graph (Gephi, yEd, Cytoscape).
    Graphml,
    /// Self-contained HTML report: a picture of the best entries and a filterable table.
    Html,
}

impl Format {
    /// The file name extension tools expect for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tbx | Format::Tbx2008 | Format::Phrase => "tbx",
            Format::Csv | Format::Trados | Format::Crowdin => "csv",
            Format::Memoq => "txt",
            Format::Omegat => "utf8",
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Html => "html",
        }
    }
}

/// Renders the glossary in `format`.
pub fn render(graph: &TermGraph, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Tbx => Ok(tbx::render(graph, &tbx::V3).into_bytes()),
        Format::Tbx2008 | Format::Phrase => Ok(tbx::render(graph, &tbx::V2008).into_bytes()),
        Format::Csv => csv::glossary(graph),
        Format::Memoq => cat::memoq(graph),
        Format::Trados => cat::trados(graph),
        Format::Crowdin => cat::crowdin(graph),
        Format::Omegat => Ok(cat::omegat(graph).into_bytes()),
        Format::Json => json(graph),
        Format::Dot => Ok(picture::dot(graph).into_bytes()),
        Format::Graphml => Ok(picture::graphml(graph).into_bytes()),
        Format::Html => Ok(html::render(graph).into_bytes()),
    }
}

/// The JSON export: the entries as `lookup --json` shows them (`crate::lookup::entry`).
fn json(graph: &TermGraph) -> Result<Vec<u8>> {
    let mut bytes =
        serde_json::to_vec_pretty(&entries(graph)).map_err(|e| Error::Invalid(format!("writing JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}
