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
        Command::Build { root, out, strict } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            (crate::build(&root, &out, strict)?, Some(out), Format::Human)
        }
        Command::Check {
            root,
            strict,
            format,
        } => (crate::check(&root, strict)?.0, None, format),
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
