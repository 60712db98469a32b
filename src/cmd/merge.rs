//! `zhterm merge`: join two glossaries into a third.

use super::{Outcome, WaitArg};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use zhterm::curate;
use zhterm::store::{Candidates, Glossary, Writer};

#[derive(clap::Args)]
pub struct Args {
    /// The first glossary folder: its decision is kept when two reviewed entries disagree.
    first: PathBuf,
    /// The second glossary folder.
    second: PathBuf,
    /// Glossary folder to write (graph.json, glossary.csv, glossary.tbx, lookup.idx; a
    /// candidates.csv it already has keeps its rows but the rejected terms').
    #[arg(short, long)]
    output: PathBuf,
    /// Write nothing and fail (exit 2) if two reviewed entries disagree.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    wait: WaitArg,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    // Under the output's lock, so a merge into one of its own inputs merges what is there.
    let writer = Writer::lock(&args.output, args.wait.duration())?;
    let first = Glossary::open(&args.first)?.graph()?;
    let second = Glossary::open(&args.second)?.graph()?;
    let (merged, conflicts) = curate::merge::merge(&first, &second);
    // Locked per line, never across the work (a worker's panic message would wait for it).
    let mut err = std::io::stderr();
    for c in &conflicts {
        writeln!(err, "zhterm: warning: conflict on {}: kept {} (first), not {} (second)", c.zh, c.kept, c.other)?;
    }
    if args.strict && !conflicts.is_empty() {
        anyhow::bail!(
            "{} conflicting reviewed entries; nothing written (drop --strict to keep the first's)",
            conflicts.len()
        );
    }
    writer
        .commit_graph(&merged, Candidates::Kept, &mut super::commit_observer())
        .with_context(|| format!("writing the glossary into {}", args.output.display()))?;
    writeln!(
        err,
        "zhterm: {} entries in {} ({} conflicts)",
        merged.concepts().len(),
        args.output.display(),
        conflicts.len()
    )?;
    Ok(Outcome::Done)
}
