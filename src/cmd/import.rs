//! `zhterm import`: apply a reviewer's edited export to a glossary.

use super::Outcome;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use zhterm::{curate, store};

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
}

fn parse_date(text: &str) -> Result<String, String> {
    curate::parse_date(text).ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut graph = store::load(&args.glossary)?;
    let edits = curate::read(&args.file)?;
    let today = args.date.unwrap_or_else(curate::today);
    let summary = curate::apply(&mut graph, &edits, &today);
    if summary.changed() {
        curate::write_glossary(&args.glossary, &graph)
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
