//! Every skill and spell of the table has a help entry in the bundled
//! world that names it as one of its keywords (what `help <name>` finds
//! first), so a new player can read what each one does.

use std::path::Path;

use gracemud::game::act_info::help_entry;
use gracemud::world::rules::SKILLS;
use gracemud::world::World;

#[test]
fn every_skill_and_spell_has_help() {
    let r = gracemud::db::load_area_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/areas")));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let world = World::new(r.protos, 1);
    let keyword_of = |name: &str| {
        world.helps.iter().any(|h| {
            let mut rest = h.keywords.as_str();
            loop {
                let (word, r) = gracemud::world::handler::one_argument(rest);
                if word.is_empty() {
                    return false;
                }
                if word.eq_ignore_ascii_case(name) {
                    return true;
                }
                rest = r;
            }
        })
    };
    let missing: Vec<&str> = SKILLS
        .iter()
        .map(|s| s.name)
        .filter(|n| !n.is_empty() && *n != "reserved" && !keyword_of(n))
        .collect();
    assert!(missing.is_empty(), "no help names: {missing:?}");
    // And `help` finds it (at level 1).
    for s in SKILLS
        .iter()
        .filter(|s| !s.name.is_empty() && s.name != "reserved")
    {
        assert!(help_entry(&world, s.name, 1).is_some(), "{}", s.name);
    }
}

/// Builders read the OLC commands: each has a help entry that `help`
/// finds at level 1 (OLC is open to anyone with security).
#[test]
fn every_olc_command_has_help() {
    let r = gracemud::db::load_area_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/areas")));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let world = World::new(r.protos, 1);
    for name in [
        "olc", "edit", "redit", "oedit", "medit", "aedit", "hedit", "mpedit", "resets", "alist",
        "asave", "sedit",
    ] {
        let h = help_entry(&world, name, 1);
        assert!(h.is_some(), "no help for {name}");
    }
}
