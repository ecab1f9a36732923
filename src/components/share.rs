//! The share link: the session (figures and settings) gzipped by the browser's
//! own `CompressionStream`, in base64url, in the URL fragment `#s=...`; and
//! opening such a link. The fragment is never sent to any server, so the data
//! stays between the people who pass the link on; the page says so beside the
//! link, and warns when the link grows long enough for a mail or chat program
//! to cut it.
//!
//! The pure half (base64url, the fragment's parameters, located errors) is
//! `gapcast_core::share`. Here are the browser bridges, called through
//! `Reflect` so the page needs no extra `web-sys` bindings and no async
//! runtime, and written without generics so the page carries one copy of each.
//! Every promise's failure is caught and said, never left to the crash banner.

use std::cell::Cell;
use std::rc::Rc;

use gapcast_core::session::Session;
use gapcast_core::share::{
    decode_base64url, encode_base64url, parse_fragment, Fragment, Inflated, ShareError, SHARE_PREFIX,
};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// Fragments longer than this get a warning: some mail and chat programs cut
/// long links.
pub const LONG_FRAGMENT: usize = 8 * 1024;

/// What to do with a promise's value, or with the reason it failed.
pub(crate) type Done = Box<dyn FnOnce(Result<JsValue, String>)>;

/// Calls `target.method(...args)`.
pub(crate) fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    f.apply(target, &args.iter().collect())
}

/// `new name(...args)` for a global constructor.
pub(crate) fn construct(name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &name.into())?.dyn_into()?;
    js_sys::Reflect::construct(&ctor, &args.iter().collect())
}

/// The text of a failure's reason, for a message.
fn reason(e: &JsValue) -> String {
    e.as_string().or_else(|| js_sys::Reflect::get(e, &"message".into()).ok()?.as_string()).unwrap_or_default()
}

fn finish(once: &Cell<Option<Done>>, r: Result<JsValue, String>) {
    if let Some(done) = once.take() {
        done(r)
    }
}

/// Runs `done` with the promise's value or the reason it failed (also when
/// there was no promise to begin with).
pub(crate) fn then(promise: Result<JsValue, JsValue>, done: Done) {
    let once = Rc::new(Cell::new(Some(done)));
    match promise {
        Ok(p) => {
            let fail = once.clone();
            let ok = Closure::once_into_js(move |v: JsValue| finish(&once, Ok(v)));
            let err = Closure::once_into_js(move |e: JsValue| finish(&fail, Err(reason(&e))));
            let _ = call(&p, "then", &[ok, err]);
        }
        Err(e) => finish(&once, Err(reason(&e))),
    }
}

/// `part` as a blob, piped through the gzip stream `stream`
/// (`CompressionStream` or `DecompressionStream`) into a `Response`, read by
/// `read` (`arrayBuffer` or `text`): a promise.
fn pipe(part: JsValue, stream: &str, read: &str) -> Result<JsValue, JsValue> {
    let blob = construct("Blob", &[Array::of1(&part).into()])?;
    let piped = call(&call(&blob, "stream", &[])?, "pipeThrough", &[construct(stream, &["gzip".into()])?])?;
    call(&construct("Response", &[piped])?, read, &[])
}

/// A share link made: the link and its fragment's length, or why not.
pub type Made = Box<dyn FnOnce(Result<(String, usize), String>)>;

/// Makes the share link of `session`: `done` gets the link and the length of
/// its fragment, or the browser's reason.
pub fn make_link(session: &Session, done: Made) {
    // The session file's own JSON: gzip takes its indentation away, and the
    // page then carries one JSON writer rather than two.
    then(
        pipe(session.to_json().into(), "CompressionStream", "arrayBuffer"),
        Box::new(move |r| {
            done(r.map(|buffer| {
                let fragment = format!("{SHARE_PREFIX}{}", encode_base64url(&Uint8Array::new(&buffer).to_vec()));
                let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
                (format!("{}{fragment}", href.split('#').next().unwrap_or_default()), fragment.len())
            }))
        }),
    );
}

/// Why a share link did not open, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkProblem {
    pub zh: String,
    pub en: String,
}

/// Reads the share link in `hash`, if it is one: `done` gets the session or
/// what is wrong with the link (located where the core can locate it).
/// Returns whether `hash` was a share link.
pub fn read_link(hash: &str, done: Box<dyn FnOnce(Result<Session, LinkProblem>)>) -> bool {
    let Fragment::Share(payload) = parse_fragment(hash) else { return false };
    match decode_base64url(&payload) {
        Err(e) => done(Err(LinkProblem { zh: e.message_zh(), en: e.to_string() })),
        Ok(bytes) => inflate(
            &bytes,
            Box::new(move |text| {
                done(match text {
                    Err(Inflating::Damaged(why)) => Err(LinkProblem {
                        zh: format!("链接中的数据已损坏，无法解压（{why}）"),
                        en: format!("the data in the link is damaged and cannot be unpacked ({why})"),
                    }),
                    Err(Inflating::Refused(e)) => Err(LinkProblem { zh: e.message_zh(), en: e.to_string() }),
                    Ok(text) => {
                        Session::from_json(&text).map_err(|e| LinkProblem { zh: e.message_zh(), en: e.to_string() })
                    }
                })
            }),
        ),
    }
    true
}

/// Why inflating a link stopped.
enum Inflating {
    /// The browser's reason (not gzip, cut short).
    Damaged(String),
    /// Past the core's limit, or not text.
    Refused(ShareError),
}

type Inflate = Box<dyn FnOnce(Result<String, Inflating>)>;

/// Gunzips `bytes` with the browser's `DecompressionStream`, reading it chunk
/// by chunk into the core's [`Inflated`], which refuses it as soon as it
/// passes [`gapcast_core::share::MAX_INFLATED`]: a 136 KB link that inflates
/// to 100 MB is stopped after 2 MB, never held whole.
fn inflate(bytes: &[u8], done: Inflate) {
    let reader = (|| {
        let blob = construct("Blob", &[Array::of1(&Uint8Array::from(bytes).into()).into()])?;
        let piped =
            call(&call(&blob, "stream", &[])?, "pipeThrough", &[construct("DecompressionStream", &["gzip".into()])?])?;
        call(&piped, "getReader", &[])
    })();
    match reader {
        Ok(reader) => read_chunk(reader, Inflated::default(), done),
        Err(e) => done(Err(Inflating::Damaged(reason(&e)))),
    }
}

/// Reads the next chunk of `reader` into `inflated`, then the next, until the
/// stream ends or the limit is passed (then the stream is cancelled).
fn read_chunk(reader: JsValue, mut inflated: Inflated, done: Inflate) {
    let read = call(&reader, "read", &[]);
    then(
        read,
        Box::new(move |r| match r {
            Err(why) => done(Err(Inflating::Damaged(why))),
            Ok(result) => {
                let finished = js_sys::Reflect::get(&result, &"done".into()).ok().and_then(|d| d.as_bool());
                if finished != Some(false) {
                    return done(inflated.finish().map_err(Inflating::Refused));
                }
                let chunk = js_sys::Reflect::get(&result, &"value".into()).unwrap_or(JsValue::UNDEFINED);
                match inflated.push(&Uint8Array::new(&chunk).to_vec()) {
                    Ok(()) => read_chunk(reader, inflated, done),
                    Err(e) => {
                        let _ = call(&reader, "cancel", &[]);
                        done(Err(Inflating::Refused(e)))
                    }
                }
            }
        }),
    );
}

/// Removes the fragment from the address (after it was read), so a reload
/// does not open the link again.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = js_sys::Reflect::get(&window, &"history".into()) {
        let _ = call(&history, "replaceState", &[JsValue::NULL, "".into(), url.into()]);
    }
}
