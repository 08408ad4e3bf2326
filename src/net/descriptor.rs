//! One connection ("descriptor" in ROM): its socket, telnet state, what its
//! client negotiated, the lines it typed that wait to be handled, and the
//! bytes waiting to go out.
//!
//! A descriptor does its own non-blocking reads and writes but knows nothing
//! of the poll loop (registration is the loop's job) or of the game. Reads are
//! budgeted so one fast client cannot hold the loop: a read stops after
//! [`READ_BUDGET`] bytes or once [`INPUT_SOFT_LIMIT`] lines are queued, and
//! [`Descriptor::wants_read`] tells the loop to come back for the rest (the
//! kernel's buffer then pushes back on the client instead of our memory).
//! Output is capped at [`MAX_OUTPUT`]: a client that stops reading is marked
//! dead instead of growing the buffer without end.
//!
//! Client protocols (see `protocols`): on connect [`Descriptor::start`]
//! offers SGA, TTYPE, NAWS, EOR, CHARSET, MCCP2, GMCP and MSSP; answers come
//! in any order and are handled as the codec reports them. TTYPE is cycled
//! for MTTS, NAWS sets the wrap width, CHARSET decides between UTF-8 and
//! 7-bit output, MCCP2 compresses everything after its start marker, GMCP
//! messages go out only when agreed and supported, and an MSSP request is
//! flagged for the loop (the facts come from the game). What changed is
//! reported to the game through [`Descriptor::take_info_changed`].
//!
//! Web port: a descriptor made by [`Descriptor::new_web`] speaks HTTP until
//! its request is answered (the page, a 404, ...) or it becomes a
//! websocket; then text and GMCP go out as frames (see `web`), input comes
//! in as text messages fed to the same line assembler, and nothing telnet
//! is ever sent. Its read state travels over a copyover as `kind=ws`.
//!
//! Copyover: [`Descriptor::export_state`] writes everything negotiated as
//! one line of plain text and [`Descriptor::import_state`] restores it on
//! the adopted socket without renegotiating; [`Descriptor::end_compression`]
//! finishes an MCCP stream before the exec.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};

use log::debug;
use mio::net::TcpStream;

use super::color::{self, Level};
use super::protocols::{charset, gmcp, mccp, mssp, mtts};
use super::telnet::{self, opt, Event, Side, Telnet, Q};
use super::web::{self, Web};
use crate::engine::{ClientInfo, ConnId, Prefs};

/// Output buffer capacity kept between writes; larger buffers are freed.
const KEEP_OUTPUT_CAPACITY: usize = 4096;
/// Most bytes waiting to be sent before the connection is dropped.
pub const MAX_OUTPUT: usize = 1 << 20;
/// Stop reading from a client while this many of its lines wait.
pub const INPUT_SOFT_LIMIT: usize = 32;
/// Most bytes read from one client in one loop turn.
pub const READ_BUDGET: usize = 64 * 1024;
/// What a client is told when its line was cut to `telnet::MAX_LINE` bytes.
pub const LINE_TOO_LONG: &str = "Line too long.\n";
/// The client name a websocket reports to the game.
pub const WEB_CLIENT_NAME: &str = "GraceMUD web client";
/// The version tag of [`Descriptor::export_state`] lines.
pub const STATE_VERSION: &str = "v1";
/// Times a client may turn one option on before it is refused for the rest
/// of the connection. Real clients turn an option on once, or a few times
/// (`compress off`/`on`); a peer flapping `DO MCCP2`/`DONT MCCP2` would
/// otherwise make us start and finish a zlib stream for every 6 bytes.
pub const MAX_OPTION_STARTS: u8 = 8;
/// Narrowest window wrapping honours (NAWS may say 0 or nonsense).
pub const MIN_WRAP_WIDTH: u16 = 20;

/// The options offered on connect, in order: (side, option).
pub const OFFERS: [(Side, u8); 7] = [
    (Side::Him, opt::TTYPE),
    (Side::Him, opt::NAWS),
    (Side::Us, opt::EOR),
    (Side::Us, opt::CHARSET),
    (Side::Us, opt::MCCP2),
    (Side::Us, opt::GMCP),
    (Side::Us, opt::MSSP),
];

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
    /// The peer's IP address (per-address limits), when the socket knows it.
    pub ip: Option<std::net::IpAddr>,
    /// Telnet option state and the partly typed line.
    pub telnet: Telnet,
    /// The player wants colour (false: codes are stripped).
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
    /// TTYPE/MTTS answers.
    ttype: mtts::Ttype,
    /// NAWS window size (0 = unknown).
    width: u16,
    height: u16,
    /// UTF-8 agreed through CHARSET.
    charset_utf8: bool,
    /// Our CHARSET REQUEST is unanswered.
    charset_pending: bool,
    /// What the client said over GMCP (Core.Hello, Core.Supports).
    gmcp_client: gmcp::ClientGmcp,
    /// The running MCCP2 stream.
    compressor: Option<mccp::Compressor>,
    /// Compression was ended for a copyover: offer it again afterwards.
    mccp_resume: bool,
    /// The player's settings (the game sends them with its output).
    prefs: Prefs,
    /// Something the game should know about the client changed.
    info_dirty: bool,
    /// The client asked for MSSP; the loop answers with the game's facts.
    mssp_wanted: bool,
    /// How many times each option was turned on (see [`MAX_OPTION_STARTS`]).
    option_starts: Box<[u8; 256]>,
    /// Drop the next complete line: its beginning was withheld from a
    /// copyover (a secret, such as a password), so its end means nothing.
    discard_line: bool,
    /// A connection on the web port: an HTTP exchange or a websocket
    /// (`None`: telnet). Boxed, so telnet descriptors pay one pointer.
    web: Option<Box<Web>>,
    /// The HTTP exchange just became a websocket: the loop tells the game.
    upgraded: bool,
    /// Close once the output is written (an HTTP answer, a close frame).
    close_when_flushed: bool,
}

/// `text` as telnet data: every `\n` not already after a `\r` becomes
/// `\r\n`, a line at a time. No IAC escaping is needed: `text` is UTF-8,
/// in which the byte 255 never occurs.
fn crlf(text: &str) -> Vec<u8> {
    debug_assert!(!text.as_bytes().contains(&telnet::IAC));
    let mut bytes = Vec::with_capacity(text.len() + text.len() / 16 + 2);
    let mut prev = 0u8;
    for piece in text.as_bytes().split_inclusive(|&b| b == b'\n') {
        match piece.split_last() {
            Some((b'\n', body)) => {
                let before = body.last().copied().unwrap_or(prev);
                bytes.extend_from_slice(body);
                if before != b'\r' {
                    bytes.push(b'\r');
                }
                bytes.push(b'\n');
                prev = b'\n';
            }
            _ => {
                bytes.extend_from_slice(piece);
                prev = piece.last().copied().unwrap_or(prev);
            }
        }
    }
    bytes
}

impl Descriptor {
    /// A descriptor for an accepted (or adopted) non-blocking stream. Nothing
    /// is sent yet: call [`Descriptor::start`] for a fresh connection, or
    /// [`Descriptor::import_state`] for one carried over a copyover.
    pub fn new(conn: ConnId, serial: u64, stream: TcpStream, peer: String) -> Descriptor {
        let mut telnet = Telnet::new();
        configure_options(&mut telnet);
        Descriptor {
            conn,
            serial,
            peer,
            ip: None,
            telnet,
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
            ttype: mtts::Ttype::default(),
            width: 0,
            height: 0,
            charset_utf8: false,
            charset_pending: false,
            gmcp_client: gmcp::ClientGmcp::default(),
            compressor: None,
            mccp_resume: false,
            prefs: Prefs::default(),
            info_dirty: false,
            mssp_wanted: false,
            option_starts: Box::new([0; 256]),
            discard_line: false,
            web: None,
            upgraded: false,
            close_when_flushed: false,
        }
    }

    /// A descriptor for a connection on the web port: it starts as an HTTP
    /// exchange (nothing is sent until the request is read).
    pub fn new_web(
        conn: ConnId,
        serial: u64,
        stream: TcpStream,
        peer: String,
        now: std::time::Instant,
    ) -> Descriptor {
        let mut d = Descriptor::new(conn, serial, stream, peer);
        d.web = Some(Box::new(Web::Http(web::Http::new(now))));
        d
    }

    /// Is this a websocket (a web player)?
    pub fn is_websocket(&self) -> bool {
        matches!(self.web.as_deref(), Some(Web::Ws(_)))
    }

    /// Is this still an HTTP exchange (the page, or a websocket handshake
    /// not finished)? The game does not know these connections.
    pub fn is_http(&self) -> bool {
        matches!(self.web.as_deref(), Some(Web::Http(_)))
    }

    /// An HTTP exchange that has taken longer than `limit`.
    pub fn http_expired(&self, now: std::time::Instant, limit: std::time::Duration) -> bool {
        matches!(self.web.as_deref(), Some(Web::Http(h)) if h.expired(now, limit))
    }

    /// Did the connection just become a websocket (since the last call)?
    pub fn take_upgraded(&mut self) -> bool {
        std::mem::take(&mut self.upgraded)
    }

    /// The game is closing this connection: a websocket is told so with a
    /// normal close frame (the page then does not reconnect by itself, as
    /// it does when the server is gone). Nothing more is sent after it.
    pub fn closing_by_game(&mut self) {
        if !self.is_websocket() || self.ws_closed() {
            return;
        }
        let mut out = Vec::new();
        web::close_frame(&mut out, web::close::NORMAL, "");
        self.write_raw(&out);
        if let Some(Web::Ws(ws)) = self.web.as_deref_mut() {
            ws.closing = true;
        }
    }

    /// A websocket that sent its close frame: no more frames may follow.
    fn ws_closed(&self) -> bool {
        matches!(self.web.as_deref(), Some(Web::Ws(ws)) if ws.closing)
    }

    /// Tests: take the queued output without writing it.
    #[cfg(test)]
    pub(crate) fn take_output_for_test(&mut self, into: &mut Vec<u8>) {
        into.extend_from_slice(&self.output[self.out_pos..]);
        self.output.clear();
        self.out_pos = 0;
    }

    /// Should the connection close as soon as its output is written?
    pub fn close_when_flushed(&self) -> bool {
        self.close_when_flushed
    }

    /// Queue the opening telnet negotiation: SGA and every [`OFFERS`] option.
    pub fn start(&mut self) {
        let mut out = Vec::new();
        self.telnet.start(&mut out);
        for (side, o) in OFFERS {
            self.telnet.enable(side, o, &mut out);
        }
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
        loop {
            if total >= READ_BUDGET || self.input.len() >= INPUT_SOFT_LIMIT {
                self.want_read = true;
                break;
            }
            match self.stream.read(&mut buf) {
                Ok(0) => {
                    if self.web.is_some() {
                        // A client that sent its request and shut its side
                        // (`nc -q`, some scripts) still gets the answer.
                        let _ = self.flush();
                    }
                    return ReadStatus::Closed("closed by peer".into());
                }
                Ok(n) => {
                    total += n;
                    self.receive(&buf[..n]);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return ReadStatus::Closed(e.to_string()),
            }
        }
        ReadStatus::Open
    }

    /// Decode bytes from the client: answers go out, events are handled.
    pub fn receive(&mut self, bytes: &[u8]) {
        if self.web.is_some() {
            self.receive_web(bytes);
            return;
        }
        self.receive_telnet(bytes);
    }

    fn receive_telnet(&mut self, bytes: &[u8]) {
        let mut answers = Vec::new();
        let mut events = Vec::new();
        self.telnet.receive(bytes, &mut answers, &mut events);
        if !answers.is_empty() {
            self.write_raw(&answers);
        }
        for ev in events {
            self.handle_event(ev);
        }
    }

    /// Bytes on the web port: the HTTP request, or websocket frames.
    fn receive_web(&mut self, bytes: &[u8]) {
        let step = match self.web.as_deref_mut() {
            Some(Web::Http(h)) => Ok(h.receive(bytes)),
            Some(Web::Ws(ws)) => {
                let mut events = Vec::new();
                ws.receive(bytes, &mut events);
                Err(events)
            }
            None => return,
        };
        match step {
            Ok(None) => {}
            Ok(Some(web::HttpAction::Respond(answer))) => {
                self.write_raw(&answer);
                self.close_when_flushed = true;
            }
            Ok(Some(web::HttpAction::Upgrade(answer, rest))) => {
                self.write_raw(&answer);
                self.become_websocket();
                if !rest.is_empty() {
                    self.receive_web(&rest);
                }
            }
            Err(events) => {
                for ev in events {
                    self.handle_ws_event(ev);
                }
            }
        }
    }

    /// The handshake is done: from now on a player connection whose
    /// client speaks ANSI (all colours), UTF-8 and GMCP, with no telnet.
    fn become_websocket(&mut self) {
        self.web = Some(Box::new(Web::Ws(web::Ws::default())));
        self.upgraded = true;
        self.set_websocket_client();
    }

    fn set_websocket_client(&mut self) {
        use mtts::bits;
        self.ttype.client = WEB_CLIENT_NAME.into();
        self.ttype.terminal = "BROWSER".into();
        self.ttype.mtts |= bits::ANSI | bits::UTF8 | bits::COLORS_256 | bits::TRUECOLOR;
        self.ttype.done = true;
        self.info_dirty = true;
    }

    fn handle_ws_event(&mut self, ev: web::WsEvent) {
        match ev {
            web::WsEvent::Text(text) => {
                // One message is one line (or several, split at `\n`). Valid
                // UTF-8 never holds the byte 255, so the telnet line
                // assembler sees plain text: same length cap, same editing.
                let mut bytes = text.into_bytes();
                bytes.push(b'\n');
                self.receive_telnet(&bytes);
            }
            web::WsEvent::Ping(payload) => {
                let mut out = Vec::with_capacity(payload.len() + 2);
                web::pong_frame(&mut out, &payload);
                self.write_raw(&out);
            }
            web::WsEvent::Close(code, why) => {
                // The decoder marked itself closing; this is the last frame.
                debug!("{} ({}): websocket closing: {why}", self.conn.0, self.peer);
                let mut out = Vec::new();
                web::close_frame(&mut out, code, "");
                self.write_raw(&out);
                self.close_when_flushed = true;
                if self.dead.is_none() && code != web::close::NORMAL {
                    log::info!("{} ({}): websocket closed: {why}", self.conn.0, self.peer);
                }
            }
        }
    }

    fn handle_event(&mut self, ev: Event) {
        match ev {
            Event::Line(line) => {
                if std::mem::take(&mut self.discard_line) {
                    return;
                }
                // A closing connection takes no more commands.
                if self.closing_since.is_none() {
                    self.input.push_back(line);
                }
            }
            Event::LineTruncated => self.write_text(LINE_TOO_LONG),
            Event::Enabled(side, o) => {
                let starts = &mut self.option_starts[usize::from(o)];
                *starts = starts.saturating_add(1);
                if *starts > MAX_OPTION_STARTS {
                    self.refuse_flapping(side, o);
                    return;
                }
                self.info_dirty = true;
                match (side, o) {
                    (Side::Him, opt::TTYPE) => self.ask_ttype(),
                    (Side::Us, opt::CHARSET) if !self.charset_pending => {
                        self.charset_pending = true;
                        self.subneg(opt::CHARSET, &charset::request());
                    }
                    (Side::Us, opt::MCCP2) => {
                        if self.prefs.compress {
                            self.start_compression();
                        } else {
                            let mut out = Vec::new();
                            self.telnet.disable(Side::Us, opt::MCCP2, &mut out);
                            self.write_raw(&out);
                        }
                    }
                    (Side::Us, opt::MSSP) => self.mssp_wanted = true,
                    _ => {}
                }
            }
            Event::Disabled(side, o) => {
                self.info_dirty = true;
                if (side, o) == (Side::Us, opt::MCCP2) {
                    self.finish_compression();
                }
            }
            Event::Naws { width, height } => {
                self.width = width;
                self.height = height;
                self.info_dirty = true;
            }
            Event::Subneg(opt::TTYPE, data) if self.telnet.enabled(Side::Him, opt::TTYPE) => {
                if self.ttype.answer(&data) {
                    self.ask_ttype();
                }
                self.info_dirty = true;
            }
            Event::Subneg(opt::CHARSET, data)
                if self.telnet.enabled(Side::Us, opt::CHARSET)
                    || self.telnet.enabled(Side::Him, opt::CHARSET) =>
            {
                match charset::parse(&data) {
                    charset::Message::Accepted(name) => {
                        self.charset_pending = false;
                        self.charset_utf8 = charset::is_utf8(&name);
                    }
                    charset::Message::Rejected => {
                        self.charset_pending = false;
                        self.charset_utf8 = false;
                    }
                    charset::Message::Request(names) => {
                        let answer = charset::answer(&names);
                        self.charset_utf8 = answer.first() == Some(&charset::ACCEPTED);
                        self.subneg(opt::CHARSET, &answer);
                    }
                    charset::Message::Other => {
                        self.subneg(opt::CHARSET, &[charset::TTABLE_REJECTED]);
                    }
                }
                self.info_dirty = true;
            }
            Event::Subneg(opt::GMCP, data) if self.telnet.enabled(Side::Us, opt::GMCP) => {
                if let Some((pkg, json)) = gmcp::split(&data) {
                    if self.gmcp_client.receive(&pkg, &json) == gmcp::Handled::Changed {
                        self.info_dirty = true;
                    }
                }
            }
            other => debug!("{} ({}): telnet {:?}", self.conn.0, self.peer, other),
        }
    }

    /// Was this option refused for flapping?
    fn flapped(&self, o: u8) -> bool {
        self.option_starts[usize::from(o)] > MAX_OPTION_STARTS
    }

    /// An option turned on too often: off for good on this connection.
    fn refuse_flapping(&mut self, side: Side, o: u8) {
        let st = self.telnet.options_mut().get_mut(o);
        let first = match side {
            Side::Us => std::mem::replace(&mut st.accept_us, false),
            Side::Him => std::mem::replace(&mut st.accept_him, false),
        };
        if first {
            log::warn!(
                "{} ({}): telnet option {o} turned on more than {MAX_OPTION_STARTS} times; refused from now on",
                self.conn.0,
                self.peer
            );
        }
        if o == opt::MCCP2 && side == Side::Us {
            self.finish_compression();
        }
        let mut out = Vec::new();
        self.telnet.disable(side, o, &mut out);
        self.write_raw(&out);
    }

    /// Send TTYPE SEND, unless the cycle is over.
    fn ask_ttype(&mut self) {
        if self.ttype.ask() {
            self.subneg(opt::TTYPE, &[mtts::SEND]);
        }
    }

    /// Queue `IAC SB o <data> IAC SE`.
    fn subneg(&mut self, o: u8, data: &[u8]) {
        let mut out = Vec::new();
        telnet::push_subneg(&mut out, o, data);
        self.write_raw(&out);
    }

    // ------------------------------------------------------ what was agreed

    /// UTF-8 output (agreed by CHARSET or announced by MTTS).
    pub fn utf8(&self) -> bool {
        self.charset_utf8 || self.ttype.mtts & mtts::bits::UTF8 != 0
    }

    /// The colour depth text is rendered at.
    pub fn colour_level(&self) -> Level {
        let bits = self.ttype.mtts;
        if !self.ansi || bits & mtts::bits::SCREEN_READER != 0 {
            Level::None
        } else if bits & mtts::bits::TRUECOLOR != 0 {
            Level::TrueColor
        } else if bits & mtts::bits::COLORS_256 != 0 {
            Level::Xterm256
        } else {
            Level::Ansi16
        }
    }

    /// Is MCCP2 compression running?
    pub fn compressing(&self) -> bool {
        self.compressor.is_some()
    }

    /// The player's settings as last applied.
    pub fn prefs(&self) -> Prefs {
        self.prefs
    }

    /// NAWS window size (0x0 when unknown).
    pub fn window(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    /// What the client negotiated, for the game.
    pub fn client_info(&self) -> ClientInfo {
        let client = if self.ttype.client.is_empty() {
            self.gmcp_client.client.clone()
        } else {
            self.ttype.client.clone()
        };
        ClientInfo {
            client,
            version: self.gmcp_client.version.clone(),
            terminal: self.ttype.terminal.clone(),
            mtts: self.ttype.mtts,
            width: self.width,
            height: self.height,
            utf8: self.utf8(),
            screen_reader: self.ttype.mtts & mtts::bits::SCREEN_READER != 0,
            colours: match self.colour_level() {
                Level::None => 0,
                Level::Ansi16 => 16,
                Level::Xterm256 => 256,
                Level::TrueColor => 1 << 24,
            },
            gmcp: self.is_websocket() || self.telnet.enabled(Side::Us, opt::GMCP),
            gmcp_supports: self.gmcp_client.modules(),
            mccp: self.compressing(),
            eor: self.telnet.enabled(Side::Us, opt::EOR),
        }
    }

    /// The client's description changed since the last call: the new one.
    pub fn take_info_changed(&mut self) -> Option<ClientInfo> {
        if std::mem::take(&mut self.info_dirty) {
            Some(self.client_info())
        } else {
            None
        }
    }

    /// Did the client ask for MSSP since the last call?
    pub fn take_mssp_request(&mut self) -> bool {
        std::mem::take(&mut self.mssp_wanted)
    }

    // ---------------------------------------------------------------- output

    /// Apply the player's settings: colour, wrapping, prompt marking, and
    /// compression (turned off: the stream ends and `WONT MCCP2` is sent;
    /// turned on: MCCP2 is offered again).
    pub fn apply_prefs(&mut self, p: Prefs) {
        let old = self.prefs;
        self.prefs = p;
        self.ansi = p.colour;
        if self.web.is_some() {
            // No telnet, no MCCP on the web port.
            return;
        }
        let flapped = self.flapped(opt::MCCP2);
        self.telnet.options_mut().get_mut(opt::MCCP2).accept_us = p.compress && !flapped;
        if old.compress != p.compress && !flapped {
            if p.compress {
                self.offer_compression();
            } else {
                self.stop_compression();
            }
            self.info_dirty = true;
        }
    }

    /// Queue game text: wrapped to the window if the player asked, colour
    /// codes rendered for the client, made 7-bit unless UTF-8 was agreed,
    /// `\n` sent as CR LF, 0xff doubled.
    pub fn write_text(&mut self, text: &str) {
        let wrapped;
        let text = if self.prefs.wrap && self.width >= MIN_WRAP_WIDTH {
            wrapped = color::wrap(text, self.width as usize);
            wrapped.as_str()
        } else {
            text
        };
        let mut rendered = color::render_level(text, self.colour_level());
        if self.web.is_some() {
            if self.ws_closed() || self.is_http() {
                return;
            }
            // A text frame: UTF-8, `\n` line ends, no telnet escaping.
            if rendered.contains(web::OOB) {
                rendered = rendered.replace(web::OOB, "");
            }
            let mut out = Vec::with_capacity(rendered.len() + 4);
            web::text_frame(&mut out, &rendered);
            self.write_raw(&out);
            return;
        }
        if !self.utf8() && !rendered.is_ascii() {
            rendered = charset::to_ascii(&rendered);
        }
        self.write_raw(&crlf(&rendered));
    }

    /// Mark the end of a prompt: `IAC EOR` when the client agreed to EOR,
    /// else `IAC GA`; nothing when the player turned prompt marking off.
    pub fn end_prompt(&mut self) {
        if !self.prefs.prompt_mark || self.web.is_some() {
            return;
        }
        let mut out = Vec::new();
        if self.telnet.enabled(Side::Us, opt::EOR) {
            telnet::push_eor(&mut out);
        } else {
            telnet::push_ga(&mut out);
        }
        self.write_raw(&out);
    }

    /// Send a GMCP message if the client agreed to GMCP and supports the package.
    pub fn send_gmcp(&mut self, package: &str, json: &str) {
        if self.is_websocket() {
            if self.ws_closed() {
                return;
            }
            let mut out = Vec::with_capacity(json.len() + package.len() + 24);
            web::oob_frame(&mut out, &web::gmcp_json(package, json));
            self.write_raw(&out);
            return;
        }
        if self.telnet.enabled(Side::Us, opt::GMCP) && self.gmcp_client.wants(package) {
            self.subneg(opt::GMCP, &gmcp::payload(package, json));
        }
    }

    /// Turn the client's local echo on or off (off while a password is
    /// typed): telnet `WILL`/`WONT ECHO`, or an `{"echo":...}` message to
    /// the web page.
    pub fn set_echo(&mut self, echo: bool) {
        let mut out = Vec::new();
        if self.web.is_some() {
            if self.is_websocket() && !self.ws_closed() {
                web::oob_frame(
                    &mut out,
                    if echo {
                        r#"{"echo":true}"#
                    } else {
                        r#"{"echo":false}"#
                    },
                );
            }
        } else {
            self.telnet.set_echo(echo, &mut out);
        }
        self.write_raw(&out);
    }

    /// Send the MSSP variables (when the client agreed to MSSP).
    pub fn send_mssp(&mut self, vars: &[(String, String)]) {
        if self.telnet.enabled(Side::Us, opt::MSSP) {
            self.subneg(opt::MSSP, &mssp::encode(vars));
        }
    }

    /// Queue bytes exactly as given (telnet commands, already escaped data);
    /// they go through the compressor while MCCP2 runs.
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
            self.compressor = None;
            self.kill("output overflow (the client does not read)");
            return;
        }
        match &mut self.compressor {
            Some(c) => {
                if let Err(e) = c.compress(bytes, &mut self.output) {
                    self.compressor = None;
                    self.kill(format!("compression failed: {e}"));
                }
            }
            None => self.output.extend_from_slice(bytes),
        }
    }

    /// Bytes queued and not yet written (plus one while compressed data
    /// still sits in the compressor, so the loop flushes it).
    pub fn pending_output(&self) -> usize {
        self.output.len() - self.out_pos
            + usize::from(self.compressor.as_ref().is_some_and(|c| c.dirty()))
    }

    /// Write as much queued output as the socket takes. `Ok` with output
    /// left means the socket is full (wait for WRITABLE).
    pub fn flush(&mut self) -> io::Result<()> {
        if let Some(c) = &mut self.compressor {
            if let Err(e) = c.sync_flush(&mut self.output) {
                self.compressor = None;
                return Err(io::Error::other(e));
            }
        }
        while self.out_pos < self.output.len() {
            match self.stream.write(&self.output[self.out_pos..]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => self.out_pos += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        // All sent: keep a small buffer, give a big one (a long `look` in a
        // crowded room) back, so idle players cost little memory.
        if self.output.capacity() > KEEP_OUTPUT_CAPACITY {
            self.output = Vec::new();
        } else {
            self.output.clear();
        }
        self.out_pos = 0;
        Ok(())
    }

    // ----------------------------------------------------------- compression

    /// Start the MCCP2 stream: the start marker (plain), then everything
    /// compressed.
    fn start_compression(&mut self) {
        if self.compressor.is_some() || self.dead.is_some() {
            return;
        }
        self.write_raw(&mccp::START);
        self.compressor = Some(mccp::Compressor::new());
        self.mccp_resume = false;
        self.info_dirty = true;
    }

    /// End the stream with Z_FINISH (what follows is plain).
    fn finish_compression(&mut self) {
        if let Some(c) = self.compressor.take() {
            if let Err(e) = c.finish(&mut self.output) {
                self.kill(format!("compression failed: {e}"));
            }
            self.info_dirty = true;
        }
    }

    /// Offer MCCP2 (again): `IAC WILL MCCP2`, or straight to the start
    /// marker when the option is still on.
    fn offer_compression(&mut self) {
        if self.flapped(opt::MCCP2) {
            return;
        }
        self.telnet.options_mut().get_mut(opt::MCCP2).accept_us = true;
        if self.telnet.enabled(Side::Us, opt::MCCP2) {
            self.start_compression();
        } else {
            let mut out = Vec::new();
            self.telnet.enable(Side::Us, opt::MCCP2, &mut out);
            self.write_raw(&out);
        }
    }

    /// End the stream and turn the option off (`IAC WONT MCCP2`, plain).
    fn stop_compression(&mut self) {
        self.finish_compression();
        let mut out = Vec::new();
        self.telnet.disable(Side::Us, opt::MCCP2, &mut out);
        self.write_raw(&out);
    }

    /// Finish a running MCCP2 stream before a copyover: Z_FINISH, then a
    /// plain `IAC WONT MCCP2` so the client's option state is clean, then a
    /// flush attempt. Everything queued after this is plain. The state
    /// export remembers that compression was on, so the new image offers
    /// it again ([`Descriptor::import_state`]); if the copyover fails,
    /// [`Descriptor::resume_compression`] offers it again here.
    pub fn end_compression(&mut self) {
        let was = self.compressor.is_some();
        if was {
            self.stop_compression();
            self.mccp_resume = true;
        }
        let _ = self.flush();
    }

    /// Offer MCCP2 again after [`Descriptor::end_compression`] (a copyover
    /// that did not happen).
    pub fn resume_compression(&mut self) {
        if std::mem::take(&mut self.mccp_resume) && self.prefs.compress {
            self.offer_compression();
        }
    }

    // -------------------------------------------------------------- copyover

    /// Everything this connection negotiated, as one line of plain text
    /// (no newline): `v1 key=value ...`, values percent-escaped. Restored by
    /// [`Descriptor::import_state`].
    pub fn export_state(&self) -> String {
        let mut opts = Vec::new();
        // MCCP2 travels as `mccp=` (it is offered afresh, never restored running).
        for o in (0..=255u8).filter(|&o| o != opt::MCCP2) {
            let s = self.telnet.options().get(o);
            let mut f = String::new();
            if s.us == Q::Yes {
                f.push('U');
            }
            if s.him == Q::Yes {
                f.push('H');
            }
            if !f.is_empty() {
                opts.push(format!("{o}:{f}"));
            }
        }
        let supports = match &self.gmcp_client.supports {
            None => "-".to_string(),
            Some(m) => m
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(","),
        };
        // Each pending line ends with \n, so an empty line survives.
        let input: String = self.input.iter().map(|l| format!("{l}\n")).collect();
        let b = |v: bool| if v { "1" } else { "0" };
        let fields: Vec<(&str, String)> = vec![
            ("opts", opts.join(",")),
            ("ttype", self.ttype.client.clone()),
            ("term", self.ttype.terminal.clone()),
            ("mtts", self.ttype.mtts.to_string()),
            ("naws", format!("{}x{}", self.width, self.height)),
            (
                "charset",
                if self.charset_utf8 { "utf8" } else { "ascii" }.to_string(),
            ),
            ("gmcp", b(self.telnet.enabled(Side::Us, opt::GMCP)).into()),
            ("gmcp_client", self.gmcp_client.client.clone()),
            ("gmcp_version", self.gmcp_client.version.clone()),
            ("gmcp_supports", supports),
            ("ansi", b(self.ansi).into()),
            ("wrap", b(self.prefs.wrap).into()),
            ("mark", b(self.prefs.prompt_mark).into()),
            ("compress", b(self.prefs.compress).into()),
            ("eor", b(self.telnet.enabled(Side::Us, opt::EOR)).into()),
            (
                "mccp",
                b(self.compressor.is_some() || self.mccp_resume).into(),
            ),
            ("input", input),
            ("partial", hex(self.telnet.partial_line())),
            ("skip", b(self.discard_line).into()),
            ("out", hex(&self.output[self.out_pos..])),
        ];
        let mut fields = fields;
        // A websocket's read state, added only for websockets: a telnet
        // line is unchanged, and a line without `kind` is telnet.
        if let Some(Web::Ws(ws)) = self.web.as_deref() {
            fields.push(("kind", "ws".into()));
            fields.push(("wsin", hex(&ws.inbuf)));
            fields.push(("wsmsg", hex(&ws.msg)));
            fields.push(("wsfrag", ws.fragments.to_string()));
        }
        let mut line = String::from(STATE_VERSION);
        for (k, v) in fields {
            line.push(' ');
            line.push_str(k);
            line.push('=');
            line.push_str(&escape_value(&v));
        }
        line
    }

    /// Before a copyover: keep only the typed lines that `keep` allows to
    /// be written into the state file. A partly typed line that may not be
    /// kept is dropped, and the rest of it (typed after the copyover) is
    /// dropped too instead of running as another command.
    pub fn scrub_input(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.input.retain(|l| keep(l));
        let partial = String::from_utf8_lossy(self.telnet.partial_line()).into_owned();
        if !partial.is_empty() && !keep(&partial) {
            self.telnet.clear_partial_line();
            self.discard_line = true;
        }
    }

    /// Restore what [`Descriptor::export_state`] wrote, on a freshly
    /// adopted descriptor: no greeting and no negotiation is sent, except
    /// `IAC WILL MCCP2` when compression was on. Unknown keys are ignored;
    /// a wrong version or a malformed value is an error (and nothing is
    /// changed).
    pub fn import_state(&mut self, line: &str) -> Result<(), String> {
        let mut words = line.split(' ').filter(|w| !w.is_empty());
        match words.next() {
            Some(STATE_VERSION) => {}
            other => return Err(format!("descriptor state: unknown version {other:?}")),
        }
        let mut next = self.fresh_copy_state();
        let mut mccp_on = false;
        for w in words {
            let (k, v) = w
                .split_once('=')
                .ok_or_else(|| format!("descriptor state: '{w}' is not key=value"))?;
            let v =
                unescape_value(v).ok_or_else(|| format!("descriptor state: bad escape in {k}"))?;
            let bad = |what: &str| format!("descriptor state: bad {what} '{v}'");
            let flag = |v: &str| match v {
                "1" => Ok(true),
                "0" => Ok(false),
                _ => Err(bad(k)),
            };
            match k {
                "opts" => {
                    for item in v.split(',').filter(|i| !i.is_empty()) {
                        let (o, f) = item.split_once(':').ok_or_else(|| bad("opts"))?;
                        let o: u8 = o.parse().map_err(|_| bad("opts"))?;
                        next.opts.push((o, f.contains('U'), f.contains('H')));
                    }
                }
                "ttype" => next.ttype.client = v,
                "term" => next.ttype.terminal = v,
                "mtts" => next.ttype.mtts = v.parse().map_err(|_| bad("mtts"))?,
                "naws" => {
                    let (w, h) = v.split_once('x').ok_or_else(|| bad("naws"))?;
                    next.width = w.parse().map_err(|_| bad("naws"))?;
                    next.height = h.parse().map_err(|_| bad("naws"))?;
                }
                "charset" => next.charset_utf8 = v == "utf8",
                "gmcp" | "eor" => {
                    let on = flag(&v)?;
                    let o = if k == "gmcp" { opt::GMCP } else { opt::EOR };
                    if on {
                        next.opts.push((o, true, false));
                    }
                }
                "gmcp_client" => next.gmcp.client = v,
                "gmcp_version" => next.gmcp.version = v,
                "gmcp_supports" if v != "-" => {
                    let mut m = std::collections::BTreeMap::new();
                    for item in v.split(',').filter(|i| !i.is_empty()) {
                        let (name, ver) = item.rsplit_once(' ').unwrap_or((item, "1"));
                        m.insert(name.to_string(), ver.parse().unwrap_or(1));
                    }
                    next.gmcp.supports = Some(m);
                }
                "ansi" => next.prefs.colour = flag(&v)?,
                "wrap" => next.prefs.wrap = flag(&v)?,
                "mark" => next.prefs.prompt_mark = flag(&v)?,
                "compress" => next.prefs.compress = flag(&v)?,
                "mccp" => mccp_on = flag(&v)?,
                "input" => next.input = v.split_terminator('\n').map(String::from).collect(),
                "partial" => next.partial = unhex(&v).ok_or_else(|| bad("partial"))?,
                "skip" => next.discard_line = flag(&v)?,
                "out" => next.unsent = unhex(&v).ok_or_else(|| bad("out"))?,
                "kind" => match v.as_str() {
                    "telnet" => next.is_ws = false,
                    "ws" => next.is_ws = true,
                    _ => return Err(bad("kind")),
                },
                "wsin" => next.ws.inbuf = unhex(&v).ok_or_else(|| bad("wsin"))?,
                "wsmsg" => next.ws.msg = unhex(&v).ok_or_else(|| bad("wsmsg"))?,
                "wsfrag" => next.ws.fragments = v.parse().map_err(|_| bad("wsfrag"))?,
                _ => {}
            }
        }
        // Everything parsed: apply.
        let mut telnet = Telnet::new();
        configure_options(&mut telnet);
        for (o, us, him) in next.opts {
            // MCCP2 is offered afresh below, never restored as running.
            if o == opt::MCCP2 {
                continue;
            }
            let s = telnet.options_mut().get_mut(o);
            if us {
                s.us = Q::Yes;
            }
            if him {
                s.him = Q::Yes;
            }
        }
        telnet.options_mut().get_mut(opt::MCCP2).accept_us = next.prefs.compress;
        self.telnet = telnet;
        self.ttype = next.ttype;
        self.ttype.done = true;
        self.width = next.width;
        self.height = next.height;
        self.charset_utf8 = next.charset_utf8;
        self.charset_pending = false;
        self.gmcp_client = next.gmcp;
        self.prefs = next.prefs;
        self.ansi = next.prefs.colour;
        self.input = next.input;
        self.telnet.set_partial_line(&next.partial);
        self.discard_line = next.discard_line;
        // What the old image could not write yet goes first, as it was
        // (raw wire bytes: the end of a compressed stream included).
        if !next.unsent.is_empty() {
            self.output.extend_from_slice(&next.unsent);
        }
        self.compressor = None;
        self.mccp_resume = false;
        self.info_dirty = true;
        if next.is_ws {
            self.web = Some(Box::new(Web::Ws(next.ws)));
            return Ok(());
        }
        if mccp_on && self.prefs.compress {
            self.offer_compression();
        }
        Ok(())
    }

    fn fresh_copy_state(&self) -> CarriedState {
        CarriedState {
            opts: Vec::new(),
            ttype: mtts::Ttype::default(),
            width: 0,
            height: 0,
            charset_utf8: false,
            gmcp: gmcp::ClientGmcp::default(),
            prefs: Prefs::default(),
            input: VecDeque::new(),
            partial: Vec::new(),
            discard_line: false,
            unsent: Vec::new(),
            is_ws: false,
            ws: web::Ws::default(),
        }
    }
}

/// What [`Descriptor::import_state`] parsed before applying it.
struct CarriedState {
    opts: Vec<(u8, bool, bool)>,
    ttype: mtts::Ttype,
    width: u16,
    height: u16,
    charset_utf8: bool,
    gmcp: gmcp::ClientGmcp,
    prefs: Prefs,
    input: VecDeque<String>,
    partial: Vec<u8>,
    discard_line: bool,
    unsent: Vec<u8>,
    /// `kind=ws`: a websocket...
    is_ws: bool,
    /// ...and its read state (`wsin`, `wsmsg`, `wsfrag`).
    ws: web::Ws,
}

/// What every connection agrees to when the client asks: SGA (both ways),
/// TTYPE, NAWS and CHARSET from the client; EOR, CHARSET, MCCP2, GMCP and
/// MSSP from us. Everything else (MCCP3, MSDP, LINEMODE, ...) is refused.
fn configure_options(t: &mut Telnet) {
    let o = t.options_mut();
    for him in [opt::TTYPE, opt::NAWS, opt::CHARSET] {
        o.get_mut(him).accept_him = true;
    }
    for us in [opt::EOR, opt::CHARSET, opt::MCCP2, opt::GMCP, opt::MSSP] {
        o.get_mut(us).accept_us = true;
    }
}

/// Percent-escape a state value: no spaces, `=`, `%`, controls or non-ASCII.
/// Bytes as lower-case hex (copyover state: partial lines, unsent output).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|d| u8::from_str_radix(d, 16).ok()))
        .collect()
}

fn escape_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_graphic() && b != b'%' && b != b'=' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unescape_value(v: &str) -> Option<String> {
    let b = v.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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

    // ------------------------------------------------------------ protocols

    use crate::net::telnet::{DO, DONT, EOR, GA, IAC, SB, SE, WILL, WONT};
    use flate2::{Decompress, FlushDecompress};

    /// Everything the client end can read within a short while.
    fn client_read(c: &mut std::net::TcpStream) -> Vec<u8> {
        c.set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut all = Vec::new();
        let mut buf = [0u8; 65536];
        while let Ok(n) = c.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    }

    fn sb(o: u8, data: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        telnet::push_subneg(&mut v, o, data);
        v
    }

    fn take_out(d: &mut Descriptor) -> Vec<u8> {
        let v = d.output[d.out_pos..].to_vec();
        d.output.clear();
        d.out_pos = 0;
        v
    }

    /// A descriptor that went through a TinTin++-like negotiation.
    fn negotiated() -> (Descriptor, std::net::TcpStream) {
        let (mut d, c) = pair();
        d.start();
        take_out(&mut d);
        let mut input = vec![
            IAC,
            DO,
            opt::SGA,
            IAC,
            WILL,
            opt::TTYPE,
            IAC,
            WILL,
            opt::NAWS,
        ];
        input.extend(sb(opt::NAWS, &[0, 100, 0, 40]));
        input.extend([IAC, DO, opt::EOR, IAC, DO, opt::CHARSET, IAC, DO, opt::GMCP]);
        d.receive(&input);
        d.receive(&sb(opt::TTYPE, b"\0TINTIN++"));
        d.receive(&sb(opt::TTYPE, b"\0XTERM-256COLOR"));
        d.receive(&sb(opt::TTYPE, b"\0MTTS 271"));
        d.receive(&sb(opt::CHARSET, b"\x02UTF-8"));
        take_out(&mut d);
        (d, c)
    }

    #[test]
    fn start_offers_every_protocol() {
        let (mut d, _c) = pair();
        d.start();
        assert_eq!(
            take_out(&mut d),
            vec![
                IAC,
                WILL,
                opt::SGA,
                IAC,
                DO,
                opt::TTYPE,
                IAC,
                DO,
                opt::NAWS,
                IAC,
                WILL,
                opt::EOR,
                IAC,
                WILL,
                opt::CHARSET,
                IAC,
                WILL,
                opt::MCCP2,
                IAC,
                WILL,
                opt::GMCP,
                IAC,
                WILL,
                opt::MSSP
            ]
        );
    }

    #[test]
    fn negotiation_learns_the_client() {
        let (mut d, _c) = pair();
        d.start();
        take_out(&mut d);
        // Answers in an odd order: CHARSET first, TTYPE after NAWS data.
        d.receive(&[IAC, DO, opt::CHARSET]);
        assert_eq!(take_out(&mut d), sb(opt::CHARSET, b"\x01;UTF-8;US-ASCII"));
        d.receive(&[IAC, WILL, opt::NAWS]);
        d.receive(&sb(opt::NAWS, &[0, 132, 0, 50]));
        d.receive(&[IAC, WILL, opt::TTYPE]);
        assert_eq!(take_out(&mut d), sb(opt::TTYPE, &[1]));
        d.receive(&sb(opt::TTYPE, b"\0MUDLET"));
        assert_eq!(take_out(&mut d), sb(opt::TTYPE, &[1]));
        d.receive(&sb(opt::TTYPE, b"\0ANSI-TRUECOLOR"));
        assert_eq!(take_out(&mut d), sb(opt::TTYPE, &[1]));
        d.receive(&sb(opt::TTYPE, b"\0MTTS 2317"));
        assert!(take_out(&mut d).is_empty(), "the cycle is over");
        d.receive(&sb(opt::CHARSET, b"\x02UTF-8"));
        d.receive(&[IAC, DO, opt::GMCP, IAC, DONT, opt::MSSP, IAC, DO, opt::EOR]);
        d.receive(&sb(
            opt::GMCP,
            br#"Core.Hello {"client":"Mudlet","version":"4.17"}"#,
        ));
        d.receive(&sb(opt::GMCP, br#"Core.Supports.Set ["Char 1","Room 1"]"#));
        let info = d.take_info_changed().expect("changed");
        assert_eq!(info.client, "MUDLET");
        assert_eq!(info.version, "4.17");
        assert_eq!(info.terminal, "ANSI-TRUECOLOR");
        assert_eq!(info.mtts, 2317);
        assert_eq!((info.width, info.height), (132, 50));
        assert!(info.utf8 && info.gmcp && info.eor && !info.mccp);
        assert_eq!(info.colours, 1 << 24);
        assert_eq!(info.gmcp_supports, vec!["char 1", "room 1"]);
        assert!(d.take_info_changed().is_none());
        assert!(!d.take_mssp_request());
        // Repeats of everything: no answers at all (no loops).
        d.receive(&[
            IAC,
            DO,
            opt::GMCP,
            IAC,
            WILL,
            opt::NAWS,
            IAC,
            DO,
            opt::EOR,
            IAC,
            WILL,
            opt::TTYPE,
        ]);
        assert!(take_out(&mut d).is_empty());
        // Unknown options and MCCP3 are refused once.
        d.receive(&[IAC, WILL, opt::MCCP3, IAC, DO, opt::MSDP, IAC, WILL, 99]);
        assert_eq!(
            take_out(&mut d),
            vec![IAC, DONT, opt::MCCP3, IAC, WONT, opt::MSDP, IAC, DONT, 99]
        );
        d.receive(&[IAC, WILL, opt::MCCP3, IAC, DO, opt::MSDP, IAC, WILL, 99]);
        assert!(take_out(&mut d).is_empty());
    }

    #[test]
    fn mssp_request_is_flagged_and_sent() {
        let (mut d, _c) = pair();
        d.start();
        take_out(&mut d);
        d.send_mssp(&[("NAME".into(), "X".into())]);
        assert!(take_out(&mut d).is_empty(), "not before the client agreed");
        d.receive(&[IAC, DO, opt::MSSP]);
        assert!(d.take_mssp_request());
        assert!(!d.take_mssp_request());
        d.send_mssp(&[("NAME".into(), "X".into())]);
        assert_eq!(take_out(&mut d), sb(opt::MSSP, b"\x01NAME\x02X"));
    }

    #[test]
    fn prompt_marking_eor_ga_or_nothing() {
        let (mut d, _c) = pair();
        d.start();
        take_out(&mut d);
        d.end_prompt();
        assert_eq!(take_out(&mut d), vec![IAC, GA]);
        d.receive(&[IAC, DO, opt::EOR]);
        d.end_prompt();
        assert_eq!(take_out(&mut d), vec![IAC, EOR]);
        d.apply_prefs(Prefs {
            prompt_mark: false,
            ..Prefs::default()
        });
        d.end_prompt();
        assert!(take_out(&mut d).is_empty());
    }

    #[test]
    fn charset_decides_utf8_or_seven_bit() {
        let (mut d, _c) = pair();
        d.write_text("Café “x” 🐉\n");
        assert_eq!(take_out(&mut d), b"Cafe \"x\" ?\r\n");
        d.receive(&[IAC, DO, opt::CHARSET]);
        take_out(&mut d);
        d.receive(&sb(opt::CHARSET, b"\x02UTF-8"));
        d.write_text("Café\n");
        assert_eq!(take_out(&mut d), "Café\r\n".as_bytes());
        // A client that asks us: UTF-8 accepted when offered.
        let (mut d, _c) = pair();
        d.receive(&[IAC, WILL, opt::CHARSET]);
        take_out(&mut d);
        d.receive(&sb(opt::CHARSET, b"\x01;ISO-8859-1;UTF-8"));
        assert_eq!(take_out(&mut d), sb(opt::CHARSET, b"\x02UTF-8"));
        assert!(d.utf8());
    }

    #[test]
    fn colour_levels_screen_reader_and_wrap() {
        let (mut d, _c) = negotiated();
        // MTTS 271 includes truecolour (256); the 256-colour code stays exact.
        assert_eq!(d.colour_level(), Level::TrueColor);
        d.write_text("{=046g{x\n");
        assert_eq!(take_out(&mut d), b"\x1b[38;5;46mg\x1b[0m\r\n");
        d.apply_prefs(Prefs {
            colour: false,
            ..Prefs::default()
        });
        d.write_text("{rred{x\n");
        assert_eq!(take_out(&mut d), b"red\r\n");
        // A screen reader gets no colour even with colour on.
        let (mut d, _c) = pair();
        d.receive(&[IAC, WILL, opt::TTYPE]);
        d.receive(&sb(opt::TTYPE, b"\0CLIENT"));
        d.receive(&sb(opt::TTYPE, b"\0XTERM"));
        d.receive(&sb(opt::TTYPE, b"\0MTTS 69"));
        take_out(&mut d);
        d.write_text("{rred{x\n");
        assert_eq!(take_out(&mut d), b"red\r\n");
        // Wrapping follows NAWS once the player turns it on.
        let (mut d, _c) = pair();
        d.receive(&[IAC, WILL, opt::NAWS]);
        d.receive(&sb(opt::NAWS, &[0, 20, 0, 10]));
        take_out(&mut d);
        let text = "one two three four five six seven eight\n";
        d.write_text(text);
        assert_eq!(
            take_out(&mut d),
            b"one two three four five six seven eight\r\n"
        );
        d.apply_prefs(Prefs {
            wrap: true,
            ..Prefs::default()
        });
        d.write_text(text);
        assert_eq!(
            take_out(&mut d),
            b"one two three four\r\nfive six seven eight\r\n"
        );
    }

    #[test]
    fn gmcp_only_when_agreed_and_supported() {
        let (mut d, _c) = pair();
        d.send_gmcp("Room.Info", "{}");
        assert!(take_out(&mut d).is_empty());
        d.start();
        d.receive(&[IAC, DO, opt::GMCP]);
        take_out(&mut d);
        d.send_gmcp("Room.Info", r#"{"num":1}"#);
        assert_eq!(take_out(&mut d), sb(opt::GMCP, br#"Room.Info {"num":1}"#));
        d.receive(&sb(opt::GMCP, br#"Core.Supports.Set ["Char 1"]"#));
        d.send_gmcp("Room.Info", "{}");
        assert!(take_out(&mut d).is_empty());
        d.send_gmcp("Char.Vitals", "{}");
        assert!(!take_out(&mut d).is_empty());
    }

    /// Inflate everything after the MCCP2 start marker; also return the
    /// plain bytes before it and whether the stream ended (with what followed).
    fn split_mccp(wire: &[u8]) -> (Vec<u8>, Vec<u8>, Option<Vec<u8>>) {
        let Some(p) = wire.windows(5).position(|w| w == mccp::START) else {
            return (wire.to_vec(), Vec::new(), None);
        };
        let mut z = Decompress::new(true);
        let mut out = Vec::with_capacity(1 << 20);
        let data = &wire[p + 5..];
        let st = z
            .decompress_vec(data, &mut out, FlushDecompress::Sync)
            .unwrap();
        let used = z.total_in() as usize;
        let after = (st == flate2::Status::StreamEnd).then(|| data[used..].to_vec());
        (wire[..p].to_vec(), out, after)
    }

    /// `IAC DO MCCP2 IAC DONT MCCP2` over and over (issue #8): a zlib
    /// stream is started only a bounded number of times, then the option is
    /// refused for good; the connection itself carries on.
    #[test]
    fn mccp_flapping_is_refused_after_a_few_starts() {
        let (mut d, _c) = pair();
        d.start();
        take_out(&mut d);
        let flap = [IAC, DO, opt::MCCP2, IAC, DONT, opt::MCCP2];
        let burst: Vec<u8> = flap
            .iter()
            .copied()
            .cycle()
            .take(flap.len() * 5000)
            .collect();
        d.receive(&burst);
        let out = take_out(&mut d);
        let markers = out
            .windows(5)
            .filter(|w| *w == [IAC, SB, opt::MCCP2, IAC, SE])
            .count();
        assert_eq!(markers, usize::from(MAX_OPTION_STARTS), "streams started");
        assert!(!d.compressing());
        assert!(!d.is_dead());
        // More of it costs no stream at all.
        d.receive(&burst);
        let out = take_out(&mut d);
        assert!(!out.windows(5).any(|w| w == [IAC, SB, opt::MCCP2, IAC, SE]));
        // Not even `compress on` brings it back on this connection.
        d.apply_prefs(Prefs {
            compress: false,
            ..Prefs::default()
        });
        d.apply_prefs(Prefs::default());
        d.receive(&[IAC, DO, opt::MCCP2]);
        assert!(!d.compressing());
        // Ordinary text still flows.
        d.receive(b"look\r\n");
        assert_eq!(d.input.pop_front().as_deref(), Some("look"));
    }

    #[test]
    fn mccp_starts_on_agreement_toggles_and_restarts() {
        let (mut d, mut c) = pair();
        d.start();
        d.flush().unwrap();
        client_read(&mut c);
        d.receive(&[IAC, DO, opt::MCCP2]);
        assert!(d.compressing());
        d.write_text("compressed hello\n");
        d.end_prompt();
        assert!(d.pending_output() > 0);
        d.flush().unwrap();
        assert_eq!(d.pending_output(), 0);
        let wire = client_read(&mut c);
        let (plain, inflated, ended) = split_mccp(&wire);
        assert!(plain.is_empty());
        assert_eq!(inflated, b"compressed hello\r\n\xff\xf9");
        assert!(ended.is_none());
        // The player turns compression off: stream ends, WONT, plain text.
        d.apply_prefs(Prefs {
            compress: false,
            ..Prefs::default()
        });
        d.write_text("plain now\n");
        d.flush().unwrap();
        let tail = client_read(&mut c);
        // Inflate the continuation with a fresh view: prepend the first part.
        let mut whole = wire.clone();
        whole.extend_from_slice(&tail);
        let (_, inflated, ended) = split_mccp(&whole);
        assert_eq!(inflated, b"compressed hello\r\n\xff\xf9");
        let mut expect = vec![IAC, WONT, opt::MCCP2];
        expect.extend_from_slice(b"plain now\r\n");
        assert_eq!(ended, Some(expect));
        // A DO now is refused (the player said no)...
        d.receive(&[IAC, DO, opt::MCCP2]);
        assert!(!d.compressing());
        // ...and turning it back on offers it again.
        take_out(&mut d);
        d.apply_prefs(Prefs::default());
        assert_eq!(take_out(&mut d), vec![IAC, WILL, opt::MCCP2]);
        d.receive(&[IAC, DO, opt::MCCP2]);
        assert!(d.compressing());
        assert_eq!(take_out(&mut d), mccp::START);
    }

    /// Issue #8 item 9: a line typed half-way when the copyover came goes
    /// on in the new image (`promp` + `t Q1` is `prompt Q1`, not `t Q1`).
    #[test]
    fn copyover_carries_the_partly_typed_line() {
        let (mut d, _c) = pair();
        d.receive(b"look\r\npromp");
        let state = d.export_state();
        let (mut e, _c2) = pair();
        e.import_state(&state).unwrap();
        assert_eq!(e.input.pop_front().as_deref(), Some("look"));
        e.receive(b"t Q1\r\n");
        assert_eq!(e.input.pop_front().as_deref(), Some("prompt Q1"));
    }

    /// Issue #8 item 8: what the game withholds (a `password` command
    /// typed while lagged) is not in the state, and the rest of a withheld
    /// half-typed line is dropped too.
    #[test]
    fn scrubbed_input_stays_out_of_the_state() {
        let (mut d, _c) = pair();
        d.receive(b"password hunter22 newpass33\r\nsay hi\r\npassword hun");
        d.scrub_input(|l| !l.starts_with("password"));
        let state = d.export_state();
        assert!(!state.contains("hunter"), "{state}");
        assert!(!state.contains(&hex(b"hun")), "{state}");
        let (mut e, _c2) = pair();
        e.import_state(&state).unwrap();
        assert_eq!(e.input.pop_front().as_deref(), Some("say hi"));
        e.receive(b"ter22 new\r\nlook\r\n");
        assert_eq!(e.input.pop_front().as_deref(), Some("look"));
        assert!(e.input.is_empty());
    }

    /// Issue #8 item 10: output a client has not read yet travels in the
    /// state (instead of the hand-over waiting for it) and goes out first in
    /// the new image, byte for byte.
    #[test]
    fn unsent_output_is_carried_over() {
        let (mut d, mut c) = pair();
        // Write until the kernel's buffers are full and some output waits.
        let chunk = "All work and no play makes a slow reader.\n".repeat(1500);
        let mut text = String::new();
        for _ in 0..1000 {
            d.write_text(&chunk);
            text.push_str(&chunk);
            let _ = d.flush();
            if d.pending_output() > 0 {
                break;
            }
        }
        let unsent = d.pending_output();
        assert!(unsent > 0, "the socket took everything");
        let state = d.export_state();
        let (mut e, mut c2) = pair();
        e.import_state(&state).unwrap();
        assert_eq!(e.pending_output(), unsent);
        // What the first socket took plus what the second sends is the text.
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut got = Vec::new();
        c.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(n) = c.read(&mut buf) {
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        c2.set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        while e.pending_output() > 0 || Instant::now() < deadline {
            let _ = e.flush();
            match c2.read(&mut buf) {
                Ok(n) if n > 0 => got.extend_from_slice(&buf[..n]),
                _ if e.pending_output() == 0 => break,
                _ => {}
            }
            assert!(Instant::now() < deadline, "not all delivered");
        }
        assert_eq!(got, text.replace('\n', "\r\n").into_bytes());
    }

    #[test]
    fn copyover_export_import_round_trip() {
        let (mut d, _c) = negotiated();
        d.receive(&sb(
            opt::GMCP,
            br#"Core.Hello {"client":"Mud let","version":"1 = 2%"}"#,
        ));
        d.receive(&sb(opt::GMCP, br#"Core.Supports.Set ["Char 1","Room 2"]"#));
        d.receive(&[IAC, DO, opt::MCCP2]);
        assert!(d.compressing());
        d.apply_prefs(Prefs {
            wrap: true,
            ..Prefs::default()
        });
        d.input.push_back("say 100% = über fun".into());
        d.input.push_back(String::new());
        d.input.push_back("look".into());
        d.end_compression();
        assert!(!d.compressing());
        take_out(&mut d); // written before the exec
        let state = d.export_state();
        assert!(!state.contains('\n') && !state.contains('\r'), "{state}");
        assert!(state.starts_with("v1 "), "{state}");
        assert!(state.contains(" mccp=1"), "{state}");
        assert!(state.is_ascii());

        let (mut e, _c2) = pair();
        e.import_state(&state).unwrap();
        // Nothing sent but the MCCP2 offer: no greeting, no renegotiation.
        assert_eq!(take_out(&mut e), vec![IAC, WILL, opt::MCCP2]);
        assert_eq!(e.input, d.input);
        let info = e.client_info();
        let mut want = d.client_info();
        want.mccp = false;
        assert_eq!(info, want);
        assert_eq!(info.client, "TINTIN++");
        assert_eq!(info.version, "1 = 2%");
        assert_eq!((info.width, info.height), (100, 40));
        assert!(info.utf8 && info.eor && info.gmcp);
        assert_eq!(info.mtts, 271);
        assert_eq!(e.prefs(), d.prefs());
        assert!(e.take_info_changed().is_some(), "the game hears about it");
        for o in [opt::SGA, opt::EOR, opt::GMCP, opt::CHARSET] {
            assert!(e.telnet.enabled(Side::Us, o), "{o}");
        }
        for o in [opt::TTYPE, opt::NAWS] {
            assert!(e.telnet.enabled(Side::Him, o), "{o}");
        }
        // Repeated answers from the client do not restart anything.
        e.receive(&[
            IAC,
            DO,
            opt::EOR,
            IAC,
            WILL,
            opt::TTYPE,
            IAC,
            DO,
            opt::CHARSET,
        ]);
        assert!(take_out(&mut e).is_empty());
        // The client accepts the MCCP2 offer: compression is back.
        e.receive(&[IAC, DO, opt::MCCP2]);
        assert!(e.compressing());
        // Exported again (while compressing), the state is the same.
        e.input = d.input.clone();
        take_out(&mut e);
        assert_eq!(e.export_state(), state);
        // GMCP supports survived.
        e.send_gmcp("Comm.Channel.Text", "{}");
        take_out(&mut e);
        let before = e.pending_output();
        e.send_gmcp("Comm.Channel.Text", "{}");
        assert_eq!(
            e.pending_output(),
            before,
            "Comm was not in the supports list"
        );
    }

    #[test]
    fn import_without_compression_sends_nothing() {
        let (d, _c) = pair();
        let state = d.export_state();
        assert!(state.contains(" mccp=0"));
        assert!(state.contains(" gmcp_supports=-"));
        let (mut e, _c2) = pair();
        e.import_state(&state).unwrap();
        assert!(take_out(&mut e).is_empty());
        assert!(e.input.is_empty());
        assert_eq!(e.export_state(), state);
    }

    #[test]
    fn import_rejects_bad_state_and_changes_nothing() {
        let (mut e, _c) = pair();
        e.input.push_back("keep".into());
        for bad in [
            "",
            "v0 input=",
            "v2 opts=",
            "v1 naws=80by24",
            "v1 mtts=lots",
            "v1 garbage",
            "v1 ansi=maybe",
            "v1 opts=300:U",
            "v1 ttype=%G1",
        ] {
            assert!(e.import_state(bad).is_err(), "{bad:?}");
        }
        assert_eq!(e.input, vec!["keep".to_string()]);
        // Unknown keys are fine (a newer image may add some).
        assert!(e.import_state("v1 future=1 naws=90x30").is_ok());
        assert_eq!(e.window(), (90, 30));
    }

    #[test]
    fn line_ends_become_crlf_once() {
        // The byte-at-a-time rule this replaced, as the reference.
        fn reference(t: &str) -> Vec<u8> {
            let mut out = Vec::new();
            let mut prev = 0u8;
            for &b in t.as_bytes() {
                if b == b'\n' && prev != b'\r' {
                    out.push(b'\r');
                }
                out.push(b);
                prev = b;
            }
            out
        }
        for t in [
            "",
            "\n",
            "\n\n",
            "a\nb",
            "a\r\nb\n",
            "\r\n\n\r",
            "no newline",
            "é\n\u{2003}\r\r\n",
        ] {
            assert_eq!(super::crlf(t), reference(t), "{t:?}");
        }
    }
}
