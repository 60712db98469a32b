//! Exports of the stored term graph. Every writer works from [`TermGraph::concepts`], so all
//! formats list the same entries in the same order.

pub mod csv;
pub mod tbx;
pub mod xml;

use crate::error::Result;
use crate::graph::TermGraph;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TBX-Basic, TBX v3 (ISO 30042:2019), DCA style.
    Tbx,
    /// Generic CSV: UTF-8 with BOM, `zh-CN,en,…` header.
    Csv,
}

/// Renders the glossary in `format`.
pub fn render(graph: &TermGraph, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Tbx => Ok(tbx::render(graph).into_bytes()),
        Format::Csv => csv::glossary(graph),
    }
}
