//! `cargo xtask dist`: the single-file page.
//!
//! Why this shape: staff open the page from `file://`, where a module script or a
//! fetched `.wasm` is refused (origin `null`). So the glue is wasm-bindgen's
//! `no-modules` output inlined as a classic script, and the wasm travels inside
//! the page gzip-compressed and base64-encoded. `static/boot.js` pipes it
//! through the browser's own `DecompressionStream('gzip')` into
//! `WebAssembly.instantiateStreaming`, so the browser decodes natively and
//! compiles while it decodes: no decoder of ours in the page, nothing requested
//! at run time.
//!
//! The build is plain stable Rust: the release profile (`opt-level = "z"`, LTO,
//! one codegen unit, `panic = "abort"`) and no unstable flag.

use crate::{root, run, setup};
use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// Markers in `index.html` that the build replaces.
const STYLE_MARK: &str = "/*@STYLE@*/";
const GLUE_MARK: &str = "/*@GLUE@*/";
const BOOT_MARK: &str = "/*@BOOT@*/";
const WASM_MARK: &str = "@WASM_GZIP_BASE64@";
const XLSX_WASM_MARK: &str = "@XLSX_WASM_GZIP_BASE64@";
const XLSX_GLUE_MARK: &str = "/*@XLSX_GLUE@*/";
const SKELETON_MARK: &str = "<!--@SKELETON@-->";
const SKELETON_EN_MARK: &str = "<!--@SKELETON_EN@-->";

/// The page's size budget (gzip, as a server would send it). What users notice
/// is the time to the first screen and to an answer, which `cargo xtask
/// bench-page` measures; the bytes only have to stay sensible.
const BUDGET_GZIP: usize = 600 * 1024;

/// Builds `dist/gapcast.html` and returns its path.
pub fn dist() -> Result<PathBuf, String> {
    build_page(false)
}

/// The text only the test page's wasm holds (`src/panic.rs`): the shipped page
/// is refused if its wasm has it.
const TEST_HOOK: &[u8] = b"gapcast-test-panic";

/// Builds the page; with `test_hooks`, the test page (the `test-hooks` feature:
/// the crash banner's trigger) as `target/test-page/gapcast.html`, never in
/// `dist/`. Returns the page's path.
pub fn build_page(test_hooks: bool) -> Result<PathBuf, String> {
    setup::wasm_target()?;
    let wasm_bindgen = setup::wasm_bindgen_cli()?;
    let root = root();
    let mut build = Command::new(env!("CARGO"));
    build.current_dir(&root).args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        "gapcast",
        "--bin",
        "gapcast-app",
    ]);
    if test_hooks {
        build.args(["--features", "test-hooks"]);
    }
    // The XLSX writer's module: the same flags, its own cargo run (in one run
    // the app would get the core's `xlsx` feature too).
    let mut xlsx_build = Command::new(env!("CARGO"));
    xlsx_build.current_dir(&root).args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        "gapcast-xlsx",
        "--lib",
    ]);
    run(build.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", remap_flags()))?;
    run(xlsx_build.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", remap_flags()))?;

    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let out = target_dir.join(if test_hooks { "page-test-hooks" } else { "page" });
    run(Command::new(&wasm_bindgen)
        .arg(target_dir.join("wasm32-unknown-unknown/release/gapcast-app.wasm"))
        .arg("--out-dir")
        .arg(&out)
        .args(["--out-name", "gapcast", "--target", "no-modules", "--no-typescript"])
        .args(["--remove-name-section", "--remove-producers-section"]))?;

    run(Command::new(&wasm_bindgen)
        .arg(target_dir.join("wasm32-unknown-unknown/release/gapcast_xlsx.wasm"))
        .arg("--out-dir")
        .arg(&out)
        .args(["--out-name", "gapcast_xlsx", "--target", "no-modules", "--no-modules-global", "gapcast_xlsx"])
        .args(["--no-typescript", "--remove-name-section", "--remove-producers-section"]))?;

    // The first screen's skeleton: the app's layout rendered natively (see
    // `examples/skeleton.rs`), in both languages.
    run(Command::new(env!("CARGO"))
        .current_dir(&root)
        .args(["run", "--quiet", "--package", "gapcast", "--example", "skeleton", "--"])
        .arg(&out))?;

    let read =
        |path: PathBuf| std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()));
    let skeleton_zh = skeleton(&read(out.join("skeleton-zh.html"))?)?;
    let skeleton_en = skeleton(&read(out.join("skeleton-en.html"))?)?;
    let template = read(root.join("index.html"))?;
    let style = compact_css(&stylesheets(&root.join("static"))?);
    let boot = read(root.join("static/boot.js"))?;
    let glue = compact_js(&read(out.join("gapcast.js"))?);
    let wasm = std::fs::read(out.join("gapcast_bg.wasm")).map_err(|e| format!("cannot read the wasm: {e}"))?;
    if test_hooks != wasm.windows(TEST_HOOK.len()).any(|w| w == TEST_HOOK) {
        return Err(format!(
            "the {} page's wasm {} the test hook",
            if test_hooks { "test" } else { "shipped" },
            if test_hooks { "lacks" } else { "holds" }
        ));
    }
    let wasm_gz = gzip(&wasm);
    let xlsx_glue = compact_js(&read(out.join("gapcast_xlsx.js"))?);
    let xlsx_wasm =
        std::fs::read(out.join("gapcast_xlsx_bg.wasm")).map_err(|e| format!("cannot read the XLSX wasm: {e}"))?;
    let xlsx_gz = gzip(&xlsx_wasm);

    let page = assemble(
        &template,
        &Pieces {
            style: &style,
            glue: &glue,
            boot: &boot,
            wasm_b64: &base64_encode(&wasm_gz),
            skeleton_zh: &skeleton_zh,
            skeleton_en: &skeleton_en,
            xlsx_glue: &xlsx_glue,
            xlsx_b64: &base64_encode(&xlsx_gz),
        },
    )?;
    let dist_dir = if test_hooks { target_dir.join("test-page") } else { root.join("dist") };
    std::fs::create_dir_all(&dist_dir).map_err(|e| format!("cannot create {}: {e}", dist_dir.display()))?;
    let page_path = dist_dir.join("gapcast.html");
    std::fs::write(&page_path, &page).map_err(|e| format!("cannot write {}: {e}", page_path.display()))?;

    let page_gz = gzip(page.as_bytes()).len();
    println!(
        "{}: {} raw, {} gzip (budget {}; wasm {} raw, {} gzip; glue {} raw; XLSX module, unpacked on demand: {} raw, {} gzip)",
        if test_hooks { "target/test-page/gapcast.html" } else { "dist/gapcast.html" },
        kb(page.len()),
        kb(page_gz),
        kb(BUDGET_GZIP),
        kb(wasm.len()),
        kb(wasm_gz.len()),
        kb(glue.len()),
        kb(xlsx_wasm.len()),
        kb(xlsx_gz.len())
    );
    if page_gz > BUDGET_GZIP {
        println!("warning: the page is over its budget of {} gzip", kb(BUDGET_GZIP));
    }
    Ok(page_path)
}

/// Shortens the source paths that panic locations carry into the wasm (the
/// cargo registry, the toolchain's library sources, this checkout): they are
/// kilobytes of text nobody reads, and they name this machine's directories.
fn remap_flags() -> String {
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    let cargo_home = std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{home}/.cargo"));
    let rustup_home = std::env::var("RUSTUP_HOME").unwrap_or_else(|_| format!("{home}/.rustup"));
    [format!("{cargo_home}/registry/src="), format!("{rustup_home}/toolchains="), format!("{}=", root().display())]
        .iter()
        .map(|map| format!("--remap-path-prefix={map}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What goes into the template.
struct Pieces<'a> {
    style: &'a str,
    glue: &'a str,
    boot: &'a str,
    wasm_b64: &'a str,
    skeleton_zh: &'a str,
    skeleton_en: &'a str,
    /// The XLSX writer's module (xlsx/): its glue and its wasm, packed the same
    /// way, unpacked only when the user exports to Excel.
    xlsx_glue: &'a str,
    xlsx_b64: &'a str,
}

/// Puts the pieces into the template. Every marker must be present exactly once,
/// so a template edit that drops one fails the build instead of the page.
fn assemble(template: &str, p: &Pieces) -> Result<String, String> {
    for mark in
        [STYLE_MARK, GLUE_MARK, BOOT_MARK, WASM_MARK, XLSX_WASM_MARK, XLSX_GLUE_MARK, SKELETON_MARK, SKELETON_EN_MARK]
    {
        if template.matches(mark).count() != 1 {
            return Err(format!("index.html must contain the marker {mark} exactly once"));
        }
    }
    // A literal `</script` inside inlined code would end the script element early.
    let script_safe = |code: &str| code.replace("</script", "<\\/script");
    Ok(template
        .replace(STYLE_MARK, p.style)
        .replace(GLUE_MARK, &script_safe(p.glue))
        .replace(BOOT_MARK, &script_safe(p.boot))
        .replace(XLSX_WASM_MARK, p.xlsx_b64)
        .replace(XLSX_GLUE_MARK, &script_safe(p.xlsx_glue))
        .replace(WASM_MARK, p.wasm_b64)
        .replace(SKELETON_MARK, p.skeleton_zh)
        .replace(SKELETON_EN_MARK, p.skeleton_en))
}

/// The app's server-rendered layout made into the static skeleton: its root
/// is `.app-skeleton` (styled as `.app`, but not what the browser tests wait
/// for) and busy, and every control is disabled, so nothing typed or clicked
/// before the app starts is lost silently.
fn skeleton(rendered: &str) -> Result<String, String> {
    let root_end = rendered.find('>').ok_or("the skeleton is empty")?;
    let (root, rest) = rendered.split_at(root_end);
    if !root.starts_with("<div") || root.matches(r#"class="app""#).count() != 1 {
        return Err(format!("the skeleton must be one <div class=\"app\">, not {root}>"));
    }
    let root = root.replace(r#"class="app""#, r#"class="app-skeleton" aria-busy="true""#);
    let mut rest = rest.to_string();
    for control in ["button", "input", "select", "textarea"] {
        rest = rest.replace(&format!("<{control} "), &format!("<{control} disabled "));
        rest = rest.replace(&format!("<{control}>"), &format!("<{control} disabled>"));
    }
    Ok(root + &rest)
}

/// Every `static/*.css`, `style.css` first, then the others by name: one
/// stylesheet per screen area, inlined as one.
fn stylesheets(dir: &std::path::Path) -> Result<String, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    files.sort_by_key(|p| (p.file_name().is_none_or(|n| n != "style.css"), p.clone()));
    let mut css = String::new();
    for file in files {
        css.push_str(&std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?);
        css.push('\n');
    }
    Ok(css)
}

/// wasm-bindgen's glue without its indentation, blank lines and whole-line
/// comments: about 1 KB of the page's gzip size. Only done when no line opens a
/// template literal that a later line closes (the one construct where leading
/// white space is content); otherwise the glue is kept as it is.
fn compact_js(code: &str) -> String {
    let is_comment = |line: &str| line.trim_start().starts_with("//");
    let spans_lines = code.lines().filter(|l| !is_comment(l)).any(|l| l.matches('`').count() % 2 == 1);
    if spans_lines {
        return code.to_string();
    }
    let mut out = String::with_capacity(code.len());
    for line in code.lines().map(str::trim).filter(|l| !l.is_empty() && !is_comment(l)) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The stylesheets without comments, indentation and blank lines: about half a
/// kilobyte of the page's gzip size. Comments are the only thing removed from
/// inside a line, and our CSS has no `/*` inside a string.
fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..].find("*/").map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// gzip at zlib's best level: what the page carries its wasm in (the browser's
/// `DecompressionStream` reads it), and how the page's own size is measured, as
/// a server would send it.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces() -> Pieces<'static> {
        Pieces {
            style: "a{}",
            glue: "let s='</script>';",
            boot: "boot()",
            wasm_b64: "QUJD",
            skeleton_zh: "<div>zh</div>",
            skeleton_en: "<div>en</div>",
            xlsx_glue: "x()",
            xlsx_b64: "WA==",
        }
    }

    #[test]
    fn assemble_fills_every_marker_and_escapes_script_ends() {
        let template = "<style>/*@STYLE@*/</style><div id=app><!--@SKELETON@--></div><template><!--@SKELETON_EN@--></template><script>/*@GLUE@*/</script><script>/*@BOOT@*/</script><script type=x>@WASM_GZIP_BASE64@</script><script type=x>@XLSX_WASM_GZIP_BASE64@</script><script>/*@XLSX_GLUE@*/</script>";
        assert_eq!(
            assemble(template, &pieces()).unwrap(),
            "<style>a{}</style><div id=app><div>zh</div></div><template><div>en</div></template><script>let s='<\\/script>';</script><script>boot()</script><script type=x>QUJD</script><script type=x>WA==</script><script>x()</script>"
        );
    }

    #[test]
    fn assemble_refuses_a_template_without_a_marker() {
        let err = assemble("<style>/*@STYLE@*/</style>", &pieces()).unwrap_err();
        assert!(err.contains("/*@GLUE@*/"), "{err}");
    }

    #[test]
    fn skeleton_is_a_busy_app_skeleton_with_every_control_disabled() {
        let rendered = r#"<div lang="zh-CN" class="app"><button type="button">设置</button><textarea id="paste-box" class="paste-box"></textarea><select><option>a</option></select><input type="search"><p class="app">x</p></div>"#;
        assert_eq!(
            skeleton(rendered).unwrap(),
            r#"<div lang="zh-CN" class="app-skeleton" aria-busy="true"><button disabled type="button">设置</button><textarea disabled id="paste-box" class="paste-box"></textarea><select disabled><option>a</option></select><input disabled type="search"><p class="app">x</p></div>"#
        );
        assert!(skeleton(r#"<main class="x"></main>"#).unwrap_err().contains("<main"));
    }

    #[test]
    fn compact_js_drops_indentation_and_comment_lines_but_not_code() {
        assert_eq!(
            compact_js("  let a = 1; // keep\n\n    // note `x`\n  f(`${a}`);\n"),
            "let a = 1; // keep\nf(`${a}`);\n"
        );
        let multi_line_template = "const s = `a\n   b`;\n";
        assert_eq!(compact_js(multi_line_template), multi_line_template);
    }

    #[test]
    fn compact_css_drops_comments_and_indentation() {
        assert_eq!(compact_css("/* a */\n.x {\n  color: red; /* why */\n}\n\n/* open"), ".x {\ncolor: red;\n}");
    }

    #[test]
    fn gzip_round_trips_as_one_gzip_member() {
        let data: Vec<u8> = (0..5000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let packed = gzip(&data);
        assert!(packed.starts_with(&[0x1f, 0x8b, 8]), "a gzip header, deflate method");
        assert!(packed.len() < data.len() / 4);
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&packed[..]), &mut back).unwrap();
        assert_eq!(back, data);
    }
}
