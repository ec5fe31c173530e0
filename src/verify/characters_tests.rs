//! The fast paths of the character rules against the plain definitions
//! they replaced.

use super::*;

/// The definition [`unreadable_number`] had before its fast paths: every
/// word, char by char.
fn reference_unreadable(text: &str) -> Option<&str> {
    let sign = |c: char| matches!(c, '%' | '\u{2030}') || crate::text::segment::is_currency(c);
    let script = |c: char| crate::text::numbers::digit_value(c).map(|d| c as u32 - d);
    crate::text::segment::words(text).into_iter().find_map(|r| {
        let w = &text[r.clone()];
        let digits = w.chars().any(|c| c.is_numeric());
        let signed = w.chars().any(sign)
            || text[r.end..].chars().next().is_some_and(sign)
            || text[..r.start].chars().next_back().is_some_and(sign);
        let letters = w.chars().any(char::is_alphabetic);
        let foreign = w.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
        let mut scripts = w.chars().filter_map(script);
        let first = scripts.next();
        let mixed = scripts.any(|s| Some(s) != first);
        let latin = text.chars().any(|c| c.is_ascii_alphabetic());
        let other_digits = w.chars().any(|c| c.is_numeric() && !c.is_ascii());
        let unreadable = (signed && letters && !digits)
            || (digits && foreign)
            || mixed
            || (latin && other_digits);
        unreadable.then_some(w)
    })
}

/// Letters, digits and signs of several scripts, lookalikes, spaces,
/// hidden and bidirectional characters.
const ALPHABET: &[char] = &[
    'a',
    'l',
    'O',
    'x',
    'Z',
    '0',
    '1',
    '5',
    '9',
    '%',
    '$',
    ' ',
    ' ',
    '\n',
    '\t',
    '-',
    ',',
    '.',
    '\'',
    '(',
    'З',
    'Ƽ',
    '৪',
    '٠',
    '١',
    '०',
    'α',
    'Ω',
    'é',
    '€',
    '£',
    '‰',
    '°',
    '０',
    '½',
    'Ⅻ',
    '\u{200B}',
    '\u{202E}',
    '\u{2066}',
    '\u{AD}',
    '\u{FEFF}',
    '\u{2011}',
    '\u{2014}',
    '’',
    '“',
    '\u{A0}',
    '\u{2009}',
    '\u{301}',
    '\u{FE0F}',
    '\u{E0041}',
    '\u{3164}',
    '\u{1D173}',
    '\u{2028}',
    '\u{2060}',
    '\u{2062}',
    '中',
];

fn text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        // Mostly ASCII, as editors write.
        proptest::collection::vec(
            prop_oneof![
                9 => proptest::sample::select(&ALPHABET[..19]),
                1 => proptest::sample::select(ALPHABET),
            ],
            0..40
        ),
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40),
    ]
    .prop_map(|cs| cs.into_iter().collect())
}

/// ASCII with the typography [`unreadable_in`] skips normalising, and
/// the characters beside it that it must not skip: other dashes, dots and
/// spaces, `‰`, combining marks (`=` and U+0338 compose to `≠`), lookalike
/// digits and letters.
fn typography() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let ascii = proptest::sample::select(
        &[
            'a', 'l', 'O', 'Z', '0', '1', '9', '%', '$', ' ', '\n', '-', ',', '.', '\'', '=', '<',
        ][..],
    );
    let skipped = (0xA0_u32..=0x2212)
        .filter_map(char::from_u32)
        .filter(|&c| crate::text::normalize::normalizes_to_ascii_punctuation(c))
        .collect::<Vec<_>>();
    let near = proptest::sample::select(
        &[
            '\u{9F}', '\u{A1}', '\u{AD}', '\u{2000}', '\u{2001}', '\u{2016}', '\u{2017}',
            '\u{2024}', '\u{2025}', '\u{2027}', '\u{2028}', '\u{202A}', '\u{202E}', '\u{2030}',
            '\u{2033}', '\u{205E}', '\u{2060}', '\u{2066}', '\u{2213}', '\u{2211}', '\u{301}',
            '\u{338}', '\u{FE0F}', '\u{FF05}', '\u{FF04}', 'é', 'З', '৪', '０', '½', '€',
        ][..],
    );
    proptest::collection::vec(
        prop_oneof![
            6 => ascii,
            3 => proptest::sample::select(skipped),
            1 => near,
        ],
        0..40,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// Eight bytes at a time, [`first_non_ascii`] finds the byte the byte
    /// loop finds.
    #[test]
    fn first_non_ascii_equals_the_byte_loop(
        bytes in proptest::collection::vec(
            proptest::sample::select(&[b'a', b' ', 0x7F, 0x80, 0xC2, 0xE2, 0xFF][..]),
            0..40,
        ),
        ascii in 0usize..40,
    ) {
        // Mostly a run of ASCII first, so that the eight-byte words see it.
        let mut all = vec![b'x'; ascii];
        all.extend(bytes);
        proptest::prop_assert_eq!(
            first_non_ascii(&all),
            all.iter().position(|b| !b.is_ascii())
        );
    }

    /// The fast paths of [`unreadable_in`] and [`first_hidden`] against
    /// the definitions, on typography and its near misses.
    #[test]
    fn typography_equals_the_definition(s in typography()) {
        proptest::prop_assert_eq!(
            unreadable_in(&s),
            reference_unreadable(&normalize(&s)).map(str::to_string)
        );
        proptest::prop_assert_eq!(first_hidden(&s), s.chars().find(|&c| hidden_char(c)));
    }

    #[test]
    fn unreadable_equals_the_definition(s in text()) {
        proptest::prop_assert_eq!(
            unreadable_in(&s),
            reference_unreadable(&normalize(&s)).map(str::to_string)
        );
        proptest::prop_assert_eq!(unreadable_number(&s), reference_unreadable(&s));
    }

    #[test]
    fn hidden_equals_the_definition(s in text()) {
        proptest::prop_assert_eq!(first_hidden(&s), s.chars().find(|&c| hidden_char(c)));
        proptest::prop_assert_eq!(
            first_bidi(&s),
            s.char_indices().find(|&(_, c)| bidi_control(c))
        );
    }
}

#[test]
fn the_fast_paths_still_find_what_they_skip_to() {
    assert_eq!(unreadable_in("up lO% in 2024"), Some("lO".to_string()));
    assert_eq!(unreadable_in("rose 5 percent"), None);
    assert_eq!(unreadable_in("rose ЗЗ% today"), Some("ЗЗ".to_string()));
    assert_eq!(
        unreadable_in("cost 1\u{200B}2$ or ab$"),
        Some("ab".to_string())
    );
    assert_eq!(first_hidden("a\u{200B}b"), Some('\u{200B}'));
    assert_eq!(first_hidden("plain"), None);
    assert_eq!(first_bidi("a\u{2014}b\u{2067}c"), Some((5, '\u{2067}')));
}

use proptest::prelude::*;

/// The duplicate-document rule as it was written before fingerprints: every
/// text lowercased and looked up among the earlier ones.
fn reference_same_documents(texts: &[&str]) -> Vec<(usize, usize)> {
    let lowered: Vec<String> = texts.iter().map(|t| t.trim().to_lowercase()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::default();
    let mut found = Vec::new();
    for (k, text) in lowered.iter().enumerate() {
        match seen.get(text.as_str()) {
            Some(&first) => found.push((first, k)),
            None => {
                seen.insert(text, k);
            }
        }
    }
    found
}

/// Texts from a few words in several cases (final sigma included), so that
/// many are equal without case and some are equal byte for byte.
fn document_texts() -> impl Strategy<Value = Vec<String>> {
    let word = prop::sample::select(vec![
        "deal", "Deal", "DEAL", "ΟΔΟΣ", "οδος", "οδοσ", "İs", "is", "ß", "SS", " ", "  ",
    ]);
    prop::collection::vec(
        prop::collection::vec(word, 0..4).prop_map(|w| w.concat()),
        0..12,
    )
}

proptest! {
    /// With the real fingerprint, and with fingerprints that collide (all
    /// equal, or equal by length; equal documents must still have equal
    /// fingerprints), the pairs are the reference's.
    #[test]
    fn same_documents_match_the_reference(texts in document_texts()) {
        let plain: Vec<&str> = texts.iter().map(String::as_str).collect();
        let expected = reference_same_documents(&plain);
        let fingerprints: [fn(&str) -> u64; 3] =
            [document_fingerprint, |_| 7, |t| t.trim().to_lowercase().len() as u64 % 3];
        for fingerprint in fingerprints {
            let with: Vec<(&str, u64)> = plain.iter().map(|t| (*t, fingerprint(t))).collect();
            prop_assert_eq!(same_documents(&with), expected.clone());
        }
    }
}

#[test]
fn hidden_char_equals_the_definition_on_every_character() {
    for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        assert_eq!(hidden_char(c), listed_hidden(c), "{c:?}");
    }
}

#[test]
fn words_drawn_with_letters_that_only_look_latin_are_found() {
    let found = |v: &str| lookalike_word(v).map(|(w, r)| (w.to_string(), r));
    for (text, word, read) in [
        ("2031 b\u{456}llion spent", "b\u{456}llion", "billion"),
        ("More th\u{430}n $9 million", "th\u{430}n", "than"),
        (
            "\u{FF4D}\u{FF4F}\u{FF52}\u{FF45} than",
            "\u{FF4D}\u{FF4F}\u{FF52}\u{FF45}",
            "more",
        ),
        ("\u{3A4}wo sources", "\u{3A4}wo", "two"),
        (
            "more \u{442}\u{4BB}\u{430}\u{43F} 5",
            "\u{442}\u{4BB}\u{430}\u{43F}",
            "than",
        ),
        ("Data\u{FB01}nance", "Data\u{FB01}nance", "datafinance"),
        // In Latin text, a word of lookalikes only is one too.
        (
            "in \u{41C}\u{43E}\u{441}\u{43A}\u{432}\u{430}",
            "\u{41C}\u{43E}\u{441}\u{43A}\u{432}\u{430}",
            "mockba",
        ),
    ] {
        assert_eq!(
            found(text),
            Some((word.to_string(), read.to_string())),
            "{text}"
        );
    }
    for text in [
        "plain ASCII, 5 billion",
        "caf\u{E9} au lait",
        "Stra\u{DF}e",
        "Alpha\u{2BC}s and Alpha\u{2019}s",
        "\u{395}\u{3BB}\u{3BB}\u{3AC}\u{3B4}\u{3B1}",
        // Cyrillic text: `Москва` reads `mockba` but is no Latin word there.
        "\u{41C}\u{43E}\u{441}\u{43A}\u{432}\u{430} \u{440}\u{435}\u{43A}\u{430}",
    ] {
        assert_eq!(found(text), None, "{text}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// [`lookalike_word`] skips only texts that [`lookalike_word_in`],
    /// reading every word, finds nothing in.
    #[test]
    fn lookalike_word_skips_only_texts_without_one(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "two", "b\u{456}llion", "\u{3A4}wo", "\u{FF4D}\u{FF4F}", "caf\u{E9}", "Stra\u{DF}e",
            "Alpha\u{2BC}s", "\u{41C}\u{43E}", "\u{FB01}ve", "5", "\u{966}", " ", ", ", "-",
            "\u{2019}", "\u{301}", "\u{B5}m",
        ][..]), 0..10),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(lookalike_word(&text), lookalike_word_in(&text), "{:?}", text);
    }
}
