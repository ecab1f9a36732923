//! The XLSX writer (`gapcast_core::export::xlsx`, on `rust_xlsxwriter`) as a
//! wasm module of its own. The writer is about half of the page's wasm again;
//! inside the app's module it would be decoded and compiled at every start,
//! for a button most visits never press. The page carries this module packed
//! beside the app's and unpacks it on the first click on the Excel export
//! (`static/boot.js`, `gapcastXlsx`).
//!
//! One entry point: the request as JSON ([`gapcast_core::export::WorkbookRequest`],
//! the same table the CSV is written from) in, the workbook's bytes out.

use gapcast_core::export::{xlsx, WorkbookRequest};
use wasm_bindgen::prelude::*;

/// The workbook for `request` (JSON), or why not.
#[wasm_bindgen]
pub fn workbook(request: &str) -> Result<Vec<u8>, JsValue> {
    let request: WorkbookRequest =
        serde_json::from_str(request).map_err(|e| JsValue::from_str(&format!("bad request: {e}")))?;
    xlsx::workbook(&request.table, &request.settings, request.lang).map_err(|e| JsValue::from_str(&e.to_string()))
}
