//! A running `minutebook serve` for integration tests: started with
//! `--port 0` on a temporary site, its printed URL parsed, its terminal output
//! collected, and killed when the guard is dropped.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for a change to be served. Generous: the debug
/// binary builds while other tests build too, on two cores.
pub const WAIT: Duration = Duration::from_secs(30);

/// How often it looks.
pub const POLL: Duration = Duration::from_millis(50);

pub struct Server {
    pub child: Child,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub url: String,
    log: Arc<Mutex<String>>,
    agent: ureq::Agent,
}

/// One HTTP response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub location: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

impl Server {
    /// Wait until the served site is a cold build of the files under `root`
    /// as they are now, with no error overlay; panic naming `step` and the
    /// first file that differs.
    pub fn settle(&self, root: &Path, step: &str) {
        let cold = cold_build(root, &[]);
        let mut last = None;
        let start = std::time::Instant::now();
        while start.elapsed() < WAIT {
            let served = self.site();
            if served == cold && !self.text("/").contains("__minutebook-errors") {
                return;
            }
            last = first_difference(&served, &cold);
            std::thread::sleep(POLL);
        }
        panic!(
            "{step}: served site differs from a cold build at {last:?}\n{}",
            self.log()
        );
    }

    /// Start `minutebook serve --root ROOT --port 0 EXTRA…` and wait for its URL.
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(super::bin())
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let l = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut l = l.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        let l = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                {
                    let mut l = l.lock().unwrap();
                    l.push_str(&line);
                    l.push('\n');
                }
                if let Some(rest) = line.strip_prefix("serving ") {
                    // Scheme, host and port: paths are given in full by the tests.
                    let url = rest.split_whitespace().next().unwrap_or("");
                    let end = url["http://".len().min(url.len())..]
                        .find('/')
                        .map_or(url.len(), |i| i + "http://".len());
                    let _ = tx.send(url[..end].to_string());
                }
            }
        });
        let mut server = Server {
            child,
            url: String::new(),
            log,
            agent: agent(),
        };
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(url) => server.url = url,
            Err(_) => panic!("serve printed no URL; its output:\n{}", server.log()),
        }
        server
    }

    /// Everything the server printed so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> Reply {
        let mut res = self.agent.get(format!("{}{path}", self.url)).call().unwrap();
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let content_type = header("content-type");
        let location = header("location");
        let status = res.status().as_u16();
        let body = res.body_mut().with_config().limit(u64::MAX).read_to_vec().unwrap();
        Reply {
            status,
            content_type,
            location,
            body,
        }
    }

    pub fn text(&self, path: &str) -> String {
        self.get(path).text()
    }

    /// Send `target` as the request target as it is (no normalising), and
    /// return the status code and the body.
    pub fn raw(&self, target: &str) -> (u16, String) {
        self.request("GET", target)
    }

    /// [`Server::raw`] with another method.
    pub fn request(&self, method: &str, target: &str) -> (u16, String) {
        let addr = self.url.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            s,
            "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = Vec::new();
        let _ = s.read_to_end(&mut reply);
        let reply = String::from_utf8_lossy(&reply).to_string();
        let status = reply
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = reply
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Poll `ok` every 50 ms until it holds; fail after [`WAIT`].
    pub fn wait_for(&self, what: &str, mut ok: impl FnMut() -> bool) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if ok() {
                return;
            }
            std::thread::sleep(POLL);
        }
        panic!("timed out waiting for {what}; the server said:\n{}", self.log());
    }

    /// Wait until the server has printed `text` (counted `n` times in all).
    pub fn wait_for_log(&self, text: &str, n: usize) {
        self.wait_for(&format!("{n}× `{text}` in the log"), || {
            self.log().matches(text).count() >= n
        });
    }

    /// The paths served now.
    pub fn paths(&self) -> Vec<String> {
        self.text("/__minutebook/files").lines().map(str::to_string).collect()
    }

    /// Every served file, fetched over HTTP, with what serve adds to HTML
    /// taken out again: comparable with a cold build's output.
    /// The site can be swapped while it is fetched (pages first, then the
    /// search index, feeds and data): a listed file that has gone since
    /// means fetching the whole site again.
    pub fn site(&self) -> BTreeMap<String, Vec<u8>> {
        let start = std::time::Instant::now();
        loop {
            let mut missing = None;
            let mut site = BTreeMap::new();
            for p in self.paths() {
                let url = if p == "index.html" {
                    "/".to_string()
                } else if let Some(dir) = p.strip_suffix("/index.html") {
                    format!("/{dir}/")
                } else {
                    format!("/{p}")
                };
                let reply = self.get(&url);
                if reply.status != 200 {
                    missing = Some((url, reply.status));
                    break;
                }
                site.insert(p, strip_injection(&reply.body));
            }
            match missing {
                None => return site,
                Some((url, status)) => {
                    assert!(start.elapsed() < WAIT, "{url} listed but answered {status}");
                    std::thread::sleep(POLL);
                }
            }
        }
    }

    /// Open the event stream; lines arrive on the receiver. Waits for `hello`.
    pub fn events(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        let url = format!("{}/__minutebook/events", self.url);
        let (ready_tx, ready_rx) = channel();
        std::thread::spawn(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
            let res = agent.get(&url).call().unwrap();
            let reader = BufReader::new(res.into_body().into_reader());
            for line in reader.lines().map_while(Result::ok) {
                if line.starts_with("event: hello") {
                    let _ = ready_tx.send(());
                }
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        ready_rx.recv_timeout(WAIT).expect("no hello on the event stream");
        rx
    }

    /// Stop the server with SIGINT, as Ctrl-C does; returns its exit status.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let ok = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(ok.success());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < WAIT,
                "serve did not stop after Ctrl-C:\n{}",
                self.log()
            );
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Wait for an event line `event: NAME` on `rx`.
pub fn next_event(rx: &Receiver<String>, name: &str) -> bool {
    let start = Instant::now();
    while let Some(left) = WAIT.checked_sub(start.elapsed()) {
        match rx.recv_timeout(left) {
            Ok(line) if line == format!("event: {name}") => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

/// HTML as built: without the live-reload script `serve` adds.
pub fn strip_injection(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Some(start) = text.find("<script data-minutebook-serve>") else {
        return body.to_vec();
    };
    let end = text[start..]
        .find("</script>")
        .map(|e| start + e + "</script>".len())
        .unwrap();
    let mut out = text[..start].to_string();
    out.push_str(&text[end..]);
    out.into_bytes()
}

/// A cold `minutebook build` of `root` into a temporary folder: path → bytes
/// (the output marker left out).
pub fn cold_build(root: &Path, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("out");
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        dest.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = super::minutebook(&args);
    assert!(o.status.success(), "cold build failed:\n{}", super::stderr(&o));
    super::tree(&dest)
        .into_iter()
        .filter(|(p, _)| p != ".minutebook-output")
        .collect()
}

/// The first path whose bytes differ between two sites, for messages.
pub fn first_difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Option<String> {
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter().find(|k| a.get(*k) != b.get(*k)).cloned()
}
