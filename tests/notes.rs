//! Note spools over real TCP: a note written and posted before a restart
//! is waiting, unread, after it; the spool is a plain file beside the
//! player directory.

mod common;

use common::{ok, Server, WAIT};

#[test]
fn a_note_posted_before_a_restart_is_read_after_it() {
    let server = ok(Server::start());
    let mut a = ok(server.connect());
    ok(a.create_character("Aspen", "secret1"));
    let mut b = ok(server.connect());
    let t = ok(b.create_character("Rowan", "secret2"));
    assert!(t.contains("You have no unread notes."), "{t}");

    ok(a.cmd("note to rowan", "Ok."));
    ok(a.cmd("note subject Meeting at the shrine", "Ok."));
    ok(a.cmd("note + Come at dusk.", "Ok."));
    ok(a.cmd("note + Bring a lamp.", "Ok."));
    ok(a.cmd("note + A line to take back.", "Ok."));
    ok(a.cmd("note -", "Ok."));
    let shown = ok(a.cmd("note show", "Bring a lamp."));
    assert!(shown.contains("Meeting at the shrine"), "{shown}");
    ok(a.cmd("note post", "Note posted."));
    ok(b.cmd("unread", "You have 1 new note waiting."));
    ok(b.cmd("save", "Saving."));
    let spool = server.root.join("notes").join("notes.not");
    let text = ok(common::wait_for_file(&spool, |t| {
        t.contains("Bring a lamp.")
    }));
    assert!(text.contains("Subject Meeting at the shrine~"), "{text}");
    assert!(!text.contains("take back"), "{text}");

    let server = ok(server.restart());
    let mut b = ok(server.connect());
    let t = ok(b.login("Rowan", "secret2"));
    assert!(t.contains("You have 1 new note waiting."), "{t}");
    ok(b.cmd("note list", "[  0N] Aspen: Meeting at the shrine"));
    let read = ok(b.cmd("note read", "Bring a lamp."));
    assert!(read.contains("Come at dusk."), "{read}");
    assert!(read.contains("To: rowan"), "{read}");
    ok(b.cmd("note read", "You have no unread notes."));
    // The read mark is kept with the character.
    ok(b.cmd("quit", "Alas, all good things must come to an end."));
    assert!(b.wait_closed(WAIT));
    let mut b = ok(server.connect());
    let t = ok(b.login("Rowan", "secret2"));
    assert!(t.contains("You have no unread notes."), "{t}");
    // Only the writer (or the implementor) may remove it.
    ok(b.cmd("note remove 0", "You can only remove notes you wrote."));
    let mut a = ok(server.connect());
    ok(a.login("Aspen", "secret1"));
    ok(a.cmd("note remove 0", "Ok."));
    ok(b.cmd("note list", "There are no notes for you."));
}
