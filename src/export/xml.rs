//! XML text escaping shared by the TBX writers.

/// Escapes `&<>"'` and drops the characters XML 1.0 forbids (C0 controls other than tab,
/// newline and carriage return, surrogates, U+FFFE/U+FFFF).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_is_escaped_and_controls_dropped() {
        assert_eq!(escape("a<b & \"c\"\u{1}'d'"), "a&lt;b &amp; &quot;c&quot;&apos;d&apos;");
    }

    proptest! {
        #[test]
        fn escaped_text_parses_back_to_the_allowed_characters(text in "\\PC*") {
            let xml = format!("<t>{}</t>", escape(&text));
            let mut reader = quick_xml::Reader::from_str(&xml);
            let mut back = String::new();
            loop {
                match reader.read_event().unwrap() {
                    quick_xml::events::Event::Text(t) => back.push_str(&t.xml10_content()),
                    quick_xml::events::Event::GeneralRef(r) => back.push_str(quick_xml::escape::resolve_predefined_entity(&r).unwrap()),
                    quick_xml::events::Event::Eof => break,
                    _ => {}
                }
            }
            let expected: String = text.chars().filter(|&c| is_xml_char(c)).collect::<String>().replace("\r\n", "\n").replace('\r', "\n");
            prop_assert_eq!(back, expected);
        }
    }
}
