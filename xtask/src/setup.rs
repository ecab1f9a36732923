//! Installs the tools the tasks need, idempotently: each check is cheap and each
//! install runs only when its check fails, so a fresh machine of this kind needs
//! nothing installed by hand and a warm one loses no time.

use crate::{root, run, succeeds};
use std::path::PathBuf;
use std::process::Command;

/// `rustup target add wasm32-unknown-unknown`, unless already installed.
pub fn wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the wasm target: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The `wasm-bindgen` version Cargo.lock resolves: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock (run `cargo generate-lockfile`): {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

/// The `wasm-bindgen` CLI at exactly the locked version, installed into
/// `~/.cargo/bin` when missing or at another version. Not `--locked`: the
/// registry lacks one of the CLI's locked transitive versions.
pub fn wasm_bindgen_cli() -> Result<PathBuf, String> {
    let version = locked_wasm_bindgen_version()?;
    let bin = cargo_bin_dir().join("wasm-bindgen");
    let current = Command::new(&bin).arg("--version").output().ok();
    let have = current.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if have.as_deref() != Some(&format!("wasm-bindgen {version}")) {
        eprintln!("installing wasm-bindgen-cli {version} (about 2 minutes, once)");
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version, "--force"]))?;
    }
    Ok(bin)
}

fn cargo_bin_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home).join("bin");
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
    PathBuf::from(home).join(".cargo").join("bin")
}

/// Debian's `chromium` and `chromium-driver`, for the browser tests.
pub fn chromium() -> Result<PathBuf, String> {
    let found = || which("chromium").or_else(|| which("chromium-browser"));
    if let Some(path) = found() {
        return Ok(path);
    }
    eprintln!("installing Debian's chromium and chromium-driver");
    let sudo = if is_root() { vec![] } else { vec!["sudo"] };
    let apt = |args: &[&str]| {
        let mut all = sudo.clone();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut cmd = Command::new(all[0]);
        cmd.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-q"])?;
    apt(&["install", "-y", "-q", "chromium", "chromium-driver"])?;
    found().ok_or_else(|| "chromium was installed but is not on PATH".into())
}

/// The browser-test npm packages, from the committed lockfile (`npm ci`), unless
/// `node_modules` already matches it.
pub fn npm_packages() -> Result<(), String> {
    let dir = root().join("tests").join("e2e");
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules").join(".package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(l), Ok(s)) => s.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
}

/// numpy, scipy and statsmodels for the statistical cross-checks and openpyxl
/// for the XLSX check, unless importable already.
pub fn python_packages() -> Result<(), String> {
    if succeeds(Command::new("python3").args(["-c", "import numpy, scipy, statsmodels.api, openpyxl"])) {
        return Ok(());
    }
    let requirements = root().join("tests").join("crosscheck").join("requirements.txt");
    run(Command::new("python3").args(["-m", "pip", "install", "-q", "-r"]).arg(requirements))
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Finds an executable on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(name)).find(|path| path.is_file())
}
