//! The web client in a real browser: headless Chromium driven through
//! chromedriver (WebDriver's JSON over plain HTTP), against the real server
//! serving the page with `-w`. The page creates a character through the
//! login dialogue and walks, its room panel changing at each step; an
//! implementor on telnet runs `copyover`, and the same page, on the same
//! websocket (its connection counters prove it never reconnected), shows
//! "Your body rematerializes." and plays on. A screenshot is kept in
//! `target/web-client.png`.
//!
//! Skips (saying so) when chromium or chromedriver is not installed, unless
//! `GRACEMUD_REQUIRE_CHROMIUM=1` (CI sets it once it installed them).

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::{ok, Launch, Server, WAIT};

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&paths).chain([PathBuf::from("/usr/bin")]) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium and chromedriver, or why the test cannot run.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = find_program(&["chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        _ => {
            let required = std::env::var("GRACEMUD_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "GRACEMUD_REQUIRE_CHROMIUM=1 but chromium or chromedriver is not installed"
            );
            println!(
                "SKIPPED: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
            );
            None
        }
    }
}

// ------------------------------------------------------------- WebDriver

/// One HTTP exchange with chromedriver; returns the JSON `value`.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .map_err(|e| format!("chromedriver {path}: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(90)))
        .map_err(|e| e.to_string())?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes())
        .map_err(|e| format!("chromedriver {path}: {e}"))?;
    // chromedriver keeps the connection open: read the head, then as many
    // bytes as it says (or chunks, or to the end when it says neither).
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16384];
    let deadline = Instant::now() + Duration::from_secs(90);
    let payload = loop {
        let n = s
            .read(&mut chunk)
            .map_err(|e| format!("chromedriver {path}: {e}"))?;
        raw.extend_from_slice(&chunk[..n]);
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            let body = &raw[split + 4..];
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            match length {
                Some(len) if body.len() >= len => break body[..len].to_vec(),
                None if head.contains("transfer-encoding: chunked")
                    && body.ends_with(b"0\r\n\r\n") =>
                {
                    break dechunk(body);
                }
                None if n == 0 => break body.to_vec(),
                _ => {}
            }
        }
        if n == 0 || Instant::now() > deadline {
            return Err(format!("chromedriver {path}: incomplete answer"));
        }
    };
    let v: Value = serde_json::from_slice(&payload).map_err(|e| {
        format!(
            "chromedriver {path}: {e}: {}",
            String::from_utf8_lossy(&payload)
        )
    })?;
    let value = v.get("value").cloned().unwrap_or(Value::Null);
    if value.get("error").is_some() {
        return Err(format!("chromedriver {method} {path}: {value}"));
    }
    Ok(value)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(p) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(String::from_utf8_lossy(&b[..p]).trim(), 16).unwrap_or(0);
        if n == 0 || b.len() < p + 2 + n {
            break;
        }
        out.extend_from_slice(&b[p + 2..p + 2 + n]);
        b = &b[(p + 4 + n).min(b.len())..];
    }
    out
}

/// chromedriver (killed by pid on drop) and one browser session.
struct Browser {
    driver: Child,
    port: u16,
    session: Option<String>,
    profile: PathBuf,
}

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path) -> Result<Browser, String> {
        let port = common::free_port().map_err(|e| e.to_string())?;
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start chromedriver: {e}"))?;
        let profile = common::fresh_dir("chromium");
        let mut b = Browser {
            driver,
            port,
            session: None,
            profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(v) = http(port, "GET", "/status", None) {
                if v.get("ready") == Some(&Value::Bool(true)) {
                    break;
                }
            }
            if Instant::now() > deadline {
                return Err("chromedriver did not become ready in 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1100,760",
                         "--no-first-run", "--disable-extensions",
                         format!("--user-data-dir={}", b.profile.display())]
            }
        }}});
        let v = http(port, "POST", "/session", Some(&caps))?;
        let id = v
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("no session id in {v}"))?;
        b.session = Some(id.to_string());
        Ok(b)
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session.as_deref().unwrap_or(""))
    }

    fn go(&self, url: &str) -> Result<(), String> {
        http(
            self.port,
            "POST",
            &self.path("/url"),
            Some(&json!({ "url": url })),
        )
        .map(|_| ())
    }

    /// Run `script` in the page (a function body) and return its value.
    fn js(&self, script: &str) -> Result<Value, String> {
        http(
            self.port,
            "POST",
            &self.path("/execute/sync"),
            Some(&json!({ "script": script, "args": [] })),
        )
    }

    fn element(&self, css: &str) -> Result<String, String> {
        let v = http(
            self.port,
            "POST",
            &self.path("/element"),
            Some(&json!({ "using": "css selector", "value": css })),
        )?;
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("no element {css}: {v}"))
    }

    /// Type into an element as a user would (`\u{E007}` is Enter).
    fn type_into(&self, element: &str, text: &str) -> Result<(), String> {
        http(
            self.port,
            "POST",
            &self.path(&format!("/element/{element}/value")),
            Some(&json!({ "text": text })),
        )
        .map(|_| ())
    }

    fn click(&self, element: &str) -> Result<(), String> {
        http(
            self.port,
            "POST",
            &self.path(&format!("/element/{element}/click")),
            Some(&json!({})),
        )
        .map(|_| ())
    }

    fn screenshot(&self) -> Result<Vec<u8>, String> {
        let v = http(self.port, "GET", &self.path("/screenshot"), None)?;
        let b64 = v.as_str().ok_or("screenshot: not a string")?;
        base64_decode(b64).ok_or_else(|| "screenshot: bad base64".into())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if self.session.is_some() {
            let _ = http(self.port, "DELETE", &self.path(""), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let clean: Vec<u8> = s
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

// ------------------------------------------------------------- the page

/// The page's output so far.
fn output(b: &Browser) -> Result<String, String> {
    let v = b.js("return document.getElementById('output').textContent;")?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// Wait until the page's output holds `text` after position `from`;
/// returns the position after it.
fn expect(b: &Browser, from: usize, text: &str, wait: Duration) -> Result<usize, String> {
    let deadline = Instant::now() + wait;
    loop {
        let out = output(b)?;
        if let Some(p) = out.get(from..).and_then(|rest| rest.find(text)) {
            return Ok(from + p + text.len());
        }
        if Instant::now() > deadline {
            let tail: String = out
                .chars()
                .rev()
                .take(1500)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            return Err(format!("the page never showed {text:?}; it shows:\n{tail}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Type a line and wait for `text` in what follows.
fn say(b: &Browser, input: &str, from: usize, line: &str, text: &str) -> Result<usize, String> {
    let start = output(b)?.len().max(from);
    b.type_into(input, &format!("{line}\u{E007}"))?;
    expect(b, start, text, WAIT)
}

/// The page's connection counters and room, as it keeps them.
fn page_state(b: &Browser) -> Result<Value, String> {
    b.js("return {connections: gracemud.connections, opens: gracemud.opens, closes: gracemud.closes, room: gracemud.room, panel: document.getElementById('room-name').textContent, exits: Array.from(document.querySelectorAll('#exits button')).map(x => x.dataset.dir), vitals: document.getElementById('hp').textContent, mapped: Object.keys(gracemud.rooms).length};")
}

fn d_len(state: &Value) -> u64 {
    state["delays"].as_array().map_or(0, |d| d.len() as u64)
}

fn room_num(state: &Value) -> Option<i64> {
    state.get("room")?.get("num")?.as_i64()
}

/// Take one step through an exit button in the room panel (clicking it, as
/// a player would), trying each exit until the room changes; returns the
/// page state in the new room. Prefers not to go back where it came from.
fn step(b: &Browser, back: Option<i64>, seen: &[Option<i64>]) -> Result<Value, String> {
    let before = page_state(b)?;
    let here = room_num(&before).ok_or_else(|| format!("no room yet: {before}"))?;
    let exits: Vec<String> = before["exits"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    // Rooms not seen yet first, east and west before north and south (a
    // walk that turns draws a better map).
    let to = |d: &str| before["room"]["exits"][d].as_i64();
    let rank = |d: &String| ["e", "w", "n", "s", "u", "d"].iter().position(|x| x == d);
    let mut exits = exits;
    exits.sort_by_key(rank);
    let mut order: Vec<&String> = exits.iter().filter(|d| !seen.contains(&to(d))).collect();
    order.extend(
        exits
            .iter()
            .filter(|d| seen.contains(&to(d)) && to(d) != back),
    );
    order.extend(
        exits
            .iter()
            .filter(|d| before["room"]["exits"][d.as_str()].as_i64() == back),
    );
    for dir in order {
        let button = b.element(&format!("#exits button[data-dir='{dir}']"))?;
        b.click(&button)?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            let now = page_state(b)?;
            if room_num(&now).is_some_and(|n| n != here) {
                // The panel shows the new room's name.
                let name = now["room"]["name"].as_str().unwrap_or_default();
                if now["panel"].as_str() == Some(name) && !name.is_empty() {
                    return Ok(now);
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Err(format!("could not leave room {here} by any exit: {before}"))
}

/// The server with the web client on a free port of its own (a port
/// taken between finding it and binding it: try another).
fn launch_web(extra: &[&str], env: &[(&str, &str)]) -> Result<(Server, u16), String> {
    let mut last = String::new();
    for _ in 0..3 {
        let port = common::free_port().map_err(|e| e.to_string())?;
        let wp = port.to_string();
        let mut args = vec!["-w", wp.as_str()];
        args.extend_from_slice(extra);
        match Server::launch(&Launch {
            extra: &args,
            env,
            ..Launch::default()
        }) {
            Ok(s) => return Ok((s, port)),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
}

#[test]
fn a_browser_plays_and_keeps_its_websocket_through_a_copyover() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let (mut server, web_port) = ok(launch_web(&[], &[]));
    // The implementor: the first character created.
    let mut odin = ok(server.connect());
    ok(odin.create_character("Odin", "secret1"));

    let b = ok(Browser::start(&chromium, &chromedriver));
    ok(b.go(&format!("http://127.0.0.1:{web_port}/")));
    let input = ok(b.element("#input"));
    let mut at = ok(expect(&b, 0, "By what name do you wish to be known?", WAIT));
    at = ok(say(&b, &input, at, "Wren", "(Y/N)?"));
    at = ok(say(&b, &input, at, "y", "Give me a password for"));
    // The password is typed into a password field (the server asked the
    // page to stop echoing).
    let kind = ok(b.js("return document.getElementById('input').type;"));
    assert_eq!(kind, json!("password"), "the input is not a password field");
    at = ok(say(&b, &input, at, "secret2", "Please retype password:"));
    at = ok(say(&b, &input, at, "secret2", "What is your race"));
    let kind = ok(b.js("return document.getElementById('input').type;"));
    assert_eq!(kind, json!("text"), "echo did not come back");
    at = ok(say(&b, &input, at, "human", "What is your sex (M/F)?"));
    at = ok(say(&b, &input, at, "m", "Select a class"));
    at = ok(say(&b, &input, at, "warrior", "Which alignment (G/N/E)?"));
    at = ok(say(&b, &input, at, "n", "Customize (Y/N)?"));
    at = ok(say(&b, &input, at, "n", "Your choice?"));
    at = ok(say(&b, &input, at, "sword", "[Hit Return to continue]"));
    at = ok(say(&b, &input, at, "", "Welcome to GraceMUD"));
    let out = ok(output(&b));
    assert!(!out.contains("secret2"), "the password was shown");
    assert!(!out.contains('\u{1b}'), "raw ANSI escapes in the page text");

    // Vitals and the room panel come by GMCP.
    let deadline = Instant::now() + WAIT;
    let mut st = ok(page_state(&b));
    while (room_num(&st).is_none() || !st["vitals"].as_str().unwrap_or("").contains('/'))
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
        st = ok(page_state(&b));
    }
    assert!(
        room_num(&st).is_some(),
        "no Room.Info reached the page: {st}"
    );
    assert!(
        st["vitals"].as_str().unwrap_or("").starts_with("HP "),
        "no vitals bar: {st}"
    );
    // Walk: five steps, the panel following each.
    let mut back = None;
    let mut seen = vec![room_num(&st)];
    for _ in 0..5 {
        let here = room_num(&st);
        st = ok(step(&b, back, &seen));
        assert_ne!(room_num(&st), here, "the room panel did not change");
        back = here;
        seen.push(room_num(&st));
    }
    assert!(
        st["mapped"].as_u64().unwrap_or(0) >= 2,
        "nothing mapped: {st}"
    );
    let drawn = ok(b.js("const c = document.getElementById('map'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n;"));
    assert!(
        drawn.as_u64().unwrap_or(0) > 100,
        "the map is empty: {drawn}"
    );
    at = ok(output(&b)).len().max(at);

    // Colour: an implementor's echo in red comes as a red span; the Colour
    // box turns it off (and the page remembers).
    ok(odin.cmd("gecho {RRed alert{x", "Red alert"));
    at = ok(expect(&b, at, "Red alert", WAIT));
    let colour = "const s = Array.from(document.querySelectorAll('#output span')).reverse().find(x => x.textContent.includes('Red alert')); return getComputedStyle(s).color;";
    let red = ok(b.js(colour));
    assert_eq!(red, json!("rgb(241, 76, 76)"), "not rendered in bright red");
    ok(b.click(&ok(b.element("#colour"))));
    let plain = ok(b.js(colour));
    assert_ne!(plain, red, "colour off left it red");
    ok(b.click(&ok(b.element("#colour"))));
    assert_eq!(ok(b.js(colour)), red);

    // The copyover, run by the implementor on telnet.
    let before = ok(page_state(&b));
    assert_eq!(before["connections"], json!(1), "{before}");
    assert_eq!(before["opens"], json!(1), "{before}");
    odin.drain(Duration::from_millis(100));
    ok(odin.cmd("copyover", "Copyover requested."));
    ok(odin.expect("Your body rematerializes.", Duration::from_secs(60)));
    at = ok(expect(
        &b,
        at,
        "Your body rematerializes.",
        Duration::from_secs(60),
    ));
    // Same websocket: no close, no second connection.
    let after = ok(page_state(&b));
    assert_eq!(
        after["connections"],
        json!(1),
        "the page reconnected: {after}"
    );
    assert_eq!(after["opens"], json!(1), "the page reconnected: {after}");
    assert_eq!(after["closes"], json!(0), "the websocket closed: {after}");
    assert_eq!(
        room_num(&after),
        room_num(&st),
        "a different room after the copyover"
    );
    // And it plays on: a command, and one more step.
    ok(say(
        &b,
        &input,
        at,
        "say still here",
        "You say 'still here'",
    ));
    // A picture for a person to look at.
    ok(b.js("document.getElementById('input').blur(); return 0;"));
    let png = ok(b.screenshot());
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    let shot = target_dir().join("web-client.png");
    ok(std::fs::write(&shot, &png).map_err(|e| format!("{}: {e}", shot.display())));
    println!("screenshot: {}", shot.display());
    let st2 = ok(step(&b, back, &seen));
    assert_ne!(room_num(&st2), room_num(&st));
    let last = ok(page_state(&b));
    assert_eq!(last["connections"], json!(1), "{last}");
    assert_eq!(last["closes"], json!(0), "{last}");

    // On the server's side too, one websocket was ever opened (both
    // images log to the same file): adopted by the new image, not new.
    let log = server.log();
    let opened = log.matches("(websocket)").count();
    assert_eq!(opened, 1, "websockets opened: {opened}\n{log}");
    assert!(log.contains("copyover complete"), "{log}");

    // The server truly gone (killed, no close frame): the page tries again
    // by itself, less and less often, and plays on once a server is back.
    server.stop();
    let deadline = Instant::now() + WAIT;
    loop {
        let st = ok(b.js("return {closes: gracemud.closes, delays: gracemud.retryDelays, status: document.getElementById('status').textContent};"));
        if st["delays"].as_array().is_some_and(|d| d.len() >= 2) {
            assert_eq!(st["delays"][0], json!(1000), "{st}");
            assert_eq!(st["delays"][1], json!(2000), "{st}");
            // Each failed try closes once more and schedules the next.
            assert_eq!(st["closes"].as_u64(), Some(d_len(&st)), "{st}");
            assert!(
                st["status"].as_str().unwrap_or("").contains("trying again"),
                "{st}"
            );
            break;
        }
        assert!(Instant::now() < deadline, "the page did not retry: {st}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let wp = web_port.to_string();
    let again = ok(Server::launch(&Launch {
        extra: &["-w", &wp],
        ..Launch::default()
    }));
    at = ok(output(&b)).len();
    ok(expect(
        &b,
        at,
        "By what name do you wish to be known?",
        Duration::from_secs(30),
    ));
    let back = ok(page_state(&b));
    assert_eq!(back["opens"], json!(2), "{back}");
    drop(again);
}

// ------------------------------------------------- without a browser

/// A minimal websocket client over std TCP (masked frames out, frames in).
struct RawWs {
    s: TcpStream,
    buf: Vec<u8>,
    /// Text of the game frames so far (ANSI stripped).
    text: String,
    /// Past the handshake: `buf` holds frames.
    open: bool,
}

impl RawWs {
    fn connect(port: u16) -> Result<RawWs, String> {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
            .map_err(|e| format!("connect {port}: {e}"))?;
        s.set_read_timeout(Some(Duration::from_millis(100)))
            .map_err(|e| e.to_string())?;
        s.write_all(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .map_err(|e| e.to_string())?;
        let mut ws = RawWs {
            s,
            buf: Vec::new(),
            text: String::new(),
            open: false,
        };
        let deadline = Instant::now() + WAIT;
        while !ws.buf.windows(4).any(|w| w == b"\r\n\r\n") {
            if Instant::now() > deadline || !ws.fill() {
                return Err(format!(
                    "no handshake: {:?}",
                    String::from_utf8_lossy(&ws.buf)
                ));
            }
        }
        let end = ws
            .buf
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(0)
            + 4;
        let head = String::from_utf8_lossy(&ws.buf[..end]).into_owned();
        if !head.starts_with("HTTP/1.1 101 ") {
            return Err(head);
        }
        ws.buf.drain(..end);
        ws.open = true;
        ws.decode();
        Ok(ws)
    }

    /// Read once; false when the connection is closed.
    fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 16384];
        match self.s.read(&mut chunk) {
            Ok(0) => false,
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                self.decode();
                true
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                true
            }
            Err(_) => false,
        }
    }

    fn decode(&mut self) {
        while self.open {
            let b = &self.buf;
            if b.len() < 2 {
                return;
            }
            let (len, start) = match b[1] & 0x7f {
                126 if b.len() >= 4 => (usize::from(u16::from_be_bytes([b[2], b[3]])), 4),
                127 if b.len() >= 10 => {
                    let mut n = [0u8; 8];
                    n.copy_from_slice(&b[2..10]);
                    (u64::from_be_bytes(n) as usize, 10)
                }
                126 | 127 => return,
                n => (usize::from(n), 2),
            };
            if b.len() < start + len {
                return;
            }
            let op = b[0] & 0x0f;
            let payload = String::from_utf8_lossy(&b[start..start + len]).into_owned();
            if op == 1 && !payload.starts_with('\u{1}') {
                let mut clean = String::new();
                let mut esc = false;
                for ch in payload.chars() {
                    match (esc, ch) {
                        (false, '\u{1b}') => esc = true,
                        (true, c) if c.is_ascii_alphabetic() => esc = false,
                        (true, _) => {}
                        (false, c) => clean.push(c),
                    }
                }
                self.text.push_str(&clean);
            } else if op == 1 {
                self.text.push_str("\n[oob]");
                self.text.push_str(&payload[1..]);
                self.text.push('\n');
            } else if op == 8 {
                self.text.push_str("\n[close]\n");
            }
            self.buf.drain(..start + len);
        }
    }

    fn frame(payload: &[u8], fin: bool, opcode: u8) -> Vec<u8> {
        let mask = [9u8, 8, 7, 6];
        let mut f = vec![(if fin { 0x80 } else { 0 }) | opcode];
        let n = payload.len();
        if n < 126 {
            f.push(0x80 | n as u8);
        } else {
            f.push(0x80 | 126);
            f.extend_from_slice(&(n as u16).to_be_bytes());
        }
        f.extend_from_slice(&mask);
        f.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i & 3]));
        f
    }

    fn send_raw(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.s.write_all(bytes).map_err(|e| e.to_string())
    }

    fn line(&mut self, line: &str) -> Result<(), String> {
        let f = RawWs::frame(line.as_bytes(), true, 1);
        self.send_raw(&f)
    }

    /// Wait for `text` in what came after `from`; the position after it.
    fn expect(&mut self, from: usize, text: &str, wait: Duration) -> Result<usize, String> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(p) = self.text.get(from..).and_then(|t| t.find(text)) {
                return Ok(from + p + text.len());
            }
            if Instant::now() > deadline || !self.fill() {
                return Err(format!(
                    "no {text:?}; got:\n{}",
                    self.text.get(from..).unwrap_or("")
                ));
            }
        }
    }

    fn cmd(&mut self, from: usize, line: &str, text: &str) -> Result<usize, String> {
        self.line(line)?;
        self.expect(from, text, WAIT)
    }

    fn create(&mut self, name: &str) -> Result<usize, String> {
        let mut at = self.expect(0, "By what name do you wish to be known?", WAIT)?;
        for (line, next) in [
            (name, "(Y/N)?"),
            ("y", "Give me a password for"),
            ("secret9", "Please retype password:"),
            ("secret9", "What is your race"),
            ("human", "What is your sex"),
            ("f", "Select a class"),
            ("thief", "Which alignment"),
            ("n", "Customize (Y/N)?"),
            ("n", "Your choice?"),
            ("dagger", "[Hit Return to continue]"),
            ("", "Welcome to GraceMUD"),
        ] {
            at = self.cmd(at, line, next)?;
        }
        Ok(at)
    }
}

/// GET / on the web port: the status line, or the error.
fn fetch_page(port: u16) -> Result<String, String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(WAIT)).map_err(|e| e.to_string())?;
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .map_err(|e| format!("send: {e}"))?;
    let mut all = Vec::new();
    s.read_to_end(&mut all).map_err(|e| format!("read: {e}"))?;
    let text = String::from_utf8_lossy(&all).into_owned();
    if !text.ends_with("</html>\n") {
        return Err(format!("a cut page: {} bytes", all.len()));
    }
    Ok(text.lines().next().unwrap_or_default().to_string())
}

/// Through a copyover: the web port never refuses (the listener goes to the
/// new image; a browser connecting during the exec waits in the backlog),
/// and a websocket player whose frame was half-sent at the exec has it
/// finished by the new image.
#[test]
fn the_web_port_and_a_websocket_go_through_a_copyover() {
    let (server, web_port) = ok(launch_web(&[], &[]));
    let mut odin = ok(server.connect());
    ok(odin.create_character("Odin", "secret1"));
    let mut ws = ok(RawWs::connect(web_port));
    let mut at = ok(ws.create("Tamsin"));
    at = ok(ws.cmd(at, "say before", "You say 'before'"));
    // Half of a fragmented message, and half of its last frame.
    let first = RawWs::frame(b"say across ", false, 1);
    let last = RawWs::frame(b"the exec", true, 0);
    ok(ws.send_raw(&first));
    ok(ws.send_raw(&last[..6]));
    // Page fetches in a loop, all through the copyover.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = stop.clone();
    let fetcher = std::thread::spawn(move || {
        let mut results = Vec::new();
        while !stop2.load(std::sync::atomic::Ordering::SeqCst) {
            results.push(fetch_page(web_port));
        }
        results
    });
    // Let the old image read the half frame (it cannot be seen from here).
    std::thread::sleep(Duration::from_millis(200));
    odin.drain(Duration::from_millis(50));
    ok(odin.cmd("copyover", "Copyover requested."));
    ok(odin.expect("Your body rematerializes.", Duration::from_secs(60)));
    at = ok(ws.expect(at, "Your body rematerializes.", Duration::from_secs(60)));
    // A few fetches from the new image too.
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let results = fetcher.join().expect("fetcher panicked");
    // Never refused: the listener stayed open, and connections made during
    // the exec waited in its backlog. One fetch may have been in flight
    // with its request not yet read when the old image handed over: that
    // connection is closed (an HTTP exchange is not carried), nothing more.
    let failed: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        !failed.iter().any(|e| e.starts_with("connect")),
        "the web port refused: {failed:?}"
    );
    assert!(failed.len() <= 1, "page fetches failed: {failed:?}");
    println!(
        "{} page fetches through the copyover, cut: {failed:?}",
        results.len()
    );
    assert!(results.len() >= 5, "only {} fetches", results.len());
    assert!(results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .all(|r| r == "HTTP/1.1 200 OK"));
    // The rest of the frame, to the new image.
    ok(ws.send_raw(&last[6..]));
    at = ok(ws.expect(at, "You say 'across the exec'", WAIT));
    at = ok(ws.cmd(at, "say after", "You say 'after'"));
    assert!(!ws.text.contains("[close]"), "the websocket was closed");
    let _ = at;
    let log = server.log();
    assert!(log.contains("copyover complete"), "{log}");
    assert_eq!(log.matches("(websocket)").count(), 1, "{log}");
}

/// A copyover rolled back (the new image fails on purpose, and rolls back
/// itself or dies and is rolled back by the guardian): the web listener
/// and the websocket come back to the old image too.
#[test]
fn a_rolled_back_copyover_keeps_the_web_port_and_the_websocket() {
    for failpoint in ["copyover-recover", "copyover-segv"] {
        rolled_back(failpoint);
    }
}

/// A rollback by the guardian runs the game on in the guardian's process:
/// on drop, kill the process the server's pid file names, by pid, if it is
/// not the one the harness started (and really is this test's server).
struct RolledBackProcess {
    pid_file: PathBuf,
    started: u32,
    marker: String,
}

impl Drop for RolledBackProcess {
    fn drop(&mut self) {
        let Some(pid) = std::fs::read_to_string(&self.pid_file)
            .ok()
            .and_then(|t| t.trim().parse::<i32>().ok())
        else {
            return;
        };
        if pid as u32 == self.started {
            return;
        }
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline).contains(&self.marker) {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
    }
}

fn rolled_back(failpoint: &str) {
    let (server, web_port) = ok(launch_web(&[], &[("GRACEMUD_FAILPOINT", failpoint)]));
    let _rolled = RolledBackProcess {
        pid_file: server.root.join(format!("gracemud-{}.pid", server.port)),
        started: server.pid(),
        marker: server.player_dir.display().to_string(),
    };
    let mut odin = ok(server.connect());
    ok(odin.create_character("Odin", "secret1"));
    let mut ws = ok(RawWs::connect(web_port));
    let mut at = ok(ws.create("Tamsin"));
    odin.drain(Duration::from_millis(50));
    ok(odin.cmd("copyover", "Copyover requested."));
    ok(odin.expect("rolled back", Duration::from_secs(60)));
    at = ok(ws.expect(at, "rolled back", Duration::from_secs(60)));
    at = ok(ws.cmd(at, "say still", "You say 'still'"));
    let _ = at;
    assert_eq!(ok(fetch_page(web_port)), "HTTP/1.1 200 OK", "{failpoint}");
    assert!(!ws.text.contains("[close]"), "{failpoint}");
}

/// MSSP (asked for over telnet) advertises the web client and its port.
#[test]
fn mssp_advertises_the_web_client() {
    let (server, web_port) = ok(launch_web(&[], &[]));
    let mut s = ok(TcpStream::connect(("127.0.0.1", server.port)).map_err(|e| e.to_string()));
    ok(s.set_read_timeout(Some(Duration::from_millis(100)))
        .map_err(|e| e.to_string()));
    // IAC DO MSSP.
    ok(s.write_all(&[255, 253, 70]).map_err(|e| e.to_string()));
    let deadline = Instant::now() + WAIT;
    let mut all = Vec::new();
    let mut chunk = [0u8; 8192];
    let want = format!("WEB PORT\x02{web_port}");
    loop {
        if let Ok(n) = s.read(&mut chunk) {
            all.extend_from_slice(&chunk[..n]);
        }
        let text = String::from_utf8_lossy(&all);
        if text.contains(&want) && text.contains("WEB CLIENT\x021") {
            break;
        }
        assert!(Instant::now() < deadline, "no web client in MSSP: {text:?}");
    }
}

// ------------------------------------------------------------ measuring

/// A player connection for measuring: telnet or websocket, raw bytes.
struct Player {
    s: TcpStream,
    buf: Vec<u8>,
    ws: bool,
}

impl Player {
    fn telnet(port: u16) -> Player {
        let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_millis(50)))
            .expect("timeout");
        Player {
            s,
            buf: Vec::new(),
            ws: false,
        }
    }

    fn websocket(port: u16) -> Player {
        let mut p = Player::telnet(port);
        p.ws = true;
        p.s.write_all(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .expect("handshake");
        p
    }

    fn send(&mut self, line: &str) {
        if self.ws {
            let f = RawWs::frame(line.as_bytes(), true, 1);
            self.s.write_all(&f).expect("send");
        } else {
            self.s
                .write_all(format!("{line}\r\n").as_bytes())
                .expect("send");
        }
    }

    /// Wait for `text` (within one frame for a websocket); forget what came
    /// before it.
    fn expect(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut chunk = [0u8; 65536];
        loop {
            if let Some(p) = self
                .buf
                .windows(text.len())
                .position(|w| w == text.as_bytes())
            {
                self.buf.drain(..p + text.len());
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no {text:?}: {:?}",
                String::from_utf8_lossy(&self.buf)
            );
            if let Ok(n) = self.s.read(&mut chunk) {
                assert!(n > 0, "closed waiting for {text:?}");
                self.buf.extend_from_slice(&chunk[..n]);
            }
        }
    }

    /// Read whatever is there without waiting, and forget it.
    fn discard(&mut self) {
        self.buf.clear();
        let _ = self.s.set_nonblocking(true);
        let mut chunk = [0u8; 65536];
        while let Ok(n) = self.s.read(&mut chunk) {
            if n == 0 {
                break;
            }
        }
        let _ = self.s.set_nonblocking(false);
    }

    fn create(&mut self, name: &str) {
        self.expect("By what name do you wish to be known?");
        for (line, next) in [
            (name, "(Y/N)?"),
            ("y", "Give me a password for"),
            ("secret9", "Please retype password:"),
            ("secret9", "What is your race"),
            ("human", "What is your sex"),
            ("f", "Select a class"),
            ("thief", "Which alignment"),
            ("n", "Customize (Y/N)?"),
            ("n", "Your choice?"),
            ("dagger", "[Hit Return to continue]"),
            ("", "Welcome to GraceMUD"),
        ] {
            self.send(line);
            self.expect(next);
        }
        self.expect("mv> ");
    }
}

fn rss_kb(pid: u32) -> f64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

fn name_for(i: usize) -> String {
    // Names are letters only.
    let mut n = String::from("Mx");
    let mut k = i;
    for _ in 0..4 {
        n.push((b'a' + (k % 26) as u8) as char);
        k /= 26;
    }
    n
}

/// Memory per logged-in player and a command's round trip, telnet beside
/// websocket. `cargo test --release --test web -- --ignored --nocapture
/// measure` (GRACEMUD_MEASURE_N players, 200 by default).
#[test]
#[ignore]
fn measure_web_against_telnet() {
    let n: usize = std::env::var("GRACEMUD_MEASURE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    for ws in [false, true] {
        let (server, web_port) = ok(launch_web(
            &["--max-per-address", "0"],
            &[("RUST_LOG", "warn")],
        ));
        // The implementor first, so everyone measured is a mortal.
        let mut imm = Player::telnet(server.port);
        imm.create("Odin");
        let connect = |i: usize| {
            let mut p = if ws {
                Player::websocket(web_port)
            } else {
                Player::telnet(server.port)
            };
            p.create(&name_for(i));
            p
        };
        // A warm-up player, then the baseline.
        let mut probe = connect(9999);
        std::thread::sleep(Duration::from_millis(300));
        let before = rss_kb(server.pid());
        let mut players = Vec::with_capacity(n);
        for i in 0..n {
            players.push(connect(i));
            for p in &mut players {
                p.discard();
            }
            probe.discard();
            imm.discard();
        }
        std::thread::sleep(Duration::from_millis(500));
        for p in &mut players {
            p.discard();
        }
        probe.discard();
        std::thread::sleep(Duration::from_millis(200));
        let after = rss_kb(server.pid());
        // Round trips of `look`, on a server holding n idle players (moved
        // away from the crowd so their arrivals do not interleave).
        probe.send("north");
        probe.expect("mv> ");
        let mut times = Vec::with_capacity(200);
        for _ in 0..200 {
            probe.discard();
            let t = Instant::now();
            probe.send("look");
            probe.expect("[Exits:");
            probe.expect("mv> ");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{}: {n} players, RSS {:.1} MB -> {:.1} MB: {:.1} kB per player; look round trip median {:.3} ms, p90 {:.3} ms",
            if ws { "websocket" } else { "telnet" },
            before / 1024.0,
            after / 1024.0,
            (after - before) / n as f64,
            times[times.len() / 2],
            times[times.len() * 9 / 10],
        );
    }
}
