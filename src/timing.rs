//! Stage timings for profiling, printed to stderr when the environment
//! variable `BRIEFING_TIMINGS` is set. Costs nothing otherwise.

use std::time::Instant;

/// A stopwatch that reports each lap.
pub(crate) struct Lap {
    started: Instant,
    enabled: bool,
}

impl Lap {
    pub(crate) fn start() -> Lap {
        Lap {
            started: Instant::now(),
            enabled: std::env::var_os("BRIEFING_TIMINGS").is_some(),
        }
    }

    /// Reports the time since the last mark as `name`.
    pub(crate) fn mark(&mut self, name: &str) {
        if self.enabled {
            eprintln!("timing: {name} {:.1} ms", self.started.elapsed().as_secs_f64() * 1000.0);
        }
        self.started = Instant::now();
    }
}
