//! `zhterm check`: the segments of a bilingual file that break the glossary.

use super::paint::Paint;
use super::{EncodingArg, KindArg, Outcome};
use std::io::Write;
use std::path::PathBuf;
use zhterm::check::{self, Finding, Glossary, Kind, Report, StatusFilter};
use zhterm::corpus;
use zhterm::lexicon::Lexicon;

/// Findings shown per inconsistent rendering in the text output; `--json` lists them all.
const SHOWN_IDS: usize = 5;

#[derive(clap::Args)]
#[command(after_help = "\
Findings: missing (the source holds a glossary term, the target none of its accepted English),
rejected (the target uses English the glossary struck from the entry), inconsistent (a term
rendered two ways in one file). Plural, possessive, case, hyphen or space, an abbreviation of
the entry, one word inserted into a term of two words or more, and a head shared by coordinated
modifiers (sexual and reproductive health) are accepted.

Segment ids: FILE:LINE for .zh/.en line pairs; FILE#N for the N-th unit of a TMX, TSV or CSV
file, or the N-th aligned sentence pair of a bilingual document.

Exit status: 0 no finding, 1 findings, 2 error.")]
pub struct Args {
    /// Bilingual files or folders: TMX, TSV/CSV, NAME.zh + NAME.en line pairs, bilingual documents.
    #[arg(required = true, num_args = 1..)]
    inputs: Vec<PathBuf>,
    /// Glossary folder.
    #[arg(short, long, default_value = "glossary")]
    glossary: PathBuf,
    /// Entries to check against: `approved`, or `all` (machine candidates too). Default:
    /// approved when the glossary has approved entries, all otherwise (a fresh build).
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// One JSON object a line per finding on standard output (the summary goes to standard error).
    #[arg(long)]
    json: bool,
    /// Read every input as this kind instead of detecting it.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Decode every input with this encoding instead of detecting it.
    #[arg(long, value_enum)]
    encoding: Option<EncodingArg>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StatusArg {
    Approved,
    All,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let status = args.status.map(|s| match s {
        StatusArg::Approved => StatusFilter::Approved,
        StatusArg::All => StatusFilter::All,
    });
    // The glossary first: a missing glossary is reported before a large file is read.
    let glossary = Glossary::open(&args.glossary, status)?;
    let options = corpus::LoadOptions {
        kind: args.kind.map(Into::into),
        encoding: args.encoding.map(Into::into),
        ..Default::default()
    };
    let input = check::read(&args.inputs, &options)?;
    // Locked per line, never across the work (a worker's panic message would wait for it).
    let mut err = std::io::stderr();
    for (path, message) in &input.report.warnings {
        writeln!(err, "zhterm: warning: {}: {message}", path.display())?;
    }
    for (_, error) in &input.report.skipped {
        writeln!(err, "zhterm: warning: skipped {error}")?;
    }
    if glossary.entries.is_empty() {
        let which = if glossary.filter == StatusFilter::Approved { "approved " } else { "" };
        writeln!(
            err,
            "zhterm: warning: {} has no {which}entry with English to check against",
            args.glossary.display()
        )?;
    }
    let lexicon = Lexicon::new();
    let report = check::check(&glossary, &input.report.documents, &input.segments, &lexicon);
    let mut out = std::io::stdout().lock();
    if args.json {
        for finding in &report.findings {
            writeln!(out, "{}", serde_json::to_string(finding)?)?;
        }
        writeln!(err, "{}", summary(&report, &glossary))?;
    } else {
        let paint = Paint::for_output(&out);
        write_text(&mut out, &report, &glossary, paint)?;
        writeln!(out, "{}", summary(&report, &glossary))?;
    }
    Ok(if report.findings.is_empty() { Outcome::Done } else { Outcome::Findings })
}

/// `12 segments, 30 occurrences of 7 terms checked (approved entries): 2 missing, 1 inconsistent, 0 rejected`
fn summary(report: &Report, glossary: &Glossary) -> String {
    let which = match glossary.filter {
        StatusFilter::Approved => "approved entries",
        StatusFilter::All => "entries (all statuses)",
    };
    format!(
        "zhterm check: {} segments, {} occurrences of {} terms checked against {} {which}: {} missing, {} inconsistent, {} rejected",
        report.segments,
        report.occurrences,
        report.terms,
        glossary.entries.len(),
        report.count(Kind::Missing),
        report.count(Kind::Inconsistent),
        report.count(Kind::Rejected),
    )
}

/// The styles only `check` uses.
impl Paint {
    fn kind(self, kind: Kind) -> String {
        let code = match kind {
            Kind::Missing => "31",
            Kind::Rejected => "35",
            Kind::Inconsistent => "33",
        };
        self.style(&format!("1;{code}"), kind.as_str())
    }
    /// The term in its source: bracketed without colour, so it shows in a plain log too.
    fn mark(self, text: &str) -> String {
        if self.enabled() {
            self.style("1;4", text)
        } else {
            format!("[{text}]")
        }
    }
}

fn write_text(out: &mut impl Write, report: &Report, glossary: &Glossary, paint: Paint) -> std::io::Result<()> {
    let mut last_term: Option<&str> = None;
    for finding in &report.findings {
        if last_term != Some(&finding.concept_id) {
            if last_term.is_some() {
                writeln!(out)?;
            }
            last_term = Some(&finding.concept_id);
            let entry = glossary.entries.iter().find(|e| e.concept_id == finding.concept_id);
            let others: Vec<&str> =
                entry.map_or(Vec::new(), |e| e.english[1..].iter().map(|r| r.text.as_str()).collect());
            let also =
                if others.is_empty() { String::new() } else { format!("  (also accepted: {})", others.join(", ")) };
            writeln!(out, "{}  →  {}{}", paint.bold(&finding.term), paint.green(&finding.expected), also)?;
        }
        write_finding(out, finding, paint)?;
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

fn write_finding(out: &mut impl Write, f: &Finding, paint: Paint) -> std::io::Result<()> {
    if f.kind == Kind::Inconsistent {
        writeln!(out, "  {} in {}:", paint.kind(f.kind), f.file)?;
        for r in &f.renderings {
            let shown: Vec<&str> = r.ids.iter().take(SHOWN_IDS).map(|id| short_id(id, &f.file)).collect();
            let more = if r.ids.len() > SHOWN_IDS { format!(" +{}", r.ids.len() - SHOWN_IDS) } else { String::new() };
            let noun = if r.segments == 1 { "segment" } else { "segments" };
            let unknown = if r.accepted { "" } else { " (not in the glossary)" };
            writeln!(out, "    {:?}{unknown} in {} {noun}: {}{more}", r.english, r.segments, shown.join(" "))?;
        }
        return Ok(());
    }
    let instead = match (&f.used, f.kind) {
        (Some(used), Kind::Rejected) => format!(": uses {:?}, struck from the entry", used.text),
        (Some(used), _) => format!(": {:?} used instead", used.text),
        (None, _) => String::new(),
    };
    writeln!(out, "  {} {}{instead}", paint.kind(f.kind), f.segment.as_deref().unwrap_or(&f.file))?;
    if let Some(source) = &f.source {
        writeln!(out, "    zh: {}", marked(source, &f.marks, |t| paint.mark(t)))?;
    }
    if let Some(target) = &f.target {
        let used: Vec<_> = f.used.iter().map(|u| u.span.clone()).collect();
        writeln!(out, "    en: {}", marked(target, &used, |t| paint.style("4", t)))?;
    }
    Ok(())
}

/// The segment id without its file name when the group already names the file.
fn short_id<'a>(id: &'a str, file: &str) -> &'a str {
    id.strip_prefix(file).filter(|rest| rest.starts_with([':', '#'])).unwrap_or(id)
}

/// `text` with each of the (ascending, disjoint) `spans` passed through `mark`.
fn marked(text: &str, spans: &[std::ops::Range<usize>], mark: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push_str(&mark(&text[span.clone()]));
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}
