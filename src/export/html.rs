//! A self-contained HTML report: one file, no network (inline CSS, SVG and a few lines of
//! script for the filter box), for a reviewer who opens the glossary in a browser.
//!
//! # Format
//! A picture of the best-ranked entries (Chinese terms on the left, their English equivalents
//! on the right; line weight = translation score, dashed = short form, arcs = nesting), then a
//! filterable table of every entry: id, Chinese, pinyin, English (preferred first), status,
//! score, frequency, short forms, nesting, and a context pair with its source, under which
//! the evidence pairs of the entry's translations fold out.

use super::csv::score;
use super::xml::escape;
use crate::graph::{Concept, Lang, Relation, Status, TermGraph};
use crate::lookup::entry::Entry;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::fmt::Write;

/// Entries drawn in the picture; the table lists all of them.
const PICTURED: usize = 40;
const ROW: usize = 24;

const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}\
th{background:#f4f4f4;position:sticky;top:0}.ctx{color:#555;font-size:12px}.approved{color:#1a7f37}.candidate{color:#9a6700}\
input{font-size:16px;padding:4px;width:20em;margin:1em 0}svg text{font-size:13px}";

const SCRIPT: &str =
    "const q=document.getElementById('q');q.addEventListener('input',()=>{const v=q.value.toLowerCase();\
for(const r of document.querySelectorAll('tbody tr')){r.hidden=v!==''&&!r.textContent.toLowerCase().includes(v);}});";

pub fn render(graph: &TermGraph) -> String {
    let concepts = graph.concepts();
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(out, "<title>zhterm glossary</title>\n<style>{STYLE}</style>\n</head>\n<body>");
    let translated = concepts.iter().filter(|c| !c.en.is_empty()).count();
    let _ = writeln!(
        out,
        "<h1>Chinese–English glossary</h1>\n<p>{} entries, {translated} with an English equivalent. Built by zhterm.</p>",
        concepts.len()
    );
    picture(&mut out, graph, &concepts);
    out.push_str("<input id=\"q\" type=\"search\" placeholder=\"Filter: Chinese, pinyin or English\">\n");
    out.push_str("<table>\n<thead><tr><th>id</th><th>Chinese</th><th>English</th><th>status</th><th>score</th><th>freq.</th><th>related</th><th>context</th></tr></thead>\n<tbody>\n");
    for concept in &concepts {
        row(&mut out, &Entry::new(concept));
    }
    let _ = writeln!(out, "</tbody>\n</table>\n<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}

fn row(out: &mut String, e: &Entry) {
    let english: Vec<String> = e.en.iter().map(|t| escape(&t.term)).collect();
    let mut related = Vec::new();
    for (label, terms) in [
        ("short forms", e.zh_variants.iter().chain(&e.short_form_entries).collect::<Vec<_>>()),
        ("contains", e.contains.iter().collect()),
        ("part of", e.contained_in.iter().collect()),
    ] {
        if !terms.is_empty() {
            let terms: Vec<String> = terms.iter().map(|t| escape(t)).collect();
            related.push(format!("{label}: {}", terms.join(", ")));
        }
    }
    let mut context = e.contexts.iter().find(|c| c.en.is_some()).or(e.contexts.first()).map(|c| {
        let en = c.en.as_deref().map(|en| format!("<br>{}", escape(en))).unwrap_or_default();
        format!("{}{en}<br><span class=\"ctx\">{}</span>", escape(&c.zh), escape(&c.source))
    });
    if !e.evidence.is_empty() {
        let cell = context.get_or_insert_with(String::new);
        let plural = if e.evidence.len() == 1 { "" } else { "s" };
        let _ = write!(cell, "<details><summary>{} evidence pair{plural}</summary>", e.evidence.len());
        for pair in &e.evidence {
            let _ = write!(
                cell,
                "<p id=\"{id}-p{n}\">{zh}<br>{en}<br><span class=\"ctx\">#{n} {source}</span></p>",
                id = e.concept_id,
                n = pair.id,
                zh = escape(&pair.zh),
                en = escape(&pair.en),
                source = escape(&pair.source)
            );
        }
        cell.push_str("</details>");
    }
    let _ = writeln!(
        out,
        "<tr id=\"{id}\"><td>{id}</td><td><b>{zh}</b><br><span class=\"ctx\">{pinyin}</span></td><td>{en}</td><td class=\"{status}\">{status}</td><td>{score}</td><td>{freq}</td><td>{related}</td><td>{context}</td></tr>",
        id = e.concept_id,
        zh = escape(&e.zh),
        pinyin = escape(&e.pinyin),
        en = english.join("<br>"),
        status = e.status.as_str(),
        score = e.score.map(score).unwrap_or_default(),
        freq = e.frequency,
        related = related.join("<br>"),
        context = context.unwrap_or_default(),
    );
}

/// Two columns of text joined by lines: readable without a layout engine. English terms are
/// placed at the mean height of the Chinese terms they translate, which uncrosses most lines.
fn picture(out: &mut String, graph: &TermGraph, concepts: &[Concept<'_>]) {
    let g = &graph.graph;
    let shown: Vec<&Concept<'_>> = concepts.iter().take(PICTURED).collect();
    let zh_row: HashMap<_, usize> = shown.iter().enumerate().map(|(i, c)| (c.node, i)).collect();
    let y = |row: usize| 20 + row * ROW;
    let mut arcs = String::new();
    // (Chinese row, English node, dash attribute, stroke width)
    let mut links = Vec::new();
    for c in &shown {
        let from = zh_row[&c.node];
        for edge in g.edges(c.node) {
            let target = edge.target();
            // Rejected equivalents are not part of the entry (TermGraph::concepts).
            if g[target].status == Status::Rejected {
                continue;
            }
            match edge.weight() {
                Relation::Translation(t) => links.push((from, target, "", 1.0 + 3.0 * t.score)),
                Relation::Abbreviation if g[target].lang == Lang::En => {
                    links.push((from, target, " stroke-dasharray=\"4 3\"", 1.0))
                }
                Relation::Contains => {
                    if let Some(&inner) = zh_row.get(&target) {
                        let (a, b) = (y(from), y(inner));
                        let bulge = 300 + (a.abs_diff(b) / 4).min(120);
                        let _ = writeln!(
                            arcs,
                            "<path d=\"M300 {a} Q{bulge} {} 300 {b}\" fill=\"none\" stroke=\"#c9a0dc\" stroke-opacity=\"0.6\"/>",
                            (a + b) / 2
                        );
                    }
                }
                Relation::Abbreviation => {}
            }
        }
    }
    let mut rows_of: HashMap<_, Vec<usize>> = HashMap::new();
    for &(from, target, _, _) in &links {
        rows_of.entry(target).or_default().push(from);
    }
    let mut english: Vec<_> =
        rows_of.iter().map(|(&n, rows)| (rows.iter().sum::<usize>() as f64 / rows.len() as f64, n)).collect();
    english.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let en_row: HashMap<_, usize> = english.iter().enumerate().map(|(row, &(_, n))| (n, row)).collect();
    // Spread the English column over the Chinese column's height, so lines run level.
    let en_spacing = (ROW * shown.len() / english.len().max(1)).max(ROW);
    let en_y = |row: usize| 20 + row * en_spacing;
    let height = 20 + (shown.len() * ROW).max(english.len() * en_spacing);
    let _ = writeln!(out, "<h2>The {} best-ranked entries</h2>", shown.len());
    let _ = writeln!(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"{height}\" role=\"img\" aria-label=\"term graph\">");
    out.push_str(&arcs);
    for (from, target, dash, width) in links {
        let _ = writeln!(
            out,
            "<line x1=\"305\" y1=\"{}\" x2=\"595\" y2=\"{}\" stroke=\"#4a7fb5\" stroke-width=\"{width:.1}\"{dash}/>",
            y(from),
            en_y(en_row[&target])
        );
    }
    for c in &shown {
        let _ = writeln!(
            out,
            "<a href=\"#c{}\"><text x=\"295\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text></a>",
            c.id,
            y(zh_row[&c.node]),
            escape(&c.zh.text)
        );
    }
    for (row, &(_, node)) in english.iter().enumerate() {
        let text = &g[node].text;
        let label: String =
            if text.chars().count() > 48 { text.chars().take(47).chain(['…']).collect() } else { text.clone() };
        let _ =
            writeln!(out, "<text x=\"605\" y=\"{}\" dominant-baseline=\"middle\">{}</text>", en_y(row), escape(&label));
    }
    out.push_str("</svg>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Term, TermKind, Translation};

    #[test]
    fn the_report_escapes_text_and_needs_no_network() {
        let mut g = TermGraph::default();
        let zh = g.add_term(Term { rank: Some(1), ..Term::new("<储能>", Lang::Zh, TermKind::Term) });
        let en = g.add_term(Term::new("storage & more", Lang::En, TermKind::Term));
        let t = Translation::aligned(0.5, 1, 0.5, 0.5);
        g.relate(zh, en, Relation::Translation(t));
        let html = render(&g);
        assert!(html.contains("&lt;储能&gt;") && html.contains("storage &amp; more"));
        assert!(!html.contains("<储能>"));
        assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "self-contained");
        assert_eq!(html.matches("<line ").count(), 1);
    }
}
