//! The input area: the paste box (its text kept exactly as given), what the
//! parser detected with an override, the demo figures, the template download,
//! and clear with undo.

use gapcast_core::figures::{template, Delimiter, Layout};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::hooks::use_app;
use crate::i18n::{Lang, Msg};
use crate::state::{Action, Panel, LARGE_PASTE};

fn layout_label(layout: Layout, lang: Lang) -> &'static str {
    match layout {
        Layout::Wide => Msg::LayoutWide.text(lang),
        Layout::Transposed => Msg::LayoutTransposed.text(lang),
        Layout::Long => Msg::LayoutLong.text(lang),
    }
}

fn delimiter_label(delimiter: Delimiter, lang: Lang) -> &'static str {
    match delimiter {
        Delimiter::Tab => Msg::DelimTab.text(lang),
        Delimiter::Comma => Msg::DelimComma.text(lang),
        Delimiter::Semicolon => Msg::DelimSemicolon.text(lang),
        Delimiter::ChineseComma => Msg::DelimChineseComma.text(lang),
    }
}

/// The template's years: from the plans' base year to the current year.
fn template_years(current_year: i32) -> std::ops::RangeInclusive<i32> {
    2020..=current_year.clamp(2021, 2030)
}

#[component]
pub fn InputPanel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let figures = &app.evaluation.figures;
    let has_text = !app.session.raw.trim().is_empty();

    let oninput = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            app.dispatch(Action::Paste(area.value()));
        })
    };
    // A huge clipboard replaces the box's text instead of going through the
    // browser's text editing, which takes seconds for megabytes.
    let onpaste = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let Some(e) = wasm_bindgen::JsCast::dyn_ref::<web_sys::ClipboardEvent>(&e) else { return };
            if let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) {
                if text.len() > LARGE_PASTE {
                    e.prevent_default();
                    app.dispatch(Action::Paste(text));
                }
            }
        })
    };
    let on_layout = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            app.dispatch(Action::SetLayout(Layout::from_key(&select.value())));
        })
    };
    let on_delimiter = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let chosen = Delimiter::ALL.into_iter().find(|d| d.key() == select.value());
            app.dispatch(Action::SetDelimiter(chosen));
        })
    };
    let dispatch = |action: Action| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(action.clone()))
    };
    let download_template = |csv: bool| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let tsv = template(&app.catalog, None, template_years(app.session.settings.current_year));
            if csv {
                browser::download(
                    "gapcast-template.csv",
                    "text/csv;charset=utf-8",
                    &gapcast_core::export::tsv_to_csv(&tsv),
                );
            } else {
                browser::download("gapcast-template.tsv", "text/tab-separated-values;charset=utf-8", &tsv);
            }
        })
    };
    let on_clear = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(Msg::ClearConfirm.text(app.lang())).ok())
                .unwrap_or(true);
            if confirmed {
                app.dispatch(Action::Clear);
            }
        })
    };

    let values: usize = figures.series.iter().map(|s| s.points.len()).sum();
    let detected = has_text.then(|| {
        html! {
            <div class="detected row" aria-live="polite">
                <span class="hint">{ Msg::Detected.text(lang) }{ "：" }</span>
                <label>{ Msg::LayoutLabel.text(lang) }{ " " }
                    <select id="layout-select" onchange={on_layout}>
                        <option value="" selected={app.session.layout.is_none()}>
                            { format!("{}（{}）", Msg::Auto.text(lang), layout_label(figures.layout, lang)) }
                        </option>
                        { for [Layout::Wide, Layout::Transposed, Layout::Long].into_iter().map(|l| html! {
                            <option value={l.key()} selected={app.session.layout == Some(l)}>{ layout_label(l, lang) }</option>
                        }) }
                    </select>
                </label>
                <label>{ Msg::DelimiterLabel.text(lang) }{ " " }
                    <select id="delimiter-select" onchange={on_delimiter}>
                        <option value="" selected={app.session.delimiter.is_none()}>
                            { format!("{}（{}）", Msg::Auto.text(lang), delimiter_label(figures.delimiter, lang)) }
                        </option>
                        { for Delimiter::ALL.into_iter().map(|d| html! {
                            <option value={d.key()} selected={app.session.delimiter == Some(d)}>{ delimiter_label(d, lang) }</option>
                        }) }
                    </select>
                </label>
                <span id="read-summary" class="pill">
                    { Msg::SeriesRead.text(lang) }{ format!(" {} · {} ", figures.series.len(), values) }{ Msg::ValuesRead.text(lang) }
                </span>
            </div>
        }
    });
    let is_demo = &*app.session.raw == crate::state::DEMO_FIGURES;

    html! {
        <section class="panel input-panel" aria-labelledby="paste-title">
            <h2 id="paste-title">{ Msg::PasteTitle.text(lang) }</h2>
            <p class="hint">{ Msg::PasteHint.text(lang) }</p>
            if app.session.raw.len() > LARGE_PASTE {
                <LargeText />
            } else {
                <label class="visually-hidden" for="paste-box">{ Msg::PasteLabel.text(lang) }</label>
                <textarea id="paste-box" class="paste-box" value={AttrValue::from(app.session.raw.clone())} {oninput}
                    {onpaste} placeholder={Msg::PastePlaceholder.text(lang)} spellcheck="false" wrap="off" />
            }
            { for detected }
            if is_demo {
                <p class="notice sev-info" id="demo-note">{ Msg::DemoNote.text(lang) }{ " " }
                    <button type="button" class="link" onclick={dispatch(Action::Open(Panel::Sources))}>{ Msg::DemoSources.text(lang) }</button>
                </p>
            }
            <div class="row buttons">
                <button type="button" id="demo-button" class="primary" onclick={dispatch(Action::LoadDemo)}>{ Msg::DemoButton.text(lang) }</button>
                <button type="button" onclick={download_template(false)}>{ Msg::TemplateTsv.text(lang) }</button>
                <button type="button" onclick={download_template(true)}>{ Msg::TemplateCsv.text(lang) }</button>
                if has_text {
                    <button type="button" id="clear-button" onclick={on_clear}>{ Msg::Clear.text(lang) }</button>
                }
                if let Some(undo) = &app.undo {
                    <span class="notice sev-info" role="status">
                        { if undo.cleared { Msg::Cleared.text(lang) } else { Msg::Replaced.text(lang) } }{ " " }
                        <button type="button" id="undo-button" onclick={dispatch(Action::Undo)}>{ Msg::Undo.text(lang) }</button>
                    </span>
                }
            </div>
        </section>
    }
}

/// Lines of a large paste shown in its preview, and characters of each.
const LARGE_PREVIEW_LINES: usize = 40;
const LARGE_PREVIEW_CHARS: usize = 200;

/// A paste too large to edit comfortably in a text box (browsers take seconds
/// to lay out megabytes in a textarea): its size and first lines, read-only.
/// The whole text is kept and analysed; a new paste replaces it.
#[component]
fn LargeText() -> Html {
    let app = use_app();
    let lang = app.lang();
    let raw = &app.session.raw;
    let lines = raw.lines().count();
    // Each line cut too: one line of megabytes would take the browser seconds
    // to lay out.
    let head: String = raw
        .lines()
        .take(LARGE_PREVIEW_LINES)
        .map(|line| match line.char_indices().nth(LARGE_PREVIEW_CHARS) {
            Some((end, _)) => format!("{}…", &line[..end]),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    html! {
        <div class="large-paste" id="large-paste">
            <p class="notice sev-info">
                { Msg::LargePaste.text(lang)
                    .replace("{mb}", &format!("{:.1}", raw.len() as f64 / 1_048_576.0))
                    .replace("{lines}", &lines.to_string()) }
            </p>
            <pre class="paste-box large-head" tabindex="0">{ head }{ "\n…" }</pre>
        </div>
    }
}
