//! `build --terms FILE` through the real binary, on small astronomy and museum memories
//! written for these tests: the glossary holds exactly the listed terms, each with the English
//! the memory translates it by (or none), with evidence pairs that hold both.

mod common;
use common::zhterm;
use std::collections::BTreeMap;

const MEMORY: &str = "tests/fixtures/observatory.tsv";
const TERMS: &str = "tests/fixtures/observatory.terms";

/// graph.json of a build of the memory with `flags`.
fn build(flags: &[&str]) -> serde_json::Value {
    build_of(MEMORY, flags)
}

/// graph.json of a build of `memory` with `flags`.
fn build_of(memory: &str, flags: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["build", "--quiet", "-o", dir.path().to_str().unwrap(), memory];
    args.extend_from_slice(flags);
    let output = zhterm(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_str(&std::fs::read_to_string(dir.path().join("graph.json")).unwrap()).unwrap()
}

/// Chinese term → its preferred English (the best-scored translation edge), or "".
fn glossary(graph: &serde_json::Value) -> BTreeMap<String, String> {
    let nodes = graph["nodes"].as_array().unwrap();
    let mut out = BTreeMap::new();
    for (index, node) in nodes.iter().enumerate().filter(|(_, n)| n["lang"] == "zh") {
        let best = graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["from"] == index && e["relation"]["type"] == "translation")
            .max_by(|a, b| {
                a["relation"]["score"].as_f64().unwrap().total_cmp(&b["relation"]["score"].as_f64().unwrap())
            });
        let english = best.map_or(String::new(), |e| nodes[e["to"].as_u64().unwrap() as usize]["text"].to_string());
        out.insert(node["text"].as_str().unwrap().to_string(), english.trim_matches('"').to_string());
    }
    out
}

#[test]
fn the_glossary_holds_exactly_the_listed_terms_with_their_english() {
    let graph = build(&["--terms", TERMS]);
    let found = glossary(&graph);
    let listed: Vec<&str> = std::fs::read_to_string(TERMS)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap())
        .map(|s| Box::leak(s.to_string().into_boxed_str()) as &str)
        .collect();
    assert_eq!(
        found.keys().map(String::as_str).collect::<std::collections::BTreeSet<_>>(),
        listed.into_iter().collect()
    );
    assert_eq!(found["射电望远镜"], "radio telescope");
    assert_eq!(found["暗物质"], "dark matter");
    assert_eq!(found["红移"], "redshift");
    assert_eq!(found["王若晨"], "Wang Ruochen");
    // A syllable spelled like an English function word ("An") is still part of the name.
    assert_eq!(found["安林"], "An Lin");
    // Not in the memory: listed, without English.
    assert_eq!(found["超新星"], "");
}

#[test]
fn listed_terms_are_not_mined_ones() {
    // Without the list the miner chooses; with it, nothing it would add on its own gets in
    // (天文台, "observatory", is a term of the memory but not of the list).
    let mined = glossary(&build(&[]));
    let given = glossary(&build(&["--terms", TERMS]));
    assert!(given.keys().all(|t| t != "天文台"), "{given:?}");
    assert_ne!(mined.keys().collect::<Vec<_>>(), given.keys().collect::<Vec<_>>());
}

#[test]
fn every_translation_cites_pairs_that_hold_the_term_and_its_english() {
    let graph = build(&["--terms", TERMS]);
    let nodes = graph["nodes"].as_array().unwrap();
    let pairs = graph["pairs"].as_array().unwrap();
    let mut cited = 0;
    for edge in graph["edges"].as_array().unwrap().iter().filter(|e| e["relation"]["type"] == "translation") {
        let zh = nodes[edge["from"].as_u64().unwrap() as usize]["text"].as_str().unwrap();
        let en = nodes[edge["to"].as_u64().unwrap() as usize]["text"].as_str().unwrap().to_lowercase();
        for id in edge["relation"]["pairs"].as_array().unwrap() {
            let pair = pairs.iter().find(|p| p["id"] == *id).expect("cited pair is stored");
            assert!(pair["zh"].as_str().unwrap().contains(zh), "{zh}: {pair}");
            assert!(pair["en"].as_str().unwrap().to_lowercase().contains(&en), "{en}: {pair}");
            cited += 1;
        }
    }
    assert!(cited >= 6, "{cited}");
}

#[test]
fn an_empty_term_column_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("bad.terms");
    std::fs::write(&list, "红移\n\tredshift\n").unwrap();
    let out = dir.path().join("out");
    let output = zhterm(&["build", MEMORY, "--terms", list.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.terms:2:") && stderr.lines().count() == 1, "{stderr}");
}

#[test]
fn a_name_cut_short_once_is_still_the_whole_name() {
    // A museum memory: "National Gallery of Art" four times, once cut short to "the National
    // Gallery". The glossary holds the whole name, not the piece met one time more.
    let found = glossary(&build_of("tests/fixtures/gallery.tsv", &["--terms", "tests/fixtures/gallery.terms"]));
    assert_eq!(found["国家美术馆"], "National Gallery of Art");
    assert_eq!(found["市图书馆"], "City Library");
}

#[test]
fn a_name_written_without_its_head_in_lists_is_still_the_whole_name() {
    // A memory of water agreements: 港口协定 is "the Port Agreement" in four pairs and "Port" in
    // a list that shares its head ("the Basin, Port and Delta agreements") in four more. The
    // glossary holds the name the dictionary renders whole, not the bare modifier met more often.
    let found = glossary(&build_of("tests/fixtures/agreement.tsv", &["--terms", "tests/fixtures/agreement.terms"]));
    assert_eq!(found["港口协定"], "Port Agreement");
    assert_eq!(found["三角洲协定"], "Delta Agreement");
}

#[test]
fn a_word_that_only_sounds_like_a_name_once_is_not_its_english() {
    // 奥斯兰, a made-up province, is "the province" in every pair; one pair also holds
    // "Austrian", which sounds like it.
    let found = glossary(&build_of("tests/fixtures/province.tsv", &["--terms", "tests/fixtures/province.terms"]));
    assert_eq!(found["奥斯兰"], "province");
}

#[test]
fn a_name_written_by_sound_stays_itself_inside_a_longer_name() {
    // 萨维罗, a made-up surname, is always met as "Marco Saviro": the term is "Saviro", not the
    // whole name of the person.
    let found = glossary(&build_of("tests/fixtures/architect.tsv", &["--terms", "tests/fixtures/architect.terms"]));
    assert_eq!(found["萨维罗"], "Saviro");
}
