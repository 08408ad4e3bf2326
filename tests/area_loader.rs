//! The area loader against the stock ROM 2.4 files in `../shared/rom-areas`:
//! every file must load with zero errors and mean what ROM makes of it, and a
//! planted error must be reported at its `file:line:col`.
//!
//! The stock files are not part of this repository; when the directory is
//! absent the tests print a note and pass.

use std::path::{Path, PathBuf};

use gracemud::db::{self, tables, Severity};
use gracemud::world::flags::*;
use gracemud::world::proto::*;

fn rom_areas() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    if dir.join("area.lst").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} not found; skipping the stock-area tests",
            dir.display()
        );
        None
    }
}

/// A fresh, empty temporary directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gracemud-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

#[test]
fn every_stock_file_loads_without_errors() {
    let Some(dir) = rom_areas() else { return };
    let report = db::load_area_dir(&dir);
    for d in &report.errors {
        eprintln!("{d}");
    }
    assert!(report.errors.is_empty(), "{} errors", report.errors.len());
    assert!(report
        .warnings
        .iter()
        .all(|w| w.severity == Severity::Warning));
    eprintln!(
        "{} ({} warnings, {:?})",
        db::summary_line(&report.protos),
        report.warnings.len(),
        report.elapsed
    );

    let p = &report.protos;
    assert_eq!(
        db::summary_line(p),
        "10 areas, 627 rooms, 217 mobiles, 363 objects, 1166 resets, 21 shops, 144 helps, 244 socials"
    );

    // Midgaard's temple.
    let temple = &p.rooms[&RoomVnum(3001)];
    assert_eq!(temple.name, "The Temple Of Mota");
    assert!(temple.exits.iter().flatten().any(|e| e.to.is_some()));
    assert!(
        temple.flags & ROOM_LAW != 0,
        "rooms 3000-3399 are law rooms"
    );
    assert!(temple.origin.file.ends_with("midgaard.are"));

    // Hassan's scimitar: weapon BI AN / sword 4 10 cleave EF / 42 450 5600 P.
    let scimitar = &p.objs[&ObjVnum(3005)];
    assert_eq!(scimitar.item_type, item::WEAPON);
    assert_eq!(scimitar.extra_flags, tables::letters("BI"));
    assert_eq!(scimitar.wear_flags, wear::TAKE | wear::WIELD);
    let cleave = tables::attack_lookup("cleave").unwrap() as i64;
    assert_eq!(
        scimitar.values,
        [i64::from(WEAPON_SWORD), 4, 10, cleave, 48]
    );
    assert_eq!(
        (
            scimitar.level,
            scimitar.weight,
            scimitar.cost,
            scimitar.condition
        ),
        (42, 450, 5600, 100)
    );
    assert_eq!(scimitar.extra[0].keyword, "scimitar blade");
    assert_eq!(scimitar.origin.line, 999);

    // The thief: AC x 10, race bits, first letter of descriptions upper-cased.
    let thief = &p.mobs[&MobVnum(3005)];
    assert_eq!(thief.ac, [20, 40, 30, 70]);
    assert_eq!(thief.sex, SEX_EITHER);
    assert_eq!(thief.spec_fun.as_deref(), Some("spec_thief"));
    assert!(thief.act & ACT_IS_NPC != 0);

    // Hassan's reset and shop keepers.
    let midgaard = p.areas.iter().find(|a| a.file == "midgaard.are").unwrap();
    assert_eq!(midgaard.name, "Midgaard");
    assert_eq!(
        midgaard.resets[0].cmd,
        ResetCmd::Mob {
            mob: MobVnum(3011),
            world_limit: 1,
            room: RoomVnum(3001),
            room_limit: 1
        }
    );
    assert!(p.mobs[&MobVnum(3000)].shop.is_some());

    // Socials and helps.
    let kiss = p.socials.iter().find(|s| s.name == "kiss").unwrap();
    assert_eq!(
        kiss.char_no_arg.as_deref(),
        Some("Isn't there someone you want to kiss?")
    );
    assert_eq!(kiss.others_no_arg, None);
    assert_eq!(kiss.char_found.as_deref(), Some("You kiss $M."));
    assert_eq!(kiss.vict_found.as_deref(), Some("$n kisses you."));
    assert_eq!(kiss.char_auto.as_deref(), Some("All the lonely people :("));
    assert_eq!(kiss.others_auto, None);
    assert!(!p.helps.is_empty());
    let qmconfig = p.helps.iter().find(|h| h.keywords == "QMCONFIG").unwrap();
    assert_eq!(qmconfig.level, 0);
    assert!(qmconfig
        .text
        .starts_with("Syntax: qmconfig [show|ansiprompt|ansicolor|telnetga]"));
    assert_eq!(qmconfig.area, None, "help.are has no #AREA header");
}

#[test]
fn each_stock_file_also_loads_on_its_own() {
    let Some(dir) = rom_areas() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read rom-areas")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "are"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read(&path).expect("read area file");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let report = db::load_area_str(&name, &text);
        let errors: Vec<String> = report.errors.iter().map(|d| d.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn a_planted_error_names_its_file_and_line() {
    let Some(dir) = rom_areas() else { return };
    let stock = std::fs::read_to_string(dir.join("midgaard.are")).expect("read midgaard.are");
    let target = "sword 4 10 cleave EF";
    let line = stock
        .lines()
        .position(|l| l == target)
        .expect("scimitar value line")
        + 1;
    let broken = stock.replacen(target, "sword 4 1O cleave EF", 1);

    let tmp = temp_dir("planted");
    std::fs::write(tmp.join("area.lst"), "midgaard.are\n$\n").unwrap();
    std::fs::write(tmp.join("midgaard.are"), broken).unwrap();
    let report = db::load_area_dir(&tmp);
    let file = tmp.join("midgaard.are").display().to_string();
    assert_eq!(report.errors.len(), 1, "{:#?}", report.errors);
    let e = &report.errors[0];
    assert_eq!(
        (e.file.as_str(), e.line as usize, e.col),
        (file.as_str(), line, 9)
    );
    assert_eq!(
        e.message,
        "in #OBJECTS #3005: weapon dice sides: expected a number, found '1O'"
    );

    // The same through the `--check` entry point.
    let mut out = Vec::new();
    assert!(!db::run_check(&tmp, &mut out));
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with(&format!("{file}:{line}:9: in #OBJECTS #3005"))),
        "{text}"
    );
    assert!(
        text.lines().last().unwrap().contains("; 1 error, "),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn damaged_stock_files_never_panic() {
    let Some(dir) = rom_areas() else { return };
    let text = std::fs::read(dir.join("school.are")).expect("read school.are");
    let step = text.len() / 40;
    for i in 1..40 {
        let cut = i * step;
        let report = db::load_area_str("school.are", &text[..cut]);
        assert!(
            !report.errors.is_empty(),
            "school.are cut at byte {cut} must not load cleanly"
        );
        for byte in [b'~', b'#', b'x'] {
            let mut damaged = text.clone();
            damaged[cut] = byte;
            let _ = db::load_area_str("school.are", &damaged);
        }
    }
}

#[test]
fn a_missing_file_is_reported_at_its_area_lst_line() {
    let tmp = temp_dir("missing");
    std::fs::write(tmp.join("area.lst"), "\nnowhere.are\n$\n").unwrap();
    let report = db::load_area_dir(&tmp);
    assert_eq!(report.errors.len(), 1);
    let e = &report.errors[0];
    assert_eq!(e.file, tmp.join("area.lst").display().to_string());
    assert_eq!((e.line, e.col), (2, 1));
    assert!(e.message.starts_with("cannot read '"), "{}", e.message);

    std::fs::write(tmp.join("area.lst"), "nowhere.are\n").unwrap();
    let report = db::load_area_dir(&tmp);
    assert!(report
        .errors
        .iter()
        .any(|e| e.message == "missing terminating '$'"));
    let _ = std::fs::remove_dir_all(&tmp);
}
