//! Freeing large values off the critical path. The views, link records and
//! page ids of a 10,000-briefing site are hundreds of thousands of small
//! allocations; freeing them takes a tenth of a second that no caller needs
//! to wait for. They are handed to a worker thread instead (and when the
//! process exits first, the operating system reclaims them at once).

/// Drops `value` on a rayon worker thread.
pub(crate) fn free<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

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
    }
}
