//! The preview server's connections: accepting them, each on a thread of
//! its own, and bounding what one client can hold. A request head must
//! arrive within a deadline and a response be taken within another, so a
//! client trickling a byte now and then is cut off; at most
//! `Limits::connections` requests are read or answered at once. Live-reload
//! streams (one per open page, held open for as long as the page is) are
//! counted apart, up to `Limits::live_reload`, and never take the place of
//! a page request.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use super::{Shared, respond};
use crate::serve::http::{self, Deadline, Refusal, Response, read_request, write_response};

/// How many connections the server holds, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Requests being read or answered at once; more wait in the operating
    /// system's queue.
    pub(crate) connections: usize,
    /// Live-reload streams open at once; a page opened beyond them is
    /// served but not reloaded (its stream is answered 503).
    pub(crate) live_reload: usize,
    /// Time for the whole request head (line and headers) to arrive.
    pub(crate) head: Duration,
    /// Time for a response to be taken by the client, and for each
    /// message of a live-reload stream.
    pub(crate) response: Duration,
    /// How often a live-reload stream is sent a comment, by which a page
    /// that has gone is found out.
    pub(crate) keep_alive: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connections: 256,
            live_reload: 128,
            head: Duration::from_secs(10),
            response: Duration::from_secs(30),
            keep_alive: Duration::from_secs(15),
        }
    }
}

/// The path of the live-reload stream.
const EVENTS: &str = crate::routes::SERVE_EVENTS;

/// A short plain-text response.
fn plain(status: u16, text: &str) -> Response {
    Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: text.as_bytes().to_vec(),
        location: None,
    }
}

/// One place counted in `count`, given back when dropped (also when the
/// thread holding it ends by a panic).
struct Slot {
    shared: Arc<Shared>,
    count: fn(&Shared) -> &AtomicUsize,
}

impl Slot {
    fn take(shared: &Arc<Shared>, count: fn(&Shared) -> &AtomicUsize) -> Slot {
        count(shared).fetch_add(1, Ordering::AcqRel);
        Slot {
            shared: shared.clone(),
            count,
        }
    }

    /// A place in `count` if fewer than `limit` are taken.
    fn try_take(shared: &Arc<Shared>, count: fn(&Shared) -> &AtomicUsize, limit: usize) -> Option<Slot> {
        count(shared)
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < limit).then_some(n + 1))
            .ok()
            .map(|_| Slot {
                shared: shared.clone(),
                count,
            })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        (self.count)(&self.shared).fetch_sub(1, Ordering::AcqRel);
    }
}

fn connections(shared: &Shared) -> &AtomicUsize {
    &shared.connections
}

fn streams(shared: &Shared) -> &AtomicUsize {
    &shared.streams
}

/// Answers connections until the process ends, each on a thread of its
/// own, at most `limits.connections` requests at once. Errors (such as
/// running out of file descriptors) are waited out instead of spun on.
pub(crate) fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    let mut reported = false;
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(error) => {
                if !reported {
                    eprintln!("warning: cannot accept a connection ({error}); waiting");
                    reported = true;
                }
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        reported = false;
        // Wait for a free slot: the operating system queues the rest. Each
        // is held for a bounded time (the deadlines of the limits).
        while shared.connections.load(Ordering::Acquire) >= shared.limits.connections {
            std::thread::sleep(Duration::from_millis(5));
        }
        let slot = Slot::take(shared, connections);
        let spawned = std::thread::Builder::new()
            .name("briefing-http".into())
            .spawn(move || handle(stream, slot));
        if let Err(error) = spawned {
            // The stream and the slot went with the closure: the client
            // sees the connection closed, and the server goes on.
            eprintln!("warning: cannot start a thread for a connection ({error})");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Reads one request and answers it; `slot` is its place among the
/// connections, given up when it turns out to be a live-reload stream.
fn handle(stream: TcpStream, slot: Slot) {
    let shared = slot.shared.clone();
    let limits = shared.limits;
    let answer = |response: &Response, head_only: bool| {
        let _ = write_response(&mut Deadline::new(&stream, limits.response), response, head_only);
    };
    let request = match read_request(&stream, limits.head) {
        Ok(request) => request,
        Err(Refusal::LineTooLong) => return answer(&plain(414, "request line too long"), false),
        Err(Refusal::HeadersTooLarge) => return answer(&plain(431, "request headers too large"), false),
        Err(Refusal::TimedOut) => return answer(&plain(408, "request timeout"), false),
        Err(Refusal::Gone) => return,
    };
    if !request.host.as_deref().is_some_and(|host| http::host_allowed(host, shared.bound)) {
        // A page of another site whose name was made to point here (DNS
        // rebinding) must not read the preview, drafts included.
        return answer(&plain(403, "this preview answers only to localhost and its own address"), false);
    }
    if request.method != "GET" && request.method != "HEAD" {
        return answer(&plain(405, "only GET and HEAD"), false);
    }
    if request.path == EVENTS {
        let Some(stream_slot) = Slot::try_take(&shared, streams, limits.live_reload) else {
            return answer(&plain(503, "too many pages open for live reload"), false);
        };
        // From here on the stream is counted among the streams only.
        drop(slot);
        events(stream, &shared);
        drop(stream_slot);
        return;
    }
    let response = match shared.served.read() {
        Ok(served) => respond(&served, &request.path),
        Err(_) => return,
    };
    answer(&response, request.method == "HEAD");
}

/// Holds a server-sent-events stream open and forwards build events; a
/// comment every `keep_alive` finds out a page that has gone, and a
/// message the client does not take within `response` ends the stream.
fn events(mut stream: TcpStream, shared: &Shared) {
    let (sender, receiver): (Sender<String>, Receiver<String>) = mpsc::channel();
    if let Ok(mut listeners) = shared.listeners.lock() {
        listeners.push(sender);
    }
    if stream.set_write_timeout(Some(shared.limits.response)).is_err() {
        return;
    }
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    loop {
        let message = match receiver.recv_timeout(shared.limits.keep_alive) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if stream.write_all(message.as_bytes()).and_then(|()| stream.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Language;
    use crate::serve::Served;
    use std::collections::HashMap;
    use std::io::Read;
    use std::sync::{Mutex, RwLock};
    use std::time::Instant;

    /// A server of one page with `limits`, on 127.0.0.1 (a port of its
    /// own), accepting on a thread that ends with the test process.
    fn server(limits: Limits) -> (String, Arc<Shared>) {
        let mut files = HashMap::new();
        files.insert("index.html".to_string(), Arc::new(b"<html><body>home</body></html>".to_vec()));
        let shared = Arc::new(Shared {
            served: RwLock::new(Served {
                files,
                base_path: "/".to_string(),
                ..Served::default()
            }),
            listeners: Mutex::new(Vec::new()),
            bound: "127.0.0.1".parse().unwrap(),
            limits,
            connections: AtomicUsize::new(0),
            streams: AtomicUsize::new(0),
            language: Language::En,
        });
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let accepting = shared.clone();
        std::thread::spawn(move || accept(&listener, &accepting));
        (address, shared)
    }

    fn small() -> Limits {
        Limits {
            connections: 4,
            live_reload: 3,
            head: Duration::from_millis(300),
            response: Duration::from_millis(500),
            keep_alive: Duration::from_millis(200),
        }
    }

    /// Sends `request` and reads until the server closes (at most 5 s):
    /// the answer and how long it took.
    fn exchange(address: &str, request: &[u8]) -> (String, Duration) {
        let started = Instant::now();
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        (String::from_utf8_lossy(&answer).into_owned(), started.elapsed())
    }

    const GET: &[u8] = b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

    /// Opens a connection that sends a request a byte at a time, every
    /// `every`, on a thread of its own; how long until the server closed
    /// it, and what it said.
    fn trickle(address: &str, every: Duration) -> std::thread::JoinHandle<(Duration, String)> {
        let mut stream = TcpStream::connect(address).unwrap();
        std::thread::spawn(move || {
            let started = Instant::now();
            stream.set_read_timeout(Some(Duration::from_millis(1))).unwrap();
            let mut answer = Vec::new();
            for byte in GET.iter().cycle().take(10_000) {
                if stream.write_all(&[*byte]).is_err() {
                    break;
                }
                let mut buf = [0u8; 256];
                match stream.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => answer.extend_from_slice(&buf[..n]),
                    Err(_) => {}
                }
                if started.elapsed() > Duration::from_secs(5) {
                    break;
                }
                std::thread::sleep(every);
            }
            (started.elapsed(), String::from_utf8_lossy(&answer).into_owned())
        })
    }

    #[test]
    fn a_request_head_trickled_in_is_cut_off_at_its_deadline() {
        let (address, _) = server(small());
        let (lasted, answer) = trickle(&address, Duration::from_millis(50)).join().unwrap();
        assert!(lasted < Duration::from_secs(2), "held for {lasted:?}");
        assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    }

    #[test]
    fn slow_clients_hold_up_page_requests_no_longer_than_the_head_deadline() {
        let (address, _) = server(small());
        // Three times as many trickling clients as there are connections.
        let slow: Vec<_> = (0..12).map(|_| trickle(&address, Duration::from_millis(50))).collect();
        std::thread::sleep(Duration::from_millis(50));
        let (answer, took) = exchange(&address, GET);
        assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
        assert!(took < Duration::from_secs(2), "answered after {took:?}");
        for client in slow {
            let (lasted, _) = client.join().unwrap();
            assert!(lasted < Duration::from_secs(3), "a slow client held on for {lasted:?}");
        }
    }

    #[test]
    fn live_reload_streams_do_not_take_the_place_of_page_requests() {
        let (address, shared) = server(small());
        let events = b"GET /__briefing/events HTTP/1.1\r\nHost: localhost\r\n\r\n";
        // As many open pages as there are streams, more than connections.
        let open: Vec<TcpStream> = (0..3)
            .map(|_| {
                let mut stream = TcpStream::connect(&address).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                stream.write_all(events).unwrap();
                let mut head = [0u8; 64];
                let n = stream.read(&mut head).unwrap();
                assert!(head[..n].starts_with(b"HTTP/1.1 200 "));
                stream
            })
            .collect();
        let (one_more, _) = exchange(&address, events);
        assert!(one_more.starts_with("HTTP/1.1 503 "), "{one_more}");
        for _ in 0..8 {
            let (answer, took) = exchange(&address, GET);
            assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
            assert!(took < Duration::from_secs(1), "answered after {took:?}");
        }
        assert_eq!(shared.streams.load(Ordering::Acquire), 3);
        // Closed pages are found out by the keep-alive and give their place.
        drop(open);
        let started = Instant::now();
        while shared.streams.load(Ordering::Acquire) > 0 && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(shared.streams.load(Ordering::Acquire), 0);
    }
}
