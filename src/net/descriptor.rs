//! One connection ("descriptor" in ROM): its socket, telnet state, the lines
//! it typed that wait to be handled, and the bytes waiting to go out.
//!
//! A descriptor does its own non-blocking reads and writes but knows nothing
//! of the poll loop (registration is the loop's job) or of the game. Reads are
//! budgeted so one fast client cannot hold the loop: a read stops after
//! [`READ_BUDGET`] bytes or once [`INPUT_SOFT_LIMIT`] lines are queued, and
//! [`Descriptor::wants_read`] tells the loop to come back for the rest (the
//! kernel's buffer then pushes back on the client instead of our memory).
//! Output is capped at [`MAX_OUTPUT`]: a client that stops reading is marked
//! dead instead of growing the buffer without end.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};

use log::debug;
use mio::net::TcpStream;

use super::color;
use super::engine::ConnId;
use super::telnet::{self, Event, Telnet};

/// Most bytes waiting to be sent before the connection is dropped.
pub const MAX_OUTPUT: usize = 1 << 20;
/// Stop reading from a client while this many of its lines wait.
pub const INPUT_SOFT_LIMIT: usize = 32;
/// Most bytes read from one client in one loop turn.
pub const READ_BUDGET: usize = 64 * 1024;
/// What a client is told when its line was cut to `telnet::MAX_LINE` bytes.
pub const LINE_TOO_LONG: &str = "Line too long.\n";

/// What a read found.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadStatus {
    /// The connection is open (bytes may or may not have arrived).
    Open,
    /// The peer closed the connection, or it failed; the reason is for the log.
    Closed(String),
}

/// One connection. See the module docs.
#[derive(Debug)]
pub struct Descriptor {
    /// The id the game knows this connection by (the loop's slab key).
    pub conn: ConnId,
    /// Distinguishes this connection from an earlier one that had the same
    /// `conn` (slab keys are reused); late password results check it.
    pub serial: u64,
    /// The peer address, for logs and the game.
    pub peer: String,
    /// Telnet option state and the partly typed line.
    pub telnet: Telnet,
    /// Render colour codes as ANSI (true) or strip them (false).
    pub ansi: bool,
    /// Complete lines waiting for the game, oldest first.
    pub input: VecDeque<String>,
    stream: TcpStream,
    output: Vec<u8>,
    /// Bytes of `output` already written.
    out_pos: usize,
    want_read: bool,
    /// WRITABLE interest is registered with the poll.
    pub(crate) writable_registered: bool,
    /// A command from this connection was handled since its last prompt.
    pub(crate) fcommand: bool,
    /// Close once the output is flushed; holds the pulse it was asked at.
    pub(crate) closing_since: Option<u64>,
    /// Why the connection must go; the loop removes it at the end of the turn.
    pub(crate) dead: Option<String>,
}

impl Descriptor {
    /// A descriptor for an accepted (or adopted) non-blocking stream. Nothing
    /// is sent yet: call [`Descriptor::start`] for a fresh connection.
    pub fn new(conn: ConnId, serial: u64, stream: TcpStream, peer: String) -> Descriptor {
        Descriptor {
            conn,
            serial,
            peer,
            telnet: Telnet::new(),
            ansi: true,
            input: VecDeque::new(),
            stream,
            output: Vec::new(),
            out_pos: 0,
            want_read: false,
            writable_registered: false,
            fcommand: false,
            closing_since: None,
            dead: None,
        }
    }

    /// Queue the opening telnet negotiation.
    pub fn start(&mut self) {
        let mut out = Vec::new();
        self.telnet.start(&mut out);
        self.write_raw(&out);
    }

    /// The socket's file descriptor (copyover hands these to the new image).
    pub fn raw_fd(&self) -> RawFd {
        self.stream.as_raw_fd()
    }

    pub(crate) fn stream_mut(&mut self) -> &mut TcpStream {
        &mut self.stream
    }

    /// The socket, to hand over (copyover) after the loop let go of it.
    pub fn into_stream(self) -> TcpStream {
        self.stream
    }

    /// More bytes may be waiting in the socket (a read stopped at its budget).
    pub fn wants_read(&self) -> bool {
        self.want_read && self.input.len() < INPUT_SOFT_LIMIT && self.dead.is_none()
    }

    /// Read again on the next loop turn even without a readiness event (a
    /// new or adopted socket may hold bytes already).
    pub fn request_read(&mut self) {
        self.want_read = true;
    }

    /// Is the connection marked to be dropped?
    pub fn is_dead(&self) -> bool {
        self.dead.is_some()
    }

    /// Mark the connection to be dropped at the end of the loop turn.
    pub fn kill(&mut self, reason: impl Into<String>) {
        if self.dead.is_none() {
            self.dead = Some(reason.into());
        }
    }

    /// Read what the socket has (within the budget), decode it, queue lines.
    pub fn read(&mut self) -> ReadStatus {
        self.want_read = false;
        let mut buf = [0u8; 4096];
        let mut total = 0;
        let mut answers = Vec::new();
        let mut events = Vec::new();
        loop {
            if total >= READ_BUDGET || self.input.len() >= INPUT_SOFT_LIMIT {
                self.want_read = true;
                break;
            }
            match self.stream.read(&mut buf) {
                Ok(0) => return ReadStatus::Closed("closed by peer".into()),
                Ok(n) => {
                    total += n;
                    self.telnet.receive(&buf[..n], &mut answers, &mut events);
                    if !answers.is_empty() {
                        self.write_raw(&answers);
                        answers.clear();
                    }
                    self.handle_events(&mut events);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return ReadStatus::Closed(e.to_string()),
            }
        }
        ReadStatus::Open
    }

    fn handle_events(&mut self, events: &mut Vec<Event>) {
        for ev in events.drain(..) {
            match ev {
                Event::Line(line) => {
                    // A closing connection takes no more commands.
                    if self.closing_since.is_none() {
                        self.input.push_back(line);
                    }
                }
                Event::LineTruncated => self.write_text(LINE_TOO_LONG),
                other => debug!("{} ({}): telnet {:?}", self.conn.0, self.peer, other),
            }
        }
    }

    /// Queue game text: colour codes rendered, `\n` sent as CR LF, 0xff doubled.
    pub fn write_text(&mut self, text: &str) {
        let rendered = color::render(text, self.ansi);
        let mut bytes = Vec::with_capacity(rendered.len() + rendered.len() / 16 + 2);
        let mut prev = 0u8;
        for &b in rendered.as_bytes() {
            if b == b'\n' && prev != b'\r' {
                bytes.push(b'\r');
            }
            bytes.push(b);
            prev = b;
        }
        let mut escaped = Vec::with_capacity(bytes.len());
        telnet::push_escaped(&mut escaped, &bytes);
        self.write_raw(&escaped);
    }

    /// Queue bytes exactly as given (telnet commands, already escaped data).
    pub fn write_raw(&mut self, bytes: &[u8]) {
        if self.dead.is_some() {
            return;
        }
        if self.out_pos > 0 && self.out_pos * 2 >= self.output.len() {
            self.output.drain(..self.out_pos);
            self.out_pos = 0;
        }
        if self.pending_output() + bytes.len() > MAX_OUTPUT {
            self.output = Vec::new();
            self.out_pos = 0;
            self.kill("output overflow (the client does not read)");
            return;
        }
        self.output.extend_from_slice(bytes);
    }

    /// Bytes queued and not yet written.
    pub fn pending_output(&self) -> usize {
        self.output.len() - self.out_pos
    }

    /// Write as much queued output as the socket takes. `Ok` with output
    /// left means the socket is full (wait for WRITABLE).
    pub fn flush(&mut self) -> io::Result<()> {
        while self.out_pos < self.output.len() {
            match self.stream.write(&self.output[self.out_pos..]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => self.out_pos += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.output.clear();
        self.out_pos = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// A descriptor on one end of a real loopback connection, and the other end.
    fn pair() -> (Descriptor, std::net::TcpStream) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        server.set_nonblocking(true).unwrap();
        let d = Descriptor::new(ConnId(0), 1, TcpStream::from_std(server), "test".into());
        (d, client)
    }

    fn read_until_lines(d: &mut Descriptor, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while d.input.len() < n && Instant::now() < deadline {
            assert_eq!(d.read(), ReadStatus::Open);
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn text_rendering_crlf_colour_iac() {
        let (mut d, _c) = pair();
        d.write_text("{rHi{x\nthere\r\n{{\n");
        assert_eq!(
            &d.output[..],
            b"\x1b[0;31mHi\x1b[0m\r\nthere\r\n{\r\n" as &[u8]
        );
        d.output.clear();
        d.ansi = false;
        d.write_text("{gplain{x\n");
        assert_eq!(&d.output[..], b"plain\r\n");
        d.output.clear();
        d.write_raw(&[telnet::IAC, telnet::GA]);
        assert_eq!(&d.output[..], &[telnet::IAC, telnet::GA]);
    }

    #[test]
    fn lines_and_long_line_notice() {
        let (mut d, mut c) = pair();
        let mut input = b"look\r\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        input.extend_from_slice(b"\r\n");
        c.write_all(&input).unwrap();
        read_until_lines(&mut d, 2);
        assert_eq!(d.input.pop_front().as_deref(), Some("look"));
        assert_eq!(d.input.pop_front().map(|l| l.len()), Some(telnet::MAX_LINE));
        assert_eq!(&d.output[..], b"Line too long.\r\n");
    }

    #[test]
    fn output_cap_kills() {
        let (mut d, _c) = pair();
        let chunk = "y".repeat(64 * 1024);
        for _ in 0..(MAX_OUTPUT / chunk.len()) {
            d.write_text(&chunk);
        }
        assert!(!d.is_dead());
        d.write_text("one more");
        assert!(d.is_dead());
        assert_eq!(d.pending_output(), 0, "the buffer is released");
    }

    #[test]
    fn read_stops_at_soft_limit_then_resumes() {
        let (mut d, mut c) = pair();
        let flood: Vec<u8> = (0..20_000)
            .flat_map(|i| format!("l{i}\n").into_bytes())
            .collect();
        let writer = std::thread::spawn(move || {
            let _ = c.write_all(&flood);
            c
        });
        read_until_lines(&mut d, 1);
        assert!(d.input.len() >= INPUT_SOFT_LIMIT, "{}", d.input.len());
        assert!(d.input.len() < 20_000, "the read stopped early");
        assert!(d.want_read, "the rest is still in the socket");
        assert!(!d.wants_read(), "a full queue does not ask for reads");
        let mut total = d.input.len();
        d.input.clear();
        assert!(d.wants_read());
        let deadline = Instant::now() + Duration::from_secs(10);
        while total < 20_000 && Instant::now() < deadline {
            d.read();
            total += d.input.len();
            d.input.clear();
        }
        assert_eq!(total, 20_000);
        drop(writer.join());
    }

    #[test]
    fn flush_writes_and_eof_is_seen() {
        let (mut d, mut c) = pair();
        d.write_text("hello\n");
        d.flush().unwrap();
        assert_eq!(d.pending_output(), 0);
        let mut buf = [0u8; 7];
        c.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"hello\r\n");
        drop(c);
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match d.read() {
                ReadStatus::Closed(_) => break,
                ReadStatus::Open => {
                    assert!(Instant::now() < deadline, "EOF not seen");
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        }
    }
}
