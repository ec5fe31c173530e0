//! HTML escaping for tera's autoescape: the same five replacements as
//! `tera::escape_html` (`&`, `<`, `>`, `"`, `'`), but each run of bytes
//! that needs none is written at once, not byte by byte through the writer.

use std::io::Write;

/// Writes `input` to `out` with `&`, `<`, `>`, `"` and `'` replaced by their
/// entities, exactly as `tera::escape_html` does.
pub(super) fn escape_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut run = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[run..i])?;
        out.write_all(entity)?;
        run = i + 1;
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

        #[test]
        fn equals_teras_escaping_on_any_text(s in "\\PC{0,60}") {
            proptest::prop_assert_eq!(
                escaped(escape_html, &s),
                escaped(tera::escape_html, &s)
            );
        }
    }
}
