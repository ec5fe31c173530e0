//! The command line. All console output happens here.

use crate::diagnostic::{self, Diagnostic, Format};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Build a sourced briefing: every sentence cites facts, every fact quotes its
/// sources, and every quote is checked against the source before publishing.
#[derive(Debug, Parser)]
#[command(name = "sourced", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Verify the project, then render the site.
    Build {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder [default: ROOT/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Print how long each stage took (load, verify, render, write).
        #[arg(long)]
        timings: bool,
    },
    /// Verify the project only; writes nothing.
    Check {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Search every seed for a phrase, with the matcher `check` uses, and
    /// print each match as a ready-to-paste quote.
    Find {
        /// The phrase; ` ... ` skips text, as in a quote.
        phrase: String,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new briefing project in DIR (which must be new or empty),
    /// with GitHub workflows that publish it to Pages and review its pull
    /// requests.
    Init {
        /// The folder to create.
        dir: PathBuf,
        /// Do not write .github/workflows/pages.yml and review.yml.
        #[arg(long)]
        no_workflows: bool,
    },
    /// Build, serve on 127.0.0.1, and rebuild and reload on every change.
    Serve {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
    },
    /// Report, in Markdown, what changed in the facts between two git revisions.
    Review {
        /// The base revision, e.g. `origin/main`.
        base: String,
        /// The head revision [default: the working tree].
        head: Option<String>,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `markdown`: the report; `github`: one `::warning` workflow
        /// command per changed seed, for the pull request's Files view.
        #[arg(long, value_enum, default_value_t = crate::commands::review::ReviewFormat::Markdown)]
        format: crate::commands::review::ReviewFormat,
    },
    /// List the seeds and whether each matches its recorded SHA-256.
    Seeds {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Add unlisted files to the manifest and re-record changed hashes.
        #[arg(long)]
        update: bool,
    },
    /// Print a shell completion script, e.g. `sourced completions bash >
    /// ~/.local/share/bash-completion/completions/sourced`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): sourced(1), or with COMMAND the page of
    /// that subcommand, e.g. `sourced man build > sourced-build.1`.
    Man {
        /// A subcommand, e.g. `build`.
        command: Option<String>,
    },
}

/// What `sourced --version` prints after the name: the version of sourced
/// and of its verification rules ([`crate::RULES_VERSION`]).
pub fn version() -> String {
    format!(
        "{} (verification rules {})",
        env!("CARGO_PKG_VERSION"),
        crate::RULES_VERSION
    )
}

/// The command line as clap sees it, with the version text; the completions
/// and the manual page are generated from it.
pub fn command() -> clap::Command {
    Cli::command().version(version())
}

/// Exit status: the content failed verification.
pub const EXIT_CONTENT: u8 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_USAGE: u8 = 2;

/// Runs the command line and returns the exit status.
pub fn main() -> u8 {
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            EXIT_USAGE
        }
    }
}

fn run(command: Command) -> anyhow::Result<u8> {
    let (outcome, out, format) = match command {
        Command::Find { phrase, root } => return find(&phrase, &root),
        Command::Init { dir, no_workflows } => return init(&dir, !no_workflows),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut self::command(), "sourced", &mut out);
            std::io::stdout().lock().write_all(&out)?;
            return Ok(0);
        }
        Command::Man { command } => return man(command.as_deref()),
        Command::Seeds { root, update } => return seeds(&root, update),
        Command::Serve { root, port, bind } => return serve(&root, &bind, port),
        Command::Review {
            base,
            head,
            root,
            format,
        } => {
            print!(
                "{}",
                crate::commands::review::review(&root, &base, head.as_deref(), format)?
            );
            return Ok(0);
        }
        Command::Build {
            root,
            out,
            strict,
            timings,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let outcome = crate::build(&root, &out, strict)?;
            if timings {
                for (stage, d) in &outcome.timings {
                    eprintln!("{stage:>7}: {:.1} ms", d.as_secs_f64() * 1000.0);
                }
            }
            (outcome, Some(out), Format::Human)
        }
        Command::Check {
            root,
            strict,
            format,
        } => {
            let (outcome, site, templates) =
                crate::check(&root, strict, &mut crate::Cache::default())?;
            crate::drop_later((site, templates));
            (outcome, None, format)
        }
    };
    report(&outcome.diagnostics, &outcome.files, format);
    if outcome.failed() {
        return Ok(EXIT_CONTENT);
    }
    if let Some(out) = out {
        println!("wrote {} files to {}", outcome.written, out.display());
    }
    Ok(0)
}

/// Prints diagnostics: human ones to standard error, machine-readable ones
/// (github, json) to standard output.
fn report(diagnostics: &[Diagnostic], files: &diagnostic::Files, format: Format) {
    let color = format == Format::Human
        && std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let text = diagnostic::render_as(format, diagnostics, files, color);
    let _ = match format {
        Format::Human => std::io::stderr().lock().write_all(text.as_bytes()),
        Format::Github | Format::Json => std::io::stdout().lock().write_all(text.as_bytes()),
    };
}

/// Prints sourced(1) or the page of one subcommand, named as
/// `clap_mangen::generate_to` names it (`sourced-build`), which is how
/// sourced(1) refers to it.
fn man(name: Option<&str>) -> anyhow::Result<u8> {
    let mut top = command().disable_help_subcommand(true);
    top.build();
    let page = match name {
        None => top,
        Some(name) => match top.find_subcommand(name) {
            Some(sub) => sub.clone().version(version()),
            None => {
                let names: Vec<&str> = top.get_subcommands().map(|c| c.get_name()).collect();
                eprintln!(
                    "error: no subcommand `{name}`; one of: {}",
                    names.join(", ")
                );
                return Ok(EXIT_USAGE);
            }
        },
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("sourced {}", version()))
        .render(&mut out)?;
    std::io::stdout().lock().write_all(&out)?;
    Ok(0)
}

fn find(phrase: &str, root: &std::path::Path) -> anyhow::Result<u8> {
    let (project, _) = crate::project::load(root, &mut Default::default())?;
    let found = crate::commands::find::find(&project, phrase);
    print!("{}", crate::commands::find::report(phrase, &found));
    Ok(if found.is_empty() { EXIT_CONTENT } else { 0 })
}

fn init(dir: &std::path::Path, workflows: bool) -> anyhow::Result<u8> {
    let written = crate::commands::init::init(dir, workflows)?;
    for f in &written {
        println!("created {}", dir.join(f).display());
    }
    println!(
        "next: cd {} && sourced check --strict && sourced build",
        dir.display()
    );
    if workflows {
        println!(
            "to publish: push to GitHub, and in the repository's settings, under Pages, set the source to GitHub Actions"
        );
        if let Some((top, inside)) = crate::commands::init::enclosing_repository(dir) {
            println!(
                "note: {} is inside the git repository {}, and GitHub reads workflows only from {}: move {} there and set `BRIEFING: {}` in both",
                dir.display(),
                top.display(),
                top.join(".github/workflows").display(),
                dir.join(".github/workflows/*.yml").display(),
                inside.display()
            );
        }
    }
    Ok(0)
}

fn seeds(root: &std::path::Path, update: bool) -> anyhow::Result<u8> {
    let (project, _) = crate::project::load(root, &mut Default::default())?;
    let statuses = crate::commands::seeds::status(&project);
    for s in &statuses {
        println!(
            "{:<16} {:<18} {}",
            s.status.label(),
            s.key.as_deref().unwrap_or("-"),
            s.file
        );
    }
    if !update {
        let stale = statuses
            .iter()
            .any(|s| s.status != crate::commands::seeds::SeedState::Ok);
        if stale {
            println!(
                "run `sourced seeds --update` to add unlisted files and re-record changed hashes"
            );
        }
        return Ok(if stale { EXIT_CONTENT } else { 0 });
    }
    let result = crate::commands::seeds::update(&project)?;
    for f in &result.added {
        println!("added {f} to seeds/sources.yaml: fill in its title and publisher");
    }
    for f in &result.rehashed {
        println!("re-recorded the SHA-256 of {f}");
    }
    if !result.facts_to_recheck.is_empty() {
        println!(
            "facts citing a changed seed (re-read them; `sourced check` verifies their quotes again):"
        );
        for (id, key) in &result.facts_to_recheck {
            println!("  {id} (cites {key})");
        }
    }
    Ok(0)
}

fn serve(root: &std::path::Path, bind: &str, port: u16) -> anyhow::Result<u8> {
    use crate::commands::serve::Event;
    crate::commands::serve::serve(root, bind, port, |event| match event {
        Event::Listening(addr) => {
            println!("serving http://{addr}/ (Ctrl-C stops)");
            let _ = std::io::stdout().flush();
        }
        Event::Built { millis, files } => eprintln!("built {files} files in {millis} ms"),
        Event::Failed { millis, report } => {
            eprintln!("{report}\nthe build failed ({millis} ms); the page shows the diagnostics")
        }
        Event::Error(e) => eprintln!("error: {e}"),
    })?;
    Ok(0)
}
