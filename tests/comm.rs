//! Talking over real TCP: the public channels, quiet, deaf, AFK and
//! replay, pmote; aliases kept across quit and login; the pager; `delete`.

mod common;

use std::time::Duration;

use common::{ok, Server, WAIT};

#[test]
fn two_players_use_the_channels_afk_and_replay() {
    let server = ok(Server::start());
    let mut a = ok(server.connect());
    ok(a.create_character("Alder", "secret1"));
    let mut b = ok(server.connect());
    ok(b.create_character("Birch", "secret2"));
    ok(a.expect("Birch has entered the game.", WAIT));

    // Each channel, heard by the other.
    for (line, mine, theirs) in [
        (
            "auction a fine sword",
            "You auction 'a fine sword'",
            "Alder auctions 'a fine sword'",
        ),
        (
            "question anyone?",
            "You question 'anyone?'",
            "Alder questions 'anyone?'",
        ),
        ("answer me!", "You answer 'me!'", "Alder answers 'me!'"),
        (
            "quote to be or not",
            "You quote 'to be or not'",
            "Alder quotes 'to be or not'",
        ),
        ("grats birch", "You grats 'birch'", "Alder grats 'birch'"),
        ("music la la", "You MUSIC: 'la la'", "Alder MUSIC: 'la la'"),
        (
            "yell over here",
            "You yell 'over here'",
            "Alder yells 'over here'",
        ),
    ] {
        ok(a.cmd(line, mine));
        ok(b.expect(theirs, WAIT));
    }
    ok(a.cmd("clan hello", "You aren't in a clan."));

    // A channel turned off is not heard; `channels` says so.
    ok(b.cmd("music", "Music channel is now OFF."));
    ok(b.cmd("channels", "music          OFF"));
    ok(a.cmd("music hum", "You MUSIC: 'hum'"));
    ok(a.cmd("grats marker", "You grats 'marker'"));
    let heard = ok(b.expect("Alder grats 'marker'", WAIT));
    assert!(!heard.contains("hum"), "music was off: {heard}");

    // Quiet: says still arrive, channels do not.
    ok(b.cmd("quiet", "From now on, you will only hear says and emotes."));
    ok(a.cmd("gossip lost words", "You gossip 'lost words'"));
    ok(a.cmd("say said words", "You say 'said words'"));
    let heard = ok(b.expect("Alder says 'said words'", WAIT));
    assert!(!heard.contains("lost words"), "quiet: {heard}");
    ok(b.cmd("quiet", "Quiet mode removed."));

    // pmote: the one named reads "you".
    ok(a.cmd("pmote pokes Birch gently.", "Alder pokes Birch gently."));
    ok(b.expect("Alder pokes you gently.", WAIT));

    // AFK: the tell is kept, shown by replay once.
    ok(b.cmd("afk", "AFK mode set."));
    ok(a.cmd("who", "[AFK] Birch"));
    ok(a.cmd(
        "tell birch are you there",
        "He is AFK, but your tell will go through when he returns.",
    ));
    ok(a.cmd("gossip marker two", "You gossip 'marker two'"));
    let heard = ok(b.expect("Alder gossips 'marker two'", WAIT));
    assert!(!heard.contains("tells you"), "kept while AFK: {heard}");
    ok(b.cmd("afk", "AFK mode removed. Type 'replay' to see tells."));
    ok(b.cmd("replay", "Alder tells you 'are you there'"));
    ok(b.cmd("replay", "You have no tells to replay."));
    ok(b.cmd("reply back now", "You tell Alder 'back now'"));
    ok(a.expect("Birch tells you 'back now'", WAIT));

    // Deaf: no tells either way (immortals get through: Birch tells).
    ok(a.cmd("deaf", "From now on, you won't hear tells."));
    ok(b.cmd("tell alder hello?", "He is not receiving tells."));
    ok(a.cmd("tell birch hi", "Your message didn't get through."));
    ok(a.cmd("deaf", "You can now hear tells again."));

    // The implementor takes the channels away, and gives them back.
    ok(a.cmd("nochannels birch", "NOCHANNELS set."));
    ok(b.expect("The gods have revoked your channel privileges.", WAIT));
    ok(b.cmd(
        "gossip hello?",
        "The gods have revoked your channel privileges.",
    ));
    ok(b.cmd("channels", "You cannot use channels."));
    ok(a.cmd("nochannels birch", "NOCHANNELS removed."));
    ok(b.cmd("gossip hello!", "You gossip 'hello!'"));
    ok(a.cmd("noemote birch", "NOEMOTE set."));
    ok(b.cmd("emote waves", "You can't show your emotions."));
    ok(a.cmd("noemote birch", "NOEMOTE removed."));
}

#[test]
fn an_alias_survives_quit_and_login() {
    let server = ok(Server::start());
    let mut a = ok(server.connect());
    ok(a.create_character("Aspen", "secret1"));
    ok(a.cmd(
        "alias zz say from my alias",
        "zz is now aliased to 'say from my alias'.",
    ));
    ok(a.cmd("zz and more", "You say 'from my alias and more'"));
    ok(a.cmd("quit", "Alas, all good things must come to an end."));
    assert!(a.wait_closed(WAIT));
    let text = ok(common::wait_for_file(
        &server.player_dir.join("Aspen"),
        |t| t.contains("Alias zz say from my alias~"),
    ));
    assert!(text.contains("Alias zz"), "{text}");

    let mut a = ok(server.connect());
    ok(a.login("Aspen", "secret1"));
    ok(a.cmd("alias", "zz:  say from my alias"));
    ok(a.cmd("zz", "You say 'from my alias'"));
    ok(a.cmd("unalias zz", "Alias removed."));
    ok(a.cmd("zz", "Huh?"));
}

#[test]
fn long_answers_stop_at_the_pager() {
    let server = ok(Server::start());
    let mut a = ok(server.connect());
    ok(a.create_character("Pager", "secret1"));
    ok(a.cmd("scroll 12", "Scroll set to 12 lines."));
    // `commands` is far longer than ten lines.
    let first = ok(a.cmd("commands", "[Hit Return to continue]"));
    assert!(first.contains("north") || first.contains("cast"), "{first}");
    // Nothing more until the player answers.
    let idle = a.drain(Duration::from_millis(300));
    assert!(!idle.contains("Hit Return"), "{idle}");
    // `r` shows the same page again; Return and `c` go on.
    let again = ok(a.cmd("r", "[Hit Return to continue]"));
    assert!(again.contains("cast"), "{again}");
    let second = ok(a.cmd("c", "[Hit Return to continue]"));
    assert!(!second.contains("cast "), "{second}");
    // `q` stops: the prompt is back and commands work again.
    ok(a.cmd("q", "> "));
    ok(a.cmd("commands", "[Hit Return to continue]"));
    let second = ok(a.cmd("", "[Hit Return to continue]"));
    assert!(!second.contains("cast "), "{second}");
    ok(a.cmd("q", "> "));
    let after = ok(a.cmd("say done paging", "You say 'done paging'"));
    assert!(!after.contains("Hit Return"), "{after}");
    // Paging all the way to the end ends with the prompt.
    ok(a.cmd("scroll 100", "Scroll set to 100 lines."));
    ok(a.cmd("commands", "> "));
    ok(a.cmd("scroll 0", "Paging disabled."));
    let whole = ok(a.cmd("commands", "> "));
    assert!(!whole.contains("Hit Return"), "{whole}");
}

#[test]
fn delete_asks_twice_then_removes_the_character() {
    let server = ok(Server::start());
    let mut imp = ok(server.connect());
    ok(imp.create_character("Zorvek", "secret1"));
    let mut a = ok(server.connect());
    ok(a.create_character("Xandrel", "secret1"));
    // A new character is saved at once.
    let file = server.player_dir.join("Xandrel");
    ok(common::wait_for_file(&file, |_| true));
    ok(a.cmd(
        "delet",
        "You must type the full command to delete yourself.",
    ));
    ok(a.cmd("delete", "Type delete again to confirm this command."));
    ok(a.cmd("delete no", "Delete status removed."));
    ok(a.cmd("delete", "Type delete again to confirm this command."));
    ok(imp.cmd("wiznet on", "Welcome to Wiznet!"));
    ok(a.cmd("delete", "Alas, all good things must come to an end."));
    assert!(a.wait_closed(WAIT), "the link closes");
    ok(imp.expect("Xandrel has deleted their character.", WAIT));
    assert!(!file.exists(), "the player file is gone");
    // The name is free again.
    let mut again = ok(server.connect());
    ok(again.expect("By what name do you wish to be known?", WAIT));
    if let Err(e) = again.cmd("Xandrel", "(Y/N)? ") {
        panic!("{e}\n{}", server.log());
    }
}

#[test]
fn a_copyover_keeps_aliases_channels_replay_drafts_and_notes() {
    let server = ok(Server::start());
    let mut imp = ok(server.connect());
    ok(imp.create_character("Alder", "secret1"));
    let mut b = ok(server.connect());
    ok(b.create_character("Birch", "secret2"));
    ok(imp.expect("Birch has entered the game.", WAIT));

    ok(b.cmd("alias zz say carried over", "zz is now aliased to"));
    ok(b.cmd("music", "Music channel is now OFF."));
    ok(b.cmd("note to alder", "Ok."));
    ok(b.cmd("note + half written", "Ok."));
    ok(imp.cmd("note to birch", "Ok."));
    ok(imp.cmd("note subject Before", "Ok."));
    ok(imp.cmd("note + posted before the copyover", "Ok."));
    ok(imp.cmd("note post", "Note posted."));
    ok(b.cmd("afk", "AFK mode set."));
    ok(imp.cmd("tell birch kept for later", "your tell will go through"));

    ok(imp.cmd("copyover", "Your body rematerializes."));
    ok(b.expect("Your body rematerializes.", WAIT));

    ok(b.cmd("zz", "You say 'carried over'"));
    ok(b.cmd("channels", "music          OFF"));
    ok(b.cmd("afk", "AFK mode removed. Type 'replay' to see tells."));
    ok(b.cmd("replay", "Alder tells you 'kept for later'"));
    ok(b.cmd("unread", "You have 1 new note waiting."));
    ok(b.cmd("note read", "posted before the copyover"));
    ok(b.cmd("note show", "half written"));
}

#[test]
fn information_commands_and_display_settings() {
    let server = ok(Server::start());
    let mut imp = ok(server.connect());
    ok(imp.create_character("Alder", "secret1"));
    let mut b = ok(server.connect());
    ok(b.create_character("Birch", "secret2"));
    ok(imp.expect("Birch has entered the game.", WAIT));

    ok(b.cmd("credits", "ROM"));
    ok(b.cmd("motd", "Welcome to GraceMUD"));
    ok(b.cmd("rules", "The rules of this world are short"));
    ok(b.cmd("story", "river towns"));
    ok(b.cmd("wizlist", "The immortals of this world"));
    ok(b.cmd("imotd", "Huh?"));
    ok(imp.cmd("imotd", "Immortal message of the day."));
    ok(b.cmd("areas", "Wrenford"));
    ok(b.cmd("count", "There are 2 characters on, the most so far today."));
    ok(b.cmd("whois ald", "Alder"));
    ok(b.cmd("worth", "exp to level)."));
    ok(b.cmd("report", "You say 'I have "));
    ok(imp.expect("Birch says 'I have ", WAIT));
    ok(b.cmd("compare vest", "You do not have that item."));

    // compact: no blank line before the prompt.
    let t = ok(b.cmd("time", "> "));
    assert!(t.contains("\n\n<"), "a blank line before the prompt: {t:?}");
    ok(b.cmd("compact", "Compact mode set."));
    let t = ok(b.cmd("time", "> "));
    assert!(!t.contains("\n\n<"), "compact: {t:?}");
    ok(b.cmd("compact", "Compact mode removed."));
    ok(b.cmd("brief", "Short descriptions activated."));
    ok(b.cmd("nosummon", "immune to summon"));
    ok(b.cmd("noloot", "Your corpse may now be looted."));
    // Immortals may follow anyone: the immortal refuses, the player asks.
    ok(imp.cmd("nofollow", "You no longer accept followers."));
    ok(b.cmd("follow alder", "Alder doesn't seem to want any followers."));
    ok(imp.cmd("nofollow", "You now accept followers."));
    ok(b.cmd("follow alder", "You now follow Alder."));

    // outfit replaces what is missing; bug and typo reach the log.
    ok(b.cmd("remove vest", "You stop using"));
    ok(b.cmd("drop vest", "You drop"));
    ok(b.cmd("outfit", "sees that you are equipped."));
    ok(b.cmd("equipment", "vest"));
    ok(imp.cmd("outfit", "Find it yourself!"));
    ok(b.cmd("bug the fountain is dry", "Bug logged."));
    ok(b.cmd("typo teh shrine", "Typo logged."));
    let deadline = std::time::Instant::now() + WAIT;
    while !server.log().contains("Bug report: ") && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = server.log();
    assert!(log.contains("Birch: the fountain is dry"), "{log}");
}

/// A 200-line help page (added to a copy of the bundled world) stops at
/// the pager every `scroll` lines and goes on page by page to its end.
#[test]
fn a_two_hundred_line_help_page_stops_at_the_pager() {
    let areas = common::fresh_dir("pager-areas");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("areas");
    for entry in std::fs::read_dir(&src).unwrap_or_else(|e| panic!("{e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        std::fs::copy(entry.path(), areas.join(entry.file_name()))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let help = areas.join("help.are");
    let text = std::fs::read(&help).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&text).into_owned();
    let page: String = (1..=200)
        .map(|i| format!("Line {i:03} of the long page.\n"))
        .collect();
    let text = text.replacen("#HELPS\n", &format!("#HELPS\n0 LONGPAGE~\n{page}~\n"), 1);
    std::fs::write(&help, text).unwrap_or_else(|e| panic!("{e}"));
    let server = ok(common::Server::launch(&common::Launch {
        areas: Some(&areas),
        ..common::Launch::default()
    }));
    let mut a = ok(server.connect());
    ok(a.create_character("Reader", "secret1"));
    ok(a.cmd("scroll 50", "Scroll set to 50 lines."));
    let first = ok(a.cmd("help longpage", "[Hit Return to continue]"));
    assert!(
        first.contains("Line 001") && !first.contains("Line 060"),
        "{first}"
    );
    let mut pages = 1;
    let mut seen = first;
    while !seen.contains("Line 200") {
        seen = ok(a.cmd("", "Line"));
        seen += &a.drain(Duration::from_millis(100));
        pages += 1;
        assert!(pages < 10, "never reached the end: {seen}");
    }
    // 200 lines (and the title) at 50 a page: four or five pages.
    assert!((4..=6).contains(&pages), "{pages} pages");
    let _ = std::fs::remove_dir_all(&areas);
}
