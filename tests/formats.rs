//! The input kinds translators hold (XLIFF family, DOCX, HTML, Traditional Chinese, text laced
//! with invisible characters) and the folders they keep them in, through the real binary on
//! the fixtures in tests/fixtures/formats/ (beekeeping, servers, tea, clinical trials).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::zhterm;

fn fixture(name: &str) -> String {
    format!("tests/fixtures/formats/{name}")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds `inputs` (with `flags`) into `out`, asserting success; returns the summary line.
fn build_into(out: &Path, flags: &[&str], inputs: &[&str]) -> String {
    let mut args = vec!["build", "-o", out.to_str().unwrap()];
    args.extend_from_slice(flags);
    args.extend_from_slice(inputs);
    let output = zhterm(&args);
    assert!(output.status.success(), "build failed: {}", stderr(&output));
    stderr(&output)
}

fn build(flags: &[&str], inputs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path(), flags, inputs);
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The glossary CSV's rows as fields, header first (its BOM removed).
fn rows(dir: &Path) -> Vec<Vec<String>> {
    let text = read(&dir.join("glossary.csv"));
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// Chinese term → preferred English of every entry.
fn entries(dir: &Path) -> Vec<(String, String)> {
    rows(dir).into_iter().skip(1).map(|r| (r[0].clone(), r[1].clone())).collect()
}

fn english_of(dir: &Path, zh: &str) -> Option<String> {
    entries(dir).into_iter().find(|(z, _)| z == zh).map(|(_, en)| en)
}

/// Every column but `source` (the file name, which differs by design).
fn without_source(dir: &Path) -> Vec<Vec<String>> {
    let rows = rows(dir);
    let source = rows[0].iter().position(|h| h == "source").unwrap();
    rows.into_iter()
        .map(|mut r| {
            r.remove(source);
            r
        })
        .collect()
}

fn lookup(dir: &Path, query: &str) -> (Option<i32>, String) {
    let output = zhterm(&["lookup", "--glossary", dir.to_str().unwrap(), query]);
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_tmx_memory_gives_its_terms_and_english() {
    let dir = build(&[], &[&fixture("hives.tmx")]);
    assert_eq!(english_of(dir.path(), "蜂王浆").as_deref(), Some("Royal jelly"));
    assert_eq!(english_of(dir.path(), "蜂箱").as_deref(), Some("beehive"));
    assert_eq!(english_of(dir.path(), "工蜂").as_deref(), Some("worker bees"));
    assert_eq!(english_of(dir.path(), "摇蜜机").as_deref(), Some("honey extractor"));
}

#[test]
fn every_xliff_dialect_with_english_source_gives_the_glossary_of_the_zh_en_tmx() {
    let tmx = build(&[], &[&fixture("hives.tmx")]);
    let expected = without_source(tmx.path());
    assert!(expected.len() > 4, "{expected:?}");
    for name in ["hives-en-zh.xlf", "hives.xlf", "hives.sdlxliff", "hives.mqxliff"] {
        let dir = build(&[], &[&fixture(name)]);
        assert_eq!(without_source(dir.path()), expected, "{name}");
        // The unit each file marks untranslated, draft or unconfirmed is not read.
        let candidates = read(&dir.path().join("candidates.csv"));
        assert!(!candidates.contains("蜂胶") && !read(&dir.path().join("graph.json")).contains("Propolis"), "{name}");
    }
}

#[test]
fn xliff_is_detected_by_content_or_forced_with_kind() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("project.xml");
    std::fs::copy(fixture("hives-en-zh.xlf"), &renamed).unwrap();
    let out = dir.path().join("detected");
    build_into(&out, &[], &[renamed.to_str().unwrap()]);
    assert_eq!(english_of(&out, "蜂箱").as_deref(), Some("beehive"));
    let renamed = dir.path().join("project.dat");
    std::fs::copy(fixture("hives.sdlxliff"), &renamed).unwrap();
    let out = dir.path().join("forced");
    build_into(&out, &["--kind", "xliff"], &[renamed.to_str().unwrap()]);
    assert_eq!(english_of(&out, "蜂箱").as_deref(), Some("beehive"));
}

#[test]
fn a_traditional_memory_exports_zh_tw_and_lookup_folds_both_ways() {
    let dir = build(&[], &[&fixture("servers-tw.tmx")]);
    let rows = rows(dir.path());
    assert_eq!(rows[0][0], "zh-TW");
    assert_eq!(english_of(dir.path(), "資料庫").as_deref(), Some("database"));
    assert_eq!(english_of(dir.path(), "伺服器").as_deref(), Some("server"));
    let tbx = read(&dir.path().join("glossary.tbx"));
    assert!(tbx.contains("<langSec xml:lang=\"zh-TW\">") && !tbx.contains("xml:lang=\"zh-CN\""), "{tbx}");
    let memoq = zhterm(&["export", "--glossary", dir.path().to_str().unwrap(), "--format", "memoq"]);
    assert!(
        String::from_utf8_lossy(&memoq.stdout).starts_with("\u{feff}Chinese (Taiwan)\tEnglish"),
        "{}",
        stderr(&memoq)
    );
    // Simplified input finds the Traditional entry, Taiwan's own word for it included.
    for (query, entry) in [("数据库", "資料庫"), ("服务器", "伺服器"), ("資料庫", "資料庫")] {
        let (code, out) = lookup(dir.path(), query);
        assert_eq!(code, Some(0), "{query}");
        assert!(out.starts_with(&format!("{entry}  →")), "{query}: {out}");
    }
    // And the other way round: Traditional input finds a Simplified entry.
    let simplified = build(&[], &[&fixture("hives.tmx")]);
    let (code, out) = lookup(simplified.path(), "蜂王漿");
    assert_eq!(code, Some(0));
    assert!(out.starts_with("蜂王浆  →  Royal jelly"), "{out}");
}

#[test]
fn every_export_profile_of_a_zh_tw_glossary_imports_back() {
    let dir = build(&[], &[&fixture("servers-tw.tmx")]);
    let glossary = dir.path().to_str().unwrap();
    for (format, file, header) in [
        ("csv", "g.csv", "zh-TW,en,"),
        ("memoq", "g.txt", "Chinese (Taiwan)\tEnglish\tChinese (Taiwan)_Example"),
        ("crowdin", "g.csv", "term_zh-TW,description_zh-TW,partOfSpeech_zh-TW,term_en"),
    ] {
        let path = dir.path().join(format!("{format}-{file}"));
        let export = zhterm(&["export", "-g", glossary, "--format", format, "-o", path.to_str().unwrap()]);
        assert!(export.status.success(), "{format}: {}", stderr(&export));
        assert!(read(&path).trim_start_matches('\u{feff}').starts_with(header), "{format}: {}", read(&path));
        let import = zhterm(&["import", "-g", glossary, path.to_str().unwrap()]);
        assert!(import.status.success(), "{format}: {}", stderr(&import));
    }
    assert_eq!(english_of(dir.path(), "資料庫").as_deref(), Some("database"));
}

#[test]
fn untagged_traditional_text_is_zh_tw_from_big5_and_zh_hant_from_its_script() {
    let text = "系統每天備份資料庫。\n管理員從伺服器還原資料庫。\n資料庫的備份保存在伺服器上。\n";
    let dir = tempfile::tempdir().unwrap();
    let (big5, _, _) = encoding_rs::BIG5.encode(text);
    std::fs::write(dir.path().join("servers-big5.txt"), &big5).unwrap();
    std::fs::write(dir.path().join("servers-utf8.txt"), text).unwrap();
    for (file, tag) in [("servers-big5.txt", "zh-TW"), ("servers-utf8.txt", "zh-Hant")] {
        let out = dir.path().join(format!("out-{tag}"));
        build_into(&out, &[], &[dir.path().join(file).to_str().unwrap()]);
        assert_eq!(rows(&out)[0][0], tag, "{file}");
        assert!(entries(&out).iter().any(|(zh, _)| zh == "資料庫"), "{file}");
        assert!(read(&out.join("glossary.tbx")).contains(&format!("<langSec xml:lang=\"{tag}\">")));
    }
}

#[test]
fn a_mixed_corpus_keeps_each_terms_own_tag() {
    let dir = build(&[], &[&fixture("hives.tmx"), &fixture("servers-tw.tmx")]);
    let json = zhterm(&["export", "--glossary", dir.path().to_str().unwrap(), "--format", "json"]);
    let text = String::from_utf8_lossy(&json.stdout).into_owned();
    let tag_of = |zh: &str| {
        let entries: serde_json::Value = serde_json::from_str(&text).unwrap();
        let entry = entries.as_array().unwrap().iter().find(|e| e["zh"] == zh).cloned().unwrap();
        entry["locale"].as_str().unwrap_or("zh-CN").to_string()
    };
    assert_eq!(tag_of("資料庫"), "zh-TW");
    assert_eq!(tag_of("蜂箱"), "zh-CN");
    let tbx = read(&dir.path().join("glossary.tbx"));
    assert!(tbx.contains("xml:lang=\"zh-TW\"") && tbx.contains("xml:lang=\"zh-CN\""));
}

#[test]
fn a_unit_with_two_chinese_locales_gives_one_never_both() {
    let tw = build(&[], &[&fixture("servers-tw.tmx")]);
    // zh-TW is the locale most units carry, so it is read: the glossary of the zh-TW memory.
    let default = build(&[], &[&fixture("servers-two-locales.tmx")]);
    assert_eq!(without_source(default.path()), without_source(tw.path()));
    let cn = build(&["--zh-locale", "zh-CN"], &[&fixture("servers-two-locales.tmx")]);
    let graph = read(&cn.path().join("graph.json"));
    assert!(graph.contains("数据库") && !graph.contains("資料庫数据库") && !graph.contains("数据库資料庫"));
    assert!(!graph.contains("每天晚上，系統會自動備份資料庫"), "the zh-TW variant of a zh-CN unit was read");
}

#[test]
fn an_html_page_yields_its_visible_bilingual_text_and_no_markup() {
    let dir = build(&[], &[&fixture("tea.html")]);
    assert_eq!(english_of(dir.path(), "细胞壁").as_deref(), Some("cell walls"));
    assert_eq!(english_of(dir.path(), "绿茶").as_deref(), Some("Green tea"));
    let candidates = read(&dir.path().join("candidates.csv"));
    let graph = read(&dir.path().join("graph.json"));
    for markup in ["class", "footer", "脚本", "隐藏", "页脚", "script", "<p", "font", "制茶工艺"] {
        assert!(!candidates.contains(markup) && !graph.contains(markup), "{markup} was read as text");
    }
}

/// A minimal DOCX package around `body` (the inside of `<w:body>`).
fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    )
    .unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn a_docx_review_table_gives_pairs_and_its_body_a_chinese_document() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = [
        ("滴灌系统可以节约灌溉用水。", "A drip irrigation system saves irrigation water."),
        ("滴灌系统需要定期冲洗过滤器。", "A drip irrigation system needs its filter flushed regularly."),
        ("土壤墒情决定灌溉的时间。", "Soil moisture decides when to irrigate."),
        ("传感器每小时测量一次土壤墒情。", "Sensors measure soil moisture every hour."),
        ("过滤器堵塞会降低滴灌系统的流量。", "A clogged filter lowers the flow of a drip irrigation system."),
    ];
    let row = |cells: &[&str]| {
        format!("<w:tr>{}</w:tr>", cells.iter().map(|c| format!("<w:tc>{}</w:tc>", paragraph(c))).collect::<String>())
    };
    let mut table = row(&["ID", "Source", "Target", "Status"]);
    for (i, (zh, en)) in pairs.iter().enumerate() {
        table.push_str(&row(&[&(i + 1).to_string(), zh, en, "Confirmed"]));
    }
    let review = dir.path().join("irrigation-review.docx");
    std::fs::write(&review, docx(&format!("{}<w:tbl>{table}</w:tbl>", paragraph("双语审校")))).unwrap();
    let out = dir.path().join("review");
    build_into(&out, &[], &[review.to_str().unwrap()]);
    // The canonical form drops the capital only a sentence start gave the common noun.
    assert_eq!(english_of(&out, "土壤墒情").as_deref(), Some("soil moisture"));
    assert_eq!(english_of(&out, "过滤器").as_deref(), Some("filter"));
    assert!(!read(&out.join("graph.json")).contains("Confirmed"));

    let body: String = pairs.iter().map(|(zh, _)| paragraph(zh)).collect();
    let report = dir.path().join("irrigation.docx");
    std::fs::write(&report, docx(&body)).unwrap();
    let out = dir.path().join("body");
    build_into(&out, &[], &[report.to_str().unwrap()]);
    let terms: Vec<String> = entries(&out).into_iter().map(|(zh, _)| zh).collect();
    assert!(terms.contains(&"土壤墒情".to_string()) && terms.contains(&"过滤器".to_string()), "{terms:?}");
    assert!(entries(&out).iter().all(|(_, en)| en.is_empty()), "a Chinese document has no English");
}

#[test]
fn invisible_characters_do_not_split_words() {
    let dir = build(&[], &[&fixture("consent-invisible.txt")]);
    let terms: Vec<String> = entries(dir.path()).into_iter().map(|(zh, _)| zh).collect();
    for whole in ["知情同意书", "伦理委员会", "临床试验方案"] {
        assert!(terms.contains(&whole.to_string()), "{whole} missing from {terms:?}");
    }
    for half in ["知情", "同意书", "委员会", "伦理"] {
        assert!(!terms.contains(&half.to_string()), "{half} is an entry: {terms:?}");
    }
    let graph = read(&dir.path().join("graph.json"));
    assert!(!graph.contains(['\u{200b}', '\u{feff}', '\u{ad}', '\u{a0}', '\u{2009}']));
}

#[test]
fn a_build_never_reads_a_glossary_folder_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("memories");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(fixture("hives.tmx"), input.join("hives.tmx")).unwrap();
    let out = input.join("glossary");
    let first = build_into(&out, &[], &[input.to_str().unwrap()]);
    let terms = entries(&out);
    // The output folder now sits in the input folder; twice more and nothing grows.
    for _ in 0..2 {
        let summary = build_into(&out, &[], &[input.to_str().unwrap()]);
        assert!(summary.contains("1 documents (glossary folders not read: "), "{summary}");
        assert_eq!(entries(&out), terms);
    }
    assert!(first.contains("1 documents"), "{first}");
    // Any folder holding a graph.json is a glossary, whoever wrote it.
    let other = dir.path().join("elsewhere");
    let summary = build_into(&other, &[], &[input.to_str().unwrap()]);
    assert!(summary.contains("glossary folders not read: ") && summary.contains("memories/glossary"), "{summary}");
    assert_eq!(entries(&other), terms);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("notes");
    std::fs::create_dir_all(input.join("a/b")).unwrap();
    std::fs::copy(fixture("hives.tmx"), input.join("hives.tmx")).unwrap();
    std::fs::copy(fixture("servers-tw.tmx"), input.join("a/servers.tmx")).unwrap();
    std::fs::copy(fixture("consent-invisible.txt"), input.join("a/b/consent.txt")).unwrap();
    std::os::unix::fs::symlink(&input, input.join("a/b/loop")).unwrap();
    std::os::unix::fs::symlink(input.join("hives.tmx"), input.join("a/same-hives.tmx")).unwrap();
    let summary = build_into(&dir.path().join("out"), &[], &[input.to_str().unwrap()]);
    assert!(summary.contains("zhterm: 3 documents"), "{summary}");
    assert!(summary.contains("a link to a folder already read"), "{summary}");
}

#[test]
fn a_pdf_is_refused_with_how_to_convert_it() {
    let dir = tempfile::tempdir().unwrap();
    let pdf: PathBuf = dir.path().join("manual.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n").unwrap();
    let output = zhterm(&["build", "-o", dir.path().join("out").to_str().unwrap(), pdf.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("manual.pdf: not text but a PDF document; convert it to text first")
            && message.contains("pdftotext"),
        "{message}"
    );
}
