//! The HTTP and websocket edge cases, without a loop: requests and frames
//! fed to the parsers and to a descriptor on a real loopback socket.

use super::*;
use crate::engine::ConnId;
use crate::net::descriptor::{Descriptor, MAX_OUTPUT};

/// A masked client frame (RFC 6455: clients always mask).
pub(crate) fn client_frame(opcode: u8, fin: bool, payload: &[u8]) -> Vec<u8> {
    let mask = [0x37, 0xfa, 0x21, 0x3d];
    let mut f = vec![(if fin { 0x80 } else { 0 }) | opcode];
    let n = payload.len();
    if n < 126 {
        f.push(0x80 | n as u8);
    } else if n < 65536 {
        f.push(0x80 | 126);
        f.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        f.push(0x80 | 127);
        f.extend_from_slice(&(n as u64).to_be_bytes());
    }
    f.extend_from_slice(&mask);
    f.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i & 3]));
    f
}

fn text(s: &str) -> Vec<u8> {
    client_frame(0x1, true, s.as_bytes())
}

/// Split server frames (unmasked) into (opcode, payload).
pub(crate) fn server_frames(mut b: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    while b.len() >= 2 {
        let op = b[0] & 0x0f;
        let (len, start) = match b[1] & 0x7f {
            126 => (usize::from(u16::from_be_bytes([b[2], b[3]])), 4),
            127 => {
                let mut n = [0u8; 8];
                n.copy_from_slice(&b[2..10]);
                (u64::from_be_bytes(n) as usize, 10)
            }
            n => (usize::from(n), 2),
        };
        assert_eq!(b[1] & 0x80, 0, "server frames are not masked");
        out.push((op, b[start..start + len].to_vec()));
        b = &b[start + len..];
    }
    out
}

fn get(path: &str, extra: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{extra}\r\n").into_bytes()
}

const UPGRADE: &str = "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

fn status(r: &HttpAction) -> String {
    let bytes = match r {
        HttpAction::Respond(b) | HttpAction::Upgrade(b, _) => b,
    };
    String::from_utf8_lossy(bytes)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn answer(req: &[u8]) -> HttpAction {
    let mut h = Http::new(Instant::now());
    h.receive(req).expect("a complete request gets an answer")
}

#[test]
fn the_page_the_websocket_and_404() {
    let r = answer(&get("/", ""));
    assert_eq!(status(&r), "HTTP/1.1 200 OK");
    let HttpAction::Respond(bytes) = &r else {
        panic!("not a plain answer")
    };
    let s = String::from_utf8_lossy(bytes);
    assert!(s.contains(&format!("Content-Length: {}\r\n", PAGE.len())));
    assert!(s.contains("Connection: close\r\n"));
    assert!(s.ends_with(PAGE));
    assert!(PAGE.contains("aria-live=\"polite\""));
    assert!(
        !PAGE.contains("innerHTML"),
        "the page must not use innerHTML"
    );
    assert_eq!(status(&answer(&get("/?x=1", ""))), "HTTP/1.1 200 OK");
    for path in ["/favicon.ico", "/ws/x", "/../etc/passwd", "/index.htm"] {
        assert_eq!(
            status(&answer(&get(path, ""))),
            "HTTP/1.1 404 Not Found",
            "{path}"
        );
    }
    let post = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
    assert_eq!(status(&answer(post)), "HTTP/1.1 405 Method Not Allowed");
    // The RFC 6455 example key, and bytes sent after the request kept.
    let mut req = get("/ws", UPGRADE);
    req.extend_from_slice(&text("look"));
    let r = answer(&req);
    let HttpAction::Upgrade(head, rest) = r else {
        panic!("no upgrade")
    };
    let head = String::from_utf8_lossy(&head).into_owned();
    assert!(head.starts_with("HTTP/1.1 101 Switching Protocols\r\n"));
    assert!(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    assert_eq!(rest, text("look"));
}

#[test]
fn bad_upgrades_and_bad_requests_are_refused() {
    let no_key = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n";
    assert_eq!(
        status(&answer(&get("/ws", no_key))),
        "HTTP/1.1 400 Bad Request"
    );
    assert_eq!(status(&answer(&get("/ws", ""))), "HTTP/1.1 400 Bad Request");
    let old = UPGRADE.replace("Version: 13", "Version: 8");
    let r = answer(&get("/ws", &old));
    assert_eq!(status(&r), "HTTP/1.1 426 Upgrade Required");
    let HttpAction::Respond(b) = r else { panic!() };
    let s = String::from_utf8_lossy(&b);
    assert!(s.contains("\r\nSec-WebSocket-Version: 13\r\n"), "{s}");
    assert!(s.ends_with("\r\n\r\nWebSocket version 13 only.\n"), "{s}");
    assert_eq!(
        status(&answer(b"\x16\x03\x01\x02\x00 tls hello\r\n\r\n")),
        "HTTP/1.1 400 Bad Request"
    );
    let many: String = (0..40).map(|i| format!("X-{i}: y\r\n")).collect();
    assert_eq!(
        status(&answer(&get("/", &many))),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
}

#[test]
fn a_request_comes_in_pieces_and_is_capped() {
    let req = get("/", "");
    let mut h = Http::new(Instant::now());
    for b in &req[..req.len() - 1] {
        assert!(h.receive(&[*b]).is_none());
    }
    assert!(h.receive(&req[req.len() - 1..]).is_some());
    // Answered: what follows is ignored.
    assert!(h.receive(&req).is_none());
    // A head that never ends: 431 once it passes the cap, not before.
    let mut h = Http::new(Instant::now());
    let mut fed = b"GET / HTTP/1.1\r\nX-Filler: ".to_vec();
    assert!(h.receive(&fed).is_none());
    let line = b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let mut got = None;
    while got.is_none() {
        fed.extend_from_slice(line);
        got = h.receive(line);
        assert!(fed.len() < MAX_REQUEST + 2 * line.len(), "no cap");
    }
    assert!(fed.len() > MAX_REQUEST);
    assert_eq!(
        status(&got.unwrap()),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    // Slow: expired after the limit, not before.
    let t0 = Instant::now();
    let h = Http::new(t0);
    assert!(!h.expired(t0 + HTTP_TIMEOUT, HTTP_TIMEOUT));
    assert!(h.expired(t0 + HTTP_TIMEOUT + Duration::from_millis(1), HTTP_TIMEOUT));
}

fn decode(ws: &mut Ws, bytes: &[u8]) -> Vec<WsEvent> {
    let mut ev = Vec::new();
    ws.receive(bytes, &mut ev);
    ev
}

#[test]
fn frames_in_any_pieces() {
    let mut ws = Ws::default();
    let mut all = text("north");
    all.extend(client_frame(0x9, true, b"hb"));
    all.extend(text("say héllo"));
    let mut ev = Vec::new();
    for b in &all {
        ws.receive(&[*b], &mut ev);
    }
    assert_eq!(
        ev,
        vec![
            WsEvent::Text("north".into()),
            WsEvent::Ping(b"hb".to_vec()),
            WsEvent::Text("say héllo".into()),
        ]
    );
    assert!(ws.inbuf.is_empty());
    // Fragmented, with a ping in the middle (allowed by the RFC).
    let mut b = client_frame(0x1, false, b"say ");
    b.extend(client_frame(0x9, true, b""));
    b.extend(client_frame(0x0, false, b"frag"));
    b.extend(client_frame(0x0, true, b"mented"));
    assert_eq!(
        decode(&mut ws, &b),
        vec![
            WsEvent::Ping(Vec::new()),
            WsEvent::Text("say fragmented".into())
        ]
    );
    assert_eq!(ws, Ws::default());
    // A frame of exactly the limit is fine; pongs are ignored.
    let big = "x".repeat(MAX_MESSAGE);
    let mut b = client_frame(0xA, true, b"pong");
    b.extend(text(&big));
    assert_eq!(decode(&mut ws, &b), vec![WsEvent::Text(big)]);
}

/// Each bad input: the close code it gets, and nothing read after it.
#[test]
fn bad_frames_get_a_close_code() {
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        (
            "a frame over 8 KiB (refused from its header alone)",
            client_frame(0x1, true, &vec![b'a'; MAX_MESSAGE + 1])[..8].to_vec(),
            close::TOO_BIG,
        ),
        (
            "a 64-bit length",
            {
                let mut f = vec![0x81, 0x80 | 127];
                f.extend_from_slice(&u64::MAX.to_be_bytes());
                f.extend_from_slice(&[1, 2, 3, 4]);
                f
            },
            close::TOO_BIG,
        ),
        (
            "binary",
            client_frame(0x2, true, b"\x00\x01"),
            close::UNSUPPORTED,
        ),
        (
            "invalid UTF-8",
            client_frame(0x1, true, b"say \xff\xfe"),
            close::INVALID,
        ),
        (
            "invalid UTF-8 across fragments",
            {
                let mut f = client_frame(0x1, false, b"caf\xc3");
                f.extend(client_frame(0x0, true, b"("));
                f
            },
            close::INVALID,
        ),
        (
            "unmasked",
            vec![0x81, 0x04, b'l', b'o', b'o', b'k'],
            close::PROTOCOL,
        ),
        (
            "reserved bits",
            {
                let mut f = text("look");
                f[0] |= 0x40;
                f
            },
            close::PROTOCOL,
        ),
        (
            "reserved opcode",
            client_frame(0x3, true, b""),
            close::PROTOCOL,
        ),
        (
            "continuation out of the blue",
            client_frame(0x0, true, b"x"),
            close::PROTOCOL,
        ),
        (
            "a new message inside a fragmented one",
            {
                let mut f = client_frame(0x1, false, b"a");
                f.extend(client_frame(0x1, true, b"b"));
                f
            },
            close::PROTOCOL,
        ),
        (
            "a fragmented ping",
            client_frame(0x9, false, b"p"),
            close::PROTOCOL,
        ),
        (
            "a long ping",
            client_frame(0x9, true, &[0; 126]),
            close::PROTOCOL,
        ),
        (
            "a fragmented flood of empty frames",
            {
                let mut f = client_frame(0x1, false, b"");
                for _ in 0..1000 {
                    f.extend(client_frame(0x0, false, b""));
                }
                f
            },
            close::POLICY,
        ),
        (
            "fragments adding up to over 8 KiB",
            {
                let mut f = client_frame(0x1, false, &[b'a'; 4000]);
                f.extend(client_frame(0x0, false, &[b'a'; 4000]));
                f.extend(client_frame(0x0, false, &[b'a'; 4000]));
                f
            },
            close::TOO_BIG,
        ),
    ];
    for (what, bytes, code) in cases {
        let mut ws = Ws::default();
        let ev = decode(&mut ws, &bytes);
        assert!(
            matches!(ev.last(), Some(WsEvent::Close(c, _)) if *c == code),
            "{what}: {ev:?}"
        );
        assert!(ws.closing, "{what}");
        assert!(ws.inbuf.is_empty() && ws.msg.is_empty(), "{what}");
        // Nothing after a close is read.
        assert!(decode(&mut ws, &text("look")).is_empty(), "{what}");
    }
    // The browser's own close is answered with its code.
    let mut ws = Ws::default();
    let ev = decode(&mut ws, &client_frame(0x8, true, &1001u16.to_be_bytes()));
    assert!(matches!(&ev[..], [WsEvent::Close(1001, _)]), "{ev:?}");
    let mut ws = Ws::default();
    let ev = decode(&mut ws, &client_frame(0x8, true, b""));
    assert!(matches!(&ev[..], [WsEvent::Close(1000, _)]), "{ev:?}");
}

#[test]
fn server_frames_round_trip() {
    let mut out = Vec::new();
    text_frame(&mut out, "\u{1b}[31mred\u{1b}[0m\n");
    oob_frame(&mut out, &gmcp_json("Char.Vitals", r#"{"hp":5}"#));
    close_frame(&mut out, close::TOO_BIG, &"é".repeat(100));
    text_frame(&mut out, &"y".repeat(70_000));
    let f = server_frames(&out);
    assert_eq!(f[0], (1, b"\x1b[31mred\x1b[0m\n".to_vec()));
    assert_eq!(
        f[1],
        (
            1,
            b"\x01{\"gmcp\":\"Char.Vitals\",\"data\":{\"hp\":5}}".to_vec()
        )
    );
    assert_eq!(f[2].0, 8);
    assert!(f[2].1.len() <= 125);
    assert_eq!(&f[2].1[..2], &1009u16.to_be_bytes());
    assert!(std::str::from_utf8(&f[2].1[2..]).is_ok());
    assert_eq!(f[3].1.len(), 70_000);
    assert_eq!(
        gmcp_json("Core.Goodbye", ""),
        r#"{"gmcp":"Core.Goodbye","data":null}"#
    );
}

// ------------------------------------------------------------ descriptors

/// A web descriptor on one end of a real loopback connection.
fn web_pair() -> (Descriptor, std::net::TcpStream) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().unwrap();
    server.set_nonblocking(true).unwrap();
    let d = Descriptor::new_web(
        ConnId(0),
        1,
        mio::net::TcpStream::from_std(server),
        "test".into(),
        Instant::now(),
    );
    (d, client)
}

fn upgraded() -> (Descriptor, std::net::TcpStream) {
    let (mut d, c) = web_pair();
    d.receive(&get("/ws", UPGRADE));
    assert!(d.is_websocket());
    assert!(d.take_upgraded());
    assert!(!d.take_upgraded());
    assert!(!d.close_when_flushed());
    (d, c)
}

fn take_out(d: &mut Descriptor) -> Vec<u8> {
    let mut c_out = Vec::new();
    d.take_output_for_test(&mut c_out);
    c_out
}

#[test]
fn a_websocket_descriptor_speaks_frames_not_telnet() {
    let (mut d, _c) = upgraded();
    let head = take_out(&mut d);
    assert!(head.starts_with(b"HTTP/1.1 101 "));
    let info = d.take_info_changed().expect("the game hears of the client");
    assert!(info.gmcp && info.utf8 && info.colours > 256, "{info:?}");
    assert_eq!(info.client, crate::net::descriptor::WEB_CLIENT_NAME);
    d.write_text("{rRed{x and café\n");
    d.end_prompt();
    d.set_echo(false);
    d.send_gmcp("Room.Info", r#"{"num":3001,"name":"Temple"}"#);
    d.send_mssp(&[("NAME".into(), "x".into())]);
    d.apply_prefs(crate::engine::Prefs {
        compress: false,
        ..Default::default()
    });
    d.apply_prefs(crate::engine::Prefs::default());
    let out = take_out(&mut d);
    assert!(!out.contains(&255), "a telnet IAC went down the websocket");
    let f = server_frames(&out);
    assert_eq!(f.len(), 3, "{f:?}");
    assert_eq!(
        String::from_utf8_lossy(&f[0].1),
        "\u{1b}[0;31mRed\u{1b}[0m and café\n"
    );
    assert_eq!(f[1].1, b"\x01{\"echo\":false}");
    assert_eq!(
        f[2].1,
        b"\x01{\"gmcp\":\"Room.Info\",\"data\":{\"num\":3001,\"name\":\"Temple\"}}"
    );
    // Game text can never pass for an out-of-band message.
    d.write_text("\u{1}\"echo\":false\n");
    let f = server_frames(&take_out(&mut d));
    assert_eq!(f[0].1, b"\"echo\":false\n");
    // Input: one line per message, or several; edited like telnet lines.
    d.receive(&text("look"));
    d.receive(&text("say a\nsay b\r\n"));
    d.receive(&text("nortx\u{8}h"));
    let lines: Vec<String> = d.input.drain(..).collect();
    assert_eq!(lines, ["look", "say a", "say b", "", "north"]);
    // A ping is answered, and the game closing says goodbye with 1000.
    d.receive(&client_frame(0x9, true, b"hb"));
    d.closing_by_game();
    d.write_text("after the close\n");
    let f = server_frames(&take_out(&mut d));
    assert_eq!(f[0], (0xA, b"hb".to_vec()));
    assert_eq!(f[1], (0x8, 1000u16.to_be_bytes().to_vec()));
    assert_eq!(f.len(), 2, "nothing after a close frame");
}

#[test]
fn bad_input_closes_the_descriptor_cleanly() {
    for bad in [
        client_frame(0x1, true, &vec![b'a'; MAX_MESSAGE + 1]),
        client_frame(0x2, true, b"bin"),
        client_frame(0x1, true, b"\xc3("),
    ] {
        let (mut d, _c) = upgraded();
        take_out(&mut d);
        d.receive(&text("first"));
        d.receive(&bad);
        d.receive(&text("never"));
        assert_eq!(d.input.drain(..).collect::<Vec<_>>(), ["first"]);
        assert!(d.close_when_flushed());
        let f = server_frames(&take_out(&mut d));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, 8);
    }
    // An HTTP request for a missing page: 404 and a close.
    let (mut d, _c) = web_pair();
    d.receive(&get("/missing", ""));
    assert!(d.close_when_flushed() && d.is_http());
    assert!(take_out(&mut d).starts_with(b"HTTP/1.1 404 Not Found\r\n"));
    // A websocket whose client never reads: dropped at the output cap.
    let (mut d, _c) = upgraded();
    let chunk = "z".repeat(64 * 1024);
    for _ in 0..(MAX_OUTPUT / chunk.len() + 64) {
        d.write_text(&chunk);
        let _ = d.flush();
        if d.is_dead() {
            break;
        }
    }
    assert!(d.is_dead(), "a client that never reads was kept");
}

#[test]
fn a_half_received_frame_survives_a_copyover() {
    let (mut d, _c) = upgraded();
    take_out(&mut d);
    d.receive(&text("look"));
    let mut frag = client_frame(0x1, false, b"say over ");
    let second = client_frame(0x0, true, b"the exec");
    frag.extend_from_slice(&second[..5]);
    d.receive(&frag);
    let state = d.export_state();
    assert!(state.contains(" kind=ws "), "{state}");
    assert!(state.contains(" wsfrag=1"), "{state}");
    let (mut e, _c2) = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        server.set_nonblocking(true).unwrap();
        let d = Descriptor::new(
            ConnId(1),
            2,
            mio::net::TcpStream::from_std(server),
            "test".into(),
        );
        (d, client)
    };
    e.import_state(&state).unwrap();
    assert!(e.is_websocket());
    assert!(take_out(&mut e).is_empty(), "nothing is sent on adoption");
    e.receive(&second[5..]);
    let lines: Vec<String> = e.input.drain(..).collect();
    assert_eq!(lines, ["look", "say over the exec"]);
    assert_eq!(e.export_state(), {
        let mut f = d.export_state();
        f = f.replace(
            &f[f.find(" input=").unwrap()..f.find(" partial=").unwrap()],
            " input=",
        );
        f.replace(&f[f.find(" wsin=").unwrap()..], " wsin= wsmsg= wsfrag=0")
    });
    // A telnet line has no `kind` (old images read it as before), and a
    // bad kind is refused.
    let (t, _c3) = web_pair();
    let mut t = t;
    assert!(!t.export_state().contains("kind="));
    assert!(t.import_state("v1 kind=carrier-pigeon").is_err());
    assert!(t.import_state("v1 kind=ws wsfrag=x").is_err());
}
