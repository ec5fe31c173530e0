//! Writing GitHub-flavoured Markdown safely: every text from the project is
//! escaped, and marked runs of a diff are shown inline.

use super::*;

/// `text` as inline GitHub-flavoured Markdown that renders as exactly this
/// text: whitespace (newlines included) becomes one space, every character
/// that could start markup, HTML, an entity, math or a table cell is
/// backslash-escaped, and so is a first character that could start a block
/// (`#`, `-`, `1.`), since content may begin a line.
pub fn md(text: &str) -> String {
    md_at(text, true)
}

/// [`md`] for text that does not begin a line when `at_start` is false.
pub(super) fn md_at(text: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && !is_hidden(c) || matches!(c, '\n' | '\r' | '\t') {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let first = at_start && out.trim_start().bytes().all(|b| b.is_ascii_digit());
        if is_hidden(c) {
            out.push_str(&format!("\\[U+{:04X}\\]", c as u32));
        } else if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '$' | '!'
        ) || (first && c.is_ascii_punctuation())
        {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// `text` as an inline code span (ids, keys, paths, revisions), fenced with
/// more backticks than it contains; empty text is shown as `(empty)`.
pub fn code(text: &str) -> String {
    let mut shown = String::new();
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            shown.push(' ');
        } else if is_hidden(c) {
            shown.push_str(&format!("[U+{:04X}]", c as u32));
        } else {
            shown.push(c);
        }
    }
    if shown.is_empty() {
        return "(empty)".into();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in shown.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if shown.starts_with(['`', ' ']) || shown.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// Builds inline Markdown in which changes are marked `~~removed~~` and
/// `**added**`. A marker next to punctuation is only recognised by a GFM
/// renderer when it is flanked suitably, so a space is put between a marker
/// and a neighbour that would stop it from opening or closing.
#[derive(Default)]
pub(super) struct Marked {
    pub(super) out: String,
    /// The last marker closed after punctuation: the next character must be
    /// a space or punctuation.
    pub(super) gap: bool,
}

pub(super) fn opens_freely(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation())
}

impl Marked {
    pub(super) fn text(&mut self, escaped: &str) {
        if let Some(c) = escaped.chars().next()
            && self.gap
            && !opens_freely(Some(c))
        {
            self.out.push(' ');
        }
        if !escaped.is_empty() {
            self.gap = false;
        }
        self.out.push_str(escaped);
    }

    /// `raw` marked with `marker`; its surrounding whitespace stays outside.
    pub(super) fn mark(&mut self, marker: &str, raw: &str) {
        let (lead, word, trail) = split_space(raw);
        if !lead.is_empty() {
            self.text(" ");
        }
        let word = md_at(word, self.out.trim_start().is_empty());
        if let (Some(first), Some(last)) = (word.chars().next(), word.chars().last()) {
            if !first.is_alphanumeric() && !opens_freely(self.out.chars().last()) {
                self.out.push(' ');
            }
            self.out.push_str(marker);
            self.out.push_str(&word);
            self.out.push_str(marker);
            self.gap = !last.is_alphanumeric();
        }
        if !trail.is_empty() {
            self.text(" ");
        }
    }

    pub(super) fn runs(mut self, runs: &[(ChangeTag, String)]) -> String {
        for (tag, text) in runs {
            match tag {
                ChangeTag::Equal => {
                    let escaped = md_at(text, self.out.trim_start().is_empty());
                    self.text(&escaped)
                }
                ChangeTag::Delete => self.mark("~~", text),
                ChangeTag::Insert => self.mark("**", text),
            }
        }
        self.out.trim().to_string()
    }
}

pub(super) fn split_space(v: &str) -> (&str, &str, &str) {
    let start = v.len() - v.trim_start().len();
    let end = v.trim_end().len();
    if end <= start {
        return (v, "", "");
    }
    (&v[..start], &v[start..end], &v[end..])
}

/// `~~removed~~ **added**` word diff for Markdown.
pub(super) fn markdown_diff(old: &str, new: &str) -> String {
    Marked::default().runs(&crate::text::near_miss::runs(old, new))
}

/// `text` escaped and wrapped in typographic quotes.
pub(super) fn quoted(text: &str) -> String {
    format!("“{}”", md(text))
}

// ---------------------------------------------------------------------------
// Changed sources.
