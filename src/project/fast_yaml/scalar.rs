//! Scalars: plain, single-quoted, double-quoted and block (`|`, `>`, with
//! `-` or `+`), each giving its value, its span, and the reader moved to
//! the line after it. Anything doubtful is `None`.

use super::{Reader, Scalar, spaces};
use crate::project::yaml::trimmed_span;

/// The scalar starting at `at`, the value of a key at column `m`.
pub(super) fn read(r: &mut Reader, at: usize, m: usize) -> Option<Scalar> {
    let (value, end) = match r.b[at] {
        b'"' | b'\'' => quoted(r, at, m)?,
        b'|' | b'>' => return block(r, at, m),
        c if starts_plain(c) => plain(r, at, m)?,
        c if c.is_ascii_digit() && r.shape.digit_words => {
            let (value, end) = plain(r, at, m)?;
            if !digit_word(&value) {
                return None;
            }
            (value, end)
        }
        _ => return None,
    };
    Some(Scalar {
        // Exact capacity: a value built line by line may have grown past it.
        value: exact(value),
        span: trimmed_span(r.text, at, end),
    })
}

/// Whether a plain scalar may start with `c` here: not an indicator, and
/// not what starts a number, `~` or `.inf` (which would not be strings).
fn starts_plain(c: u8) -> bool {
    !INDICATORS.contains(&c) && !b"+.~".contains(&c) && !c.is_ascii_digit()
}

/// Whether `value`, a plain scalar starting with a digit, is one that
/// YAML can only read as a string. Numbers and timestamps that start with
/// a digit have letters only as `0b`, `0o`, `0x`, an exponent's `e` or
/// `E` followed by digits, or a timestamp's `T` and `Z`: a value whose
/// first letter is any other (a SHA-256 `3a6b…`, a file name
/// `000_a4…txt`), or is `b`, `o`, `x`, `e` followed by what such a number
/// cannot end with, is a string. A value with no letter (`123`, `1.5`,
/// `12:30`, `2001-12-14`) is left to serde-saphyr.
fn digit_word(value: &str) -> bool {
    let b = value.as_bytes();
    let Some(i) = b.iter().position(u8::is_ascii_alphabetic) else {
        return false;
    };
    let rest = &b[i + 1..];
    let beyond = |allowed: fn(&u8) -> bool| rest.iter().any(|c| !allowed(c));
    match b[i] {
        b'b' => beyond(|c| matches!(c, b'0' | b'1' | b'_')),
        b'o' => beyond(|c| matches!(c, b'0'..=b'7' | b'_')),
        b'x' => beyond(|c| c.is_ascii_hexdigit() || *c == b'_'),
        b'e' => {
            let exponent = match rest.first() {
                Some(b'+' | b'-') => &rest[1..],
                _ => rest,
            };
            exponent.iter().any(|c| !c.is_ascii_digit())
        }
        b'B' | b'O' | b'X' | b'E' | b't' | b'T' | b'z' | b'Z' => false,
        _ => true,
    }
}

/// YAML's indicators: a line of a plain scalar starting with one is left
/// to serde-saphyr.
const INDICATORS: &[u8] = b"-?:,[]{}#&*!|>'\"%@`";

/// Words that a plain scalar may not be: YAML reads them as null or as a
/// boolean.
const NOT_STRINGS: &[&str] = &[
    "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES",
    "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
];

/// One line of a plain scalar from `at`: its content's end (trailing
/// spaces and a comment left out), and whether a comment ends it. `None`
/// when it holds `: ` or ends with `:` (a key).
fn plain_line(b: &[u8], at: usize) -> Option<(usize, bool)> {
    let mut i = at;
    let mut end = at;
    while b[i] != b'\n' {
        match b[i] {
            b'#' if i > at && b[i - 1] == b' ' => return Some((end, true)),
            b':' if b[i + 1] == b' ' || b[i + 1] == b'\n' => return None,
            b' ' => {}
            _ => end = i + 1,
        }
        i += 1;
    }
    Some((end, false))
}

/// A plain scalar, folded over the more indented lines that follow it.
fn plain(r: &mut Reader, at: usize, m: usize) -> Option<(String, usize)> {
    let (mut end, mut comment) = plain_line(r.b, at)?;
    let mut value = r.text[at..end].to_string();
    if NOT_STRINGS.contains(&value.as_str()) {
        return None;
    }
    r.line = r.next_line(end);
    while !comment {
        // Blank lines, then a more indented line that is not a comment.
        let mut line = r.line;
        let mut blank = 0;
        let (start, indent) = loop {
            if line >= r.b.len() {
                return Some((value, end));
            }
            let s = line + spaces(&r.b[line..]);
            if r.b[s] != b'\n' {
                break (s, s - line);
            }
            blank += 1;
            line = s + 1;
        };
        if indent <= m || r.b[start] == b'#' {
            return Some((value, end));
        }
        if INDICATORS.contains(&r.b[start]) {
            return None;
        }
        let (line_end, c) = plain_line(r.b, start)?;
        if blank == 0 {
            value.push(' ');
        }
        for _ in 0..blank {
            value.push('\n');
        }
        value.push_str(&r.text[start..line_end]);
        (end, comment) = (line_end, c);
        r.line = r.next_line(line_end);
    }
    Some((value, end))
}

/// What may follow a closing quote on its line: spaces, then a comment
/// after at least one space, or the line's end. The reader moves to the
/// next line.
fn after_value(r: &mut Reader, at: usize) -> Option<()> {
    let s = at + spaces(&r.b[at..]);
    match r.b[s] {
        b'\n' => {}
        b'#' if s > at => {}
        _ => return None,
    }
    r.line = r.next_line(s);
    Some(())
}

/// A single- or double-quoted scalar: its value and the end of its
/// closing quote.
fn quoted(r: &mut Reader, at: usize, m: usize) -> Option<(String, usize)> {
    let (b, quote) = (r.b, r.b[at]);
    let mut value = String::new();
    // The length of `value` that a line break may not trim back past
    // (spaces written as escapes are kept).
    let mut kept = 0;
    let mut i = at + 1;
    loop {
        // The text up to the next quote, escape or line break.
        let run = memchr::memchr3(quote, b'\\', b'\n', &b[i..])?;
        value.push_str(&r.text[i..i + run]);
        i += run;
        match b[i] {
            b'\n' => {
                // Only what follows `kept` is trimmed (and scanned): a line
                // of escaped spaces costs its own length, not the value's.
                let trimmed = kept + value[kept..].trim_end_matches(' ').len();
                value.truncate(trimmed);
                i = fold(r, i, m, &mut value)?;
            }
            b'\'' if quote == b'\'' && b[i + 1] == b'\'' => {
                value.push('\'');
                i += 2;
            }
            b'\\' if quote == b'"' => {
                let (c, len) = escape(&r.text[i + 1..])?;
                value.push(c);
                kept = value.len();
                i += 1 + len;
            }
            b'\\' => {
                value.push('\\');
                i += 1;
            }
            _ => {
                after_value(r, i + 1)?;
                return Some((value, i + 1));
            }
        }
    }
}

/// A line break inside a quoted scalar at `i`: blank lines become line
/// breaks, else one space; the next line's indentation is skipped. It
/// must be more indented than the key (`m`). Returns where text resumes.
fn fold(r: &Reader, mut i: usize, m: usize, value: &mut String) -> Option<usize> {
    let mut blank = 0;
    loop {
        let line = i + 1;
        if line >= r.b.len() {
            return None;
        }
        let s = line + spaces(&r.b[line..]);
        if r.b[s] != b'\n' {
            if s - line <= m {
                return None;
            }
            if blank == 0 {
                value.push(' ');
            }
            for _ in 0..blank {
                value.push('\n');
            }
            return Some(s);
        }
        blank += 1;
        i = s;
    }
}

/// The character a double-quoted escape (after its `\`) writes, and the
/// escape's length. Escapes that write control characters other than tab
/// and line feed, and escaped line breaks, are left to serde-saphyr.
fn escape(rest: &str) -> Option<(char, usize)> {
    let hex = |n: usize| -> Option<(char, usize)> {
        let digits = rest.get(1..1 + n)?;
        if !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(digits, 16).ok()?)?;
        (!crate::project::read::is_refused_control(c) && c != '\r').then_some((c, 1 + n))
    };
    let c = match rest.as_bytes().first()? {
        b'\\' => '\\',
        b'"' => '"',
        b'/' => '/',
        b' ' => ' ',
        b't' => '\t',
        b'n' => '\n',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return hex(2),
        b'u' => return hex(4),
        b'U' => return hex(8),
        _ => return None,
    };
    Some((c, 1))
}

/// A block scalar (`|` literal or `>` folded, with `-` strip or `+` keep)
/// whose header is at `at`. Its span runs from its first line's content
/// to its last content line's end.
fn block(r: &mut Reader, at: usize, m: usize) -> Option<Scalar> {
    let b = r.b;
    let literal = b[at] == b'|';
    let (chomp, head_end) = match b[at + 1] {
        c @ (b'-' | b'+') => (c, at + 2),
        _ => (b'\0', at + 1),
    };
    if b[head_end] != b' ' && b[head_end] != b'\n' {
        return None;
    }
    after_value(r, head_end)?;
    let first = r.line;
    if first >= b.len() {
        return None;
    }
    let k = spaces(&b[first..]);
    if k <= m || b[first + k] == b'\n' {
        return None;
    }
    let mut value = String::new();
    let (mut blank, mut end, mut line) = (0, first + k, first);
    while line < b.len() {
        let indent = spaces(&b[line..]);
        let s = line + indent;
        if b[s] == b'\n' {
            // A blank line; spaces past the content's indentation would
            // be content: left to serde-saphyr.
            if indent > k {
                return None;
            }
            blank += 1;
            line = s + 1;
            continue;
        }
        if indent < k {
            break;
        }
        if indent > k && !literal {
            return None;
        }
        let line_end = r.next_line(s) - 1;
        if line != first {
            let breaks = if literal || blank > 0 {
                blank + usize::from(literal)
            } else {
                0
            };
            if breaks == 0 {
                value.push(' ');
            }
            for _ in 0..breaks {
                value.push('\n');
            }
        }
        value.push_str(&r.text[line + k..line_end]);
        (blank, end, line) = (0, line_end, line_end + 1);
    }
    match chomp {
        b'-' => {}
        b'+' => (0..=blank).for_each(|_| value.push('\n')),
        _ => value.push('\n'),
    }
    r.line = end + 1;
    Some(Scalar {
        value: exact(value),
        span: trimmed_span(r.text, first + k, end),
    })
}

/// `value` without spare capacity (kept for the whole build, one per field).
fn exact(mut value: String) -> String {
    value.shrink_to_fit();
    value
}
