//! A status shown by colour, icon and text together, so it reads in greyscale
//! and for colour-blind users.

use gapcast_core::assess::{Severity, Status};
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::Lang;

/// The icon for a severity: a distinct shape for each.
pub fn severity_icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Red => "✖",
        Severity::Amber => "▲",
        Severity::Green => "✔",
        Severity::Info => "ℹ",
        Severity::None => "○",
    }
}

/// The CSS class carrying a severity's colour.
pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Red => "sev-red",
        Severity::Amber => "sev-amber",
        Severity::Green => "sev-green",
        Severity::Info => "sev-info",
        Severity::None => "sev-none",
    }
}

/// A status's label in `lang`.
pub fn status_label(status: Status, lang: Lang) -> &'static str {
    lang.pick(status.label_zh(), status.label_en())
}

#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    pub status: Status,
    /// The status's colour in this assessment (`Assessment::status_severity`:
    /// an "about" target just outside its band is amber, not red).
    pub severity: Severity,
    /// The verdict sentence, shown on hover and read by screen readers.
    #[prop_or_default]
    pub title: Option<AttrValue>,
}

#[component]
pub fn StatusBadge(props: &StatusBadgeProps) -> Html {
    let lang = use_lang();
    let severity = props.severity;
    html! {
        <span class={classes!("badge", severity_class(severity))} data-status={props.status.key()}
            title={props.title.clone()} tabindex={props.title.is_some().then_some("0")}>
            <span class="badge-icon" aria-hidden="true">{ severity_icon(severity) }</span>
            { status_label(props.status, lang) }
        </span>
    }
}
