//! `minutebook serve`: a live preview for authors.
//!
//! The site is built in memory with [`crate::build_serving`] — the very
//! pipeline of `minutebook build`, nothing written to the output folder — and
//! served by axum from that in-memory output. A watcher rebuilds it when
//! `site.yaml`, `content/` or `themes/` change. A rebuild reuses what the last
//! build kept ([`crate::Kept`]): files whose bytes did not change are not
//! parsed again, nor checked again for personal data, Markdown rendered
//! before is not rendered again, and the search index indexes again only
//! the runs of documents that changed ([`crate::emit::search::index::Memo`]). The pages are swapped in as soon as they are
//! made, and open pages reload themselves (server-sent events); the search
//! index, feeds and open data follow when ready, without a reload. The result
//! is always what a cold build of the same files makes. While the site has errors the last
//! good site stays up, every page shows the errors in an overlay, and the
//! terminal prints them as `build` does.
//!
//! - `state`: what is served (an `Arc<RwLock<State>>`), building and swapping.
//! - `watch`: the watcher and the builder thread.
//! - `inputs`: fingerprints of the inputs, to skip rebuilds that change nothing.
//! - `http`: requests → output files, content types, the event stream.
//! - `inject`, `overlay`: what is added to served HTML.

mod http;
mod inject;
mod inputs;
mod overlay;
pub mod quick;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use tokio::sync::watch as channel;

use crate::load::primitives::Date;
use crate::resolve::config::BuildOptions;

/// What `minutebook serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub as_of: Option<Date>,
    pub drafts: bool,
    /// Open the site in the browser once it is served.
    pub open: bool,
}

/// How long a stopping server waits for open requests to finish.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// Build, watch and serve until Ctrl-C. An error is a sentence for the user.
pub fn run(opts: &ServeOptions) -> Result<(), String> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| format!("cannot use {} as the site's folder: {e}", opts.root.display()))?;
    if !root.is_dir() {
        return Err(format!("{} is not a folder", root.display()));
    }
    let build_opts = BuildOptions {
        base_url: None,
        as_of: opts.as_of,
        drafts: opts.drafts,
    };
    // Listen first: a port in use is reported before the (slow) build.
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            " (another program uses it: choose another with --port, or --port 0 for any free one)"
        } else {
            ""
        };
        format!("cannot listen on {addr}: {e}{hint}")
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot tell which port the server got: {e}"))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;

    let shared = state::Shared::new();
    eprintln!("building {}…", root.display());
    let mut builder = watch::Builder::new(root.clone(), build_opts, shared.clone());
    builder.build();
    // Watching starts after the first build: its reads would otherwise be
    // thousands of events for the watcher to sort out while it runs. The
    // builder's first task, the warm-up build, reads every file again, so
    // a change made during the first build is not lost.
    let (watcher, changes) = watch::watch(&root)?;
    watch::spawn(builder, watcher, changes).map_err(|e| format!("cannot start the builder: {e}"))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(serve(listener, local, shared, opts.open))
}

async fn serve(
    listener: std::net::TcpListener,
    local: SocketAddr,
    shared: std::sync::Arc<state::Shared>,
    open: bool,
) -> Result<(), String> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| format!("cannot listen on {local}: {e}"))?;
    let (stop_tx, stop_rx) = channel::channel(false);
    let base = shared.now().site.map(|s| s.base_path.trim_end_matches('/').to_string());
    let app = http::App {
        shared,
        stopping: stop_rx.clone(),
    };
    let router = Router::new()
        .route(inject::EVENTS_PATH, get(http::events))
        .route(inject::FILES_PATH, get(http::files))
        .fallback(http::page)
        .with_state(app);
    let url = format!("http://{local}{}/", base.unwrap_or_default());
    println!("serving {url} — press Ctrl-C to stop");
    if open && let Err(e) = opener::open(&url) {
        eprintln!("warning: cannot open a browser: {e}");
    }
    let mut stopped = stop_rx.clone();
    let server = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stopped.wait_for(|s| *s).await;
            })
            .await
    });
    stop_signal().await;
    eprintln!("stopping…");
    let _ = stop_tx.send(true);
    match tokio::time::timeout(STOP_GRACE, server).await {
        Ok(Ok(Ok(()))) => {
            eprintln!("stopped");
            Ok(())
        }
        Ok(Ok(Err(e))) => Err(format!("the server failed: {e}")),
        Ok(Err(e)) => Err(format!("the server failed: {e}")),
        Err(_) => {
            eprintln!("stopped (some requests were still open)");
            Ok(())
        }
    }
}

/// Wait for Ctrl-C (or SIGTERM on Unix).
async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
