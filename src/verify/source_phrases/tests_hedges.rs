//! Tests of the harder readings: negated, vague and collective counts,
//! dispute verbs, lookalike letters, and the work done per text.

use super::*;

fn one(text: &str) -> (String, Quant, Option<u32>) {
    let q = phrases(text);
    assert_eq!(q.len(), 1, "{text}: {q:?}");
    (text[q[0].range.clone()].to_string(), q[0].quant, q[0].total)
}

#[test]
fn negated_vague_and_collective_counts() {
    use Quant::*;
    for (text, phrase, q) in [
        (
            "No fewer than two sources say",
            "No fewer than two sources",
            Unreadable,
        ),
        (
            "not less than 2 outlets say",
            "not less than 2 outlets",
            Unreadable,
        ),
        (
            "Not one but two sources say",
            "Not one but two sources",
            Unreadable,
        ),
        (
            "All but one of the sources say",
            "All but one of the sources",
            Unreadable,
        ),
        ("Twin reports say", "Twin reports", Exact(2)),
        ("A trio of outlets say", "A trio of outlets", Exact(3)),
        ("half a dozen sources say", "half a dozen sources", Exact(6)),
        ("Dozens of sources say", "Dozens of sources", AtLeast(24)),
        ("Further sources say", "Further sources", Unreadable),
        ("Alpha and others say", "others", Unreadable),
        ("Sources agree that", "Sources", AtLeast(2)),
    ] {
        let (p, got, _) = one(text);
        assert_eq!((p.as_str(), got), (phrase, q), "{text}");
    }
    assert!(phrases("The firm further said that sales rose.").is_empty());
    assert!(phrases("The sources differ on it.").is_empty());
    assert_eq!(one("the supporting sources say").1, AtLeast(2));
}

#[test]
fn dispute_verbs_and_negated_reporting_read_as_disputing() {
    for text in [
        "Two sources doubt it",
        "Two sources question it",
        "Two sources refute it",
        "Two sources challenge it",
        "Two sources counter that",
        "Two sources do not say so",
    ] {
        let p = &phrases(text)[0];
        assert!(disputes(p, text, text.len()), "{text}");
    }
    let text = "Two sources say so";
    assert!(!disputes(&phrases(text)[0], text, text.len()));
}

#[test]
fn lookalike_letters_read_as_the_latin_word() {
    for text in [
        "\u{3A4}wo sources say",
        "Tw\u{3BF} sources say",
        "\u{FF34}\u{FF57}\u{FF4F} sources say",
    ] {
        assert_eq!(one(text).1, Quant::Exact(2), "{text}");
    }
    let ws = words("Alpha\u{2BC}s report");
    assert_eq!((ws[0].lower.as_ref(), ws[0].possessive), ("alpha", true));
}

#[test]
fn counts_are_read_once_per_text_however_many_numbers_it_has() {
    let text = "Two sources say 40 widgets, and 7 more; ".repeat(2_000);
    SCANNED.with(|s| s.set(0));
    let counted = Counted::new(&text);
    let numbers = crate::text::numbers::numbers(&text);
    assert!(numbers.len() >= 6_000, "{}", numbers.len());
    let covered = numbers.iter().filter(|n| counted.covers(&n.range)).count();
    // `Two` in each `Two sources`, and nothing else.
    assert_eq!(covered, 2_000);
    let scanned = SCANNED.with(std::cell::Cell::get);
    assert!(
        scanned <= 2 * text.len(),
        "read {scanned} bytes for a text of {}: the work grows with the numbers",
        text.len()
    );
}
