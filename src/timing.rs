//! Stage timings for profiling, printed to stderr when the environment
//! variable `BRIEFING_TIMINGS` is set. Costs nothing otherwise. Each lap
//! gives its wall time and, where the system tells (Linux), the CPU time
//! of all threads in it (which shows how busy the cores were) and the
//! peak memory so far.

use std::time::Instant;

/// A stopwatch that reports each lap.
pub(crate) struct Lap {
    started: Instant,
    cpu: Option<f64>,
    enabled: bool,
}

impl Lap {
    pub(crate) fn start() -> Lap {
        let enabled = std::env::var_os("BRIEFING_TIMINGS").is_some();
        Lap {
            started: Instant::now(),
            cpu: if enabled { process_cpu_ms() } else { None },
            enabled,
        }
    }

    /// Reports the time since the last mark as `name`.
    pub(crate) fn mark(&mut self, name: &str) {
        if self.enabled {
            let wall = self.started.elapsed().as_secs_f64() * 1000.0;
            let cpu = process_cpu_ms();
            match (self.cpu, cpu) {
                (Some(before), Some(now)) => eprintln!(
                    "timing: {name} {wall:.1} ms (CPU {:.0} ms, peak memory {} MB)",
                    now - before,
                    peak_memory_mb().unwrap_or(0)
                ),
                _ => eprintln!("timing: {name} {wall:.1} ms"),
            }
            self.cpu = cpu;
        }
        self.started = Instant::now();
    }
}

/// The peak resident memory of the process so far, in MB (`VmHWM` of
/// `/proc/self/status`).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// The CPU time of the process so far (user and system, all threads), in
/// milliseconds, from `/proc/self/stat` (in clock ticks, taken as the
/// usual 100 a second).
fn process_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    cpu_ms_of_stat(&stat)
}

/// Fields 14 and 15 (utime, stime) of a `stat` line; the name in field 2
/// may hold spaces, so fields are counted after its closing parenthesis.
fn cpu_ms_of_stat(stat: &str) -> Option<f64> {
    let after_name = stat.rsplit_once(')')?.1;
    let mut fields = after_name.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) * 10.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cpu_time_is_read_after_the_name() {
        let stat = "4242 (a (b) c) R 1 2 3 4 5 6 7 8 9 10 150 25 0 0";
        assert_eq!(super::cpu_ms_of_stat(stat), Some(1750.0));
        assert_eq!(super::cpu_ms_of_stat("garbage"), None);
    }
}
