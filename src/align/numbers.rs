//! Numbers, dates, ordinals and Latin tokens normalised so that both languages write them the
//! same way: 第十九次 ↔ 19th → "19", 二〇二〇年 ↔ 2020 → "2020", 十一月 ↔ November → "11",
//! 一是 ↔ First → "1", RCEP ↔ RCEP → "rcep". These are the exact anchors of the aligner.

use crate::corpus::is_han;

const DIGITS: &str = "零〇一二三四五六七八九";

fn digit_value(c: char) -> Option<u64> {
    match c {
        '两' => Some(2),
        _ => DIGITS.chars().position(|d| d == c).map(|p| p.saturating_sub(1) as u64),
    }
}

fn unit_value(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1_000),
        '万' => Some(10_000),
        '亿' => Some(100_000_000),
        _ => None,
    }
}

fn is_numeral(c: char) -> bool {
    digit_value(c).is_some() || unit_value(c).is_some()
}

/// The value of a Chinese numeral: 十九 → 19, 一百零五 → 105, 三万 → 30000; a run of bare
/// digits reads digit by digit (二〇二〇 → 2020).
pub fn chinese_numeral(run: &str) -> Option<u64> {
    if run.is_empty() || !run.chars().all(is_numeral) {
        return None;
    }
    if !run.chars().any(|c| unit_value(c).is_some()) {
        return run.chars().try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit_value(c)?));
    }
    let (mut total, mut section, mut digit) = (0u64, 0u64, None::<u64>);
    for c in run.chars() {
        if let Some(d) = digit_value(c) {
            digit = Some(d);
        } else if let Some(unit) = unit_value(c) {
            if unit >= 10_000 {
                total = total.checked_add(section.checked_add(digit.unwrap_or(0))?.checked_mul(unit)?)?;
                section = 0;
            } else {
                section = section.checked_add(digit.unwrap_or(1).checked_mul(unit)?)?;
            }
            digit = None;
        }
    }
    total.checked_add(section)?.checked_add(digit.unwrap_or(0))
}

/// Exact anchors of a Chinese text: Arabic and Chinese numbers (a bare Chinese numeral below
/// ten only as an ordinal, 第三 / 三是, or in a date, 三月), Latin words lower-cased.
pub fn chinese_anchors(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = i.checked_sub(1).map(|k| chars[k]);
        // A clause starts here when no Han character precedes (punctuation, or the text start).
        let clause_start = before.is_none_or(|b| !is_han(b));
        let run_end = |pred: &dyn Fn(char) -> bool| (i..chars.len()).find(|&k| !pred(chars[k])).unwrap_or(chars.len());
        if c.is_ascii_digit() {
            let end = run_end(&|c: char| c.is_ascii_digit() || c == ',');
            let digits: String = chars[i..end].iter().filter(|c| c.is_ascii_digit()).collect();
            push_number(&digits, &mut out);
            i = end;
        } else if c.is_ascii_alphabetic() {
            let end = run_end(&|c: char| c.is_ascii_alphabetic());
            out.push(chars[i..end].iter().collect::<String>().to_lowercase());
            i = end;
        } else if let Some((len, anchor)) = discourse_marker(&chars[i..]).filter(|_| clause_start) {
            out.push(anchor.to_string());
            i += len;
        } else if is_numeral(c) {
            let end = run_end(&is_numeral);
            let run: String = chars[i..end].iter().collect();
            let after = chars.get(end).copied();
            let ordinal = before == Some('第') || (after == Some('是') && clause_start);
            let dated = matches!(after, Some('年' | '月' | '日' | '号'));
            if let Some(value) = chinese_numeral(&run) {
                if value >= 10 || ordinal || dated {
                    out.push(value.to_string());
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Words that number the steps of an argument at the start of a clause, with the anchor
/// their English counterparts give (首先 ↔ First, 其次 ↔ Secondly, 最后 ↔ Finally).
const DISCOURSE_MARKERS: &[(&str, &str)] = &[("首先", "1"), ("其次", "2"), ("再次", "3"), ("最后", "last")];
/// English words that close a list of steps.
const CLOSING_MARKERS: &[&str] = &["finally", "lastly"];

/// The discourse marker `chars` begins with: its length in characters and its anchor.
fn discourse_marker(chars: &[char]) -> Option<(usize, &'static str)> {
    DISCOURSE_MARKERS.iter().find_map(|(zh, anchor)| {
        let len = zh.chars().count();
        (chars.len() >= len && chars[..len].iter().copied().eq(zh.chars())).then_some((len, *anchor))
    })
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "firstly",
    "secondly", "thirdly", "fourthly", "fifthly",
];

/// Exact anchors of an English text: numbers (19th → 19, 2,000 → 2000), capitalised month
/// names, ordinal words, and acronyms (two or more capitals) lower-cased.
pub fn english_anchors(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in text.split(|c: char| !(c.is_alphanumeric() || c == ',')) {
        for part in token.split(',').filter(|p| !p.is_empty()) {
            let lower = part.to_lowercase();
            if part.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
                let rest = &lower[digits.len()..];
                if rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th" | "s") {
                    push_number(&digits, &mut out);
                } else {
                    out.push(lower);
                }
            } else if let Some(m) = MONTHS.iter().position(|m| *m == part) {
                out.push((m + 1).to_string());
            } else if let Some(o) = ORDINALS.iter().position(|o| *o == lower) {
                out.push((o % 10 + 1).to_string());
            } else if CLOSING_MARKERS.contains(&lower.as_str()) {
                out.push("last".into());
            } else if part.chars().filter(char::is_ascii_uppercase).count() >= 2 && part.is_ascii() {
                out.push(lower);
            }
        }
    }
    // "2,000": the comma splits a number written with thousands separators.
    join_thousands(text, &mut out);
    out
}

/// Adds "2000" for "2,000" (the per-token pass saw "2" and "000").
fn join_thousands(text: &str, out: &mut Vec<String>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || (bytes[i] == b',' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let run = &text[start..i];
            if run.contains(',') {
                push_number(&run.replace(',', ""), out);
            }
        } else {
            i += 1;
        }
    }
}

fn push_number(digits: &str, out: &mut Vec<String>) {
    let trimmed = digits.trim_start_matches('0');
    if !digits.is_empty() {
        out.push(if trimmed.is_empty() { "0".into() } else { trimmed.to_string() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_initial_discourse_markers_meet_their_english() {
        let zh = chinese_anchors("首先，检查电源。其次，更换保险丝；最后，重新启动。他首先到达。");
        assert_eq!(zh, ["1", "2", "last"]);
        let en = english_anchors("Firstly, check the power. Secondly, replace the fuse; finally, restart.");
        assert_eq!(en, ["1", "2", "last"]);
    }

    #[test]
    fn chinese_numerals_read_as_numbers() {
        for (run, value) in [
            ("十九", 19),
            ("二十", 20),
            ("一百零五", 105),
            ("三万", 30_000),
            ("二〇二〇", 2020),
            ("十", 10),
            ("两千", 2000),
        ] {
            assert_eq!(chinese_numeral(run), Some(value), "{run}");
        }
        assert_eq!(chinese_numeral("年"), None);
    }

    #[test]
    fn both_languages_meet_on_the_same_anchors() {
        let zh = chinese_anchors("第十九次会议于二〇二〇年十一月30日举行。一是加强WTO合作，一个人来了。");
        assert_eq!(zh, ["19", "2020", "11", "30", "1", "wto"]);
        let en = english_anchors(
            "The 19th meeting was held on November 30, 2020. First, WTO cooperation; may we see 2,000.",
        );
        for anchor in ["19", "11", "30", "2020", "1", "wto", "2000"] {
            assert!(en.contains(&anchor.to_string()), "{anchor} in {en:?}");
        }
        assert!(!en.contains(&"5".to_string()), "lower-case 'may' is not a month");
    }
}
