//! "comm.c": everything that touches a socket.

pub mod engine;
