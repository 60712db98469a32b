//! Peak memory of this process, for the build's stage figures (`pipeline`, `build --stats`)
//! and the benches: below every stage, so the pipeline does not depend on the bench tools.

/// Peak resident memory of this process in bytes (Linux: VmHWM), if the system tells it.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_running_process_has_a_peak() {
        if cfg!(target_os = "linux") {
            assert!(super::peak_rss_bytes().is_some_and(|b| b > 0));
        }
    }
}
