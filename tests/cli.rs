//! Runs the real `zhterm` binary on the bundled corpus and on small fixtures of every input
//! kind.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::zhterm;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// Builds `inputs` into a fresh folder and returns it.
fn build(inputs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap().to_string();
    let mut args = vec!["build", "--quiet", "-o", out.as_str()];
    args.extend_from_slice(inputs);
    let output = zhterm(&args);
    assert!(output.status.success(), "build failed: {}", String::from_utf8_lossy(&output.stderr));
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_committed_glossary_is_what_build_produces() {
    let dir = build(&[]);
    for name in ["graph.json", "glossary.csv", "glossary.tbx", "candidates.csv"] {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("glossary").join(name);
        assert!(
            read(&dir.path().join(name)) == read(&committed),
            "glossary/{name} is stale: run `cargo run --release -- build` and commit the result"
        );
    }
}

#[test]
fn lookup_finds_chinese_and_english_and_exits_1_on_nothing() {
    let output = zhterm(&["lookup", "快捷通道"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let first = text.lines().next().unwrap_or_default();
    assert!(first.starts_with("快捷通道  →  ") && !first.contains("no English"), "{text}");

    let output = zhterm(&["lookup", "Shanghai Spirit"]);
    assert!(output.status.success());
    assert!(stdout(&output).starts_with("上海精神"), "{}", stdout(&output));

    let output = zhterm(&["lookup", "根本不存在的术语"]);
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn lookup_json_is_machine_readable() {
    let output = zhterm(&["lookup", "--json", "上海精神"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value[0]["zh"], "上海精神");
    assert_eq!(value[0]["match"], "exact");
}

#[test]
fn plain_chinese_text_yields_its_terms() {
    let dir = build(&[&fixture("plain.txt")]);
    let candidates = read(&dir.path().join("candidates.csv"));
    for term in ["药品注册管理办法", "药品上市许可持有人", "临床试验"] {
        assert!(candidates.contains(&format!(",{term},")), "{term} missing:\n{candidates}");
    }
}

#[test]
fn segmented_text_is_joined_before_mining() {
    let dir = build(&[&fixture("segmented.txt")]);
    let candidates = read(&dir.path().join("candidates.csv"));
    assert!(candidates.contains(",智能电网,"), "{candidates}");
    assert!(candidates.contains(",能源转型,"), "{candidates}");
    assert!(!candidates.contains("智能 电网"));
    // jieba cuts 可/再生能源; the bound prefix 可 ("-able") is joined back.
    assert!(candidates.contains(",可再生能源,"), "{candidates}");
    assert!(!candidates.contains(",再生能源,"), "{candidates}");
}

#[test]
fn each_parallel_kind_gives_english_equivalents() {
    for (inputs, zh, en) in [
        (vec![fixture("customs.zh")], "单一窗口申报", "single window declaration"),
        (vec![fixture("memory.tsv")], "知识产权许可", "intellectual property licensing"),
        (vec![fixture("memory.tmx")], "漏电保护器", "residual current device"),
        (vec![fixture("bilingual.txt")], "农村宽带工程", "rural broadband program"),
    ] {
        let args: Vec<&str> = inputs.iter().map(String::as_str).collect();
        let dir = build(&args);
        let glossary = read(&dir.path().join("glossary.csv"));
        let row =
            glossary.lines().find(|l| l.starts_with(&format!("{zh},")) || l.starts_with(&format!("\u{feff}{zh},")));
        let row = row.unwrap_or_else(|| panic!("{zh} not in glossary from {inputs:?}:\n{glossary}"));
        assert!(row.to_lowercase().starts_with(&format!("{zh},{en}")), "{inputs:?}: {row}");
    }
}

#[test]
fn export_writes_tbx_and_csv_to_stdout() {
    let output = zhterm(&["export", "--format", "tbx"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("<tbx type=\"TBX-Basic\" style=\"dca\""));
    let output = zhterm(&["export", "--format", "csv"]);
    assert!(stdout(&output).starts_with("\u{feff}zh-CN,en,"));
}

#[test]
fn errors_exit_2_with_one_line_naming_the_path() {
    let output = zhterm(&["build", "-o", "/tmp/zhterm-never-written", "no/such/file.txt"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("no/such/file.txt") && message.lines().count() == 1, "{message}");

    let empty = tempfile::tempdir().unwrap();
    let output = zhterm(&["lookup", "-g", empty.path().to_str().unwrap(), "上海精神"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("zhterm build"));
}

#[test]
fn align_prints_beads_in_benchmark_format() {
    let output = zhterm(&["align", &fixture("customs.zh"), &fixture("customs.en")]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
}

#[test]
fn lookup_answers_pinyin_prefixes_and_short_forms_in_the_fixture() {
    for (query, first_line) in [
        ("loudian baohuqi", "漏电保护器  →  residual current device | residual current circuit breaker | RCD"),
        ("lòudiàn bǎohùqì", "漏电保护器  →  "),
        ("RCD", "漏电保护器  →  "),
        ("国际电工委", "国际电工委员会  →  International Electrotechnical Commission | IEC"),
        ("医疗器械", "医疗器械注册证  →  (no English equivalent found)"),
    ] {
        let output = zhterm(&["lookup", "-g", "tests/fixtures", query]);
        assert!(output.status.success(), "{query}");
        let text = stdout(&output);
        assert!(text.starts_with(first_line), "{query}: {text}");
        assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
    }
    let output = zhterm(&["lookup", "-g", "tests/fixtures", "guoji", "diangong", "weiyuanhui"]);
    assert!(stdout(&output).starts_with("国际电工委员会  →"), "unquoted words are one query");
    let output = zhterm(&["lookup", "-g", "tests/fixtures", "接地故障"]);
    assert_eq!(output.status.code(), Some(1), "a rejected term is not an entry");
}

#[test]
fn lookup_json_carries_the_entry_and_how_it_matched() {
    let output = zhterm(&["lookup", "-g", "tests/fixtures", "--json", "protective devices"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value[0]["match"], "normalized");
    assert_eq!(value[0]["concept_id"], "c2");
    assert_eq!(value[0]["contained_in"][0], "漏电保护器");
    assert_eq!(value[0]["pinyin"], "bǎo hù qì");
}

#[test]
fn lookup_shows_the_sentence_pairs_that_support_the_english() {
    let dir = build(&[&fixture("memory.tsv")]);
    let g = dir.path().to_str().unwrap();
    let output = zhterm(&["lookup", "-g", g, "-n", "1", "知识产权"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let english = text.lines().next().and_then(|l| l.split("  →  ").nth(1)).unwrap().split(" | ").next().unwrap();
    assert!(text.contains(&format!("sentence pairs support {english:?}")), "{text}");
    let zh: Vec<&str> = text.lines().filter_map(|l| l.trim_start().strip_prefix("zh: ")).collect();
    let en: Vec<&str> = text.lines().filter_map(|l| l.trim_start().strip_prefix("en: ")).collect();
    assert!((1..=2).contains(&zh.len()) && zh.len() == en.len(), "at most two pairs shown: {text}");
    for (zh, en) in zh.iter().zip(&en) {
        assert!(zh.contains("知识产权"), "{zh}");
        assert!(en.to_lowercase().contains(&english.to_lowercase()), "{en} lacks {english}");
    }

    let output = zhterm(&["lookup", "-g", g, "-n", "1", "--json", "知识产权"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let translation = &value[0]["en"][0]["translation"];
    let ids = translation["pairs"].as_array().expect("pair ids on the translation");
    assert!(ids.len() > zh.len(), "the JSON lists every pair the entry keeps: {value}");
    assert!(translation["cooccurrences"].as_u64().unwrap() >= ids.len() as u64);
    for id in ids {
        let evidence = value[0]["evidence"].as_array().unwrap();
        let pair = evidence.iter().find(|p| p["id"] == *id).unwrap_or_else(|| panic!("pair {id} missing"));
        assert!(pair["zh"].as_str().unwrap().contains("知识产权"), "{pair}");
        assert!(pair["en"].as_str().unwrap().to_lowercase().contains(&english.to_lowercase()), "{pair}");
        assert_eq!(pair["source"], "memory.tsv", "named relative to the corpus root");
    }
}

#[test]
fn a_stale_lookup_index_is_ignored_for_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let graph_path = dir.path().join("graph.json");
    let fixture = read(Path::new(&fixture("graph.json")));
    std::fs::write(&graph_path, &fixture).unwrap();
    let graph = zhterm::store::load(dir.path()).unwrap();
    let writer = zhterm::store::Writer::lock(dir.path(), std::time::Duration::ZERO).unwrap();
    writer.commit_graph(&graph, zhterm::store::Candidates::Kept, &mut |_| {}).unwrap();
    let fixture = read(&graph_path);
    let g = dir.path().to_str().unwrap();
    assert!(zhterm(&["lookup", "-g", g, "保护器"]).status.success());
    // Someone rejects 保护器 by editing the graph by hand; the old index must not answer for it.
    let mut value: serde_json::Value = serde_json::from_str(&fixture).unwrap();
    let node = value["nodes"].as_array_mut().unwrap().iter_mut().find(|n| n["text"] == "保护器").unwrap();
    node["status"] = "rejected".into();
    let edited = serde_json::to_string_pretty(&value).unwrap() + "\n";
    assert_ne!(edited, fixture);
    std::fs::write(&graph_path, edited).unwrap();
    let output = zhterm(&["lookup", "-g", g, "-n", "1", "保护器"]);
    assert!(!stdout(&output).starts_with("保护器  →"), "{}", stdout(&output));
}

#[test]
fn build_writes_the_lookup_index_that_lookup_reads() {
    let dir = build(&[&fixture("plain.txt")]);
    let index = read(&dir.path().join("lookup.idx"));
    assert!(index.starts_with("zhterm-lookup-index\t4\t"), "{}", &index[..index.len().min(80)]);
    let output = zhterm(&["lookup", "-g", dir.path().to_str().unwrap(), "linchuang shiyan"]);
    assert!(stdout(&output).starts_with("临床试验  →"), "{}", stdout(&output));
}

#[test]
fn align_finds_split_and_untranslated_sentences() {
    let output = zhterm(&["align", &fixture("story.zh"), &fixture("story.en")]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), "[0]:[0]\n[1]:[1]\n[2]:[2,3]\n[3]:[4]\n[4]:[]\n[5]:[5]\n");
    let output = zhterm(&["align", "--format", "tsv", &fixture("story.zh"), &fixture("story.en")]);
    let tsv = stdout(&output);
    assert!(tsv.lines().any(|l| l.starts_with("第三天") && l.ends_with("toward the sea.")), "{tsv}");
}
