//! Write: the output set goes into a staging folder beside the output folder,
//! which is swapped in only when every file is written. A failed or killed
//! build leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit::Output;

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().to_string());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// Write `out` to `output` atomically (staging + rename).
pub fn write(out: &Output, output: &Path) -> io::Result<()> {
    let staging = sibling(output, &format!("staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    let result = (|| {
        for (path, bytes) in &out.files {
            let target = staging.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&target, bytes)?;
        }
        Ok::<(), io::Error>(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let old = sibling(output, &format!("old-{}", std::process::id()));
    let had_old = output.exists();
    if had_old {
        fs::rename(output, &old)?;
    }
    if let Err(e) = fs::rename(&staging, output) {
        if had_old {
            let _ = fs::rename(&old, output);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    // Leftovers of builds that were killed mid-way.
    if let (Some(parent), Some(name)) = (output.parent(), output.file_name()) {
        let prefix = format!(".{}.", name.to_string_lossy());
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(entries) = fs::read_dir(parent) {
            for e in entries.flatten() {
                let n = e.file_name().to_string_lossy().to_string();
                if n.starts_with(&prefix) && (n.contains(".staging-") || n.contains(".old-")) {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
    }
    Ok(())
}
