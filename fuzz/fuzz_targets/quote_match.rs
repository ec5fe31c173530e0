//! The normaliser and quote matcher: normalisation is idempotent, every
//! match maps back to character boundaries of the source, and the near-miss
//! search never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourced::text::normalize::normalize;
use sourced::text::quote_match::{Quote, Searchable, explain_miss, find_all};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (source, quote) = text.split_once('\0').unwrap_or((text, ""));
    let once = normalize(source);
    assert_eq!(normalize(&once), once, "normalisation is idempotent");
    let searchable = Searchable::new(source);
    let norm = &searchable.norm;
    let q = Quote::parse(quote);
    let _ = explain_miss(&searchable, &q);
    for placement in find_all(&searchable, &q, 8) {
        for r in placement {
            let o = norm.original_range(r);
            assert!(o.start <= o.end && o.end <= source.len());
            assert!(source.is_char_boundary(o.start) && source.is_char_boundary(o.end));
        }
    }
    if let Some(piece) = q.pieces.first() {
        if let Some(m) = sourced::text::near_miss::closest(norm, piece) {
            let o = norm.original_range(m.range);
            assert!(source.is_char_boundary(o.start) && source.is_char_boundary(o.end));
        }
    }
});
