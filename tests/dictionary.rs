//! `--dictionary FILE` on `build` and `align`, through the real binary: a made-up word that
//! CC-CEDICT cannot know (喀隆兽 ↔ kalrond) anchors sentences and explains its English only
//! when the user's dictionary lists it.

mod common;
use common::zhterm;

const DICTIONARY: &str = "tests/fixtures/creatures.dict";

fn run(args: &[&str]) -> String {
    let output = zhterm(args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn a_dictionary_word_anchors_its_sentence() {
    // "It was a kalrond." has nothing else to anchor it: by length alone it joins the long
    // sentence after it; the dictionary entry puts it with the sentence that names 喀隆兽.
    let (zh, en) = ("tests/fixtures/valley.zh", "tests/fixtures/valley.en");
    assert_eq!(run(&["align", zh, en]), "[0]:[0]\n[1]:[1,2]\n");
    assert_eq!(run(&["align", "--dictionary", DICTIONARY, zh, en]), "[0]:[0,1]\n[1]:[2]\n");
}

/// The translation edge of the first term in a build of the valley memory.
fn translation(flags: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["build", "--quiet", "-o", dir.path().to_str().unwrap()];
    args.extend_from_slice(flags);
    args.push("tests/fixtures/valley.tsv");
    run(&args);
    let graph: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("graph.json")).unwrap()).unwrap();
    let nodes = graph["nodes"].as_array().unwrap();
    let term = nodes.iter().position(|n| n["text"] == "喀隆兽").expect("喀隆兽 is a term");
    let edge = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == term && e["relation"]["type"] == "translation")
        .expect("喀隆兽 has an English equivalent")
        .clone();
    assert_eq!(nodes[edge["to"].as_u64().unwrap() as usize]["text"], "kalrond");
    edge["relation"].clone()
}

#[test]
fn a_dictionary_entry_explains_the_english_of_a_term() {
    let without = translation(&[]);
    let with = translation(&["--dictionary", DICTIONARY]);
    assert_eq!(without["dictionary"], 0.0, "CC-CEDICT does not know the word: {without}");
    assert_eq!(with["dictionary"], 1.0, "{with}");
    assert!(with["score"].as_f64() > without["score"].as_f64(), "{with} {without}");
}
