//! HTML escaping for tera's autoescape: the same five replacements as
//! `tera::escape_html` (`&`, `<`, `>`, `"`, `'`), but each run of bytes
//! that needs none is found by memchr and written at once, not byte by byte
//! through the writer.

use std::io::Write;

/// Writes `input` to `out` with `&`, `<`, `>`, `"` and `'` replaced by their
/// entities, exactly as `tera::escape_html` does.
pub(super) fn escape_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    // The next `&`, `<` or `>`, and the next quote, at or after `from` (the
    // length when there is none). Each is searched for again only when it
    // has been written, so every byte is scanned once by each search.
    let tag = |from: usize| {
        memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map_or(bytes.len(), |k| from + k)
    };
    let quote = |from: usize| {
        memchr::memchr2(b'"', b'\'', &bytes[from..]).map_or(bytes.len(), |k| from + k)
    };
    let (mut next_tag, mut next_quote) = (tag(0), quote(0));
    let mut run = 0;
    loop {
        let i = next_tag.min(next_quote);
        let entity: &[u8] = match bytes.get(i) {
            None => break,
            Some(b'&') => b"&amp;",
            Some(b'<') => b"&lt;",
            Some(b'>') => b"&gt;",
            Some(b'"') => b"&quot;",
            Some(_) => b"&#39;",
        };
        out.write_all(&bytes[run..i])?;
        out.write_all(entity)?;
        run = i + 1;
        if i == next_tag {
            next_tag = tag(run);
        } else {
            next_quote = quote(run);
        }
    }
    out.write_all(&bytes[run..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(f: tera::EscapeFn, s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        f(s, &mut out).unwrap();
        out
    }

    #[test]
    fn every_special_byte_is_replaced() {
        assert_eq!(
            escaped(escape_html, "a&b<c>d\"e'f"),
            b"a&amp;b&lt;c&gt;d&quot;e&#39;f"
        );
        assert_eq!(escaped(escape_html, ""), b"");
        assert_eq!(escaped(escape_html, "&&"), b"&amp;&amp;");
        assert_eq!(escaped(escape_html, "“é”"), "“é”".as_bytes());
    }

    proptest::proptest! {
        /// Byte for byte what tera's own escaping writes, on text made of
        /// the special characters, ASCII and characters outside ASCII.
        #[test]
        fn equals_teras_escaping(s in "[&<>\"'a b\\n“é€😀]{0,40}") {
            proptest::prop_assert_eq!(
                escaped(escape_html, &s),
                escaped(tera::escape_html, &s)
            );
        }

        /// Long runs without a special byte between dense ones, as in a
        /// seed's text.
        #[test]
        fn equals_teras_escaping_on_long_runs(
            parts in proptest::collection::vec(("[a-z “é]{0,80}", "[&<>\"']{0,3}"), 0..12)
        ) {
            let s: String = parts.into_iter().map(|(a, b)| a + &b).collect();
            proptest::prop_assert_eq!(
                escaped(escape_html, &s),
                escaped(tera::escape_html, &s)
            );
        }

        #[test]
        fn equals_teras_escaping_on_any_text(s in "\\PC{0,60}") {
            proptest::prop_assert_eq!(
                escaped(escape_html, &s),
                escaped(tera::escape_html, &s)
            );
        }
    }
}
