//! MCCP2: the server compresses everything it sends with zlib once the
//! client agreed (`IAC DO MCCP2`) and it sent the start marker
//! `IAC SB MCCP2 IAC SE`. The stream ends with a zlib `Z_FINISH`; the
//! client then reads plain bytes again.
//!
//! [`Compressor`] wraps a flate2 stream: data goes in as it is queued
//! (no flush, so a loop turn's text compresses as one block), a sync flush
//! makes everything so far decodable before a write, and [`Compressor::finish`]
//! ends the stream cleanly.

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::net::telnet::{opt, IAC, SB, SE};

/// The marker after which the client inflates what follows.
pub const START: [u8; 5] = [IAC, SB, opt::MCCP2, IAC, SE];

/// One zlib stream (see the module docs).
pub struct Compressor {
    z: Compress,
    /// Data went in since the last flush.
    dirty: bool,
}

impl std::fmt::Debug for Compressor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compressor")
            .field("in", &self.z.total_in())
            .field("out", &self.z.total_out())
            .finish()
    }
}

impl Default for Compressor {
    fn default() -> Self {
        Self::new()
    }
}

impl Compressor {
    /// A new stream (zlib header, default level).
    pub fn new() -> Compressor {
        Compressor {
            z: Compress::new(Compression::default(), true),
            dirty: false,
        }
    }

    /// Has data gone in that a flush has not pushed out yet?
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// Bytes in and out so far.
    pub fn totals(&self) -> (u64, u64) {
        (self.z.total_in(), self.z.total_out())
    }

    /// Compress `data`, appending what zlib emits to `out`.
    pub fn compress(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        if data.is_empty() {
            return Ok(());
        }
        self.dirty = true;
        self.run(data, out, FlushCompress::None).map(|_| ())
    }

    /// Push everything compressed so far out (`Z_SYNC_FLUSH`).
    pub fn sync_flush(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        if !self.dirty {
            return Ok(());
        }
        self.dirty = false;
        self.run(&[], out, FlushCompress::Sync).map(|_| ())
    }

    /// End the stream (`Z_FINISH`): everything pending and the zlib trailer.
    pub fn finish(mut self, out: &mut Vec<u8>) -> Result<(), String> {
        self.dirty = false;
        if self.run(&[], out, FlushCompress::Finish)? {
            Ok(())
        } else {
            Err("zlib stream did not end".into())
        }
    }

    /// Feed `input` with `flush` until it is consumed and (for flushes)
    /// zlib has nothing more to emit. True when the stream ended.
    fn run(
        &mut self,
        mut input: &[u8],
        out: &mut Vec<u8>,
        flush: FlushCompress,
    ) -> Result<bool, String> {
        // Each round makes progress or returns; bound it anyway.
        for _ in 0..10_000 {
            out.reserve(input.len() / 2 + 512);
            let before = self.z.total_in();
            let status = self
                .z
                .compress_vec(input, out, flush)
                .map_err(|e| format!("zlib: {e}"))?;
            let used = (self.z.total_in() - before) as usize;
            input = &input[used.min(input.len())..];
            match status {
                Status::StreamEnd => return Ok(true),
                Status::Ok | Status::BufError => {
                    let room_left = out.len() < out.capacity();
                    if input.is_empty() && room_left && !matches!(flush, FlushCompress::Finish) {
                        return Ok(false);
                    }
                }
            }
        }
        Err("zlib made no progress".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Decompress, FlushDecompress};

    fn inflate(d: &mut Decompress, data: &[u8]) -> (Vec<u8>, bool) {
        let mut out = Vec::with_capacity(1 << 20);
        let before = d.total_in();
        let st = d
            .decompress_vec(data, &mut out, FlushDecompress::Sync)
            .unwrap();
        assert_eq!((d.total_in() - before) as usize, data.len());
        (out, st == Status::StreamEnd)
    }

    #[test]
    fn sync_flush_makes_data_readable_and_finish_ends_the_stream() {
        let mut c = Compressor::new();
        let mut d = Decompress::new(true);
        let mut wire = Vec::new();
        c.compress(b"hello ", &mut wire).unwrap();
        c.compress(b"world\r\n", &mut wire).unwrap();
        assert!(c.dirty());
        c.sync_flush(&mut wire).unwrap();
        assert!(!c.dirty());
        let (text, end) = inflate(&mut d, &wire);
        assert_eq!(text, b"hello world\r\n");
        assert!(!end);
        // A flush with nothing new emits nothing.
        let mut none = Vec::new();
        c.sync_flush(&mut none).unwrap();
        assert!(none.is_empty());
        let mut tail = Vec::new();
        c.compress(b"bye", &mut tail).unwrap();
        c.finish(&mut tail).unwrap();
        let (text, end) = inflate(&mut d, &tail);
        assert_eq!(text, b"bye");
        assert!(end, "Z_FINISH ends the zlib stream");
    }

    #[test]
    fn big_incompressible_data_survives() {
        let mut c = Compressor::new();
        let mut x: u32 = 7;
        let data: Vec<u8> = (0..300_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        let mut wire = Vec::new();
        c.compress(&data, &mut wire).unwrap();
        c.finish(&mut wire).unwrap();
        let mut d = Decompress::new(true);
        let mut out = Vec::with_capacity(400_000);
        let st = d
            .decompress_vec(&wire, &mut out, FlushDecompress::Finish)
            .unwrap();
        assert_eq!(st, Status::StreamEnd);
        assert_eq!(out, data);
    }
}
