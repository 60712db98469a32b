//! The TBX-Basic dialect rules (LTAC TBX-Basic DCA Schematron v1.2.1 and the TBX-Basic 2008
//! RNG's embedded rules), re-checked in Rust over our exports, since the Schematron needs an
//! XSLT 2 processor that `cargo test` cannot count on: element order inside term sections,
//! data-category types and the levels they may appear at, picklist values, id/IDREF targets.
//! CI also runs the real Schematron where it can (.ci/run).

use std::collections::HashSet;

struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    parent: Option<usize>,
    children: Vec<usize>,
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

fn parse(xml: &str) -> Vec<Node> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let attrs = e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    let key = a.key.0.to_string();
                    (key, a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned())
                })
                .collect();
            let id = nodes.len();
            let parent = stack.last().copied();
            nodes.push(Node { name: e.name().0.to_string(), attrs, text: String::new(), parent, children: Vec::new() });
            if let Some(p) = parent {
                nodes[p].children.push(id);
            }
            if !empty {
                stack.push(id);
            }
            continue;
        }
        match event {
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => {
                if let Some(&top) = stack.last() {
                    nodes[top].text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(&top) = stack.last() {
                    nodes[top].text.push_str(quick_xml::escape::resolve_predefined_entity(&r).unwrap());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    nodes
}

/// Element names of one TBX version.
struct Names {
    root: &'static str,
    entry: &'static str,
    lang: &'static str,
    term: &'static str,
}

const V3: Names = Names { root: "tbx", entry: "conceptEntry", lang: "langSec", term: "termSec" };
const V2008: Names = Names { root: "martif", entry: "termEntry", lang: "langSet", term: "tig" };

fn allowed_types(element: &str) -> Option<&'static [&'static str]> {
    Some(match element {
        "admin" => &["customerSubset", "projectSubset", "source"],
        "descrip" => &["subjectField", "context", "definition"],
        "ref" => &["crossReference"],
        "termNote" => &[
            "administrativeStatus",
            "partOfSpeech",
            "geographicalUsage",
            "grammaticalGender",
            "termLocation",
            "termType",
        ],
        "transac" => &["transactionType"],
        "transacNote" => &["responsibility"],
        "xref" => &["externalCrossReference", "xGraphic"],
        _ => return None,
    })
}

fn picklist(term_note: &str) -> Option<&'static [&'static str]> {
    Some(match term_note {
        "administrativeStatus" => {
            &["admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "preferredTerm-admn-sts"]
        }
        "partOfSpeech" => &["adjective", "noun", "other", "verb", "adverb"],
        "termType" => &["fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"],
        "grammaticalGender" => &["masculine", "feminine", "neuter", "other"],
        _ => return None,
    })
}

/// Every violation of the dialect rules, as readable lines.
fn violations(xml: &str, names: &Names) -> Vec<String> {
    let nodes = parse(xml);
    let mut errors = Vec::new();
    let parent_name = |i: usize| nodes[i].parent.map_or("", |p| nodes[p].name.as_str());
    // The level a data category sits at: its parent, or its group's parent.
    let level = |i: usize| {
        let p = nodes[i].parent.expect("not the root");
        if nodes[p].name.ends_with("Grp") {
            parent_name(p)
        } else {
            nodes[p].name.as_str()
        }
    };
    let root = &nodes[0];
    if root.name != names.root || root.attr("type") != Some("TBX-Basic") {
        errors.push(format!("root is <{} type={:?}>", root.name, root.attr("type")));
    }
    if names.root == "tbx" {
        for (k, v) in [("style", "dca"), ("xmlns", "urn:iso:std:iso:30042:ed-2")] {
            if root.attr(k) != Some(v) {
                errors.push(format!("root {k} is {:?}", root.attr(k)));
            }
        }
    }
    let ids: Vec<&str> = nodes.iter().filter_map(|n| n.attr("id")).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    if unique.len() != ids.len() {
        errors.push("duplicate ids".into());
    }
    for (i, node) in nodes.iter().enumerate() {
        let name = node.name.as_str();
        if name.contains(':') {
            errors.push(format!("<{name}>: DCA allows no foreign elements"));
        }
        if name == names.entry
            && !node.attr("id").is_some_and(|id| id.starts_with('c') && id[1..].parse::<u32>().is_ok())
        {
            errors.push(format!("<{name}> id {:?} is not c<number>", node.attr("id")));
        }
        if let Some(target) = node.attr("target") {
            if !(target.starts_with("http://") || target.starts_with("https://") || unique.contains(target)) {
                errors.push(format!("<{name} target={target:?}> points nowhere"));
            }
        }
        if let (Some(types), Some(t)) = (allowed_types(name), node.attr("type")) {
            if !types.contains(&t) {
                errors.push(format!("<{name} type={t:?}> is not a TBX-Basic data category"));
            }
        }
        let t = node.attr("type").unwrap_or("");
        if name == "termNote" {
            if level(i) != names.term {
                errors.push(format!("termNote {t} inside <{}>", level(i)));
            }
            if let Some(values) = picklist(t) {
                if !values.contains(&node.text.as_str()) {
                    errors.push(format!("termNote {t} value {:?} is not in the picklist", node.text));
                }
            }
        }
        let allowed_levels: &[&str] = match (name, t) {
            ("descrip", "context") => &[names.term],
            ("descrip", "definition") => &[names.entry, names.lang],
            ("descrip", "subjectField") => &[names.entry],
            ("admin", "source") => &[names.entry, names.lang, names.term],
            ("ref", "crossReference") => &[names.entry, names.term],
            _ => &[],
        };
        if !allowed_levels.is_empty() && !allowed_levels.contains(&level(i)) {
            errors.push(format!("<{name} type={t:?}> at level <{}>", level(i)));
        }
        if name == names.term {
            let order: Vec<&str> = node.children.iter().map(|&c| nodes[c].name.as_str()).collect();
            let notes_end = 1 + order[1..].iter().take_while(|n| **n == "termNote").count();
            if order.first() != Some(&"term") || order[notes_end..].contains(&"termNote") {
                errors.push(format!("<{name}> children out of order: {order:?}"));
            }
            if node.children.iter().any(|&c| nodes[c].name == "term" && nodes[c].text.trim().is_empty()) {
                errors.push(format!("<{name}> has an empty term"));
            }
        }
        if name == names.lang && node.attr("xml:lang").is_none_or(|l| l.is_empty()) {
            errors.push(format!("<{name}> without xml:lang"));
        }
    }
    errors
}

fn export(format: &str, glossary: &str) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_zhterm"))
        .args(["export", "-g", glossary, "-f", format])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("zhterm runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn exports_keep_the_tbx_basic_rules() {
    for glossary in ["tests/fixtures", "glossary"] {
        let v3 = violations(&export("tbx", glossary), &V3);
        assert!(v3.is_empty(), "TBX v3 of {glossary}:\n{}", v3.join("\n"));
        let v2 = violations(&export("tbx2008", glossary), &V2008);
        assert!(v2.is_empty(), "TBX 2008 of {glossary}:\n{}", v2.join("\n"));
    }
}

#[test]
fn the_chinese_language_section_comes_first() {
    let tbx = export("tbx2008", "tests/fixtures");
    let nodes = parse(&tbx);
    for entry in nodes.iter().filter(|n| n.name == "termEntry") {
        // A reviewed entry opens with its transacGrp; the language sections follow.
        let first = entry.children.iter().map(|&c| &nodes[c]).find(|n| n.name == "langSet").unwrap();
        assert_eq!(first.attr("xml:lang"), Some("zh-CN"));
    }
}

#[test]
fn the_checker_catches_what_the_schematron_would() {
    let good = export("tbx", "tests/fixtures");
    assert!(violations(&good, &V3).is_empty());
    for (from, to, why) in [
        ("preferredTerm-admn-sts", "preferred", "picklist"),
        ("type=\"context\"", "type=\"usageNote\"", "data category"),
        ("target=\"c2\"", "target=\"c99\"", "IDREF"),
        ("style=\"dca\"", "style=\"dct\"", "style"),
    ] {
        let bad = good.replacen(from, to, 1);
        assert!(!violations(&bad, &V3).is_empty(), "{why} not caught");
    }
    let moved = good.replacen(
        "<termNote type=\"partOfSpeech\">noun</termNote>\n            <termNote type=\"termType\">fullForm</termNote>",
        "<termNote type=\"termType\">fullForm</termNote>",
        1,
    );
    let moved = moved.replacen("</descripGrp>", "</descripGrp>\n<termNote type=\"partOfSpeech\">noun</termNote>", 1);
    assert!(violations(&moved, &V3).iter().any(|e| e.contains("out of order")), "termNote after descripGrp not caught");
}

mod any_text {
    use super::*;
    use proptest::prelude::*;
    use zhterm::export::{render, Format};
    use zhterm::graph::{Context, Lang, Relation, Term, TermGraph, TermKind, Translation};

    fn graph(zh: &str, en: &str, context: &str, note: &str) -> TermGraph {
        let mut g = TermGraph::default();
        let a = g.add_term(Term {
            rank: Some(1),
            note: Some(note.to_string()),
            contexts: vec![Context { source: context.into(), zh: context.into(), en: Some(format!("{en} {context}")) }],
            ..Term::new(zh, Lang::Zh, TermKind::Term)
        });
        let b = g.add_term(Term::new(en, Lang::En, TermKind::Term));
        let t = Translation::aligned(0.5, 1, 0.5, 0.5);
        g.relate(a, b, Relation::Translation(t));
        g
    }

    fn xml_chars(text: &str) -> String {
        text.chars()
            .filter(|&c| {
                matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
            })
            .collect()
    }

    proptest! {
        #[test]
        fn any_text_gives_well_formed_tbx_that_keeps_the_rules(
            zh in "[\\PC\u{1}\u{b}\u{fffe}<>&\"']{1,12}",
            en in "[ -~\u{0}\u{1f}]{1,20}",
            context in "\\PC{0,30}",
            note in "[\\PC\t\n]{0,20}",
        ) {
            // Terms made only of characters XML forbids would be empty: not a case to test.
            prop_assume!(!xml_chars(&zh).trim().is_empty() && !xml_chars(&en).trim().is_empty());
            let g = graph(&zh, &en, &context, &note);
            for (format, names) in [(Format::Tbx, &V3), (Format::Tbx2008, &V2008)] {
                let xml = String::from_utf8(render(&g, format).unwrap()).unwrap();
                let problems = violations(&xml, names);
                prop_assert!(problems.is_empty(), "{:?}", problems);
                let nodes = parse(&xml);
                let terms: Vec<String> = nodes.iter().filter(|n| n.name == "term").map(|n| n.text.clone()).collect();
                // XML parsers read a carriage return as a line feed.
                let expected = [&zh, &en].map(|t| xml_chars(t).replace("\r\n", "\n").replace('\r', "\n"));
                prop_assert_eq!(terms, expected.to_vec());
            }
        }
    }
}
