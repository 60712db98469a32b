//! XLIFF 1.2 and 2.0 bilingual files, and the two CAT-tool dialects of 1.2 that translators
//! hold most: SDLXLIFF (Trados: segments as `<mrk mtype="seg">` with their state in
//! `<sdl:seg-defs>`) and MQXLIFF (memoQ: `mq:status`, `mq:locked` on the unit).
//!
//! Which side is Chinese comes from the file's attributes (`source-language` /
//! `target-language` of each `<file>`, `srcLang` / `trgLang` of XLIFF 2.0), so an English
//! source with a Chinese target is read as zh→en like any memory. Inline codes (`ph`, `bpt`,
//! `ept`, `it`, `sub`, 2.0 `originalData`) are dropped as in TMX; the text of wrapping tags
//! (`g`, `mrk`, `pc`) is kept. A segment is kept when its target holds a translation — see
//! [`keeps`] for the states read.

use super::parallel::{line_and_column, PairBuilder};
use super::{variant, Document, InputKind};
use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::path::Path;

/// Elements whose content is not the unit's text: native codes, and XLIFF 1.2 `<alt-trans>`
/// (translation-memory matches a tool offered, with a source and target of their own).
const CODES: &[&str] = &["ph", "bpt", "ept", "it", "sub", "originalData", "alt-trans"];

/// The state of one segment as the file records it.
#[derive(Debug, Default, Clone)]
struct State {
    /// XLIFF 1.2 `state` of `<target>`, 2.0 `state` of `<segment>`.
    state: Option<String>,
    /// SDLXLIFF `conf` of `<sdl:seg>`, memoQ `mq:status`.
    confirmation: Option<String>,
    /// SDLXLIFF `locked="true"`, memoQ `mq:locked="locked"`: confirmed and protected.
    locked: bool,
}

/// Whether a segment whose target is non-empty is a translation to learn from.
///
/// Kept: translations a translator finished or confirmed (1.2 `translated`, `final`,
/// `signed-off`, `needs-review-*`; 2.0 `translated`, `reviewed`, `final`; Trados
/// `Translated`, `Approved*`; memoQ `*Confirmed`), locked segments, and segments whose file
/// records no state at all. Skipped: targets not yet translated or only drafted (1.2 `new`,
/// `needs-translation`; 2.0 `initial`; Trados `Draft`, `Unspecified`; memoQ `NotStarted`,
/// `PreTranslated`, `PartiallyEdited`, `Edited`) and rejected ones (Trados `Rejected*`, memoQ
/// `Rejected`).
fn keeps(state: &State) -> bool {
    if state.locked {
        return true;
    }
    if let Some(confirmation) = &state.confirmation {
        let c = confirmation.to_ascii_lowercase();
        return c == "translated" || c.starts_with("approved") || c.ends_with("confirmed");
    }
    !matches!(state.state.as_deref(), Some("new" | "needs-translation" | "initial"))
}

/// One unit's text as it is read: the whole source and target, and their `<mrk mtype="seg">`
/// segments by id.
#[derive(Default)]
struct Unit {
    source: String,
    target: String,
    source_segments: Vec<(String, String)>,
    target_segments: HashMap<String, String>,
    target_state: State,
    unit_state: State,
    segment_states: HashMap<String, State>,
    skip: bool,
}

/// Where text being read goes.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Source,
    Target,
}

/// Reads an XLIFF file (any of the four dialects) into an aligned document.
pub fn read(path: &Path, text: &str) -> Result<Document> {
    let mut reader = quick_xml::Reader::from_str(text);
    let malformed = |offset: u64, message: String| {
        let (line, column) = line_and_column(text, offset as usize);
        Error::Syntax { path: path.to_path_buf(), line, column, message: format!("malformed XLIFF: {message}") }
    };
    let mut builder = PairBuilder::default();
    let (mut source_lang, mut target_lang) = (String::new(), String::new());
    let mut unit = Unit::default();
    let mut side: Option<Side> = None;
    // Id of the `<mrk mtype="seg">` being read, with the depth of mrk elements inside it.
    let mut segment: Option<(String, usize)> = None;
    let mut code_depth = 0usize;
    let mut segment_state = State::default();
    let mut open: Vec<String> = Vec::new();
    let mut chinese_tags = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| malformed(reader.error_position(), e.to_string()))?;
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = element {
            let name = local(&e);
            match name.as_str() {
                "xliff" | "file" => {
                    let (src, trg) =
                        if name == "xliff" { ("srcLang", "trgLang") } else { ("source-language", "target-language") };
                    if let Some(lang) = attribute(&e, src) {
                        source_lang = lang;
                    }
                    if let Some(lang) = attribute(&e, trg) {
                        target_lang = lang;
                    }
                    chinese_tags
                        .extend([&source_lang, &target_lang].into_iter().filter(|l| variant::is_chinese(l)).cloned());
                }
                "trans-unit" | "unit" => {
                    unit = Unit::default();
                    unit.skip = attribute(&e, "translate").is_some_and(|v| v == "no");
                    unit.unit_state = State {
                        state: None,
                        confirmation: attribute(&e, "status"),
                        locked: attribute(&e, "locked").is_some_and(|v| v == "locked" || v == "true"),
                    };
                }
                "segment" => {
                    segment_state = State { state: attribute(&e, "state"), ..State::default() };
                    unit.source.clear();
                    unit.target.clear();
                }
                // SDLXLIFF: `<sdl:seg id="1" conf="Translated" locked="true"/>`.
                "seg" => {
                    let id = attribute(&e, "id").unwrap_or_default();
                    let state = State {
                        state: None,
                        confirmation: attribute(&e, "conf"),
                        locked: attribute(&e, "locked").is_some_and(|v| v == "true"),
                    };
                    unit.segment_states.insert(id, state);
                }
                "source" | "seg-source" if code_depth == 0 => side = Some(Side::Source),
                "target" if code_depth == 0 => {
                    side = Some(Side::Target);
                    unit.target_state.state = attribute(&e, "state");
                }
                "mrk" if side.is_some() && code_depth == 0 => match &mut segment {
                    Some((_, depth)) if !empty => *depth += 1,
                    None if attribute(&e, "mtype").is_some_and(|t| t == "seg") && !empty => {
                        let id = attribute(&e, "mid").unwrap_or_default();
                        if side == Some(Side::Source) {
                            unit.source_segments.push((id.clone(), String::new()));
                        } else {
                            unit.target_segments.insert(id.clone(), String::new());
                        }
                        segment = Some((id, 0));
                    }
                    _ => {}
                },
                // XLIFF 2.0 `<cp hex="00A0"/>`: a character XML cannot carry.
                "cp" if side.is_some() && code_depth == 0 => {
                    if let Some(c) =
                        attribute(&e, "hex").and_then(|h| u32::from_str_radix(&h, 16).ok()).and_then(char::from_u32)
                    {
                        push_text(&mut unit, side, &segment, &c.to_string());
                    }
                }
                code if CODES.contains(&code) && !empty => code_depth += 1,
                _ => {}
            }
            if !empty {
                open.push(name);
            }
            continue;
        }
        match event {
            Event::End(e) => {
                open.pop();
                match e.local_name().as_ref() {
                    "source" | "seg-source" | "target" if code_depth == 0 => side = None,
                    "mrk" if code_depth == 0 => match &mut segment {
                        Some((_, 0)) => segment = None,
                        Some((_, depth)) => *depth -= 1,
                        None => {}
                    },
                    "segment" => {
                        // XLIFF 2.0: each segment is a pair of its own.
                        let state = segment_state.clone();
                        let (source, target) = (std::mem::take(&mut unit.source), std::mem::take(&mut unit.target));
                        if !unit.skip && keeps(&state) {
                            pair(&mut builder, &source_lang, &target_lang, &source, &target);
                        }
                    }
                    "trans-unit" if !unit.skip => finish_unit(&mut builder, &unit, &source_lang, &target_lang),
                    name if CODES.contains(&name) => code_depth = code_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(t) if code_depth == 0 => push_text(&mut unit, side, &segment, &t.xml10_content()),
            Event::CData(t) if code_depth == 0 => push_text(&mut unit, side, &segment, &t.into_inner()),
            Event::GeneralRef(r) if code_depth == 0 && side.is_some() => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| malformed(reader.buffer_position(), format!("unknown entity &{};", &*r)))?
                        .to_string(),
                };
                push_text(&mut unit, side, &segment, &resolved);
            }
            Event::Eof if !open.is_empty() => {
                let inside = open.iter().map(|name| format!("<{name}>")).collect::<Vec<_>>().join(" ");
                return Err(malformed(reader.buffer_position(), format!("ends inside {inside} (cut off?)")));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if builder.is_empty() {
        let message = match (variant::is_chinese(&source_lang), variant::is_chinese(&target_lang)) {
            (false, false) if source_lang.is_empty() => "XLIFF names no source language".to_string(),
            (false, false) => format!("XLIFF from {source_lang} to {target_lang}: zhterm reads Chinese–English files"),
            _ => "XLIFF holds no translated segment (untranslated, draft and rejected targets are skipped)".to_string(),
        };
        return Err(Error::Input { path: path.to_path_buf(), message });
    }
    builder.locale = variant::choose(chinese_tags.iter().map(String::as_str), None).as_deref().and_then(variant::kept);
    Ok(builder.finish(path, InputKind::Xliff))
}

/// A 1.2 unit's pairs: its `<mrk mtype="seg">` segments matched by id when it has them (each
/// with its Trados state), else its whole source and target.
fn finish_unit(builder: &mut PairBuilder, unit: &Unit, source_lang: &str, target_lang: &str) {
    let unit_state = |fallback: &State| {
        if unit.unit_state.confirmation.is_some() || unit.unit_state.locked {
            unit.unit_state.clone()
        } else {
            fallback.clone()
        }
    };
    if unit.source_segments.is_empty() {
        if keeps(&unit_state(&unit.target_state)) {
            pair(builder, source_lang, target_lang, &unit.source, &unit.target);
        }
        return;
    }
    for (id, source) in &unit.source_segments {
        let state = unit.segment_states.get(id).cloned().unwrap_or_else(|| unit_state(&unit.target_state));
        if let Some(target) = unit.target_segments.get(id).filter(|_| keeps(&state)) {
            pair(builder, source_lang, target_lang, source, target);
        }
    }
}

/// Adds a source/target pair the right way round; an empty target, or one that copies its
/// source, is no translation.
fn pair(builder: &mut PairBuilder, source_lang: &str, target_lang: &str, source: &str, target: &str) {
    if target.trim().is_empty() || source.trim() == target.trim() {
        return;
    }
    let english = |lang: &str| lang.to_ascii_lowercase().starts_with("en");
    if variant::is_chinese(source_lang) && english(target_lang) {
        builder.push(source, target);
    } else if english(source_lang) && variant::is_chinese(target_lang) {
        builder.push(target, source);
    }
}

fn push_text(unit: &mut Unit, side: Option<Side>, segment: &Option<(String, usize)>, text: &str) {
    match side {
        Some(Side::Source) => {
            if let Some((id, _)) = segment {
                if let Some((_, buffer)) = unit.source_segments.iter_mut().rev().find(|(i, _)| i == id) {
                    buffer.push_str(text);
                }
            } else if unit.source_segments.is_empty() {
                unit.source.push_str(text);
            }
        }
        Some(Side::Target) => {
            if let Some((id, _)) = segment {
                if let Some(buffer) = unit.target_segments.get_mut(id) {
                    buffer.push_str(text);
                }
            }
            unit.target.push_str(text);
        }
        None => {}
    }
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// The value of the attribute whose local name is `name` (any namespace prefix).
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(doc: &Document) -> Vec<(String, String)> {
        doc.zh_blocks
            .iter()
            .zip(&doc.en_blocks)
            .map(|(z, e)| (doc.zh[z.clone()].to_string(), doc.en[e.clone()].to_string()))
            .collect()
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn xliff_12_english_source_is_read_the_other_way_round() {
        let xliff = r#"<?xml version="1.0"?><xliff version="1.2"><file source-language="en-US" target-language="zh-TW" datatype="plaintext" original="a"><body>
<trans-unit id="1"><source>Tide <g id="1">gauge</g> reading</source><target state="translated">潮位<g id="1">計</g>讀數</target></trans-unit>
<trans-unit id="2"><source>Buoy</source><target state="new">浮標</target></trans-unit>
<trans-unit id="3"><source>Anchor <ph id="1">&lt;b&gt;</ph>chain</source><target>錨<ph id="1">&lt;b&gt;</ph>鏈</target></trans-unit>
<trans-unit id="4" translate="no"><source>Sonar</source><target>聲納</target></trans-unit>
<trans-unit id="5"><source>Keel</source><target/></trans-unit>
<trans-unit id="6"><source>Rudder</source><target>舵</target><alt-trans match-quality="80"><source>Rudder post</source><target>舵柱</target></alt-trans></trans-unit>
</body></file></xliff>"#;
        let doc = read(Path::new("a.xlf"), xliff).unwrap();
        assert_eq!(
            pairs(&doc),
            owned(&[("潮位計讀數", "Tide gauge reading"), ("錨鏈", "Anchor chain"), ("舵", "Rudder")])
        );
        assert_eq!(doc.locale.as_deref(), Some("zh-TW"));
    }

    #[test]
    fn xliff_20_segments_pair_one_by_one_and_initial_ones_are_skipped() {
        let xliff = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en"><file id="f"><unit id="u">
<segment state="final"><source>海水淡化<pc id="1">装置</pc></source><target>Seawater <pc id="1">desalination</pc> plant</target></segment>
<ignorable><source> </source></ignorable>
<segment state="initial"><source>反渗透膜</source><target>reverse osmosis</target></segment>
<segment><source>浓盐水<ph id="2"/>排放</source><target>brine<cp hex="00A0"/>discharge</target></segment>
</unit></file></xliff>"#;
        let doc = read(Path::new("b.xlf"), xliff).unwrap();
        assert_eq!(
            pairs(&doc),
            owned(&[("海水淡化装置", "Seawater desalination plant"), ("浓盐水排放", "brine discharge")])
        );
        assert_eq!(doc.locale, None);
    }

    #[test]
    fn sdlxliff_segments_follow_their_confirmation() {
        let xliff = r#"<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2"><file source-language="en-GB" target-language="zh-CN"><body>
<trans-unit id="a"><source>Pump. Valve.</source>
<seg-source><mrk mtype="seg" mid="1">Pump.</mrk> <mrk mtype="seg" mid="2">Valve.</mrk> <mrk mtype="seg" mid="3">Gasket.</mrk></seg-source>
<target><mrk mtype="seg" mid="1">水泵。</mrk> <mrk mtype="seg" mid="2">阀门。</mrk> <mrk mtype="seg" mid="3">垫片。</mrk></target>
<sdl:seg-defs><sdl:seg id="1" conf="ApprovedTranslation"/><sdl:seg id="2" conf="Draft"/><sdl:seg id="3" conf="Draft" locked="true"/></sdl:seg-defs>
</trans-unit></body></file></xliff>"#;
        let doc = read(Path::new("c.sdlxliff"), xliff).unwrap();
        assert_eq!(pairs(&doc), owned(&[("水泵。", "Pump."), ("垫片。", "Gasket.")]));
    }

    #[test]
    fn memoq_status_and_lock_are_read() {
        let xliff = r#"<xliff version="1.2" xmlns:mq="MQXliff"><file source-language="zho-CN" target-language="eng"><body>
<trans-unit id="1" mq:status="ManuallyConfirmed"><source>齿轮箱</source><target>gearbox</target></trans-unit>
<trans-unit id="2" mq:status="PartiallyEdited"><source>叶片</source><target>bla</target></trans-unit>
<trans-unit id="3" mq:status="NotStarted" mq:locked="locked"><source>塔筒</source><target>tower</target></trans-unit>
</body></file></xliff>"#;
        let doc = read(Path::new("d.mqxliff"), xliff).unwrap();
        assert_eq!(pairs(&doc), owned(&[("齿轮箱", "gearbox"), ("塔筒", "tower")]));
    }

    #[test]
    fn a_pair_without_chinese_or_a_cut_file_is_refused() {
        let french = r#"<xliff version="1.2"><file source-language="en" target-language="fr"><body><trans-unit id="1"><source>a</source><target>b</target></trans-unit></body></file></xliff>"#;
        let err = read(Path::new("e.xlf"), french).unwrap_err().to_string();
        assert_eq!(err, "e.xlf: XLIFF from en to fr: zhterm reads Chinese–English files");
        let cut =
            "<xliff version=\"1.2\">\n<file source-language=\"zh\" target-language=\"en\"><body><trans-unit id=\"1\">";
        let err = read(Path::new("e.xlf"), cut).unwrap_err().to_string();
        assert!(err.starts_with("e.xlf:2:") && err.contains("cut off?"), "{err}");
    }
}
