//! The MUD client protocols layered on telnet, each as small pure helpers
//! the [`Descriptor`](super::descriptor::Descriptor) drives:
//!
//! - [`mtts`]: TTYPE cycling (client name, terminal, `MTTS <bits>`);
//! - [`charset`]: CHARSET (RFC 2066) requests and answers, and the 7-bit
//!   transliteration used when UTF-8 was not agreed;
//! - [`mccp`]: MCCP2 output compression (zlib through flate2);
//! - [`gmcp`]: GMCP message framing and the client's `Core.Supports` set;
//! - [`mssp`]: MSSP variable encoding and the net layer's own variables;
//! - [`json`]: JSON writing (always valid, 7-bit) and a bounded parser for
//!   what clients send.
//!
//! NAWS is parsed by the telnet codec itself (`Event::Naws`); EOR is a
//! prompt marker the descriptor writes.

pub mod charset;
pub mod gmcp;
pub mod json;
pub mod mccp;
pub mod mssp;
pub mod mtts;
