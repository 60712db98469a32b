//! Page furniture: lines of scraped web pages that are not running text (navigation labels,
//! link lists, URLs, date-and-source lines, "preview ended" notices). Decided by the shape of
//! the line, never by a list of strings.

use crate::corpus::{han_ratio, is_han};

/// True when a line carries running text that terms may be mined from.
pub fn is_body_line(line: &str) -> bool {
    if has_url(line) || is_list_item(line) {
        return false;
    }
    let han = line.chars().filter(|&c| is_han(c)).count();
    let sentence_end = line.contains(['。', '！', '？', '；']);
    let clauses = line.matches(['，', '、']).count();
    if is_date_line(line) && !sentence_end {
        return false;
    }
    (sentence_end && han >= 8)
        || (clauses >= 1 && han >= 25)
        || han >= 40
        || (han >= 6 && han_ratio(line) > 0.9 && line.contains(['“', '《']))
}

fn has_url(line: &str) -> bool {
    line.contains("http://") || line.contains("https://") || line.contains("www.")
}

/// "1. 【…】…", "3、…" without sentence punctuation: an entry of a link list.
fn is_list_item(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = rest.len() < line.len() && rest.starts_with(['.', '、', '．']);
    let bracketed = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ').starts_with('【');
    (numbered || bracketed) && !line.contains('。')
}

/// A line dominated by a date or time stamp (publishing metadata).
fn is_date_line(line: &str) -> bool {
    let digits = line.chars().filter(|c| c.is_ascii_digit()).count();
    let han = line.chars().filter(|&c| is_han(c)).count();
    let has_stamp = line.contains(['-', ':']) && digits >= 6;
    has_stamp && han < 20
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_text_is_body() {
        assert!(is_body_line("新冠肺炎疫情发生以来，上合组织成员国弘扬“上海精神”，携手抗击疫情。"));
        assert!(is_body_line("中方建议加大上合组织大学建设力度，新增一批项目院校和专业，共同培养面向未来的优质人才"));
    }

    #[test]
    fn furniture_is_not_body() {
        assert!(!is_body_line("日期: 2020-12-02 来源: 互联网 点击: ..."));
        assert!(!is_body_line("  1. 【学术交流】某教授应邀参加第十一届中国－中亚合作论坛"));
        assert!(!is_body_line("https://www.example.cn/report/index/report?reportId=11"));
        assert!(!is_body_line("新闻动态"));
        assert!(!is_body_line("2020-12-01 08:34"));
        assert!(!is_body_line("预览已结束，完整报告链接和二维码如下："));
    }
}
