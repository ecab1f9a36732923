//! Messages of what takes the work beyond the page: the session file, the
//! results export, the printable report, the share link and the embedded view.

use super::messages;

messages!(ReachMsg {
    SaveSession => "保存会话文件", "Save session file";
    OpenSession => "打开会话文件", "Open session file";
    DropHere => "松开鼠标以打开会话文件（.json）或指标目录（.toml）", "Drop to open the session file (.json) or catalog (.toml)";
    ReplaceConfirm => "打开的数据将替换当前的数据、指标目录、评估文字、情景和设置（可以撤销）。继续吗？", "The data being opened will replace your current figures, catalogs, evaluation texts, scenarios and settings (you can undo). Continue?";
    Opened => "已打开会话文件", "Opened the session file";
    NotOpened => "无法打开文件", "Cannot open the file";
    NotJson => "只能拖入 .json 会话文件或 .toml 指标目录；数据表请复制后粘贴。", "Only a .json session file or a .toml catalog can be dropped here; copy and paste a data table instead.";
    ExportCsv => "导出结果（CSV）", "Export results (CSV)";
    ExportXlsx => "导出结果（Excel）", "Export results (Excel)";
    XlsxFailed => "无法生成 Excel 文件", "Cannot make the Excel file";
    CopyTable => "复制表格", "Copy table";
    Copied => "已复制 {n} 行（含表头），可直接粘贴到 Excel 或 WPS。", "Copied {n} rows (with the header); paste them into Excel or WPS.";

    OpenReport => "打印报告", "Print report";
    ReportKind => "报告类型", "Report";
    KindAnnual => "年度监测报告", "Annual monitoring report";
    KindMidTerm => "中期评估报告（2025年）", "Mid-term evaluation report (2025)";
    KindFinal => "终期评估报告（2030年）", "Final evaluation report (2030)";
    Print => "打印", "Print";
    Back => "返回", "Back";
    PrintHint => "打印时选择 A4 纸；在打印对话框中选择“另存为 PDF”可得到 PDF 文件。", "Print on A4; choose 'Save as PDF' in the print dialog for a PDF file.";
    ReportDate => "报告日期", "Date";
    DataYears => "数据年份", "Data years";
    WithData => "有数据的指标", "Indicators with figures";
    Level => "预测区间", "Prediction interval";
    IntroAnnual => "本报告依据已录入的各年数据，评估两个规划各项指标的进展：与目标的差距、按当前趋势对 2025 年和目标年份的预测及其区间、完成目标所需的年均变化，以及需要预警的指标。", "This report assesses the progress of every indicator of the two plans from the figures entered: the gap to the target, the projections for 2025 and the target year with their intervals, the annual change still needed, and the indicators that need an early warning.";
    IntroMidTerm => "本报告为规划中期评估：对照 2025 年阶段目标和规划进度线，评估各项指标的完成情况，并按当前趋势判断到 2030 年能否实现目标。", "This is the plans' mid-term evaluation: each indicator is checked against its 2025 milestone and the glide path, and its trend is projected to judge whether the 2030 target will be met.";
    IntroFinal => "本报告为规划终期评估：对照 2030 年目标，评估各项指标的实现情况。", "This is the plans' final evaluation: each indicator is checked against its 2030 target.";
    MadeBy => "由 Gapcast 根据本机录入的数据生成；每个数字的计算方法可在页面的指标详情中查看。", "Made by Gapcast from the figures entered on this computer; the method behind every number is shown in the indicator's detail view.";
    Summary => "一、总体情况", "1. Summary";
    PlanDomain => "规划 / 领域", "Plan / domain";
    Count => "指标数", "Indicators";
    Flagged => "二、需要关注的指标（红色、黄色预警）", "2. Indicators that need attention (red and amber)";
    NoneFlagged => "没有红色或黄色预警的指标。", "No indicator is red or amber.";
    AllIndicators => "三、全部指标", "3. All indicators";
    LatestYear => "最新值（年份）", "Latest (year)";
    IntervalNote => "括号内为 {p}% 预测区间。", "In brackets: the {p}% prediction interval.";

    Share => "分享链接", "Share link";
    LinkMade => "链接已生成并复制到剪贴板。", "The link is made and copied to the clipboard.";
    ShareNote => "链接本身包含您的数据（压缩后放在 # 之后）。浏览器从不把 # 之后的内容发送给任何服务器，但收到链接的人都能看到这些数据。链接打开的是同一个 HTML 文件，对方需要在同一位置（如共享盘或内网）打开它。", "The link itself contains your figures (compressed, after the #). Browsers never send the part after # to any server, but anyone who gets the link can see the data. The link opens this same HTML file, so your colleague needs it at the same place (a shared drive or the intranet).";
    ShareLong => "链接较长（{n} KB），部分邮件或聊天软件可能会截断它；数据较多时请改用“保存会话文件”。", "The link is long ({n} KB) and some mail or chat programs may cut it; for this much data, save a session file instead.";
    ShareFailed => "无法生成链接：", "Cannot make the link:";
    LinkOpened => "已打开链接中的数据。", "Opened the figures in the link.";
    LinkRefused => "无法打开链接", "Cannot open the link";

    AtTarget => "目标年预测", "Projected (target year)";
    EmbedUnknown => "未识别的嵌入参数：", "Embed parameters not understood: ";
    EmbedNothing => "没有符合嵌入参数的指标。", "No indicator matches the embed parameters.";

    Catalogs => "指标目录", "Catalogs";
    CatalogInUse => "正在使用 {n} 项指标，来自：", "{n} indicators in use, from:";
    CatalogBuiltin => "花都区妇女、儿童发展规划（内置）", "The Huadu women's and children's plans (built in)";
    Remove => "移除", "Remove";
    ModeBeside => "与内置规划并用", "Beside the built-in plans";
    ModeInstead => "替代内置规划（如另一个区的规划）", "Instead of the built-in plans (another district's, say)";
    LoadCatalog => "载入目录文件（.toml）", "Load a catalog file (.toml)";
    CatalogHint => "格式与内置目录相同：开头写 plan = \"women\" 或 \"children\"，每个指标一个 [[indicator]] 块；也可以把 .toml 文件拖到页面上。内置目录可下载作模板：", "The format of the built-in catalog: plan = \"women\" or \"children\" at the top, one [[indicator]] block per indicator; you can also drop a .toml file on the page. The built-in files download as templates:";
    CatalogProblems => "目录文件中的问题（{n}）", "Problems in the catalog files ({n})";
    CatalogFellBack => "目录文件中没有可用的指标，仍使用内置规划。", "The catalog files hold no usable indicator, so the built-in plans are used.";
});
