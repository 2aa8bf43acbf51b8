//! The HTTP side of `serve`: every response comes from the in-memory output
//! (never from the disk), so no request can reach a file outside the site.
//!
//! A request path is percent-decoded once; one holding a backslash, a NUL, an
//! empty segment or a `.`/`..` segment is not found, whatever its encoding.
//! `/x/` is `x/index.html`; `/x` redirects to `/x/` when that exists (and `/`
//! to the base URL's path, when it has one); anything
//! else missing gets the site's own `404.html` with status 404. HTML pages get
//! the live-reload script and, after a failed build, the error overlay.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State as AxumState;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use tokio::sync::watch;

use super::inject;
use super::state::{Shared, Site};

/// What the handlers share.
#[derive(Clone)]
pub struct App {
    pub shared: Arc<Shared>,
    /// Becomes true when the server is stopping: event streams end then.
    pub stopping: watch::Receiver<bool>,
}

/// Where a request path leads in the output.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    File(String),
    /// Redirect to this path (a folder asked for without its `/`).
    Redirect(String),
    NotFound,
}

/// Decode `%XX` escapes; `None` when an escape is malformed or the result is
/// not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The output file for the raw (still percent-encoded) request path.
pub fn lookup(site: &Site, raw_path: &str) -> Lookup {
    let Some(path) = percent_decode(raw_path) else {
        return Lookup::NotFound;
    };
    if path.contains(['\\', '\0']) {
        return Lookup::NotFound;
    }
    let base = site.base_path.trim_end_matches('/');
    if !base.is_empty() && path == "/" {
        // The site lives below the base URL's path: that is where to start.
        return Lookup::Redirect(format!("{base}/"));
    }
    let Some(rel) = path.strip_prefix(base) else {
        return Lookup::NotFound;
    };
    if rel.is_empty() {
        return Lookup::Redirect(format!("{raw_path}/"));
    }
    let Some(rel) = rel.strip_prefix('/') else {
        return Lookup::NotFound;
    };
    let dir = rel.is_empty() || rel.ends_with('/');
    let segments = rel.strip_suffix('/').unwrap_or(rel);
    if !segments.is_empty() && segments.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
        return Lookup::NotFound;
    }
    if dir {
        let key = format!("{rel}index.html");
        return if site.files.contains_key(&key) {
            Lookup::File(key)
        } else {
            Lookup::NotFound
        };
    }
    if site.files.contains_key(rel) {
        Lookup::File(rel.to_string())
    } else if site.files.contains_key(&format!("{rel}/index.html")) {
        Lookup::Redirect(format!("{raw_path}/"))
    } else {
        Lookup::NotFound
    }
}

/// The Content-Type for an output path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

fn respond(status: StatusCode, path: &str, body: Bytes) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(path)));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

/// A page for when nothing has built yet: only the overlay has something to say.
const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>The site has errors — minutebook</title></head><body><main>\
<h1>The site has errors</h1><p>minutebook could not build the site yet.</p></main></body></html>";

/// Serve one path of the current site.
pub async fn page(AxumState(app): AxumState<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD are served\n").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let now = app.shared.now();
    let Some(site) = now.site.as_deref() else {
        return html(StatusCode::INTERNAL_SERVER_ERROR, NOT_BUILT.as_bytes(), &now);
    };
    let (status, path) = match lookup(site, uri.path()) {
        Lookup::File(p) => (StatusCode::OK, p),
        Lookup::Redirect(to) => {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            return r;
        }
        Lookup::NotFound => (StatusCode::NOT_FOUND, "404.html".to_string()),
    };
    let Some(bytes) = site.files.get(&path) else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    if path.ends_with(".html") {
        html(status, bytes, &now)
    } else {
        respond(status, &path, bytes.clone())
    }
}

fn html(status: StatusCode, bytes: &[u8], now: &super::state::State) -> Response {
    let mut extra = String::new();
    if let Some(o) = &now.overlay {
        extra.push_str(o);
    }
    extra.push_str(&inject::reload_script(now.generation));
    respond(status, "page.html", Bytes::from(inject::before_body_end(bytes, &extra)))
}

/// The paths served now, one a line (for tests and curious authors).
pub async fn files(AxumState(app): AxumState<App>) -> Response {
    let now = app.shared.now();
    let mut list = String::new();
    for path in now.site.iter().flat_map(|s| s.files.keys()) {
        list.push_str(path);
        list.push('\n');
    }
    respond(StatusCode::OK, "files.txt", Bytes::from(list))
}

/// The server-sent event stream: `hello` with the current generation on
/// connecting, then `reload` with each new one; ends when the server stops.
pub async fn events(AxumState(app): AxumState<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut generation = app.shared.generation.subscribe();
    let hello = *generation.borrow_and_update();
    let first = Event::default().event("hello").data(hello.to_string());
    let rest = stream::unfold(
        (generation, app.stopping),
        |(mut generation, mut stopping)| async move {
            let stop = tokio::select! {
                changed = generation.changed() => changed.is_err(),
                _ = stopping.wait_for(|s| *s) => true,
            };
            if stop {
                return None;
            }
            let g = *generation.borrow_and_update();
            let event = Event::default().event("reload").data(g.to_string());
            Some((Ok(event), (generation, stopping)))
        },
    );
    let all = futures_util::StreamExt::chain(stream::once(async move { Ok(first) }), rest);
    Sse::new(all).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base: &str) -> Site {
        let files = ["index.html", "404.html", "meetings/a/index.html", "static/css/x.css"]
            .into_iter()
            .map(|p| (p.to_string(), Bytes::from_static(b"x")))
            .collect();
        Site {
            files,
            base_path: base.into(),
        }
    }

    #[test]
    fn folders_files_and_redirects() {
        let s = site("");
        assert_eq!(lookup(&s, "/"), Lookup::File("index.html".into()));
        assert_eq!(lookup(&s, "/meetings/a/"), Lookup::File("meetings/a/index.html".into()));
        assert_eq!(lookup(&s, "/meetings/a"), Lookup::Redirect("/meetings/a/".into()));
        assert_eq!(lookup(&s, "/static/css/x.css"), Lookup::File("static/css/x.css".into()));
        assert_eq!(
            lookup(&s, "/static/css/%78.css"),
            Lookup::File("static/css/x.css".into())
        );
        assert_eq!(lookup(&s, "/nothing"), Lookup::NotFound);
    }

    #[test]
    fn nothing_outside_the_output() {
        let s = site("");
        for p in [
            "/../etc/passwd",
            "/meetings/../index.html",
            "/%2e%2e/index.html",
            "/%2E%2E%2Findex.html",
            "/meetings%2F..%2Findex.html",
            "/..%5cindex.html",
            "/meetings\\..\\index.html",
            "/./index.html",
            "//index.html",
            "/index.html%00",
            "/%zz",
            "/%c3",
        ] {
            assert_eq!(lookup(&s, p), Lookup::NotFound, "{p}");
        }
    }

    #[test]
    fn base_path_is_stripped() {
        let s = site("/papers");
        assert_eq!(lookup(&s, "/papers/"), Lookup::File("index.html".into()));
        assert_eq!(lookup(&s, "/papers"), Lookup::Redirect("/papers/".into()));
        assert_eq!(lookup(&s, "/"), Lookup::Redirect("/papers/".into()));
        assert_eq!(lookup(&s, "/index.html"), Lookup::NotFound);
        assert_eq!(lookup(&s, "/papersx/index.html"), Lookup::NotFound);
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml");
        assert_eq!(content_type("x.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("search/post/0.bin"), "application/octet-stream");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
