//! Command line of `briefing`: parses arguments, runs the library, prints
//! diagnostics to stderr and sets the exit status (0 ok, 1 site errors,
//! 2 bad usage).

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use briefing::Stage;
use briefing::calendar::Date;
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
    /// Build the site into ROOT/output (or --output)
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
        #[arg(long, value_parser = base_url)]
        base_url: Option<String>,
        /// Make every link relative (works from any folder and from file://)
        #[arg(long)]
        relative: bool,
        /// Print only diagnostics
        #[arg(long, short)]
        quiet: bool,
    },
    /// Load and validate everything, check links, write nothing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, serve on 127.0.0.1, rebuild on change and reload the browser
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback is reachable by others
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
    },
    /// Scaffold a new site or the next bulletin
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Work with the data files
    Data {
        #[command(subcommand)]
        what: DataCommand,
    },
}

#[derive(Subcommand)]
enum DataCommand {
    /// Write every data file as a workbook DIR/<name>.xlsx, to edit in Excel
    /// or WPS and copy back into content/data/
    Export {
        /// Folder for the workbooks (created; nothing in it is overwritten)
        dir: PathBuf,
        /// Site folder (holds site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum New {
    /// A complete starter site in DIR (which must be empty or absent)
    Site { dir: PathBuf },
    /// The next numbered bulletin, as a draft dated today
    Briefing {
        /// Title of the new bulletin
        #[arg(long)]
        title: String,
        /// Site folder (holds site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// A `--base-url` value, checked as `base_url` of site.yaml is.
fn base_url(value: &str) -> Result<String, String> {
    briefing::load::config::base_path_of(value)
        .map(|_| value.to_string())
        .map_err(|message| format!("{message}; {}", briefing::load::config::BASE_URL_HINT))
}

/// Diagnostics in colour; `anstream` drops the colour where the terminal
/// cannot show it (a pipe, a file, `NO_COLOR`) and translates it for old
/// Windows consoles.
fn print(diagnostics: &Diagnostics) {
    for diagnostic in diagnostics.sorted() {
        anstream::eprintln!("{}\n", diagnostic.render(true));
    }
}

fn print_failure(diagnostics: &Diagnostics, what: &str) {
    print(diagnostics);
    eprintln!(
        "error: {what} failed with {} error(s) and {} warning(s)",
        diagnostics.error_count(),
        diagnostics.warning_count()
    );
}

fn build(options: briefing::BuildOptions, quiet: bool) -> ExitCode {
    let live = !quiet && std::io::stderr().is_terminal();
    let progress = |stage: Stage| {
        if live {
            let text = match stage {
                Stage::Loading => "loading…".to_string(),
                Stage::Rendering => "rendering…".to_string(),
                Stage::Writing { files } => format!("writing {files} files…"),
            };
            eprint!("\r\x1b[K{text}");
        }
    };
    let output_exists = options.output.clone().unwrap_or_else(|| options.root.join("output")).exists();
    let result = briefing::build(&options, &progress);
    if live {
        eprint!("\r\x1b[K");
    }
    match result {
        Ok(summary) => {
            print(&summary.diagnostics);
            if !quiet {
                let warnings = match summary.diagnostics.warning_count() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                };
                eprintln!(
                    "built {} pages, {} charts, search index {:.1} KB in {:.2} s{warnings}",
                    summary.pages,
                    summary.charts,
                    summary.search_index_bytes as f64 / 1024.0,
                    summary.seconds
                );
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_failure(&diagnostics, "build");
            if output_exists {
                eprintln!("the previous output was left as it was");
            }
            ExitCode::from(1)
        }
    }
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
        } => build(
            briefing::BuildOptions {
                root,
                output,
                drafts,
                base_url,
                relative,
            },
            quiet,
        ),
        Command::Check { root } => match briefing::check(&root) {
            Ok(diagnostics) => {
                print(&diagnostics);
                eprintln!("ok: no errors, {} warning(s)", diagnostics.warning_count());
                ExitCode::SUCCESS
            }
            Err(diagnostics) => {
                print_failure(&diagnostics, "check");
                ExitCode::from(1)
            }
        },
        Command::Serve { root, port, bind } => match briefing::serve::serve(&briefing::serve::ServeOptions { root, bind, port }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(diagnostics) => {
                print_failure(&diagnostics, "serve");
                ExitCode::from(1)
            }
        },
        Command::Data {
            what: DataCommand::Export { dir, root },
        } => match briefing::export::export_data(&root, &dir) {
            Ok(files) => {
                for file in &files {
                    println!("{}", file.display());
                }
                eprintln!("exported {} workbook(s) to {}", files.len(), dir.display());
                ExitCode::SUCCESS
            }
            Err(diagnostics) => {
                print_failure(&diagnostics, "export");
                ExitCode::from(1)
            }
        },
        Command::New { what } => {
            let result = match what {
                New::Site { dir } => briefing::scaffold::new_site(&dir, Date::today()).map(|_| {
                    println!("created a new site in {}", dir.display());
                    println!(
                        "next: briefing serve --root {} (or: cargo run --release -- serve --root {})",
                        dir.display(),
                        dir.display()
                    );
                }),
                New::Briefing { title, root } => {
                    briefing::scaffold::new_briefing(&root, &title, Date::today()).map(|path| println!("{}", path.display()))
                }
            };
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(diagnostic) => {
                    print(&diagnostic.into());
                    ExitCode::from(1)
                }
            }
        }
    }
}
