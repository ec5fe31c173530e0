//! A local runner for the workflows `sourced init` writes: each job's steps
//! run in order, with the composite action expanded, against a fake release
//! that holds the binary under test.

use super::*;

/// Runs jobs of a workflow the way a GitHub runner would, on this machine:
/// steps in order, a failed step skips the rest except `if: always()`
/// ones, `$GITHUB_PATH` and `$GITHUB_STEP_SUMMARY` are files, and the
/// composite action is expanded into its steps.
pub(super) struct Runner {
    /// The checkout: where every step starts.
    pub(super) work: PathBuf,
    /// `RUNNER_TEMP`, `GITHUB_PATH`, `GITHUB_STEP_SUMMARY` live here.
    pub(super) temp: tempfile::TempDir,
    /// The folder standing for the GitHub releases of sourced.
    pub(super) releases: PathBuf,
    /// The workflow's `env:`.
    pub(super) env: BTreeMap<String, String>,
}

/// What one step did.
#[derive(Debug)]
pub(super) struct Ran {
    pub(super) name: String,
    pub(super) code: Option<i32>,
    pub(super) stdout: String,
    pub(super) stderr: String,
}

/// The Rust target the action picks for this machine, as a Linux runner.
pub(super) fn linux_target() -> (&'static str, &'static str) {
    match std::env::consts::ARCH {
        "aarch64" => ("ARM64", "aarch64-unknown-linux-musl"),
        _ => ("X64", "x86_64-unknown-linux-musl"),
    }
}

/// A folder laid out like the GitHub release `v<version>` of sourced, whose
/// archive for this machine holds the binary under test (release.yml
/// builds the real ones). Returns the archive's path.
pub(super) fn fake_release(releases: &Path, version: &str) -> PathBuf {
    let (_, target) = linux_target();
    let name = format!("sourced-{version}-{target}");
    let dir = releases.join(format!("v{version}"));
    fs::create_dir_all(&dir).unwrap();
    let archive = dir.join(format!("{name}.tar.gz"));
    let bytes = archive_of_the_binary(&name);
    fs::write(&archive, bytes).unwrap();
    let sum = sourced::project::source::sha256_hex(bytes);
    fs::write(
        dir.join("SHA256SUMS"),
        format!("{sum}  {name}.tar.gz\n{}  other.zip\n", "0".repeat(64)),
    )
    .unwrap();
    archive
}

/// `NAME/sourced` (the binary under test) as a .tar.gz, made once per run
/// of this file: compressing the debug binary takes seconds.
pub(super) fn archive_of_the_binary(name: &str) -> &'static [u8] {
    static ARCHIVE: std::sync::OnceLock<(String, Vec<u8>)> = std::sync::OnceLock::new();
    let (made_for, bytes) = ARCHIVE.get_or_init(|| {
        let staging = tempfile::tempdir().unwrap();
        fs::create_dir(staging.path().join(name)).unwrap();
        fs::copy(
            env!("CARGO_BIN_EXE_sourced"),
            staging.path().join(name).join("sourced"),
        )
        .unwrap();
        let archive = staging.path().join("archive.tar.gz");
        let status = Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .arg("-C")
            .arg(staging.path())
            .arg(name)
            .status()
            .unwrap();
        assert!(status.success());
        (name.to_string(), fs::read(&archive).unwrap())
    });
    assert_eq!(made_for, name);
    bytes
}

impl Runner {
    pub(super) fn new(work: &Path, workflow: &Value) -> Runner {
        let temp = tempfile::tempdir().unwrap();
        let releases = temp.path().join("releases");
        fs::create_dir_all(temp.path().join("runner-temp")).unwrap();
        let mut env = BTreeMap::new();
        if let Some(vars) = workflow["env"].as_object() {
            for (k, v) in vars {
                let v = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                env.insert(k.clone(), v);
            }
        }
        Runner {
            work: work.to_path_buf(),
            temp,
            releases,
            env,
        }
    }

    pub(super) fn summary(&self) -> PathBuf {
        self.temp.path().join("summary.md")
    }

    pub(super) fn github_path(&self) -> PathBuf {
        self.temp.path().join("github_path")
    }

    /// `${{ … }}` in a value, for the expressions these workflows use.
    pub(super) fn eval(&self, text: &str, inputs: &BTreeMap<String, String>) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").unwrap() + start;
            let expr = rest[start + 3..end].trim();
            let value = if let Some(name) = expr.strip_prefix("inputs.") {
                inputs[name].clone()
            } else if let Some(name) = expr.strip_prefix("env.") {
                self.env[name].clone()
            } else if expr == "github.base_ref" {
                "main".to_string()
            } else {
                panic!("the test runner does not know `{expr}`")
            };
            out.push_str(&value);
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    /// Runs one `run:` script with bash as GitHub's `shell: bash` does.
    pub(super) fn run_script(
        &self,
        name: &str,
        script: &str,
        env: &BTreeMap<String, String>,
    ) -> Ran {
        let (arch, _) = linux_target();
        // `$GITHUB_PATH` entries come first, then the system's PATH without
        // any folder that has a `sourced` of its own.
        let added = fs::read_to_string(self.github_path()).unwrap_or_default();
        let system = std::env::var("PATH").unwrap_or_default();
        let mut path: Vec<String> = added.lines().rev().map(str::to_string).collect();
        path.extend(
            system
                .split(':')
                .filter(|d| !Path::new(d).join("sourced").exists())
                .map(str::to_string),
        );
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(&self.work)
            .env_clear()
            .env("PATH", path.join(":"))
            .env("HOME", self.temp.path())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", arch)
            .env("RUNNER_TEMP", self.temp.path().join("runner-temp"))
            .env("GITHUB_PATH", self.github_path())
            .env("GITHUB_STEP_SUMMARY", self.summary())
            .env("NO_COLOR", "1")
            .envs(env)
            .output()
            .unwrap();
        Ran {
            name: name.to_string(),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The steps of action.yml with these `with:` inputs (and the defaults).
    pub(super) fn run_action(&self, with: &Value, ran: &mut Vec<Ran>) -> bool {
        let action = yaml(&Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"));
        assert_eq!(action["runs"]["using"], "composite");
        let mut inputs = BTreeMap::new();
        for (name, spec) in action["inputs"].as_object().unwrap() {
            if let Some(default) = spec["default"].as_str() {
                inputs.insert(name.clone(), default.to_string());
            }
        }
        for (name, value) in with.as_object().unwrap() {
            assert!(
                action["inputs"].get(name).is_some(),
                "the action has no input {name}"
            );
            let value = value.as_str().unwrap();
            inputs.insert(name.clone(), self.eval(value, &BTreeMap::new()));
        }
        for step in action["runs"]["steps"].as_array().unwrap() {
            assert_eq!(step["shell"], "bash");
            let mut env = BTreeMap::new();
            for (k, v) in step["env"].as_object().unwrap() {
                env.insert(k.clone(), self.eval(v.as_str().unwrap(), &inputs));
            }
            if let Some(releases) = env.get_mut("RELEASES") {
                // The one replacement: this folder instead of GitHub.
                assert_eq!(
                    *releases,
                    format!("{}/releases/download", env!("CARGO_PKG_REPOSITORY"))
                );
                *releases = format!("file://{}", self.releases.display());
            }
            let name = self.eval(step["name"].as_str().unwrap(), &inputs);
            let result = self.run_script(&name, step["run"].as_str().unwrap(), &env);
            let ok = result.code == Some(0);
            ran.push(result);
            if !ok {
                return false;
            }
        }
        true
    }

    /// Runs the job `job` of `workflow` and returns what each step did.
    /// GitHub's own actions are not run: the checkout is `work` already,
    /// and the Pages upload is checked to find its folder.
    pub(super) fn run_job(&self, workflow: &Value, job: &str) -> Vec<Ran> {
        let action = format!("{}@v{}", this_repository(), env!("CARGO_PKG_VERSION_MAJOR"));
        let mut ran = Vec::new();
        let mut failed = false;
        for step in workflow["jobs"][job]["steps"].as_array().unwrap() {
            let always = step["if"].as_str() == Some("always()");
            if failed && !always {
                continue;
            }
            let uses = step["uses"].as_str().unwrap_or_default();
            assert!(
                step.get("run").is_none(),
                "init'd workflows only use actions"
            );
            if uses == action {
                failed |= !self.run_action(&step["with"], &mut ran);
            } else if uses.starts_with("actions/upload-pages-artifact@") {
                let path = self.eval(step["with"]["path"].as_str().unwrap(), &BTreeMap::new());
                assert!(
                    self.work.join(&path).join("index.html").is_file(),
                    "nothing to upload at {path}"
                );
                ran.push(Ran {
                    name: format!("upload {path}"),
                    code: Some(0),
                    stdout: String::new(),
                    stderr: String::new(),
                });
            } else {
                assert!(uses.starts_with("actions/"), "unexpected step {step}");
            }
        }
        ran
    }
}
