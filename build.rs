//! Embeds the default theme (`themes/default/`) into the binary, so a site
//! without a `themes/` folder builds; see `src/load/theme.rs`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled: a build script
    // compiled for another checkout (a copied `target/`) must not embed
    // that checkout's theme.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
    let theme = Path::new(&manifest).join("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut entries: Vec<(String, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(&theme).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", entry.path().display());
        let Ok(relative) = entry.path().strip_prefix(&theme) else {
            continue;
        };
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        entries.push((name, entry.path().display().to_string()));
    }
    let mut code = String::from(
        "/// Files of the built-in default theme: path under the theme folder, bytes.\npub(crate) const DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in entries {
        let _ = writeln!(code, "    ({name:?}, include_bytes!({path:?})),");
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_string());
    if let Err(error) = std::fs::write(Path::new(&out).join("default_theme.rs"), code) {
        println!("cargo:warning=cannot write the embedded theme: {error}");
    }
}
