#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gracemud::db::load_area_str("fuzz.are", data);
});
