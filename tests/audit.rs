//! The publication audit (issue 11, point 3): every output file is checked
//! against the text of everything the build does not publish.
//!
//! A leak is simulated the only honest way — by adding leaked text to a real
//! build's output set, in each kind of output file, and calling the audit
//! directly; the product has no switch or hook for it. Normal sites pass with
//! zero findings, and a real leak (a copy of an exempt paper put in a public
//! folder) stops the real binary with the previous output untouched.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write as _;
use std::path::Path;

use common::*;
use minutebook::audit::{self, Finding, How};
use minutebook::diagnostics::Sources;
use minutebook::emit::{EmitContext, Files};
use minutebook::render::markdown::Inputs;
use minutebook::render::published::Published;
use minutebook::render::templates::Templates;
use minutebook::resolve::Site;
use minutebook::resolve::config::BuildOptions;
use minutebook::resolve::publish::Publish;

const EXEMPT: &str = "content/meetings/2020-10-15-cabinet/reports/residential-placements-contract-award.md";
const EXEMPT_APPENDIX: &str =
    "content/meetings/2020-07-16-cabinet/reports/placement-sufficiency-strategy/appendix-2.md";

/// The pipeline up to (not including) the audit: the site, its published
/// documents, its sources and the output set the emitters produced.
fn pipeline(root: &Path, opts: &BuildOptions) -> (Site, Published, Sources, Files) {
    let (loaded, sources, d) = minutebook::load::load(root);
    assert!(!d.has_errors(), "{:?}", d.into_sorted());
    let (site, d) = minutebook::resolve::resolve(&loaded, opts);
    assert!(!d.has_errors(), "{:?}", d.into_sorted());
    let site = site.unwrap();
    let templates = Templates::load(root, &site.config).unwrap();
    let inputs = Inputs::of(&site);
    let renderer = inputs.renderer(&site, None);
    let (published, _) = Published::build(&site, &renderer, &sources);
    let (output, d) = minutebook::emit::emit_all(&EmitContext {
        site: &site,
        templates: &templates,
        renderer: &renderer,
        published: &published,
        pages: None,
        search: None,
    });
    assert!(d.is_empty(), "{d:?}");
    (site, published, sources, output)
}

fn sample() -> (tempfile::TempDir, Site, Published, Sources, Files) {
    let s = site("sample");
    let (site, published, sources, output) = pipeline(s.path(), &BuildOptions::default());
    (s, site, published, sources, output)
}

/// The exempt report's body as the page would show it, had a template leaked it.
fn exempt_body_html(site: &Site) -> String {
    let r = site.papers.reports.iter().find(|r| r.file == EXEMPT).unwrap();
    assert_eq!(r.publish, Publish::Exempt(3));
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(&r.body.text, minutebook::load::references::markdown_options());
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// One paragraph of the exempt report, as plain text.
const EXEMPT_SENTENCE: &str = "The Cabinet authorised the tender on 16 July 2020. Eleven providers expressed \
    interest and seven submitted compliant bids. Bids were scored 60% on quality and 40% on price, \
    using the evaluation model published with the tender.";

fn audit_with(extra: &[(&str, Vec<u8>)]) -> Vec<Finding> {
    let (_dir, site, published, sources, mut output) = sample();
    for (path, bytes) in extra {
        output.add(*path, bytes.clone());
    }
    audit::findings(&site, &published, &sources, &output)
}

fn only(findings: &[Finding], source: &str, how: How, output: &str) {
    assert!(
        findings
            .iter()
            .any(|f| f.source == source && f.how == how && f.output == output),
        "expected {how:?} of {source} in {output}; found {findings:#?}"
    );
    assert!(
        findings.iter().all(|f| f.output == output),
        "nothing else is reported: {findings:#?}"
    );
}

#[test]
fn the_sample_site_passes_with_zero_findings_and_has_canaries_for_its_exempt_papers() {
    let (_dir, site, published, sources, output) = sample();
    assert!(audit::findings(&site, &published, &sources, &output).is_empty());
    // The audit is not passing for want of anything to look for.
    let mut secrets = audit::secrets::collect(&site, &sources);
    audit::corpus::drop_in_sources(&mut secrets, &site, &sources);
    audit::corpus::drop_in_published(&mut secrets, &published);
    for file in [EXEMPT, EXEMPT_APPENDIX] {
        let i = secrets.list.iter().position(|s| s.file == file).unwrap();
        let passages = secrets.passages.values().flatten().filter(|o| o.secret == i).count();
        let words = secrets.words.values().filter(|o| o.secret == i).count();
        assert!(passages >= 4, "{file}: {passages} passages");
        assert!(words >= 5, "{file}: {words} words");
    }
}

#[test]
fn the_basic_site_passes_with_zero_findings() {
    let s = site("basic");
    let (site, published, sources, output) = pipeline(s.path(), &BuildOptions::default());
    assert!(audit::findings(&site, &published, &sources, &output).is_empty());
}

#[test]
fn a_page_showing_an_exempt_report_body_is_caught() {
    let (_dir, site, published, sources, mut output) = sample();
    let page = "meetings/2020-10-15-cabinet/index.html";
    let mut html = String::from_utf8(output.files[page].clone()).unwrap();
    html = html.replace("</main>", &format!("{}</main>", exempt_body_html(&site)));
    output.add(page, html);
    let findings = audit::findings(&site, &published, &sources, &output);
    only(&findings, EXEMPT, How::Passage, page);
    // The error names the source at the leaked passage, and the output file.
    let d = audit::diagnostics(&findings);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].file, EXEMPT);
    assert!(d[0].line > 13, "at a line of the body: {:?}", d[0]);
    assert!(d[0].message.contains(page), "{}", d[0].message);
    assert!(d[0].message.contains("exempt report (Schedule 12A paragraph 3)"));
    assert!(d[0].help.as_deref().unwrap().contains("nothing was written"));
}

#[test]
fn exempt_text_in_an_attribute_is_caught() {
    let page = "pages/leak/index.html";
    let html = format!("<html><head><meta name=\"description\" content=\"{EXEMPT_SENTENCE}\"></head></html>");
    only(&audit_with(&[(page, html.into_bytes())]), EXEMPT, How::Passage, page);
}

#[test]
fn exempt_words_in_the_search_postings_are_caught() {
    // A postings chunk as the index writes it: len, term, len, postings.
    let mut bin = Vec::new();
    for term in ["zebra", "tender"] {
        bin.push(term.len() as u8);
        bin.extend_from_slice(term.as_bytes());
        bin.extend_from_slice(&[3, 0, 2, 1]);
    }
    let path = "search/post/99.bin";
    only(&audit_with(&[(path, bin)]), EXEMPT, How::Word, path);
}

#[test]
fn exempt_words_in_the_search_dictionary_are_caught() {
    let path = "search/dict/99.json";
    let json = br#"{"zebra":"","zebras":"zebra"}"#.to_vec();
    only(&audit_with(&[(path, json)]), EXEMPT, How::Word, path);
}

#[test]
fn an_exempt_excerpt_in_the_search_fragments_is_caught() {
    let path = "search/frag/99.json";
    let json = serde_json::to_vec(&serde_json::json!([["Title", "/x/", EXEMPT_SENTENCE]])).unwrap();
    only(&audit_with(&[(path, json)]), EXEMPT, How::Passage, path);
}

#[test]
fn an_exempt_appendix_copied_as_an_attachment_is_caught_by_its_bytes() {
    let bytes = std::fs::read(repo().join(EXEMPT_APPENDIX)).unwrap();
    let path = "meetings/2020-07-16-cabinet/files/appendix-2.md";
    let findings = audit_with(&[(path, bytes)]);
    assert!(
        findings
            .iter()
            .any(|f| f.source == EXEMPT_APPENDIX && f.how == How::File && f.output == path),
        "{findings:#?}"
    );
}

#[test]
fn exempt_text_in_a_feed_a_calendar_and_a_csv_is_caught() {
    let feed =
        format!("<feed><entry><content type=\"html\">&lt;p&gt;{EXEMPT_SENTENCE}&lt;/p&gt;</content></entry></feed>");
    let folded: Vec<String> = EXEMPT_SENTENCE
        .as_bytes()
        .chunks(60)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    let ics = format!("BEGIN:VEVENT\r\nDESCRIPTION:{}\r\nEND:VEVENT\r\n", folded.join("\r\n "));
    let csv = format!("id,text\n1,\"{EXEMPT_SENTENCE}\"\n");
    for (path, bytes) in [
        ("feeds/all.xml", feed.into_bytes()),
        ("calendar/all.ics", ics.into_bytes()),
        ("data/decisions.csv", csv.into_bytes()),
    ] {
        only(&audit_with(&[(path, bytes)]), EXEMPT, How::Passage, path);
    }
}

#[test]
fn a_gzip_compressed_leak_is_caught() {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(format!("<p>{EXEMPT_SENTENCE}</p>").as_bytes()).unwrap();
    let path = "meetings/x/index.html.gz";
    only(&audit_with(&[(path, e.finish().unwrap())]), EXEMPT, How::Passage, path);
}

#[test]
fn embargoed_and_draft_documents_are_protected_until_published() {
    let s = site("basic");
    let body = "The working group met on four occasions and considered the draft proposals \
                for the relocation of the depot to the northern industrial estate in detail.\n";
    put(
        s.path(),
        "content/pages/future.md",
        &format!("---\ntitle: Future plans\npublished: 2099-01-01\n---\n{body}"),
    );
    put(
        s.path(),
        "content/pages/unfinished.md",
        "---\ntitle: Unfinished\ndraft: true\n---\nThe second draft was circulated to members of the \
         steering board for comment before being finalised.\n",
    );
    let (site, published, sources, mut output) = pipeline(s.path(), &BuildOptions::default());
    assert!(audit::findings(&site, &published, &sources, &output).is_empty());
    output.add(
        "pages/about/index.html",
        format!("<p>{body}</p><p>The second draft was circulated to members of the steering board for comment</p>"),
    );
    let findings = audit::findings(&site, &published, &sources, &output);
    let sources: Vec<(&str, &str)> = findings.iter().map(|f| (f.source.as_str(), f.what.as_str())).collect();
    assert!(
        sources.contains(&("content/pages/future.md", "embargoed page (until 1 January 2099)")),
        "{sources:?}"
    );
    assert!(
        sources.contains(&("content/pages/unfinished.md", "draft page (drafts are not published)")),
        "{sources:?}"
    );

    // Published on the day, or with drafts on, they are public and pass.
    let opts = BuildOptions {
        as_of: Some(minutebook::load::primitives::Date::parse("2099-01-01").unwrap()),
        drafts: true,
        ..BuildOptions::default()
    };
    let (site, published, sources, output) = pipeline(s.path(), &opts);
    assert!(audit::findings(&site, &published, &sources, &output).is_empty());
}

#[test]
fn a_copy_of_an_exempt_file_in_a_public_folder_stops_the_build_and_check() {
    let s = site("sample");
    let folder = "content/meetings/2020-10-15-cabinet/reports/residential-placements-contract-award";
    let pdf: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::create_dir_all(s.path().join(folder)).unwrap();
    std::fs::write(s.path().join(folder).join("tender-scores.pdf"), &pdf).unwrap();
    // A first build, before the copy: the exempt file is not published.
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = entries(&s.path().join("output"));
    // An officer puts a copy in the meeting's public files folder.
    std::fs::create_dir_all(s.path().join("content/meetings/2020-10-15-cabinet/files")).unwrap();
    std::fs::write(
        s.path().join("content/meetings/2020-10-15-cabinet/files/scores.pdf"),
        &pdf,
    )
    .unwrap();
    let o = build(s.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("{folder}/tender-scores.pdf")), "{err}");
    assert!(err.contains("meetings/2020-10-15-cabinet/files/scores.pdf"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(
        entries(&s.path().join("output")),
        before,
        "the previous output is untouched"
    );
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("publication audit"), "{}", stdout(&o));
}
