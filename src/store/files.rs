//! What a glossary folder holds, rendered from one graph: the one place the file names and
//! their contents are decided, so a build, an import and a merge write the same set.

use super::folder::Glossary;
use super::graph::to_json;
use super::manifest::sha256_hex;
use super::{CANDIDATES_FILE, CSV_FILE, GRAPH_FILE, INDEX_FILE, TBX_FILE};
use crate::curate::rebuild::rejected_terms;
use crate::error::Result;
use crate::export::{self, Format};
use crate::graph::TermGraph;
use crate::lookup::index;
use crate::mine::Candidate;

/// The ranked candidate list a commit writes.
pub enum Candidates<'a> {
    /// A build's ranking.
    Ranked(&'a [Candidate]),
    /// The list the folder has (if any), less the terms the graph rejects: the ranks stay
    /// as they were until the next build re-ranks.
    Kept,
}

/// Every file of the glossary of `graph`, in the order a commit stages them; the index last,
/// stamped with the graph file it indexes.
pub(super) fn render(
    folder: &Glossary,
    graph: &TermGraph,
    candidates: Candidates<'_>,
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    // Each file is its own work: a large build's candidate list takes as long as the rest.
    let (candidates, (csv, (tbx, (json, index)))) = rayon::join(
        || match candidates {
            Candidates::Ranked(list) => export::csv::candidates(list).map(Some),
            Candidates::Kept => kept_candidates(folder, graph),
        },
        || {
            rayon::join(
                || export::render(graph, Format::Csv),
                || {
                    rayon::join(
                        || export::render(graph, Format::Tbx),
                        || {
                            let json = to_json(graph).into_bytes();
                            let index = index::render(graph, &sha256_hex(&json));
                            (json, index)
                        },
                    )
                },
            )
        },
    );
    let mut files = Vec::new();
    if let Some(candidates) = candidates? {
        files.push((CANDIDATES_FILE, candidates));
    }
    files.push((CSV_FILE, csv?));
    files.push((TBX_FILE, tbx?));
    files.push((GRAPH_FILE, json));
    files.push((INDEX_FILE, index));
    Ok(files)
}

/// The folder's candidate list without the rows of rejected terms (the other rows byte for
/// byte), or `None` when the folder has no list.
fn kept_candidates(folder: &Glossary, graph: &TermGraph) -> Result<Option<Vec<u8>>> {
    let Some(bytes) = folder.read(CANDIDATES_FILE)? else { return Ok(None) };
    let path = folder.dir().join(CANDIDATES_FILE);
    let text = String::from_utf8(bytes).map_err(|e| crate::error::Error::Malformed {
        path: path.clone(),
        line: 0,
        message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })?;
    let rows = export::csv::read_candidates(&text, &path)?;
    let rejected = rejected_terms(graph);
    let Some(first) = rows.first() else { return Ok(Some(text.into_bytes())) };
    let mut kept = text[..first.start].to_string();
    for (i, row) in rows.iter().enumerate() {
        if !rejected.contains(row.term.as_str()) {
            kept.push_str(&text[row.start..rows.get(i + 1).map_or(text.len(), |r| r.start)]);
        }
    }
    Ok(Some(kept.into_bytes()))
}
