use super::*;
use crate::text::normalize::normalize;

fn parse(text: &str) -> Vec<Number> {
    numbers(&normalize(text))
}

/// The byte sets only skip a list where none of its words can match:
/// every word of every list, in any ASCII case (and with a hyphen for
/// a space), starts (or ends) with a byte of its set.
#[test]
fn byte_sets_never_skip_a_list_word() {
    let cases = |w: &str| {
        let title: String = w
            .chars()
            .enumerate()
            .map(|(k, c)| if k == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        [
            w.to_string(),
            w.to_ascii_uppercase(),
            title,
            w.replace(' ', "-"),
        ]
    };
    let lists: [(&Bytes, Vec<&str>); 4] = [
        (&SCALE_STARTS, SCALE_WORDS.iter().map(|s| s.0).collect()),
        (&UNIT_STARTS, UNITS.iter().map(|u| u.0).collect()),
        (
            &CURRENCY_STARTS,
            CURRENCY_WORDS.iter().map(|c| c.0).collect(),
        ),
        (
            &HEDGE_AFTER_STARTS,
            HEDGES_AFTER.iter().map(|h| h.0).collect(),
        ),
    ];
    for (set, words) in lists {
        for w in words {
            for v in cases(w) {
                assert!(set.at(&v, 0), "{v:?} starts with a skipped byte");
                let trimmed = v.trim_start();
                assert!(set.at(trimmed, 0), "{trimmed:?} starts with a skipped byte");
            }
        }
    }
    for (k, (w, _)) in HEDGES_AND_SIGNS_BEFORE.iter().enumerate() {
        for v in cases(w) {
            let set = HEDGE_BEFORE_LAST.at(v.as_bytes().last());
            assert!(set & (1 << k) != 0, "{v:?} ends with a skipped byte");
        }
    }
    for (k, (w, _)) in UNITS.iter().enumerate() {
        for v in cases(w) {
            let set = UNIT_FIRST.at(v.as_bytes().first());
            assert!(set & (1 << k) != 0, "{v:?} starts with a skipped byte");
        }
    }
    // And they do skip: a plain word after a number is not a unit.
    assert!(!UNIT_STARTS.at(" ", 0) || !SCALE_STARTS.at(" ", 0));
    assert_eq!(digit_value('a'), None);
    assert_eq!(digit_value('7'), Some(7));
    assert_eq!(digit_value('\u{0667}'), Some(7));
}

fn one(text: &str) -> Number {
    let n = parse(text);
    assert_eq!(n.len(), 1, "{text}: {n:?}");
    n.into_iter().next().unwrap()
}

fn amount(int: &str, exp: i32) -> Value {
    Value::Amount(Decimal::new(int, "", exp))
}

fn states(quote: &str, claim: &str) -> Result<(), Mismatch> {
    one(quote).states(&one(claim))
}

#[test]
fn decimals_are_canonical() {
    assert_eq!(Decimal::new("013", "00", 0), Decimal::new("13", "", 0));
    assert_eq!(Decimal::new("1", "5", 9), Decimal::new("15", "", 8));
    assert_eq!(Decimal::new("0", "0", 9), Decimal::new("", "", 0));
    assert_ne!(Decimal::new("13", "", 9), Decimal::new("13", "", 6));
}

#[test]
fn reads_scale_currency_unit_and_sign() {
    let n = one("about $7.5 billion");
    assert_eq!(n.value, amount("75", 8));
    assert_eq!((n.currency, n.hedge), (Some("$"), Some(Hedge::About)));
    assert_eq!(one("$13bn").value, amount("13", 9));
    assert_eq!(one("13,000 million").value, amount("13", 9));
    assert_eq!(one("20%").unit, Some("%"));
    assert_eq!(one("20 percent").unit, Some("%"));
    assert_eq!(one("2 gigawatts").unit, Some("GW"));
    assert!(one("fell to -5 degrees").negative);
    assert!(one("\u{2212}5").negative);
    assert_eq!(one("250 million dollars").currency, Some("$"));
    assert_eq!(one("US$13").currency, Some("$"));
    assert_eq!(one("A$13").currency, Some("A$"));
    assert_eq!(one("up-to-$50 billion").hedge, Some(Hedge::AtMost));
    assert_eq!(one("exceeding $13 billion").hedge, Some(Hedge::MoreThan));
    assert_eq!(one("$13 billion or more").hedge, Some(Hedge::AtLeast));
    assert_eq!(one("$.5 billion").value, amount("5", 8));
    assert_eq!(one("approximately a 27% stake").hedge, Some(Hedge::About));
}

#[test]
fn reads_any_digit_script_and_words() {
    assert_eq!(
        one("\u{ff12}\u{ff10}\u{ff13}\u{ff13}").value,
        amount("2033", 0)
    );
    assert_eq!(one("\u{662}\u{660}\u{663}\u{663}").value, amount("2033", 0));
    assert_eq!(one("twenty percent").value, amount("20", 0));
    assert_eq!(one("twenty-five").value, amount("25", 0));
    assert_eq!(one("three hundred and twenty jobs").value, amount("320", 0));
    assert_eq!(one("one billion dollars").value, amount("1", 9));
    assert!(parse("one article says so").is_empty());
    assert_eq!(one("MMXXXIII").value, amount("2033", 0));
    assert!(parse("the CEO and AWS, II").len() == 1);
    assert!(parse("MIM and IIII").is_empty());
}

#[test]
fn pairs_ordinals_and_raw_forms() {
    let d = |s: &str| Decimal::new(s, "", 0);
    assert_eq!(one("voted 7-2").value, Value::Pair(d("7"), d("2")));
    assert_eq!(
        one("2026\u{2013}2027").value,
        Value::Pair(d("2026"), d("2027"))
    );
    assert_eq!(one("3rd").value, Value::Ordinal(d("3")));
    for raw in [
        "5e9",
        "5\u{bd}",
        "5,5",
        "\u{b9}\u{2070}",
        "A320",
        "4/27",
        "1.2.3",
        "1'000",
    ] {
        assert!(matches!(one(raw).value, Value::Raw(_)), "{raw}");
    }
    assert_eq!(one("2,030").value, amount("2030", 0));
    assert_eq!(one("1.000").value, amount("1", 0));
    assert_eq!(one("20\u{feff}32").value, amount("2032", 0));
}

#[test]
fn what_a_quote_states() {
    assert_eq!(states("$13 million", "$13 billion"), Err(Mismatch::Value));
    assert_eq!(states("5 degrees", "-5 degrees"), Err(Mismatch::Value));
    assert_eq!(states("$5 billion", "$.5 billion"), Err(Mismatch::Value));
    assert_eq!(states("voted 7-2", "$7 million"), Err(Mismatch::Value));
    assert_eq!(states("voted 7-2", "2-7"), Err(Mismatch::Value));
    assert_eq!(states("20%", "$20"), Err(Mismatch::Value));
    assert!(states("$13 billion", "13 billion").is_err());
    assert!(states("$13 billion", "13 billion dollars").is_ok());
    assert!(states("20 percent", "20%").is_ok());
    assert!(states("5%", "5.0%").is_ok());
    assert_eq!(
        states("about 27%", "27%"),
        Err(Mismatch::Hedge(Some(Hedge::About), None))
    );
    assert!(states("about 27%", "around 27%").is_ok());
    assert!(states("27%", "about 27%").is_ok());
    assert!(states("more than 5", "at least 5").is_ok());
    assert!(states("up to $50 billion", "about $50 billion").is_err());
    assert!(states("5", "more than 5").is_err());
}

#[test]
fn red_team_forms() {
    // Scale words in any case, compound, and abbreviated.
    assert_eq!(one("$5 Billion").value, amount("5", 9));
    assert_eq!(one("$5 bln").value, amount("5", 9));
    assert_eq!(one("$5 mln").value, amount("5", 6));
    assert_eq!(one("$5 thousand million").value, amount("5", 9));
    assert_eq!(one("a million people").value, amount("1", 6));
    // Signs and hedges in other spellings.
    assert!(one("\u{ff0d}5 degrees").negative);
    assert!(one("minus 5 degrees").negative);
    assert_eq!(one(">5%").hedge, Some(Hedge::MoreThan));
    assert_eq!(one("$5 billion at most").hedge, Some(Hedge::AtMost));
    assert_eq!(one("close to $5 billion").hedge, Some(Hedge::About));
    assert_eq!(one("was, roughly, $5 billion").hedge, Some(Hedge::About));
    assert_eq!(one("estimated at $5 billion").hedge, Some(Hedge::About));
    // A dotted capital I earlier in the text changes nothing.
    assert_eq!(
        parse("\u{130}stanbul grew about 5%")[0].hedge,
        Some(Hedge::About)
    );
    // Currencies and units in words.
    assert_eq!(one("13 billion pounds").currency, Some("£"));
    assert_eq!(one("13 billion Australian dollars").currency, Some("A$"));
    assert_eq!(one("5 months").unit, Some("months"));
    assert_eq!(one("a 5-year deal").unit, Some("years"));
    assert_eq!(one("5 gigawatt-hours").unit, Some("GWh"));
    // Words side by side are two numbers; ordinals in words count.
    let v: Vec<Value> = parse("five-four and two three-bedroom")
        .into_iter()
        .map(|n| n.value)
        .collect();
    assert_eq!(
        v,
        vec![
            amount("5", 0),
            amount("4", 0),
            amount("2", 0),
            amount("3", 0)
        ]
    );
    assert_eq!(
        one("the third quarter").value,
        Value::Ordinal(Decimal::new("3", "", 0))
    );
    assert_eq!(one("one hundred and twenty").value, amount("120", 0));
    // Decimal points that look like others keep the digits together.
    for raw in ["2\u{b7}5%", "2\u{2024}5", "2\u{66b}5"] {
        assert!(matches!(one(raw).value, Value::Raw(_)), "{raw}");
    }
}

#[test]
fn red_team_round_two_forms() {
    assert_eq!(one("$5 billion, at most,").hedge, Some(Hedge::AtMost));
    assert_eq!(one("$5 billion (at least)").hedge, Some(Hedge::AtLeast));
    assert_eq!(one("< $5 billion").hedge, Some(Hedge::LessThan));
    assert_eq!(one("(about) $5 billion").hedge, Some(Hedge::About));
    assert_eq!(one("north of $5 billion").hedge, Some(Hedge::MoreThan));
    assert_eq!(one("$5 quadrillion").value, amount("5", 15));
    assert_eq!(one("\u{20b9}5 crore").value, amount("5", 7));
    assert_eq!(one("5-fold").unit, Some("times"));
    assert_eq!(one("13 billion Swiss francs").currency, Some("CHF"));
    assert!(one("negative 5 degrees").negative);
    assert!(one("\u{2796}5 degrees").negative);
    // A claim without the source's unit or currency is not stated.
    assert!(one("5%").states(&one("5 times")).is_err());
    assert!(one("$13 billion").states(&one("13 billion pesos")).is_err());
}

#[test]
fn a_hedge_far_into_a_text_is_placed_where_it_is() {
    let text = format!("{}grew about 27% last year", "words ".repeat(40));
    let n = one(&text);
    assert_eq!(&text[n.range], "about 27%");
}

#[test]
fn between_two_numbers_is_a_range() {
    let n = one("Between 4,000 and 5,000 jobs");
    let d = |s: &str| Decimal::new(s, "", 0);
    assert_eq!(n.value, Value::Pair(d("4000"), d("5000")));
    assert!(
        one("between 4,000 and 5,000")
            .states(&one("5,000"))
            .is_err()
    );
    assert_eq!(parse("4,000 and 5,000").len(), 2);
}

#[test]
fn counts_before_a_noun() {
    let text = "Three sources say so, and two independent outlets";
    let n = numbers(text);
    assert_eq!(n[0].counts(text, &["sources", "outlets"]), Some("sources"));
    assert_eq!(n[1].counts(text, &["sources", "outlets"]), Some("outlets"));
}

#[test]
fn every_unicode_decimal_digit_has_its_value() {
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if let Some(d) = digit_value(c) {
            assert!(c.is_numeric(), "{cp:X}");
            assert!(d < 10);
        }
    }
    assert_eq!(digit_value('\u{669}'), Some(9));
    assert_eq!(digit_value('\u{bd}'), None);
}
