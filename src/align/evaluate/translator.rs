//! A harder, "translator-style" perturbation than [`super::perturb`], closer to literary
//! translation: besides merged and missing lines it writes 2-2 beads (a sentence boundary
//! moved), 1-3 and 3-1 merges, sentences split in two on one side, clauses left out of one
//! side, and paraphrase: half the English content words (numbers included) are rewritten
//! (spelt backwards), some left out, some added, so dictionary and number anchors are scarce
//! and lengths agree less.

use super::{Problem, Random};
use crate::align::english;
use crate::align::sentence::Bead;

/// Shares of the bead shapes written, per step; the rest are 1-1.
const MERGE_ZH: f64 = 0.06;
const MERGE_EN: f64 = 0.06;
const CROSSED: f64 = 0.03;
const MERGE_ZH_THREE: f64 = 0.015;
const MERGE_EN_THREE: f64 = 0.015;
const SPLIT_ZH: f64 = 0.04;
const SPLIT_EN: f64 = 0.04;
const DROP_ZH: f64 = 0.03;
const DROP_EN: f64 = 0.03;
const OMIT_CLAUSE: f64 = 0.05;
/// Shares of English content words rewritten, left out, and followed by an added word (free
/// translation changes the length too).
const REPLACE_WORD: f64 = 0.5;
const DROP_WORD: f64 = 0.15;
const ADD_WORD: f64 = 0.15;

/// Turns line pairs `zh[i]` ↔ `en[i]` into a translator-style problem (see the module doc).
pub fn perturb_translator(zh: &[&str], en: &[&str], seed: u64) -> Problem {
    let mut random = Random(seed ^ 0x5851_f42d_4c95_7f2d);
    let n = zh.len().min(en.len());
    let pool: Vec<&str> = en[..n].iter().flat_map(|line| line.split(' ')).filter(|w| is_content(w)).collect();
    let en: Vec<String> = en[..n].iter().map(|line| paraphrase(line, &pool, &mut random)).collect();
    let mut problem = Problem { zh: Vec::new(), en: Vec::new(), gold: Vec::new() };
    let mut i = 0;
    while i < n {
        let (z, e) = (problem.zh.len(), problem.en.len());
        let left = n - i;
        let roll = random.next();
        let mut edge = 0.0;
        let mut within = |share: f64, lines: usize| {
            edge += share;
            roll < edge && left >= lines
        };
        // Each shape: the Chinese lines, the English lines, and the source pairs they use.
        let (zh_lines, en_lines, used): (Vec<String>, Vec<String>, usize) = if within(MERGE_ZH, 2) {
            (vec![zh[i..i + 2].concat()], en[i..i + 2].to_vec(), 2)
        } else if within(MERGE_EN, 2) {
            (strings(&zh[i..i + 2]), vec![en[i..i + 2].join(" ")], 2)
        } else if within(CROSSED, 3) {
            // The boundary moves: Chinese "a | bc", English "ab | c", one 2-2 bead.
            (vec![zh[i].to_string(), zh[i + 1..i + 3].concat()], vec![en[i..i + 2].join(" "), en[i + 2].clone()], 3)
        } else if within(MERGE_ZH_THREE, 3) {
            (vec![zh[i..i + 3].concat()], en[i..i + 3].to_vec(), 3)
        } else if within(MERGE_EN_THREE, 3) {
            (strings(&zh[i..i + 3]), vec![en[i..i + 3].join(" ")], 3)
        } else if within(SPLIT_ZH, 1) {
            (split(zh[i], &['，', '；', '：']), vec![en[i].clone()], 1)
        } else if within(SPLIT_EN, 1) {
            (vec![zh[i].to_string()], split(&en[i], &[',', ';', ':']), 1)
        } else if within(DROP_ZH, 1) {
            (Vec::new(), vec![en[i].clone()], 1)
        } else if within(DROP_EN, 1) {
            (vec![zh[i].to_string()], Vec::new(), 1)
        } else if within(OMIT_CLAUSE, 1) {
            if random.next() < 0.5 {
                (vec![omit_clause(zh[i], &['，', '；'])], vec![en[i].clone()], 1)
            } else {
                (vec![zh[i].to_string()], vec![omit_clause(&en[i], &[',', ';'])], 1)
            }
        } else {
            (vec![zh[i].to_string()], vec![en[i].clone()], 1)
        };
        problem.gold.push(Bead { zh: z..z + zh_lines.len(), en: e..e + en_lines.len() });
        problem.zh.extend(zh_lines);
        problem.en.extend(en_lines);
        i += used;
    }
    problem
}

fn strings(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|s| s.to_string()).collect()
}

/// Splits a sentence in two at the clause mark nearest its middle, else at the middle
/// character boundary (the space nearest it for English).
fn split(line: &str, marks: &[char]) -> Vec<String> {
    let middle = line.len() / 2;
    let at = line
        .char_indices()
        .filter(|(_, c)| marks.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&i| i < line.len())
        .min_by_key(|&i| i.abs_diff(middle))
        .or_else(|| line.char_indices().map(|(i, _)| i).filter(|&i| i > 0).min_by_key(|&i| i.abs_diff(middle)));
    match at {
        Some(at) if !line[..at].trim().is_empty() && !line[at..].trim().is_empty() => {
            vec![line[..at].trim().to_string(), line[at..].trim().to_string()]
        }
        _ => vec![line.to_string()],
    }
}

/// Leaves out the last clause of a sentence that has more than one.
fn omit_clause(line: &str, marks: &[char]) -> String {
    match line.rfind(marks) {
        Some(at) if at > line.len() / 3 => line[..at].to_string(),
        _ => line.to_string(),
    }
}

fn is_content(word: &str) -> bool {
    let lemma = english::lemma(word.trim_matches(|c: char| !c.is_alphanumeric()));
    lemma.chars().count() > 2 && !crate::lexicon::is_english_function_word(&lemma)
}

/// Rewrites, drops and adds content words. A rewritten or added word is a word of the text
/// spelt backwards: as long as a real one, but no dictionary or number anchor (a translator's
/// own word choice), and no chance match either.
fn paraphrase(line: &str, pool: &[&str], random: &mut Random) -> String {
    let mut words: Vec<String> = Vec::new();
    for word in line.split(' ') {
        if pool.is_empty() || !is_content(word) {
            words.push(word.to_string());
            continue;
        }
        let roll = random.next();
        if roll < REPLACE_WORD {
            words.push(backwards(word));
        } else if roll >= REPLACE_WORD + DROP_WORD {
            words.push(word.to_string());
        }
        if random.next() < ADD_WORD {
            let k = ((random.next() * pool.len() as f64) as usize).min(pool.len() - 1);
            words.push(backwards(pool[k]));
        }
    }
    words.join(" ")
}

fn backwards(word: &str) -> String {
    word.chars().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn translator_problems_hold_every_shape_and_cover_every_line() {
        let zh: Vec<String> = (0..600).map(|i| format!("第{i}句，有两个分句。")).collect();
        let en: Vec<String> = (0..600).map(|i| format!("sentence number {i}, with two clauses.")).collect();
        let zh: Vec<&str> = zh.iter().map(String::as_str).collect();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let problem = perturb_translator(&zh, &en, 3);
        let shapes: HashSet<(usize, usize)> = problem.gold.iter().map(|b| (b.zh.len(), b.en.len())).collect();
        for shape in [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1)] {
            assert!(shapes.contains(&shape), "{shape:?} missing from {shapes:?}");
        }
        let mut next = (0, 0);
        for bead in &problem.gold {
            assert_eq!((bead.zh.start, bead.en.start), next, "beads are contiguous");
            next = (bead.zh.end, bead.en.end);
        }
        assert_eq!(next, (problem.zh.len(), problem.en.len()));
        assert!(problem.zh.iter().chain(&problem.en).all(|line| !line.trim().is_empty()));
    }

    #[test]
    fn a_split_keeps_the_words_and_an_omission_drops_the_last_clause() {
        assert_eq!(split("one two, three four", &[',']), ["one two,", "three four"]);
        assert_eq!(split("我们来了，他们走了。", &['，']), ["我们来了，", "他们走了。"]);
        assert_eq!(omit_clause("we came, they left, all was well", &[',']), "we came, they left");
    }

    #[test]
    fn paraphrase_replaces_some_content_words_only() {
        let mut random = Random(1);
        let line = "the committee adopted the resolution on the budget of the organization";
        let out = paraphrase(line, &["river", "mountain"], &mut random);
        assert_eq!(out.split(' ').filter(|w| *w == "the").count(), 4, "function words stay");
        assert_ne!(out, line);
    }
}
