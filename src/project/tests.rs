use super::*;

#[test]
fn a_permission_error_is_one_plain_diagnostic() {
    // Tests run as root here, where no file is unreadable: the
    // diagnostic is checked directly.
    let e = std::io::Error::from_raw_os_error(13);
    let d = Unread::Io(e).diagnostic(Path::new("content/facts/a.yaml"));
    assert_eq!(d.code, "unreadable");
    assert_eq!(
        d.message,
        "content/facts/a.yaml cannot be read: permission denied"
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "make it readable for the user running sourced, e.g. `chmod u+r content/facts/a.yaml`"
        )
    );
}

#[test]
fn a_named_pipe_is_refused_without_opening_it() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("p");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    // Opening it for a blocking read would wait for a writer forever.
    assert!(matches!(
        read_regular(&pipe),
        Err(Unread::NotRegular("a named pipe (FIFO)"))
    ));
    assert!(matches!(
        read_regular(dir.path()),
        Err(Unread::NotRegular("a folder"))
    ));
    assert!(matches!(
        read_regular(Path::new("/dev/null")),
        Err(Unread::NotRegular("a device"))
    ));
}

#[test]
fn shown_paths_are_relative_to_the_current_folder() {
    assert_eq!(
        project_path(Path::new("."), "seeds/a.txt"),
        PathBuf::from("seeds/a.txt")
    );
    assert_eq!(
        project_path(Path::new("proj"), "seeds/a.txt"),
        PathBuf::from("proj/seeds/a.txt")
    );
}
