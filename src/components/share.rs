//! Small bridges to the browser's promise-based APIs (file text, compression
//! streams), called through `Reflect` so the page needs no extra `web-sys`
//! bindings and no async runtime.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// Calls `target.method(...args)`.
pub(crate) fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    f.apply(target, &args.iter().collect())
}

/// Runs `ok` with the promise's value, or `err` with the reason it failed.
pub(crate) fn then(promise: &JsValue, ok: impl FnOnce(JsValue) + 'static, err: impl FnOnce(JsValue) + 'static) {
    let (ok, err) = (Closure::once_into_js(ok), Closure::once_into_js(err));
    let _ = call(promise, "then", &[ok, err]);
}

/// The text of a failed promise's reason, for a message.
pub(crate) fn reason(e: &JsValue) -> String {
    e.as_string().or_else(|| js_sys::Reflect::get(e, &"message".into()).ok()?.as_string()).unwrap_or_default()
}
