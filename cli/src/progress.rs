//! A progress line on stderr while a large export loads: only when stderr is
//! a terminal (never in a pipe or a CI log) and only beyond
//! [`PROGRESS_USERS`] records. The core loads in one call, so the line shows
//! the records counted and the time so far, then clears itself.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Exports with more records than this show progress on a terminal.
pub const PROGRESS_USERS: usize = 100_000;

/// Runs `load`, showing a progress line meanwhile when it is worth one.
pub(crate) fn loading<T>(path: &Path, text: &str, load: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return load();
    }
    // Each record has one `"user"` key; a cheap count, good for a display.
    let records = text.matches("\"user\"").count();
    if records <= PROGRESS_USERS {
        return load();
    }
    let done = Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    let label = crate::markup::terminal(&path.display().to_string());
    let ticker = std::thread::spawn(move || {
        let start = Instant::now();
        let frames = ["|", "/", "-", "\\"];
        let mut frame = 0;
        while !flag.load(Ordering::Relaxed) {
            let spin = frames.get(frame % frames.len()).copied().unwrap_or("|");
            let _ = write!(
                std::io::stderr(),
                "\r{spin} loading {label}: {records} users, {:.1} s",
                start.elapsed().as_secs_f64()
            );
            frame += 1;
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    });
    let out = load();
    done.store(true, Ordering::Relaxed);
    let _ = ticker.join();
    out
}
