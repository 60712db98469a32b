//! Acronyms defined in English text: "Shanghai Cooperation Organization (SCO)". The letters
//! of the bracketed acronym must be the initials of the words before it (function words may
//! be skipped: "Global Initiative on Data Security (GIDS)").

use crate::align::english;
use crate::lexicon::is_english_function_word;

/// One definition: the long form as written and its acronym.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub long: String,
    pub short: String,
}

/// How far before its bracket a long form may start: an acronym has at most 10 letters and
/// the long form at most two words a letter, far less than this.
const MAX_LONG_FORM_BYTES: usize = 400;

/// Every acronym definition in `text`.
pub fn definitions(text: &str) -> Vec<Definition> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('(').map(|i| rest + i) {
        rest = open + 1;
        let Some(close) = text[rest..].find(')').map(|i| rest + i) else { break };
        let short = &text[open + 1..close];
        let capitals = short.chars().filter(char::is_ascii_uppercase).count();
        if capitals < 2 || short.len() > 10 || !short.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        // Only the line before the bracket, and only its end: looking further back made each
        // definition cost the whole document before it.
        let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
        let mut window = open.saturating_sub(MAX_LONG_FORM_BYTES).max(line_start);
        while !text.is_char_boundary(window) {
            window += 1;
        }
        if let Some(start) = long_form_start(&text[window..open], short) {
            let long = text[window + start..open].trim_end();
            out.push(Definition { long: long.to_string(), short: short.to_string() });
        }
    }
    out
}

/// Where the long form for `short` starts in `before` (which ends right before the bracket).
fn long_form_start(before: &str, short: &str) -> Option<usize> {
    let words = english::words(before, 0);
    let letters: Vec<char> = short.chars().filter(char::is_ascii_uppercase).map(|c| c.to_ascii_lowercase()).collect();
    let mut need = letters.len();
    let mut k = words.len();
    let mut start = None;
    while need > 0 && k > 0 && words.len() - k < letters.len() * 2 + 2 {
        k -= 1;
        let word = &before[words[k].span.clone()];
        let initial = word.chars().next()?.to_ascii_lowercase();
        if initial == letters[need - 1] {
            need -= 1;
            start = Some(words[k].span.start);
        } else if !is_english_function_word(&word.to_lowercase()) {
            return None;
        }
    }
    // Nothing but spaces between the long form and the bracket.
    let end_gap = words.last().map_or(before.len(), |w| w.span.end);
    (need == 0 && before[end_gap..].trim().is_empty()).then_some(start).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_is_found_after_any_amount_of_text_but_not_across_lines() {
        let filler = "Delegates met again and again. ".repeat(2000);
        let text = format!("{filler}\nThe World Health Organization (WHO) met.\nLine of text\n(LOT) again.");
        let found = definitions(&text);
        assert_eq!(found, vec![Definition { long: "World Health Organization".into(), short: "WHO".into() }]);
    }

    #[test]
    fn acronyms_are_found_with_their_long_forms() {
        let text = "members of the World Trade Organization (WTO) and the Food and Agriculture Organization (FAO) met (twice) in Rome (IT).";
        let found = definitions(text);
        assert_eq!(
            found,
            vec![
                Definition { long: "World Trade Organization".into(), short: "WTO".into() },
                Definition { long: "Food and Agriculture Organization".into(), short: "FAO".into() },
            ]
        );
    }
}
