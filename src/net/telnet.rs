//! A pure telnet codec: bytes from a client in, events out; no I/O.
//!
//! [`Telnet`] keeps everything the byte stream needs between reads: the
//! parser state (inside an `IAC` sequence, inside a subnegotiation), the line
//! being typed, and the state of every option on both sides. Feeding it bytes
//! with [`Telnet::receive`] yields [`Event`]s (complete input lines, option
//! changes, subnegotiations) and appends any protocol answers the codec owes
//! the client to an output buffer the caller sends as is.
//!
//! Input rules:
//! - `CR LF`, `LF`, `CR NUL` and a lone `CR` each end exactly one line; the
//!   line is decoded as UTF-8, lossily.
//! - Backspace (0x08), DEL (0x7f) and `IAC EC` erase the last character,
//!   `IAC EL` the whole line; tab becomes a space; other control bytes
//!   (ESC included) and C1 control characters are dropped, so a player
//!   cannot send terminal codes to other players; `IAC IAC` is a literal 0xff byte; an `IAC` followed by a byte
//!   that is no command is dropped.
//! - A line longer than [`MAX_LINE`] bytes is cut there (the rest up to the
//!   line end is dropped) and [`Event::LineTruncated`] comes before its
//!   [`Event::Line`].
//! - A subnegotiation keeps at most [`MAX_SUBNEG`] bytes; the excess is dropped
//!   but `IAC SE` still ends it, so the stream stays in sync. An `IAC` command
//!   other than `SE` inside a subnegotiation abandons it (a client that never
//!   sends `SE` does not swallow its later negotiation).
//!
//! Options follow RFC 1143's "Q method" (states NO, YES, WANTNO, WANTYES per
//! side, with a one-deep queue), with two deliberate departures that keep
//! real clients and the server out of negotiation loops:
//! - Disabling an option takes effect as soon as the `WONT`/`DONT` is sent: a
//!   demand to disable cannot be refused, and some clients (TinTin++ after
//!   `WONT ECHO`) never acknowledge it.
//! - An unsupported option is refused once per side; a client that asks again
//!   is ignored.
//!
//! Which options are accepted is an [`OptionTable`] per connection, so richer
//! protocols (TTYPE, NAWS, EOR, CHARSET, MCCP2, GMCP, MSSP) plug in by marking
//! their option supported and handling their [`Event`]s; subnegotiation
//! payloads are dispatched by option in one place (`finish_subneg`).

use std::fmt;

/// Interpret As Command.
pub const IAC: u8 = 255;
pub const DONT: u8 = 254;
pub const DO: u8 = 253;
pub const WONT: u8 = 252;
pub const WILL: u8 = 251;
/// Subnegotiation begin.
pub const SB: u8 = 250;
/// Go ahead: marks the end of a prompt.
pub const GA: u8 = 249;
/// Erase line.
pub const EL: u8 = 248;
/// Erase character.
pub const EC: u8 = 247;
/// Are you there.
pub const AYT: u8 = 246;
/// Abort output.
pub const AO: u8 = 245;
/// Interrupt process.
pub const IP: u8 = 244;
/// Break.
pub const BRK: u8 = 243;
/// Data mark.
pub const DM: u8 = 242;
pub const NOP: u8 = 241;
/// Subnegotiation end.
pub const SE: u8 = 240;
/// End of record (RFC 885): an alternative prompt marker to GA.
pub const EOR: u8 = 239;

/// Option numbers.
pub mod opt {
    pub const ECHO: u8 = 1;
    /// Suppress go ahead.
    pub const SGA: u8 = 3;
    pub const TTYPE: u8 = 24;
    pub const EOR: u8 = 25;
    pub const NAWS: u8 = 31;
    pub const LINEMODE: u8 = 34;
    pub const CHARSET: u8 = 42;
    pub const MSDP: u8 = 69;
    pub const MSSP: u8 = 70;
    pub const MCCP2: u8 = 86;
    pub const MCCP3: u8 = 87;
    pub const GMCP: u8 = 201;
}

/// Longest input line kept, in bytes; the rest of a longer line is dropped.
pub const MAX_LINE: usize = 4096;
/// Longest subnegotiation payload kept, in bytes.
pub const MAX_SUBNEG: usize = 8192;

/// Which end of the connection an option is about: `Us` (the server does it;
/// negotiated with WILL/WONT from us, DO/DONT from the client) or `Him`
/// (the client does it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Us,
    Him,
}

/// What the codec found in the client's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// One complete input line, without its line end.
    Line(String),
    /// The next [`Event::Line`] was longer than [`MAX_LINE`] and was cut.
    LineTruncated,
    /// The client sent `IAC WILL opt` (already answered by the codec).
    Will(u8),
    /// The client sent `IAC WONT opt` (already answered by the codec).
    Wont(u8),
    /// The client sent `IAC DO opt` (already answered by the codec).
    Do(u8),
    /// The client sent `IAC DONT opt` (already answered by the codec).
    Dont(u8),
    /// An option became active on one side.
    Enabled(Side, u8),
    /// An option stopped being active on one side (or a request for it was refused).
    Disabled(Side, u8),
    /// A complete subnegotiation for an option with no parser of its own.
    Subneg(u8, Vec<u8>),
    /// The client's window size (NAWS), when NAWS is enabled for the client.
    Naws { width: u16, height: u16 },
    /// A bare telnet command the codec does not act on itself (`AYT`, `IP`, `BRK`, `AO`).
    Command(u8),
}

/// One side's state of one option (RFC 1143).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Q {
    #[default]
    No,
    Yes,
    WantNo,
    WantYes,
}

/// The state of one option on both sides, plus what the codec may agree to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OptState {
    pub us: Q,
    /// A request for the opposite of the running negotiation is queued (us side).
    pub us_queued: bool,
    pub him: Q,
    /// A request for the opposite of the running negotiation is queued (him side).
    pub him_queued: bool,
    /// We agree when the client asks us to do it (`DO`).
    pub accept_us: bool,
    /// We agree when the client offers to do it (`WILL`).
    pub accept_him: bool,
    /// We refused a `DO` for it once; further ones are ignored.
    pub refused_us: bool,
    /// We refused a `WILL` for it once; further ones are ignored.
    pub refused_him: bool,
}

/// Per-connection option states, indexed by option number.
#[derive(Clone)]
pub struct OptionTable {
    states: Box<[OptState; 256]>,
}

impl fmt::Debug for OptionTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (i, s) in self.states.iter().enumerate() {
            if *s != OptState::default() {
                m.entry(&i, s);
            }
        }
        m.finish()
    }
}

impl Default for OptionTable {
    fn default() -> Self {
        OptionTable {
            states: Box::new([OptState::default(); 256]),
        }
    }
}

impl OptionTable {
    pub fn get(&self, opt: u8) -> &OptState {
        &self.states[opt as usize]
    }
    pub fn get_mut(&mut self, opt: u8) -> &mut OptState {
        &mut self.states[opt as usize]
    }
}

/// Parser position inside the byte stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Data,
    /// Just read `IAC`.
    Iac,
    /// Just read `IAC WILL|WONT|DO|DONT`; the option byte follows.
    Negotiate(u8),
    /// Just read `IAC SB`; the option byte follows.
    SbOption,
    /// Inside a subnegotiation for an option.
    Sb(u8),
    /// Read `IAC` inside a subnegotiation.
    SbIac(u8),
}

/// The telnet state of one connection. See the module docs.
#[derive(Clone, Debug)]
pub struct Telnet {
    state: State,
    line: Vec<u8>,
    line_truncated: bool,
    /// The last data byte was a CR: a following LF or NUL belongs to it.
    after_cr: bool,
    sb_buf: Vec<u8>,
    sb_overflow: bool,
    options: OptionTable,
}

impl Default for Telnet {
    fn default() -> Self {
        Self::new()
    }
}

impl Telnet {
    /// A codec with the default policy: the server offers SGA and turns ECHO
    /// on and off itself (to hide passwords); it agrees to SGA from the
    /// client; every other option is refused.
    pub fn new() -> Telnet {
        let mut options = OptionTable::default();
        options.get_mut(opt::SGA).accept_us = true;
        options.get_mut(opt::SGA).accept_him = true;
        Telnet {
            state: State::Data,
            line: Vec::new(),
            line_truncated: false,
            after_cr: false,
            sb_buf: Vec::new(),
            sb_overflow: false,
            options,
        }
    }

    /// The opening negotiation for a new connection (`IAC WILL SGA`).
    pub fn start(&mut self, out: &mut Vec<u8>) {
        self.enable(Side::Us, opt::SGA, out);
    }

    /// The option table (for inspection, and for carrying state across a reboot).
    pub fn options(&self) -> &OptionTable {
        &self.options
    }

    /// The option table, to change policy (`accept_us`/`accept_him`) or to
    /// restore states carried across a reboot.
    pub fn options_mut(&mut self) -> &mut OptionTable {
        &mut self.options
    }

    /// Is the option active on that side?
    pub fn enabled(&self, side: Side, opt: u8) -> bool {
        let s = self.options.get(opt);
        match side {
            Side::Us => s.us == Q::Yes,
            Side::Him => s.him == Q::Yes,
        }
    }

    /// Hide (`false`) or show (`true`) what the client types: the server
    /// claims ECHO (`IAC WILL ECHO`) so the client stops echoing locally, and
    /// gives it back (`IAC WONT ECHO`).
    pub fn set_echo(&mut self, echo: bool, out: &mut Vec<u8>) {
        if echo {
            self.disable(Side::Us, opt::ECHO, out);
        } else {
            self.enable(Side::Us, opt::ECHO, out);
        }
    }

    /// Ask for an option to be turned on (RFC 1143 "ask to enable").
    pub fn enable(&mut self, side: Side, opt: u8, out: &mut Vec<u8>) {
        let ask = match side {
            Side::Us => WILL,
            Side::Him => DO,
        };
        let s = self.options.get_mut(opt);
        let (q, queued) = match side {
            Side::Us => (&mut s.us, &mut s.us_queued),
            Side::Him => (&mut s.him, &mut s.him_queued),
        };
        match *q {
            Q::No => {
                *q = Q::WantYes;
                *queued = false;
                push_command(out, ask, opt);
            }
            Q::Yes => {}
            Q::WantNo => *queued = true,
            Q::WantYes => *queued = false,
        }
    }

    /// Turn an option off. Takes effect at once (see the module docs).
    pub fn disable(&mut self, side: Side, opt: u8, out: &mut Vec<u8>) {
        let refuse = match side {
            Side::Us => WONT,
            Side::Him => DONT,
        };
        let s = self.options.get_mut(opt);
        let (q, queued) = match side {
            Side::Us => (&mut s.us, &mut s.us_queued),
            Side::Him => (&mut s.him, &mut s.him_queued),
        };
        match *q {
            Q::No => {}
            Q::Yes => {
                *q = Q::No;
                *queued = false;
                push_command(out, refuse, opt);
            }
            Q::WantNo => *queued = false,
            // The answer to our request is still coming: disable it when it does.
            Q::WantYes => *queued = true,
        }
    }

    /// Feed bytes read from the client. Protocol answers owed to the client
    /// are appended to `out` (send them as they are: they are already
    /// escaped); everything found is appended to `events`.
    pub fn receive(&mut self, input: &[u8], out: &mut Vec<u8>, events: &mut Vec<Event>) {
        for &b in input {
            self.state = match self.state {
                State::Data => {
                    if b == IAC {
                        State::Iac
                    } else {
                        self.data(b, events);
                        State::Data
                    }
                }
                State::Iac => self.command(b, events),
                State::Negotiate(cmd) => {
                    self.negotiate(cmd, b, out, events);
                    State::Data
                }
                State::SbOption => {
                    self.sb_buf.clear();
                    self.sb_overflow = false;
                    State::Sb(b)
                }
                State::Sb(o) => {
                    if b == IAC {
                        State::SbIac(o)
                    } else {
                        self.sb_push(b);
                        State::Sb(o)
                    }
                }
                State::SbIac(o) => match b {
                    IAC => {
                        self.sb_push(IAC);
                        State::Sb(o)
                    }
                    SE => {
                        self.finish_subneg(o, events);
                        State::Data
                    }
                    _ => {
                        // A broken subnegotiation: drop it and read this as a command.
                        self.sb_buf.clear();
                        self.command(b, events)
                    }
                },
            };
        }
    }

    /// One data byte (outside any IAC sequence).
    fn data(&mut self, b: u8, events: &mut Vec<Event>) {
        if self.after_cr {
            self.after_cr = false;
            if b == b'\n' || b == 0 {
                return;
            }
        }
        match b {
            b'\r' => {
                self.after_cr = true;
                self.end_line(events);
            }
            b'\n' => self.end_line(events),
            0x08 | 0x7f => self.erase_char(),
            b'\t' => self.push_line_byte(b' '),
            0..=0x1f => {}
            _ => self.push_line_byte(b),
        }
    }

    /// The byte after an `IAC` in data; returns the next parser state.
    fn command(&mut self, b: u8, events: &mut Vec<Event>) -> State {
        match b {
            WILL | WONT | DO | DONT => State::Negotiate(b),
            SB => State::SbOption,
            IAC => {
                self.push_line_byte(IAC);
                State::Data
            }
            EC => {
                self.erase_char();
                State::Data
            }
            EL => {
                self.line.clear();
                self.line_truncated = false;
                State::Data
            }
            AYT | IP | BRK | AO => {
                events.push(Event::Command(b));
                State::Data
            }
            // NOP, DM, GA, EOR, a stray SE, or no command at all: absorbed.
            _ => State::Data,
        }
    }

    /// The line typed so far, without its end yet (copyover carries it).
    pub fn partial_line(&self) -> &[u8] {
        &self.line
    }

    /// Restore a partly typed line (a copyover's new image), at most
    /// [`MAX_LINE`] bytes; the rest of the line continues it.
    pub fn set_partial_line(&mut self, bytes: &[u8]) {
        self.line.clear();
        self.line
            .extend_from_slice(&bytes[..bytes.len().min(MAX_LINE)]);
    }

    /// Forget the line typed so far.
    pub fn clear_partial_line(&mut self) {
        self.line.clear();
        self.line_truncated = false;
    }

    fn push_line_byte(&mut self, b: u8) {
        if self.line.len() < MAX_LINE {
            self.line.push(b);
        } else {
            self.line_truncated = true;
        }
    }

    /// Remove the last character (a whole UTF-8 sequence) from the line.
    fn erase_char(&mut self) {
        while let Some(&last) = self.line.last() {
            self.line.pop();
            if last & 0xc0 != 0x80 {
                break;
            }
        }
    }

    fn end_line(&mut self, events: &mut Vec<Event>) {
        if self.line_truncated {
            events.push(Event::LineTruncated);
            self.line_truncated = false;
        }
        // C0 controls never get into `line`; C1 controls (U+0080-U+009F,
        // e.g. the 8-bit CSI) would reach other players' terminals as escapes.
        let text: String = String::from_utf8_lossy(&self.line)
            .chars()
            .filter(|c| !('\u{80}'..='\u{9f}').contains(c))
            .collect();
        self.line.clear();
        events.push(Event::Line(text));
    }

    fn sb_push(&mut self, b: u8) {
        if self.sb_buf.len() < MAX_SUBNEG {
            self.sb_buf.push(b);
        } else {
            self.sb_overflow = true;
        }
    }

    /// A complete subnegotiation: dispatch by option.
    fn finish_subneg(&mut self, o: u8, events: &mut Vec<Event>) {
        let data = std::mem::take(&mut self.sb_buf);
        if self.sb_overflow {
            // Cut short: whatever it said cannot be trusted.
            self.sb_overflow = false;
            return;
        }
        match o {
            opt::NAWS => {
                if self.enabled(Side::Him, opt::NAWS) && data.len() == 4 {
                    events.push(Event::Naws {
                        width: u16::from_be_bytes([data[0], data[1]]),
                        height: u16::from_be_bytes([data[2], data[3]]),
                    });
                }
            }
            _ => events.push(Event::Subneg(o, data)),
        }
    }

    /// `IAC cmd o` from the client: RFC 1143 receive rules.
    fn negotiate(&mut self, cmd: u8, o: u8, out: &mut Vec<u8>, events: &mut Vec<Event>) {
        events.push(match cmd {
            WILL => Event::Will(o),
            WONT => Event::Wont(o),
            DO => Event::Do(o),
            _ => Event::Dont(o),
        });
        let s = self.options.get_mut(o);
        // WILL/WONT are about the client's side, DO/DONT about ours.
        let (side, q, queued, accept, refused, yes, no) = match cmd {
            WILL | WONT => (
                Side::Him,
                &mut s.him,
                &mut s.him_queued,
                s.accept_him,
                &mut s.refused_him,
                DO,
                DONT,
            ),
            _ => (
                Side::Us,
                &mut s.us,
                &mut s.us_queued,
                s.accept_us,
                &mut s.refused_us,
                WILL,
                WONT,
            ),
        };
        let positive = cmd == WILL || cmd == DO;
        if positive {
            match *q {
                Q::No => {
                    if accept {
                        *q = Q::Yes;
                        push_command(out, yes, o);
                        events.push(Event::Enabled(side, o));
                    } else if !*refused {
                        *refused = true;
                        push_command(out, no, o);
                    }
                }
                Q::Yes => {}
                Q::WantNo => {
                    // An answer to a refusal that crossed ours: stay off.
                    *q = Q::No;
                    *queued = false;
                }
                Q::WantYes => {
                    if *queued {
                        // We changed our mind while asking: turn it off again.
                        *q = Q::No;
                        *queued = false;
                        push_command(out, no, o);
                    } else {
                        *q = Q::Yes;
                        events.push(Event::Enabled(side, o));
                    }
                }
            }
        } else {
            match *q {
                Q::No => {}
                Q::Yes => {
                    *q = Q::No;
                    push_command(out, no, o);
                    events.push(Event::Disabled(side, o));
                }
                Q::WantNo => {
                    *q = Q::No;
                    *queued = false;
                }
                Q::WantYes => {
                    *q = Q::No;
                    *queued = false;
                    events.push(Event::Disabled(side, o));
                }
            }
        }
    }
}

/// Append `IAC cmd opt`.
pub fn push_command(out: &mut Vec<u8>, cmd: u8, opt: u8) {
    out.extend_from_slice(&[IAC, cmd, opt]);
}

/// Append `IAC GA` (the end of a prompt).
pub fn push_ga(out: &mut Vec<u8>) {
    out.extend_from_slice(&[IAC, GA]);
}

/// Append `IAC EOR` (the end of a prompt, once the client agreed to EOR).
pub fn push_eor(out: &mut Vec<u8>) {
    out.extend_from_slice(&[IAC, EOR]);
}

/// Append data with every 0xff byte doubled, so the client does not read it
/// as a command.
pub fn push_escaped(out: &mut Vec<u8>, data: &[u8]) {
    for chunk in data.split_inclusive(|&b| b == IAC) {
        out.extend_from_slice(chunk);
        if chunk.last() == Some(&IAC) {
            out.push(IAC);
        }
    }
}

/// Append a subnegotiation `IAC SB opt <data, escaped> IAC SE`.
pub fn push_subneg(out: &mut Vec<u8>, opt: u8, data: &[u8]) {
    out.extend_from_slice(&[IAC, SB, opt]);
    push_escaped(out, data);
    out.extend_from_slice(&[IAC, SE]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feed `input` to `t`; return (events, answers).
    fn feed(t: &mut Telnet, input: &[u8]) -> (Vec<Event>, Vec<u8>) {
        let mut out = Vec::new();
        let mut ev = Vec::new();
        t.receive(input, &mut out, &mut ev);
        (ev, out)
    }

    fn lines(ev: &[Event]) -> Vec<String> {
        ev.iter()
            .filter_map(|e| match e {
                Event::Line(s) => Some(s.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_line_end_form_ends_exactly_one_line() {
        for input in [&b"look\r\n"[..], b"look\n", b"look\r\0", b"look\r"] {
            let mut t = Telnet::new();
            let (ev, out) = feed(&mut t, input);
            assert_eq!(ev, vec![Event::Line("look".into())], "{input:?}");
            assert!(out.is_empty());
            // The next line is not affected by what came before.
            let (ev, _) = feed(&mut t, b"north\r\n");
            assert_eq!(lines(&ev), vec!["north"], "after {input:?}");
        }
    }

    #[test]
    fn mixed_line_ends_and_empty_lines() {
        let mut t = Telnet::new();
        let (ev, _) = feed(&mut t, b"a\r\nb\nc\r\0d\re\r\n\r\n\n");
        assert_eq!(lines(&ev), vec!["a", "b", "c", "d", "e", "", ""]);
    }

    #[test]
    fn crlf_split_across_reads() {
        let mut t = Telnet::new();
        let (ev, _) = feed(&mut t, b"say hi\r");
        assert_eq!(lines(&ev), vec!["say hi"]);
        let (ev, _) = feed(&mut t, b"\n");
        assert!(ev.is_empty(), "the LF belongs to the CR: {ev:?}");
        let (ev, _) = feed(&mut t, b"\0");
        assert_eq!(
            lines(&ev),
            Vec::<String>::new(),
            "a NUL after LF is just dropped"
        );
        let (ev, _) = feed(&mut t, b"x\r");
        let (ev2, _) = feed(&mut t, b"\0y\n");
        assert_eq!(lines(&ev), vec!["x"]);
        assert_eq!(lines(&ev2), vec!["y"]);
    }

    #[test]
    fn backspace_and_delete_erase() {
        let mut t = Telnet::new();
        let (ev, _) = feed(&mut t, b"lookk\x08 n\x7f\x7f\r\n");
        assert_eq!(lines(&ev), vec!["look"]);
        // Erasing past the start of the line is harmless.
        let (ev, _) = feed(&mut t, b"\x08\x08\x7fab\x08c\n");
        assert_eq!(lines(&ev), vec!["ac"]);
        // A multi-byte character is erased whole.
        let (ev, _) = feed(&mut t, "sé\x7f".as_bytes());
        assert!(ev.is_empty());
        let (ev, _) = feed(&mut t, b"e\n");
        assert_eq!(lines(&ev), vec!["se"]);
        // IAC EC and IAC EL.
        let (ev, _) = feed(&mut t, &[b'a', b'b', IAC, EC, b'\n']);
        assert_eq!(lines(&ev), vec!["a"]);
        let (ev, _) = feed(&mut t, &[b'a', b'b', IAC, EL, b'c', b'\n']);
        assert_eq!(lines(&ev), vec!["c"]);
    }

    #[test]
    fn control_bytes_dropped_tab_is_space() {
        let mut t = Telnet::new();
        let (ev, _) = feed(&mut t, b"\x01lo\x1bok\x07\tnorth\x00\n");
        assert_eq!(lines(&ev), vec!["look north"]);
    }

    #[test]
    fn escape_sequences_cannot_get_through() {
        let mut t = Telnet::new();
        // ESC [ 2 J (clear screen), an 8-bit CSI (U+009B) and OSC.
        let (ev, _) = feed(&mut t, "a\x1b[2Jb\u{9b}31mc\x1b]0;x\x07d\n".as_bytes());
        assert_eq!(lines(&ev), vec!["a[2Jb31mc]0;xd"]);
    }

    #[test]
    fn non_utf8_decoded_lossily() {
        let mut t = Telnet::new();
        let (ev, _) = feed(&mut t, b"caf\xe9 \xc3\xa9t\xc3\xa9\n");
        assert_eq!(lines(&ev), vec!["caf\u{fffd} été"]);
    }

    #[test]
    fn long_line_cut_at_4k_with_notice() {
        let mut t = Telnet::new();
        let mut input = vec![b'x'; MAX_LINE + 1000];
        input.extend_from_slice(b"\r\nshort\r\n");
        let (ev, _) = feed(&mut t, &input);
        assert_eq!(ev.len(), 3, "{:?}", &ev[..ev.len().min(3)]);
        assert_eq!(ev[0], Event::LineTruncated);
        assert_eq!(ev[1], Event::Line("x".repeat(MAX_LINE)));
        assert_eq!(ev[2], Event::Line("short".into()));
        // Exactly MAX_LINE bytes is not a cut.
        let mut input = vec![b'y'; MAX_LINE];
        input.push(b'\n');
        let (ev, _) = feed(&mut t, &input);
        assert_eq!(ev, vec![Event::Line("y".repeat(MAX_LINE))]);
    }

    #[test]
    fn long_line_across_many_reads_stays_bounded() {
        let mut t = Telnet::new();
        for _ in 0..100 {
            let (ev, _) = feed(&mut t, &[b'z'; 1000]);
            assert!(ev.is_empty());
            assert!(t.line.len() <= MAX_LINE);
        }
        let (ev, _) = feed(&mut t, b"\n");
        assert_eq!(ev[0], Event::LineTruncated);
    }

    #[test]
    fn iac_iac_is_a_literal_byte_and_output_doubles_it() {
        let mut t = Telnet::new();
        let (ev, out) = feed(&mut t, &[b'a', IAC, IAC, b'b', b'\n']);
        assert!(out.is_empty());
        // 0xff alone is not UTF-8: it decodes to U+FFFD.
        assert_eq!(lines(&ev), vec!["a\u{fffd}b"]);

        let mut out = Vec::new();
        push_escaped(&mut out, &[1, IAC, 2, IAC, IAC]);
        assert_eq!(out, vec![1, IAC, IAC, 2, IAC, IAC, IAC, IAC]);
        let mut out = Vec::new();
        push_escaped(&mut out, b"plain");
        assert_eq!(out, b"plain");

        // What we escape, the codec reads back as the same bytes.
        let mut out = Vec::new();
        push_escaped(&mut out, "x\u{ff}y\n".as_bytes()); // U+00FF is c3 bf: no IAC
        let (ev, _) = feed(&mut t, &out);
        assert_eq!(lines(&ev), vec!["x\u{ff}y"]);
    }

    #[test]
    fn stray_iac_and_junk_absorbed() {
        let mut t = Telnet::new();
        let (ev, out) = feed(
            &mut t,
            &[b'h', IAC, b'x', b'i', IAC, NOP, IAC, GA, IAC, SE, b'\n'],
        );
        assert!(out.is_empty());
        assert_eq!(ev, vec![Event::Line("hi".into())]);
        let (ev, _) = feed(&mut t, &[IAC, AYT, b'o', b'k', b'\n']);
        assert_eq!(ev, vec![Event::Command(AYT), Event::Line("ok".into())]);
        // All byte values, many times over: the codec never panics, never
        // keeps more than its bounds, and comes back in sync.
        let mut junk = Vec::new();
        let mut x: u32 = 12345;
        for _ in 0..200_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            junk.push((x >> 16) as u8);
        }
        let (_, _) = feed(&mut t, &junk);
        assert!(t.line.len() <= MAX_LINE);
        assert!(t.sb_buf.len() <= MAX_SUBNEG);
        // Whatever state the junk left, IAC SE twice and a line end resync.
        let (ev, _) = feed(
            &mut t,
            &[IAC, SE, IAC, SE, b'\n', b'l', b'o', b'o', b'k', b'\n'],
        );
        assert_eq!(lines(&ev).last().map(String::as_str), Some("look"));
    }

    #[test]
    fn start_offers_sga_and_client_agreement_is_silent() {
        let mut t = Telnet::new();
        let mut out = Vec::new();
        t.start(&mut out);
        assert_eq!(out, vec![IAC, WILL, opt::SGA]);
        let (ev, out) = feed(&mut t, &[IAC, DO, opt::SGA]);
        assert!(out.is_empty(), "an agreement is not answered: {out:?}");
        assert!(ev.contains(&Event::Enabled(Side::Us, opt::SGA)));
        assert!(t.enabled(Side::Us, opt::SGA));
        // A repeated DO changes nothing and is not answered.
        let (_, out) = feed(&mut t, &[IAC, DO, opt::SGA]);
        assert!(out.is_empty());
    }

    #[test]
    fn client_refusing_sga_leaves_it_off_without_loop() {
        let mut t = Telnet::new();
        let mut out = Vec::new();
        t.start(&mut out);
        let (ev, out) = feed(&mut t, &[IAC, DONT, opt::SGA]);
        assert!(out.is_empty(), "{out:?}");
        assert!(ev.contains(&Event::Disabled(Side::Us, opt::SGA)));
        assert!(!t.enabled(Side::Us, opt::SGA));
    }

    #[test]
    fn unsupported_options_refused_once() {
        let mut t = Telnet::new();
        let (ev, out) = feed(&mut t, &[IAC, WILL, opt::NAWS, IAC, DO, opt::GMCP]);
        assert_eq!(out, vec![IAC, DONT, opt::NAWS, IAC, WONT, opt::GMCP]);
        assert_eq!(ev, vec![Event::Will(opt::NAWS), Event::Do(opt::GMCP)]);
        // Asked again: no second refusal, so two stubborn ends cannot loop.
        let (ev, out) = feed(&mut t, &[IAC, WILL, opt::NAWS, IAC, DO, opt::GMCP]);
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(ev.len(), 2);
        // WONT/DONT for something that is off: silence.
        let (_, out) = feed(&mut t, &[IAC, WONT, opt::TTYPE, IAC, DONT, opt::MCCP2]);
        assert!(out.is_empty());
        assert!(!t.enabled(Side::Him, opt::NAWS));
        assert!(!t.enabled(Side::Us, opt::GMCP));
    }

    #[test]
    fn client_do_echo_unasked_is_refused() {
        let mut t = Telnet::new();
        let (_, out) = feed(&mut t, &[IAC, DO, opt::ECHO]);
        assert_eq!(out, vec![IAC, WONT, opt::ECHO]);
        assert!(!t.enabled(Side::Us, opt::ECHO));
    }

    #[test]
    fn client_will_sga_is_accepted() {
        let mut t = Telnet::new();
        let (ev, out) = feed(&mut t, &[IAC, WILL, opt::SGA]);
        assert_eq!(out, vec![IAC, DO, opt::SGA]);
        assert!(ev.contains(&Event::Enabled(Side::Him, opt::SGA)));
        let (_, out) = feed(&mut t, &[IAC, WILL, opt::SGA]);
        assert!(out.is_empty());
        // The client withdraws it: acknowledged once.
        let (_, out) = feed(&mut t, &[IAC, WONT, opt::SGA]);
        assert_eq!(out, vec![IAC, DONT, opt::SGA]);
        let (_, out) = feed(&mut t, &[IAC, WONT, opt::SGA]);
        assert!(out.is_empty());
    }

    #[test]
    fn echo_hide_and_show_password() {
        let mut t = Telnet::new();
        let mut out = Vec::new();
        t.set_echo(false, &mut out);
        assert_eq!(out, vec![IAC, WILL, opt::ECHO]);
        // Asking twice while the answer is pending sends nothing more.
        out.clear();
        t.set_echo(false, &mut out);
        assert!(out.is_empty());
        let (_, ans) = feed(&mut t, &[IAC, DO, opt::ECHO]);
        assert!(ans.is_empty());
        assert!(t.enabled(Side::Us, opt::ECHO));
        out.clear();
        t.set_echo(true, &mut out);
        assert_eq!(out, vec![IAC, WONT, opt::ECHO]);
        assert!(!t.enabled(Side::Us, opt::ECHO));
        // TinTin++ never answers the WONT; the next password prompt must still
        // hide the input.
        out.clear();
        t.set_echo(false, &mut out);
        assert_eq!(out, vec![IAC, WILL, opt::ECHO]);
        // A client that does acknowledge (late DONT after our WONT) is fine too.
        let (_, ans) = feed(&mut t, &[IAC, DO, opt::ECHO]);
        assert!(ans.is_empty());
        out.clear();
        t.set_echo(true, &mut out);
        let (_, ans) = feed(&mut t, &[IAC, DONT, opt::ECHO]);
        assert!(ans.is_empty(), "{ans:?}");
        assert_eq!(out, vec![IAC, WONT, opt::ECHO]);
    }

    #[test]
    fn echo_refused_by_client() {
        let mut t = Telnet::new();
        let mut out = Vec::new();
        t.set_echo(false, &mut out);
        let (ev, ans) = feed(&mut t, &[IAC, DONT, opt::ECHO]);
        assert!(ans.is_empty());
        assert!(ev.contains(&Event::Disabled(Side::Us, opt::ECHO)));
        assert!(!t.enabled(Side::Us, opt::ECHO));
    }

    #[test]
    fn echo_show_while_hide_pending_is_queued() {
        let mut t = Telnet::new();
        let mut out = Vec::new();
        t.set_echo(false, &mut out);
        out.clear();
        t.set_echo(true, &mut out);
        assert!(
            out.is_empty(),
            "nothing to withdraw until the client answers"
        );
        let (_, ans) = feed(&mut t, &[IAC, DO, opt::ECHO]);
        assert_eq!(ans, vec![IAC, WONT, opt::ECHO]);
        assert!(!t.enabled(Side::Us, opt::ECHO));
    }

    #[test]
    fn two_q_method_ends_do_not_loop() {
        // Two codecs wired back to back, both refusing NAWS; one offers it.
        let mut a = Telnet::new();
        let mut b = Telnet::new();
        let mut to_b = Vec::new();
        a.enable(Side::Us, opt::NAWS, &mut to_b);
        let mut rounds = 0;
        while !to_b.is_empty() {
            rounds += 1;
            assert!(rounds < 10, "negotiation loop");
            let mut to_a = Vec::new();
            let mut ev = Vec::new();
            b.receive(&std::mem::take(&mut to_b), &mut to_a, &mut ev);
            a.receive(&to_a, &mut to_b, &mut ev);
        }
        assert!(!a.enabled(Side::Us, opt::NAWS));
        assert!(!b.enabled(Side::Him, opt::NAWS));
    }

    #[test]
    fn subneg_dispatch_and_iac_inside() {
        let mut t = Telnet::new();
        let (ev, _) = feed(
            &mut t,
            &[
                IAC,
                SB,
                opt::TTYPE,
                0,
                b'X',
                IAC,
                IAC,
                b'Y',
                IAC,
                SE,
                b'h',
                b'\n',
            ],
        );
        assert_eq!(
            ev,
            vec![
                Event::Subneg(opt::TTYPE, vec![0, b'X', IAC, b'Y']),
                Event::Line("h".into())
            ]
        );
        // Line ends inside a subnegotiation are payload, not lines.
        let (ev, _) = feed(&mut t, &[IAC, SB, 99, b'\r', b'\n', IAC, SE]);
        assert_eq!(ev, vec![Event::Subneg(99, vec![b'\r', b'\n'])]);
    }

    #[test]
    fn naws_reported_only_when_enabled() {
        let mut t = Telnet::new();
        let sb = [IAC, SB, opt::NAWS, 0, 80, 0, 24, IAC, SE];
        let (ev, _) = feed(&mut t, &sb);
        assert!(ev.is_empty(), "{ev:?}");
        t.options_mut().get_mut(opt::NAWS).accept_him = true;
        let (_, out) = feed(&mut t, &[IAC, WILL, opt::NAWS]);
        assert_eq!(out, vec![IAC, DO, opt::NAWS]);
        let (ev, _) = feed(&mut t, &[IAC, SB, opt::NAWS, 1, 0, 0, IAC, IAC, IAC, SE]);
        assert_eq!(
            ev,
            vec![Event::Naws {
                width: 256,
                height: 255
            }]
        );
    }

    #[test]
    fn subneg_bounded_64k_garbage_then_resync() {
        let mut t = Telnet::new();
        let mut input = vec![IAC, SB, opt::TTYPE];
        input.extend((0..65536u32).map(|i| (i % 250) as u8 + 1)); // no IAC
        input.extend_from_slice(&[IAC, SE]);
        input.extend_from_slice(b"look\r\n");
        let (ev, out) = feed(&mut t, &input);
        assert!(out.is_empty());
        assert_eq!(
            ev,
            vec![Event::Line("look".into())],
            "overflowed SB is dropped"
        );
        assert!(t.sb_buf.capacity() <= 2 * MAX_SUBNEG);
        // A subnegotiation of exactly the bound still arrives.
        let mut input = vec![IAC, SB, 77];
        input.extend(std::iter::repeat_n(b'a', MAX_SUBNEG));
        input.extend_from_slice(&[IAC, SE]);
        let (ev, _) = feed(&mut t, &input);
        assert_eq!(ev, vec![Event::Subneg(77, vec![b'a'; MAX_SUBNEG])]);
    }

    #[test]
    fn subneg_without_se() {
        let mut t = Telnet::new();
        // A subnegotiation that never ends swallows data (it is payload), but
        // stays bounded...
        let mut input = vec![IAC, SB, opt::TTYPE];
        input.extend(std::iter::repeat_n(b'q', 3 * MAX_SUBNEG));
        input.extend_from_slice(b"look\r\n");
        let (ev, _) = feed(&mut t, &input);
        assert!(ev.is_empty());
        assert!(t.sb_buf.len() <= MAX_SUBNEG);
        // ...and the next telnet command ends it, so negotiation and lines work again.
        let (ev, out) = feed(&mut t, &[IAC, WILL, opt::GMCP, b'n', b'\n']);
        assert_eq!(out, vec![IAC, DONT, opt::GMCP]);
        assert_eq!(ev, vec![Event::Will(opt::GMCP), Event::Line("n".into())]);
        // Also when the next thing is another subnegotiation.
        let (ev, _) = feed(&mut t, &[IAC, SB, 5, b'a', IAC, SB, 6, b'b', IAC, SE]);
        assert_eq!(ev, vec![Event::Subneg(6, vec![b'b'])]);
    }

    #[test]
    fn negotiation_split_across_reads() {
        let mut t = Telnet::new();
        let (_, out1) = feed(&mut t, &[IAC]);
        let (_, out2) = feed(&mut t, &[WILL]);
        let (ev, out3) = feed(&mut t, &[opt::TTYPE]);
        assert!(out1.is_empty() && out2.is_empty());
        assert_eq!(out3, vec![IAC, DONT, opt::TTYPE]);
        assert_eq!(ev, vec![Event::Will(opt::TTYPE)]);
    }

    #[test]
    fn output_helpers() {
        let mut out = Vec::new();
        push_ga(&mut out);
        push_command(&mut out, WILL, opt::EOR);
        push_subneg(&mut out, opt::GMCP, &[b'a', IAC]);
        assert_eq!(
            out,
            vec![
                IAC,
                GA,
                IAC,
                WILL,
                opt::EOR,
                IAC,
                SB,
                opt::GMCP,
                b'a',
                IAC,
                IAC,
                IAC,
                SE
            ]
        );
    }
}
