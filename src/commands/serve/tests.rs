use super::*;

#[test]
fn decodes_percent_escapes_without_splitting_characters() {
    assert_eq!(percent_decode("a%20b"), "a b");
    assert_eq!(percent_decode("%E2%80%99"), "\u{2019}");
    assert_eq!(percent_decode("%"), "%");
    assert_eq!(percent_decode("%zz’"), "%zz’");
}

#[test]
fn a_panic_in_a_rebuild_is_shown_and_the_next_rebuild_works() {
    let shared: Shared = Arc::default();
    let events = Mutex::new(Vec::new());
    let report = |e: Event| events.lock().unwrap().push(format!("{e:?}"));
    let mut cache = crate::Cache::keeping();
    rebuild_with(|_| panic!("a planted bug"), &mut cache, &shared, &report);
    {
        let state = shared.0.lock().unwrap();
        let failure = state.failure.as_deref().unwrap();
        assert!(
            failure.starts_with("internal error: sourced panicked while building: a planted bug\n"),
            "{failure}"
        );
        assert_eq!(state.generation, 1);
    }
    let page = failure_page(shared.0.lock().unwrap().failure.as_deref().unwrap());
    assert!(page.contains("sourced panicked while building: a planted bug"));
    // The watcher calls rebuild again on the next change, and it works.
    let ok = |_: &mut crate::Cache| -> Built {
        let outcome = crate::Outcome {
            diagnostics: Vec::new(),
            files: Default::default(),
            written: 0,
            timings: Vec::new(),
        };
        let file = crate::render::OutputFile {
            path: "index.html".into(),
            bytes: b"<html></html>".to_vec().into(),
        };
        Ok((outcome, Some(vec![file])))
    };
    rebuild_with(ok, &mut cache, &shared, &report);
    let state = shared.0.lock().unwrap();
    assert_eq!(state.failure, None);
    assert_eq!(state.generation, 2);
    assert!(state.files.contains_key("index.html"));
    let events = events.lock().unwrap();
    assert!(
        events[0].starts_with("Error(\"internal error: sourced panicked"),
        "{events:?}"
    );
    assert!(events[1].starts_with("Built {"), "{events:?}");
}

#[test]
fn the_reload_script_goes_before_the_end_of_the_body() {
    let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
    assert!(out.ends_with(&format!("{RELOAD}\n</body></html>")));
}

#[test]
fn the_failure_page_escapes_the_report() {
    assert_eq!(
        escape(r#"<b href="x">'&'</b>"#),
        "&lt;b href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
    );
    let page = failure_page("error: <script>");
    assert!(page.contains("<pre>error: &lt;script&gt;</pre>"), "{page}");
}

/// The events of one save, as the watcher gives them, and what serve makes
/// of them: whether the save is settled after each event, and the files
/// changed at the end.
fn save(events: &[(notify::EventKind, &[&str])]) -> (Vec<bool>, crate::project::Changed) {
    let base = Path::new("/work/project");
    let mut saving = Saving::default();
    let settled = events
        .iter()
        .map(|(kind, paths)| {
            let mut event = notify::Event::new(*kind);
            for p in *paths {
                event = event.add_path(base.join(p));
            }
            saving.note(base, Ok(event));
            saving.settled()
        })
        .collect();
    (settled, saving.changed)
}

fn changed(paths: &[&str]) -> crate::project::Changed {
    crate::project::Changed::Paths(paths.iter().map(std::path::PathBuf::from).collect())
}

#[test]
fn a_save_is_taken_when_every_file_written_is_closed_renamed_or_removed() {
    use notify::EventKind::{Access, Create, Modify, Remove};
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind};
    use notify::event::{RemoveKind, RenameMode};
    let data = Modify(ModifyKind::Data(DataChange::Any));
    let closed = Access(AccessKind::Close(AccessMode::Write));
    let opened = Access(AccessKind::Open(AccessMode::Any));
    // Written in place (truncated, written, closed).
    let fact = "content/facts/deal.yaml";
    assert_eq!(
        save(&[
            (opened, &[fact]),
            (data, &[fact]),
            (data, &[fact]),
            (closed, &[fact])
        ]),
        (vec![true, false, false, true], changed(&[fact]))
    );
    // Written to a new file, then renamed over the old one.
    let tmp = "content/facts/.deal.yaml.tmp";
    let (settled, files) = save(&[
        (Create(CreateKind::File), &[tmp]),
        (data, &[tmp]),
        (closed, &[tmp]),
        (Modify(ModifyKind::Name(RenameMode::Both)), &[tmp, fact]),
    ]);
    assert_eq!(settled, vec![false, false, true, true]);
    assert_eq!(files, changed(&[tmp, fact]));
    // Two files, one still open; a file removed.
    let seed = "seeds/a.txt";
    assert_eq!(
        save(&[(data, &[fact]), (data, &[seed]), (closed, &[fact])]).0,
        vec![false, false, false]
    );
    assert_eq!(
        save(&[(Remove(RemoveKind::File), &[seed])]),
        (vec![true], changed(&[seed]))
    );
}

#[test]
fn a_watcher_error_a_rescan_or_a_path_elsewhere_reads_every_file() {
    use crate::project::Changed;
    let base = Path::new("/work/project");
    let data = notify::EventKind::Modify(notify::event::ModifyKind::Any);
    let in_project = || notify::Event::new(data).add_path(base.join("seeds/a.txt"));
    let events = [
        Err(notify::Error::generic("queue overflow")),
        Ok(in_project().set_flag(notify::event::Flag::Rescan)),
        Ok(notify::Event::new(data)),
        Ok(notify::Event::new(data).add_path("/elsewhere/a.txt".into())),
    ];
    for event in events {
        let mut saving = Saving::default();
        saving.note(base, Ok(in_project()));
        saving.note(base, event);
        assert_eq!(saving.changed, Changed::All);
        // And stays so for the rest of the save.
        saving.note(base, Ok(in_project()));
        assert_eq!(saving.changed, Changed::All);
    }
}
