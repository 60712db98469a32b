//! Typographic cues that mark terms in Chinese text: quoted expressions “…”, titles 《…》,
//! abbreviations in brackets X（RCEP）, and in-text definitions X（以下简称“Y”）.

use crate::corpus::{is_han, keeps_in_order, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueKind {
    Quoted,
    Title,
    /// The term before a bracketed abbreviation or definition.
    Defined,
    /// The abbreviation or short form itself.
    Abbreviation,
    /// Not typographic: a word the segmenter did not know that the text repeats as a unit
    /// ([`super::discover`]). Weaker evidence than the marks above.
    Discovered,
}

impl CueKind {
    /// How much the cue says that the string is a term, 0..1.
    pub fn strength(self) -> f64 {
        match self {
            CueKind::Discovered => 0.5,
            _ => 1.0,
        }
    }
}

/// A cued span of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub kind: CueKind,
    pub span: Span,
    /// Between straight quotes, which are paired by guess ([`straight_quoted`]).
    pub straight: bool,
}

/// A bracketed short form: `long_end` is where the long form stops (the opening bracket);
/// the long form itself is found by the miner, which knows the word boundaries (before
/// segmentation, [`long_form_start`] guesses it from the characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortForm {
    pub long_end: usize,
    pub short: Span,
    /// The text says it defines a short form (简称). A bare bracket does not: its long form
    /// may start before the first character the short form keeps (内部监督事务厅（监督厅）), so
    /// the miner's runs find it, not a guess from the characters.
    pub declared: bool,
}

/// Longest quoted expression that is still a name, not a quoted sentence.
const MAX_QUOTED_CHARS: usize = 16;
const MAX_TITLE_CHARS: usize = 48;
/// Longest bracketed short form or definition looked at.
const MAX_BRACKET_BYTES: usize = 240;
/// Longest short form taken without quotes after 简称: past that the run is the sentence
/// going on, not a name.
const MAX_UNQUOTED_SHORT_CHARS: usize = 8;
/// How far before 简称 the characters of an unquoted short form are looked for.
const MAX_LONG_FORM_CHARS: usize = 24;

/// Punctuation that only speech or a sentence holds, never a name: a quotation holding one
/// is said, not named (“叶伏天……” trails off).
const SENTENCE_MARKS: [char; 8] = ['，', '。', '；', '！', '？', '：', ',', '…'];

pub fn quoted_and_titles(text: &str) -> Vec<Cue> {
    let mut cues = Vec::new();
    for (open, close, kind, max) in
        [('“', '”', CueKind::Quoted, MAX_QUOTED_CHARS), ('《', '》', CueKind::Title, MAX_TITLE_CHARS)]
    {
        let mut from = 0;
        while let Some(start) = text[from..].find(open).map(|i| from + i + open.len_utf8()) {
            let Some(len) = text[start..].find([close, '\n']) else {
                break;
            };
            let end = start + len;
            from = end;
            if names_something(&text[start..end], max) {
                cues.push(Cue { kind, span: start..end, straight: false });
            }
        }
    }
    cues.extend(straight_quoted(text));
    cues.sort_by_key(|c| c.span.start);
    cues
}

/// Expressions between straight double quotes ("无武器区"), which many Chinese texts (a UN
/// memory among them) write instead of “”. Straight quotes do not say which one opens, so
/// they are paired in order, and only in a clause that holds an even number of them: in one
/// that starts or ends inside a quotation, pairing in order would quote the text between two.
fn straight_quoted(text: &str) -> Vec<Cue> {
    let quotes: Vec<usize> = text.match_indices('"').map(|(at, _)| at).collect();
    if quotes.len() % 2 != 0 {
        return Vec::new();
    }
    quotes
        .chunks(2)
        .filter_map(|pair| {
            let (start, end) = (pair[0] + 1, pair[1]);
            names_something(&text[start..end], MAX_QUOTED_CHARS).then_some(Cue {
                kind: CueKind::Quoted,
                span: start..end,
                straight: true,
            })
        })
        .collect()
}

/// Whether a quoted or titled text of at most `max` characters may be a name: two characters
/// or more, half of them Chinese, on one line, and no punctuation of a sentence or of speech.
fn names_something(inner: &str, max: usize) -> bool {
    let chars = inner.chars().count();
    let han = inner.chars().filter(|&c| is_han(c)).count();
    (2..=max).contains(&chars) && !inner.contains(SENTENCE_MARKS) && !inner.contains('\n') && han * 2 >= chars
}

/// `X（ABC）`, `X（以下简称“Y”）`, `X（简称“Y”）`: the bracket right after a Han character.
pub fn short_forms(text: &str) -> Vec<ShortForm> {
    let mut found = Vec::new();
    for (open, _) in text.match_indices('（') {
        let before = text[..open].chars().next_back();
        if !before.is_some_and(is_han) {
            continue;
        }
        let inner_start = open + '（'.len_utf8();
        // A short form or its definition is short; looking further for the closing bracket
        // would make a line of unclosed brackets quadratic.
        let mut window_end = (inner_start + MAX_BRACKET_BYTES).min(text.len());
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let Some(len) = text[inner_start..window_end].find(['）', '\n']) else {
            continue;
        };
        let inner = &text[inner_start..inner_start + len];
        if is_acronym(inner) || is_chinese_short_form(inner, &text[..open]) {
            found.push(ShortForm { long_end: open, short: inner_start..inner_start + len, declared: false });
        } else if inner.contains("简称") {
            // Every quoted name in the definition is a short form: “世卫组织”或“本组织”; an
            // unquoted one runs from 简称 to the bracket (以下简称新冠肺炎).
            let quoted = quoted_and_titles(inner);
            for cue in &quoted {
                let short = inner_start + cue.span.start..inner_start + cue.span.end;
                found.push(ShortForm { long_end: open, short, declared: true });
            }
            if quoted.is_empty() {
                let short =
                    unquoted_after(text, inner_start, len).filter(|s| abbreviates(&text[s.clone()], &text[..open]));
                found.extend(short.map(|short| ShortForm { long_end: open, short, declared: true }));
            }
        }
    }
    // Without brackets: X，简称Y，(and X简称Y).
    for (at, marker) in text.match_indices("简称") {
        let before = text[..at].trim_end_matches("以下").trim_end_matches(['，', ',']);
        let in_brackets = text[..at].rfind('（').is_some_and(|open| !text[open..at].contains('）'));
        if in_brackets || !before.chars().next_back().is_some_and(is_han) {
            continue;
        }
        let start = at + marker.len();
        let rest = &text[start..];
        let len = rest.find(|c: char| !is_han(c)).unwrap_or(rest.len());
        if let Some(short) = unquoted_after(text, start, len).filter(|s| abbreviates(&text[s.clone()], before)) {
            found.push(ShortForm { long_end: before.len(), short, declared: true });
        }
    }
    found.sort_by_key(|f| f.short.start);
    found
}

/// Whether `short` keeps characters of the text just before it in order, as a Chinese short
/// form does of its long form (上合组织 of 上海合作组织): without quotes, that is what tells a
/// short form from the sentence going on after 简称.
fn abbreviates(short: &str, before: &str) -> bool {
    let window: Vec<char> = before.chars().rev().take(MAX_LONG_FORM_CHARS).collect();
    keeps_in_order(short.chars(), window.into_iter().rev())
}

/// Where the long form that `short` abbreviates starts in `before` (which ends with it): at
/// the nearest character that opens the short form and from which the short form's characters
/// follow in order, its last one ending `before` (上合组织 of 上海合作组织). None for a short
/// form of Latin letters, or one that keeps no such order.
pub fn long_form_start(short: &str, before: &str) -> Option<usize> {
    let first = short.chars().next().filter(|&c| is_han(c))?;
    if short.chars().next_back() != before.chars().next_back() {
        return None;
    }
    let mut starts = before.char_indices().rev().take(MAX_LONG_FORM_CHARS).filter(|&(_, c)| c == first);
    starts.find_map(|(at, _)| keeps_in_order(short.chars(), before[at..].chars()).then_some(at))
}

/// The unquoted short form in `text[start..start + len]` after 简称: a run of two to
/// [`MAX_UNQUOTED_SHORT_CHARS`] Chinese characters that ends the span.
fn unquoted_after(text: &str, start: usize, len: usize) -> Option<Span> {
    let inner = &text[start..start + len];
    let at = inner.rfind("简称").map_or(0, |i| i + "简称".len());
    let short = inner[at..].trim_start_matches(['为', '：', ':']);
    let offset = start + len - short.len();
    is_chinese_short_form_shape(short).then_some(offset..start + len)
}

/// Two to [`MAX_UNQUOTED_SHORT_CHARS`] Chinese characters: the shape of a Chinese short form
/// the text gives without quotes.
fn is_chinese_short_form_shape(short: &str) -> bool {
    (2..=MAX_UNQUOTED_SHORT_CHARS).contains(&short.chars().count()) && short.chars().all(is_han)
}

/// A bracket of Chinese characters right after a name that it abbreviates (联合国开发计划署
/// （开发署）, as institutional Chinese gives its short forms): it ends with the name's last
/// character and keeps its characters in order ([`long_form_start`]). A bracket that adds a
/// country, a place or a remark (某某先生（尼日利亚）, 基桑加尼（东方省）) keeps no such order.
fn is_chinese_short_form(inner: &str, before: &str) -> bool {
    is_chinese_short_form_shape(inner) && ends_with_long_form(inner, before)
}

/// Whether `before` ends with a long form that `short` abbreviates ([`long_form_start`]),
/// longer than `short` itself.
pub fn ends_with_long_form(short: &str, before: &str) -> bool {
    long_form_start(short, before).is_some_and(|start| before[start..].chars().count() > short.chars().count())
}

fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_ascii_uppercase()).count();
    (2..=10).contains(&s.len()) && letters >= 2 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '&')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, cues: &[Cue]) -> Vec<&'a str> {
        cues.iter().map(|c| &text[c.span.clone()]).collect()
    }

    #[test]
    fn quoted_names_but_not_quoted_sentences() {
        let text = "弘扬“丝路精神”，“世界怎么了，我们怎么办”成为时代之问，落实《某某合作纲要》。";
        assert_eq!(texts(text, &quoted_and_titles(text)), ["丝路精神", "某某合作纲要"]);
        // Speech that trails off is said, not named.
        assert!(quoted_and_titles("“叶伏天……”他喊道。").is_empty());
    }

    #[test]
    fn straight_quotes_pair_in_order_in_a_clause_that_closes_them_all() {
        let text = "支持\"无武器区\"和\"五加一\"机制";
        assert_eq!(texts(text, &quoted_and_titles(text)), ["无武器区", "五加一"]);
        // An odd number: the clause starts or ends inside a quotation, pairs are not known.
        assert!(quoted_and_titles("机制\"和\"五加一\"机制").is_empty());
        // A quoted sentence is no name, in straight quotes as in curly ones.
        assert!(quoted_and_titles("他说\"我们同意，明天开会\"。").is_empty());
    }

    #[test]
    fn acronyms_and_definitions_are_short_forms() {
        let text = "签署了区域协定（RCEP），东盟组织（以下简称“东组”或“本组织”）成立。";
        let forms = short_forms(text);
        let shorts: Vec<_> = forms.iter().map(|f| &text[f.short.clone()]).collect();
        assert_eq!(shorts, ["RCEP", "东组", "本组织"]);
        assert!(text[..forms[0].long_end].ends_with("区域协定"));
    }

    #[test]
    fn a_bracket_of_chinese_characters_the_name_before_it_keeps_in_order_is_a_short_form() {
        let text = "国家药品监督管理局（药监局）和王医生（北京）出席，财政部（部长）致辞。";
        let forms = short_forms(text);
        let shorts: Vec<_> = forms.iter().map(|f| &text[f.short.clone()]).collect();
        assert_eq!(shorts, ["药监局"]);
        assert!(text[..forms[0].long_end].ends_with("国家药品监督管理局"));
        assert!(!forms[0].declared, "a bare bracket declares nothing");
        assert!(short_forms("世界卫生组织（以下简称世卫组织）").iter().all(|f| f.declared));
    }

    #[test]
    fn unquoted_short_forms_after_jiancheng_with_or_without_brackets() {
        let text = "新型冠状病毒肺炎（以下简称新冠肺炎）疫情发生后，上海合作组织，简称上合组织，成立于2001年。";
        let forms = short_forms(text);
        let pairs: Vec<(&str, &str)> = forms.iter().map(|f| (&text[..f.long_end], &text[f.short.clone()])).collect();
        assert_eq!(pairs.len(), 2, "{pairs:?}");
        assert!(pairs[0].0.ends_with("新型冠状病毒肺炎") && pairs[0].1 == "新冠肺炎", "{pairs:?}");
        assert!(pairs[1].0.ends_with("上海合作组织") && pairs[1].1 == "上合组织", "{pairs:?}");
        // A sentence going on after 简称 is no short form.
        assert!(short_forms("这个机构简称很长的一串名字总是没有人记得住。").is_empty());
        assert!(short_forms("这个机构的简称很好记。").is_empty());
        let text = "世界卫生组织，以下简称世卫组织，发布了指南。";
        let forms = short_forms(text);
        assert_eq!(forms.iter().map(|f| &text[f.short.clone()]).collect::<Vec<_>>(), ["世卫组织"]);
    }

    #[test]
    fn a_long_form_starts_where_its_short_form_starts_keeping_its_characters_in_order() {
        fn long<'a>(short: &str, before: &'a str) -> Option<&'a str> {
            long_form_start(short, before).map(|at| &before[at..])
        }
        assert_eq!(long("上合组织", "出席上海合作组织"), Some("上海合作组织"));
        assert_eq!(long("世卫组织", "他们向世界卫生组织"), Some("世界卫生组织"));
        // Its last character must end the long form; Latin letters keep no characters.
        assert_eq!(long("上合组织", "上海合作组织成员国"), None);
        assert_eq!(long("RCEP", "区域全面经济伙伴关系协定"), None);
        assert_eq!(long("东组", "西方国家组织"), None);
    }

    #[test]
    fn a_bracket_after_punctuation_is_not_a_short_form() {
        assert!(short_forms("会议。（RCEP）").is_empty());
    }
}
