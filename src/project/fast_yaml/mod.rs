//! A fast reader for the YAML that fact files and the manifest are written
//! in: a top-level block sequence of block mappings, whose values are
//! scalars (plain, quoted or block) or block sequences of such mappings.
//!
//! It reads the bytes once, with no events in between, and gives what
//! serde-saphyr gives for the same text: each value and the span
//! `YamlText::span` makes of it. It returns `None` ("not mine") for
//! anything outside that subset or anything it doubts: anchors, aliases,
//! tags, flow collections, document markers, directives, tabs, carriage
//! returns, a byte-order mark, control characters, keys written twice,
//! explicit indentation indicators, plain values that could be read as
//! something else than a string (numbers, `null`, `true` …), files with
//! many nodes. The caller then reads the file with serde-saphyr as before,
//! so every diagnostic still comes from there.

mod scalar;
#[cfg(test)]
pub(crate) mod test_files;

use std::ops::Range;

/// A scalar's value and its span (as `YamlText::span` gives it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scalar {
    pub value: String,
    pub span: Range<usize>,
}

/// A mapping's value.
#[derive(Debug)]
pub(crate) enum Value<'a> {
    Str(Scalar),
    /// A block sequence of mappings: where its span starts, and its items.
    Seq(usize, Vec<Map<'a>>),
}

/// A block mapping: its keys as written, in order, each once.
pub(crate) type Map<'a> = Vec<(&'a str, Value<'a>)>;

/// At most this many nodes (keys, values, mappings, sequences) and `#`
/// (each comment is an event to serde-saphyr, whose budget is 1,000,000
/// events) per file: well inside serde-saphyr's budgets of 250,000 nodes
/// and 1,000,000 events, so that a file read here is one it would accept
/// too.
const MAX_NODES: usize = 100_000;

/// What the files of one kind may hold beyond the subset every file is
/// read in: each caller gives its own (fact files, the manifest).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// The most keys a mapping can have (the fields of the mappings read):
    /// a mapping with more has an unknown or repeated key, and is left to
    /// serde-saphyr before the repeated-key check grows with it.
    pub max_keys: usize,
    /// Whether a plain scalar may start with a digit when YAML can only
    /// read it as a string, not as a number or a timestamp (a SHA-256
    /// such as `3a6b5b87…`, a file name such as `000_a469….txt`).
    pub digit_words: bool,
}

/// Each of `items` read by `read`, or `None` as soon as one is not. The
/// vector is of the exact size: `collect` into an `Option<Vec<_>>` cannot
/// know the length and would leave up to half of it unused (about 1 MB per
/// 1,000 facts).
pub(crate) fn each<T>(items: Vec<Map<'_>>, read: impl Fn(Map<'_>) -> Option<T>) -> Option<Vec<T>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(read(item)?);
    }
    Some(out)
}

/// Reads `text` as a block sequence of mappings, or `None` when it is not
/// one this reader is sure of.
pub(crate) fn read(text: &str, shape: Shape) -> Option<Vec<Map<'_>>> {
    read_with_layout(text, shape).map(|(items, _)| items)
}

/// Where the items of a file that [`read`] read start, so that the file can
/// be read again after an edit from the item before the edit on
/// ([`reread`]), and the items after it taken as they were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The column of the top-level sequence's `-`.
    col: usize,
    /// For each item: the start of its line, and the nodes counted before
    /// it (not counting the file's `#`).
    items: Vec<(usize, usize)>,
    /// The nodes counted in the whole file (not counting its `#`).
    nodes: usize,
    /// The file's `#`, counted as nodes.
    hashes: usize,
}

impl Layout {
    /// The number of items.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }
}

/// [`read`], and where the items start.
pub(crate) fn read_with_layout(text: &str, shape: Shape) -> Option<(Vec<Map<'_>>, Layout)> {
    // Over the file limit only when called on text in memory (serde-saphyr
    // has a 64 MiB limit on scalars).
    if !plain_text(text.as_bytes()) || text.len() as u64 > crate::project::read::MAX_FILE_BYTES {
        return None;
    }
    // Every `#` counts as a node: an over-count of the comments, which are
    // events to serde-saphyr.
    let hashes = memchr::memchr_iter(b'#', text.as_bytes()).count();
    let mut r = Reader {
        text,
        b: text.as_bytes(),
        line: 0,
        nodes: hashes,
        shape,
    };
    if hashes > MAX_NODES {
        return None;
    }
    let (col, _) = r.peek()?;
    // The top-level sequence's node.
    r.node()?;
    let mut layout = Layout {
        col,
        items: Vec::new(),
        nodes: 0,
        hashes,
    };
    let (items, _) = r.top(col, &mut layout.items, hashes, |_| false)?;
    // Everything was read: nothing is left but blank and comment lines.
    if r.peek().is_some() || items.is_empty() {
        return None;
    }
    layout.nodes = r.nodes - hashes;
    Some((items, layout))
}

/// What [`reread`] read of an edited file: the items `..before` of the
/// last read are unchanged, `items` are read anew, and the items `after..`
/// of the last read follow unchanged but `shift` bytes further on.
#[derive(Debug)]
pub(crate) struct Reread<'a> {
    pub before: usize,
    pub items: Vec<Map<'a>>,
    pub after: usize,
    pub shift: isize,
    /// The edited file's layout.
    pub layout: Layout,
}

/// Reads `text`, an edit of `old` whose [`read_with_layout`] gave
/// `layout`, from the item before the first changed byte to the first
/// item start after the last changed byte (the text from there on is the
/// old text's, so the reader, which only reads forward, reads it as it did
/// before). Gives what [`read_with_layout`] gives for `text`, or `None`
/// where it would give `None` (and sometimes where it would not: the
/// caller then reads the whole file).
pub(crate) fn reread<'a>(
    old: &str,
    layout: &Layout,
    text: &'a str,
    shape: Shape,
) -> Option<Reread<'a>> {
    let (o, b) = (old.as_bytes(), text.as_bytes());
    if text.len() as u64 > crate::project::read::MAX_FILE_BYTES {
        return None;
    }
    let prefix = common_prefix(o, b);
    let suffix = common_suffix(&o[prefix..], &b[prefix..]);
    let (old_end, end) = (o.len() - suffix, b.len() - suffix);
    // The whole lines the edit touched hold no character the reader leaves
    // to serde-saphyr (the others held none in the old text), and the
    // text still ends with a line break.
    let lines_start = memchr::memrchr(b'\n', &b[..prefix]).map_or(0, |i| i + 1);
    let lines_end = memchr::memchr(b'\n', &b[end..]).map_or(b.len(), |i| end + i + 1);
    if !plain_text(&b[lines_start..lines_end]) || b.last() != Some(&b'\n') {
        return None;
    }
    let count = |s: &[u8]| memchr::memchr_iter(b'#', s).count();
    let hashes = layout.hashes - count(&o[prefix..old_end]) + count(&b[prefix..end]);
    if hashes > MAX_NODES {
        return None;
    }
    // The reading of an item looks at the first bytes of the next item's
    // line (where it ends): start one item before the one the edit is in.
    let at = layout.items.partition_point(|&(start, _)| start <= prefix);
    let before = at.saturating_sub(2);
    let shift = b.len() as isize - o.len() as isize;
    let mut r = Reader {
        text,
        b,
        line: 0,
        nodes: hashes,
        shape,
    };
    let mut starts = layout.items[..before].to_vec();
    let col = if before == 0 {
        let (col, _) = r.peek()?;
        r.node()?;
        col
    } else {
        let (line, nodes) = layout.items[before];
        r.line = line;
        r.nodes = nodes + hashes;
        layout.col
    };
    // An old item whose line starts after the edit (in the same column):
    // the reader would read it and all that follows as before.
    let old_item = |line: usize| {
        let old_line = (line as isize - shift) as usize;
        layout.items[at..]
            .binary_search_by_key(&old_line, |&(s, _)| s)
            .ok()
            .map(|i| at + i)
    };
    let resume = |line: usize| col == layout.col && line >= end && old_item(line).is_some();
    let (items, resumed) = r.top(col, &mut starts, hashes, resume)?;
    let mut nodes = r.nodes - hashes;
    let after = match resumed.and_then(old_item) {
        Some(after) => {
            let (_, old_nodes) = layout.items[after];
            let moved = layout.items[after..]
                .iter()
                .map(|&(s, n)| ((s as isize + shift) as usize, nodes + n - old_nodes));
            starts.extend(moved);
            nodes += layout.nodes - old_nodes;
            if nodes + hashes > MAX_NODES {
                return None;
            }
            after
        }
        None => {
            if r.peek().is_some() {
                return None;
            }
            layout.items.len()
        }
    };
    if starts.is_empty() {
        return None;
    }
    Some(Reread {
        before,
        items,
        after,
        shift,
        layout: Layout {
            col,
            items: starts,
            nodes,
            hashes,
        },
    })
}

/// The length of the longest common prefix of `a` and `b`, compared a
/// block at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let mut at = 0;
    while at + CHUNK <= n && a[at..at + CHUNK] == b[at..at + CHUNK] {
        at += CHUNK;
    }
    at + a[at..n]
        .iter()
        .zip(&b[at..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the longest common suffix of `a` and `b`.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut len = 0;
    while len + CHUNK <= n && a[n - len - CHUNK..n - len] == b[n - len - CHUNK..n - len] {
        len += CHUNK;
    }
    len + a[..n - len]
        .iter()
        .rev()
        .zip(b[..n - len].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Whether the text has none of the characters this reader leaves to
/// serde-saphyr: tabs, carriage returns and other C0 controls, DEL, the C1
/// controls (U+0080-U+009F), U+2028, U+2029, U+FEFF, U+FFFE and U+FFFF;
/// and ends with a line break. Blocks of [`BLOCK`] bytes with no byte
/// that may start one are skipped whole; the reference test
/// (`reference_tests.rs`) checks it against the scan of every byte.
fn plain_text(b: &[u8]) -> bool {
    if b.last() != Some(&b'\n') {
        return false;
    }
    let mut at = 0;
    while at < b.len() {
        let end = (at + BLOCK).min(b.len());
        // No early exit inside a block, so the compiler can check it with
        // vector instructions.
        if b[at..end]
            .iter()
            .fold(false, |any, &c| any | may_be_refused(c))
            && (at..end).any(|i| refused_at(b, i))
        {
            return false;
        }
        at = end;
    }
    true
}

/// Bytes read at once by [`plain_text`].
const BLOCK: usize = 32;

/// Whether byte `c` may start a character [`plain_text`] refuses: a C0
/// control other than line feed, DEL, or the lead byte of one of the
/// refused characters above U+007F (`0xC2`, `0xE2`, `0xEF`).
fn may_be_refused(c: u8) -> bool {
    (c < 0x20) & (c != b'\n') | (c == 0x7F) | (c == 0xC2) | (c == 0xE2) | (c == 0xEF)
}

/// Whether the character starting at byte `i` of `b` (or the continuation
/// byte at `i`) is one [`plain_text`] refuses.
fn refused_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | 0x20..0x7F => false,
        0..0x20 | 0x7F => true,
        // The text is UTF-8: a lead byte has its continuation bytes.
        0xC2 => (0x80..0xA0).contains(&b[i + 1]),
        0xE2 => b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9),
        0xEF => (b[i + 1] == 0xBB && b[i + 2] == 0xBF) || (b[i + 1] == 0xBF && b[i + 2] >= 0xBE),
        _ => false,
    }
}

pub(crate) struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    /// The start of the line the reader is at.
    line: usize,
    nodes: usize,
    shape: Shape,
}

impl<'a> Reader<'a> {
    /// The next line with content (not blank, not a comment): its
    /// indentation and where its content starts. Moves `line` there.
    fn peek(&mut self) -> Option<(usize, usize)> {
        loop {
            if self.line >= self.b.len() {
                return None;
            }
            let at = self.line + spaces(&self.b[self.line..]);
            match self.b[at] {
                b'\n' | b'#' => self.line = self.next_line(at),
                _ => return Some((at - self.line, at)),
            }
        }
    }

    /// The start of the line after the one holding `at`.
    fn next_line(&self, at: usize) -> usize {
        memchr::memchr(b'\n', &self.b[at..]).map_or(self.b.len(), |i| at + i + 1)
    }

    fn node(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }

    /// A block sequence of mappings whose `-` are at column `col`, the
    /// reader being at its first item. An indentless sequence (at the
    /// column of its parent's keys) ends at a key of its parent.
    fn seq(&mut self, col: usize, indentless: bool) -> Option<Vec<Map<'a>>> {
        self.node()?;
        let mut items = Vec::new();
        while let Some((c, at)) = self.peek() {
            if c < col || (indentless && c == col && self.b[at] != b'-') {
                break;
            }
            items.push(self.item(col, c, at)?);
        }
        Some(items)
    }

    /// The top-level sequence (its `-` at column `col`) from the item the
    /// reader is at, its node counted: pushes each item's line start and the
    /// nodes counted before it (not counting the file's `hashes`) to
    /// `starts`. Stops before the first item
    /// whose line start `resume` accepts, and gives that line start.
    fn top(
        &mut self,
        col: usize,
        starts: &mut Vec<(usize, usize)>,
        hashes: usize,
        resume: impl Fn(usize) -> bool,
    ) -> Option<(Vec<Map<'a>>, Option<usize>)> {
        let mut items = Vec::new();
        while let Some((c, at)) = self.peek() {
            if c < col {
                break;
            }
            if resume(self.line) {
                return Some((items, Some(self.line)));
            }
            starts.push((self.line, self.nodes - hashes));
            items.push(self.item(col, c, at)?);
        }
        Some((items, None))
    }

    /// The item of a sequence whose `-` are at column `col`, on the
    /// content line at `at` (column `c`).
    fn item(&mut self, col: usize, c: usize, at: usize) -> Option<Map<'a>> {
        if c > col || self.b[at] != b'-' || self.b[at + 1] != b' ' {
            return None;
        }
        let key = at + 1 + spaces(&self.b[at + 1..]);
        if matches!(self.b[key], b'\n' | b'#') {
            return None;
        }
        self.map(key - self.line, key)
    }

    /// A block mapping whose keys are at column `m`, its first key at `at`
    /// on the current line.
    fn map(&mut self, m: usize, mut at: usize) -> Option<Map<'a>> {
        self.node()?;
        let mut map: Map<'a> = Vec::new();
        loop {
            let name_end = at + self.b[at..].iter().take_while(|&&c| is_key_byte(c)).count();
            if name_end == at || self.b[name_end] != b':' {
                return None;
            }
            let name = &self.text[at..name_end];
            if map.len() == self.shape.max_keys || map.iter().any(|(k, _)| *k == name) {
                return None;
            }
            self.node()?;
            let after = name_end + 1;
            let value_at = after + spaces(&self.b[after..]);
            let value = match self.b[value_at] {
                b'\n' => self.nested(m, value_at)?,
                b'#' if value_at > after => self.nested(m, value_at)?,
                _ if value_at > after => {
                    self.node()?;
                    Value::Str(scalar::read(self, value_at, m)?)
                }
                _ => return None,
            };
            map.push((name, value));
            match self.peek() {
                Some((c, next)) if c == m => at = next,
                Some((c, _)) if c > m => return None,
                _ => return Some(map),
            }
        }
    }

    /// The block sequence that is the value of a key at column `m`, whose
    /// line ends at `eol` (after spaces and a comment).
    fn nested(&mut self, m: usize, eol: usize) -> Option<Value<'a>> {
        self.line = self.next_line(eol);
        let (c, at) = self.peek()?;
        if c < m || self.b[at] != b'-' || self.b[at + 1] != b' ' {
            return None;
        }
        let indentless = c == m;
        // serde-saphyr's span of a sequence: its first `-`; for an
        // indentless one, the first item's content after the `-`.
        let start = if indentless {
            at + 1 + spaces(&self.b[at + 1..])
        } else {
            at
        };
        Some(Value::Seq(start, self.seq(c, indentless)?))
    }
}

/// The number of spaces at the start of `b`.
fn spaces(b: &[u8]) -> usize {
    b.iter().take_while(|&&c| c == b' ').count()
}

/// The bytes a key may have: the fields are lowercase words and digits
/// joined by `_` (`sha256`). A key is then one of the caller's fields, or
/// the file is left to serde-saphyr.
fn is_key_byte(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_'
}

#[cfg(test)]
#[path = "reference_tests.rs"]
mod reference_tests;
