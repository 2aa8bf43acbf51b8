//! The CI recipes `minutebook init` writes (issue 16, point 4): valid YAML,
//! the jobs GitHub Actions and GitLab CI need to check pull/merge requests and
//! publish to Pages, and every `minutebook` command in them accepted by the
//! real CLI — each is run, as written, in the new site.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

use serde_json::Value;

/// The words of a shell command line: spaces separate, double quotes group.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// Every string under a `run` or `script` key, line by line.
fn commands(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("run", Value::String(s)) => out.extend(s.lines().map(str::to_string)),
                    ("script" | "before_script", Value::Array(a)) => {
                        out.extend(a.iter().filter_map(Value::as_str).map(str::to_string));
                    }
                    _ => commands(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| commands(x, out)),
        _ => {}
    }
}

fn init_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("papers");
    let o = minutebook(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, site)
}

/// Run each `minutebook …` line of `lines` in `site`, with CI variables set.
fn run_all(site: &std::path::Path, lines: &[String], vars: &[(&str, &str)]) -> usize {
    let mut ran = 0;
    for line in lines {
        let mut line = line.clone();
        for (k, v) in vars {
            line = line.replace(k, v);
        }
        let w = words(&line);
        if w.first().map(String::as_str) != Some("minutebook") {
            continue;
        }
        let o = std::process::Command::new(bin())
            .args(&w[1..])
            .current_dir(site)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "`{line}` failed in a new site:\n{}{}",
            stdout(&o),
            stderr(&o)
        );
        ran += 1;
    }
    ran
}

#[test]
fn the_github_workflow_checks_pull_requests_and_publishes_main_to_pages() {
    let (_dir, site) = init_site();
    let text = std::fs::read_to_string(site.join(".github/workflows/minutebook.yml")).unwrap();
    let wf: Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("not valid YAML: {e}\n{text}"));
    assert!(wf["on"].get("pull_request").is_some(), "runs on pull requests");
    assert_eq!(wf["on"]["push"]["branches"][0], "main");
    assert!(
        wf["on"]["schedule"][0]["cron"].is_string(),
        "daily, for papers due to go live"
    );
    assert_eq!(wf["env"]["MINUTEBOOK_VERSION"], env!("CARGO_PKG_VERSION"));
    let jobs = &wf["jobs"];
    assert_eq!(jobs["check"]["if"], "github.event_name == 'pull_request'");
    assert_eq!(jobs["build"]["if"], "github.event_name != 'pull_request'");
    let uses = |job: &str| -> Vec<String> {
        jobs[job]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["uses"].as_str())
            .map(|u| u.split('@').next().unwrap().to_string())
            .collect()
    };
    let build = uses("build");
    for a in [
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ] {
        assert!(build.contains(&a.to_string()), "build uses {a}: {build:?}");
    }
    assert_eq!(uses("deploy"), ["actions/deploy-pages"]);
    assert_eq!(jobs["deploy"]["needs"], "build");
    assert_eq!(jobs["deploy"]["permissions"]["pages"], "write");
    assert_eq!(jobs["deploy"]["permissions"]["id-token"], "write");
    assert_eq!(jobs["deploy"]["environment"]["name"], "github-pages");
    let steps = jobs["build"]["steps"].as_array().unwrap();
    let pages_id = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/configure-pages"))
        })
        .unwrap()["id"]
        .clone();
    assert_eq!(pages_id, "pages");
    let artifact = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .unwrap();
    assert_eq!(artifact["with"]["path"], "output");

    let mut check = Vec::new();
    commands(&jobs["check"], &mut check);
    assert!(
        check.iter().any(|l| l == "minutebook check --format github --strict"),
        "{check:?}"
    );
    assert!(
        check
            .iter()
            .any(|l| l.contains("cargo install --locked minutebook --version \"$MINUTEBOOK_VERSION\"")),
        "{check:?}"
    );
    let mut all = Vec::new();
    commands(&wf, &mut all);
    assert!(
        all.iter()
            .any(|l| l.contains("--base-url \"${{ steps.pages.outputs.base_url }}\"")),
        "{all:?}"
    );
    // Every minutebook command runs as written in the new site.
    let ran = run_all(
        &site,
        &all,
        &[(
            "${{ steps.pages.outputs.base_url }}",
            "https://council.github.io/papers",
        )],
    );
    assert_eq!(ran, 2, "check and build");
    let home = std::fs::read_to_string(site.join("output/index.html")).unwrap();
    assert!(home.contains("<link rel=\"canonical\" href=\"https://council.github.io/papers/\">"));
    assert!(
        home.contains("href=\"/papers/committees/\""),
        "links carry the Pages path"
    );
}

#[test]
fn the_gitlab_recipe_checks_merge_requests_and_publishes_public_to_pages() {
    let (_dir, site) = init_site();
    let text = std::fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    let ci: Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("not valid YAML: {e}\n{text}"));
    assert_eq!(ci["variables"]["MINUTEBOOK_VERSION"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        ci["check"]["rules"][0]["if"],
        "$CI_PIPELINE_SOURCE == \"merge_request_event\""
    );
    assert_eq!(ci["pages"]["rules"][0]["if"], "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
    assert_eq!(ci["pages"]["artifacts"]["paths"][0], "public");
    let mut all = Vec::new();
    commands(&ci, &mut all);
    assert!(all.iter().any(|l| l == "minutebook check --strict"), "{all:?}");
    assert!(
        all.iter()
            .any(|l| l == "minutebook build --strict --output public --base-url \"$CI_PAGES_URL\""),
        "{all:?}"
    );
    let ran = run_all(&site, &all, &[("$CI_PAGES_URL", "https://council.gitlab.io/papers")]);
    assert_eq!(ran, 2, "check and build");
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("<link rel=\"canonical\" href=\"https://council.gitlab.io/papers/\">"));
}

#[test]
fn init_keeps_a_repository_s_own_gitignore_and_workflows() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("papers");
    put(&site, ".gitignore", "mine\n");
    let o = minutebook(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(site.join(".gitignore")).unwrap(), "mine\n");
    assert!(site.join(".github/workflows/minutebook.yml").exists());
    assert!(
        stderr(&o).contains(".gitlab-ci.yml"),
        "lists what it made: {}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains(".gitignore"), "{}", stderr(&o));
}
