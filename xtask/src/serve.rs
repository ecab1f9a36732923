//! `cargo xtask run`'s server: a minimal static file server for `dist/` on
//! 127.0.0.1. The page needs no server (it works from `file://`); this exists for
//! the intranet case and for people who prefer a URL. Loopback only, GET only.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// Serves the directory of `page` until interrupted.
pub fn serve(page: &Path) -> Result<(), String> {
    let dir = page.parent().ok_or("the page has no directory")?.to_path_buf();
    let first_port: u16 = std::env::var("GAPCAST_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080);
    let listener = (first_port..first_port.saturating_add(20))
        .find_map(|port| TcpListener::bind(("127.0.0.1", port)).ok())
        .ok_or_else(|| format!("no free port from {first_port} on 127.0.0.1"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let file_url = format!("file://{}", page.canonicalize().unwrap_or(page.to_path_buf()).display());
    println!("Gapcast is ready. Open either:\n  {file_url}\n  http://127.0.0.1:{port}/\n(Ctrl-C stops the server)");
    for stream in listener.incoming().flatten() {
        if let Err(e) = respond(stream, &dir) {
            eprintln!("serve: {e}");
        }
    }
    Ok(())
}

fn respond(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut request_line = String::new();
    BufReader::new(&stream).read_line(&mut request_line)?;
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let (status, kind, body) = match resolve(dir, path) {
        Some(file) => match std::fs::read(&file) {
            Ok(body) => ("200 OK", content_type(&file), body),
            Err(_) => ("404 Not Found", "text/plain", b"not found".to_vec()),
        },
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

/// Maps a URL path to a file inside `dir`, refusing anything that climbs out.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = url_path.trim_start_matches('/');
    let relative = if relative.is_empty() { "gapcast.html" } else { relative };
    if relative.split('/').any(|part| part == ".." || part.is_empty()) {
        return None;
    }
    Some(dir.join(relative)).filter(|p| p.is_file())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_paths_that_climb_out() {
        let dir = std::env::temp_dir();
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
        assert_eq!(resolve(&dir, "/a//b"), None);
    }
}
