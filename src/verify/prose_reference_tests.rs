//! [`claim_numbers`] held to the way it was before: the fact named by a
//! string made for every number.

use super::*;

/// The old [`claim_numbers`], unchanged.
fn reference_claim_numbers(id: &str, claim: &str) -> Vec<(Number, String, String)> {
    let norm = Normalized::new(claim);
    let counted = super::super::source_phrases::Counted::new(&norm.text);
    numbers(&norm.text)
        .into_iter()
        .filter(|n| !counted.covers(&n.range))
        .map(|n| {
            let written = claim[norm.original_range(n.range.clone())].to_string();
            (n, written, format!("in the claim of `{id}`"))
        })
        .collect()
}

/// Numbers of every kind (digits, words, currency, percent, scale, hedges,
/// ranges), counts of sources, dashes and typographic quotes.
const CLAIM_PIECES: &[&str] = &[
    "5",
    "2020",
    "3.5",
    "1,200",
    " ",
    "  ",
    "percent",
    "%",
    "$",
    "\u{20AC}",
    "billion",
    "three",
    "twenty one",
    "about",
    "sources",
    "two outlets",
    "-",
    "\u{2013}",
    "\u{2011}",
    "\u{2019}",
    "(filing 0-0)",
    "rose to",
    ".",
    "e\u{301}",
];

/// Ids: kebab, empty, with a backtick, a brace (a format string's) or
/// characters of several bytes.
const IDS: &[&str] = &["fact-0", "", "a`b", "{id}", "f\u{E9}it-\u{1F600}", "x"];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    #[test]
    fn claim_numbers_equals_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(CLAIM_PIECES), 0..24),
        id in proptest::sample::select(IDS),
    ) {
        let claim = pieces.concat();
        let new: Vec<(Number, String, String)> = claim_numbers(id, &claim)
            .into_iter()
            .map(|(n, w, at)| (n, w, at.to_string()))
            .collect();
        proptest::prop_assert_eq!(new, reference_claim_numbers(id, &claim));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// [`ByValue::states`] finds what comparing with every number finds.
    #[test]
    fn by_value_states_what_a_scan_of_every_number_does(
        stated in proptest::collection::vec(proptest::sample::select(CLAIM_PIECES), 0..24),
        given in proptest::collection::vec(proptest::sample::select(CLAIM_PIECES), 0..12),
    ) {
        let stated = numbers(&normalize(&stated.concat()));
        let given = numbers(&normalize(&given.concat()));
        let by_value = ByValue::new(stated.iter());
        for n in &given {
            let scan = stated.iter().any(|q| q.states(n).is_ok());
            proptest::prop_assert_eq!(by_value.states(n), scan, "{:?}", n);
        }
    }
}

#[test]
fn a_column_heading_that_gives_a_unit_is_found() {
    for (heading, unit) in [
        ("Spending ($ billion)", "$"),
        ("Cost (million)", "million"),
        ("Share (%)", "%"),
        ("Share, percent", "percent"),
        ("Amount in dollars", "dollars"),
        ("Amount (USD)", "USD"),
        ("Votes (thousand)", "thousand"),
        ("Cost (\u{20AC})", "\u{20AC}"),
        ("Fares (yen)", "yen"),
    ] {
        assert_eq!(unit_without_number(heading), Some(unit), "{heading}");
    }
    for heading in [
        "Year",
        "Years",
        "Votes",
        "Item",
        "Month",
        "Total",
        "Seats won",
        "Points",
        "Cost in 2031 ($)",
        "",
    ] {
        assert_eq!(unit_without_number(heading), None, "{heading}");
    }
}
