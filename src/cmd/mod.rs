//! Command-line interface: one module per command, each with its arguments and `run`.

mod align;
mod bench;
mod build;
mod candidates;
mod check;
mod eval;
mod export;
mod import;
mod lookup;
mod merge;
mod paint;

use clap::{Parser, Subcommand, ValueEnum};

/// Build Chinese→English terminology glossaries (TBX, CSV) from Chinese and bilingual text.
#[derive(Parser)]
#[command(name = "zhterm", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the glossary from a corpus and write it into a glossary folder.
    Build(build::Args),
    /// Look a term up (Chinese, English or pinyin) in a glossary.
    Lookup(lookup::Args),
    /// Export the glossary in another format.
    Export(export::Args),
    /// Apply a reviewer's edited CSV or TBX (status, corrected English, notes, new entries).
    Import(import::Args),
    /// Merge two glossaries; reviewed entries win over machine ones, conflicts are listed.
    Merge(merge::Args),
    /// Show the ranked Chinese term candidates of a glossary, or why one term scored as it did.
    Candidates(candidates::Args),
    /// Check a translation against the glossary: missing, rejected and inconsistent terms
    /// (exit 0 clean, 1 findings, 2 error).
    Check(check::Args),
    /// Align two texts sentence by sentence.
    Align(align::Args),
    /// Score a glossary against gold term lists.
    Eval(eval::Args),
    /// Measure build throughput and memory on synthetic translation memories.
    Bench(bench::Args),
}

/// `--wait SECONDS` of the commands that write a glossary.
#[derive(clap::Args)]
pub struct WaitArg {
    /// Seconds to wait for another zhterm writing the same glossary before giving up (exit 2,
    /// nothing changed).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    wait: f64,
}

impl WaitArg {
    fn duration(&self) -> std::time::Duration {
        std::time::Duration::try_from_secs_f64(self.wait).unwrap_or_default()
    }
}

/// What every writing command calls at each step of a commit. `ZHTERM_FAIL_AT` is a test hook
/// (tests/store.rs): the process aborts, as if killed there, at the step of that number or at
/// the first step whose description starts with that text (`commit`, `publish graph.json`).
fn commit_observer() -> impl FnMut(&zhterm::store::Step) {
    let fail_at = std::env::var("ZHTERM_FAIL_AT").ok().filter(|v| !v.is_empty());
    move |step| {
        if let Some(at) = &fail_at {
            if at.parse() == Ok(step.number) || step.what.starts_with(at.as_str()) {
                std::process::abort();
            }
        }
    }
}

/// How a command ended when it did not fail.
pub enum Outcome {
    Done,
    NotFound,
    /// `check` found segments that break the glossary.
    Findings,
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Lookup(args) => lookup::run(args),
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Candidates(args) => candidates::run(args),
        Command::Check(args) => check::run(args),
        Command::Align(args) => align::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
    }
}

/// Input kinds, for `--kind` (detected from name and content when not given).
#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// Running Chinese text.
    Plain,
    /// Chinese with spaces between words.
    Segmented,
    /// English and Chinese paragraphs interleaved.
    Bilingual,
    /// NAME.zh + NAME.en, line-aligned.
    LinePairs,
    /// zh<TAB>en a line (zh,en in a .csv file).
    Tsv,
    /// TMX 1.4.
    Tmx,
    /// XLIFF 1.2/2.0, SDLXLIFF, MQXLIFF.
    Xliff,
    /// An HTML page (its visible text).
    Html,
    /// A Word document.
    Docx,
}

impl From<KindArg> for zhterm::corpus::InputKind {
    fn from(kind: KindArg) -> Self {
        use zhterm::corpus::InputKind;
        match kind {
            KindArg::Plain => InputKind::Plain,
            KindArg::Segmented => InputKind::Segmented,
            KindArg::Bilingual => InputKind::Bilingual,
            KindArg::LinePairs => InputKind::LinePairs,
            KindArg::Tsv => InputKind::Tsv,
            KindArg::Tmx => InputKind::Tmx,
            KindArg::Xliff => InputKind::Xliff,
            KindArg::Html => InputKind::Html,
            KindArg::Docx => InputKind::Docx,
        }
    }
}

/// Text encodings, for `--encoding` (detected when not given).
#[derive(Clone, Copy, ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "utf-16le")]
    Utf16le,
    #[value(name = "utf-16be")]
    Utf16be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    /// Read as GB18030, its superset.
    Gbk,
    /// Traditional Chinese (Taiwan, Hong Kong).
    Big5,
}

impl From<EncodingArg> for &'static encoding_rs::Encoding {
    fn from(encoding: EncodingArg) -> Self {
        match encoding {
            EncodingArg::Utf8 => encoding_rs::UTF_8,
            EncodingArg::Utf16le => encoding_rs::UTF_16LE,
            EncodingArg::Utf16be => encoding_rs::UTF_16BE,
            EncodingArg::Gb18030 | EncodingArg::Gbk => encoding_rs::GB18030,
            EncodingArg::Big5 => encoding_rs::BIG5,
        }
    }
}
