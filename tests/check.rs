//! `zhterm check` through the binary, on a small orchard translation memory with planted
//! mistakes of each kind (tests/fixtures/check/) and a glossary written for it.

mod common;

use common::zhterm;
use serde_json::Value;
use std::path::Path;
use zhterm::graph::{Lang, Relation, Review, Status, Term, TermGraph, TermKind, Translation};

const MEMORY: &str = "tests/fixtures/check/orchard.tmx";
const PAIRS: &str = "tests/fixtures/check/pruning.zh";

/// An entry of the test glossary: Chinese, English (preferred first), its state.
struct Spec<'a> {
    zh: &'a str,
    en: &'a [&'a str],
    status: Status,
    struck: &'a [&'a str],
    zh_short: Option<&'a str>,
    en_short: Option<&'a str>,
}

const fn approved<'a>(zh: &'a str, en: &'a [&'a str]) -> Spec<'a> {
    Spec { zh, en, status: Status::Approved, struck: &[], zh_short: None, en_short: None }
}

/// Approved entries a reviewer kept, one struck rendering, short forms on both sides, and
/// one machine candidate.
fn glossary(dir: &Path) {
    let specs = [
        approved("温室", &["greenhouse", "glasshouse"]),
        approved("滴灌系统", &["drip irrigation system"]),
        approved("土壤湿度传感器", &["soil moisture sensor"]),
        Spec { en_short: Some("IPM"), ..approved("病虫害综合防治", &["integrated pest management"]) },
        Spec { struck: &["stock"], ..approved("砧木", &["rootstock"]) },
        Spec {
            zh_short: Some("粮农组织"),
            en_short: Some("FAO"),
            ..approved("联合国粮食及农业组织", &["Food and Agriculture Organization"])
        },
        Spec { status: Status::Candidate, ..approved("修剪", &["pruning"]) },
    ];
    let mut g = TermGraph::default();
    for (rank, spec) in specs.iter().enumerate() {
        let review = (spec.status == Status::Approved).then(|| Review {
            modified: Some("2026-01-01".into()),
            english: spec.en.iter().map(|e| e.to_string()).collect(),
            rejected_english: spec.struck.iter().map(|e| e.to_string()).collect(),
            ..Review::default()
        });
        let zh = g.add_term(Term {
            rank: Some(rank + 1),
            status: spec.status,
            review,
            ..Term::new(spec.zh, Lang::Zh, TermKind::Term)
        });
        for en in spec.en {
            let node = g.find_or_add(en, Lang::En, TermKind::Term);
            g.relate(zh, node, Relation::Translation(Translation::aligned(0.9, 3, 0.8, 1.0)));
        }
        for (short, lang) in [(spec.zh_short, Lang::Zh), (spec.en_short, Lang::En)] {
            if let Some(short) = short {
                let node = g.find_or_add(short, lang, TermKind::Abbreviation);
                g.relate(zh, node, Relation::Abbreviation);
            }
        }
    }
    std::fs::write(dir.join("graph.json"), zhterm::store::to_json(&g)).unwrap();
}

fn check(args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    glossary(dir.path());
    let glossary = dir.path().to_str().unwrap();
    let mut all = vec!["check", "-g", glossary];
    all.extend_from_slice(args);
    let out = zhterm(&all);
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn findings(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|line| serde_json::from_str(line).expect("one JSON object a line")).collect()
}

/// (kind, term, segment) of each finding.
fn keys(findings: &[Value]) -> Vec<(String, String, String)> {
    let text = |v: &Value, k: &str| v[k].as_str().unwrap_or("").to_string();
    findings.iter().map(|f| (text(f, "kind"), text(f, "term"), text(f, "segment"))).collect()
}

fn key(kind: &str, term: &str, segment: &str) -> (String, String, String) {
    (kind.into(), term.into(), segment.into())
}

#[test]
fn every_planted_mistake_is_found_and_nothing_else() {
    let (code, stdout, stderr) = check(&[MEMORY, "--json"]);
    assert_eq!(code, Some(1), "{stderr}");
    let found = findings(&stdout);
    let tu = |n: usize| format!("{MEMORY}#{n}");
    // Glossary order, then file, then kind (inconsistent, rejected, missing), then segment.
    assert_eq!(
        keys(&found),
        [
            key("inconsistent", "温室", ""),
            key("missing", "滴灌系统", &tu(8)),
            key("inconsistent", "土壤湿度传感器", ""),
            key("missing", "土壤湿度传感器", &tu(12)),
            key("rejected", "砧木", &tu(5)),
        ]
    );
    // The dictionary tells what TU 12 used instead, and that rendering counts against the
    // accepted one (TUs 2 and 10, plural-hyphenated and split by a word).
    assert_eq!(found[3]["used"]["text"], "soil humidity sensors");
    let sensor = &found[2]["renderings"];
    assert_eq!(
        (&sensor[0]["english"], &sensor[0]["accepted"], &sensor[0]["segments"]),
        (&"soil moisture sensor".into(), &true.into(), &2.into())
    );
    assert_eq!((&sensor[1]["english"], &sensor[1]["accepted"]), (&"soil humidity sensors".into(), &false.into()));
    // TU 8 "trickle watering setup": nothing the dictionary links to 滴灌系统.
    assert!(found[1].get("used").is_none());
    // Inflected (plural, hyphen, possessive, case), abbreviated, short-form and split
    // renderings of TUs 2, 3, 4, 9, 10 and 11 are accepted: no finding names them.
    let inconsistent = &found[0]["renderings"];
    assert_eq!(inconsistent[0]["english"], "greenhouse");
    assert_eq!(inconsistent[0]["segments"], 3);
    assert_eq!(inconsistent[0]["ids"][0], tu(1));
    assert_eq!(inconsistent[1]["english"], "glasshouse");
    assert_eq!(inconsistent[1]["ids"], serde_json::json!([tu(7)]));
    let rejected = &found[4];
    assert_eq!((rejected["expected"].as_str(), rejected["used"]["text"].as_str()), (Some("rootstock"), Some("stock")));
    assert!(stderr.contains("14 segments") && stderr.contains("2 missing, 2 inconsistent, 1 rejected"), "{stderr}");
}

#[test]
fn spans_slice_the_term_in_the_source_and_the_rendering_in_the_target() {
    let (_, stdout, _) = check(&[MEMORY, "--json"]);
    for finding in findings(&stdout).iter().filter(|f| f["kind"] != "inconsistent") {
        let slice = |text: &str, span: &Value| {
            let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
            text[start..end].to_string()
        };
        let source = finding["source"].as_str().unwrap();
        for mark in finding["marks"].as_array().unwrap() {
            assert_eq!(slice(source, mark), finding["term"].as_str().unwrap());
        }
        if let Some(used) = finding.get("used") {
            assert_eq!(slice(finding["target"].as_str().unwrap(), &used["span"]), used["text"].as_str().unwrap());
        }
    }
}

#[test]
fn status_all_adds_the_machine_candidates_and_line_pairs_name_their_lines() {
    let (code, stdout, stderr) = check(&[PAIRS, "--json", "--status", "all"]);
    assert_eq!(code, Some(1), "{stderr}");
    let found = findings(&stdout);
    assert_eq!(keys(&found), [key("inconsistent", "修剪", ""), key("missing", "修剪", &format!("{PAIRS}:3"))]);
    // The dictionary tells what the target used instead.
    assert_eq!(found[1]["used"]["text"], "trimming");
    // The default holds a glossary with approved entries to them: the candidate is not checked.
    let (code, stdout, stderr) = check(&[PAIRS]);
    assert_eq!((code, stdout.lines().count()), (Some(0), 1), "{stdout}{stderr}");
    assert!(stdout.contains("3 segments") && stdout.contains("approved entries"), "{stdout}");
}

#[test]
fn text_output_groups_findings_by_term_and_marks_the_term() {
    let (code, stdout, _) = check(&[MEMORY]);
    assert_eq!(code, Some(1));
    // Not a terminal: no colour, the term in brackets.
    assert!(!stdout.contains('\x1b'));
    let groups: Vec<&str> = stdout.split("\n\n").collect();
    assert!(groups[0].starts_with("温室  →  greenhouse  (also accepted: glasshouse)"), "{stdout}");
    assert!(groups[0].contains("\"glasshouse\" in 1 segment: #7"), "{stdout}");
    assert!(stdout.contains("zh: [滴灌系统]出现了堵塞。"), "{stdout}");
    assert!(stdout.contains("rejected tests/fixtures/check/orchard.tmx#5: uses \"stock\""), "{stdout}");
    assert!(stdout.lines().last().unwrap().starts_with("zhterm check: 14 segments"), "{stdout}");
}

#[test]
fn a_clean_file_exits_0_and_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.tsv");
    std::fs::write(&clean, "温室里很暖和。\tIt is warm in the greenhouses.\n粮农组织的报告\tThe FAO report\n").unwrap();
    let (code, stdout, stderr) = check(&[clean.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("2 segments, 2 occurrences of 2 terms checked"), "{stdout}");
    let (code, _, stderr) = check(&["tests/fixtures/check/no-such.tmx"]);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("zhterm: error:") && stderr.lines().count() == 1, "{stderr}");
    let out = zhterm(&["check", MEMORY, "-g", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "no graph.json in the folder");
}

#[test]
fn help_documents_the_exit_codes() {
    let out = zhterm(&["check", "--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("Exit status: 0 no finding, 1 findings, 2 error."), "{help}");
}
