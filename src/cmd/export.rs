//! `zhterm export`: write a stored glossary in an exchange format.

use super::Outcome;
use anyhow::Context;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;
use zhterm::export;
use zhterm::export::filter::Filter;
use zhterm::export::Format;
use zhterm::graph::Status;
use zhterm::store::{self, Glossary};

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
    /// Only entries with at least one English equivalent.
    #[arg(long)]
    with_english: bool,
    /// Only entries scoring at least this much (entries a reviewer added, which have no
    /// score, are kept).
    #[arg(long, value_name = "SCORE")]
    min_score: Option<f64>,
    /// Rejected entries too (left out otherwise; `--status rejected` gives them alone).
    #[arg(long)]
    include_rejected: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    /// Machine-made, not reviewed.
    Candidate,
    /// Approved by a reviewer.
    Approved,
    /// Rejected by a reviewer (left out of every export unless asked for).
    Rejected,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let graph = Glossary::open(&args.glossary)?.graph()?;
    let filter = Filter {
        status: args.status.map(|status| match status {
            StatusArg::Candidate => Status::Candidate,
            StatusArg::Approved => Status::Approved,
            StatusArg::Rejected => Status::Rejected,
        }),
        with_english: args.with_english,
        min_score: args.min_score,
        rejected: args.include_rejected,
    };
    let bytes = export::render(&filter.apply(&graph), args.format)?;
    match &args.output {
        Some(path) => store::write_atomic(path, &bytes).with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(Outcome::Done)
}
