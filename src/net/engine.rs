//! The seam between the network layer and the game.
//!
//! The loop in `net` knows connections, bytes and timers; the game knows
//! characters and commands. They meet only through [`Engine`]: the loop
//! hands the engine complete input lines and pulses, and drains an
//! [`Outbound`] per connection. So the game is testable without sockets
//! (call the methods directly) and the network without the game (a dummy
//! engine).

pub use crate::world::ConnId;

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
}

impl Outbound {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.echo.is_none() && !self.close && self.hash_jobs.is_empty()
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
}
