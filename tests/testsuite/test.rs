//! The one way the suite runs the real binary: [`Test`], a builder in the
//! style of just's test suite. It sets the arguments and the folder, closes
//! standard input (sourced reads none) and sets `NO_COLOR=1` (the only
//! variable sourced reads), runs `sourced` with a
//! timeout that only guards against a hang, and asserts the *whole* output:
//! every expectation that was set (status, stdout, stderr) must match
//! exactly, and a panic always fails the test.
//!
//! ```ignore
//! Test::new(dir).args(["check", "--strict"]).status(0).stderr("0 errors, 0 warnings\n").run();
//! ```
//!
//! Long-running commands (`serve`, builds killed on purpose) take the
//! configured [`Command`] from [`Test::command`] and spawn it themselves.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long a run may take before it is killed and the test fails. Only a
/// guard against a hang: no result depends on how long a run takes.
const HANG: Duration = Duration::from_secs(300);

#[must_use = "a Test does nothing until it is run"]
pub struct Test {
    dir: PathBuf,
    args: Vec<OsString>,
    status: Option<i32>,
    stdout: Option<String>,
    stderr: Option<String>,
}

impl Test {
    /// `sourced` run in `dir`.
    pub fn new(dir: impl AsRef<Path>) -> Test {
        Test {
            dir: dir.as_ref().to_path_buf(),
            args: Vec::new(),
            status: None,
            stdout: None,
            stderr: None,
        }
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Test {
        self.args.push(arg.into());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Test {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// The exit status the run must have.
    pub fn status(mut self, code: i32) -> Test {
        self.status = Some(code);
        self
    }

    /// The whole standard output the run must print.
    pub fn stdout(mut self, text: impl Into<String>) -> Test {
        self.stdout = Some(text.into());
        self
    }

    /// The whole standard error the run must print.
    pub fn stderr(mut self, text: impl Into<String>) -> Test {
        self.stderr = Some(text.into());
        self
    }

    /// The configured command, for runs that are spawned and driven by the
    /// test (a server, a build killed on purpose).
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sourced"));
        cmd.args(&self.args)
            .current_dir(&self.dir)
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs to the end (killed after [`HANG`]) and asserts every
    /// expectation that was set, and that nothing panicked.
    pub fn run(self) -> Output {
        let mut child = self
            .command()
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let reader = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                pipe.read_to_end(&mut bytes).unwrap();
                bytes
            })
        };
        let out = reader(Box::new(child.stdout.take().unwrap()));
        let err = reader(Box::new(child.stderr.take().unwrap()));
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > HANG {
                let _ = child.kill();
                let _ = child.wait();
                panic!("sourced {:?} hung for {} s", self.args, HANG.as_secs());
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let output = Output {
            status,
            stdout: out.join().unwrap(),
            stderr: err.join().unwrap(),
        };
        let (stdout, stderr) = (
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        assert!(
            !stderr.contains("panicked"),
            "sourced {:?} panicked: {stderr}",
            self.args
        );
        if let Some(code) = self.status {
            assert_eq!(
                status.code(),
                Some(code),
                "status of sourced {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
                self.args
            );
        }
        if let Some(expected) = &self.stdout {
            assert_eq!(&*stdout, expected, "stdout of sourced {:?}", self.args);
        }
        if let Some(expected) = &self.stderr {
            assert_eq!(&*stderr, expected, "stderr of sourced {:?}", self.args);
        }
        output
    }
}
