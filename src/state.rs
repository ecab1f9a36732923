//! The app's one state and the one enum of changes to it. Each arm of
//! [`Action`] is small and calls into the core for anything that computes: the
//! whole pipeline from what the user gave to what the page shows is
//! [`Session::evaluate`], run again only when its inputs change.

use gapcast_core::assess::{Settings, Severity, Status, WarningKind, WhatIfChange};
use gapcast_core::catalog::{Catalog, CatalogIssue, Plan, Scale};
use gapcast_core::figures::{Delimiter, Layout};
use gapcast_core::session::{CatalogFile, CatalogMode, Evaluation, Session};
use std::rc::Rc;
use yew::Reducible;

use crate::i18n::Lang;
use crate::storage::StorageProblem;

/// The demo figures: published national figures for 19 indicators.
pub const DEMO_FIGURES: &str = include_str!("../static/demo/national-figures.tsv");
/// Where each demo row comes from.
pub const DEMO_SOURCES: &str = include_str!("../static/demo/national-figures-sources.tsv");

/// A value shared between states and compared by identity: the catalog and
/// the evaluation are large and only ever replaced whole, so "same Rc" is the
/// right and cheap meaning of "unchanged".
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Pastes larger than this are analysed just after the input event rather
/// inside it, so the text appears at once and the page can say it is working.
pub const LARGE_PASTE: usize = 256 * 1024;

/// How the indicator table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Red first, then amber, then green, then the rest; plan order within.
    #[default]
    Severity,
    /// Largest relative gap to the target first.
    Gap,
    /// By Chinese name.
    Name,
    /// As the plans list them.
    Catalog,
}

/// What the indicator table shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub plan: Option<Plan>,
    pub domain: Option<String>,
    pub status: Option<Status>,
    pub severity: Option<Severity>,
    pub warning: Option<WarningKind>,
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A panel over the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Panel {
    #[default]
    None,
    Settings,
    Sources,
    Detail(String),
    /// The printable report (annual monitoring, mid-term or final evaluation).
    Report,
    /// The catalogs in use, the user's files and their problems.
    Catalog,
}

/// What "undo" brings back, and what it undoes.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub session: Rc<Session>,
    /// Whether the session was cleared (else replaced by an opened file or link).
    pub cleared: bool,
}

/// A saved session the page cannot read, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// The stored text, as found (to be saved as a file).
    pub text: Rc<str>,
    pub why_zh: String,
    pub why_en: String,
}

/// Everything the page shows is derived from this.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// What the user gave: saved on every change.
    pub session: Session,
    /// The catalog the session's catalog files make (the plans' own when none).
    pub catalog: Shared<Catalog>,
    /// What the loader found wrong in the user's catalog files.
    pub catalog_issues: Shared<Vec<CatalogIssue>>,
    /// The user's files gave no sound indicator, so the plans' own are used.
    pub catalog_fell_back: bool,
    /// How many catalog files were loaded, counting one that changed nothing:
    /// the embedded view answers each.
    pub catalog_loads: u32,
    /// The session evaluated against the catalog.
    pub evaluation: Shared<Evaluation>,
    /// Whether `evaluation` is behind `session` (a large paste waiting for
    /// [`Action::Evaluate`]).
    pub pending: bool,
    pub filter: Filter,
    pub sort: SortKey,
    pub panel: Panel,
    /// The pasted cell to highlight in the preview (0-based row, column).
    pub highlight: Option<(usize, usize)>,
    /// Why autosave is not working, if it is not.
    pub storage_problem: Option<StorageProblem>,
    /// The saved session this page could not read (a newer format, a damaged
    /// text), kept in storage untouched: autosave waits until the user saves
    /// it as a file or lets it go.
    pub unreadable: Option<Unreadable>,
    /// Another tab (or another copy of the file) saved since this one read or
    /// wrote: this tab does not save until the user reloads or keeps its own.
    pub other_tab: bool,
    /// The session as it was before it was cleared or replaced, for undo.
    pub undo: Option<Undo>,
    /// The year of the page's clock, for a session whose year is not pinned.
    pub clock_year: i32,
}

impl State {
    /// The state for a session restored from storage (or a new one).
    pub fn new(mut session: Session, clock_year: i32) -> Self {
        if !session.current_year_pinned {
            session.settings.current_year = clock_year;
        }
        let loaded = session.catalog();
        let evaluation = Shared::new(session.evaluate(&loaded.catalog));
        State {
            session,
            catalog: Shared::new(loaded.catalog),
            catalog_issues: Shared::new(loaded.issues),
            catalog_fell_back: loaded.fell_back,
            catalog_loads: 0,
            evaluation,
            pending: false,
            filter: Filter::default(),
            sort: SortKey::default(),
            panel: Panel::None,
            highlight: None,
            storage_problem: None,
            unreadable: None,
            other_tab: false,
            undo: None,
            clock_year,
        }
    }

    pub fn lang(&self) -> Lang {
        self.session.lang
    }
}

/// Every change the user can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetLang(Lang),
    /// Replace the pasted text.
    Paste(String),
    /// Bring the evaluation up to date after a large paste.
    Evaluate,
    LoadDemo,
    SetDelimiter(Option<Delimiter>),
    SetLayout(Option<Layout>),
    Assign {
        name: String,
        id: String,
    },
    Unassign(String),
    /// Use `value` for an indicator-year (a conflict resolved, or a suggested
    /// correction accepted).
    Choose {
        id: String,
        year: i32,
        value: f64,
    },
    SetSettings(Settings),
    ResetSettings,
    /// Pin the current year (or follow the clock again with `None`).
    SetCurrentYear(Option<i32>),
    SetScale {
        id: String,
        scale: Option<Scale>,
    },
    SetScenario {
        id: String,
        change: Option<WhatIfChange>,
    },
    SetFilter(Filter),
    SetSort(SortKey),
    Open(Panel),
    Highlight(Option<(usize, usize)>),
    /// Replace the whole session with one read from a file or a share link.
    ImportSession(Box<Session>),
    /// Load a catalog file (replacing one of the same name: a file edited and
    /// loaded again), and set where the files go when a mode is given.
    AddCatalog(CatalogFile, Option<CatalogMode>),
    RemoveCatalog(String),
    SetCatalogMode(CatalogMode),
    /// The staff's evaluation text of a goal without a quantified target.
    SetEvaluation {
        id: String,
        text: String,
    },
    Clear,
    Undo,
    StorageResult(Option<StorageProblem>),
    /// Another tab saved (`true`), or the user chose to keep this tab's work.
    OtherTab(bool),
    /// The user has saved or let go the unreadable stored session.
    ForgetUnreadable,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        // Whether the figures or assessments can change, so the pipeline must run.
        let mut evaluate = true;
        match action {
            Action::SetLang(lang) => {
                next.session.lang = lang;
                evaluate = false;
            }
            // New figures make "undo clear" meaningless.
            Action::Paste(text) => {
                if text.len() > LARGE_PASTE {
                    next.pending = true;
                    evaluate = false;
                }
                next.session.raw = Rc::from(text);
                next.highlight = None;
                next.undo = None;
            }
            Action::Evaluate => {
                if !self.pending {
                    return self;
                }
                next.pending = false;
                next.evaluation = Shared::new(next.session.evaluate(&next.catalog));
                return Rc::new(next);
            }
            Action::LoadDemo => {
                next.session.raw = Rc::from(DEMO_FIGURES);
                next.highlight = None;
                next.undo = None;
            }
            Action::SetDelimiter(d) => next.session.delimiter = d,
            Action::SetLayout(l) => next.session.layout = l,
            Action::Assign { name, id } => {
                next.session.assignments.insert(name, id);
            }
            Action::Unassign(name) => {
                next.session.assignments.remove(&name);
            }
            Action::Choose { id, year, value } => next.session.choose(&id, year, value),
            Action::SetSettings(settings) => next.session.settings = settings,
            Action::ResetSettings => {
                next.session.settings = Settings::new(self.clock_year);
                next.session.current_year_pinned = false;
            }
            Action::SetCurrentYear(year) => {
                next.session.current_year_pinned = year.is_some();
                next.session.settings.current_year = year.unwrap_or(self.clock_year);
            }
            Action::SetScale { id, scale } => match scale {
                Some(scale) => {
                    next.session.settings.scale_by_indicator.insert(id, scale);
                }
                None => {
                    next.session.settings.scale_by_indicator.remove(&id);
                }
            },
            Action::SetScenario { id, change } => {
                match change {
                    Some(change) => next.session.scenarios.insert(id, change),
                    None => next.session.scenarios.remove(&id),
                };
                evaluate = false;
            }
            Action::SetFilter(filter) => {
                next.filter = filter;
                evaluate = false;
            }
            Action::SetSort(sort) => {
                next.sort = sort;
                evaluate = false;
            }
            Action::Open(panel) => {
                next.panel = panel;
                evaluate = false;
            }
            Action::Highlight(cell) => {
                next.highlight = cell;
                evaluate = false;
            }
            Action::ImportSession(session) => {
                next.undo = Some(Undo { session: Rc::new(self.session.clone()), cleared: false });
                next.session = *session;
                if !next.session.current_year_pinned {
                    next.session.settings.current_year = self.clock_year;
                }
                next.highlight = None;
                next.panel = Panel::None;
            }
            Action::Clear => {
                next.undo = Some(Undo { session: Rc::new(self.session.clone()), cleared: true });
                next.session.raw = Rc::from("");
                next.session.assignments.clear();
                next.session.choices.clear();
                next.session.delimiter = None;
                next.session.layout = None;
                next.session.scenarios.clear();
                next.highlight = None;
                next.panel = Panel::None;
            }
            Action::Undo => match &self.undo {
                Some(previous) => {
                    next.session = (*previous.session).clone();
                    next.undo = None;
                }
                None => return self,
            },
            Action::AddCatalog(file, mode) => {
                next.catalog_loads += 1;
                if let Some(mode) = mode {
                    next.session.catalog_mode = mode;
                }
                let files = &mut next.session.catalogs;
                match files.iter_mut().find(|f| f.name == file.name) {
                    Some(same) => *same = file,
                    None => files.push(file),
                }
            }
            Action::RemoveCatalog(name) => next.session.catalogs.retain(|f| f.name != name),
            Action::SetCatalogMode(mode) => next.session.catalog_mode = mode,
            Action::SetEvaluation { id, text } => {
                next.session.set_evaluation(&id, &text);
                evaluate = false;
            }
            Action::StorageResult(problem) => {
                next.storage_problem = problem;
                evaluate = false;
            }
            Action::OtherTab(changed) => {
                next.other_tab = changed;
                evaluate = false;
            }
            Action::ForgetUnreadable => {
                next.unreadable = None;
                evaluate = false;
            }
        }
        // Another catalog: read it, and assess against it.
        let catalog_changed =
            next.session.catalogs != self.session.catalogs || next.session.catalog_mode != self.session.catalog_mode;
        if catalog_changed {
            let loaded = next.session.catalog();
            next.catalog = Shared::new(loaded.catalog);
            next.catalog_issues = Shared::new(loaded.issues);
            next.catalog_fell_back = loaded.fell_back;
        }
        if next == *self {
            // Returning the same Rc tells Yew nothing changed: no re-render.
            return self;
        }
        if catalog_changed || (evaluate && (next.session != self.session || self.pending)) {
            next.evaluation = Shared::new(next.session.evaluate(&next.catalog));
            next.pending = false;
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn state() -> Rc<State> {
        Rc::new(State::new(Session::new(2026), 2026))
    }

    #[test]
    fn the_demo_figures_load_and_are_assessed() {
        let s = state().reduce(Action::LoadDemo);
        assert_eq!(&*s.session.raw, DEMO_FIGURES);
        assert!(s.evaluation.figures.unmatched.is_empty(), "{:?}", s.evaluation.figures.unmatched);
        let mm = s.evaluation.assessment("W-HEALTH-02").unwrap();
        assert_eq!(mm.latest_value, Some(14.3));
    }

    #[test]
    fn clear_then_undo_restores_everything() {
        let s = state().reduce(Action::LoadDemo).reduce(Action::Assign { name: "x".into(), id: "W-HEALTH-02".into() });
        let cleared = s.clone().reduce(Action::Clear);
        assert!(cleared.session.raw.is_empty() && cleared.session.assignments.is_empty());
        let back = cleared.reduce(Action::Undo);
        assert_eq!(back.session, s.session);
        assert!(*back.evaluation == *s.evaluation, "the same figures and assessments again");
    }

    #[test]
    fn an_unchanged_state_is_the_same_rc() {
        let s = state();
        let same = s.clone().reduce(Action::SetLang(Lang::Zh));
        assert!(Rc::ptr_eq(&s, &same), "no re-render for a no-op");
    }

    #[test]
    fn a_large_paste_is_kept_at_once_and_evaluated_on_request() {
        let big = "指标\t年份\t数值\n".to_string() + &"婴儿死亡率\t2021\t5.0\n".repeat(LARGE_PASTE / 10);
        let s = state().reduce(Action::Paste(big.clone()));
        assert!(s.pending && *s.session.raw == *big);
        assert!(s.evaluation.figures.series.is_empty(), "not parsed inside the input event");
        let done = s.reduce(Action::Evaluate);
        assert!(!done.pending);
        assert_eq!(done.evaluation.figures.series_for("C-HEALTH-03").map(|s| s.points.len()), Some(1));
    }

    #[test]
    fn a_catalog_file_is_read_and_assessed_and_can_be_removed() {
        let text = "plan = \"children\"\n[[indicator]]\nid = \"C-X-01\"\ndomain = \"儿童与健康\"\n\
            name_zh = \"某率\"\nname_en = \"Some rate\"\nunit = \"percent\"\ncomparator = \"ge\"\n\
            value = 90\nsource = \"s\"\n";
        let s = state().reduce(Action::Paste("指标\t2021\t2022\n某率\t80\t85\n".into()));
        assert!(s.evaluation.assessment("C-X-01").is_none());
        let file = CatalogFile { name: "mine.toml".into(), text: text.into() };
        let loaded = s.clone().reduce(Action::AddCatalog(file.clone(), None));
        assert_eq!(loaded.catalog.indicators.len(), s.catalog.indicators.len() + 1);
        assert_eq!(loaded.evaluation.assessment("C-X-01").and_then(|a| a.latest_value), Some(85.0));
        let instead = loaded.clone().reduce(Action::SetCatalogMode(CatalogMode::Instead));
        assert_eq!(instead.catalog.indicators.len(), 1);
        // The same name again replaces the file (an edited file loaded again).
        let broken = CatalogFile { name: "mine.toml".into(), text: text.replace("90", "900").into() };
        let again = instead.reduce(Action::AddCatalog(broken, None));
        assert_eq!(again.session.catalogs.len(), 1);
        assert_eq!(again.catalog_issues.len(), 1);
        assert!(again.catalog_fell_back, "no sound indicator left: the plans' own catalog");
        let removed = again.reduce(Action::RemoveCatalog("mine.toml".into()));
        assert!(removed.session.catalogs.is_empty() && removed.catalog_issues.is_empty());
        assert_eq!(removed.catalog.indicators.len(), s.catalog.indicators.len());
    }

    #[test]
    fn an_evaluation_is_kept_without_rerunning_the_pipeline() {
        let s = state().reduce(Action::LoadDemo);
        let id = s.catalog.goals[0].id.clone();
        let written = s.clone().reduce(Action::SetEvaluation { id: id.clone(), text: "已推进。".into() });
        assert_eq!(written.session.evaluations.get(&id).map(String::as_str), Some("已推进。"));
        assert_eq!(s.evaluation, written.evaluation, "the same Rc");
        // Clearing the figures keeps the staff's evaluations.
        assert_eq!(written.reduce(Action::Clear).session.evaluations.len(), 1);
    }

    #[test]
    fn view_changes_do_not_rerun_the_pipeline() {
        let s = state().reduce(Action::LoadDemo);
        let filtered = s.clone().reduce(Action::SetSort(SortKey::Name));
        assert_eq!(s.evaluation, filtered.evaluation, "the same Rc");
    }
}
