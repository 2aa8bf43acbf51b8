//! `minutebook serve` keeps serving whatever happens to the files: malformed
//! and half-written files, deleted folders (even `content/` itself), a burst of
//! a thousand file events; and it stops cleanly on Ctrl-C, even with a page's
//! event stream open.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::server::{Server, next_event};
use common::{put, site};

const REPORT: &str = "content/meetings/2020-01-14-scrutiny/reports/budget.md";
const PAGE: &str = "/meetings/2020-01-14-scrutiny/reports/budget/";

/// The server still answers.
fn alive(server: &Server) {
    assert_eq!(server.get("/").status, 200, "{}", server.log());
    assert_eq!(server.get("/__minutebook/files").status, 200, "{}", server.log());
}

#[test]
fn malformed_and_half_written_files_never_stop_the_server() {
    let dir = site("basic");
    let root = dir.path();
    let server = Server::start(root, &[]);
    let good = std::fs::read(root.join(REPORT)).unwrap();
    let overlay = || server.text(PAGE).contains("id=\"__minutebook-errors\"");

    // Not UTF-8.
    let mut bad = good.clone();
    bad.extend_from_slice(b"\xff\xfe\x00broken");
    std::fs::write(root.join(REPORT), &bad).unwrap();
    server.wait_for("the UTF-8 error", || server.text(PAGE).contains("not valid UTF-8"));
    alive(&server);

    // YAML that is not YAML, and a file of NUL bytes.
    put(root, REPORT, "---\ntitle: [unclosed\n  - : : :\n---\n");
    put(root, "content/pages/zeros.md", "\0\0\0\0\0\0\0\0");
    server.wait_for("the YAML error", || {
        server.text(PAGE).contains("This site has 2 errors")
    });
    std::fs::remove_file(root.join("content/pages/zeros.md")).unwrap();
    alive(&server);

    // Half a save: the front matter cut off in the middle.
    let half = &good[..good.len() / 3];
    std::fs::write(root.join(REPORT), half).unwrap();
    server.wait_for("the half-written file's error", || {
        overlay() && server.text(PAGE).contains(REPORT)
    });
    alive(&server);

    // …and the rest of it.
    std::fs::write(root.join(REPORT), &good).unwrap();
    server.settle(root, "the whole file again");
}

#[test]
fn deleted_folders_never_stop_the_server() {
    let dir = site("basic");
    let root = dir.path();
    let server = Server::start(root, &[]);

    // A meeting folder the rest of the site refers to.
    let meeting = root.join("content/meetings/2020-01-14-scrutiny");
    let copy = tempfile::tempdir().unwrap();
    common::site_at("basic", copy.path());
    std::fs::remove_dir_all(&meeting).unwrap();
    server.wait_for("the missing meeting's errors", || {
        server.text("/").contains("id=\"__minutebook-errors\"")
    });
    alive(&server);

    // content/ itself, then themes/ made and removed.
    std::fs::remove_dir_all(root.join("content")).unwrap();
    server.wait_for("the missing content's error", || {
        server.text("/").contains("there is no content/ folder")
    });
    put(root, "themes/default/static/x.css", "a{}");
    std::fs::remove_dir_all(root.join("themes")).unwrap();
    alive(&server);

    // Put back: the new content/ is watched again, and edits in it are seen.
    copy_tree(&copy.path().join("content"), &root.join("content"));
    server.settle(root, "content/ put back");
    let text = std::fs::read_to_string(root.join(REPORT)).unwrap();
    put(
        root,
        REPORT,
        &text.replace("title: Budget monitoring", "title: Budget after the move"),
    );
    server.wait_for("an edit in the new content/", || {
        server.text(PAGE).contains("Budget after the move")
    });
    server.settle(root, "edited after the move");
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    // Built beside the site, then moved in whole, as a restore would.
    let staging = to.with_extension("incoming");
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = staging.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    std::fs::rename(&staging, to).unwrap();
}

#[test]
fn a_burst_of_a_thousand_file_events_is_a_few_builds() {
    let dir = site("basic");
    let root = dir.path();
    let server = Server::start(root, &[]);
    let events = server.events();
    // 100 new pages, each written 10 times: 1,000 writes (and more events).
    for round in 0..10 {
        for n in 0..100 {
            put(
                root,
                &format!("content/pages/burst-{n}.md"),
                &format!("---\ntitle: Burst page {n}\n---\nVersion {round} of page {n}.\n"),
            );
        }
    }
    server.settle(root, "after the burst");
    assert!(server.text("/pages/burst-99/").contains("Version 9 of page 99."));
    let builds = server.log().matches("rebuilt ").count();
    println!("{builds} builds for the burst");
    assert!(builds < 100, "{builds} builds for one burst:\n{}", server.log());
    assert!(next_event(&events, "reload"));
    alive(&server);
}

#[test]
fn ctrl_c_stops_cleanly_with_a_page_listening() {
    let dir = site("basic");
    let mut server = Server::start(dir.path(), &[]);
    let _events = server.events();
    let status = server.interrupt();
    assert!(status.success(), "exit status {status:?}\n{}", server.log());
    assert!(server.log().contains("stopped"), "{}", server.log());
}

#[test]
fn a_port_in_use_is_reported() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = site("basic");
    let root = dir.path().to_str().unwrap();
    let out = common::minutebook(&["serve", "--root", root, "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains(&format!("cannot listen on 127.0.0.1:{port}")), "{err}");
    assert!(err.contains("--port 0"), "{err}");
}
