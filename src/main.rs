//! Command line of `briefing`: parses arguments, runs the library, prints
//! diagnostics to stderr and sets the exit status (0 ok, 1 site errors,
//! 2 bad usage).

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use briefing::Stage;
use briefing::calendar::Date;
use briefing::diagnostics::{Diagnostics, in_language};
use briefing::load::Language;
use briefing::load::config::messages_language;
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
        /// The internal edition: internal records and fields included, every page marked 内部资料
        #[arg(long)]
        internal: bool,
        /// Print only diagnostics
        #[arg(long, short)]
        quiet: bool,
    },
    /// Load and validate everything, check links, write nothing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The internal edition: internal records and fields included, every page marked 内部资料
        #[arg(long)]
        internal: bool,
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
        /// The internal edition: internal records and fields included, every page marked 内部资料
        #[arg(long)]
        internal: bool,
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

/// A message of the command line in the language of the site.
fn say(text: &str, language: Language) -> String {
    in_language(text, language)
}

/// Diagnostics in colour; `anstream` drops the colour where the terminal
/// cannot show it (a pipe, a file, `NO_COLOR`) and translates it for old
/// Windows consoles.
fn print(diagnostics: &Diagnostics, language: Language) {
    for diagnostic in diagnostics.sorted() {
        anstream::eprintln!("{}\n", diagnostic.render_in(true, language));
    }
}

fn print_failure(diagnostics: &Diagnostics, what: &str, language: Language) {
    print(diagnostics, language);
    let summary = format!(
        "{what} failed with {} error(s) and {} warning(s)",
        diagnostics.error_count(),
        diagnostics.warning_count()
    );
    eprintln!("error: {}", say(&summary, language));
}

fn build(options: briefing::BuildOptions, quiet: bool) -> ExitCode {
    let language = messages_language(&options.root);
    let live = !quiet && std::io::stderr().is_terminal();
    let progress = |stage: Stage| {
        if live {
            let text = match stage {
                Stage::Loading => "loading…".to_string(),
                Stage::Rendering => "rendering…".to_string(),
                Stage::Writing { files } => format!("writing {files} files…"),
            };
            eprint!("\r\x1b[K{}", say(&text, language));
        }
    };
    let output_exists = options.output.clone().unwrap_or_else(|| options.root.join("output")).exists();
    let result = briefing::build(&options, &progress);
    if live {
        eprint!("\r\x1b[K");
    }
    match result {
        Ok(summary) => {
            print(&summary.diagnostics, language);
            if !quiet {
                let warnings = match summary.diagnostics.warning_count() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                };
                let done = format!(
                    "built {} pages, {} charts, search index {:.1} KB in {:.2} s{warnings}",
                    summary.pages,
                    summary.charts,
                    summary.search_index_bytes as f64 / 1024.0,
                    summary.seconds
                );
                eprintln!("{}", say(&done, language));
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_failure(&diagnostics, "build", language);
            if output_exists {
                eprintln!("{}", say("the previous output was left as it was", language));
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
            internal,
            quiet,
        } => build(
            briefing::BuildOptions {
                root,
                output,
                drafts,
                base_url,
                relative,
                internal,
                exits_after: true,
            },
            quiet,
        ),
        Command::Check { root, internal } => {
            let language = messages_language(&root);
            match briefing::check(&root, internal) {
                Ok(diagnostics) => {
                    print(&diagnostics, language);
                    let done = format!("ok: no errors, {} warning(s)", diagnostics.warning_count());
                    eprintln!("{}", say(&done, language));
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => {
                    print_failure(&diagnostics, "check", language);
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            internal,
        } => {
            let language = messages_language(&root);
            match briefing::serve::serve(&briefing::serve::ServeOptions {
                root,
                bind,
                port,
                language,
                internal,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(diagnostics) => {
                    print_failure(&diagnostics, "serve", language);
                    ExitCode::from(1)
                }
            }
        }
        Command::Data {
            what: DataCommand::Export { dir, root },
        } => {
            let language = messages_language(&root);
            match briefing::export::export_data(&root, &dir) {
                Ok(files) => {
                    for file in &files {
                        println!("{}", file.display());
                    }
                    let done = format!("exported {} workbook(s) to {}", files.len(), dir.display());
                    eprintln!("{}", say(&done, language));
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => {
                    print_failure(&diagnostics, "export", language);
                    ExitCode::from(1)
                }
            }
        }
        Command::New { what } => {
            let (result, language) = match what {
                New::Site { dir } => {
                    let language = messages_language(&dir);
                    let made = briefing::scaffold::new_site(&dir, Date::today()).map(|_| {
                        println!("{}", say(&format!("created a new site in {}", dir.display()), language));
                        let next = format!(
                            "next: briefing serve --root {} (or: cargo run --release -- serve --root {})",
                            dir.display(),
                            dir.display()
                        );
                        println!("{}", say(&next, language));
                    });
                    (made.map(|()| Diagnostics::default()), language)
                }
                New::Briefing { title, root } => {
                    let language = messages_language(&root);
                    let made = briefing::scaffold::new_briefing(&root, &title, Date::today()).map(|(path, notes)| {
                        println!("{}", path.display());
                        notes
                    });
                    (made, language)
                }
            };
            match result {
                Ok(notes) => {
                    print(&notes, language);
                    ExitCode::SUCCESS
                }
                Err(diagnostic) => {
                    print(&diagnostic.into(), language);
                    ExitCode::from(1)
                }
            }
        }
    }
}
