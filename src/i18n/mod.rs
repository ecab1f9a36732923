//! The message tables: every string the page shows goes through one of them,
//! Chinese first and English beside it, so a missing translation is a compile
//! error rather than a blank on screen. Tables are split by screen area so each
//! stays short enough to review in one sitting.

mod app;
mod detail;
mod goals;
mod reach;

pub use app::Msg;
pub use detail::DetailMsg;
pub use gapcast_core::format::Lang;
pub use goals::GoalsMsg;
pub use reach::ReachMsg;

use gapcast_core::catalog::{Catalog, Plan};

/// A plan's title as the catalog in use gives it (the plans' own files give
/// theirs; another district's file its own), else the plan's short name.
pub fn plan_title(catalog: &Catalog, plan: Plan, lang: Lang) -> &str {
    catalog.title(plan, lang == Lang::Zh).unwrap_or_else(|| match plan {
        Plan::Women => Msg::PlanWomenShort.text(lang),
        Plan::Children => Msg::PlanChildrenShort.text(lang),
    })
}

/// The titles of every plan in the catalog, in its order.
pub fn plan_titles(catalog: &Catalog, lang: Lang) -> Vec<&str> {
    catalog.plans().into_iter().map(|plan| plan_title(catalog, plan, lang)).collect()
}

/// Defines a message enum with `text(lang)` and an `ALL` list for tests.
macro_rules! messages {
    ($enum:ident { $($name:ident => $zh:literal, $en:literal;)* }) => {
        /// A string of the page, in every language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $enum { $($name),* }

        impl $enum {
            /// Every message, for tests.
            pub const ALL: &'static [$enum] = &[$($enum::$name),*];

            /// The message in `lang`.
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match self {
                    $($enum::$name => lang.pick($zh, $en),)*
                }
            }
        }
    };
}
pub(crate) use messages;

#[cfg(test)]
mod tests {
    use super::*;

    fn check_table(table: &[(&'static str, &'static str, String)]) {
        for (zh, en, name) in table {
            assert!(!zh.is_empty(), "{name} has no Chinese text");
            assert!(!en.is_empty(), "{name} has no English text");
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        let app: Vec<_> = Msg::ALL.iter().map(|m| (m.text(Lang::Zh), m.text(Lang::En), format!("{m:?}"))).collect();
        let detail: Vec<_> =
            DetailMsg::ALL.iter().map(|m| (m.text(Lang::Zh), m.text(Lang::En), format!("{m:?}"))).collect();
        check_table(&app);
        check_table(&detail);
        let reach: Vec<_> =
            ReachMsg::ALL.iter().map(|m| (m.text(Lang::Zh), m.text(Lang::En), format!("{m:?}"))).collect();
        check_table(&reach);
        let goals: Vec<_> =
            GoalsMsg::ALL.iter().map(|m| (m.text(Lang::Zh), m.text(Lang::En), format!("{m:?}"))).collect();
        check_table(&goals);
    }
}
