//! `zhterm align`: sentence alignment of two files, one sentence a line.

use super::Outcome;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;
use zhterm::align::{align_texts, sentence::format_bead, Features};
use zhterm::corpus::read_text;
use zhterm::lexicon::Lexicon;
use zhterm::segment::Segmenter;

#[derive(clap::Args)]
pub struct Args {
    /// Chinese file, one sentence a line.
    zh: PathBuf,
    /// English file, one sentence a line.
    en: PathBuf,
    /// Output: beads (`[0,1]:[0]`, 0-based line numbers) or tab-separated sentence pairs.
    #[arg(long, value_enum, default_value_t = AlignFormat::Beads)]
    format: AlignFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum AlignFormat {
    Beads,
    Tsv,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let zh_text = read_text(&args.zh)?;
    let en_text = read_text(&args.en)?;
    let zh: Vec<&str> = zh_text.lines().collect();
    let en: Vec<&str> = en_text.lines().collect();
    let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
    let beads = align_texts(&zh, &en, &mut Features::new(&segmenter, &lexicon));
    let mut out = std::io::stdout().lock();
    for bead in beads {
        match args.format {
            AlignFormat::Beads => writeln!(out, "{}", format_bead(&bead))?,
            AlignFormat::Tsv => {
                let side = |lines: &[&str], r: std::ops::Range<usize>| lines[r].join(" ");
                writeln!(out, "{}\t{}", side(&zh, bead.zh), side(&en, bead.en))?;
            }
        }
    }
    Ok(Outcome::Done)
}
