//! `zhterm align`: sentence alignment of two files, one sentence a line or raw documents.

use super::Outcome;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;
use zhterm::align::input::{self, AlignText, Language, Layout};
use zhterm::align::{sentence::format_bead, Features};
use zhterm::corpus::read_text;
use zhterm::lexicon::UserDictionary;
use zhterm::pipeline::dictionaries;

#[derive(clap::Args)]
pub struct Args {
    /// Chinese file: one sentence a line, or a raw document.
    zh: PathBuf,
    /// English file: one sentence a line, or a raw document.
    en: PathBuf,
    /// Output: beads (`[0,1]:[0]`, 0-based sentence numbers) or tab-separated sentence pairs.
    #[arg(long, value_enum, default_value_t = AlignFormat::Beads)]
    format: AlignFormat,
    /// Your own dictionary (`zh<TAB>en` lines, as for `build`), joined to CC-CEDICT.
    #[arg(long, value_name = "FILE")]
    dictionary: Option<PathBuf>,
    /// How each file is laid out (auto decides for each file on its own).
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    input: InputArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum AlignFormat {
    Beads,
    Tsv,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputArg {
    /// Lines when most lines are one whole sentence (ending in final punctuation), raw
    /// otherwise.
    Auto,
    /// One sentence a line; sentence numbers are line numbers.
    Lines,
    /// Running text: paragraphs are aligned first, then the sentences inside paragraph pairs.
    Raw,
}

impl InputArg {
    fn layout(self) -> Option<Layout> {
        match self {
            InputArg::Auto => None,
            InputArg::Lines => Some(Layout::Lines),
            InputArg::Raw => Some(Layout::Raw),
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let zh = AlignText::new(&read_text(&args.zh)?, Language::Chinese, args.input.layout());
    let en = AlignText::new(&read_text(&args.en)?, Language::English, args.input.layout());
    let dictionary = args.dictionary.as_deref().map(UserDictionary::read).transpose()?.unwrap_or_default();
    let (segmenter, lexicon) = dictionaries(&dictionary);
    let beads = input::align(&zh, &en, &mut Features::new(&segmenter, &lexicon));
    let mut out = std::io::stdout().lock();
    for bead in beads {
        match args.format {
            AlignFormat::Beads => writeln!(out, "{}", format_bead(&bead))?,
            AlignFormat::Tsv => {
                let side = |text: &AlignText, r: std::ops::Range<usize>| {
                    r.map(|i| text.sentence(i)).collect::<Vec<_>>().join(" ")
                };
                writeln!(out, "{}\t{}", side(&zh, bead.zh), side(&en, bead.en))?;
            }
        }
    }
    Ok(Outcome::Done)
}
