//! The block scan for characters the fast reader leaves to serde-saphyr
//! against the scan of every byte it replaced.

use super::*;
use proptest::prelude::*;

/// The scan of every byte, as it was before the block scan.
fn plain_text_by_bytes(b: &[u8]) -> bool {
    if b.last() != Some(&b'\n') {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let bad = match c {
            b'\n' | 0x20..0x7F => false,
            0..0x20 | 0x7F => true,
            // The text is UTF-8: a lead byte has its continuation bytes.
            0xC2 => (0x80..0xA0).contains(&b[i + 1]),
            0xE2 => b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9),
            0xEF => {
                (b[i + 1] == 0xBB && b[i + 2] == 0xBF) || (b[i + 1] == 0xBF && b[i + 2] >= 0xBE)
            }
            _ => false,
        };
        if bad {
            return false;
        }
        i += 1;
    }
    true
}

#[test]
fn every_character_alone_and_in_text() {
    // Every character up to U+0800 (all one- and two-byte encodings, among
    // them every control) and the refused ones above, and their
    // neighbours, alone, after a block of plain text, and straddling a
    // block boundary; with and without the final line break.
    let extra = [
        '\u{2027}',
        '\u{2028}',
        '\u{2029}',
        '\u{202A}',
        '\u{FEFE}',
        '\u{FEFF}',
        '\u{FFFD}',
        '\u{FFFE}',
        '\u{FFFF}',
        '\u{E000}',
        '’',
        '😀',
        '\u{10FFFF}',
    ];
    for c in (0u32..0x800).filter_map(char::from_u32).chain(extra) {
        for pad in [0, 1, BLOCK - 3, BLOCK - 2, BLOCK - 1, BLOCK, BLOCK + 3] {
            for end in ["\n", "", "é\n"] {
                let text = format!("{}{c}{end}", "a".repeat(pad));
                assert_eq!(
                    plain_text(text.as_bytes()),
                    plain_text_by_bytes(text.as_bytes()),
                    "{c:?} after {pad} bytes, then {end:?}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn block_scan_equals_the_scan_of_every_byte(
        text in "[a \\t\\n\\r\\x00-\\x1f\\x7f\\u{80}-\\u{a0}é\\u{c2}\\u{100}\\u{800}\\u{2027}-\\u{2029}\\u{feff}\\u{fffd}-\\u{ffff}’😀]{0,80}",
        pad in 0usize..70,
        newline in any::<bool>(),
    ) {
        // Plain text before, so that the interesting bytes fall anywhere in
        // a block and in blocks after the first; mostly a final line break.
        let text = format!("{}{text}{}", "a\n".repeat(pad / 2), if newline { "\n" } else { "" });
        prop_assert_eq!(plain_text(text.as_bytes()), plain_text_by_bytes(text.as_bytes()), "{:?}", text);
    }

    #[test]
    fn block_scan_equals_the_scan_of_every_byte_on_mostly_plain_text(
        text in "([a-z \\n]{0,40}[\\t\\r\\x01\\x7f\\u{85}\\u{a0}\\u{2028}\\u{feff}’é]?){0,6}\\n",
    ) {
        prop_assert_eq!(plain_text(text.as_bytes()), plain_text_by_bytes(text.as_bytes()), "{:?}", text);
    }
}
