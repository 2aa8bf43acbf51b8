//! `build`'s progress on a terminal: one line per stage (load, resolve,
//! render, write) with its count, drawn by indicatif. Off a terminal, or
//! with `--quiet`, nothing is drawn.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Bars {
    shown: bool,
    current: Mutex<Option<(&'static str, ProgressBar)>>,
}

impl Bars {
    pub fn new(shown: bool) -> Self {
        Self {
            shown,
            current: Mutex::new(None),
        }
    }

    fn current(&self) -> std::sync::MutexGuard<'_, Option<(&'static str, ProgressBar)>> {
        self.current.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Clear a bar left running (a stage that stopped the build).
    pub fn finish(&self) {
        if let Some((_, bar)) = self.current().take() {
            bar.finish_and_clear();
        }
    }
}

/// What a stage's line says while it runs and once it is done.
fn words(stage: &str) -> (&'static str, &'static str) {
    match stage {
        "load" => ("loading", "files loaded"),
        "resolve" => ("resolving references", "entities resolved"),
        "render" => ("rendering documents", "documents rendered"),
        _ => ("writing", "files written"),
    }
}

impl minutebook::Progress for Bars {
    fn stage(&self, name: &'static str) {
        if !self.shown {
            return;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let template = if name == "write" {
            "{spinner} {msg} {human_pos} files {elapsed}"
        } else {
            "{spinner} {msg} {elapsed}"
        };
        let style = ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message(words(name).0);
        bar.enable_steady_tick(Duration::from_millis(120));
        let old = self.current().replace((name, bar));
        if let Some((_, old)) = old {
            old.finish();
        }
    }

    fn done(&self, items: usize) {
        if let Some((name, bar)) = self.current().take() {
            let style =
                ProgressStyle::with_template("✓ {msg} ({elapsed})").unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.finish_with_message(format!("{items} {}", words(name).1));
        }
    }

    fn file(&self) {
        if let Some((_, bar)) = self.current().as_ref() {
            bar.inc(1);
        }
    }
}
