//! The byte scan for control characters against the scan by characters it
//! replaced.

use super::*;
use proptest::prelude::*;

/// The scan by characters, as it was before the byte scan.
fn control_character_by_chars(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_refused_control(c))
}

#[test]
fn every_character_alone_and_in_text() {
    // Every character up to U+0800 (all one- and two-byte encodings, among
    // them every control) and some longer ones, alone, after a block of
    // plain text, and straddling a block boundary.
    let extra = ['\u{FEFF}', '\u{2028}', '\u{10FFFF}', '😀', '\u{E000}'];
    for c in (0u32..0x800).filter_map(char::from_u32).chain(extra) {
        for pad in [0, 1, CONTROL_BLOCK - 1, CONTROL_BLOCK, CONTROL_BLOCK + 3] {
            let text = format!("{}{c}é", "a".repeat(pad));
            assert_eq!(
                control_character(&text),
                control_character_by_chars(&text),
                "{:?} after {pad} bytes",
                c
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn byte_scan_equals_the_scan_by_characters(
        text in "[a \\t\\n\\r\\x00-\\x1f\\x7f\\u{80}-\\u{a0}é\\u{c2}\\u{100}\\u{800}’😀]{0,80}",
        pad in 0usize..70,
    ) {
        // Plain text before, so that the interesting bytes fall anywhere in
        // a block and in blocks after the first.
        let text = format!("{}{text}", "x".repeat(pad));
        prop_assert_eq!(control_character(&text), control_character_by_chars(&text));
    }

    #[test]
    fn byte_scan_equals_on_mostly_clean_text(
        text in "[a-z \\n\\té’\\u{a0}\\u{c2}]{0,200}",
        at in 0usize..200,
        c in prop::sample::select(vec!['\u{0}', '\u{1}', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}', '\u{a0}', '\t']),
    ) {
        // One control character (or a near miss) somewhere in clean text.
        let mut text = text;
        let at = text.char_indices().map(|(i, _)| i).chain([text.len()]).nth(at % (text.chars().count() + 1)).unwrap();
        text.insert(at, c);
        prop_assert_eq!(control_character(&text), control_character_by_chars(&text));
    }
}
