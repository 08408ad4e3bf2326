//! The built-in web client: a little HTTP (one page at `/`, a websocket at
//! `/ws`, 404 for the rest) and the websocket framing, on the same loop and
//! descriptors as telnet (`gracemud -w PORT`).
//!
//! A connection on the web port starts as [`Web::Http`]: the request head
//! is collected (at most [`MAX_REQUEST`] bytes, within [`HTTP_TIMEOUT`]),
//! parsed with `httparse`, and answered. `/` gets the page (compiled in from
//! `client.html`) and is closed once it is written; `/ws` with a valid
//! upgrade gets `101 Switching Protocols` and becomes [`Web::Ws`], a player
//! connection like a telnet one (the game greets it then).
//!
//! Framing (RFC 6455) uses `tungstenite`'s frame header parser and writer,
//! but the read state is ours and plain: the bytes of an incomplete frame
//! and the payload of an unfinished fragmented message ([`Ws`]). That is
//! all a copyover has to carry, so a frame half-received when the exec
//! comes is finished in the next image (`tungstenite`'s own socket types
//! keep a parsed header inside, and a 128 KiB buffer per connection).
//!
//! What goes down a websocket (all text frames):
//! - game text, as it would go to a telnet client with colour: ANSI SGR
//!   escapes, UTF-8, lines ending in `\n` (no CR, no telnet commands);
//! - out-of-band messages: the byte [`OOB`] (U+0001, which game text never
//!   holds) followed by one JSON object:
//!   `{"gmcp":"Room.Info","data":{...}}` for every GMCP message, and
//!   `{"echo":false}` / `{"echo":true}` around a password.
//!
//! What comes up: text frames; each message is one line of input (several
//! when it holds `\n`). Binary frames, frames or messages over
//! [`MAX_MESSAGE`] bytes, more than [`MAX_FRAGMENTS`] fragments, invalid
//! UTF-8 and protocol errors get a close frame with the matching status
//! code, and the connection is closed once it is written.

use std::io::Cursor;
use std::time::{Duration, Instant};

use tungstenite::protocol::frame::coding::{Control, Data, OpCode};
use tungstenite::protocol::frame::FrameHeader;

/// The page, compiled in.
pub const PAGE: &str = include_str!("client.html");

/// Most bytes of an HTTP request head; more gets `431` and a close.
pub const MAX_REQUEST: usize = 8 * 1024;
/// A connection must finish its HTTP exchange (request and our answer)
/// within this; a slow request is closed.
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest text message (and frame payload) a client may send.
pub const MAX_MESSAGE: usize = 8 * 1024;
/// Most frames one fragmented message may take.
pub const MAX_FRAGMENTS: usize = 64;
/// First byte of an out-of-band (JSON) message to the page.
pub const OOB: char = '\u{1}';
/// The websocket GUID-derived accept key needs this version.
const WS_VERSION: &str = "13";

/// Close codes (RFC 6455 7.4.1).
pub mod close {
    pub const NORMAL: u16 = 1000;
    pub const GOING_AWAY: u16 = 1001;
    pub const PROTOCOL: u16 = 1002;
    pub const UNSUPPORTED: u16 = 1003;
    pub const INVALID: u16 = 1007;
    pub const POLICY: u16 = 1008;
    pub const TOO_BIG: u16 = 1009;
}

/// The web side of a descriptor.
#[derive(Debug)]
pub enum Web {
    /// Still an HTTP exchange.
    Http(Http),
    /// A websocket: a player connection.
    Ws(Ws),
}

/// An HTTP connection waiting for (or answered on) its request.
#[derive(Debug)]
pub struct Http {
    /// The request head so far.
    buf: Vec<u8>,
    /// When the connection was accepted.
    pub since: Instant,
    /// Answered: close once the answer is written; ignore more input.
    pub answered: bool,
}

impl Http {
    pub fn new(now: Instant) -> Http {
        Http {
            buf: Vec::new(),
            since: now,
            answered: false,
        }
    }

    /// Older than `limit` ([`HTTP_TIMEOUT`] unless the loop says otherwise)?
    pub fn expired(&self, now: Instant, limit: Duration) -> bool {
        now.saturating_duration_since(self.since) > limit
    }

    /// Take bytes from the client. Returns what to do once the request is
    /// complete (or is bad); `None` while more is needed.
    pub fn receive(&mut self, bytes: &[u8]) -> Option<HttpAction> {
        if self.answered {
            return None;
        }
        let room = MAX_REQUEST + 1 - self.buf.len().min(MAX_REQUEST + 1);
        self.buf.extend_from_slice(&bytes[..bytes.len().min(room)]);
        // A head ends with a line end: parse only when one arrived, so a
        // request trickling in byte by byte costs one parse per line, not
        // per byte.
        if !bytes.contains(&b'\n') && self.buf.len() <= MAX_REQUEST {
            return None;
        }
        let action = match parse_request(&self.buf) {
            Parsed::Partial if self.buf.len() > MAX_REQUEST => Some(HttpAction::Respond(response(
                431,
                "Request Header Fields Too Large",
                "text/plain",
                b"Too large.\n",
            ))),
            Parsed::Partial => None,
            Parsed::Done(a) => Some(a),
        };
        if action.is_some() {
            self.answered = true;
            self.buf = Vec::new();
        }
        action
    }
}

/// What an HTTP request comes to.
#[derive(Debug, PartialEq, Eq)]
pub enum HttpAction {
    /// Send this answer, then close.
    Respond(Vec<u8>),
    /// Send this `101` answer; the connection is a websocket from now on,
    /// and these bytes (sent right after the request) are its first.
    Upgrade(Vec<u8>, Vec<u8>),
}

enum Parsed {
    Partial,
    Done(HttpAction),
}

fn parse_request(buf: &[u8]) -> Parsed {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut req = httparse::Request::new(&mut headers);
    let head_len = match req.parse(buf) {
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Ok(httparse::Status::Complete(n)) => n,
        Err(httparse::Error::TooManyHeaders) => {
            return Parsed::Done(HttpAction::Respond(response(
                431,
                "Request Header Fields Too Large",
                "text/plain",
                b"Too many headers.\n",
            )))
        }
        Err(_) => {
            return Parsed::Done(HttpAction::Respond(response(
                400,
                "Bad Request",
                "text/plain",
                b"Bad request.\n",
            )))
        }
    };
    let method = req.method.unwrap_or("");
    let path = req.path.unwrap_or("");
    let path = path.split(['?', '#']).next().unwrap_or("");
    if method != "GET" {
        return Parsed::Done(HttpAction::Respond(response(
            405,
            "Method Not Allowed",
            "text/plain",
            b"Only GET here.\n",
        )));
    }
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .and_then(|h| std::str::from_utf8(h.value).ok())
            .map(str::trim)
    };
    let action = match path {
        "/" | "/index.html" => HttpAction::Respond(response(
            200,
            "OK",
            "text/html; charset=utf-8",
            PAGE.as_bytes(),
        )),
        "/ws" => {
            let upgrade = header("Upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
            let connection = header("Connection").is_some_and(|v| {
                v.split(',')
                    .any(|t| t.trim().eq_ignore_ascii_case("upgrade"))
            });
            let key = header("Sec-WebSocket-Key").filter(|k| !k.is_empty());
            match (upgrade && connection, key, header("Sec-WebSocket-Version")) {
                (true, Some(key), Some(WS_VERSION)) => {
                    let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
                    let head = format!(
                        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
                    );
                    HttpAction::Upgrade(head.into_bytes(), buf[head_len..].to_vec())
                }
                (true, Some(_), _) => {
                    let mut r = response(
                        426,
                        "Upgrade Required",
                        "text/plain",
                        b"WebSocket version 13 only.\n",
                    );
                    // Tell the client which version we speak.
                    let at = r.len() - "\r\n".len() - b"WebSocket version 13 only.\n".len();
                    r.splice(at..at, b"Sec-WebSocket-Version: 13\r\n".iter().copied());
                    HttpAction::Respond(r)
                }
                _ => HttpAction::Respond(response(
                    400,
                    "Bad Request",
                    "text/plain",
                    b"A websocket upgrade is expected here.\n",
                )),
            }
        }
        _ => HttpAction::Respond(response(404, "Not Found", "text/plain", b"Not found.\n")),
    };
    Parsed::Done(action)
}

/// A complete HTTP/1.1 answer that closes the connection.
pub fn response(code: u16, reason: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self' ws: wss:\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

// ------------------------------------------------------------- websocket

/// A websocket's read state: everything a copyover must carry.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ws {
    /// Received bytes that do not make a complete frame yet.
    pub inbuf: Vec<u8>,
    /// The payload of a fragmented text message so far.
    pub msg: Vec<u8>,
    /// Frames in `msg` (0: no fragmented message under way).
    pub fragments: usize,
    /// We sent a close frame: the connection ends once it is written, and
    /// nothing more is read.
    pub closing: bool,
}

/// What a client's frames come to.
#[derive(Debug, PartialEq, Eq)]
pub enum WsEvent {
    /// A complete text message.
    Text(String),
    /// Answer with a pong carrying this.
    Ping(Vec<u8>),
    /// Send a close frame with this code (and reason, for the log) and
    /// close the connection; nothing after it is read.
    Close(u16, String),
}

impl Ws {
    /// Take bytes from the client; complete frames become events. Bounded:
    /// at most one incomplete frame ([`MAX_MESSAGE`] and a header) is kept.
    pub fn receive(&mut self, bytes: &[u8], events: &mut Vec<WsEvent>) {
        if self.closing {
            return;
        }
        let mut buf = std::mem::take(&mut self.inbuf);
        buf.extend_from_slice(bytes);
        let mut used = 0;
        while !self.closing {
            match self.next_frame(&buf[used..]) {
                Ok(None) => break,
                Ok(Some((n, ev))) => {
                    used += n;
                    if let Some(ev) = ev {
                        if matches!(ev, WsEvent::Close(..)) {
                            self.closing = true;
                        }
                        events.push(ev);
                    }
                }
                Err((code, why)) => {
                    self.closing = true;
                    events.push(WsEvent::Close(code, why));
                }
            }
        }
        if self.closing {
            self.msg = Vec::new();
        } else {
            buf.drain(..used);
            // An idle websocket keeps no buffer.
            self.inbuf = if buf.is_empty() { Vec::new() } else { buf };
        }
    }

    /// Decode one frame from the front of `buf`: `Ok(None)` when it is not
    /// all there yet; else the bytes it took and what it means.
    #[allow(clippy::type_complexity)]
    fn next_frame(
        &mut self,
        buf: &[u8],
    ) -> Result<Option<(usize, Option<WsEvent>)>, (u16, String)> {
        let mut cur = Cursor::new(buf);
        let (header, len) = match FrameHeader::parse(&mut cur) {
            Ok(Some(h)) => h,
            Ok(None) => return Ok(None),
            Err(e) => return Err((close::PROTOCOL, format!("bad frame: {e}"))),
        };
        if header.rsv1 || header.rsv2 || header.rsv3 {
            return Err((close::PROTOCOL, "reserved bits set".into()));
        }
        let Some(mask) = header.mask else {
            return Err((close::PROTOCOL, "unmasked frame from a client".into()));
        };
        let control = matches!(header.opcode, OpCode::Control(_));
        if control && (len > 125 || !header.is_final) {
            return Err((close::PROTOCOL, "bad control frame".into()));
        }
        if len > MAX_MESSAGE as u64 {
            return Err((close::TOO_BIG, format!("frame of {len} bytes")));
        }
        let start = cur.position() as usize;
        let len = len as usize;
        if buf.len() < start + len {
            return Ok(None);
        }
        let mut payload = buf[start..start + len].to_vec();
        for (i, b) in payload.iter_mut().enumerate() {
            *b ^= mask[i & 3];
        }
        let taken = start + len;
        let ev = match header.opcode {
            OpCode::Control(Control::Ping) => Some(WsEvent::Ping(payload)),
            OpCode::Control(Control::Pong) => None,
            OpCode::Control(Control::Close) => {
                let code = match payload.get(..2) {
                    Some(c) => u16::from_be_bytes([c[0], c[1]]),
                    None => close::NORMAL,
                };
                // Echo a valid code back; anything odd is answered with 1000.
                let answer = if (1000..=1011).contains(&code)
                    && code != 1004
                    && code != 1005
                    && code != 1006
                {
                    code
                } else {
                    close::NORMAL
                };
                Some(WsEvent::Close(
                    answer,
                    format!("closed by the browser ({code})"),
                ))
            }
            OpCode::Control(Control::Reserved(_)) | OpCode::Data(Data::Reserved(_)) => {
                return Err((close::PROTOCOL, "reserved opcode".into()))
            }
            OpCode::Data(Data::Binary) => return Err((close::UNSUPPORTED, "binary frame".into())),
            OpCode::Data(Data::Text) => {
                if self.fragments > 0 {
                    return Err((
                        close::PROTOCOL,
                        "new message inside a fragmented one".into(),
                    ));
                }
                if header.is_final {
                    Some(text_event(payload)?)
                } else {
                    self.msg = payload;
                    self.fragments = 1;
                    None
                }
            }
            OpCode::Data(Data::Continue) => {
                if self.fragments == 0 {
                    return Err((close::PROTOCOL, "continuation without a message".into()));
                }
                self.fragments += 1;
                if self.fragments > MAX_FRAGMENTS {
                    return Err((close::POLICY, "too many fragments".into()));
                }
                if self.msg.len() + payload.len() > MAX_MESSAGE {
                    return Err((close::TOO_BIG, "message too big".into()));
                }
                self.msg.extend_from_slice(&payload);
                if header.is_final {
                    self.fragments = 0;
                    Some(text_event(std::mem::take(&mut self.msg))?)
                } else {
                    None
                }
            }
        };
        Ok(Some((taken, ev)))
    }
}

fn text_event(payload: Vec<u8>) -> Result<WsEvent, (u16, String)> {
    String::from_utf8(payload)
        .map(WsEvent::Text)
        .map_err(|_| (close::INVALID, "invalid UTF-8".into()))
}

/// Append one unmasked server frame (text, pong or close) to `out`.
fn push_frame(out: &mut Vec<u8>, opcode: OpCode, payload: &[u8]) {
    let header = FrameHeader {
        is_final: true,
        rsv1: false,
        rsv2: false,
        rsv3: false,
        opcode,
        mask: None,
    };
    // Writing into a Vec cannot fail.
    let _ = header.format(payload.len() as u64, out);
    out.extend_from_slice(payload);
}

/// A text frame.
pub fn text_frame(out: &mut Vec<u8>, text: &str) {
    push_frame(out, OpCode::Data(Data::Text), text.as_bytes());
}

/// A pong answering a ping's payload.
pub fn pong_frame(out: &mut Vec<u8>, payload: &[u8]) {
    push_frame(out, OpCode::Control(Control::Pong), payload);
}

/// A close frame with a status code and a short reason.
pub fn close_frame(out: &mut Vec<u8>, code: u16, reason: &str) {
    let mut p = code.to_be_bytes().to_vec();
    // Control payloads are at most 125 bytes.
    let mut r = reason;
    while r.len() > 123 {
        let mut cut = 123.min(r.len());
        while !r.is_char_boundary(cut) {
            cut -= 1;
        }
        r = &r[..cut];
    }
    p.extend_from_slice(r.as_bytes());
    push_frame(out, OpCode::Control(Control::Close), &p);
}

/// An out-of-band message: [`OOB`] and a JSON object.
pub fn oob_frame(out: &mut Vec<u8>, json: &str) {
    let mut s = String::with_capacity(json.len() + 1);
    s.push(OOB);
    s.push_str(json);
    text_frame(out, &s);
}

/// The out-of-band message carrying one GMCP message (`json` is the
/// message's JSON text, as the game built it).
pub fn gmcp_json(package: &str, json: &str) -> String {
    let data = if json.trim().is_empty() { "null" } else { json };
    format!(
        "{{\"gmcp\":{},\"data\":{data}}}",
        crate::net::protocols::json::string(package)
    )
}

#[cfg(test)]
pub(crate) mod tests;
