//! `minutebook serve`, run as the real binary on temporary sites: what it
//! serves and how (types, directories, 404s, nothing outside the output),
//! live reload, the error overlay, and that the site served after a sequence
//! of edits is byte for byte a cold build of the same files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::server::{Server, cold_build, first_difference, next_event};
use common::{put, site};

const REPORT: &str = "content/meetings/2020-01-14-scrutiny/reports/budget.md";

#[test]
fn serves_the_site_from_memory_with_the_right_types() {
    let dir = site("basic");
    let root = dir.path();
    // One static file of each type the server names, through the site's theme.
    for (name, body) in [
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ("logo.png", "\u{89}PNG"),
        ("cal.ics", "BEGIN:VCALENDAR"),
        ("data.csv", "a,b"),
        ("feed.xml", "<feed/>"),
        ("thing.bin", "\0\u{1}"),
    ] {
        put(root, &format!("themes/default/static/extra/{name}"), body);
    }
    put(
        root,
        "content/meetings/2020-01-14-scrutiny/files/briefing.pdf",
        "%PDF-1.4",
    );
    let server = Server::start(root, &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    assert!(home.text().contains("Testford Borough Council papers"));
    assert!(
        home.text().contains("<script data-minutebook-serve>"),
        "the reload script is injected"
    );
    let script = home.text().find("<script data-minutebook-serve>").unwrap();
    assert!(script < home.text().rfind("</body>").unwrap(), "…before </body>");

    for (path, ty) in [
        ("/pages/about/", "text/html; charset=utf-8"),
        ("/static/css/minutebook.css", "text/css; charset=utf-8"),
        ("/static/js/search.js", "text/javascript; charset=utf-8"),
        ("/search/meta.json", "application/json"),
        ("/search/post/0.bin", "application/octet-stream"),
        ("/static/extra/logo.svg", "image/svg+xml"),
        ("/static/extra/logo.png", "image/png"),
        ("/static/extra/cal.ics", "text/calendar; charset=utf-8"),
        ("/static/extra/data.csv", "text/csv; charset=utf-8"),
        ("/static/extra/feed.xml", "application/xml"),
        ("/static/extra/thing.bin", "application/octet-stream"),
        ("/meetings/2020-01-14-scrutiny/files/briefing.pdf", "application/pdf"),
    ] {
        let r = server.get(path);
        assert_eq!((r.status, r.content_type.as_str()), (200, ty), "{path}");
    }
    // Only HTML is touched: other files are served as built.
    assert_eq!(server.get("/static/extra/feed.xml").body, b"<feed/>");

    let folder = server.get("/pages/about");
    assert_eq!((folder.status, folder.location.as_str()), (301, "/pages/about/"));

    let (status, body) = server.request("HEAD", "/pages/about/");
    assert_eq!((status, body.as_str()), (200, ""), "HEAD: the headers only");
    assert_eq!(server.request("POST", "/").0, 405);

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Page not found"), "the site's own 404 page");
    assert!(missing.text().contains("<script data-minutebook-serve>"));

    // Served from memory: no output folder is written.
    assert!(!root.join("output").exists());
}

#[test]
fn paths_outside_the_site_are_not_found() {
    let dir = site("basic");
    let root = dir.path();
    put(root, "secret.txt", "TOP-SECRET-CANARY");
    let server = Server::start(root, &[]);
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/pages/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2e%2e%2Fsecret.txt",
        "/pages%2F..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/site.yaml",
        "/content/pages/about.md",
        "//etc/passwd",
        "/static/%00",
    ] {
        let (status, body) = server.raw(target);
        assert_eq!(status, 404, "{target}");
        assert!(
            !body.contains("TOP-SECRET-CANARY") && !body.contains("root:"),
            "{target}"
        );
        assert!(body.contains("Page not found"), "{target} gets the site's 404 page");
    }
    // A raw backslash is not even a valid request target: refused either way.
    for target in ["/..\\secret.txt", "/pages\\..\\..\\secret.txt"] {
        let (status, body) = server.raw(target);
        assert!(status == 400 || status == 404, "{target}: {status}");
        assert!(!body.contains("TOP-SECRET-CANARY"), "{target}");
    }
}

#[test]
fn an_edit_sends_a_reload_and_serves_the_new_page() {
    // Saved as editors save (written beside, then moved into place), so
    // that the server never sees a file half written.
    let dir = site("basic");
    let root = dir.path();
    let server = Server::start(root, &[]);
    let events = server.events();
    let page = "/meetings/2020-01-14-scrutiny/reports/budget/";
    assert!(server.text(page).contains("Budget monitoring"));

    let text = std::fs::read_to_string(root.join(REPORT)).unwrap();
    save(
        root,
        REPORT,
        &text.replace("title: Budget monitoring", "title: Budget monitoring EDITED"),
    );
    assert!(
        next_event(&events, "reload"),
        "no reload event after an edit:\n{}",
        server.log()
    );
    assert!(
        server.text(page).contains("Budget monitoring EDITED"),
        "served after the reload"
    );

    // Saving the same bytes again rebuilds nothing and reloads nothing. (Not
    // at once: an event within 50 ms of the last build forces a build.)
    std::thread::sleep(std::time::Duration::from_millis(500));
    save(
        root,
        REPORT,
        &text.replace("title: Budget monitoring", "title: Budget monitoring EDITED"),
    );
    server.wait_for_log("no input changed", 1);
    assert!(events.try_iter().all(|l| l != "event: reload"));

    // A new template is picked up: templates are reloaded on every build.
    let base = include_str!("../themes/default/templates/404.html");
    save(
        root,
        "themes/default/templates/404.html",
        &base.replace("Page not found", "Nothing here, sorry"),
    );
    assert!(next_event(&events, "reload"));
    let missing = server.get("/nope");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Nothing here, sorry"));
}

#[test]
fn errors_show_in_an_overlay_over_the_last_good_site_until_fixed() {
    let dir = site("basic");
    let root = dir.path();
    let server = Server::start(root, &[]);
    let page = "/meetings/2020-01-14-scrutiny/reports/budget/";
    let good = std::fs::read_to_string(root.join(REPORT)).unwrap();
    assert!(!server.text(page).contains("__minutebook-errors"));

    // Line 3 of the report gets a key no report has.
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(2, "colour: <b>red</b>");
    put(root, REPORT, &(lines.join("\n") + "\n"));
    server.wait_for("the overlay", || {
        server.text(page).contains("id=\"__minutebook-errors\"")
    });
    let html = server.text(page);
    assert!(html.contains("<dialog id=\"__minutebook-errors\""));
    assert!(html.contains("This site has 1 error"));
    assert!(
        html.contains(&format!("{REPORT}:3:1")),
        "file, line and column:\n{html}"
    );
    assert!(html.contains("unknown key `colour`"));
    assert!(
        html.contains("colour: &lt;b&gt;red&lt;/b&gt;"),
        "the source line, escaped"
    );
    assert!(!html.contains("<b>red</b>"));
    assert!(html.contains("help:"));
    assert!(html.contains("Budget monitoring"), "the last good page is still served");
    assert!(html.contains("showModal") && html.contains(".focus()") && html.contains("Escape"));
    assert!(html.contains("data-minutebook-close"), "a close button");
    // Every HTML page carries it, the 404 page too; other files do not.
    assert!(server.get("/nope").text().contains("__minutebook-errors"));
    assert!(
        !server
            .text("/static/css/minutebook.css")
            .contains("__minutebook-errors")
    );
    // The terminal says the same.
    server.wait_for_log("still serving the last good site", 1);
    assert!(server.log().contains(&format!("{REPORT}:3:1")), "{}", server.log());

    // A broken template: the overlay names the template file.
    put(
        root,
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ oops(\n",
    );
    server.wait_for("the template error", || {
        server.text(page).contains("themes/default/templates/page.html")
    });

    // Fixed: the next build clears it.
    std::fs::remove_file(root.join("themes/default/templates/page.html")).unwrap();
    put(
        root,
        REPORT,
        &good.replace("title: Budget monitoring", "title: Budget fixed"),
    );
    server.wait_for("the overlay to go", || {
        let html = server.text(page);
        !html.contains("__minutebook-errors") && html.contains("Budget fixed")
    });
}

#[test]
fn a_site_that_never_built_shows_its_errors_then_the_site() {
    let dir = site("basic");
    let root = dir.path();
    let good = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    put(root, "site.yaml", "title: [unclosed\n");
    let server = Server::start(root, &[]);
    let r = server.get("/anything/");
    assert_eq!(r.status, 500);
    assert!(r.text().contains("<dialog id=\"__minutebook-errors\""));
    assert!(r.text().contains("site.yaml:"));
    assert!(r.text().contains("The site has not built yet"));
    put(root, "site.yaml", &good);
    server.wait_for("the site", || server.get("/").status == 200);
    assert!(!server.text("/").contains("__minutebook-errors"));
}

#[test]
fn served_site_equals_a_cold_build_after_each_change() {
    let dir = site("sample");
    let root = dir.path();
    let server = Server::start(root, &[]);
    server.settle(root, "start");

    let report = "content/meetings/2019-06-11-children-scrutiny/reports/ofsted-focused-visit-2019.md";
    let text = std::fs::read_to_string(root.join(report)).unwrap();
    put(
        root,
        report,
        &text.replace("Ofsted focused visit", "Ofsted visit (edited)"),
    );
    server.settle(root, "edit a report");

    put(
        root,
        "content/pages/new-page.md",
        "---\ntitle: A new page\n---\nWith a [[page:about]] link.\n",
    );
    server.settle(root, "add a page");

    std::fs::remove_file(root.join("content/pages/accessibility.md")).unwrap();
    server.settle(root, "remove a page");

    let site_yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    put(
        root,
        "site.yaml",
        &site_yaml.replace("as_of: 2021-03-15", "as_of: 2020-11-01"),
    );
    server.settle(root, "move as_of back");

    put(root, report, &text);
    std::fs::remove_file(root.join("content/pages/new-page.md")).unwrap();
    put(root, "site.yaml", &site_yaml);
    server.settle(root, "undo everything");
    assert!(!root.join("output").exists());
}

/// Save `text` as `rel` the way many editors do: written beside the site,
/// then moved into place, so that the server never sees the file half
/// written (which would build in full, and make these tests' count of quick
/// rebuilds depend on timing).
fn save(root: &std::path::Path, rel: &str, text: &str) {
    let to = root.join(rel);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    let beside = root.join(".saving");
    std::fs::write(&beside, text).unwrap();
    std::fs::rename(&beside, to).unwrap();
}

/// A server on `root` whose first build is served and matches a cold build,
/// once it is ready for quick rebuilds.
fn ready_for_quick(root: &std::path::Path) -> Server {
    let server = Server::start(root, &[]);
    server.settle(root, "start");
    server.wait_for_log("ready for quick rebuilds", 1);
    server
}

/// Changes to one document's body alone, or to what only a report's own
/// page shows of its front matter, are applied to the last build without
/// building again (`serve`'s quick path, which the log names), and anything
/// more builds in full; either way the site served is a cold build.
#[test]
fn body_edits_are_applied_quickly_and_equal_a_cold_build() {
    let dir = site("sample");
    let root = dir.path();
    // A theme whose meetings list shows each meeting's time and venue (the
    // default theme's does not): the quick path must follow it.
    let meetings = include_str!("../themes/default/templates/meetings.html").replace(
        "{% endblock content %}",
        "<ul>{% for y in years %}{% for m in y.meetings %}<li>{{ m.time }} {{ m.venue }}</li>{% endfor %}{% endfor %}</ul>\n{% endblock content %}",
    );
    save(root, "themes/default/templates/meetings.html", &meetings);
    let server = ready_for_quick(root);
    let quick = |n: usize| server.wait_for_log("page ready in", n);

    let report = "content/meetings/2019-06-11-children-scrutiny/reports/ofsted-focused-visit-2019.md";
    let text = std::fs::read_to_string(root.join(report)).unwrap();
    save(root, report, &format!("{text}\nA sentence added while previewing.\n"));
    server.settle(root, "a sentence added to a report");
    quick(1);
    put(
        root,
        report,
        &format!("{text}\n## Next steps\n\nA heading and a table.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
    );
    server.settle(root, "a heading and a table");
    quick(2);
    // An email address: a personal-data warning for this file, as a build gives.
    save(root, report, &format!("{text}\nWrite to jo.bloggs@example.com.\n"));
    server.settle(root, "an email address");
    quick(3);
    assert!(server.log().contains("jo.bloggs@example.com"), "{}", server.log());
    // A paragraph above the report's reference: the reference moves down,
    // and is the same reference.
    let moved = text.replacen("## Summary\n", "## Summary\n\nA paragraph written above the rest.\n", 1);
    assert_ne!(moved, text);
    save(root, report, &moved);
    server.settle(root, "a paragraph above a reference");
    quick(4);
    // What only the report's page, its pack and the gathering outputs show:
    // its purpose, a recommendation's text, who reports.
    let described = text
        .replace("purpose: To inform the committee of", "purpose: To tell the committee")
        .replace(
            "The committee notes the findings",
            "The committee welcomes the findings",
        )
        .replace(
            "report_by: Director of Children's Services",
            "report_by: Assistant Director, Children's Services",
        );
    assert_eq!(described.matches("committee welcomes").count(), 1);
    save(root, report, &described);
    server.settle(root, "a report's purpose, recommendation and author");
    quick(5);

    let appendix = "content/meetings/2020-07-16-cabinet/reports/placement-sufficiency-strategy/appendix-1.md";
    let a = std::fs::read_to_string(root.join(appendix)).unwrap();
    put(
        root,
        appendix,
        &a.replace("\n\n", "\n\nAn appendix sentence added.\n\n"),
    );
    server.settle(root, "an appendix");
    quick(6);
    let page = "content/pages/about.md";
    let p = std::fs::read_to_string(root.join(page)).unwrap();
    save(root, page, &format!("{p}\nOne more line about the site.\n"));
    server.settle(root, "a free page");
    quick(7);
    // The record of minutes: in place, then a line more (the minutes below
    // it, and the references they make, move down a line).
    let minutes = "content/meetings/2019-06-11-children-scrutiny/minutes.md";
    let mt = std::fs::read_to_string(root.join(minutes)).unwrap();
    let in_place = mt.replace(
        "Apologies were received from Councillor Derek Fairbrother.",
        "Apologies were received from Councillor Derek Fairbrother, who was unwell.",
    );
    assert_ne!(in_place, mt);
    save(root, minutes, &in_place);
    server.settle(root, "a minute's text");
    quick(8);
    let longer = in_place.replace(
        ", who was unwell.",
        ",\nwho was unwell.\n\nThe chair sent the committee's good wishes.",
    );
    save(root, minutes, &longer);
    server.settle(root, "a minute a paragraph longer");
    quick(9);
    save(root, minutes, &mt);
    server.settle(root, "the minutes put back");
    quick(10);
    // A meeting's time and venue: its page, its pack, the lists of meetings.
    let agenda = "content/meetings/2019-06-11-children-scrutiny/index.md";
    let m = std::fs::read_to_string(root.join(agenda)).unwrap();
    let moved = m.replace("time: \"10:00\"", "time: \"10:30\"").replace(
        "venue: Council Chamber, Wyeford Guildhall",
        "venue: Committee Room 1, Wyeford Guildhall",
    );
    assert_eq!(moved.matches("10:30").count(), 1);
    save(root, agenda, &moved);
    server.settle(root, "a meeting's time and venue");
    quick(11);
    assert!(
        server.text("/meetings/page-2/").contains("Committee Room 1")
            || server.text("/meetings/").contains("Committee Room 1")
    );
    save(root, agenda, &m);
    server.settle(root, "and back");
    quick(12);
    for (n, file) in [
        "content/meetings/2019-06-11-children-scrutiny/index.md",
        "content/reviews/school-exclusions-2019/index.md",
        "content/plans/childrens-improvement-2019-21/index.md",
        "content/annual-reports/safeguarding-partnership-2019-20/index.md",
    ]
    .into_iter()
    .enumerate()
    {
        let t = std::fs::read_to_string(root.join(file)).unwrap();
        put(
            root,
            file,
            &format!("{t}\nOne more sentence, added while previewing.\n"),
        );
        server.settle(root, file);
        quick(13 + n);
    }
    // A full build next (another document's title) reads what the quick
    // path applied, not what it had kept from before.
    let other = "content/meetings/2020-07-16-cabinet/reports/placement-sufficiency-strategy.md";
    let o = std::fs::read_to_string(root.join(other)).unwrap();
    save(root, other, &o.replacen("title: ", "title: Renamed ", 1));
    server.settle(root, "another document's title");
    save(root, other, &o);
    server.settle(root, "and back");

    // Not quick: a new reference (backlinks change), a new glossary term
    // used first (the glossary page changes), a title (listings change).
    save(root, report, &format!("{text}\nSee [[page:about]].\n"));
    server.settle(root, "a reference added");
    save(root, report, &format!("{text}\nThe CSE work continues.\n"));
    server.settle(root, "a glossary term");
    save(root, report, &text.replacen("title: ", "title: Retitled ", 1));
    server.settle(root, "a title");
    save(root, report, &text.replacen("{ id: b,", "{ id: c,", 1));
    server.settle(root, "a recommendation's id");
    save(root, report, &text);
    server.settle(root, "put back");
    // A meeting's status is not a cover fact: it is shown in many places.
    save(root, agenda, &m.replace("status: held", "status: cancelled"));
    server.settle(root, "a meeting's status");
    save(root, agenda, &m);
    server.settle(root, "the status put back");
    // Minutes with a minute more: not quick (numbering, decisions, items).
    put(
        root,
        minutes,
        &format!("{mt}\n## 9. Any other business {{#9}}\n\nNone.\n"),
    );
    server.settle(root, "a minute added");
    save(root, minutes, &mt);
    server.settle(root, "the minute removed");
    assert_eq!(server.log().matches("page ready in").count(), 16, "{}", server.log());
}

/// Changes to the status or text of updates an updates file already holds,
/// and new updates, are applied to the last build without building again
/// (the log names the quick path); an update removed or given another date
/// builds in full. Either way the site served is a cold build: trackers and
/// their counts, the review's counts, the meetings that heard the updates,
/// backlinks, feeds and data.
#[test]
fn progress_edits_are_applied_quickly_and_equal_a_cold_build() {
    let dir = site("sample");
    let root = dir.path();
    // A theme that lists the updates each agenda item hears on the meetings
    // list: what the quick path makes again must follow the theme, not what
    // the default theme happens to show.
    let meetings = include_str!("../themes/default/templates/meetings.html").replace(
        "{% endblock content %}",
        "<ul>{% for y in years %}{% for m in y.meetings %}{% for it in m.items %}{% for u in it.updates %}<li>{{ u.rec_id }}: {{ u.status_label }}</li>{% endfor %}{% endfor %}{% endfor %}{% endfor %}</ul>\n{% endblock content %}",
    );
    save(root, "themes/default/templates/meetings.html", &meetings);
    let server = ready_for_quick(root);
    assert!(
        server
            .text("/meetings/")
            .contains("2019-11-26-children-scrutiny/20/b: In progress"),
        "the theme shows the updates on the meetings list"
    );
    let quick = |n: usize| server.wait_for_log("page ready in", n);
    let file = "content/updates/2021-01.yaml";
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let rec_page = "/recommendations/2019-11-26-children-scrutiny/20/b/";
    assert!(!server.text(rec_page).contains("now the only cause"));

    let edited = text.replacen(
        "Health advice remains the main cause of delay.",
        "Health advice is now the only cause of delay.",
        1,
    );
    save(root, file, &edited);
    server.settle(root, "an update's text");
    quick(1);
    assert!(server.text(rec_page).contains("now the only cause"));
    // A tracked resolution's status: its trackers, overdue flags and the
    // meetings that made it and heard the update change.
    let completed = edited.replacen("status: in-progress", "status: completed", 1);
    assert_ne!(completed, edited);
    save(root, file, &completed);
    server.settle(root, "a status");
    quick(2);
    // A review's recommendation: the review's counts by status change too.
    let review = completed.replacen("status: superseded", "status: in-progress", 1);
    assert_ne!(review, completed);
    save(root, file, &review);
    server.settle(root, "a review recommendation's status");
    quick(3);
    // Text with a personal-data warning: the log shows it, as a build would.
    put(
        root,
        file,
        &review.replacen(
            "have now been circulated",
            "have now been circulated by jo.bloggs@example.com",
            1,
        ),
    );
    server.settle(root, "an email address");
    quick(4);
    assert!(server.log().contains("jo.bloggs@example.com"), "{}", server.log());

    // New updates: at the end, heard by a meeting (which and the
    // recommendation now refer to each other), and at the top (every
    // update below moves down a few lines).
    let heard = format!(
        "{text}\n- rec: 2020-02-06-cabinet/4/b\n  as_at: 2021-02-01\n  status: completed\n  at: 2021-01-19-children-scrutiny\n  text: Done, and reported to the committee.\n"
    );
    save(root, file, &heard);
    server.settle(root, "a new update heard by a meeting");
    quick(5);
    let top = heard.replacen(
        "\n- rec:",
        "\n- rec: 2020-07-16-cabinet/4/c\n  as_at: 2021-01-20\n  status: not-started\n  text: Paused for the winter.\n\n- rec:",
        1,
    );
    assert_ne!(top, heard);
    save(root, file, &top);
    server.settle(root, "a new update at the top");
    quick(6);

    // Not quick: an update gone, a changed date (an update gone and one
    // added), a new update heard by a meeting whose agenda lists its
    // recommendation (the agenda item shows it).
    save(root, file, &text);
    server.settle(root, "updates removed");
    save(root, file, &text.replacen("as_at: 2021-01-08", "as_at: 2021-01-07", 1));
    server.settle(root, "a date");
    put(
        root,
        file,
        &format!(
            "{text}\n- rec: school-exclusions-2019/ii\n  as_at: 2021-01-15\n  status: in-progress\n  at: 2021-01-19-children-scrutiny\n  text: Panel dates set.\n"
        ),
    );
    server.settle(root, "a new update its agenda lists");
    save(root, file, &text);
    server.settle(root, "put back");
    assert_eq!(server.log().matches("page ready in").count(), 6, "{}", server.log());
}

#[test]
fn as_of_and_drafts_are_those_of_build() {
    let dir = site("sample");
    let root = dir.path();
    let flags = ["--as-of", "2020-02-01", "--drafts"];
    let server = Server::start(root, &flags);
    let cold = cold_build(root, &flags);
    assert_ne!(cold, cold_build(root, &[]), "the flags change the site");
    let served = server.site();
    assert_eq!(first_difference(&served, &cold), None);
}

#[test]
fn a_base_url_with_a_path_is_served_under_that_path() {
    let dir = site("basic");
    let root = dir.path();
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    put(
        root,
        "site.yaml",
        &yaml.replace("https://papers.testford.example", "https://testford.example/papers"),
    );
    let server = Server::start(root, &[]);
    assert!(
        server.log().contains(&format!("serving {}/papers/ ", server.url)),
        "{}",
        server.log()
    );
    let home = server.get("/papers/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("href=\"/papers/static/css/minutebook.css\""));
    assert_eq!(server.get("/papers/static/css/minutebook.css").status, 200);
    assert_eq!(server.get("/papers").location, "/papers/");
    assert_eq!(server.get("/static/css/minutebook.css").status, 404);
    assert_eq!(server.get("/").location, "/papers/", "the root leads to the site");
}
