//! Term mining: ranked Chinese term candidates from the corpus.
//!
//! Clauses of body lines (page furniture skipped, a clause repeated elsewhere in the corpus
//! counted once) → cues (quotes, titles, bracketed short forms) and new words ([`discover`])
//! taught to the segmenter → token runs cut by word-formation rules ([`runs`]), in a large
//! corpus first counted to drop strings seen once ([`repeated`]), tallied on all cores
//! ([`tally`]) → neighbour and nesting evidence ([`neighbours`]) → scores with named
//! components ([`score`]).

pub mod bilingual;
mod classes;
mod clauses;
mod cued;
pub mod cues;
pub mod discover;
pub mod furniture;
pub mod neighbours;
mod nesting;
mod prepare;
mod repeated;
pub mod runs;
pub mod score;
mod segmented;
mod tally;
#[cfg(test)]
mod test_corpus;

use crate::corpus::{Document, Span};
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, Token};
use clauses::{body_sentences, Sentence};
pub use cues::CueKind;
use neighbours::WordContexts;
use repeated::repeated_strings;
use rustc_hash::FxHashMap as HashMap;
pub use score::Scores;
use segmented::Segmented;
use std::collections::BTreeSet;
use tally::{Neighbour, Tallies, Tally, OPEN};

/// From this many distinct clauses on, a candidate string that occurs only once (and is not
/// cued) is not tallied: in a large memory such strings are most of the table, and none of
/// them can enter the glossary, which takes candidates seen in two clauses or cued.
const PRUNE_FROM_CLAUSES: usize = 100_000;

/// Where a candidate occurs: a document and a byte span into its `zh`. Twelve bytes: a
/// large memory's candidates have tens of millions of occurrences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    doc: u32,
    start: u32,
    end: u32,
}

impl Occurrence {
    /// An occurrence at `span` of document `doc` (documents over 4 GB are not supported).
    pub fn new(doc: usize, span: Span) -> Self {
        let narrow = |n: usize| u32::try_from(n).expect("documents and spans fit in 32 bits");
        Occurrence { doc: narrow(doc), start: narrow(span.start), end: narrow(span.end) }
    }

    /// Index of the document in the corpus.
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    /// Byte span into the document's `zh`.
    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }
}

/// A Chinese term candidate with its evidence and scores.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub term: String,
    /// The words the segmenter cut it into (at its first occurrence); one word for cued
    /// terms found by string search.
    pub words: Vec<String>,
    /// Part of speech of each of `words` (empty for cued terms found by string search).
    pub tags: Vec<Pos>,
    /// Every occurrence, repeated clauses included (the aligner needs them all).
    pub occurrences: Vec<Occurrence>,
    /// Occurrences in distinct clauses: the evidence scores count.
    pub frequency: usize,
    pub documents: usize,
    pub cues: BTreeSet<CueKind>,
    /// Short forms defined for this term in the text (世卫组织, WTO).
    pub short_forms: BTreeSet<String>,
    /// Distinct words seen right before and right after it; clause edges count as one "open"
    /// neighbour, and so do, before it, words that cannot be part of a term (开展, 各) and,
    /// after it, words that are neither nouns nor bound to it ([`neighbours`]).
    pub left_variety: usize,
    pub right_variety: usize,
    /// True when (nearly) every occurrence has the same bound neighbour on one side.
    pub bound: bool,
    pub scores: Scores,
}

#[cfg(test)]
impl Candidate {
    /// A candidate of `words` seen `frequency` times, with no occurrences, cues or scores.
    pub(crate) fn of_words(words: &[&str], tags: &[Pos], frequency: usize) -> Candidate {
        Candidate {
            term: words.concat(),
            words: words.iter().map(|w| w.to_string()).collect(),
            tags: tags.to_vec(),
            occurrences: Vec::new(),
            frequency,
            documents: 1,
            cues: Default::default(),
            short_forms: Default::default(),
            left_variety: 1,
            right_variety: 1,
            bound: false,
            scores: Scores::default(),
        }
    }
}

/// Mines and ranks candidates, best first. Teaches `segmenter` the cued and discovered
/// words it finds.
pub fn mine(docs: &[Document], segmenter: &mut Segmenter, lexicon: &Lexicon) -> Vec<Candidate> {
    mine_with_features(docs, segmenter, lexicon, false).0
}

/// [`mine`], and when `keep_features` the ranking features of each candidate (in the same
/// order), which the weights of [`score`] were fitted on.
pub fn mine_with_features(
    docs: &[Document],
    segmenter: &mut Segmenter,
    lexicon: &Lexicon,
    keep_features: bool,
) -> (Vec<Candidate>, Vec<[f64; score::FEATURES]>) {
    let sentences = body_sentences(docs);
    let mut table: HashMap<String, Tally> = HashMap::default();
    cued::teach_cued_words(docs, &sentences, segmenter, &mut table);
    let mut segmented = Segmented::new(docs, &sentences, segmenter, lexicon);
    let found = {
        let binds =
            |asked: &[(&str, &str)]| neighbours::binds_asked(docs, counted_tokens(&sentences, &segmented), asked);
        let words = discover::new_words(docs, counted_tokens(&sentences, &segmented), binds, segmenter, lexicon);
        // A plural of people (团长们) or a word with a grammatical character glued on (疫情 +
        // 仍) repeats as a string without being a word.
        words
            .into_iter()
            .filter(|w| !w.ends_with('们') && !runs::has_grammatical_edge(w, segmenter))
            .collect::<Vec<_>>()
    };
    if !found.is_empty() {
        for word in &found {
            segmenter.add_word(word, "nz");
            table.entry(word.clone()).or_default().cues.insert(CueKind::Discovered);
        }
        // One automaton over all new words, which the clauses holding one are taught.
        let new_words = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&found)
            .expect("plain words build an automaton");
        segmented.teach(docs, &sentences, segmenter, lexicon, &new_words, Pos::from_tag("nz"));
    }
    let contexts = WordContexts::new(docs, counted_tokens(&sentences, &segmented));
    let total_tokens = contexts.tokens();
    let repeated = (segmented.distinct_texts() >= PRUNE_FROM_CLAUSES)
        .then(|| repeated_strings(docs, &sentences, &segmented, lexicon, &contexts));
    let tallies =
        Tallies { docs, sentences: &sentences, segmented: &segmented, segmenter, lexicon, contexts: &contexts };
    tallies.count(repeated.as_ref(), &mut table);
    // The clauses' tokens are not read again: free them before the ranking's own tables.
    let texts = segmented.into_texts();
    drop(repeated);
    cued::count_cued_occurrences(docs, &sentences, &texts, &mut table);
    drop(texts);
    cued::relink_long_forms(&mut table);
    // On all cores (each sorts its occurrences), in the table's order.
    let candidates: Vec<Candidate> = {
        use rayon::prelude::*;
        let tallied: Vec<(String, Tally)> = table.into_iter().filter(|(_, t)| !t.occurrences.is_empty()).collect();
        tallied.into_par_iter().map(|(term, tally)| into_candidate(term, tally)).collect()
    };
    score::rank(candidates, docs, segmenter, lexicon, &contexts, total_tokens.max(1), keep_features)
}

/// Mining keys its strings by [`string_hash`] in every table, and shards its tables (tally,
/// discovery, word pairs) by [`shard_of`], as the corpus finds equal texts.
pub(crate) use crate::corpus::{shard_of, string_hash};

/// Each worker's tables, one per shard, regrouped by shard: every shard's tables in the
/// workers' order, which is corpus order, so that merging them shard by shard on all cores
/// gives what one worker would have.
fn by_shard<T>(parts: Vec<Vec<T>>, shards: usize) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = (0..shards).map(|_| Vec::with_capacity(parts.len())).collect();
    for part in parts {
        for (shard, table) in part.into_iter().enumerate() {
            out[shard].push(table);
        }
    }
    out
}

/// The counted clauses' tokens, on all cores, made again for each pass over them: all of them
/// at once took gigabytes in a large memory.
fn counted_tokens<'s>(
    sentences: &'s [Sentence],
    segmented: &'s Segmented,
) -> impl rayon::iter::ParallelIterator<Item = (usize, Vec<Token>)> + 's {
    use rayon::prelude::*;
    let counted = sentences.par_iter().enumerate().filter(|(_, s)| !s.repeat);
    counted.map(move |(i, s)| (s.doc, segmented.tokens(i, s)))
}

fn into_candidate(term: String, mut tally: Tally) -> Candidate {
    tally.occurrences.sort_unstable();
    tally.occurrences.dedup();
    let documents = tally.occurrences.iter().map(|o| o.doc()).collect::<BTreeSet<_>>().len();
    // Bound on a side when one word that binds to it stands there nearly every time, or a
    // weak one every time.
    let counted = tally.counted.max(1);
    let open = string_hash(OPEN);
    let one_bound = |side: &HashMap<Neighbour, u32>| {
        side.iter().any(|(word, &n)| match word.weak {
            true => n as usize == counted,
            false => word.hash != open && 4 * n as usize >= 3 * counted,
        })
    };
    let words = if tally.words.is_empty() { vec![term.clone()] } else { tally.words };
    Candidate {
        words,
        tags: tally.tags,
        bound: one_bound(&tally.left) || one_bound(&tally.right),
        frequency: tally.counted,
        documents,
        occurrences: tally.occurrences,
        cues: tally.cues,
        short_forms: tally.short_forms,
        left_variety: tally.left.len(),
        right_variety: tally.right.len(),
        scores: Scores::default(),
        term,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{normalize::normalize_zh, Document, InputKind};

    fn corpus(text: &str) -> Vec<Document> {
        vec![Document::monolingual("t".into(), InputKind::Plain, normalize_zh(text, false))]
    }

    fn mined(text: &str) -> Vec<Candidate> {
        mine(&corpus(text), &mut Segmenter::new(), &Lexicon::new())
    }

    #[test]
    fn only_strings_seen_twice_count_as_repeated() {
        // 智能电网 occurs in two different clauses, 储能电站 in one clause that is repeated
        // word for word, 抽水蓄能 once.
        let corpus =
            test_corpus::TestCorpus::new("建设智能电网。发展智能电网产业。推广储能电站。推广储能电站。研究抽水蓄能。");
        let repeated = corpus.repeated();
        assert_eq!(repeated.get(string_hash("智能电网")), Some(2));
        assert_eq!(repeated.get(string_hash("储能电站")), Some(2));
        assert_eq!(repeated.get(string_hash("抽水蓄能")), None);
    }

    #[test]
    fn every_occurrence_span_slices_to_its_term() {
        let docs = corpus("我们要建设好区域“快速走廊”网络，推动区域全面经济伙伴关系协定（RCEP）早日生效。区域全面经济伙伴关系协定意义重大。");
        let candidates = mine(&docs, &mut Segmenter::new(), &Lexicon::new());
        assert!(!candidates.is_empty());
        for candidate in &candidates {
            for occurrence in &candidate.occurrences {
                assert_eq!(&docs[occurrence.doc()].zh[occurrence.span()], candidate.term);
            }
        }
    }

    #[test]
    fn verb_opened_candidates_rank_below_the_noun_phrase_and_none_ends_in_a_particle() {
        let candidates = mined("我们要推动数字经济发展。推动数字经济发展的措施。数字经济和实体经济融合发展。");
        let rank = |term: &str| candidates.iter().position(|c| c.term == term);
        let noun_phrase = rank("数字经济").expect("mined");
        assert!(rank("推动数字经济发展").is_none_or(|verb| verb > noun_phrase));
        for candidate in &candidates {
            assert!(!candidate.term.ends_with('的'), "{}", candidate.term);
        }
    }

    #[test]
    fn a_frequent_general_word_ranks_below_a_rarer_domain_term() {
        let text = "发展是硬道理。我们要发展。发展需要时间。共同发展。发展得很快。\
                    光伏组件的价格下降。光伏组件出口增加。";
        let candidates = mined(text);
        let rank = |term: &str| candidates.iter().position(|c| c.term == term);
        let general = rank("发展").expect("mined");
        assert!(rank("光伏组件").expect("mined") < general);
        assert!(candidates[general].scores.total < -5.0, "{}", candidates[general].scores.total);
    }

    #[test]
    fn demonstrative_short_forms_are_not_cued() {
        let candidates = mined("东南亚国家联盟（以下简称“东盟”或“本联盟”）成立。“该宪章”与“本地化”不同。");
        let cued: Vec<_> = candidates.iter().filter(|c| !c.cues.is_empty()).map(|c| c.term.as_str()).collect();
        assert!(cued.contains(&"东盟") && cued.contains(&"本地化"), "{cued:?}");
        assert!(!cued.contains(&"本联盟") && !cued.contains(&"该宪章"), "{cued:?}");
    }

    #[test]
    fn a_long_form_given_a_short_form_is_one_name_to_the_segmenter() {
        let candidates = mined(
            "欧洲安全合作组织（以下简称欧安组织）成立。欧洲安全合作组织成员国举行会议。欧洲安全合作组织成员国发表声明。",
        );
        let terms: Vec<&str> = candidates.iter().map(|c| c.term.as_str()).collect();
        assert!(terms.contains(&"欧洲安全合作组织成员国"), "{terms:?}");
        assert!(!terms.iter().any(|t| t.starts_with("组织")), "a piece of the name: {terms:?}");
    }

    #[test]
    fn an_expression_in_straight_quotes_is_cued_but_not_taught() {
        let candidates = mined("会议讨论了\"数字农业\"的发展问题。各方支持数字农业。");
        let cued = candidates.iter().find(|c| c.term == "数字农业").expect("mined");
        assert!(cued.cues.contains(&CueKind::Quoted), "{:?}", cued.cues);
        // Cued, not taught to the segmenter, as a name in curly quotes is.
        let taught = |text: &str| {
            let mut segmenter = Segmenter::new();
            mine(&corpus(text), &mut segmenter, &Lexicon::new());
            segmenter.tokens("数字农业", 0).len() == 1
        };
        assert!(!taught("会议讨论了\"数字农业\"的发展问题。"));
        assert!(taught("会议讨论了“数字农业”的发展问题。"));
    }

    #[test]
    fn bracketed_abbreviations_link_to_their_long_form() {
        let candidates = mined("各国签署了区域全面经济伙伴关系协定（RCEP），这是重要成果。");
        let long = candidates.iter().find(|c| c.term == "区域全面经济伙伴关系协定").expect("long form mined");
        assert!(long.short_forms.contains("RCEP"));
        assert!(long.cues.contains(&CueKind::Defined));
    }

    #[test]
    fn a_chinese_short_form_in_a_bare_bracket_links_to_the_run_before_it_untaught() {
        let text = "省级食品药品监督管理局（食药监局）发布通知。食药监局要求企业自查。";
        let candidates = mined(text);
        let long = candidates.iter().find(|c| c.term == "省级食品药品监督管理局").expect("long form mined");
        assert!(long.short_forms.contains("食药监局"), "{:?}", long.short_forms);
        assert!(long.cues.contains(&CueKind::Defined));
        assert!(candidates.iter().any(|c| c.term == "食药监局" && c.cues.contains(&CueKind::Abbreviation)));
        // The bracket does not say where the long form starts: nothing is taught from it.
        let mut segmenter = Segmenter::new();
        mine(&corpus(text), &mut segmenter, &Lexicon::new());
        assert!(segmenter.tokens("食品药品监督管理局", 0).len() > 1);
    }

    #[test]
    fn a_short_form_after_a_list_abbreviates_its_last_item() {
        let candidates = mined("会议邀请了海关总署、国际电信联盟（ITU）和各国代表。国际电信联盟发言。");
        let long = candidates.iter().find(|c| c.short_forms.contains("ITU")).expect("a long form");
        assert_eq!(long.term, "国际电信联盟");
    }

    #[test]
    fn a_short_form_after_jiancheng_without_brackets_links_to_its_long_form() {
        let candidates = mined("东南亚国家联盟，简称东盟，成立于曼谷。东盟成员国签署了宪章。");
        let long = candidates.iter().find(|c| c.term == "东南亚国家联盟").expect("long form mined");
        assert!(long.short_forms.contains("东盟"), "{:?}", long.short_forms);
        assert!(candidates.iter().any(|c| c.term == "东盟" && c.cues.contains(&CueKind::Abbreviation)));
    }

    #[test]
    fn a_sentence_repeated_in_another_document_counts_once() {
        let docs = vec![
            Document::monolingual(
                "a".into(),
                InputKind::Plain,
                normalize_zh("加快发展智能电网。智能电网很重要。\n", false),
            ),
            Document::monolingual(
                "b".into(),
                InputKind::Plain,
                normalize_zh("加快发展智能电网。建设智能电网。\n", false),
            ),
        ];
        let candidates = mine(&docs, &mut Segmenter::new(), &Lexicon::new());
        let grid = candidates.iter().find(|c| c.term == "智能电网").expect("mined");
        assert_eq!(grid.frequency, 3);
        assert_eq!(grid.documents, 2);
    }

    #[test]
    fn a_word_before_a_free_head_is_not_a_fragment() {
        let candidates = mined("开展海关合作。推进海关合作。深化能源合作，扩大金融合作，加强人文合作。");
        let term = candidates.iter().find(|c| c.term == "海关").expect("mined");
        assert_eq!(term.scores.fragment, 0.0);
    }

    #[test]
    fn a_phrase_always_after_the_same_modifier_is_a_fragment() {
        let candidates = mined("东海渔业管理局发布通告。东海渔业管理局加强执法，各方支持东海渔业管理局。");
        let fragment = |term: &str| candidates.iter().find(|c| c.term == term).map(|c| c.scores.fragment);
        assert_eq!(fragment("渔业管理局"), Some(1.0));
        assert_eq!(fragment("东海渔业管理局"), Some(0.0));
    }

    #[test]
    fn bound_prefixes_join_their_word() {
        let candidates = mined("开展去极端化合作，反对逆全球化思潮。开展去极端化合作。");
        assert!(
            candidates.iter().any(|c| c.term == "去极端化"),
            "{:?}",
            candidates.iter().map(|c| &c.term).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_three_character_word_jieba_tags_as_a_set_phrase_opens_a_term() {
        // jieba tags 鬼故事 "ghost story" i, as it does four-character set phrases.
        let candidates = mined("学校举办鬼故事大赛。鬼故事大赛吸引了很多学生。");
        assert!(
            candidates.iter().any(|c| c.term == "鬼故事大赛"),
            "{:?}",
            candidates.iter().map(|c| &c.term).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_verb_bound_to_the_noun_before_it_makes_a_compound_that_modifies_a_head() {
        let terms = |text: &str| mined(text).into_iter().map(|c| c.term).collect::<Vec<_>>();
        // 装卸 follows 货物 every time: 货物装卸 "cargo handling" names an action.
        let found = terms("完成货物装卸。货物装卸区域关闭。加快货物装卸。货物装卸区域扩建。");
        assert!(found.iter().any(|t| t == "货物装卸区域"), "{found:?}");
        // After many subjects, each is a clause's subject and the noun after it its object.
        let found = terms("工人装卸货物。司机装卸木材。船员装卸钢材。农民装卸粮食。");
        assert!(
            !found.iter().any(|t| ["司机装卸木材", "船员装卸钢材", "农民装卸粮食"].contains(&t.as_str())),
            "{found:?}"
        );
        // Seen twice, a subject and its verb are not yet told from a compound.
        let found = terms("司机装卸木材。司机装卸钢材。");
        assert!(!found.iter().any(|t| t == "司机装卸木材"), "{found:?}");
    }

    #[test]
    fn furniture_lines_yield_no_candidates() {
        let candidates = mined("来源：某某网 2020-12-01 08:34\n1. 【学术交流】某教授应邀参加第十一届论坛\n");
        assert!(candidates.is_empty(), "{:?}", candidates.iter().map(|c| &c.term).collect::<Vec<_>>());
    }
}
