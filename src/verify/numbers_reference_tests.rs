//! [`Placer::place`] held to the way it was before: the span made for
//! every number; and [`terms_in`] to [`find_terms`], which the context
//! checks called for every list before.

use super::*;
use proptest::prelude::*;

/// The old [`Placer::place`], unchanged.
fn reference_place(placer: &mut Placer, written: &str) -> Span {
    match placer.raw.get(placer.from..).and_then(|r| r.find(written)) {
        Some(i) => {
            let start = placer.from + i;
            placer.from = start + written.len();
            let at = placer.span.range.start + start;
            Span::new(placer.span.path.clone(), at..at + written.len())
        }
        None => placer.span.clone(),
    }
}

/// Numbers written several ways, escapes, spaces, and characters of
/// several bytes.
const RAW_PIECES: &[&str] = &[
    "5",
    "50",
    "5 percent",
    " ",
    "\\u2013",
    "\u{2013}",
    "$",
    "2020",
    "\u{E9}",
    "\n  ",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// Numbers placed in order in a raw value: found once, found twice,
    /// not found (written otherwise), empty; spans from any offset.
    #[test]
    fn place_equals_the_reference(
        raw in proptest::collection::vec(proptest::sample::select(RAW_PIECES), 0..20),
        written in proptest::collection::vec(proptest::sample::select(RAW_PIECES), 0..8),
        start in 0usize..1000,
    ) {
        let raw = raw.concat();
        let span = Span::new("content/facts/f.yaml", start..start + raw.len());
        let (mut new, mut old) = (Placer::new(&span, &raw), Placer::new(&span, &raw));
        for w in written {
            let placed = new.place(w);
            let reference = reference_place(&mut old, w);
            proptest::prop_assert_eq!(new.from, old.from);
            proptest::prop_assert_eq!(placed(), reference);
        }
    }
}

/// Words of the context lists' terms, their neighbours, contractions and
/// other words, in any case as `lower_words` gives them (lowercase).
fn context_words() -> impl Strategy<Value = Vec<String>> {
    let listed: Vec<&'static str> = [QUALIFIERS, CONDITIONS, DENIALS]
        .concat()
        .into_iter()
        .flat_map(|t| t.split(' '))
        .collect();
    let word = prop_oneof![
        3 => prop::sample::select(listed.clone()).prop_map(str::to_string),
        1 => (prop::sample::select(listed), "[a-z]{1,2}").prop_map(|(w, x)| format!("{w}{x}")),
        1 => prop::sample::select(&["don't", "isn't", "n't", "nt", "the", "report", "says", "", "ünless"][..]).prop_map(str::to_string),
        1 => "[a-z']{1,8}",
    ];
    prop::collection::vec(word, 0..8)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn terms_are_found_as_by_searching_every_list(words in context_words()) {
        for (terms, list) in [(&*QUALIFIER_TERMS, QUALIFIERS), (&*CONDITION_TERMS, CONDITIONS), (&*DENIAL_TERMS, DENIALS)] {
            proptest::prop_assert_eq!(terms_in(&words, terms), find_terms(&words, list), "{:?}", words);
        }
    }
}

/// Each term of each list, alone and in a gap, is found as before.
#[test]
fn every_context_term_is_found() {
    for (terms, list) in [
        (&*QUALIFIER_TERMS, QUALIFIERS),
        (&*CONDITION_TERMS, CONDITIONS),
        (&*DENIAL_TERMS, DENIALS),
    ] {
        for term in list {
            let words: Vec<String> = term.split(' ').map(str::to_string).collect();
            assert_eq!(terms_in(&words, terms), find_terms(&words, list), "{term}");
            assert!(terms_in(&words, terms).contains(term), "{term}");
            let gap = lower_words(&format!("and then {term}, the"));
            assert_eq!(terms_in(&gap, terms), find_terms(&gap, list), "{term}");
        }
    }
    let gap = lower_words("it doesn't");
    assert_eq!(terms_in(&gap, &QUALIFIER_TERMS), vec!["not"]);
}
