//! Autosave in the browser's localStorage. Storage can be blocked (privacy
//! settings, some `file://` set-ups) or full; both are reported so the page can
//! say so and keep working in memory.

use std::fmt;

/// The key the session lives under: its JSON (with its own format version),
/// without the pasted text.
pub const SESSION_KEY: &str = "gapcast.session";
/// The key the pasted text lives under, as given. Kept apart from the session so
/// that changing a setting does not rewrite megabytes of text, and the text is
/// stored without JSON escaping.
pub const RAW_KEY: &str = "gapcast.raw";
/// The key of the save stamp: a value written after every save, unique to
/// that save. A tab remembers the stamp it read or wrote last; a different
/// stamp before it writes means another tab (or another copy of the file: every
/// `file://` page shares one storage) saved since, and this tab must not
/// overwrite that work without asking. Its change is also what the other tabs'
/// `storage` event reports.
pub const STAMP_KEY: &str = "gapcast.stamp";

/// A stamp no other save will have: the time and a random part.
pub fn new_stamp() -> String {
    format!("{}-{:08x}", js_sys::Date::now() as u64, (js_sys::Math::random() * f64::from(u32::MAX)) as u32)
}

/// Why storage could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser refuses localStorage for this page.
    Blocked,
    /// Writing failed, almost always because the quota is used up.
    Full,
}

impl fmt::Display for StorageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StorageProblem::Blocked => "localStorage is blocked",
            StorageProblem::Full => "localStorage is full",
        })
    }
}

fn storage() -> Result<web_sys::Storage, StorageProblem> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).ok_or(StorageProblem::Blocked)
}

/// Reads the saved text, `Ok(None)` when nothing was saved yet.
pub fn load(key: &str) -> Result<Option<String>, StorageProblem> {
    storage()?.get_item(key).map_err(|_| StorageProblem::Blocked)
}

/// Saves `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), StorageProblem> {
    storage()?.set_item(key, value).map_err(|_| StorageProblem::Full)
}

/// Removes `key`.
pub fn remove(key: &str) -> Result<(), StorageProblem> {
    storage()?.remove_item(key).map_err(|_| StorageProblem::Blocked)
}
