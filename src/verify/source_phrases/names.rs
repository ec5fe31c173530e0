//! Outlet names in the prose.

use super::*;

/// Names of sources and origins in `text`, as (range, folded name). A name
/// that is a source's key or `name` counts wherever it is; a name known
/// only as an origin (`based_on`, `origin`) counts where it is credited
/// (`according to CNBC`, `per CNBC`, `CNBC reported`, `CNBC's report`), so
/// that `Microsoft said` names the origin Microsoft and `Microsoft keeps a
/// license` does not.
pub(super) fn mentions(prose: &Prose, text: &str) -> Vec<(Range<usize>, String)> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let candidates = prose.names.get(&ws[i].lower).map_or(&[][..], Vec::as_slice);
        let hit = candidates.iter().find(|(name, _)| {
            name.len() <= ws.len() - i
                && name
                    .iter()
                    .zip(&ws[i..])
                    .enumerate()
                    .all(|(k, (n, w))| *n == w.lower && (k == 0 || !w.punct_before))
        });
        let Some((name, folded)) = hit else {
            i += 1;
            continue;
        };
        let end = i + name.len();
        let seed = prose.origins.named(folded).0.is_some();
        let before = |k: usize| i.checked_sub(k).map(|j| ws[j].lower.as_str());
        let credited = before(1)
            .is_some_and(|w| matches!(w, "per" | "citing" | "cites" | "cited" | "quoting" | "via"))
            || (before(1) == Some("to")
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
            || ws.get(end).is_some_and(|w| !w.punct_before && is_verb(w))
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
