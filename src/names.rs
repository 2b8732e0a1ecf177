//! What a name must be to become a file or folder of the output on every
//! system the site may be copied to: slugs, tags and ids end up as folder
//! names, and Windows (and macOS by default) compare names without case
//! and reserve the names of devices.

/// Whether `name` is a device name that Windows reserves in every folder
/// (`con`, `nul`, `com1`, …), with or without an extension.
pub(crate) fn is_windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_lowercase();
    match stem.as_str() {
        "con" | "prn" | "aux" | "nul" | "conin$" | "conout$" => true,
        _ => {
            let (prefix, digit) = stem.split_at(stem.len().min(3));
            (prefix == "com" || prefix == "lpt")
                && matches!(digit, "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³")
        }
    }
}

/// The form under which two names are the same folder on a disk that
/// ignores case.
pub(crate) fn case_folded(name: &str) -> String {
    name.to_lowercase()
}

/// The complaint about a device name, for diagnostics.
pub(crate) fn device_problem(name: &str) -> String {
    format!("`{name}` is a device name on Windows and cannot be a folder there")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_in_any_case() {
        for name in ["con", "CON", "nul", "Aux", "com1", "LPT9", "con.txt", "com¹"] {
            assert!(is_windows_device(name), "{name}");
        }
        for name in ["console", "com", "com10", "lpt", "null", "简报", "con-1"] {
            assert!(!is_windows_device(name), "{name}");
        }
    }

    #[test]
    fn folding_ignores_case_only() {
        assert_eq!(case_folded("Report"), case_folded("report"));
        assert_ne!(case_folded("报告"), case_folded("简报"));
    }
}
