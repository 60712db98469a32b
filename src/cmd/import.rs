//! `zhterm import`: apply a reviewer's edited export to a glossary.

use super::{Outcome, WaitArg};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use zhterm::curate;
use zhterm::store::{Candidates, Writer};

#[derive(clap::Args)]
pub struct Args {
    /// The edited file, in any profile zhterm exports: csv, memoq, trados, crowdin (by their
    /// header), omegat (headerless .utf8/.txt), tbx, tbx2008 or json.
    file: PathBuf,
    /// Glossary folder to update.
    #[arg(short, long, default_value = "glossary")]
    glossary: PathBuf,
    /// Date for changes the file does not date, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_parser = parse_date)]
    date: Option<String>,
    #[command(flatten)]
    wait: WaitArg,
}

fn parse_date(text: &str) -> Result<String, String> {
    curate::parse_date(text).ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    // The file is read before the lock is taken, so a bad file never makes another writer wait.
    let edits = curate::read(&args.file)?;
    // The glossary is read under the lock: the edits go on top of whatever the writer before
    // this one committed.
    let writer = Writer::lock_existing(&args.glossary, args.wait.duration())?;
    let mut graph = writer.glossary().graph()?;
    let today = args.date.unwrap_or_else(curate::today);
    let summary = curate::apply(&mut graph, &edits, &today);
    if summary.changed() {
        writer
            .commit_graph(&graph, Candidates::Kept, &mut super::commit_observer())
            .with_context(|| format!("writing the glossary into {}", args.glossary.display()))?;
    }
    writeln!(
        std::io::stderr(),
        "zhterm: {} approved, {} corrected, {} rejected, {} added ({} otherwise changed, {} unchanged) in {}",
        summary.approved,
        summary.corrected,
        summary.rejected,
        summary.added,
        summary.other,
        summary.unchanged,
        args.glossary.display()
    )?;
    Ok(Outcome::Done)
}
