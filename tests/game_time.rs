//! Game time in tests: `GRACEMUD_PULSE_MS` shortens the pulse, so ticks
//! (one game hour each) come in a fraction of a second and a test waits for
//! what it expects instead of for real minutes.

mod common;

use std::time::{Duration, Instant};

use common::{ok, Launch, Server};

#[test]
fn a_short_pulse_makes_game_hours_pass_quickly() {
    // 1 ms a pulse: a tick (240 pulses, one game hour) in about a quarter
    // second, a game day in six; at the normal pulse a day is 24 minutes.
    let s = ok(Server::launch(&Launch {
        env: &[("GRACEMUD_PULSE_MS", "1")],
        ..Launch::default()
    }));
    assert!(s.log().contains("GRACEMUD_PULSE_MS=1"), "{}", s.log());
    let mut c = ok(s.connect());
    ok(c.create_character("Tempo", "password1"));
    // The yard is outdoors: the sun's four messages come round each day.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while seen.len() < 2 {
        assert!(Instant::now() < deadline, "only {seen:?} in 30 s");
        let text = c.drain(Duration::from_millis(200));
        for m in [
            "The day has begun.",
            "The sun rises in the east.",
            "The sun slowly disappears in the west.",
            "The night has begun.",
        ] {
            if text.contains(m) && !seen.contains(&m) {
                seen.push(m);
            }
        }
    }
    // Commands still answer at once.
    ok(c.cmd("look", "Exits"));
    // `time` reads the clock as ROM words it, and the hour moves on.
    let first = ok(c.cmd("time", " the Month of "));
    assert!(
        first.contains("It is ") && first.contains(" o'clock "),
        "{first}"
    );
    // The gate is outdoors: `weather` tells the sky and the wind.
    let t = ok(c.cmd("weather", "blows."));
    assert!(t.contains("The sky is "), "{t}");
    assert!(
        t.contains("a warm southerly breeze") || t.contains("a cold northern gust"),
        "{t}"
    );
    // The weather changes with the hours: some sky message arrives.
    let skies = [
        "The sky is getting cloudy.",
        "It starts to rain.",
        "The clouds disappear.",
        "Lightning flashes in the sky.",
        "The rain stopped.",
        "The lightning has stopped.",
    ];
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        assert!(Instant::now() < deadline, "no weather in 120 s");
        let text = c.drain(Duration::from_millis(200));
        if skies.iter().any(|m| text.contains(m)) {
            break;
        }
    }
}
