//! `zhterm align` on raw documents (paragraphs of running text, hard-wrapped English) and on
//! files of one sentence a line, through the real binary.

mod common;
use common::zhterm;

fn align(args: &[&str]) -> String {
    let mut all = vec!["align"];
    all.extend_from_slice(args);
    let output = zhterm(&all);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

const ZH: &str = "tests/fixtures/lighthouse.zh";
const EN: &str = "tests/fixtures/lighthouse.en";

#[test]
fn raw_documents_align_by_paragraph_then_sentence() {
    // Sentence numbers count the sentences of the whole file: the English second paragraph
    // splits one Chinese sentence in two, and the Chinese closing note has no translation.
    let beads = align(&[ZH, EN]);
    assert_eq!(
        beads,
        "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5]:[5,6]\n[6]:[7]\n[7]:[8]\n[8]:[9]\n[9]:[10]\n[10]:[]\n"
    );
    assert_eq!(align(&["--input", "raw", ZH, EN]), beads, "auto reads both fixtures as raw documents");
}

#[test]
fn raw_tsv_prints_sentences_with_hard_wrapped_lines_joined() {
    let tsv = align(&["--format", "tsv", ZH, EN]);
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 11);
    assert_eq!(
        lines[1],
        "岛的北端有一座白色的灯塔，已经有一百二十年的历史了。\tAt the northern tip of the island stands a white lighthouse, one hundred and twenty years old."
    );
    assert_eq!(
        lines[5],
        "海浪比屋顶还高，三艘渔船在黑暗中迷失了方向。\tThe waves rose higher than the roofs. Three fishing boats lost their way in the dark."
    );
    assert!(lines[10].starts_with("（本文根据") && lines[10].ends_with('\t'), "{}", lines[10]);
}

#[test]
fn forcing_lines_numbers_the_lines_instead() {
    let beads = align(&["--input", "lines", ZH, EN]);
    assert_ne!(beads, align(&[ZH, EN]));
    // 14 English lines (blank ones included), each a "sentence" of its own.
    let last_en = beads
        .lines()
        .filter_map(|l| l.split(":[").nth(1))
        .flat_map(|l| l.trim_end_matches(']').split(','))
        .filter_map(|n| n.parse::<usize>().ok())
        .max();
    assert_eq!(last_en, Some(13), "{beads}");
}

#[test]
fn a_raw_document_aligns_with_a_file_of_one_sentence_a_line() {
    // The English sentences of the fixture, one a line: aligned sentence by sentence (a file
    // of lines has no paragraphs), with the same beads as the two-level alignment.
    let tsv = align(&["--format", "tsv", ZH, EN]);
    let english: Vec<&str> =
        tsv.lines().filter_map(|l| l.split_once('\t')).map(|(_, en)| en).filter(|en| !en.is_empty()).collect();
    let english = english.join("\n").replace(". Three", ".\nThree");
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("lighthouse.en");
    std::fs::write(&lines, english + "\n").unwrap();
    let beads = align(&[ZH, lines.to_str().unwrap()]);
    assert_eq!(beads, align(&[ZH, EN]));
    assert_ne!(align(&["--input", "lines", ZH, lines.to_str().unwrap()]), beads, "raw Chinese forced to lines");
}
