//! The message table: every string the page shows goes through [`Msg`], with
//! Chinese first and English beside it, so a missing translation is a compile
//! error rather than a blank on screen.

use serde::{Deserialize, Serialize};

/// The page's language. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The value for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the string for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

macro_rules! messages {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        /// A string of the page, in every language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name),* }

        impl Msg {
            /// Every message, for tests.
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            /// The message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$name => lang.pick($zh, $en),)*
                }
            }
        }
    };
}

messages! {
    AppName => "Gapcast 目标监测", "Gapcast target tracker";
    AppTagline => "花都区妇女儿童发展规划（2021—2030年）目标监测与预警", "Monitoring and early warning for the Huadu women's and children's development plans (2021–2030)";
    PlanWomen => "花都区妇女发展规划（2021—2030年）", "Huadu District Women's Development Plan (2021–2030)";
    PlanChildren => "花都区儿童发展规划（2021—2030年）", "Huadu District Children's Development Plan (2021–2030)";
    LanguageLabel => "语言", "Language";
    PasteTitle => "粘贴本地数据", "Paste local figures";
    PasteHint => "从 Excel 或 WPS 复制指标行、年份列的表格，粘贴到这里（在页面任意位置粘贴也可以）。数据只保存在本机浏览器中，不会上传。", "Copy a block of cells from Excel or WPS (indicator rows, year columns) and paste it here, or anywhere on the page. Your figures stay in this browser and are never uploaded.";
    PasteLabel => "粘贴区", "Paste area";
    PastePlaceholder => "指标\t单位\t2021年\t2022年\t2023年\n孕产妇死亡率\t1/10万\t8.2\t7.9\t7.4", "Indicator\tUnit\t2021\t2022\t2023\nMaternal mortality ratio\tper 100,000\t8.2\t7.9\t7.4";
    PastedLines => "已粘贴行数", "Rows pasted";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        for msg in Msg::ALL {
            assert!(!msg.text(Lang::Zh).is_empty(), "{msg:?} has no Chinese text");
            assert!(!msg.text(Lang::En).is_empty(), "{msg:?} has no English text");
            assert_ne!(msg.text(Lang::Zh), msg.text(Lang::En), "{msg:?} is untranslated");
        }
    }
}
