//! `zhterm bench`: builds glossaries from synthetic translation memories of growing size and
//! prints throughput, stage times and peak memory — the harness behind the README's scale table.

use super::Outcome;
use anyhow::Context;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::Command;
use zhterm::bench::generate_tsv;

#[derive(clap::Args)]
pub struct Args {
    /// Corpus sizes, in sentence pairs.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
    pairs: Vec<usize>,
    /// Chinese side of the source parallel corpus (one sentence a line).
    #[arg(long, default_value = "../shared/data/un-v1.0-devset/UNv1.0.devset.zh")]
    zh: PathBuf,
    /// English side, line-aligned with --zh.
    #[arg(long, default_value = "../shared/data/un-v1.0-devset/UNv1.0.devset.en")]
    en: PathBuf,
    /// Rewrite part of each copy so the vocabulary grows with the corpus.
    #[arg(long)]
    grow: bool,
    /// Worker threads for the builds (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Build with the learned lexical table (`build --learned-lexicon`).
    #[arg(long)]
    learned_lexicon: bool,
    /// Keep the generated corpora and glossaries in this folder.
    #[arg(long)]
    keep: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let zh = zhterm::corpus::read_text(&args.zh)?;
    let en = zhterm::corpus::read_text(&args.en)?;
    let source: Vec<(String, String)> = zh
        .lines()
        .zip(en.lines())
        .filter(|(z, e)| !z.trim().is_empty() && !e.trim().is_empty())
        .map(|(z, e)| (z.replace('\t', " "), e.replace('\t', " ")))
        .collect();
    let temporary = tempfile_dir(args.keep.as_ref())?;
    let exe = std::env::current_exe().context("locating the zhterm binary")?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "source: {} pairs from {}{}",
        source.len(),
        args.zh.display(),
        if args.grow { " (growing vocabulary)" } else { "" }
    )?;
    writeln!(
        out,
        "| pairs | zh MB | distinct zh lines | wall s | pairs/s | peak RSS MB | stages: s (peak MB at its end) |"
    )?;
    writeln!(out, "|---:|---:|---:|---:|---:|---:|---|")?;
    for &count in &args.pairs {
        let corpus = temporary.join(format!("tm-{count}.tsv"));
        let file = std::fs::File::create(&corpus).with_context(|| format!("creating {}", corpus.display()))?;
        let mut writer = BufWriter::new(file);
        let made = generate_tsv(&source, count, args.grow, &mut writer)?;
        writer.flush()?;
        drop(writer);
        let distinct = distinct_zh_lines(&corpus)?;
        let glossary = temporary.join(format!("glossary-{count}"));
        let mut command = Command::new(&exe);
        command.args(["build", "--quiet", "--stats", "-o"]).arg(&glossary).arg(&corpus);
        if let Some(jobs) = args.jobs {
            command.args(["--jobs", &jobs.to_string()]);
        }
        if args.learned_lexicon {
            command.arg("--learned-lexicon");
        }
        let started = std::time::Instant::now();
        let output = command.output().context("running zhterm build")?;
        let wall = started.elapsed().as_secs_f64();
        if !output.status.success() {
            anyhow::bail!("build of {count} pairs failed: {}", String::from_utf8_lossy(&output.stderr).trim());
        }
        let stats: serde_json::Value = serde_json::from_slice(&output.stdout).context("reading build --stats")?;
        let stages = stats["stages"]
            .as_array()
            .map(|s| {
                s.iter()
                    .map(|st| {
                        let peak = st[2].as_f64().map_or(String::new(), |b| format!(" ({:.0} MB)", b / 1e6));
                        format!("{} {:.2}{peak}", st[0].as_str().unwrap_or("?"), st[1].as_f64().unwrap_or(0.0))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let rss = stats["peak_rss_bytes"].as_f64().map_or("n/a".to_string(), |b| format!("{:.0}", b / 1e6));
        writeln!(
            out,
            "| {count} | {:.1} | {distinct} | {wall:.1} | {:.0} | {rss} | {stages} |",
            made.zh_bytes as f64 / 1e6,
            count as f64 / wall
        )?;
    }
    if args.keep.is_none() {
        let _ = std::fs::remove_dir_all(&temporary);
    }
    Ok(Outcome::Done)
}

fn tempfile_dir(keep: Option<&PathBuf>) -> anyhow::Result<PathBuf> {
    let dir = match keep {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!("zhterm-bench-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// Distinct Chinese segments: replication keeps this at the source's count, growth raises it.
fn distinct_zh_lines(path: &std::path::Path) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(path)?;
    Ok(text.lines().filter_map(|l| l.split('\t').next()).collect::<std::collections::HashSet<_>>().len())
}
