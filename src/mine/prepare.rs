//! Tokens as the run rules need them: jieba's cut repaired where Chinese word formation says
//! it is wrong — bound prefixes (去…化, 反 + 不正当竞争法, 可 + 持续) and one-character
//! modifiers the dictionary lists with their word (零 + 容忍) joined, surnames joined to the
//! given name, set phrases tagged by their structure, made-up words read as names.

use super::classes::{
    has_grammatical_edge, is_coverb, is_modal_verb, is_numeral_prefix, is_predicate, is_reduplication, opens_with_verb,
    NEGATING_PREFIXES,
};
use crate::corpus::is_han;
use crate::lexicon::{is_english_function_word, Lexicon};
use crate::segment::{Pos, Segmenter, Token};

/// Tokens as the run rules need them: bound prefixes joined, verbal set phrases tagged as verbs.
pub fn prepare(text: &str, tokens: Vec<Token>, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<Token> {
    let tokens = split_grammar_from_names(text, tokens, segmenter, lexicon);
    let mut tokens = join_surnames(text, merge_bound_prefixes(text, tokens, segmenter, lexicon));
    let mut previous_end = None;
    for token in &mut tokens {
        let word = &text[token.span.clone()];
        let glued = previous_end == Some(token.span.start);
        previous_end = Some(token.span.end);
        if let Some(pos) = phrase_pos(word, segmenter, lexicon) {
            token.pos = pos;
        } else if glued && word == PLURAL_SUFFIX {
            // The plural suffix of nouns of people (团长 + 们 "heads", 弟子 + 们 "disciples")
            // is inflection, as English -s is: the term is the noun before it.
            token.pos = Pos::Particle;
        } else if glued
            && token.pos == Pos::Other
            && word.chars().count() == 1
            && word.chars().all(is_han)
            && !NEGATING_PREFIXES.contains(&word)
            && !lexicon.entry(word).senses.first().is_some_and(|sense| is_english_function_word(sense))
        {
            // A character jieba could not place, glued to the word before it, is a suffix of
            // word formation (流离失所 + 者, 战争 + 罪, 联检 + 组), which makes a noun; not
            // when the dictionary's first sense is a grammatical word (疫情 + 仍 "still").
            token.pos = Pos::Noun;
        } else if is_modal_verb(word) {
            token.pos = Pos::Verb;
        } else if is_coverb(word) {
            token.pos = Pos::Preposition;
        } else if is_made_up_word(word, token.pos, segmenter, lexicon) {
            // jieba's tag for a word it made up from characters (HMM) is a guess (a name
            // comes out as a time word or a numeral); a repeated new word is a name far more
            // often than anything else.
            token.pos = Pos::ProperNoun;
        } else if token.pos == Pos::Time && word.chars().count() >= 2 && names_no_time(word, lexicon) {
            // jieba's dictionary tags some nouns as time words (星月 "the moon and the stars",
            // which opens the guild name 星月工会); a time word ends a run, a noun does not.
            token.pos = Pos::Noun;
        } else if token.pos == Pos::PersonName && lexicon.class(word).verb_sense {
            // jieba tags some common words as names because their first character is a
            // surname (许可 "to permit; permission"); CC-CEDICT knows them as words.
            token.pos = Pos::VerbalNoun;
        } else if !token.pos.is_nominal()
            && !matches!(token.pos, Pos::PersonName | Pos::Time)
            && word.chars().count() >= 2
            && lexicon.class(word).name
        {
            // jieba tags some names as measure words (马里 "Mali"), adverbs (也门 "Yemen") or
            // place words (海地 "Haiti"); CC-CEDICT lists them only as names. Not a time word:
            // CC-CEDICT capitalises the weekdays.
            token.pos = Pos::ProperNoun;
        }
    }
    join_agent_suffix(text, tokens)
}

/// The plural suffix of nouns of people.
const PLURAL_SUFFIX: &str = "们";

/// The agent suffix 者 makes a noun of the predicate it is glued to (密切接触 + 者 "close
/// contact", 贩毒 + 者 "drug trafficker"): one word, as jieba writes those it knows (吸毒者).
fn join_agent_suffix(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if let Some(previous) = out.last_mut() {
            let predicate = matches!(previous.pos, Pos::Verb | Pos::VerbalNoun | Pos::Idiom | Pos::Adjective);
            if &text[token.span.clone()] == "者" && previous.span.end == token.span.start && predicate {
                previous.span.end = token.span.end;
                previous.pos = Pos::Noun;
                continue;
            }
        }
        out.push(token);
    }
    out
}

/// A word of two to four Chinese characters that neither jieba's dictionary nor CC-CEDICT
/// lists, tagged as something that cannot be a name: jieba built it from characters.
fn is_made_up_word(word: &str, pos: Pos, segmenter: &Segmenter, lexicon: &Lexicon) -> bool {
    let chars = word.chars().count();
    (2..=4).contains(&chars)
        && !pos.is_nominal()
        && pos != Pos::PersonName
        && word.chars().all(is_han)
        && !segmenter.is_dictionary_word(word)
        && !lexicon.class(word).known
        && !has_grammatical_edge(word, segmenter)
        && !is_numeral_and_verb(word, segmenter)
}

/// A numeral and a one-character verb (一 + 笑, 一 + 震: "with a smile", "with a start"), which
/// jieba's character model glues into one word: the 一V construction of a predicate, no name.
fn is_numeral_and_verb(word: &str, segmenter: &Segmenter) -> bool {
    let mut chars = word.char_indices();
    match (chars.next(), chars.next(), chars.next()) {
        (Some((_, first)), Some((at, _)), None) => {
            is_numeral_prefix(first.encode_utf8(&mut [0; 4]))
                && segmenter.tokens(&word[at..], 0).first().is_some_and(|t| t.pos == Pos::Verb)
        }
        _ => false,
    }
}

/// jieba lists set phrases as one word, often untagged (积极开展 "actively carry out", 作出
/// 贡献 "make a contribution", 按规定 "as prescribed"). One opening with a preposition is a
/// prepositional phrase; one made of a predicate and a non-verb is a verb phrase; neither
/// is a name. Two verbs side by side (复工复产, 互联互通) make a set phrase that names a
/// policy, and keep their tag. A word CC-CEDICT knows only as a noun is none of these,
/// whatever its first character: 对照组 "control group" does not open with the preposition 对.
fn phrase_pos(word: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Option<Pos> {
    let parts = segmenter.parts(word)?;
    if lexicon.class(word).noun_only() {
        return None;
    }
    if parts.first_pos == Pos::Preposition {
        return Some(Pos::Preposition);
    }
    // Three characters are a word, not a phrase: 保护器 "protector" is a noun.
    if word.chars().count() < 4 {
        return None;
    }
    let first = is_predicate(&parts.first, parts.first_pos, lexicon);
    let head = is_predicate(&parts.head, parts.head_pos, lexicon);
    (first != head).then_some(Pos::Verb)
}

/// Whether CC-CEDICT knows `word` only as a noun, not as a name (星期四 "Thursday"), and no
/// sense of it says a time or reads as an adverb ([`WordClass::adverbial`]: 前世 "previous
/// life", 如下 "as follows", 明明 "obviously").
///
/// [`WordClass::adverbial`]: crate::lexicon::WordClass::adverbial
fn names_no_time(word: &str, lexicon: &Lexicon) -> bool {
    let class = lexicon.class(word);
    class.known && class.noun_only() && !class.name && !class.adverbial
}

/// Bound prefixes of Chinese word formation that jieba splits off as verbs, joined to the word
/// they attach to: 去/逆/反/非… before a -化, -主义 or 歧视 word (去杠杆化, 反殖民主义, 非歧视),
/// and "-able" 可 before a compound that opens with a verb (可 + 再生能源).
fn merge_bound_prefixes(text: &str, tokens: Vec<Token>, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<Token> {
    const PREFIXES: &[&str] = &["去", "逆", "反", "非", "泛", "超", "跨"];
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if let Some(previous) = out.last_mut() {
            let word = &text[token.span.clone()];
            let prefix = &text[previous.span.clone()];
            let glued = previous.span.end == token.span.start;
            let negating = PREFIXES.contains(&prefix)
                && (word.ends_with('化') || word.ends_with("主义") || word.ends_with("歧视"));
            let able =
                prefix == "可" && !matches!(token.pos, Pos::Verb | Pos::VerbalNoun) && opens_with_verb(word, lexicon);
            // A one-character modifier that the dictionary lists together with the next word
            // as one noun, which jieba split (大 + 分子, when cut: CC-CEDICT lists 大分子
            // "macromolecule"; 零 + 容忍 = 零容忍 "zero tolerance"). So is "-able" 可 before a
            // two-character verb when the dictionary lists the two together (可 + 持续 = 可持续
            // "sustainable"). A grammatical word is never such a modifier.
            let listed = prefix.chars().count() == 1
                && prefix.chars().all(is_han)
                && !previous.pos.is_function()
                && !token.pos.is_function()
                && (previous.pos == Pos::Adjective && token.pos.is_nominal()
                    || matches!(previous.pos, Pos::Numeral | Pos::Adjective | Pos::Noun)
                        && word.chars().count() >= 2
                        && token.pos != Pos::Locative
                    || prefix == "可" && word.chars().count() == 2)
                && lexicon.class(&text[previous.span.start..token.span.end]).nominal;
            // Two characters jieba could only cut apart, which CC-CEDICT lists together as a
            // noun and never as a verb (抹 + 茶 = 抹茶 "green tea powder"): a word jieba's
            // dictionary lacks, not a verb and its object. Not an adverb before a verb (都 +
            // 会 "will all", not 都会 "metropolis").
            let noun_pair = prefix.chars().count() == 1
                && word.chars().count() == 1
                && prefix.chars().chain(word.chars()).all(is_han)
                && !previous.pos.is_function()
                && !matches!(previous.pos, Pos::Adverb | Pos::Numeral)
                && token.pos.is_nominal()
                && {
                    let pair = &text[previous.span.start..token.span.end];
                    lexicon.class(pair).noun_only() && !segmenter.is_dictionary_word(pair)
                };
            if glued && (negating || able || listed || noun_pair) {
                previous.span.end = token.span.end;
                previous.pos = Pos::Noun;
                continue;
            }
            // 不, 非, 反, 无 before a word negate or oppose it inside one word (不扩散
            // "non-proliferation", 非自治, 反 + 不正当竞争): a term never starts after one.
            let negated = prefix.chars().all(|c| NEGATING_PREFIXES.iter().any(|p| p.starts_with(c)))
                && word.chars().all(is_han)
                && (NEGATING_PREFIXES.contains(&word)
                    || word.chars().count() >= 2 && !token.pos.is_function() && !is_modal_verb(word));
            if glued && negated {
                previous.span.end = token.span.end;
                if !NEGATING_PREFIXES.contains(&word) {
                    previous.pos = token.pos;
                }
                continue;
            }
        }
        out.push(token);
    }
    out
}

/// Characters that open a clause or a phrase (当 "when", 可 "but", 对 "to", 把, 被, 却 "yet", 都
/// "all"…), which jieba's character model may glue to the name after them (当 + 林锋, 对 + 安林).
const GRAMMAR_CHARS: &str = "当可对跟与把被让给在却就才又也还都令使替将叫请连但而若如只便并更最很太已正刚再";

/// A three-character word jieba made up (in neither dictionary) that opens with a character of
/// [`GRAMMAR_CHARS`] CC-CEDICT gives no surname reading, before two characters no dictionary
/// lists either and that jieba alone takes for a name, is that character and a name: split in
/// two (当林锋来到 "when Lin Feng came"). With a surname reading (向 "Xiang", 和 "He") it is a
/// name of three characters. A "name" that doubles its first character is a reduplicated
/// adverb and a verb (冷冷 + 道 "said coldly"), split the same way.
fn split_grammar_from_names(text: &str, tokens: Vec<Token>, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        let word = &text[token.span.clone()];
        let mut chars = word.chars();
        let (Some(a), Some(b), Some(c), None) = (chars.next(), chars.next(), chars.next(), chars.next()) else {
            out.push(token);
            continue;
        };
        let made_up = |w: &str| !segmenter.is_dictionary_word(w) && !lexicon.class(w).known;
        // jieba's tag for a piece standing alone.
        let tag = |w: &str| segmenter.tokens(w, 0).first().map_or(Pos::Other, |t| t.pos);
        // Where the word splits, and the tags of its two pieces.
        let mut split: Option<(usize, Pos, Pos)> = None;
        let doubled = &word[..a.len_utf8() + b.len_utf8()];
        if is_reduplication(doubled) && is_han(c) {
            // A reduplicated adverb and a verb (冷冷 + 道 "said coldly"), which jieba takes for
            // a name (its dictionary even lists 冷冷道 as one): no name doubles its first
            // character.
            let name = matches!(token.pos, Pos::PersonName | Pos::ProperNoun);
            if name && !lexicon.class(word).known && !made_up(doubled) && !lexicon.class(doubled).name {
                split = Some((doubled.len(), Pos::Adverb, tag(&word[doubled.len()..])));
            }
        }
        if split.is_none() && is_han(b) && is_han(c) && GRAMMAR_CHARS.contains(a) {
            let (grammar, rest) = word.split_at(a.len_utf8());
            // jieba's own guess for the two characters alone says name (not 得性 of 可得性
            // "availability", nor the verb 挥出 of 就挥出).
            let name =
                || matches!(segmenter.tokens(rest, 0)[..], [Token { pos: Pos::PersonName | Pos::ProperNoun, .. }]);
            if made_up(word) && made_up(rest) && !lexicon.class(grammar).surname && name() {
                split = Some((grammar.len(), tag(grammar), Pos::PersonName));
            }
        }
        match split {
            Some((at, first, second)) => {
                let at = token.span.start + at;
                out.push(Token { span: token.span.start..at, pos: first });
                out.push(Token { span: at..token.span.end, pos: second });
            }
            None => out.push(token),
        }
    }
    out
}

/// A surname that jieba cut off as a one-character name (叶 + 伏天, 卓 + 飞扬, 秦 + 师姐) is
/// joined to the one or two characters after it: Chinese personal names and forms of address
/// are a surname and a given name or title, which jieba's dictionary splits into other words.
fn join_surnames(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut joined_last = false;
    for token in tokens {
        let word = &text[token.span.clone()];
        if let Some(previous) = out.last_mut() {
            let surname = &text[previous.span.clone()];
            let given = word.chars().count() <= 2
                && word.chars().all(is_han)
                && !token.pos.is_function()
                && !matches!(token.pos, Pos::Adverb | Pos::Numeral | Pos::Classifier | Pos::Locative);
            if !joined_last
                && previous.pos == Pos::PersonName
                && surname.chars().count() == 1
                && previous.span.end == token.span.start
                && given
            {
                previous.span.end = token.span.end;
                joined_last = true;
                continue;
            }
        }
        joined_last = false;
        out.push(token);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tag `prepare` gives `word` in `text`.
    fn pos_of(text: &str, word: &str) -> Option<Pos> {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
        tokens.iter().find(|t| &text[t.span.clone()] == word).map(|t| t.pos)
    }

    #[test]
    fn a_reduplicated_adverb_glued_to_a_verb_is_no_name() {
        // jieba lists 冷冷道 "said coldly" as a name; 冷冷 "coldly" is an adverb.
        assert_eq!(pos_of("苏羽冷冷道：“滚。”", "冷冷"), Some(Pos::Adverb));
        assert_eq!(pos_of("苏羽冷冷道：“滚。”", "冷冷道"), None);
        assert_eq!(pos_of("苏羽冷冷道：“滚。”", "苏羽"), Some(Pos::PersonName));
    }

    #[test]
    fn a_grammar_character_glued_to_a_name_is_split_off_unless_a_surname() {
        // jieba's character model makes 当林锋 "when Lin Feng" and 对安林 "to An Lin" one name.
        assert_eq!(pos_of("当林锋来到石村。", "林锋"), Some(Pos::PersonName));
        assert_eq!(pos_of("仙人对安林说道。", "安林"), Some(Pos::PersonName));
        assert_eq!(pos_of("当林锋来到石村。", "当林锋"), None);
        // 向 is also the surname Xiang, and stays on the name; 可得性 "availability" ends in
        // no name.
        let lexicon = Lexicon::new();
        assert!(lexicon.class("向").surname && !lexicon.class("当").surname);
        assert!(pos_of("监测数据可得性。", "得性").is_none());
    }

    #[test]
    fn a_noun_jieba_tags_a_time_word_is_a_noun() {
        // jieba's dictionary tags 星月 "the moon and the stars" and 元首 "head of state" as time.
        assert_eq!(pos_of("他去了星月工会总部。", "星月"), Some(Pos::Noun));
        assert_eq!(pos_of("成员国元首理事会会议", "元首"), Some(Pos::Noun));
        // A time, a weekday and an adverb keep jieba's tag.
        assert_eq!(pos_of("他前世是一名剑客。", "前世"), Some(Pos::Time));
        assert_eq!(pos_of("会议于星期四举行。", "星期四"), Some(Pos::Time));
        assert_eq!(pos_of("他明明看到了。", "明明"), Some(Pos::Time));
    }

    #[test]
    fn a_one_character_modifier_joins_a_noun_the_dictionary_lists_with_it() {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let text = "发展大数据产业";
        let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        assert!(words.contains(&"大数据"), "{words:?}");
        let text = "大楼很高";
        let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
        assert!(tokens.iter().all(|t| &text[t.span.clone()] != "大楼很"));
    }

    #[test]
    fn two_characters_the_dictionary_lists_as_a_noun_are_one_word_but_an_adverb_and_a_verb_are_not() {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let words = |text: &str| -> Vec<String> {
            let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
            tokens.iter().map(|t| text[t.span.clone()].to_string()).collect()
        };
        // jieba cuts 抹 (a verb, "to smear") from 茶; CC-CEDICT lists 抹茶 as a noun only.
        assert!(words("她点了一杯抹茶。").contains(&"抹茶".to_string()), "{:?}", words("她点了一杯抹茶。"));
        assert!(words("抹茶蛋糕很好吃").contains(&"抹茶".to_string()));
        // CC-CEDICT lists 都会 "metropolis", but here it is 都 "all" and the modal 会.
        assert!(!words("他们都会来。").contains(&"都会".to_string()));
        // A verb and a noun the dictionary does not list together stay two words.
        assert!(!words("他抹了抹桌子").iter().any(|w| w == "抹桌" || w == "抹桌子"));
    }

    #[test]
    fn the_agent_suffix_makes_one_noun_of_its_predicate() {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let text = "密切接触者已被隔离，吸毒者和贩毒者";
        let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
        for word in ["密切接触者", "贩毒者"] {
            let token = tokens.iter().find(|t| &text[t.span.clone()] == word);
            assert_eq!(token.map(|t| t.pos), Some(Pos::Noun), "{word}: {tokens:?}");
        }
    }

    #[test]
    fn a_word_the_dictionary_lists_only_as_a_name_is_a_name_whatever_jieba_tags_it() {
        // jieba lists 马里 "Mali" as a measure word and 也门 "Yemen" as an adverb.
        assert_eq!(pos_of("马里的局势", "马里"), Some(Pos::ProperNoun));
        assert_eq!(pos_of("也门的局势", "也门"), Some(Pos::ProperNoun));
        // CC-CEDICT capitalises the weekdays, which stay time words.
        assert_eq!(pos_of("星期四上午开会", "星期四"), Some(Pos::Time));
    }

    #[test]
    fn made_up_words_are_names_unless_a_grammatical_character_is_glued_on_or_a_numeral_opens_a_verb() {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        assert!(has_grammatical_edge("疫情也", &segmenter));
        assert!(has_grammatical_edge("的确认", &segmenter));
        assert!(!has_grammatical_edge("凌天", &segmenter));
        // The measure word 个 counts the noun after it: 找个 "find a" is no name.
        assert!(has_grammatical_edge("找个", &segmenter));
        let text = "出门找个酒吧坐坐。";
        let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
        assert!(tokens.iter().all(|t| t.pos != Pos::ProperNoun), "{tokens:?}");
        let text = "凌天突然醒了。";
        let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
        let name = tokens.iter().find(|t| &text[t.span.clone()] == "凌天").expect("one token");
        assert_eq!(name.pos, Pos::ProperNoun);
        // 一 + 震 "with a start" is a predicate jieba glued, not a name.
        assert!(is_numeral_and_verb("一震", &segmenter) && is_numeral_and_verb("一笑", &segmenter));
        assert!(!is_numeral_and_verb("九帝", &segmenter), "a numeral and a noun may be a name");
        let text = "他心中一震，随即一笑。";
        let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
        for token in &tokens {
            assert_ne!(token.pos, Pos::ProperNoun, "{}", &text[token.span.clone()]);
        }
    }

    #[test]
    fn bound_prefixes_join_their_word() {
        let text = "开展去极端化合作，开发可再生能源，可推动发展";
        let tokens = merge_bound_prefixes(text, Segmenter::new().tokens(text, 0), &Segmenter::new(), &Lexicon::new());
        let words: Vec<_> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        assert!(words.contains(&"去极端化") && words.contains(&"可再生能源"), "{words:?}");
        assert!(!words.iter().any(|w| w.starts_with("可推动")), "{words:?}");
    }

    #[test]
    fn set_phrases_get_the_part_of_speech_of_their_structure() {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        assert_eq!(phrase_pos("积极开展", &segmenter, &lexicon), Some(Pos::Verb));
        assert_eq!(phrase_pos("按规定", &segmenter, &lexicon), Some(Pos::Preposition));
        assert_eq!(phrase_pos("互联互通", &segmenter, &lexicon), None);
        assert_eq!(phrase_pos("公共卫生", &segmenter, &lexicon), None);
        assert_eq!(phrase_pos("保护器", &segmenter, &lexicon), None);
        assert_eq!(phrase_pos("对照组", &segmenter, &lexicon), None, "a noun, not 对 + 照组");
    }
}
