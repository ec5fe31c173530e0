use super::*;

/// The definition, unit by unit, without the fast path for ASCII.
fn reference(original: &str) -> Normalized {
    let mut n = Normalized {
        text: String::new(),
        origin: Origins::default(),
        line_breaks: Vec::new(),
    };
    let mut in_space = false;
    let mut start = 0;
    while start < original.len() {
        let end = unit_end(original, start);
        let unit = &original[start..end];
        let single = unit.chars().count() == 1;
        for c in unit.nfc() {
            if single && is_group_space(c) && groups_thousands(&n.text, &original[end..]) {
                n.push_char(start, ',', &mut in_space, false);
            } else {
                n.push_char(start, c, &mut in_space, single && is_line_break(c));
            }
        }
        start = end;
    }
    n.origin.push(original.len() as u32);
    n
}

#[test]
fn equals_the_definition_on_examples() {
    for text in [
        "",
        "plain ascii, with  spaces\tand\r\nbreaks.",
        "\u{FEFF}\u{201C}It\u{2019}s\u{00A0}\u{2014} fine\u{2026}\u{201D}\n\n  end",
        "caf\u{e9} \u{2028} na\u{ef}ve\u{2010}ish \u{2212}5 \u{3000}wide",
        "b\u{300} and e\u{301}: a mark after ASCII joins its unit",
        " \n leading and trailing \n ",
    ] {
        assert_eq!(Normalized::new(text), reference(text), "{text:?}");
    }
}

#[test]
fn singletons_are_composed_too() {
    // ANGSTROM SIGN and OHM SIGN are not NFC: they become Å and Ω.
    assert_eq!(
        Normalized::new("5 \u{212B}, 3 \u{2126}").text,
        "5 \u{C5}, 3 \u{3A9}"
    );
}

proptest::proptest! {
    #[test]
    fn equals_the_definition_on_any_text(s in "[ -~\\s\u{a0}-\u{3000}\u{300}-\u{36f}\u{2100}-\u{2130}\u{200b}\u{feff}0-9\u{2009}\u{202f}]{0,60}") {
        proptest::prop_assert_eq!(Normalized::new(&s), reference(&s));
    }
}

#[test]
fn folds_typography_and_whitespace() {
    let n = Normalized::new("\u{201C}It\u{2019}s\u{00A0}\u{2014} fine\u{2026}\u{201D}\n\n  end");
    assert_eq!(n.text, "\"It's - fine...\" end");
}

#[test]
fn keeps_case_and_does_not_apply_nfkc() {
    assert_eq!(normalize("Ⅻ ½ ﬁ ABC"), "Ⅻ ½ ﬁ ABC");
}

#[test]
fn composes_to_nfc_and_maps_back() {
    // "e" + combining acute becomes "é"; the range maps to both bytes.
    let original = "cafe\u{301} ok";
    let n = Normalized::new(original);
    assert_eq!(n.text, "caf\u{e9} ok");
    let r = n.original_range(0..n.text.find(' ').unwrap());
    assert_eq!(&original[r], "cafe\u{301}");
}

#[test]
fn maps_ranges_across_collapsed_whitespace() {
    let original = "one  \n two three";
    let n = Normalized::new(original);
    assert_eq!(n.text, "one two three");
    assert_eq!(&original[n.original_range(0..7)], "one  \n two");
    assert!(n.has_line_break(0..7));
    assert!(!n.has_line_break(4..13));
}

#[test]
fn ellipsis_is_one_unit() {
    let n = Normalized::new("wait\u{2026} now");
    assert_eq!(n.text, "wait... now");
    assert!(n.is_boundary(4));
    assert!(!n.is_boundary(5));
    assert!(n.is_boundary(7));
    assert_eq!(n.original_range(4..5), 4..7);
}

#[test]
fn thin_spaces_between_thousands_become_commas() {
    assert_eq!(
        normalize("1\u{202f}500 jobs and 5\u{2009}km"),
        "1,500 jobs and 5 km"
    );
    assert_eq!(normalize("12\u{2009}000\u{2009}000"), "12,000,000");
}

#[test]
fn invisible_characters_are_dropped_without_doubling_spaces() {
    assert_eq!(
        normalize("20\u{200B}32 a \u{FEFF} b co\u{AD}op"),
        "2032 a b coop"
    );
    assert_eq!(normalize("x\u{202E}y\u{2066}z"), "xyz");
}

#[test]
fn drops_byte_order_mark() {
    let n = Normalized::new("\u{FEFF}Hello there");
    assert_eq!(n.text, "Hello there");
    assert_eq!(n.original_range(0..5), 3..8);
}

#[test]
fn idempotent_on_samples() {
    for s in [
        "a\u{2019}b  c",
        "x\u{2026}\u{2026}",
        "\u{1100}\u{1161}\u{11A8}",
        "e\u{301}\u{323}",
    ] {
        let once = normalize(s);
        assert_eq!(normalize(&once), once, "{s:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// Mostly ASCII words and spaces, with runs of whitespace, invisible
    /// characters between spaces, marks after spaces, group spaces in
    /// numbers and typographic apostrophes.
    #[test]
    fn equals_the_definition_on_spaced_text(
        s in "([a-zA-Z.,]{0,3}[ \n\t\r]{0,3}[\u{200b}\u{feff}\u{301}\u{2019}\u{a0}\u{2009}\u{2026}0-9]?){0,12}"
    ) {
        proptest::prop_assert_eq!(Normalized::new(&s), reference(&s));
    }
}

/// ASCII words and spaces before characters that combine with the ASCII
/// character before them (marks, U+0338 after `=`) and characters that do
/// not (quotes, dashes, the ellipsis, letters, vowel signs and jamo that
/// compose only after their own script, group and invisible spaces).
const AFTER_ASCII: &[&str] = &[
    "ab",
    "Z",
    "=",
    "<",
    "1",
    "500",
    " ",
    "  ",
    "\n",
    ".",
    "\u{301}",
    "\u{338}",
    "\u{327}\u{301}",
    "\u{2019}",
    "\u{201C}",
    "\u{2014}",
    "\u{2011}",
    "\u{2026}",
    "\u{E9}",
    "\u{212B}",
    "\u{BBE}",
    "\u{1161}",
    "\u{11A8}",
    "\u{A0}",
    "\u{2009}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{4E2D}",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn equals_the_definition_after_ascii(
        pieces in proptest::collection::vec(proptest::sample::select(AFTER_ASCII), 0..30)
    ) {
        let s = pieces.concat();
        proptest::prop_assert_eq!(Normalized::new(&s), reference(&s));
    }
}

/// The old [`unit_end`], unchanged: every following character is looked up.
fn reference_unit_end(s: &str, start: usize) -> usize {
    let mut chars = s[start..].char_indices();
    let Some((_, first)) = chars.next() else {
        return start;
    };
    let mut last = first;
    let mut end = start + first.len_utf8();
    for (j, c) in chars {
        let composed = compose(last, c);
        if canonical_combining_class(c) == 0 && composed.is_none() {
            break;
        }
        if let Some(x) = composed {
            last = x;
        }
        end = start + j + c.len_utf8();
    }
    end
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// The reference above shares `unit_end`; here it is held to its old
    /// self at every character of the text.
    #[test]
    fn unit_end_equals_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(AFTER_ASCII), 0..20)
    ) {
        let s = pieces.concat();
        for (i, _) in s.char_indices() {
            proptest::prop_assert_eq!(unit_end(&s, i), reference_unit_end(&s, i), "at {}", i);
        }
    }
}

/// Every character [`normalizes_to_ascii_punctuation`] names is a starter
/// with no canonical decomposition that no character's canonical
/// decomposition into two or more characters contains (so it composes with no neighbour and NFC keeps
/// it), and normalises on its own to ASCII that is neither a digit nor `%`
/// nor `$`, or to nothing.
#[test]
fn ascii_punctuation_characters_take_part_in_no_composition() {
    use unicode_normalization::char::decompose_canonical;
    let named: Vec<char> = (0..=0x10FFFF_u32)
        .filter_map(char::from_u32)
        .filter(|&c| normalizes_to_ascii_punctuation(c))
        .collect();
    assert_eq!(named.len(), 1 + 14 + 6 + 8 + 1 + 1 + 1 + 1 + 1);
    for &c in &named {
        assert!(!c.is_ascii());
        assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        let mut own = Vec::new();
        decompose_canonical(c, |d| own.push(d));
        assert_eq!(own, [c], "{c:?} decomposes");
        assert_eq!(
            unicode_normalization::is_nfc_quick(std::iter::once(c)),
            unicode_normalization::IsNormalized::Yes,
            "{c:?}"
        );
        let alone = normalize(&format!("a{c}b"));
        assert!(alone.is_ascii(), "{c:?} gives {alone:?}");
        assert!(
            !alone.contains(|d: char| d.is_ascii_digit() || d == '%' || d == '$'),
            "{c:?}"
        );
    }
    for x in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        let mut parts = Vec::new();
        decompose_canonical(x, |d| parts.push(d));
        // A composition is a decomposition into two or more characters
        // (`U+2000` decomposes into `U+2002` alone: NFC only replaces it).
        if parts.len() > 1 {
            assert!(
                !parts.iter().any(|&d| normalizes_to_ascii_punctuation(d)),
                "{x:?} decomposes into {parts:?}"
            );
        }
    }
}

/// Runs of ASCII of every length and alignment: printable bytes, single
/// and doubled spaces, tabs, line breaks, DEL and other controls, before
/// and after typography (which composes with nothing), with marks after it
/// and after ASCII, and characters that compose with the ASCII before them.
const RUNS: &[&str] = &[
    "a",
    "Zq",
    "abcdefg",
    "0123456789",
    "~!",
    " ",
    "  ",
    "   ",
    "\t",
    "\n",
    "\r\n",
    "\u{7F}",
    "\u{1F}",
    "\u{0}",
    "\u{2019}",
    "\u{201C}",
    "\u{2014}",
    "\u{2011}",
    "\u{2026}",
    "\u{A0}",
    "\u{2009}",
    "\u{200B}",
    "\u{2212}",
    "\u{2000}",
    "\u{2027}",
    "\u{301}",
    "\u{338}",
    "=",
    "\u{E9}",
    "\u{1161}",
    "5\u{202F}000",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// The runs of plain ASCII found eight bytes at a time, and the
    /// typography taken as a unit of its own, against the definition.
    #[test]
    fn equals_the_definition_on_runs(
        pieces in proptest::collection::vec(proptest::sample::select(RUNS), 0..40)
    ) {
        let s = pieces.concat();
        proptest::prop_assert_eq!(Normalized::new(&s), reference(&s));
    }

    /// Byte by byte, [`plain_ascii_run`] is the old loop.
    #[test]
    fn plain_ascii_runs_equal_the_byte_loop(
        bytes in proptest::collection::vec(
            proptest::sample::select(&[b'a', b'~', b' ', b' ', b'\t', 0x7F, 0x1F, 0x80, 0xE2, b'!'][..]),
            0..40,
        ),
        after_space in proptest::prelude::any::<bool>(),
    ) {
        let mut run = 0;
        let mut space_ok = !after_space;
        while let Some(&b) = bytes.get(run) {
            if b.is_ascii_graphic() {
                space_ok = true;
            } else if b == b' ' && space_ok {
                space_ok = false;
            } else {
                break;
            }
            run += 1;
        }
        proptest::prop_assert_eq!(plain_ascii_run(&bytes, after_space), run);
    }
}

#[test]
fn is_invisible_equals_the_definition_on_every_character() {
    for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        assert_eq!(is_invisible(c), listed_invisible(c), "{c:?}");
    }
}

/// A starter that decomposes to marks first (U+0F73 is U+0F71 U+0F72;
/// halfwidth U+FF9E is U+3099) is reordered with the marks before it, as
/// NFKC does, so normalising twice gives what normalising once gives.
#[test]
fn a_starter_that_opens_with_a_mark_is_reordered_with_the_marks_before_it() {
    use unicode_normalization::UnicodeNormalization;
    for s in ["\u{1e026}\u{f73}", "a\u{301}\u{f73}", "\u{301}\u{f75}x"] {
        assert_eq!(
            Normalized::new(s).text,
            s.nfkc().collect::<String>(),
            "{s:?}"
        );
    }
    for s in [
        "\u{1e026}\u{f73}",
        "a\u{301}\u{f73}",
        "\u{1e026}\u{ff9e}",
        "\u{301}\u{f75}x",
    ] {
        let once = Normalized::new(s).text;
        assert_eq!(Normalized::new(&once).text, once, "{s:?}");
    }
}
