//! TBX-Basic, in TBX v3 (ISO 30042:2019, DCA style) and in TBX 2008 (`martif`, what OmegaT,
//! translate-toolkit/Weblate and Phrase read). Both share one writer: the dialects differ in
//! element names and header, not in content.
//!
//! # Format
//! One entry (`conceptEntry`/`termEntry`, id `c1`, `c2`… as [`TermGraph::concepts`] numbers
//! them) per Chinese glossary term. The Chinese language section comes first, with the term and
//! its short forms; then the English one, preferred term first. Inside each term section
//! (`termSec`/`tig`): `term`; the `termNote`s (partOfSpeech `noun` for Chinese terms, which the
//! miner only accepts with a nominal head; termType; administrativeStatus); then a context
//! `descripGrp` (context sentence + its source document); a `note` with zhterm's scores,
//! frequency and review status; the entry's own note; and `crossReference`s to the entries of
//! nested terms and short forms. Status maps to administrativeStatus: approved full forms are
//! `preferredTerm-admn-sts`, rejected `deprecatedTerm-admn-sts`, the rest `admittedTerm-admn-sts`.
//! A reviewed entry opens with a `transacGrp` dating its last modification.

use super::csv::score;
use super::evidence::MARK;
use super::xml::escape;
use crate::graph::{Concept, Lang, Status, Term, TermGraph, TermKind, Translation};
use std::collections::HashMap;
use std::fmt::Write;

/// Element names and header of one TBX version.
pub struct Dialect {
    header: &'static str,
    footer: &'static str,
    entry: &'static str,
    lang_section: &'static str,
    term_section: &'static str,
}

const SOURCE_DESC: &str = "Chinese-English glossary built by zhterm from a Chinese and bilingual corpus.";

/// TBX-Basic, TBX v3 DCA.
pub const V3: Dialect = Dialect {
    header: "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>",
    footer: "</tbx>\n",
    entry: "conceptEntry",
    lang_section: "langSec",
    term_section: "termSec",
};

/// TBX-Basic 2008: no namespace and no DOCTYPE (readers that follow a DOCTYPE fail without
/// the DTD beside the file); the XCS reference the 2008 standard asks for.
pub const V2008: Dialect = Dialect {
    header:
        "<martif type=\"TBX-Basic\" xml:lang=\"en\">\n  <martifHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>",
    footer: "</martif>\n",
    entry: "termEntry",
    lang_section: "langSet",
    term_section: "tig",
};

pub fn render(graph: &TermGraph, dialect: &Dialect) -> String {
    let concepts = graph.concepts();
    let ids: HashMap<&str, usize> = concepts.iter().map(|c| (c.zh.text.as_str(), c.id)).collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(dialect.header);
    out.push_str(SOURCE_DESC);
    out.push_str("</p>\n      </sourceDesc>\n    </fileDesc>\n");
    if dialect.entry == "termEntry" {
        out.push_str("    <encodingDesc>\n      <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n    </encodingDesc>\n");
        out.push_str("  </martifHeader>\n");
    } else {
        out.push_str("  </tbxHeader>\n");
    }
    out.push_str("  <text>\n    <body>\n");
    for concept in &concepts {
        write_concept(&mut out, dialect, concept, &ids);
    }
    out.push_str("    </body>\n  </text>\n");
    out.push_str(dialect.footer);
    out
}

fn write_concept(out: &mut String, d: &Dialect, concept: &Concept<'_>, ids: &HashMap<&str, usize>) {
    let _ = writeln!(out, "      <{} id=\"c{}\">", d.entry, concept.id);
    if let Some(date) = concept.zh.review.as_ref().and_then(|r| r.modified.as_ref()) {
        let _ = writeln!(
            out,
            "        <transacGrp>\n          <transac type=\"transactionType\">modification</transac>\n          <date>{}</date>\n        </transacGrp>",
            escape(date)
        );
    }
    let _ = writeln!(out, "        <{} xml:lang=\"{}\">", d.lang_section, concept.zh.tag());
    let nested: Vec<(usize, &str)> = concept
        .short_form_entries
        .iter()
        .chain(&concept.contains)
        .filter_map(|t| ids.get(t.text.as_str()).map(|&id| (id, t.text.as_str())))
        .collect();
    let zh = concept.zh;
    let context = zh.contexts.first().map(|c| (c.zh.as_str(), c.source.as_str()));
    write_term(out, d, &TermSection { term: zh, status: zh.status, translation: None, context, nested: &nested });
    for variant in &concept.zh_variants {
        let context =
            zh.contexts.iter().find(|c| c.zh.contains(&variant.text)).map(|c| (c.zh.as_str(), c.source.as_str()));
        write_term(out, d, &TermSection { term: variant, status: zh.status, translation: None, context, nested: &[] });
    }
    let _ = writeln!(out, "        </{}>", d.lang_section);
    if !concept.en.is_empty() {
        let _ = writeln!(out, "        <{} xml:lang=\"{}\">", d.lang_section, Lang::En.tag());
        for (i, &(term, translation)) in concept.en.iter().enumerate() {
            let status = if i == 0 && term.status == Status::Candidate { zh.status } else { term.status };
            let context = english_context(concept, term);
            write_term(out, d, &TermSection { term, status, translation, context, nested: &[] });
        }
        let _ = writeln!(out, "        </{}>", d.lang_section);
    }
    let _ = writeln!(out, "      </{}>", d.entry);
}

/// A context is evidence of use, so an English term only gets a translation sentence that
/// contains it.
fn english_context<'a>(concept: &Concept<'a>, term: &Term) -> Option<(&'a str, &'a str)> {
    let needle = term.text.to_lowercase();
    concept.zh.contexts.iter().find_map(|c| {
        let en = c.en.as_deref()?;
        en.to_lowercase().contains(&needle).then_some((en, c.source.as_str()))
    })
}

struct TermSection<'a> {
    term: &'a Term,
    status: Status,
    translation: Option<&'a Translation>,
    /// Context sentence and its source.
    context: Option<(&'a str, &'a str)>,
    nested: &'a [(usize, &'a str)],
}

fn write_term(out: &mut String, d: &Dialect, s: &TermSection<'_>) {
    let indent = "            ";
    let term = s.term;
    let _ = writeln!(out, "          <{}>", d.term_section);
    let _ = writeln!(out, "{indent}<term>{}</term>", escape(&term.text));
    if term.lang == Lang::Zh {
        let _ = writeln!(out, "{indent}<termNote type=\"partOfSpeech\">noun</termNote>");
    }
    let _ = writeln!(out, "{indent}<termNote type=\"termType\">{}</termNote>", term_type(term));
    let _ = writeln!(
        out,
        "{indent}<termNote type=\"administrativeStatus\">{}</termNote>",
        administrative_status(s.status, term.kind)
    );
    if let Some((sentence, source)) = s.context {
        let _ =
            writeln!(out, "{indent}<descripGrp>\n{indent}  <descrip type=\"context\">{}</descrip>", escape(sentence));
        let _ = writeln!(out, "{indent}  <admin type=\"source\">{}</admin>\n{indent}</descripGrp>", escape(source));
    }
    let _ = writeln!(out, "{indent}<note>{}</note>", escape(&scores_note(term, s.status, s.translation)));
    if let Some(note) = &term.note {
        let _ = writeln!(out, "{indent}<note>{}</note>", escape(note));
    }
    for (id, text) in s.nested {
        let _ = writeln!(out, "{indent}<ref type=\"crossReference\" target=\"c{id}\">{}</ref>", escape(text));
    }
    let _ = writeln!(out, "          </{}>", d.term_section);
}

/// TBX-Basic termType picklist: acronyms are all capitals, other short forms `shortForm`.
fn term_type(term: &Term) -> &'static str {
    match term.kind {
        TermKind::Term => "fullForm",
        TermKind::Abbreviation if term.text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) => "acronym",
        TermKind::Abbreviation => "shortForm",
    }
}

/// Approved full forms are preferred, machine candidates admitted, rejected ones deprecated.
pub fn administrative_status(status: Status, kind: TermKind) -> &'static str {
    match (status, kind) {
        (Status::Approved, TermKind::Term) => "preferredTerm-admn-sts",
        (Status::Rejected, _) => "deprecatedTerm-admn-sts",
        _ => "admittedTerm-admn-sts",
    }
}

/// The machine's evidence and the review status in words, since TBX-Basic has no field for
/// either and administrativeStatus cannot tell a candidate from an approved short form.
fn scores_note(term: &Term, status: Status, translation: Option<&Translation>) -> String {
    let status = status.as_str();
    if let Some(t) = translation {
        return format!(
            "{MARK}translation score {} ({}; {} co-occurrences, dice {}, dictionary {}); status {status}",
            score(t.score),
            t.method,
            t.cooccurrences,
            score(t.dice),
            score(t.dictionary)
        );
    }
    match term.lang {
        Lang::Zh => {
            let total = term.scores.map(|s| format!("term score {}; ", score(s.total))).unwrap_or_default();
            format!("{MARK}{total}frequency {}; documents {}; status {status}", term.frequency, term.documents)
        }
        Lang::En => format!("{MARK}short form defined in the text; frequency {}; status {status}", term.frequency),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Relation;

    fn nested_pair() -> TermGraph {
        let mut g = TermGraph::default();
        let long =
            g.add_term(Term { rank: Some(1), ..Term::new("全球数据安全倡议", Lang::Zh, TermKind::Term) });
        let short = g.add_term(Term { rank: Some(2), ..Term::new("数据安全", Lang::Zh, TermKind::Term) });
        g.relate(long, short, Relation::Contains);
        g
    }

    #[test]
    fn concept_entries_follow_the_dca_element_order() {
        let tbx = render(&nested_pair(), &V3);
        assert!(tbx.contains("<conceptEntry id=\"c1\">"));
        assert!(tbx.contains("<ref type=\"crossReference\" target=\"c2\">数据安全</ref>"));
        let term = tbx.find("<term>").unwrap();
        let note = tbx.find("<termNote").unwrap();
        assert!(term < note);
    }

    #[test]
    fn tbx_2008_uses_martif_names_and_no_namespace() {
        let tbx = render(&nested_pair(), &V2008);
        assert!(tbx.contains("<martif type=\"TBX-Basic\" xml:lang=\"en\">"));
        assert!(tbx.contains("<termEntry id=\"c2\">") && tbx.contains("<langSet xml:lang=\"zh-CN\">"));
        assert!(tbx.contains("<tig>") && !tbx.contains("termSec") && !tbx.contains("xmlns"));
        assert!(!tbx.contains("DOCTYPE"));
    }

    #[test]
    fn statuses_map_to_the_dialect_picklist() {
        assert_eq!(administrative_status(Status::Approved, TermKind::Term), "preferredTerm-admn-sts");
        assert_eq!(administrative_status(Status::Approved, TermKind::Abbreviation), "admittedTerm-admn-sts");
        assert_eq!(administrative_status(Status::Rejected, TermKind::Term), "deprecatedTerm-admn-sts");
        assert_eq!(administrative_status(Status::Candidate, TermKind::Term), "admittedTerm-admn-sts");
    }
}
