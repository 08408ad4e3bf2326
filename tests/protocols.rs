//! Client protocols over a raw socket against the real binary: what the
//! server offers, how it copes with odd clients (answers out of order,
//! WILL/DO floods, SB without SE, 64 KiB of subnegotiation garbage, CR NUL
//! line ends), MCCP2 toggled mid-stream (inflated here with flate2), GMCP
//! messages (parsed with serde_json), MSSP values, colour, prompt marking
//! and input sanitising.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::{ok, Server, WAIT};
use flate2::{Decompress, FlushDecompress, Status};

const IAC: u8 = 255;
const DONT: u8 = 254;
const DO: u8 = 253;
const WONT: u8 = 252;
const WILL: u8 = 251;
const SB: u8 = 250;
const GA: u8 = 249;
const EL: u8 = 248;
const SE: u8 = 240;
const EOR: u8 = 239;
const SGA: u8 = 3;
const TTYPE: u8 = 24;
const OPT_EOR: u8 = 25;
const NAWS: u8 = 31;
const CHARSET: u8 = 42;
const MSSP: u8 = 70;
const MCCP2: u8 = 86;
const GMCP: u8 = 201;
const START: [u8; 5] = [IAC, SB, MCCP2, IAC, SE];

fn server() -> Server {
    Server::start().unwrap_or_else(|e| panic!("server did not start: {e}"))
}

/// A client that sees the raw bytes, inflating MCCP2 transparently.
struct Raw {
    stream: TcpStream,
    /// Bytes as they came off the socket.
    wire: Vec<u8>,
    pos: usize,
    z: Option<Decompress>,
    /// What the server sent, inflated (start markers kept).
    pub data: Vec<u8>,
    /// How much of `data` `expect` has consumed.
    seen: usize,
    pub starts: usize,
    pub ends: usize,
    pub closed: bool,
}

impl Raw {
    fn connect(port: u16) -> Raw {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(50)))
            .expect("timeout");
        Raw {
            stream,
            wire: Vec::new(),
            pos: 0,
            z: None,
            data: Vec::new(),
            seen: 0,
            starts: 0,
            ends: 0,
            closed: false,
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).expect("send");
    }

    fn line(&mut self, text: &str) {
        self.send(format!("{text}\r\n").as_bytes());
    }

    /// Read what is there (up to ~50 ms) and decode it.
    fn pump(&mut self) {
        let mut buf = [0u8; 65536];
        match self.stream.read(&mut buf) {
            Ok(0) => self.closed = true,
            Ok(n) => self.wire.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        self.decode();
    }

    fn decode(&mut self) {
        loop {
            let rest = &self.wire[self.pos..];
            if rest.is_empty() {
                return;
            }
            match &mut self.z {
                None => {
                    if let Some(p) = rest.windows(5).position(|w| w == START) {
                        self.data.extend_from_slice(&rest[..p + 5]);
                        self.pos += p + 5;
                        self.z = Some(Decompress::new(true));
                        self.starts += 1;
                        continue;
                    }
                    // Hold back a tail that may be the start of a marker.
                    let hold = (1..5)
                        .rev()
                        .find(|&k| rest.len() >= k && rest[rest.len() - k..] == START[..k])
                        .unwrap_or(0);
                    let take = rest.len() - hold;
                    self.data.extend_from_slice(&rest[..take]);
                    self.pos += take;
                    return;
                }
                Some(z) => {
                    let mut out = Vec::with_capacity(1 << 20);
                    let before = z.total_in();
                    let st = z
                        .decompress_vec(rest, &mut out, FlushDecompress::Sync)
                        .expect("the compressed stream is valid zlib");
                    let used = (z.total_in() - before) as usize;
                    self.pos += used;
                    self.data.extend_from_slice(&out);
                    if st == Status::StreamEnd {
                        self.z = None;
                        self.ends += 1;
                        continue;
                    }
                    if used == 0 && out.is_empty() {
                        return;
                    }
                }
            }
        }
    }

    /// Wait until `pat` appears in the data after what was consumed.
    fn expect_bytes(&mut self, pat: &[u8], timeout: Duration) -> Result<Vec<u8>, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(p) = self.data[self.seen..]
                .windows(pat.len())
                .position(|w| w == pat)
            {
                let end = self.seen + p + pat.len();
                let got = self.data[self.seen..end].to_vec();
                self.seen = end;
                return Ok(got);
            }
            if self.closed || Instant::now() > deadline {
                return Err(format!(
                    "no {:?} (closed: {}); got:\n{}",
                    String::from_utf8_lossy(pat),
                    self.closed,
                    String::from_utf8_lossy(&self.data[self.seen..])
                ));
            }
            self.pump();
        }
    }

    fn expect(&mut self, text: &str) -> Result<String, String> {
        self.expect_bytes(text.as_bytes(), WAIT)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    fn cmd(&mut self, line: &str, text: &str) -> Result<String, String> {
        self.line(line);
        self.expect(text)
    }

    /// Let output settle, and consume all of it: the next mark starts clean.
    fn sync(&mut self) -> usize {
        self.settle(Duration::from_millis(250));
        self.seen = self.data.len();
        self.seen
    }

    /// Whatever arrives within `wait`.
    fn settle(&mut self, wait: Duration) {
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline && !self.closed {
            self.pump();
        }
    }

    fn create_character(&mut self, name: &str) -> Result<(), String> {
        self.expect("By what name do you wish to be known?")?;
        self.create_after_greeting(name)
    }

    /// The creation dialogue once the name question was seen.
    fn create_after_greeting(&mut self, name: &str) -> Result<(), String> {
        self.cmd(name, "(Y/N)? ")?;
        self.cmd("y", "Give me a password for")?;
        self.cmd("secret1", "Please retype password:")?;
        self.cmd("secret1", "What is your race")?;
        self.cmd("human", "What is your sex (M/F)?")?;
        self.cmd("m", "Select a class [mage cleric thief warrior]:")?;
        self.cmd("warrior", "Which alignment (G/N/E)?")?;
        self.cmd("n", "Customize (Y/N)?")?;
        self.cmd("n", "Your choice?")?;
        self.cmd("sword", "[Hit Return to continue]")?;
        self.cmd("", "Welcome to GraceMUD")?;
        self.expect("> ")?;
        Ok(())
    }
}

/// Every `IAC SB opt ... IAC SE` in `data`, unescaped.
fn subnegs(data: &[u8], opt: u8) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < data.len() {
        if data[i] == IAC && data[i + 1] == IAC {
            i += 2;
            continue;
        }
        if data[i] == IAC && data[i + 1] == SB && data[i + 2] == opt {
            let mut j = i + 3;
            let mut payload = Vec::new();
            while j + 1 < data.len() && !(data[j] == IAC && data[j + 1] == SE) {
                if data[j] == IAC && data[j + 1] == IAC {
                    j += 1;
                }
                payload.push(data[j]);
                j += 1;
            }
            if j + 1 >= data.len() {
                break;
            }
            out.push(payload);
            i = j + 2;
            continue;
        }
        i += 1;
    }
    out
}

/// How often `IAC cmd opt` occurs.
fn count_cmd(data: &[u8], cmd: u8, opt: u8) -> usize {
    data.windows(3).filter(|w| w == &[IAC, cmd, opt]).count()
}

/// GMCP messages in `data` as (package, parsed JSON).
fn gmcp_messages(data: &[u8]) -> Vec<(String, serde_json::Value)> {
    subnegs(data, GMCP)
        .into_iter()
        .map(|p| {
            let text = String::from_utf8(p).expect("GMCP is UTF-8");
            let (pkg, json) = text.split_once(' ').unwrap_or((&text, ""));
            let v = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("invalid JSON in {pkg}: {e}: {json}"));
            (pkg.to_string(), v)
        })
        .collect()
}

#[test]
fn offers_everything_and_copes_with_odd_answers() {
    let s = server();
    let mut c = Raw::connect(s.port);
    ok(c.expect("By what name do you wish to be known?"));
    let offers = c.data.clone();
    for (cmd, o) in [
        (WILL, SGA),
        (DO, TTYPE),
        (DO, NAWS),
        (WILL, OPT_EOR),
        (WILL, CHARSET),
        (WILL, MCCP2),
        (WILL, GMCP),
        (WILL, MSSP),
    ] {
        assert_eq!(count_cmd(&offers, cmd, o), 1, "offer {cmd} {o}: {offers:?}");
    }
    // Answers in reverse order, each twice; refusals; floods of an unknown
    // option both ways; a DO for something we never offered.
    let mut answers = Vec::new();
    for _ in 0..2 {
        answers.extend([
            IAC, DONT, MCCP2, IAC, DO, MSSP, IAC, DONT, GMCP, IAC, DO, CHARSET,
        ]);
        answers.extend([
            IAC, DO, OPT_EOR, IAC, WONT, NAWS, IAC, WILL, TTYPE, IAC, DO, SGA,
        ]);
    }
    for _ in 0..50 {
        answers.extend([IAC, WILL, 99, IAC, DO, 99, IAC, WONT, 99, IAC, DONT, 99]);
    }
    answers.extend([IAC, DO, 1]); // ECHO, unasked
    c.send(&answers);
    ok(c.expect_bytes(&[IAC, SB, TTYPE, 1, IAC, SE], WAIT));
    c.send(&[IAC, SB, TTYPE, 0, b'R', b'A', b'W', IAC, SE]);
    ok(c.expect_bytes(&[IAC, SB, TTYPE, 1, IAC, SE], WAIT));
    c.send(&[IAC, SB, TTYPE, 0, b'A', b'N', b'S', b'I', IAC, SE]);
    ok(c.expect_bytes(&[IAC, SB, TTYPE, 1, IAC, SE], WAIT));
    c.send(&[
        IAC, SB, TTYPE, 0, b'M', b'T', b'T', b'S', b' ', b'9', IAC, SE,
    ]);
    c.send(&[IAC, SB, CHARSET, 2, b'U', b'T', b'F', b'-', b'8', IAC, SE]);
    c.settle(Duration::from_millis(600));
    let all = c.data.clone();
    assert_eq!(count_cmd(&all, DONT, 99), 1, "refused once, then ignored");
    assert_eq!(count_cmd(&all, WONT, 99), 1);
    assert_eq!(count_cmd(&all, WONT, 1), 1, "unasked ECHO refused");
    assert_eq!(subnegs(&all, TTYPE).len(), 3, "three SENDs, no more");
    assert_eq!(
        subnegs(&all, CHARSET),
        vec![b"\x01;UTF-8;US-ASCII".to_vec()]
    );
    assert_eq!(c.starts, 0, "MCCP2 refused: no compression");
    // Nothing keeps flowing: no negotiation loop.
    let before = c.data.len();
    c.settle(Duration::from_millis(500));
    assert_eq!(c.data.len(), before, "the server went quiet");

    // MSSP: the standard variables with real values.
    let mssp = subnegs(&all, MSSP);
    assert_eq!(mssp.len(), 1);
    let vars = gracemud::net::protocols::mssp::decode(&mssp[0]);
    let get = |k: &str| {
        vars.iter()
            .find(|(n, _)| n == k)
            .and_then(|(_, v)| v.first().cloned())
            .unwrap_or_else(|| panic!("MSSP {k} missing: {vars:?}"))
    };
    assert_eq!(get("NAME"), "GraceMUD");
    assert_eq!(get("PLAYERS"), "0");
    assert!(
        get("CODEBASE").starts_with("GraceMUD "),
        "{}",
        get("CODEBASE")
    );
    assert_eq!(get("PORT"), s.port.to_string());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let up: i64 = get("UPTIME").parse().unwrap();
    assert!((now - 600..=now).contains(&up), "UPTIME {up}");
    for k in ["AREAS", "ROOMS", "MOBILES", "OBJECTS", "HELPFILES"] {
        assert!(get(k).parse::<u32>().unwrap() > 0, "{k} = {}", get(k));
    }
    for k in ["ANSI", "UTF-8", "GMCP", "MCCP"] {
        assert_eq!(get(k), "1", "{k}");
    }
    assert!(!get("CONTACT").is_empty());

    // After all that, the login dialogue works, with UTF-8 agreed.
    ok(c.create_after_greeting("Oddball"));
    ok(c.cmd("say héllo", "You say 'héllo'"));
    ok(c.cmd("client", "Client: RAW"));
    ok(c.expect("Charset: UTF-8"));
}

#[test]
fn subnegotiation_garbage_and_line_ends() {
    let s = server();
    let mut c = Raw::connect(s.port);
    ok(c.expect("By what name do you wish to be known?"));
    // 64 KiB of subnegotiation garbage (no IAC inside), ended properly.
    let mut junk = vec![IAC, SB, TTYPE];
    junk.extend((0..65536u32).map(|i| (i % 250) as u8 + 1));
    junk.extend([IAC, SE]);
    // An SB that never sees SE: the next command ends it.
    junk.extend([IAC, SB, GMCP, b'x', b'y', b'z']);
    junk.extend([IAC, WILL, 99]);
    // The name with CR NUL.
    junk.extend(b"Garbo\r\0");
    c.send(&junk);
    ok(c.expect("Did I get that right, Garbo (Y/N)? "));
    // 64 KiB garbage that does contain IACs and never ends cleanly.
    let mut x: u32 = 99;
    let mut junk = vec![IAC, SB, CHARSET];
    for _ in 0..65536 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let b = (x >> 16) as u8;
        // No line ends: garbage lines would be answers to the dialogue.
        junk.push(if matches!(b, SE | b'\r' | b'\n' | 0) {
            b'x'
        } else {
            b
        });
    }
    junk.extend([IAC, SE, IAC, SE, IAC, EL]);
    c.send(&junk);
    c.settle(Duration::from_millis(300));
    assert!(!c.closed, "the server kept the connection");
    // The stream is in sync again: "n" answers the question.
    c.line("n");
    ok(c.expect("Ok, what IS it, then?"));
    c.send(b"Crnul\r\0");
    ok(c.expect("Did I get that right, Crnul (Y/N)? "));
    c.send(b"y\r\0");
    ok(c.expect("Give me a password for Crnul"));
}

#[test]
fn compression_toggled_mid_stream() {
    let s = server();
    let mut c = Raw::connect(s.port);
    ok(c.expect("By what name do you wish to be known?"));
    c.send(&[IAC, DO, MCCP2]);
    ok(c.expect_bytes(&START, WAIT));
    ok(c.create_after_greeting("Squeeze"));
    assert_eq!(c.starts, 1);
    let compressed_wire = c.wire.len();
    assert!(compressed_wire > 0);
    ok(c.cmd("look", "> "));
    // Off: the stream ends cleanly (Z_FINISH), WONT MCCP2, then plain text.
    // The setting takes effect before the reply is sent: the reply is plain.
    c.line("compress off");
    ok(c.expect_bytes(&[IAC, WONT, MCCP2], WAIT));
    ok(c.expect("Compression is now OFF."));
    assert_eq!(c.ends, 1, "the zlib stream ended");
    c.sync();
    let plain_from = c.wire.len();
    ok(c.cmd("score", "> "));
    let plain = &c.wire[plain_from..];
    assert!(
        String::from_utf8_lossy(plain).contains("Squeeze"),
        "plain on the wire: {:?}",
        String::from_utf8_lossy(plain)
    );
    // On again: offered, accepted, compressed again.
    c.line("compress on");
    ok(c.expect_bytes(&[IAC, WILL, MCCP2], WAIT));
    c.send(&[IAC, DO, MCCP2]);
    ok(c.expect_bytes(&START, WAIT));
    assert_eq!(c.starts, 2);
    c.sync();
    let from = c.wire.len();
    ok(c.cmd("score", "Squeeze"));
    ok(c.expect("> "));
    assert!(
        !String::from_utf8_lossy(&c.wire[from..]).contains("Squeeze"),
        "the name is not visible on the wire: compressed"
    );
    // A client that withdraws MCCP2 gets a clean end too.
    c.send(&[IAC, DONT, MCCP2]);
    c.settle(Duration::from_millis(300));
    assert_eq!(c.ends, 2);
    ok(c.cmd("look", "> "));
}

#[test]
fn gmcp_messages_are_valid_and_timely() {
    let s = server();
    let mut a = Raw::connect(s.port);
    ok(a.expect_bytes(&[IAC, WILL, GMCP], WAIT));
    a.send(&[IAC, DO, GMCP]);
    let mut hello = vec![IAC, SB, GMCP];
    hello.extend_from_slice(br#"Core.Hello {"client":"RawTest","version":"1.0"}"#);
    hello.extend([IAC, SE, IAC, SB, GMCP]);
    hello.extend_from_slice(br#"Core.Supports.Set ["Char 1","Room 1","Comm 1"]"#);
    hello.extend([IAC, SE]);
    a.send(&hello);
    ok(a.create_character("Mapper"));
    a.settle(Duration::from_millis(300));
    let msgs = gmcp_messages(&a.data);
    let find = |pkg: &str| {
        msgs.iter()
            .rev()
            .find(|(p, _)| p == pkg)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {pkg} in {msgs:?}"))
    };
    assert_eq!(find("Char.Base")["name"], "Mapper");
    assert_eq!(find("Char.Base")["class"], "warrior");
    let vitals = find("Char.Vitals");
    for k in ["hp", "maxhp", "mana", "maxmana", "moves", "maxmoves"] {
        assert!(vitals[k].is_i64(), "{k}: {vitals}");
    }
    assert!(find("Char.Status")["level"].is_i64());
    let room = find("Room.Info");
    for k in ["num", "name", "area", "environment", "exits"] {
        assert!(!room[k].is_null(), "{k}: {room}");
    }
    let exits = room["exits"].as_object().expect("exits object").clone();
    let (dir, to) = exits
        .iter()
        .next()
        .map(|(d, v)| (d.clone(), v.as_i64().expect("vnum")))
        .expect("the start room has an exit");
    // Walk: a Room.Info for the new room, and Vitals because moves dropped.
    let mark = a.sync();
    let dirname = match dir.as_str() {
        "n" => "north",
        "e" => "east",
        "s" => "south",
        "w" => "west",
        "u" => "up",
        _ => "down",
    };
    a.line(dirname);
    ok(a.expect_bytes(&[IAC, SB, GMCP, b'R', b'o', b'o', b'm'], WAIT));
    a.settle(Duration::from_millis(300));
    let after = gmcp_messages(&a.data[mark..]);
    let rooms: Vec<_> = after.iter().filter(|(p, _)| p == "Room.Info").collect();
    assert_eq!(rooms.len(), 1, "{after:?}");
    assert_eq!(rooms[0].1["num"].as_i64(), Some(to));
    let v2 = after
        .iter()
        .find(|(p, _)| p == "Char.Vitals")
        .map(|(_, v)| v.clone())
        .expect("Char.Vitals after moves changed");
    assert!(
        v2["moves"].as_i64() < vitals["moves"].as_i64(),
        "{v2} vs {vitals}"
    );
    // Nothing changes: nothing is sent.
    let mark = a.sync();
    ok(a.cmd("score", "> "));
    a.settle(Duration::from_millis(200));
    assert!(
        !gmcp_messages(&a.data[mark..])
            .iter()
            .any(|(p, _)| p == "Room.Info"),
        "no Room.Info without a room change"
    );

    // A second player without Core.Supports gets everything; channels.
    let mut b = Raw::connect(s.port);
    ok(b.expect_bytes(&[IAC, WILL, GMCP], WAIT));
    b.send(&[IAC, DO, GMCP]);
    ok(b.create_character("Listener"));
    let nasty = "say \"quoted\" back\\slash é {{braces}} \x1b[2Jtab\there";
    let mark_a = a.sync();
    let mark_b = b.sync();
    ok(a.cmd(&format!("gossip {nasty}"), "> "));
    ok(b.expect("gossips"));
    b.settle(Duration::from_millis(300));
    a.settle(Duration::from_millis(100));
    let texts: Vec<_> = gmcp_messages(&b.data[mark_b..])
        .into_iter()
        .filter(|(p, _)| p == "Comm.Channel.Text")
        .collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    let t = &texts[0].1;
    assert_eq!(t["channel"], "gossip");
    assert_eq!(t["talker"], "Mapper");
    let text = t["text"].as_str().unwrap();
    assert!(
        text.contains("\"quoted\" back\\slash é {braces}} [2Jtab here"),
        "{text:?}"
    );
    assert!(!text.contains('\u{1b}'));
    let mine: Vec<_> = gmcp_messages(&a.data[mark_a..])
        .into_iter()
        .filter(|(p, _)| p == "Comm.Channel.Text")
        .collect();
    assert_eq!(mine.len(), 1, "the talker gets its own line too");
    assert!(mine[0].1["text"]
        .as_str()
        .unwrap()
        .starts_with("You gossip"));
    // The ESC typed by the player never reached the other player's screen.
    assert!(
        !b.data[mark_b..].windows(4).any(|w| w == b"\x1b[2J"),
        "terminal code injected"
    );
    // Say and tell.
    a.sync();
    let mark_b = b.sync();
    ok(a.cmd("tell listener psst", "> "));
    ok(b.expect("psst"));
    b.settle(Duration::from_millis(200));
    let tells: Vec<_> = gmcp_messages(&b.data[mark_b..])
        .into_iter()
        .filter(|(p, v)| p == "Comm.Channel.Text" && v["channel"] == "tell")
        .collect();
    assert_eq!(tells.len(), 1);
    // A failed tell is no channel message.
    let mark_a = a.sync();
    ok(a.cmd("tell nobodyhere psst", "> "));
    a.settle(Duration::from_millis(200));
    assert!(!gmcp_messages(&a.data[mark_a..])
        .iter()
        .any(|(p, _)| p == "Comm.Channel.Text"));
    // Every other public channel reaches GMCP under its own name.
    for (command, heard) in [
        ("auction", "auctions"),
        ("music", "MUSIC:"),
        ("question", "questions"),
        ("answer", "answers"),
        ("quote", "quotes"),
        ("grats", "grats '"),
        // Both are in the school's area.
        ("yell", "yells"),
    ] {
        a.sync();
        let mark_b = b.sync();
        ok(a.cmd(&format!("{command} on {command}"), "> "));
        ok(b.expect(heard));
        b.settle(Duration::from_millis(200));
        let got: Vec<_> = gmcp_messages(&b.data[mark_b..])
            .into_iter()
            .filter(|(p, v)| p == "Comm.Channel.Text" && v["channel"] == command)
            .collect();
        assert_eq!(got.len(), 1, "{command}: {got:?}");
        assert_eq!(got[0].1["talker"], "Mapper");
    }
}

#[test]
fn colour_prompts_charset_and_wrap() {
    let s = server();
    let mut c = Raw::connect(s.port);
    ok(c.create_character("Painter"));
    // No EOR agreed: prompts end with IAC GA.
    ok(c.cmd("look", "> "));
    ok(c.expect_bytes(&[IAC, GA], WAIT));
    // EOR agreed: IAC EOR instead.
    c.send(&[IAC, DO, OPT_EOR]);
    ok(c.cmd("look", "> "));
    ok(c.expect_bytes(&[IAC, EOR], WAIT));
    // Prompt marking off: neither.
    ok(c.cmd("telnetga off", "no longer marked"));
    let mark = c.sync();
    ok(c.cmd("look", "> "));
    c.settle(Duration::from_millis(200));
    let tail = &c.data[mark..];
    assert!(!tail.windows(2).any(|w| w == [IAC, EOR] || w == [IAC, GA]));
    // Colour: ANSI by default, stripped when turned off.
    ok(c.cmd("say {rred{x", "You say '"));
    ok(c.expect_bytes(b"\x1b[0;31mred", WAIT));
    ok(c.cmd("colour off", "Colour is now OFF."));
    let mark = c.sync();
    ok(c.cmd("say {Gbright{x", "You say 'bright'"));
    ok(c.cmd("look", "> "));
    assert!(
        !c.data[mark..].contains(&0x1b),
        "no escapes with colour off"
    );
    // No CHARSET agreed: 7-bit output.
    ok(c.cmd("say café “quoted”", "You say 'cafe \"quoted\"'"));
    // NAWS and wrap.
    c.send(&[IAC, WILL, NAWS, IAC, SB, NAWS, 0, 30, 0, 20, IAC, SE]);
    ok(c.cmd("wrap on", "Long lines are now"));
    let mark = c.sync();
    ok(c.cmd("help colour", "COLOUR"));
    ok(c.expect("> "));
    let text = String::from_utf8_lossy(&c.data[mark..]).into_owned();
    for line in text.split("\r\n") {
        let visible: String = line.chars().filter(|c| !c.is_control()).collect();
        assert!(visible.chars().count() <= 30, "too wide: {line:?}");
    }
    // Settings are saved with the player.
    ok(c.cmd("save", "> "));
    let file = common::wait_for_file(&s.player_dir.join("Painter"), |f| {
        f.contains("colour") && f.contains("wrap")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(file.contains("colour") && file.contains("wrap"), "{file}");
}
