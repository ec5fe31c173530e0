//! `serve` keeps a cache from one rebuild to the next (src/memo.rs, the
//! aggregate `Cache` in src/lib.rs). These
//! tests check that a warm cache gives exactly what an empty one (as `build`
//! uses) gives: the same files, byte for byte, and the same diagnostics,
//! edit after edit, for valid and broken projects alike. The warm cache is
//! told which files changed, as serve's watcher tells it, and takes every
//! other file as the last run read it.

use proptest::prelude::*;
use sourced::Cache;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The site (when the build succeeds) and the full diagnostic text.
#[derive(Debug, PartialEq, Eq)]
struct Result {
    files: Option<BTreeMap<String, Vec<u8>>>,
    diagnostics: String,
}

fn run(root: &Path, cache: &mut Cache) -> Result {
    let (outcome, files) = sourced::render_project(root, false, cache).unwrap();
    Result {
        files: files.map(|files| {
            files
                .into_iter()
                .map(|f| (f.path.to_string_lossy().into_owned(), f.bytes.to_vec()))
                .collect()
        }),
        diagnostics: sourced::diagnostic::render(&outcome.diagnostics, &outcome.files, false)
            + &sourced::diagnostic::summary(&outcome.diagnostics),
    }
}

/// Every file under the project's watched folders, by path relative to
/// the project, with its bytes.
fn snapshot(root: &Path) -> BTreeMap<std::path::PathBuf, Vec<u8>> {
    ["content", "seeds", "templates"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(root.join(dir)).into_iter().flatten())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// What serve's watcher reports between two snapshots: every file made,
/// removed or changed.
fn changed_between(
    before: &BTreeMap<std::path::PathBuf, Vec<u8>>,
    after: &BTreeMap<std::path::PathBuf, Vec<u8>>,
) -> sourced::project::Changed {
    let paths = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .cloned()
        .collect();
    sourced::project::Changed::Paths(paths)
}

/// A rebuild with a warm cache told which files changed since `before`, as
/// serve's watcher tells it.
fn rebuild(
    root: &Path,
    warm: &mut Cache,
    before: &BTreeMap<std::path::PathBuf, Vec<u8>>,
) -> Result {
    warm.load
        .set_changed(changed_between(before, &snapshot(root)));
    run(root, warm)
}

/// This repository's briefing, copied.
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "seeds"] {
        crate::common::copy_dir(&repo.join(dir), &tmp.path().join(dir));
    }
    tmp
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn set_sha(root: &Path, seed: &str) {
    let bytes = fs::read(root.join("seeds").join(seed)).unwrap();
    let manifest = fs::read_to_string(root.join("seeds/sources.yaml")).unwrap();
    let at = manifest.find(&format!("file: {seed}")).unwrap();
    let sha_at = at + manifest[at..].find("sha256: ").unwrap() + "sha256: ".len();
    let mut out = manifest.clone();
    out.replace_range(
        sha_at..sha_at + 64,
        &sourced::project::source::sha256_hex(&bytes),
    );
    fs::write(root.join("seeds/sources.yaml"), out).unwrap();
}

type Step = (&'static str, fn(&Path));

const STEPS: &[Step] = &[
    ("name an outlet in a heading and in a sentence", |r| {
        edit(
            r,
            "content/briefing.md",
            "## The money",
            "## The money, per Reuters",
        );
        edit(
            r,
            "content/briefing.md",
            "The unnamed article says Microsoft has also expanded",
            "According to Reuters, the unnamed article says Microsoft has also expanded",
        )
    }),
    // The names the prose may use change, the briefing unchanged: what was
    // read of its heading and sentences with the old names is not reused.
    ("make that outlet an origin", |r| {
        edit(
            r,
            "seeds/sources.yaml",
            "  name: aicnbc.com\n",
            "  name: aicnbc.com\n  based_on: Reuters\n",
        )
    }),
    ("make it no origin again", |r| {
        edit(
            r,
            "seeds/sources.yaml",
            "  name: aicnbc.com\n  based_on: Reuters\n",
            "  name: aicnbc.com\n",
        )
    }),
    ("take the outlet out of the prose", |r| {
        edit(
            r,
            "content/briefing.md",
            "## The money, per Reuters",
            "## The money",
        );
        edit(
            r,
            "content/briefing.md",
            "According to Reuters, the unnamed article says Microsoft has also expanded",
            "The unnamed article says Microsoft has also expanded",
        )
    }),
    ("edit a claim", |r| {
        edit(
            r,
            "content/facts/deal.yaml",
            "Scout dates the rewrite",
            "Scout, a news briefing, dates the rewrite",
        )
    }),
    ("swap two facts, moving every span", |r| {
        let path = r.join("content/facts/deal.yaml");
        let text = fs::read_to_string(&path).unwrap();
        let a = text.find("- id: partnership-restructured").unwrap();
        let b = text.find("- id: rewrite-date").unwrap();
        let c = text.find("- id: most-significant-change").unwrap();
        let swapped = format!("{}{}{}{}", &text[..a], &text[b..c], &text[a..b], &text[c..]);
        fs::write(&path, swapped).unwrap();
    }),
    ("misquote", |r| {
        edit(
            r,
            "content/facts/deal.yaml",
            "rewrote their partnership Monday",
            "rewrote their partnership on Monday",
        )
    }),
    ("put the quote right", |r| {
        edit(
            r,
            "content/facts/deal.yaml",
            "rewrote their partnership on Monday",
            "rewrote their partnership Monday",
        )
    }),
    ("a number the quotes do not give", |r| {
        edit(
            r,
            "content/facts/deal.yaml",
            "to Monday, April 27.",
            "to Monday, April 28.",
        )
    }),
    ("put the number right", |r| {
        edit(
            r,
            "content/facts/deal.yaml",
            "to Monday, April 28.",
            "to Monday, April 27.",
        )
    }),
    ("a number the quotes do not give, far down a file", |r| {
        edit(
            r,
            "content/facts/money.yaml",
            "more than $13 billion in OpenAI",
            "more than $14 billion in OpenAI",
        )
    }),
    // serve reads only the first facts of the file again and moves the
    // others: the diagnostic must point where the fact now is.
    (
        "add a line near the top of that file, moving the fact",
        |r| {
            edit(
                r,
                "content/facts/money.yaml",
                "  claim: Microsoft will no longer pay a revenue share to OpenAI.\n",
                "  claim: Microsoft will no longer pay a revenue share to OpenAI.\n  # Moves the facts below.\n",
            )
        },
    ),
    ("put that number right", |r| {
        edit(
            r,
            "content/facts/money.yaml",
            "more than $14 billion in OpenAI",
            "more than $13 billion in OpenAI",
        )
    }),
    ("change a seed without its hash", |r| {
        let path = r.join("seeds/000_a4699e0d44194540.txt");
        let text = fs::read_to_string(&path).unwrap();
        // Every quote in this seed moves.
        fs::write(
            &path,
            format!("An added first line of the saved page.\n{text}"),
        )
        .unwrap();
    }),
    ("record the seed's new hash", |r| {
        set_sha(r, "000_a4699e0d44194540.txt")
    }),
    // Every quote stays where it was and still matches (both apostrophes
    // are three bytes, and both read as `'`), but the passage a note shows
    // in its link to the source is written differently: that note is
    // rendered again.
    ("change an apostrophe inside a quoted passage", |r| {
        edit(
            r,
            "seeds/001_a9b090834bf4bc24.txt",
            "While Microsoft remains OpenAI\u{2019}s",
            "While Microsoft remains OpenAI\u{2018}s",
        );
        set_sha(r, "001_a9b090834bf4bc24.txt")
    }),
    ("retitle a source", |r| {
        edit(
            r,
            "seeds/sources.yaml",
            "title: Microsoft and OpenAI end exclusive cloud partnership",
            "title: Microsoft and OpenAI end their exclusive cloud partnership",
        )
    }),
    ("retitle the briefing", |r| {
        edit(
            r,
            "content/briefing.md",
            "title: \"Microsoft and OpenAI loosen",
            "title: \"Microsoft and OpenAI relax",
        )
    }),
    ("override a template", |r| {
        fs::create_dir_all(r.join("templates")).unwrap();
        let note =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/note.html"))
                .unwrap();
        fs::write(
            r.join("templates/note.html"),
            note.replace("class=\"claim\"", "class=\"claim custom\""),
        )
        .unwrap();
    }),
    ("cite a fact once less", |r| {
        edit(r, "content/briefing.md", "[^partnership-restructured]", "")
    }),
    ("cite an unknown fact", |r| {
        edit(
            r,
            "content/briefing.md",
            "[^rewrite-date]",
            "[^rewrite-dat]",
        )
    }),
    ("cite the fact again", |r| {
        edit(
            r,
            "content/briefing.md",
            "[^rewrite-dat]",
            "[^rewrite-date]",
        )
    }),
    ("hide a character in a claim", |r| {
        edit(
            r,
            "content/facts/deal.yaml",
            "have restructured their partnership.",
            "have re\u{200B}structured their partnership.",
        )
    }),
    ("show the character again", |r| {
        edit(
            r,
            "content/facts/deal.yaml",
            "have re\u{200B}structured their partnership.",
            "have restructured their partnership.",
        )
    }),
    ("hide a character in the prose", |r| {
        edit(
            r,
            "content/briefing.md",
            "moving away from exclusivity",
            "moving away\u{200B} from exclusivity",
        )
    }),
    ("show the prose's character again", |r| {
        edit(
            r,
            "content/briefing.md",
            "moving away\u{200B} from exclusivity",
            "moving away from exclusivity",
        )
    }),
    ("count a fact's sources in its claim", |r| {
        edit(
            r,
            "content/facts/deal.yaml",
            "claim: Microsoft and OpenAI have restructured their partnership.",
            "claim: Five sources say Microsoft and OpenAI have restructured their partnership.",
        )
    }),
    (
        "give two of its sources one origin, the claim unchanged",
        |r| {
            edit(
                r,
                "seeds/sources.yaml",
                "  name: Scout\n",
                "  name: Scout\n  based_on: Dataconomy\n",
            )
        },
    ),
    ("miscount the sources in the prose", |r| {
        edit(
            r,
            "content/briefing.md",
            "Scout, the only source to date the rewrite,",
            "Scout, one of two sources to date the rewrite,",
        )
    }),
    ("count the sources in the prose right", |r| {
        edit(
            r,
            "content/briefing.md",
            "Scout, one of two sources to date the rewrite,",
            "Scout, the only source to date the rewrite,",
        )
    }),
    ("change a number in the prose", |r| {
        edit(
            r,
            "content/briefing.md",
            "on Monday, April 27.[^rewrite-date]",
            "on Monday, April 26.[^rewrite-date]",
        )
    }),
    ("put the prose's number right", |r| {
        edit(
            r,
            "content/briefing.md",
            "on Monday, April 26.[^rewrite-date]",
            "on Monday, April 27.[^rewrite-date]",
        )
    }),
    ("add a fact file", |r| {
        let deal = fs::read_to_string(r.join("content/facts/deal.yaml")).unwrap();
        let at = deal.find("- id: rewrite-date").unwrap();
        let end = at + deal[at..].find("\n\n").unwrap();
        let fact = deal[at..end].replace("rewrite-date", "rewrite-day");
        fs::write(r.join("content/facts/more.yaml"), fact + "\n").unwrap();
    }),
    ("cite the added fact in the prose", |r| {
        edit(
            r,
            "content/briefing.md",
            "[^rewrite-date]",
            "[^rewrite-day]",
        )
    }),
    ("remove a fact from a file", |r| {
        let path = r.join("content/facts/deal.yaml");
        let text = fs::read_to_string(&path).unwrap();
        let at = text.find("- id: partnership-more-flexible").unwrap();
        let end = at + text[at..].find("\n\n").unwrap() + 2;
        fs::write(&path, format!("{}{}", &text[..at], &text[end..])).unwrap();
    }),
    ("remove the added fact file", |r| {
        fs::remove_file(r.join("content/facts/more.yaml")).unwrap();
    }),
    // Two facts with one id, the earlier one new: it takes the id's entry
    // in the cache of checked facts, which the later one had reused.
    (
        "give a fact of an earlier file the id of a later one",
        |r| {
            edit(
                r,
                "content/facts/amazon.yaml",
                "- id: amazon-partnership-february",
                "- id: microsoft-stops-paying-share",
            )
        },
    ),
    // The entry is the earlier fact's: it must not hold the later one.
    ("remove the later one, and cite the earlier one", |r| {
        edit(
            r,
            "content/facts/money.yaml",
            "- id: microsoft-stops-paying-share\n  claim: Microsoft will no longer pay a revenue share to OpenAI.\n",
            "- id: microsoft-stopped-paying-share\n  claim: Microsoft will no longer pay a revenue share to OpenAI.\n",
        );
        edit(
            r,
            "content/briefing.md",
            "[^amazon-partnership-february]",
            "[^microsoft-stops-paying-share]",
        );
    }),
    ("break a fact file's YAML", |r| {
        edit(r, "content/facts/money.yaml", "- id:", "- id: [")
    }),
    ("remove the broken fact file", |r| {
        fs::remove_file(r.join("content/facts/money.yaml")).unwrap();
    }),
];

#[test]
fn a_warm_cache_gives_what_an_empty_one_gives_edit_after_edit() {
    let tmp = project();
    let root = tmp.path();
    let mut warm = Cache::keeping();
    let mut last = run(root, &mut warm);
    assert!(last.files.is_some(), "{}", last.diagnostics);
    assert_eq!(last, run(root, &mut Cache::default()));
    for (name, step) in STEPS {
        let before = snapshot(root);
        step(root);
        let now = rebuild(root, &mut warm, &before);
        assert_eq!(now, run(root, &mut Cache::default()), "after: {name}");
        // Each edit changes the site or the diagnostics, so the comparison
        // above is not between two unchanged results.
        assert_ne!(now, last, "no change after: {name}");
        last = now;
    }
    assert!(last.files.is_none(), "the last steps break the build");
}

/// The note of `scout-investment-2023` gives 2019, which only other facts'
/// claims state. Moved down its file while they stop stating it, its
/// number must be reported where it now is: a fact that carries such a
/// number is not reused from the cache, whose input leaves positions out.
#[test]
fn a_note_number_moved_and_unstated_is_reported_where_it_now_is() {
    let tmp = project();
    let root = tmp.path();
    let mut warm = Cache::keeping();
    let first = run(root, &mut warm);
    assert!(first.files.is_some(), "{}", first.diagnostics);
    let before = snapshot(root);
    edit(
        root,
        "content/facts/money.yaml",
        "- id:",
        "# moved\n\n- id:",
    );
    edit(
        root,
        "content/facts/money.yaml",
        "in OpenAI since 2019.",
        "in OpenAI.",
    );
    edit(
        root,
        "content/facts/deal.yaml",
        "investment in 2019, now",
        "investment, now",
    );
    let now = rebuild(root, &mut warm, &before);
    assert_eq!(now, run(root, &mut Cache::default()));
    let at = "content/facts/money.yaml:115:33";
    assert!(now.diagnostics.contains(at), "{}", now.diagnostics);
}

/// A random edit to a line of one of the project's files.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Insert(usize, String),
}

fn edit_strategy() -> impl Strategy<Value = (usize, Edit)> {
    let line = 0..400usize;
    (
        0..7usize,
        prop_oneof![
            line.clone().prop_map(Edit::Delete),
            line.clone().prop_map(Edit::Duplicate),
            (line.clone(), line.clone()).prop_map(|(a, b)| Edit::Swap(a, b)),
            (line, "(2032|2033|very|\\[\\^rewrite-date\\]|\"|: |  )")
                .prop_map(|(a, w)| Edit::Insert(a, w)),
        ],
    )
}

const FILES: &[&str] = &[
    "content/facts/deal.yaml",
    "content/facts/money.yaml",
    "content/facts/amazon.yaml",
    "content/facts/context.yaml",
    "content/briefing.md",
    "seeds/sources.yaml",
    "seeds/002_73cfc85442e9fd90.txt",
];

fn apply(root: &Path, (file, edit): &(usize, Edit)) {
    let path = root.join(FILES[*file]);
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match edit {
        Edit::Delete(i) => {
            lines.remove(i % n);
        }
        Edit::Duplicate(i) => lines.insert(i % n, lines[i % n].clone()),
        Edit::Swap(a, b) => lines.swap(a % n, b % n),
        Edit::Insert(i, w) => {
            let line = &mut lines[i % n];
            let at = line
                .char_indices()
                .map(|(i, _)| i)
                .nth(line.len() / 2)
                .unwrap_or(0);
            line.insert_str(at.min(line.len()), w);
        }
    }
    fs::write(&path, lines.join("\n") + "\n").unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_give_the_same_result_warm_or_cold(
        edits in proptest::collection::vec(edit_strategy(), 1..5)
    ) {
        let tmp = project();
        let root = tmp.path();
        fs::create_dir_all(root.join("content/facts")).unwrap();
        let mut warm = Cache::keeping();
        run(root, &mut warm);
        for e in &edits {
            let before = snapshot(root);
            apply(root, e);
            let now = rebuild(root, &mut warm, &before);
            prop_assert_eq!(now, run(root, &mut Cache::default()), "after {:?}", e);
        }
    }
}
