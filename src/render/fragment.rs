//! Text fragments (`#:~:text=`) that open a source page at a quote.

/// A text fragment directive for a quote (`#:~:text=`): the whole passage
/// when short, else its first and last four words as `start,end`.
pub fn text_fragment(passage: &str) -> String {
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.len() <= 8 {
        percent_encode(&words.join(" "))
    } else {
        format!(
            "{},{}",
            percent_encode(&words[..4].join(" ")),
            percent_encode(&words[words.len() - 4..].join(" "))
        )
    }
}

/// Percent-encodes everything but ASCII letters, digits and `.`, `_`, `~`
/// (the text-fragment syntax gives `-`, `,` and `&` meaning, so they are
/// encoded too).
pub(super) fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}
