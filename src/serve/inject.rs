//! What `serve` adds to each HTML page it sends (and only `serve`: the built
//! files never contain it): the live-reload script and, after a failed
//! build, the error overlay. Both go just before the last `</body>`.
//!
//! The script listens to `/__minutebook/events` (server-sent events). The
//! page knows the generation of the site it was served from; on connecting,
//! the server says `hello` with the current generation, and after each
//! rebuild that changed anything it says `reload` with the new one. The page
//! reloads when the two differ, so a rebuild that finished between the page
//! loading and its event stream connecting is not missed.

/// The path of the event stream.
pub const EVENTS_PATH: &str = "/__minutebook/events";

/// The path of the list of served files.
pub const FILES_PATH: &str = "/__minutebook/files";

/// The live-reload script for a page served at `generation`.
pub fn reload_script(generation: u64) -> String {
    format!(
        "<script data-minutebook-serve>(function(){{var g=\"{generation}\";\
         if(!window.EventSource)return;var s=new EventSource(\"{EVENTS_PATH}\");\
         function check(e){{if(e.data!==g){{s.close();location.reload()}}}}\
         s.addEventListener(\"hello\",check);s.addEventListener(\"reload\",check)}})();</script>"
    )
}

/// `html` with `extra` inserted before its last `</body>` (in any case), or
/// appended when it has none.
pub fn before_body_end(html: &[u8], extra: &str) -> Vec<u8> {
    let at = find_last_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_body_end(html: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body>";
    html.windows(TAG.len()).rposition(|w| w.eq_ignore_ascii_case(TAG))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_before_the_last_body_end() {
        let html = b"<html><body><p>x</body> </BODY></html>";
        let out = before_body_end(html, "<i>");
        assert_eq!(out, b"<html><body><p>x</body> <i></BODY></html>");
    }

    #[test]
    fn appends_when_there_is_no_body_end() {
        assert_eq!(before_body_end(b"<p>x", "<i>"), b"<p>x<i>");
    }

    #[test]
    fn script_carries_the_generation() {
        let s = reload_script(42);
        assert!(s.contains("var g=\"42\""));
        assert!(s.contains(EVENTS_PATH));
    }
}
