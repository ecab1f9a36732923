//! Messages of the goals the plans state without a quantified target: their
//! list under the dashboard, the evaluation text staff write for each, the
//! suggested proxies, and their section of the printed report.

use super::messages;

messages!(GoalsMsg {
    Title => "无量化指标的目标", "Goals without a quantified target";
    Intro => "规划主要目标中没有数值的各项目标，按领域列出：逐项填写评估意见，随会话保存，并打印在报告中。", "The goals of the plans' main targets that set no number, by domain: write an evaluation of each; it is saved with the session and printed in the report.";
    NoQuantified => "无量化指标", "No quantified target";
    ProxyMark => "建议的代理指标，规划未规定", "Suggested proxy, not set by the plan";
    ProxyPaste => "粘贴名为「{name}」的年度数据，即按方向评判", "Paste yearly figures named “{name}” to have it judged by its direction";
    PlanWording => "规划原文", "The plan's words";
    Evaluation => "评估意见", "Evaluation";
    EvaluationPlaceholder => "写下该目标的进展、依据和存在的问题……", "Progress on this goal, the evidence for it, the problems…";
    Evaluated => "项已评估", "evaluated";
    Goals => "项", "goals";
    Show => "展开", "Show";
    Hide => "收起", "Hide";
    Direction => "方向", "Direction";
    DirIncrease => "提高", "Increase";
    DirDecrease => "降低、减少", "Decrease";
    DirSlowIncrease => "上升趋势减缓", "Slower rise";
    DirMaintain => "保持", "Maintain";
    DirOther => "定性目标", "Qualitative";
    Latest => "最新值", "Latest";
    Details => "查看趋势", "Trend";
    ReportIntro => "以下目标规划未规定量化指标，由工作人员逐项评估；附建议的代理指标的，列出其数据与评判（代理指标为建议，规划未规定）。", "The plan sets no quantified target for these goals; staff evaluate each in writing. Where a proxy is suggested, its figures and judgment are given (the proxy is a suggestion, not set by the plan).";
    ReportNone => "（尚未填写评估意见）", "(no evaluation written yet)";
});
