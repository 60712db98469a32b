//! Scoring against gold lists, as `shared/eval/README.md` defines it:
//! - terms: R@K of the gold terms among the first K candidates (exact match after removing
//!   white space and unifying dashes); P@K from a judged list when one is given;
//! - pairs: for each gold Chinese term, the first English term of the first TBX concept
//!   entry holding it, correct when it equals an accepted variant after lower-casing,
//!   dropping a leading article, unifying dashes and making a plural last word singular.

use crate::align::english::lemma;
use crate::error::Result;
use std::collections::HashMap;
use std::path::Path;

/// Reads the first column (or the first `columns` columns) of a TSV gold list, skipping
/// `#` comment lines.
pub fn read_gold(path: &Path) -> Result<Vec<Vec<String>>> {
    let text = crate::corpus::read_text(path)?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(|f| f.trim().to_string()).collect())
        .collect())
}

pub fn term_key(term: &str) -> String {
    term.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '—' | '－' | '–' | '-') { '-' } else { c })
        .collect()
}

/// Share of `gold` found among the first `k` of `ranked`.
pub fn recall_at(gold: &[String], ranked: &[String], k: usize) -> f64 {
    if gold.is_empty() {
        return 0.0;
    }
    let top: std::collections::HashSet<String> = ranked.iter().take(k).map(|t| term_key(t)).collect();
    gold.iter().filter(|g| top.contains(&term_key(g))).count() as f64 / gold.len() as f64
}

/// Share of the first `k` candidates judged acceptable; unjudged ones count as rejected.
/// Returns (precision, number unjudged).
pub fn precision_at(judged: &HashMap<String, bool>, ranked: &[String], k: usize) -> (f64, usize) {
    let top: Vec<&String> = ranked.iter().take(k).collect();
    if top.is_empty() {
        return (0.0, 0);
    }
    let accepted = top.iter().filter(|t| judged.get(&term_key(t)).copied().unwrap_or(false)).count();
    let unjudged = top.iter().filter(|t| !judged.contains_key(&term_key(t))).count();
    (accepted as f64 / top.len() as f64, unjudged)
}

/// Ranked terms of a candidates.csv (the `term` column), read by the one reader of the format.
pub fn read_candidates(path: &Path) -> Result<Vec<String>> {
    let text = crate::corpus::read_text(path)?;
    Ok(crate::export::csv::read_candidates(&text, path)?.into_iter().map(|row| row.term).collect())
}

/// (Chinese terms, English terms) of each entry of a TBX file (v3 or 2008), in order, read by
/// the one TBX reader (`crate::curate`'s): the full form, then its short forms; the preferred
/// English, then the others.
pub fn read_tbx_concepts(path: &Path) -> Result<Vec<(Vec<String>, Vec<String>)>> {
    let edits = crate::curate::read(path)?;
    Ok(edits
        .into_iter()
        .map(|edit| {
            let zh = std::iter::once(edit.zh).chain(edit.zh_variants.unwrap_or_default()).collect();
            let en =
                edit.english.into_iter().filter(|e| !e.is_empty()).chain(edit.english_variants.unwrap_or_default());
            (zh, en.collect())
        })
        .collect())
}

/// The comparison form of an English equivalent.
pub fn english_key(text: &str) -> String {
    let lower = text.trim().to_lowercase().replace(['—', '－', '–'], "-");
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 1 && matches!(words[0], "the" | "a" | "an") {
        words.remove(0);
    }
    let last = words.pop().map(lemma);
    words.into_iter().map(str::to_string).chain(last).collect::<Vec<_>>().join(" ")
}

/// Per gold pair: (zh, expected variants, the glossary's English or None when absent, correct).
pub struct PairResult {
    pub zh: String,
    pub expected: Vec<String>,
    pub found: Option<String>,
    pub present: bool,
    pub correct: bool,
}

pub fn score_pairs(gold: &[Vec<String>], concepts: &[(Vec<String>, Vec<String>)]) -> Vec<PairResult> {
    gold.iter()
        .filter(|row| row.len() >= 2)
        .map(|row| {
            let zh = row[0].clone();
            let expected: Vec<String> = row[1].split('|').map(|s| s.trim().to_string()).collect();
            let concept = concepts.iter().find(|(terms, _)| terms.iter().any(|t| term_key(t) == term_key(&zh)));
            let found = concept.and_then(|(_, en)| en.first().cloned());
            let correct = found.as_ref().is_some_and(|f| expected.iter().any(|e| english_key(e) == english_key(f)));
            PairResult { zh, expected, present: concept.is_some(), found, correct }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recall_ignores_spaces_and_dash_variants() {
        let gold = vec!["中国－东盟".to_string(), "数字经济".to_string()];
        let ranked = vec!["中国—东盟".to_string(), "其他".to_string(), "数字 经济".to_string()];
        assert_eq!(recall_at(&gold, &ranked, 2), 0.5);
        assert_eq!(recall_at(&gold, &ranked, 3), 1.0);
    }

    #[test]
    fn english_keys_fold_articles_case_and_plurals() {
        assert_eq!(english_key("the Fast Tracks"), english_key("fast track"));
        assert_eq!(english_key("green lanes"), "green lane");
        assert_ne!(english_key("Belt"), english_key("Belt and Road"));
    }

    #[test]
    fn pairs_use_the_first_concept_holding_the_term() {
        let concepts = vec![
            (
                vec!["上海合作组织".to_string(), "上合组织".to_string()],
                vec!["Shanghai Cooperation Organization".to_string()],
            ),
            (vec!["上合组织".to_string()], vec!["SCO".to_string()]),
        ];
        let gold = vec![vec!["上合组织".to_string(), "SCO".to_string()]];
        let results = score_pairs(&gold, &concepts);
        assert!(results[0].present && !results[0].correct);
    }
}
