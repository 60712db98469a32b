//! The `zhterm` command: parses the command line, runs one command, maps the outcome to an
//! exit code (0 done, 1 nothing found by a look-up or findings of a check, 2 error). A closed pipe is success.

mod cmd;

use clap::Parser;
use std::process::ExitCode;

// Mining and alignment allocate tens of millions of small strings and vectors on all cores;
// mimalloc's thread-local free lists serve them at a fraction of glibc malloc's cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's `mi_option_purge_delay` (the 16th option of `mi_option_e` in its
/// `mimalloc.h`; the pinned libmimalloc-sys names only mimalloc 2's options).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc 3 keeps freed memory a second before returning it to the system. A build frees
/// one stage's tables (hundreds of megabytes in a large memory) while the next allocates its
/// own, so for that second it held both: a million-pair build's peak was 7–10% higher than
/// with mimalloc 2's 10 ms, which costs no measurable time. Set only when the option holds
/// mimalloc 3's default, so another version's numbering changes nothing.
fn shorten_purge_delay() {
    // SAFETY: reads and sets a plain option; mimalloc reads options at any time.
    unsafe {
        if libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) == 1000 {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
        }
    }
}

fn main() -> ExitCode {
    shorten_purge_delay();
    // A bug must not show the user a backtrace: one line, exit 2, like any other error.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
        eprintln!("zhterm: internal error: {message}{place} (please report it)");
    }));
    let cli = cmd::Cli::parse();
    match std::panic::catch_unwind(|| cmd::run(cli)) {
        Ok(Ok(cmd::Outcome::Done)) => ExitCode::SUCCESS,
        Ok(Ok(cmd::Outcome::NotFound | cmd::Outcome::Findings)) => ExitCode::from(1),
        Ok(Err(error)) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Ok(Err(error)) => {
            eprintln!("zhterm: error: {}", one_line(&error));
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

/// The error and its causes on one line; a cause the message above it already quotes (the
/// library's errors name their I/O cause) is not repeated.
fn one_line(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !message.ends_with(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
    }
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}
