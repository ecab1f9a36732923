//! Messages of the indicator detail view: the chart, the numbers behind it, the
//! scale selector and the what-if control.

use super::messages;

messages!(DetailMsg {
    Close => "关闭", "Close";
});
