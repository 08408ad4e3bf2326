//! TTYPE with MTTS: learning what the client is by asking it repeatedly.
//!
//! After the client agrees to TTYPE (`IAC WILL TTYPE`) the server sends
//! `IAC SB TTYPE SEND IAC SE`; each answer is `IAC SB TTYPE IS <name> IAC SE`.
//! MTTS clients answer in turn with their client name, their terminal type
//! and `MTTS <bits>`, then repeat the last answer. [`Ttype`] records the
//! answers and says when to ask again; it stops when an answer repeats or
//! after [`MAX_ROUNDS`], so a client cycling forever cannot keep it asking.

/// MTTS bits.
pub mod bits {
    pub const ANSI: u32 = 1;
    pub const VT100: u32 = 2;
    pub const UTF8: u32 = 4;
    pub const COLORS_256: u32 = 8;
    pub const MOUSE: u32 = 16;
    pub const OSC_COLOR: u32 = 32;
    pub const SCREEN_READER: u32 = 64;
    pub const PROXY: u32 = 128;
    pub const TRUECOLOR: u32 = 256;
    pub const MNES: u32 = 512;
    pub const MSLP: u32 = 1024;
    pub const SSL: u32 = 2048;
}

/// TTYPE subnegotiation commands.
pub const IS: u8 = 0;
pub const SEND: u8 = 1;

/// Most SENDs per connection.
pub const MAX_ROUNDS: u8 = 4;
/// Longest name kept.
pub const MAX_NAME: usize = 64;

/// What TTYPE told us so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ttype {
    /// The first answer (MTTS: the client's name), e.g. `TINTIN++`.
    pub client: String,
    /// The second answer (MTTS: the terminal), e.g. `XTERM-256COLOR`.
    pub terminal: String,
    /// The MTTS bit vector (0 when the client sent none).
    pub mtts: u32,
    /// SENDs sent.
    pub rounds: u8,
    /// Answers received.
    pub answers: u8,
    /// No more asking.
    pub done: bool,
    last: String,
}

impl Ttype {
    /// Record a SEND going out; false when the cycle is over (do not send).
    pub fn ask(&mut self) -> bool {
        if self.done || self.rounds >= MAX_ROUNDS {
            self.done = true;
            return false;
        }
        self.rounds += 1;
        true
    }

    /// Handle a TTYPE subnegotiation payload. True when another SEND should
    /// go out (call [`Ttype::ask`] first). Anything but an `IS` answer to a
    /// SEND of ours is ignored.
    pub fn answer(&mut self, payload: &[u8]) -> bool {
        if payload.first() != Some(&IS) || self.answers >= self.rounds || self.done {
            return false;
        }
        self.answers += 1;
        let name: String = String::from_utf8_lossy(&payload[1..])
            .chars()
            .filter(|c| c.is_ascii_graphic() || *c == ' ')
            .take(MAX_NAME)
            .collect();
        let name = name.trim().to_string();
        let repeat = self.answers > 1 && name.eq_ignore_ascii_case(&self.last);
        self.last = name.clone();
        if let Some(n) = mtts_number(&name) {
            self.mtts = n;
            if self.terminal.is_empty() {
                self.terminal = self.client.clone();
            }
            self.done = true;
            return false;
        }
        match self.answers {
            1 => self.client = name,
            _ if repeat => {
                // A client with a single name: it is also the terminal.
                if self.terminal.is_empty() {
                    self.terminal = name;
                }
                self.done = true;
            }
            2 => self.terminal = name,
            _ => {}
        }
        if self.mtts == 0 {
            self.mtts = guess_bits(&self.terminal);
        }
        !self.done
    }

    /// The bits, from MTTS or guessed from the terminal name.
    pub fn bits(&self) -> u32 {
        self.mtts
    }
}

/// `MTTS 271` → 271.
fn mtts_number(name: &str) -> Option<u32> {
    let rest = name
        .strip_prefix("MTTS ")
        .or_else(|| name.strip_prefix("mtts "))?;
    rest.trim().parse().ok()
}

/// Bits a plain terminal name implies (for clients without MTTS).
pub fn guess_bits(terminal: &str) -> u32 {
    let t = terminal.to_ascii_uppercase();
    let mut b = 0;
    if t.contains("256COLOR") {
        b |= bits::ANSI | bits::COLORS_256;
    }
    if t.contains("TRUECOLOR") || t.contains("DIRECT") {
        b |= bits::ANSI | bits::COLORS_256 | bits::TRUECOLOR;
    }
    if t.starts_with("XTERM")
        || t.starts_with("ANSI")
        || t.starts_with("VT100")
        || t.contains("LINUX")
    {
        b |= bits::ANSI;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is(name: &str) -> Vec<u8> {
        let mut v = vec![IS];
        v.extend_from_slice(name.as_bytes());
        v
    }

    #[test]
    fn mtts_cycle_like_tintin() {
        let mut t = Ttype::default();
        assert!(t.ask());
        assert!(t.answer(&is("TINTIN++")));
        assert!(t.ask());
        assert!(t.answer(&is("XTERM-256COLOR")));
        assert!(t.ask());
        assert!(!t.answer(&is("MTTS 271")));
        assert!(t.done);
        assert_eq!(t.client, "TINTIN++");
        assert_eq!(t.terminal, "XTERM-256COLOR");
        assert_eq!(t.bits(), 271);
        assert!(!t.ask(), "no more asking");
        // A late, repeated answer changes nothing.
        assert!(!t.answer(&is("MTTS 1")));
        assert_eq!(t.bits(), 271);
    }

    #[test]
    fn single_name_client_stops_on_repeat() {
        let mut t = Ttype::default();
        t.ask();
        assert!(t.answer(&is("XTERM")));
        t.ask();
        assert!(!t.answer(&is("XTERM")));
        assert!(t.done);
        assert_eq!(t.client, "XTERM");
        assert_eq!(t.terminal, "XTERM");
        assert_eq!(t.bits(), bits::ANSI);
    }

    #[test]
    fn endless_cycler_is_bounded_and_junk_ignored() {
        let mut t = Ttype::default();
        let mut sent = 0;
        let mut more = t.ask();
        while more {
            sent += 1;
            more = t.answer(&is(&format!("NAME{sent}"))) && t.ask();
        }
        assert!(sent <= MAX_ROUNDS as usize);
        // Unasked answers, SEND from the client, and control bytes.
        let mut t = Ttype::default();
        assert!(!t.answer(&is("UNASKED")));
        assert_eq!(t.client, "");
        t.ask();
        assert!(!t.answer(&[SEND]));
        assert!(t.answer(&[IS, b'A', 0x1b, b'[', b'B', 7]));
        assert_eq!(t.client, "A[B");
        let long = "X".repeat(1000);
        let mut t = Ttype::default();
        t.ask();
        t.answer(&is(&long));
        assert_eq!(t.client.len(), MAX_NAME);
    }
}
