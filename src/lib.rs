//! GraceMUD: a ROM-style MUD server whose signature is the graceful reboot.
//!
//! The data flow reads straight down this list: `net` turns socket bytes into
//! lines, `game` turns lines into changes to the `world` and queued text, and
//! `net` sends that text back out. `db` reads area files into prototypes;
//! `save` reads and writes player files.
//!
//! The module graph runs one way: `main` → `copyover` (orchestration) →
//! `game` → `world`/`db`/`save` and `net` → the leaves `engine` (the seam
//! between net and game) and `copyover::files` (the hand-over formats).
//! Nothing below calls back up: `world` knows no sockets, `net` no game.

/// A scripted multi-connection telnet client (copyover test, load generator).
pub mod client;
/// Graceful reboot: copyover.dat, fd hand-over, exec and rollback.
pub mod copyover;
/// Reading ROM 2.4 area files into prototypes ("db.c").
pub mod db;
/// The seam between `net` and the game (connection ids, what goes each
/// way, the `Engine` trait): a leaf both sides use.
pub mod engine;
/// Commands, the login dialogue and the game's side of the net seam.
pub mod game;
/// The copyover guardian: holds the sockets until the new image answers.
pub mod guardian;
/// Sockets, the event loop, the telnet codec ("comm.c") and the web client.
pub mod net;
/// Player files: reading and writing, atomically.
pub mod save;
/// The running world: prototypes, instances, handler functions, act(), resets.
pub mod world;
