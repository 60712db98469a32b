//! `zhterm export`: write a stored glossary in an exchange format.

use super::Outcome;
use anyhow::Context;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;
use zhterm::export::Format;
use zhterm::graph::Status;
use zhterm::{curate, export, store};

#[derive(clap::Args)]
pub struct Args {
    /// Glossary folder.
    #[arg(short, long, default_value = "glossary")]
    glossary: PathBuf,
    /// Output format.
    #[arg(short, long, value_enum)]
    format: Format,
    /// Output file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Only entries of this review status.
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    /// Machine-made, not reviewed.
    Candidate,
    /// Approved by a reviewer.
    Approved,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut graph = store::load(&args.glossary)?;
    if let Some(status) = args.status {
        let status = match status {
            StatusArg::Candidate => Status::Candidate,
            StatusArg::Approved => Status::Approved,
        };
        graph = curate::with_status(&graph, status);
    }
    let bytes = export::render(&graph, args.format)?;
    match &args.output {
        Some(path) => store::write_atomic(path, &bytes).with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(Outcome::Done)
}
