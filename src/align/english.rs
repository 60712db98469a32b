//! English words with spans, lemmas for matching (plural and case folded), and sentence
//! splitting.

use crate::corpus::Span;
use crate::lexicon::is_english_function_word;

/// One English word: its span in the text and its lower-cased singular form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub lemma: String,
}

/// Words of `text` (letters, digits, inner hyphens and apostrophes), spans offset by `offset`.
pub fn words(text: &str, offset: usize) -> Vec<Word> {
    let mut out = Vec::new();
    for_each_word(text, |span, lemma| {
        out.push(Word { span: offset + span.start..offset + span.end, lemma: lemma.to_string() })
    });
    out
}

/// Calls `each` with the span and the lemma of every word of `text`, as [`words`] cuts them.
/// The lemma is written into one buffer, reused from word to word: a translation memory's
/// English has tens of millions of words, and most are already interned by their caller.
pub fn for_each_word(text: &str, mut each: impl FnMut(Span, &str)) {
    let mut lemma = String::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner =
            matches!(c, '-' | '\'' | '’') && start.is_some() && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            lemma_into(&text[s..i], &mut lemma);
            each(s..i, &lemma);
        }
    }
    if let Some(s) = start {
        lemma_into(&text[s..], &mut lemma);
        each(s..text.len(), &lemma);
    }
}

/// Lower case, possessive dropped, a regular plural made singular: cities → city,
/// tracks → track, lanes → lane; "us", "ss" and "is" endings are left alone.
pub fn lemma(word: &str) -> String {
    let mut out = String::new();
    lemma_into(word, &mut out);
    out
}

/// [`lemma`], written into `out`.
fn lemma_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&word.to_lowercase());
    }
    for possessive in ["'s", "’s"] {
        while out.ends_with(possessive) {
            out.truncate(out.len() - possessive.len());
        }
    }
    let n = out.len();
    // A function word has no plural to undo ("always", "whereas", "themselves", "does"),
    // unless it is the variant of another ("towards" of "toward", "besides").
    let function_word = out.ends_with('s') && crate::lexicon::is_english_function_word(out);
    let whole = function_word.then(|| out.clone());
    if n > 4 && out.ends_with("ies") {
        out.truncate(n - 3);
        out.push('y');
    } else if n > 4 && (out.ends_with("ches") || out.ends_with("shes") || out.ends_with("xes") || out.ends_with("sses"))
    {
        out.truncate(n - 2);
    } else if n > 3 && out.ends_with('s') && !out.ends_with("ss") && !out.ends_with("us") && !out.ends_with("is") {
        out.truncate(n - 1);
    }
    if let Some(whole) = whole.filter(|_| !crate::lexicon::is_english_function_word(out)) {
        *out = whole;
    }
}

/// A crude stem for matching dictionary glosses against text across derivation:
/// declaration / declare / declared → "declar". Never shown to users.
pub fn stem(word: &str) -> String {
    let word = lemma(word);
    let word = irregular_base(&word).map_or(word, str::to_string);
    for suffix in [
        "izations",
        "ization",
        "ations",
        "ation",
        "ition",
        "ments",
        "ment",
        "abilities",
        "ability",
        "ibilities",
        "ibility",
        "able",
        "ible",
        "ities",
        "ity",
        "ions",
        "ion",
        "ating",
        "ated",
        "ate",
        "ing",
        "ed",
        "al",
        "es",
        "e",
        "s",
    ] {
        if word.len() >= suffix.len() + 4 {
            if let Some(stem) = word.strip_suffix(suffix) {
                return stem.to_string();
            }
        }
    }
    word
}

/// Base forms of common irregular English verbs (past tense and participle), so that "said"
/// meets a gloss "to say".
fn irregular_base(word: &str) -> Option<&'static str> {
    const FORMS: &[(&str, &str)] = &[
        ("ate", "eat"),
        ("became", "become"),
        ("began", "begin"),
        ("begun", "begin"),
        ("bent", "bend"),
        ("bit", "bite"),
        ("bitten", "bite"),
        ("blew", "blow"),
        ("bore", "bear"),
        ("born", "bear"),
        ("bought", "buy"),
        ("broke", "break"),
        ("broken", "break"),
        ("brought", "bring"),
        ("built", "build"),
        ("burnt", "burn"),
        ("caught", "catch"),
        ("chose", "choose"),
        ("chosen", "choose"),
        ("came", "come"),
        ("cried", "cry"),
        ("did", "do"),
        ("done", "do"),
        ("drank", "drink"),
        ("drew", "draw"),
        ("drawn", "draw"),
        ("dreamt", "dream"),
        ("driven", "drive"),
        ("drove", "drive"),
        ("dug", "dig"),
        ("eaten", "eat"),
        ("fell", "fall"),
        ("fallen", "fall"),
        ("felt", "feel"),
        ("fought", "fight"),
        ("found", "find"),
        ("fled", "flee"),
        ("flew", "fly"),
        ("flown", "fly"),
        ("forgot", "forget"),
        ("forgotten", "forget"),
        ("froze", "freeze"),
        ("frozen", "freeze"),
        ("gave", "give"),
        ("given", "give"),
        ("went", "go"),
        ("gone", "go"),
        ("got", "get"),
        ("gotten", "get"),
        ("grew", "grow"),
        ("grown", "grow"),
        ("hung", "hang"),
        ("heard", "hear"),
        ("held", "hold"),
        ("hid", "hide"),
        ("hidden", "hide"),
        ("hit", "hit"),
        ("kept", "keep"),
        ("knew", "know"),
        ("known", "know"),
        ("knelt", "kneel"),
        ("laid", "lay"),
        ("lay", "lie"),
        ("lain", "lie"),
        ("led", "lead"),
        ("left", "leave"),
        ("lent", "lend"),
        ("lit", "light"),
        ("lost", "lose"),
        ("made", "make"),
        ("meant", "mean"),
        ("met", "meet"),
        ("paid", "pay"),
        ("ran", "run"),
        ("rang", "ring"),
        ("rode", "ride"),
        ("rose", "rise"),
        ("risen", "rise"),
        ("said", "say"),
        ("sang", "sing"),
        ("sung", "sing"),
        ("sank", "sink"),
        ("sat", "sit"),
        ("saw", "see"),
        ("seen", "see"),
        ("sent", "send"),
        ("shook", "shake"),
        ("shot", "shoot"),
        ("shone", "shine"),
        ("slept", "sleep"),
        ("slid", "slide"),
        ("sold", "sell"),
        ("sought", "seek"),
        ("spoke", "speak"),
        ("spoken", "speak"),
        ("spent", "spend"),
        ("stood", "stand"),
        ("stole", "steal"),
        ("stolen", "steal"),
        ("struck", "strike"),
        ("swam", "swim"),
        ("swept", "sweep"),
        ("taught", "teach"),
        ("took", "take"),
        ("taken", "take"),
        ("tore", "tear"),
        ("torn", "tear"),
        ("told", "tell"),
        ("thought", "think"),
        ("threw", "throw"),
        ("thrown", "throw"),
        ("understood", "understand"),
        ("woke", "wake"),
        ("wore", "wear"),
        ("worn", "wear"),
        ("won", "win"),
        ("wept", "weep"),
        ("wrote", "write"),
        ("written", "write"),
        ("men", "man"),
        ("women", "woman"),
        ("children", "child"),
        ("feet", "foot"),
        ("teeth", "tooth"),
        ("mice", "mouse"),
        ("people", "person"),
    ];
    FORMS.iter().find(|(form, _)| *form == word).map(|(_, base)| *base)
}

pub fn is_content(word: &Word) -> bool {
    !is_english_function_word(&word.lemma)
}

/// Sentence spans of an English paragraph: a split after . ! ? followed by a space and an
/// upper-case letter, a digit or an opening quote; common abbreviations do not end sentences.
pub fn sentences(text: &str, span: &Span) -> Vec<Span> {
    const ABBREVIATIONS: &[&str] =
        &["Mr", "Mrs", "Ms", "Dr", "No", "Nos", "St", "Art", "para", "e.g", "i.e", "etc", "vs", "U.S", "U.N"];
    let body = &text[span.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = k + 1;
        while chars.get(j).is_some_and(|&(_, q)| matches!(q, '"' | '”' | '\'' | ')')) {
            j += 1;
        }
        let spaced = chars.get(j).is_some_and(|&(_, s)| s == ' ');
        let next_starts =
            chars.get(j + 1).is_some_and(|&(_, n)| n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“'));
        let word_before = body[start..i].rsplit(' ').next().unwrap_or("");
        if c == '.' && ABBREVIATIONS.contains(&word_before) {
            continue;
        }
        if spaced && next_starts {
            let end = chars.get(j).map_or(body.len(), |&(e, _)| e);
            push_trimmed(body, start, end, span.start, &mut out);
            start = end;
        }
    }
    push_trimmed(body, start, body.len(), span.start, &mut out);
    out
}

pub(crate) fn push_trimmed(body: &str, start: usize, end: usize, offset: usize, out: &mut Vec<Span>) {
    let piece = &body[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(offset + start + lead..offset + start + lead + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_fold_to_singular() {
        for (plural, singular) in [
            ("tracks", "track"),
            ("Cities", "city"),
            ("lanes", "lane"),
            ("status", "status"),
            ("process", "process"),
            ("SCO's", "sco"),
            ("approaches", "approach"),
        ] {
            assert_eq!(lemma(plural), singular);
        }
    }

    #[test]
    fn a_function_word_ending_in_s_is_its_own_lemma() {
        for word in ["always", "whereas", "themselves", "does", "Perhaps"] {
            assert_eq!(lemma(word), word.to_lowercase());
            assert!(crate::lexicon::is_english_function_word(&lemma(word)), "{word}");
        }
        assert_eq!(lemma("boys"), "boy");
        assert_eq!(lemma("towards"), "toward");
    }

    #[test]
    fn each_word_gets_its_own_lemma_from_the_shared_buffer() {
        let text = "Parties' boxes, the SCO’s working-groups and it's";
        let lemmas: Vec<String> = words(text, 3).into_iter().map(|w| w.lemma).collect();
        assert_eq!(lemmas, ["party", "box", "the", "sco", "working-group", "and", "it"]);
        let mut seen = Vec::new();
        for_each_word(text, |span, lemma| seen.push((span, lemma.to_string())));
        let spans: Vec<Span> = words(text, 0).into_iter().map(|w| w.span).collect();
        assert_eq!(seen.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>(), spans);
    }

    #[test]
    fn stems_meet_across_derivation() {
        assert_eq!(stem("declaration"), stem("declare"));
        assert_eq!(stem("declared"), stem("declare"));
        assert_eq!(stem("cooperation"), stem("cooperate"));
        assert_eq!(stem("securities"), stem("security"));
        assert_eq!(stem("availability"), stem("available"));
        assert_eq!(stem("responsibility"), stem("responsible"));
        assert_eq!(stem("sustainability"), stem("sustainable"));
        assert_ne!(stem("data"), stem("date"));
    }

    #[test]
    fn word_spans_slice_to_words() {
        let text = "The SCO-Afghanistan Contact Group's work, cyber-terrorism.";
        let words = words(text, 0);
        let spans: Vec<_> = words.iter().map(|w| &text[w.span.clone()]).collect();
        assert_eq!(spans, ["The", "SCO-Afghanistan", "Contact", "Group's", "work", "cyber-terrorism"]);
    }

    #[test]
    fn sentences_split_on_final_punctuation_only() {
        let text = "Colleagues, it is Mr. Li. The SCO has grown. 15 countries signed.";
        let spans = sentences(text, &(0..text.len()));
        let parts: Vec<_> = spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(parts, ["Colleagues, it is Mr. Li.", "The SCO has grown.", "15 countries signed."]);
    }
}
