//! `zhterm merge`: join two glossaries into a third.

use super::Outcome;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use zhterm::{curate, store};

#[derive(clap::Args)]
pub struct Args {
    /// The first glossary folder: its decision is kept when two reviewed entries disagree.
    first: PathBuf,
    /// The second glossary folder.
    second: PathBuf,
    /// Glossary folder to write (graph.json, glossary.csv, glossary.tbx).
    #[arg(short, long)]
    output: PathBuf,
    /// Write nothing and fail (exit 2) if two reviewed entries disagree.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let first = store::load(&args.first)?;
    let second = store::load(&args.second)?;
    let (merged, conflicts) = curate::merge::merge(&first, &second);
    let mut err = std::io::stderr().lock();
    for c in &conflicts {
        writeln!(err, "zhterm: warning: conflict on {}: kept {} (first), not {} (second)", c.zh, c.kept, c.other)?;
    }
    if args.strict && !conflicts.is_empty() {
        anyhow::bail!(
            "{} conflicting reviewed entries; nothing written (drop --strict to keep the first's)",
            conflicts.len()
        );
    }
    curate::write_glossary(&args.output, &merged)
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
