//! Cold look-up in a large glossary: generates a 100,000-entry store (graph.json + lookup.idx)
//! in a temporary folder, then times fresh `zhterm lookup` processes for each kind of query,
//! with and without the index, then again after a `zhterm import` into it (which commits a
//! fresh index with the graph). Run: `cargo bench --bench lookup` (ENTRIES=N to resize).
//! Prints the median wall time of each query kind and the peak memory of the look-up processes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use zhterm::graph::{Context, Lang, Relation, Term, TermGraph, TermKind, Translation};
use zhterm::store::{Candidates, Writer, GRAPH_FILE, INDEX_FILE};

/// Set in the child run that generates the store.
const GENERATE_INTO: &str = "ZHTERM_BENCH_GENERATE_INTO";

const HEADS: [&str; 50] = [
    "电", "网", "光", "热", "水", "气", "风", "能", "储", "控", "测", "量", "压", "流", "频", "相", "线", "缆", "阀",
    "泵", "桥", "塔", "轨", "车", "船", "舱", "板", "管", "芯", "片", "码", "数", "据", "算", "模", "型", "图", "像",
    "声", "波", "磁", "场", "源", "载", "荷", "温", "湿", "尘", "噪", "振",
];
const TAILS: [&str; 10] = ["器", "站", "系统", "装置", "模块", "接口", "协议", "标准", "单元", "平台"];
const WORDS: [&str; 50] = [
    "power",
    "grid",
    "optical",
    "thermal",
    "water",
    "gas",
    "wind",
    "energy",
    "storage",
    "control",
    "sensing",
    "metering",
    "pressure",
    "flow",
    "frequency",
    "phase",
    "line",
    "cable",
    "valve",
    "pump",
    "bridge",
    "tower",
    "rail",
    "vehicle",
    "vessel",
    "cabin",
    "panel",
    "pipe",
    "core",
    "chip",
    "code",
    "data",
    "record",
    "compute",
    "model",
    "type",
    "chart",
    "image",
    "acoustic",
    "wave",
    "magnetic",
    "field",
    "source",
    "carrier",
    "load",
    "temperature",
    "humidity",
    "dust",
    "noise",
    "vibration",
];
const NOUNS: [&str; 10] =
    ["device", "station", "system", "apparatus", "module", "interface", "protocol", "standard", "unit", "platform"];

fn names(i: usize) -> (String, String) {
    let (a, b, c) = (i % 50, (i / 50) % 50, (i / 2500) % 50);
    let tail = (i / 125_000 + i) % 10;
    let zh = format!("{}{}{}{}", HEADS[c], HEADS[b], HEADS[a], TAILS[tail]);
    let en = format!("{} {} {} {}", WORDS[c], WORDS[b], WORDS[a], NOUNS[tail]);
    (zh, en)
}

fn generate(entries: usize) -> TermGraph {
    let mut g = TermGraph::default();
    for i in 0..entries {
        let (zh, en) = names(i);
        let context = Context {
            source: format!("specs/part-{}.txt", i / 1000),
            zh: format!("本文件规定了{zh}的技术要求和试验方法。"),
            en: Some(format!("This document specifies the technical requirements and test methods for the {en}.")),
        };
        let term = Term {
            rank: Some(i + 1),
            frequency: 3,
            documents: 1,
            contexts: vec![context],
            ..Term::new(zh, Lang::Zh, TermKind::Term)
        };
        let zh_node = g.add_term(term);
        let en_node = g.add_term(Term::new(en, Lang::En, TermKind::Term));
        let t = Translation::aligned(0.8, 3, 0.8, 0.5);
        g.relate(zh_node, en_node, Relation::Translation(t));
    }
    g
}

/// Wall time, CPU time (user + system) and peak resident memory (KiB) of one fresh look-up
/// process, measured with wait4 so that each number is that process's own.
#[expect(clippy::zombie_processes, reason = "the child is reaped by wait4, which also reports its usage")]
fn time_lookup(dir: &Path, query: &str) -> (Duration, Duration, i64) {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_zhterm"))
        .args(["lookup", "-g", dir.to_str().unwrap(), query])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("zhterm runs");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child and writes only into the two locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert!(pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1, "look-up of {query:?} failed");
    let seconds = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    (wall, seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_maxrss)
}

/// Medians of `runs` look-ups, and the largest peak memory.
fn measure(dir: &Path, query: &str, runs: usize) -> (Duration, Duration, i64) {
    let samples: Vec<_> = (0..runs).map(|_| time_lookup(dir, query)).collect();
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[runs / 2]
    };
    let peak = samples.iter().map(|s| s.2).max().unwrap_or(0);
    (median(samples.iter().map(|s| s.0).collect()), median(samples.iter().map(|s| s.1).collect()), peak)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    // The store is generated by a child run of this program, so that the look-up processes
    // are not forked from a process holding the whole graph (their peak memory would count it).
    if let Some(dir) = std::env::var_os(GENERATE_INTO) {
        let entries: usize = std::env::var("ENTRIES").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
        let graph = generate(entries);
        let dir = Path::new(&dir);
        let writer = Writer::lock(dir, Duration::ZERO).unwrap();
        writer.commit_graph(&graph, Candidates::Kept, &mut |_| {}).unwrap();
        return;
    }
    let entries: usize = std::env::var("ENTRIES").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    // BENCH_KEEP=DIR generates into DIR and keeps it, to profile a look-up by hand.
    let temporary = tempfile::tempdir().expect("temporary folder");
    let dir = std::env::var_os("BENCH_KEEP").map_or(temporary.path().to_path_buf(), std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    let started = Instant::now();
    let status = Command::new(std::env::current_exe().unwrap()).env(GENERATE_INTO, &dir).status().unwrap();
    assert!(status.success(), "generating the store failed");
    let size = |name: &str| std::fs::metadata(dir.join(name)).map_or(0, |m| m.len()) as f64 / 1e6;
    println!(
        "generated {entries} entries in {:.1}s: graph.json {:.1} MB, lookup.idx {:.1} MB",
        started.elapsed().as_secs_f64(),
        size(GRAPH_FILE),
        size(INDEX_FILE)
    );
    let (last_zh, last_en) = names(entries - 1);
    let queries = [
        ("exact Chinese", last_zh.clone()),
        ("normalised English", last_en.to_uppercase()),
        ("pinyin", zhterm::lookup::keys::pinyin(&last_zh, true)),
        ("prefix", last_zh.chars().take(2).collect()),
        ("fuzzy (typo)", last_en.replacen('a', "", 1)),
        ("miss (full fuzzy scan)", "quantum chromodynamics laboratory".to_string()),
    ];
    println!("{:<24} {:<42} {:>9} {:>9} {:>9}", "look-up", "query", "wall ms", "cpu ms", "peak MiB");
    let row = |kind: &str, query: &str, (wall, cpu, peak): (Duration, Duration, i64)| {
        println!("{kind:<24} {query:<42} {:>9.1} {:>9.1} {:>9.1}", ms(wall), ms(cpu), peak as f64 / 1024.0);
    };
    for (kind, query) in &queries {
        row(kind, query, measure(&dir, query, 9));
    }
    // A reviewer approves one entry: the import commits the graph and its index together, so
    // look-ups stay as fast as after the build.
    let review = dir.join("review.csv");
    std::fs::write(&review, format!("zh-CN,en,status\n{last_zh},{last_en},approved\n")).unwrap();
    let started = Instant::now();
    let imported = Command::new(env!("CARGO_BIN_EXE_zhterm"))
        .args(["import", review.to_str().unwrap(), "-g", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(imported.status.success(), "import failed: {}", String::from_utf8_lossy(&imported.stderr));
    println!("import of one approval: {:.1}s", started.elapsed().as_secs_f64());
    for (kind, query) in &queries[..2] {
        row(&format!("after import: {kind}"), query, measure(&dir, query, 9));
    }
    // Last, and by renaming (not reading) the index, so this process never holds a large
    // file when it forks the look-ups above: a child's peak memory counts its parent's.
    let index = dir.join(INDEX_FILE);
    let aside = dir.join("lookup.idx.aside");
    std::fs::rename(&index, &aside).unwrap();
    row("without lookup.idx", &queries[0].1, measure(&dir, &queries[0].1, 3));
    std::fs::rename(&aside, &index).unwrap();
}
