//! Numbers written in digits, for the rule that a claim's numbers appear in
//! its quotes.
//!
//! A number is a run of digits, optionally with thousands separators (`,`
//! followed by exactly three digits) and a decimal part (`.` followed by
//! digits). Separators are dropped, so `13,000` and `13000` are the same
//! number. Signs, currency symbols, `%` and units are not part of the number.

use std::ops::Range;

/// A number found in a text: its canonical value (digits and at most one
/// `.`) and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub value: String,
    pub range: Range<usize>,
}

/// Every number written in digits in `text`, in order.
pub fn numbers(text: &str) -> Vec<Number> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut value = String::new();
        loop {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                value.push(bytes[i] as char);
                i += 1;
            }
            let group_follows = i + 3 < bytes.len()
                && bytes[i] == b','
                && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
            if group_follows {
                i += 1;
                continue;
            }
            break;
        }
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            value.push('.');
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                value.push(bytes[i] as char);
                i += 1;
            }
        }
        out.push(Number {
            value: canonical(&value),
            range: start..i,
        });
    }
    out
}

/// Drops leading zeros of the integer part and trailing zeros of the
/// fractional part, so that `7.50` and `7.5` agree.
fn canonical(value: &str) -> String {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        numbers(text).into_iter().map(|n| n.value).collect()
    }

    #[test]
    fn finds_years_money_percentages_and_decimals() {
        assert_eq!(
            values("In 2019, $13 billion; 20% and 7.5 of 2 gigawatts through 2032."),
            vec!["2019", "13", "20", "7.5", "2", "2032"]
        );
    }

    #[test]
    fn ignores_thousands_separators() {
        assert_eq!(values("$1,000,000 and 13,000"), vec!["1000000", "13000"]);
        assert_eq!(values("2019, 2020"), vec!["2019", "2020"]);
    }

    #[test]
    fn ranges_and_hyphens_give_two_numbers() {
        assert_eq!(values("2026-2027"), vec!["2026", "2027"]);
        assert_eq!(values("up-to-$50 billion"), vec!["50"]);
    }

    #[test]
    fn canonical_forms_agree() {
        assert_eq!(values("7.50 007"), vec!["7.5", "7"]);
    }

    #[test]
    fn reports_where_each_number_is() {
        let text = "about $7.5 billion";
        let n = &numbers(text)[0];
        assert_eq!(&text[n.range.clone()], "7.5");
    }
}
