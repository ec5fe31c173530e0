//! The source manifest against the files in `seeds/`: keys, file names,
//! hashes, UTF-8, unlisted and duplicate seeds.

use super::*;

/// Checks the manifest against the files in `seeds/`; returns the sources
/// whose text could be read, with the path of their file.
// Over 80 lines: the manifest's checks in the order their diagnostics appear. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn check_manifest(
    project: &Project,
    sha256: &mut Memo<String, Arc<[u8]>, String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(SiteSource, PathBuf)> {
    let mut out = Vec::new();
    let mut keys: HashMap<&str, &Span> = HashMap::default();
    let mut files_seen: HashMap<&str, &Span> = HashMap::default();
    let seeds: HashMap<&str, &SeedFile> =
        project.seeds.iter().map(|s| (s.name.as_str(), s)).collect();
    let hashes = seed_hashes(project, sha256);
    for entry in project.manifest.iter() {
        let key = &entry.key;
        if !is_kebab(&key.value) {
            diags.push(not_kebab("source key", key));
        }
        if let Some(first) = keys.insert(&key.value, &key.span) {
            diags.push(
                Diagnostic::error(
                    "duplicate-key",
                    format!("source key `{}` is used twice", key.value),
                )
                .at(key.span.clone(), "used again here")
                .also(first.clone(), "first used here")
                .help("give each source its own key"),
            );
        }
        for (field, t) in [("title", &entry.title), ("publisher", &entry.publisher)] {
            if t.value.trim().is_empty() {
                diags.push(
                    Diagnostic::error("empty-field", format!("the source's `{field}` is empty"))
                        .at(t.span.clone(), "empty")
                        .help(format!("give the {field} as the document itself gives it")),
                );
            }
        }
        if let Some(url) = &entry.url
            && !(url.value.starts_with("https://") || url.value.starts_with("http://"))
        {
            diags.push(
                Diagnostic::error("bad-url", format!("`{}` is not an http(s) URL", url.value))
                    .at(
                        url.span.clone(),
                        "expected a URL starting with https:// or http://",
                    )
                    .help("give the URL the document itself gives, or leave `url` out"),
            );
        }
        let name = &entry.file.value;
        let plain = !name.is_empty()
            && !name.contains(['/', '\\', '\0'])
            && name != "."
            && name != ".."
            && !name.starts_with('.');
        if !plain {
            diags.push(
                Diagnostic::error("bad-seed-path", format!("`{name}` is not a plain file name inside seeds/"))
                    .at(entry.file.span.clone(), "not a file name")
                    .help("put the file directly inside seeds/ and give only its name, e.g. `file: article.txt`"),
            );
            continue;
        }
        if let Some(first) = files_seen.insert(name, &entry.file.span) {
            diags.push(
                Diagnostic::error(
                    "duplicate-seed",
                    format!("seed file `{name}` is listed twice"),
                )
                .at(entry.file.span.clone(), "listed again here")
                .also(first.clone(), "first listed here")
                .help("list each seed file once"),
            );
            continue;
        }
        let Some(seed) = seeds.get(name.as_str()) else {
            diags.push(
                Diagnostic::error(
                    "missing-seed",
                    format!("seed file `seeds/{name}` does not exist"),
                )
                .at(entry.file.span.clone(), "no such file in seeds/")
                .help("add the file to seeds/, or correct the name"),
            );
            continue;
        };
        if seed.is_symlink {
            diags.push(
                Diagnostic::error("symlink", format!("seed file `seeds/{name}` is a symbolic link"))
                    .at(entry.file.span.clone(), "points at a link")
                    .help("replace the link with a copy of the file: sourced only reads files that are part of the project"),
            );
            continue;
        }
        if seed.too_large {
            continue;
        }
        let actual = match hashes.get(name.as_str()) {
            Some(hash) => hash.clone(),
            None => sha256_hex(&seed.bytes),
        };
        if !actual.eq_ignore_ascii_case(entry.sha256.value.trim()) {
            diags.push(
                Diagnostic::error("seed-changed", format!("seeds/{name} does not match its recorded SHA-256"))
                    .at(entry.sha256.span.clone(), "recorded hash")
                    .note(format!("the file's SHA-256 is {actual}"))
                    .help("the source changed after its facts were checked: restore the original file, or, if the change is intended, record the new hash and re-check every fact that cites it"),
            );
        }
        let Some(text) = seed.text.clone() else {
            diags.push(
                Diagnostic::error("not-utf8", format!("seeds/{name} is not valid UTF-8"))
                    .at(entry.file.span.clone(), "this seed")
                    .help("save the seed as UTF-8"),
            );
            continue;
        };
        out.push((
            SiteSource {
                key: key.value.clone(),
                file: name.clone(),
                title: entry.title.value.clone(),
                publisher: entry.publisher.value.clone(),
                name: entry.name.as_ref().map(|n| n.value.clone()),
                url: entry.url.as_ref().map(|u| u.value.clone()),
                sha256: actual,
                text,
            },
            seed.path.clone(),
        ));
    }
    let listed: BTreeSet<&str> = project
        .manifest
        .iter()
        .map(|m| m.file.value.as_str())
        .collect();
    for seed in &project.seeds {
        if !listed.contains(seed.name.as_str()) {
            diags.push(
                Diagnostic::error("unlisted-seed", format!("seeds/{} is not in seeds/sources.yaml", seed.name))
                    .at(Span::new(seed.path.clone(), 0..0), "")
                    .help(format!(
                        "add an entry with `file: {}` (key, title, publisher, sha256) to seeds/sources.yaml, or remove the file",
                        seed.name
                    )),
            );
        }
    }
    // Duplicate keys keep the first source only.
    let mut seen = BTreeSet::new();
    out.retain(|(s, _)| seen.insert(s.key.clone()));
    out
}

/// The SHA-256 of each seed that is read (not a link, not too large): reused
/// from the cache when its bytes are unchanged, else computed, in parallel.
fn seed_hashes<'a>(
    project: &'a Project,
    memo: &mut Memo<String, Arc<[u8]>, String>,
) -> HashMap<&'a str, String> {
    let read: Vec<&SeedFile> = project
        .seeds
        .iter()
        .filter(|s| !s.is_symlink && !s.too_large)
        .collect();
    let hits: Vec<Option<String>> = read
        .iter()
        .map(|s| memo.get(s.name.as_str(), |bytes| *bytes == s.bytes))
        .collect();
    let hashed: Vec<(bool, String)> = read
        .par_iter()
        .zip(hits)
        .map(|(s, hit)| match hit {
            Some(hash) => (true, hash),
            None => (false, sha256_hex(&s.bytes)),
        })
        .collect();
    read.into_iter()
        .zip(hashed)
        .map(|(s, (hit, hash))| {
            if !hit {
                memo.put(|| (s.name.clone(), s.bytes.clone(), hash.clone()));
            }
            (s.name.as_str(), hash)
        })
        .collect()
}

pub(super) fn not_kebab(what: &str, t: &Text) -> Diagnostic {
    Diagnostic::error(
        "not-kebab-case",
        format!("{what} `{}` is not lowercase kebab-case", t.value),
    )
    .at(t.span.clone(), "not kebab-case")
    .help(format!(
        "use lowercase letters, digits and single hyphens, e.g. `{}`",
        kebab(&t.value)
    ))
}

pub(super) fn kebab(s: &str) -> String {
    let out = crate::text::suggest::to_kebab(s);
    if out.is_empty() {
        "fact-id".into()
    } else {
        out
    }
}
