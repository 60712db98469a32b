//! Normalisation of Chinese text before analysis: full-width letters and digits to ASCII,
//! ASCII punctuation inside Chinese to its full-width form, one dash form between Han
//! characters, word-segmentation spaces removed, and sentences cut by line breaks joined.
//! Invisible characters (zero-width spaces and joiners, U+FEFF, soft hyphens) are dropped and
//! odd spaces (NBSP, narrow and typographic spaces) unified, so a word that a web page or a
//! word processor laced with them is one word again.
//!
//! The output is what every span points into; the raw file is not needed after this.

use super::is_han;

/// Normalises raw Chinese text. `segmented` removes the spaces of pre-segmented text.
pub fn normalize_zh(raw: &str, segmented: bool) -> String {
    let chars: Vec<char> = raw.replace("\r\n", "\n").chars().collect();
    let mut out = String::with_capacity(raw.len());
    // The nearest non-space neighbours of every character, found in one pass each way so
    // that a long run of spaces costs O(n), not O(n²).
    let mut after = vec![None; chars.len()];
    for i in (0..chars.len().saturating_sub(1)).rev() {
        after[i] = if is_space(chars[i + 1]) { after[i + 1] } else { Some(chars[i + 1]) };
    }
    let mut prev = None;
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && !is_space(chars[i - 1]) {
            prev = Some(chars[i - 1]);
        }
        let next = after[i];
        let near_han = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        // Every character an arm below changes is one `may_change` names (the fast path of
        // `normalize_zh_segment` relies on it).
        match c {
            _ if is_invisible(c) => {}
            // A layout space between two Han characters (NBSP from a web page, a narrow space
            // from a word processor) never separates Chinese words; an ordinary one may.
            _ if is_odd_space(c) && prev.is_some_and(is_han) && next.is_some_and(is_han) => {}
            ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => {
                let joins_words = prev.is_some_and(is_cjk_or_punct) || next.is_some_and(is_cjk_or_punct);
                let between_latin =
                    prev.is_some_and(|p| p.is_ascii_alphanumeric()) && next.is_some_and(|n| n.is_ascii_alphanumeric());
                let dash_neighbour = prev.is_some_and(is_dash) || next.is_some_and(is_dash);
                if (segmented && joins_words && !between_latin) || (dash_neighbour && near_han) {
                    continue;
                }
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
                out.push(char::from_u32(c as u32 - 0xfee0).unwrap_or(c));
            }
            '-' | '–' | '－' | '—' | '‐' | '‑'
                if prev.is_some_and(is_han) && next.is_some_and(is_han) && !is_dash_pair(&chars, i) =>
            {
                out.push('－');
            }
            ',' if near_han => out.push('，'),
            ';' if near_han => out.push('；'),
            ':' if near_han && !prev.is_some_and(|p| p.is_ascii_digit()) => out.push('：'),
            '?' if near_han => out.push('？'),
            '!' if near_han => out.push('！'),
            '(' if next.is_some_and(is_cjk) => out.push('（'),
            ')' if prev.is_some_and(is_cjk) => out.push('）'),
            _ => out.push(c),
        }
    }
    join_broken_lines(&out)
}

/// A segment of a translation memory as one line of normalised Chinese (line breaks made
/// spaces, ends trimmed). A segment holding nothing normalisation changes (two thirds of a
/// memory's) is only trimmed: a scan of its characters, not a pass over them that builds
/// their neighbours.
pub fn normalize_zh_segment(raw: &str) -> String {
    if !raw.chars().any(may_change) {
        return raw.trim().to_string();
    }
    normalize_zh(raw, false).trim().replace('\n', " ")
}

/// The characters [`normalize_zh`] may change or drop (whatever their neighbours), and line
/// breaks, which [`join_broken_lines`] may join: a text without any is left as it is but for
/// its ends. A character a new rule of `normalize_zh` changes must be added here.
fn may_change(c: char) -> bool {
    matches!(
        c,
        '\r' | '\n' | ' ' | '\t' | '\u{3000}' | ',' | ';' | ':' | '?' | '!' | '(' | ')'
            | '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}'
    ) || is_dash(c)
        || is_odd_space(c)
        || is_invisible(c)
}

/// Spaces and the invisible characters that stand between words like them: a neighbour
/// test looks through both.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}') || is_odd_space(c) || is_invisible(c)
}

/// Spaces other than the ASCII space, tab and ideographic space.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}')
}

/// Characters that print nothing: zero-width space, non-joiner and joiner, word joiner, the
/// byte-order mark in mid-text, soft hyphen, and the bidirectional marks.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{202a}'..='\u{202e}')
}

/// English text with invisible characters dropped and every run of spaces (odd ones
/// included) made one ASCII space, as one line.
pub fn normalize_en(text: &str) -> String {
    // Most lines of a memory are already so: printable ASCII, one space between words. One
    // scan of the bytes tells, and the line is copied as it is.
    let bytes = text.as_bytes();
    let normal = bytes.iter().all(|b| (b' '..=b'~').contains(b))
        && !bytes.starts_with(b" ")
        && !bytes.ends_with(b" ")
        && !text.contains("  ");
    if normal {
        return text.to_string();
    }
    strip_invisible(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` without its invisible characters (borrowed when it has none).
pub fn strip_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_invisible) {
        text.chars().filter(|&c| !is_invisible(c)).collect::<String>().into()
    } else {
        text.into()
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '－' | '—' | '‐' | '‑')
}

/// `——` is a clause dash, not a hyphen inside a name.
fn is_dash_pair(chars: &[char], i: usize) -> bool {
    (i > 0 && chars[i - 1] == '—') || chars.get(i + 1) == Some(&'—')
}

/// Han characters and CJK punctuation (including full-width forms).
pub fn is_cjk(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2014 | 0x2018..=0x201D)
}

fn is_cjk_or_punct(c: char) -> bool {
    is_cjk(c) || c.is_ascii_punctuation()
}

/// Sentence-final or clause-final punctuation: a line ending in one is complete.
pub fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '：'
            | '，'
            | '、'
            | '”'
            | '’'
            | '」'
            | '』'
            | '》'
            | '）'
            | '…'
            | '.'
            | '!'
            | '?'
            | ';'
            | ':'
    )
}

/// Joins a line to the next when a sentence was cut by a line or page break: the line is body
/// text (long, or inside an open bracket or quote), ends without clause punctuation, and the
/// next non-blank line goes on in Han script.
fn join_broken_lines(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    // next_content[k]: the first non-blank line at or after k, found once for all lines.
    let mut next_content = vec![lines.len(); lines.len() + 1];
    for k in (0..lines.len()).rev() {
        next_content[k] = if lines[k].trim().is_empty() { next_content[k + 1] } else { k };
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let mut current = lines[i].trim_end().to_string();
        let mut shape = LineShape::default();
        shape.push(&current);
        let mut j = i + 1;
        while let Some(&k) = next_content.get(j).filter(|&&k| k < lines.len()) {
            let following = lines[k].trim();
            if !shape.is_cut_before(following) {
                break;
            }
            current.push_str(following);
            shape.push(following);
            j = k + 1;
        }
        out.push_str(&current);
        out.push('\n');
        i = j;
    }
    out
}

/// What decides whether a line is a cut sentence, kept up to date as lines are joined to it,
/// so that joining n lines costs O(n) rather than rescanning the growing line each time.
#[derive(Default)]
struct LineShape {
    chars: usize,
    last: Option<char>,
    clause_mark: bool,
    /// Opened minus closed 《》, “”, （）.
    open: [isize; 3],
}

const PAIRS: [(char, char); 3] = [('《', '》'), ('“', '”'), ('（', '）')];

impl LineShape {
    fn push(&mut self, text: &str) {
        for c in text.chars() {
            self.chars += 1;
            self.last = Some(c);
            self.clause_mark |= matches!(c, '，' | '、' | '；');
            for (count, (open, close)) in self.open.iter_mut().zip(PAIRS) {
                *count += isize::from(c == open) - isize::from(c == close);
            }
        }
    }

    /// The line goes on in `following`: it is body text (long, or inside an open bracket or
    /// quote), ends without clause punctuation, and `following` starts in Han script.
    fn is_cut_before(&self, following: &str) -> bool {
        let Some(last) = self.last else {
            return false;
        };
        let starts_han = following.chars().next().is_some_and(is_han);
        let open = self.open.iter().any(|&count| count > 0);
        // Body text, not a title: long, or a clause already ended inside the line.
        let body = self.chars >= 40 || (self.chars >= 16 && self.clause_mark);
        starts_han && !ends_clause(last) && (open || body) && (is_han(last) || open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segmented_text_is_joined_but_latin_words_keep_their_space() {
        let out = normalize_zh("推广 “ 智能 电网 ” ， RCEP agreement 签署", true);
        assert_eq!(out.trim_end(), "推广“智能电网”，RCEP agreement签署");
    }

    #[test]
    fn plain_text_keeps_spaces() {
        assert_eq!(
            normalize_zh("中华人民共和国国务院总理 李克强", false).trim_end(),
            "中华人民共和国国务院总理 李克强"
        );
    }

    #[test]
    fn invisible_characters_and_odd_spaces_do_not_split_words() {
        let raw = "签署知情\u{200b}同意书，\u{feff}临床\u{a0}试验\u{2009}方案与知\u{ad}情\u{2060}同意。";
        assert_eq!(normalize_zh(raw, false).trim_end(), "签署知情同意书，临床试验方案与知情同意。");
        // Beside Latin text an odd space is still a space, made ASCII.
        assert_eq!(normalize_zh("采用\u{a0}GCP\u{202f}标准", false).trim_end(), "采用 GCP 标准");
        assert_eq!(normalize_en("informed\u{a0}consent\u{200b} form\u{feff}"), "informed consent form");
        assert_eq!(normalize_en(" two  spaces\tand a tab "), "two spaces and a tab");
    }

    #[test]
    fn full_width_alphanumerics_become_ascii() {
        assert_eq!(normalize_zh("ＲＣＥＰ协定１２", false).trim_end(), "RCEP协定12");
    }

    #[test]
    fn dashes_between_han_are_unified_and_unspaced() {
        assert_eq!(normalize_zh("中国 - 东盟组织", false).trim_end(), "中国－东盟组织");
        assert_eq!(normalize_zh("东盟—日本", false).trim_end(), "东盟－日本");
        assert_eq!(normalize_zh("前景——中共", false).trim_end(), "前景——中共");
    }

    #[test]
    fn ascii_punctuation_in_chinese_becomes_full_width() {
        assert_eq!(normalize_zh("首脑(总理)理事会,会议", false).trim_end(), "首脑（总理）理事会，会议");
        assert_eq!(normalize_zh("2020-12-01 08:34", false).trim_end(), "2020-12-01 08:34");
    }

    #[test]
    fn a_sentence_cut_by_a_page_break_is_joined() {
        let raw = "各代表团团长强调，在新冠肺炎疫情大流行背景下，实现全球繁荣与合作应坚持以人民为中心，为解决因新冠\n\n肺炎疫情产生的问题。\n短标题\n正文";
        let out = normalize_zh(raw, false);
        assert!(out.contains("因新冠肺炎疫情"), "{out}");
        assert!(out.contains("短标题\n正文"), "{out}");
    }

    #[test]
    fn an_open_book_title_is_joined_across_lines() {
        let out = normalize_zh("落实《东盟成员国\n地方合作发展纲要》", false);
        assert_eq!(out.trim_end(), "落实《东盟成员国地方合作发展纲要》");
    }

    proptest::proptest! {
        #[test]
        fn english_lines_normalise_as_split_and_joined(text in "[a-z ,.\t]{0,12}|[ -~\u{a0}\u{200b}]{0,12}|\\PC{0,8}") {
            let joined = strip_invisible(&text).split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalize_en(&text), joined);
        }
    }

    #[test]
    fn a_segment_is_one_trimmed_line_normalised() {
        assert_eq!(normalize_zh_segment("中,文"), "中，文");
        assert_eq!(normalize_zh_segment(" 中,文 "), "中，文");
        assert_eq!(normalize_zh_segment("甲\n乙（ＡＢ）\r\n"), "甲 乙（AB）");
        assert_eq!(normalize_zh_segment("\u{3000}缔约国会议 "), "缔约国会议");
    }

    proptest::proptest! {
        #[test]
        fn a_segment_normalises_as_its_text_does(text in "[中文（）甲乙 ,;:?!()a1－—\\-\u{3000}\u{a0}\u{200b}\u{ff21}\u{85}\n\r]{0,10}|[中文甲乙,;:?!()a1－]{0,6}|\\PC{0,8}") {
            let whole = normalize_zh(&text, false).trim().replace('\n', " ");
            proptest::prop_assert_eq!(normalize_zh_segment(&text), whole);
        }
    }
}
