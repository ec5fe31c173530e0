//! Assets (template files other than `*.html`) as written to the output. A
//! stylesheet is written without its comments and blank lines: they are
//! for whoever edits the template, and every reader would download them.
//! Everything else is copied byte for byte.

/// The bytes of the asset `name` with the text `text`.
pub(super) fn asset_bytes(name: &str, text: &str) -> Vec<u8> {
    if name.ends_with(".css") {
        strip_css_comments(text).into_bytes()
    } else {
        text.as_bytes().to_vec()
    }
}

/// `text` without its CSS comments (`/* … */`) and without lines left
/// blank. Strings (`"…"`, `'…'`, with backslash escapes) and unquoted
/// `url(…)` are copied as they are, comment-like text included. An
/// unterminated comment is kept, so nothing after it changes meaning.
fn strip_css_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Text that cannot open a comment, string or `url(` is copied in
        // one piece, up to the next byte that might.
        let plain = rest
            .bytes()
            .position(|b| matches!(b, b'/' | b'"' | b'\'' | b'u' | b'U'))
            .unwrap_or(rest.len());
        if plain > 0 {
            out.push_str(&rest[..plain]);
            rest = &rest[plain..];
        } else {
            rest = strip_one(rest, &mut out);
        }
    }
    without_blank_lines(text, &out)
}

/// Strips what starts `rest` (a comment, a string, `url(…)`, or else one
/// character) into `out`, and returns the text after it.
fn strip_one<'a>(rest: &'a str, out: &mut String) -> &'a str {
    if let Some(after) = rest.strip_prefix("/*") {
        let Some(end) = after.find("*/") else {
            out.push_str(rest);
            return "";
        };
        let rest = &after[end + 2..];
        // A comment also separates tokens: where dropping it would join two
        // (`1px/**/2px`, `/` and `*` into a new comment), an empty one stays.
        if joins(out.chars().next_back()) && joins(rest.chars().next()) {
            out.push_str("/**/");
        }
        return rest;
    }
    let Some(c) = rest.chars().next() else {
        return rest;
    };
    let verbatim = if c == '"' || c == '\'' {
        string_end(rest, c)
    } else if rest
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("url("))
    {
        rest.find(')').map_or(rest.len(), |k| k + 1)
    } else {
        c.len_utf8()
    };
    out.push_str(&rest[..verbatim]);
    &rest[verbatim..]
}

/// `stripped` without the lines that are blank, ending with a line break
/// when `text` does.
fn without_blank_lines(text: &str, stripped: &str) -> String {
    let mut lines: Vec<&str> = stripped.lines().filter(|l| !l.trim().is_empty()).collect();
    if text.ends_with('\n') {
        lines.push("");
    }
    lines.join("\n")
}

/// Whether `c` could join the text on the other side of a dropped comment
/// into one token: anything but nothing, white space and punctuation that
/// stands alone.
fn joins(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_whitespace() && !"{};:,>+~()[]".contains(c))
}

/// Where the string that starts `s` with `quote` ends (after its closing
/// quote, or at the end of the line or text if it is not closed).
fn string_end(s: &str, quote: char) -> usize {
    let mut escaped = false;
    for (k, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '\n' => return k,
            c if c == quote => return k + 1,
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stripping as first written, one character (or comment, string,
    /// `url(…)`) at a time: the reference for the loop that copies plain
    /// runs at once.
    fn strip_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while !rest.is_empty() {
            rest = strip_one(rest, &mut out);
        }
        without_blank_lines(text, &out)
    }

    /// The pieces that matter to the stripper, in every case: generated
    /// texts are made of them.
    const TOKENS: &[&str] = &[
        "/*", "*/", "/", "*", "\"", "'", "\\", "url(", "URL(", "uRl(", "u", "U", ")", "\n", " ",
        "a", "{", "}", ";", "◦", "é",
    ];

    proptest::proptest! {
        #[test]
        fn stripping_equals_the_reference(
            tokens in proptest::collection::vec(proptest::sample::select(TOKENS), 0..30)
        ) {
            let s = tokens.concat();
            proptest::prop_assert_eq!(strip_css_comments(&s), strip_by_chars(&s));
        }
    }

    #[test]
    fn the_stylesheet_is_stripped_as_by_the_reference() {
        let css = include_str!("../../templates/style.css");
        assert_eq!(strip_css_comments(css), strip_by_chars(css));
    }

    #[test]
    fn comments_and_blank_lines_go_strings_and_urls_stay() {
        let css = "/* head */\na { color: red; } /* why */\n\n  b::after { content: \"/* not */\"; }\nc { background: url(x/*y*/z.png); content: '\\'/*'; }\n";
        assert_eq!(
            strip_css_comments(css),
            "a { color: red; } \n  b::after { content: \"/* not */\"; }\nc { background: url(x/*y*/z.png); content: '\\'/*'; }\n"
        );
    }

    #[test]
    fn text_outside_ascii_is_read_by_characters() {
        for css in [
            "a{content:\"◦\"}/*x*/",
            "◦◦◦/*x*/",
            "u◦/*x*/",
            "é",
            "/*é*/é",
        ] {
            let out = strip_css_comments(css);
            assert!(!out.contains("/*x*/"), "{out}");
        }
        assert_eq!(strip_css_comments("/*é*/é"), "é");
    }

    /// Every text of up to five characters from an alphabet of the
    /// characters that matter: no panic, and stripping twice changes
    /// nothing more (no comment is left outside strings).
    #[test]
    fn every_short_text_is_stripped_without_panic() {
        let alphabet = [
            '/', '*', '"', '\'', '\\', 'u', 'r', 'l', '(', ')', '◦', '\n',
        ];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            for t in &longer {
                let once = strip_css_comments(t);
                assert_eq!(strip_css_comments(&once), once, "{t:?}");
            }
            texts = longer;
        }
    }

    #[test]
    fn a_comment_between_two_tokens_stays_as_an_empty_one() {
        assert_eq!(
            strip_css_comments("a{margin:1px/* x */2px}"),
            "a{margin:1px/**/2px}"
        );
        assert_eq!(strip_css_comments("//* x *//*y*/*z*/"), "//**//**/*z*/");
        assert_eq!(strip_css_comments("a{b:c}/* x */\n"), "a{b:c}\n");
    }

    #[test]
    fn an_unterminated_comment_is_kept() {
        assert_eq!(strip_css_comments("a{} /* open\nb{}"), "a{} /* open\nb{}");
    }

    #[test]
    fn other_assets_are_copied_byte_for_byte() {
        let js = "// a comment\nlet s = '/* x */';\n\n";
        assert_eq!(asset_bytes("footnotes.js", js), js.as_bytes());
        assert_eq!(asset_bytes("style.css", "/* c */\np{}\n"), b"p{}\n");
    }
}
