//! Getting rid of large values off the critical path. The views, link
//! records, search entries and page ids of a 10,000-briefing site are
//! millions of small allocations; freeing them takes half a second of CPU
//! that no caller needs to wait for. A caller that goes on (`serve`, the
//! library's users) has them dropped on a worker thread; the command line,
//! whose process ends with the build, leaves them to the operating system,
//! which reclaims the whole heap at once.

/// What becomes of the large values a build is done with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disposal {
    /// Dropped on a worker thread.
    Background,
    /// Never dropped: the process exits when the build ends.
    AtExit,
}

impl Disposal {
    /// The disposal of a build after which the process exits, or not.
    pub(crate) fn of(exits_after: bool) -> Disposal {
        if exits_after { Disposal::AtExit } else { Disposal::Background }
    }

    /// Gets rid of `value`.
    pub(crate) fn free<T: Send + 'static>(self, value: T) {
        match self {
            Disposal::Background => free(value),
            Disposal::AtExit => std::mem::forget(value),
        }
    }
}

/// Drops `value` on a rayon worker thread.
pub(crate) fn free<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::mpsc;

    use super::Disposal;

    /// Sends a message when dropped.
    struct Tell(mpsc::Sender<()>);

    impl Drop for Tell {
        fn drop(&mut self) {
            let _ = self.0.send(());
        }
    }

    #[test]
    fn the_value_is_dropped_on_another_thread() {
        let (sender, receiver) = mpsc::channel();
        super::free(Tell(sender));
        assert!(receiver.recv_timeout(std::time::Duration::from_secs(10)).is_ok());
        let (sender, receiver) = mpsc::channel();
        Disposal::of(false).free(Tell(sender));
        assert!(receiver.recv_timeout(std::time::Duration::from_secs(10)).is_ok());
    }

    #[test]
    fn at_exit_nothing_is_dropped() {
        let shared = Arc::new(());
        Disposal::of(true).free(shared.clone());
        // The clone handed over was never dropped.
        assert_eq!(Arc::strong_count(&shared), 2);
    }
}
