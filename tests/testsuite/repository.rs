//! Builds this repository's own briefing and checks the result as a whole:
//! every fact is cited, every source has a page, and every footnote number
//! and internal link resolves.

use crate::test::Test;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn the_repository_builds_strictly_and_every_reference_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = Test::new(root)
        .args(["build", "--strict", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&site)
        .run();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let facts: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.join("facts.json")).unwrap()).unwrap();
    assert_eq!(facts["schema"], 2);

    // Every source has a page.
    let sources = facts["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    for s in sources {
        let page = site.join(format!("sources/{}.html", s["key"].as_str().unwrap()));
        assert!(page.is_file(), "{} is missing", page.display());
    }

    // Every fact is cited, and the numbers run 1..=N without gaps.
    let list = facts["facts"].as_array().unwrap();
    assert!(list.len() >= 40, "only {} facts", list.len());
    let mut numbers: Vec<u64> = list
        .iter()
        .map(|f| {
            f["number"]
                .as_u64()
                .unwrap_or_else(|| panic!("fact {} is not cited", f["id"]))
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=list.len() as u64).collect::<Vec<_>>());

    // Every link inside the site resolves to a file and, with a fragment,
    // to an element id in that file.
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    pages.insert(
        "index.html".into(),
        fs::read_to_string(site.join("index.html")).unwrap(),
    );
    for s in sources {
        let name = format!("sources/{}.html", s["key"].as_str().unwrap());
        pages.insert(name.clone(), fs::read_to_string(site.join(&name)).unwrap());
    }
    let ids: BTreeMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|(name, html)| (name.as_str(), attr_values(html, "id").into_iter().collect()))
        .collect();
    let mut checked = 0;
    for (name, html) in &pages {
        let dir = Path::new(name).parent().unwrap();
        for href in attr_values(html, "href") {
            if href.starts_with("http") {
                continue;
            }
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                name.clone()
            } else {
                normalise(&dir.join(file))
            };
            assert!(
                site.join(&target).is_file(),
                "{name}: {href} points at a missing file"
            );
            if !fragment.is_empty() {
                let known = ids
                    .get(target.as_str())
                    .unwrap_or_else(|| panic!("{target} not parsed"));
                assert!(
                    known.contains(fragment),
                    "{name}: {href} points at a missing id"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");

    // Each footnote number in the prose names the note with that number.
    let index = &pages["index.html"];
    for n in &numbers {
        assert!(
            index.contains(&format!("id=\"note-{n}\"")),
            "note {n} missing"
        );
        assert!(
            index.contains(&format!("href=\"#note-{n}\"")),
            "no reference to note {n}"
        );
    }
}

fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}
