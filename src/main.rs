//! Command line of `briefing`: parses arguments, runs the library, prints
//! diagnostics to stderr and sets the exit status (0 ok, 1 site errors,
//! 2 bad usage).

use std::path::PathBuf;
use std::process::ExitCode;

use briefing::diagnostics::Diagnostics;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "briefing", version, about = "Build a static briefing site from Markdown and YAML data")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into DIR/output (or --output)
    Build {
        /// Site folder (holds site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/output]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include briefings marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Override `base_url` of site.yaml
        #[arg(long)]
        base_url: Option<String>,
        /// Make every link relative (works from any folder and from file://)
        #[arg(long)]
        relative: bool,
        /// Print only diagnostics
        #[arg(long, short)]
        quiet: bool,
    },
    /// Load and validate everything, write nothing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Colour only on a terminal, and never when NO_COLOR is set.
fn use_color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn print(diagnostics: &Diagnostics) {
    let color = use_color();
    for diagnostic in diagnostics.sorted() {
        eprintln!("{}\n", diagnostic.render(color));
    }
}

fn print_failure(diagnostics: &Diagnostics) {
    print(diagnostics);
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    eprintln!("error: aborted with {errors} error(s) and {warnings} warning(s); nothing was written");
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            base_url,
            relative,
            quiet,
        } => {
            let options = briefing::BuildOptions {
                root,
                output,
                drafts,
                base_url,
                relative,
            };
            match briefing::build(&options) {
                Ok(summary) => {
                    print(&summary.diagnostics);
                    if !quiet {
                        eprintln!(
                            "built {} pages ({} files, {:.1} KB) into {} in {:.2} s",
                            summary.pages,
                            summary.files,
                            summary.bytes as f64 / 1024.0,
                            summary.output.display(),
                            summary.seconds
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => {
                    print_failure(&diagnostics);
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root } => match briefing::check(&root) {
            Ok(diagnostics) => {
                print(&diagnostics);
                eprintln!("ok: no errors, {} warning(s)", diagnostics.warning_count());
                ExitCode::SUCCESS
            }
            Err(diagnostics) => {
                print(&diagnostics);
                eprintln!(
                    "error: {} error(s), {} warning(s)",
                    diagnostics.error_count(),
                    diagnostics.warning_count()
                );
                ExitCode::from(1)
            }
        },
    }
}
