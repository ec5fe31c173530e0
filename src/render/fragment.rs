//! Text fragments (`#:~:text=`) that open a source page at a quote.

/// A text fragment directive for a quote (`#:~:text=`): the whole passage
/// when short, else its first and last four words as `start,end`.
pub fn text_fragment(passage: &str) -> String {
    let mut out = String::new();
    push_text_fragment(&mut out, passage);
    out
}

/// [`text_fragment`], appended to `out`.
pub(super) fn push_text_fragment(out: &mut String, passage: &str) {
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.len() <= 8 {
        push_words(out, &words);
    } else {
        push_words(out, &words[..4]);
        out.push(',');
        push_words(out, &words[words.len() - 4..]);
    }
}

/// `words` joined by spaces, percent-encoded.
fn push_words(out: &mut String, words: &[&str]) {
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push_str("%20");
        }
        push_percent_encoded(out, word);
    }
}

/// Percent-encodes everything but ASCII letters, digits and `.`, `_`, `~`
/// (the text-fragment syntax gives `-`, `,` and `&` meaning, so they are
/// encoded too).
pub(super) fn push_percent_encoded(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}
