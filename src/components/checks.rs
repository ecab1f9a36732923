//! What the parser said about the paste: diagnostics (click one to see its cell
//! in the pasted table), names it did not recognise (assign them to an
//! indicator), and years with two values (pick one). Every cell that was not
//! used is listed here; nothing is dropped silently.

use gapcast_core::figures::{Diagnostic, Severity};
use std::collections::BTreeMap;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::{use_app, AppHandle};
use crate::i18n::{Lang, Msg};
use crate::state::Action;

/// Rows of the pasted table shown at once in the preview.
const PREVIEW_ROWS: usize = 60;
/// Diagnostics listed per severity; a paste of 100,000 bad rows must not
/// become 100,000 list items.
const LISTED_PER_GROUP: usize = 200;
/// Columns shown in the preview.
const PREVIEW_COLUMNS: usize = 16;

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-red",
        Severity::Warning => "sev-amber",
        Severity::Info => "sev-info",
    }
}

#[component]
pub fn Checks() -> Html {
    let app = use_app();
    let lang = app.lang();
    if app.session.raw.trim().is_empty() {
        return html! {};
    }
    let figures = &app.evaluation.figures;
    let mut by_severity: BTreeMap<Severity, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &figures.diagnostics {
        by_severity.entry(d.severity).or_default().push(d);
    }
    let groups = [(Severity::Error, Msg::Errors), (Severity::Warning, Msg::Warnings), (Severity::Info, Msg::Notes)];

    html! {
        <section class="panel checks" aria-labelledby="checks-title">
            <h2 id="checks-title">{ Msg::Diagnostics.text(lang) }</h2>
            if !figures.unmatched.is_empty() || !app.session.assignments.is_empty() { <Unmatched /> }
            if !figures.conflicts.is_empty() { <Conflicts /> }
            if figures.diagnostics.is_empty() {
                <p class="hint">{ Msg::NoDiagnostics.text(lang) }</p>
            }
            { for groups.iter().filter_map(|(sev, title)| {
                let list = by_severity.get(sev)?;
                Some(html! {
                    <details class={classes!("diag-group", severity_class(*sev))} open={*sev != Severity::Info}>
                        <summary>{ title.text(lang) }{ format!("（{}）", list.len()) }</summary>
                        <ul class="diagnostics">
                            { for list.iter().take(LISTED_PER_GROUP).map(|d| diagnostic_item(&app, d, lang)) }
                        </ul>
                        if list.len() > LISTED_PER_GROUP {
                            <p class="hint">{ Msg::MoreNotListed.text(lang).replace("{n}", &(list.len() - LISTED_PER_GROUP).to_string()) }</p>
                        }
                    </details>
                })
            }) }
            <Preview />
        </section>
    }
}

fn diagnostic_item(app: &AppHandle, d: &Diagnostic, lang: Lang) -> Html {
    let cell = d.cell_ref().map(|c| (c.row, c.col));
    let place =
        d.cell.clone().or_else(|| d.range.clone()).or_else(|| d.row.map(|r| format!("{} {r}", Msg::Row.text(lang))));
    let on_show = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Highlight(cell)))
    };
    let apply = match (&d.indicator, d.year, d.suggested_value) {
        (Some(id), Some(year), Some(value)) => {
            let app = app.clone();
            let id = id.clone();
            let onclick =
                Callback::from(move |_: MouseEvent| app.dispatch(Action::Choose { id: id.clone(), year, value }));
            html! { <button type="button" class="small" {onclick}>{ Msg::Apply.text(lang) }{ format!(" {value}") }</button> }
        }
        _ => html! {},
    };
    let message = lang.pick(&d.message_zh, &d.message_en).to_string();
    let selected = cell.is_some() && cell == app.highlight;
    html! {
        <li class={classes!(selected.then_some("selected"))} data-code={d.code.key()}>
            if let Some(place) = place {
                if cell.is_some() {
                    <button type="button" class="cell-ref" title={Msg::ShowCell.text(lang)} onclick={on_show}>{ place }</button>
                } else {
                    <span class="cell-ref">{ place }</span>
                }
            }
            if !d.text.is_empty() { <code class="cell-text">{ d.text.clone() }</code> }
            <span class="diag-message">{ message }</span>
            { apply }
        </li>
    }
}

/// Names the catalog does not know, each with the closest indicators to pick.
#[component]
fn Unmatched() -> Html {
    let app = use_app();
    let lang = app.lang();
    let items = app.evaluation.figures.unmatched.iter().take(LISTED_PER_GROUP).map(|u| {
        let onchange = {
            let app = app.clone();
            let name = u.name.clone();
            Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                let id = select.value();
                if !id.is_empty() {
                    app.dispatch(Action::Assign { name: name.clone(), id });
                }
            })
        };
        let suggested: Vec<_> = u.suggestions.iter().filter_map(|id| app.catalog.get(id)).collect();
        html! {
            <li>
                <span class="cell-ref">{ format!("{} {}", Msg::Row.text(lang), u.row) }</span>
                <code class="cell-text">{ u.name.clone() }</code>
                <select aria-label={format!("{} {}", Msg::ChooseIndicator.text(lang), u.name)} {onchange}>
                    <option value="" selected=true>{ Msg::ChooseIndicator.text(lang) }</option>
                    { for suggested.iter().map(|i| html! {
                        <option value={i.id.clone()}>{ format!("★ {} {}", i.id, lang.pick(&i.name_zh, &i.name_en)) }</option>
                    }) }
                    <optgroup label={Msg::All.text(lang)}>
                        { for app.catalog.indicators.iter().map(|i| html! {
                            <option value={i.id.clone()}>{ format!("{} {}", i.id, lang.pick(&i.name_zh, &i.name_en)) }</option>
                        }) }
                    </optgroup>
                </select>
            </li>
        }
    });
    let assigned = app.session.assignments.iter().map(|(name, id)| {
        let app2 = app.clone();
        let name2 = name.clone();
        let onclick = Callback::from(move |_: MouseEvent| app2.dispatch(Action::Unassign(name2.clone())));
        html! {
            <li class="assigned">
                <code class="cell-text">{ name.clone() }</code>{ " → " }{ id.clone() }{ " " }
                <button type="button" class="small" {onclick}>{ Msg::Unassign.text(lang) }</button>
            </li>
        }
    });
    html! {
        <div class="unmatched sev-amber-border" id="unmatched">
            <h3>{ Msg::Unmatched.text(lang) }</h3>
            <p class="hint">{ Msg::UnmatchedHint.text(lang) }</p>
            <ul>{ for items }{ for assigned }</ul>
        </div>
    }
}

/// Indicator-years with two values: neither is used until one is picked.
/// How many of a conflict's values are offered as choices.
const CONFLICT_CHOICES: usize = 10;

#[component]
fn Conflicts() -> Html {
    let app = use_app();
    let lang = app.lang();
    let items = app.evaluation.figures.conflicts.iter().map(|c| {
        let name = app
            .catalog
            .get(&c.id)
            .map(|i| lang.pick(&i.name_zh, &i.name_en).to_string())
            .unwrap_or_else(|| c.id.clone());
        // A paste can hold thousands of values for one year: offer the first few
        // as choices and say how many more there are (the source needs fixing).
        let more = c.values.len().saturating_sub(CONFLICT_CHOICES);
        let choices = c.values.iter().take(CONFLICT_CHOICES).map(|v| {
            let app = app.clone();
            let (id, year, value) = (c.id.clone(), c.year, v.value);
            let onclick =
                Callback::from(move |_: MouseEvent| app.dispatch(Action::Choose { id: id.clone(), year, value }));
            html! {
                <button type="button" class="small" {onclick}>
                    { Msg::UseValue.text(lang) }{ format!(" {}（{}）", v.text, v.cell) }
                </button>
            }
        });
        html! {
            <li><strong>{ name }</strong>{ format!(" {} ", c.year) }{ for choices }
                if more > 0 { <span class="hint">{ lang.pick(&format!("…另有 {more} 个不同数值", more = more), &format!("…and {more} more different values", more = more)).to_string() }</span> }
            </li>
        }
    });
    html! {
        <div class="conflicts" id="conflicts">
            <h3>{ Msg::Conflicts.text(lang) }</h3>
            <p class="hint">{ Msg::ConflictsHint.text(lang) }</p>
            <ul>{ for items }</ul>
        </div>
    }
}

/// The pasted table as the parser split it, with the highlighted cell marked.
#[component]
fn Preview() -> Html {
    let app = use_app();
    let lang = app.lang();
    let table = &app.evaluation.table;
    let highlight = app.highlight;
    let preview_ref = use_node_ref();
    {
        let preview_ref = preview_ref.clone();
        use_effect_with(highlight, move |h| {
            if h.is_some() {
                if let Some(cell) =
                    preview_ref.cast::<web_sys::Element>().and_then(|el| el.query_selector(".hl").ok().flatten())
                {
                    cell.scroll_into_view_with_bool(false);
                }
            }
        });
    }
    if table.rows.is_empty() {
        return html! {};
    }
    // Show the rows around the highlighted cell when it lies further down.
    let start = match highlight {
        Some((row, _)) if row >= PREVIEW_ROWS => row - PREVIEW_ROWS / 2,
        _ => 0,
    };
    let end = (start + PREVIEW_ROWS).min(table.rows.len());
    let width = table.width().min(PREVIEW_COLUMNS);
    let letters = |c: usize| gapcast_core::figures::diagnostic::column_letters(c);
    html! {
        <details class="preview" open={highlight.is_some()}>
            <summary>{ Msg::PreviewTitle.text(lang) }{ format!("（{} × {}）", table.rows.len(), table.width()) }</summary>
            <div class="preview-scroll" ref={preview_ref}>
                <table class="preview-table">
                    <thead><tr><th></th>{ for (0..width).map(|c| html! { <th>{ letters(c) }</th> }) }</tr></thead>
                    <tbody>
                        { for (start..end).map(|r| html! {
                            <tr class={classes!((highlight.map(|h| h.0) == Some(r)).then_some("hl-row"))}>
                                <th>{ r + 1 }</th>
                                { for (0..width).map(|c| {
                                    let text = table.rows[r].get(c).cloned().unwrap_or_default();
                                    html! { <td class={classes!((highlight == Some((r, c))).then_some("hl"))}>{ text }</td> }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if table.rows.len() > PREVIEW_ROWS {
                <p class="hint">{ Msg::PreviewMore.text(lang).replace("{n}", &PREVIEW_ROWS.to_string()) }</p>
            }
        </details>
    }
}
