//! `briefing serve`: build in memory, serve on 127.0.0.1, rebuild when
//! `site.yaml`, `content/` or `themes/` change, and make open pages reload.
//! A failed rebuild keeps the last good site and shows its diagnostics as
//! an overlay on every page. Nothing is written to disk.

mod connections;
pub(crate) mod http;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::diagnostics::{Diagnostic, Diagnostics, in_language};
use crate::load::Language;
use crate::render::RenderOptions;
use crate::render::incremental::RenderCache;
use crate::routes::{Route, output_file};
use connections::Limits;
use http::{Response, content_type};

const OVERLAY_SCRIPT: &str = include_str!("overlay.js");

/// What `briefing serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// The language of what is printed.
    pub language: Language,
    /// Serve the internal edition.
    pub internal: bool,
}

/// The site being served.
#[derive(Default)]
struct Served {
    files: HashMap<String, Arc<Vec<u8>>>,
    /// Path part of `base_url`, `/` or `/bangfu/`.
    base_path: String,
    /// Diagnostics of the last failed build, as HTML; empty when good.
    errors: String,
    /// The banner naming the edition served, as HTML.
    edition: String,
}

/// Shared between the server threads.
struct Shared {
    served: RwLock<Served>,
    listeners: Mutex<Vec<Sender<String>>>,
    /// The address listened on, for checking `Host` headers.
    bound: IpAddr,
    /// How many connections, for how long.
    limits: Limits,
    /// Connections being read or answered now, live-reload streams apart
    /// (at most `limits.connections`).
    connections: AtomicUsize,
    /// Live-reload streams open now (at most `limits.live_reload`).
    streams: AtomicUsize,
    /// The language of what is printed.
    language: Language,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn errors_html(diagnostics: &Diagnostics) -> String {
    let mut html = String::from("<strong style=\"color:#ff7b72;font-size:16px\">briefing: 构建失败，显示的是上一次成功的版本</strong>\n\n");
    for diagnostic in diagnostics.sorted() {
        html.push_str(&escape(&diagnostic.to_string()));
        html.push_str("\n\n");
    }
    html
}

/// What is kept between rebuilds.
#[derive(Default)]
struct Caches {
    /// The internal edition is served, not the public one.
    internal: bool,
    load: crate::load::LoadCache,
    derive: crate::derive::DeriveCache,
    render: RenderCache,
}

/// A built site in memory: files by path, base path, warnings.
type Built = (HashMap<String, Arc<Vec<u8>>>, String, Diagnostics);

/// Builds the site at `root` in memory, for serving at its base path.
fn build(root: &Path, cache: &mut Caches) -> Result<Built, Diagnostics> {
    let (site, warnings) = crate::load_edition(root, true, cache.internal, Some(&mut cache.load))?;
    let base_path = site.config.base_path();
    let options = RenderOptions {
        base_url: Some(base_path.clone()),
        relative: false,
        check_only: false,
        exits_after: false,
    };
    let derived = match crate::derive::derive_with(&site, Some(&mut cache.derive)) {
        Ok(derived) => derived,
        Err(problems) => {
            let mut all = warnings;
            all.extend(problems);
            return Err(all);
        }
    };
    let rendered = crate::render::render_incremental(&site, &derived, &options, &mut cache.render);
    crate::background::free((site, derived));
    let (files, page_warnings) = rendered.map_err(|problems| {
        let mut all = warnings.clone();
        all.extend(problems);
        all
    })?;
    let mut warnings = warnings;
    warnings.extend(page_warnings);
    let files = files.into_iter().map(|f| (f.path, f.bytes)).collect();
    Ok((files, base_path, warnings))
}

fn rebuild(root: &Path, shared: &Shared, cache: &mut Caches, quiet: bool) {
    let started = Instant::now();
    let message = match build(root, cache) {
        Ok((files, base_path, warnings)) => {
            let pages = cache.render.rendered;
            let fresh = Served {
                files,
                base_path,
                errors: String::new(),
                edition: edition_banner(cache.internal, shared.language),
            };
            // The old files are freed after the lock is released, and not
            // by this thread.
            let old = shared.served.write().map(|mut served| std::mem::replace(&mut *served, fresh));
            if let Ok(old) = old {
                crate::background::free(old);
            }
            for warning in warnings.sorted() {
                eprintln!("{}\n", warning.render_in(false, shared.language));
            }
            if !quiet {
                let done = format!(
                    "rebuilt {pages} of {} files in {:.2} s",
                    pages + cache.render.reused,
                    started.elapsed().as_secs_f64()
                );
                eprintln!("{}", in_language(&done, shared.language));
            }
            "event: reload\ndata: ok\n\n".to_string()
        }
        Err(diagnostics) => {
            for diagnostic in diagnostics.sorted() {
                eprintln!("{}\n", diagnostic.render_in(false, shared.language));
            }
            let failed = format!("{} error(s); still serving the last good build", diagnostics.error_count());
            eprintln!("error: {}", in_language(&failed, shared.language));
            let html = errors_html(&diagnostics);
            if let Ok(mut served) = shared.served.write() {
                served.errors = html.clone();
            }
            format!("event: errors\ndata: {}\n\n", serde_json::to_string(&html).unwrap_or_default())
        }
    };
    if let Ok(mut listeners) = shared.listeners.lock() {
        listeners.retain(|listener| listener.send(message.clone()).is_ok());
    }
}

/// The banner that names the edition served, in `language`.
fn edition_banner(internal: bool, language: Language) -> String {
    let (text, colour) = if internal {
        ("preview: internal edition (内部资料)", "#b3261e")
    } else {
        ("preview: public edition", "#1f6f43")
    };
    format!(
        "<div id=\"briefing-serve-edition\" style=\"position:fixed;right:8px;bottom:8px;z-index:2147483646;padding:4px 10px;border-radius:4px;background:{colour};color:#fff;font:13px/1.4 sans-serif;opacity:.9\">{}</div>\n",
        escape(&in_language(text, language))
    )
}

/// The banner and the script put before `</body>` of every HTML page
/// served.
fn injection(errors: &str, edition: &str) -> String {
    format!(
        "{edition}<script>window.__briefingErrors = {};</script>\n<script>{OVERLAY_SCRIPT}</script>\n",
        serde_json::to_string(errors).unwrap_or_else(|_| "\"\"".to_string())
    )
}

fn inject(html: &[u8], served: &Served) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let script = injection(&served.errors, &served.edition);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

fn not_found(served: &Served) -> Response {
    let body = served
        .files
        .get(&Route::not_found().output_file())
        .map_or_else(|| b"404 Not Found".to_vec(), |page| inject(page, served));
    Response {
        status: 404,
        content_type: "text/html; charset=utf-8",
        body,
        location: None,
    }
}

/// The response to a GET of site path `path`.
fn respond(served: &Served, path: &str) -> Response {
    let Some(inside) = path
        .strip_prefix(served.base_path.as_str())
        .or_else(|| (path.to_string() + "/" == served.base_path).then_some(""))
    else {
        return not_found(served);
    };
    if path.contains('\0') {
        return Response {
            status: 400,
            content_type: "text/plain; charset=utf-8",
            body: b"bad request".to_vec(),
            location: None,
        };
    }
    let file = output_file(inside);
    if let Some(bytes) = served.files.get(&file) {
        let kind = content_type(&file);
        let body = if kind.starts_with("text/html") {
            inject(bytes, served)
        } else {
            bytes.to_vec()
        };
        return Response {
            status: 200,
            content_type: kind,
            body,
            location: None,
        };
    }
    if served.files.contains_key(&output_file(&format!("{inside}/"))) {
        return Response {
            status: 301,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: Some(format!("{path}/")),
        };
    }
    not_found(served)
}

/// Watches the site and rebuilds after changes settle (debounced).
fn watch(root: PathBuf, shared: Arc<Shared>, mut cache: Caches) -> Result<notify::RecommendedWatcher, Diagnostic> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            // Contents changed in place: which files. Anything else (files
            // created, removed, renamed): `None`, look at everything.
            let in_place = matches!(
                event.kind,
                notify::EventKind::Modify(notify::event::ModifyKind::Data(_) | notify::event::ModifyKind::Any)
            );
            let _ = sender.send(in_place.then_some(event.paths));
        }
    })
    .map_err(|e| Diagnostic::error(".", 0, 0, format!("cannot watch the site: {e}")))?;
    for (path, mode) in [
        ("site.yaml", RecursiveMode::NonRecursive),
        ("content", RecursiveMode::Recursive),
        ("themes", RecursiveMode::Recursive),
    ] {
        let full = root.join(path);
        if full.exists() {
            watcher
                .watch(&full, mode)
                .map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot watch: {e}")))?;
        }
    }
    std::thread::spawn(move || {
        while let Ok(first) = receiver.recv() {
            let mut changed: Option<std::collections::HashSet<PathBuf>> = first.map(|paths| paths.into_iter().collect());
            // Debounce: wait until 20 ms pass without another change.
            while let Ok(more) = receiver.recv_timeout(Duration::from_millis(20)) {
                changed = match (changed, more) {
                    (Some(mut set), Some(paths)) => {
                        set.extend(paths);
                        Some(set)
                    }
                    _ => None,
                };
            }
            cache.load.set_changed_files(changed);
            rebuild(&root, &shared, &mut cache, false);
        }
    });
    Ok(watcher)
}

/// Runs the preview server until the process ends.
pub fn serve(options: &ServeOptions) -> Result<(), Diagnostics> {
    let shared = Arc::new(Shared {
        served: RwLock::new(Served {
            base_path: "/".to_string(),
            ..Served::default()
        }),
        listeners: Mutex::new(Vec::new()),
        bound: options.bind,
        limits: Limits::default(),
        connections: AtomicUsize::new(0),
        streams: AtomicUsize::new(0),
        language: options.language,
    });
    // The first build must succeed, or there is nothing to serve.
    // Absolute, so the watcher's paths and the loader's paths agree.
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let mut cache = Caches {
        internal: options.internal,
        ..Caches::default()
    };
    let (files, base_path, warnings) = build(&root, &mut cache)?;
    for warning in warnings.sorted() {
        eprintln!("{}\n", warning.render_in(false, options.language));
    }
    if let Ok(mut served) = shared.served.write() {
        *served = Served {
            files,
            base_path: base_path.clone(),
            errors: String::new(),
            edition: edition_banner(options.internal, options.language),
        };
    }
    let address = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(address).map_err(|e| {
        Diagnostics::from(Diagnostic::error(".", 0, 0, format!("cannot listen on {address}: {e}")).with_hint("choose another `--port`"))
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| Diagnostics::from(Diagnostic::error(".", 0, 0, e.to_string())))?;
    if !options.bind.is_loopback() {
        let open = format!("serving on {local}, reachable from other machines; the preview is meant for this computer");
        eprintln!("warning: {}", in_language(&open, options.language));
    }
    let _watcher = watch(root.clone(), shared.clone(), cache).map_err(Diagnostics::from)?;
    println!("serving http://{local}{base_path}");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    connections::accept(&listener, &shared);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served() -> Served {
        let mut files = HashMap::new();
        files.insert("index.html".to_string(), Arc::new(b"<html><body>home</body></html>".to_vec()));
        files.insert("404.html".to_string(), Arc::new(b"<html><body>missing</body></html>".to_vec()));
        files.insert("charts/a.svg".to_string(), Arc::new(b"<svg/>".to_vec()));
        files.insert("projects/index.html".to_string(), Arc::new(b"<html><body>p</body></html>".to_vec()));
        Served {
            files,
            base_path: "/bangfu/".to_string(),
            errors: String::new(),
            edition: edition_banner(true, Language::ZhCn),
        }
    }

    #[test]
    fn every_page_names_the_edition_served() {
        let s = served();
        let home = String::from_utf8(respond(&s, "/bangfu/").body).expect("utf-8");
        assert!(home.contains("id=\"briefing-serve-edition\""), "{home}");
        assert!(home.contains("内部版"), "{home}");
        let public = edition_banner(false, Language::ZhCn);
        assert!(public.contains("公开版") && !public.contains("内部"), "{public}");
        assert!(edition_banner(false, Language::En).contains("public edition"));
    }

    #[test]
    fn the_reload_script_listens_where_the_server_answers() {
        assert!(OVERLAY_SCRIPT.contains(&format!("\"{}\"", crate::routes::SERVE_EVENTS)));
    }

    #[test]
    fn serves_under_the_base_path_with_reload_script() {
        let s = served();
        let home = respond(&s, "/bangfu/");
        assert_eq!(home.status, 200);
        let text = String::from_utf8(home.body).unwrap();
        assert!(text.contains("EventSource") && text.ends_with("</body></html>"));
        assert_eq!(respond(&s, "/bangfu/charts/a.svg").content_type, "image/svg+xml");
        assert_eq!(respond(&s, "/bangfu/charts/a.svg").body, b"<svg/>");
        assert_eq!(respond(&s, "/index.html").status, 404);
        let redirect = respond(&s, "/bangfu/projects");
        assert_eq!((redirect.status, redirect.location.as_deref()), (301, Some("/bangfu/projects/")));
        let missing = respond(&s, "/bangfu/nope/");
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body).unwrap().contains("missing"));
    }

    #[test]
    fn errors_are_shown_on_every_page() {
        let mut s = served();
        s.errors = errors_html(&Diagnostic::error("content/briefings/a.md", 3, 1, "bad <thing>").into());
        let text = String::from_utf8(respond(&s, "/bangfu/").body).unwrap();
        assert!(text.contains("content/briefings/a.md:3:1"));
        assert!(text.contains("bad &lt;thing&gt;"));
    }
}
