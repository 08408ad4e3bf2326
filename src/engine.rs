//! The seam between the network layer and the game: a leaf module (it
//! imports neither), so `net` and `game`/`world` both depend on it and
//! never on each other.
//!
//! The loop in `net` knows connections, bytes and timers; the game knows
//! characters and commands. They meet only through [`Engine`]: the loop
//! hands the engine complete input lines and pulses, and drains an
//! [`Outbound`] per connection. So the game is testable without sockets
//! (call the methods directly) and the network without the game (a dummy
//! engine).

/// A network connection as the game knows it (the net loop's table key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnId(pub usize);

/// Wakes the loop from another thread (the loop's `mio::Waker`): work the
/// game handed off (a player file being written) has finished.
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;

/// The address a peer (`1.2.3.4:5678`, `[2001:db8::1]:5678`) counts as for
/// limits: its IP; an IPv6 address by its /64 network (one host usually
/// holds a whole /64), an IPv4-mapped one as IPv4. Anything that does not
/// parse stands for itself.
pub fn peer_address(peer: &str) -> String {
    use std::net::{IpAddr, SocketAddr};
    let ip = match peer.parse::<SocketAddr>() {
        Ok(a) => a.ip(),
        Err(_) => match peer.parse::<IpAddr>() {
            Ok(ip) => ip,
            Err(_) => return peer.to_string(),
        },
    };
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Password work the loop runs off its thread (argon2 costs milliseconds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HashJob {
    /// Hash a new password; answered with `HashResult::Hashed`.
    Hash { password: String },
    /// Check a password against a stored PHC hash; answered with `Verified`.
    Verify { password: String, hash: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HashResult {
    Hashed(Result<String, String>),
    Verified(bool),
}

/// What the game wants sent or done for one connection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outbound {
    /// Game text with `\n` line ends (the net layer sends CR LF).
    pub text: String,
    /// The prompt to show after the text (the loop adds GA/EOR), when the
    /// connection is at a point where a prompt belongs.
    pub prompt: Option<String>,
    /// `Some(false)`: stop echoing (a password follows); `Some(true)`: echo again.
    pub echo: Option<bool>,
    /// Close the connection once this output is flushed.
    pub close: bool,
    /// Password jobs to run off the loop thread; results come back via
    /// [`Engine::hash_done`] in the same order.
    pub hash_jobs: Vec<HashJob>,
    /// Out-of-band GMCP messages as (package, JSON text), sent after `text`
    /// to clients that agreed to GMCP and support the package.
    pub gmcp: Vec<(String, String)>,
    /// The player's display settings, when known (a playing connection).
    pub prefs: Option<Prefs>,
    /// ROM's `compact`: no blank line before the prompt.
    pub compact: bool,
}

/// A player's settings the net layer carries out for the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefs {
    /// Render colour codes (else strip them).
    pub colour: bool,
    /// Word-wrap text to the client's window width (NAWS).
    pub wrap: bool,
    /// End prompts with IAC EOR / IAC GA.
    pub prompt_mark: bool,
    /// Use MCCP2 compression when the client agrees.
    pub compress: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            colour: true,
            wrap: false,
            prompt_mark: true,
            compress: true,
        }
    }
}

/// What the net layer learned about a connection's client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientInfo {
    /// The client's name (TTYPE/MTTS first answer, else GMCP `Core.Hello`).
    pub client: String,
    /// Its version (GMCP `Core.Hello`), if it said.
    pub version: String,
    /// The terminal type (TTYPE second answer).
    pub terminal: String,
    /// MTTS bits (see `protocols::mtts::bits`).
    pub mtts: u32,
    /// Window size from NAWS (0 when unknown).
    pub width: u16,
    pub height: u16,
    /// UTF-8 agreed (CHARSET or MTTS); else output is 7-bit.
    pub utf8: bool,
    /// The client announced a screen reader (MTTS 64): no colour.
    pub screen_reader: bool,
    /// Colour depth offered: 0 none, 16, 256 or 16777216.
    pub colours: u32,
    /// GMCP agreed, and the modules the client listed (empty: all).
    pub gmcp: bool,
    pub gmcp_supports: Vec<String>,
    /// MCCP2 compression running.
    pub mccp: bool,
    /// Prompts end with IAC EOR (else IAC GA).
    pub eor: bool,
}

impl Outbound {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.echo.is_none()
            && !self.close
            && self.hash_jobs.is_empty()
            && self.gmcp.is_empty()
    }
}

/// The game as the network loop sees it.
pub trait Engine {
    /// A new connection was accepted (queue the greeting).
    fn connected(&mut self, conn: ConnId, peer: &str);
    /// One complete input line (telnet already decoded, no line end).
    fn input(&mut self, conn: ConnId, line: &str);
    /// False while the connection's character is in a wait state, or while a
    /// password job for it is running: the loop then keeps further lines queued.
    fn ready(&self, conn: ConnId) -> bool;
    /// Is this connection playing (past the login)? Playing connections'
    /// lines are handled first each turn; the others share a budget of
    /// [`super::PREGAME_LINES_PER_TURN`], so a crowd of strangers cannot
    /// slow the players down.
    fn in_game(&self, _conn: ConnId) -> bool {
        true
    }
    /// The result of a [`HashJob`] queued for `conn`.
    fn hash_done(&mut self, conn: ConnId, result: HashResult);
    /// The connection is gone (closed by the peer, or dropped by the loop).
    fn disconnected(&mut self, conn: ConnId);
    /// One pulse (a quarter of a second).
    fn pulse(&mut self);
    /// Connections that have something in their [`Outbound`] now.
    fn pending(&mut self) -> Vec<ConnId>;
    /// Take what is queued for `conn`.
    fn take_output(&mut self, conn: ConnId) -> Outbound;
    /// Save everyone (before exit or exec).
    fn save_all(&mut self);
    /// The game asked to shut down.
    fn wants_shutdown(&self) -> bool;
    /// The game asked for a copyover: the loop stops at the next quiet point
    /// (between turns) and returns [`super::Exit::Stopped`] to its caller.
    fn wants_copyover(&self) -> bool {
        false
    }
    /// What the client of `conn` negotiated changed (name, window size,
    /// charset, GMCP, compression...). Called after negotiation and after a
    /// copyover restores a connection.
    fn client_info(&mut self, _conn: ConnId, _info: &ClientInfo) {}
    /// How to wake the loop from another thread; given before the loop runs.
    fn set_wake(&mut self, _wake: Wake) {}
    /// Called once per loop turn (after input and the pulse, before output
    /// is drained): pick up work finished off the loop, such as player
    /// files written, and queue what it means for the players.
    fn background(&mut self) {}
    /// The game's MSSP variables (NAME, PLAYERS, UPTIME, AREAS, ...); the
    /// net layer adds CODEBASE, PORT and the protocols it speaks.
    fn mssp(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::peer_address;

    #[test]
    fn peers_count_by_address() {
        assert_eq!(peer_address("1.2.3.4:5678"), "1.2.3.4");
        assert_eq!(peer_address("1.2.3.4"), "1.2.3.4");
        assert_eq!(
            peer_address("[2001:db8:1:2:3:4:5:6]:4000"),
            "2001:db8:1:2::/64"
        );
        assert_eq!(peer_address("[::ffff:10.0.0.1]:99"), "10.0.0.1");
        assert_eq!(peer_address("test"), "test");
    }
}
