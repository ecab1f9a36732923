//! Local figures in: pasted spreadsheet text -> raw table of cells -> validated
//! year series per indicator, plus located diagnostics. (Being built: issue 4.)
