//! Where a run may begin and must end around the words of a clause: a year that dates the
//! term after it, the frame of manner 以 … 方式 whose content names nothing, and a bracketed
//! insertion that a name carries inside it.

use super::{Classes, MAX_TOKENS};
use crate::corpus::is_han;
use crate::segment::{Pos, Token};

/// How many tokens of a year prefix start at `start`: four digits and 年, glued, and 后 "post-"
/// glued after them; the token after them, glued too, must open the term.
pub(super) fn year_prefix(text: &str, tokens: &[Token], start: usize) -> Option<usize> {
    let glued = |i: usize| i > 0 && tokens.get(i).is_some_and(|t| t.span.start == tokens[i - 1].span.end);
    let word = |i: usize| tokens.get(i).map_or("", |t| &text[t.span.clone()]);
    let digits = word(start);
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) || word(start + 1) != "年" || !glued(start + 1)
    {
        return None;
    }
    let mut end = start + 2;
    if word(end) == "后" && glued(end) {
        end += 1;
    }
    glued(end).then_some(end - start)
}

/// Nouns of manner that close the frame 以 … 方式 "by way of …", 以 … 形式 "in the form of …".
const MANNER_NOUNS: [&str; 2] = ["方式", "形式"];

/// Token `end` is a noun of manner closing a 以 … 方式 frame: what the frame holds (以视频方式
/// "by video link", 以书面形式 "in writing") says how something is done, an adverbial, and
/// names nothing. No run ends at or goes through that noun, wherever inside the frame it
/// starts, nor starts there (方式 + 解决 "settled by way of").
pub(super) fn manner_frame(text: &str, tokens: &[Token], classes: &Classes, end: usize) -> bool {
    if end == 0 || !MANNER_NOUNS.contains(&&text[tokens[end].span.clone()]) {
        return false;
    }
    for i in (end.saturating_sub(MAX_TOKENS)..end).rev() {
        // jieba's dictionary glues 以 to a date before it (30日以 "on the 30th, by").
        if tokens[i].pos == Pos::Preposition && text[tokens[i].span.clone()].ends_with('以') {
            return true;
        }
        if classes.breaks_term(i) {
            return false;
        }
    }
    false
}

/// Where the text goes on after token `at`, skipping a short bracketed insertion that a name
/// carries inside it (政府首脑（总理）理事会): the insertion is optional, so the word after it
/// is the real neighbour.
pub(super) fn after_insertion(text: &str, tokens: &[Token], at: usize) -> usize {
    const MAX_INSERTION_TOKENS: usize = 3;
    if tokens.get(at).is_none_or(|t| &text[t.span.clone()] != "（") {
        return at;
    }
    let close =
        (at + 1..tokens.len().min(at + 2 + MAX_INSERTION_TOKENS)).find(|&i| &text[tokens[i].span.clone()] == "）");
    match close {
        Some(close) if close > at + 1 && (at + 1..close).all(|i| text[tokens[i].span.clone()].chars().all(is_han)) => {
            let next = close + 1;
            let glued = tokens.get(next).is_some_and(|t| t.span.start == tokens[close].span.end);
            if glued {
                next
            } else {
                at
            }
        }
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_runs, runs};
    use super::super::token_runs;
    use crate::lexicon::Lexicon;
    use crate::segment::Segmenter;

    #[test]
    fn a_year_opens_the_term_it_dates_and_post_a_verb_first_one() {
        assert_runs("各国通过了2035年城市规划纲要。", &["2035年城市规划纲要"], &[]);
        assert_runs("讨论2020年后海洋渔业框架。", &["2020年后海洋渔业框架"], &[]);
        assert_runs("制定2020年后减少污染战略。", &["2020年后减少污染战略"], &[]);
        // A verb after a bare year is what happened that year; a year alone names nothing.
        assert_runs("该项目2012年启动建设，2017年下半年完成。", &[], &["2012年", "2017年"]);
    }

    #[test]
    fn what_the_frame_of_manner_holds_is_no_term() {
        let found = runs("合同以电子数据交换形式订立，变更于5日以电子邮件方式通知。");
        for term in ["电子数据交换", "电子邮件"] {
            assert!(found.iter().any(|t| t == term), "{term}: {found:?}");
        }
        assert!(!found.iter().any(|t| t.contains("形式") || t.contains("方式")), "{found:?}");
        // Outside the frame a noun of manner heads terms (生产方式 "mode of production").
        assert!(runs("改变落后的生产方式。").iter().any(|t| t == "生产方式"));
    }

    #[test]
    fn a_bracketed_insertion_is_skipped_to_find_the_next_word() {
        let text = "各国卫生部长（大臣）会议召开";
        let tokens = Segmenter::new().tokens(text, 0);
        let runs = token_runs(text, &tokens, &Lexicon::new());
        let minister = runs.iter().find(|r| &text[r.span.clone()] == "卫生部长").expect("a run");
        assert_eq!(minister.after.map(|t| &text[t.span.clone()]), Some("会议"));
    }
}
