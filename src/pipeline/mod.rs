//! The build: corpus → mined candidates → sentence pairs → English equivalents → term graph.

mod evidence;

use crate::align::terms::learned::LearnedLexicon;
use crate::align::{self, terms, SentencePair};
use crate::corpus::Document;
use crate::curate::rebuild;
use crate::graph::{Lang, Relation, Term, TermGraph, TermKind, Translation};
use crate::lexicon::{Lexicon, UserDictionary};
use crate::mine::{self, Candidate};
use crate::segment::Segmenter;
use evidence::{add_evidence, contexts, SentenceCache};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Most Chinese terms the glossary takes from the ranked candidates; None: every
    /// candidate the ranking scores positive (seen twice or cued), so the size follows the corpus.
    pub max_terms: Option<usize>,
    /// The user's own entries, joined to CC-CEDICT (empty: CC-CEDICT alone).
    pub dictionary: UserDictionary,
    /// Learn a lexical table (IBM Model 1) from a corpus of at least
    /// [`terms::learned::MIN_PAIRS`] sentence pairs, as term translation evidence for words
    /// CC-CEDICT lacks (off by default: on the UN devset it fixes more entries than it breaks,
    /// but it breaks some; README "Reading the scores").
    pub learned_lexicon: bool,
    /// The Chinese terms the glossary holds, given (`build --terms`): mining is skipped and
    /// each of them is translated, in list order ([`terms::given`]).
    pub terms: Option<Vec<String>>,
}

/// The segmenter and lexicon every stage shares, with the words of the user's dictionary
/// joined to the lexicon and taught to the segmenter (a word jieba cut in pieces would never
/// be looked up whole, so its entry would go unused).
pub fn dictionaries(user: &UserDictionary) -> (Segmenter, Lexicon) {
    let mut segmenter = Segmenter::new();
    for word in user.words() {
        segmenter.add_word(word, "n");
    }
    (segmenter, Lexicon::with_user(user.clone()))
}

/// What a build produced.
pub struct Build {
    pub graph: TermGraph,
    /// Every candidate, best first (the glossary holds the best of them). Their occurrences
    /// are dropped once the glossary's terms are chosen (a large memory's are gigabytes; the
    /// glossary's terms keep theirs as contexts in the graph).
    pub candidates: Vec<Candidate>,
    pub pairs: Vec<SentencePair>,
    /// Wall time of each stage, in order.
    pub stages: Vec<Stage>,
}

/// One stage of a build: its wall time and the process's peak memory when it ended.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub time: std::time::Duration,
    pub peak_rss_bytes: Option<u64>,
}

pub fn build(docs: &[Document], options: &BuildOptions) -> Build {
    build_with_previous(docs, options, None)
}

/// A build that keeps the reviewed entries of the `previous` graph of the glossary folder
/// (see [`rebuild`]): rejected terms stay out, approved and manual entries stay as
/// the reviewer left them, approved pairs anchor the term translation.
pub fn build_with_previous(docs: &[Document], options: &BuildOptions, previous: Option<&TermGraph>) -> Build {
    build_observed(docs, options, previous, &mut |_| {})
}

/// [`build_with_previous`], telling `on_stage` of each stage as it ends (for progress on a
/// long build; the library itself never prints).
pub fn build_observed(
    docs: &[Document],
    options: &BuildOptions,
    previous: Option<&TermGraph>,
    on_stage: &mut dyn FnMut(&Stage),
) -> Build {
    let mut clock = Stopwatch::start(on_stage);
    let (mut segmenter, lexicon) = dictionaries(&options.dictionary);
    clock.lap("load dictionaries");
    let mut candidates = match &options.terms {
        Some(list) => {
            // Taught whole, so that alignment and the word aligner see each term as one word.
            for term in list.iter().filter(|t| t.chars().any(crate::corpus::is_han)) {
                segmenter.add_word(term, "n");
            }
            terms::given::candidates(docs, list)
        }
        None => mine::mine(docs, &mut segmenter, &lexicon),
    };
    if let Some(previous) = previous {
        let rejected = rebuild::rejected_terms(previous);
        candidates.retain(|c| !rejected.contains(c.term.as_str()));
    }
    clock.lap("mine");
    let pairs = align::sentence_pairs(docs, &segmenter, &lexicon);
    clock.lap("align sentences");
    let learned = options.learned_lexicon.then(|| LearnedLexicon::train(docs, &pairs, &segmenter, &lexicon)).flatten();
    clock.lap("learn lexicon");
    let (mut selected, chosen) = match options.terms {
        // A given list is the glossary: every term, none from a pool.
        Some(_) => (candidates.clone(), candidates.len()),
        None => select(&candidates, options.max_terms),
    };
    for candidate in &mut candidates {
        candidate.occurrences = Vec::new();
    }
    let mut translator = terms::Translator::new(&selected, docs, &pairs);
    translator.align_words(docs, &pairs, &segmenter, &lexicon);
    let mut equivalents = translator.translate(0..chosen, &lexicon, learned.as_ref());
    let pool = chosen..selected.len();
    let confirmed =
        terms::confirm::confirmed(&translator, &selected[..chosen], &equivalents, pool, &lexicon, learned.as_ref());
    // The pool keeps the candidates their translation confirmed (in rank order, as found).
    let (indices, found): (Vec<usize>, Vec<_>) = confirmed.into_iter().unzip();
    equivalents.extend(found.into_iter().map(Some));
    let mut index = 0..;
    selected.retain(|_| index.next().is_some_and(|k| k < chosen || indices.binary_search(&k).is_ok()));
    if let Some(previous) = previous {
        rebuild::anchor_translations(previous, &selected, docs, &pairs, &mut equivalents);
    }
    clock.lap("translate terms");
    let mut graph = term_graph(docs, &candidates, &selected, &equivalents, &pairs);
    if let Some(previous) = previous {
        rebuild::carry_over(previous, &mut graph);
    }
    clock.lap("build graph");
    Build { graph, candidates, pairs, stages: clock.stages }
}

/// The most terms a default build takes, however large the corpus: past a few thousand
/// entries a term base is no longer reviewed, and each entry costs translation time.
pub const DEFAULT_MAX_TERMS: usize = 5_000;

/// The fewest terms a default build takes when the corpus has that many seen twice or cued.
pub const DEFAULT_MIN_TERMS: usize = 300;

/// The floor takes candidates the ranking finds nearly as likely terms as not (odds of at
/// least 1 : e), not the general words far below.
const FLOOR_MIN_SCORE: f64 = -1.0;

/// However few terms a small corpus yields, candidates down to this rank may be confirmed by
/// their translation (a name a bilingual text uses once): on a small corpus checking them
/// all costs little (five speeches: 3,400 candidates, built in under a second).
const MIN_CONFIRMATION_POOL: usize = 1_000;

/// However many terms a large corpus yields, at most this many candidates below the last one
/// taken wait for a confirming translation: each costs as much translation time as a term,
/// and far down a long list a candidate is rarely confirmed. A memory of a few thousand
/// segments takes a glossary of thousands of terms, and the names it mentions once (an airport,
/// a government, a trust fund) rank as far as 2,000 below them; at 1M pairs the larger pool
/// adds no measurable translation time.
const MAX_CONFIRMATION_POOL: usize = 2_000;

/// The candidates a glossary may hold, and how many of them it takes by rank: every candidate
/// seen in two clauses or cued whose score is positive (the ranking model's odds favour a
/// term: the glossary grows with the corpus), or the best `max_terms` of them when the user
/// sets a size (a small corpus takes at least [`DEFAULT_MIN_TERMS`] near-positive ones, and
/// a term the text defines with a short form always); then the others as far down as twice the
/// rank of the last one the ranking took (at most [`MAX_CONFIRMATION_POOL`] more, and at least
/// the [`MIN_CONFIRMATION_POOL`] best), which only a confirming translation lets in
/// ([`terms::confirm`]).
fn select(candidates: &[Candidate], max_terms: Option<usize>) -> (Vec<Candidate>, usize) {
    let cut = max_terms.unwrap_or(DEFAULT_MAX_TERMS);
    // A small corpus gives the ranking little evidence: its glossary takes up to
    // DEFAULT_MIN_TERMS seen twice or cued that score above FLOOR_MIN_SCORE.
    let floor = if max_terms.is_some() { cut } else { DEFAULT_MIN_TERMS };
    let eligible = |c: &Candidate| c.frequency >= 2 || !c.cues.is_empty();
    let (mut selected, mut last) = (Vec::new(), 0);
    for (rank, candidate) in candidates.iter().enumerate() {
        if selected.len() == cut {
            break;
        }
        // A term the text defines with a short form (X（ABC）) is one by the text's own word.
        let defined = candidate.cues.contains(&crate::mine::CueKind::Defined);
        let near = candidate.scores.total > FLOOR_MIN_SCORE && selected.len() < floor;
        let scored = eligible(candidate) && (candidate.scores.total > 0.0 || near);
        if defined || scored {
            selected.push(candidate.clone());
        }
        // A defined term far down the list is taken by the text's word, not its rank: the pool
        // below follows the terms the ranking took.
        if scored {
            last = rank;
        }
    }
    let chosen = selected.len();
    let pool_end =
        candidates.len().min((2 * (last + 1)).min(last + 1 + MAX_CONFIRMATION_POOL).max(MIN_CONFIRMATION_POOL));
    let taken: HashSet<&str> = selected.iter().map(|c| c.term.as_str()).collect();
    // The head of a name seen only inside the whole name (港务局培训学院, always after 北海)
    // would compete with the name for its English: a candidate that ends a longer one, not
    // opened by a verb, exactly as often as that one occurs, stays out of the pool.
    let mut heads: HashMap<&str, usize> = HashMap::new();
    for longer in &candidates[..pool_end] {
        if longer.tags.first() == Some(&crate::segment::Pos::Verb) {
            continue;
        }
        for (at, _) in longer.term.char_indices().skip(1) {
            // An item of a list (云计算 in 物联网、云计算) is no head of it.
            if !longer.term[..at].ends_with('、') {
                heads.entry(&longer.term[at..]).or_insert(longer.frequency);
            }
        }
    }
    let pool: Vec<Candidate> = candidates[..pool_end]
        .iter()
        .filter(|c| !taken.contains(c.term.as_str()) && heads.get(c.term.as_str()) != Some(&c.frequency))
        .cloned()
        .collect();
    selected.extend(pool);
    (selected, chosen)
}

/// Wall time of each stage of a build, for `build --stats`, progress and the scale benchmark.
struct Stopwatch<'a> {
    stages: Vec<Stage>,
    since: std::time::Instant,
    on_stage: &'a mut dyn FnMut(&Stage),
}

impl<'a> Stopwatch<'a> {
    fn start(on_stage: &'a mut dyn FnMut(&Stage)) -> Self {
        Stopwatch { stages: Vec::new(), since: std::time::Instant::now(), on_stage }
    }

    fn lap(&mut self, stage: &'static str) {
        let peak_rss_bytes = crate::memory::peak_rss_bytes();
        let stage = Stage { name: stage, time: self.since.elapsed(), peak_rss_bytes };
        (self.on_stage)(&stage);
        self.stages.push(stage);
        self.since = std::time::Instant::now();
    }
}

fn term_graph(
    docs: &[Document],
    ranked: &[Candidate],
    selected: &[Candidate],
    equivalents: &[Option<terms::Equivalent>],
    pairs: &[SentencePair],
) -> TermGraph {
    let mut graph = TermGraph::default();
    let evidence_ids = add_evidence(&mut graph, docs, equivalents, pairs);
    let rank_of = |term: &str| ranked.iter().position(|c| c.term == term).map(|p| p + 1);
    let mut cut = SentenceCache::new();
    let nodes: Vec<_> = selected
        .iter()
        .zip(equivalents)
        .map(|(c, equivalent)| {
            let contexts = contexts(docs, c, equivalent.as_ref(), pairs, &mut cut);
            graph.add_term(Term {
                locale: locale(docs, c),
                frequency: c.frequency,
                documents: c.documents,
                rank: rank_of(&c.term),
                scores: Some(c.scores),
                cues: c.cues.iter().copied().collect(),
                contexts,
                ..Term::new(c.term.clone(), Lang::Zh, TermKind::Term)
            })
        })
        .collect();
    for ((c, equivalent), &node) in selected.iter().zip(equivalents).zip(&nodes) {
        if let Some(e) = equivalent {
            let en = graph.find_or_add(&e.english, Lang::En, TermKind::Term);
            graph.graph[en].frequency += e.cooccurrences;
            let translation = Translation {
                pairs: e.pairs.iter().map(|p| evidence_ids[p]).collect(),
                ..Translation::aligned(e.score, e.cooccurrences, e.dice, e.dictionary)
            };
            graph.relate(node, en, Relation::Translation(translation.clone()));
            // Other spellings (fast track / fast tracks) join the concept after the preferred one.
            for variant in &e.variants {
                let variant_node = graph.find_or_add(variant, Lang::En, TermKind::Term);
                let weaker = Translation { score: e.score * 0.99, ..translation.clone() };
                graph.relate(node, variant_node, Relation::Translation(weaker));
            }
            if let Some(short) = &e.abbreviation {
                let short_node = graph.find_or_add(short, Lang::En, TermKind::Abbreviation);
                graph.relate(node, short_node, Relation::Abbreviation);
            }
        }
        for short in &c.short_forms {
            let lang = if short.chars().any(crate::corpus::is_han) { Lang::Zh } else { Lang::En };
            let target = graph.find_or_add(short, lang, TermKind::Abbreviation);
            graph.relate(node, target, Relation::Abbreviation);
        }
    }
    for (a, &outer) in selected.iter().zip(&nodes) {
        for (b, &inner) in selected.iter().zip(&nodes) {
            if a.term.len() > b.term.len() && a.term.contains(&b.term) {
                graph.relate(outer, inner, Relation::Contains);
            }
        }
    }
    graph
}

/// The Chinese variant of the documents a candidate occurs in, by occurrences (the first
/// document's on a tie), so a mixed corpus keeps each term's own tag.
fn locale(docs: &[Document], candidate: &Candidate) -> Option<String> {
    let mut counts: Vec<(Option<&str>, usize)> = Vec::new();
    for occurrence in &candidate.occurrences {
        let tag = docs[occurrence.doc()].locale.as_deref();
        match counts.iter_mut().find(|(t, _)| *t == tag) {
            Some((_, n)) => *n += 1,
            None => counts.push((tag, 1)),
        }
    }
    // max_by_key keeps the last of equals; the first seen should win a tie.
    counts.iter().rev().max_by_key(|(_, n)| *n).and_then(|(t, _)| t.map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{normalize::normalize_zh, InputKind};

    /// A translation memory in which the port authority is frequent and two terms occur once,
    /// one of them with an English that also renders other words.
    fn port_memory() -> Vec<Document> {
        let tsv = "北海港务局发布了新的航行通告。\tThe Beihai Port Authority issued a new navigation notice.\n\
                   北海港务局负责港区安全。\tThe Beihai Port Authority is responsible for safety in the port area.\n\
                   北海港务局加强了引航管理。\tThe Beihai Port Authority tightened pilotage management.\n\
                   今年北海港务局培训学院招收学员。\tThis year the Beihai Port Authority Training College admits trainees.\n\
                   港区排放加剧温室效应。\tEmissions in the port area add to the greenhouse effect.\n\
                   这些气体使地球变暖。\tThese gases strengthen the greenhouse effect.\n\
                   变暖趋势令人担忧。\tThe greenhouse effect is worrying.\n";
        vec![crate::corpus::parse(std::path::Path::new("port.tsv"), tsv, InputKind::Tsv).unwrap()]
    }

    #[test]
    fn a_term_seen_once_enters_when_its_translation_confirms_it() {
        let build = build(&port_memory(), &BuildOptions::default());
        let concepts = build.graph.concepts();
        let english_of = |zh: &str| {
            let concept = concepts.iter().find(|c| c.zh.text == zh)?;
            concept.en.first().map(|(en, _)| en.text.clone())
        };
        assert_eq!(english_of("北海港务局").as_deref(), Some("Beihai Port Authority"));
        assert_eq!(english_of("北海港务局培训学院").as_deref(), Some("Beihai Port Authority Training College"));
        assert_eq!(english_of("温室效应").as_deref(), Some("greenhouse effect"));
    }

    #[test]
    fn translation_edges_name_the_pairs_that_hold_the_term_and_its_english() {
        let docs = port_memory();
        let build = build(&docs, &BuildOptions::default());
        let graph = &build.graph;
        let concepts = graph.concepts();
        let authority = concepts.iter().find(|c| c.zh.text == "北海港务局").unwrap();
        let (en, translation) = authority.en[0];
        let ids = &translation.unwrap().pairs;
        assert!(ids.len() >= 2, "{ids:?}");
        for &id in ids {
            let pair = graph.evidence.get(id).unwrap();
            assert!(pair.zh.contains("北海港务局") && pair.en.contains(&en.text), "{pair:?}");
            let doc = &docs[0];
            assert_eq!(pair.source, doc.name);
            assert_eq!(&doc.zh[pair.zh_span.clone().unwrap()], pair.zh);
            assert_eq!(&doc.en[pair.en_span.clone().unwrap()], pair.en);
        }
        // Ids follow the corpus: numbered 1… in the order the pairs stand in the memory.
        let table: Vec<_> = graph.evidence.iter().collect();
        assert_eq!(table.iter().map(|p| p.id).collect::<Vec<_>>(), (1..=table.len()).collect::<Vec<_>>());
        assert!(table.windows(2).all(|w| w[0].zh_span.as_ref().unwrap().start < w[1].zh_span.as_ref().unwrap().start));
    }

    #[test]
    fn an_item_of_a_list_waits_for_its_translation_but_the_head_of_a_name_does_not() {
        let candidate = |term: &str, frequency: usize, total: f64| Candidate {
            scores: crate::mine::score::Scores { total, ..Default::default() },
            ..Candidate::of_words(&[term], &[], frequency)
        };
        let pool = |longer: &str| {
            let candidates = [candidate("量子通信", 5, 2.0), candidate(longer, 1, -5.0), candidate("云计算", 1, -6.0)];
            let (selected, chosen) = select(&candidates, None);
            assert_eq!(chosen, 1);
            selected.iter().any(|c| c.term == "云计算")
        };
        assert!(pool("物联网、云计算"));
        assert!(!pool("公共云计算"), "seen only inside the name, it would compete with it for its English");
    }

    #[test]
    fn candidates_far_below_a_large_glossary_wait_for_their_translation_within_a_bound() {
        let candidates: Vec<Candidate> = (0..6_000)
            .map(|i| Candidate {
                scores: crate::mine::score::Scores { total: if i < 3_000 { 1.0 } else { -1.5 }, ..Default::default() },
                ..Candidate::of_words(&[&format!("术语{i}")], &[], if i < 3_000 { 2 } else { 1 })
            })
            .collect();
        let waiting = |candidates: &[Candidate], term: &str| {
            let (selected, chosen) = select(candidates, None);
            selected[chosen..].iter().any(|c| c.term == term)
        };
        assert!(waiting(&candidates, "术语4500"), "1,500 below the last term taken");
        assert!(!waiting(&candidates, "术语5500"), "2,500 below: too far down to be worth translating");
        // A term the text defines far down is taken, and the pool stays where it was.
        let mut candidates = candidates;
        candidates[5_800].cues.insert(crate::mine::CueKind::Defined);
        assert_eq!(select(&candidates, None).1, 3_001);
        assert!(!waiting(&candidates, "术语5500"));
    }

    /// The English of each given term in a build of a TSV memory.
    fn given_english(tsv: &str, terms: &[&str]) -> Vec<Option<String>> {
        let docs = vec![crate::corpus::parse(std::path::Path::new("m.tsv"), tsv, InputKind::Tsv).unwrap()];
        let options = BuildOptions { terms: Some(terms.iter().map(|t| t.to_string()).collect()), ..Default::default() };
        let build = build(&docs, &options);
        let concepts = build.graph.concepts();
        let english_of = |zh: &str| {
            let concept = concepts.iter().find(|c| c.zh.text == zh)?;
            concept.en.first().map(|(en, _)| en.text.clone())
        };
        terms.iter().map(|t| english_of(t)).collect()
    }

    #[test]
    fn a_capitalised_word_met_only_inside_a_name_gives_way_to_the_name() {
        // 律 glosses "law", 院 no "hall": the dictionary alone prefers "Law".
        let tsv = "学生们在律院等候。\tThe students waited in the Law Hall.\n\
                   律院的大门打开了。\tThe doors of the Law Hall opened.\n\
                   新生走进律院。\tThe new students walked into the Law Hall.\n\
                   天空很蓝。\tThe sky was blue.\n";
        assert_eq!(given_english(tsv, &["律院"]), [Some("Law Hall".to_string())]);
    }

    #[test]
    fn a_foreign_name_written_by_sound_keeps_its_english_from_a_nickname() {
        // The translation writes a town's Chinese nickname as its name too, and more often than
        // the name met with it: co-occurrence prefers the nickname for "Morristown", the sound
        // of the characters does not.
        let tsv = "莫里斯顿又称钟表城，很大。\tMorristown is big.\n\
                   钟表城莫里斯顿很热。\tMorristown is hot.\n\
                   他住在钟表城莫里斯顿。\tHe lives in Morristown.\n\
                   钟表城下雪了。\tIt snowed in Morristown.\n\
                   钟表城有一条河。\tMorristown has a river.\n\
                   天空很蓝。\tThe sky was blue.\n";
        let english = given_english(tsv, &["莫里斯顿", "钟表城"]);
        assert_eq!(english[0].as_deref(), Some("Morristown"), "{english:?}");
        assert_ne!(english[1].as_deref(), Some("Morristown"), "{english:?}");
    }

    #[test]
    fn a_possessive_set_apart_by_scraping_opens_no_english() {
        // Scraped fiction writes "Family ’s": the lone "s" is the clitic, not a word.
        let tsv = "王家三长老到了。\tThe Wang Family ’s Third Elder arrived.\n\
                   他拜见王家三长老。\tHe greeted the Wang Family ’s Third Elder.\n\
                   王家三长老笑了。\tThe Wang Family ’s Third Elder laughed.\n\
                   天空很蓝。\tThe sky was blue.\n";
        let english = given_english(tsv, &["王家三长老"]);
        let english = english[0].as_deref().unwrap_or("");
        assert!(!english.starts_with("s "), "{english}");
        assert!(english.ends_with("Third Elder"), "{english}");
    }

    #[test]
    fn every_stage_is_reported_as_it_ends_and_recorded() {
        let text = normalize_zh("我们要发展数字经济。数字经济是新动能。发展数字经济。", false);
        let docs = vec![Document::monolingual("t".into(), InputKind::Plain, text)];
        let mut seen = Vec::new();
        let build = build_observed(&docs, &BuildOptions::default(), None, &mut |stage| seen.push(stage.name));
        let recorded: Vec<&str> = build.stages.iter().map(|s| s.name).collect();
        assert_eq!(seen, recorded);
        assert_eq!(
            seen,
            ["load dictionaries", "mine", "align sentences", "learn lexicon", "translate terms", "build graph"]
        );
    }
}
