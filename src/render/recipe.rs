//! What a page is made from — its [`Recipe`] — and the two things done with
//! it: its fingerprint, and the page itself. Making a page reads the recipe
//! and nothing else (besides the build's services: templates, links,
//! language), so a page's fingerprint, computed from the same recipe, moves
//! exactly when its page would change: an incremental rebuild equals a full
//! build by construction. Data reaches a page only through inputs that say
//! so — a view (`FromData`), a Markdown body with shortcodes, chart figures,
//! a template that calls `metric()` — and those carry the data's print.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use crate::derive::briefings::Listed;
use crate::derive::charts::ChartId;
use crate::derive::figures::AsOf;
use crate::diagnostics::Diagnostic;
use crate::load::Briefing;
use crate::render::body::BodySource;
use crate::render::downloads::{self, Form, Register};
use crate::render::links::LinkRecord;
use crate::render::{OutputFile, Renderer, publish, templates};
use crate::routes::output_file;

/// A value shown through a template: fingerprinted as it serialises.
pub(crate) trait Shown: Sync {
    /// Feeds the value, serialised, to `hasher`.
    fn hash_into(&self, hasher: &mut DefaultHasher);
    /// The value as templates see it.
    fn value(&self) -> tera::Value;
}

/// Writes serialised bytes into a hasher, allocating nothing.
struct HashWriter<'h>(&'h mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<T: Serialize + Sync> Shown for T {
    fn hash_into(&self, hasher: &mut DefaultHasher) {
        // Serialising into a hasher cannot fail; a value that cannot be
        // serialised shows nothing and hashes as such.
        let _ = serde_json::to_writer(HashWriter(hasher), self);
    }
    fn value(&self) -> tera::Value {
        tera::Value::from_serializable(self)
    }
}

/// One input of a page made through a template, under its name there.
pub(crate) enum Input<'r> {
    /// Shown as it is; fingerprinted by its contents.
    Value(Box<dyn Shown + 'r>),
    /// A view of the data (as of its latest moment): fingerprinted by the
    /// data's print and `what` it is, not by walking it again.
    FromData(&'r (dyn Shown + 'r), String),
    /// A value with a Markdown body rendered into it (`content`, `toc`).
    WithBody(Box<dyn Shown + 'r>, BodySource<'r>),
    /// The figures of charts as of a moment.
    Charts(Vec<&'r ChartId>, AsOf),
}

/// How a page is made.
/// A page made through `template`, with `inputs` under their names.
pub(crate) struct PageMake<'r> {
    template: &'static str,
    page_type: &'static str,
    as_of: AsOf,
    inputs: Vec<(&'static str, Input<'r>)>,
}

pub(crate) enum Make<'r> {
    /// A page through a template.
    Page(PageMake<'r>),
    /// `/feed.xml`: the newest briefings, with their text where they have
    /// no summary.
    Feed {
        updated: Option<crate::calendar::Date>,
        entries: Vec<&'r Listed>,
        bodies: Vec<&'r Briefing>,
    },
    /// `/charts/<id>.svg` as of the latest data.
    ChartSvg(&'r ChartId, AsOf),
    /// `/charts/<id>.csv`: the chart's numbers as of the latest data.
    ChartCsv(&'r ChartId, AsOf),
    /// A register to download, as its page shows it.
    Download(Register, Form),
    /// The Word edition of a briefing, from its body.
    Word(&'r Listed, BodySource<'r>),
}

/// A page of the site and what it is made from.
pub(crate) struct Recipe<'r> {
    /// Names the page across rebuilds.
    pub(crate) key: String,
    /// Site path (`/briefings/x/`, `/charts/a.svg`).
    pub(crate) path: String,
    pub(crate) make: Make<'r>,
}

impl<'r> Recipe<'r> {
    /// A page made through `template`.
    pub(crate) fn page(key: String, path: impl Into<String>, template: &'static str, page_type: &'static str, as_of: AsOf) -> Recipe<'r> {
        Recipe {
            key,
            path: path.into(),
            make: Make::Page(PageMake {
                template,
                page_type,
                as_of,
                inputs: Vec::new(),
            }),
        }
    }

    fn push(mut self, name: &'static str, input: Input<'r>) -> Self {
        if let Make::Page(page) = &mut self.make {
            page.inputs.push((name, input));
        }
        self
    }

    /// Shows `value` as `name`.
    pub(crate) fn value<T: Serialize + Sync + 'r>(self, name: &'static str, value: T) -> Self {
        self.push(name, Input::Value(Box::new(value)))
    }

    /// Shows the view `value` of the data (identified by `what`) as `name`.
    pub(crate) fn data_view<T: Serialize + Sync + 'r>(self, name: &'static str, value: &'r T, what: String) -> Self {
        self.push(name, Input::FromData(value, what))
    }

    /// Shows `value` as `name`, with the Markdown `body` rendered into it.
    pub(crate) fn with_body<T: Serialize + Sync + 'r>(self, name: &'static str, value: T, body: BodySource<'r>) -> Self {
        self.push(name, Input::WithBody(Box::new(value), body))
    }

    /// Shows the figures of `charts` as of `as_of` as `name`.
    pub(crate) fn charts(self, name: &'static str, charts: Vec<&'r ChartId>, as_of: AsOf) -> Self {
        self.push(name, Input::Charts(charts, as_of))
    }
}

/// What making a page's Markdown found besides the page: its links and
/// its warnings.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub(crate) links: Vec<LinkRecord>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// The text a reader sees of the page's Markdown body (for search).
    pub(crate) text: Option<String>,
}

impl Findings {
    /// Notes what the body of `file` (its text starting on `body_line`),
    /// shown on the page `page`, gave.
    fn add(&mut self, file: &str, body_line: usize, page: &str, body: &crate::render::markdown::Rendered, warnings: Vec<Diagnostic>) {
        self.links.extend(body.site_links.iter().map(|link| LinkRecord {
            file: file.to_string(),
            line: body_line + link.body_line,
            column: link.column,
            page: page.to_string(),
            target: link.target.clone(),
            path: link.path.clone(),
        }));
        self.warnings.extend(warnings);
    }
}

/// A body's rendering, shown with the value it belongs to.
#[derive(Serialize)]
struct WithBody<'v> {
    #[serde(flatten)]
    value: &'v tera::Value,
    content: String,
    toc: Vec<crate::render::markdown::Heading>,
}

/// The fingerprints of the parts of a build that pages share.
pub(crate) struct Prints {
    /// Settings, options, language, the site value of every template.
    pub(crate) common: u64,
    /// The data files.
    pub(crate) data: u64,
    /// The shortcode templates.
    pub(crate) shortcodes: u64,
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

impl Renderer<'_> {
    /// A fingerprint of everything `recipe` makes its page from.
    pub(crate) fn fingerprint(&self, recipe: &Recipe<'_>, prints: &Prints) -> u64 {
        let mut hasher = DefaultHasher::new();
        (prints.common, &recipe.path).hash(&mut hasher);
        match &recipe.make {
            Make::Page(page) => {
                let template = page.template;
                (template, page.page_type, page.as_of, self.templates.print(template)).hash(&mut hasher);
                if self.templates.calls_metric(template) {
                    prints.data.hash(&mut hasher);
                }
                for (name, input) in &page.inputs {
                    name.hash(&mut hasher);
                    match input {
                        Input::Value(value) => value.hash_into(&mut hasher),
                        Input::FromData(_, what) => (prints.data, what).hash(&mut hasher),
                        Input::WithBody(value, body) => {
                            value.hash_into(&mut hasher);
                            (body.body_print(self), body.file, body.body_line, &body.page, body.as_of).hash(&mut hasher);
                            if body.body.contains("{{") || body.body.contains("｛｛") {
                                (prints.data, prints.shortcodes).hash(&mut hasher);
                            }
                        }
                        Input::Charts(ids, as_of) => {
                            (ids, as_of, prints.data, self.templates.print("shortcodes/chart.html")).hash(&mut hasher);
                        }
                    }
                }
            }
            Make::Feed { updated, entries, bodies } => {
                ("feed", updated, entries.iter().map(|e| e.source).collect::<Vec<_>>()).hash(&mut hasher);
                entries.iter().for_each(|e| e.summary.hash_into(&mut hasher));
                bodies.iter().for_each(|b| self.text_print(b).hash(&mut hasher));
            }
            Make::ChartSvg(id, as_of) => ("chart", id, as_of, prints.data).hash(&mut hasher),
            Make::ChartCsv(id, as_of) => ("chart-data", id, as_of, prints.data).hash(&mut hasher),
            Make::Download(register, form) => ("download", register, form, prints.data).hash(&mut hasher),
            Make::Word(listed, body) => {
                ("word", listed.source, listed.as_of, prints.data, prints.shortcodes).hash(&mut hasher);
                listed.summary.hash_into(&mut hasher);
                (body.body_print(self), body.file, body.body_line, &body.page).hash(&mut hasher);
                self.site.briefings[listed.source].distribution.hash(&mut hasher);
                self.site.briefings[listed.source].unit.hash(&mut hasher);
            }
        }
        hasher.finish()
    }

    /// Makes the page of `recipe`, noting what its Markdown held.
    pub(crate) fn make(&self, recipe: &Recipe<'_>, found: &mut Findings) -> Result<OutputFile, Vec<Diagnostic>> {
        let bytes = match &recipe.make {
            Make::Page(page) => {
                let template = page.template;
                let mut context = Context::new();
                context.insert_value("site", self.site_value.clone());
                context.insert("current_path", &recipe.path);
                context.insert("page_type", page.page_type);
                crate::render::body::insert_moment(&mut context, page.as_of);
                for (name, input) in &page.inputs {
                    match input {
                        Input::Value(value) => context.insert_value(*name, value.value()),
                        Input::FromData(value, _) => context.insert_value(*name, value.value()),
                        Input::WithBody(value, body) => {
                            let (rendered, warnings) = self.render_body(body)?;
                            found.add(body.file, body.body_line, &body.page, &rendered, warnings);
                            if self.search_text {
                                found.text = Some(crate::render::search::text::visible_text(&rendered.html));
                            }
                            let value = value.value();
                            context.insert(
                                *name,
                                &WithBody {
                                    value: &value,
                                    content: rendered.html,
                                    toc: rendered.headings,
                                },
                            );
                        }
                        Input::Charts(ids, as_of) => {
                            let figures = self.figures(ids, *as_of, &recipe.path)?;
                            context.insert(*name, &figures);
                        }
                    }
                }
                // Rendered as bytes: Tera writes only valid UTF-8, and
                // checking it again for every page would be wasted.
                let mut html = Vec::with_capacity(16 * 1024);
                self.clock
                    .render(&self.tera, template, &context, &mut html)
                    .map_err(|error| vec![templates::to_diagnostic(&self.site.theme, &error, Some(template))])?;
                html
            }
            Make::Feed { updated, entries, bodies } => publish::feed(self.site, &self.links, *updated, entries, bodies).into_bytes(),
            Make::ChartSvg(id, as_of) => match self.chart_file(id, *as_of) {
                Some(Ok(svg)) => svg.into_bytes(),
                Some(Err(message)) => return Err(vec![Diagnostic::error("content/data", 0, 0, message)]),
                // Nothing to draw: no file.
                None => return Ok(OutputFile::none()),
            },
            Make::ChartCsv(id, as_of) => match self.chart_spec(id, *as_of) {
                Some(spec) => crate::sheets::csv_bytes(&downloads::chart_sheet(spec)),
                None => return Ok(OutputFile::none()),
            },
            Make::Word(listed, body) => {
                let (rendered, _) = self.render_body(body)?;
                crate::render::word::docx_bytes(&self.paper(listed, &rendered.html))
                    .map_err(|message| vec![Diagnostic::error(body.file, 0, 0, message)])?
            }
            Make::Download(register, form) => {
                let views = &self.derived.views;
                let sheet = downloads::register_sheet(*register, views, &self.site.data, &self.derived.locale);
                downloads::bytes(&sheet, *form, views.as_of.date)
                    .map_err(|message| vec![Diagnostic::error("content/data", 0, 0, message)])?
            }
        };
        Ok(OutputFile {
            path: output_file(&recipe.path),
            bytes: Arc::new(bytes),
        })
    }

    /// The fingerprint of a briefing's text (remembered per shared
    /// briefing across rebuilds of `serve`).
    pub(crate) fn text_print(&self, briefing: &Briefing) -> u64 {
        match self.text_prints.get(&(briefing as *const Briefing as usize)) {
            Some(print) => *print,
            None => hash_of(briefing.body.as_str()),
        }
    }
}

impl BodySource<'_> {
    /// The fingerprint of the body's text.
    fn body_print(&self, renderer: &Renderer<'_>) -> u64 {
        match self.briefing {
            Some(briefing) => renderer.text_print(briefing),
            None => hash_of(self.body),
        }
    }
}
