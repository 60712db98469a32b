//! `zhterm build`: corpus in, glossary folder out, in one commit of the folder's writer
//! (`zhterm::store`), so a failed or killed build leaves the previous glossary as it was;
//! reviewed entries of a glossary already in the folder are kept.

use super::{EncodingArg, KindArg, Outcome, WaitArg};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use zhterm::lexicon::UserDictionary;
use zhterm::store::sources::CorpusRoot;
use zhterm::store::{Candidates, Writer};
use zhterm::{corpus, pipeline};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders to read (default: glossary/corpus).
    inputs: Vec<PathBuf>,
    /// Glossary folder to write.
    #[arg(short, long, default_value = "glossary")]
    output: PathBuf,
    /// Read every input as this kind instead of detecting it.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Decode every input with this encoding instead of detecting it.
    #[arg(long, value_enum)]
    encoding: Option<EncodingArg>,
    /// Of TMX units holding several Chinese variants (zh-CN and zh-TW), read this one
    /// (default: the locale most of the file's Chinese variants carry).
    #[arg(long, value_name = "TAG")]
    zh_locale: Option<String>,
    /// Fail on the first bad file inside a folder instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// Align `.zh`/`.en` line files of different lengths as documents instead of refusing them.
    #[arg(long)]
    allow_mismatch: bool,
    /// Your own dictionary: UTF-8 lines `zh<TAB>en` (senses separated by `|` or `;`, `#`
    /// comment lines), joined to CC-CEDICT for alignment and term translation.
    #[arg(long, value_name = "FILE")]
    dictionary: Option<PathBuf>,
    /// The Chinese terms the glossary holds: one a line (or a TSV's first column; `#`
    /// comment lines). Mining is skipped; each term gets the English found in the corpus, or
    /// none.
    #[arg(long, value_name = "FILE", conflicts_with = "max_terms")]
    terms: Option<PathBuf>,
    /// Most Chinese terms the glossary takes by rank [default: every candidate seen twice or
    /// cued that the ranking scores positive, so the glossary grows with the corpus].
    /// Candidates seen once or ranked below the last one taken, down to twice its rank, join
    /// too when their translation confirms them (a capitalised English name, or a dictionary
    /// sense rendered as such).
    #[arg(long, value_name = "N")]
    max_terms: Option<usize>,
    /// Also learn a lexical table (IBM Model 1) from the corpus's own sentence pairs, as term
    /// translation evidence for words CC-CEDICT lacks (from 1,000 pairs up; see README
    /// "Reading the scores").
    #[arg(long)]
    learned_lexicon: bool,
    /// Worker threads (default: all cores). The output is the same for any number.
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Also say how each file was read (its encoding).
    #[arg(short, long)]
    verbose: bool,
    /// Print stage times and peak memory (overall and at the end of each stage) as JSON on
    /// standard output: `{"stages": [[name, seconds, peak_rss_bytes], …], …}`.
    #[arg(long)]
    stats: bool,
    #[command(flatten)]
    wait: WaitArg,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let inputs = if args.inputs.is_empty() { vec![PathBuf::from("glossary/corpus")] } else { args.inputs };
    if let Some(jobs) = args.jobs {
        // Only fails if a pool already exists, which `build` never makes before this point.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build_global();
    }
    let started = std::time::Instant::now();
    let dir = &args.output;
    let options = corpus::LoadOptions {
        kind: args.kind.map(Into::into),
        encoding: args.encoding.map(Into::into),
        strict: args.strict,
        allow_mismatch: args.allow_mismatch,
        zh_locale: args.zh_locale.clone(),
        // The build's own output is never its input, even before it holds a graph.
        exclude: vec![dir.clone()],
    };
    // Before the corpus: a bad dictionary line is reported without reading a large corpus.
    let dictionary = args.dictionary.as_deref().map(UserDictionary::read).transpose()?.unwrap_or_default();
    let terms = args.terms.as_deref().map(zhterm::align::terms::given::read).transpose()?;
    let mut report = corpus::load(&inputs, &options)?;
    // Exports name each document relative to the corpus root, never by a local absolute path.
    let root = CorpusRoot::of(&inputs);
    for document in &mut report.documents {
        document.name = root.name(&document.name);
    }
    let (read, read_peak) = (started.elapsed(), zhterm::memory::peak_rss_bytes());
    // Before the build's work, not after it: the folder must be writable, and no other
    // writer may change it until this build commits (an import meanwhile waits, then fails).
    let writer = Writer::lock(dir, args.wait.duration())?;
    // Not held locked across the build: a worker thread's panic message waits for the lock,
    // and the build would hang on it instead of failing.
    let mut err = std::io::stderr();
    if args.verbose {
        for (path, charset) in &report.encodings {
            writeln!(err, "zhterm: {}: {}", path.display(), charset.describe())?;
        }
    }
    if !args.quiet {
        for (path, message) in &report.warnings {
            writeln!(err, "zhterm: warning: {}: {message}", path.display())?;
        }
        for (_, error) in &report.skipped {
            writeln!(err, "zhterm: warning: skipped {error}")?;
        }
    }
    let docs = &report.documents;
    // A glossary folder that already holds a graph may hold a reviewer's decisions: the
    // build keeps them.
    let previous = writer.glossary().graph_if_present().with_context(|| {
        format!("reading the reviewed entries of {} (move its graph.json away to start afresh)", dir.display())
    })?;
    // Progress, one line a finished stage, only for a person watching a terminal.
    let show_progress = !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut progress = |stage: &pipeline::Stage| {
        if show_progress {
            let peak = stage.peak_rss_bytes.map_or(String::new(), |b| format!(", peak {} MB", b / 1_000_000));
            eprintln!("zhterm: {} done in {:.1}s{peak}", stage.name, stage.time.as_secs_f64());
        }
    };
    let options =
        pipeline::BuildOptions { max_terms: args.max_terms, dictionary, learned_lexicon: args.learned_lexicon, terms };
    let build = pipeline::build_observed(docs, &options, previous.as_ref(), &mut progress);
    // One commit: the graph, its exports, the candidate list and the look-up index.
    writer
        .commit_graph(&build.graph, Candidates::Ranked(&build.candidates), &mut super::commit_observer())
        .with_context(|| format!("writing the glossary into {} (the previous one is unchanged)", dir.display()))?;
    if args.stats {
        let mut stages = vec![serde_json::json!(["read", read.as_secs_f64(), read_peak])];
        stages.extend(build.stages.iter().map(|s| serde_json::json!([s.name, s.time.as_secs_f64(), s.peak_rss_bytes])));
        let stats = serde_json::json!({
            "documents": docs.len(),
            "pairs": build.pairs.len(),
            "candidates": build.candidates.len(),
            "seconds": started.elapsed().as_secs_f64(),
            "stages": stages,
            "peak_rss_bytes": zhterm::memory::peak_rss_bytes(),
        });
        writeln!(std::io::stdout(), "{stats}")?;
    }
    if !args.quiet {
        let concepts = build.graph.concepts();
        let translated = concepts.iter().filter(|c| !c.en.is_empty()).count();
        let skipped = match report.skipped.len() {
            0 => String::new(),
            n => {
                let names: Vec<_> = report.skipped.iter().map(|(path, _)| path.display().to_string()).collect();
                format!(" ({n} skipped: {})", names.join(", "))
            }
        };
        let glossaries = match report.glossaries.len() {
            0 => String::new(),
            _ => {
                let names: Vec<_> = report.glossaries.iter().map(|path| path.display().to_string()).collect();
                format!(" (glossary folders not read: {})", names.join(", "))
            }
        };
        writeln!(
            err,
            "zhterm: {} documents{skipped}{glossaries}, {} sentence pairs, {} candidates → {} terms ({} with English) in {} [{:.1}s]",
            docs.len(),
            build.pairs.len(),
            build.candidates.len(),
            concepts.len(),
            translated,
            dir.display(),
            started.elapsed().as_secs_f64()
        )?;
    }
    // The process ends here: the operating system takes back the corpus, the candidates and
    // the graph at once, where freeing them piece by piece took half a second at 1M pairs.
    std::mem::forget(build);
    std::mem::forget(report);
    Ok(Outcome::Done)
}
