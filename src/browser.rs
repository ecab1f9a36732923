//! Small bridges to the browser: the clock, downloads and the clipboard. Each
//! degrades quietly where the browser refuses (no panic, a `false` result).

use wasm_bindgen::JsCast;

/// The current calendar year by the page's clock.
pub fn clock_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// Offers `content` as a file download named `name`. Returns whether the
/// browser accepted it.
pub fn download(name: &str, mime: &str, content: &str) -> bool {
    download_part(name, mime, &wasm_bindgen::JsValue::from_str(content))
}

/// Offers `bytes` as a file download named `name` (a binary file: XLSX).
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> bool {
    download_part(name, mime, &js_sys::Uint8Array::from(bytes))
}

fn download_part(name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let done = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        })
        .is_some();
    let _ = web_sys::Url::revoke_object_url(&url);
    done
}

/// Puts `text` on the clipboard (asynchronously; failures are ignored, the
/// caller shows the text anyway).
pub fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
