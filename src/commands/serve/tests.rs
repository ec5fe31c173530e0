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
            bytes: b"<html></html>".to_vec(),
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
