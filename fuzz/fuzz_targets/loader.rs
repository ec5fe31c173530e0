//! The fact and manifest loaders, and briefing front matter, on any text:
//! no panic, and every reported span lies on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("f.yaml");
    let check = |span: &sourced::diagnostic::Span| {
        assert!(span.range.start <= span.range.end && span.range.end <= text.len());
        assert!(text.is_char_boundary(span.range.start) && text.is_char_boundary(span.range.end));
    };
    match sourced::project::fact::parse_facts_str(path, text) {
        Ok(facts) => {
            for f in facts {
                check(&f.id.span);
                check(&f.claim.span);
                for c in f.sources.iter().chain(&f.conflicts) {
                    check(&c.source.span);
                    check(&c.quote.span);
                }
            }
        }
        Err(d) => {
            if let Some(s) = &d.span {
                check(s);
            }
        }
    }
    match sourced::project::source::parse_manifest_str(path, text) {
        Ok(entries) => {
            for e in entries {
                check(&e.key.span);
                check(&e.sha256.span);
            }
        }
        Err(d) => {
            if let Some(s) = &d.span {
                check(s);
            }
        }
    }
    let _ = sourced::project::briefing::parse(Path::new("b.md"), text);
});
