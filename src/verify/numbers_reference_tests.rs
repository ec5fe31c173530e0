//! [`Placer::place`] held to the way it was before: the span made for
//! every number.

use super::*;

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
