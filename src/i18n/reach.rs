//! Messages of what takes the work beyond the page: the session file, the
//! results export, the printable report, the share link and the embedded view.

use super::messages;

messages!(ReachMsg {
    SaveSession => "保存会话文件", "Save session file";
    SaveSessionHint => "把粘贴的数据、指标对应、冲突选择、情景和设置保存为一个 JSON 文件，以后可再打开", "Save the pasted figures, assignments, choices, scenarios and settings as one JSON file to open later";
    OpenSession => "打开会话文件", "Open session file";
    OpenSessionHint => "选择或拖入以前保存的 .json 会话文件", "Pick or drop a .json session file saved earlier";
    DropHere => "松开鼠标以打开会话文件", "Drop to open the session file";
    ReplaceConfirm => "打开的数据将替换当前粘贴的数据和设置（可以撤销）。继续吗？", "The data being opened will replace your current figures and settings (you can undo). Continue?";
    Opened => "已打开会话文件", "Opened the session file";
    NotOpened => "无法打开文件", "Cannot open the file";
    NotJson => "只能拖入 .json 会话文件；数据表请复制后粘贴。", "Only a .json session file can be dropped here; copy and paste a data table instead.";
});
