//! A term list handed to the build (`build --terms FILE`): the Chinese terms a client or a
//! terminologist already chose. Mining is skipped; each listed term becomes a candidate with
//! every occurrence in the corpus (byte spans into `Document::zh`), so that term translation
//! finds its English exactly as it does for a mined term.
//!
//! The file holds one term a line, or a TSV whose first column is the term (a gold or
//! client list with its English beside it: the English is not read); `#` lines and blank
//! lines are skipped; a term listed twice is kept once, at its first place.

use crate::corpus::{read_text, Document};
use crate::error::{Error, Result};
use crate::mine::{Candidate, Scores};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

/// Reads a term list in any encoding the corpus reader accepts.
pub fn read(path: &Path) -> Result<Vec<String>> {
    parse(path, &read_text(path)?)
}

/// The terms of the list text of `path` (named in errors with the line at fault), in order.
pub fn parse(path: &Path, text: &str) -> Result<Vec<String>> {
    let mut seen = HashSet::new();
    let mut terms = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let term = line.split('\t').next().unwrap_or_default().trim();
        if term.is_empty() {
            return Err(Error::Malformed {
                path: path.to_path_buf(),
                line: number + 1,
                message: "the first column (the term) is empty".into(),
            });
        }
        // Corpus text is normalised the same way (full-width Latin and digits folded), so a
        // list typed with full-width characters still finds its terms.
        let term = crate::corpus::normalize::normalize_zh(term, false);
        let term = term.trim().to_string();
        if seen.insert(term.clone()) {
            terms.push(term);
        }
    }
    Ok(terms)
}

/// One candidate per listed term, in list order, with its occurrences in `docs` (nested
/// terms each keep all of theirs: 国际法院 inside 国际法院规约 counts for both).
pub fn candidates(docs: &[Document], terms: &[String]) -> Vec<Candidate> {
    let mut occurrences: Vec<Vec<crate::mine::Occurrence>> = vec![Vec::new(); terms.len()];
    if !terms.is_empty() {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(terms)
            .expect("a term list of plain strings always builds an automaton");
        for (doc_index, doc) in docs.iter().enumerate() {
            for found in automaton.find_overlapping_iter(&doc.zh) {
                occurrences[found.pattern().as_usize()]
                    .push(crate::mine::Occurrence::new(doc_index, found.start()..found.end()));
            }
        }
    }
    terms
        .iter()
        .zip(occurrences)
        .map(|(term, mut occurrences)| {
            occurrences.sort_by_key(|o| (o.doc(), o.span().start));
            let documents = occurrences.iter().map(|o| o.doc()).collect::<BTreeSet<_>>().len();
            Candidate {
                term: term.clone(),
                words: vec![term.clone()],
                tags: Vec::new(),
                frequency: occurrences.len(),
                documents,
                occurrences,
                cues: BTreeSet::new(),
                short_forms: BTreeSet::new(),
                left_variety: 0,
                right_variety: 0,
                bound: false,
                // Listed, not ranked: no score says more about one listed term than another.
                scores: Scores::default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::InputKind;

    #[test]
    fn lists_read_first_columns_skip_comments_and_keep_order_once() {
        let text =
            "# client list\n灌溉渠\tirrigation canal\n\n  滴灌系统 \n灌溉渠\n#x\n水泵站\tpumping station\tnote\n";
        let terms = parse(Path::new("list.tsv"), text).unwrap();
        assert_eq!(terms, ["灌溉渠", "滴灌系统", "水泵站"]);
    }

    #[test]
    fn an_empty_term_column_names_its_line() {
        let error = parse(Path::new("list.tsv"), "灌溉渠\n\tcanal\n").unwrap_err();
        assert_eq!(error.to_string(), "list.tsv:2: the first column (the term) is empty");
    }

    #[test]
    fn occurrences_are_byte_spans_of_every_term_nested_ones_included() {
        let tsv = "滴灌系统节水。\tDrip irrigation systems save water.\n新建滴灌系统和灌溉渠。\tNew drip irrigation systems and canals.\n";
        let docs = vec![crate::corpus::parse(Path::new("farm.tsv"), tsv, InputKind::Tsv).unwrap()];
        let terms: Vec<String> = ["滴灌系统", "滴灌", "灌溉渠", "水泵站"].map(String::from).to_vec();
        let found = candidates(&docs, &terms);
        assert_eq!(found.iter().map(|c| c.frequency).collect::<Vec<_>>(), [2, 2, 1, 0]);
        for candidate in &found {
            assert_eq!(candidate.term, candidate.words.concat());
            for o in &candidate.occurrences {
                assert_eq!(&docs[o.doc()].zh[o.span()], candidate.term);
            }
        }
        assert_eq!(found[0].documents, 1);
        assert_eq!(found[3].documents, 0);
    }

    proptest::proptest! {
        #[test]
        fn a_written_list_reads_back_as_written(
            terms in proptest::collection::vec("[\u{4e00}-\u{4fff}]{1,6}", 0..12),
            columns in proptest::collection::vec(proptest::option::of("[a-z ]{0,12}"), 12),
        ) {
            let mut text = String::from("# list\n");
            for (term, english) in terms.iter().zip(&columns) {
                match english {
                    Some(english) => text.push_str(&format!("{term}\t{english}\n\n")),
                    None => text.push_str(&format!("{term}\n")),
                }
            }
            let mut expected: Vec<String> = Vec::new();
            for term in &terms {
                if !expected.contains(term) {
                    expected.push(term.clone());
                }
            }
            proptest::prop_assert_eq!(parse(Path::new("l.tsv"), &text).unwrap(), expected);
        }
    }
}
