//! `zhterm export`: write a stored glossary in an exchange format.

use super::Outcome;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use zhterm::export::Format;
use zhterm::{export, store};

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
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let graph = store::load(&args.glossary)?;
    let bytes = export::render(&graph, args.format)?;
    match &args.output {
        Some(path) => store::write_atomic(path, &bytes).with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(Outcome::Done)
}
