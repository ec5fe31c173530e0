//! Numbers with their meaning, for the rules that a claim's numbers are
//! stated by its quotes and the prose's numbers by its facts' claims.
//!
//! Texts are parsed after normalisation (see [`crate::text::normalize`]), so dashes
//! are `-`, spaces are single and invisible characters are gone. A number is
//! read together with what gives it its meaning (see README, "Numbers"):
//!
//! - its **value**, in digits of any script (`2032`, `２０３２`, `٢٠٣٢`), with
//!   thousands separators (`12,000`) and a decimal point (`7.5`, `.5`), or in
//!   words (`twenty`, `twenty-five`, `three hundred`; `one` only before a
//!   scale or unit, as in `one billion`), or as a Roman numeral (`MMXXXII`);
//! - its **scale** (`thousand`, `million`, `billion`, `trillion`, `bn`,
//!   `mn`, `tn`, and `k`, `m`, `bn`, `b` written against the digits, as in
//!   `$5bn`), which multiplies the value: `$13 billion` is not `$13 million`;
//! - its **sign** (`-5`), its **currency** (`$`, `US$`, `€`, `dollars`,
//!   `USD`, …) and its **unit** (`%`, `percent`, `percentage points`, `GW`,
//!   `gigawatts`, degrees, …);
//! - its **hedge**: `about`, `around`, `nearly`, `up to`, `at least`, `more
//!   than`, `less than`, `exceeding`, `or more`, … written just before or
//!   after it;
//! - its **kind**: an amount, an ordinal (`3rd`), a pair (a score or range
//!   such as `7-2` or `2026-2027`, compared in order), or, for anything
//!   else written with digits (`5e9`, `5½`, `5,5`, `¹⁰`, `A320`, `4/27`), the
//!   exact text, which only the same text matches.

use std::ops::Range;

/// A decimal value: `digits` × 10^`exp`, with no leading or trailing zeros
/// in `digits` (zero is `"0"` × 10^0). Equal values are equal structs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    digits: String,
    exp: i32,
}

impl Decimal {
    /// From ASCII integer and fraction digits.
    fn new(int: &str, frac: &str, exp: i32) -> Decimal {
        let all = format!("{int}{frac}");
        let mut exp = exp - frac.len() as i32;
        let trimmed = all.trim_start_matches('0');
        if trimmed.is_empty() {
            return Decimal {
                digits: "0".into(),
                exp: 0,
            };
        }
        let digits = trimmed.trim_end_matches('0');
        exp += (trimmed.len() - digits.len()) as i32;
        Decimal {
            digits: digits.into(),
            exp,
        }
    }

    fn from_u64(v: u64) -> Decimal {
        Decimal::new(&v.to_string(), "", 0)
    }

    fn scaled(&self, exp: i32) -> Decimal {
        if self.digits == "0" {
            return self.clone();
        }
        Decimal {
            digits: self.digits.clone(),
            exp: self.exp + exp,
        }
    }

    /// Whether the two values have the same significant digits (and may
    /// differ only in scale).
    fn same_digits(&self, other: &Decimal) -> bool {
        self.digits == other.digits
    }
}

/// How a number is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hedge {
    /// `about`, `around`, `roughly`, `nearly`, `some`, `~`, `or so` …
    About,
    /// `up to`, `at most`, `no more than`, `as much as`, `or less` …
    AtMost,
    /// `less than`, `fewer than`, `under`, `below`.
    LessThan,
    /// `at least`, `no less than`, `or more`.
    AtLeast,
    /// `more than`, `over`, `above`, `exceeding`, `in excess of`, `-plus` …
    MoreThan,
}

impl Hedge {
    pub fn describe(self) -> &'static str {
        match self {
            Hedge::About => "approximate (`about`)",
            Hedge::AtMost => "an upper bound (`up to`)",
            Hedge::LessThan => "a strict upper bound (`less than`)",
            Hedge::AtLeast => "a lower bound (`at least`)",
            Hedge::MoreThan => "a strict lower bound (`more than`)",
        }
    }
}

/// What kind of number, with its value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Amount(Decimal),
    Ordinal(Decimal),
    /// A score or a range, in order: `7-2`, `2026-2027`.
    Pair(Decimal, Decimal),
    /// Digits in a form with no agreed value (`5e9`, `5½`, `5,5`): the text.
    Raw(String),
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub value: Value,
    pub negative: bool,
    pub currency: Option<&'static str>,
    pub unit: Option<&'static str>,
    pub hedge: Option<Hedge>,
    /// The whole expression, hedge to unit, as a byte range of the text.
    pub range: Range<usize>,
    /// The digits or number words themselves.
    pub core: Range<usize>,
}

/// Why a quoted number does not state a claimed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// A different value, kind, scale, sign, currency or unit.
    Value,
    /// The same number, hedged differently: (quoted hedge, claimed hedge).
    Hedge(Option<Hedge>, Option<Hedge>),
}

impl Number {
    /// Whether this number, as a quote or claim gives it, states `claimed`:
    /// the same kind, value, sign, scale, currency and unit, and a hedge the
    /// claim keeps (it may add `about` to an exact number, or weaken `more
    /// than` to `at least`).
    pub fn states(&self, claimed: &Number) -> Result<(), Mismatch> {
        // Currency and unit must be the same on both sides: a claim may not
        // drop the source's `%` (`5-fold` for `5%`) any more than change it.
        let same = self.value == claimed.value
            && self.negative == claimed.negative
            && claimed.currency == self.currency
            && claimed.unit == self.unit;
        if !same {
            return Err(Mismatch::Value);
        }
        let kept = match (self.hedge, claimed.hedge) {
            (q, c) if q == c => true,
            (None, Some(Hedge::About)) => true,
            (Some(Hedge::MoreThan), Some(Hedge::AtLeast)) => true,
            (Some(Hedge::LessThan), Some(Hedge::AtMost)) => true,
            _ => false,
        };
        if kept {
            Ok(())
        } else {
            Err(Mismatch::Hedge(self.hedge, claimed.hedge))
        }
    }

    /// Whether the two numbers share their significant digits (a likely
    /// misreading of scale, sign or hedge, worth naming in a diagnostic).
    pub fn resembles(&self, other: &Number) -> bool {
        let digits = |v: &Value| match v {
            Value::Amount(d) | Value::Ordinal(d) => Some(d.digits.clone()),
            Value::Pair(a, b) => Some(format!("{}-{}", a.digits, b.digits)),
            Value::Raw(_) => None,
        };
        match (&self.value, &other.value) {
            (Value::Amount(a), Value::Amount(b)) => a.same_digits(b),
            (a, b) => digits(a).is_some() && digits(a) == digits(b),
        }
    }

    /// Whether this number counts something in the text that follows it,
    /// e.g. `three` in `three sources`.
    pub fn counts<'a>(&self, text: &'a str, nouns: &[&str]) -> Option<&'a str> {
        if self.currency.is_some() || self.unit.is_some() {
            return None;
        }
        let rest = text[self.range.end..].trim_start();
        let mut ws = rest.split(|c: char| !c.is_alphanumeric());
        let mut word = ws.next()?;
        if matches!(
            word.to_lowercase().as_str(),
            "independent" | "other" | "separate" | "different" | "more" | "further"
        ) {
            word = ws.next()?;
        }
        let lower = word.to_lowercase();
        nouns.iter().any(|n| *n == lower).then_some(word)
    }
}

/// The value of a decimal digit of any script.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    // The first code point of every block of ten Unicode decimal digits
    // (general category Nd), from Unicode 14.
    const ZEROS: &[u32] = &[
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
        0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
        0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
        0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
    ];
    let cp = c as u32;
    let i = ZEROS.partition_point(|&z| z <= cp).checked_sub(1)?;
    let d = cp - ZEROS[i];
    (d < 10).then_some(d)
}

/// Scale words, matched without regard to case (`$5 Billion`).
const SCALE_WORDS: &[(&str, i32)] = &[
    ("hundred", 2),
    ("thousand", 3),
    ("million", 6),
    ("mln", 6),
    ("mn", 6),
    ("billion", 9),
    ("bln", 9),
    ("bn", 9),
    ("trillion", 12),
    ("tn", 12),
    ("quadrillion", 15),
    ("mil", 6),
    ("bil", 9),
    ("grand", 3),
    ("lakh", 5),
    ("lakhs", 5),
    ("crore", 7),
    ("crores", 7),
];

/// Scales written against the digits, as in `$5bn` or `13k`.
const SCALE_SUFFIXES: &[(&str, i32)] = &[
    ("k", 3),
    ("K", 3),
    ("m", 6),
    ("M", 6),
    ("mn", 6),
    ("b", 9),
    ("B", 9),
    ("bn", 9),
    ("BN", 9),
    ("tn", 12),
];

/// Units, by the words and signs that write them (longer first where one
/// begins another).
const UNITS: &[(&str, &str)] = &[
    ("gigawatt-hours", "GWh"),
    ("gigawatt hours", "GWh"),
    ("megawatt-hours", "MWh"),
    ("megawatt hours", "MWh"),
    ("terawatt-hours", "TWh"),
    ("terawatt hours", "TWh"),
    ("kilowatt-hours", "kWh"),
    ("kilowatt hours", "kWh"),
    ("fold", "times"),
    ("times", "times"),
    ("\u{d7}", "times"),
    ("x", "times"),
    ("percentage-point", "percentage points"),
    ("points", "points"),
    ("point", "points"),
    ("decades", "decades"),
    ("decade", "decades"),
    ("centuries", "centuries"),
    ("century", "centuries"),
    ("minutes", "minutes"),
    ("minute", "minutes"),
    ("seconds", "seconds"),
    ("kilometres", "km"),
    ("kilometers", "km"),
    ("km", "km"),
    ("miles", "miles"),
    ("mile", "miles"),
    ("metres", "m"),
    ("meters", "m"),
    ("kilograms", "kg"),
    ("kg", "kg"),
    ("tonnes", "tonnes"),
    ("tons", "tons"),
    ("years", "years"),
    ("year", "years"),
    ("months", "months"),
    ("month", "months"),
    ("weeks", "weeks"),
    ("week", "weeks"),
    ("days", "days"),
    ("day", "days"),
    ("hours", "hours"),
    ("hour", "hours"),
    ("%", "%"),
    ("percent", "%"),
    ("per cent", "%"),
    ("pct", "%"),
    ("percentage points", "percentage points"),
    ("percentage point", "percentage points"),
    ("pp", "percentage points"),
    ("basis points", "basis points"),
    ("basis point", "basis points"),
    ("bps", "basis points"),
    ("\u{2030}", "\u{2030}"),
    ("GW", "GW"),
    ("gigawatts", "GW"),
    ("gigawatt", "GW"),
    ("MW", "MW"),
    ("megawatts", "MW"),
    ("megawatt", "MW"),
    ("kW", "kW"),
    ("kilowatts", "kW"),
    ("TW", "TW"),
    ("GWh", "GWh"),
    ("MWh", "MWh"),
    ("TWh", "TWh"),
    ("kWh", "kWh"),
    ("°C", "°C"),
    ("°F", "°F"),
    ("°", "degrees"),
    ("degrees", "degrees"),
    ("degree", "degrees"),
];

/// Currencies written after the number (longest first).
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("Australian dollars", "A$"),
    ("Canadian dollars", "C$"),
    ("Hong Kong dollars", "HK$"),
    ("New Zealand dollars", "NZ$"),
    ("Singapore dollars", "S$"),
    ("US dollars", "$"),
    ("U.S. dollars", "$"),
    ("dollars", "$"),
    ("dollar", "$"),
    ("USD", "$"),
    ("euros", "€"),
    ("euro", "€"),
    ("EUR", "€"),
    ("pounds sterling", "£"),
    ("pounds", "£"),
    ("pound", "£"),
    ("sterling", "£"),
    ("GBP", "£"),
    ("yen", "¥"),
    ("JPY", "¥"),
    ("yuan", "CN¥"),
    ("renminbi", "CN¥"),
    ("CNY", "CN¥"),
    ("rupees", "₹"),
    ("INR", "₹"),
    ("Swiss francs", "CHF"),
    ("francs", "franc"),
    ("CHF", "CHF"),
    ("pesos", "peso"),
    ("MXN", "MX$"),
    ("won", "₩"),
    ("KRW", "₩"),
    ("rubles", "₽"),
    ("roubles", "₽"),
    ("RUB", "₽"),
    ("lira", "₺"),
    ("rand", "R"),
    ("kronor", "kr"),
    ("krona", "kr"),
    ("kroner", "kr"),
    ("CAD", "C$"),
    ("AUD", "A$"),
    ("HKD", "HK$"),
    ("BRL", "R$"),
];

/// Currency codes written before the number.
const CURRENCY_CODES: &[(&str, &str)] = &[
    ("USD", "$"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("JPY", "¥"),
    ("CNY", "CN¥"),
    ("INR", "₹"),
    ("CHF", "CHF"),
    ("MXN", "MX$"),
    ("KRW", "₩"),
    ("RUB", "₽"),
    ("CAD", "C$"),
    ("AUD", "A$"),
    ("HKD", "HK$"),
    ("BRL", "R$"),
];

/// Hedges written before the number (lowercase; `-` is read as a space).
const HEDGES_BEFORE: &[(&str, Hedge)] = &[
    ("about", Hedge::About),
    ("around", Hedge::About),
    ("approximately", Hedge::About),
    ("approx.", Hedge::About),
    ("roughly", Hedge::About),
    ("some", Hedge::About),
    ("circa", Hedge::About),
    ("nearly", Hedge::About),
    ("almost", Hedge::About),
    ("an estimated", Hedge::About),
    ("estimated at", Hedge::About),
    ("estimated", Hedge::About),
    ("close to", Hedge::About),
    ("on the order of", Hedge::About),
    ("ca.", Hedge::About),
    ("c.", Hedge::About),
    ("est.", Hedge::About),
    ("maybe", Hedge::About),
    ("perhaps", Hedge::About),
    ("possibly", Hedge::About),
    ("potentially", Hedge::About),
    ("likely", Hedge::About),
    ("around about", Hedge::About),
    ("as little as", Hedge::AtMost),
    ("a maximum of", Hedge::AtMost),
    ("maximum of", Hedge::AtMost),
    ("just shy of", Hedge::LessThan),
    ("shy of", Hedge::LessThan),
    ("just under", Hedge::LessThan),
    ("just below", Hedge::LessThan),
    ("a minimum of", Hedge::AtLeast),
    ("minimum of", Hedge::AtLeast),
    ("north of", Hedge::MoreThan),
    ("topping", Hedge::MoreThan),
    ("tops", Hedge::MoreThan),
    ("beyond", Hedge::MoreThan),
    ("just over", Hedge::MoreThan),
    ("just above", Hedge::MoreThan),
    ("a projected", Hedge::About),
    ("projected", Hedge::About),
    ("an expected", Hedge::About),
    ("expected", Hedge::About),
    ("in the region of", Hedge::About),
    ("give or take", Hedge::About),
    ("nigh on", Hedge::About),
    ("the best part of", Hedge::About),
    ("up to", Hedge::AtMost),
    ("at most", Hedge::AtMost),
    ("no more than", Hedge::AtMost),
    ("as much as", Hedge::AtMost),
    ("as many as", Hedge::AtMost),
    ("as high as", Hedge::AtMost),
    ("less than", Hedge::LessThan),
    ("fewer than", Hedge::LessThan),
    ("under", Hedge::LessThan),
    ("below", Hedge::LessThan),
    ("at least", Hedge::AtLeast),
    ("no less than", Hedge::AtLeast),
    ("no fewer than", Hedge::AtLeast),
    ("more than", Hedge::MoreThan),
    ("over", Hedge::MoreThan),
    ("above", Hedge::MoreThan),
    ("exceeding", Hedge::MoreThan),
    ("exceeds", Hedge::MoreThan),
    ("exceeded", Hedge::MoreThan),
    ("exceed", Hedge::MoreThan),
    ("in excess of", Hedge::MoreThan),
    ("upwards of", Hedge::MoreThan),
    ("upward of", Hedge::MoreThan),
];

/// Hedges written after the number.
const HEDGES_AFTER: &[(&str, Hedge)] = &[
    (" at the very most", Hedge::AtMost),
    (" at most", Hedge::AtMost),
    (" at the most", Hedge::AtMost),
    (" at the very least", Hedge::AtLeast),
    (" at least", Hedge::AtLeast),
    (" at the least", Hedge::AtLeast),
    (" or more", Hedge::AtLeast),
    (" or higher", Hedge::AtLeast),
    (" or above", Hedge::AtLeast),
    (" and over", Hedge::AtLeast),
    (" and up", Hedge::AtLeast),
    (" or lower", Hedge::AtMost),
    (" or below", Hedge::AtMost),
    (" approximately", Hedge::About),
    (" approx.", Hedge::About),
    (" roughly", Hedge::About),
    (" about", Hedge::About),
    (" or thereabouts", Hedge::About),
    (" or greater", Hedge::AtLeast),
    (" plus", Hedge::MoreThan),
    (" max", Hedge::AtMost),
    (" minimum", Hedge::AtLeast),
    (" give or take", Hedge::About),
    ("-odd", Hedge::About),
    (" odd", Hedge::About),
    (" or so", Hedge::About),
    (" or less", Hedge::AtMost),
    (" or fewer", Hedge::AtMost),
    ("-plus", Hedge::MoreThan),
    ("+", Hedge::MoreThan),
];

const ONES: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Every number in `text` (a normalised text), in order. `between X and Y`
/// is one number, a pair.
pub fn numbers(text: &str) -> Vec<Number> {
    let mut out: Vec<Number> = Vec::new();
    for n in single_numbers(text) {
        let range = out.last().and_then(|prev| {
            let joined = text.get(prev.range.end..n.range.start) == Some(" and ")
                && text[..prev.range.start].ends_with(' ')
                && ends_with_word(text, prev.range.start - 1, "between");
            match (&prev.value, &n.value) {
                (Value::Amount(a), Value::Amount(b)) if joined => Some((a.clone(), b.clone())),
                _ => None,
            }
        });
        if let Some((a, b)) = range {
            let prev = out.pop().unwrap_or_else(|| unreachable!("just seen"));
            let start = prev.range.start - "between ".len();
            out.push(Number {
                value: Value::Pair(a, b),
                negative: prev.negative,
                currency: prev.currency.or(n.currency),
                unit: prev.unit.or(n.unit),
                hedge: prev.hedge.or(n.hedge),
                range: start..n.range.end,
                core: prev.core.start..n.core.end,
            });
            continue;
        }
        out.push(n);
    }
    out
}

/// Every number in `text`, each on its own.
fn single_numbers(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let prev = text[..i].chars().next_back();
        let word_start = !prev.is_some_and(char::is_alphanumeric);
        let parsed = if digit_value(c).is_some() && prev.is_some_and(char::is_alphabetic) {
            // Digits against letters: a name such as `A320`, with no value.
            let start = text[..i]
                .char_indices()
                .rev()
                .take_while(|&(_, p)| p.is_alphanumeric())
                .last()
                .map_or(i, |(k, _)| k);
            let end = raw_end(text, i);
            Some(Number {
                value: Value::Raw(text[start..end].to_string()),
                negative: false,
                currency: None,
                unit: None,
                hedge: None,
                range: start..end,
                core: start..end,
            })
        } else if digit_value(c).is_some() || (c == '.' && word_start && next_is_digit(text, i + 1))
        {
            Some(digit_number(text, i))
        } else if c.is_numeric() {
            Some(raw_number(text, i))
        } else if c.is_alphabetic() && word_start {
            word_number(text, i)
        } else {
            None
        };
        match parsed {
            Some(n) => {
                i = n.range.end.max(i + c.len_utf8());
                out.push(n);
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

fn next_is_digit(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| digit_value(c).is_some())
}

/// ASCII digits of a run of decimal digits at `i`, and where the run ends.
fn digit_run(text: &str, i: usize) -> (String, usize) {
    let mut out = String::new();
    let mut end = i;
    for c in text[i..].chars() {
        match digit_value(c) {
            Some(d) => {
                out.push(char::from(b'0' + d as u8));
                end += c.len_utf8();
            }
            None => break,
        }
    }
    (out, end)
}

/// Characters that join digits into a form with no agreed value.
const RAW_JOINERS: &[char] = &[
    '/', ':', '\'', ',', '\u{b7}', '\u{2024}', '\u{2027}', '\u{66b}', '\u{66c}',
];

/// The run of letters, digits and number punctuation at `i` (for raw tokens).
fn raw_end(text: &str, i: usize) -> usize {
    let mut end = i;
    let mut chars = text[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let joins =
            (c == '.' || RAW_JOINERS.contains(&c)) && next.is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || joins {
            end = i + k + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn raw_number(text: &str, i: usize) -> Number {
    let start = prefix_start(text, i).0;
    let end = raw_end(text, i);
    Number {
        value: Value::Raw(text[i..end].to_string()),
        negative: false,
        currency: None,
        unit: None,
        hedge: None,
        range: start..end,
        core: i..end,
    }
}

/// A number written in digits, starting at `i`.
fn digit_number(text: &str, i: usize) -> Number {
    let (int, mut end) = if text[i..].starts_with('.') {
        (String::new(), i)
    } else {
        digit_run(text, i)
    };
    let mut int = int;
    let mut raw = false;
    // Thousands groups: `,` and exactly three digits.
    while text[end..].starts_with(',') && next_is_digit(text, end + 1) {
        let (group, group_end) = digit_run(text, end + 1);
        if group.len() == 3 && int.len() <= 3 || (group.len() == 3 && int.contains(',')) {
            int.push(',');
            int.push_str(&group);
            end = group_end;
        } else {
            raw = true;
            break;
        }
    }
    if int.split(',').next().is_some_and(|first| first.len() > 3) && int.contains(',') {
        raw = true;
    }
    let int: String = int.chars().filter(|c| *c != ',').collect();
    let mut frac = String::new();
    if text[end..].starts_with('.') && next_is_digit(text, end + 1) {
        let (f, e) = digit_run(text, end + 1);
        frac = f;
        end = e;
        if (text[end..].starts_with('.') || text[end..].starts_with(','))
            && next_is_digit(text, end + 1)
        {
            raw = true;
        }
    }
    // Digits joined by `/`, `:` or `'`, by `,` in no thousands group, or by
    // a character that looks like a decimal point (`·`, `․`, `٫`).
    let joiner = text[end..]
        .chars()
        .next()
        .filter(|c| RAW_JOINERS.contains(c));
    if !raw && joiner.is_some_and(|c| next_is_digit(text, end + c.len_utf8())) {
        raw = true;
    }
    let rest = &text[end..];
    let next = rest.chars().next();
    // Letters or other numerals against the digits: an ordinal, a scale,
    // a unit, or else a form with no agreed value.
    let mut ordinal = false;
    let mut scale = 0;
    let mut unit = None;
    if !raw && next.is_some_and(|c| c.is_alphanumeric() && digit_value(c).is_none()) {
        let word_end = raw_end(text, end);
        let suffix = &text[end..word_end];
        if matches!(
            suffix.to_ascii_lowercase().as_str(),
            "st" | "nd" | "rd" | "th"
        ) && frac.is_empty()
        {
            ordinal = true;
            end = word_end;
        } else if let Some(&(_, e)) = SCALE_SUFFIXES.iter().find(|(s, _)| *s == suffix) {
            scale = e;
            end = word_end;
        } else if let Some(&(_, u)) = UNITS.iter().find(|(s, _)| *s == suffix) {
            unit = Some(u);
            end = word_end;
        } else {
            raw = true;
        }
    }
    let (hedge_before, negative, currency, start) = prefix(text, i);
    if raw {
        let end = raw_end(text, i).max(end);
        return Number {
            value: Value::Raw(text[i..end].to_string()),
            negative,
            currency,
            unit: None,
            hedge: hedge_before,
            range: start..end,
            core: i..end,
        };
    }
    let core_end = end;
    let first = Decimal::new(&int, &frac, 0);
    // A pair: `7-2`, `2026-2027`, `$1-2 billion`.
    let mut second = None;
    if !ordinal && scale == 0 && unit.is_none() {
        let after = &text[end..];
        let dash_digit = after.starts_with('-')
            && (next_is_digit(text, end + 1)
                || (after[1..].starts_with(|c: char| crate::text::segment::is_currency(c))
                    && next_is_digit(
                        text,
                        end + 1 + after[1..].chars().next().map_or(1, char::len_utf8),
                    )));
        if dash_digit {
            let mut j = end + 1;
            if !next_is_digit(text, j) {
                j += text[j..].chars().next().map_or(1, char::len_utf8);
            }
            let (d, e) = digit_run(text, j);
            let (f, e) = if text[e..].starts_with('.') && next_is_digit(text, e + 1) {
                digit_run(text, e + 1)
            } else {
                (String::new(), e)
            };
            let next = text[e..].chars().next();
            if !next.is_some_and(char::is_alphanumeric) {
                second = Some(Decimal::new(&d, &f, 0));
                end = e;
            }
        }
    }
    let (scale, unit, currency_after, hedge_after, end) = suffix(text, end, scale, unit);
    let value = match (second, ordinal) {
        (Some(b), _) => Value::Pair(first.scaled(scale), b.scaled(scale)),
        (None, true) => Value::Ordinal(first),
        (None, false) => Value::Amount(first.scaled(scale)),
    };
    Number {
        value,
        negative,
        currency: currency.or(currency_after),
        unit,
        hedge: hedge_before.or(hedge_after),
        range: start..end,
        core: i..core_end,
    }
}

/// What is written before a number that starts at `i`: its hedge, sign and
/// currency, and where the whole expression starts.
fn prefix(text: &str, i: usize) -> (Option<Hedge>, bool, Option<&'static str>, usize) {
    let (mut start, mut negative, currency) = prefix_start(text, i);
    let mut hedge = None;
    // A symbol against the number, or one space before it.
    let symbol_at = if text[..start].ends_with(' ') {
        start - 1
    } else {
        start
    };
    let symbol = text[..symbol_at].chars().next_back();
    if let Some(c) = symbol {
        let h = match c {
            '~' | '\u{2248}' | '\u{223C}' => Some(Hedge::About),
            '>' => Some(Hedge::MoreThan),
            '<' => Some(Hedge::LessThan),
            '\u{2265}' => Some(Hedge::AtLeast),
            '\u{2264}' => Some(Hedge::AtMost),
            _ => None,
        };
        if h.is_some() {
            hedge = h;
            start = symbol_at - c.len_utf8();
        }
    }
    if hedge.is_none() {
        // Words just before the number, after a space or hyphen (or a
        // comma: `roughly, $5 billion`), perhaps before an article
        // (`approximately a 27% stake`). Only the last few bytes are read,
        // compared without regard to ASCII case, so the cost per number is
        // bounded and no other text can change the result.
        // `(about) $5 billion`: the brackets are read past.
        let unbracketed = text[..start]
            .strip_suffix(") ")
            .or_else(|| text[..start].strip_suffix(')'));
        let before = match unbracketed {
            Some(b)
                if b.rfind('(')
                    .is_some_and(|o| !b[o..].contains(' ') || b.len() - o < 30) =>
            {
                b
            }
            _ => &text[..start],
        };
        let bracket = unbracketed.is_some() && before.len() < start;
        // Only the last few bytes can hold a hedge: reading (or copying)
        // more would make every number cost as much as the text before it.
        let before = tail(before, 64);
        // Where the tail starts in `text`, for the start of a hedge in it.
        let base = start - before.len();
        let before: std::borrow::Cow<str> = if bracket {
            format!("{} ", before.replacen('(', "", 1).trim_end()).into()
        } else {
            before.into()
        };
        let before = &*before;
        let mut end = before.len();
        for sep in [", ", " ", "-"] {
            if before.ends_with(sep) {
                end = before.len() - sep.len();
                break;
            }
        }
        if end < before.len() {
            let mut tail_end = end;
            for article in ["a", "an"] {
                if ends_with_word(before, tail_end, article) {
                    tail_end -= article.len();
                    if before[..tail_end].ends_with(' ') {
                        tail_end -= 1;
                    }
                    break;
                }
            }
            'phrases: for (phrase, h) in HEDGES_BEFORE
                .iter()
                .copied()
                .chain([("minus", Hedge::About), ("negative", Hedge::About)])
            {
                for at in [tail_end, end] {
                    if ends_with_word(before, at, phrase) {
                        if phrase == "minus" || phrase == "negative" {
                            negative = true;
                        } else {
                            hedge = Some(h);
                        }
                        if !bracket {
                            start = base + at - phrase.len();
                        }
                        break 'phrases;
                    }
                }
            }
        }
    }
    (hedge, negative, currency, start)
}

/// The last `n` bytes of `text` or a little more, starting on a character.
fn tail(text: &str, n: usize) -> &str {
    let mut from = text.len().saturating_sub(n);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    &text[from..]
}

/// Whether `text[..end]` ends with the ASCII `phrase` as whole words (a
/// hyphen may stand for a space), compared without regard to ASCII case.
fn ends_with_word(text: &str, end: usize, phrase: &str) -> bool {
    let Some(at) = end.checked_sub(phrase.len()) else {
        return false;
    };
    if !text.is_char_boundary(at) || !text.is_char_boundary(end) {
        return false;
    }
    let tail = &text.as_bytes()[at..end];
    let same = tail
        .iter()
        .zip(phrase.bytes())
        .all(|(&t, p)| t.eq_ignore_ascii_case(&p) || (p == b' ' && t == b'-'));
    same && !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The sign and currency written just before `i`, and where they start.
fn prefix_start(text: &str, i: usize) -> (usize, bool, Option<&'static str>) {
    let mut start = i;
    let mut currency = None;
    let mut negative = false;
    let before = &text[..i];
    let mut chars = before.char_indices().rev().peekable();
    if let Some(&(k, c)) = chars.peek()
        && crate::text::segment::is_currency(c)
    {
        chars.next();
        start = k;
        // Letters against the sign: `US$`, `A$`, `HK$`.
        let mut letters_start = k;
        while let Some(&(j, l)) = chars.peek() {
            if l.is_ascii_uppercase() {
                letters_start = j;
                chars.next();
            } else {
                break;
            }
        }
        let letters = &text[letters_start..k];
        let boundary = !text[..letters_start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        currency = Some(currency_sign(if boundary { letters } else { "" }, c));
        if boundary {
            start = letters_start;
        }
    } else if let Some(code) = CURRENCY_CODES.iter().find(|(code, _)| {
        before.strip_suffix(' ').is_some_and(|b| b.ends_with(code))
            && !before[..before.len() - code.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    }) {
        currency = Some(code.1);
        start = i - code.0.len() - 1;
    }
    let before = &text[..start];
    if let Some(sign) = before.chars().next_back()
        && matches!(sign, '-' | '+')
        && !before[..before.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        negative = sign == '-';
        start -= 1;
    }
    (start, negative, currency)
}

/// A canonical name for a currency sign with the letters before it.
fn currency_sign(letters: &str, sign: char) -> &'static str {
    match (letters, sign) {
        ("" | "US", '$') | (_, '\u{FF04}') => "$",
        ("A", '$') => "A$",
        ("C" | "CA", '$') => "C$",
        ("HK", '$') => "HK$",
        ("NZ", '$') => "NZ$",
        ("S", '$') => "S$",
        ("R", '$') => "R$",
        ("MX", '$') => "MX$",
        (_, '$') => "other $",
        (_, '€') => "€",
        (_, '£' | '\u{FFE1}') => "£",
        ("CN", '¥') => "CN¥",
        (_, '¥' | '\u{FFE5}') => "¥",
        (_, '₹') => "₹",
        (_, '₩' | '\u{FFE6}') => "₩",
        (_, '₽') => "₽",
        (_, '¢' | '\u{FFE0}') => "¢",
        _ => "other currency",
    }
}

/// What is written after a number ending at `end`: its scale, unit,
/// currency and hedge, and where the whole expression ends.
#[allow(clippy::type_complexity)]
fn suffix(
    text: &str,
    mut end: usize,
    mut scale: i32,
    mut unit: Option<&'static str>,
) -> (
    i32,
    Option<&'static str>,
    Option<&'static str>,
    Option<Hedge>,
    usize,
) {
    // A list word at `at`, as a whole word; words of four letters or more
    // (`Billion`, `Percent`) without regard to ASCII case.
    let word_at = |at: usize, list_word: &str| -> bool {
        let Some(found) = text.get(at..at + list_word.len()) else {
            return false;
        };
        let same = if list_word.len() >= 4 || SCALE_WORDS.iter().any(|(w, _)| *w == list_word) {
            found.eq_ignore_ascii_case(list_word)
        } else {
            found == list_word
        };
        same && !text[at + list_word.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    };
    // Scale words after a space or hyphen; several multiply (`thousand
    // million`).
    if unit.is_none() {
        'scales: loop {
            for sep in [" ", "-"] {
                if text[end..].starts_with(sep) {
                    let at = end + sep.len();
                    if let Some(&(w, e)) = SCALE_WORDS.iter().find(|(w, _)| word_at(at, w)) {
                        scale += e;
                        end = at + w.len();
                        continue 'scales;
                    }
                }
            }
            break;
        }
    }
    // A unit: `%` against the number, or a unit word after a space or
    // hyphen (`5-year`).
    if unit.is_none() {
        for sep in ["", " ", "-"] {
            if !text[end..].starts_with(sep) {
                continue;
            }
            let at = end + sep.len();
            let found = UNITS
                .iter()
                .filter(|(w, _)| !sep.is_empty() || !w.starts_with(char::is_alphabetic))
                .find(|(w, _)| {
                    if w.starts_with(char::is_alphanumeric) {
                        word_at(at, w)
                    } else {
                        text[at..].starts_with(w)
                    }
                });
            if let Some(&(w, u)) = found {
                unit = Some(u);
                end = at + w.len();
                break;
            }
        }
    }
    let mut currency = None;
    if text[end..].starts_with(' ') {
        let at = end + 1;
        if let Some(&(w, c)) = CURRENCY_WORDS.iter().find(|(w, _)| word_at(at, w)) {
            currency = Some(c);
            end = at + w.len();
        }
    }
    let mut hedge = None;
    // A hedge after the number, perhaps after a comma, bracket or dash:
    // `$5 billion, at most`, `$5 billion (at least)`.
    'after: for lead in ["", ",", " (", " -", ","] {
        if !text[end..].starts_with(lead) {
            continue;
        }
        let at = end + lead.len();
        for &(w, h) in HEDGES_AFTER {
            let phrase = if lead.is_empty() { w } else { w.trim_start() };
            let at = if !lead.is_empty() && w.starts_with(' ') && !lead.ends_with('(') {
                if !text[at..].starts_with(' ') {
                    continue;
                }
                at + 1
            } else {
                at
            };
            let ok = if phrase.starts_with(|c: char| c.is_alphanumeric() || c == ' ' || c == '-') {
                word_at(at, phrase)
            } else {
                text[at..].starts_with(phrase)
            };
            if ok {
                hedge = Some(h);
                end = at + phrase.len();
                if lead.ends_with('(') && text[end..].starts_with(')') {
                    end += 1;
                }
                break 'after;
            }
        }
    }
    (scale, unit, currency, hedge, end)
}

/// Ordinal words (`first` is left out: it is far more often an order of
/// events than a count).
const ORDINALS: &[&str] = &[
    "",
    "",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// A number written in words (`twenty-five`, `three hundred`, `one
/// billion`, `a million`), an ordinal word (`third`) or a Roman numeral,
/// starting at `i`.
///
/// The words follow the grammar of English numbers: tens may take a unit
/// (`twenty-five`), a number below a hundred may take `hundred`, and any
/// of these a scale. Two numbers side by side (`five-four`, `two
/// three-bedroom`) are two numbers, never a sum.
fn word_number(text: &str, i: usize) -> Option<Number> {
    let word_end = |at: usize| {
        text[at..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(text.len(), |(k, _)| at + k)
    };
    let first_end = word_end(i);
    let first = &text[i..first_end];
    if let Some(v) = roman(first) {
        let (hedge, negative, currency, start) = prefix(text, i);
        return Some(Number {
            value: Value::Amount(Decimal::from_u64(v)),
            negative,
            currency,
            unit: None,
            hedge,
            range: start..first_end,
            core: i..first_end,
        });
    }
    // No number word is longer than `quadrillion`: a longer word is not one,
    // and is not lowercased (every word of every seed comes through here).
    if first.len() > 11 {
        return None;
    }
    let lower = first.to_lowercase();
    // `second-hand`, `third-party`: a compound, not a count.
    let compound = text[first_end..].starts_with('-');
    if let Some(v) = ORDINALS
        .iter()
        .position(|o| !o.is_empty() && *o == lower)
        .filter(|_| !compound)
    {
        let (hedge, negative, currency, start) = prefix(text, i);
        return Some(Number {
            value: Value::Ordinal(Decimal::from_u64(v as u64)),
            negative,
            currency,
            unit: None,
            hedge,
            range: start..first_end,
            core: i..first_end,
        });
    }
    let article = matches!(lower.as_str(), "a" | "an");
    let ones = |w: &str| ONES.iter().position(|o| *o == w).map(|v| v as u64);
    let tens = |w: &str| {
        TENS.iter()
            .position(|t| !t.is_empty() && *t == w)
            .map(|v| 10 * v as u64)
    };
    if !article && ones(&lower).is_none() && tens(&lower).is_none() {
        return None;
    }
    // The words, separated by one space or hyphen.
    let mut parts: Vec<(String, usize)> = Vec::new();
    let mut at = i;
    while parts.len() < 12 {
        let e = word_end(at);
        if e == at {
            break;
        }
        parts.push((text[at..e].to_lowercase(), e));
        let rest = &text[e..];
        if !(rest.starts_with(' ') || rest.starts_with('-'))
            || !text[e + 1..].starts_with(char::is_alphabetic)
        {
            break;
        }
        at = e + 1;
    }
    // State: the value below a thousand so far, and what may come next.
    let mut value: u64 = 0;
    let mut used = 0;
    let mut scale = 0;
    let (mut may_unit, mut may_hundred) = (false, true);
    for (k, (w, _)) in parts.iter().enumerate() {
        let step = if k == 0 && article {
            // `a million`, `an hundred`: only before a scale.
            match parts.get(1) {
                Some((n, _))
                    if n == "hundred" || SCALE_WORDS.iter().any(|(s, e)| s == n && *e >= 3) =>
                {
                    value = 1;
                    true
                }
                _ => false,
            }
        } else if let Some(v) =
            tens(w).filter(|_| used == 0 || (value.is_multiple_of(100) && value > 0 && !may_unit))
        {
            value += v;
            may_unit = true;
            may_hundred = false;
            true
        } else if let Some(v) = ones(w).filter(|_| {
            used == 0
                || (may_unit && value.is_multiple_of(10))
                || (value.is_multiple_of(100) && value > 0 && !may_unit)
        }) {
            if used > 0 && may_unit && !(1..=9).contains(&v) {
                false
            } else {
                value += v;
                may_unit = false;
                may_hundred = used == 0;
                true
            }
        } else if w == "hundred" && used > 0 && may_hundred && value < 100 {
            value *= 100;
            may_hundred = false;
            may_unit = false;
            true
        } else if w == "and"
            && value >= 100
            && value.is_multiple_of(100)
            && parts
                .get(k + 1)
                .is_some_and(|(n, _)| ones(n).is_some() || tens(n).is_some())
        {
            true
        } else if let Some(&(_, e)) = SCALE_WORDS
            .iter()
            .find(|(s, e)| s == w && *e >= 3)
            .filter(|_| used > 0)
        {
            scale = e;
            used += 1;
            break;
        } else {
            false
        };
        if !step {
            break;
        }
        used += 1;
    }
    if used == 0 || (article && scale == 0) {
        return None;
    }
    let core_end = parts[used - 1].1;
    let (hedge_before, negative, currency, start) = prefix(text, i);
    let (suffix_scale, unit, currency_after, hedge_after, end) =
        suffix(text, core_end, scale, None);
    let scale = suffix_scale.max(scale);
    // `one` alone is as often a pronoun or article as a number.
    let lone_one = used == 1 && value == 1;
    if lone_one && scale == 0 && unit.is_none() && currency.or(currency_after).is_none() {
        return None;
    }
    Some(Number {
        value: Value::Amount(Decimal::from_u64(value).scaled(scale)),
        negative,
        currency: currency.or(currency_after),
        unit,
        hedge: hedge_before.or(hedge_after),
        range: start..end,
        core: i..core_end,
    })
}

/// The value of a Roman numeral of at least two uppercase letters.
fn roman(word: &str) -> Option<u64> {
    if word.len() < 2 || !word.bytes().all(|b| b"MDCLXVI".contains(&b)) {
        return None;
    }
    let value = |b: u8| match b {
        b'M' => 1000,
        b'D' => 500,
        b'C' => 100,
        b'L' => 50,
        b'X' => 10,
        b'V' => 5,
        _ => 1,
    };
    let bytes = word.as_bytes();
    let mut total: u64 = 0;
    for (k, &b) in bytes.iter().enumerate() {
        let v = value(b);
        if bytes.get(k + 1).is_some_and(|&n| value(n) > v) {
            total = total.checked_sub(v)?;
        } else {
            total += v;
        }
    }
    // Only the canonical spelling of its value counts as a numeral.
    (to_roman(total) == word).then_some(total)
}

fn to_roman(mut n: u64) -> String {
    const TABLE: &[(u64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn parse(text: &str) -> Vec<Number> {
        numbers(&normalize(text))
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
}
