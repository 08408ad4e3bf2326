//! The attacks of issue #8, each replayed over TCP against the real binary:
//! every test here failed before the fix it names.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{ok, Launch, Server, WAIT};

/// Item 1: with players on file but nobody online, a stranger who exhausts
/// the server's descriptors while sitting at "[Hit Return to continue]"
/// used to become the implementor (a failed directory read looked empty).
/// Now the implementor is decided from the boot census, the reserve keeps
/// descriptors for the game, and the flood is told the game is full.
#[test]
fn descriptor_exhaustion_does_not_make_an_implementor() {
    let s = ok(Server::launch(&Launch {
        extra: &["--max-per-address", "0"],
        nofile: Some(200),
        ..Launch::default()
    }));
    // The owner exists on file (the first character ever: implementor).
    let mut owner = ok(s.connect());
    let t = ok(owner.create_character("Owner", "password1"));
    assert!(t.contains("you have been made the implementor"), "{t}");
    ok(owner.cmd("quit", "Alas, all good things must come to an end."));
    assert!(owner.wait_closed(WAIT));
    ok(common::wait_for_file(&s.player_dir.join("Owner"), |f| {
        f.contains("Levl 60")
    }));

    // The stranger gets to the MOTD of a new character...
    let mut m = ok(s.connect());
    ok(m.expect("By what name do you wish to be known?", WAIT));
    ok(m.cmd("Mallory", "(Y/N)? "));
    ok(m.cmd("y", "Give me a password for"));
    ok(m.cmd("password2", "Please retype password:"));
    ok(m.cmd("password2", "What is your race"));
    ok(m.cmd("human", "(M/F)?"));
    ok(m.cmd("m", "Select a class"));
    ok(m.cmd("warrior", "(G/N/E)?"));
    ok(m.cmd("n", "Customize (Y/N)?"));
    ok(m.cmd("n", "Your choice?"));
    ok(m.cmd("sword", "[Hit Return to continue]"));
    // ...then opens connections until the server refuses them.
    let mut flood: Vec<TcpStream> = Vec::new();
    let mut refused = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    while refused < 5 && Instant::now() < deadline {
        let Ok(mut c) = TcpStream::connect(("127.0.0.1", s.port)) else {
            refused += 1;
            continue;
        };
        c.set_read_timeout(Some(Duration::from_millis(500))).ok();
        let mut buf = [0u8; 512];
        let n = std::io::Read::read(&mut c, &mut buf).unwrap_or(0);
        let text = String::from_utf8_lossy(&buf[..n]).to_string();
        if text.contains("The game is full") {
            refused += 1;
        } else {
            flood.push(c);
        }
        assert!(
            flood.len() < 400,
            "no limit: {} connections held",
            flood.len()
        );
    }
    assert!(refused >= 5, "the server never said it was full");
    // Return at the MOTD: a mortal, whatever the descriptors.
    let t = ok(m.cmd("", "Welcome to GraceMUD"));
    let t = t + &ok(m.expect("> ", WAIT));
    assert!(!t.contains("implementor"), "{t}");
    // The game itself still works at the cap: the save on quit succeeds.
    ok(m.cmd("quit", "Alas"));
    assert!(m.wait_closed(WAIT));
    let file = ok(common::wait_for_file(&s.player_dir.join("Mallory"), |f| {
        f.contains("Levl ")
    }));
    assert!(file.contains("Levl 1\n"), "{file}");
    assert!(s.log().contains("refusing connections over the limits"));
    // Once the flood goes, the owner gets in again.
    drop(flood);
    let mut owner = ok(s.connect());
    ok(owner.login("Owner", "password1"));
}

/// Item 2: a file read at the name prompt and used after the password
/// brought back gear given away meanwhile.
#[test]
fn a_stale_read_before_the_password_does_not_duplicate_items() {
    let s = ok(Server::start());
    let mut first = ok(s.connect());
    ok(first.create_character("First", "password0")); // the implementor
    let mut duper = ok(s.connect());
    ok(duper.create_character("Duper", "password1"));
    let mut mule = ok(s.connect());
    ok(mule.create_character("Mule", "password2"));
    // A second connection reads Duper's file and waits at the password.
    let mut second = ok(s.connect());
    ok(second.expect("By what name do you wish to be known?", WAIT));
    ok(second.cmd("Duper", "Password:"));
    // Meanwhile Duper gives all his gear to Mule, Mule saves, Duper quits.
    ok(duper.cmd("remove all", "> "));
    ok(duper.cmd("give sword mule", "You give"));
    ok(duper.cmd("give vest mule", "You give"));
    ok(duper.cmd("give shield mule", "You give"));
    ok(mule.cmd("inventory", "a cadet's short sword"));
    ok(mule.cmd("save", "Saving."));
    ok(duper.cmd("quit", "Alas"));
    assert!(duper.wait_closed(WAIT));
    // The sword (school vnum 3702) is Mule's now, on disk too.
    ok(common::wait_for_file(&s.player_dir.join("Duper"), |f| {
        !f.contains("Vnum 3702\n")
    }));
    // Now the password: Duper comes back as he left, empty-handed.
    ok(second.cmd("password1", "[Hit Return to continue]"));
    ok(second.cmd("", "Welcome to GraceMUD"));
    let eq = ok(second.cmd("equipment", "> "));
    assert!(!eq.contains("a cadet's short sword"), "{eq}");
    let inv = ok(second.cmd("inventory", "> "));
    assert!(!inv.contains("a cadet's short sword"), "{inv}");
    // Mule keeps it (his `save` left him in ROM's save lag: read his file).
    ok(common::wait_for_file(&s.player_dir.join("Mule"), |f| {
        f.contains("Vnum 3702\n")
    }));
}

/// Item 2, the same for a password changed while someone waits at the
/// password prompt: the old password no longer lets them in.
#[test]
fn a_password_changed_meanwhile_is_asked_again() {
    let s = ok(Server::start());
    let mut a = ok(s.connect());
    ok(a.create_character("Ada", "oldpass1"));
    let mut b = ok(s.connect());
    ok(b.expect("By what name do you wish to be known?", WAIT));
    ok(b.cmd("Ada", "Password:"));
    ok(a.cmd("password oldpass1 newpass2", "Ok."));
    ok(a.cmd("quit", "Alas"));
    assert!(a.wait_closed(WAIT));
    ok(common::wait_for_file(&s.player_dir.join("Ada"), |_| true));
    // The old password passes the stale check, then the fresh file asks again.
    let t = ok(b.cmd("oldpass1", "Password:"));
    assert!(t.contains("Your password has changed meanwhile."), "{t}");
    ok(b.cmd("oldpass1", "Wrong password."));
    ok(b.cmd("newpass2", "[Hit Return to continue]"));
}

/// Item 4: a slowloris (a byte now and then, never a line) is closed by the
/// idle timeout at the prompt; one who keeps typing bad names is closed by
/// the whole-login limit.
#[test]
fn logins_time_out_at_every_prompt() {
    let s = ok(Server::launch(&Launch {
        extra: &["--login-timeout", "1", "--login-limit", "3"],
        ..Launch::default()
    }));
    let mut slow = ok(s.connect());
    ok(slow.expect("By what name do you wish to be known?", WAIT));
    let started = Instant::now();
    for b in b"Slowlori" {
        if slow.closed {
            break;
        }
        let _ = slow.send_bytes(&[*b]);
        slow.drain(Duration::from_millis(300));
    }
    assert!(slow.wait_closed(WAIT));
    assert!(
        slow.transcript.contains("Idle timeout"),
        "{}",
        slow.transcript
    );
    assert!(started.elapsed() < WAIT);

    // Typing keeps the idle clock going, but not the whole-login one.
    let mut typist = ok(s.connect());
    ok(typist.expect("By what name do you wish to be known?", WAIT));
    let deadline = Instant::now() + WAIT;
    while !typist.closed && Instant::now() < deadline {
        let _ = typist.send_line("1");
        typist.drain(Duration::from_millis(400));
    }
    assert!(typist.closed, "never closed");
    assert!(
        typist.transcript.contains("Idle timeout"),
        "{}",
        typist.transcript
    );
    assert!(s.log().contains("login timeout"), "{}", s.log());

    // At the password prompt too.
    let mut p = ok(s.connect());
    ok(p.create_character("Pia", "password1"));
    ok(p.cmd("quit", "Alas"));
    let mut q = ok(s.connect());
    ok(q.expect("By what name do you wish to be known?", WAIT));
    ok(q.cmd("Pia", "Password:"));
    ok(q.expect("Idle timeout", WAIT));
    assert!(q.wait_closed(WAIT));
    // A player in the game is never timed out by it.
    let mut r = ok(s.connect());
    ok(r.login("Pia", "password1"));
    std::thread::sleep(Duration::from_secs(4));
    ok(r.cmd("look", "> "));
}

/// Item 11: a panic in a command stops that command, is logged with its
/// backtrace, and nobody is disconnected; the same for an update.
#[test]
fn a_panic_in_a_command_or_an_update_is_survived() {
    let s = ok(Server::launch(&Launch {
        env: &[("GRACEMUD_FAILPOINT", "command-panic")],
        ..Launch::default()
    }));
    let mut a = ok(s.connect());
    ok(a.create_character("Alba", "password1"));
    let mut b = ok(s.connect());
    ok(b.create_character("Bruno", "password2"));
    ok(a.cmd("failpoint", "Something went wrong with that command"));
    ok(a.cmd("say still here", "You say 'still here'"));
    ok(b.expect("Alba says 'still here'", WAIT));
    let log = s.log();
    assert!(log.contains("a command panicked and was stopped"), "{log}");
    assert!(
        log.contains("stack backtrace") || log.contains("backtrace"),
        "{log}"
    );

    let s = ok(Server::launch(&Launch {
        env: &[("GRACEMUD_FAILPOINT", "update-panic")],
        ..Launch::default()
    }));
    let mut a = ok(s.connect());
    ok(a.create_character("Alba", "password1"));
    let deadline = Instant::now() + WAIT;
    while !s.log().contains("an update panicked") {
        assert!(Instant::now() < deadline, "no update panic:\n{}", s.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    ok(a.cmd("look", "> "));
    assert!(!a.closed);
}

/// Item 11: a `bamfin` holding a colour code before a non-ASCII letter
/// made `goto` panic (a byte index inside a character) and end the game.
#[test]
fn goto_with_a_utf8_bamfin_does_not_panic() {
    let s = ok(Server::start());
    let mut imm = ok(s.connect());
    ok(imm.create_character("Root", "password1")); // implementor
    ok(imm.cmd("quit", "Alas"));
    assert!(imm.wait_closed(WAIT));
    let path = s.player_dir.join("Root");
    let file = ok(common::wait_for_file(&path, |f| f.contains("Levl 60")));
    // As a builder would put it there by hand.
    let file = file.replacen(
        "\nLevl ",
        "\nBin  {\u{e9}clair arrives.~\nBout {\u{e9}clair leaves.~\nLevl ",
        1,
    );
    std::fs::write(&path, file).expect("edit the player file");
    let mut watcher = ok(s.connect());
    ok(watcher.create_character("Wes", "password2"));
    let mut imm = ok(s.connect());
    ok(imm.login("Root", "password1"));
    ok(imm.cmd("goto 3001", "> "));
    ok(imm.cmd("goto wes", "> "));
    // `{\u{e9}` is taken as a colour code; the letter after it is capitalised.
    ok(watcher.expect("Clair arrives.", WAIT));
    let t = ok(imm.cmd("look", "> "));
    assert!(!t.contains("Something went wrong"), "{t}");
    assert!(!s.log().contains("panicked"), "{}", s.log());
}

/// Item 3, end to end: `DO MCCP2`/`DONT MCCP2` flapping from one
/// connection at the name prompt; a player's `look` is still answered and
/// the option is refused after a few rounds (see the log).
#[test]
fn mccp_flapping_is_refused() {
    let s = ok(Server::start());
    let mut p = ok(s.connect());
    ok(p.create_character("Plain", "password1"));
    let mut flapper = ok(TcpStream::connect(("127.0.0.1", s.port)).map_err(|e| e.to_string()));
    flapper
        .set_write_timeout(Some(Duration::from_millis(200)))
        .ok();
    let flap: Vec<u8> = [0xFFu8, 0xFD, 0x56, 0xFF, 0xFE, 0x56]
        .iter()
        .copied()
        .cycle()
        .take(6 * 10_000)
        .collect();
    for _ in 0..10 {
        if flapper.write_all(&flap).is_err() {
            break;
        }
        ok(p.cmd("look", "> "));
    }
    let deadline = Instant::now() + WAIT;
    while !s.log().contains("refused from now on") {
        assert!(Instant::now() < deadline, "{}", s.log());
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Items 8 and 9 across a real copyover: a half-typed line goes on after
/// it; a `password` command typed while lagged is never written into the
/// state file (and so never runs); the hand-over files live in a private
/// directory and player files are readable by the server's user only.
#[test]
fn copyover_carries_half_lines_but_no_secrets() {
    use std::os::unix::fs::PermissionsExt;
    let s = ok(Server::start());
    let mut imm = ok(s.connect());
    ok(imm.create_character("Root", "password1"));
    let mut p = ok(s.connect());
    ok(p.create_character("Hal", "password2"));
    let mode = |path: &std::path::Path| {
        std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0)
    };
    let run = s.root.join("run").join(s.port.to_string());
    assert_eq!(mode(&run), 0o700, "{}", run.display());
    assert_eq!(mode(&s.root.join("run")), 0o700);
    let file = s.player_dir.join("Hal");
    ok(common::wait_for_file(&file, |_| true));
    assert_eq!(mode(&file), 0o600);

    // `save` leaves ROM's lag behind: the next line waits, unread.
    ok(p.cmd("save", "Saving."));
    ok(p.send_line("password password2 stolen99"));
    ok(p.send_bytes(b"promp"));
    std::thread::sleep(Duration::from_millis(300));
    ok(imm.cmd("copyover", "Your body rematerializes."));
    ok(p.expect("Your body rematerializes.", WAIT));
    ok(p.send_line("t Q1|"));
    ok(p.expect("Q1|", Duration::from_secs(30)));
    assert!(!run.join("copyover.state").exists());
    // The password was never changed.
    ok(p.cmd("quit", "Alas"));
    assert!(p.wait_closed(WAIT));
    let mut again = ok(s.connect());
    ok(again.expect("By what name do you wish to be known?", WAIT));
    ok(again.cmd("Hal", "Password:"));
    ok(again.cmd("password2", "[Hit Return to continue]"));
}

/// Item 4: at the connection cap the game itself keeps working: an
/// immortal already in the game can still copy over (the flood comes back
/// at the name prompt), a player can still quit (which saves), and a new
/// connection is told the game is full rather than left hanging.
#[test]
fn a_full_house_still_saves_and_copies_over() {
    let s = ok(Server::launch(&Launch {
        extra: &["--max-per-address", "0"],
        nofile: Some(200),
        ..Launch::default()
    }));
    let mut imm = ok(s.connect());
    ok(imm.create_character("Zorvath", "password1"));
    let mut p = ok(s.connect());
    ok(p.create_character("Quilla", "password2"));
    // Fill the house.
    let mut flood: Vec<TcpStream> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "never full");
        let Ok(mut c) = TcpStream::connect(("127.0.0.1", s.port)) else {
            continue;
        };
        c.set_read_timeout(Some(Duration::from_millis(500))).ok();
        let mut buf = [0u8; 512];
        let n = std::io::Read::read(&mut c, &mut buf).unwrap_or(0);
        if String::from_utf8_lossy(&buf[..n]).contains("The game is full") {
            break;
        }
        flood.push(c);
        assert!(flood.len() < 400, "no limit");
    }
    ok(imm.cmd("copyover", "Your body rematerializes."));
    ok(p.expect("Your body rematerializes.", WAIT));
    // `quit` answers only once the file is written.
    ok(p.cmd("quit", "Alas, all good things must come to an end."));
    assert!(p.wait_closed(WAIT));
    assert!(!s.log().contains("Too many open files"), "{}", s.log());
    drop(flood);
}
