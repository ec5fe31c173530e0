use super::*;

#[test]
fn badges_count_sources_and_independent_origins() {
    let c = |s, o, d| Counts {
        supporting_sources: s,
        supporting_origins: o,
        disputing_sources: d,
        ..Counts::default()
    };
    assert_eq!(badge(&c(1, 1, 0)), "1 source");
    assert_eq!(badge(&c(2, 1, 0)), "2 sources · 1 origin");
    assert_eq!(badge(&c(4, 3, 0)), "4 sources · 3 independent");
    assert_eq!(badge(&c(2, 2, 1)), "2 sources · 2 independent · 1 differs");
    assert_eq!(badge(&c(1, 1, 2)), "1 source · 2 differ");
}

#[test]
fn second_hand_quotes_say_whose_report_they_repeat() {
    let mut p = Provenance {
        attributed_to: Some("according to CNBC".into()),
        origin: "CNBC".into(),
        origin_id: "name:cnbc".into(),
        editor_judged: false,
    };
    assert_eq!(
        via(&p).unwrap(),
        "second-hand from CNBC: \u{201C}according to CNBC\u{201D}"
    );
    p.attributed_to = None;
    assert_eq!(via(&p), None);
    p.editor_judged = true;
    assert_eq!(
        via(&p).unwrap(),
        "same origin as CNBC (editor\u{2019}s note)"
    );
}

#[test]
fn origin_names_compare_after_nfc_case_and_whitespace() {
    assert_eq!(origin_key("  CNBC "), "cnbc");
    assert_eq!(origin_key("Data\u{a0}  Conomy"), "data conomy");
    assert_eq!(origin_key("Cafe\u{301}"), origin_key("CAFÉ"));
    assert_ne!(origin_key("CNBC"), origin_key("CNN"));
    // Folded as a reader sees them: one outlet, however it is spelt.
    for same in [
        "D\u{430}taconomy",
        "DATACONOMY",
        "Data-conomy",
        "Data\u{2010}conomy",
        "\u{FF24}ataconomy",
        "Dataconomy.com",
        "Dataconomy.",
        "The Dataconomy",
        "Data\u{AD}conomy",
    ] {
        assert_eq!(origin_key(same), "dataconomy", "{same}");
    }
    assert_eq!(origin_key("Stra\u{DF}e"), origin_key("STRASSE"));
    assert_eq!(origin_key("\u{FB01}nance"), origin_key("Finance"));
    assert_eq!(origin_key("The"), "the");
}

#[test]
fn origin_hint_takes_the_credited_name() {
    let t = |s: &str| Text {
        value: s.into(),
        span: crate::diagnostic::Span::new("f", 0..0),
    };
    assert_eq!(origin_hint(&t("according to CNBC")), "CNBC");
    assert_eq!(origin_hint(&t("according to Wire Service")), "Wire Service");
    assert_eq!(origin_hint(&t("as reported by aicnbc.com")), "NAME");
    assert_eq!(origin_hint(&t("CNBC reported,")), "CNBC");
    assert_eq!(
        origin_hint(&t("CNBC, citing a person familiar with the terms")),
        "CNBC"
    );
    assert_eq!(origin_hint(&t("Reuters and the AP said")), "AP");
}

#[test]
fn a_note_must_show_a_letter_or_digit() {
    for blank in [
        " ", "\u{a0}", "<!-- -->", "** **", "[](x)", "<br>", ".", "\u{200b}",
    ] {
        assert!(!has_visible_text(blank), "{blank:?}");
    }
    for shown in [
        "Differs on the date.",
        "<b>x</b>",
        "`2030`",
        "<script>alert(1)</script> note",
    ] {
        assert!(has_visible_text(shown), "{shown:?}");
    }
}
