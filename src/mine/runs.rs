//! Candidates as runs of tokens inside a clause, cut by Chinese word-formation rules: no
//! candidate starts with a predicate or holds a particle, a number, a one-character verb or a
//! verb with its object; the last word heads a noun phrase (not a verb+于 word such as 致力于,
//! whatever its tag, nor a person's name).

pub(crate) use super::classes::has_grammatical_edge;
pub use super::classes::{breaks_run, can_head, can_start, links_clauses};
use super::classes::{
    is_function_like, is_indefinite_quantity, is_numeral_prefix, is_numeral_word, Classes, MAX_COORDINATORS,
};
pub use super::prepare::prepare;
use crate::corpus::Span;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Token};
use bounds::{after_insertion, manner_frame, year_prefix};

mod bounds;

/// Longest candidate built from tokens, in tokens and in characters.
const MAX_TOKENS: usize = 7;
const MAX_CHARS: usize = 18;
/// Longest candidate a verb opens, in tokens.
const MAX_VERB_FIRST_TOKENS: usize = 3;

/// One place a token run may be a term: its span, its words, and the tokens on either side.
pub struct Run<'t> {
    pub span: Span,
    /// Token index range in the line.
    pub tokens: std::ops::Range<usize>,
    pub before: Option<&'t Token>,
    pub after: Option<&'t Token>,
}

/// Token runs of a line that may be terms.
pub fn token_runs<'t>(text: &str, tokens: &'t [Token], lexicon: &Lexicon) -> Vec<Run<'t>> {
    classified_runs(text, tokens, &Classes::new(text, tokens, lexicon), |_| false)
}

/// [`token_runs`] with the line's word classes given: a caller that asks more of them (the
/// tally, of each run's neighbours) shares their look-ups. `binds(i)`: token `i` binds to the
/// token before it in this corpus ([`super::neighbours::WordContexts::compound_at`]).
pub(super) fn classified_runs<'t>(
    text: &str,
    tokens: &'t [Token],
    classes: &Classes,
    binds: impl Fn(usize) -> bool,
) -> Vec<Run<'t>> {
    let mut found = Vec::new();
    let word = |i: usize| &text[tokens[i].span.clone()];
    let starts = |i: usize| classes.can_start(i);
    for start in 0..tokens.len() {
        // A one-character noun glued to the word before it is a suffix (可持续 + 性); a
        // one-character adjective there is a complement (建设 + 好). Not after a grammatical
        // word: 的 + 大公子 "the eldest son", 在 + 新城市议程 "under the New Urban Agenda".
        let suffix = start > 0
            && classes.chars(start) == 1
            && matches!(tokens[start].pos, Pos::Noun | Pos::Adjective)
            && tokens[start - 1].span.end == tokens[start].span.start
            && !tokens[start - 1].pos.is_function()
            && classes.all_han(start - 1);
        // A negating or opposing prefix belongs to its word (反 + 不正当竞争法): no run starts
        // right after one.
        let after_prefix =
            start > 0 && classes.negating_prefix(start - 1) && tokens[start - 1].span.end == tokens[start].span.start;
        let glued_next = |i: usize| tokens.get(i + 1).filter(|next| next.span.start == tokens[i].span.end);
        // A numeral character glued to digits is part of the number (330 + 万 + 女孩 "3.3 million girls").
        let after_digits = |i: usize| {
            i > 0
                && tokens[i - 1].span.end == tokens[i].span.start
                && word(i - 1).ends_with(|c: char| c.is_ascii_digit())
        };
        // Such a prefix, "former" 前, a Chinese numeral or ordinal (七 + 长老, 第五 + 委员会) and an adverb
        // that is also an adjective (特别 + 委员会) may open a term before a word that can.
        let opens = |i: usize| {
            glued_next(i).is_some_and(|next| {
                classes.chars(i + 1) >= 2
                    && (classes.negating_prefix(i) && !is_function_like(next.pos)
                        // 前 before a name is "former" (前南斯拉夫, 前苏联), not "before".
                        || word(i) == "前" && matches!(next.pos, Pos::ProperNoun | Pos::PersonName)
                        || (is_numeral_prefix(word(i)) && !after_digits(i)
                            || is_numeral_word(word(i), tokens[i].pos) && !is_indefinite_quantity(word(i))
                            || classes.attributive_adverb(i))
                            && starts(i + 1)
                        // "One" + a measure word names a single thing only as a set phrase
                        // before a name (一个中国 "one China").
                        || is_indefinite_quantity(word(i)) && matches!(next.pos, Pos::ProperNoun | Pos::PersonName))
            })
        };
        if suffix || after_prefix || manner_frame(text, tokens, classes, start) {
            continue;
        }
        // A verb may open a term (预防犯罪, 维持和平, 执行主任): whether it is one is the
        // scores' call, which see the verb on the candidate's first tag.
        let verb_opens_at = |i: usize| {
            classes.content(i) && matches!(tokens[i].pos, Pos::Verb | Pos::VerbalNoun) && classes.chars(i) >= 2
        };
        let verb_opens = verb_opens_at(start);
        // A year (2030 + 年, or 2015 + 年 + 后 "post-2015") before a term names its edition or
        // horizon (2030年议程 "the 2030 Agenda"): its tokens open the run, and none ends it.
        // After "post-" a verb may open the term as it opens others (2020年后 + 减少污染战略);
        // after a bare year it is the year's event (2012年 + 启动 "launched in 2012").
        let year = year_prefix(text, tokens, start)
            .filter(|&k| starts(start + k) || word(start + k - 1) == "后" && verb_opens_at(start + k));
        let year = year.unwrap_or(0);
        if !(starts(start) || opens(start) || verb_opens || year > 0) {
            let single = classes.chars(start) >= 2 && classes.content(start) && !classes.locative_phrase(start);
            if single {
                found.push(Run {
                    span: tokens[start].span.clone(),
                    tokens: start..start + 1,
                    before: start.checked_sub(1).map(|i| &tokens[i]),
                    after: tokens.get(after_insertion(text, tokens, start + 1)),
                });
            }
            continue;
        }
        let mut chars = 0;
        let mut coordinators = 0;
        // A verb opens short terms only (预防犯罪, 减少灾害风险); past that it has an object.
        let verb_first = !starts(start) && !opens(start) && year == 0;
        let max_tokens = year + if verb_first { MAX_VERB_FIRST_TOKENS } else { MAX_TOKENS };
        for end in start..tokens.len().min(start + max_tokens) {
            let in_year = end < start + year;
            // A verb opens a term that names a kind of activity (预防 + 犯罪, 维持 + 和平); before a
            // name it says what was done to that one (举办 + 博览会组委会 "hold the expo board's …").
            if verb_first && end == start + 1 && classes.name(end) {
                break;
            }
            let gap = end > start && tokens[end - 1].span.end != tokens[end].span.start;
            // Names coordinate nouns inside them (毒品和犯罪问题办公室, 解除武装、复员和重返社会):
            // a coordinator between two words that can stand in a term does not end the run.
            let coordinator = end > start
                && classes.coordinator(end)
                && coordinators < MAX_COORDINATORS
                && !is_function_like(tokens[end - 1].pos)
                && end + 1 < tokens.len()
                // So does a verbal noun after a conjunction (欧洲安全与合作组织); after an
                // enumeration comma it is a list of actions (开放、合作), not a name.
                && (starts(end + 1) || tokens[end + 1].pos == Pos::VerbalNoun && word(end) != "、");
            // A coordinator inside a name, the word that opens by rule and a year's tokens do
            // not end the run, whatever their class.
            let kept = coordinator || in_year || end == start && opens(start);
            if gap || (classes.breaks_term(end) && !kept) {
                break;
            }
            // The noun closing a frame of manner closes the phrase too.
            if manner_frame(text, tokens, classes, end) {
                break;
            }
            coordinators += usize::from(coordinator);
            chars += classes.chars(end);
            if chars > MAX_CHARS {
                break;
            }
            // Every content word of two characters or more is a candidate on its own: a verb
            // or an adjective can be a domain term (停火, 引渡, 可持续), which the scores decide.
            let single = end == start && chars >= 2 && classes.content(end) && !classes.locative_phrase(end);
            // An adjective heads a longer term (性别平等, 生殖健康).
            let adjective_head = end > start && tokens[end].pos == Pos::Adjective && classes.chars(end) >= 2;
            // So does a verb after a noun (司法 + 协助, 技术 + 转让): a nominalised action.
            // After a phrase of two words or more, a verb CC-CEDICT lists only as a verb is
            // the phrase's predicate (安全理事会 + 回顾 "the Council recalls", 视频方式 +
            // 举行 "held by video link"); a verb it does not list is mostly derived (便利化
            // "facilitation" of 道路运输便利化) and names the process.
            let verb_head = end > start
                && (end == start + 1 || !classes.known(end))
                && tokens[end].pos == Pos::Verb
                && tokens[end - 1].pos.is_nominal()
                && classes.chars(end) >= 2
                && classes.content(end);
            let heads = single || adjective_head || verb_head || classes.can_head(end);
            if chars >= 2 && heads && !coordinator && !in_year {
                found.push(Run {
                    span: tokens[start].span.start..tokens[end].span.end,
                    tokens: start..end + 1,
                    before: start.checked_sub(1).map(|i| &tokens[i]),
                    after: tokens.get(after_insertion(text, tokens, end + 1)),
                });
            }
            // A predicate followed by a word is a verb with its object (加大 + 投入): the run
            // may not go on through it. Followed by a verb it modifies (注册 + 管理) or by a
            // one-character noun that makes it a noun (保护 + 器, 发电 + 机) it may.
            let object_follows = tokens.get(end + 1).is_some_and(|next| {
                let noun_suffix = next.pos == Pos::Noun && classes.chars(end + 1) == 1;
                !matches!(next.pos, Pos::Verb | Pos::VerbalNoun) && !noun_suffix
            });
            // Unless it binds to the noun before it (信息 + 交换, 个人 + 防护: the corpus writes
            // that verb after that noun at least half the time): the two are a compound naming an
            // action, which modifies the head after it (信息交换 + 机制, 个人防护 + 装备).
            if end > start
                && object_follows
                && classes.predicate(end)
                && !(tokens[end - 1].pos.is_nominal() && binds(end))
            {
                break;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    pub(super) fn runs(text: &str) -> Vec<String> {
        let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
        let tokens = prepare(text, segmenter.tokens(text, 0), &segmenter, &lexicon);
        token_runs(text, &tokens, &lexicon).into_iter().map(|r| text[r.span].to_string()).collect()
    }

    /// Asserts that each of `terms` is a run of `text` and that no run holds any of `grammar`.
    pub(super) fn assert_runs(text: &str, terms: &[&str], grammar: &[&str]) {
        let found = runs(text);
        for term in terms {
            assert!(found.iter().any(|t| t == term), "{term}: {found:?}");
        }
        for piece in grammar {
            assert!(!found.iter().any(|t| t.contains(piece)), "{piece}: {found:?}");
        }
    }

    #[test]
    fn the_plural_suffix_is_no_part_of_a_term() {
        // 们 glued to a noun of people is inflection: the term is the noun.
        assert_runs("出席会议的代表团团长们支持该倡议。", &["代表团团长"], &["们"]);
        assert_runs("虚空行者们来到了城里。", &["虚空行者"], &["们"]);
    }

    #[test]
    fn a_place_word_glossed_as_a_modifier_opens_a_term() {
        // 境内 "internal" modifies the noun after it; 之间 "between" and 以上 "above" do not.
        assert_runs("达尔富尔有150万境内流离失所者。", &["境内流离失所者"], &[]);
        let found = runs("城市之间交通便利，以上措施有效。");
        assert!(found.iter().any(|t| t == "措施"), "{found:?}");
        assert!(!found.iter().any(|t| t.starts_with("之间") || t.starts_with("以上")), "{found:?}");
    }

    #[test]
    fn a_one_character_adjective_after_a_grammatical_word_opens_a_term() {
        // After a verb 好 is a complement (建设 + 好 "build well"); after 的 or a preposition
        // 大 and 新 modify the noun after them ("the eldest son", "the New Urban Agenda").
        assert_runs("他是李家的大公子，在新城市议程下。", &["大公子", "新城市议程"], &[]);
        let found = runs("要把上合组织建设好地区。");
        assert!(!found.iter().any(|t| t.starts_with('好')), "{found:?}");
    }

    #[test]
    fn a_reduplicated_adjective_describes_and_opens_no_term() {
        // 熊熊 "raging" and 茫茫 "vast" are the vivid forms of adjectives; 星星 "star" is a noun.
        let found = runs("熊熊怒火燃起，茫茫大山之中，星星宠物医院开门了。");
        assert!(found.iter().any(|t| t == "怒火") && found.iter().any(|t| t == "星星宠物医院"), "{found:?}");
        let opened = |t: &String| t.len() > "熊熊".len() && (t.starts_with("熊熊") || t.starts_with("茫茫"));
        assert!(!found.iter().any(opened), "{found:?}");
        // Letters are no reduplication (FF大楼 "the FF building").
        assert!(runs("他在FF大楼工作。").iter().any(|t| t == "FF大楼"));
    }

    #[test]
    fn run_spans_slice_to_their_words() {
        let text = "推动药品注册管理办法修订";
        let tokens = Segmenter::new().tokens(text, 0);
        for run in token_runs(text, &tokens, &Lexicon::new()) {
            let words: String = tokens[run.tokens.clone()].iter().map(|t| &text[t.span.clone()]).collect();
            assert_eq!(&text[run.span.clone()], words);
        }
    }

    #[test]
    fn a_run_does_not_end_on_a_postposition() {
        let found = runs("武装团体在其控制的领土内实施袭击。");
        assert!(found.iter().any(|t| t == "领土"), "{found:?}");
        assert!(!found.iter().any(|t| t.ends_with('内')), "{found:?}");
    }

    #[test]
    fn a_verb_before_a_name_opens_no_term() {
        // What was done to a place names no kind of activity; the place is a term of its own.
        assert_runs("各国支援智利灾区。", &["智利灾区"], &["支援智利"]);
        // jieba tags 和平 "peace" a place; CC-CEDICT knows it as a noun.
        assert_runs("各国捍卫和平。", &["捍卫和平"], &[]);
    }

    #[test]
    fn runs_stop_at_particles_and_verbs_open_them_for_the_scores_to_judge() {
        let found = runs("我们要推动医疗器械监管的改革。");
        assert!(found.iter().any(|t| t == "医疗器械监管"), "{found:?}");
        assert!(!found.iter().any(|t| t.contains('的') || t.starts_with("我们")), "{found:?}");
        // A verb may open a candidate (预防犯罪 is a term); the ranking weighs it down.
        assert!(found.iter().any(|t| t == "推动医疗器械监管"), "{found:?}");
    }

    #[test]
    fn a_quantifier_neither_opens_a_term_nor_is_one() {
        let found = runs("所有缔约国和有关机构均须遵守上述规定。");
        for term in ["缔约国", "机构", "规定"] {
            assert!(found.iter().any(|t| t == term), "{term}: {found:?}");
        }
        for quantifier in ["所有", "有关", "上述"] {
            assert!(!found.iter().any(|t| t.starts_with(quantifier)), "{quantifier}: {found:?}");
        }
    }

    #[test]
    fn a_word_holding_the_aspect_particle_is_a_predicate_not_a_term() {
        // 了 opening a word is no particle (了解情况).
        assert_runs("楚离笑了笑，摸了摸钱包，了解情况。", &["钱包", "了解情况"], &["了笑", "了摸"]);
    }

    #[test]
    fn a_word_closing_with_the_copula_is_grammar_not_a_term() {
        assert_runs("这是码头管理局，码头管理局却是港务集团的子公司。", &["码头管理局", "港务集团"], &["这是", "却是"]);
    }

    #[test]
    fn the_auxiliary_that_negates_what_exists_is_no_part_of_a_term() {
        assert_runs("夜间港口没有人值守，码头没有起重机。", &["起重机"], &["没有"]);
    }

    #[test]
    fn a_set_phrase_glossed_only_as_a_question_is_speech() {
        assert_runs("码头停电，这是怎么回事？", &["码头"], &["怎么回事"]);
    }

    #[test]
    fn a_verb_with_a_directional_complement_is_a_predicate() {
        assert_runs("值班员醒过来，站起来关掉报警器。", &["值班员", "报警器"], &["醒过来", "站起来"]);
    }

    #[test]
    fn every_content_word_is_a_candidate_on_its_own() {
        let found = runs("双方同意停火，并开始引渡嫌犯。");
        for word in ["停火", "引渡", "嫌犯"] {
            assert!(found.iter().any(|t| t == word), "{word}: {found:?}");
        }
        assert!(!found.iter().any(|t| t == "并"), "{found:?}");
    }

    #[test]
    fn a_verb_with_its_object_ends_a_run_it_did_not_open() {
        let found = runs("积极加大科研投入。");
        assert!(found.iter().any(|t| t == "科研投入"), "{found:?}");
        assert!(!found.iter().any(|t| t.contains("加大") && !t.starts_with("加大")), "{found:?}");
        assert!(!found.iter().any(|t| t.starts_with("积极")), "an adverb opens nothing: {found:?}");
        assert!(runs("请检查漏电保护器。").iter().any(|t| t == "漏电保护器"), "a verb and a noun suffix");
    }

    #[test]
    fn a_verb_after_a_phrase_is_its_predicate_unless_a_derived_verb() {
        let found = runs("沿海港口码头扩建。");
        assert!(found.iter().any(|t| t == "码头扩建"), "a nominalised action: {found:?}");
        assert!(!found.iter().any(|t| t == "沿海港口码头扩建"), "subject and predicate: {found:?}");
        // A verb derived with 化, which CC-CEDICT does not list, names the process.
        assert!(runs("推进港口物流便利化。").iter().any(|t| t == "港口物流便利化"));
    }

    #[test]
    fn names_coordinate_their_parts() {
        let found = runs("毒品和犯罪问题办公室发布报告。");
        assert!(found.iter().any(|t| t == "毒品和犯罪问题办公室"), "{found:?}");
        assert!(!found.iter().any(|t| t.ends_with('和') || t.starts_with('和')), "{found:?}");
    }

    #[test]
    fn negating_prefixes_stay_on_their_word() {
        let found = runs("修订反不正当竞争法。");
        assert!(found.iter().any(|t| t == "反不正当竞争法"), "{found:?}");
        assert!(!found.iter().any(|t| t == "正当竞争法" || t == "不正当竞争法"), "{found:?}");
    }

    #[test]
    fn numerals_and_attributive_adverbs_open_names() {
        assert!(runs("七长老来了。").iter().any(|t| t == "七长老"));
        assert!(runs("第五委员会审议了报告。").iter().any(|t| t == "第五委员会"));
        assert!(runs("特别委员会审议了报告。").iter().any(|t| t == "特别委员会"));
        assert!(runs("他是万剑宗的弟子。").iter().any(|t| t == "万剑宗"), "万 'ten thousand' too");
        let found = runs("有330万女孩可能会遭受暴力。");
        assert!(!found.iter().any(|t| t.starts_with('万')), "a numeral after digits counts: {found:?}");
    }

    #[test]
    fn one_glued_to_a_measure_word_is_an_article_except_before_a_name() {
        let found = runs("一个声音响起，一名武者走来。");
        assert!(!found.iter().any(|t| t.starts_with("一个") || t.starts_with("一名")), "{found:?}");
        assert!(found.iter().any(|t| t == "声音") && found.iter().any(|t| t == "武者"), "{found:?}");
        // A counted set stays a name, and so does "one" before a proper name.
        assert!(runs("打击三股势力。").iter().any(|t| t == "三股势力"));
        let found = runs("坚持一个中国原则。");
        assert!(found.iter().any(|t| t == "一个中国原则"), "{found:?}");
    }

    #[test]
    fn surnames_cut_off_by_the_segmenter_join_the_given_name() {
        let found = runs("声音来自叶伏天的身后。");
        assert!(found.iter().any(|t| t == "叶伏天"), "{found:?}");
        assert!(!found.iter().any(|t| t == "伏天"), "{found:?}");
    }

    #[test]
    fn verb_plus_yu_words_do_not_head_terms() {
        let found = runs("本公司致力于新能源汽车研发。");
        assert!(!found.iter().any(|t| t.ends_with("致力于")), "{found:?}");
        assert!(found.iter().any(|t| t == "新能源汽车"), "{found:?}");
    }

    #[test]
    fn clause_words_are_told_from_name_words() {
        assert!(links_clauses("是", Pos::Verb));
        assert!(links_clauses("的", Pos::Particle));
        assert!(!links_clauses("势力", Pos::Noun));
        assert!(!links_clauses("－", Pos::Punctuation), "a dash joins names");
    }

    #[test]
    fn modal_verbs_head_nothing_and_words_mistaken_for_names_stay() {
        let found = runs("知识产权许可应当以书面形式订立。");
        assert!(found.iter().any(|t| t == "知识产权许可"), "{found:?}");
        assert!(!found.iter().any(|t| t.ends_with("应当")), "{found:?}");
    }

    #[test]
    fn coverbs_are_prepositions() {
        let found = runs("报告附件作为大会正式文件分发。");
        assert!(!found.iter().any(|t| t.contains("作为")), "{found:?}");
        assert!(found.iter().any(|t| t == "大会正式文件"), "{found:?}");
        // 包括 "including" before a name, which the name's short form then follows.
        let found = runs("各机构，包括国际电信联盟（国际电联），均派员出席。");
        assert!(found.iter().any(|t| t == "国际电信联盟"), "{found:?}");
        assert!(!found.iter().any(|t| t.contains("包括")), "{found:?}");
    }

    #[test]
    fn a_conjunction_coordinates_a_verbal_noun_but_an_enumeration_comma_does_not() {
        let found = runs("欧洲安全与合作组织作出贡献。");
        assert!(found.iter().any(|t| t == "欧洲安全与合作组织"), "{found:?}");
        let found = runs("坚持开放、合作的方针。");
        assert!(!found.iter().any(|t| t.contains('、')), "{found:?}");
    }

    #[test]
    fn former_before_a_name_opens_it_and_before_anything_else_does_not() {
        let found = runs("前南斯拉夫问题国际法庭作出判决。");
        assert!(found.iter().any(|t| t == "前南斯拉夫问题国际法庭"), "{found:?}");
        let found = runs("会议前工作组召开了会议。");
        assert!(!found.iter().any(|t| t.starts_with('前')), "{found:?}");
    }

    #[test]
    fn a_numeral_joins_a_word_the_dictionary_lists_with_it_as_a_noun() {
        let found = runs("对腐败采取零容忍政策。");
        assert!(found.iter().any(|t| t == "零容忍政策"), "{found:?}");
        // 年中 "mid-year" is listed, but a locative after a word is its place, not a word.
        let found = runs("过去几个月中影响了西非。");
        assert!(!found.iter().any(|t| t.starts_with("月中")), "{found:?}");
    }

    #[test]
    fn suffixes_start_no_term() {
        let found = runs("为全球可持续性作出贡献。");
        assert!(!found.iter().any(|t| t.starts_with('性')), "{found:?}");
        let found = runs("要建设好港口物流信息平台。");
        assert!(!found.iter().any(|t| t.starts_with('好')), "{found:?}");
    }

    #[test]
    fn modifying_verbs_with_nominal_senses_stay_inside() {
        assert!(runs("修订药品注册管理办法。").iter().any(|t| t == "药品注册管理办法"));
    }
}
