//! TBX-Basic in TBX v3 (ISO 30042:2019), DCA style: the exchange format CAT tools import.
//!
//! # Format
//! One `conceptEntry` (`c1`, `c2`…) per Chinese glossary term; a `zh-CN` langSec with the
//! term and its short forms, an `en` langSec with its English terms, preferred first. Inside
//! each `termSec`: `term`, then `termNote`s (partOfSpeech, termType, administrativeStatus),
//! then a context `descripGrp` with its source, a `note` with zhterm's scores, and
//! `crossReference`s to the entries of nested terms. A reviewed entry opens with a
//! `transacGrp` dating its last modification.

use super::csv::score;
use super::xml::escape;
use crate::graph::{Concept, Context, Status, Term, TermGraph, TermKind, Translation};
use std::collections::HashMap;
use std::fmt::Write;

pub fn render(graph: &TermGraph) -> String {
    let concepts = graph.concepts();
    let ids: HashMap<&str, usize> = concepts.iter().map(|c| (c.zh.text.as_str(), c.id)).collect();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n");
    out.push_str("  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n");
    out.push_str("        <p>Chinese-English glossary built by zhterm from a Chinese and bilingual corpus.</p>\n");
    out.push_str("      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n");
    for concept in &concepts {
        write_concept(&mut out, concept, &ids);
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    out
}

fn write_concept(out: &mut String, concept: &Concept<'_>, ids: &HashMap<&str, usize>) {
    let _ = writeln!(out, "      <conceptEntry id=\"c{}\">", concept.id);
    if let Some(date) = concept.zh.review.as_ref().and_then(|r| r.modified.as_ref()) {
        let _ = writeln!(
            out,
            "        <transacGrp>\n          <transac type=\"transactionType\">modification</transac>\n          <date>{}</date>\n        </transacGrp>",
            escape(date)
        );
    }
    out.push_str("        <langSec xml:lang=\"zh-CN\">\n");
    let nested: Vec<(usize, &str)> = concept
        .short_form_entries
        .iter()
        .chain(&concept.contains)
        .filter_map(|t| ids.get(t.text.as_str()).map(|&id| (id, t.text.as_str())))
        .collect();
    write_term(out, concept.zh, concept.zh.status, None, &nested);
    for variant in &concept.zh_variants {
        write_term(out, variant, concept.zh.status, None, &[]);
    }
    out.push_str("        </langSec>\n");
    if !concept.en.is_empty() {
        out.push_str("        <langSec xml:lang=\"en\">\n");
        for (i, (term, translation)) in concept.en.iter().enumerate() {
            let status = if i == 0 { concept.zh.status } else { term.status };
            write_term(out, term, status, *translation, &[]);
        }
        out.push_str("        </langSec>\n");
    }
    out.push_str("      </conceptEntry>\n");
}

fn write_term(
    out: &mut String,
    term: &Term,
    status: Status,
    translation: Option<&Translation>,
    nested: &[(usize, &str)],
) {
    let indent = "            ";
    out.push_str("          <termSec>\n");
    let _ = writeln!(out, "{indent}<term>{}</term>", escape(&term.text));
    let _ = writeln!(out, "{indent}<termNote type=\"partOfSpeech\">noun</termNote>");
    let _ = writeln!(out, "{indent}<termNote type=\"termType\">{}</termNote>", term_type(term));
    let _ = writeln!(
        out,
        "{indent}<termNote type=\"administrativeStatus\">{}</termNote>",
        administrative_status(status, term.kind)
    );
    if let Some(context) = term.contexts.first() {
        write_context(out, context, term);
    }
    if let Some(note) = scores_note(term, translation) {
        let _ = writeln!(out, "{indent}<note>{}</note>", escape(&note));
    }
    if let Some(note) = &term.note {
        let _ = writeln!(out, "{indent}<note>{}</note>", escape(note));
    }
    for (id, text) in nested {
        let _ = writeln!(out, "{indent}<ref type=\"crossReference\" target=\"c{id}\">{}</ref>", escape(text));
    }
    out.push_str("          </termSec>\n");
}

fn write_context(out: &mut String, context: &Context, term: &Term) {
    let text = match term.lang {
        crate::graph::Lang::Zh => Some(&context.zh),
        crate::graph::Lang::En => context.en.as_ref(),
    };
    if let Some(text) = text {
        let _ = writeln!(
            out,
            "            <descripGrp>\n              <descrip type=\"context\">{}</descrip>",
            escape(text)
        );
        let _ = writeln!(
            out,
            "              <admin type=\"source\">{}</admin>\n            </descripGrp>",
            escape(&context.source)
        );
    }
}

/// TBX-Basic termType picklist: acronyms are all capitals, other short forms `shortForm`.
fn term_type(term: &Term) -> &'static str {
    match term.kind {
        TermKind::Term => "fullForm",
        TermKind::Abbreviation if term.text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) => "acronym",
        TermKind::Abbreviation => "shortForm",
    }
}

/// Approved entries are preferred, machine candidates admitted, rejected ones deprecated.
pub fn administrative_status(status: Status, kind: TermKind) -> &'static str {
    match (status, kind) {
        (Status::Approved, TermKind::Term) => "preferredTerm-admn-sts",
        (Status::Rejected, _) => "deprecatedTerm-admn-sts",
        _ => "admittedTerm-admn-sts",
    }
}

fn scores_note(term: &Term, translation: Option<&Translation>) -> Option<String> {
    if let Some(t) = translation {
        return Some(format!(
            "zhterm translation score {} ({}; {} co-occurrences, dice {}, dictionary {})",
            score(t.score),
            t.method,
            t.cooccurrences,
            score(t.dice),
            score(t.dictionary)
        ));
    }
    term.scores.map(|s| {
        format!(
            "zhterm term score {}; frequency {}; documents {}; status {}",
            score(s.total),
            term.frequency,
            term.documents,
            term.status.as_str()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Lang, Relation};

    #[test]
    fn concept_entries_follow_the_dca_element_order() {
        let mut g = TermGraph::default();
        let long =
            g.add_term(Term { rank: Some(1), ..Term::new("全球数据安全倡议", Lang::Zh, TermKind::Term) });
        let short = g.add_term(Term { rank: Some(2), ..Term::new("数据安全", Lang::Zh, TermKind::Term) });
        g.relate(long, short, Relation::Contains);
        let tbx = render(&g);
        assert!(tbx.contains("<conceptEntry id=\"c1\">"));
        assert!(tbx.contains("<ref type=\"crossReference\" target=\"c2\">数据安全</ref>"));
        let term = tbx.find("<term>").unwrap();
        let note = tbx.find("<termNote").unwrap();
        assert!(term < note);
    }
}
