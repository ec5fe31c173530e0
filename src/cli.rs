//! The command line. All console output happens here.

use crate::diagnostic::{self, Diagnostic, Format};
use clap::{Parser, Subcommand};
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
    /// Create a new briefing project in DIR (which must be new or empty).
    Init {
        /// The folder to create.
        dir: PathBuf,
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
        #[arg(long, value_enum, default_value_t = crate::review::ReviewFormat::Markdown)]
        format: crate::review::ReviewFormat,
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
}

/// Exit status: the content failed verification.
pub const EXIT_CONTENT: u8 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_USAGE: u8 = 2;

/// Runs the command line and returns the exit status.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
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
        Command::Init { dir } => return init(&dir),
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
                crate::review::review(&root, &base, head.as_deref(), format)?
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
        } => (
            crate::check(&root, strict, &mut crate::Cache::default())?.0,
            None,
            format,
        ),
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

fn find(phrase: &str, root: &std::path::Path) -> anyhow::Result<u8> {
    let (project, _) = crate::load::load(root, &mut Default::default())?;
    let found = crate::find::find(&project, phrase);
    print!("{}", crate::find::report(phrase, &found));
    Ok(if found.is_empty() { EXIT_CONTENT } else { 0 })
}

fn init(dir: &std::path::Path) -> anyhow::Result<u8> {
    let written = crate::init::init(dir)?;
    for f in &written {
        println!("created {}", dir.join(f).display());
    }
    println!(
        "next: cd {} && sourced check --strict && sourced build",
        dir.display()
    );
    Ok(0)
}

fn seeds(root: &std::path::Path, update: bool) -> anyhow::Result<u8> {
    let (project, _) = crate::load::load(root, &mut Default::default())?;
    let statuses = crate::seeds::status(&project);
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
            .any(|s| s.status != crate::seeds::Status::Ok);
        if stale {
            println!(
                "run `sourced seeds --update` to add unlisted files and re-record changed hashes"
            );
        }
        return Ok(if stale { EXIT_CONTENT } else { 0 });
    }
    let result = crate::seeds::update(&project)?;
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
    use crate::serve::Event;
    crate::serve::serve(root, bind, port, |event| match event {
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
