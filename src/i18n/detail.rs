//! Messages of the indicator detail view: the chart, the numbers behind it, the
//! scale selector and the what-if control. Sentences that carry numbers are
//! built by the core (`gapcast_core::explain`); only fixed words live here.

use super::messages;

messages!(DetailMsg {
    Close => "关闭", "Close";
    UnknownIndicator => "指标目录中没有这个指标。", "This indicator is not in the catalog.";
    Target => "目标", "Target";
    Source => "规划出处", "In the plan";
    Latest => "最新值", "Latest";
    Gap => "差距", "Gap";
    Projected => "预测", "Projected";
    CurrentPace => "当前年均变化", "Current change a year";
    RequiredPace => "所需年均变化", "Required change a year";
    ProgressRatio => "进度比 R", "Progress ratio R";
    Probability => "达标概率", "Probability of meeting the target";
    GlidePath => "规划进度线", "Glide path";
    Milestones => "阶段目标", "Milestones";
    MilestoneYear => "年份", "Year";
    MilestoneProjected => "趋势预测", "Trend projection";
    MilestoneScenario => "情景", "Scenario";
    Status => "状态", "Status";
    Warnings => "预警", "Warnings";
    Numbers => "关键数字", "Key numbers";

    ScaleLabel => "模型尺度", "Model scale";
    ScaleAuto => "自动", "Automatic";
    ScaleLinear => "线性", "Linear";
    ScaleLog => "对数", "Log";
    ScaleLogit => "logit", "Logit";
    ScaleInUse => "当前使用", "in use";

    ChartTitle => "趋势图", "Trajectory chart";
    ChartHint => "将鼠标移到数据点上可查看数值；也可用 Tab 键进入图表，再用方向键逐点查看。", "Hover over a point to read its value, or Tab into the chart and move between points with the arrow keys.";
    DataTable => "图表数据", "Chart data";
    Year => "年份", "Year";
    Observed => "观测值", "Observed";
    Fitted => "拟合趋势", "Fitted trend";
    Projection => "趋势预测", "Projection";
    Band => "预测区间", "prediction interval";
    BandExpected => "预期值区间", "interval of the expected value";
    Whisker => "单年精确区间", "exact interval of each year";
    Lower => "区间下限", "Lower bound";
    Upper => "区间上限", "Upper bound";
    TargetLine => "目标", "Target";
    Milestone => "阶段目标", "Milestone";
    Glide => "规划进度线（模型尺度上为直线）", "Glide path (straight on the model scale)";
    Checkpoint => "中期检查点", "Mid-term checkpoint";
    Scenario => "假设情景", "What-if path";
    BandClipped => "预测区间超出图表范围，已在图框处截断。", "The interval reaches beyond the chart and is cut at its frame.";

    WhatIfTitle => "假设情景", "What if";
    WhatIfHint => "设定从最新值起的年均变化，图中紫色线和下方数值随之更新；情景会自动保存。", "Set an annual change from the latest value; the purple line and the values below follow, and the scenario is saved.";
    AnnualChange => "年均变化", "Change a year";
    PercentAYear => "%/年", "% a year";
    PointsAYear => "个百分点/年", "points a year";
    AYear => "/年", " a year";
    Slider => "拖动调整年均变化", "Drag to set the change a year";
    UseRequired => "按所需速度", "Required pace";
    UseCurrent => "按当前趋势", "Current pace";
    Reset => "清除情景", "Clear scenario";
    NoScenario => "尚未设定情景：拖动滑块、输入数值或点击“按所需速度”。", "No scenario yet: drag the slider, type a number or press “Required pace”.";
    Met => "达标", "Met";
    NotMet => "未达标", "Not met";
    Now => "目前", "now";
    Needed => "需要", "needed";

    HowComputed => "计算方法", "How this was computed";
    Quantity => "项目", "Quantity";
    Formula => "公式", "Formula";
    ResultCol => "结果", "Result";
    PointsTitle => "拟合所用数据", "Points as fitted";
    ValueUsed => "拟合所用值", "Value used";
    ResidualG => "残差", "Residual";
    Leverage => "杠杆值 h", "Leverage h";
    Studentized => "学生化残差", "Studentized residual";
    MethodsNote => "方法依据 WHO/UNICEF、Eurostat、UN ESCAP 的公开做法；所有阈值均可在设置中修改。", "Methods follow WHO/UNICEF, Eurostat and UN ESCAP practice; every threshold can be changed in the settings.";
});
