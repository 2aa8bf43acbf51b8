//! What `minutebook init` tells the officer about the site it made, the
//! `--name` that becomes the site's title, and the minute number that
//! `minutebook new minutes` continues from.
//!
//! Kept apart from `init.rs` (which holds the files `init` writes) so that the
//! words and the numbering can change without touching the example site.

use std::fs;
use std::io;
use std::path::Path;

use crate::load::primitives::Date;

/// Set `title:` in the new site's `site.yaml` to `name`, quoted for YAML.
pub fn set_title(dir: &Path, name: &str) -> io::Result<()> {
    let path = dir.join("site.yaml");
    let text = fs::read_to_string(&path)?;
    let quoted = format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::with_capacity(text.len() + name.len());
    for line in text.split_inclusive('\n') {
        if line.starts_with("title:") {
            out.push_str(&format!("title: {quoted}\n"));
        } else {
            out.push_str(line);
        }
    }
    fs::write(&path, out)
}

/// The lines `init` prints after the files it created: what each example
/// file is, what to keep, what to replace, and what to run next.
pub fn guidance(dir: &Path, today: Date) -> String {
    let d = dir.display();
    format!(
        "\nWhat to do with these files:
  keep and edit  site.yaml: set base_url, contact and privacy.allow to the council's own
  keep and edit  content/pages/about.md: a free page, linked from every page's footer
  replace        content/committees/scrutiny.md: an example committee; write one file per committee
  replace        content/people.yaml: example people (alex-example, democratic-services); list your members and officers
  delete         content/meetings/{today}-scrutiny/: an example meeting dated today; make your first
                 real meeting with `minutebook new meeting --committee <id> --date <date> --root {d}`
The guide, docs/authoring.md, explains each file (\"Starting a new site\").
now run: minutebook build --root {d}\n",
        today = today.iso()
    )
}

/// The number the next minutes of `committee` should start at: one more than
/// the highest minute number in the committee's minutes of meetings before
/// `date`, or 1 when there are none.
pub fn next_minute(root: &Path, committee: &str, date: Date) -> u64 {
    let Ok(entries) = fs::read_dir(root.join("content/meetings")) else {
        return 1;
    };
    let suffix = format!("-{committee}");
    let mut last = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(day) = name.strip_suffix(&suffix) else {
            continue;
        };
        if day.len() != 10 || day >= date.iso().as_str() {
            continue;
        }
        if let Ok(text) = fs::read_to_string(e.path().join("minutes.md")) {
            last = last.max(highest_minute(&text));
        }
    }
    last + 1
}

/// The highest `{#n}` on a `##` heading of a minutes file.
fn highest_minute(text: &str) -> u64 {
    text.lines()
        .filter(|l| l.starts_with("## "))
        .filter_map(|l| {
            let attrs = l.get(l.rfind("{#")? + 2..)?;
            let digits: String = attrs.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

/// The text of new minutes whose first minute is numbered `first`.
pub fn minutes_text(first: u64) -> String {
    format!(
        "---
status: draft
attendance:
  present: []
  apologies: []
resolutions: {{}}
---

## {first}. Apologies for absence {{#{first} item=1}}

"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_minute_number_is_found_in_the_headings() {
        let text = "---\nstatus: draft\n---\n## 44. Plans {#44 item=3}\n\n## 45. Other {#45}\n\n### 46 not a minute\n";
        assert_eq!(highest_minute(text), 45);
        assert_eq!(highest_minute("no minutes"), 0);
        assert!(minutes_text(46).contains("## 46. Apologies for absence {#46 item=1}"));
    }
}
