//! Outlet names in the prose.

use super::*;

/// Names of sources and origins in `text`, as (range, folded name). A name
/// that is a source's key or `name` counts wherever it is; a name known
/// only as an origin (`based_on`, `origin`) counts where it is credited
/// (`according to CNBC`, `per CNBC`, `CNBC reported`, `CNBC's report`), so
/// that `Microsoft said` names the origin Microsoft and `Microsoft keeps a
/// license` does not.
pub(super) fn mentions(names: &Names, text: &str) -> Vec<(Range<usize>, String)> {
    mentions_in(names, text, &words(text))
}

/// [`mentions`] in `text`, whose words are `ws`.
pub(super) fn mentions_in(names: &Names, text: &str, ws: &[Word]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // Names are compared without hyphens, as origins are
        // (`Data-conomy` is `Dataconomy`).
        let candidates = names
            .by_first
            .get(unhyphenated(&ws[i].lower).as_ref())
            .map_or(&[][..], Vec::as_slice);
        let hit =
            candidates.iter().find(|(name, _, _)| {
                name.len() <= ws.len() - i
                    && name.iter().zip(&ws[i..]).enumerate().all(|(k, (n, w))| {
                        *n == unhyphenated(&w.lower) && (k == 0 || !w.punct_before)
                    })
            });
        // A one-word name inside a word: a plural possessive (`Alphas'`)
        // or the first part of a compound (`Alpha-led`).
        let part = if hit.is_some() {
            None
        } else {
            name_part(names, &ws[i], text)
        };
        if let Some((len, folded, seed, compound)) = part {
            let at = ws[i].range.start;
            if seed || compound || ws[i].possessive {
                out.push((at..at + len, folded.clone()));
            }
            i += 1;
            continue;
        }
        let Some(&(ref name, ref folded, seed)) = hit else {
            i += 1;
            continue;
        };
        let end = i + name.len();
        let before = |k: usize| i.checked_sub(k).map(|j| ws[j].lower.as_ref());
        let credited = before(1).is_some_and(|w| {
            matches!(
                w,
                "per" | "citing" | "cites" | "cited" | "quoting" | "via" | "from"
            )
        }) || (before(1) == Some("to")
            && before(2).is_some_and(|w| {
                matches!(
                    w,
                    "according"
                        | "attributed"
                        | "attributes"
                        | "attributing"
                        | "credited"
                        | "credits"
                        | "traces"
                        | "traced"
                )
            }))
            || (before(1) == Some("by")
                && before(2).is_some_and(|w| {
                    matches!(
                        w,
                        "reported"
                            | "said"
                            | "summarised"
                            | "summarized"
                            | "stated"
                            | "written"
                            | "published"
                            | "quoted"
                            | "cited"
                            | "confirmed"
                            | "described"
                            | "given"
                            | "relayed"
                    )
                }))
            || ws
                .get(end)
                .is_some_and(|w| !w.punct_before && (is_verb(w) || is_noun(w)))
            || text[ws[end - 1].range.end..].trim_start().starts_with(':')
            || ws[end - 1].possessive;
        if seed || credited {
            let last = &ws[end - 1];
            let mut stop = last.range.end;
            if last.possessive
                && let Some(stem) = text[last.range.clone()]
                    .strip_suffix("'s")
                    .or_else(|| text[last.range.clone()].strip_suffix("\u{2019}s"))
            {
                stop = last.range.start + stem.len();
            }
            out.push((ws[i].range.start..stop, folded.clone()));
        }
        i = end;
    }
    out
}

/// Suffixes of a compound that credit the name before them (`Alpha-led`).
const CREDITING_COMPOUNDS: &[&str] = &[
    "led",
    "reported",
    "sourced",
    "based",
    "backed",
    "funded",
    "run",
    "owned",
    "commissioned",
];

/// A one-word name that a word holds without being it: `Alphas'` (plural
/// possessive) or `Alpha-led`. Gives the name's length in the text, its
/// folded form, whether it names a seed, and whether a crediting compound
/// holds it.
fn name_part<'p>(
    names: &'p Names,
    w: &Word,
    text: &str,
) -> Option<(usize, &'p String, bool, bool)> {
    let one = |stem: &str| {
        names
            .by_first
            .get(stem)?
            .iter()
            .find(|(name, _, _)| name.len() == 1)
            .map(|(_, folded, seed)| (folded, *seed))
    };
    if w.possessive
        && let Some(stem) = w.lower.strip_suffix('s')
        && let Some((folded, seed)) = one(stem)
    {
        let raw = &text[w.range.clone()];
        let last = raw.chars().next_back().map_or(0, char::len_utf8);
        return Some((raw.len() - last, folded, seed, false));
    }
    let (stem, rest) = w.lower.split_once(['-', '\u{2010}', '\u{2011}'])?;
    let (folded, seed) = one(stem)?;
    let len = text[w.range.clone()].find(['-', '\u{2010}', '\u{2011}'])?;
    Some((len, folded, seed, CREDITING_COMPOUNDS.contains(&rest)))
}

/// A folded word without its hyphens.
fn unhyphenated(w: &str) -> std::borrow::Cow<'_, str> {
    if w.contains(['-', '\u{2010}', '\u{2011}']) {
        w.replace(['-', '\u{2010}', '\u{2011}'], "").into()
    } else {
        w.into()
    }
}
